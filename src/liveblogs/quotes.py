"""Posts → quotations: who said what, as one tidy frame per article and a canonical speakers frame.

``quote_frame`` finds the quotation spans of one article (:mod:`liveblogs.quotemarks`) and
attributes them (:mod:`liveblogs.attribution`); ``canonicalise`` links the speaker names across
the corpus (:mod:`liveblogs.speakers`). Offsets index the article text: ``text[start:end]`` is
the quoted words without the outer marks.
"""

from __future__ import annotations

import pandas as pd

from .attribution import attribute
from .quotemarks import find_quotes
from .speakers import link_speakers, read_overrides, slug

__all__ = ["quote_frame", "canonicalise", "QUOTE_COLUMNS", "KINDS", "ATTRIBUTIONS"]

KINDS = ["headline", "direct", "partial"]
ATTRIBUTIONS = [
    "named", "apposition", "pronoun", "continuation", "list_intro", "role", "headline", "repeat",
    "surname", "fuzzy", "scare",
]
QUOTE_COLUMNS = [
    "article", "outlet", "post", "paragraph", "start", "end", "quote", "speaker", "speaker_id",
    "speaker_mention", "mention_start", "mention_end", "cue", "cue_start", "cue_end", "kind",
    "attribution", "multi_paragraph", "description", "apposition", "person",
]
_NO_CONTINUATION_ROLES = frozenset({"title", "headline", "boilerplate", "timestamp", "byline"})


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {
            "article": "string", "outlet": "category", "post": "int64", "paragraph": "int64",
            "start": "int64", "end": "int64", "quote": "string", "speaker": "string", "speaker_id": "string",
            "speaker_mention": "string", "mention_start": "Int64", "mention_end": "Int64", "cue": "string",
            "cue_start": "Int64", "cue_end": "Int64", "kind": pd.CategoricalDtype(KINDS),
            "attribution": pd.CategoricalDtype(ATTRIBUTIONS), "multi_paragraph": "bool",
            "description": "string", "apposition": "string", "person": "boolean",
        }
    )


def quote_frame(article_id: str, outlet: str, text: str, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation of one article, attributed; ``speaker_id`` is filled by :func:`canonicalise`."""
    paras = paragraphs.sort_values("start")
    rows = list(
        zip(
            paras["post"].astype(int), paras["paragraph"].astype(int), paras["start"].astype(int),
            paras["end"].astype(int), paras["role"].astype(str),
        )
    )
    barriers = {
        k for k in range(1, len(rows)) if rows[k][0] != rows[k - 1][0] or rows[k][4] in _NO_CONTINUATION_ROLES
    }
    spans = find_quotes(text, [(r[2], r[3]) for r in rows], barriers)
    found = attribute(text, spans, rows)
    frame = pd.DataFrame(found, columns=[c for c in QUOTE_COLUMNS if c not in ("article", "outlet", "speaker_id")])
    frame.insert(0, "article", article_id)
    frame.insert(1, "outlet", outlet)
    frame["speaker_id"] = pd.NA
    return _typed(frame[QUOTE_COLUMNS])


def canonicalise(quotes: pd.DataFrame, overrides: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Canonical speaker names and ids across the corpus, and the speakers frame.

    ``overrides`` is a table like ``data/speakers.csv`` (``None`` reads that file; pass an empty
    frame to use the text alone).
    """
    if overrides is None:
        overrides = read_overrides()
    if quotes.empty:
        _, _, speakers = link_speakers(quotes.assign(speaker=pd.Series(dtype="object")), overrides)
        return quotes.copy(), speakers
    speaker, link, speakers = link_speakers(quotes, overrides)
    attribution = quotes["attribution"].astype(str).where(
        ~(link.notna() & quotes["attribution"].astype(str).eq("named")), link.astype(str)
    )
    out = quotes.assign(
        speaker=speaker.astype("string"),
        speaker_id=speaker.map(lambda n: slug(n) if isinstance(n, str) else pd.NA).astype("string"),
        attribution=pd.Categorical(attribution, categories=ATTRIBUTIONS),
    )
    return out, speakers
