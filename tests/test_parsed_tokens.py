"""A page's tokens are what parsing its note gave, whatever ran after: resolving its links, writing
its page, the pages that embed or quote it, its workbook. What later steps decide about a page is a
value passed along (its links, its plan), so a token never means something else because some
function ran before another — which is what lets one page be converted again on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.token import Token

from notes2book.convert import convert_vault
from notes2book.diagnostics import Diagnostics
from notes2book.parse import parse_note

from projects import REPO, VAULTS, make_project

VAULT_NAMES = [*sorted(p.name for p in VAULTS.iterdir()), "notes"]


def _state(token: Token) -> tuple[object, ...]:
    """All a renderer can read of a token, its children's included."""
    return (token.type, token.tag, token.nesting, dict(token.attrs), token.map, token.level, token.content,
            token.markup, token.info, dict(token.meta), token.block, token.hidden,
            [_state(child) for child in token.children or []])


@pytest.mark.parametrize("name", VAULT_NAMES)
def test_converting_a_vault_leaves_every_parsed_token_as_parsing_made_it(tmp_path: Path, name: str) -> None:
    vault = REPO / "notes" if name == "notes" else VAULTS / name
    conversion = convert_vault(make_project(tmp_path, vault), Diagnostics())
    assert conversion.pages
    for page in conversion.pages:
        parsed = parse_note(page.note)
        assert len(page.tokens) == len(parsed.tokens), page.note.path
        for after, before in zip(page.tokens, parsed.tokens, strict=True):
            assert _state(after) == _state(before), (page.note.path, after.map)
