"""Sentences and tokens of a paragraph, as character offsets into the article text.

Every function works on ``text[start:end]`` without copying the article and returns offsets
into ``text`` itself, so that ``text[s:e]`` is always the row's text (lossless).

Design (all regexes compiled once, every pattern linear on any input: possessive quantifiers,
no nested backtracking, bounded look-around windows; per-match work is O(1)):

* Sentences: one ``finditer`` pass finds candidate ends, a run of ``. ! ? …`` plus any closing
  quotes/brackets that is followed by whitespace. Each candidate is kept or dropped by looking
  at a bounded window: the word before it (abbreviation? initial?) and the first character
  after the whitespace (lower case never starts a sentence). Newlines are whitespace like any
  other: a hard wrap never ends a sentence by itself. Decimals (2.3%, 8.06am) never qualify
  because the dot is not followed by whitespace.
* Tokens: one ``finditer`` pass of an alternation whose group name is the token kind.
  ``$300bn`` is ``$`` (symbol) + ``300bn`` (number); ``8.06am`` is one ``number`` token;
  ``2.3%`` is ``2.3`` (number) + ``%`` (symbol); ``’90s`` is one ``number`` token;
  ``U.S.`` and ``e.g.`` are one ``word`` token each; ``90-minute`` is a ``word``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

from ..ingest.stamps import MONTH_ABBREVIATIONS as CALENDAR_ABBREVIATIONS
from ..wordlists import table, words

__all__ = ["sentence_spans", "token_table", "token_matches", "masked_token_matches", "MASK", "normalise", "normalise_token", "TOKEN_KINDS"]

TOKEN_KINDS = ("word", "number", "punct", "quote", "symbol")

# Titles before a name: a full stop after one of these never ends a sentence.
TITLE_ABBREVIATIONS = words("title_abbreviations")
# Abbreviations that stand before a number ("No. 10", "pp. 4-5"): no split before a digit.
NUMBER_ABBREVIATIONS = words("number_abbreviations")
# "10 p.m. Police said": times end sentences like ordinary words.
TIME_ABBREVIATIONS = frozenset(("a.m", "p.m"))
MONTH_ABBREVIATIONS = frozenset(CALENDAR_ABBREVIATIONS)
# Abbreviations that usually stand inside a sentence ("vs. Russia", "e.g. Kyiv", "U.S. President"):
# they end a sentence only when a typical sentence opener follows. Single initials count too.
INNER_ABBREVIATIONS = words("inner_abbreviations") | MONTH_ABBREVIATIONS
# Words that typically open a sentence; after an inner abbreviation they signal a real end.
SENTENCE_STARTERS = words("sentence_starters")

_MARKS = table("punctuation")["sentence"]
_OPENERS, _CLOSERS, _CONTINUATION_PUNCT = (_MARKS[k] for k in ("openers", "closers", "continuation"))

# A run of terminal punctuation, then closing quotes/brackets. A match never fails once it has
# started, so finditer resumes after each whole run: one pass over the paragraph.
_TERMINAL_RE = re.compile(r"[.!?…]++[\"'”’»›)\]}]*+")
_SPACE_RUN_RE = re.compile(r"\s*+")
# The token before a candidate end, within a bounded window (never more than 40 chars scanned).
_PREV_TOKEN_RE = re.compile(r"\S{1,40}+\Z")
_INITIALISM_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_MARKER_RE = re.compile(r"\d{1,3}|[A-Za-z]")
_NEXT_WORD_RE = re.compile(r"[^\W\d_][\w'’]{0,30}")

_TOKEN_RE = re.compile(
    r"(?P<number>(?:['’](?=\d))?+\d++(?:[.,:]\d++)*+[^\W\d_]*+(?![\-‐'’]?[^\W_]))"
    r"|(?P<word>(?<![^\W_])(?:[^\W\d_]\.){2,}+"  # initialisms: U.S. e.g. a.m.
    r"|[^\W_]++(?:(?:['’\-‐]|(?<=\d)[.,:](?=\d))[^\W_]++)*+)"
    r"|(?P<quote>[\"'“”„‟‘’‚‛«»‹›`])"
    r"|(?P<symbol>[$£€¥₹₽¢%‰&@#*+=<>^|~/\\°©®™§¶•·\u2600-\u27bf\U0001f000-\U0001faff])"
    r"|(?P<punct>\.{2,}+|[-‐‑‒–—―]++|[^\w\s]|_)"
)

# A quoted character blanked in attribution's masked text (a private-use character: never in news
# text); :func:`liveblogs.text.document.masked_text` writes it.
MASK = "\ue000"

# The masked text reads a run of blanked characters as one token (the ``mask`` kind), before any
# other kind; everything else is read by the one tokeniser above. Without it each blanked
# character is a token of its own: over half the tokens of 100 PolNeAR texts' masked reading.
_MASKED_TOKEN_RE = re.compile(f"(?P<mask>{MASK}++)|" + _TOKEN_RE.pattern)

_QUOTE_TABLE = str.maketrans({c: '"' for c in "“”„‟«»"} | {c: "'" for c in "‘’‚‛′"})


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of the paragraph ``text[start:end]`` as ``(start, end)`` offsets into ``text``.

    Spans are stripped of surrounding whitespace, never leave ``[start, end)``, are in order,
    do not overlap and together cover every non-space character of the paragraph.
    """
    start, end = max(0, start), min(len(text), end)
    lead = _SPACE_RUN_RE.match(text, start, end).end()
    cuts = [start]
    for match in _TERMINAL_RE.finditer(text, lead, end):
        cut = match.end()
        if cut < end and _is_sentence_end(text, match, lead, end):
            cuts.append(cut)
    cuts.append(end)
    spans = (_strip(text, a, b) for a, b in zip(cuts, cuts[1:]))
    return [span for span in spans if span[0] < span[1]]


