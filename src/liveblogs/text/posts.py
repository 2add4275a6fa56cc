"""Paragraphs → posts: each paragraph gets a role and each run of paragraphs a unit of the blog.

Units (rows of ``corpus.posts``) are contiguous, in document order, and together with the
boilerplate rows cover every non-blank character of the article. Their ``kind`` is one of
``title``, ``standfirst``, ``summary``, ``post``, ``byline``, ``timestamp``, ``boilerplate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .transcripts import TRANSCRIPT_LINE_RE
from .paragraphs import Paragraph, is_terminated, paragraphs, starts_lowercase
from .patterns import (
    BOILERPLATE_RE,
    BULLET_RE,
    BYLINE_CUE_RE,
    BYLINE_ROLE_RE,
    CONTINUATION_OPENERS,
    GLUE_RE,
    HARD_TERMINALS,
    MAX_HEADLINE_CHARS,
    MAX_HEADLINE_WORDS,
    MAX_TITLE_WORDS,
    METADATA_LINE_RE,
    NAME_LINE_RE,
    OPENING_MARKS,
    POST_OPENERS,
    SAY_VERBS,
    CLOSING_MARKS,
)
from ..ingest import stamps
from ..ingest.sources import find_dates

# A paragraph that is only a date ("Published On 18 Feb 2025") is page furniture, like a stamp.
MAX_DATE_LINE_CHARS = 60  # set by hand (the longest date line seen in the fixture sets is ~45), not swept
DATE_LINE_CUE_RE = re.compile(r"(?i:(?:first |last )?(?:published|posted|updated)(?: on)? )?")
# A wire dateline opening a story's first paragraph: "BRUSSELS, March 14 (Reuters) - ",
# "RZESZOW, Poland (AP) — ", "(CNN) — ", "BRUSSELS, 6 March 2025 - ". That paragraph is the body's
# lede, not a standfirst. Every repetition is bounded.
WIRE_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’/ -]{1,40}(?:, [A-Z][A-Za-z.]{1,20}){0,2}"
    r"(?:,? (?:\d{1,2} )?[A-Z][a-z]{2,8}\.?(?: \d{1,2})?(?:,? \d{4})?)? ?)?\([A-Z][A-Za-z .]{1,30}\) ?[-–—] "
    r"|[A-Z][A-Z.'’/ -]{1,40}, (?:\d{1,2} [A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.? \d{1,2})(?:,? \d{4})? ?[-–—] "
    r"|[A-Z]{2}[A-Z.'’/ -]{0,40}(?:, [A-Z][A-Za-z.]{1,20}){1,2} [-–—] "
)
POST_KINDS = ["title", "standfirst", "summary", "post", "byline", "timestamp", "boilerplate", "metadata"]
PARAGRAPH_ROLES = ["title", "standfirst", "summary", "headline", "body", "bullet", "byline", "timestamp", "boilerplate",
                   "metadata"]

_NAME = r"(?:[A-Z][\w'’-]{1,30}\s){0,3}[A-Z][\w’'-]{1,30}"
_SUBJECT_RE = re.compile(
    rf"(?P<a>{_NAME})(?:,[^,\n]{{1,90}},|,? who)?\s(?:has |had |also |then )?(?:{SAY_VERBS})\b"
    rf"|\b(?:{SAY_VERBS}),?\s(?P<b>{_NAME})"
)
_FIRST_WORD_RE = re.compile(r"[\w'’]{1,40}")


@dataclass
class Unit:
    """A run of paragraphs that forms one row of the posts frame."""

    kind: str
    paragraphs: list[int] = field(default_factory=list)
    headline: int | None = None


def _flat(text: str, p: Paragraph) -> str:
    return " ".join(text[p.start : p.end].split())


def _is_hard_terminated(s: str) -> bool:
    stripped = s.rstrip(CLOSING_MARKS + " ")
    return bool(stripped) and stripped[-1] in HARD_TERMINALS


def _structural_role(flats: list[str], i: int, default_year: int | None) -> str | None:
    """Boilerplate, timestamp or byline, from the paragraph's own text (and the next one for bylines)."""
    flat = flats[i]
    if len(flat) <= 2 and not flat.isdigit():
        return "boilerplate"
    if BOILERPLATE_RE.fullmatch(flat):
        return "boilerplate"
    if stamps.parse_stamp_line(flat, default_year) is not None or _is_date_line(flat):
        return "timestamp"
    if re.fullmatch(r"By [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}(?:,? [\w ]{0,40})?", flat):
        return "byline"
    if _is_glued_byline(flat):
        return "byline"
    if BYLINE_ROLE_RE.fullmatch(flat) and i > 0 and NAME_LINE_RE.fullmatch(flats[i - 1]):
        return "byline"
    if NAME_LINE_RE.fullmatch(flat) and i + 1 < len(flats) and BYLINE_ROLE_RE.fullmatch(flats[i + 1]):
        return "byline"
    return None


