"""Paragraphs → quotation spans: where the quoted words are, from the quotation marks alone.

One left-to-right pass over the marks of each paragraph (``_MARK_RE.finditer``), with a stack
that holds at most one open double and one open single quotation, so the work is linear in the
length of the text whatever it contains.

How a mark is read:

* ``“ ” „ « »`` and straight ``"`` are *double* marks, ``‘ ’`` and straight ``'`` *single* ones.
  Two apostrophes in a row (``''`` or ``’’``) are one straight double mark, as the New York Times
  and typewritten copy write it (``''It's more tinkering,'' said Mr. Cole``); the span's
  ``open_mark`` is then the first of the two and ``close_mark`` the last.
  Curly marks say their direction, straight marks get it from their neighbours (a space before
  and a letter after opens; a letter before closes when a quotation is open).
* A single mark between two letters or digits (``Russia's``, ``don’t``), before a decade
  (``’90s``) or after a word when no single quotation is open (``allies’``) is an apostrophe.
  So are the two marks of a clipped word of one or two letters standing between words
  (``rock 'n' roll``, ``fish ’n’ chips``): nobody is quoted saying "n".
* Quotations nest (``"he said 'no'"``): the outermost span is reported, and with
  ``nested=True`` the inner ones too, each with ``parent`` (the opening mark of the quotation
  that holds it) and ``depth``.
* A new opening mark of a kind that is already open (``"unclosed ... "next"``) abandons the
  unclosed one; an opening mark that is never closed is dropped at the end of its paragraph,
  so no quotation ever swallows the text after it.
* The British convention for quotations over several paragraphs: a paragraph that ends inside
  a quotation and is followed by a paragraph opening with the same kind of mark continues into
  it; only the last paragraph closes. The result is one span, and the continuation marks are
  recorded so that :func:`quote_text` can drop them.
* A quotation broken by a hard wrap is one span because paragraphs (from
  :func:`liveblogs.paragraphs.paragraphs`) already rejoin wrapped lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Container, Iterable

from ..wordlists import table

__all__ = ["QuoteSpan", "find_quotes", "quote_text", "DOUBLE_MARKS", "SINGLE_MARKS"]

_MARKS = table("punctuation")["quotation"]
DOUBLE_MARKS, SINGLE_MARKS = _MARKS["double_marks"], _MARKS["single_marks"]
_MARK_RE = re.compile(r"''|’’|[\"“”„«»'‘’]")
# Characters after which a mark reads as opening, or before which it reads as closing (as a space).
_OPENING_CONTEXT, _CLOSING_CONTEXT = _MARKS["opening_context"], _MARKS["closing_context"]
_DECADE_RE = re.compile(r"\d0s\b")
_WORD_RE = re.compile(r"[^\W_]")
_SPACE_RE = re.compile(r"\s+")
# A clipped word between single marks, itself between words: "rock 'n' roll".
_CLIPPED_RE = re.compile(r"[^\W\d_]{1,2}")

DOUBLE, SINGLE = "double", "single"
_PARAGRAPH_OPENERS = {DOUBLE: "\"“„«”", SINGLE: "'‘"}


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``text[start:end]`` are the words between the outer marks, stripped.

    ``open_mark``/``close_mark`` are the offsets of the outer marks, ``paragraphs`` how many
    paragraphs the quotation covers and ``continuation_marks`` the offsets of the marks that
    open its continuing paragraphs (inside ``start:end``).
    """

    start: int
    end: int
    open_mark: int
    close_mark: int
    kind: str
    paragraphs: int = 1
    continuation_marks: tuple[int, ...] = ()
    parent: int | None = None
    depth: int = 0

    @property
    def multi_paragraph(self) -> bool:
        return self.paragraphs > 1

    @property
    def nested(self) -> bool:
        return self.parent is not None


@dataclass
class _Frame:
    kind: str
    open_mark: int
    width: int = 1
    paragraphs: int = 1
    continuation_marks: list[int] = field(default_factory=list)
    children: list[QuoteSpan] = field(default_factory=list)


