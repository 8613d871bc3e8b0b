"""Publishing a build (notes2book.staging): the published folder holds the build's bytes; what did
not change is the previous copy's file, linked rather than copied again."""

from __future__ import annotations

from pathlib import Path

from notes2book.staging import publish


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_rebuild_publishes_its_bytes_linking_what_did_not_change(tmp_path: Path) -> None:
    built, published = tmp_path / "built", tmp_path / "html"
    (built / "book" / "ressources").mkdir(parents=True)
    (built / "index.html").write_text("accueil")
    (built / "book" / "ressources" / "a.html").write_text("a")
    (built / "book" / "ressources" / "b.html").write_text("b")
    publish(built, published)
    assert _tree(published) == _tree(built)
    first = {name: (published / name).stat().st_ino for name in _tree(published)}

    (built / "book" / "ressources" / "a.html").write_text("a, revu")  # a page written again
    (built / "book" / "nouveau.html").write_text("nouveau")
    (built / "book" / "ressources" / "b.html").unlink()
    publish(built, published)

    assert _tree(published) == _tree(built)
    assert (published / "index.html").stat().st_ino == first["index.html"]  # linked, not copied
    assert (published / "book" / "ressources" / "a.html").stat().st_ino != first["book/ressources/a.html"]
    assert not any(path.name.startswith(".html.") for path in tmp_path.iterdir())  # no copy left beside
