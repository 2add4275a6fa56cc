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
  often a name occurs.
"""

from __future__ import annotations

from .segment import token_matches

__all__ = ["word_pieces", "token_words", "hyphen_parts", "lettered_words", "letter_words", "capitalised_words", "folded_words", "word_forms", "LONGEST_WORD"]

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
    append = out.append
    for m in token_matches(text, 0, len(text)):
        kind = m.lastgroup
        if kind == "word" or kind == "number":
            token = m.group()
            if token.isalpha():  # most words: letters only, so the word is its one piece
                if 2 <= len(token) <= LONGEST_WORD:
                    append(token)
            else:
                out.extend([p for p in token.translate(_JOINERS).split() if 2 <= len(p) <= LONGEST_WORD and p.isalpha()])
    return out


def capitalised_words(text: str) -> list[tuple[int, str]]:
    """``(offset, word)`` of the capitalised letter-only pieces of ``text``'s words that open a word
    or follow a hyphen (not an apostrophe: ``Putin's`` gives ``Putin`` only)."""
    out = []
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup != "word":
            continue
        token, at = m.group(), m.start()
        if token.isalpha():  # most words: no hyphen and no apostrophe, so the word is its one piece
            if 2 <= len(token) <= LONGEST_WORD and token[0].isupper():
                out.append((at, token))
            continue
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


def word_pieces(text: str) -> list[str]:
    """Every piece of every word or number token of ``text`` between joiners (apostrophes,
    hyphens, inner dots and commas): ``France's`` → ``France``, ``s``; case is the caller's."""
    out: list[str] = []
    append = out.append
    for m in token_matches(text, 0, len(text)):
        kind = m.lastgroup
        if kind == "word" or kind == "number":
            token = m.group()
            if token.isalnum():  # no joiner: the token is its one piece
                append(token)
            else:
                out.extend(token.translate(_JOINERS).split())
    return out


def folded_words(text: str) -> list[str]:
    """Every piece of every word or number token of ``text``, apostrophes removed (``don't`` →
    ``dont``), other joiners splitting; case is the caller's (fold before calling)."""
    out: list[str] = []
    append = out.append
    for m in token_matches(text, 0, len(text)):
        kind = m.lastgroup
        if kind == "word" or kind == "number":
            token = m.group()
            if token.isalnum():  # no apostrophe and no joiner: the token is its one piece
                append(token)
            else:
                out.extend(token.translate(_NO_APOSTROPHES).translate(_JOINERS).split())
    return out
