"""Lines → paragraphs: hard-wrapped pieces are rejoined, offsets kept into the original text.

A *piece* is one non-blank line, stripped. A *paragraph* is one or more consecutive pieces that
belong together because a piece stopped mid-sentence (a hard wrap, possibly with a blank line
inside it, as in text copied out of some web pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import (
    BULLET_RE,
    CLOSING_MARKS,
    CONTINUATION_WORDS,
    HARD_TERMINALS,
    OPENING_MARKS,
    SOFT_TERMINALS,
)

_PIECE_RE = re.compile(r"[^\S\n]*([^\n]*?)[^\S\n]*(?:\n|\Z)")
_LAST_WORD_RE = re.compile(r"([\w'’]{1,40})\W{0,3}\Z")


@dataclass(frozen=True)
class Piece:
    """One stripped non-blank line: ``text[start:end]``; ``gap`` counts newlines before it."""

    start: int
    end: int
    gap: int


@dataclass(frozen=True)
class Paragraph:
    """Consecutive pieces joined into one paragraph; ``text[start:end]`` covers them all."""

    start: int
    end: int
    pieces: tuple[Piece, ...]


def pieces(text: str) -> list[Piece]:
    """Every non-blank line of ``text`` as a stripped span, with the newlines before it."""
    found: list[Piece] = []
    newlines = 0
    for match in _PIECE_RE.finditer(text):
        start, end = match.span(1)
        if start == end:
            newlines += match.group(0).endswith("\n")
            if match.end() >= len(text):
                break
            continue
        found.append(Piece(start, end, newlines))
        newlines = 1 if match.group(0).endswith("\n") else 0
        if match.end() >= len(text):
            break
    return found


def is_terminated(s: str) -> bool:
    """True when ``s`` ends a sentence: terminal punctuation, possibly inside closing marks."""
    stripped = s.rstrip().rstrip(CLOSING_MARKS + " ")
    return bool(stripped) and stripped[-1] in HARD_TERMINALS + SOFT_TERMINALS


def starts_lowercase(s: str) -> bool:
    """True when the first letter of ``s``, after opening marks, is lower case."""
    body = s.lstrip(OPENING_MARKS + " ")
    return bool(body) and body[0].islower()


def ends_mid_sentence(s: str) -> bool:
    """True when ``s`` ends with a word or mark that cannot end a sentence (``the``, ``,``, ``–``)."""
    tail = s.rstrip()
    if not tail:
        return False
    if tail[-1] in ",–—-(“‘" or tail.endswith(("’s", "'s")):
        return True
    if tail.endswith("s’") and not _closes_open_single_quote(tail):  # "the leaders’" but not "‘without us’"
        return True
    match = _LAST_WORD_RE.search(tail)
    return bool(match) and match.group(1).lower() in CONTINUATION_WORDS


def _closes_open_single_quote(s: str) -> bool:
    """Whether the ’ ending ``s`` closes a ‘ opened before it (rather than being a plural possessive)."""
    body = s[:-1]
    closings = sum(1 for i, c in enumerate(body) if c == "’" and not (
        0 < i < len(body) - 1 and body[i - 1].isalpha() and body[i + 1].isalpha()))
    return body.count("‘") > closings


def _sure_join(a: str, b: str) -> bool:
    """``b`` certainly continues ``a``: ``a`` stops mid-sentence and ``b`` reads on from it."""
    if is_terminated(a) or BULLET_RE.match(b):
        return False
    return starts_lowercase(b) or ends_mid_sentence(a)


def _wrap_width(text: str, found: list[Piece]) -> int:
    """Longest piece that certainly wraps across a blank line; 0 when the text shows no such wrap."""
    widths = [
        a.end - a.start
        for a, b in zip(found, found[1:])
        if b.gap == 2 and _sure_join(text[a.start : a.end], text[b.start : b.end])
    ]
    return max(widths) if len(widths) >= 2 else 0


def _wrap_join(text: str, a: Piece, b: Piece, width: int, opens_after_sentence: bool) -> bool:
    """In a text hard-wrapped across blank lines, an unfinished piece of wrap length joins the next."""
    if not width or b.gap != 2 or not opens_after_sentence:
        return False
    a_text, b_text = text[a.start : a.end], text[b.start : b.end]
    if is_terminated(a_text) or BULLET_RE.match(b_text):
        return False
    return 0.5 * width <= len(a_text) <= width + 12


def paragraphs(text: str) -> list[Paragraph]:
    """Group the pieces of ``text`` into paragraphs, rejoining hard-wrapped lines."""
    found = pieces(text)
    width = _wrap_width(text, found)
    result: list[Paragraph] = []
    current: list[Piece] = []
    previous_terminated = True
    for piece in found:
        if current:
            last = current[-1]
            a_text, b_text = text[last.start : last.end], text[piece.start : piece.end]
            if piece.gap <= 2 and (
                _sure_join(a_text, b_text)
                or _wrap_join(text, last, piece, width, previous_terminated)
            ):
                current.append(piece)
                continue
            result.append(Paragraph(current[0].start, current[-1].end, tuple(current)))
            previous_terminated = is_terminated(text[current[-1].start : current[-1].end])
        current = [piece]
    if current:
        result.append(Paragraph(current[0].start, current[-1].end, tuple(current)))
    return result
