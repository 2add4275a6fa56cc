"""One entry point, ``load_corpus``, returning a ``Corpus`` whose frames are computed on first use.

Every frame carries ``article``, ``start`` and ``end`` (and ``post`` below the article level) so
that ``corpus.text(article)[start:end]`` gives each row back and frames join on those keys.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from . import posts as posts_module
from . import times
from .quotes import canonicalise, quote_frame
from .speakers import read_overrides, speaker_names, speaker_table
from .segment import normalise, sentence_spans, token_table
from .sources import article_frame, resolve_sources

TIME_COLUMNS = ["time", "time_earliest", "time_latest", "time_source", "time_evidence"]
SENTENCE_COLUMNS = ["article", "post", "paragraph", "sentence", "start", "end", "text", "norm"]
TOKEN_COLUMNS = ["article", "post", "sentence", "token", "start", "end", "text", "norm", "kind"]


class Corpus:
    """The articles and every frame derived from them, each computed once, on first use."""

    def __init__(self, articles: pd.DataFrame) -> None:
        self.articles = articles
        self._texts: dict[str, str] = dict(zip(articles["article"], articles["text"]))

    def __repr__(self) -> str:
        outlets = ", ".join(sorted(map(str, self.articles["outlet"].unique())))
        return f"<Corpus: {len(self.articles)} articles from {outlets}>"

    @property
    def texts(self) -> dict[str, str]:
        """Article id → decoded text, for every article."""
        return dict(self._texts)

    def text(self, article: str) -> str:
        """The decoded text of one article; every offset in the corpus indexes it."""
        return self._texts[article]

    @cached_property
    def _segments(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        parts = [
            posts_module.segment(row.article, row.text, _year(row.published))
            for row in self.articles.itertuples(index=False)
        ]
        paragraphs = _concat([p for p, _ in parts], posts_module.PARAGRAPH_COLUMNS)
        posts = _concat([q for _, q in parts], posts_module.POST_COLUMNS)
        outlets = self.articles.set_index("article")["outlet"]
        posts.insert(1, "outlet", posts["article"].map(outlets).astype(self.articles["outlet"].dtype))
        return paragraphs, posts

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph (hard-wrapped lines rejoined), with its role and post."""
        return self._segments[0]

    @cached_property
    def units(self) -> pd.DataFrame:
        """The posts frame before times are added (what the time clues are read from)."""
        return self._segments[1]

    @cached_property
    def posts(self) -> pd.DataFrame:
        """One row per unit of the blog (title, standfirst, summary, post, byline, timestamp, boilerplate),
        with its best time, bounds, the source of that time and the evidence for it."""
        timed = self.post_times[["article", "post", *TIME_COLUMNS]]
        return self.units.merge(timed, on=["article", "post"], how="left", validate="one_to_one")

    @cached_property
    def time_references(self) -> pd.DataFrame:
        """Every time clue in the text: stamps, run-on times, cross-references; what each resolved to and pins."""
        return times.time_references(self.articles, self.units, self.sentences)

    @cached_property
    def post_times(self) -> pd.DataFrame:
        """Per unit: best time, earliest and latest bounds, source, evidence, blog order and conflicts."""
        return times.post_times(self.articles, self.units, self.time_references)

    @cached_property
    def cross_reference_links(self) -> pd.DataFrame:
        """Per cross-reference ("see our 7.50am post"): the post it points to, with score and evidence."""
        return times.cross_reference_links(self.articles, self.units, self.sentences)

    @cached_property
    def event_times(self) -> pd.DataFrame:
        """Times the text gives for events ("last night", "this morning"), resolved against their post's time."""
        return times.event_times(self.articles, self.units, self.sentences, self.post_times)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence, within paragraphs, with a normalised form."""
        rows = []
        for p in self.paragraphs.itertuples(index=False):
            text = self._texts[p.article]
            for start, end in sentence_spans(text, p.start, p.end):
                rows.append((p.article, p.post, p.paragraph, start, end, text[start:end]))
        frame = pd.DataFrame(rows, columns=["article", "post", "paragraph", "start", "end", "text"])
        frame.insert(3, "sentence", frame.groupby("article", sort=False).cumcount())
        frame["norm"] = frame["text"].map(normalise)
        return frame.astype({"article": "string", "text": "string", "norm": "string"})

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per token, with its sentence, kind (word, number, punct, quote, symbol) and normal form."""
        frames = [self._article_tokens(article, group) for article, group in self.sentences.groupby("article", sort=False)]
        return _concat(frames, TOKEN_COLUMNS)

    def _article_tokens(self, article: str, sentences: pd.DataFrame) -> pd.DataFrame:
        text = self._texts[article]
        tables = [token_table(text, s, e) for s, e in zip(sentences["start"], sentences["end"])]
        counts = np.array([len(t["start"]) for t in tables], dtype=np.int64)
        starts = np.concatenate([np.asarray(t["start"], dtype=np.int64) for t in tables]) if tables else np.empty(0, np.int64)
        ends = np.concatenate([np.asarray(t["end"], dtype=np.int64) for t in tables]) if tables else np.empty(0, np.int64)
        kinds = [k for t in tables for k in t["kind"]]
        words = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
        frame = pd.DataFrame(
            {
                "article": article,
                "post": np.repeat(sentences["post"].to_numpy(), counts),
                "sentence": np.repeat(sentences["sentence"].to_numpy(), counts),
                "token": np.arange(len(starts), dtype=np.int64),
                "start": starts,
                "end": ends,
                "text": words,
                "norm": [normalise(w) for w in words],
                "kind": pd.Categorical(kinds, categories=["word", "number", "punct", "quote", "symbol"]),
            }
        )
        return frame

    @cached_property
    def _quotes_and_speakers(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        by_article = dict(tuple(self.paragraphs.groupby("article", sort=False)))
        frames = [
            quote_frame(row.article, str(row.outlet), row.text, by_article[row.article])
            for row in self.articles.itertuples(index=False)
            if row.article in by_article
        ]
        quotes, speakers = canonicalise(pd.concat(frames, ignore_index=True), read_overrides())
        outlets = self.articles["outlet"].cat.categories
        return quotes.assign(outlet=pd.Categorical(quotes["outlet"].astype(str), categories=outlets)), speakers

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """One row per quotation: the words inside the marks, where, who said them, the cue and how we know."""
        return self._quotes_and_speakers[0]

    @cached_property
    def speaker_outlets(self) -> pd.DataFrame:
        """One row per speaker and outlet: the aliases and descriptions that outlet uses, quote counts."""
        return self._quotes_and_speakers[1]

    @cached_property
    def speaker_names(self) -> pd.DataFrame:
        """One row per speaker × outlet × written form of the name, with where it is first used."""
        return speaker_names(self.quotes)

    @cached_property
    def speakers(self) -> pd.DataFrame:
        """One row per person or body quoted: canonical name, group, every alias and description, totals."""
        return speaker_table(self.speaker_outlets, self.speaker_names)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame that has offsets, by name (for checks and exports)."""
        return {"articles": self.articles, "posts": self.posts, "paragraphs": self.paragraphs,
                "sentences": self.sentences, "tokens": self.tokens,
                "quotes": self.quotes.assign(text=self._quoted_text()),
                "speaker_names": self.speaker_names.assign(text=self.speaker_names["alias"]),
                "speakers": self._named_speakers()}

    def _named_speakers(self) -> pd.DataFrame:
        """Speakers with the text of their first naming mention (for the offset checks)."""
        named = self.speakers.dropna(subset=["article"])
        texts = [self._texts[a][s:e] for a, s, e in zip(named["article"], named["start"], named["end"])]
        return named.assign(text=texts)

    def _quoted_text(self) -> list[str]:
        """The raw text of each quotation at its offsets (``quote`` itself has whitespace folded)."""
        return [self._texts[a][s:e] for a, s, e in zip(self.quotes["article"], self.quotes["start"], self.quotes["end"])]


def _year(published: pd.Timestamp) -> int | None:
    return None if pd.isna(published) else int(published.year)


def _concat(frames: Iterable[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def load_corpus(source: str | Path | list | tuple | None = None) -> Corpus:
    """Load articles: the bundled ones (None), a folder, a manifest CSV, one file or a list of files."""
    return Corpus(article_frame(resolve_sources(source)))
