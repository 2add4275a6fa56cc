"""Errors raised for bad input: each names the file and what is wrong."""

from __future__ import annotations


class LiveblogsError(Exception):
    """Base class for every error the package raises on purpose."""


class ArticleError(LiveblogsError):
    """An article file cannot be used; the message names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ManifestError(LiveblogsError):
    """The manifest is missing a column or has a bad value; the message names the file and row."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class TableError(LiveblogsError, ValueError):
    """A user-editable table (``data/speakers.csv``, ``data/story_links.csv``) cannot be used."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
