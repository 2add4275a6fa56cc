"""Checks a user can run on any corpus: do the offsets give every row back, is every character covered?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .corpus import Corpus


def offset_report(corpus: Corpus) -> pd.DataFrame:
    """One row per frame: rows, and how many rows' ``text`` differs from ``article_text[start:end]``."""
    rows = []
    for name, frame in corpus.frames().items():
        mismatches = sum(
            corpus.text(article)[start:end] != text
            for article, start, end, text in zip(frame["article"], frame["start"], frame["end"], frame["text"])
        )
        rows.append({"frame": name, "rows": len(frame), "mismatches": int(mismatches)})
    return pd.DataFrame(rows)


def uncovered_characters(corpus: Corpus) -> pd.DataFrame:
    """Non-blank characters that no unit of the posts frame covers (empty when nothing is lost)."""
    rows = []
    for article in corpus.articles["article"]:
        text = corpus.text(article)
        covered = np.zeros(len(text), dtype=bool)
        units = corpus.posts[corpus.posts["article"] == article]
        for start, end in zip(units["start"], units["end"]):
            covered[start:end] = True
        for offset in np.flatnonzero(~covered):
            if not text[offset].isspace():
                rows.append({"article": article, "start": int(offset), "end": int(offset) + 1, "text": text[offset]})
    return pd.DataFrame(rows, columns=["article", "start", "end", "text"])
