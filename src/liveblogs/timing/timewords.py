"""Word lists and phrase tables for working out *when*: the data behind ``times.py``.

Clock shapes, zones, month and weekday names live in ``stamps.py`` (reused, not repeated);
this module holds what is specific to timing posts and events:

- the vocabularies of the time frames (``TIME_SOURCES``, ``REFERENCE_KINDS``, ``ORDERS``);
- phrases that place an *event* relative to the post that mentions it (``EVENT_PHRASES``),
  each with the range it resolves to, written in a tiny spec language (see ``EventPhrase``);
- phrases that show which way a blog runs (``SIGN_OFF_CUES``, ``WELCOME_CUES``);
- words left out when a cross-reference is compared with candidate posts (``STOPWORDS``);
- the weights and thresholds of that comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.stamps import MONTHS, WEEKDAY_ORDER
from ..wordlists import table, words

# --------------------------------------------------------------------------- vocabularies

TIME_SOURCES = ["explicit", "cross-reference", "interpolated", "publication-date only", "unknown", "page metadata"]
REFERENCE_KINDS = ["stamp", "run_on", "cross_reference", "relative", "page", "unparsed", "update"]
# A stamp line that says when a post was updated ("Updated at 17.52 GMT"), not when it went up.
UPDATE_LINE_RE = re.compile(r"\A\W{0,3}(?:last\s)?(?:updated|modified)\b", re.IGNORECASE)
ORDERS = ["newest-first", "oldest-first", "unknown"]
INTERPOLATIONS = ["position", "length"]
EVENT_KINDS = ["clock", "part_of_day", "day", "relative", "duration", "weekday", "week", "month", "year", "date"]
DIRECTIONS = ["past", "future", "either"]

# Units of the post sequence: only these carry a place in the blog's running order.
SEQUENCE_KINDS = ("post",)
# Units whose text may hold cross-references ("(see 9.15am)" closing a summary bullet).
REFERRING_KINDS = ("post", "summary", "standfirst")
# Page furniture: units a stamp line skips over to reach the post it stamps.
FURNITURE_KINDS = ("timestamp", "byline", "boilerplate", "metadata")
# Units above the posts whose lines may hold the first post's (unreadable) stamp.
LEADING_KINDS = ("title", "standfirst", "summary")

# --------------------------------------------------------------------------- cross-reference matching

# Weights of the three comparisons; components a reference does not have (no quote, no name)
# drop out and the rest are rescaled, so scores stay in [0, 1].
# Provenance of the weights and MIN_LINK_SCORE: set by hand on the bundled pair when times were
# written (5ecada4); not swept (cross-references are scored in tests/test_timing_accuracy.py).
LINK_WEIGHTS = {"cosine": 0.5, "quote": 0.3, "names": 0.2}
EXACT_STAMP_SCORE = 1.0  # a candidate stamped with the very minute referred to (a definition, not tuned)
MIN_LINK_SCORE = 0.12  # below this a reference is left unresolved rather than guessed
# How far either side of a cross-reference its context is read, in characters (sentences are far
# shorter: the longest bundled one has under 400).
CONTEXT_CHARS = 1000  # safety bound on work, not tuned
STEM_LENGTH = 6  # truncation stemmer: "betraying"/"betrayal" -> "betray", "Moldovan" -> "moldov"
REFERENCE_PRONOUNS = words("reference_pronouns")

STOPWORDS = words("stop_words")

# --------------------------------------------------------------------------- order cues

# A sign-off near the top of the page (the first ``CUE_REACH`` posts) means the blog runs
# newest-first; near the bottom, oldest-first. A welcome means the opposite.
SIGN_OFF_CUES = (
    r"(?:we're|we’re|we are|i'm|i’m|i am) (?:going to )?"
    r"(?:leave|leaving|pause|pausing|end|ending|close|closing|wrap|wrapping)"
    r" (?:up )?(?:our|this|the) (?:live )?(?:coverage|updates|blog|page)",
    r"that(?:'s|’s| is) (?:all|it) (?:from|for) (?:us|me|today|now)",
    r"thanks? (?:you )?for (?:following|joining|reading)",
    r"this (?:live )?(?:blog|page) is (?:now )?(?:closed|paused)",
)
WELCOME_CUES = (
    r"(?:good (?:morning|afternoon|evening)|hello|hi),? and welcome",
    r"welcome (?:back )?to (?:our|the|this) (?:rolling |continuing )?(?:live )?(?:coverage|blog|updates)",
    r"(?:we're|we’re|we are|i'm|i’m) (?:starting|beginning|launching|opening) (?:our|this|the) live",
)
CUE_REACH = 2  # cues count in the first or last this many posts (set by hand, 5ecada4; not swept)
# A page stamp with one of these words opens the blog (lower bound); any other closes it (upper bound).
PAGE_OPENING_RE = re.compile(r"publish|posted|first|started|began", re.IGNORECASE)
SIGN_OFF_RE = re.compile("|".join(SIGN_OFF_CUES), re.IGNORECASE)
WELCOME_RE = re.compile("|".join(WELCOME_CUES), re.IGNORECASE)

# --------------------------------------------------------------------------- unknown stamp shapes

# A short line that looks like a clock or "... ago" but that stamps.py does not read
# ("10h24", "10 h 24", "il y a 2 heures"): the post keeps time_source "unknown", never a guess.
MAX_STAMP_LIKE_CHARS = 32  # bound on what counts as a short line; set by hand, not swept
STAMP_LIKE_RE = re.compile(
    r"\s{0,4}(?:[^\W\d_]{1,12}[ ,.]{0,2}){0,3}\d{1,2}\s?[hH:.,'’]\s?\d{2}"
    r"(?:\s?(?:[A-Z]{2,5}|Uhr|hrs?|heures?|horas?|ore|uur))?\s{0,4}"
    r"|\s{0,4}(?:[^\W\d_]{1,8}\s){0,3}\d{1,3}\s?[^\W\d_]{1,8}\s(?:ago|atrás|fa|geleden)\s{0,4}"
    r"|\s{0,4}(?i:il y a|hace|vor|há|för)\s\d{1,3}\s?[^\W\d_]{1,8}\.?\s{0,4}"
)

# --------------------------------------------------------------------------- event phrases

NUMBER_WORDS: dict[str, int] = dict(table("time_words")["numbers"])
# Unit words -> the unit letter of the spec language.
UNIT_WORDS: dict[str, str] = dict(table("time_words")["units"])
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>" + "|".join(sorted(UNIT_WORDS, key=len, reverse=True)) + ")"

# Parts of the day, as hours after midnight (the night runs past the next midnight).
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    part: (start, end) for part, (start, end) in table("time_words")["parts_of_day"].items()
}
# Words that make a weekday name point forward ("will meet on Friday").
FUTURE_MARKERS_RE = re.compile(
    r"\b(?:will|shall|going to|due to|set to|expected to|plans? to|scheduled|next|coming|upcoming|later)\b|['’]ll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EventPhrase:
    """One phrase that dates an event relative to its post.

    ``start`` and ``end`` are specs: an anchor then signed offsets, e.g. ``"day-1d+18h"``.
    Anchors: ``day`` (midnight opening the post's day), ``post`` (the post's time: its earliest
    bound for a start, its latest for an end), ``week`` (Monday 00:00), ``month``, ``year``.
    Offsets: ``+Nd``, ``+Nh``, ``+Nmin``, ``+Nw``, ``+Nmo``, ``+Ny``, or ``+n``/``-n`` for the
    quantity the phrase itself names ("five minutes"). ``past`` phrases never end after the post.
    """

    pattern: str
    kind: str
    start: str
    end: str
    direction: str


def _parts_table() -> list[EventPhrase]:
    """"this morning", "yesterday evening", "tomorrow night", "last night", "tonight", ..."""
    table = []
    days = {"yesterday": ("-1d", "past"), "tomorrow": ("+1d", "future")}
    for part, (a, b) in PARTS_OF_DAY.items():
        for word, (shift, direction) in days.items():
            start, end = f"day{shift}+{a}h", f"day{shift}+{b}h"
            table.append(EventPhrase(rf"{word} {part}", "part_of_day", start, end, direction))
        table.append(EventPhrase(rf"earlier (?:this|in the) {part}", "part_of_day", f"day+{a}h", f"day+{b}h", "past"))
        table.append(EventPhrase(rf"later (?:this|in the) {part}", "part_of_day", f"day+{a}h", f"day+{b}h", "future"))
        table.append(EventPhrase(rf"(?:this|throughout the) {part}", "part_of_day", f"day+{a}h", f"day+{b}h", "either"))
    table.append(EventPhrase(r"last night", "part_of_day", "day-1d+18h", "day+6h", "past"))
    table.append(EventPhrase(r"overnight", "part_of_day", "day-1d+20h", "day+8h", "past"))
    table.append(EventPhrase(r"tonight", "part_of_day", "day+18h", "day+30h", "either"))
    return table


EVENT_PHRASES: list[EventPhrase] = _parts_table() + [
    # whole days
    EventPhrase(r"yesterday", "day", "day-1d", "day", "past"),
    EventPhrase(r"the day before yesterday", "day", "day-2d", "day-1d", "past"),
    EventPhrase(r"tomorrow", "day", "day+1d", "day+2d", "future"),
    EventPhrase(r"earlier (?:on )?today", "relative", "day", "post", "past"),
    EventPhrase(r"later (?:on )?today", "relative", "post", "day+1d", "future"),
    EventPhrase(r"today", "day", "day", "day+1d", "either"),
    # relative to the post itself
    EventPhrase(r"just now|(?:only )?(?:a )?moments? ago|seconds ago", "relative", "post-15min", "post", "past"),
    EventPhrase(r"(?:a (?:short |little )?while ago|minutes ago)", "relative", "post-1h", "post", "past"),
    EventPhrase(r"hours ago", "relative", "post-12h", "post-1h", "past"),
    EventPhrase(rf"{_NUM} {_UNIT} ago", "relative", "post-n", "post-n", "past"),
    EventPhrase(r"(?:hours|minutes|moments) later", "relative", "day", "post", "past"),
    EventPhrase(r"(?:earlier|previously)", "relative", "day", "post", "past"),
    EventPhrase(r"right now|at the moment|currently", "relative", "post", "post", "either"),
    EventPhrase(rf"(?:in|within) (?:the )?(?:next )?{_NUM} {_UNIT}", "duration", "post", "post+n", "future"),
    EventPhrase(r"in the (?:next|coming) (?:few )?hours", "duration", "post", "post+12h", "future"),
    EventPhrase(r"in the (?:next|coming) (?:few )?days", "duration", "post", "post+7d", "future"),
    EventPhrase(r"in the (?:next|coming) (?:few )?weeks", "duration", "post", "post+6w", "future"),
    EventPhrase(rf"(?:over|in|during) the (?:past|last) {_NUM} {_UNIT}", "duration", "post-n", "post", "past"),
    EventPhrase(r"(?:over|in|during) the (?:past|last) (?:day|24 hours)", "duration", "post-1d", "post", "past"),
    EventPhrase(r"(?:over|in|during) the (?:past|last) (?:few )?days", "duration", "post-7d", "post", "past"),
    EventPhrase(r"(?:in )?recent days", "duration", "post-7d", "post", "past"),
    EventPhrase(r"(?:in )?recent weeks", "duration", "post-6w", "post", "past"),
    EventPhrase(r"(?:in )?recent months", "duration", "post-6mo", "post", "past"),
    # calendar units
    EventPhrase(r"earlier this week", "week", "week", "post", "past"),
    EventPhrase(r"this week", "week", "week", "week+1w", "either"),
    EventPhrase(r"last week", "week", "week-1w", "week", "past"),
    EventPhrase(r"next week", "week", "week+1w", "week+2w", "future"),
    EventPhrase(r"this month", "month", "month", "month+1mo", "either"),
    EventPhrase(r"last month", "month", "month-1mo", "month", "past"),
    EventPhrase(r"next month", "month", "month+1mo", "month+2mo", "future"),
    EventPhrase(r"this year", "year", "year", "year+1y", "either"),
    EventPhrase(r"last year", "year", "year-1y", "year", "past"),
    EventPhrase(r"next year", "year", "year+1y", "year+2y", "future"),
]

# Weekday names (full forms only: "Sun" and "Wed" are too often other words), with an optional
# "last"/"next"/"this" before and a part of the day after.
WEEKDAY_NAMES = tuple(day.lower() for day in WEEKDAY_ORDER)
WEEKDAY_RE = re.compile(
    r"(?<![\w-])(?:(?P<rel>last|next|this|on|since|until|by|from|before|after) )?"
    r"(?P<wd>" + "|".join(w.title() for w in WEEKDAY_NAMES) + r")(?:['’]s)?"
    r"(?: (?P<part>" + "|".join(PARTS_OF_DAY) + r"))?(?![\w-])"
)

# Calendar dates without a clock: "13 February", "February 13", "February 2022", "in 2014".
_MONTH_ALT = "|".join(sorted({m.title() for m in MONTHS} | {m.upper() for m in MONTHS}, key=len, reverse=True))
DATE_RE = re.compile(
    rf"(?<![\w.:/])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<m1>{_MONTH_ALT})\.?(?![\w])"
    rf"(?:,? (?P<y1>(?:19|20)\d\d)(?!\d))?"
    rf"|(?<![\w])(?P<m2>{_MONTH_ALT})\.? (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\w.:]\d|\d)"
    rf"(?:,? (?P<y2>(?:19|20)\d\d)(?!\d))?"
    rf"|(?<![\w])(?P<m3>{_MONTH_ALT}),? (?P<y3>(?:19|20)\d\d)(?!\d)"
    rf"|(?<![\w])(?:in|since|from|by|until|before|after|of|early|late|mid) (?P<y4>(?:19|20)\d\d)(?![\d\w])"
)
