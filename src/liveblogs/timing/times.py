"""Posts → times: when each post went up, with honest bounds, and when the events it mentions happened.

Pure functions from frames to frames; every frame keeps the keys ``article``, ``post`` (and
``start``/``end`` where a row is a span of text, so ``corpus.text(article)[start:end]`` gives
it back).

1. ``find_clues``: every time clue in the text. Explicit stamps (``timestamp`` units, which
   stamp the post after them; times run on to a headline; "10.24am: ..." opening a post),
   page stamps, "2h ago" stamps (resolved only against a known capture time), cross-references
   ("(see our 7.50am post)") and short lines that look like a stamp nobody can read. Of two
   clock stamps in a row, the nearer stamps the post. An "Updated ..." line never stamps the
   post after it: it is an update of the post before it ("Updated at 17.52 GMT", kind
   ``update``, recorded but not used to place it) or, above the first post, a page stamp. A bare clock with no post after it ("Key events" lists) bounds nothing.
2. ``cross_reference_links``: which earlier post each cross-reference points to, found by
   comparing the referring sentence with every candidate post (TF-IDF cosine over stemmed
   content words, shared quotations, shared names), and choosing, for all references at
   once, the assignment that keeps times in running order (a small dynamic programme).
3. ``time_references``: the clues with the post each one pins.
4. ``post_times``: the blog's running order (from the pins, else the direction of the
   cross-references, else a sign-off or welcome at one end) and, for every unit, a best time
   with earliest/latest bounds. Pins that contradict the others are flagged, not averaged.
5. ``event_times``: phrases that date events ("last night", "on Wednesday", "in the next five
   minutes") resolved to a range relative to the post that mentions them, with the least and
   most time that can separate the event from the post.

Post bounds are inclusive and to the minute: a day runs from 00:00 to 23:59. Event ranges are
half-open ("yesterday" is [00:00, next 00:00)). Time columns are time-zone aware in the article's zone (``articles.timezone``; a zone named
in a stamp wins over it and is converted). When articles have different zones the column holds
Timestamps of several zones (dtype object). An optional ``captured`` column in ``articles``
(the moment the page was copied) resolves "2h ago" stamps and bounds every post from above.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..ingest import stamps
from . import timewords as tw
from ..text.quotemarks import find_quotes, quote_text
from ..text.words import capitalised_words, letter_words, word_pieces, word_readings

try:  # private stdlib modules, read only to skip phrases that cannot match; without them every phrase is scanned for
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - a Python whose re internals moved
    _sre = _sre_parse = None

__all__ = [
    "find_clues", "cross_reference_links", "time_references", "post_times", "event_times",
    "pin_bounds", "monotone_assignment", "find_event_phrases", "resolve_stamp", "article_clocks",
]

REFERENCE_COLUMNS = [
    "article", "post", "start", "end", "text", "kind", "form", "hour", "minute", "dated",
    "resolved", "target_post", "score", "evidence", "conflict",
]
LINK_COLUMNS = [
    "article", "post", "start", "end", "text", "hour", "minute", "resolved", "target_post", "score",
    "runner_up_post", "runner_up_score", "evidence", "conflict", "conflict_note",
]
POST_TIME_COLUMNS = [
    "article", "post", "sequence", "rank", "time", "time_earliest", "time_latest", "time_source",
    "time_evidence", "order", "order_evidence", "interpolation", "conflict", "conflict_note",
]
EVENT_COLUMNS = [
    "article", "post", "sentence", "start", "end", "text", "kind", "direction",
    "resolved_start", "resolved_end", "relative_to", "anchor", "gap_min", "gap_max",
]
# Column types of the frames (time columns are set apart: their zone depends on the articles),
# as dtype objects: looking a dtype up by name costs more than the conversion of a small frame.
_STRING, _INT, _NULLABLE_INT, _FLOAT, _BOOL = (
    pd.StringDtype(), np.dtype("int64"), pd.Int64Dtype(), pd.Float64Dtype(), np.dtype("bool"))
REFERENCE_DTYPES = {
    "article": _STRING, "post": _INT, "start": _INT, "end": _INT, "text": _STRING,
    "kind": pd.CategoricalDtype(tw.REFERENCE_KINDS), "form": _STRING, "hour": _NULLABLE_INT, "minute": _NULLABLE_INT,
    "dated": _BOOL, "target_post": _NULLABLE_INT, "score": _FLOAT, "evidence": _STRING, "conflict": _BOOL,
}
LINK_DTYPES = {
    "article": _STRING, "post": _INT, "start": _INT, "end": _INT, "text": _STRING,
    "hour": _NULLABLE_INT, "minute": _NULLABLE_INT, "target_post": _NULLABLE_INT, "score": _FLOAT,
    "runner_up_post": _NULLABLE_INT, "runner_up_score": _FLOAT, "evidence": _STRING,
    "conflict": _BOOL, "conflict_note": _STRING,
}
POST_TIME_DTYPES = {
    "article": _STRING, "post": _INT, "sequence": _NULLABLE_INT, "rank": _NULLABLE_INT,
    "time_source": pd.CategoricalDtype(tw.TIME_SOURCES), "time_evidence": _STRING,
    "order": pd.CategoricalDtype(tw.ORDERS), "order_evidence": _STRING,
    "interpolation": pd.CategoricalDtype(tw.INTERPOLATIONS), "conflict": _BOOL, "conflict_note": _STRING,
}
EVENT_DTYPES = {
    "article": _STRING, "post": _INT, "sentence": _INT, "start": _INT, "end": _INT,
    "text": _STRING, "kind": pd.CategoricalDtype(tw.EVENT_KINDS), "direction": pd.CategoricalDtype(tw.DIRECTIONS),
    "anchor": _STRING,
}
TIME_COLUMNS = ("time", "time_earliest", "time_latest")
EVENT_TIME_COLUMNS = ("resolved_start", "resolved_end", "relative_to")
EXPLICIT_KINDS = ("stamp", "run_on", "relative")
_NS_MINUTE = 60 * 10**9
_NS_DAY = 24 * 60 * _NS_MINUTE

# =========================================================================== articles


def _typed_frame(rows: list[dict], columns: list[str], dtypes: dict) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns).astype(dtypes)``, each typed column built straight from its values.

    Columns without a dtype (times, gaps) are inferred from the rows, as the plain constructor does.
    Columns are passed as arrays, not Series, so the frame is built without aligning indexes.
    """
    values = {c: [r.get(c) for r in rows] for c in columns}
    return pd.DataFrame({
        c: _typed_array(values[c], dtypes[c]) if c in dtypes else pd.Series(values[c]).array for c in columns
    }, copy=False)


