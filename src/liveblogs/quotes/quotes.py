"""Posts → quotations: who said what, as one tidy frame per article and a canonical speakers frame.

``quote_frame`` attributes the quotation spans of one article document
(:class:`liveblogs.text.document.ArticleDocument`) with :mod:`liveblogs.quotes.attribution`; ``canonicalise`` links the speaker names across
the corpus (:mod:`liveblogs.speakers`). Offsets index the article text: ``text[start:end]`` is
the quoted words without the outer marks. A quotation inside another is a row of its own
(``nested`` true, ``parent`` the ``start`` of the quotation that holds it).
"""

from __future__ import annotations

import bisect

import pandas as pd

from .attribution import article_full_names, attribute, reading
from .turns import turn_rows
from ..text.document import ArticleDocument
from .speakers import link_speakers, read_overrides, slug

__all__ = ["quote_frame", "quote_frames", "quote_columns", "canonicalise", "QUOTE_COLUMNS", "KINDS", "ATTRIBUTIONS"]

KINDS = ["headline", "direct", "partial", "turn"]
"""``turn``: a transcript turn, the words after a speaker's label (:mod:`liveblogs.quotes.turns`), not in marks."""
ATTRIBUTIONS = [
    "named", "apposition", "pronoun", "continuation", "list_intro", "role", "headline", "repeat",
    "surname", "fuzzy", "scare", "title", "label",
]
"""How each speaker was found; with no speaker, ``scare`` (words nobody in the text says) or ``title``
(a title of a work, a name or a coined term: ``CNN's "State of the Union"``, the so-called "peace
plan"), which is nobody's speech; ``label`` is a transcript turn's speaker label. Titles are nobody's speech: :func:`liveblogs.quotes.voices.speech` leaves it out of who-said-what."""
QUOTE_COLUMNS = [
    "article", "outlet", "post", "paragraph", "start", "end", "quote", "speaker", "speaker_id",
    "speaker_mention", "mention_start", "mention_end", "cue", "cue_start", "cue_end", "kind",
    "attribution", "rule", "multi_paragraph", "description", "apposition", "person", "nested", "parent",
]
_DTYPES = {
    "article": "string", "outlet": "category", "post": "int64", "paragraph": "int64",
    "start": "int64", "end": "int64", "quote": "string", "speaker": "string", "speaker_id": "string",
    "speaker_mention": "string", "mention_start": "Int64", "mention_end": "Int64", "cue": "string",
    "cue_start": "Int64", "cue_end": "Int64", "kind": pd.CategoricalDtype(KINDS),
    "attribution": pd.CategoricalDtype(ATTRIBUTIONS), "rule": "string", "multi_paragraph": "bool",
    "description": "string", "apposition": "string", "person": "boolean", "nested": "bool",
    "parent": "Int64",
}


def _categorical(values: list, dtype: pd.CategoricalDtype) -> pd.Categorical:
    """A categorical column read from its codes (faster than inferring them value by value)."""
    code = {c: k for k, c in enumerate(dtype.categories)}
    return pd.Categorical.from_codes([code.get(v, -1) for v in values], dtype=dtype)


def _typed_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The quotations frame from one list of values per column, each built with its dtype."""
    dtypes = dict(_DTYPES)
    if columns["outlet"]:
        dtypes["outlet"] = pd.CategoricalDtype(list(dict.fromkeys(columns["outlet"])))
    return pd.DataFrame(
        {
            c: _categorical(columns[c], dtypes[c]) if isinstance(dtypes[c], pd.CategoricalDtype)
            else pd.array(columns[c], dtype=dtypes[c])
            for c in QUOTE_COLUMNS
        }
    )


def quote_columns(doc: ArticleDocument) -> dict[str, list]:
    """The quotations of one article, attributed, as one list of values per column (untyped:
    :func:`quote_frames` types the columns of many articles at once)."""
    original = doc.paragraph_rows
    with reading():  # one memo: the transcript's names reuse the quotations' tokens and counts
        found = attribute(doc.text, doc.quote_spans, doc.reading_units, doc.masked)
        if doc.transcript_turns:
            names, _ = article_full_names(doc.masked, doc.paragraph_rows)
            turns = turn_rows(doc.text, doc.transcript_turns, names)
            found = sorted(found + turns, key=lambda row: row["start"])
    columns = {c: [row[c] for row in found] for c in QUOTE_COLUMNS if c not in ("article", "outlet", "speaker_id")}
    if original:
        # Post and paragraph numbers refer to the paragraph frame, whatever units were read.
        starts = [r[2] for r in original]
        where = [original[max(0, bisect.bisect_right(starts, s) - 1)] for s in columns["start"]]
        columns["post"] = [w[0] for w in where]
        columns["paragraph"] = [w[1] for w in where]
    columns["article"] = [doc.article] * len(found)
    columns["outlet"] = [doc.outlet] * len(found)
    columns["speaker_id"] = [pd.NA] * len(found)
    return columns


def quote_frames(docs: list[ArticleDocument]) -> pd.DataFrame:
    """The quotations of several articles, in order, as one frame typed once; ``outlet`` takes the
    outlets in order of first appearance as its categories."""
    parts = [quote_columns(doc) for doc in docs]
    return _typed_frame({c: [v for part in parts for v in part[c]] for c in QUOTE_COLUMNS})


def quote_frame(doc: ArticleDocument) -> pd.DataFrame:
    """One row per quotation of one article, attributed; ``speaker_id`` is filled by :func:`canonicalise`."""
    return _typed_frame(quote_columns(doc))


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
