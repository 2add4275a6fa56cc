"""Parse the time stamps that live blogs print on their posts, and pointers back to them.

Pure and dependency-free (stdlib ``re`` and ``datetime``). Every repetition in every
pattern is bounded, so scanning is linear in the length of the text, however hostile.

Forms seen on live blogs (shapes copied out of pages, and the ``form`` name given here):

- Guardian: post stamps "10.24am" (``12h_dot``), "6.14pm GMT" (``with_zone``),
  "10.24 GMT" (``24h_dot``), page header "Thu 13 Feb 2025 10.24 GMT"
  (``weekday_date_time``); cross-references "(see 12.06pm)", "(See 2.49pm.)",
  "(see our 8.06am post)", "(see post at 8.53am)", "in our 10.24am post".
- BBC: "16:12 GMT" (``with_zone``), or a bare "16:12" (``24h_colon``) under
  "All times stated are UK".
- Sky News: "5h ago" (``relative``) above "16:45"; header
  "Thursday 10 August 2023 11:52, UK".
- Telegraph: "10:37 AM" (``12h_colon``).
- CNN: "Updated 1:22 PM EDT, Sat October 26, 2024" (``time_date``), "2 hr 5 min ago".
- AP and US papers: "5:30 p.m.", "Update 2:03 p.m. EST Feb. 19", "at 11 a.m. ET"
  (``12h_hour`` + zone = ``with_zone``).
- Wires: "1405 GMT" (``24h_nocolon``); ISO-like "10:24Z".
- Moscow Times: "3:45 p.m.: ..."; Ukrainian outlets "10:24 Kyiv time"; "10:24 Moscow time".
- Marca: "06:45 GMT/ 00:45 CST" (two stamps).
- Blogs: "Posted on 24 March 2019 | 9:15 pm", "February 24, 2022 10:03am" (``date_time``);
  "10:24 Thu 13 Feb" (``time_date``).
- Copied pages: a clock with the author or a badge glued on, "21:22Frances Watkins",
  "20:42KEY EVENT" (Reach plc); "21 mins ago 11:48 Jon King" (``relative_time``, Express);
  a bulleted, month-first stamp with the zone in brackets, "* November 02 2023 21:06 (IST)"
  (NDTV), "19:02 (IST), Oct 02" (Times of India); BBC feed lists run the stamp on to the
  headline behind a cue, "…contributionspublished at 16:12 Greenwich Mean Time 13 February".
- Transcripts: "[03:00:00]" (``transcript_marker``), the broadcast's clock.

A 24-hour time without a colon ("1405") or with a dot ("10.24") is taken only with an
explicit zone, or when a whole line is nothing but the stamp (there a bare "10.24", or a
bare "1900".."2099" that reads as a year, also needs a "Posted at"-style prefix);
12-hour times need am/pm.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from ..wordlists import table, words

__all__ = [
    "Stamp",
    "CrossRef",
    "find_stamps",
    "parse_stamp_line",
    "split_trailing_stamp",
    "stamp_tail",
    "leading_marker",
    "find_cross_references",
    "ZONES",
    "ZONE_WORDS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "WEEKDAY_ORDER",
    "WEEKDAYS",
]

# --------------------------------------------------------------------------- tables

# Zone abbreviations (matched case-sensitively) -> IANA zone (wordlists/timezones.toml).
ZONES: dict[str, str] = dict(table("timezones")["abbreviations"])

# "<word> time" -> IANA zone; "local time" is a written zone that names none.
ZONE_WORDS: dict[str, str | None] = {words: zone or None for words, zone in table("timezones")["zone_words"].items()}

# The calendar's words, defined once for the package in wordlists/calendar.toml (dates, stamps,
# sentence ends, names).
MONTH_ABBREVIATIONS: dict[str, int] = dict(table("calendar")["month_abbreviations"])
MONTHS: dict[str, int] = {**table("calendar")["months"], **MONTH_ABBREVIATIONS}
# Every spelling -> its weekday's name; the names in date.weekday() order.
WEEKDAYS: dict[str, str] = {
    spelling: day for day, spellings in table("calendar")["weekdays"].items() for spelling in spellings
}
WEEKDAY_ORDER: tuple[str, ...] = tuple(dict.fromkeys(WEEKDAYS.values()))  # Monday … Sunday, as date.weekday()

# Other languages' month and weekday names (calendar.toml ``languages``), read in dates only: a
# page's date line and the dates of stamps, not the English lists above. A spelling English
# shares ("april", "november" in German) stays English.
_LANGUAGES: dict[str, dict] = table("calendar")["languages"]
_CUE_LANGUAGES: dict[str, dict] = table("date_line_cues").get("languages", {})
DATE_MONTHS: dict[str, int] = {
    **{name: n for lang in _LANGUAGES.values() for name, n in lang["months"].items()}, **MONTHS}
DATE_WEEKDAYS: dict[str, str] = {
    **{s: day for lang in _LANGUAGES.values() for day, spellings in lang["weekdays"].items() for s in spellings},
    **WEEKDAYS}
# The words between a date's parts: English "of" ("13th of February"), Spanish "de".
DATE_CONNECTORS: tuple[str, ...] = ("of", *sorted({c for lang in _LANGUAGES.values() for c in lang["connectors"]}))
# Each other-language calendar word or date-line cue (its first word) -> the languages that use it.
CALENDAR_LANGUAGES: dict[str, frozenset[str]] = {}
for _language, _lang in _LANGUAGES.items():
    for _spelling in [*_lang["months"], *(s for v in _lang["weekdays"].values() for s in v)]:
        if _spelling not in MONTHS and _spelling not in WEEKDAYS:
            CALENDAR_LANGUAGES[_spelling] = CALENDAR_LANGUAGES.get(_spelling, frozenset()) | {_language}
for _language, _cues in _CUE_LANGUAGES.items():
    for _cue in [*_cues["published"], *_cues["updated"]]:
        _first = _cue.split()[0]
        CALENDAR_LANGUAGES[_first] = CALENDAR_LANGUAGES.get(_first, frozenset()) | {_language}
# The clock a page dated in a language is assumed to keep when it states none ("" in the data: none).
LANGUAGE_ZONES: dict[str, str | None] = {language: lang["zone"] or None for language, lang in _LANGUAGES.items()}

# Words that, just before a time closing a headline, show the time is prose ("close at 10pm").
_PROSE_BEFORE_TIME = words("prose_before_time")

# --------------------------------------------------------------------------- patterns


def _alternation(words: list[str], cased: bool = True, lower: frozenset[str] = frozenset()) -> str:
    """Regex alternation of ``words`` in Title and UPPER case (or as given), longest first."""
    variants = {v for w in words for v in ((w.title(), w.upper()) if cased else (w,))}
    variants |= {w for w in words if w in lower}  # as written too: other languages' month names are lower case
    return "|".join(re.escape(v) for v in sorted(variants, key=lambda v: (-len(v), v)))


_S = r"[ \u00a0\u202f]"  # one space: plain, no-break, or narrow no-break
_H12 = r"(?:1[0-2]|0?[1-9])"
_H24 = r"(?:[01]?\d|2[0-3])"
_H24_2 = r"(?:[01]\d|2[0-3])"
_MIN = r"[0-5]\d"
_LB = r"(?<![\d.:$£€])"  # a clock may follow a letter ("Brussels10.24am"), never a digit
_END = r"(?![.:]?\d)"  # "10:24:33", "13.02.2025" and "10.245" are not clocks

_T12 = rf"(?P<h12>{_H12})(?:(?P<s12>[.:])(?P<m12>{_MIN}))?{_S}?(?P<ap>[AaPp])(?:\.[Mm]\.?|[Mm])(?![A-Za-z\d])"
_TCOLON = rf"(?P<hc>{_H24}):(?P<mc>{_MIN}){_END}"
_TDOT = rf"(?P<hd>{_H24})\.(?P<md>{_MIN}){_END}"
_TNOCOLON = rf"(?P<hn>{_H24_2})(?P<mn>{_MIN})(?!\d)"
_TIME = rf"{_LB}(?:{_T12}|{_TCOLON}|{_TDOT}|{_TNOCOLON})"
_CLOCK = rf"{_LB}(?:{_T12}|{_TCOLON})"  # the shapes that need no zone

_ABBR = _alternation([z for z in ZONES if z != "Z"], cased=False)
_ZWORDS = _alternation([w for w in ZONE_WORDS if w != "uk"]) + "|UK|local"
_OFFSET = r"(?P<off>\+(?:1[0-4]|0?\d)|[-\u2212](?:1[0-2]|0?\d))(?::?00)?(?!\d|:\d)"
_ZONE = (
    rf"(?:{_S}{{0,2}}(?P<zone>(?:GMT|UTC){_OFFSET}"
    rf"|(?:{_ABBR})(?![A-Za-z\d]|[+\-\u2212]\d)"
    rf"|(?P<zw>{_ZWORDS}){_S}[Tt]ime(?![A-Za-z]))"
    rf"|{_S}{{0,2}}\((?P<zb>{_ABBR})\)"  # a zone in brackets: "21:06 (IST)"
    rf"|(?P<zz>Z)(?![A-Za-z\d])"
    rf"|,?{_S}(?P<zuk>UK)(?={_S}{{0,8}}(?:[\r\n]|\Z)))"
)

_CONNECTOR = "(?:" + "|".join(DATE_CONNECTORS) + ")"
_MONTH = _alternation(list(DATE_MONTHS), lower=frozenset(CALENDAR_LANGUAGES))
_WEEKDAY = _alternation(list(DATE_WEEKDAYS), lower=frozenset(CALENDAR_LANGUAGES))
_ENGLISH_MONTH = _alternation(list(MONTHS))  # month first ("Feb 13") is English order only
_ORD = r"(?:st|nd|rd|th)?"
_WD = rf"(?<![A-Za-z])(?P<wd>{_WEEKDAY})\.?(?![A-Za-z])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DMY = (
    rf"(?<![\d.:/])(?P<d1>[0-3]?\d)(?!\d){_ORD}\.?{_S}(?:{_CONNECTOR}{_S})?(?P<mo1>{_MONTH})(?![A-Za-z])\.?"
    rf"(?:,?{_S}(?:{_CONNECTOR}{_S})?(?P<y1>{_YEAR}))?"
)
_MDY = (
    rf"(?<![A-Za-z])(?P<mo2>{_ENGLISH_MONTH})(?![A-Za-z])\.?{_S}(?P<d2>[0-3]?\d){_END}{_ORD}(?![A-Za-z])"
    rf"(?:,?{_S}(?P<y2>{_YEAR}))?"
)
_DATE = rf"(?:{_WD},?{_S}{{1,2}})?(?:{_DMY}|{_MDY})"
# Between a date and a time: a space, "at"/"on", or a separator ("|", ",", dashes, "·", "•").
_SEP_DATE_TIME = rf"(?:,?{_S}{{1,2}}(?:at{_S}{{1,2}})?|{_S}{{0,2}}[|,\-\u2013\u2014\u00b7\u2022]{_S}{{0,2}})"
_SEP_TIME_DATE = rf"(?:,?{_S}{{1,2}}(?:on{_S}{{1,2}})?|{_S}{{0,2}}[|,\-\u2013\u2014\u00b7\u2022]{_S}{{0,2}})"

_H_UNIT = r"(?:hours?|hrs?|h)"
_M_UNIT = r"(?:minutes?|mins?|m)"
_D_UNIT = r"(?:days?|d)"
_RELATIVE = (
    rf"(?<![\w.,])(?:(?P<rd>\d{{1,3}}){_S}?{_D_UNIT}"
    rf"|(?P<rh>\d{{1,3}}){_S}?{_H_UNIT}(?:,?{_S}(?P<rhm>\d{{1,2}}){_S}?{_M_UNIT})?"
    rf"|(?P<rm>\d{{1,4}}){_S}?{_M_UNIT}){_S}{{1,2}}ago(?![A-Za-z])"
)

# A transcript's time marker, "[03:00:00]": the broadcast's clock (hours, minutes, seconds) at
# that point, as CNN and other transcripts print it in the zone of the air time.
_MARKER = r"\[(?P<hk>[01]?\d|2[0-3]):(?P<mk>[0-5]\d):[0-5]\d\]"
_SIMPLE_RX = re.compile(rf"{_TIME}(?:{_ZONE})?")
_MARKER_RX = re.compile(_MARKER)
_DATE_FIRST_RX = re.compile(rf"{_DATE}{_SEP_DATE_TIME}{_TIME}(?:{_ZONE})?")
_TIME_FIRST_RX = re.compile(rf"{_TIME}(?:{_ZONE})?{_SEP_TIME_DATE}{_DATE}")
_RELATIVE_RX = re.compile(_RELATIVE)
_CLOCK_RX = re.compile(_CLOCK)
# Cues that open a stamp line ("Posted at", "Last updated", "Aired"): wordlists/date_line_cues.toml.
_LINE_CUES = sorted({*table("date_line_cues")["cues"]["published"], *table("date_line_cues")["cues"]["updated"], "update",
                     *(c for cues in _CUE_LANGUAGES.values() for c in [*cues["published"], *cues["updated"]])},
                    key=len, reverse=True)
_LINE_PREFIX_RX = re.compile(
    "(?:" + "|".join(re.escape(c).replace(r"\ ", _S) for c in _LINE_CUES) + ")"
    rf"(?:{_S}(?:at|on))?:?{_S}{{1,3}}",
    re.IGNORECASE,
)
_PREV_WORD_RX = re.compile(r"([A-Za-z]{1,12})\s{1,4}\Z")
# A list bullet before a stamp line ("* November 02 2023 21:06 (IST)"): the stamp of a post in a
# list of posts when it carries a date or a zone; a bare clock in a list ("* 16:48") is an entry of
# a key-events list, not a stamp line.
_BULLET_RX = re.compile(r"[*\u2022\u00b7\u25aa\u25cf-]" + _S + "{1,2}")
# What a copied page glues to a post's clock: the author's name ("21:22Frances Watkins") or a
# badge ("20:42KEY EVENT"); after a relative+clock pair ("21 mins ago 11:48 Jon King") also spaced.
_STAMP_LABELS = words("stamp_labels")
_TAIL_NAME_RX = re.compile(r"[A-Z][\w'\u2019.-]{0,30}(?:" + _S + r"[A-Z][\w'\u2019-]{0,30}){1,3}")
# A cue glued before a stamp run on to a headline ("…contributionspublished at 16:12 GMT").
_STAMP_CUE_RX = re.compile(
    "(?:" + "|".join(re.escape(c) for c in sorted(words("stamp_cues"), key=len, reverse=True)) + ")" + _S + r"{0,2}\Z",
    re.IGNORECASE,
)
# Every stamp and cross-reference holds a digit: text without one is skipped unscanned.
_DIGIT_RX = re.compile(r"\d")
_MAX_STAMP_LINE = 160  # longer lines are prose: no stamp line is near this long
_TAIL = 300  # a stamp closing a headline lies within this many characters of its end

# Cross-references: the time shapes that need no zone, zone allowed but case-sensitive.
_XT = re.sub(r"\(\?P<\w+>", "(?:", rf"{_CLOCK}(?-i:{_ZONE})?")
_POSTW = rf"(?:blog{_S})?(?:post|entry|update)s?"
_DET = r"(?:our|my|the|this|that)"
_EARLY = r"(?:earlier|previous|last|first)"
_XREF_RXS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("see", re.compile(
        rf"\({_S}?see(?:{_S}also)?(?:{_S}{_DET})?(?:{_S}{_EARLY})?(?:{_S}{_POSTW}(?:{_S}(?:at|from))?)?"
        rf"{_S}{_XT}(?:(?:,{_S}and|,|{_S}and|{_S}&){_S}{_XT}){{0,5}}(?:{_S}{_POSTW})?\.?{_S}?\)",
        re.IGNORECASE)),
    ("our_post", re.compile(
        rf"(?<![A-Za-z])(?P<verb>see|in|from|to|under){_S}{_DET}(?:{_S}{_EARLY})?{_S}{_XT}{_S}{_POSTW}"
        r"(?![A-Za-z])", re.IGNORECASE)),
    ("post_at", re.compile(
        rf"(?<![A-Za-z])(?P<verb>see|in)(?:{_S}{_DET})?(?:{_S}{_EARLY})?{_S}{_POSTW}{_S}(?:at|from){_S}{_XT}",
        re.IGNORECASE)),
    ("reported_at", re.compile(
        rf"(?<![A-Za-z])as(?:{_S}(?:we|I)(?:['\u2019]ve|{_S}have|{_S}had)?)?{_S}"
        r"(?:reported|mentioned|said|noted|wrote|flagged|revealed|covered|posted|explained|told you)"
        rf"(?:{_S}earlier)?(?:{_S}this{_S}(?:morning|afternoon|evening))?{_S}at{_S}{_XT}",
        re.IGNORECASE)),
    ("bracket_time", re.compile(
        rf"\({_S}?{_XT}\.?{_S}?\)(?=[.;:!?]|{_S}{{0,3}}(?:[\r\n]|\Z))", re.IGNORECASE)),
)

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Stamp:
    """A time stamp found in text; offsets index the string that was searched."""

    start: int
    end: int
    text: str
    hour: int
    minute: int
    tz: str | None
    date: _dt.date | None
    weekday: str | None
    relative_minutes: int | None
    form: str


@dataclass(frozen=True)
class CrossRef:
    """A pointer back to an earlier post by its time, e.g. "(see our 8.06am post)"."""

    start: int
    end: int
    text: str
    hour: int
    minute: int
    form: str


# --------------------------------------------------------------------------- building stamps


def _clock(g: dict[str, str | None]) -> tuple[int, int, str]:
    """Hour, minute and shape name from the time groups of a match."""
    if g["h12"] is not None:
        hour = int(g["h12"]) % 12 + (12 if (g["ap"] or "a").lower() == "p" else 0)
        if g["m12"] is None:
            return hour, 0, "12h_hour"
        return hour, int(g["m12"]), "12h_dot" if g["s12"] == "." else "12h_colon"
    for h, m, shape in (("hc", "mc", "24h_colon"), ("hd", "md", "24h_dot"), ("hn", "mn", "24h_nocolon")):
        if g[h] is not None:
            return int(g[h]), int(g[m] or 0), shape
    raise ValueError("match carries no time")  # pragma: no cover - every pattern has one


def _zone(g: dict[str, str | None]) -> tuple[bool, str | None]:
    """(a zone was written, the IANA zone it names) from the zone groups of a match."""
    if g.get("zz") or g.get("zuk"):
        return True, "UTC" if g.get("zz") else "Europe/London"
    if g.get("zb"):
        return True, ZONES[str(g["zb"])]
    if g.get("zw"):
        return True, ZONE_WORDS[str(g["zw"]).lower()]
    zone = g.get("zone")
    if zone is None:
        return False, None
    off = g.get("off")
    if off:
        n = int(off[1:])
        return True, "UTC" if n == 0 else f"Etc/GMT{'-' if off[0] == '+' else '+'}{n}"
    return True, ZONES[zone]


def _date(g: dict[str, str | None], default_year: int | None) -> tuple[bool, _dt.date | None]:
    """(the day exists, the date) from the date groups; the year defaults to ``default_year``."""
    day, month, year = g.get("d1") or g.get("d2"), g.get("mo1") or g.get("mo2"), g.get("y1") or g.get("y2")
    if day is None or month is None:
        return True, None
    d, mo = int(day), DATE_MONTHS[month.lower()]
    try:
        _dt.date(2000, mo, d)  # a leap year: is the day possible at all?
    except ValueError:
        return False, None
    y = int(year) if year else default_year
    if y is None:
        return True, None
    try:
        return True, _dt.date(y, mo, d)
    except ValueError:
        return True, None


def _build(m: re.Match[str], kind: str, default_year: int | None, line_mode: bool) -> Stamp | None:
    """A Stamp from a clock match of ``kind`` (simple, date_first, time_first), or None if invalid."""
    g = m.groupdict()
    hour, minute, shape = _clock(g)
    _, tz = _zone(g)
    if shape in ("24h_dot", "24h_nocolon") and tz is None and not line_mode:
        return None
    if shape == "24h_nocolon" and tz is None and kind != "simple":
        return None  # "13 February 2025": the year is no time
    ok, date = _date(g, default_year)
    if not ok:
        return None
    weekday = DATE_WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    if kind == "date_first":
        form = "weekday_date_time" if weekday else "date_time"
    elif kind == "time_first":
        form = "time_date"
    else:
        form = "with_zone" if tz is not None and shape not in ("24h_dot", "24h_nocolon") else shape
    return Stamp(m.start(), m.end(), m.group(), hour, minute, tz, date, weekday, None, form)


def _build_relative(m: re.Match[str], kind: str, default_year: int | None, line_mode: bool) -> Stamp:
    """A relative Stamp ("2h ago") from a match of the relative pattern."""
    g = m.groupdict()
    minutes = (
        int(g["rd"] or 0) * 1440 + int(g["rh"] or 0) * 60 + int(g["rhm"] or 0) + int(g["rm"] or 0)
    )
    return Stamp(m.start(), m.end(), m.group(), -1, -1, None, None, None, minutes, "relative")


def _build_marker(m: re.Match[str], kind: str, default_year: int | None, line_mode: bool) -> Stamp:
    """A transcript's time marker ("[03:00:00]") as a clock stamp."""
    return Stamp(m.start(), m.end(), m.group(), int(m.group("hk")), int(m.group("mk")), None, None, None, None,
                 "transcript_marker")