def _kind(mark: str) -> str:
    return DOUBLE if mark in DOUBLE_MARKS else SINGLE


def _before_is_open(c: str) -> bool:
    """The character before a mark leaves it free to open (start, space, bracket, dash)."""
    return c == "" or c.isspace() or c in _OPENING_CONTEXT


def _after_is_close(c: str) -> bool:
    """The character after a mark leaves it free to close (end, space, punctuation)."""
    return c == "" or c.isspace() or c in _CLOSING_CONTEXT


def _read_mark(text: str, i: int, lo: int, hi: int, open_kinds: set[str], width: int = 1) -> str:
    """``open``, ``close`` or ``none`` (apostrophe, stray mark) for the mark at ``text[i:i + width]``
    (two apostrophes read as one straight double mark)."""
    mark = text[i] if width == 1 else '"'
    before = text[i - 1] if i > lo else ""
    after = text[i + width] if i + width < hi else ""
    kind = _kind(mark)
    is_open = kind in open_kinds
    if kind == SINGLE and before.isalnum() and after.isalnum():
        return "none"  # Russia's, don’t, rock'n'roll
    if mark in "“„«‘":
        if is_open and not _before_is_open(before) and _after_is_close(after):
            return "close"  # a left mark typed where a right one belongs
        return "open" if after and not after.isspace() else "none"
    if mark in "”»":
        if is_open:
            return "close"
        return "open" if _before_is_open(before) and after.isalnum() else "none"
    # Straight marks and the right single mark, which doubles as the apostrophe.
    if mark in "'’" and _before_is_open(before) and _DECADE_RE.match(text, i + 1, hi):
        return "none"  # ’90s
    left = _before_is_open(before) and after != "" and not after.isspace()
    if is_open:
        if left and not _after_is_close(after) and mark == '"':
            return "open"  # a fresh quotation: the open one was never closed
        return "close" if before and not before.isspace() else ("open" if left else "none")
    return "open" if left else "none"


def _finish(frame: _Frame, text: str, close_mark: int, close_width: int = 1) -> QuoteSpan | None:
    start, end = frame.open_mark + frame.width, close_mark + 1 - close_width
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _WORD_RE.search(text, start, end):
        return None
    if (
        frame.kind == SINGLE and _CLIPPED_RE.fullmatch(text, start, end) and end == close_mark
        and start == frame.open_mark + frame.width and _between_words(text, frame.open_mark, close_mark)
    ):
        return None  # rock 'n' roll
    return QuoteSpan(
        start, end, frame.open_mark, close_mark, frame.kind, frame.paragraphs, tuple(frame.continuation_marks)
    )


def _between_words(text: str, open_mark: int, close_mark: int) -> bool:
    """A word, one space, the marks, one space and a lower-case word: ``rock 'n' roll``."""
    before = text[open_mark - 2 : open_mark]
    after = text[close_mark + 1 : close_mark + 3]
    return len(before) == 2 and before[0].isalpha() and before[1] == " " and len(after) == 2 and (
        after[0] == " " and after[1].isalpha() and after[1].islower()
    )