def _is_sentence_end(text: str, match: re.Match[str], lead: int, end: int) -> bool:
    """Whether the terminal run ``match`` ends a sentence of the paragraph ``text[lead:end]``."""
    mark, cut = match.span()
    if not text[cut].isspace():
        return False  # 2.3%, 8.06am, "end.Next" or "peace.”," : no whitespace, no end
    nxt = _SPACE_RUN_RE.match(text, cut, end).end()
    if nxt >= end:
        return True
    first = _first_significant(text, nxt, end)
    if first is None or first.islower() or first in _CONTINUATION_PUNCT:
        return False
    if match.group(0).rstrip(_CLOSERS) != ".":
        return True  # "?", "!", ellipsis before upper case: a real end
    token = _previous_token(text, lead, mark)
    if mark - len(token) == lead and _LIST_MARKER_RE.fullmatch(token):
        return False  # "1. Ukraine will ..." opens a numbered item
    return not _abbreviation_holds(token, text, nxt, end, first)


def _first_significant(text: str, pos: int, end: int) -> str | None:
    """The first character at or after ``pos`` that is not an opening quote or bracket."""
    limit = min(end, pos + 8)
    while pos < limit and text[pos] in _OPENERS:
        pos += 1
    return text[pos] if pos < limit else None


def _previous_token(text: str, lead: int, mark: int) -> str:
    """The whitespace-delimited token in ``text[lead:mark]`` just before ``mark`` (at most 40 chars)."""
    found = _PREV_TOKEN_RE.search(text, max(lead, mark - 40), mark)
    return found.group(0) if found else ""


def _abbreviation_holds(token: str, text: str, nxt: int, end: int, first: str) -> bool:
    """Whether a full stop after ``token`` belongs to an abbreviation, not to a sentence end."""
    token = token.lstrip(_OPENERS)
    word = token.lower()
    if word in TITLE_ABBREVIATIONS:
        return True
    if first.isdigit():
        return word in NUMBER_ABBREVIATIONS or word in MONTH_ABBREVIATIONS
    dotted = word not in TIME_ABBREVIATIONS and _INITIALISM_RE.fullmatch(token)
    inner = word in INNER_ABBREVIATIONS or _is_initial(token) or dotted
    return bool(inner) and not _starts_sentence(text, nxt, end)


def _is_initial(token: str) -> bool:
    """A single capital letter (the J in Donald J. Trump)."""
    return len(token) == 1 and token.isupper()


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the word at ``pos`` (after opening marks) is a typical sentence opener."""
    limit = min(end, pos + 8)
    while pos < limit and text[pos] in _OPENERS:
        pos += 1
    found = _NEXT_WORD_RE.match(text, pos, end)
    return bool(found) and found.group(0).lower() in SENTENCE_STARTERS


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` shrunk so that ``text[a:b]`` has no surrounding whitespace."""
    piece = text[a:b]
    left = len(piece) - len(piece.lstrip())
    if left == len(piece):
        return a, a
    return a + left, a + len(piece.rstrip())


def token_table(text: str, start: int, end: int) -> dict[str, np.ndarray | list]:
    """Tokens of ``text[start:end]``: ``start``/``end`` int64 offsets into ``text`` and ``kind``.

    Kinds: ``word``, ``number``, ``punct``, ``quote``, ``symbol``. One ``finditer`` pass; every
    non-space character of the span falls in exactly one token.
    """
    spans = array("q")  # flat start, end pairs stored as raw int64: no Python int per offset
    kinds: list[str] = []
    for match in token_matches(text, start, end):
        spans.extend(match.span())
        kinds.append(match.lastgroup)
    offsets = np.frombuffer(spans, dtype=np.int64).reshape(-1, 2)
    return {"start": offsets[:, 0].copy(), "end": offsets[:, 1].copy(), "kind": kinds}


def token_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The token matches of ``text[start:end]``, in order; ``lastgroup`` is the kind (see :func:`token_table`)."""
    start, end = max(0, start), min(len(text), end)
    return _TOKEN_RE.finditer(text, start, end)


def masked_token_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """:func:`token_matches` of a masked text, each run of :data:`MASK` one token (``lastgroup`` ``mask``)."""
    start, end = max(0, start), min(len(text), end)
    return _MASKED_TOKEN_RE.finditer(text, start, end)


def normalise(s: str) -> str:
    """Lower case, curly quotes to straight, whitespace runs to one space, NFKC; ends stripped.

    Idempotent: ``normalise(normalise(s)) == normalise(s)``.
    """
    if s.isascii():  # NFKC leaves ASCII as it is and the quote table has no ASCII key
        return " ".join(s.lower().split())
    out = unicodedata.normalize("NFKC", s).lower()
    out = unicodedata.normalize("NFKC", out).translate(_QUOTE_TABLE)
    return " ".join(out.split())  # str.split and re's \s agree on what whitespace is


@lru_cache(maxsize=1 << 16)
def normalise_token(token: str) -> str:
    """:func:`normalise`, cached: a corpus has few distinct tokens and repeats them often."""
    return normalise(token)