_Builder = Callable[[re.Match[str], str, Optional[int], bool], Optional[Stamp]]


def _longest(names: Iterable[str]) -> int:
    """The longest of ``names`` as any pass may write them (as given, Title or UPPER case)."""
    return max(len(v) for n in names for v in (n, n.title(), n.upper()))


# How far before its first digit a date-then-time can start: a weekday with its full stop, comma
# and two spaces, then an English month, its full stop and a space ("Thursday, Feb. 13 ..."); a
# day-first date opens with its day. Derived from the pattern's parts, not tuned.
_DATE_FIRST_REACH = _longest(DATE_WEEKDAYS) + 4 + _longest(MONTHS) + 2

# (kind, pattern, builder, reach): where the pattern is tried. Every stamp holds a digit, and a
# pattern's first digit starts a run of digits (its lookbehinds forbid a digit before it), so a
# match can start only up to ``reach`` characters before a run of digits starts (0: at the run);
# ``None``: searched from every character.
_PASSES: tuple[tuple[str, re.Pattern[str], _Builder, Optional[int]], ...] = (
    ("date_first", _DATE_FIRST_RX, _build, _DATE_FIRST_REACH),
    ("time_first", _TIME_FIRST_RX, _build, 0),
    ("simple", _SIMPLE_RX, _build, 0),
    ("relative", _RELATIVE_RX, _build_relative, 0),
    ("marker", _MARKER_RX, _build_marker, None),
)
_DIGIT_RUN_RX = re.compile(r"\d+")
_T = TypeVar("_T")


