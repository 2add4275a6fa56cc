"""Times: explicit stamps, cross-references, running order, bounds, event phrases and charts."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import liveblogs
from liveblogs.viz import timecharts
from liveblogs.timing import times
from liveblogs.ingest.sources import ArticleSource, article_frame

from .conftest import BBC, SKY
from .growth import cpu_ratio

LONDON = "Europe/London"
THURSDAY = dt.date(2025, 2, 13)


# ----------------------------------------------------------------- helpers


class Timed:
    """A corpus and every time frame computed from it."""

    def __init__(self, corpus: liveblogs.Corpus, articles: pd.DataFrame, interpolation: str = "position") -> None:
        self.corpus, self.articles = corpus, articles
        self.references = times.time_references(articles, corpus.posts, corpus.sentences)
        self.links = times.cross_reference_links(articles, corpus.posts, corpus.sentences)
        self.post_times = times.post_times(articles, corpus.posts, self.references, interpolation)
        self.events = times.event_times(articles, corpus.posts, corpus.sentences, self.post_times)

    def posts(self, article: str | None = None) -> pd.DataFrame:
        """Sequence posts with their headline and first words, in page order."""
        frame = self.post_times.merge(self.corpus.posts[["article", "post", "headline", "text"]], on=["article", "post"])
        if article is not None:
            frame = frame[frame["article"] == article]
        return frame[frame["sequence"].notna()].sort_values(["article", "sequence"]).reset_index(drop=True)

    def row(self, words: str) -> pd.Series:
        """The sequence post whose text contains ``words``."""
        found = self.posts()[lambda f: f["text"].str.contains(words, regex=False)]
        assert len(found) == 1, f"{len(found)} posts contain {words!r}"
        return found.iloc[0]

    def headline_of(self, article: str, post: int) -> str:
        posts = self.corpus.posts
        return str(posts.loc[(posts["article"] == article) & (posts["post"] == post), "headline"].iloc[0])


def blog(tmp_path: Path, text: str, published: dt.date | None = THURSDAY, zone: str = LONDON,
         captured: str | None = None, interpolation: str = "position") -> Timed:
    """A one-article corpus from ``text``, with its time frames."""
    path = tmp_path / "blog.txt"
    path.write_text(text, encoding="utf-8")
    corpus = liveblogs.Corpus(article_frame([ArticleSource(path=path, published=published, timezone=zone)]))
    articles = corpus.articles
    if captured is not None:
        articles = articles.assign(captured=pd.Timestamp(captured, tz=zone))
    return Timed(corpus, articles, interpolation)


def at(date: dt.date, hhmm: str, zone: str = LONDON) -> pd.Timestamp:
    return pd.Timestamp(f"{date} {hhmm}", tz=zone)


def stamped_blog(stamp: str, title: str = "Test live blog") -> str:
    """A blog whose one post is stamped by ``stamp`` on its own line."""
    return (
        f"{title}\n{stamp}\nMinisters arrive for the summit in Brussels\n"
        "Defence ministers arrived at the alliance meeting and began talks.\n"
    )


@pytest.fixture(scope="module")
def bundled() -> Timed:
    corpus = liveblogs.load_corpus()
    return Timed(corpus, corpus.articles)


# ----------------------------------------------------------------- explicit stamps, every form

STAMP_FORMS = [
    # stamp line, publication date, expected time (article zone), form
    ("10.24am", THURSDAY, "10:24", "12h_dot"),
    ("10:24 AM", THURSDAY, "10:24", "12h_colon"),
    ("10:24", THURSDAY, "10:24", "24h_colon"),
    ("14:05 GMT", THURSDAY, "14:05", "with_zone"),
    ("1405", THURSDAY, "14:05", "24h_nocolon"),
    ("1405 GMT", THURSDAY, "14:05", "24h_nocolon"),
    ("Posted at 10.24", THURSDAY, "10:24", "24h_dot"),
    ("Thu 13 Feb 2025 10.24 GMT", THURSDAY, "10:24", "weekday_date_time"),
    ("Thursday 13 February 10:24", THURSDAY, "10:24", "weekday_date_time"),
    ("February 13, 2025 10:24am", THURSDAY, "10:24", "date_time"),
    ("10:24 Thu 13 Feb", THURSDAY, "10:24", "time_date"),
    ("5h ago 16:45", THURSDAY, "16:45", "relative_time"),
]


@pytest.mark.parametrize("stamp, published, expected, form", STAMP_FORMS)
def test_each_stamp_form_pins_the_post_it_precedes(tmp_path, stamp, published, expected, form) -> None:
    timed = blog(tmp_path, stamped_blog(stamp), published)
    ref = timed.references[timed.references["kind"] == "stamp"].iloc[0]
    assert stamp.endswith(ref["text"]) and ref["form"] == form  # a "Posted at" prefix is not part of the stamp
    row = timed.row("Defence ministers arrived")
    assert row["time"] == at(published, expected)
    assert row["time_earliest"] == row["time_latest"] == row["time"]
    assert row["time_source"] == "explicit" and ref["target_post"] == row["post"]


def test_a_zone_named_in_the_stamp_wins_over_the_manifest(tmp_path) -> None:
    summer = dt.date(2025, 7, 3)
    timed = blog(tmp_path, stamped_blog("14:05 GMT"), summer)
    row = timed.row("Defence ministers arrived")
    assert row["time"] == pd.Timestamp("2025-07-03 14:05", tz="UTC")
    assert str(row["time"].tz) == LONDON and row["time"].hour == 15  # 15:05 BST
    kyiv = blog(tmp_path, stamped_blog("10:24 Kyiv time, 3 July"), summer).row("Defence ministers arrived")
    assert kyiv["time"] == pd.Timestamp("2025-07-03 10:24", tz="Europe/Kyiv")


def test_a_date_without_a_year_takes_the_publication_year(tmp_path) -> None:
    row = blog(tmp_path, stamped_blog("10:24 Kyiv time, 12 February"), THURSDAY).row("Defence ministers arrived")
    assert row["time"] == pd.Timestamp("2025-02-12 10:24", tz="Europe/Kyiv")


def test_a_dated_stamp_on_another_day_is_kept_and_widens_the_bounds(tmp_path) -> None:
    text = (
        "Test live blog\n09:10\nTalks resume in Geneva\nDelegations returned to the table in Geneva.\n"
        "Wednesday 12 February 2025 21:15 GMT\nLate-night call between leaders\nThe leaders spoke late into the night.\n"
        "Leaders agree to meet in Brussels\nThe leaders agreed to meet in Brussels next week.\n"
    )
    timed = blog(tmp_path, text)
    late = timed.row("late into the night")
    assert late["time"] == at(dt.date(2025, 2, 12), "21:15") and late["time_source"] == "explicit"
    oldest = timed.row("agreed to meet in Brussels")
    assert oldest["time_earliest"] == at(dt.date(2025, 2, 12), "00:00")
    assert oldest["time_latest"] == late["time"]


def test_a_time_run_on_to_a_headline_pins_its_post(tmp_path) -> None:
    text = "Test live blog\nLeaders agree to meet in Geneva10.24am\nThe leaders agreed to meet in Geneva next week.\n"
    timed = blog(tmp_path, text)
    ref = timed.references.iloc[0]
    assert (ref["kind"], ref["text"]) == ("run_on", "10.24am")
    row = timed.row("agreed to meet")
    assert row["time"] == at(THURSDAY, "10:24") and row["time_source"] == "explicit"


def test_a_stamp_opening_a_post_pins_it(tmp_path) -> None:
    text = (
        "Test live blog\n\n10.24am: Leaders agree to meet in Geneva after a long call.\n\n"
        "9.50am: Putin says the talks were useful.\n\n9.10am - Zelensky warns allies against trusting Moscow.\n"
    )
    timed = blog(tmp_path, text)
    assert timed.row("Geneva")["time"] == at(THURSDAY, "10:24")
    assert timed.row("Putin")["time"] == at(THURSDAY, "09:50")
    assert timed.row("Zelensky")["time"] == at(THURSDAY, "09:10")
    assert set(timed.posts()["order"].astype(str)) == {"newest-first"}


def test_a_page_stamp_bounds_the_posts_above_the_first_pin(tmp_path) -> None:
    text = (
        "Thursday 13 February 2025 11:52, UK\nTest live blog\nNato chief arrives at the summit\n"
        "Mark Rutte arrived at the summit.\n10:30\nMinisters gather in Brussels\nDefence ministers gathered.\n"
        "09:00\nPutin and Trump speak by phone\nThe two leaders spoke by phone.\n"
    )
    timed = blog(tmp_path, text)
    page = timed.references[timed.references["kind"] == "page"].iloc[0]
    assert pd.isna(page["target_post"]) and "upper bound" in page["evidence"]
    top = timed.row("Mark Rutte arrived")
    assert (top["time_earliest"], top["time_latest"]) == (at(THURSDAY, "10:30"), at(THURSDAY, "11:52"))
    # above the first stamp, with no stamp of its own: bounded, but no time invented (issue 16)
    assert pd.isna(top["time"]) and top["time_source"] == "publication-date only"
    assert "above the first stamped post" in top["time_evidence"]


def test_ago_stamps_resolve_only_against_a_known_capture_time(tmp_path) -> None:
    text = stamped_blog("2h ago")
    unknown = blog(tmp_path, text).row("Defence ministers arrived")
    assert unknown["time_source"] == "unknown" and pd.isna(unknown["time"])
    assert "capture time" in unknown["time_evidence"]
    known = blog(tmp_path, text, captured="2025-02-13 18:30").row("Defence ministers arrived")
    assert known["time"] == at(THURSDAY, "16:30") and known["time_source"] == "explicit"


@pytest.mark.parametrize("stamp", ["10h24", "10 h 24", "il y a 2 heures", "Vor 2 Std."])
def test_unknown_stamp_forms_leave_the_time_unknown_rather_than_guessed(tmp_path, stamp) -> None:
    timed = blog(tmp_path, stamped_blog(stamp))
    rows = timed.posts()
    assert not rows["time_source"].isin(["explicit", "cross-reference", "interpolated"]).any()
    assert rows["time"].isna().all()
    assert "unknown" in set(rows["time_source"].astype(str))
    assert "unparsed" in set(timed.references["kind"].astype(str))


def test_no_publication_date_and_no_stamp_means_unknown(tmp_path) -> None:
    rows = blog(tmp_path, stamped_blog("Updates as they come"), published=None).posts()
    assert set(rows["time_source"].astype(str)) == {"unknown"}
    assert rows["time_earliest"].isna().all()


# ----------------------------------------------------------------- cross-references

CROSS_BLOG = """Ukraine talks: live updates
- US defence secretary Pete Hegseth insists Washington is certainly not betraying Ukraine (7.50am)
- Nato ministers meet in Brussels
What we know so far this morning
Several strands are coming together. A joint statement from European capitals called for a just and lasting peace (see our 10.24am post).
As we reported at 9.15am, China has offered to host a summit between Trump and Putin in Beijing.
Moldova's president confirmed the drones that crashed on Moldovan soil were Shahed drones (see post at 8.53am).
Healey's warning, which we covered in our 8.06am post, was that there can be no negotiation about Ukraine without Ukraine.
Medvedev followed up his boast that Russia can never be beaten (see 6.54am) with an attack on Europe.
European capitals issue joint statement on peace
A joint statement from Britain, France, Germany, Poland, Italy and Spain called for a "just and lasting peace" in Ukraine.
Markets steady in early trading
Stock markets in London and Frankfurt opened flat as traders digested the news.
China offers to host summit in Beijing
Chinese officials said Beijing would be glad to host a summit between Trump and Putin to end the war.
Drones crash in Moldova during overnight attack
Russia launched 140 drones overnight and two crashed on Moldovan soil, Moldova's government said.
Weather warning for Kyiv
Heavy snow is expected across Kyiv and the north of Ukraine tonight.
Healey: no negotiation about Ukraine without Ukraine
UK defence secretary John Healey said "there can be no negotiation about Ukraine without Ukraine".
Hegseth denies betrayal
Pete Hegseth told reporters in Brussels the US was "certainly not betraying Ukraine" by talking to Putin.
Train strike called off
A planned rail strike in the north of England has been called off after talks.
Medvedev boasts Russia cannot be beaten
Dmitry Medvedev boasted that Russia can never be beaten and that its enemies would fail.
"""

CROSS_FORMS = [
    ("(see our 10.24am post)", "see_time_post", "European capitals issue joint statement on peace", "10:24"),
    ("As we reported at 9.15am", "reported_at", "China offers to host summit in Beijing", "09:15"),
    ("(see post at 8.53am)", "see_post_at", "Drones crash in Moldova during overnight attack", "08:53"),
    ("in our 8.06am post", "in_our_post", "Healey: no negotiation about Ukraine without Ukraine", "08:06"),
    ("(see 6.54am)", "see_time", "Medvedev boasts Russia cannot be beaten", "06:54"),
    ("(7.50am)", "bracket_time", "Hegseth denies betrayal", "07:50"),
]


@pytest.fixture()
def cross(tmp_path) -> Timed:
    return blog(tmp_path, CROSS_BLOG)


@pytest.mark.parametrize("text, form, headline, clock", CROSS_FORMS)
def test_each_cross_reference_form_finds_its_post_by_content(cross, text, form, headline, clock) -> None:
    link = cross.links[cross.links["text"] == text]
    assert len(link) == 1
    ref = cross.references[cross.references["text"] == text].iloc[0]
    assert ref["form"] == form and ref["kind"] == "cross_reference"
    target = int(link["target_post"].iloc[0])
    assert cross.headline_of(cross.posts()["article"].iloc[0], target) == headline
    row = cross.posts()[lambda f: f["post"] == target].iloc[0]
    assert row["time"] == at(THURSDAY, clock) and row["time_source"] == "cross-reference"
    assert text in row["time_evidence"]


def test_cross_references_give_the_order_and_interpolated_bounds(cross) -> None:
    rows = cross.posts()
    assert set(rows["order"].astype(str)) == {"newest-first"}
    assert "times fall down the page in 5 of 5 steps" in rows["order_evidence"].iloc[0]
    assert "6 cross-reference" in rows["order_evidence"].iloc[0]
    markets = cross.row("Stock markets in London")
    assert markets["time_source"] == "interpolated" and markets["interpolation"] == "position"
    assert (markets["time_earliest"], markets["time_latest"]) == (at(THURSDAY, "09:15"), at(THURSDAY, "10:24"))
    assert markets["time_earliest"] < markets["time"] < markets["time_latest"]
    assert not rows["conflict"].any()


def test_a_cross_reference_never_points_to_itself_or_to_a_later_post(cross, bundled) -> None:
    for timed in (cross, bundled):
        ranks = timed.post_times.set_index(["article", "post"])["rank"]
        for link in timed.links[timed.links["target_post"].notna()].itertuples():
            assert link.target_post != link.post
            referrer = ranks.get((link.article, link.post))
            if pd.notna(referrer):
                assert ranks[(link.article, link.target_post)] < referrer


def test_a_reference_to_a_stamped_minute_goes_to_the_stamped_post(tmp_path) -> None:
    text = (
        "Test live blog\n- Ministers meet in Brussels (9.15am)\n- Drones hit port\n"
        "10.24am\nMinisters arrive in Brussels for talks\nDefence ministers arrived at the meeting.\n"
        "9.15am\nMorning summary\nHere is what happened. As we reported at 8.30am, the call lasted 90 minutes.\n"
        "Thu 13 Feb 2025 08.30 GMT\nLeaders speak by phone\nDonald Trump and Vladimir Putin spoke by phone.\n"
    )
    timed = blog(tmp_path, text)
    links = timed.links.set_index("text")
    assert timed.headline_of(links["article"].iloc[0], links.loc["(9.15am)", "target_post"]) == "Morning summary"
    assert timed.headline_of(links["article"].iloc[0], links.loc["As we reported at 8.30am", "target_post"]) == "Leaders speak by phone"
    assert "stamped" in links.loc["(9.15am)", "evidence"]


def test_contradictory_cross_references_are_flagged_not_forced(tmp_path) -> None:
    text = (
        "Test live blog\nRecap of the morning\n"
        "The row over fishing quotas in the Channel deepened (see 9.00am). Separately, the volcano in Iceland "
        "erupted again, sending ash over Reykjavik (see 8.00am).\n"
        "Volcano erupts again in Iceland\nThe volcano near Reykjavik erupted again, sending ash over the capital.\n"
        "Markets open flat\nStock markets opened flat in London and Paris.\n"
        "Fishing row deepens in the Channel\nFrench and British fishermen clashed over fishing quotas in the Channel.\n"
        "Snow in Scotland\nHeavy snow closed roads across the Highlands of Scotland.\n"
    )
    timed = blog(tmp_path, text)
    links = timed.links.set_index("text")
    article = links["article"].iloc[0]
    assert timed.headline_of(article, links.loc["(see 9.00am)", "target_post"]) == "Fishing row deepens in the Channel"
    volcano = links.loc["(see 8.00am)"]
    assert pd.isna(volcano["target_post"]) and volcano["conflict"]  # the volcano post sits above 9.00: not forced
    assert timed.headline_of(article, volcano["runner_up_post"]) == "Volcano erupts again in Iceland"
    assert "contradicts" in volcano["conflict_note"]
    assert timed.references.set_index("text").loc["(see 8.00am)", "conflict"]


# ----------------------------------------------------------------- the bundled Sky and BBC blogs

SKY_LINKS = {
    "(see our 8.06am post)": ["'No talks about Ukraine without Ukraine'"],
    "(see our 10.24am post)": ["European countries 'ready to enhance support' for Ukraine"],
    "(see our 7.50am post)": ["US 'certainly not betraying Ukraine', defence secretary tells Sky News"] * 2,
    "(see post at 8.53am)": ["Russia launches 140 drones in overnight attack, says Ukraine"],
    "(see 6.54am)": ["Top Putin ally boasts after Trump call: 'It is impossible to break Russia'"],
}


def test_the_five_sky_cross_references_point_to_the_right_posts(bundled) -> None:
    links = bundled.links[bundled.links["article"] == SKY]
    found: dict[str, list[str]] = {}
    for link in links.itertuples():
        found.setdefault(link.text, []).append(bundled.headline_of(SKY, link.target_post))
    assert found == SKY_LINKS
    assert (links["score"] > links["runner_up_score"].fillna(0)).all()
    assert not links["conflict"].any()


def test_sky_runs_newest_first_and_its_pins_fall_down_the_page(bundled) -> None:
    rows = bundled.posts(SKY)
    assert set(rows["order"].astype(str)) == {"newest-first"}
    pinned = rows[rows["time_source"] == "cross-reference"]
    assert [t.strftime("%H:%M") for t in pinned["time"]] == ["10:24", "08:53", "08:06", "07:50", "06:54"]
    assert not rows["conflict"].any()
    assert rows["time"].notna().all()
    assert rows["time"].is_monotonic_decreasing


def test_sky_posts_between_pins_are_bounded_by_them(bundled) -> None:
    rows = bundled.posts(SKY)
    between = rows[(rows["time_latest"] == at(THURSDAY, "08:53")) & (rows["time_earliest"] == at(THURSDAY, "08:06"))]
    assert len(between) == 3 and set(between["time_source"].astype(str)) == {"interpolated"}
    top = rows.iloc[0]  # above the 10.24 pin: bounded by it and by the end of the day
    assert (top["time_earliest"], top["time_latest"]) == (at(THURSDAY, "10:24"), at(THURSDAY, "23:59"))
    bottom = rows.iloc[-1]
    assert (bottom["time_earliest"], bottom["time_latest"]) == (at(THURSDAY, "00:00"), at(THURSDAY, "06:54"))


def test_bbc_has_no_clock_but_every_post_gets_day_bounds_and_its_place(bundled) -> None:
    rows = bundled.posts(BBC)
    assert set(rows["time_source"].astype(str)) == {"publication-date only"}
    assert rows["time"].isna().all()
    assert (rows["time_earliest"] == at(THURSDAY, "00:00")).all() and (rows["time_latest"] == at(THURSDAY, "23:59")).all()
    assert rows["sequence"].tolist() == list(range(len(rows)))
    assert set(rows["order"].astype(str)) == {"newest-first"}  # the sign-off sits at the top
    assert "sign-off" in rows["order_evidence"].iloc[0]
    assert not len(bundled.references[bundled.references["article"] == BBC])


def test_a_blog_without_any_clue_has_unknown_order(tmp_path) -> None:
    text = (
        "Test live blog\nTalks in Geneva\nDelegations met in Geneva.\n"
        "Snow in Kyiv\nHeavy snow fell on Kyiv.\nMarkets flat\nMarkets opened flat.\n"
    )
    rows = blog(tmp_path, text).posts()
    assert set(rows["order"].astype(str)) == {"unknown"}
    assert rows["rank"].isna().all() and rows["sequence"].tolist() == [0, 1, 2]


def test_every_time_frame_row_gives_its_text_back(bundled) -> None:
    for frame in (bundled.references, bundled.links, bundled.events):
        for row in frame.itertuples():
            assert bundled.corpus.text(row.article)[row.start : row.end] == row.text


def test_time_columns_are_zone_aware_in_the_article_zone(bundled) -> None:
    for col in ("time", "time_earliest", "time_latest"):
        assert str(bundled.post_times[col].dt.tz) == LONDON
    assert str(bundled.references["resolved"].dt.tz) == LONDON
    assert bundled.post_times["time_source"].dtype.categories.tolist() == [
        "explicit", "cross-reference", "interpolated", "publication-date only", "unknown", "page metadata"]


# ----------------------------------------------------------------- order, bounds, contradictions


def stamps_blog(clocks: list[str]) -> str:
    """A blog of posts stamped, top to bottom, with ``clocks``; each post says something different."""
    words = ["apples", "bridges", "candles", "dolphins", "engines", "forests", "glaciers", "harbours",
             "islands", "jungles", "kettles", "lanterns", "meadows", "needles", "orchards", "pebbles"]
    parts = ["Test live blog"]
    for i, clock in enumerate(clocks):
        parts += [clock, f"Update number {i} on {words[i % len(words)]}",
                  f"Officials said the {words[i % len(words)]} were inspected {i} times."]
    return "\n".join(parts) + "\n"


def test_a_stamp_out_of_order_is_flagged_not_averaged(tmp_path) -> None:
    timed = blog(tmp_path, stamps_blog(["11:00", "10:30", "08:00", "09:30", "09:00"]))
    rows = timed.posts()
    assert set(rows["order"].astype(str)) == {"newest-first"}
    odd = rows[rows["conflict"]]
    assert odd["time"].dt.strftime("%H:%M").tolist() == ["08:00"]
    assert "out of newest-first order" in odd["conflict_note"].iloc[0]
    assert odd["time"].iloc[0] == at(THURSDAY, "08:00")  # kept as stated
    assert (odd["time_earliest"].iloc[0], odd["time_latest"].iloc[0]) == (at(THURSDAY, "09:30"), at(THURSDAY, "10:30"))
    assert (rows.loc[~rows["conflict"], "time_source"] == "explicit").all()


def test_midnight_is_crossed_when_times_jump_back_by_half_a_day(tmp_path) -> None:
    rows = blog(tmp_path, stamps_blog(["00:40", "00:05", "23:50", "23:10"])).posts()
    assert not rows["conflict"].any()
    assert rows["time"].tolist() == [at(dt.date(2025, 2, 14), "00:40"), at(dt.date(2025, 2, 14), "00:05"),
                                     at(THURSDAY, "23:50"), at(THURSDAY, "23:10")]


def test_interpolation_by_length_follows_the_text_written(tmp_path) -> None:
    text = (
        "Test live blog\n10:00\nMinisters gather in Brussels for talks\nDefence ministers gathered in Brussels.\n"
        f"Officials brief on the summit plan\n{'Officials kept talking about the plan at length. ' * 20}\n"
        "Snow closes roads in Kyiv\nHeavy snow closed roads.\n09:00\nPutin and Trump speak by phone\n"
        "The two leaders spoke by phone.\n"
    )
    by_position = blog(tmp_path, text).posts().set_index("headline")
    by_length = blog(tmp_path, text, interpolation="length").posts().set_index("headline")
    long, short = "Officials brief on the summit plan", "Snow closes roads in Kyiv"
    assert by_position.loc[long, "interpolation"] == "position" and by_length.loc[long, "interpolation"] == "length"
    for frame in (by_position, by_length):
        assert at(THURSDAY, "09:00") < frame.loc[short, "time"] < frame.loc[long, "time"] < at(THURSDAY, "10:00")
    # the long post took most of the hour: by length, the short post just after 9.00 sits nearer it
    assert by_length.loc[short, "time"] < by_position.loc[short, "time"]
    assert by_position.loc[short, "time"] == at(THURSDAY, "09:20")


def assert_monotone(earliest: np.ndarray, latest: np.ndarray, ranks: np.ndarray) -> None:
    """No post's earliest is after a later-published post's latest, and earliest <= latest."""
    order = np.argsort(ranks)
    e, l = np.asarray(earliest)[order], np.asarray(latest)[order]
    assert (e <= l).all()
    assert (np.maximum.accumulate(e) <= l).all()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_bounds_are_monotone_for_pins_in_any_order(data) -> None:
    n = data.draw(st.integers(1, 30))
    ranks = np.array(data.draw(st.permutations(range(n))))
    k = data.draw(st.integers(0, n))
    idx = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k, unique=True)), dtype=np.int64)
    pin_times = np.array(data.draw(st.lists(st.integers(0, 2000), min_size=k, max_size=k)), dtype=np.int64)
    weights = np.array(data.draw(st.lists(st.floats(0.5, 3), min_size=k, max_size=k)))
    low, high, ok = times.pin_bounds(ranks, idx, pin_times, weights, 100, 1900)
    assert_monotone(low, high, ranks)
    assert (low >= 100).all() and (high <= 1900).all()
    kept = idx[ok]
    assert (low[kept] == pin_times[ok]).all() and (high[kept] == pin_times[ok]).all()
    by_rank = np.argsort(ranks[kept])
    assert (np.diff(pin_times[ok][by_rank]) >= 0).all()
    # a pin is only dropped when some order-respecting set of pins is heavier with it out
    if k and (np.diff(pin_times[np.argsort(ranks[idx])]) >= 0).all() and ((pin_times >= 100) & (pin_times <= 1900)).all():
        assert ok.all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 23 * 60 + 59), min_size=2, max_size=8, unique=True), st.booleans())
def test_bounds_of_a_blog_with_stamps_in_any_order_are_monotone(tmp_path, minutes, shuffled) -> None:
    clocks = [f"{m // 60:02d}:{m % 60:02d}" for m in (minutes if shuffled else sorted(minutes, reverse=True))]
    rows = blog(tmp_path, stamps_blog(clocks)).posts()
    if (rows["order"] == "unknown").all():
        return
    assert_monotone(rows["time_earliest"].to_numpy(), rows["time_latest"].to_numpy(), rows["rank"].to_numpy())
    if not shuffled:
        assert not rows["conflict"].any() and (rows["time_source"] == "explicit").all()


# ----------------------------------------------------------------- event times


EVENT_BLOG = (
    "Test live blog\n10:24\nLeaders agree to talks\n"
    "Trump and Putin spoke last night and again yesterday. Officials met this morning. "
    "Zelensky spoke on Wednesday. The ministers are due to speak in the next five minutes. "
    "Earlier today the Kremlin said talks would start, and hours later the White House agreed. "
    "Ministers met two hours ago. China said in 2014 it would mediate. Talks will resume on Monday.\n"
)

EVENTS = [
    ("last night", "part_of_day", "2025-02-12 18:00", "2025-02-13 06:00"),
    ("yesterday", "day", "2025-02-12 00:00", "2025-02-13 00:00"),
    ("this morning", "part_of_day", "2025-02-13 05:00", "2025-02-13 12:00"),
    ("on Wednesday", "weekday", "2025-02-12 00:00", "2025-02-13 00:00"),
    ("in the next five minutes", "duration", "2025-02-13 10:24", "2025-02-13 10:29"),
    ("Earlier today", "relative", "2025-02-13 00:00", "2025-02-13 10:24"),
    ("hours later", "relative", "2025-02-13 00:00", "2025-02-13 10:24"),
    ("two hours ago", "relative", "2025-02-13 08:24", "2025-02-13 08:24"),
    ("in 2014", "date", "2014-01-01 00:00", "2015-01-01 00:00"),
    ("on Monday", "weekday", "2025-02-17 00:00", "2025-02-18 00:00"),
]


@pytest.mark.parametrize("phrase, kind, start, end", EVENTS)
def test_event_phrases_resolve_relative_to_their_post(tmp_path, phrase, kind, start, end) -> None:
    events = blog(tmp_path, EVENT_BLOG).events.set_index("text")
    row = events.loc[phrase]
    assert row["kind"] == kind
    assert (row["resolved_start"], row["resolved_end"]) == (pd.Timestamp(start, tz=LONDON), pd.Timestamp(end, tz=LONDON))
    assert row["relative_to"] == at(THURSDAY, "10:24") and row["anchor"] == "post time"


def test_event_gaps_say_how_long_after_the_event_the_post_went_up(tmp_path) -> None:
    events = blog(tmp_path, EVENT_BLOG).events.set_index("text")
    assert events.loc["two hours ago", ["gap_min", "gap_max"]].tolist() == [pd.Timedelta(hours=2)] * 2
    assert events.loc["in the next five minutes", ["gap_min", "gap_max"]].tolist() == [pd.Timedelta(minutes=-5), pd.Timedelta(0)]
    assert events.loc["last night", "gap_min"] == pd.Timedelta(hours=4, minutes=24)


_PHRASE_WORDS = ("a an in the this last next few hours minutes ago now right at moment 5 24 2024 forty-five two "
                 "couple of while earlier later today Today AGO yesterday night week month year over past recent "
                 "days within in-the x_y café ٣ K").split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PHRASE_WORDS), st.sampled_from([" ", "  ", "-", ",", "\n", "’"])),
                min_size=1, max_size=12))
def test_phrases_skipped_by_their_edge_words_could_not_match(words) -> None:
    sentence = "".join(w + sep for w, sep in words)
    scanned = {(m.start(), m.end(), phrase.pattern) for rx, phrase, _, _ in times._COMPILED for m in rx.finditer(sentence)}
    found = {(p.start, p.end, p.spec) for p in times._table_phrases(sentence, False)}
    assert found == {(s, e, (phrase.start, phrase.end)) for s, e, pattern in scanned
                     for phrase in times.tw.EVENT_PHRASES if phrase.pattern == pattern}


def test_every_event_phrase_has_edge_words() -> None:
    assert all(opening and closing for _, _, opening, closing in times._COMPILED)


def test_cross_references_are_not_event_times(bundled) -> None:
    events = bundled.events
    assert not events["text"].str.contains(r"\d\.\d\dam").any()


def test_sky_events_are_resolved_against_post_bounds(bundled) -> None:
    events = bundled.events[bundled.events["article"] == SKY].set_index(["post", "text"])
    drones = events.loc[(10, "Overnight")]  # the 8.53 post
    assert drones["anchor"] == "post time" and drones["relative_to"] == at(THURSDAY, "08:53")
    assert drones["resolved_end"] == at(THURSDAY, "08:00")


# ----------------------------------------------------------------- charts


def chart_inputs(timed: Timed) -> tuple[pd.DataFrame, pd.DataFrame]:
    meta = timed.corpus.posts[["article", "post", "outlet", "headline"]]
    return timed.post_times.merge(meta, on=["article", "post"]), timed.events.merge(meta, on=["article", "post"])


def test_timeline_draws_clock_times_for_sky_and_order_only_for_bbc(bundled) -> None:
    timeline, _ = chart_inputs(bundled)
    spec = timecharts.post_timeline_chart(timeline, bundled.links).to_dict()
    sky, bbc = spec["vconcat"]
    assert "order only" in bbc["title"]["text"] and "no clock times" in bbc["title"]["text"]
    assert bbc["encoding"]["x"]["field"] == "position" and bbc["encoding"]["x"]["type"] == "quantitative"
    assert sky["layer"][0]["encoding"]["x"]["type"] == "temporal"
    assert len(sky["layer"]) == 3  # bounds, links, best times
    assert [p["name"] for p in spec["params"]] == ["timeline_source"]  # declared once, used by every panel
    tooltips = {t["field"] for t in sky["layer"][2]["encoding"]["tooltip"]}
    assert {"headline", "time_evidence"} <= tooltips


def test_timeline_draws_the_wall_clock_of_the_article_zone(bundled) -> None:
    timeline, _ = chart_inputs(bundled)
    spec = timecharts.post_timeline_chart(timeline, bundled.links).to_dict()
    values = spec["datasets"][spec["vconcat"][0]["layer"][0]["data"]["name"]]
    assert {v["time_label"] for v in values} >= {"13 Feb 10:24", "13 Feb 06:54"}
    assert all("+" not in str(v["time"]) for v in values if v["time"])


def test_cadence_and_event_gap_charts_build(bundled) -> None:
    timeline, events = chart_inputs(bundled)
    cadence = timecharts.cadence_chart(timeline).to_dict()
    assert "BBC" in cadence["title"]["subtitle"] and cadence["params"][0]["name"] == "cadence_source"
    gaps = timecharts.event_gap_chart(events).to_dict()
    assert gaps["params"][0]["name"] == "event_kind"
    assert {"headline", "phrase"} <= {t["field"] for t in gaps["encoding"]["tooltip"]}


# ----------------------------------------------------------------- hostile input


def hostile(n: int, alphabet: str, seed: int = 4) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


def time_run(tmp_path: Path, text: str, name: str):
    """A call of the time functions alone on ``text`` (segmentation done beforehand, not timed)."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    corpus = liveblogs.Corpus(article_frame([ArticleSource(path=path, published=THURSDAY, timezone=LONDON)]))
    posts, sentences, articles = corpus.posts, corpus.sentences, corpus.articles

    def run() -> None:
        references = times.time_references(articles, posts, sentences)
        post_times = times.post_times(articles, posts, references)
        times.event_times(articles, posts, sentences, post_times)

    return run


