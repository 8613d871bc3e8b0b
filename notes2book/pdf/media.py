"""What paper cannot play: videos, iframes and remote images become a caption, the URL and a QR code."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import segno
from bs4 import BeautifulSoup, Tag

from notes2book.pdf.references import url_link

_YOUTUBE_EMBED = re.compile(r"^/embed/([\w-]+)")
_VIMEO_PLAYER = re.compile(r"^/video/(\d+)")


def reader_url(url: str) -> str:
    """The address a reader should open: a video's page rather than its embeddable player."""
    parsed = urlparse(url)
    host = parsed.netloc.lower().removeprefix("www.")
    if host in ("youtube.com", "youtube-nocookie.com") and (m := _YOUTUBE_EMBED.match(parsed.path)):
        start = parse_qs(parsed.query).get("start", [""])[0]
        return f"https://www.youtube.com/watch?v={m.group(1)}" + (f"&t={start}s" if start.isdigit() else "")
    if host == "player.vimeo.com" and (m := _VIMEO_PLAYER.match(parsed.path)):
        return f"https://vimeo.com/{m.group(1)}"
    return url


def qr_data_uri(url: str) -> str:
    # An SVG QR code: vector, so it prints sharp at any size and costs WeasyPrint no raster work.
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, nl=False)


def _is_remote(url: str) -> bool:
    return urlparse(url).scheme in ("http", "https")


def _source(element: Tag) -> str:
    src = element.get("src") or ""
    if not src:
        inner = element.find("source")
        src = (inner.get("src") if inner is not None else None) or ""
    return str(src).strip()


def _card(soup: BeautifulSoup, kind: str, caption: str, url: str) -> Tag:
    figure = soup.new_tag("figure", attrs={"class": f"media-card media-{kind}"})
    figure.append(soup.new_tag("img", attrs={"class": "qr", "src": qr_data_uri(url), "alt": "QR code"}))
    figcaption = soup.new_tag("figcaption")
    title = soup.new_tag("span", attrs={"class": "media-caption"})
    title.string = caption
    link = url_link(soup, url, "reference external media-link")
    figcaption.extend([title, link])
    figure.append(figcaption)
    return figure


def replace_media(soup: BeautifulSoup, scope: Tag, words: dict[str, str]) -> int:
    """Replace each video, audio, iframe or remote image in `scope`; return how many were replaced."""
    count = 0
    for drawing in scope.find_all("object", attrs={"type": "image/svg+xml"}):
        # A drawing made at build time (the course map): printed as the picture it is.
        if not _is_remote(str(drawing.get("data") or "")):
            image = soup.new_tag("img", attrs={"src": str(drawing["data"])})
            image["class"] = drawing.get_attribute_list("class")
            drawing.replace_with(image)
    for element in scope.find_all(["iframe", "video", "audio", "object", "embed"]):
        url = _source(element) or str(element.get("data") or "")
        if not url:
            element.decompose()
            continue
        kind = "video" if element.name in ("iframe", "video", "embed", "object") else "audio"
        caption = str(element.get("title") or element.get("aria-label") or words[f"media_{kind}"])
        target = element
        # Raw HTML embeds usually sit alone in a wrapper div or paragraph: replace the wrapper.
        parent = element.parent
        if parent is not None and parent.name in ("p", "div") and len(parent.find_all(True)) == 1 + len(
                element.find_all(True)) and not parent.get_text(strip=True):
            target = parent
        target.replace_with(_card(soup, kind, caption, reader_url(url)))
        count += 1
    for image in scope.find_all("img"):
        src = str(image.get("src") or "")
        if _is_remote(src):
            caption = str(image.get("alt") or words["media_image"])
            holder = image.parent if image.parent is not None and image.parent.name == "a" else image
            holder.replace_with(_card(soup, "image", caption, src))
            count += 1
    return count