def starts_before(anchors: list[int], reach: int) -> list[int]:
    """Every position at most ``reach`` characters before one of ``anchors`` (ascending), in order,
    each once: where a pattern that always holds an anchor within ``reach`` of its start can start
    (a stamp's first run of digits, a full date's year)."""
    if reach == 0:
        return anchors
    out: list[int] = []
    done = 0
    for at in anchors:
        out.extend(range(max(done, at - reach), at + 1))
        done = at + 1
    return out


def accepted_matches(
    rx: re.Pattern[str], s: str, accept: Callable[[re.Match[str]], Optional[_T]],
    starts: Optional[list[int]] = None,
) -> Iterator[_T]:
    """Results of ``accept`` over matches of ``rx``; after a rejected match, retry one char later.
    ``starts``: the only positions a match can start at, in order (then each is tried alone,
    the same matches as a search from every character)."""
    pos, n = 0, len(s)
    if starts is not None:
        for at in starts:
            m = rx.match(s, at) if at >= pos else None
            result = None if m is None else accept(m)
            if m is not None and result is not None:
                yield result
                pos = m.end() if m.end() > m.start() else m.start() + 1
        return
    while pos <= n:
        m = rx.search(s, pos)
        if m is None:
            return
        result = accept(m)
        if result is None:
            pos = m.start() + 1
            continue
        yield result
        pos = m.end() if m.end() > m.start() else m.start() + 1