def _is_glued_byline(flat: str) -> bool:
    """A byline block a copied page glued into one line: "Edited by Sam HancockHollie ColeLive
    reporter" — pieces, split where a lower-case letter runs into a capital, that are each a name,
    a role or a cue and a name, at least two of them, with a cue or a role among them."""
    if len(flat) > MAX_DATE_LINE_CHARS * 2:
        return False
    pieces = [p.strip() for p in GLUE_RE.split(flat) if p.strip()]
    if len(pieces) < 2:
        return False
    cue = BYLINE_CUE_RE.match(pieces[0])
    if cue:
        pieces[0] = pieces[0][cue.end():]
    roles = 0
    for piece in pieces:
        if BYLINE_ROLE_RE.fullmatch(piece):
            roles += 1
        elif not (NAME_LINE_RE.fullmatch(piece) or re.fullmatch(r"[A-Z][\w'’-]{1,30}", piece)):
            return False
    return bool(cue) or roles > 0


# Header lines sit among a text's first paragraphs (above or under its title).
METADATA_REACH = 6  # set by hand, not swept


def _is_metadata(flats: list[str], i: int) -> bool:
    """A header line among the first paragraphs ("Source: …", "URL: …", "Published: …")."""
    return i < METADATA_REACH and METADATA_LINE_RE.fullmatch(flats[i]) is not None


def _is_date_line(flat: str) -> bool:
    """A line that is only a date, perhaps after a cue: "Published On 18 Feb 2025", "Thursday 13 February 2025"."""
    if len(flat) > MAX_DATE_LINE_CHARS:
        return False
    rest = flat[DATE_LINE_CUE_RE.match(flat).end():].rstrip(" .")
    dates = list(find_dates(rest))
    return len(dates) == 1 and dates[0][1] == 0 and dates[0][2] == len(rest)


def _headline_like(flat: str) -> bool:
    """Short, unterminated (or a question), not a bullet, not starting in lower case."""
    return (
        not BULLET_RE.match(flat)
        and not starts_lowercase(flat)
        and len(flat) <= MAX_HEADLINE_CHARS
        and len(flat.split()) <= MAX_HEADLINE_WORDS
        and not _is_hard_terminated(flat)
    )


# A blog whose headlines sit under stamp lines: at least this many, and this share of the
# headlines from its first stamped one to its last. Set by hand on the renderings of ../shared/realpages (Reach plc pages: 25 of 29),
# not swept.
MIN_STAMPED_HEADLINES = 3
STAMPED_HEADLINE_SHARE = 0.75


def _after_stamp(roles: list[str | None], i: int) -> bool:
    """The paragraph comes right after a stamp line (bylines and furniture between allowed)."""
    j = i - 1
    while j >= 0 and roles[j] in ("byline", "boilerplate"):
        j -= 1
    return j >= 0 and roles[j] == "timestamp"


def _stamped_headlines(flats: list[str], roles: list[str | None], content: list[int], headlines: set[int],
                       title_ix: int | None) -> set[int]:
    """In a blog whose posts open with a stamp line then a headline, the headlines are the short
    lines right under the stamps, whatever follows them (a link, an embed, another short line),
    and a headline-like line inside a post (a sub-heading, a caption, "Read more: ...") opens
    no post. Elsewhere the headlines found by their shape stand."""
    stamped = sorted(i for i in headlines if _after_stamp(roles, i))
    if len(stamped) < MIN_STAMPED_HEADLINES:
        return headlines
    first, last = stamped[0], stamped[-1]  # the run of stamped posts; the page's header and footer keep theirs
    inside = [i for i in headlines if first <= i <= last]
    if len(stamped) < STAMPED_HEADLINE_SHARE * len(inside):
        return headlines
    under_stamps = {
        i for i in content
        if first <= i and i != title_ix and _after_stamp(roles, i) and _headline_like(flats[i])
        and not TRANSCRIPT_LINE_RE.match(flats[i])
    }
    return {i for i in headlines if not first <= i <= last} | under_stamps


