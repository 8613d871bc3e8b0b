"""The dossier's outline, read from `_toc.yml`: the contract `convert` writes for every builder."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class OutlineError(Exception):
    """`_toc.yml` is missing or not what `convert` writes."""


class PartNotFound(OutlineError):
    """`--part` names no part of the course: a usage error rather than a failed build."""


@dataclass(frozen=True)
class Chapter:
    docname: str
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    caption: str  # "" for a book without parts
    chapters: tuple[Chapter, ...] = ()


@dataclass(frozen=True)
class Outline:
    root: str
    parts: tuple[Part, ...] = field(default=())

    def docnames(self) -> list[str]:
        """Every page of the dossier in reading order, the root first."""
        names = [self.root]
        for part in self.parts:
            for chapter in part.chapters:
                names += [chapter.docname, *chapter.sections]
        return names

    def only_part(self, name: str) -> Outline:
        """The outline of one part, named by its caption (any case) or its number from 1."""
        captions = [part.caption for part in self.parts]
        if name.isdigit() and 1 <= int(name) <= len(self.parts):
            return Outline(self.root, (self.parts[int(name) - 1],))
        wanted = name.casefold().strip()
        for part in self.parts:
            caption = part.caption.casefold()
            # "Partie 2" matches "Partie 2 — Communiquer...": captions are long to type.
            if caption == wanted or caption.startswith(wanted + " "):
                return Outline(self.root, (part,))
        # Compared with the captions' beginnings: a user types "Partie 2", not the whole caption.
        starts = {caption[:len(name)].casefold(): caption for caption in captions}
        close = difflib.get_close_matches(name.casefold(), list(starts), n=1, cutoff=0.6)
        hint = f" (did you mean '{starts[close[0]]}'?)" if close else ""
        listed = "; ".join(f"{i}. {c}" for i, c in enumerate(captions, 1)) or "none"
        raise PartNotFound(f"no part named '{name}'{hint}; the parts are: {listed}")


def _entry_file(entry: object, where: str) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        raise OutlineError(f"_toc.yml @ '{where}': expected an entry with a 'file' key")
    return entry["file"].removesuffix(".md")


def _chapters(entries: object, where: str) -> tuple[Chapter, ...]:
    if not isinstance(entries, list):
        raise OutlineError(f"_toc.yml @ '{where}': expected a list of chapters")
    chapters = []
    for i, entry in enumerate(entries):
        docname = _entry_file(entry, f"{where}/{i}")
        sections = tuple(_entry_file(s, f"{where}/{i}/sections/{j}") for j, s in enumerate(entry.get("sections") or []))
        chapters.append(Chapter(docname, sections))
    return tuple(chapters)


def read_outline(toc: Path) -> Outline:
    """Parse the jb-book `_toc.yml` that `convert` writes (root, parts with captions, chapters, sections)."""
    try:
        data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise OutlineError(f"{toc}: cannot be read ({exc}); run 'python -m notes2book convert' first") from exc
    if not isinstance(data, dict) or not isinstance(data.get("root"), str):
        raise OutlineError(f"{toc}: expected a jb-book table of contents with a 'root'")
    root = data["root"].removesuffix(".md")
    if "parts" in data:
        parts = tuple(
            Part(str(part.get("caption") or ""), _chapters(part.get("chapters") or [], f"/parts/{i}/chapters"))
            for i, part in enumerate(data["parts"] or [])
        )
    else:
        parts = (Part("", _chapters(data.get("chapters") or [], "/chapters")),) if data.get("chapters") else ()
    return Outline(root, parts)