def _non_overlapping(items: list[Stamp]) -> list[Stamp]:
    """Earliest-starting, then longest, items that do not overlap one another."""
    chosen: list[Stamp] = []
    last_end = -1
    for item in sorted(items, key=lambda x: (x.start, -(x.end - x.start))):
        if item.start >= last_end:
            chosen.append(item)
            last_end = item.end
    return chosen


def _scan(s: str, default_year: int | None, line_mode: bool) -> list[Stamp]:
    """All stamps in ``s``, overlaps resolved in favour of the longer, earlier form."""
    if not _DIGIT_RX.search(s):
        return []
    found: list[Stamp] = []
    runs = [m.start() for m in _DIGIT_RUN_RX.finditer(s)]
    for kind, rx, builder, reach in _PASSES:
        found.extend(accepted_matches(rx, s, lambda m, k=kind, b=builder: b(m, k, default_year, line_mode),
                                      None if reach is None else starts_before(runs, reach)))
    return _non_overlapping(found)


# --------------------------------------------------------------------------- public API


# A stamp that opens a headline is separated from its words by a colon, a bar or a dash, with
# a space after it ("10.24am: Starmer ...", "1534 GMT — Talks open", "09:12 | Markets fall").
LEADING_STAMP_SEPARATOR_RE = re.compile(r"[ \t\u00a0]{0,2}[:|\u2013\u2014-][ \t\u00a0]")