def _stamped_list_item(flat: str) -> bool:
    """A numbered or bulleted line with its post's stamp run on to its end: a feed post's headline
    ("1. Hegseth calls on Nato nations to increase contributionspublished at 16:12 GMT") when the
    post's text follows it (a list of such lines with no text between is a key-events list)."""
    marker = BULLET_RE.match(flat)
    if not marker:
        return False
    found = stamps.split_trailing_stamp(flat)
    return found is not None and _headline_like(flat[marker.end() : found[0]].strip())


def _body_like(flat: str) -> bool:
    return _is_hard_terminated(flat) or bool(BULLET_RE.match(flat))


_SENTENCE_END_RE = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z“\"‘])")


def _first_sentence(flat: str) -> str:
    """Up to the first sentence boundary (a cheap cut; the segmenter proper runs later)."""
    match = _SENTENCE_END_RE.search(flat, 0, 400)
    return flat[: match.start() + 1] if match else flat[:400]


def _subjects(flat: str) -> list[str]:
    """Surnames that are the subject of a reporting verb in the first sentence of ``flat``."""
    names = []
    for m in _SUBJECT_RE.finditer(_first_sentence(flat)):
        name = m.group("a") or m.group("b")
        last = name.split()[-1]
        possessive = last.endswith(("'s", "’s", "s'", "s’"))
        if not possessive and last.lower() not in CONTINUATION_OPENERS:
            names.append(last)
    return names


def _opens_post(flat: str, current: list[str]) -> bool:
    """In a blog without headlines: does this paragraph start a new post after ``current``?

    Yes when it opens with a newsroom phrase ("More now from", "I've been talking to"), or when
    the subject of its first reporting verb is someone the current post has not mentioned.
    """
    lower = flat.lower()
    if lower.startswith(POST_OPENERS):
        return True
    if TRANSCRIPT_LINE_RE.match(flat):
        return False  # a speaker's turn in a transcript stays in its post
    first = _FIRST_WORD_RE.search(flat)
    if flat[:1] in OPENING_MARKS or not first or first.group(0).lower() in CONTINUATION_OPENERS:
        return False
    subjects = _subjects(flat)
    mentioned = " ".join(current)
    return bool(subjects) and not any(re.search(rf"\b{re.escape(s)}\b", mentioned) for s in subjects)


def _structural_roles(flats: list[str], default_year: int | None) -> list[str | None]:
    """The structural role (or None) of every paragraph, from its flattened text; the header lines
    opening the text are metadata."""
    return ["metadata" if _is_metadata(flats, i) else _structural_role(flats, i, default_year) for i in range(len(flats))]


def classify(flats: list[str], roles: list[str | None]) -> list[Unit]:
    """Group the paragraphs of one article into units with a kind.

    ``flats`` are the paragraphs' texts with whitespace runs flattened, ``roles`` their
    structural roles (:func:`_structural_roles`), both computed once by :func:`segment`.
    """
    content = [i for i, r in enumerate(roles) if r is None]
    next_content = {a: b for a, b in zip(content, content[1:])}

    title_ix = content[0] if content and len(content) > 1 and _headline_like(flats[content[0]]) else None
    title_words = flats[title_ix].casefold() if title_ix is not None else None
    if len(flats[title_ix].split()) > MAX_TITLE_WORDS if title_ix is not None else False:
        title_ix, title_words = None, None

    unterminated_run = _unterminated_runs(flats, [i for i in content if i != title_ix], roles)
    headlines = {
        i
        for i in content
        if i != title_ix
        and unterminated_run.get(i, 1) == 1
        and _headline_like(flats[i])
        and not TRANSCRIPT_LINE_RE.match(flats[i])
        and i in next_content
        and _body_like(flats[next_content[i]])
        and not (title_words and flats[i].casefold() == title_words)
    }
    headlines = _stamped_headlines(flats, roles, content, headlines, title_ix) | {
        i for i in content if i != title_ix and _stamped_list_item(flats[i])
        and i + 1 < len(flats) and roles[i + 1] is None and not BULLET_RE.match(flats[i + 1])
    }
    return _assemble(flats, roles, content, title_words, headlines, unterminated_run)


