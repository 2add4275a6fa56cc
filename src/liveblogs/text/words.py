"""Words of a string, each derived in one named place from the article's one tokeniser.

Every stage that compares or counts words (time links, story links, framing, attribution's name
counts) reads them here, from :func:`liveblogs.text.segment.token_matches`, so "a word" means
the same thing everywhere. A word token may hold joiners (``Putin's``, ``well-known``,
``don't``); the derivations below say what each use makes of them:

* :func:`letter_words` — the letter-only pieces between joiners, 2–40 letters
  (``Putin's`` → ``Putin``; ``well-known`` → ``well``, ``known``);
* :func:`capitalised_words` — those pieces that open a word or follow a hyphen and start with
  a capital (names, places, bodies; ``O'Brien`` gives nothing, ``Jean-Pierre`` both parts);
* :func:`word_pieces` — every piece of every word or number token between joiners
  (``France's`` → ``France``, ``s``), for keys and word sets;
* :func:`folded_words` — every piece of every word or number token, lower case, apostrophes
  removed (``Don't`` → ``dont``), for comparing quotations word by word;
* :func:`lettered_words` — whole word tokens that start with a letter, dotted abbreviations
  left out, with their offsets (a vocabulary: framing's terms and spellings);
* :func:`token_words` — whole word and number tokens as written (the words of a short
  phrase: a description, a gap between a quotation and its cue);
* :func:`hyphen_parts` — word and number tokens split at hyphens only (``African-American`` →
  ``African``, ``American``; ``U.S.`` whole), the words of a description;
* :func:`word_forms` — whole word tokens as written (``Putin's``, ``U.S.``), for counting how
  often a name occurs;
* :func:`word_readings` — letter words, capitalised words and the lower-cased text's pieces
  from one pass (the cross-reference step reads every candidate post for all three).

Each derivation's rule for one token is one helper (``_letter_pieces``, ``_capitalised_pieces``,
``_joined_pieces``), used by the reading of one kind and by :func:`word_readings` alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .segment import token_matches

__all__ = ["word_pieces", "token_words", "hyphen_parts", "lettered_words", "letter_words", "capitalised_words", "folded_words", "word_forms", "word_readings", "lower_keeps_tokens", "LONGEST_WORD"]

LONGEST_WORD = 40  # a safety bound, not tuned: a longer run of letters is not a word of news text
_WORDLIKE = frozenset(("word", "number"))
_APOSTROPHES = "'’‘`´"
_JOINERS = str.maketrans({c: " " for c in "'’‘`´-‐.,:"})
_HYPHENS = str.maketrans({c: " " for c in "-‐"})
_NO_APOSTROPHES = str.maketrans({c: "" for c in _APOSTROPHES})


def word_forms(text: str) -> list[str]:
    """The word tokens of ``text`` as written (numbers left out)."""
    return [m.group() for m in token_matches(text, 0, len(text)) if m.lastgroup == "word"]


def token_words(text: str) -> list[str]:
    """The word and number tokens of ``text`` as written (``U.S.``, ``don't``, ``1,000``)."""
    return [m.group() for m in token_matches(text, 0, len(text)) if m.lastgroup in _WORDLIKE]


def hyphen_parts(text: str) -> list[str]:
    """The word and number tokens of ``text`` split at hyphens only (``US-owned`` → ``US``,
    ``owned``; ``U.S.`` and ``NATO's`` stay whole): the words of a description."""
    out: list[str] = []
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup in _WORDLIKE:
            out.extend(m.group().translate(_HYPHENS).split())
    return out


def lettered_words(text: str) -> list[tuple[int, str]]:
    """``(offset, word)`` of the word tokens of ``text`` that start with a letter, dotted
    abbreviations (``U.S.``, ``a.m.``) left out: the words of a vocabulary."""
    return [
        (m.start(), m.group()) for m in token_matches(text, 0, len(text))
        if m.lastgroup == "word" and m.group()[0].isalpha() and "." not in m.group()
    ]


def letter_words(text: str) -> list[str]:
    """The letter-only pieces of ``text``'s words between joiners, 2 to ``LONGEST_WORD`` letters."""
    out: list[str] = []
    extend = out.extend
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup in _WORDLIKE:
            extend(_letter_pieces(m.group()))
    return out


def capitalised_words(text: str) -> list[tuple[int, str]]:
    """``(offset, word)`` of the capitalised letter-only pieces of ``text``'s words that open a word
    or follow a hyphen (not an apostrophe: ``Putin's`` gives ``Putin`` only)."""
    out: list[tuple[int, str]] = []
    extend = out.extend
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup == "word":
            extend(_capitalised_pieces(m.group(), m.start()))
    return out


def word_pieces(text: str) -> list[str]:
    """Every piece of every word or number token of ``text`` between joiners (apostrophes,
    hyphens, inner dots and commas): ``France's`` → ``France``, ``s``; case is the caller's."""
    out: list[str] = []
    extend = out.extend
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup in _WORDLIKE:
            extend(_joined_pieces(m.group()))
    return out


def word_readings(text: str) -> tuple[list[str], list[tuple[int, str]], list[str]]:
    """``letter_words(text)``, ``capitalised_words(text)`` and ``word_pieces(text.lower())`` from
    one pass of the tokeniser over ``text``: when lower-casing keeps every character's class
    (:func:`lower_keeps_tokens`), the lower-cased text has the same tokens, lower-cased, so its
    pieces are the lower-cased pieces; otherwise the lower-cased text is read on its own."""
    letters: list[str] = []
    capitals: list[tuple[int, str]] = []
    pieces: list[str] = []
    same = lower_keeps_tokens(text)
    for m in token_matches(text, 0, len(text)):
        kind = m.lastgroup
        if kind in _WORDLIKE:
            token = m.group()
            letters.extend(_letter_pieces(token))
            if kind == "word":
                capitals.extend(_capitalised_pieces(token, m.start()))
            if same:
                pieces.extend(_joined_pieces(token.lower()))
    return letters, capitals, pieces if same else word_pieces(text.lower())


def lower_keeps_tokens(text: str) -> bool:
    """Whether ``text.lower()`` has ``text``'s tokens, each lower-cased: every character stays
    itself or is a letter that lower-cases to one letter, by itself (not the capital sigma, whose
    lower case depends on the letters around it; not ``İ``, which lower-cases to two characters)."""
    return text.isascii() or all(map(_lower_keeps, set(text)))


@lru_cache(maxsize=4096)
def _lower_keeps(c: str) -> bool:
    low = c.lower()
    return low == c or (c != "Σ" and c.isalpha() and len(low) == 1 and low.isalpha())


def _letter_pieces(token: str) -> Sequence[str]:
    """The letter-only pieces of a word or number token between joiners, 2 to ``LONGEST_WORD`` letters."""
    if token.isalpha():  # most words: letters only, so the word is its one piece
        return (token,) if 2 <= len(token) <= LONGEST_WORD else ()
    return [p for p in token.translate(_JOINERS).split() if 2 <= len(p) <= LONGEST_WORD and p.isalpha()]


def _capitalised_pieces(token: str, at: int) -> Sequence[tuple[int, str]]:
    """``(offset, piece)`` of a word token's capitalised letter-only pieces that open it or follow a hyphen."""
    if token.isalpha():  # no hyphen and no apostrophe: the word is its one piece
        return ((at, token),) if 2 <= len(token) <= LONGEST_WORD and token[0].isupper() else ()
    out = []
    for part in token.translate(_HYPHENS).split(" "):
        lead = part
        for k, c in enumerate(part):
            if c in _APOSTROPHES:
                lead = part[:k]
                break
        if 2 <= len(lead) <= LONGEST_WORD and lead[0].isupper() and lead.isalpha():
            out.append((at, lead))
        at += len(part) + 1
    return out


def _joined_pieces(token: str) -> Sequence[str]:
    """A word or number token's pieces between joiners."""
    return (token,) if token.isalnum() else token.translate(_JOINERS).split()


def folded_words(text: str) -> list[str]:
    """Every piece of every word or number token of ``text``, apostrophes removed (``don't`` →
    ``dont``), other joiners splitting; case is the caller's (fold before calling)."""
    out: list[str] = []
    append = out.append
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup in _WORDLIKE:
            token = m.group()
            if token.isalnum():  # no apostrophe and no joiner: the token is its one piece
                append(token)
            else:
                out.extend(token.translate(_NO_APOSTROPHES).translate(_JOINERS).split())
    return out