def find_stamps(s: str, default_year: int | None = None) -> list[Stamp]:
    """Every clock time (and "2h ago" relative time) in ``s``, in order of position."""
    return _scan(s, default_year, line_mode=False)


def _content_bounds(line: str) -> tuple[int, int, bool]:
    """Start and end of the stamp part of a line (prefix and trailing ":" dropped), and prefixed?"""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    prefix = _LINE_PREFIX_RX.match(line, start, end)
    if prefix is None:  # a bullet before the label: "* Updated 20:49, 5 Aug 2024"
        bullet = _BULLET_RX.match(line, start, end)
        prefix = _LINE_PREFIX_RX.match(line, bullet.end(), end) if bullet else None
    if prefix:
        start = prefix.end()
    if end > start and line[end - 1] in ":,":
        end -= 1
    return start, end, prefix is not None


def _join_relative(line: str, a: Stamp, b: Stamp) -> Stamp | None:
    """One stamp from "5h ago 16:45" (either order), or None if they are not such a pair."""
    rel, clock = (a, b) if a.form == "relative" else (b, a)
    if rel.form != "relative" or clock.form == "relative":
        return None
    if line[a.end:b.start].strip(" \t\u00a0\u202f\u00b7|\u2022-\u2013\u2014"):
        return None
    return Stamp(a.start, b.end, line[a.start:b.end], clock.hour, clock.minute, clock.tz,
                 clock.date, clock.weekday, rel.relative_minutes, "relative_time")