def _typed_array(values: list, dtype) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """``values`` as an array of ``dtype``; categories are coded by a dict lookup (``pd.array`` is slow at it)."""
    if isinstance(dtype, np.dtype):
        return np.array(values, dtype=dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        code = _category_codes(dtype)
        return pd.Categorical.from_codes([code.get(v, -1) for v in values], dtype=dtype)
    return pd.array(values, dtype=dtype)


@lru_cache(maxsize=32)
def _category_codes(dtype: pd.CategoricalDtype) -> dict[str, int]:
    return {c: i for i, c in enumerate(dtype.categories)}


def _records(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict]:
    """The rows of ``frame`` as dicts, like ``to_dict("records")`` but column by column (no per-row indexing).

    ``columns``: only these, where the frame has them.
    """
    columns = list(frame.columns) if columns is None else [c for c in columns if c in frame.columns]
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _records_by_article(frame: pd.DataFrame, columns: Sequence[str]) -> dict[str, list[dict]]:
    """The rows of ``frame`` as dicts (``_records``), grouped by their ``article`` in one pass:
    articles in order of first appearance, rows in frame order (``groupby(sort=False)``'s groups)."""
    groups: dict[str, list[dict]] = {}
    if not len(frame):
        return groups
    for row in _records(frame, columns):
        groups.setdefault(row["article"], []).append(row)
    return groups


@dataclass(frozen=True)
class ArticleClock:
    """What is known about an article's time: its zone, publication day and capture moment."""

    article: str
    text: str
    zone: str
    day: pd.Timestamp | None  # midnight opening the publication day, in ``zone``
    captured: pd.Timestamp | None
    zone_assumed: bool = False  # the page states no zone: its outlet's or language's clock (timezone_source "assumed")

    @property
    def zone_label(self) -> str:
        """The zone as evidence names it: "Europe/Rome, assumed" when the page stated none."""
        return f"{self.zone}, assumed" if self.zone_assumed else self.zone

    @property
    def year(self) -> int | None:
        return None if self.day is None else self.day.year

    def day_bounds(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The first and last minute (00:00, 23:59) of the publication day, or None when unknown."""
        if self.day is None:
            return None
        return self.day, _day_end(self.day.date(), self.zone)


def article_clocks(articles: pd.DataFrame) -> dict[str, ArticleClock]:
    """One ``ArticleClock`` per article, from ``published``, ``timezone`` and optional ``captured``."""
    clocks = {}
    for row in _records(articles, ("article", "text", "published", "timezone", "timezone_source", "captured")):
        zone = str(row.get("timezone") or "UTC")
        published = row.get("published")
        day = None if pd.isna(published) else _at(pd.Timestamp(published).date(), 0, 0, zone)
        captured = row.get("captured")
        captured = None if captured is None or pd.isna(captured) else _in_zone(pd.Timestamp(captured), zone)
        clocks[str(row["article"])] = ArticleClock(str(row["article"]), str(row["text"]), zone, day, captured,
                                                   str(row.get("timezone_source")) == "assumed")
    return clocks


@lru_cache(maxsize=65536)
def _at(date, hour: int, minute: int, zone: str) -> pd.Timestamp:
    """A wall-clock time on ``date`` in ``zone`` (DST gaps shift forward, repeats take the first).

    Cached: phrases of one blog keep asking for the same few midnights.
    """
    naive = pd.Timestamp(date.year, date.month, date.day) + pd.Timedelta(hours=hour, minutes=minute)
    return naive.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")


def _day_end(date, zone: str) -> pd.Timestamp:
    """23:59 on ``date``: bounds are inclusive and to the minute, so a day never spills into the next."""
    return _at(date, 23, 59, zone)


def _in_zone(ts: pd.Timestamp, zone: str) -> pd.Timestamp:
    return ts.tz_localize(zone) if ts.tzinfo is None else ts.tz_convert(zone)


def resolve_stamp(stamp: stamps.Stamp, clock: ArticleClock) -> pd.Timestamp:
    """The moment a stamp names, in the article's zone; NaT when it cannot be known.

    The stamp's own date and zone win; a date without a year already took the publication year
    (``find_stamps(default_year=...)``); a clock without a date takes the publication day;
    "2h ago" needs the capture time.
    """
    if stamp.hour < 0:
        if clock.captured is None or stamp.relative_minutes is None:
            return pd.NaT
        return clock.captured - pd.Timedelta(minutes=stamp.relative_minutes)
    date = stamp.date or (clock.day.date() if clock.day is not None else None)
    if date is None:
        return pd.NaT
    return _at(date, stamp.hour, stamp.minute, stamp.tz or clock.zone).tz_convert(clock.zone)


# =========================================================================== clues

_FIRST_LINE_RE = re.compile(r"[^\n]{0,200}")


def find_clues(articles: pd.DataFrame, posts: pd.DataFrame,
               clocks: dict[str, ArticleClock] | None = None) -> pd.DataFrame:
    """Every time clue of every article (cross-references not yet linked to a post)."""
    clocks = article_clocks(articles) if clocks is None else clocks
    rows: list[dict] = []
    for article, units in _records_by_article(posts, _UNIT_KEYS).items():
        rows.extend(_article_clues(clocks[str(article)], units))
    return _reference_frame(rows, clocks)


# What the time steps read of a unit (a row of the posts frame), where the frame has it.
_UNIT_KEYS = ("article", "post", "kind", "start", "text", "stamp_start", "stamp_end", "headline_start")


def _article_clues(clock: ArticleClock, records: list[dict]) -> list[dict]:
    """The clues of one article; ``records``: its units as dicts (``_UNIT_KEYS``), in document order."""
    kinds = [str(r["kind"]) for r in records]
    rows: list[dict] = []
    lone_stamp = kinds.count("timestamp") == 1  # an article's one stamp, in its header, dates its body
    posts = [int(r["post"]) for r in records]
    stamped = _stamped_posts(posts, kinds, skip_header=lone_stamp)
    nearer = _nearer_clock_stamps(clock, records, kinds)
    previous = _previous_posts(posts, kinds)
    following = _next_posts(posts, kinds)
    for i, unit in enumerate(records):
        if kinds[i] == "timestamp":
            target = stamped[i]
            updated = tw.UPDATE_LINE_RE.match(str(unit["text"])) is not None
            if target is not None and (updated or nearer[i]):
                rows.extend(_displaced_stamp_clue(clock, unit, previous[i]))
            else:
                rows.extend(_timestamp_clue(clock, unit, target))
        if kinds[i] in tw.SEQUENCE_KINDS:
            rows.extend(_post_clues(clock, unit))
        elif kinds[i] in tw.LEADING_KINDS:  # an unreadable stamp before the first post stamps that post
            rows.extend(_unreadable_lines(clock, unit, following[i]))
        if kinds[i] in tw.REFERRING_KINDS:
            rows.extend(_cross_reference_clues(clock, unit))
    return rows


# Each helper below answers, for every unit at once, a question about the units before or after
# it, in one pass (a run of N stamp lines must cost N steps, not N squared).


def _following_posts(posts: list[int], kinds: list[str], skipped: tuple[str, ...] | None = None) -> list[int | None]:
    """For each unit, the first post after it, scanning back from the end once; with ``skipped``,
    None when a unit of any other kind (not a post, not skipped) comes before that post."""
    found: list[int | None] = [None] * len(posts)
    following = None
    for j in range(len(posts) - 1, -1, -1):
        found[j] = following
        if kinds[j] in tw.SEQUENCE_KINDS:
            following = posts[j]
        elif skipped is not None and kinds[j] not in skipped:
            following = None
    return found


def _next_posts(posts: list[int], kinds: list[str]) -> list[int | None]:
    """For each unit, the first post after it."""
    return _following_posts(posts, kinds)


def _stamped_posts(posts: list[int], kinds: list[str], skip_header: bool = False) -> list[int | None]:
    """For each unit, the post it would stamp if it is a timestamp: the next unit, skipping other
    stamps, bylines and furniture (and, for an article's lone stamp, the standfirst and summary
    between it and the body); None when anything else comes first."""
    skipped = tw.FURNITURE_KINDS + (("standfirst", "summary") if skip_header else ())
    return _following_posts(posts, kinds, skipped)


def _previous_posts(posts: list[int], kinds: list[str]) -> list[int | None]:
    """For each unit, the last post before it."""
    found: list[int | None] = [None] * len(posts)
    previous = None
    for j, kind in enumerate(kinds):
        found[j] = previous
        if kind in tw.SEQUENCE_KINDS:
            previous = posts[j]
    return found


def _has_clock(clock: ArticleClock, line: str) -> bool:
    stamp = stamps.parse_stamp_line(line, clock.year)
    return stamp is not None and stamp.hour >= 0


def _nearer_clock_stamps(clock: ArticleClock, records: list[dict], kinds: list[str]) -> list[bool]:
    """For each stamp line that is itself a clock time, whether another stamp line giving a clock
    time comes between it and the post it would stamp: then that nearer line stamps the post
    ("Updated at 17.52 GMT" closing one post, then "17.12 GMT" opening the next; a page's date
    line, then a post's time)."""
    clocks = [kind == "timestamp" and _has_clock(clock, str(r["text"])) for kind, r in zip(kinds, records)]
    found = [False] * len(kinds)
    nearer = False  # a clock stamp line comes next, before any other unit but bylines and furniture
    for j in range(len(kinds) - 1, -1, -1):
        found[j] = clocks[j] and nearer
        if clocks[j]:
            nearer = True
        elif kinds[j] not in tw.FURNITURE_KINDS:
            nearer = False
    return found


def _displaced_stamp_clue(clock: ArticleClock, unit: dict, previous: int | None) -> list[dict]:
    """A clock stamp that a nearer stamp displaces: an update of the post before it ("Updated at
    17.52 GMT"), recorded but not used to place it, or else a stamp of the page."""
    line = str(unit["text"])
    if previous is None or not tw.UPDATE_LINE_RE.match(line):
        return _timestamp_clue(clock, unit, None)
    stamp = stamps.parse_stamp_line(line, clock.year)
    start = int(unit["start"]) + stamp.start
    return [_clue(clock, int(unit["post"]), start, stamp, "update", previous, f"update of post {previous}")]


def _clue(clock: ArticleClock, post: int, start: int, stamp: stamps.Stamp | None, kind: str,
          target: int | None, evidence: str, text: str | None = None) -> dict:
    return {
        "article": clock.article, "post": post, "start": start,
        "end": start + len(text if text is not None else stamp.text),
        "text": text if text is not None else stamp.text, "kind": kind,
        "form": stamp.form if stamp else None,
        "hour": stamp.hour if stamp and stamp.hour >= 0 else None,
        "minute": stamp.minute if stamp and stamp.minute >= 0 else None,
        "dated": bool(stamp and stamp.date is not None),
        "resolved": resolve_stamp(stamp, clock) if stamp else pd.NaT,
        "target_post": target, "score": None, "evidence": evidence, "conflict": False,
    }


def _timestamp_clue(clock: ArticleClock, unit: dict, target: int | None) -> list[dict]:
    line = str(unit["text"])
    stamp = stamps.parse_stamp_line(line, clock.year)
    if stamp is None:
        return []
    start = int(unit["start"]) + stamp.start
    if stamp.form == "relative":
        need = "" if clock.captured is not None else " (unresolved: no capture time)"
        return [_clue(clock, int(unit["post"]), start, stamp, "relative", target, f"'{stamp.text}' stamp line{need}")]
    if target is None:
        if stamp.date is None and stamp.weekday is None and not tw.UPDATE_LINE_RE.match(line) \
                and not tw.PAGE_OPENING_RE.search(line):
            # A bare clock with no post after it: a "Key events" entry or a stray line, not the page's date.
            return [_clue(clock, int(unit["post"]), start, stamp, "stamp", None, "stamp line with no post after it; not used")]
        bound = "lower" if tw.PAGE_OPENING_RE.search(line) else "upper"
        return [_clue(clock, int(unit["post"]), start, stamp, "page", None, f"page stamp ({bound} bound)")]
    return [_clue(clock, int(unit["post"]), start, stamp, "stamp", target, f"stamp line before post {target}")]


def _post_clues(clock: ArticleClock, unit: dict) -> list[dict]:
    """The post's own stamp (run on to its headline, or opening it: "10.24am: ..."), and any
    short line that looks like a stamp in a form nobody reads ("10h24")."""
    post, text, start = int(unit["post"]), str(unit["text"]), int(unit["start"])
    rows = _unreadable_lines(clock, unit, post)
    if not pd.isna(unit.get("stamp_start")):
        head_start, stamp_end = int(unit["headline_start"]), int(unit["stamp_end"])
        found = stamps.split_trailing_stamp(clock.text[head_start:stamp_end], clock.year)
        if found is not None:
            own = _clue(clock, post, head_start + found[0], found[1], "run_on", post, "time run on to the headline")
            return [own] + rows
    first = _FIRST_LINE_RE.match(text).group()
    marker = stamps.leading_marker(first)
    if marker is not None:
        return [_clue(clock, post, start, marker, "stamp", post, "transcript time marker opening the post")] + rows
    leading = stamps.find_stamps(first[:60], clock.year)
    if leading and not first[: leading[0].start].strip() and stamps.LEADING_STAMP_SEPARATOR_RE.match(first, leading[0].end):
        own = _clue(clock, post, start + leading[0].start, leading[0], "stamp", post, "stamp opening the post")
        return [own] + rows
    return rows


def _unreadable_lines(clock: ArticleClock, unit: dict, target: int | None) -> list[dict]:
    """Short lines of a unit shaped like a stamp that ``stamps`` does not read: they pin ``target``
    to "unknown" rather than let a neighbour's time stand in for an unread one."""
    rows, offset, start = [], 0, int(unit["start"])
    for line in str(unit["text"]).split("\n"):
        bare = line.strip()
        if 0 < len(bare) <= tw.MAX_STAMP_LIKE_CHARS and tw.STAMP_LIKE_RE.fullmatch(bare):
            at = start + offset + line.index(bare)
            rows.append(_clue(clock, int(unit["post"]), at, None, "unparsed", target,
                              "looks like a stamp in a form not read", bare))
        offset += len(line) + 1
    return rows


def _cross_reference_clues(clock: ArticleClock, unit: dict) -> list[dict]:
    rows = []
    for ref in stamps.find_cross_references(str(unit["text"])):
        stamp = stamps.Stamp(ref.start, ref.end, ref.text, ref.hour, ref.minute, None, None, None, None, ref.form)
        rows.append(_clue(clock, int(unit["post"]), int(unit["start"]) + ref.start, stamp, "cross_reference", None, ""))
    return rows


def _reference_frame(rows: list[dict], clocks: dict[str, ArticleClock]) -> pd.DataFrame:
    frame = _typed_frame(rows, REFERENCE_COLUMNS, REFERENCE_DTYPES)
    zones = {a: c.zone for a, c in clocks.items()}
    return frame.assign(resolved=lambda f: _zoned(f["resolved"], f["article"], zones))


def _zoned(values: pd.Series, articles: pd.Series, zones: dict[str, str]) -> pd.Series:
    """Timestamps in their article's zone: a tz-aware dtype when all articles share one zone, else
    objects (each Timestamp in its own zone, NaT when missing: what concatenating the frames of
    articles in different zones gives). With no rows, the zone of the first article."""
    used = {zones[str(a)] for a in set(articles.tolist())} if len(articles) else set(list(zones.values())[:1])
    if len(used) <= 1:
        zone = next(iter(used), "UTC")
        if isinstance(values.dtype, pd.DatetimeTZDtype):  # already zoned: only convert
            return values.dt.tz_convert(zone).rename(None)
        return pd.to_datetime(pd.Series(list(values), index=values.index, dtype=object), utc=True).dt.tz_convert(zone)
    return pd.Series(
        [pd.NaT if pd.isna(v) else pd.Timestamp(v).tz_convert(zones[a]) for v, a in zip(values, articles.astype(str))],
        index=values.index, dtype=object,
    )


# =========================================================================== text comparison


def stem(word: str) -> str:
    """A crude, predictable stem: lower case, plural "s" dropped, cut to ``STEM_LENGTH`` letters."""
    w = word.lower()
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w[: tw.STEM_LENGTH]


def content_terms(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words and one-letter words left out)."""
    return [t for t in map(_content_stem, letter_words(text)) if t is not None]


def _content_counts(letters: list[str]) -> Counter:
    """The content terms of a text's :func:`letter_words`, counted (``Counter(content_terms(text))``,
    stemming each distinct word once)."""
    counts: Counter = Counter()
    for word, k in Counter(letters).items():
        term = _content_stem(word)
        if term is not None:
            counts[term] += k
    return counts


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str | None:
    """The stem of a content word; None for a stop word. Cached: a blog repeats its words."""
    return None if word.lower() in tw.STOPWORDS else stem(word)


def name_terms(text: str, skip_first: bool = False) -> dict[str, str]:
    """Stem → surface form of the capitalised words of ``text`` (names, places, bodies)."""
    return _name_terms(capitalised_words(text), skip_first)


def _name_terms(capitals: list[tuple[int, str]], skip_first: bool = False) -> dict[str, str]:
    """Stem → surface form of a text's :func:`capitalised_words`."""
    found = {}
    for at, word in capitals:
        if (skip_first and at == 0) or word.lower() in tw.STOPWORDS:
            continue
        found.setdefault(stem(word), word)
    return found


def quotations(text: str) -> list[str]:
    """The quoted words of ``text`` (outermost quotations), read by the article's one quotation-mark
    pairing (:mod:`liveblogs.text.quotemarks`)."""
    return [quote_text(text, span) for span in find_quotes(text)]


def _bigrams(words: Sequence[str]) -> set[tuple[str, ...]]:
    if len(words) < 2:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:]))


