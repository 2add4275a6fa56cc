"""Files → articles: read the manifest and decode each article exactly once.

The article ``text`` is the file decoded as ``open(path, encoding="utf-8-sig").read()`` gives it
(universal newlines); every ``start``/``end`` in the package indexes that string.

When the manifest gives no publication date, ``infer_published`` looks for one in the article's
opening lines; the articles frame says where each date came from in ``published_source``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from ..config import ARTICLE_SUFFIXES, MANIFEST_NAME, data_dir
from . import pages
from ..errors import ArticleError, LiveblogsError, ManifestError
from .stamps import (
    CALENDAR_LANGUAGES, DATE_CONNECTORS, DATE_MONTHS, DATE_WEEKDAYS, LANGUAGE_ZONES, LEADING_STAMP_SEPARATOR_RE, MONTHS,
    WEEKDAY_ORDER, ZONE_WORDS, ZONES, accepted_matches, find_stamps, parse_stamp_line,
    split_trailing_stamp, starts_before,
)
from ..wordlists import table, words

MANIFEST_COLUMNS = ["file", "outlet", "published", "timezone", "url", "title", "encoding"]
DEFAULT_TIMEZONE = "UTC"
# Signatures that name the outlet when the manifest does not, looked for as whole words in the
# first and last lines (bylines, datelines, sign-offs, footers); the earliest found wins.
OUTLET_SIGNATURES = {outlet: tuple(signatures) for outlet, signatures in table("outlets")["signatures"].items()}
OUTLET_EDGE_LINES = 5  # where a byline, dateline or sign-off sits; set by hand, not swept
# A page opens with a site menu when all but two of its first MENU_OPENING_LINES lines are menu
# lines (``is_menu_line``); a plain article's title, byline and paragraphs are not.
MENU_OPENING_LINES = 10  # set by hand on copied pages, not swept
# Of a longer edge line only its first and last OUTLET_EDGE_CHARS characters are read: a
# signature sits where a byline, dateline or sign-off does, and a one-line file of megabytes
# would otherwise be searched whole, twice.
OUTLET_EDGE_CHARS = 2000  # safety bound on work, not tuned


def _signature_pattern(signature: str) -> str:
    """A signature as a whole word: no letter or digit may touch it where it starts or ends with one."""
    before = r"(?<![\w])" if signature[0].isalnum() else ""
    after = r"(?![\w])" if signature[-1].isalnum() else ""
    return before + re.escape(signature) + after


# A match starts with a signature's first two characters: the lookahead in front lets the
# scanner pass over every other position at once instead of trying each signature there
# (5 times faster over the edge lines; what is found, and in which group, is unchanged).
_OUTLET_RX = re.compile(
    "(?=" + "|".join(re.escape(p) for p in sorted({s[:2] for sigs in OUTLET_SIGNATURES.values() for s in sigs}))
    + ")(?:"
    + "|".join(
        f"(?P<o{i}>{'|'.join(_signature_pattern(s) for s in sorted(sigs, key=len, reverse=True))})"
        for i, sigs in enumerate(OUTLET_SIGNATURES.values())
    )
    + ")"
)
# "told Politico", "according to Reuters": another outlet used as a channel, not the article's own.
_CHANNEL_CUE_RX = re.compile(
    r"(?:told|according to|speaking to|spoke to|interview with|cited by|quoted by|reported by)[ \u00a0](?:the )?\Z",
    re.IGNORECASE,
)
_OUTLETS_BY_GROUP = {f"o{i}": outlet for i, outlet in enumerate(OUTLET_SIGNATURES)}
# A line of the page's own furniture that names its outlet (newsletter boxes, footers).
SELF_REFERENCE_CHARS = 120  # a footer or newsletter line is short; set by hand, not swept
_SELF_REFERENCE_RX = re.compile(
    r"[\s*+•·\-]*(?:" + "|".join(re.escape(w) for w in sorted(words("self_reference_cues"), key=len, reverse=True))
    + r")(?:\W|$)", re.IGNORECASE)

# --------------------------------------------------------------------------- publication dates
# Where ``infer_published`` looks: the page's header, which ends at its first post stamp or
# after HEADER_LINES lines of content holding at most HEADER_CHARS characters (one long first line
# must not hide a date deep in the body). Menu lines (short or all-capitalised link lines with no
# sentence end: "* Latest News", "Sign In", "UK NewsUS NewsWorld News") do not count, so a date
# line under any length of navigation is read ("* Updated 21:22, 6 OCT 2020" after 60 menu
# lines on a copied Reach plc page); HEADER_SCAN_CHARS bounds the scan whatever the page holds.
HEADER_LINES = 15  # set by hand on the bundled and held-out headers, not swept
HEADER_CHARS = 1_500  # safety bound, not tuned
HEADER_SCAN_CHARS = 20_000  # safety bound on work, not tuned: the real pages' date lines sit 1–5k chars down
# A line of at most this many words with no sentence end is a menu entry ("News Home", "Top Searches:").
MENU_LINE_WORDS = 4  # set by hand on the menus of ../shared/realpages, not swept
# Of a page with no date in its header, a date line standing alone among the posts (a day
# heading, a post's dated stamp) within HEADER_SCAN_CHARS is the documented fallback: its
# ``published_source`` says "post body".
MAX_BODY_DATE_TAIL = 16  # what may follow a body date on its line: a clock and zone ("16:12 GMT"), not tuned
# What ``published_source`` can say: the manifest gave the date, the text's header did, a date
# line among its posts did (the fallback above), or nothing did.
PUBLISHED_SOURCES = ["manifest", "text", "none", "page metadata", "post body"]
# Words that open a date line, and which of them name the first publication.
# English first, then the other languages' cues ("Pubblicato il", "Aggiornato alle").
_CUES = table("date_line_cues")
PUBLISHED_CUES = tuple(_CUES["cues"]["published"]) + tuple(c for v in _CUES["languages"].values() for c in v["published"])
UPDATED_CUES = tuple(_CUES["cues"]["updated"]) + tuple(c for v in _CUES["languages"].values() for c in v["updated"])
# A date followed on its line by more than this many characters, with no separator first,
# is a date in running prose ("24 February 2022 marked the start of ..."), not a date line.
MAX_DATE_LINE_TAIL = 40  # set by hand on the fixture sets' date lines, not swept
DATE_TAIL_SEPARATORS = "-–—|•·:("

_SP = r"[ \u00a0\u202f]"  # one space: plain, no-break, or narrow no-break
# Month and weekday names in Title and UPPER case, and as written for the other languages'
# (calendar.toml ``languages``: "2 listopada 2023", "giovedì 2 novembre 2023").
_MONTH_NAMES = "|".join(
    re.escape(v) for v in sorted({v for m in DATE_MONTHS for v in (m.title(), m.upper(), m if m in CALENDAR_LANGUAGES else m.title())},
                                 key=lambda v: (-len(v), v))
)
_WEEKDAY_NAMES = "|".join(
    re.escape(v) for v in sorted({v for w in DATE_WEEKDAYS for v in (w.title(), w.upper(), w if w in CALENDAR_LANGUAGES else w.title())},
                                 key=lambda v: (-len(v), v))
)
_CONNECTOR = "(?:" + "|".join(DATE_CONNECTORS) + ")"
# Month first ("March 18, 2025") is English order only: "Mars 3 2025" is no French date.
_ENGLISH_MONTH_NAMES = "|".join(
    re.escape(v) for v in sorted({v for m in MONTHS for v in (m.title(), m.upper())}, key=lambda v: (-len(v), v)))
_YEAR_4 = r"(?:19|20)\d\d(?!\d)"
# A full date: day, month (name or abbreviation) and 4-digit year, in the three English orders,
# optionally after a weekday. Every repetition is bounded, so a scan is linear in the text.
_FULL_DATE_RX = re.compile(
    rf"(?:(?<![A-Za-z])(?P<wd>{_WEEKDAY_NAMES})\.?,?{_SP}{{1,2}})?"
    rf"(?:(?<![\d.:/-])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\.?{_SP}{{1,2}}(?:{_CONNECTOR}{_SP})?(?P<m1>{_MONTH_NAMES})\.?,?{_SP}{{1,2}}(?:{_CONNECTOR}{_SP})?(?P<y1>{_YEAR_4})"
    rf"|(?<![A-Za-z])(?P<m2>{_ENGLISH_MONTH_NAMES})\.?{_SP}{{1,2}}(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?{_SP}{{1,2}}(?P<y2>{_YEAR_4})"
    rf"|(?<![\d.:/-])(?P<y3>{_YEAR_4})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?![\d])"
    rf"|(?<![\d.:/-])(?P<n1>[0-3]?\d)[/.](?P<n2>[01]?\d)[/.](?P<y4>{_YEAR_4})"
    r")"
)
# Every full date holds a 4-digit year, and starts at most _DATE_REACH characters before it (the
# longest weekday, day, connectors and month with their punctuation and spaces; escapes in the
# names only lengthen the bound). Derived from the pattern's parts, not tuned.
_YEAR_RX = re.compile(_YEAR_4)
_DATE_REACH = (max(map(len, _WEEKDAY_NAMES.split("|"))) + 4  # weekday . , and two spaces
               + max(map(len, _MONTH_NAMES.split("|"))) + 14 + 2 * (max(map(len, DATE_CONNECTORS)) + 1))


def full_date_matches(text: str) -> Iterator[re.Match]:
    """``_FULL_DATE_RX.finditer(text)``, tried only where a date can start: at most _DATE_REACH
    characters before a 4-digit year (found by one cheap scan). The same matches in the same
    order, since every date holds its year; a text's date-free stretches are skipped, not read
    by the full pattern at every character (40× its cost on the opening of 100 PolNeAR texts)."""
    years = [m.start() for m in _YEAR_RX.finditer(text)]
    return accepted_matches(_FULL_DATE_RX, text, lambda m: m, starts_before(years, _DATE_REACH))


# What may stand before a date on a date line besides punctuation and digits ("03/06/2025"):
# a clock, am/pm and a zone ("Updated 9:47 AM EDT, March 18, 2025").
_CLOCK_WORDS_RX = re.compile(
    r"(?<![A-Za-z])(?:[AaPp]\.?[Mm]\.?|" + "|".join(re.escape(z) for z in sorted(ZONES, key=len, reverse=True)) + r")(?![A-Za-z])"
)
_CUE_RX = re.compile(
    r"\A[^A-Za-z]{0,8}(?P<cue>" + "|".join(re.escape(c) for c in PUBLISHED_CUES + UPDATED_CUES) + r")"
    rf"(?:{_SP}{{1,2}}(?:on|at))?(?![A-Za-z])",
    re.IGNORECASE,
)
# "BRUSSELS, " or "BRUSSELS/MOSCOW, " before the date: a wire dateline.
_DATELINE_PLACE_RX = re.compile(rf"\A[A-Z][A-Z.'’/ -]{{1,40}},{_SP}{{0,2}}\Z")
# "By Jane Doe, " or "By Jane Doe | " before the date: a byline.
_BYLINE_RX = re.compile(r"\A(?:By|BY|by) [^\n]{1,100}[,|•·–—-] {0,2}\Z")
# "THE TIMES OF INDIA | " or "Reuters • " before the date: a name set off by a bar or a dot.
_LEAD_RX = re.compile(r"\A[^\n.!?]{1,60}[ \u00a0][|•·][ \u00a0]{0,2}\Z")


@dataclass(frozen=True)
class PublishedDate:
    """A publication date found in an article's text, and where: ``text[start:end]`` is the date."""

    date: dt.date
    start: int
    end: int
    cue: str  # "published", "updated", "dateline" (a date line, wire dateline or byline)