def _join_clocks(line: str, a: Stamp, b: Stamp, end: int) -> Stamp | None:
    """One stamp from one moment in two clocks, a local one and a zoned one after it in brackets
    or a slash ("4:12pm (16:12 GMT)", "06:45 GMT/ 00:45 CST"): the first zoned clock, over both."""
    if a.hour < 0 or b.hour < 0 or (a.tz is None and b.tz is None):
        return None
    between = line[a.end:b.start].strip(" \t\u00a0\u202f")
    if between not in ("(", "/") or (between == "(") != (line[b.end:end].strip(" \t\u00a0\u202f") == ")"):
        return None
    zoned = a if a.tz is not None else b
    return replace(zoned, start=a.start, end=end, text=line[a.start:end])


def parse_stamp_line(line: str, default_year: int | None = None) -> Stamp | None:
    """The stamp when ``line`` is nothing but one (after "Posted at"/"Updated"/..., or a list
    bullet when it carries a date or zone), perhaps with the author's name or a badge glued on
    (``stamp_tail``), else None."""
    start, end, prefixed = _content_bounds(line)
    bullet = _BULLET_RX.match(line, start)
    if bullet and not prefixed:
        start = bullet.end()
    if not 0 < end - start <= _MAX_STAMP_LINE:
        return None
    stamps = [st for st in _scan(line[:end], default_year, line_mode=True) if st.start >= start]
    if not stamps or stamps[0].start != start:
        return None
    bracketed = len(stamps) == 2 and line[stamps[1].end:end].strip(" \t\u00a0\u202f") == ")"
    if stamps[-1].end != end and not bracketed:
        stamps = _before_tail(line, stamps, end)
        if not stamps:
            return None
    if len(stamps) == 2:
        stamp = _join_relative(line, stamps[0], stamps[1]) or _join_clocks(line, stamps[0], stamps[1], end)
    elif len(stamps) == 1:
        stamp = stamps[0]
    else:
        return None
    if stamp is None or stamp.tz is None and not prefixed and _looks_like_number(stamp):
        return None
    if bullet and not prefixed and stamp.date is None and stamp.tz is None:
        return None
    return stamp


