"""liveblogs: news live blogs → tidy, lossless pandas DataFrames of who said what, when."""

from __future__ import annotations

from .imports import defer_iri_grammar

defer_iri_grammar()  # before anything imports jsonschema (via Altair): saves 3–6 s per kernel

from .corpus import Corpus, load_corpus  # noqa: E402
from .errors import ArticleError, LiveblogsError, ManifestError  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Corpus", "load_corpus", "explore", "LiveblogsError", "ArticleError", "ManifestError", "__version__"]


def explore(corpus: Corpus, **options):
    """The widget panel for filtering quotes by outlet, speaker, group, kind, time and text."""
    from .widgets import explore as panel

    return panel(corpus, **options)
