"""One article document, built once per article and passed to every stage.

Takes one article's text and its paragraph and post frames (:mod:`liveblogs.text.posts`, or a web
page's own posts) and makes the shared layers every stage reads, each computed once, on first
use:

* ``paragraphs`` (with their roles) and ``units`` (posts), as given, and ``page_times``, the
  post times a web page's own markup gives (``None`` for text);
* ``sentences``: the one sentence splitter (:func:`liveblogs.text.segment.sentence_spans`) over
  each paragraph, as the sentences frame;
* ``tokens``: the one tokeniser over each sentence (:func:`sentence_tokens`, which the corpus's
  tokens frame is built from too);
* ``reading_units`` and ``barriers``: paragraphs as a reader takes them, for quotations
  (:mod:`liveblogs.text.reading`);
* ``quote_spans``: the quotations, paired once (:mod:`liveblogs.text.quotemarks`);
* ``transcript_turns``: a transcript's speaker-labelled turns (:mod:`liveblogs.text.transcripts`);
* ``masked``: the text with the quoted words blanked, which attribution reads.

Stages that need another unit (attribution's clauses and reading tokens, the word lists of
:mod:`liveblogs.text.words`) derive it from these layers in one named place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

import numpy as np
import pandas as pd

from .quotemarks import QuoteSpan, find_quotes
from .reading import Unit, barriers, reading_units
from .transcripts import Turn, transcript_turns
from .segment import MASK, normalise, sentence_spans, token_matches

__all__ = ["ArticleDocument", "sentence_tokens", "sentence_frame", "sentence_columns", "sentences_of", "masked_text", "MASK"]



@dataclass(eq=False)
class ArticleDocument:
    """The shared layers of one article (see the module docstring); build it once, pass it on."""

    article: str
    outlet: str
    text: str
    paragraphs: pd.DataFrame | None
    units: pd.DataFrame | None = None
    page_times: dict | None = None  # post id → (time, evidence) a web page's own markup gives
    # The paragraph and post rows (``posts.PARAGRAPH_COLUMNS``, ``posts.POST_COLUMNS``) when the
    # document is built from rows rather than frames (``paragraphs`` and ``units`` then None): the
    # frames of many articles are then typed at once (``assemble.pipeline.batch_frames``).
    rows: dict[str, list[dict]] | None = field(default=None, repr=False)

    @cached_property
    def paragraph_rows(self) -> list[Unit]:
        """The paragraphs as ``(post, paragraph, start, end, role)`` tuples, in text order."""
        if self.paragraphs is None:
            paras = sorted(self.rows["paragraphs"], key=lambda r: r["start"])
            return [(int(r["post"]), int(r["paragraph"]), int(r["start"]), int(r["end"]), str(r["role"])) for r in paras]
        paras = self.paragraphs.sort_values("start")
        return list(zip(
            *(paras[c].to_numpy(dtype=int).tolist() for c in ("post", "paragraph", "start", "end")),
            paras["role"].astype(str).tolist(),
        ))

    @cached_property
    def sentence_columns(self) -> dict[str, list]:
        """The sentences as plain columns (``post``, ``paragraph``, ``start``, ``end``), in paragraph order."""
        if self.paragraphs is None:
            bounds = [(r["post"], r["paragraph"], r["start"], r["end"]) for r in self.rows["paragraphs"]]
        else:
            bounds = list(zip(*(self.paragraphs[c].tolist() for c in ("post", "paragraph", "start", "end"))))
        return sentence_columns(self.text, bounds)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, within its paragraph (the sentences frame of this article)."""
        return sentences_of([self])

    @cached_property
    def tokens(self) -> dict[str, np.ndarray | list]:
        """The tokens of every sentence: ``start``, ``end`` offsets (int64 arrays), ``kind`` and how
        many each sentence has (``per_sentence``), from :func:`sentence_tokens`."""
        found = sentence_tokens(self.text, self.sentence_columns["start"], self.sentence_columns["end"])
        return {**found, "start": np.array(found["start"], dtype=np.int64), "end": np.array(found["end"], dtype=np.int64)}

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
    def transcript_turns(self) -> list[Turn]:
        """The speaker-labelled turns of a transcript in the article (:mod:`liveblogs.text.transcripts`)."""
        return transcript_turns(self.text, self.paragraph_rows)

    @cached_property
    def masked(self) -> str:
        """The text with the words of every outermost quotation blanked (:func:`masked_text`)."""
        return masked_text(self.text, [s for s in self.quote_spans if s.parent is None])


def sentence_tokens(text: str, starts: Iterable[int], ends: Iterable[int]) -> dict[str, list]:
    """The one tokeniser over each sentence ``text[start:end]``: every token's ``start``, ``end``,
    ``kind`` and text, in order, and ``per_sentence`` counts (the corpus's tokens frame is built from
    this too)."""
    out: dict[str, list] = {"start": [], "end": [], "kind": [], "text": [], "per_sentence": []}
    for s, e in zip(starts, ends):
        n = 0
        for m in token_matches(text, s, e):
            out["start"].append(m.start())
            out["end"].append(m.end())
            out["kind"].append(m.lastgroup)
            out["text"].append(m.group())
            n += 1
        out["per_sentence"].append(n)
    return out


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
    bounds = list(zip(*(paragraphs[c].tolist() for c in ("post", "paragraph", "start", "end"))))
    return _sentence_table([(article, text, sentence_columns(text, bounds))])


def sentence_columns(text: str, bounds: list[tuple[int, int, int, int]]) -> dict[str, list]:
    """The sentences of paragraphs given as ``(post, paragraph, start, end)``: one list per column."""
    rows = [
        (post, paragraph, start, end)
        for post, paragraph, p_start, p_end in bounds
        for start, end in sentence_spans(text, p_start, p_end)
    ]
    posts, paras, starts, ends = zip(*rows) if rows else ((), (), (), ())
    return {"post": list(posts), "paragraph": list(paras), "start": list(starts), "end": list(ends)}


def sentences_of(docs: list[ArticleDocument]) -> pd.DataFrame:
    """The sentences frame of several documents, in order, built once."""
    return _sentence_table([(d.article, d.text, d.sentence_columns) for d in docs])


def _sentence_table(parts: list[tuple[str, str, dict[str, list]]]) -> pd.DataFrame:
    """The sentences frame of ``(article, text, sentence columns)`` parts; ``sentence`` counts from 0 in each."""
    articles, numbers, texts = [], [], []
    for article, text, columns in parts:
        n = len(columns["start"])
        articles.extend([article] * n)
        numbers.append(np.arange(n, dtype=np.int64))
        texts.extend(text[start:end] for start, end in zip(columns["start"], columns["end"]))

    def joined(name: str) -> np.ndarray:
        return np.array([v for _, _, columns in parts for v in columns[name]], dtype=np.int64)

    return pd.DataFrame(
        {
            "article": pd.array(articles, dtype="string"),
            "post": joined("post"),
            "paragraph": joined("paragraph"),
            "sentence": np.concatenate(numbers) if numbers else np.empty(0, dtype=np.int64),
            "start": joined("start"),
            "end": joined("end"),
            "text": pd.array(texts, dtype="string"),
            "norm": pd.array([normalise(t) for t in texts], dtype="string"),
        }
    )
