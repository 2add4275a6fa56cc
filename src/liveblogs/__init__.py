"""liveblogs: news live blogs → tidy, lossless pandas DataFrames of who said what, when."""

from __future__ import annotations

from .imports import defer_iri_grammar

defer_iri_grammar()  # before anything imports jsonschema (via Altair): saves 3–6 s per kernel

from .assemble.corpus import Corpus, load_corpus  # noqa: E402
from .errors import ArticleError, LiveblogsError, ManifestError  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Corpus", "load_corpus", "explore", "LiveblogsError", "ArticleError", "ManifestError", "__version__"]


# The modules a notebook reaches for most, importable from the top (``from liveblogs import charts``);
# each lives in its stage's package (docs/architecture.md) and is imported only when asked for.
SHORTCUTS = {
    "charts": "viz.charts", "timecharts": "viz.timecharts", "storycharts": "viz.storycharts",
    "display": "viz.display", "overview": "viz.overview", "voices": "quotes.voices",
    "filters": "app.filters", "widgets": "app.widgets", "reading": "compare.reading",
    "integrity": "evaluation.integrity", "evaluate": "evaluation.evaluate",
}


def __getattr__(name: str):
    if name in SHORTCUTS:
        import importlib

        return importlib.import_module(f"{__name__}.{SHORTCUTS[name]}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def explore(corpus: Corpus, **options):
    """The widget panel for filtering quotes by outlet, speaker, group, kind, time and text."""
    from .app.widgets import explore as panel

    return panel(corpus, **options)