def _before_tail(line: str, stamps: list[Stamp], end: int) -> list[Stamp]:
    """The stamps of a line that ends in a glued name or badge (``stamp_tail``), else []."""
    for k in range(len(stamps), 0, -1):
        tail = line[stamps[k - 1].end:end]
        if _is_tail(tail, glued_only=k == 1 and stamps[0].form != "relative"):
            return stamps[:k]
    return []


def _is_tail(tail: str, glued_only: bool) -> bool:
    """A name or badge after a stamp: glued to a lone clock ("21:22Frances Watkins"), or glued or
    spaced after a relative+clock pair ("21 mins ago 11:48 Jon King")."""
    bare = tail.strip(" \t\u00a0\u202f")
    if not bare or (glued_only and bare != tail):
        return False
    return bare in _STAMP_LABELS or _TAIL_NAME_RX.fullmatch(bare) is not None


def stamp_tail(line: str, stamp: Stamp) -> tuple[int, int] | None:
    """The span in ``line`` of the name or badge glued after its stamp (``parse_stamp_line``), if any."""
    end = len(line.rstrip())
    rest = line[stamp.end:end]
    if not rest.strip():
        return None
    return end - len(rest.lstrip(" \t\u00a0\u202f")), end


def leading_marker(text: str) -> Stamp | None:
    """The transcript time marker opening ``text`` ("[03:00:00] HEGSETH: ..."), if any."""
    m = _MARKER_RX.match(text)
    return _build_marker(m, "marker", None, False) if m else None