class _Scanner:
    """The stack of open quotations while the paragraphs are read in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Frame] = []
        self.found: list[QuoteSpan] = []
        self.inner: list[QuoteSpan] = []

    def _adopt(self, spans: list[QuoteSpan], parent: _Frame | None) -> None:
        """Closed quotations whose holder was dropped: they now belong to ``parent`` (or the top)."""
        for span in spans:
            if span.parent is not None and span.depth > 1:
                # a grandchild keeps its own parent, one level up
                fixed = QuoteSpan(**{**span.__dict__, "depth": span.depth - 1})
            elif parent is None:
                fixed = QuoteSpan(**{**span.__dict__, "parent": None, "depth": 0})
            else:
                fixed = QuoteSpan(**{**span.__dict__, "parent": parent.open_mark, "depth": 1})
            (parent.children if parent is not None else self.found).append(fixed)

    def _abandon_top(self) -> None:
        """Drop the innermost open quotation; the closed quotations inside it move up."""
        frame = self.stack.pop()
        if self.stack:
            self._adopt(frame.children, self.stack[-1])
        else:
            self._adopt(frame.children, None)

    def _abandon_down_to(self, kind: str) -> None:
        while self.stack and self.stack[-1].kind != kind:
            self._abandon_top()

    def open(self, kind: str, at: int, width: int = 1) -> None:
        if any(f.kind == kind for f in self.stack):
            self._abandon_down_to(kind)
            self._abandon_top()
        self.stack.append(_Frame(kind, at, width))

    def close(self, kind: str, at: int, width: int = 1) -> None:
        if not any(f.kind == kind for f in self.stack):
            return
        self._abandon_down_to(kind)
        frame = self.stack.pop()
        span = _finish(frame, self.text, at + width - 1, width)
        if span is None:
            self._adopt(frame.children, self.stack[-1] if self.stack else None)
            return
        if self.stack:
            parent = self.stack[-1]
            parent.children.append(QuoteSpan(**{**span.__dict__, "parent": parent.open_mark, "depth": 1}))
            parent.children.extend(QuoteSpan(**{**c.__dict__, "depth": c.depth + 1}) for c in frame.children)
        else:
            self.found.append(span)
            self.inner.extend(frame.children)

    def scan(self, lo: int, hi: int) -> None:
        for match in _MARK_RE.finditer(self.text, lo, hi):
            i, width = match.start(), match.end() - match.start()
            kind = DOUBLE if width == 2 else _kind(self.text[i])
            action = _read_mark(self.text, i, lo, hi, {f.kind for f in self.stack}, width)
            if action == "open":
                self.open(kind, i, width)
            elif action == "close":
                self.close(kind, i, width)

    def end_paragraph(self, next_start: int | None) -> int | None:
        """Close the paragraph; returns where the next one should be read from when it continues."""
        while len(self.stack) > 1:
            self._abandon_top()
        if not self.stack:
            return next_start
        frame = self.stack[0]
        if next_start is not None and frame.kind == DOUBLE and self.text.startswith(("''", "’’"), next_start):
            frame.paragraphs += 1
            frame.continuation_marks += [next_start, next_start + 1]
            return next_start + 2
        if next_start is not None and self.text[next_start] in _PARAGRAPH_OPENERS[frame.kind]:
            frame.paragraphs += 1
            frame.continuation_marks.append(next_start)
            return next_start + 1
        self._abandon_top()
        return next_start


def find_quotes(
    text: str, bounds: Iterable[tuple[int, int]] | None = None, barriers: Container[int] = (), nested: bool = False
) -> list[QuoteSpan]:
    """Every outermost quotation in ``text``, in order of position.

    ``bounds`` are the ``(start, end)`` offsets of the paragraphs, in order (default: those of
    :func:`liveblogs.paragraphs.paragraphs`). ``barriers`` holds the indexes of paragraphs that
    a quotation may not continue into (a headline, the first paragraph of a new post).
    With ``nested``, quotations inside a reported quotation are returned too (``parent`` set),
    each right after the quotation that holds it.
    """
    if bounds is None:
        from ..text.paragraphs import paragraphs

        bounds = [(p.start, p.end) for p in paragraphs(text)]
    bounds = [(int(a), int(b)) for a, b in bounds if b > a]
    scanner = _Scanner(text)
    resume: int | None = bounds[0][0] if bounds else None
    for k, (lo, hi) in enumerate(bounds):
        scanner.scan(max(lo, resume if resume is not None else lo), hi)
        following = k + 1 < len(bounds) and (k + 1) not in barriers
        resume = scanner.end_paragraph(bounds[k + 1][0] if following else None)
    found = scanner.found + (scanner.inner if nested else [])
    found.sort(key=lambda s: (s.start, s.depth))
    return found


def quote_text(text: str, span: QuoteSpan) -> str:
    """The quoted words with continuation marks removed and whitespace folded to single spaces."""
    pieces, at = [], span.start
    for mark in span.continuation_marks:
        pieces.append(text[at:mark])
        at = mark + 1
    pieces.append(text[at : span.end])
    return _SPACE_RE.sub(" ", "".join(pieces)).strip()
