"""One article in, every per-article frame out: the pure map step of the corpus.

``article_frames`` depends on one article alone (its row of the articles frame), so it can be
cached per file (:mod:`liveblogs.cache`) and mapped over many files in parallel
(:mod:`liveblogs.scale`). The steps that need the whole corpus — canonical speakers across
outlets, stories across outlets — run afterwards on the concatenated frames (the reduce step,
in :class:`liveblogs.corpus.Corpus`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import posts as posts_module
from . import times
from .quotes import quote_frame
from .segment import normalise, sentence_spans

PER_ARTICLE = (
    "paragraphs", "units", "sentences", "quotes", "time_references", "post_times", "cross_reference_links",
    "event_times",
)


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


def article_frames(article: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every frame computed from one article alone; ``article`` is its one-row articles frame."""
    row = article.iloc[0]
    year = None if pd.isna(row["published"]) else int(row["published"].year)
    paragraphs, units = posts_module.segment(row["article"], row["text"], year)
    units.insert(1, "outlet", pd.Series(str(row["outlet"]), index=units.index, dtype="string"))
    sentences = sentence_frame(row["article"], row["text"], paragraphs)
    return {
        "paragraphs": paragraphs,
        "units": units,
        "sentences": sentences,
        "quotes": quote_frame(row["article"], str(row["outlet"]), row["text"], paragraphs),
        **time_frames(article, units, sentences),
    }


def time_frames(article: pd.DataFrame, units: pd.DataFrame, sentences: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The time frames of one article, each intermediate (clocks, clues, links) computed once."""
    clocks = times.article_clocks(article)
    clues = times.find_clues(article, units, clocks)
    links = times.cross_reference_links(article, units, sentences, clues, clocks)
    references = times.time_references(article, units, sentences, clues, links)
    post_times = times.post_times(article, units, references, clocks=clocks)
    return {
        "time_references": references,
        "post_times": post_times,
        "cross_reference_links": links,
        "event_times": times.event_times(article, units, sentences, post_times, clocks),
    }
