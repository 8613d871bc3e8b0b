"""The sample dossier read as a printed book: references name what their page shows, headings
stay with their text."""

from __future__ import annotations

import itertools
import re
import subprocess

from tests.pdf.conftest import Built, external_urls, joined, norm


def _body_pages(built: Built) -> range:
    return range(2, len(built.texts))


def test_a_reference_names_the_title_printed_on_the_page_it_gives(dossier: Built) -> None:
    texts = [joined(page.extract_text()) for page in dossier.reader.pages]
    titled = plain = 0
    for index in _body_pages(dossier):
        # "la définition du musée selon l'ICOM (voir « Définition du musée », p. 8)"
        for title, page in re.findall(r"\(voir « (.+?) », p\. (\d+)\)", texts[index]):
            assert title in texts[int(page) - 1], f"p. {index + 1}: « {title} » is not on p. {page}"
            titled += 1
        # "Médiation numérique (voir p. 11)": the link's own words are that title (its last word,
        # the one surely inside the link, is checked).
        for words, page in re.findall(r"([^\s•«»]+) \(voir p\. (\d+)\)", texts[index]):
            assert words in texts[int(page) - 1], f"p. {index + 1}: '{words}' is not on p. {page}"
            plain += 1
    assert titled >= 10 and plain >= 40


def test_voir_p_n_never_splits_across_lines(dossier: Built) -> None:
    for index in _body_pages(dossier):
        for line in dossier.raw_texts[index].splitlines():
            assert not re.search(r"(?:^|\()voir$|(?:^|\s)p\.$", line.strip()), (index + 1, line)
            assert not re.match(r"^\d+\)", line.strip()), (index + 1, line)


def test_contents_and_bookmarks_name_the_tags_once(dossier: Built) -> None:
    assert [title for _, title, _ in dossier.outline()].count("Étiquettes") == 1
    assert sum(text.count("Étiquettes ...") for text in dossier.texts[:4]) == 1


def _resource_openings(built: Built) -> dict[str, str]:
    """Each resource page's title -> the first words of its text, from the book's pages."""
    openings = {}
    for md in (built.project.book / "ressources").glob("*.md"):
        lines = md.read_text(encoding="utf-8").split("\n---\n", 1)[1].splitlines()
        title = next(line for line in lines if line.startswith("# "))
        title = norm(re.sub(r"\\(.)", r"\1", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title[2:])))
        text = next(line for line in lines[lines.index(next(x for x in lines if x.startswith("# "))) + 1:]
                    if line.strip() and not line.startswith(("[\\#", "_", "#", ">", "!", "<", "*")))
        openings[title] = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).split()[:4])
    return openings


def test_a_resource_heading_is_printed_with_its_first_lines(dossier: Built) -> None:
    openings = _resource_openings(dossier)
    assert len(openings) >= 15
    texts = [joined(page.extract_text()) for page in dossier.reader.pages]
    bookmarks = {title: page for depth, title, page in dossier.outline() if depth == 2}
    for title, opening in openings.items():
        page = bookmarks[title]
        assert title in texts[page], title
        assert norm(opening) in texts[page], f"'{title}' p. {page + 1} is not followed by its text"


def test_no_rule_is_left_at_the_top_of_a_page(dossier: Built) -> None:
    # A resource's separation from the one before is space, which a page break swallows.
    css = next((dossier.project.build / "pdf" / ".print").glob("*.print.css")).read_text(encoding="utf-8")
    assert "border-top" not in css.split(".doc.section-page", 1)[1].split("}", 1)[0]


def _layout_lines(built: Built) -> list[list[str]]:
    """Each page's lines as `pdftotext -layout` prints them."""
    text = subprocess.run(["pdftotext", "-layout", str(built.pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [page.splitlines() for page in text.split("\f")]


def test_body_lines_are_book_length(dossier: Built) -> None:
    # Columns of a line (running heads left and right) are 3 spaces apart or more in layout mode.
    widths = []
    for number, lines in enumerate(_layout_lines(dossier), 1):
        for line in lines:
            for column in re.split(r"\s{3,}", line.strip()):
                if "http" in column or "...." in column:  # addresses and contents lines
                    continue
                assert len(column) <= 75, f"p. {number}: {len(column)} characters: {column}"
                widths.append(len(column))
    long_lines = [w for w in widths if w >= 50]
    assert len(long_lines) > 300 and sum(long_lines) / len(long_lines) < 70


def test_the_text_face_is_a_print_face_and_every_font_is_embedded(dossier: Built) -> None:
    fonts = {}
    for page in dossier.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"]).replace("-", "")] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("CharisSIL" in name for name in fonts), fonts
    assert any("DejaVuSansMono" in name for name in fonts), "code and addresses keep DejaVu Sans Mono"
    assert all(fonts.values()), [name for name, embedded in fonts.items() if not embedded]


def test_no_hyphenation_leaves_two_letters(dossier: Built) -> None:
    hyphenated = 0
    for number, text in enumerate(dossier.raw_texts, 1):
        lines = [line.strip() for line in text.splitlines()]
        for line, following in itertools.pairwise(lines):
            if line.endswith("\u2010"):
                hyphenated += 1
                before, after = re.findall(r"\w+", line)[-1], re.findall(r"\w+", following)[0]
                assert len(before) >= 3 and len(after) >= 3, f"p. {number}: {before}‐ / {after}"
    assert hyphenated >= 10


def test_urls_are_printed_decoded_and_never_broken_at_a_hyphen(dossier: Built) -> None:
    text = "\n".join(dossier.raw_texts)
    assert "https://fr.wikipedia.org/wiki/Médiation_numérique" in text.replace("\u200b", "")
    assert re.search(r"%[0-9A-Fa-f]{2}", text) is None
    # WeasyPrint hyphenates with U+2010: a line ending with "-" is an address cut at its own hyphen.
    assert [line for line in text.splitlines() if line.rstrip().endswith("-")] == []


def test_every_url_on_the_sources_pages_is_a_link(dossier: Built) -> None:
    start = next(i for i, text in enumerate(dossier.texts) if "Sources" in text[:60] and "cité p." in text)
    uris = set()
    for index in range(start, len(dossier.texts)):
        uris |= {str(link["/A"]["/URI"]) for link in dossier.links(index) if "/URI" in link.get("/A", {})}
    assert uris == external_urls(dossier.project.book)


def test_the_dossier_is_a_tagged_pdf_ua_document(dossier: Built) -> None:
    root = dossier.reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"] and "/ParentTree" in tree
    xmp = dossier.reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and "Musées et numérique" in xmp
    assert root["/Lang"] == "fr"
