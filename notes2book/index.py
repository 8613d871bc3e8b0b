"""Step 2: the one index of the vault, and link resolution as Obsidian does it."""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from notes2book.diagnostics import Diagnostic, Severity
from notes2book.filetypes import VIEW_EXTENSIONS, extension
from notes2book.links import Link
from notes2book.parse import Heading, Page
from notes2book.slugs import slugify, unique
from notes2book.vault import Note, NoteKind, nfc

# Characters Obsidian drops from a heading when it writes a link to it.
_HEADING_NOISE = re.compile(r"[#|^:%\[\]*_`=]")


def key(name: str) -> str:
    return nfc(name).strip().casefold()


def heading_key(text: str) -> str:
    return " ".join(_HEADING_NOISE.sub(" ", key(text)).split())


@dataclass(frozen=True)
class Target:
    kind: Literal["note", "attachment", "unpublished", "view"]
    path: str  # vault path of the note or file
    anchor: str | None = None  # label of a heading or block in that note; None for the page
    start: int | None = None  # index of the token opening that heading or block in the note's page


@dataclass(frozen=True)
class Resolution:
    target: Target | None
    problems: tuple[Diagnostic, ...] = ()


def _problem(code: str, severity: Severity, message: str, hint: str = "") -> Diagnostic:
    """A problem with a link, found without its place: `resolve_links` gives it the note and line."""
    return Diagnostic(code, severity, "", None, message, hint)


def outside_vault(target: str) -> Diagnostic:
    return _problem("outside-vault", Severity.ERROR, f"'{target}' points outside the vault",
                   "only files inside the vault can be linked; a path starting with / starts at the vault's root")


def _by_depth(path: str) -> tuple[int, int, str]:
    return (path.count("/"), len(path), path)


