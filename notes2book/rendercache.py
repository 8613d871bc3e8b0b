"""Pages and workbooks of an earlier conversion, reused when nothing they are written from changed.

Rendering is most of a conversion's time, and an edit changes few pages: the note saved, and the
pages that show something of it (its title or headings in their links, its text in their embeds
or in their "cited in" quotes). Each rendered file is kept under a key that hashes everything it is
written from, so a file is reused only when every one of those inputs is the same:

- what every page depends on (`Fingerprint.common`): this code and the libraries that write the
  text, the project's settings, every book name (pages, files, labels' bases), which notes are
  unpublished or drawings, the tag pages, the attachments' sizes and dates (images are read for
  their pixels and carried inside workbooks);
- what the page depends on (`Fingerprint.page`): every field of its note and what each of its
  links resolved to, the same for each note it embeds (through embeds of embeds), for each note
  that cites it (whose words it quotes), for the notes those embed, and for each note any of these
  link to (their titles, headings and block ids name the links).

The home page (its course map lists the whole course) and the generated pages (tags, a generated
home) are always written afresh. Problems found while writing a page are kept with it and
reported again when it is reused, in the same order. Parsing a note depends on the note alone:
its tokens are kept too, by a hash of its fields, and a note is parsed again only when it changed.

The cache lives in `_build/.cache/` (`CACHE_FILE`) and holds only what the last conversion used;
a file that cannot be read is no cache. `check`, which writes nothing, uses none.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from notes2book.diagnostics import Diagnostic
from notes2book.linkgraph import LinkGraph
from notes2book.parse import Page, parse_note
from notes2book.vault import Note

CACHE_FILE = Path(".cache", "convert.pickle")  # under the build folder, beside the PDF's drawings
PACKAGE = Path(__file__).resolve().parent
# The libraries whose output is part of a page or workbook's bytes.
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "mdformat", "nbformat", "PyYAML", "docutils", "nh3", "pillow")


@dataclass(frozen=True)
class Rendered:
    """A file as written, and the problems met writing it."""

    content: bytes
    problems: tuple[Diagnostic, ...]


def code_version() -> str:
    """A hash of this package's source and the versions of the libraries that write pages: a
    changed line of notes2book must not reuse pages written by the line before."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = ""
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def _hash(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class Fingerprint:
    """The keys of a conversion's files. `common` hashes what every page is written from; `notes`
    each note's own fields and resolved links."""

    common: str
    graph: LinkGraph
    notes: dict[str, str]
    embeds: dict[str, list[str]]  # note -> the notes it embeds

    def _embedded(self, paths: Iterable[str]) -> set[str]:
        """`paths` and every note they embed, through embeds of embeds."""
        seen: set[str] = set()
        todo = list(paths)
        while todo:
            path = todo.pop()
            if path not in seen:
                seen.add(path)
                todo.extend(self.embeds.get(path, ()))
        return seen

    def page(self, path: str, role: str) -> str:
        """The key of the file `role` (a page, a workbook) written for the note at `path`."""
        citing = {citation.source for citation in self.graph.citations.get(path, [])}
        shown = self._embedded({path} | citing)
        named = {target for source in shown for target in self.graph.targets(source)}
        depends = sorted(shown | named)
        return _hash(self.common, role, path, [(dep, self.notes.get(dep, "")) for dep in depends])


def note_fingerprints(notes: dict[str, object], graph: LinkGraph) -> dict[str, str]:
    """Each note's fields and what its links resolved to, hashed."""
    links = {path: (found.resolved(), found.html_addresses()) for path, found in graph.page_links.items()}
    return {path: _hash(note, links.get(path)) for path, note in notes.items()}


def embedded_notes(graph: LinkGraph) -> dict[str, list[str]]:
    """Each note's embeds of other notes."""
    embeds: dict[str, list[str]] = {}
    for path, links in graph.page_links.items():
        for resolved in links.resolved():
            target = resolved.resolution.target
            if resolved.link.embed and target is not None and target.path != path:
                embeds.setdefault(path, []).append(target.path)
    return embeds


@dataclass
class RenderCache:
    """The files and parsed notes of the last conversion by key; what this one used, to be saved."""

    path: Path | None
    version: str = ""  # code_version(), part of every key
    _old: dict[str, object] = field(default_factory=dict)
    _used: dict[str, object] = field(default_factory=dict)
    hits: int = 0  # files reused

    @classmethod
    def load(cls, build: Path) -> RenderCache:
        path = build / CACHE_FILE
        try:
            with path.open("rb") as stream:
                old = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            old = {}
        return cls(path, code_version(), old if isinstance(old, dict) else {})

    def _take(self, key: str) -> object | None:
        found = self._old.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def get(self, key: str) -> Rendered | None:
        found = self._take(key)
        if not isinstance(found, Rendered):
            return None
        self.hits += 1
        return found

    def put(self, key: str, value: object) -> None:
        self._used[key] = value

    def parse(self, note: Note) -> Page:
        """The note parsed (notes2book.parse), as the last conversion parsed it if it is the same."""
        key = _hash(self.version, "parsed", note)
        found = self._take(key)
        if isinstance(found, bytes):
            tokens, env, headings, title, block_ids = pickle.loads(found)
            return Page(note, tokens, env, headings, title, block_ids)
        page = parse_note(note)
        # Pickled now, before any later step reads the tokens; the title is one of the headings.
        self.put(key, pickle.dumps((page.tokens, page.env, page.headings, page.title_heading, page.block_ids),
                                   pickle.HIGHEST_PROTOCOL))
        return page

    def save(self) -> None:
        """Keep what this conversion used, if that changed; a cache that cannot be written is
        only a slower next conversion."""
        if self.path is None or self._used.keys() == self._old.keys():
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pickle.dumps(self._used, pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