def _unterminated_runs(flats: list[str], content: list[int], roles: list[str | None]) -> dict[int, int]:
    """For each content paragraph, the length of the run of consecutive unterminated paragraphs it is in.

    A time stamp ends a run: the line after it opens a post, whatever came before the stamp."""
    runs: dict[int, int] = {}
    run: list[int] = []
    for i in content + [None]:  # type: ignore[list-item]
        unterminated = i is not None and not is_terminated(flats[i]) and not BULLET_RE.match(flats[i])
        stamped = i is not None and bool(run) and "timestamp" in roles[run[-1] + 1 : i]
        if run and (not unterminated or stamped):
            for j in run:
                runs[j] = len(run)
            run = []
        if unterminated:
            run.append(i)
    return runs


def _opens_body(flat: str, units: list[Unit], stamps_in_text: int) -> bool:
    """A sentence-ending paragraph right after the header's time stamp, in an article with no
    other stamp: its body begins ("Wed Mar 12 2025 - 18:45 / The Minister for Enterprise has
    warned ..."), not a standfirst. (A live blog's intro under its header stamp stays one.)"""
    return stamps_in_text == 1 and _body_like(flat) and bool(units) and units[-1].kind == "timestamp"


def _assemble(
    flats: list[str],
    roles: list[str | None],
    content: list[int],
    title_words: str | None,
    headlines: set[int],
    unterminated_run: dict[int, int],
) -> list[Unit]:
    """Walk the paragraphs in order and open, extend or close units."""
    units: list[Unit] = []
    current: Unit | None = None
    seen_post = False
    seen_title = False
    headline_mode = bool(headlines)
    stamps_in_text = roles.count("timestamp")
    for i, flat in enumerate(flats):
        role = roles[i]
        if role is not None:
            inside_post = role == "byline" and current is not None and current.kind == "post"
            if inside_post:
                current.paragraphs.append(i)
                continue
            units.append(Unit(role, [i]))
            current = None
            continue
        if title_words is not None and flat.casefold() == title_words:
            units.append(Unit("title", [i]))
            current, seen_title = None, True
            continue
        if i in headlines:
            current = Unit("post", [i], headline=i)
            units.append(current)
            seen_post = True
            continue
        if not seen_post and unterminated_run.get(i, 1) >= 2:
            if current is None or current.kind != "summary":
                current = Unit("summary", [])
                units.append(current)
            current.paragraphs.append(i)
            continue
        if not seen_post and seen_title and headline_mode and not WIRE_DATELINE_RE.match(flat) \
                and not _opens_body(flat, units, stamps_in_text):
            if current is None or current.kind != "standfirst":
                current = Unit("standfirst", [])
                units.append(current)
            current.paragraphs.append(i)
            continue
        if (
            current is None
            or current.kind != "post"
            or stamps.leading_marker(flat) is not None  # "[03:00:00] ...": a transcript's marker opens a post
            or (not headline_mode and _opens_post(flat, [flats[j] for j in current.paragraphs]))
        ):
            current = Unit("post", [])
            units.append(current)
            seen_post = True
        current.paragraphs.append(i)
    return units


def _headline_end(text: str, head: Paragraph, default_year: int | None) -> tuple[int, tuple[int, int] | None]:
    """Where the headline's words end, and the span of a time run on to its end ("…Brussels10.24am")."""
    raw = text[head.start : head.end]
    found = stamps.split_trailing_stamp(raw, default_year)
    if found is None:
        return head.end, None
    offset, stamp = found
    words = raw[:offset].rstrip()
    if not words:
        return head.end, None
    return head.start + len(words), (head.start + stamp.start, head.start + stamp.end)


def _headline_start(text: str, head: Paragraph, default_year: int | None) -> int:
    """Where the headline's words start: after a stamp that opens it and its separator ("1534 GMT —
    Talks open", "10.24am: Starmer ..."), which the time stage reads as the post's stamp."""
    first = text[head.start : min(head.end, head.start + 60)]
    leading = stamps.find_stamps(first, default_year)
    if not leading or first[: leading[0].start].strip():
        return head.start
    sep = stamps.LEADING_STAMP_SEPARATOR_RE.match(first, leading[0].end)
    if sep is None or not first[sep.end() :].strip():
        return head.start
    return head.start + sep.end()


