"""Step 8b, second half: the single HTML page of the print build made into the dossier's HTML.

The page is cut into its documents, which are put back in the order of `_toc.yml` (one part or
all), each chapter in its own block; then come links for paper, media cards, the Sources section,
French typography, and the front matter (cover, colophon, table of contents) from a template.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from notes2book.pdf.figures import number_figures
from notes2book.pdf.formulas import set_formulas
from notes2book.pdf.headings import HEADING, anchor_headings, keep_resource_head, plain_title
from notes2book.pdf.media import qr_data_uri, replace_media
from notes2book.pdf.references import (
    Sources,
    collect_sources,
    footnote_external,
    is_external,
    link_internal,
    sources_section,
    url_link,
)
from notes2book.pdf.structure import Outline, Part
from notes2book.pdf.typography import apply_french_typography
from notes2book.printsize import margin_sides
from notes2book.soup import add_class
from notes2book.typography import french_spacing
from notes2book.words import dossier_words

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Meta:
    """What the cover, the colophon and the PDF metadata say."""

    title: str
    author: str
    language: str
    subtitle: str = ""
    version: str = ""
    licence: str = ""
    repository: str = ""
    logo: str = ""  # a file: URL, or ""
    created: datetime | None = None  # SOURCE_DATE_EPOCH, else the vault's last change; None: no date
    web: str = ""  # the web edition's address (html.baseurl), when known


@dataclass(frozen=True)
class Layout:
    paper: str = "A4"
    margins: str = "22mm 56mm 25mm 36mm"
    duplex: bool = False

    def sides(self) -> tuple[str, str, str, str]:
        """The margins as CSS gives them: top, right, bottom, left. In duplex, left is the inner
        margin (the gutter side) and right the outer one, mirrored on left-hand pages."""
        return margin_sides(self.margins)


@dataclass
class TocEntry:
    level: int  # 1 part or front/back chapter, 2 chapter, 3 section
    title: str
    target: str
    children: list[TocEntry] = field(default_factory=list)


@dataclass
class Dossier:
    html: str
    css: str
    toc: list[TocEntry]
    sources: int
    media: int


def _doc_id(docname: str) -> str:
    return "doc-" + re.sub(r"[^\w-]+", "-", docname)


def _normalise_links(soup: BeautifulSoup) -> None:
    """singlehtml writes a page link as `#document-a/b` and a label link as `book/root.html#x`."""
    for anchor in soup.select("a[href]"):
        href = str(anchor["href"])
        if href.startswith("#document-"):
            anchor["href"] = "#" + _doc_id(href[len("#document-"):])
        elif not is_external(href) and "#" in href and not href.startswith("#"):
            anchor["href"] = "#" + href.split("#", 1)[1]


def _clean(soup: BeautifulSoup) -> None:
    # `.no-print` (e.g. the site's "Télécharger le dossier PDF" link) is for the screen only.
    for tag in soup.select("a.headerlink, script, link, style, .no-print"):
        tag.decompose()
    # Sphinx wraps each image in a link to the image file: on paper the link means nothing.
    for anchor in soup.select("a.reference.internal"):
        href = str(anchor.get("href", ""))
        if not href.startswith("#") and (anchor.find("img") is not None or href.startswith("_images/")):
            anchor.unwrap()
    # Downloads and other local files cannot be opened from paper: keep the words only.
    for anchor in soup.select("a.reference.download, a.reference.internal"):
        if not str(anchor.get("href", "#")).startswith("#"):
            anchor.unwrap()


def _split_documents(soup: BeautifulSoup) -> dict[str, Tag]:
    """Each document's top section, keyed by docname. Nested documents are cut out first."""
    docs: dict[str, Tag] = {}
    for marker in reversed(soup.select('span[id^="document-"]')):
        docname = str(marker["id"])[len("document-"):]
        section = marker.find_next_sibling()
        marker.decompose()
        if section is not None:
            docs[docname] = section.extract()
    for wrapper in soup.select("div.toctree-wrapper"):
        wrapper.decompose()
    return docs


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _title_text(heading: Tag, language: str) -> str:
    text = " ".join(heading.get_text(" ", strip=True).split())
    return french_spacing(text) if language == "fr" else text


