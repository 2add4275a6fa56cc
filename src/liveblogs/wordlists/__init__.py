"""The package's word lists, as data: one file per list, each word defined in one place.

A ``.txt`` list holds one entry (a word, a phrase, or for a paradigm list a line of forms) per
line; ``#`` starts a comment and blank lines are ignored. Every file opens with a header saying
what the list is for and where it came from. Lists with structure (a word → a value, or named
groups) are TOML files. Modules read them through :func:`words`, :func:`entries` and
:func:`table`, each cached, so a list is parsed once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

__all__ = ["entries", "words", "table", "names"]


def _text(filename: str) -> str:
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order: comments and surrounding space stripped, blank lines dropped."""
    lines = (line.split("#", 1)[0].strip() for line in _text(f"{name}.txt").splitlines())
    return tuple(line for line in lines if line)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set."""
    return frozenset(entries(name))


@cache
def table(name: str) -> dict:
    """``<name>.toml``, parsed (tables keep the order they are written in)."""
    return tomllib.loads(_text(f"{name}.toml"))


def names() -> list[str]:
    """Every list shipped with the package, as ``<name>.txt`` / ``<name>.toml`` file names."""
    return sorted(p.name for p in resources.files(__name__).iterdir() if p.name.endswith((".txt", ".toml")))