def _lower_words(text: str) -> list[str]:
    return word_pieces(text.lower())


@dataclass
class _Documents:
    """The candidate posts of one article as TF-IDF vectors, name sets and word bigrams."""

    ids: list[int]
    weights: list[dict[str, float]]
    norms: np.ndarray
    idf: dict[str, float]
    default_idf: float
    names: list[set[str]]
    bigrams: list[set[tuple[str, ...]]]
    index: dict[str, list[int]]

    @classmethod
    def build(cls, ids: list[int], texts: list[str]) -> "_Documents":
        readings = [word_readings(t) for t in texts]  # one reading of each post for its words, names and pairs
        counts = [_content_counts(letters) for letters, _, _ in readings]
        df = Counter(term for c in counts for term in c)
        n = len(texts)
        idf = {term: math.log((1 + n) / (1 + k)) + 1 for term, k in df.items()}
        weights = [{t: (1 + math.log(k)) * idf[t] for t, k in c.items()} for c in counts]
        norms = np.array([math.sqrt(sum(v * v for v in w.values())) or 1.0 for w in weights])
        index: dict[str, list[int]] = {}
        for i, w in enumerate(weights):
            for term in w:
                index.setdefault(term, []).append(i)
        return cls(ids, weights, norms, idf, math.log(1 + n) + 1, [set(_name_terms(capitals)) for _, capitals, _ in readings],
                   [_bigrams(lower) for _, _, lower in readings], index)

    def cosine(self, terms: list[str]) -> tuple[np.ndarray, dict[str, float]]:
        """Cosine of a bag of terms with every document, and the query's weights."""
        query = {t: (1 + math.log(k)) * self.idf.get(t, self.default_idf) for t, k in Counter(terms).items()}
        qnorm = math.sqrt(sum(v * v for v in query.values())) or 1.0
        dots = np.zeros(len(self.ids))
        for term, q in query.items():
            for i in self.index.get(term, ()):
                dots[i] += q * self.weights[i][term]
        return dots / (self.norms * qnorm), query

    def quote_overlap(self, quotes: list[str]) -> np.ndarray:
        """For each document, the best share of a quotation's word pairs that it contains."""
        best = np.zeros(len(self.ids))
        for q in quotes:
            grams = _bigrams(_lower_words(q))
            if grams:
                best = np.maximum(best, [len(grams & b) / len(grams) for b in self.bigrams])
        return best

    def name_overlap(self, names: dict[str, float]) -> np.ndarray:
        """For each document, the IDF-weighted share of the given names it mentions."""
        total = sum(names.values()) or 1.0
        return np.array([sum(w for n, w in names.items() if n in doc) / total for doc in self.names])


@dataclass(frozen=True)
class _Context:
    """What a cross-reference says about the post it points to."""

    terms: list[str]
    quotes: list[str]
    names: dict[str, str]
    surface: dict[str, str]


def reference_context(sentence: str, ref_start: int, ref_end: int, previous: str = "") -> _Context:
    """The words before a reference in its sentence (the whole sentence when they are few).

    Names of the previous sentence are added when the context leans on a pronoun ("his boast").
    """
    before = sentence[:ref_start]
    text = before if len(content_terms(before)) >= 3 else before + " " + sentence[ref_end:]
    names = name_terms(text, skip_first=True)
    words = {w.lower() for w in letter_words(text)}
    if words & tw.REFERENCE_PRONOUNS and previous:
        for k, v in name_terms(previous, skip_first=True).items():
            names.setdefault(k, v)
    surface = {}
    for w in letter_words(text):
        surface.setdefault(stem(w), w)
    return _Context(content_terms(text), quotations(text), names, surface)


@dataclass
class _Scored:
    """One reference's score against every candidate post, and what it shares with each."""

    score: np.ndarray
    docs: _Documents
    ctx: _Context
    query: dict[str, float]
    stamped: dict[int, str] = field(default_factory=dict)

    def evidence(self, i: int) -> list[str]:
        head = [f"stamped '{self.stamped[i]}'"] if i in self.stamped else []
        return head + _evidence(self.docs, i, self.ctx, self.query)


def link_scores(docs: _Documents, ctx: _Context) -> _Scored:
    """Score in [0, 1] of every candidate document for one reference (evidence on demand)."""
    cos, query = docs.cosine(ctx.terms)
    parts = {"cosine": cos}
    if ctx.quotes:
        parts["quote"] = docs.quote_overlap(ctx.quotes)
    name_weights = {n: docs.idf.get(n, docs.default_idf) for n in ctx.names}
    if name_weights:
        parts["names"] = docs.name_overlap(name_weights)
    total_weight = sum(tw.LINK_WEIGHTS[k] for k in parts)
    score = sum(tw.LINK_WEIGHTS[k] * v for k, v in parts.items()) / total_weight
    return _Scored(score, docs, ctx, query)


def _evidence(docs: _Documents, i: int, ctx: _Context, query: dict[str, float]) -> list[str]:
    """Shared quotations, names and the heaviest shared words between a reference and document ``i``."""
    out = []
    for q in ctx.quotes:
        grams = _bigrams(_lower_words(q))
        if grams and len(grams & docs.bigrams[i]) / len(grams) >= 0.5:
            out.append(f'"{q}"')
    out += [surface for n, surface in ctx.names.items() if n in docs.names[i]]
    shared = sorted((t for t in query if t in docs.weights[i]), key=lambda t: -query[t] * docs.weights[i][t])
    out += [ctx.surface.get(t, t) for t in shared[:5] if ctx.surface.get(t, t) not in out]
    return out


# =========================================================================== cross-reference links


def cross_reference_links(
    articles: pd.DataFrame, posts: pd.DataFrame, sentences: pd.DataFrame, clues: pd.DataFrame | None = None,
    clocks: dict[str, ArticleClock] | None = None,
) -> pd.DataFrame:
    """One row per cross-reference: the referring post, the post it points to, the score and why.

    Candidates are the posts published before the referring one (in the running order the
    explicit stamps show; when they show none, in the order whose best assignment scores
    higher, else the order a sign-off or welcome shows), never the referring post itself,
    and never a post whose explicit bounds exclude the time. References to the same minute go
    to the same post and later minutes to later posts: the assignment maximising the total
    score under those rules is chosen (``monotone_assignment``); where the references to a
    minute, on their own, would prefer another post, the row is flagged ``conflict``.
    """
    clocks = article_clocks(articles) if clocks is None else clocks
    clues = find_clues(articles, posts, clocks) if clues is None else clues
    by_clues = _records_by_article(clues, _CLUE_KEYS)
    referring = {a for a, own in by_clues.items() if any(r["kind"] == "cross_reference" for r in own)}
    by_sentence = _records_by_article(sentences[sentences["article"].isin(list(referring))], _SENTENCE_KEYS) \
        if referring else {}
    rows = []
    for article, units in _records_by_article(posts, _UNIT_KEYS).items():
        if article in referring:
            rows.extend(_article_links(clocks[str(article)], units, by_sentence.get(article, []), by_clues[article]))
    frame = _typed_frame(rows, LINK_COLUMNS, LINK_DTYPES)
    return frame.assign(resolved=lambda f: _zoned(f["resolved"], f["article"], {a: c.zone for a, c in clocks.items()}))


@dataclass
class _Sequence:
    """The posts of one article in document order: the units that have a place in its running order."""

    posts: list[int]  # post ids, document order
    where: dict[int, int]  # post id -> index in document order
    lengths: np.ndarray
    texts: list[str]

    @classmethod
    def of(cls, units: list[dict]) -> "_Sequence":
        """The sequence of an article's units (dicts with post, kind and text, in document order)."""
        kept = [u for u in units if str(u["kind"]) in tw.SEQUENCE_KINDS]
        ids = [int(u["post"]) for u in kept]
        lengths = np.array([len(t) if isinstance(t, str) else np.nan for t in (u["text"] for u in kept)], dtype=float)
        return cls(ids, {p: i for i, p in enumerate(ids)}, lengths, [str(u["text"]) for u in kept])

    def ranks(self, order: str) -> np.ndarray:
        """Publication rank (0 = first published) of each post in document order."""
        n = len(self.posts)
        return np.arange(n)[::-1].copy() if order == "newest-first" else np.arange(n)


# What a link row and the scoring read of a cross-reference clue.
_REF_KEYS = ("article", "post", "start", "end", "text", "hour", "minute", "resolved")
# What linking reads of the clues (the reference keys, and the kind and target of explicit stamps).
_CLUE_KEYS = _REF_KEYS + ("kind", "target_post")
_SENTENCE_KEYS = ("article", "post", "start", "end", "text")


def _article_links(clock: ArticleClock, units: list[dict], sents: list[dict], clues: list[dict]) -> list[dict]:
    """The link rows of one article's cross-references; ``units``, ``sents``, ``clues``: its rows as dicts."""
    seq = _Sequence.of(units)
    refs = [r for r in clues if r["kind"] == "cross_reference"]
    if not seq.posts:
        return [_link_row(r, None, None, None, None, [], "no posts to point to") for r in refs]
    docs = _Documents.build(seq.posts, seq.texts)
    explicit = _explicit_pins(clues, seq)
    lines = _SentenceIndex.of(sents)
    scored = [_same_minute(_score_reference(docs, r, lines), r, explicit) for r in refs]
    order = _order_from_pins(explicit.index, explicit.time, explicit.source)[0]
    if order == "unknown":
        order = _order_by_assignment(seq, refs, scored, explicit) or _order_from_cues(seq)[0]
    return _assign_links(seq, refs, scored, explicit, order)


