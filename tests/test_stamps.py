"""Tests for liveblogs.ingest.stamps: live-blog time stamps and cross-references."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveblogs.ingest.stamps import (
    _DIGIT_RUN_RX,
    _PASSES,
    accepted_matches,
    starts_before,
    ZONE_WORDS,
    ZONES,
    CrossRef,
    Stamp,
    find_cross_references,
    find_stamps,
    parse_stamp_line,
    split_trailing_stamp,
)

from .growth import cpu_ratio

FORMS = {
    "12h_dot", "12h_colon", "12h_hour", "24h_colon", "24h_dot", "24h_nocolon", "with_zone",
    "date_time", "weekday_date_time", "time_date", "relative", "relative_time",
}

SKY_HEALEY = (
    "UK defence secretary John Healey said \"there can be no negotiation about Ukraine without "
    "Ukraine\" while also calling for Ukraine's voice to be at the heart of any talks "
    "(see our 8.06am post)."
)
SKY_POST_AT = "... (see post at 8.53am)."
SKY_BOAST = (
    "Following on from his boast earlier this morning that Russia can't be beaten (see 6.54am), "
    "he's now said ..."
)


def clock(stamp: Stamp | None) -> tuple[int, int] | None:
    """(hour, minute) of a stamp, or None."""
    return None if stamp is None else (stamp.hour, stamp.minute)


# ----------------------------------------------------------------- stamp lines, every form


@pytest.mark.parametrize(
    "line, hour, minute, tz, date, weekday, form",
    [
        ("10.24am", 10, 24, None, None, None, "12h_dot"),
        ("10.24pm", 22, 24, None, None, None, "12h_dot"),
        ("12.30pm", 12, 30, None, None, None, "12h_dot"),
        ("12.05am", 0, 5, None, None, None, "12h_dot"),
        ("10:37 AM", 10, 37, None, None, None, "12h_colon"),
        ("5:30 p.m.", 17, 30, None, None, None, "12h_colon"),
        ("11am", 11, 0, None, None, None, "12h_hour"),
        ("14:05", 14, 5, None, None, None, "24h_colon"),
        ("9:05", 9, 5, None, None, None, "24h_colon"),
        ("16:12 GMT", 16, 12, "UTC", None, None, "with_zone"),
        ("6.14pm GMT", 18, 14, "UTC", None, None, "with_zone"),
        ("10:24 BST", 10, 24, "Europe/London", None, None, "with_zone"),
        ("10:24 CET", 10, 24, "Europe/Paris", None, None, "with_zone"),
        ("10:24 CEST", 10, 24, "Europe/Paris", None, None, "with_zone"),
        ("10:24 a.m. ET", 10, 24, "America/New_York", None, None, "with_zone"),
        ("10:24 EDT", 10, 24, "America/New_York", None, None, "with_zone"),
        ("7:10 PT", 7, 10, "America/Los_Angeles", None, None, "with_zone"),
        ("10:24 EET", 10, 24, "Europe/Kyiv", None, None, "with_zone"),
        ("10:24 Kyiv time", 10, 24, "Europe/Kyiv", None, None, "with_zone"),
        ("10:24 MSK", 10, 24, "Europe/Moscow", None, None, "with_zone"),
        ("10:24 Moscow time", 10, 24, "Europe/Moscow", None, None, "with_zone"),
        ("10:24 UTC", 10, 24, "UTC", None, None, "with_zone"),
        ("10:24Z", 10, 24, "UTC", None, None, "with_zone"),
        ("10:24 UTC+3", 10, 24, "Etc/GMT-3", None, None, "with_zone"),
        ("1405 GMT", 14, 5, "UTC", None, None, "24h_nocolon"),
        ("1405", 14, 5, None, None, None, "24h_nocolon"),
        ("10.24 GMT", 10, 24, "UTC", None, None, "24h_dot"),
        ("Thursday 13 February 2025 10:24", 10, 24, None, dt.date(2025, 2, 13), "Thursday",
         "weekday_date_time"),
        ("Thu 13 Feb 2025 10.24 GMT", 10, 24, "UTC", dt.date(2025, 2, 13), "Thursday",
         "weekday_date_time"),
        ("Thursday 10 August 2023 11:52, UK", 11, 52, "Europe/London", dt.date(2023, 8, 10),
         "Thursday", "weekday_date_time"),
        ("13 February 2025, 10:24 GMT", 10, 24, "UTC", dt.date(2025, 2, 13), None, "date_time"),
        ("February 24, 2022 10:03am", 10, 3, None, dt.date(2022, 2, 24), None, "date_time"),
        ("Posted on 24 March 2019 | 9:15 pm", 21, 15, None, dt.date(2019, 3, 24), None, "date_time"),
        ("10:24 Thu 13 Feb", 10, 24, None, dt.date(2025, 2, 13), "Thursday", "time_date"),
        ("Updated 1:22 PM EDT, Sat October 26, 2024", 13, 22, "America/New_York",
         dt.date(2024, 10, 26), "Saturday", "time_date"),
        ("Update 2:03 p.m. EST Feb. 19:", 14, 3, "America/New_York", dt.date(2025, 2, 19), None,
         "time_date"),
        ("Posted at 10.24am", 10, 24, None, None, None, "12h_dot"),
        ("Updated at 10.31am GMT", 10, 31, "UTC", None, None, "with_zone"),
        ("Published 16:12", 16, 12, None, None, None, "24h_colon"),
        ("Posted at 10.24", 10, 24, None, None, None, "24h_dot"),
        ("Posted at 2014", 20, 14, None, None, None, "24h_nocolon"),
        ("0930", 9, 30, None, None, None, "24h_nocolon"),
        ("   16:45   ", 16, 45, None, None, None, "24h_colon"),
    ],
)
def test_parse_stamp_line_forms(line, hour, minute, tz, date, weekday, form):
    stamp = parse_stamp_line(line, 2025)
    assert stamp is not None
    assert (stamp.hour, stamp.minute, stamp.tz, stamp.date, stamp.weekday, stamp.form) == (
        hour, minute, tz, date, weekday, form)
    assert stamp.relative_minutes is None
    assert line[stamp.start:stamp.end] == stamp.text


@pytest.mark.parametrize(
    "line, minutes",
    [("2h ago", 120), ("35 min ago", 35), ("1 hour ago", 60), ("3 hours ago", 180),
     ("2 hr 5 min ago", 125), ("1d ago", 1440), ("Updated 10m ago", 10)],
)
def test_parse_stamp_line_relative(line, minutes):
    stamp = parse_stamp_line(line)
    assert stamp is not None and stamp.form == "relative"
    assert (stamp.hour, stamp.minute, stamp.relative_minutes) == (-1, -1, minutes)
    assert stamp.tz is None and stamp.date is None


def test_relative_with_clock_on_one_line():
    stamp = parse_stamp_line("5h ago 16:45")
    assert stamp is not None
    assert (stamp.hour, stamp.minute, stamp.relative_minutes, stamp.form) == (16, 45, 300, "relative_time")
    assert stamp.text == "5h ago 16:45"


def test_date_year_defaults_and_missing():
    assert parse_stamp_line("10:24 Thu 13 Feb").date is None  # no year anywhere: no date
    assert parse_stamp_line("10:24 Thu 13 Feb", 2024).date == dt.date(2024, 2, 13)
    assert parse_stamp_line("13 Feb 2023 10:24", 2024).date == dt.date(2023, 2, 13)  # stamp's year wins
    assert parse_stamp_line("29 Feb 10:24", 2025).date is None  # not a day in 2025
    assert parse_stamp_line("29 Feb 10:24", 2024).date == dt.date(2024, 2, 29)


def test_impossible_date_falls_back_to_plain_time():
    stamps = find_stamps("31 February 2025 10:24")
    assert [(s.text, s.form) for s in stamps] == [("10:24", "24h_colon")]


@pytest.mark.parametrize(
    "line",
    [
        "", "   ", "Rutte arrives in Brussels", "Rutte arrives in Brussels 10.24am", "2014",
        "10.24", "8.5", "2.3%", "$300bn", "140 drones", "13.02.2025", "3-1", "25:00", "10.75am",
        "24:00", "10:60", "13 February 2025", "Thursday", "10:24 10:30", "10:24:33", "v1.10.24",
        "earlier this morning", "10 24", "2h", "5%", "1.5 hours ago", "x" * 500 + " 10:24",
    ],
)
def test_parse_stamp_line_rejects(line):
    assert parse_stamp_line(line, 2025) is None


# ----------------------------------------------------------------- stamps in running text


def test_find_stamps_in_prose():
    s = "At 8.06am the minister spoke; by 16:12 GMT the vote was over, and at 1405 GMT it was done."
    stamps = find_stamps(s)
    assert [(x.text, x.hour, x.minute, x.form) for x in stamps] == [
        ("8.06am", 8, 6, "12h_dot"),
        ("16:12 GMT", 16, 12, "with_zone"),
        ("1405 GMT", 14, 5, "24h_nocolon"),
    ]
    for x in stamps:
        assert s[x.start:x.end] == x.text


def test_find_stamps_two_zones_marca():
    stamps = find_stamps("06:45 GMT/ 00:45 CST: Despite all the bombings, Ukraine remains")
    assert [(x.hour, x.minute, x.tz) for x in stamps] == [(6, 45, "UTC"), (0, 45, "America/Chicago")]


def test_find_stamps_moscow_times_prefix():
    stamps = find_stamps("3:45 p.m.: A Ukrainian military plane crashed south of Kyiv.")
    assert [(x.text, x.hour, x.minute) for x in stamps] == [("3:45 p.m.", 15, 45)]


def test_find_stamps_dated_forms_in_text():
    s = "First published on Thu 13 Feb 2025 10.24 GMT. Last modified 13 February 2025, 12:02 GMT"
    stamps = find_stamps(s)
    assert [(x.form, x.hour, x.minute, x.date) for x in stamps] == [
        ("weekday_date_time", 10, 24, dt.date(2025, 2, 13)),
        ("date_time", 12, 2, dt.date(2025, 2, 13)),
    ]


def test_find_stamps_relative_in_text():
    (stamp,) = find_stamps("Sky News 2h ago: Biden to visit Poland")
    assert stamp.relative_minutes == 120 and stamp.form == "relative"


@pytest.mark.parametrize(
    "text",
    [
        "In 2014 Russia annexed Crimea.", "Russia launched 140 drones overnight.",
        "Inflation rose 2.3% in January.", "The fund is worth $300bn.", "Rates fell 5%.",
        "GDP grew 8.5 per cent.", "Upgrade to version 3.11.4 or 10.2.1.", "On 13.02.2025 they met.",
        "Brazil won 3-1.", "It was 25:00 in the film.", "At 10.75am nothing.", "He is 12.",
        "boast earlier this morning", "1.5 hours ago", "Score 24:10 in the final", "IP 10.24.1.3",
        "Price: £10.24.", "Table 12.30 shows", "Room 1405 is free", "I am 12 years old",
        "may 13 people",
    ],
)
def test_find_stamps_negatives(text):
    assert find_stamps(text) == []


def test_boast_earlier_this_morning_has_no_stamp():
    stamps = find_stamps(SKY_BOAST)
    assert [(s.text, s.hour, s.minute) for s in stamps] == [("6.54am", 6, 54)]
    assert find_stamps("Following on from his boast earlier this morning that Russia can't be beaten") == []


@pytest.mark.parametrize("bad", ["25:00", "10.75am", "13.00pm", "0.30am", "23:60", "99:99"])
def test_invalid_times_rejected(bad):
    assert find_stamps(f"at {bad} today") == []


def test_seconds_not_taken_as_minutes():
    assert find_stamps("clip 10:24:33 long") == []


# ----------------------------------------------------------------- split_trailing_stamp


@pytest.mark.parametrize(
    "line, offset, text",
    [
        ("Rutte arrives in Brussels10.24am", 25, "10.24am"),
        ("Rutte arrives in Brussels 16:12 GMT", 26, "16:12 GMT"),
        ("Rutte arrives in Brussels 1405 GMT  ", 26, "1405 GMT"),
        ("Healey: no talks without Ukraine 10:24 Thu 13 Feb", 33, "10:24 Thu 13 Feb"),
    ],
)
def test_split_trailing_stamp(line, offset, text):
    result = split_trailing_stamp(line, 2025)
    assert result is not None
    start, stamp = result
    assert (start, stamp.text) == (offset, text)
    assert line[stamp.start:stamp.end] == text and stamp.start == start


@pytest.mark.parametrize(
    "line",
    ["10.24am", "Rutte arrives in Brussels", "Rutte arrives at 10.24am in Brussels",
     "Polls close at 10pm", "Rutte arrives in Brussels 2014", "Rutte arrives in Brussels 10.24", ""],
)
def test_split_trailing_stamp_none(line):
    assert split_trailing_stamp(line) is None


def test_split_trailing_stamp_long_line_offsets():
    line = "word " * 10_000 + "Rutte arrives10.24am"
    start, stamp = split_trailing_stamp(line)
    assert line[start:] == "10.24am" and stamp.start == start and stamp.end == len(line)


# ----------------------------------------------------------------- cross-references


def test_cross_reference_sky_see_our_post():
    (ref,) = find_cross_references(SKY_HEALEY)
    assert (ref.text, ref.hour, ref.minute) == ("(see our 8.06am post)", 8, 6)
    assert SKY_HEALEY[ref.start:ref.end] == ref.text


def test_cross_reference_sky_post_at():
    (ref,) = find_cross_references(SKY_POST_AT)
    assert (ref.text, ref.hour, ref.minute, ref.form) == ("(see post at 8.53am)", 8, 53, "see_post_at")


def test_cross_reference_sky_bare_see():
    (ref,) = find_cross_references(SKY_BOAST)
    assert (ref.text, ref.hour, ref.minute, ref.form) == ("(see 6.54am)", 6, 54, "see_time")


@pytest.mark.parametrize(
    "text, ref_text, hour, minute, form",
    [
        ("Earlier (see our 7.50am post) he said", "(see our 7.50am post)", 7, 50, "see_time_post"),
        ("He apologised. (See 2.49pm.)", "(See 2.49pm.)", 14, 49, "see_time"),
        ("No 10 said so (see 12.06pm), she said", "(see 12.06pm)", 12, 6, "see_time"),
        ("as detailed (see 09:15 post).", "(see 09:15 post)", 9, 15, "see_time_post"),
        ("As we reported at 9.15am, talks failed", "As we reported at 9.15am", 9, 15, "reported_at"),
        ("which, as we reported earlier at 9.15am, failed", "as we reported earlier at 9.15am", 9, 15,
         "reported_at"),
        ("Details in our 10.24am post.", "in our 10.24am post", 10, 24, "in_our_post"),
        ("Details in our post at 10.24am.", "in our post at 10.24am", 10, 24, "in_post_at"),
        ("• Rutte arrived in Brussels (10.24am)\n• Next", "(10.24am)", 10, 24, "bracket_time"),
        ("Rutte arrived in Brussels (10.24am).", "(10.24am)", 10, 24, "bracket_time"),
        ("Rutte arrived in Brussels (10.24am)", "(10.24am)", 10, 24, "bracket_time"),
    ],
)
def test_cross_reference_forms(text, ref_text, hour, minute, form):
    (ref,) = find_cross_references(text)
    assert (ref.text, ref.hour, ref.minute, ref.form) == (ref_text, hour, minute, form)
    assert text[ref.start:ref.end] == ref_text


def test_cross_reference_list():
    refs = find_cross_references("the protocol (See 11.54am and 12.06pm.) was")
    assert [(r.hour, r.minute, r.form) for r in refs] == [(11, 54, "see_list"), (12, 6, "see_list")]
    assert all(r.text == "(See 11.54am and 12.06pm.)" for r in refs)


@pytest.mark.parametrize(
    "text",
    [
        "Rutte arrived at 10.24am in Brussels.", "Brazil won (3-1).", "(see 2014)", "(see page 12)",
        "(10.24am) and then he left", "boast earlier this morning", "(see 2.3%)", "(see 10.24)",
        "Fund of (£10.24).",
    ],
)
def test_cross_reference_negatives(text):
    assert find_cross_references(text) == []


# ----------------------------------------------------------------- tables


def test_zone_tables_name_real_zones():
    for name in [*ZONES.values(), *(v for v in ZONE_WORDS.values() if v)]:
        zoneinfo.ZoneInfo(name)
    zoneinfo.ZoneInfo("Etc/GMT-3")


def test_brief_zone_mapping():
    expect = {"GMT": "UTC", "UTC": "UTC", "Z": "UTC", "BST": "Europe/London", "CET": "Europe/Paris",
              "CEST": "Europe/Paris", "ET": "America/New_York", "EST": "America/New_York",
              "EDT": "America/New_York", "PT": "America/Los_Angeles", "PST": "America/Los_Angeles",
              "PDT": "America/Los_Angeles", "EET": "Europe/Kyiv", "MSK": "Europe/Moscow"}
    assert {k: ZONES[k] for k in expect} == expect
    assert ZONE_WORDS["kyiv"] == "Europe/Kyiv" and ZONE_WORDS["moscow"] == "Europe/Moscow"


# ----------------------------------------------------------------- hostile input, linear time



HOSTILE = {
    "digits_dots": lambda n: ("1234567890." * (n // 11 + 1))[:n],
    "one_colon": lambda n: "1:" * (n // 2),
    "punctuation": lambda n: ("(.:,;-|)!?%$" * (n // 12 + 1))[:n],
    "spaces": lambda n: " " * n,
    "near_misses": lambda n: ("10:2 1.0 (see 10.7am 12.34 13 Feb 20 2h ag " * (n // 44 + 1))[:n],
    "many_stamps": lambda n: ("Thu 13 Feb 2025 10.24 GMT (see 8.06am) 5h ago " * (n // 46 + 1))[:n],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize(
    "fn", [find_stamps, find_cross_references, parse_stamp_line, split_trailing_stamp],
    ids=lambda f: f.__name__,
)
def test_linear_time(name, fn):
    small, large = HOSTILE[name](20_000), HOSTILE[name](200_000)
    ratio = cpu_ratio(lambda: fn(small), lambda: fn(large), limit=30)  # best of 3 at both sizes
    assert ratio < 30, (name, ratio)


@pytest.mark.slow
def test_huge_inputs_finish():
    t0 = time.process_time()
    assert find_stamps("1:" * 2_500_000) == []  # 5 MB
    assert find_stamps("1234567890." * 9_091) == []  # 100,000 digits and dots
    assert parse_stamp_line("1:" * 2_500_000) is None
    assert split_trailing_stamp("1:" * 2_500_000) is None
    assert find_cross_references("(see " * 200_000) == []
    assert time.process_time() - t0 < 120  # CPU seconds, generous: guards against a hang, not speed


# ----------------------------------------------------------------- properties

_TOKENS = st.sampled_from(
    ["10", "24", "1405", ".", ":", "am", "pm", "a.m.", " ", "GMT", "BST", "Z", "(", ")", "see ",
     "our ", "post", " at ", "h ago", "min", "Thu", "13", "Feb", "2025", ",", "UK", "\n", "12",
     "Kyiv time", "as we reported at ", "0", "9", "-", "UTC+3", "x"]
)
_ARBITRARY = st.one_of(st.text(max_size=300), st.lists(_TOKENS, max_size=60).map("".join))


def _check_stamp(s: str, stamp: Stamp) -> None:
    assert s[stamp.start:stamp.end] == stamp.text
    assert stamp.form in FORMS
    if stamp.form == "relative":
        assert (stamp.hour, stamp.minute) == (-1, -1) and stamp.relative_minutes is not None
    else:
        assert 0 <= stamp.hour <= 23 and 0 <= stamp.minute <= 59


@settings(max_examples=300, deadline=None)
@given(_ARBITRARY)
def test_property_offsets_are_exact(s):
    stamps = find_stamps(s, 2025)
    for stamp in stamps:
        _check_stamp(s, stamp)
    assert all(a.end <= b.start for a, b in zip(stamps, stamps[1:]))
    line = parse_stamp_line(s, 2025)
    if line is not None:
        _check_stamp(s, line)
        assert line.text == line.text.strip()
    split = split_trailing_stamp(s, 2025)
    if split is not None:
        offset, stamp = split
        assert offset == stamp.start and stamp.end == len(s.rstrip())
        _check_stamp(s, stamp)
    for ref in find_cross_references(s):
        assert isinstance(ref, CrossRef) and s[ref.start:ref.end] == ref.text
        assert 0 <= ref.hour <= 23 and 0 <= ref.minute <= 59


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-10**9, 10**9).map(str),
                 st.floats(0, 10**6, allow_nan=False).map(lambda x: f"{x:.1f}"),
                 st.floats(0, 10**6, allow_nan=False).map(lambda x: f"{x:.2f}%"),
                 st.integers(0, 10**6).map(lambda n: f"${n}bn"),
                 st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]}-{t[1]}"),
                 st.dates().map(lambda d: d.strftime("%d.%m.%Y"))))
def test_property_numbers_are_not_stamps(token):
    assert find_stamps(f"The figure was {token} today.") == []


_WD_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _format(form: str, h: int, m: int, day: dt.date, variant: int) -> tuple[str, str | None]:
    """A stamp of ``form`` for h:m on ``day``, and the tz it should resolve to."""
    h12, ap = h % 12 or 12, ("am", "pm", "AM", "PM", "a.m.", "p.m.")[2 * (variant % 3) + (h >= 12)]
    zones = sorted(z for z in ZONES if z != "Z")
    zone = zones[variant % len(zones)]
    month = day.strftime("%B")
    weekday = _WD_FULL[day.weekday()]
    if form == "12h_dot":
        return f"{h12}.{m:02d}{ap}", None
    if form == "12h_colon":
        return f"{h12}:{m:02d} {ap}", None
    if form == "24h_colon":
        return (f"{h:02d}:{m:02d}" if variant % 2 else f"{h}:{m:02d}"), None
    if form == "24h_nocolon":
        return f"{h:02d}{m:02d} {zone}", ZONES[zone]
    if form == "24h_dot":
        return f"{h:02d}.{m:02d} {zone}", ZONES[zone]
    if form == "with_zone":
        return f"{h:02d}:{m:02d} {zone}", ZONES[zone]
    if form == "date_time":
        return f"{day.day} {month} {day.year}, {h:02d}:{m:02d} GMT", "UTC"
    if form == "weekday_date_time":
        return f"{weekday[:3]} {day.day} {month[:3]} {day.year} {h:02d}.{m:02d} GMT", "UTC"
    if form == "time_date":
        return f"{h:02d}:{m:02d} {weekday} {day.day} {month} {day.year}", None
    raise AssertionError(form)


@settings(max_examples=400, deadline=None)
@given(
    form=st.sampled_from(["12h_dot", "12h_colon", "24h_colon", "24h_nocolon", "24h_dot", "with_zone",
                          "date_time", "weekday_date_time", "time_date"]),
    h=st.integers(0, 23), m=st.integers(0, 59),
    day=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), variant=st.integers(0, 50),
)
def test_property_round_trip(form, h, m, day, variant):
    text, tz = _format(form, h, m, day, variant)
    dated = form in ("date_time", "weekday_date_time", "time_date")
    for stamp in (parse_stamp_line(text, 2025), *find_stamps(f"Update: {text} from the front.", 2025)):
        assert stamp is not None
        assert (stamp.hour, stamp.minute, stamp.form, stamp.tz) == (h, m, form, tz)
        assert stamp.date == (day if dated else None)
        if form in ("weekday_date_time", "time_date"):
            assert stamp.weekday == _WD_FULL[day.weekday()]
    (only,) = find_stamps(f"Update: {text} from the front.", 2025)
    assert only.text == text


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 999), unit=st.sampled_from([("h", 60), (" hours", 60), ("m", 1), (" min", 1),
                                                       (" minutes", 1), ("d", 1440), (" days", 1440)]))
def test_property_relative_round_trip(n, unit):
    suffix, factor = unit
    stamp = parse_stamp_line(f"{n}{suffix} ago")
    assert stamp is not None and stamp.relative_minutes == n * factor and stamp.form == "relative"


@settings(max_examples=200, deadline=None)
@given(h=st.integers(0, 23), m=st.integers(0, 59), head=st.sampled_from(["Rutte arrives in Brussels",
                                                                        "Zelenskyy: 'we will win'"]))
def test_property_split_trailing_round_trip(h, m, head):
    h12, ap = h % 12 or 12, "am" if h < 12 else "pm"
    line = f"{head}{h12}.{m:02d}{ap}"
    start, stamp = split_trailing_stamp(line)
    assert start == len(head) and clock(stamp) == (h, m)


@settings(max_examples=200, deadline=None)
@given(h=st.integers(0, 23), m=st.integers(0, 59),
       tmpl=st.sampled_from(["(see our {t} post)", "(see post at {t})", "(see {t})", "(See {t}.)",
                             "as we reported at {t}", "in our {t} post"]))
def test_property_cross_reference_round_trip(h, m, tmpl):
    t = f"{h % 12 or 12}.{m:02d}{'am' if h < 12 else 'pm'}"
    phrase = tmpl.format(t=t)
    text = f"The minister spoke {phrase}, officials said."
    (ref,) = find_cross_references(text)
    assert (ref.hour, ref.minute, ref.text) == (h, m, phrase)


@pytest.mark.parametrize("line, hour, minute", [("April 22, 2025 · 5:06 AM ET", 5, 6), ("17 February 2025 • 7.12pm", 19, 12)])
def test_a_middle_dot_or_bullet_may_separate_date_and_time(line: str, hour: int, minute: int) -> None:
    stamp = parse_stamp_line(line, 2025)
    assert stamp is not None and (stamp.hour, stamp.minute) == (hour, minute) and stamp.date is not None


_CLOCK_PIECES = st.sampled_from([
    "10", "1", "0", "9", "23", "1534", "00", "59", "٣", "²", ":", ".", "am", "pm", "p.m.", " ", "\u00a0", "GMT", "BST",
    "(IST)", "UK", "+1", "h", "hours", "mins", "ago", "2025", "Feb", "13", "on", "at", "-", "$", "£", "x", "\n", ",",
    "Thursday", "WEDNESDAY", "Thu", "September", "SEPT", "février", "giovedì", "of", "de", "th", "|", "[", "]",
])
# a stamp-like run: pieces each followed by a separator, so long date-then-time stamps occur
_STAMP_LIKE = st.lists(st.tuples(_CLOCK_PIECES, st.sampled_from([" ", ", ", ". ", "", ":", " at ", " | "])),
                       min_size=3, max_size=8).map(lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_CLOCK_PIECES, _STAMP_LIKE, st.just("Thursday, Feb. 13, 2025 at 10:24 a.m. GMT"),
                          st.just("giovedì 13 febbraio 2025 17:38")), max_size=20), st.booleans())
def test_passes_tried_near_digit_runs_find_what_a_full_search_finds(pieces: list[str], line_mode: bool) -> None:
    # every stamp holds a digit and its first digit starts a run: tried only up to its reach before
    # a run, a pass finds what a search from every character finds
    text = "".join(pieces)
    runs = [m.start() for m in _DIGIT_RUN_RX.finditer(text)]
    for kind, rx, builder, reach in _PASSES:
        accept = lambda m, k=kind, b=builder: b(m, k, 2025, line_mode)  # noqa: E731
        if reach is not None:
            assert list(accepted_matches(rx, text, accept, starts_before(runs, reach))) == list(accepted_matches(rx, text, accept)), kind
