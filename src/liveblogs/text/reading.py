"""Paragraphs as a reader takes them, for quotations: the one place where the quotes stage's
reading unit is derived from the shared paragraph layer (:mod:`liveblogs.text.posts`).

Takes the paragraph rows ``(post, paragraph, start, end, role)`` of one article and makes the
reading units (hard-wrapped lines joined, headlines inside a paragraph split off) and the
barriers a quotation may not cross (a new post, a headline, furniture).
"""

from __future__ import annotations

import re

from .paragraphs import ends_mid_sentence, is_terminated
from .patterns import BULLET_RE, MAX_HEADLINE_WORDS

__all__ = ["Unit", "reading_units", "barriers"]

NO_CONTINUATION_ROLES = frozenset({"title", "headline", "boilerplate", "timestamp", "byline", "metadata"})
_FIXED_ROLES = frozenset({"title", "boilerplate", "timestamp", "byline", "metadata"})
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")
_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")

Unit = tuple[int, int, int, int, str]  # post, paragraph, start, end, role


def _wrap_width(text: str) -> int | None:
    """The line width of a hard-wrapped text (most lines break near one width), else None."""
    lengths = sorted(len(m.group(0).strip()) for m in _LINE_RE.finditer(text))
    if len(lengths) < 8:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = sum(1 for n in lengths if 0.6 * width <= n <= width)
    return width if 40 <= width <= 100 and wrapped >= 0.6 * len(lengths) else None


_READ_MORE_RE = re.compile(r"(?:Read more|Read|Related|See also|More|Watch)\s*:\s*\S")


def _headline_like(text: str, lo: int, hi: int, role: str) -> str:
    """Lines that are headlines whatever the layout called them, for quotations:

    * a ``Read more:`` line names another story by its headline;
    * a summary bullet with no final punctuation ("• Kremlin 'studying' US statement") is a
      headline, not a sentence of the body.
    """
    line = text[lo:hi].strip()
    if role == "boilerplate" and _READ_MORE_RE.match(line):
        return "headline"
    if role == "bullet" and "\n" not in line and not is_terminated(line) and not ends_mid_sentence(line) and (
        len(line.split()) <= MAX_HEADLINE_WORDS + 6
    ):
        return "headline"
    return role


def _opens_list(text: str, row: Unit) -> bool:
    """A paragraph that stops mid-sentence at a colon ("Leaders are expected to:"): the bullets
    after it finish its sentence, so they are body text, not headlines ("Key points:" is a label)."""
    line = text[row[2] : row[3]].rstrip()
    return row[4] != "bullet" and line.endswith(":") and ends_mid_sentence(line[:-1])


def _is_entry_headline(text: str, lo: int, hi: int, nxt: Unit) -> bool:
    """The line right after an entry's time stamp (or a line of the summary), short and without
    final punctuation, with a longer paragraph after it, is a headline ("7.12pm / Starmer: I am
    ready to ... / The Prime ...")."""
    line = text[lo:hi].strip()
    bare = line[:-1] if line[-1:] in "’'”\"" else line
    return (
        "\n" not in line and not is_terminated(line) and not ends_mid_sentence(bare)
        and len(line.split()) <= MAX_HEADLINE_WORDS and nxt[4] in ("body", "summary", "standfirst")
        and nxt[3] - nxt[2] > max(len(line), 100)
    )


# A credit line between a post's headline and its text: "From CNN's Ann Lee in Kyiv", "By Ann Lee".
_CREDIT_RE = re.compile(r"(?:From|By|Reporting by|Written by)\s+[A-Z][^\n.!?:;]{0,80}")


def _is_credit(text: str, row: Unit) -> bool:
    """A short line that credits the post's reporter, not a paragraph of the post."""
    return row[4] == "byline" or _CREDIT_RE.fullmatch(text[row[2] : row[3]].strip()) is not None


