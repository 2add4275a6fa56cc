"""One article document, built once per article and passed to every stage.

Takes one article's text and its paragraph and post frames (:mod:`liveblogs.text.posts`, or a web
page's own posts) and makes the shared layers every stage reads, each computed once, on first
use:

* ``paragraphs`` (with their roles) and ``units`` (posts), as given, and ``page_times``, the
  post times a web page's own markup gives (``None`` for text);
* ``sentences``: the one sentence splitter (:func:`liveblogs.text.segment.sentence_spans`) over
  each paragraph, as the sentences frame;
* ``tokens``: the one tokeniser (:func:`liveblogs.text.segment.token_table`) over each sentence;
* ``reading_units`` and ``barriers``: paragraphs as a reader takes them, for quotations
  (:mod:`liveblogs.text.reading`);
* ``quote_spans``: the quotations, paired once (:mod:`liveblogs.text.quotemarks`);
* ``masked``: the text with the quoted words blanked, which attribution reads.

Stages that need another unit (attribution's clauses and reading tokens, the word lists of
:mod:`liveblogs.text.words`) derive it from these layers in one named place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .quotemarks import QuoteSpan, find_quotes
from .reading import Unit, barriers, reading_units
from .segment import normalise, sentence_spans, token_table

__all__ = ["ArticleDocument", "sentence_frame", "masked_text", "MASK"]

MASK = "\ue000"  # a quoted character, blanked (a private-use character: never in news text)


@dataclass(eq=False)
class ArticleDocument:
    """The shared layers of one article (see the module docstring); build it once, pass it on."""

    article: str
    outlet: str
    text: str
    paragraphs: pd.DataFrame
    units: pd.DataFrame | None = None
    page_times: dict | None = None  # post id → (time, evidence) a web page's own markup gives

    @cached_property
    def paragraph_rows(self) -> list[Unit]:
        """The paragraphs as ``(post, paragraph, start, end, role)`` tuples, in text order."""
        paras = self.paragraphs.sort_values("start")
        return list(zip(
            *(paras[c].to_numpy(dtype=int).tolist() for c in ("post", "paragraph", "start", "end")),
            paras["role"].astype(str).tolist(),
        ))

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, within its paragraph (the sentences frame of this article)."""
        return sentence_frame(self.article, self.text, self.paragraphs)

    @cached_property
    def tokens(self) -> dict[str, np.ndarray | list]:
        """The tokens of every sentence: ``start``, ``end`` offsets and ``kind`` (one pass each)."""
        starts, ends, kinds = [], [], []
        for s, e in zip(self.sentences["start"].tolist(), self.sentences["end"].tolist()):
            found = token_table(self.text, s, e)
            starts.append(found["start"])
            ends.append(found["end"])
            kinds.extend(found["kind"])
        empty = np.empty(0, dtype=np.int64)
        return {"start": np.concatenate(starts) if starts else empty,
                "end": np.concatenate(ends) if ends else empty, "kind": kinds}

    @cached_property
    def reading_units(self) -> list[Unit]:
        """Paragraphs as a reader takes them, for quotations (:func:`liveblogs.text.reading.reading_units`)."""
        return reading_units(self.text, self.paragraph_rows)

    @cached_property
    def quote_spans(self) -> list[QuoteSpan]:
        """Every quotation, nested ones too, paired within the reading units."""
        rows = self.reading_units
        return find_quotes(self.text, [(r[2], r[3]) for r in rows], barriers(rows), nested=True)

    @cached_property
    def masked(self) -> str:
        """The text with the words of every outermost quotation blanked (:func:`masked_text`)."""
        return masked_text(self.text, [s for s in self.quote_spans if s.parent is None])


def masked_text(text: str, spans: list[QuoteSpan]) -> str:
    """``text`` with the quoted words blanked out (a final ``.?!`` kept, so sentences still end)."""
    chars = list(text)
    for s in spans:
        last = s.end - 1 if s.end > s.start and text[s.end - 1] in ".?!" else s.end
        for i in range(s.start, last):
            if not text[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def sentence_frame(article: str, text: str, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of one article, within its paragraphs, with a normalised form."""
    bounds = zip(*(paragraphs[c].tolist() for c in ("post", "paragraph", "start", "end")))
    rows = [
        (post, paragraph, start, end)
        for post, paragraph, p_start, p_end in bounds
        for start, end in sentence_spans(text, p_start, p_end)
    ]
    posts, paras, starts, ends = zip(*rows) if rows else ((), (), (), ())
    texts = [text[start:end] for start, end in zip(starts, ends)]
    return pd.DataFrame(
        {
            "article": pd.array([article] * len(rows), dtype="string"),
            "post": np.array(posts, dtype=np.int64),
            "paragraph": np.array(paras, dtype=np.int64),
            "sentence": np.arange(len(rows), dtype=np.int64),
            "start": np.array(starts, dtype=np.int64),
            "end": np.array(ends, dtype=np.int64),
            "text": pd.array(texts, dtype="string"),
            "norm": pd.array([normalise(t) for t in texts], dtype="string"),
        }
    )