def _looks_like_number(stamp: Stamp) -> bool:
    """A bare "10.24" line is as likely a number as a time, and a bare "2014" line a year."""
    if stamp.form == "24h_dot":
        return True
    return stamp.form == "24h_nocolon" and 1900 <= int(stamp.text) <= 2099


def split_trailing_stamp(line: str, default_year: int | None = None) -> tuple[int, Stamp] | None:
    """(offset, stamp) when a headline has a time run on to its end, e.g. "... Brussels10.24am"."""
    end = len(line.rstrip())
    offset = max(0, end - _TAIL)
    stamps = find_stamps(line[offset:end], default_year)
    if not stamps or stamps[-1].end != end - offset:
        return None
    stamp = replace(stamps[-1], start=stamps[-1].start + offset, end=end)
    head = line[: stamp.start]
    cue = _STAMP_CUE_RX.search(head, max(0, len(head) - 20))
    if cue and cue.start() > 0 and line[cue.start() - 1].isalnum():
        # "…contributionspublished at 16:12 GMT": the cue, glued to the headline, opens the stamp
        stamp = replace(stamp, start=cue.start(), text=line[cue.start():end])
        head = line[: stamp.start]
    elif _prose_before(head):
        return None  # "Polls close at 10pm" is prose, not a stamp
    if not any(ch.isalnum() for ch in head):
        return None
    return stamp.start, stamp


def _prose_before(head: str) -> bool:
    prev = _PREV_WORD_RX.search(head[-20:])
    return bool(prev and prev.group(1).lower() in _PROSE_BEFORE_TIME)


def _xref_form(name: str, m: re.Match[str], n_times: int) -> str:
    """The form name of a cross-reference match."""
    if name == "see":
        text = m.group().lower()
        if n_times > 1:
            return "see_list"
        if re.search(r"(?:post|entry|update)s?\s(?:at|from)\s", text):
            return "see_post_at"
        if re.search(r"(?:post|entry|update)s?\.?\s?\)$", text):
            return "see_time_post"
        return "see_time"
    if name in ("our_post", "post_at"):
        return f"{m.group('verb').lower()}_{name}"
    return name


def find_cross_references(s: str) -> list[CrossRef]:
    """Pointers back to earlier posts by time: "(see our 7.50am post)", "as we reported at 9.15am"."""
    if not _DIGIT_RX.search(s):
        return []
    groups: list[tuple[int, int, list[CrossRef]]] = []
    for name, rx in _XREF_RXS:
        for m in rx.finditer(s):
            times = [_clock(t.groupdict())[:2] for t in _CLOCK_RX.finditer(m.group())]
            form = _xref_form(name, m, len(times))
            refs = [CrossRef(m.start(), m.end(), m.group(), h, mi, form) for h, mi in times]
            if refs:
                groups.append((m.start(), m.end(), refs))
    out: list[CrossRef] = []
    last_end = -1
    for start, end, refs in sorted(groups, key=lambda g: (g[0], -(g[1] - g[0]))):
        if start >= last_end:
            out.extend(refs)
            last_end = end
    return out