@dataclass(frozen=True)
class ArticleSource:
    """One manifest row: where an article is and what is known about it."""

    path: Path
    outlet: str | None = None
    published: dt.date | None = None
    timezone: str | None = None  # None: the zone the text states ("All times are CET"), else UTC
    url: str | None = None
    title: str | None = None
    encoding: str = "utf-8"


# Byte order marks and the codec each names (which removes the mark); the longer ones first, as
# the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_UTF8_NAMES = ("utf-8", "utf8", "utf-8-sig")


def text_encoding(data: bytes, encoding: str = "utf-8") -> str:
    """The encoding ``data`` is read with: the one its byte order mark names when ``encoding`` is a
    Unicode one (a BOM is the file's own statement; it wins over the default UTF-8), else
    ``encoding`` (a declared ``cp1252`` is kept even if the first bytes look like a mark)."""
    if not encoding.lower().replace("_", "-").startswith("utf"):
        return encoding
    for mark, codec in BOMS:
        if data.startswith(mark):
            return encoding if codec == "utf-8-sig" and _is_utf8(encoding) else codec
    return encoding


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in _UTF8_NAMES


def decode(path: Path, data: bytes, encoding: str = "utf-8") -> str:
    """Bytes → text with universal newlines. Strict: bad bytes raise an error naming the offset.

    A byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) names the encoding and is removed.
    ``encoding="utf-8"`` is the default; another encoding (for example ``cp1252`` or ``utf-16``)
    is the documented fallback, chosen per file in the manifest's ``encoding`` column or with
    ``--encoding``. The check for binary files (a NUL) runs on the decoded text, so UTF-16 and
    UTF-32 files, whose bytes hold NULs, are read.
    """
    if not data:
        raise ArticleError(path, "file is empty")
    encoding = text_encoding(data, encoding)
    if _is_utf8(encoding):
        nul = data.find(b"\x00")  # before decoding: a binary file's first NUL names its byte offset
        if nul >= 0:
            raise ArticleError(path, f"binary file: NUL byte at byte offset {nul}; expected UTF-8 text")
    codec = "utf-8-sig" if _is_utf8(encoding) else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise ArticleError(
            path,
            f"not valid {encoding}: byte 0x{bad} at byte offset {error.start}; "
            "re-save the file as UTF-8 or set its encoding (e.g. cp1252) in the manifest",
        ) from None
    except LookupError:
        raise ArticleError(path, f"unknown encoding {encoding!r}") from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError(path, f"binary file: NUL character at character offset {nul} after decoding as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(path, "file holds only white space")
    return text


def read_bytes(path: Path) -> bytes:
    """The bytes of one article file; a missing or unreadable file is an error naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not an article file") from None
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror})") from None


def read_text(path: Path, encoding: str = "utf-8") -> tuple[str, str]:
    """The decoded text of one file and the SHA-256 of its bytes (a web page: the text derived from it)."""
    if pages.is_html(path):
        record = page_record(ArticleSource(path=Path(path), encoding=encoding))
        return str(record["text"]), str(record["sha256"])
    data = read_bytes(path)
    return decode(Path(path), data, encoding), hashlib.sha256(data).hexdigest()


def file_encoding(path: Path, encoding: str = "utf-8") -> str:
    """The encoding a file is read with (its BOM's, else ``encoding``), as recorded in the articles frame."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        return encoding
    return text_encoding(head, encoding)


def infer_outlet(text: str) -> str | None:
    """The outlet whose signature comes first in the first or last non-empty lines, if any; else,
    on a page that opens with a site menu, in the first content lines of its header ("The
    Guardian - Back to home" after a dozen menu lines), which come last so they never outvote
    the edges."""
    lines = [line for line in text.split("\n") if line.strip()]
    under_menu: list[str] = []
    if sum(map(is_menu_line, lines[:MENU_OPENING_LINES])) >= MENU_OPENING_LINES - 2:  # the page opens with a menu
        under_menu = [line for line in text[:header_window(text)].split("\n")
                      if line.strip() and not is_menu_line(line)][:OUTLET_EDGE_LINES]
    edges = "\n".join(map(_line_edges, lines[:OUTLET_EDGE_LINES] + lines[-OUTLET_EDGE_LINES:] + under_menu))
    for found in _OUTLET_RX.finditer(edges):
        if not _CHANNEL_CUE_RX.search(edges, max(0, found.start() - 30), found.start()):
            return _OUTLETS_BY_GROUP[found.lastgroup]
    return _self_reference_outlet(lines)


def _self_reference_outlet(lines: list[str]) -> str | None:
    """The outlet a page's own furniture names in a short line anywhere on it ("Subscribe to Daily
    Mirror and Sunday Mirror newspapers", "Sign up for the CorkBeo newsletter"); the first such line
    that names a known outlet wins. Only lines of at most SELF_REFERENCE_CHARS are read (never a
    paragraph of prose), each once."""
    for line in lines:
        if len(line) <= SELF_REFERENCE_CHARS and _SELF_REFERENCE_RX.match(line):
            found = _OUTLET_RX.search(line)
            if found is not None:
                return _OUTLETS_BY_GROUP[found.lastgroup]
    return None


def _line_edges(line: str) -> str:
    """A line, or its first and last ``OUTLET_EDGE_CHARS`` characters when it is longer than both."""
    if len(line) <= 2 * OUTLET_EDGE_CHARS:
        return line
    return line[:OUTLET_EDGE_CHARS] + "\n" + line[-OUTLET_EDGE_CHARS:]


def find_dates(text: str) -> Iterator[tuple[dt.date, int, int]]:
    """Every full calendar date in ``text`` as (date, start, end); impossible dates are skipped.

    A date must have a day, a month and a 4-digit year: "25 Mar 2025", "March 18, 2025",
    "Thu 20 Mar 2025", "MARCH 12 2025", "2025-03-19", and "23/03/2025" when the day is over 12
    (else day-first and month-first readings disagree: "03/06/2025" is skipped). A weekday,
    when written, is part of the span and must agree with the date. Linear in ``len(text)``, whatever the text holds.
    """
    for m in full_date_matches(text):
        g = m.groupdict()
        if g["y4"]:  # "23/03/2025": read only when the order cannot be in doubt (the day is over 12)
            if int(g["n1"]) <= 12:
                continue
            g = {**g, "d3": g["n1"], "m3": g["n2"], "y3": g["y4"]}
        day, month, year = g["d1"] or g["d2"] or g["d3"], g["m1"] or g["m2"] or g["m3"], g["y1"] or g["y2"] or g["y3"]
        number = int(month) if month.isdigit() else DATE_MONTHS[month.lower()]
        try:
            date = dt.date(int(year), number, int(day))
        except ValueError:
            continue
        if g["wd"] and DATE_WEEKDAYS[g["wd"].lower()] != WEEKDAY_ORDER[date.weekday()]:
            continue
        yield date, m.start(), m.end()


def header_window(text: str) -> int:
    """Where the page's header ends: at its first post stamp (a stamp line with no date of its
    own, "21:22Frances Watkins", "10:24 GMT"), or after HEADER_LINES content lines or HEADER_CHARS
    characters of them; menu lines (``is_menu_line``) count for neither. Never past
    HEADER_SCAN_CHARS: one pass over at most that many characters, whatever the text holds."""
    return _header_end(text)[0]


def _header_end(text: str) -> tuple[int, bool]:
    """``header_window`` and whether the header ends at a post stamp (the posts begin there)."""
    limit = min(len(text), HEADER_SCAN_CHARS)
    pos, lines, chars = 0, 0, 0
    while pos < limit and lines < HEADER_LINES:
        end = text.find("\n", pos, limit)
        end = limit if end < 0 else end
        line = text[pos:end]
        if line.strip():
            if _is_post_stamp_line(line):
                return pos, True
            if not is_menu_line(line):
                if chars + len(line) >= HEADER_CHARS:
                    return pos + HEADER_CHARS - chars, False
                lines += 1
                chars += len(line)
        pos = end + 1
    return min(pos, limit), False


# A line that ends a sentence: its last character, past closing quotes and brackets.
_SENTENCE_END = ".!?…:;"


def is_menu_line(line: str) -> bool:
    """A navigation or link line of a copied page: at most MENU_LINE_WORDS words ("* Latest News",
    "Sign In", "+ Music & Nightlife", "Got A Story?", a bare "1."), or no sentence end and only
    capitalised words ("UK NewsUS NewsWorld NewsWeird News"; "Find us on FacebookFollow us" is not).
    Whether a menu line holds a date does not matter: the header window is searched whole."""
    flat = line.strip()
    found = flat.split()  # words as the spaces part them (ingest reads no tokens: text.segment is downstream)
    if len(found) <= MENU_LINE_WORDS or not any(c.isalpha() for c in flat):
        return True  # "Sign In", "Got A Story?", a bare list number "1."; a bullet counts as a word
    if flat.rstrip("\"'”’»)]").endswith(tuple(_SENTENCE_END)) and not flat.endswith(":"):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in found)


def _is_post_stamp_line(line: str) -> bool:
    """A stamp line that starts a post: its stamp carries a clock and no date of its own."""
    if not _has_digit(line) or len(line) > STAMP_ZONE_LINE_CHARS:
        return False
    stamp = parse_stamp_line(line)
    return stamp is not None and stamp.hour >= 0 and stamp.date is None


def _date_line_cue(before: str, after: str) -> str | None:
    """What kind of line a date sits on, from the text before and after it on that line; None for prose."""
    cue = _CUE_RX.match(before)
    if cue:  # "Published On 25 Mar 2025", "Updated 9:47 AM EDT, March 18, 2025"
        rest = _CLOCK_WORDS_RX.sub("", before[cue.end():])
        if any(c.isalpha() for c in rest):
            return None
        return "published" if cue.group("cue").lower() in PUBLISHED_CUES else "updated"
    tail = after.strip()
    if len(tail) > MAX_DATE_LINE_TAIL and tail[0] not in DATE_TAIL_SEPARATORS and not _CUE_RX.match(tail):
        return None  # "24 February 2022 marked the start of ...": prose ("2 Novembre 2023 Aggiornato alle ..." is not)
    if _DATELINE_PLACE_RX.match(before) or _BYLINE_RX.match(before) or _LEAD_RX.match(before):
        return "dateline"
    if any(c.isalpha() for c in _CLOCK_WORDS_RX.sub("", before)):
        return None  # "Leaders met on 6 March 2025": a date in a sentence
    return "dateline"  # "Thu 20 Mar 2025 18.05 GMT", "03/06/2025 March 6, 2025"


def infer_published(text: str) -> PublishedDate | None:
    """The publication date stated in the opening lines of ``text``, or None.

    Looks only at the first HEADER_LINES non-empty lines (at most HEADER_CHARS characters), and
    only at full dates (see ``find_dates``) that stand on a date line: one opened by a cue
    ("Published On 25 Mar 2025", "First published on ...", "Updated 9:47 AM EDT, March 18, 2025"),
    one the date opens, perhaps after digits and a clock ("Thu 20 Mar 2025 18.05 GMT",
    "March 19, 2025 7:02 am CET"; prose that a date merely opens is refused by its long tail),
    a wire dateline ("BRUSSELS, 6 March 2025 -") or a byline ("By Jane Doe, March 5, 2025").
    A date in a sentence ("met on 6 March 2025") is not a publication date. Of several, a
    "Published"/"First published"/"Posted" date wins, else the first. A date without a year
    ("BRUSSELS, March 14 (Reuters)") is never completed by guessing the year.
    """
    window, at_posts = _header_end(text)
    found = list(_date_lines(text, 0, window))
    published = [f for f in found if f.cue == "published"]
    if published or found or not at_posts:
        return (published or found or [None])[0]
    # The fallback: no date in the header of a page of stamped posts, so a date line standing
    # alone among the posts (a day heading, a dated stamp) dates the page; published_source says
    # "post body". A text with no post stamps has no posts to read one from: a date at the foot of
    # an article ("Published On ..." of a related story) is not its date.
    for f in _date_lines(text, window, min(len(text), HEADER_SCAN_CHARS)):
        line_end = text.find("\n", f.end)
        tail = text[f.end:len(text) if line_end < 0 else line_end].strip()
        if len(tail) <= MAX_BODY_DATE_TAIL:
            return PublishedDate(f.date, f.start, f.end, "body")
    return None


def _date_lines(text: str, begin: int, end: int) -> Iterator[PublishedDate]:
    """The dates of ``text[begin:end]`` that stand on a date line (``_date_line_cue``), in order."""
    for date, start, stop in find_dates(text[begin:end]):
        start, stop = start + begin, stop + begin
        line_start = text.rfind("\n", 0, start) + 1
        reach = min(len(text), stop + 4 * MAX_DATE_LINE_TAIL)  # enough of the line to judge its tail
        line_end = text.find("\n", stop, reach)
        line_end = reach if line_end < 0 else line_end
        cue = _date_line_cue(text[line_start:start], text[stop:line_end])
        if cue is not None:
            yield PublishedDate(date, start, stop, cue)


# --------------------------------------------------------------------------- stated time zones
# Where ``infer_timezone`` looks: the opening and the closing characters of the text.
ZONE_NOTE_HEAD_CHARS = 3_000  # safety bounds on how much is searched, not tuned
ZONE_NOTE_TAIL_CHARS = 1_000
# "assumed": the page states no zone, and the outlet's home clock or the language of its date line
# gave one (``assumed_zone``); "default": nothing did, UTC.
TIMEZONE_SOURCES = ["manifest", "text", "default", "page metadata", "assumed"]
# Outlet -> the clock its pages keep (wordlists/outlets.toml ``home_zones``).
OUTLET_ZONES: dict[str, str] = dict(table("outlets").get("home_zones", {}))
# Named zones a page may state besides ``stamps.ZONE_WORDS`` ("Central European Time").
STATED_ZONE_WORDS = {**table("timezones")["stated_zone_words"], **{k: v for k, v in ZONE_WORDS.items() if v}}
_ZONE_NOTE_RX = re.compile(
    r"(?:(?i:\ball)[ \u00a0]+(?i:times)|\bTimes[ \u00a0]+(?=are\b|in\b|shown\b|given\b))[ \u00a0]{0,3}"
    r"(?i:(?:are[ \u00a0]+)?(?:shown[ \u00a0]+|given[ \u00a0]+)?(?:in[ \u00a0]+)?)(?i:the[ \u00a0]+)?"
    r"(?:(?P<abbr>" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")\b|(?P<words>(?i:" + "|".join(re.escape(w) for w in sorted(STATED_ZONE_WORDS, key=len, reverse=True))
    + r"))(?i:[ \u00a0]+(?:summer[ \u00a0]+|standard[ \u00a0]+)?time)\b)"
)


@dataclass(frozen=True)
class StatedZone:
    """A time zone the page states for its times ("All times are in CET"): ``text[start:end]``."""

    zone: str
    start: int
    end: int


def infer_timezone(text: str) -> StatedZone | None:
    """The zone a page says its times are in, from a note such as "All times are in Central
    European Time (CET)", "(all times GMT)" or "Times are Eastern"; None when it states none.

    Looks at the first ZONE_NOTE_HEAD_CHARS and last ZONE_NOTE_TAIL_CHARS characters; the first
    note with a known zone (``stamps.ZONES`` abbreviations, named zones) wins.
    """
    tail_start = max(ZONE_NOTE_HEAD_CHARS, len(text) - ZONE_NOTE_TAIL_CHARS)
    for begin, end in ((0, min(len(text), ZONE_NOTE_HEAD_CHARS)), (tail_start, len(text))):
        for m in _ZONE_NOTE_RX.finditer(text, begin, end):
            zone = ZONES.get(m.group("abbr") or "") or STATED_ZONE_WORDS.get((m.group("words") or "").lower())
            if zone:
                return StatedZone(zone, m.start(), m.end())
    return None


_HEADER_ZONE_RX = re.compile(
    r"(?<![\w+-])(?:(?:GMT|UTC)(?P<sign>[+-])(?P<hours>1[0-4]|0?\d)(?![\d:])|(?P<abbr>"
    + "|".join(z for z in sorted(ZONES, key=len, reverse=True) if len(z) > 1) + r")(?![\w+-]))"
)


def _header_zone_of(text: str, found: PublishedDate | None) -> StatedZone | None:
    found = found or infer_published(text)
    return header_zone(text, found) if found else None


def header_zone(text: str, published: PublishedDate) -> StatedZone | None:
    """The zone named on the line that gives the publication date ("Thursday 10 April 2025 17:05
    BST", "Published on 23/03/2025 - 09:12 GMT+1"): the page's own clock, which its bare stamps share."""
    line_start = text.rfind("\n", 0, published.start) + 1
    line_end = text.find("\n", published.end)
    line_end = len(text) if line_end < 0 else min(line_end, published.end + 200)
    found = _HEADER_ZONE_RX.search(text, line_start, line_end)
    if found is None:
        return None
    if found.group("abbr"):
        return StatedZone(ZONES[found.group("abbr")], found.start(), found.end())
    hours = int(found.group("hours"))
    sign = "-" if found.group("sign") == "+" else "+"  # POSIX names: Etc/GMT-1 is one hour ahead of UTC
    return StatedZone("UTC" if hours == 0 else f"Etc/GMT{sign}{hours}", found.start(), found.end())


def assumed_zone(text: str, outlet: str | None, published: PublishedDate | None) -> str | None:
    """The zone a page that states none is assumed to keep, or None (then UTC, "default").

    The documented fallback, in order: the home clock of the outlet named in the text
    (outlets.toml ``home_zones``: "Daily Express" → Europe/London), else the clock of the
    language its date line is written in, when that language keeps one (calendar.toml
    ``languages``: "02 Novembre 2023 Aggiornato alle 16:58" is Italian → Europe/Rome; "13
    novembre 2023" alone may be French or Italian, and French has no one clock: no assumption).
    Only a page with post stamps (bare clocks to read) gets one. The articles frame shows it as
    ``timezone_source`` "assumed".
    """
    if not any(_is_post_stamp_line(line) for line in text.split("\n")):
        return None  # no clock to read: a plain article's day bounds stay in UTC, as before
    if outlet in OUTLET_ZONES:
        return OUTLET_ZONES[outlet]
    if published is None:
        return None
    language = date_line_language(text, published)
    return LANGUAGE_ZONES.get(language) if language else None


_WORD_EDGE = ".,;:|()[]\"'“”‘’«»–—-•·*"


def date_line_language(text: str, published: PublishedDate) -> str | None:
    """The one language other than English whose calendar words and date cues the date line of
    ``published`` uses ("Aggiornato", "Novembre" → Italian), or None (English, or in doubt)."""
    line_start = text.rfind("\n", 0, published.start) + 1
    line_end = text.find("\n", published.end)
    line = text[line_start:len(text) if line_end < 0 else min(line_end, published.end + 200)]
    languages: frozenset[str] | None = None
    for word in line.split():  # words as the spaces part them, stripped of punctuation ("czwartek,")
        found = CALENDAR_LANGUAGES.get(word.strip(_WORD_EDGE).lower())
        if found is not None:
            languages = found if languages is None else languages & found
    return next(iter(languages)) if languages is not None and len(languages) == 1 else None


def read_manifest(path: Path) -> list[ArticleSource]:
    """Rows of a manifest CSV (file, outlet, published, timezone, url, title, encoding)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ManifestError(path, "no such manifest file") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(path, f"not a readable UTF-8 CSV ({error})") from None
    if rows and "file" not in rows[0]:
        raise ManifestError(path, f"missing the 'file' column; columns are {', '.join(MANIFEST_COLUMNS)}")
    return [_manifest_row(path, n, row) for n, row in enumerate(rows, start=2)]


def is_zone_name(zone: str) -> bool:
    """Whether ``zone`` is an IANA time-zone name (``Europe/London``), as a manifest's ``timezone`` takes."""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(zone)


# A UTC offset written where a zone name belongs: "+05:30", "UTC+5:30", "GMT-4", "+0530".
_OFFSET_RE = re.compile(r"(?:UTC|GMT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


def _offset_hint(zone: str, day: dt.date | None) -> str:
    """For an offset given as a zone, what to write instead: zone names at that offset on ``day``
    (the article's date, else today), since an offset cannot follow summer time."""
    found = _OFFSET_RE.fullmatch(zone.strip())
    if found is None or int(found.group(2)) > 14 or int(found.group(3) or 0) >= 60:
        return ""
    sign = -1 if found.group(1) in "-\u2212" else 1
    offset = dt.timedelta(hours=sign * int(found.group(2)), minutes=sign * int(found.group(3) or 0))
    day = day or dt.date.today()
    noon = dt.datetime.combine(day, dt.time(12))
    names = sorted(name for name in _zone_names() if ZoneInfo(name).utcoffset(noon) == offset)
    written = f"UTC{'-' if sign < 0 else '+'}{int(found.group(2)):02d}:{int(found.group(3) or 0):02d}"
    shown = f"; zones at {written} on {day}: {', '.join(names[:3])}{', …' if len(names) > 3 else ''}" if names else ""
    return f" (a UTC offset, which cannot follow summer time: write the place's zone name{shown})"


def _zone_names() -> list[str]:
    """IANA zone names of places (``Area/Place``; not ``Etc/…`` or bare aliases)."""
    from zoneinfo import available_timezones

    return [n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/", "US/"))]


def _manifest_row(path: Path, line: int, row: dict[str, str]) -> ArticleSource:
    def value(key: str) -> str | None:
        cell = (row.get(key) or "").strip()
        return cell or None

    file = value("file")
    if file is None:
        raise ManifestError(path, f"line {line}: empty 'file'")
    published = value("published")
    try:
        date = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise ManifestError(path, f"line {line}: published {published!r} is not a YYYY-MM-DD date") from None
    zone = value("timezone")
    if zone is not None and not is_zone_name(zone):
        raise ManifestError(path, f"line {line}: unknown time zone {zone!r}{_offset_hint(zone, date)}")
    return ArticleSource(
        path=(path.parent / file),
        outlet=value("outlet"),
        published=date,
        timezone=zone,
        url=value("url"),
        title=value("title"),
        encoding=value("encoding") or "utf-8",
    )


def resolve_sources(source: str | Path | list | tuple | None = None) -> list[ArticleSource]:
    """What ``load_corpus`` was given → article sources: None (bundled), a folder, a manifest, or files."""
    if source is None:
        return read_manifest(data_dir() / MANIFEST_NAME)
    if isinstance(source, (list, tuple)):
        if not source:
            raise LiveblogsError("load_corpus: the list of article files is empty")
        return [file_source(Path(p)) for p in source]
    path = Path(source)
    if not path.exists():
        raise ArticleError(path, "no such file or folder")
    if path.is_dir():
        return _folder_sources(path)
    if path.suffix.lower() == ".csv":
        return read_manifest(path)
    return [file_source(path)]


def _folder_sources(folder: Path) -> list[ArticleSource]:
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():
        return read_manifest(manifest)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise ArticleError(folder, f"folder holds no article files ({', '.join(ARTICLE_SUFFIXES)}) and no {MANIFEST_NAME}")
    return [file_source(p) for p in files]


def file_source(path: Path) -> ArticleSource:
    """A lone file: its row in a manifest beside it or one folder up, if one names it, else defaults."""
    for folder in (path.parent, path.parent.parent):
        manifest = folder / MANIFEST_NAME
        if manifest.is_file():
            for row in read_manifest(manifest):
                if row.path.resolve() == path.resolve():
                    return row
    return ArticleSource(path=path)


def article_id(path: Path) -> str:
    """An article's id: its file name without the suffix."""
    return Path(path).stem


def _page_encoding(encoding: str | None) -> str | None:
    """The encoding a page is read in when it declares none: the manifest's, if not the default."""
    return None if (encoding or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") else encoding


def page_record(source: ArticleSource) -> dict[str, object]:
    """One row of the articles frame for a web page: the text derived from it (``pages.layout``)
    and what its metadata says, unless the manifest says otherwise."""
    data = read_bytes(source.path)
    page = pages.load_page(Path(source.path), data, _page_encoding(source.encoding))
    zone = source.timezone or page.zone
    stated = assumed = None
    if zone is None and not page.posts:
        visible = page.visible_text
        stated = infer_timezone(visible)
        if stated is None:  # the fallback of a text (``assumed_zone``), read on the page's visible text
            assumed = assumed_zone(visible, source.outlet or page.outlet or infer_outlet(visible), infer_published(visible))
    zone = zone or (stated.zone if stated else assumed or DEFAULT_TIMEZONE)
    built = pages.layout(page, zone)
    text = built.text
    found = None
    if source.published is None and page.published is None:
        found = infer_published(text)
    published = (source.published or (page.published.tz_convert(zone).date() if page.published is not None else None)
                 or (found.date if found else None))
    span = built.published_span if source.published is None and page.published is not None else None
    if found is not None:
        span = (found.start, found.end)
    return {
        "article": article_id(source.path),
        "outlet": source.outlet or page.outlet or infer_outlet(text) or article_id(source.path),
        "title": source.title or page.title or text.strip().split("\n", 1)[0].strip(),
        "published": pd.Timestamp(published) if published else pd.NaT,
        "published_source": "manifest" if source.published else "page metadata" if page.published is not None
        else _found_source(found),
        "published_start": span[0] if span else pd.NA,
        "published_end": span[1] if span else pd.NA,
        "timezone": zone,
        "timezone_source": "manifest" if source.timezone else "page metadata" if page.zone else "text" if stated
        else "assumed" if assumed else "default",
        "url": source.url or page.url,
        "path": str(source.path),
        "encoding": source.encoding,
        "sha256": hashlib.sha256(data).hexdigest(),
        "n_chars": len(text),
        "start": 0,
        "end": len(text),
        "text": text,
    }


# --------------------------------------------------------------------------- header lines and stamp zones
# Header lines a scraper or a user writes above a copied page ("Source: Reuters", "URL: https://…"):
# the text's own metadata (``text.patterns.METADATA_LINE_RE``, labels in wordlists/metadata_fields.txt).
_HEADER_LINE_RX = re.compile(
    r"[ \t]{0,3}(?P<field>" + "|".join(sorted(words("metadata_fields"), key=len, reverse=True))
    + r")[ \t]{0,3}:[ \t]{0,3}(?P<value>\S[^\n]{0,300}?)[ \t]*(?:\n|\Z)",
    re.IGNORECASE,
)
_URL_RX = re.compile(r"https?://(?P<host>[^/\s:]+)\S*", re.IGNORECASE)
MAX_OUTLET_WORDS = 6  # a "Source:" value longer than this is a description, not the outlet's name


HEADER_FIELD_LINES = 6  # header lines sit among the first lines (as text.posts.METADATA_REACH)


def header_fields(text: str) -> dict[str, tuple[str, int, int]]:
    """The header lines among the first non-empty lines of ``text`` ("Source: Reuters",
    "URL: https://…", "Published: …"): field (lower case) → (value, start, end) of the value."""
    fields: dict[str, tuple[str, int, int]] = {}
    pos, seen = 0, 0
    while pos < len(text) and seen < HEADER_FIELD_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            seen += 1
            m = _HEADER_LINE_RX.match(text, pos)
            if m is not None and m.end() >= end:
                fields.setdefault(m.group("field").lower(), (m.group("value"), m.start("value"), m.end("value")))
        pos = end + 1
    return fields


def header_url(fields: dict[str, tuple[str, int, int]]) -> str | None:
    """The page's address from its "URL:"/"Link:"/"Source:" header line."""
    for field in ("url", "link", "source"):
        m = _URL_RX.fullmatch(fields.get(field, ("", 0, 0))[0])
        if m:
            return m.group()
    return None


def header_outlet(fields: dict[str, tuple[str, int, int]]) -> str | None:
    """The outlet a header names: an "Outlet:"/"Source:" name, else the known outlet or the domain
    of its URL ("www.reuters.com" → "reuters.com")."""
    for field in ("outlet", "source"):
        value = fields.get(field, ("", 0, 0))[0]
        if value and not _URL_RX.search(value) and len(value.split()) <= MAX_OUTLET_WORDS:
            return infer_outlet(value) or value
    url = header_url(fields)
    if url is None:
        return None
    host = _URL_RX.fullmatch(url).group("host").lower().removeprefix("www.")
    return infer_outlet(host) or host


def header_title(text: str, fields: dict[str, tuple[str, int, int]]) -> str:
    """The title: a "Title:" header line, else the first line after the header lines."""
    if "title" in fields:
        return fields["title"][0]
    for line in text.split("\n"):
        if line.strip() and not _HEADER_LINE_RX.fullmatch(line + "\n"):
            return line.strip()
    return ""


# Where ``stamp_zone`` looks: lines up to this long (a stamp line or a headline with its stamp).
STAMP_ZONE_LINE_CHARS = 300  # safety bound on work, not tuned


def stamp_zone(text: str) -> StatedZone | None:
    """The zone the page's own stamps name, when it states none in a note: the zone most of its
    stamp lines, run-on stamps and stamps opening a line name ("16:12 Greenwich Mean Time",
    "1534 GMT — ...", "21:06 (IST)", "Thursday 13 February 2025 17:38, UK"); None when none names one."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    pos = 0
    for line in text.split("\n"):
        if 0 < len(line) <= STAMP_ZONE_LINE_CHARS and _has_digit(line):
            own = parse_stamp_line(line)
            stamp = (own.tz, own.start, own.end) if own is not None else _line_stamp(line)
            if stamp is not None and stamp[0] is not None:
                counts[stamp[0]] = counts.get(stamp[0], 0) + 1
                first.setdefault(stamp[0], (pos + stamp[1], pos + stamp[2]))
        pos += len(line) + 1
    if not counts:
        return None
    zone = max(counts, key=lambda z: (counts[z], -first[z][0]))
    return StatedZone(zone, *first[zone])


_ASCII_DIGIT_RE = re.compile("[0-9]")


def _has_digit(line: str) -> bool:
    """``any(c.isdigit() for c in line)``: a regex search for 0-9 (in ASCII the only digits), then,
    in a line that is not ASCII, every character's ``isdigit`` ("²", "٣")."""
    if _ASCII_DIGIT_RE.search(line) is not None:
        return True
    return not line.isascii() and any(map(str.isdigit, line))


def _line_stamp(line: str) -> tuple[str | None, int, int] | None:
    """(zone, start, end) of a stamp run on to the end of ``line`` or opening it, if any."""
    found = split_trailing_stamp(line)
    if found is not None:
        return found[1].tz, found[1].start, found[1].end
    leading = find_stamps(line[:60])
    if leading and leading[0].start == len(line) - len(line.lstrip()) and leading[0].tz is not None:
        if LEADING_STAMP_SEPARATOR_RE.match(line, leading[0].end):
            return leading[0].tz, leading[0].start, leading[0].end
    return None


def article_record(source: ArticleSource, read: tuple[str, str] | None = None,
                   inferred: dict[str, object] | None = None, encoding: str | None = None) -> dict[str, object]:
    """One row of the articles frame, with the decoded text. ``read``: the file's (text, SHA-256)
    when already read; ``inferred``: its :func:`inferred_fields` when already known (the cache);
    ``encoding``: its :func:`file_encoding` when already known."""
    if pages.is_html(source.path):
        return page_record(source)
    text, sha = read or read_text(source.path, source.encoding)
    fields = inferred_fields(source, text) if inferred is None else inferred
    return {
        "article": article_id(source.path),
        **fields,
        "path": str(source.path),
        "encoding": encoding or file_encoding(source.path, source.encoding),
        "sha256": sha,
        "n_chars": len(text),
        "start": 0,
        "end": len(text),
        "text": text,
    }


# The fields of an article's row read from its text unless the manifest gives them: a function of
# the text, the manifest row and the file name only (so the cache keeps them, ``cache.article_fields``).
INFERRED_FIELDS = ("outlet", "title", "published", "published_source", "published_start", "published_end",
                   "timezone", "timezone_source", "url")


def inferred_fields(source: ArticleSource, text: str) -> dict[str, object]:
    """What the manifest says of an article, and what its text says where the manifest is silent
    (outlet, title, publication date and where it is written, time zone, address)."""
    fields = header_fields(text)
    found = None if source.published else infer_published(text)
    published = source.published or (found.date if found else None)
    # A date line already searched for and not found is not searched for again (``_header_zone_of``).
    header = found is not None or source.published
    stated = None if source.timezone else (
        infer_timezone(text) or (_header_zone_of(text, found) if header else None) or stamp_zone(text))
    named = source.outlet or infer_outlet(text) or header_outlet(fields)
    assumed = assumed_zone(text, named, found) if not source.timezone and stated is None else None
    zone = source.timezone or (stated.zone if stated else assumed or DEFAULT_TIMEZONE)
    return {
        "outlet": named or article_id(source.path),
        "title": source.title or header_title(text, fields),
        "published": pd.Timestamp(published) if published else pd.NaT,
        "published_source": "manifest" if source.published else _found_source(found),
        "published_start": found.start if found else pd.NA,  # text[published_start:published_end] is the date
        "published_end": found.end if found else pd.NA,
        "timezone": zone,
        "timezone_source": "manifest" if source.timezone else "text" if stated else "assumed" if assumed else "default",
        "url": source.url or header_url(fields),
    }


def _found_source(found: PublishedDate | None) -> str:
    """``published_source`` of a date read from the text: its header, or the post-body fallback."""
    return "none" if found is None else "post body" if found.cue == "body" else "text"


ARTICLE_COLUMNS = [
    "article", "outlet", "title", "published", "published_source", "published_start", "published_end",
    "timezone", "timezone_source", "url", "path",
    "encoding", "sha256", "n_chars", "start", "end", "text",
]


def article_frame(sources: list[ArticleSource]) -> pd.DataFrame:
    """One row per article; duplicate ids are an error naming both files."""
    return records_frame([article_record(s) for s in sources])


def records_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The articles frame of these :func:`article_record` rows; duplicate ids are an error naming both files."""
    _check_unique(zip((r["article"] for r in records), (r["path"] for r in records)))
    return _typed_articles(pd.DataFrame(records, columns=ARTICLE_COLUMNS))


def concat_article_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The articles frames of consecutive batches of sources joined into the one ``article_frame``
    of all of them gives: each categorical column whose vocabulary is read from the rows (outlet,
    zone, encoding) gets the vocabulary of every batch; duplicate ids across batches are an error."""
    frame = pd.concat([f.astype({c: object for c in INFERRED_CATEGORIES}) for f in frames], ignore_index=True)
    _check_unique(zip(frame["article"].tolist(), frame["path"].tolist()))
    return _typed_articles(frame)


INFERRED_CATEGORIES = ("outlet", "timezone", "encoding")


def _check_unique(ids_and_paths) -> None:
    seen: dict[str, str] = {}
    for article, path in ids_and_paths:
        if article in seen:
            raise ArticleError(path, f"article id {article!r} also used by {seen[article]}")
        seen[str(article)] = str(path)


def _typed_articles(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {"article": "string", "outlet": "category", "title": "string", "timezone": "category",
         "url": "string", "path": "string", "encoding": "category", "sha256": "string",
         "n_chars": "int64", "start": "int64", "end": "int64", "text": "string",
         "published": "datetime64[ns]",
         "published_source": pd.CategoricalDtype(PUBLISHED_SOURCES),
         "published_start": "Int64", "published_end": "Int64",
         "timezone_source": pd.CategoricalDtype(TIMEZONE_SOURCES)}
    )
