"""Step 1: walk the vault once, read-only, into Note records."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import frontmatter
import nbformat
import yaml

from notes2book.config import Settings
from notes2book.diagnostics import Diagnostics

MAX_NOTE_BYTES = 5 * 1024 * 1024


class NoteKind(StrEnum):
    """What a page of the course is: it decides where the page goes and what is generated for it."""

    QUESTION = "question"  # tagged as a question: a chapter, with its workbook
    RESOURCE = "resource"  # tagged as a resource: placed under the question that cites it first
    OTHER = "other"
    DRAWING = "drawing"  # an Excalidraw drawing: only Obsidian's plugin draws it; never a page
    NOTEBOOK = "notebook"  # a vault's .ipynb a note links to: a page of the course, never a note


@dataclass(frozen=True)
class Note:
    path: str  # vault-relative POSIX path, NFC
    meta: dict[str, Any]
    body: str
    body_line: int  # line of the file where `body` starts (1-based)
    kind: NoteKind  # QUESTION, RESOURCE, OTHER, or DRAWING for an unpublished drawing
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    published: bool = True

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1][: -len(".md")]

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


@dataclass(frozen=True)
class Vault:
    root: Path
    notes: tuple[Note, ...]
    attachments: tuple[str, ...]  # vault-relative POSIX paths, NFC
    attachment_folder: str = ""
    strict_line_breaks: bool = False  # Obsidian's default shows a single newline as a line break
    notebooks: tuple[str, ...] = ()  # the .ipynb attachments that are valid notebooks
    disk_paths: dict[str, Path] = field(default_factory=dict, compare=False)

    def disk_path(self, path: str) -> Path:
        """Where a vault path lives on disk (names may be NFD there)."""
        return self.disk_paths.get(path, self.root / path)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _as_strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = re.split(r"[,\s]+", value) if "," in value or " " in value.strip() else [value]
    elif isinstance(value, (list, tuple)):
        items = [str(v) for v in value if v is not None]
    else:
        items = [str(value)]
    return tuple(i.strip() for i in items if i and i.strip())


def note_tags(meta: dict[str, Any]) -> tuple[str, ...]:
    raw = _as_strings(meta.get("tags")) + _as_strings(meta.get("tag"))
    return tuple(dict.fromkeys(t.lstrip("#") for t in raw if t.lstrip("#")))


def note_aliases(meta: dict[str, Any]) -> tuple[str, ...]:
    found: list[str] = []
    for key in ("aliases", "alias"):
        value = meta.get(key)
        if isinstance(value, str):
            found.append(value.strip())
        elif isinstance(value, (list, tuple)):
            found.extend(str(v).strip() for v in value if v is not None)
    return tuple(dict.fromkeys(a for a in found if a))


def is_drawing(path: str, meta: dict[str, Any]) -> bool:
    """An Excalidraw drawing, kept by its plugin as a note of compressed data."""
    return "excalidraw-plugin" in meta or path.lower().endswith(".excalidraw.md")


def _kind(tags: tuple[str, ...], settings: Settings) -> NoteKind:
    folded = {t.casefold() for t in tags}
    if folded & {t.casefold() for t in settings.question_tags}:
        return NoteKind.QUESTION
    if folded & {t.casefold() for t in settings.resource_tags}:
        return NoteKind.RESOURCE
    return NoteKind.OTHER


def _decode(raw: bytes, rel: str, diags: Diagnostics) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.error(
            "not-utf8",
            rel,
            line,
            f"the note is not UTF-8 (byte 0x{raw[exc.start]:02x}); it was read as Windows-1252",
            "re-save the note as UTF-8",
        )
        return raw.decode("cp1252", errors="replace")


def _split_front_matter(text: str, rel: str, diags: Diagnostics) -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, first line of body); a broken header keeps the body."""
    handler = frontmatter.YAMLHandler()
    if not text.startswith("---") or not handler.detect(text):
        return {}, text, 1
    try:
        header, body = handler.split(text)
    except ValueError:
        return {}, text, 1
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    try:
        meta = handler.load(header)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        diags.error("front-matter-yaml", rel, line, f"front matter is not valid YAML: {problem}",
                    "fix the YAML between the two '---' lines; the note was converted without it")
        return {}, body, body_line
    if meta is None:
        return {}, body, body_line
    if not isinstance(meta, dict):
        diags.error("front-matter-not-mapping", rel, 2,
                    f"front matter is a {type(meta).__name__}, not a mapping of keys to values",
                    "write it as 'key: value' lines; the note was converted without it")
        return {}, body, body_line
    return {str(k): v for k, v in meta.items()}, body, body_line


@dataclass(frozen=True)
class AppSettings:
    """What Obsidian's .obsidian/app.json says that changes what the reader sees."""

    ignore_patterns: tuple[re.Pattern[str], ...] = ()
    ignore_prefixes: tuple[str, ...] = ()
    attachment_folder: str = ""
    strict_line_breaks: bool = False