@dataclass(frozen=True)
class _SentenceIndex:
    """The sentences of one article as plain lists, for finding the one around an offset."""

    starts: np.ndarray
    ends: list[int]
    posts: list[int]
    texts: list[str]

    @classmethod
    def of(cls, sents: list[dict]) -> "_SentenceIndex":
        return cls(np.array([s["start"] for s in sents], dtype=np.int64), [s["end"] for s in sents],
                   [s["post"] for s in sents], [str(s["text"]) for s in sents])


def _score_reference(docs: _Documents, ref: dict, sents: _SentenceIndex) -> _Scored:
    """Compare the sentence holding a reference (and the one before, for pronouns) with every post."""
    i = int(np.searchsorted(sents.starts, ref["start"], side="right")) - 1
    if i < 0 or sents.ends[i] < ref["end"]:
        sentence, offset, previous = str(ref["text"]), int(ref["start"]), ""
    else:
        sentence, offset = sents.texts[i], int(sents.starts[i])
        previous = sents.texts[i - 1] if i > 0 and sents.posts[i - 1] == sents.posts[i] else ""
    # Read at most CONTEXT_CHARS either side: a sentence that never ends (a one-line file of N
    # references) would otherwise make every reference read the whole of it, N squared in all.
    window = tw.CONTEXT_CHARS
    cut = max(0, int(ref["start"]) - offset - window)
    sentence, offset = sentence[cut : int(ref["end"]) - offset + window], offset + cut
    previous = previous[-window:]
    ctx = reference_context(sentence, int(ref["start"]) - offset, int(ref["end"]) - offset, previous)
    return link_scores(docs, ctx)


def _same_minute(scored: _Scored, ref: dict, explicit: "_Explicit") -> _Scored:
    """A post whose own stamp names the referenced minute scores at least ``EXACT_STAMP_SCORE``."""
    if pd.isna(ref["resolved"]) or not len(explicit):
        return scored
    t = pd.Timestamp(ref["resolved"]).value
    for i, time, text in zip(explicit.index, explicit.time, explicit.text):
        if time == t:
            scored.score[i] = max(scored.score[i], tw.EXACT_STAMP_SCORE)
            scored.stamped[int(i)] = text
    return scored


@dataclass(frozen=True)
class _Explicit:
    """Resolved explicit stamps on sequence posts, one per post in document order: sequence index,
    post, time (ns), source and text of each."""

    index: np.ndarray
    post: list[int]
    time: np.ndarray
    source: list[str]
    text: list[str]

    def __len__(self) -> int:
        return len(self.post)


def _explicit_pins(clues: list[dict], seq: _Sequence) -> _Explicit:
    """Resolved explicit stamps on sequence posts: one per post (the first), in document order."""
    first: dict[int, tuple[int, int, str]] = {}
    for r in clues:
        if r["kind"] in EXPLICIT_KINDS and not pd.isna(r["target_post"]) and not pd.isna(r["resolved"]) \
                and int(r["target_post"]) in seq.where:
            post = int(r["target_post"])
            first.setdefault(seq.where[post], (post, pd.Timestamp(r["resolved"]).value, str(r["text"])))
    order = sorted(first)
    return _Explicit(np.array(order, dtype=np.int64), [first[i][0] for i in order],
                     np.array([first[i][1] for i in order], dtype=np.int64), ["explicit"] * len(order),
                     [first[i][2] for i in order])