def _place(soup: BeautifulSoup, section: Tag, docname: str, base: int, bookmark: int, kind: str,
           language: str, part: str = "") -> tuple[Tag, str]:
    """Wrap a document: id for links, class for page breaks, headings renumbered from `base`."""
    wrapper = soup.new_tag("section", attrs={"class": f"doc {kind}", "id": _doc_id(docname)})
    wrapper.append(section)
    title = ""
    for heading in section.find_all(HEADING):
        depth = sum(1 for parent in heading.parents if parent.name == "section" and parent is not wrapper)
        level = min(base + depth - 1, 6)
        heading.name = f"h{level}"
        if not title:
            title = _title_text(heading, language)
            # Written out here because the heading may hold a footnote whose URL would join the label.
            style = f"bookmark-label: {_css_string(title)}"
            # Running heads: `chapter` in simplex; in duplex, the part on left-hand pages and, on
            # right-hand ones, `running`, the chapter or the resource open on the page.
            if kind.startswith("chapter"):
                style += f"; string-set: chapter {_css_string(title)}, running {_css_string(title)}"
                if part:  # a chapter that stands for its part names it
                    style += f", part {_css_string(part)}"
            elif kind == "section-page":
                style += f"; string-set: running {_css_string(title)}"
            heading["style"] = style
            add_class(heading, f"bm{bookmark}", "doc-title")
    return wrapper, title


def _titled_as_part(part: Part, docs: dict[str, Tag]) -> bool:
    """A part of one chapter titled as the part (the tags' part): the chapter stands for the part,
    so that the contents and bookmarks name it once."""
    if len(part.chapters) != 1 or part.chapters[0].docname not in docs:
        return False
    heading = docs[part.chapters[0].docname].find(HEADING)
    return heading is not None and plain_title(heading.get_text()) == plain_title(part.caption)


def _unique_ids(main: Tag) -> None:
    """Each page's own heading ids ("a-retenir") repeat across pages; links use labels, so only the
    first of each is kept (WeasyPrint would warn and keep it anyway)."""
    seen: set[str] = set()
    for tag in main.find_all(id=True):
        if tag["id"] in seen:
            del tag["id"]
        else:
            seen.add(str(tag["id"]))


def _resource_url(section: Tag) -> str | None:
    """A resource page's title links to the resource: that link is the resource's URL."""
    heading = section.find(HEADING)
    if heading is None:
        return None
    anchor = heading.find("a", href=True)
    return str(anchor["href"]) if anchor is not None and is_external(str(anchor["href"])) else None


def _format_date(when: datetime, language: str) -> str:
    from babel.dates import format_date  # Babel comes with Sphinx

    return format_date(when.date(), format="long", locale=language)