class Index:
    """Names, paths, aliases, attachments, headings and blocks of a vault, and the book's names for them."""

    def __init__(self, pages: list[Page], unpublished: list[Note], attachments: tuple[str, ...],
                 notebooks: tuple[str, ...] = (), attachment_folder: str = "") -> None:
        self.attachment_folder = key(attachment_folder)
        self.pages = {page.note.path: page for page in pages}
        self.notebooks = set(notebooks)  # the vault's valid .ipynb files: pages of the book when linked
        self.unpublished = {note.path for note in unpublished}
        self.drawings = {note.path for note in unpublished if note.kind == NoteKind.DRAWING}
        self.attachments = attachments
        self._note_path: dict[str, str] = {}
        self._note_name: dict[str, list[str]] = {}
        self._alias: dict[str, list[str]] = {}
        for note in [p.note for p in pages] + list(unpublished):
            self._note_path[key(note.path[:-3])] = note.path
            self._note_name.setdefault(key(note.stem), []).append(note.path)
            for alias in note.aliases:
                self._alias.setdefault(key(alias), []).append(note.path)
        self._file_path = {key(path): path for path in attachments}
        self._file_name: dict[str, list[str]] = {}
        for path in attachments:
            self._file_name.setdefault(key(path.rsplit("/", 1)[-1]), []).append(path)
        self.docnames = self._name_pages()
        self.asset_paths = self._name_assets()
        for path in sorted(self.notebooks):  # a notebook's page: its name beside the notes', no clash
            self.docnames[path] = unique(self._slug_path(path[: -len(".ipynb")]), set(self.docnames.values()))
            self.asset_paths[path] = self.docnames[path] + ".ipynb"
        self.heading_labels: dict[str, dict[int, str]] = {}
        self.block_labels: dict[str, dict[str, str]] = {}
        self._block_starts: dict[str, dict[str, int]] = {}
        for path, page in self.pages.items():
            self._label_page(path, page)

    # -- names in the book -------------------------------------------------
    @staticmethod
    def _slug_path(path: str) -> str:
        parts = [slugify(part, "dossier") for part in path.split("/")]
        parts[-1] = slugify(path.rsplit("/", 1)[-1])
        return "/".join(parts)

    def _name_pages(self) -> dict[str, str]:
        taken: set[str] = set()
        return {path: unique(self._slug_path(path[:-3]), taken) for path in sorted(self.pages)}

    def title(self, path: str) -> str:
        """What a page is called in menus and lists: a note's title, a notebook's file name."""
        page = self.pages.get(path)
        return page.title if page is not None else path.rsplit("/", 1)[-1].removesuffix(".ipynb")

    def _name_assets(self) -> dict[str, str]:
        taken: set[str] = set()
        names = {}
        for path in self.attachments:
            stem, dot, ext = path.rpartition(".")
            if not dot or "/" in ext:
                stem, ext = path, ""
            slug = "/".join(slugify(part, "fichier") for part in stem.split("/"))
            suffix = f".{ext.lower()}" if ext else ""
            names[path] = unique(f"_assets/{slug}{suffix}", taken)
        return names

    def page_label(self, path: str) -> str:
        return self.docnames[path].replace("/", ".")

    def _label_page(self, path: str, page: Page) -> None:
        base = self.page_label(path)
        taken: set[str] = set()
        labels: dict[int, str] = {}
        for heading in page.headings:
            if heading is page.title_heading:
                continue
            labels[heading.token_index] = f"{base}_{unique(slugify(heading.text, 'section'), taken)}"
        self.heading_labels[path] = labels
        self.block_labels[path] = {bid.casefold(): f"{base}__{slugify(bid, 'bloc')}" for bid in page.block_ids}
        self._block_starts[path] = {bid.casefold(): start for bid, start in page.block_ids.items()}

    # -- resolution --------------------------------------------------------
    def resolve(self, link: Link, source: str) -> Resolution:
        """Where `link`, written in the note at vault path `source`, points."""
        if link.command:
            return Resolution(None, (_problem(
                "link-app-command", Severity.WARNING,
                f"'{link.command}' is an Obsidian command, not a note of this vault",
                "the link is shown as plain text"),))
        if not link.target:
            return self._anchor(source, link, ())
        found, problems = self._find(link.target, source)
        if found is None:
            return Resolution(None, problems)
        kind, path = found
        if kind == "attachment" and (ext := extension(path)) in VIEW_EXTENSIONS:
            # Info: the link is right for Obsidian, and the page says what is not shown.
            return Resolution(Target("view", path), problems + (_problem(
                "obsidian-view", Severity.INFO,
                f"'{link.target}' is an Obsidian {ext}, which only Obsidian displays; it is not published",
                "an embed alone in its paragraph shows a notice, any other link its text"),))
        if kind == "attachment":
            return Resolution(Target("attachment", path), problems)
        if path in self.drawings:
            return self._drawing(path, link, problems)
        if path in self.unpublished:
            return Resolution(Target("unpublished", path), problems + (_problem(
                "link-unpublished", Severity.INFO, f"'{link.target}' is left out of the book (publish: false or draft)",
                "the link is shown as plain text"),))
        return self._anchor(path, link, problems)

    def _drawing(self, path: str, link: Link, problems: tuple[Diagnostic, ...]) -> Resolution:
        """An Excalidraw drawing: the picture its plugin exported beside it, else a view."""
        stem = path[: -len(".md")]
        for exported in (f"{stem}.svg", f"{stem}.png", f"{stem.removesuffix('.excalidraw')}.svg",
                         f"{stem.removesuffix('.excalidraw')}.png"):
            if key(exported) in self._file_path:
                return Resolution(Target("attachment", self._file_path[key(exported)]), problems)
        return Resolution(Target("view", path), problems + (_problem(
            "obsidian-view", Severity.INFO,
            f"'{link.target}' is an Excalidraw drawing, which only Obsidian draws; it is not published",
            "export it as SVG or PNG beside the drawing (the plugin's auto-export) to show it"),))

    def _find(self, target: str, source: str) -> tuple[tuple[str, str] | None, tuple[Diagnostic, ...]]:
        wanted = key(target).lstrip("/")
        note_wanted = wanted[:-3] if wanted.endswith(".md") else wanted
        folder = source.rsplit("/", 1)[0] if "/" in source else ""
        if "/" in wanted:
            # A path: from the vault's root, else from the linking note's folder, else a path suffix.
            joined = posixpath.normpath(posixpath.join(key(folder), wanted))
            for name in (wanted, joined):
                bare = name[:-3] if name.endswith(".md") else name
                if bare in self._note_path:
                    return ("note", self._note_path[bare]), ()
                if name in self._file_path:
                    return ("attachment", self._file_path[name]), ()
            if joined.startswith("../") or joined == "..":
                return None, (outside_vault(target),)
            if target.startswith("/"):  # from the vault's root, as Obsidian reads it: nothing there
                return None, (self._missing(target),)
            suffix_notes = [p for k, p in self._note_path.items() if k.endswith("/" + note_wanted)]
            suffix_files = [p for k, p in self._file_path.items() if k.endswith("/" + wanted)]
            return self._choose(target, [("note", p) for p in suffix_notes] or [("attachment", p) for p in suffix_files])
        candidates = [("note", p) for p in self._note_name.get(note_wanted, [])]
        if not candidates and wanted == note_wanted:
            candidates = [("note", p) for p in self._alias.get(wanted, [])]
        if not candidates:
            candidates = [("attachment", p) for p in self._file_name.get(wanted, [])]
        return self._choose(target, candidates)

    def _choose(self, target: str, candidates: list[tuple[str, str]]) -> tuple[tuple[str, str] | None, tuple[Diagnostic, ...]]:
        if not candidates:
            return None, (self._missing(target),)
        # Obsidian's attachment folder first (where it puts the files it is given), then the
        # shortest path, then alphabetical.
        folder = self.attachment_folder + "/" if self.attachment_folder else None
        candidates = sorted(set(candidates), key=lambda c: (
            not (folder and c[0] == "attachment" and key(c[1]).startswith(folder)), *_by_depth(c[1])))
        if len(candidates) == 1:
            return candidates[0], ()
        others = ", ".join(p for _, p in candidates[1:])
        return candidates[0], (_problem(
            "link-ambiguous", Severity.WARNING,
            f"'{target}' matches {len(candidates)} files; using {candidates[0][1]}",
            f"write the path to choose another: {others}"),)

    @cached_property
    def _note_names(self) -> dict[str, str]:
        """Every name a link may use for a note (file names, aliases), folded -> as written."""
        names = {key(n.rsplit("/", 1)[-1][:-3]): n.rsplit("/", 1)[-1][:-3] for n in self._note_path.values()}
        names.update({k: k for k in self._alias})
        return names

    @cached_property
    def _known_names(self) -> dict[str, str]:
        """Every name a link may use, folded -> as written: what "did you mean" chooses from."""
        names = dict(self._note_names)
        names.update({key(p.rsplit("/", 1)[-1]): p.rsplit("/", 1)[-1] for p in self.attachments})
        return names

    @staticmethod
    def _wanted(target: str) -> str:
        wanted = key(target).rsplit("/", 1)[-1]
        return wanted[:-3] if wanted.endswith(".md") else wanted

    @staticmethod
    def _close(wanted: str, names: dict[str, str]) -> list[str]:
        return [names[c] for c in difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)]

    def similar_notes(self, target: str) -> list[str]:
        """The names of notes close to `target`, as written: a "did you mean" for a note's name."""
        return self._close(self._wanted(target), self._note_names)

    def _missing(self, target: str) -> Diagnostic:
        wanted = self._wanted(target)
        close = self._close(wanted, self._known_names)
        hint = "did you mean " + " or ".join(f"[[{name}]]" for name in close) + "?" if close else \
            "create the note, or correct the link"
        extension = wanted.rsplit(".", 1)[-1] if "." in wanted.rsplit("/", 1)[-1] else ""
        if extension and extension != "md" and " " not in extension and len(extension) <= 5:
            return _problem("attachment-missing", Severity.WARNING, f"no file named '{target}' in the vault", hint)
        return _problem("link-unresolved", Severity.WARNING, f"no note or file named '{target}'", hint)

    def _anchor(self, path: str, link: Link, problems: tuple[Diagnostic, ...]) -> Resolution:
        if path not in self.pages:
            return Resolution(Target("unpublished", path), problems)
        page = self.pages[path]
        if link.block:
            label = self.block_labels[path].get(link.block.casefold())
            if label is None:
                return Resolution(Target("note", path), problems + (_problem(
                    "block-missing", Severity.WARNING, f"no block ^{link.block} in '{page.note.stem}'",
                    "mark the paragraph with ^" + link.block + " or correct the link"),))
            return Resolution(Target("note", path, label, self._block_starts[path][link.block.casefold()]), problems)
        if link.headings:
            heading = self._heading(page, link.headings)
            if heading is None:
                known = [h.text for h in page.headings]
                close = difflib.get_close_matches(link.headings[-1], known, n=1, cutoff=0.5)
                hint = f"did you mean #{close[0]}?" if close else "correct the heading in the link"
                return Resolution(Target("note", path), problems + (_problem(
                    "heading-missing", Severity.WARNING,
                    f"no heading '{'#'.join(link.headings)}' in '{page.note.stem}'", hint),))
            label = self.heading_labels[path].get(heading.token_index)
            return Resolution(Target("note", path, label, heading.token_index), problems)
        return Resolution(Target("note", path), problems)

    @staticmethod
    def _heading(page: Page, wanted: tuple[str, ...]) -> Heading | None:
        keys = [heading_key(w) for w in wanted]
        matches = [h for h in page.headings if keys[-1] in (heading_key(h.text), heading_key(h.raw))]
        if len(matches) <= 1 or len(keys) == 1:
            return matches[0] if matches else None
        for heading in matches:
            position = page.headings.index(heading)
            ancestors: list[str] = []
            level = heading.level
            for earlier in reversed(page.headings[:position]):
                if earlier.level < level:
                    ancestors.insert(0, heading_key(earlier.text))
                    level = earlier.level
            remaining = iter(ancestors)
            if all(k in remaining for k in keys[:-1]):
                return heading
        return matches[0]