@pytest.mark.slow
@pytest.mark.parametrize("alphabet", ["0123456789.", "0123456789. \n", "0123456789.:apm ()\n"])
def test_hostile_input_takes_linear_time(tmp_path, alphabet) -> None:
    small = time_run(tmp_path, hostile(10_000, alphabet), "small")
    large = time_run(tmp_path, hostile(100_000, alphabet), "large")
    assert cpu_ratio(small, large, limit=30, repeats=2) < 30


def test_without_the_private_re_parser_every_phrase_is_scanned_and_found(monkeypatch) -> None:
    sentence = "Two hours ago, the minister said last night's call was over."
    expected = times._table_phrases(sentence, False)
    monkeypatch.setattr(times, "_sre_parse", None)
    blind = [(rx, phrase, times._edge_words(phrase.pattern, False), times._edge_words(phrase.pattern, True))
             for rx, phrase, _, _ in times._COMPILED]
    assert all(opening is None and closing is None for _, _, opening, closing in blind)
    monkeypatch.setattr(times, "_COMPILED", blind)
    assert times._table_phrases(sentence, False) == expected and expected


UPDATED_POSTS_BLOG = """EU summit live: leaders meet in Brussels

Key events

17.41 GMT
Leaders arrive for the summit

11.20 GMT
Commission publishes its list

17.41 GMT
Leaders arrive for the summit

The leaders arrived in Brussels for the summit this afternoon.

Updated at 17.52 GMT

17.12 GMT
France promises an answer

The French president said tariffs would be answered.

11.20 GMT
Commission publishes its list

The Commission published its list of goods this morning.

Updated at 11.34 GMT

09.05 GMT
Welcome to the live blog

Good morning and welcome to our coverage of the summit.
"""


