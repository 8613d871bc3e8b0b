"""The dossier's figures: every image alone in its paragraph, and every captioned figure of the
notes, numbered per chapter (« Figure 2.1 — légende »), captioned by the note's caption line, else
by the image's alt text. The alt text stays on the image, for the tagged PDF."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from notes2book.soup import add_class

_NOT_FIGURES = ("media-card", "diagram")  # cards for what paper cannot play; Mermaid drawings


def _lone_image(paragraph: Tag) -> Tag | None:
    """The image a paragraph holds and nothing else (no words beside it)."""
    images = paragraph.find_all("img")
    if len(images) != 1 or paragraph.get_text(strip=True) or "formula" in images[0].get_attribute_list("class"):
        return None
    return images[0]


def _figures(scope: Tag) -> list[Tag]:
    """The chapter's figures in reading order, images alone in a paragraph made figures."""
    found = []
    for element in scope.find_all(["figure", "p"]):
        if element.name == "figure":
            if not set(_NOT_FIGURES) & set(element.get_attribute_list("class")) and element.find("img") is not None \
                    and element.find(class_="media-card") is None:
                found.append(element)
        elif element.find_parent("figure") is None and (image := _lone_image(element)) is not None:
            element.name, element.attrs = "figure", {}
            element.clear()
            element.append(image)
            found.append(element)
    return found


def number_figures(soup: BeautifulSoup, chapters: list[tuple[str, Tag]], word: str) -> int:
    """Number the figures of each (number, chapter) pair, `number` "" for an unnumbered one (the
    introduction); return how many were numbered."""
    count = 0
    for number, chapter in chapters:
        for index, figure in enumerate(_figures(chapter), 1):
            add_class(figure, "numbered")
            for sphinx_number in figure.select(".caption-number"):  # the site's own, book-wide "Fig. 1"
                sphinx_number.decompose()
            caption = figure.find("figcaption")
            if caption is None:
                caption = soup.new_tag("figcaption")
                image = figure.find("img")
                alt = str(image.get("alt") or "").strip() if isinstance(image, Tag) else ""
                if alt:
                    text = soup.new_tag("span", attrs={"class": "caption-text"})
                    text.string = alt
                    caption.append(text)
                figure.append(caption)
            holder = caption.find("p") or caption
            label = soup.new_tag("span", attrs={"class": "figure-number"})
            has_text = bool(holder.get_text(strip=True))
            label.string = f"{word}\u00a0{number}.{index}" if number else f"{word}\u00a0{index}"
            holder.insert(0, label)
            if has_text:
                label.insert_after("\u00a0— ")
            count += 1
    return count
