"""The sample course's dossier, read back from the PDF as a reader (or a PDF viewer) would see it."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from tests.pdf.conftest import Built, build, external_urls, norm, page_title, toc_tree


def _doc_id(docname: str) -> str:
    return "doc-" + re.sub(r"[^\w-]+", "-", docname)


def _chapters(built: Built) -> list[tuple[str, str, list[str]]]:
    """(part caption, chapter docname, section docnames) from `_toc.yml`."""
    rows = []
    for part in toc_tree(built.project)["parts"]:
        for chapter in part["chapters"]:
            rows.append((part["caption"], chapter["file"], [s["file"] for s in chapter.get("sections", [])]))
    return rows


def _title(built: Built, docname: str) -> str:
    return page_title(built.project.root / f"{docname}.md")


def _sources_start(built: Built) -> int:
    return next(i for i, text in enumerate(built.texts) if text.startswith("Sources") or (" Sources " in text[:80]
                and "cité p." in text))


def test_every_page_is_numbered_out_of_the_total(dossier: Built) -> None:
    total = len(dossier.texts)
    assert total >= 20
    parts = {dossier.dest_page(name) for name in dossier.reader.named_destinations if re.match(r"part-\d+$", name)}
    assert len(parts) == 3
    for index, text in enumerate(dossier.texts[1:-1], 1):  # the covers carry no number
        if index in parts:  # a part's title page stands alone, as in a printed book
            assert "p. " not in text, f"page {index + 1}"
        else:
            assert f"p. {index + 1} / {total}" in text, f"page {index + 1}"


def test_cover_and_colophon_say_what_the_course_is(dossier: Built) -> None:
    cover, colophon = dossier.texts[0], dossier.texts[1]
    assert "Musées et numérique" in cover and "Équipe pédagogique" in cover
    assert "1 janvier 2026" in cover  # SOURCE_DATE_EPOCH, not the clock
    assert "Dossier produit le 1 janvier 2026" in colophon
    back = dossier.texts[-1]  # a back cover, after the Sources
    assert "Musées et numérique" in back and "Licence : CC BY-SA 4.0" in back and "p. " not in back


def test_metadata_title_author_language_and_date(dossier: Built) -> None:
    info = dossier.reader.metadata
    assert info.title == "Musées et numérique"
    assert info.author == "Équipe pédagogique"
    assert dossier.reader.trailer["/Root"]["/Lang"] == "fr"
    assert str(info["/CreationDate"]).startswith("D:20260101000000")


def test_outline_mirrors_parts_chapters_and_sections(dossier: Built) -> None:
    outline = [(depth, title) for depth, title, _ in dossier.outline()]
    for caption, chapter, sections in _chapters(dossier):
        assert (0, norm(caption)) in outline
        if _title(dossier, chapter) == norm(caption):  # a part of one chapter named as it: one entry
            assert outline.count((0, norm(caption))) == 1
            continue
        position = outline.index((1, _title(dossier, chapter)))
        part_position = outline.index((0, norm(caption)))
        assert part_position < position
        for offset, section in enumerate(sections, 1):
            assert outline[position + offset] == (2, _title(dossier, section))
    assert outline[-1] == (0, "Sources")


def test_each_chapter_starts_on_the_page_its_toc_line_says(dossier: Built) -> None:
    toc = dossier.toc()
    bookmarks = {title: page for _, title, page in dossier.outline()}
    for _, chapter, sections in _chapters(dossier):
        for docname in (chapter, *sections):
            title = _title(dossier, docname)
            printed = toc[title]
            assert dossier.dest_page(_doc_id(docname)) == printed - 1, title
            assert bookmarks[title] == printed - 1, title
            assert title in dossier.texts[printed - 1], title
        # A chapter opens a page: its title comes right after the running heads.
        page = dossier.texts[toc[_title(dossier, chapter)] - 1]
        assert page.index(_title(dossier, chapter)) < 200


def test_internal_links_land_on_the_page_they_announce(dossier: Built) -> None:
    first = dossier.dest_page(_doc_id(toc_tree(dossier.project)["root"]))
    checked = 0
    for index in range(first, _sources_start(dossier)):
        dests = {str(link["/Dest"]) for link in dossier.links(index) if "/Dest" in link}
        pages = {dossier.dest_page(name) + 1 for name in dests}
        announced = {int(n) for n in re.findall(r"voir (?:« [^»]+ », )?p\. (\d+)\)", dossier.texts[index])}
        assert announced == pages, f"page {index + 1}"
        for name in dests:
            if name.startswith("doc-"):
                docname = next(d for d in _all_docnames(dossier) if _doc_id(d) == name)
                assert _title(dossier, docname) in dossier.texts[dossier.dest_page(name)]
        checked += len(dests)
    assert checked >= 20


def _all_docnames(built: Built) -> list[str]:
    names = [toc_tree(built.project)["root"]]
    for _, chapter, sections in _chapters(built):
        names += [chapter, *sections]
    return names


def test_heading_links_land_on_their_heading(dossier: Built) -> None:
    heading_dests = [name for name in dossier.reader.named_destinations if name.endswith("-a-retenir")]
    linked = set()
    for index in range(len(dossier.texts)):
        linked |= {str(link["/Dest"]) for link in dossier.links(index) if "/Dest" in link}
    targets = [name for name in heading_dests if name in linked]
    assert targets, "the sample links to some '> À retenir' headings"
    for name in targets:
        assert "À retenir" in dossier.texts[dossier.dest_page(name)]


def _title_urls(built: Built) -> set[str]:
    """URLs of resource titles (`# [Title](url)`): printed under the title rather than in a footnote."""
    urls = set()
    for md in built.project.book.rglob("*.md"):
        urls.update(re.findall(r"^# \[[^\]]*\]\((https?://[^)\s]+)\)", md.read_text(encoding="utf-8"), re.M))
    return urls


def test_every_external_link_shows_its_url_on_its_page(dossier: Built) -> None:
    urls, title_urls = external_urls(dossier.project.book), _title_urls(dossier)
    footnoted: set[str] = set()
    for index in range(2, _sources_start(dossier)):
        joined = "".join(dossier.raw_texts[index].replace("\u200b", "").split())
        for link in dossier.links(index):
            uri = link.get("/A", {}).get("/URI")
            if uri is None:
                continue
            shown = unquote(str(uri))  # printed decoded, for people
            assert shown in joined, f"{uri} is not printed on page {index + 1}, where it is linked"
            if re.search(r"(?:^|[^\d])\d+\." + re.escape(shown), joined):
                footnoted.add(str(uri))
    assert title_urls, "the sample's resource notes have titles that link to the resource"
    assert urls - title_urls <= footnoted, "a link in the text has its URL in a numbered footnote"


def test_sources_list_every_external_resource_with_citing_pages(dossier: Built) -> None:
    start = _sources_start(dossier)
    raw = "".join("".join(text.replace("\u200b", "").split()) for text in dossier.raw_texts[start:])
    urls = external_urls(dossier.project.book)
    for url in urls:
        assert unquote(url) in raw, url
    text = " ".join(dossier.texts[start:])
    citations = re.findall(r"cité p\. (\d+(?:, \d+)*)", text)
    assert len(citations) == len(urls)
    for pages in citations:
        numbers = [int(n) for n in pages.split(", ")]
        assert numbers == sorted(set(numbers)), "each page once, in order"
        assert all(3 <= n <= start for n in numbers)
    # Sorted by title, case and accents ignored.
    # pypdf gives a page's list numbers and running heads after its text: drop them.
    pages = [re.sub(r"(?:\d+\. )*Musées et numérique Sources p\. \d+ / \d+$", "", t)
             for t in dossier.texts[start:]]
    body = " ".join(pages)
    body = body[body.index("Sources") + len("Sources"):]
    titles = [entry.split("http")[0].strip() for entry in re.split(r"cité p\. \d+(?:, \d+)*", body)[:-1]]
    plain = [unicodedata.normalize("NFKD", t.casefold()).encode("ascii", "ignore").decode() for t in titles]
    assert len(titles) == len(urls) and plain == sorted(plain)


def test_french_typography_in_text_not_in_urls(dossier: Built) -> None:
    raw = " ".join(dossier.raw_texts)
    assert "musée\u202f?" in raw
    # No word followed by an ordinary space and a colon: prose colons have their no-break space.
    # (pypdf may add a plain space between two text runs, so "\u00a0 :" is allowed.)
    assert re.search(r"\w [:;?!]", raw) is None, re.search(r".{30}\w [:;?!].{10}", raw)
    assert all("\u00a0" not in url and "\u202f" not in url for url in re.findall(r"https?://\S+", raw))


def test_same_input_gives_the_same_bytes(dossier: Built) -> None:
    first = dossier.pdf.read_bytes()
    again = build(dossier.project)
    assert again.pdf.read_bytes() == first


def test_build_reports_no_layout_warnings(dossier: Built) -> None:
    assert [d.message for d in dossier.diags.unique()] == []
    assert dossier.report.pages == len(dossier.texts)
    assert dossier.report.sources == len(external_urls(dossier.project.book))