def _after_credits(text: str, rows: list[Unit], k: int) -> Unit:
    """The first row after ``rows[k]`` that is not a credit line (the last row when all are)."""
    j = k + 1
    while j + 1 < len(rows) and _is_credit(text, rows[j]):
        j += 1
    return rows[j]


def reading_units(text: str, rows: list[Unit]) -> list[Unit]:
    """The paragraphs as a reader takes them, for quotations: two layout slips are repaired.

    * In a hard-wrapped text, a line of wrap length followed by a single line break goes on in
      the next line, even when that line was read as a new paragraph or a headline (``...ask for
      speeches.⏎They ask ...``): the two are one paragraph.
    * A short line without final punctuation, then a blank line and a long paragraph, inside one
      paragraph, is a headline over the paragraph (``Moscow mocks ...⏎⏎Russian foreign ...``):
      it opens a post of its own.

    Posts and paragraphs are renumbered; callers map offsets back to the original frame.
    """
    width = _wrap_width(text)
    merged: list[list] = []
    in_list = False  # bullets that finish the sentence before them ("leaders are expected to:")
    for k, (post, para, lo, hi, role) in enumerate(rows):
        in_list = role == "bullet" and (in_list or k > 0 and _opens_list(text, rows[k - 1]))
        if not in_list:
            role = _headline_like(text, lo, hi, role)
        nxt = _after_credits(text, rows, k) if k + 1 < len(rows) else None
        if nxt is not None and (
            role == "body" and k and rows[k - 1][4] == "timestamp"
            or role in ("summary", "standfirst") and nxt[4] != role
        ) and _is_entry_headline(text, lo, hi, nxt):
            role = "headline"
        if merged and width is not None and role not in _FIXED_ROLES and merged[-1][4] not in _FIXED_ROLES:
            prev = merged[-1]
            gap = text[prev[3] : lo]
            last_line = text[text.rfind("\n", prev[2], prev[3]) + 1 : prev[3]].strip()
            if gap.count("\n") == 1 and len(last_line) >= 0.6 * width and not BULLET_RE.match(text, lo):
                prev[3] = hi
                if prev[4] == "headline":
                    prev[4] = role if role != "headline" else "body"
                continue
        merged.append([post, para, lo, hi, role])
    units: list[Unit] = []
    post_key, last_post = -1, None
    heading = False  # the post read so far is a headline and its credit lines only
    for post, _, lo, hi, role in merged:
        if post != last_post:
            if not heading:
                post_key += 1
            last_post = post
        heading = role == "headline" or heading and _is_credit(text, (post, 0, lo, hi, role))
        pieces = [(lo, hi, role)]
        split = _BLANK_LINE_RE.search(text, lo, hi)
        if split is not None and role not in _FIXED_ROLES and role != "headline":
            head = text[lo : split.start()].rstrip()
            rest_start = split.end()
            while rest_start < hi and text[rest_start].isspace():
                rest_start += 1
            rest = text[rest_start:hi]
            first_line = rest.split("\n", 1)[0]
            bare = head[:-1] if head[-1:] in "’'”\"" and re.search(r"[‘“]|\s['\"]", head) else head
            if (
                "\n" not in head and not is_terminated(head) and not ends_mid_sentence(bare)
                and len(head.split()) <= MAX_HEADLINE_WORDS and len(first_line) >= max(100, 2 * len(head))
                and (rest[:1].isupper() or rest[:1] in "\"“‘'")
            ):
                pieces = [(lo, lo + len(head), "headline"), (rest_start, hi, role)]
        for k, (a, b, r) in enumerate(pieces):
            if r == "headline" and (k or units):
                post_key += 1
            units.append((post_key, len(units), a, b, r))
    return units


def barriers(rows: list[Unit]) -> set[int]:
    """Indexes of the reading units a quotation may not continue into: the first of a new post,
    and headlines, titles and other furniture."""
    return {k for k in range(1, len(rows)) if rows[k][0] != rows[k - 1][0] or rows[k][4] in NO_CONTINUATION_ROLES}