def build_dossier(page_html: str, outline: Outline, meta: Meta, layout: Layout, whole: bool) -> Dossier:
    """The dossier's HTML and CSS from the print build's page; `whole` is False for a one-part dossier."""
    words = dossier_words(meta.language)
    soup = BeautifulSoup(page_html, "html.parser")
    _normalise_links(soup)  # first: label links look like `book/root.html#x` until then
    _clean(soup)
    docs = _split_documents(soup)
    body = soup.body
    assert body is not None  # the print build's page, parsed whole
    root_section = body.find("section")
    if root_section is not None:
        docs.setdefault(outline.root, root_section.extract())

    main = soup.new_tag("main")
    toc: list[TocEntry] = []
    placed: list[tuple[str, Tag]] = []
    chapters: list[tuple[str, Tag]] = []  # (number, block) of each chapter, for its figures
    numbered = 0  # chapters so far, the introduction left out
    if whole and outline.root in docs:
        wrapper, title = _place(soup, docs[outline.root], outline.root, 1, 1, "chapter intro", meta.language)
        main.append(wrapper)
        placed.append((outline.root, wrapper))
        chapters.append(("", wrapper))
        toc.append(TocEntry(1, title, str(wrapper["id"])))
    for number, part in enumerate(outline.parts, 1):
        parent_entries, chapter_level, bookmark = toc, 1, 1
        if part.caption and not _titled_as_part(part, docs):
            part_id = f"part-{number}"
            block = soup.new_tag("section", attrs={"class": "part", "id": part_id})
            caption = french_spacing(part.caption) if meta.language == "fr" else part.caption
            heading = soup.new_tag("h1", attrs={"class": "bm1", "style": f"bookmark-label: {_css_string(caption)}; "
                                                                         f"string-set: part {_css_string(caption)}"})
            heading.string = caption
            block.append(heading)
            main.append(block)
            entry = TocEntry(1, caption, part_id)
            toc.append(entry)
            parent_entries, chapter_level, bookmark = entry.children, 2, 2
        for chapter in part.chapters:
            if chapter.docname not in docs:
                continue
            stands_for = part.caption if chapter_level == 1 and part.caption else ""
            stands_for = french_spacing(stands_for) if stands_for and meta.language == "fr" else stands_for
            wrapper, title = _place(soup, docs[chapter.docname], chapter.docname, 1, bookmark, "chapter",
                                    meta.language, stands_for)
            main.append(wrapper)
            placed.append((chapter.docname, wrapper))
            numbered += 1
            chapters.append((str(numbered), wrapper))
            chapter_entry = TocEntry(chapter_level, title, str(wrapper["id"]))
            parent_entries.append(chapter_entry)
            for docname in chapter.sections:
                if docname not in docs:
                    continue
                sub, sub_title = _place(soup, docs[docname], docname, 2, bookmark + 1, "section-page",
                                     meta.language)
                # Inside the chapter's block, so the chapter's running head stays on its pages.
                wrapper.append(sub)
                placed.append((docname, sub))
                chapter_entry.children.append(TocEntry(chapter_level + 1, sub_title, str(sub["id"])))

    anchor_headings(soup, main)
    _unique_ids(main)
    targets = {str(tag["id"]): tag for tag in main.find_all(id=True)}
    resource_urls: dict[str, str] = {}
    titles: dict[str, str] = {}
    for _, wrapper in placed:
        url = _resource_url(wrapper)
        head = wrapper.find(HEADING)
        if url and head is not None:
            resource_urls[str(wrapper.get("id") or head["id"])] = url  # the id links use
            titles.setdefault(url, _title_text(head, meta.language))
            keep_resource_head(soup, head)
    media = sum(replace_media(soup, wrapper, words) for _, wrapper in placed)
    number_figures(soup, chapters, words["figure"])
    for _, wrapper in placed:
        set_formulas(soup, wrapper)
    sources = Sources()
    for docname, wrapper in placed:
        link_internal(wrapper, targets, lambda heading: _title_text(heading, meta.language))
        collect_sources(wrapper, docname, resource_urls, titles, sources)
    for _, wrapper in placed:
        footnote_external(soup, wrapper)
    if sources.by_url:
        main.append(sources_section(soup, sources, words))
        toc.append(TocEntry(1, words["sources"], "sources"))
    if meta.language == "fr":
        apply_french_typography(main)

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(["html"]),
                             trim_blocks=True, lstrip_blocks=True)
    part_title = outline.parts[0].caption if not whole and outline.parts else ""
    built = _format_date(meta.created, meta.language) if meta.created else ""
    qr = qr_data_uri(meta.web) if meta.web else ""
    # The address printed decoded and breakable, as every URL of the dossier, and clickable.
    web_link = Markup(str(url_link(soup, meta.web, "web-link"))) if meta.web else ""
    values = {"meta": meta, "words": words, "toc": toc, "part_title": part_title, "built": built, "qr": qr,
              "web_link": web_link, "created": meta.created.strftime("%Y-%m-%dT%H:%M:%SZ") if meta.created else ""}
    document = BeautifulSoup(env.get_template("frontmatter.html").render(**values), "html.parser")
    assert document.body is not None  # the front matter template's
    document.body.append(main)
    document.body.append(BeautifulSoup(env.get_template("backcover.html").render(**values), "html.parser"))
    # Spaces inside "voir p. 12" are non-breaking: the reference never splits across lines.
    css_words = {key: _css_string(words[key].replace(" ", "\u00a0")) for key in ("see", "see_title", "see_title_end")}
    css = env.get_template("print.css").render(layout=layout, words=words, css_words=css_words,
                                               course=_css_string(meta.title))
    return Dossier(str(document), css, toc, len(sources.by_url), media)


def last_change(vault: Path) -> datetime | None:
    """When the vault's notes last changed: the newest modification time of its notes (hidden
    folders such as .obsidian/ and .trash/ left out), to the second; None without notes. The same
    files give the same date, whatever the clock says."""
    newest = None
    for folder, subfolders, files in os.walk(vault):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                mtime = int(os.stat(os.path.join(folder, name)).st_mtime)
                newest = mtime if newest is None or mtime > newest else newest
    return datetime.fromtimestamp(newest, tz=UTC) if newest is not None else None


def created_from_epoch(value: str | None) -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a UTC date, or None when unset or invalid."""
    if not value or not value.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)