def _app_settings(root: Path, diags: Diagnostics) -> AppSettings:
    app = root / ".obsidian" / "app.json"
    if not app.is_file():
        return AppSettings()
    try:
        data = json.loads(app.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        diags.warning("obsidian-app-json", ".obsidian/app.json", None, f"cannot be read: {exc}")
        return AppSettings()
    patterns: list[re.Pattern[str]] = []
    prefixes: list[str] = []
    for entry in data.get("userIgnoreFilters") or []:
        if not isinstance(entry, str) or not entry:
            continue
        if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
            try:
                patterns.append(re.compile(entry[1:-1]))
            except re.error:
                diags.warning("obsidian-app-json", ".obsidian/app.json", None,
                              f"excluded-files pattern {entry!r} is not a valid regular expression")
        else:
            prefixes.append(nfc(entry))
    folder = data.get("attachmentFolderPath") or ""
    folder = nfc(folder).strip("/") if isinstance(folder, str) and not folder.startswith("./") else ""
    return AppSettings(tuple(patterns), tuple(prefixes), folder, data.get("strictLineBreaks") is True)


def read_vault(root: Path, settings: Settings, diags: Diagnostics) -> Vault:
    """Read every note and list every attachment; never writes."""
    root = root.resolve()
    if not root.is_dir():
        diags.error("vault-missing", "", None, f"the vault folder {root} does not exist")
        return Vault(root, (), ())
    app = _app_settings(root, diags)

    def excluded(rel: str) -> bool:
        return (
            any(rel == p.rstrip("/") or rel.startswith(p.rstrip("/") + "/") for p in app.ignore_prefixes)
            or any(p.search(rel) for p in app.ignore_patterns)
            or any(fnmatch.fnmatchcase(rel, g) for g in settings.exclude)
        )

    notes: list[Note] = []
    attachments: list[str] = []
    disk: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        rel_dir = nfc(here.relative_to(root).as_posix())
        rel_dir = "" if rel_dir == "." else rel_dir
        kept = []
        for d in sorted(dirnames):
            rel = nfc(f"{rel_dir}/{d}".lstrip("/"))
            if d.startswith(".") or excluded(rel) or _name_not_utf8(rel, diags):
                continue
            if (here / d).is_symlink():
                # Not followed: inside the vault it would be read twice, outside it is not ours.
                if not (here / d).resolve().is_relative_to(root):
                    diags.error("outside-vault", rel, None, "symbolic link to a folder outside the vault; skipped")
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = nfc(f"{rel_dir}/{name}".lstrip("/"))
            if excluded(rel) or _name_not_utf8(rel, diags):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                diags.error("outside-vault", rel, None, "symbolic link to a file outside the vault; skipped")
                continue
            disk[rel] = path
            if not name.lower().endswith(".md"):
                attachments.append(rel)
                continue
            note = _read_note(path, rel, settings, diags)
            if note is not None:
                notes.append(note)
    notes.sort(key=lambda n: n.path)
    attachments.sort()
    notebooks = tuple(p for p in attachments if p.lower().endswith(".ipynb") and _valid_notebook(disk[p], p, diags))
    return Vault(root, tuple(notes), tuple(attachments), app.attachment_folder, app.strict_line_breaks,
                 notebooks, disk)


def _name_not_utf8(rel: str, diags: Diagnostics) -> bool:
    """A name whose bytes are not UTF-8 (os.walk keeps them as surrogates) can be neither a page's
    name nor written in one: reported, with its bytes shown as "�", and skipped."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(rel).decode("utf-8", errors="replace")
        diags.error("name-not-utf8", shown, None, "this name is not UTF-8; skipped",
                    "rename it (a name typed again in Obsidian or the file manager is UTF-8)")
        return True
    return False


def _valid_notebook(path: Path, rel: str, diags: Diagnostics) -> bool:
    """A notebook Jupyter Book can show as a page; any other is offered as a download."""
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
        return True
    except (OSError, ValueError, UnicodeDecodeError, nbformat.ValidationError, AttributeError, KeyError) as exc:
        diags.warning("notebook-invalid", rel, None, f"not a valid Jupyter notebook ({type(exc).__name__}); "
                      "offered as a download instead of a page", "open and save it again in Jupyter")
        return False


def read_note(path: Path, rel: str, settings: Settings, diags: Diagnostics) -> Note | None:
    """One note, read as `read_vault` reads each (None when it cannot be, with a diagnostic)."""
    return _read_note(path, rel, settings, diags)


def _read_note(path: Path, rel: str, settings: Settings, diags: Diagnostics) -> Note | None:
    try:
        size = path.stat().st_size
        if size > MAX_NOTE_BYTES:
            diags.error("note-too-large", rel, None,
                        f"the note is {size // (1024 * 1024)} MB, over the {MAX_NOTE_BYTES // (1024 * 1024)} MB limit; skipped")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diags.error("unreadable", rel, None, f"cannot be read: {exc.strerror or exc}")
        return None
    if b"\x00" in raw:
        diags.error("binary-note", rel, None, "this .md file holds binary data, not text; skipped")
        return None
    text = _decode(raw, rel, diags).replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line = _split_front_matter(text, rel, diags)
    tags = note_tags(meta)
    published = settings.include_drafts or not (meta.get("publish") is False or meta.get("draft") is True)
    drawing = is_drawing(rel, meta)
    return Note(
        path=rel,
        meta=meta,
        body=body,
        body_line=body_line,
        kind=NoteKind.DRAWING if drawing else _kind(tags, settings),
        tags=tags,
        aliases=note_aliases(meta),
        published=published and not drawing,
    )