def test_an_updated_line_is_an_update_of_the_post_before_not_the_stamp_of_the_next(tmp_path) -> None:
    timed = blog(tmp_path, UPDATED_POSTS_BLOG)
    posts = timed.posts().set_index("headline")
    assert posts.loc["France promises an answer", "time"] == at(THURSDAY, "17:12")
    assert posts.loc["Welcome to the live blog", "time"] == at(THURSDAY, "09:05")
    updates = timed.references[timed.references["kind"] == "update"].set_index("text")
    assert sorted(updates.index) == ["11.34 GMT", "17.52 GMT"]
    assert updates.loc["17.52 GMT", "target_post"] == posts.loc["Leaders arrive for the summit", "post"]
    assert updates.loc["11.34 GMT", "target_post"] == posts.loc["Commission publishes its list", "post"]


def test_key_event_stamps_with_no_post_after_them_bound_nothing(tmp_path) -> None:
    timed = blog(tmp_path, UPDATED_POSTS_BLOG)
    refs = timed.references
    assert not refs["kind"].eq("page").any()
    assert timed.posts()["time_latest"].max() == at(THURSDAY, "17:41")  # not capped at the last key event's 11.20


def test_an_updated_line_above_the_first_post_bounds_the_page_and_stamps_no_post(tmp_path) -> None:
    text = ("Europe hears a wake-up call on defence\n\nUpdated 6.14pm GMT\n\n"
            "For three years, European leaders have assured one another that the war was far away.\n")
    timed = blog(tmp_path, text)
    refs = timed.references
    assert refs["kind"].astype(str).tolist() == ["page"] and "upper" in refs["evidence"].iloc[0]
    post = timed.posts().iloc[0]
    assert pd.isna(post["time"]) and post["time_latest"] == at(THURSDAY, "18:14")


