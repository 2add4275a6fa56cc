"""Checks a user can run on any corpus: do the offsets give every row back, is every character covered?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..assemble.corpus import Corpus


def offset_report(corpus: Corpus) -> pd.DataFrame:
    """One row per frame: rows, and how many rows' offsets do not give back the text the row claims.

    Each row is checked against text it holds in its own columns, never against text cut from
    those same offsets: ``text`` (posts, paragraphs, sentences, tokens, time references), the
    ``quote`` with its ``speaker_mention`` and ``cue`` at their own offsets (quotes), the ``alias``
    (speaker names), one of the ``aliases`` (speakers), and the ``headline`` that the unit opens
    with (stories). A row counts once however many of its claims fail.
    """
    frames = corpus.frames()
    rows = []
    for name, frame in frames.items():
        bad = _mismatches(corpus, name, frame.drop(columns=["text"]) if name in _CLAIMS else frame)
        rows.append({"frame": name, "rows": len(frame), "mismatches": int(bad.sum())})
    return pd.DataFrame(rows)


def _mismatches(corpus: Corpus, name: str, frame: pd.DataFrame) -> np.ndarray:
    """For each row, whether one of its claims differs from the text its offsets give."""
    articles = frame["article"].tolist()
    bad = np.zeros(len(frame), dtype=bool)
    for claim, start, end, check in _CLAIMS.get(name, [("text", "start", "end", _equal)]):
        for i, (article, a, b, claimed) in enumerate(zip(articles, frame[start], frame[end], frame[claim])):
            if _missing(claimed) and _missing(a):
                continue  # no claim on this row (a quotation without a cue)
            if _missing(article) or _missing(a) or _missing(b) or _missing(claimed):
                bad[i] = True
                continue
            bad[i] |= not check(corpus.text(article)[int(a) : int(b)], claimed)
    return bad


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, np.ndarray)) and bool(pd.isna(value)))


def _equal(span: str, claimed: object) -> bool:
    return span == claimed


_MARKS = str.maketrans("", "", "\"'“”‘’«»„‚‹›")


def same_words(span: str, claimed: object) -> bool:
    """A quotation's ``quote`` is its span with white space folded and, in a quotation running over
    paragraphs, the mark opening each continuing paragraph left out: equal up to those two."""
    if span == claimed:
        return True
    return " ".join(span.translate(_MARKS).split()) == " ".join(str(claimed).translate(_MARKS).split())


def _one_of(span: str, claimed: object) -> bool:
    return span in list(claimed)


def _opens_with(span: str, claimed: object) -> bool:
    """A story row's headline is the unit's headline or its first line, white space collapsed and
    perhaps cut with an ellipsis: the unit's text, collapsed the same way, opens with it."""
    head = str(claimed).removesuffix("…")
    return " ".join(span.split()).startswith(head)


# Per frame: (column claimed, start column, end column, how the span must match the claim).
_CLAIMS = {
    "quotes": [("quote", "start", "end", same_words), ("speaker_mention", "mention_start", "mention_end", _equal),
               ("cue", "cue_start", "cue_end", _equal)],
    "speaker_names": [("alias", "start", "end", _equal)],
    "speakers": [("aliases", "start", "end", _one_of)],
    "stories": [("headline", "start", "end", _opens_with)],
}


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
