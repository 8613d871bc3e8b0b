"""What the site's and the dossier's HTML rewriting do alike on a BeautifulSoup tree."""

from __future__ import annotations

from bs4 import Tag
from bs4.element import AttributeValueList


def add_class(tag: Tag, *names: str) -> None:
    """Append `names` to `tag`'s classes, kept as bs4 keeps them: a list."""
    tag["class"] = AttributeValueList([*tag.get_attribute_list("class"), *names])