def _paragraph_role(unit: Unit, i: int, flat: str, structural: str | None) -> str:
    if structural is not None:
        return structural
    if unit.kind in ("title", "standfirst", "summary"):
        return unit.kind
    if unit.headline == i:
        return "headline"
    return "bullet" if BULLET_RE.match(flat) else "body"


def segment(article: str, text: str, default_year: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paragraph frame and the post frame of one article."""
    para_rows, post_rows = segment_rows(article, text, default_year)
    return _typed(para_rows, PARAGRAPH_COLUMNS), _typed(post_rows, POST_COLUMNS)


def segment_rows(article: str, text: str, default_year: int | None = None) -> tuple[list[dict], list[dict]]:
    """The rows of :func:`segment`'s paragraph and post frames, untyped (frames of many articles are
    typed at once: :func:`typed_rows`)."""
    paras = paragraphs(text)
    flats = [_flat(text, p) for p in paras]
    structural = _structural_roles(flats, default_year)
    units = classify(flats, structural)
    para_rows, post_rows = [], []
    for post_id, unit in enumerate(units):
        first, last = paras[unit.paragraphs[0]], paras[unit.paragraphs[-1]]
        head = paras[unit.headline] if unit.headline is not None else None
        head_end, stamp = _headline_end(text, head, default_year) if head else (None, None)
        head_start = head.start if head else None
        if head and stamp and (marker := BULLET_RE.match(text, head.start)):
            head_start = marker.end()  # "1. Hegseth calls ...": the list number is not the headline's
        elif head and not stamp:
            head_start = _headline_start(text, head, default_year)
        post_rows.append(
            {
                "article": article,
                "post": post_id,
                "kind": unit.kind,
                "headline": text[head_start : head_end] if head else None,
                "headline_start": head_start,
                "headline_end": head_end,
                "stamp_start": stamp[0] if stamp else None,
                "stamp_end": stamp[1] if stamp else None,
                "start": first.start,
                "end": last.end,
                "text": text[first.start : last.end],
                "n_paragraphs": len(unit.paragraphs),
            }
        )
        for i in unit.paragraphs:
            p = paras[i]
            para_rows.append(
                {
                    "article": article,
                    "post": post_id,
                    "paragraph": i,
                    "role": _paragraph_role(unit, i, flats[i], structural[i]),
                    "start": p.start,
                    "end": p.end,
                    "text": text[p.start : p.end],
                    "pieces": len(p.pieces),
                }
            )
    return para_rows, post_rows


PARAGRAPH_COLUMNS = ["article", "post", "paragraph", "role", "start", "end", "text", "pieces"]
POST_COLUMNS = [
    "article", "post", "kind", "headline", "headline_start", "headline_end",
    "stamp_start", "stamp_end", "start", "end", "text", "n_paragraphs",
]
# Stable dtypes whatever the number of rows (an empty article gives an empty, typed frame).
_DTYPES = {
    "article": "string", "post": "int64", "paragraph": "int64", "start": "int64", "end": "int64",
    "pieces": "int64", "n_paragraphs": "int64", "text": "string", "headline": "string",
    "headline_start": "Int64", "headline_end": "Int64", "stamp_start": "Int64", "stamp_end": "Int64",
    "kind": pd.CategoricalDtype(POST_KINDS), "role": pd.CategoricalDtype(PARAGRAPH_ROLES),
}


def typed_rows(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """The paragraph (``PARAGRAPH_COLUMNS``) or post (``POST_COLUMNS``) frame of ``rows``, typed."""
    return _typed(rows, columns)


def _typed(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """The frame of ``rows``, each column built once with its dtype (no row-wise frame, no ``astype``)."""
    return pd.DataFrame({c: _array([row[c] for row in rows], _DTYPES[c]) for c in columns})


def _array(values: list, dtype: str | pd.CategoricalDtype) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """One typed column; categoricals are read from their codes, int64 straight into numpy."""
    if isinstance(dtype, pd.CategoricalDtype):
        code = {c: k for k, c in enumerate(dtype.categories)}
        return pd.Categorical.from_codes([code.get(v, -1) for v in values], dtype=dtype)
    if dtype == "int64":
        return np.array(values, dtype=np.int64)
    return pd.array(values, dtype=dtype)
