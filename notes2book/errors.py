"""Failures that are not the vault's: the command line maps them to exit code 2."""

from __future__ import annotations


class OutputError(Exception):
    """An output cannot be written as it must be: unwritable or occupied folder, a file where a
    folder should be, a full disk, another run holding the project. The message says which and
    what to do."""
