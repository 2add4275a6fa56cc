"""Text conventions of real live-blog pages (issue 16), each with invented text in the convention.

Every test is named for a convention, not for a page: the shapes come from copied pages of
other outlets (BBC feed lists, wire stamps, Reach plc and Express stamp lines, NDTV and Times
of India stamps, CNN transcripts, Sky page headers, scrapers' header lines).
"""

from __future__ import annotations

import pandas as pd
import pytest

import liveblogs
from liveblogs.ingest import stamps


def load(write_article, text: str, name: str = "article.txt") -> liveblogs.Corpus:
    return liveblogs.load_corpus(write_article(text, name), cache=False)


def posts_of(corpus: liveblogs.Corpus) -> pd.DataFrame:
    return corpus.posts[corpus.posts["kind"] == "post"].reset_index(drop=True)


def hhmm(values) -> list[str]:
    return [None if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d %H:%M %Z") for v in values]


NUMBERED_FEED = """Nato ministers meet in Brussels

Thursday 13 February 2025

1. Spending row dominates the meetingpublished at 16:12 Greenwich Mean Time 13 February

Ministers argued over how much each ally should spend.

2. Alliance chief welcomes the talkspublished at 15:40 Greenwich Mean Time

The secretary general said the meeting had been useful.

3. Delegations arrive at headquarterspublished at 15:02 GMT 13 February 2025

The first delegations arrived before lunch.
"""


def test_numbered_feed_posts_with_a_stamp_run_on_to_the_headline(write_article) -> None:
    posts = posts_of(load(write_article, NUMBERED_FEED))
    assert posts["headline"].tolist() == [
        "Spending row dominates the meeting", "Alliance chief welcomes the talks", "Delegations arrive at headquarters",
    ]  # the list number and the glued "published at" cue are not the headline's
    assert hhmm(posts["time"]) == ["2025-02-13 16:12 UTC", "2025-02-13 15:40 UTC", "2025-02-13 15:02 UTC"]
    assert set(posts["time_source"].astype(str)) == {"explicit"}


def test_a_key_events_list_of_stamped_headlines_opens_no_post(write_article) -> None:
    text = ("Live: ministers meet\n\nThursday 13 February 2025\n\nKey Events\n\n* Spending row dominates16:12\n\n* Talks open14:05\n\n"
            "16:12\n\nSpending row dominates\n\nMinisters argued over spending.\n")
    posts = posts_of(load(write_article, text))
    assert posts.loc[posts["time_source"] == "explicit", "headline"].tolist() == ["Spending row dominates"]
    assert not posts["headline"].astype(str).str.contains("Talks open|16:12").any()  # the list's entries open none


@pytest.mark.parametrize("line, hour, minute, zone", [
    ("1534 GMT — Ministers gather", 15, 34, "UTC"),
    ("0912 BST - Ministers gather", 9, 12, "Europe/London"),
    ("10.24am GMT: Ministers gather", 10, 24, "UTC"),
])
def test_wire_stamps_hhmm_zone_dash_headline(write_article, line, hour, minute, zone) -> None:
    text = f"Live: ministers meet\n\nPublished: 13 February 2025\n\n{line}\n\nThe ministers arrived in the morning.\n"
    corpus = load(write_article, text)
    post = posts_of(corpus).iloc[0]
    assert (post["time"].hour, post["time"].minute) == (hour, minute) and post["time_source"] == "explicit"
    assert post["headline"] == "Ministers gather"  # the stamp and its dash are the time's, not the headline's
    article = corpus.articles.iloc[0]
    assert (article["timezone"], article["timezone_source"]) == (zone, "text")  # the stamps' zone, stated


@pytest.mark.parametrize("line, stamp_text", [
    ("21:22Jane Roberts", "21:22"),                # a clock with the author glued on
    ("20:42KEY EVENT", "20:42"),                   # a clock with a badge glued on
    ("21 mins ago 11:48 Jane Roberts", "21 mins ago 11:48"),   # relative + absolute + author
    ("2 hours ago 10:05Jane Roberts", "2 hours ago 10:05"),
])
def test_glued_and_relative_absolute_stamp_lines(line, stamp_text) -> None:
    stamp = stamps.parse_stamp_line(line)
    assert stamp is not None and stamp.text == stamp_text
    tail = stamps.stamp_tail(line, stamp)
    assert tail is not None and line[tail[0]:tail[1]] in ("Jane Roberts", "KEY EVENT")


def test_a_spaced_name_after_a_lone_clock_is_no_stamp_line() -> None:
    assert stamps.parse_stamp_line("16:00 Deadline Passes") is None  # could be a headline


@pytest.mark.parametrize("line, zone", [
    ("* November 02 2023 21:06 (IST)", "Asia/Kolkata"),
    ("19:02 (IST), Oct 02", "Asia/Kolkata"),
    ("10:15 (CET)", "Europe/Paris"),
])
def test_zone_in_brackets_and_bulleted_dated_stamps(line, zone) -> None:
    stamp = stamps.parse_stamp_line(line, 2023)
    assert stamp is not None and stamp.tz == zone


def test_a_bulleted_bare_clock_is_a_list_entry_not_a_stamp_line() -> None:
    assert stamps.parse_stamp_line("* 16:48") is None


@pytest.mark.parametrize("spelled, zone", [
    ("Greenwich Mean Time", "UTC"), ("GMT", "UTC"), ("BST", "Europe/London"), ("ET", "America/New_York"),
    ("EST", "America/New_York"), ("EDT", "America/New_York"), ("CET", "Europe/Paris"), ("(IST)", "Asia/Kolkata"),
])
def test_spelled_out_and_abbreviated_zones_are_the_articles_stated_zone(write_article, spelled, zone) -> None:
    text = (f"Live: ministers meet\n\nThursday 13 February 2025\n\n16:12 {spelled}\n\nTalks open\n\n"
            f"The talks opened in the afternoon.\n\n15:40 {spelled}\n\nMinisters arrive\n\nThe ministers arrived.\n")
    article = load(write_article, text).articles.iloc[0]
    assert (article["timezone"], article["timezone_source"]) == (zone, "text")


def test_page_level_weekday_date_time_uk_line_is_the_page_date_and_zone(write_article) -> None:
    text = ("Ministers meet in Brussels\n\nThursday 13 February 2025 17:38, UK\n\n16:45\n\nTalks open\n\n"
            "The talks opened in the afternoon.\n")
    corpus = load(write_article, text)
    article = corpus.articles.iloc[0]
    assert str(article["published"].date()) == "2025-02-13"
    assert (article["timezone"], article["timezone_source"]) == ("Europe/London", "text")
    assert hhmm(posts_of(corpus)["time"]) == ["2025-02-13 16:45 GMT"]


TRANSCRIPT = """NEWS NIGHT

Aired February 13, 2025 - 03:00 ET

[03:00:00]

JANE ROBERTS, ANCHOR: Welcome to our viewers. Ministers are meeting in Brussels.

JOHN SMITH, U.S. DEFENSE SECRETARY: We will not be taken advantage of. Allies must do more.

ROBERTS: Our correspondent joins us now.

[03:15:00] ROBERTS: Turning to markets now. Stocks rose on Thursday.

UNIDENTIFIED MALE: It was a good day.
"""


def test_transcript_time_markers_start_posts_and_speaker_turns_stay_in_them(write_article) -> None:
    corpus = load(write_article, TRANSCRIPT)
    posts = posts_of(corpus)
    assert len(posts) == 2
    assert "JOHN SMITH, U.S. DEFENSE SECRETARY:" in posts["text"].iloc[0]  # the turn stays in its post
    assert posts["text"].iloc[1].startswith("[03:15:00] ROBERTS:")
    assert hhmm(posts["time"]) == ["2025-02-13 03:00 EST", "2025-02-13 03:15 EST"]
    article = corpus.articles.iloc[0]
    assert str(article["published"].date()) == "2025-02-13" and article["timezone"] == "America/New_York"


HEADER_LINES = """Source: Example Wire
URL: https://www.example-news.com/live/ministers-2025-02-13
Published: 13 February 2025

Ministers meet in Brussels

1534 GMT — Talks open

The talks opened in the afternoon.
"""


def test_source_url_published_header_lines_are_metadata_not_titles_or_posts(write_article) -> None:
    corpus = load(write_article, HEADER_LINES)
    article = corpus.articles.iloc[0]
    assert article["title"] == "Ministers meet in Brussels"
    assert article["url"] == "https://www.example-news.com/live/ministers-2025-02-13"
    assert article["outlet"] == "Example Wire" and str(article["published"].date()) == "2025-02-13"
    rows = corpus.posts
    header = rows[rows["kind"] == "metadata"]
    assert header["text"].tolist() == [line for line in HEADER_LINES.split("\n")[:3]]
    text = corpus.text("article")
    assert all(text[s:e] == t for s, e, t in zip(header["start"], header["end"], header["text"]))  # kept, with offsets
    assert rows.loc[rows["kind"] == "title", "text"].tolist() == ["Ministers meet in Brussels"]


def test_outlet_from_the_url_domain_when_nothing_better(write_article) -> None:
    text = "URL: https://www.example-news.com/live/x\n\nMinisters meet\n\n1534 GMT — Talks open\n\nThe talks opened.\n"
    assert load(write_article, text).articles["outlet"].iloc[0] == "example-news.com"


def test_glued_scraper_byline_lines_are_bylines(write_article) -> None:
    text = ("Ministers meet in Brussels\n\nEdited by Jane RobertsJohn SmithLive reporter\n\n16:45\n\nTalks open\n\n"
            "\"We will talk,\" the minister said.\n")
    corpus = load(write_article, text)
    roles = corpus.paragraphs.set_index("text")["role"].astype(str)
    assert roles["Edited by Jane RobertsJohn SmithLive reporter"] == "byline"
    assert not corpus.quotes["speaker"].astype(str).str.contains("Roberts|Smith").any()


def test_a_post_above_the_first_stamp_gets_bounds_not_an_invented_time(write_article) -> None:
    text = ("Ministers meet in Brussels\n\nThursday 13 February 2025\n\nWhat we know\n\n"
            "Ministers are meeting today. They will discuss spending.\n\n"
            "1534 GMT — Talks open\n\nThe talks opened.\n\n1410 GMT — Ministers arrive\n\nThe ministers arrived.\n\n"
            "1302 GMT — Delegations gather\n\nDelegations gathered.\n")
    rows = posts_of(load(write_article, text))
    timed = rows[rows["time_source"] == "explicit"]
    above = rows[rows.index < timed.index.min()]
    for _, row in above.iterrows():
        assert pd.isna(row["time"]) and row["time_source"] in ("publication-date only", "unknown")
        assert pd.notna(row["time_earliest"]) and pd.notna(row["time_latest"])


def _bare_clock_blog(update_line: str) -> str:
    return ("Protests live: police ready for a second night\n\nSunday 4 August 2024\n\n"
            f"By Ann Reporter\n\n* {update_line}\n\n"
            "Counter-protesters gathered in several cities this evening.\n\n"
            "21:00\n\nLoud bang heard near the square\n\nReporters heard a loud bang near the square.\n\n"
            "20:42\n\nStones thrown at police lines\n\nStones were thrown as the crowd grew.\n\n"
            "19:11\n\nGraves damaged in a cemetery\n\nPolice are investigating damage to graves.\n")


def test_bare_clocks_of_a_blog_that_ran_on_take_the_day_of_its_last_update(write_article) -> None:
    posts = posts_of(load(write_article, _bare_clock_blog("Updated 20:49, 5 Aug 2024")))
    timed = posts[posts["time"].notna()]
    assert [t[:16] for t in hhmm(timed["time"])] == ["2024-08-05 21:00", "2024-08-05 20:42", "2024-08-05 19:11"]
    assert timed["time_evidence"].str.contains("last update").all()


def test_an_update_line_far_from_the_newest_clock_does_not_move_the_day(write_article) -> None:
    posts = posts_of(load(write_article, _bare_clock_blog("Updated 09:05, 6 Aug 2024")))
    timed = posts[posts["time"].notna()]
    assert [t[:16] for t in hhmm(timed["time"])] == ["2024-08-04 21:00", "2024-08-04 20:42", "2024-08-04 19:11"]


# --------------------------------------------------------------------------- page dates under menus
def _menu(lines: int) -> str:
    """A copied site menu: bulleted sections, sub-sections, glued link rows and list numbers."""
    sections = ["News", "Sport", "Business", "Culture", "Travel", "Weather"]
    out = ["examplepostLoad mobile navigation", "Sign In"]
    for n in range(lines):
        out.append(f"* {sections[n % 6]}" if n % 3 == 0 else f"+ {sections[(n + 2) % 6]} Extra" if n % 3 == 1
                   else "Local NewsWorld NewsOdd NewsMore GoodTeam Pages")
    return "\n".join(out + ["1.", "2.", "Got A Story?"]) + "\n\n"


def _blog_under_menu(menu_lines: int, date_line: str) -> str:
    return (_menu(menu_lines)
            + "Storm live: trains cancelled as gusts reach 90mph\n\n"
            + "Forecasters have warned of more disruption through the evening as the storm moves east.\n\n"
            + f"By\nAnn Reporter\n{date_line}\n\n"
            + "Rail operators have cancelled services across the region.\n\n"
            + "18:05Ann Reporter\n\nBridge closed to high-sided vehicles\n\nThe bridge was closed this afternoon.\n\n"
            + "16:40Ann Reporter\n\nFirst trains cancelled\n\nThe first services were cancelled at lunchtime.\n")


@pytest.mark.parametrize("menu_lines", [3, 60, 400])
def test_the_page_date_line_is_read_under_any_length_of_site_menu(write_article, menu_lines) -> None:
    corpus = load(write_article, _blog_under_menu(menu_lines, "* Updated 18:05, 13 FEB 2025"))
    article = corpus.articles.iloc[0]
    assert (str(article["published"].date()), article["published_source"]) == ("2025-02-13", "text")
    posts = posts_of(corpus)
    assert [t[:16] for t in hhmm(posts.loc[posts["time_source"] == "explicit", "time"])] == [
        "2025-02-13 18:05", "2025-02-13 16:40"]


def test_the_header_search_stops_at_its_safety_bound(write_article) -> None:
    from liveblogs.ingest.sources import HEADER_SCAN_CHARS, infer_published
    text = _blog_under_menu(HEADER_SCAN_CHARS // 10, "* Updated 18:05, 13 FEB 2025")
    assert text.index("13 FEB 2025") > HEADER_SCAN_CHARS and infer_published(text) is None


def test_a_name_set_off_by_a_bar_before_the_date_is_a_date_line(write_article) -> None:
    text = ("THE EXAMPLE HERALD | Feb 13, 2025, 18:05:11 IST\n\nCup final live: toss won by the visitors\n\n"
            "18:05 (IST), Feb 13\n\nToss won by the visitors\n\nThe visitors chose to bat.\n")
    corpus = load(write_article, text)
    article = corpus.articles.iloc[0]
    assert (str(article["published"].date()), article["timezone"]) == ("2025-02-13", "Asia/Kolkata")
    assert hhmm(posts_of(corpus)["time"])[-1] == "2025-02-13 18:05 IST"


def test_a_date_inside_a_post_is_the_page_date_only_when_nothing_else_dates_it(write_article) -> None:
    posts = ("\n\n10:24 GMT\n\nTalks resume\n\nThe talks resumed. A deal signed on 4 March 2019 was cited.\n\n"
             "Thursday 13 February 2025\n\n09:10 GMT\n\nDelegations arrive\n\nThe delegations arrived.\n")
    corpus = load(write_article, "Summit live: talks resume" + posts)
    article = corpus.articles.iloc[0]
    assert (str(article["published"].date()), article["published_source"]) == ("2025-02-13", "post body")
    dated = load(write_article, "Summit live: talks resume\n\nWednesday 12 February 2025" + posts, "dated.txt")
    article = dated.articles.iloc[0]  # a header date wins over the day heading among the posts
    assert (str(article["published"].date()), article["published_source"]) == ("2025-02-12", "text")


# --------------------------------------------------------------------------- other languages' dates
@pytest.mark.parametrize("line, zone, source", [
    ("13 Febbraio 2025 Aggiornato alle 18:05 2 minuti di lettura", "Europe/Rome", "assumed"),  # Italian
    ("giovedì 13 febbraio 2025", "Europe/Rome", "assumed"),
    ("Veröffentlicht am Donnerstag, 13. Februar 2025", "Europe/Berlin", "assumed"),  # German
    ("czwartek, 13 lutego 2025", "Europe/Warsaw", "assumed"),  # Polish, the genitive month
    ("Publié le jeudi 13 février 2025", "UTC", "default"),  # French: no one clock for French pages
    ("Actualizado el jueves, 13 de febrero de 2025", "UTC", "default"),  # Spanish: nor for Spanish ones
    ("13 novembre 2025", "UTC", "default"),  # Italian or French: in doubt, nothing assumed
])
def test_dates_in_other_languages_and_the_zone_their_language_keeps(write_article, line, zone, source) -> None:
    text = f"Diretta: la notizia del giorno\n\n{line}\n\n18:05\n\nPrima notizia\n\nIl testo della notizia.\n"
    article = load(write_article, text).articles.iloc[0]
    assert str(article["published"].date()) in ("2025-02-13", "2025-11-13")
    assert (article["timezone"], article["timezone_source"]) == (zone, source)


def test_other_languages_dates_are_checked_like_english_ones() -> None:
    from liveblogs.ingest.sources import find_dates
    assert list(find_dates("venerdì 13 febbraio 2025")) == []  # 13 February 2025 was a Thursday
    assert list(find_dates("Bruno Mars 3 2025")) == []  # month first is English order only
    assert [d.isoformat() for d, _, _ in find_dates("2 listopada 2023 r., 13 de febrero de 2025, 13. März 2025")] == [
        "2023-11-02", "2025-02-13", "2025-03-13"]
    found = stamps.find_stamps("13 lutego 2025, 18:05")
    assert [(s.date.isoformat(), s.hour, s.minute) for s in found] == [("2025-02-13", 18, 5)]


def test_an_outlets_home_clock_is_assumed_when_the_page_states_no_zone(write_article) -> None:
    text = ("Storm live: trains cancelled\n\nThursday 14 August 2025\n\n"
            "18:05\n\nBridge closed\n\nThe bridge was closed.\n\n"
            "Copyright 2025 Daily Mirror. All rights reserved.\n")
    article = load(write_article, text).articles.iloc[0]
    assert (article["outlet"], article["timezone"], article["timezone_source"]) == (
        "Daily Mirror", "Europe/London", "assumed")
    unknown = load(write_article, text.replace("Daily Mirror", "Example Media"), "unknown.txt").articles.iloc[0]
    assert (unknown["timezone"], unknown["timezone_source"]) == ("UTC", "default")


@pytest.mark.parametrize("line, outlet, zone", [
    ("* Sign up to The Irish Times daily newsletter", "The Irish Times", "Europe/Dublin"),
    ("Subscribe to Daily Mirror and Sunday Mirror newspapers", "Daily Mirror", "Europe/London"),
    ("© 2025 Fox News Network, LLC", "Fox News", "America/New_York"),
])
def test_a_pages_own_newsletter_or_footer_line_names_its_outlet_anywhere(write_article, line, outlet, zone) -> None:
    body = "".join(f"Update {n} on the storm.\n\nMore rain is due.\n\n" for n in range(8))
    text = (f"Storm live: trains cancelled\n\nThursday 14 August 2025\n\n18:05\n\nBridge closed\n\n"
            f"{body}{line}\n\n" + "".join(f"Related story {n}\n\n" for n in range(8)))
    article = load(write_article, text).articles.iloc[0]
    assert (article["outlet"], article["timezone"], article["timezone_source"]) == (outlet, zone, "assumed")


def test_a_long_prose_line_opening_with_subscribe_names_no_outlet(write_article) -> None:
    body = "".join(f"Update {n} on the storm.\n\nMore rain is due.\n\n" for n in range(8))
    line = ("Subscribe to the idea, said one reader, that the Daily Mirror and every other paper should "
            "cover the storm all day and all night until the rain finally stops falling on the town.")
    text = f"Storm live: trains cancelled\n\n{body}{line}\n\n" + "".join(f"Related {n}\n\n" for n in range(8))
    assert load(write_article, text).articles.iloc[0]["outlet"] != "Daily Mirror"


# --------------------------------------------------------------------------- other outlets' pages
# Invented pages in four outlets' house styles (none of them among the fixture pages): the outlet
# must be named, the stated zone read, and every printed stamp give its post the right minute.
OUTLET_PAGES = {
    "guardian": ("The Guardian", "UTC", """Sign in
Search
* News
* Opinion
* Sport
* Culture
* Lifestyle
Europe live: ministers meet in Brussels as talks on spending resume
The meeting comes a day after allies were told to raise defence budgets
Thu 13 Feb 2025 16.12 GMT
First published on Thu 13 Feb 2025 08.05 GMT

16.12 GMT
Ministers agree a joint statement

The ministers agreed a short statement after four hours of talks.

14.40 GMT
Finance ministers join the talks

Finance ministers joined the defence ministers for the afternoon session.

10.24 GMT
Talks open in Brussels

The talks opened with a minute's silence.

The Guardian
""", ["2025-02-13 16:12", "2025-02-13 14:40", "2025-02-13 10:24"]),
    "reuters": ("Reuters", "UTC", """Skip to main content
Exclusive news, data and analytics for financial market professionals
* World
* Business
* Markets
Live: Nato ministers meet in Brussels as spending row deepens
By Reuters
February 13, 2025 4:12 PM GMT Updated 2 hours ago

February 13, 2025 4:12 PM GMT
Ministers agree joint statement

The ministers agreed a joint statement, two diplomats said.

February 13, 2025 2:40 PM GMT
Finance ministers join talks

Finance ministers joined the talks in the afternoon.

February 13, 2025 10:24 AM GMT
Talks open

The talks opened in Brussels.

Reporting by Jane Roberts; Editing by John Smith
Our Standards: The Thomson Reuters Trust Principles.
""", ["2025-02-13 16:12", "2025-02-13 14:40", "2025-02-13 10:24"]),
    "ap": ("Associated Press", "America/New_York", """Menu
* World
* U.S.
* Politics
Live updates: Senate opens debate on the spending bill
By THE ASSOCIATED PRESS
Updated 4:12 PM EST, February 13, 2025

4:12 PM EST
Senate leader sets a vote for Friday

The Senate leader said a final vote would come on Friday.

2:40 PM EST
Democrats offer amendments

Democrats offered a dozen amendments to the bill.

10:24 AM EST
Debate opens

The debate opened with a reading of the bill.

Copyright 2025 The Associated Press. All Rights Reserved.
""", ["2025-02-13 16:12", "2025-02-13 14:40", "2025-02-13 10:24"]),
    "aljazeera": ("Al Jazeera", "UTC", """Skip links
Skip to Content
Live
* News
* Middle East
* Explained
Gaza live: aid convoy crosses into the north
The first convoy in a week has crossed, the UN says
By Al Jazeera Staff
Published On 13 Feb 2025

13 Feb 2025 - 16:12 GMT
Aid convoy crosses into the north

The UN said the convoy of twelve lorries had crossed.

13 Feb 2025 - 14:40 GMT
UN calls for more crossings

The UN called for more crossings to open.

13 Feb 2025 - 10:24 GMT
Talks resume in Cairo

The talks resumed in Cairo.

Al Jazeera Media Network
""", ["2025-02-13 16:12", "2025-02-13 14:40", "2025-02-13 10:24"]),    "guardian_under_menu": ("The Guardian", "UTC", """Skip to main contentSkip to navigation
Print subscriptions
Sign in
Search jobs
Search
Europe
* US edition
* UK edition
* Australia edition
The Guardian - Back to homeThe Guardian
* News
* Opinion
* Sport
Europe live
Ukraine
Europe live: ministers meet in Brussels as talks on spending resume
The meeting comes a day after allies were told to raise defence budgets
Jakub Krupa
Thu 13 Feb 2025 16.12 GMT
First published on Thu 13 Feb 2025 08.05 GMT
Key events
* 5h ago
Talks open in Brussels
* 1h ago
Ministers agree a joint statement
5h ago
10.24 GMT
Talks open in Brussels
The talks opened with a minute's silence.
1h ago
14.40 GMT
Finance ministers join the talks
Finance ministers joined the defence ministers for the afternoon session.
Updated at 14.52 GMT
16.12 GMT
Ministers agree a joint statement
The ministers agreed a short statement after four hours of talks.
Explore more on these topics
""", ['2025-02-13 10:24', '2025-02-13 14:40', '2025-02-13 16:12']),
    "ap_gmt": ("Associated Press", "UTC", """Live updates: Senate opens debate on the spending bill
By THE ASSOCIATED PRESS
Updated 4:12 PM GMT, February 13, 2025
Share
4:12 PM GMT
Senate leader sets a vote for Friday
The Senate leader said a final vote would come on Friday.
Share
2:40 PM GMT
Democrats offer amendments
Democrats offered a dozen amendments to the bill.
Copyright 2025 The Associated Press. All Rights Reserved.
""", ['2025-02-13 16:12', '2025-02-13 14:40']),
    "reuters_clock_only": ("Reuters", "UTC", """Live: Nato ministers meet in Brussels as spending row deepens
By Reuters
February 13, 2025 4:12 PM GMT Updated 2 hours ago
4:12 PM GMT
Ministers agree joint statement
The ministers agreed a joint statement, two diplomats said.
2:40 PM GMT
Finance ministers join talks
Finance ministers joined the talks in the afternoon.
Our Standards: The Thomson Reuters Trust Principles.
""", ['2025-02-13 16:12', '2025-02-13 14:40']),
    "aljazeera_two_clocks": ("Al Jazeera", "UTC", """Gaza live: aid convoy crosses into the north
The first convoy in a week has crossed, the UN says
By Al Jazeera Staff
Published On 13 Feb 2025
13 Feb 2025
This live page is now closed.
4:12pm (16:12 GMT)
Aid convoy crosses into the north
The UN said the convoy of twelve lorries had crossed.
2:40pm (14:40 GMT)
UN calls for more crossings
The UN called for more crossings to open.
Al Jazeera Media Network
""", ['2025-02-13 16:12', '2025-02-13 14:40']),
}


@pytest.mark.parametrize("name", list(OUTLET_PAGES))
def test_other_outlets_pages_outlet_zone_and_every_stamps_minute(write_article, name) -> None:
    outlet, zone, text, minutes = OUTLET_PAGES[name]
    corpus = load(write_article, text, f"{name}.txt")
    article = corpus.articles.iloc[0]
    assert (article["outlet"], article["timezone"], article["timezone_source"]) == (outlet, zone, "text")
    assert str(article["published"].date()) == "2025-02-13"
    posts = posts_of(corpus)
    stamped = posts[posts["time_source"] == "explicit"]
    if name == "guardian_under_menu":  # left: the header's "First published on ... 08.05 GMT" line
        stamped = stamped[stamped["headline"] != "Key events"]  # opens a post of the key-events list
    times = [pd.Timestamp(t).tz_convert(zone) for t in stamped["time"]]
    assert [t.strftime("%Y-%m-%d %H:%M") for t in times] == minutes
    assert stamped["headline"].notna().all()


@pytest.mark.parametrize("line, hour, minute, zone", [
    ("4:12pm (16:12 GMT)", 16, 12, "UTC"),  # a local clock, then the zoned one in brackets
    ("06:45 GMT/ 00:45 CST", 6, 45, "UTC"),  # two zoned clocks of one moment: the first
    ("16:12 GMT (4:12pm local)", None, None, None),  # a bracketed note, not a second clock
    ("4:12pm (16:12)", None, None, None),  # neither clock names a zone
])
def test_one_moment_in_two_clocks_is_one_stamp(line, hour, minute, zone) -> None:
    stamp = stamps.parse_stamp_line(line)
    assert (None if stamp is None else (stamp.hour, stamp.minute, stamp.tz)) == (
        None if hour is None else (hour, minute, zone))


def test_a_plain_article_gets_no_assumed_zone_and_no_outlet_from_its_prose(write_article) -> None:
    text = ("Editors weigh a merger\n\nBy Jane Doe\n\nMarch 5, 2025\n\n"
            "Two publishers are weighing a merger that would create the largest group in the country.\n\n"
            "The boards met twice last week, according to three people briefed on the talks.\n\n"
            "Executives at the Daily Mirror met on Tuesday to discuss the plan, people familiar said.\n\n"
            "The talks are at an early stage and may not lead to a deal, they said.\n\n"
            "Neither company would comment.\n\nShares in both rose on the news.\n\nMore to follow.\n\n"
            "Markets closed higher.\n\nAnalysts were divided.\n")
    article = load(write_article, text).articles.iloc[0]
    assert (article["outlet"], article["timezone"], article["timezone_source"]) == ("article", "UTC", "default")