def test_an_articles_lone_header_stamp_dates_its_body_past_the_standfirst(tmp_path) -> None:
    text = ("Ukraine's negotiator says Kyiv has red lines\n\nApril 22, 2025 · 5:06 AM ET\nHeard on Morning Edition\n\n"
            "Elena Martinez\nKarl Schmidt\n\nUkraine's chief negotiator says Kyiv will not yield. Karl Schmidt reports.\n\n"
            "KYIV, Ukraine - Ukraine's delegation will go to the talks with a short list of demands.\n\n"
            "Officials said the talks would begin on Wednesday.\n")
    timed = blog(tmp_path, text, published=None)
    body = timed.posts().iloc[0]
    assert body["time"] == pd.Timestamp("2025-04-22 05:06", tz="America/New_York")


def _time_step_frame_work(tmp_path: Path, n: int) -> int:
    """Pandas frame operations (column reads, row selections, new frames) the time steps make for a
    batch of ``n`` blogs with stamps and cross-references."""
    from liveblogs.assemble import pipeline

    blog = ("Live: talks in Minsk\n\n10.24am\n\nPutin arrives in Minsk for talks with Lukashenko.\n\n"
            "11.02am\n\nThe Kremlin said the talks would last an hour (see our 10.24am post).\n\n"
            "11.40am\n\nPutin leaves Minsk; the talks ended early, the Kremlin said last night.\n\n")
    paths = []
    for k in range(n):
        path = tmp_path / f"blog{n}_{k}.txt"
        path.write_text(blog, encoding="utf-8")
        paths.append(path)
    articles = article_frame([ArticleSource(path=p, published=dt.date(2025, 3, 1), timezone="Europe/London")
                              for p in paths])
    built = pipeline.batch_frames(articles)
    assert built["cross_reference_links"]["target_post"].notna().sum() == n  # every blog's reference linked
    calls = 0
    originals = {name: getattr(pd.DataFrame, name) for name in ("__getitem__", "__init__", "groupby")}

    def counted(original):
        def wrapper(*args, **kwargs):
            nonlocal calls
            calls += 1
            return original(*args, **kwargs)
        return wrapper

    try:
        for name, original in originals.items():
            setattr(pd.DataFrame, name, counted(original))
        pipeline.time_frames(articles, built["units"], built["sentences"])
    finally:
        for name, original in originals.items():
            setattr(pd.DataFrame, name, original)
    return calls


def test_time_steps_do_no_frame_work_per_article(tmp_path: Path) -> None:
    """The time steps of a batch read its frames once, whatever the number of articles: no frame
    is sliced, filtered or built per article (that was most of the per-article fixed cost)."""
    few, many = _time_step_frame_work(tmp_path, 3), _time_step_frame_work(tmp_path, 30)
    assert many <= few + 5, f"30 blogs took {many} frame operations, 3 blogs {few}"