def _order_from_pins(index: Sequence[int], time: Sequence[int], source: Sequence[str]) -> tuple[str, str]:
    """Running order from pinned posts (their sequence index, time in ns and source; one pin per
    index): do times rise or fall from each pin to the next down the page?

    Steps are taken round the clock (23:50 → 00:05 rises by 15 minutes), so a blog crossing
    midnight reads the right way; the majority of steps decides, a tie says nothing.
    """
    down_page = sorted(range(len(index)), key=lambda k: index[k])
    steps = np.diff(np.array([time[k] for k in down_page], dtype=np.int64))
    steps = (steps + _NS_DAY // 2) % _NS_DAY - _NS_DAY // 2
    up, down = int((steps > 0).sum()), int((steps < 0).sum())
    if up == down:
        return "unknown", ""
    order = "oldest-first" if up > down else "newest-first"
    what = ", ".join(f"{n} {s}" for s, n in _counts_by_frequency([source[k] for k in down_page]))
    way = "rise" if up > down else "fall"
    return order, (f"times {way} down the page in {max(up, down)} of {len(steps)} steps "
                   f"between {len(index)} pinned posts ({what})")


def _counts_by_frequency(values: list[str]) -> list[tuple[str, int]]:
    """(value, count), most frequent first, ties in order of first appearance (``value_counts``'s order)."""
    return sorted(Counter(values).items(), key=lambda item: -item[1])


def _order_from_cues(seq: _Sequence) -> tuple[str, str]:
    """Running order from a sign-off or a welcome near the top or the bottom of the page.

    "Near" is the first or last ``CUE_REACH`` posts (a wrap-up is often split in two); a cue
    found at both ends says nothing.
    """
    n = len(seq.texts)
    if n < 2:
        return "unknown", ""
    reach = min(tw.CUE_REACH, n // 2)
    top, bottom = " ".join(seq.texts[:reach]), " ".join(seq.texts[n - reach:])
    cues = ((tw.SIGN_OFF_RE, "sign-off", "newest-first"), (tw.WELCOME_RE, "welcome", "oldest-first"))
    for rx, name, when_top in cues:
        up, down = rx.search(top), rx.search(bottom)
        if bool(up) != bool(down):
            order = when_top if up else next(o for o in ("newest-first", "oldest-first") if o != when_top)
            return order, f"{name} '{(up or down).group()}' near the {'top' if up else 'bottom'} of the page"
    return "unknown", ""


@dataclass(frozen=True)
class _ExplicitTimes:
    """The explicit pins of one article as arrays, with the bounds they put on every post in one order."""

    index: np.ndarray  # sequence index of each pinned post
    time: np.ndarray  # its time, ns
    earliest: np.ndarray | None  # per post, from the pins (None when the order is unknown)
    latest: np.ndarray | None

    @classmethod
    def of(cls, explicit: _Explicit, ranks: np.ndarray | None) -> "_ExplicitTimes":
        index, time = explicit.index, explicit.time
        if ranks is None or not len(explicit):
            return cls(index, time, None, None)
        earliest, latest, _ = pin_bounds(ranks, index, time, np.ones(len(explicit)), -(2**62), 2**62)
        return cls(index, time, earliest, latest)


def _candidates(seq: _Sequence, post: int, t: int | None, ranks: np.ndarray | None,
                explicit: _ExplicitTimes) -> np.ndarray:
    """Which sequence posts a reference from ``post`` to time ``t`` (ns) may point to (bool per post, document order)."""
    n = len(seq.posts)
    allowed = np.ones(n, dtype=bool)
    referrer = seq.where.get(post)
    if referrer is not None:
        allowed[referrer] = False
        if ranks is not None:
            allowed &= ranks < ranks[referrer]
    if t is None or not len(explicit.index):
        return allowed
    exact = explicit.index[explicit.time == t]
    if len(exact):
        mask = np.zeros(n, dtype=bool)
        mask[exact] = True
        return allowed & mask
    if ranks is None:
        allowed[explicit.index] = False
        return allowed
    return allowed & (explicit.earliest <= t) & (t <= explicit.latest)


def _nanoseconds(values: Sequence) -> list[int | None]:
    """Each timestamp as ns since the epoch, None where missing."""
    return [pd.Timestamp(t).value if pd.notna(t) else None for t in values]


def _grouped(refs: list[dict]) -> list[tuple[int, list[int]]]:
    """References grouped by the minute they name, in time order: (time ns, row numbers)."""
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(r["resolved"] for r in refs):
        if pd.notna(t):
            groups.setdefault(pd.Timestamp(t).value, []).append(i)
    return sorted(groups.items())


def _group_scores(seq: _Sequence, refs: list[dict], scored: list[_Scored], explicit: _Explicit,
                  order: str) -> tuple[list[tuple[int, list[int]]], np.ndarray, list[np.ndarray]]:
    """Per time group: summed scores over allowed posts (−inf elsewhere), indexed by publication rank."""
    ranks = seq.ranks(order) if order != "unknown" else None
    groups = _grouped(refs)
    pins = _ExplicitTimes.of(explicit, ranks)
    masks = [_candidates(seq, int(r["post"]), t, ranks, pins)
             for r, t in zip(refs, _nanoseconds([r["resolved"] for r in refs]))]
    matrix = np.full((len(groups), len(seq.posts)), -np.inf)
    for g, (_, members) in enumerate(groups):
        ok = np.logical_and.reduce([masks[i] for i in members])
        good = ok & np.all([scored[i].score >= tw.MIN_LINK_SCORE for i in members], axis=0)
        matrix[g, good] = np.sum([scored[i].score for i in members], axis=0)[good]
    if ranks is not None:
        by_rank = np.empty_like(matrix)
        by_rank[:, ranks] = matrix
        matrix = by_rank
    return groups, matrix, masks


def monotone_assignment(scores: np.ndarray) -> tuple[list[int | None], float]:
    """Assign rows (times, ascending) to columns (posts, by publication rank) strictly increasingly.

    ``scores[j, r]`` is the value of giving time ``j`` to post ``r`` (−inf: not allowed); a time
    may stay unassigned. Returns each row's column (or None) and the total, maximised.
    O(rows × columns).
    """
    k, n = scores.shape
    tables = [np.zeros(n + 1)]
    takes = []
    for j in range(k):
        prev = tables[-1]
        take = prev[:n] + scores[j]
        best_before = np.concatenate([[-np.inf], np.maximum.accumulate(take)]) if n else np.array([-np.inf])
        tables.append(np.maximum(prev, best_before))
        takes.append(take)
    chosen: list[int | None] = [None] * k
    r = n
    for j in range(k - 1, -1, -1):
        if r > 0 and np.max(takes[j][:r]) > tables[j][r]:
            r = int(np.argmax(takes[j][:r]))
            chosen[j] = r
    return chosen, float(tables[-1][n])


def _order_by_assignment(seq, refs, scored, explicit) -> str | None:
    """The running order under which the references fit best, or None if neither fits better."""
    totals = {o: monotone_assignment(_group_scores(seq, refs, scored, explicit, o)[1])[1]
              for o in ("newest-first", "oldest-first")}
    if abs(totals["newest-first"] - totals["oldest-first"]) < 1e-9:
        return None
    return max(totals, key=totals.get)


def _assign_links(seq, refs, scored, explicit, order) -> list[dict]:
    groups, matrix, masks = _group_scores(seq, refs, scored, explicit, order)
    if order == "unknown":
        chosen = [int(np.argmax(row)) if np.isfinite(row).any() else None for row in matrix]
        ranks = np.arange(len(seq.posts))
    else:
        chosen = monotone_assignment(matrix)[0]
        ranks = seq.ranks(order)
    rows: dict[int, dict] = {}
    records = refs
    for (_, members), r, group_scores in zip(groups, chosen, matrix):
        by_doc = np.full(len(seq.posts), -np.inf)
        by_doc[: len(ranks)] = group_scores[ranks]
        target = None if r is None else int(np.argsort(ranks)[r])
        allowed = np.logical_and.reduce([masks[i] for i in members])
        for i in members:
            rows[i] = _link_from(seq, records[i], scored[i], by_doc, allowed, target, order)
    for i, ref in enumerate(records):
        if i not in rows:
            rows[i] = _link_row(ref, None, None, None, None, [], "time not resolved (no publication date)")
    return [rows[i] for i in range(len(records))]


def _link_from(seq: _Sequence, ref: dict, scored: _Scored, group: np.ndarray, allowed: np.ndarray,
               target: int | None, order: str) -> dict:
    """One link row: target, runner-up and any disagreement between the minute's references and the order.

    ``group`` holds the summed scores of every reference naming the same minute over the posts
    they may all point to (−inf elsewhere, and below the threshold); the conflict is judged on it.
    The runner-up is this reference's best other post among those allowed, whatever its score.
    """
    score = scored.score
    alone = int(np.argmax(group)) if np.isfinite(group).any() else None
    if target is None:
        if alone is None:
            note = "no earlier post fits: none scores above the threshold within the time's bounds"
        else:
            note = (f"post {seq.posts[alone]} fits ({score[alone]:.2f}) but contradicts the other references "
                    f"in {order} order; left unresolved")
        return _link_row(ref, None, None, _post_of(seq, alone), None if alone is None else float(score[alone]), [],
                         note, conflict=alone is not None)
    others = np.where(allowed, score, -np.inf)
    others[target] = -np.inf
    runner = int(np.argmax(others)) if np.isfinite(others).any() else None
    note = None
    if alone is not None and alone != target:
        note = (f"on its own this minute fits post {seq.posts[alone]} best; "
                f"the {order} running order gives post {seq.posts[target]}")
    return _link_row(ref, seq.posts[target], float(score[target]), _post_of(seq, runner),
                     None if runner is None else float(score[runner]), scored.evidence(target), note)


def _post_of(seq: _Sequence, index: int | None) -> int | None:
    return None if index is None else seq.posts[index]


def _link_row(ref: dict, target, score, runner, runner_score, evidence: list[str], note: str | None,
              conflict: bool | None = None) -> dict:
    return {
        "article": ref["article"], "post": ref["post"], "start": ref["start"], "end": ref["end"],
        "text": ref["text"], "hour": ref["hour"], "minute": ref["minute"], "resolved": ref["resolved"],
        "target_post": target, "score": None if score is None else round(score, 4), "runner_up_post": runner,
        "runner_up_score": None if runner_score is None else round(runner_score, 4),
        "evidence": "; ".join(evidence),
        "conflict": (note is not None and target is not None) if conflict is None else conflict,
        "conflict_note": note,
    }


# =========================================================================== time references


def time_references(articles: pd.DataFrame, posts: pd.DataFrame, sentences: pd.DataFrame,
                    clues: pd.DataFrame | None = None, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every time clue: where it is, what it says, what it resolved to, and which post it pins.

    ``clues`` and ``links`` (``find_clues``, ``cross_reference_links``) are computed when not given.
    """
    clues = find_clues(articles, posts) if clues is None else clues
    links = cross_reference_links(articles, posts, sentences, clues) if links is None else links
    if not len(links):
        return clues
    is_ref = clues["kind"] == "cross_reference"
    matched = _links_of(links, clues[is_ref])
    notes = matched["conflict_note"].fillna("").to_numpy()
    evidence = matched["evidence"].fillna("").to_numpy()
    mask = is_ref.to_numpy()
    return clues.assign(
        target_post=_replaced(clues["target_post"], mask, matched["target_post"].to_numpy()),
        score=_replaced(clues["score"], mask, matched["score"].to_numpy()),
        evidence=_replaced(clues["evidence"], mask, [e + (f" [{n}]" if n else "") for e, n in zip(evidence, notes)]),
        conflict=_replaced(clues["conflict"], mask, matched["conflict"].fillna(False).to_numpy(dtype=bool)),
    )


def _replaced(column: pd.Series, mask: np.ndarray, values) -> pd.Series:
    """``column`` with the rows under ``mask`` set to ``values``, in the column's own dtype."""
    array = column.array.copy()
    array[mask] = values
    return pd.Series(array, index=column.index, name=column.name)


def _links_of(links: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """The link row of each cross-reference clue (matched on article and start), in the clues' order.

    Links come in the clues' order, so the match is usually the frame itself.
    """
    same = (links["article"].tolist() == refs["article"].tolist()) and (links["start"].tolist() == refs["start"].tolist())
    if same:
        return links
    key = pd.MultiIndex.from_arrays([refs["article"], refs["start"]])
    return links.set_index(["article", "start"]).reindex(key)


# =========================================================================== post times


def pin_bounds(ranks: np.ndarray, pin_index: np.ndarray, pin_time: np.ndarray, pin_weight: np.ndarray,
               lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Earliest and latest time (ns) of every post from pins, and which pins are consistent.

    ``ranks[i]`` is post ``i``'s publication rank; pins sit on posts ``pin_index`` at
    ``pin_time``. Consistent pins are the heaviest subset whose times never fall as the rank
    rises and that lie in [lo, hi]; the others are reported, not used. Bounds come from the
    consistent pins only, so they never fall with the rank and earliest <= latest everywhere.
    """
    n = len(ranks)
    pin_index, pin_time = np.asarray(pin_index, dtype=np.int64), np.asarray(pin_time, dtype=np.int64)
    consistent = np.zeros(len(pin_index), dtype=bool)
    inside = (pin_time >= lo) & (pin_time <= hi)
    pick = np.flatnonzero(inside)
    if len(pick):
        order = pick[np.argsort(ranks[pin_index[pick]], kind="stable")]
        keep = _heaviest_monotone(pin_time[order], np.asarray(pin_weight, dtype=float)[order])
        consistent[order[keep]] = True
    low = np.full(n, lo, dtype=np.int64)
    high = np.full(n, hi, dtype=np.int64)
    by_rank_low = np.full(n, lo, dtype=np.int64)
    by_rank_high = np.full(n, hi, dtype=np.int64)
    good_rank = ranks[pin_index[consistent]]
    by_rank_low[good_rank] = pin_time[consistent]
    by_rank_high[good_rank] = pin_time[consistent]
    by_rank_low = np.maximum.accumulate(by_rank_low)
    by_rank_high = np.minimum.accumulate(by_rank_high[::-1])[::-1]
    low[:] = by_rank_low[ranks]
    high[:] = by_rank_high[ranks]
    return low, high, consistent


def _heaviest_monotone(times: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Indices of the heaviest non-decreasing subsequence of ``times`` (O(k log k), Fenwick tree)."""
    k = len(times)
    levels = np.unique(times)
    pos = np.searchsorted(levels, times) + 1
    tree_val = np.zeros(len(levels) + 1)
    tree_arg = np.full(len(levels) + 1, -1, dtype=np.int64)
    best = np.zeros(k)
    parent = np.full(k, -1, dtype=np.int64)
    for i in range(k):
        j, val, arg = int(pos[i]), 0.0, -1
        while j > 0:  # prefix maximum over levels <= this time
            if tree_val[j] > val:
                val, arg = tree_val[j], int(tree_arg[j])
            j -= j & -j
        best[i], parent[i] = val + weights[i], arg
        j = int(pos[i])
        while j <= len(levels):
            if best[i] > tree_val[j]:
                tree_val[j], tree_arg[j] = best[i], i
            j += j & -j
    chain, i = [], int(np.argmax(best)) if k else -1
    while i >= 0:
        chain.append(i)
        i = int(parent[i])
    return np.array(chain[::-1], dtype=np.int64)


def post_times(articles: pd.DataFrame, posts: pd.DataFrame, references: pd.DataFrame,
               interpolation: str = "position", clocks: dict[str, ArticleClock] | None = None) -> pd.DataFrame:
    """Every unit's best time, earliest and latest time, where they come from, and the blog's order.

    ``interpolation`` places unpinned posts between their pinned neighbours by ``"position"``
    (equal steps per post) or ``"length"`` (steps in proportion to the text written).
    """
    if interpolation not in tw.INTERPOLATIONS:
        raise ValueError(f"interpolation must be one of {tw.INTERPOLATIONS}, not {interpolation!r}")
    clocks = article_clocks(articles) if clocks is None else clocks
    rows: list[dict] = []
    by_refs = _records_by_article(references, ("article",) + _PIN_KEYS)
    for article, units in _records_by_article(posts, _UNIT_KEYS).items():
        rows.extend(_article_times(clocks[str(article)], units, by_refs.get(article, []), interpolation))
    return _post_time_frame(rows, clocks)


@dataclass
class _Pin:
    index: int
    post: int
    time: int
    source: str
    evidence: str
    weight: float
    label: str = ""
    doubt: str | None = None  # a link the running order forced: flagged on the post, pin still used


def _pins(refs: list[dict], seq: _Sequence, zone: str) -> list[_Pin]:
    """One pin per sequence post: its explicit stamp, else the best-scoring cross-reference to it."""
    pinning = EXPLICIT_KINDS + ("cross_reference",)
    pins: dict[int, _Pin] = {}
    for r in refs:
        if r["kind"] not in pinning or pd.isna(r["target_post"]) or pd.isna(r["resolved"]):
            continue
        post = int(r["target_post"])
        if post not in seq.where:
            continue
        explicit = str(r["kind"]) in EXPLICIT_KINDS
        source = "explicit" if explicit else "cross-reference"
        score = 0.0 if pd.isna(r["score"]) else float(r["score"])
        text = f"'{r['text']}'" + ("" if explicit else f" in post {r['post']} (score {score:.2f}: {r['evidence']})")
        t = pd.Timestamp(r["resolved"])
        doubt = f"{text} was forced by the running order" if bool(r.get("conflict", False)) else None
        pin = _Pin(seq.where[post], post, t.value, source, text, 2.0 if explicit else 1.0 + score,
                   _clock_text(t.value, zone), doubt)
        old = pins.get(post)
        if old is None or (pin.weight > old.weight and not (old.source == "explicit" and not explicit)):
            pins[post] = pin
    return sorted(pins.values(), key=lambda p: p.index)


def _roll_over_midnight(pins: list[_Pin], ranks: np.ndarray, dated: set[int]) -> int:
    """Move undated pins past midnight where times fall by over 12 hours in running order; days added."""
    days = 0
    last = None
    for pin in sorted(pins, key=lambda p: ranks[p.index]):
        if pin.post not in dated:
            pin.time += days * _NS_DAY
            if last is not None and last - pin.time > _NS_DAY // 2:
                days += 1
                pin.time += _NS_DAY
        last = pin.time
    return days


def _page_bounds(refs: list[dict], clock: ArticleClock) -> tuple[int | None, int | None, str]:
    """Lower and upper bounds (ns) that the page's own stamps and the capture time put on every post."""
    lower, upper, notes = None, None, []
    for r in refs:
        if r["kind"] != "page" or pd.isna(r["resolved"]):
            continue
        t = pd.Timestamp(r["resolved"]).value
        if "lower" in str(r["evidence"]):
            lower = t if lower is None else max(lower, t)
        else:
            upper = t if upper is None else min(upper, t)
        notes.append(f"page stamp '{r['text']}'")
    if clock.captured is not None:
        upper = min(upper, clock.captured.value) if upper is not None else clock.captured.value
        notes.append(f"captured {clock.captured:%Y-%m-%d %H:%M}")
    return lower, upper, ", ".join(notes)


# What placing the posts of an article reads of its clues.
_PIN_KEYS = ("post", "text", "kind", "resolved", "target_post", "score", "evidence", "conflict", "dated")


def _article_times(clock: ArticleClock, units: list[dict], refs: list[dict], interpolation: str) -> list[dict]:
    """The post-time rows of one article; ``units``, ``refs``: its units and clues as dicts."""
    seq = _Sequence.of(units)
    pins = _pins(refs, seq, clock.zone)
    order, why = _order_from_pins([p.index for p in pins], [p.time for p in pins], [p.source for p in pins])
    if order == "unknown":
        order, why = _order_from_directions(refs, seq)
    cue_order, cue_why = _order_from_cues(seq)
    if order == "unknown":
        order, why = cue_order, cue_why
    elif cue_order not in ("unknown", order):
        why += f"; but a {cue_why} suggests {cue_order}"
    placed = _place(clock, seq, pins, refs, order, interpolation)
    return _unit_rows(clock, units, seq, placed, refs, order, why or "no clue to the running order")


def _order_from_directions(refs: list[dict], seq: _Sequence) -> tuple[str, str]:
    """Running order from where linked posts sit relative to the posts that refer back to them."""
    linked = [(r["post"], r["target_post"]) for r in refs
              if r["kind"] == "cross_reference" and not pd.isna(r["target_post"])]
    below = above = 0
    for post, target in linked:
        if int(post) in seq.where and int(target) in seq.where:
            below += seq.where[int(target)] > seq.where[int(post)]
            above += seq.where[int(target)] < seq.where[int(post)]
    if below == above:
        return "unknown", ""
    order = "newest-first" if below > above else "oldest-first"
    way = "down" if below > above else "up"
    return order, f"cross-references point {way} the page ({max(below, above)} of {below + above})"


@dataclass
class _Placed:
    """Per sequence post (document order): bounds and best time in ns, source, evidence, conflicts."""

    ranks: np.ndarray | None
    low: np.ndarray
    high: np.ndarray
    best: np.ndarray
    source: list[str]
    evidence: list[str]
    conflict: list[str | None]
    interpolation: list[str | None]
    consistent: set[int] = field(default_factory=set)  # indices of pins the bounds were built from


_NAT = np.iinfo(np.int64).min


def _place(clock: ArticleClock, seq: _Sequence, pins: list[_Pin], refs: list[dict], order: str,
           interpolation: str) -> _Placed:
    """Bounds, best times and sources of the sequence posts of one article."""
    n = len(seq.posts)
    ranks = seq.ranks(order) if order != "unknown" else None
    dated = {int(r["target_post"]) for r in refs if r["dated"] and not pd.isna(r["target_post"])}
    extra_days = _roll_over_midnight(pins, ranks, dated) if ranks is not None else 0
    moved = _date_clocks_by_update(pins, dated, refs)
    lo, hi, base = _article_bounds(clock, refs, [p for p in pins if p.post in dated], extra_days + moved)
    if moved:
        newest = max(p.time for p in pins)
        hi = max(hi, newest) if hi != _NAT else hi  # a header's update line older than the newest post
        base += "; clocks dated by the page's last update"
    if lo == _NAT and pins:  # no publication day: the pins alone bound the posts
        lo, hi = min(p.time for p in pins), max(p.time for p in pins)
    source = "publication-date only" if clock.day is not None else "unknown"
    placed = _Placed(ranks, np.full(n, lo), np.full(n, hi), np.full(n, _NAT), [source] * n, [base] * n,
                     [None] * n, [None] * n)
    if pins:
        _apply_pins(placed, pins, lo, hi, order, clock.zone)
        if ranks is not None:
            _interpolate(placed, seq, pins, interpolation)
        _above_first_stamp(placed, pins, lo, clock)
    _unknown_clues(placed, seq, refs)
    return placed


# How far from its newest post a page's "Updated" line may be and still date that post's day.
# Set by hand, not swept: the Daily Mirror riots blog (../shared/realpages) shows "Updated 20:49"
# above a 21:00 post (a header older than the page); an hour allows for such a stale header or
# an edit after the last post.
UPDATE_AFTER_NEWEST_NS = 60 * 60 * 10**9


def _date_clocks_by_update(pins: list[_Pin], dated: set[int], refs: list[dict]) -> int:
    """Whole days to move a blog's undated clocks by, read from its last-update line, and moves them.

    A blog of bare clocks ("20:42", "19:11") is dated from its publication day, but a blog that
    ran on into later days ends on the day of its dated "Updated 20:49, 5 Aug 2024" line: when
    the newest clock, moved on by whole days, lands within ``UPDATE_AFTER_NEWEST_NS`` of the
    update, every undated clock moves by those days. Never when a post carries its own date."""
    if dated:
        return 0
    updates = [pd.Timestamp(r["resolved"]).value for r in refs
               if r["kind"] == "page" and r["dated"] and not pd.isna(r["resolved"]) and "upper" in str(r["evidence"])]
    undated = [p for p in pins if p.post not in dated]
    if not updates or not undated:
        return 0
    update, newest = max(updates), max(p.time for p in undated)
    days = round((update - newest) / _NS_DAY)
    if days < 1 or abs(update - (newest + days * _NS_DAY)) > UPDATE_AFTER_NEWEST_NS:
        return 0
    for pin in undated:
        pin.time += days * _NS_DAY
        pin.evidence = f"{pin.evidence}; day from the page's last update"
    return int(days)


def _above_first_stamp(placed: _Placed, pins: list[_Pin], lo: int, clock: ArticleClock) -> None:
    """Posts above the page's first stamped post with no time of their own (an intro, a pinned
    post, the newest unstamped entry) keep the bounds the running order gives them (the first
    stamp and the page's day or page stamp) but no point time: extrapolating one at the pins'
    pace would invent it."""
    first = min(pins, key=lambda p: p.index)
    if first.source != "explicit":
        return  # pins from cross-references: the blog has no stamp lines to be above
    for i in range(first.index):
        if placed.source[i] in ("explicit", "cross-reference"):
            continue
        placed.best[i] = _NAT
        placed.source[i] = "publication-date only" if clock.day is not None else "unknown"
        placed.evidence[i] = (f"above the first stamped post (post {first.post}, {first.label}), no stamp of its own: "
                              f"bounded by it and the page, no time invented")
        placed.interpolation[i] = None


def _article_bounds(clock: ArticleClock, refs: list[dict], dated: list[_Pin],
                    extra_days: int) -> tuple[int, int, str]:
    """The outer bounds (ns) of every post: the publication day (stretched to dated stamps and
    past midnight where needed), cut by the page's stamps and the capture time; and why."""
    day = clock.day_bounds()
    if day is None:
        lo, hi, why = _NAT, _NAT, "no publication date"
    else:
        lo, hi = day[0].value, day[1].value + extra_days * _NS_DAY
        for pin in dated:  # a stamp dated another day stretches the bounds to that whole day
            date = pd.Timestamp(pin.time, tz="UTC").tz_convert(clock.zone).date()
            lo, hi = min(lo, _at(date, 0, 0, clock.zone).value), max(hi, _day_end(date, clock.zone).value)
        why = f"published {clock.day:%Y-%m-%d} ({clock.zone_label})"
    page_lo, page_hi, note = _page_bounds(refs, clock)
    if page_lo is not None and lo != _NAT:
        lo = max(lo, page_lo)
    if page_hi is not None and hi != _NAT:
        hi = min(hi, page_hi)
    return lo, hi, why + (f"; {note}" if note else "")


def _apply_pins(placed: _Placed, pins: list[_Pin], lo: int, hi: int, order: str, zone: str) -> None:
    """Pinned posts take their pin's time; bounds follow from the consistent pins; the rest are flagged."""
    idx = np.array([p.index for p in pins], dtype=np.int64)
    times = np.array([p.time for p in pins], dtype=np.int64)
    if placed.ranks is not None:
        placed.low, placed.high, ok = pin_bounds(placed.ranks, idx, times, np.array([p.weight for p in pins]), lo, hi)
    else:
        ok = (times >= lo) & (times <= hi)
        placed.low[idx[ok]] = times[ok]
        placed.high[idx[ok]] = times[ok]
    good = [p for p, k in zip(pins, ok) if k]
    placed.consistent = {p.index for p in good}
    for pin, k in zip(pins, ok):
        placed.best[pin.index] = pin.time
        placed.source[pin.index], placed.evidence[pin.index] = pin.source, pin.evidence
        placed.conflict[pin.index] = pin.doubt if k else _conflict_note(pin, good, placed.ranks, lo, hi, order, zone)


def _conflict_note(pin: _Pin, good: list[_Pin], ranks, lo: int, hi: int, order: str, zone: str) -> str:
    if not lo <= pin.time <= hi:
        return (f"{pin.evidence} ({pin.label}) lies outside the bounds "
                f"{_clock_text(lo, zone)}–{_clock_text(hi, zone)} of the page")
    if ranks is None:
        return f"{pin.evidence} ({pin.label}) conflicts with the other pins"
    before = [p for p in good if ranks[p.index] < ranks[pin.index] and p.time > pin.time]
    after = [p for p in good if ranks[p.index] > ranks[pin.index] and p.time < pin.time]
    clash = ", ".join(f"post {p.post} ({p.label})" for p in (before + after)[:3])
    return f"{pin.evidence} ({pin.label}) is out of {order} order with {clash}; kept as stated, bounds from the others"


def _clock_text(ns: int, zone: str) -> str:
    """A time as a blog prints it, in the article's zone: "08:53"."""
    return pd.Timestamp(ns, tz="UTC").tz_convert(zone).strftime("%H:%M")


def _interpolate(placed: _Placed, seq: _Sequence, pins: list[_Pin], interpolation: str) -> None:
    """Best times of unpinned posts: between consistent pins, else extrapolated at the pins' pace."""
    good = sorted((p for p in pins if p.index in placed.consistent), key=lambda p: placed.ranks[p.index])
    if not good:
        return
    x = _axis(seq, placed.ranks, interpolation)
    px = np.array([x[p.index] for p in good])
    pt = np.array([p.time - good[0].time for p in good], dtype=float)  # small numbers: exact in float
    pace = pt[-1] / (px[-1] - px[0]) if len(good) >= 2 and px[-1] > px[0] and pt[-1] > 0 else None
    pinned = {p.index for p in pins}
    for i in range(len(seq.posts)):
        if i in pinned:
            continue
        if len(good) >= 2 and px[0] <= x[i] <= px[-1]:
            t = good[0].time + np.interp(x[i], px, pt)
            left, right = good[np.searchsorted(px, x[i], "right") - 1], good[np.searchsorted(px, x[i], "left")]
            note = f"between post {left.post} ({left.label}) and post {right.post} ({right.label}), by {interpolation}"
        elif pace is not None:
            edge = good[0] if x[i] < px[0] else good[-1]
            t = edge.time + (x[i] - x[edge.index]) * pace
            pace_text = _pace_text(pace, interpolation)
            note = f"extrapolated from post {edge.post} ({edge.label}) at the pins' pace ({pace_text})"
        else:
            edge = good[0] if x[i] < px[0] else good[-1]
            side = "before" if x[i] < px[0] else "after"
            placed.evidence[i] += f"; published {side} post {edge.post} ({edge.label}); one pin gives no pace"
            continue
        placed.best[i] = int(min(max(t, placed.low[i]), placed.high[i]))
        placed.source[i], placed.evidence[i], placed.interpolation[i] = "interpolated", note, interpolation


def _pace_text(pace: float, interpolation: str) -> str:
    """"15 min per post" or "4 min per 1000 characters"."""
    if interpolation == "position":
        return f"{pace / _NS_MINUTE:.0f} min per post"
    return f"{pace * 1000 / _NS_MINUTE:.0f} min per 1000 characters"


def _axis(seq: _Sequence, ranks: np.ndarray, interpolation: str) -> np.ndarray:
    """Each post's place on the interpolation axis: its rank, or the text written before its middle."""
    if interpolation == "position":
        return ranks.astype(float)
    by_rank = np.empty_like(seq.lengths)
    by_rank[ranks] = seq.lengths
    middle = np.cumsum(by_rank) - by_rank / 2
    return middle[ranks]


def _unknown_clues(placed: _Placed, seq: _Sequence, refs: list[dict]) -> None:
    """Posts carrying a clue nobody can resolve keep their bounds but get no time: source unknown."""
    bad = [(r["target_post"], r["text"], r["kind"]) for r in refs
           if r["kind"] in ("relative", "unparsed") and pd.isna(r["resolved"]) and not pd.isna(r["target_post"])]
    for post, text, kind in bad:
        i = seq.where.get(int(post))
        if i is None or placed.source[i] in ("explicit", "cross-reference"):
            continue
        placed.best[i] = _NAT
        placed.source[i] = "unknown"
        why = "needs a capture time" if kind == "relative" else "is a stamp form not read"
        placed.evidence[i] = f"'{text}' {why}; bounds from the neighbours only"
        placed.interpolation[i] = None


def _unit_rows(clock: ArticleClock, units: list[dict], seq: _Sequence, placed: _Placed, refs: list[dict],
               order: str, why: str) -> list[dict]:
    """One row per unit: sequence posts as placed; stamp lines at their own time; the rest on the day."""
    stamp_of = {int(r["post"]): r for r in refs if r["kind"] in ("stamp", "page", "relative", "update")}
    day = clock.day_bounds()
    rows = []
    for unit in units:
        post = int(unit["post"])
        row = {"article": clock.article, "post": post, "order": order, "order_evidence": why,
               "sequence": None, "rank": None, "interpolation": None, "conflict": False, "conflict_note": None}
        i = seq.where.get(post)
        if i is not None:
            row |= {"sequence": i, "rank": None if placed.ranks is None else int(placed.ranks[i]),
                    "time": _ts(placed.best[i]), "time_earliest": _ts(placed.low[i]),
                    "time_latest": _ts(placed.high[i]),
                    "time_source": placed.source[i], "time_evidence": placed.evidence[i],
                    "interpolation": placed.interpolation[i], "conflict": placed.conflict[i] is not None,
                    "conflict_note": placed.conflict[i]}
        elif post in stamp_of and pd.notna(stamp_of[post]["resolved"]):
            t = pd.Timestamp(stamp_of[post]["resolved"])
            row |= {"time": t, "time_earliest": t, "time_latest": t, "time_source": "explicit",
                    "time_evidence": f"'{stamp_of[post]['text']}'"}
        else:
            lo, hi = (day if day else (pd.NaT, pd.NaT))
            unread = post in stamp_of  # a stamp line that could not be resolved
            row |= {"time": pd.NaT, "time_earliest": lo, "time_latest": hi,
                    "time_source": "publication-date only" if day and not unread else "unknown",
                    "time_evidence": (f"published {clock.day:%Y-%m-%d} ({clock.zone_label}); not in the running order"
                                      if day else "no publication date")}
        rows.append(row)
    return rows


def _ts(ns) -> pd.Timestamp:
    return pd.NaT if ns == _NAT else pd.Timestamp(int(ns), tz="UTC")


def _post_time_frame(rows: list[dict], clocks: dict[str, ArticleClock]) -> pd.DataFrame:
    frame = _typed_frame(rows, POST_TIME_COLUMNS, POST_TIME_DTYPES)
    zones = {a: c.zone for a, c in clocks.items()}
    return frame.assign(**{c: _zoned(frame[c], frame["article"], zones) for c in TIME_COLUMNS})


# =========================================================================== event times


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    text: str
    kind: str
    direction: str
    spec: tuple[str, str] | None
    quantity: pd.DateOffset | None = None
    date_range: tuple[pd.Timestamp, pd.Timestamp] | None = None


# The words a phrase can open and close with, digits read as "0": a sentence lacking an opening or a
# closing word of a phrase is not scanned for it (most sentences lack every closing word).
_CLOSED = "\0"  # ends a partial word that is already whole
_DIGIT_RE = re.compile(r"\d")


def _extend(partial: set[str], chars: Sequence[str]) -> set[str]:
    """Every partial word followed by every char; a word is whole at the first character outside a word."""
    out = set()
    for p in partial:
        if p.endswith(_CLOSED):
            out.add(p)
            continue
        out.update(p + c.lower() if c.isalnum() or c == "_" else p + _CLOSED for c in chars)
    return out


def _edge_partials(items, partial: set[str], backward: bool) -> set[str] | None:
    """The first (``backward``: last, spelt backwards) words of a parsed pattern, after ``partial``.

    None when the pattern uses syntax beyond this reading.
    """
    for op, av in (reversed(items) if backward else items):
        if op is _sre.LITERAL:
            partial = _extend(partial, [chr(av)])
        elif op is _sre.IN and all(o is _sre.LITERAL or (o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT)
                                   for o, a in av):
            partial = _extend(partial, [chr(a) if o is _sre.LITERAL else "0" for o, a in av])
        elif op is _sre.SUBPATTERN:
            partial = _edge_partials(av[3], partial, backward)
        elif op is _sre.BRANCH:
            branches = [_edge_partials(b, partial, backward) for b in av[1]]
            partial = None if None in branches else set().union(*branches)
        elif op is _sre.MAX_REPEAT and av[1] <= 8:
            repeated, partial = partial, set(partial) if av[0] == 0 else set()
            for k in range(1, av[1] + 1):
                repeated = _edge_partials(av[2], repeated, backward)
                if repeated is None:
                    return None
                if k >= av[0]:
                    partial |= repeated
        else:
            return None
        if partial is None:
            return None
    return partial


def _edge_words(pattern: str, backward: bool) -> frozenset[str] | None:
    """The lower-case words a match of ``pattern`` can open (``backward``: close) with; None: any word may.

    Read from the parsed pattern (``re._parser``, a private module): when it is missing or reads
    differently, the answer is None and the phrase is simply scanned for in every sentence.
    """
    if _sre_parse is None:
        return None
    try:
        partial = _edge_partials(_sre_parse.parse(pattern), {""}, backward)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    words = {p.rstrip(_CLOSED) for p in partial} if partial is not None else {""}
    if "" in words:
        return None
    return frozenset(_DIGIT_RE.sub("0", w[::-1] if backward else w) for w in words)


_COMPILED = [
    (re.compile(rf"(?<![\w-])(?:{p.pattern})(?![\w-])", re.IGNORECASE), p,
     _edge_words(p.pattern, backward=False), _edge_words(p.pattern, backward=True))
    for p in tw.EVENT_PHRASES
]
_PhraseIndex = tuple[list, dict[str, list[int]], list[int]]
_INDEX: _PhraseIndex | None = None


def _phrase_index() -> _PhraseIndex:
    """The table (``_COMPILED``), which phrases each word can open, and those any word may open:
    a sentence is scanned only for the phrases one of its words opens, in table order. Made anew
    when the table is replaced."""
    global _INDEX
    if _INDEX is None or _INDEX[0] is not _COMPILED:
        by_opening: dict[str, list[int]] = {}
        for k, (_, _, openings, _) in enumerate(_COMPILED):
            for w in openings or ():
                by_opening.setdefault(w, []).append(k)
        _INDEX = (_COMPILED, by_opening, [k for k, (_, _, openings, _) in enumerate(_COMPILED) if openings is None])
    return _INDEX


_WORD_START_RE = re.compile(r"(?<![\w-])\w+")
_SPEC_RE = re.compile(r"([a-z]+)|([+-])(n|\d{1,4})(min|mo|d|h|w|y)?")


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping each other): a
    binary search, so a sentence of N references and N phrases costs N log N, not N squared."""
    k = bisect.bisect_right(spans, (start, float("inf")))
    return any(s < end and start < e for s, e in spans[max(0, k - 1) : k + 1])


def find_event_phrases(sentence: str, year: int | None) -> list[_Phrase]:
    """Phrases dating events in one sentence, the longest where they overlap.

    Cross-references ("(see 6.54am)") point at posts, not events, and are left out.
    """
    ahead = bool(tw.FUTURE_MARKERS_RE.search(sentence))
    found = _table_phrases(sentence, ahead)
    found += _weekday_phrases(sentence, ahead)
    found += _date_phrases(sentence, year)
    found += [
        _Phrase(s.start, s.end, s.text, "clock", "either", None, None, (s, s))  # resolved later, per post
        for s in stamps.find_stamps(sentence, year) if s.hour >= 0
    ]
    skip = sorted({(r.start, r.end) for r in stamps.find_cross_references(sentence)})
    found = [p for p in found if not _overlaps_any(p.start, p.end, skip)]
    chosen, last = [], -1
    for p in sorted(found, key=lambda p: (p.start, -(p.end - p.start))):
        if p.start >= last:
            chosen.append(p)
            last = p.end
    return chosen


def _table_phrases(sentence: str, ahead: bool) -> list[_Phrase]:
    """Matches of the phrase table (``tw.EVENT_PHRASES``); only phrases that can open and close with
    words of the sentence are scanned for."""
    words = _word_keys(sentence)
    found = []
    table, by_opening, any_opening = _phrase_index()
    if words is None:
        candidates: Iterable[int] = range(len(table))
    else:
        candidates = sorted({k for w in words if w in by_opening for k in by_opening[w]}.union(any_opening))
    for k in candidates:
        rx, phrase, _, closings = table[k]
        if words is not None and closings is not None and closings.isdisjoint(words):
            continue
        direction = "future" if phrase.direction == "either" and ahead else phrase.direction
        found.extend(_Phrase(m.start(), m.end(), m.group(), phrase.kind, direction, (phrase.start, phrase.end),
                             _quantity(m)) for m in rx.finditer(sentence))
    return found


def _word_keys(sentence: str) -> set[str] | None:
    """The words of a sentence a phrase can open or close with, spelt as ``_edge_words`` spells them.

    None when a word is not plain ASCII: case-blind matching of other letters is not plain ``lower()``.
    """
    words = set(_WORD_START_RE.findall(_DIGIT_RE.sub("0", sentence)))
    if not all(map(str.isascii, words)):
        return None
    return {w.lower() for w in words}


def _quantity(m: re.Match[str]) -> pd.DateOffset | None:
    groups = m.groupdict()
    if not groups.get("n") or not groups.get("unit"):
        return None
    raw = groups["n"].lower()
    n = int(raw) if raw.isdigit() else tw.NUMBER_WORDS[raw]
    return _offset(n, tw.UNIT_WORDS[groups["unit"].lower()])


@lru_cache(maxsize=1024)
def _offset(n: int, unit: str) -> pd.DateOffset:
    names = {"min": "minutes", "h": "hours", "d": "days", "w": "weeks", "mo": "months", "y": "years"}
    return pd.DateOffset(**{names[unit]: n})


def _weekday_phrases(sentence: str, future: bool) -> list[_Phrase]:
    """Weekday names ("on Friday", "last Tuesday night"); ``future``: the sentence looks ahead."""
    out = []
    for m in tw.WEEKDAY_RE.finditer(sentence):
        rel = (m.group("rel") or "").lower()
        direction = "future" if rel == "next" or (rel not in ("last", "since") and future) else "past"
        out.append(_Phrase(m.start(), m.end(), m.group(), "weekday", direction, ("weekday", rel)))
    return out


def _date_phrases(sentence: str, year: int | None) -> list[_Phrase]:
    """Calendar dates without a clock ("13 February", "in 2014"); every one holds a digit."""
    out: list[_Phrase] = []
    if not _DIGIT_RE.search(sentence):
        return out
    for m in tw.DATE_RE.finditer(sentence):
        g = m.groupdict()
        try:
            if g["y4"]:
                start, end = pd.Timestamp(int(g["y4"]), 1, 1), pd.Timestamp(int(g["y4"]) + 1, 1, 1)
            elif g["m3"]:
                start = pd.Timestamp(int(g["y3"]), stamps.MONTHS[g["m3"].lower()], 1)
                end = start + pd.DateOffset(months=1)
            else:
                y = g["y1"] or g["y2"] or year
                if y is None:
                    continue
                start = pd.Timestamp(int(y), stamps.MONTHS[(g["m1"] or g["m2"]).lower()], int(g["d1"] or g["d2"]))
                end = start + pd.Timedelta(days=1)
        except ValueError:
            continue
        out.append(_Phrase(m.start(), m.end(), m.group(), "date", "either", None, None, (start, end)))
    return out


def event_times(articles: pd.DataFrame, posts: pd.DataFrame, sentences: pd.DataFrame,
                post_times: pd.DataFrame, clocks: dict[str, ArticleClock] | None = None) -> pd.DataFrame:
    """Phrases that date events, each resolved to a range relative to its post's time.

    A phrase is resolved against the post's bounds, so the range is as wide as what is known
    of the post allows: "moments ago" in a post known only to lie between 8.06 and 8.53 runs
    from 7.51 to 8.53. Past phrases never end after the post. ``gap_min``/``gap_max`` bound
    how long after the event the post went up (negative: the event lies ahead).
    """
    clocks = article_clocks(articles) if clocks is None else clocks
    bounds = _post_bounds(post_times)
    kinds = dict(zip(zip(posts["article"], posts["post"]), posts["kind"].astype(str)))
    anchors: dict[tuple[str, int], _Anchor | None] = {}
    rows: list[dict] = []
    keys = ("article", "post", "sentence", "start")
    for article, post, sentence, start, text in zip(*(sentences[c].tolist() for c in keys + ("text",))):
        if kinds.get((article, post)) in tw.FURNITURE_KINDS:
            continue
        clock = clocks[str(article)]
        phrases = find_event_phrases(str(text), clock.year)
        if not phrases:
            continue
        if (article, post) not in anchors:
            anchors[article, post] = _anchor(bounds.get((article, post)), clock)
        s = dict(zip(keys, (article, post, sentence, start)))
        rows.extend(_event_row(clock, s, p, anchors[article, post]) for p in phrases)
    frame = _typed_frame(rows, EVENT_COLUMNS, EVENT_DTYPES)
    zones = {a: c.zone for a, c in clocks.items()}
    frame = frame.assign(**{c: _zoned(frame[c], frame["article"], zones) for c in EVENT_TIME_COLUMNS})
    return frame.assign(gap_min=_timedeltas(frame["gap_min"]), gap_max=_timedeltas(frame["gap_max"]))


def _timedeltas(values: pd.Series) -> pd.Series:
    """Gaps as timedeltas; an all-missing column (no clock anywhere) stays a timedelta column of NaT."""
    return pd.Series(pd.to_timedelta([None if pd.isna(v) else v for v in values]), index=values.index, dtype="timedelta64[ns]")


@dataclass(frozen=True)
class _Anchor:
    low: pd.Timestamp
    high: pd.Timestamp
    best: pd.Timestamp
    label: str


def _post_bounds(post_times: pd.DataFrame) -> dict[tuple[str, int], tuple]:
    """(article, post) → (earliest, latest, best time, time source) of every unit."""
    columns = ("article", "post", "time_earliest", "time_latest", "time", "time_source")
    return {(a, p): rest for a, p, *rest in zip(*(post_times[c].tolist() for c in columns))}


def _anchor(bounds: tuple | None, clock: ArticleClock) -> _Anchor | None:
    """The time a post's phrases are resolved against: its bounds, else the publication day."""
    low, high, best, source = bounds if bounds is not None else (pd.NaT,) * 4
    if pd.isna(low) or pd.isna(high):
        day = clock.day_bounds()
        if day is None:
            return None
        return _Anchor(day[0], day[1], pd.NaT, "publication day")
    label = "post time" if low == high else "publication day" if source == "publication-date only" else "post bounds"
    return _Anchor(pd.Timestamp(low).tz_convert(clock.zone), pd.Timestamp(high).tz_convert(clock.zone),
                   pd.Timestamp(best).tz_convert(clock.zone) if pd.notna(best) else pd.NaT, label)


def _event_row(clock: ArticleClock, s: dict, p: _Phrase, anchor: _Anchor | None) -> dict:
    start, end = _resolve_phrase(p, anchor, clock) if anchor is not None else (pd.NaT, pd.NaT)
    row = {
        "article": s["article"], "post": s["post"], "sentence": s["sentence"], "start": s["start"] + p.start,
        "end": s["start"] + p.end, "text": p.text, "kind": p.kind, "direction": p.direction,
        "resolved_start": start, "resolved_end": end, "relative_to": anchor.best if anchor else pd.NaT,
        "anchor": anchor.label if anchor else "none", "gap_min": pd.NaT, "gap_max": pd.NaT,
    }
    if anchor is not None and pd.notna(start):
        row["gap_min"], row["gap_max"] = _gap(p, anchor, clock)
    return row


def _gap(p: _Phrase, a: _Anchor, clock: ArticleClock) -> tuple[pd.Timedelta, pd.Timedelta]:
    """Least and most time from the event to the post, over the post's bounds.

    The phrase is resolved as if the post went up at each end of its bounds ("in the next five
    minutes" is 0 to 5 minutes ahead wherever the post lies); past events never follow their
    post and future events never precede it.
    """
    gaps = []
    for t in (a.low, a.high):
        s, e = _resolve_phrase(p, _Anchor(t, t, t, a.label), clock)
        gaps += [t - e, t - s]
    low, high = min(gaps), max(gaps)
    if p.direction == "past":
        low, high = max(low, pd.Timedelta(0)), max(high, pd.Timedelta(0))
    elif p.direction == "future":
        low, high = min(low, pd.Timedelta(0)), min(high, pd.Timedelta(0))
    return low, high


def _resolve_phrase(p: _Phrase, a: _Anchor, clock: ArticleClock) -> tuple[pd.Timestamp, pd.Timestamp]:
    zone = clock.zone
    if p.kind == "clock":
        stamp = p.date_range[0]
        day = stamp.date or a.low.date()
        t = _at(day, stamp.hour, stamp.minute, stamp.tz or zone).tz_convert(zone)
        return t, t
    if p.kind == "date":
        return p.date_range[0].tz_localize(zone), p.date_range[1].tz_localize(zone)
    if p.kind == "weekday":
        return _resolve_weekday(p, a, zone)
    start = _spec_time(p.spec[0], a, zone, p.quantity, low=True)
    end = _spec_time(p.spec[1], a, zone, p.quantity, low=False)
    if p.direction == "past":
        end = min(end, a.high)
        start = min(start, end)
    elif p.direction == "future":
        start = max(start, a.low)
        end = max(end, start)
    return start, end


def _spec_time(spec: str, a: _Anchor, zone: str, quantity: pd.DateOffset | None, low: bool) -> pd.Timestamp:
    """Evaluate a phrase spec ("day-1d+18h", "post+n", "week") against a post's bounds."""
    ref = a.low if low else a.high
    return _spec_time_at(spec, ref, (ref.unit, str(ref.tz)), zone, quantity)


@lru_cache(maxsize=65536)
def _spec_time_at(spec: str, ref: pd.Timestamp, ref_kind: tuple[str, str], zone: str,
                  quantity: pd.DateOffset | None) -> pd.Timestamp:
    """A spec evaluated from one moment, cached: a blog's phrases keep meeting the same bounds.

    ``ref_kind`` (resolution, zone of ``ref``) only keys the cache, since equal moments of
    another resolution or zone compare (and hash) equal but print differently.
    """
    t = None
    for word, sign, amount, unit in _spec_steps(spec):
        if word:
            t = _spec_anchor(word, ref, zone)
            continue
        step = quantity if amount == "n" else _offset(int(amount), unit)
        if step is None:
            continue
        t = t + step if sign == "+" else t - step
    return t.tz_convert(zone)


@lru_cache(maxsize=256)
def _spec_steps(spec: str) -> tuple[tuple[str, str, str, str], ...]:
    """A spec split into (anchor word, sign, amount, unit) steps."""
    return tuple(_SPEC_RE.findall(spec))


def _spec_anchor(word: str, ref: pd.Timestamp, zone: str) -> pd.Timestamp:
    """The moment a spec's anchor word names, for a post at ``ref``."""
    if word == "post":
        return ref
    date = ref.date()
    if word == "day":
        return _at(date, 0, 0, zone)
    if word == "week":
        return _at(date, 0, 0, zone) - pd.Timedelta(days=ref.weekday())
    if word == "month":
        return _at(date.replace(day=1), 0, 0, zone)
    if word == "year":
        return _at(date.replace(month=1, day=1), 0, 0, zone)
    raise KeyError(word)


def _resolve_weekday(p: _Phrase, a: _Anchor, zone: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    name = re.search("|".join(tw.WEEKDAY_NAMES), p.text.lower()).group()
    target = tw.WEEKDAY_NAMES.index(name)
    rel = p.spec[1]
    ref = a.low if p.direction == "past" else a.high
    today = ref.weekday()
    if p.direction == "future":
        ahead = (target - today) % 7
        delta = ahead if ahead or rel != "next" else 7
    else:
        back = (today - target) % 7
        delta = -(back if back or rel != "last" else 7)
    day = _at(ref.date() + pd.Timedelta(days=delta), 0, 0, zone)
    part = re.search("|".join(tw.PARTS_OF_DAY), p.text.lower())
    if part:
        a_h, b_h = tw.PARTS_OF_DAY[part.group()]
        return day + pd.Timedelta(hours=a_h), day + pd.Timedelta(hours=b_h)
    return day, _at(day.date() + pd.Timedelta(days=1), 0, 0, zone)


def timeline(posts: pd.DataFrame, post_times: pd.DataFrame) -> pd.DataFrame:
    """``post_times`` with each unit's outlet, kind, headline and offsets: the frame the timeline charts take."""
    described = posts[["article", "post", "outlet", "kind", "headline", "start", "end"]]
    return post_times.merge(described, on=["article", "post"], how="left", validate="one_to_one")
