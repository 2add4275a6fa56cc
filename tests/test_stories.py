"""Stories across outlets: links, stories and coverage timing on the bundled blogs and a synthetic third outlet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_

import liveblogs
from liveblogs.compare import stories as st
from liveblogs.config import data_dir

from .conftest import BBC, SKY

ARTICLES = data_dir() / "articles"


# --------------------------------------------------------------------------- helpers


def _frames(corpus: liveblogs.Corpus, post_times: pd.DataFrame | None = None, overrides=None):
    links = st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes, overrides)
    stories = st.stories(corpus.posts, corpus.paragraphs, links, corpus.quotes, post_times)
    return links, stories, st.coverage_timing(stories)


@pytest.fixture(scope="module")
def bundled(corpus):
    return _frames(corpus)


def story_of(stories: pd.DataFrame, article: str, post: int, start: int | None = None, role: str = "core") -> int:
    rows = stories[(stories["article"] == article) & (stories["post"] == post) & (stories["role"] == role)]
    if start is not None:
        rows = rows[rows["start"] == start]
    assert len(rows) == 1, rows
    return int(rows["story"].iloc[0])


def outlets_of(stories: pd.DataFrame, story: int, role: str | None = "core") -> set[str]:
    rows = stories[stories["story"] == story]
    if role:
        rows = rows[rows["role"] == role]
    return set(rows["outlet"].astype(str))


def unit_starting(corpus, article: str, prefix: str) -> tuple[int, int]:
    """(post, start) of the paragraph or post whose text starts with ``prefix``."""
    paras = corpus.paragraphs[(corpus.paragraphs["article"] == article)
                              & corpus.paragraphs["text"].str.startswith(prefix)]
    assert len(paras) == 1, prefix
    return int(paras["post"].iloc[0]), int(paras["start"].iloc[0])


def post_of(corpus, article: str, prefix: str, kind: str = "post") -> int:
    """The number of the (first) unit of ``kind`` whose text starts with ``prefix``: tests anchor posts by text."""
    posts = corpus.posts[(corpus.posts["article"] == article) & (corpus.posts["kind"] == kind)]
    texts = [corpus.text(article)[s:e] for s, e in zip(posts["start"], posts["end"])]
    found = [int(p) for p, t in zip(posts["post"], texts) if t.startswith(prefix)]
    assert found, prefix
    return found[0]


HEGSETH_SKY = "US 'certainly not betraying Ukraine'"


def post_times_frame(corpus) -> pd.DataFrame:
    """A small hand-made post_times frame: Sky's posts every 20 minutes back from 11:00 (newest
    first, explicit, ±5 min); BBC with publication-date bounds only."""
    rows = []
    for post in corpus.posts.itertuples(index=False):
        if post.article == SKY and post.kind == "post":
            t = pd.Timestamp("2025-02-13 11:00", tz="Europe/London") - pd.Timedelta(minutes=20 * (post.post - 2))
            rows.append((post.article, post.post, t, t - pd.Timedelta(minutes=5), t + pd.Timedelta(minutes=5),
                         "explicit", "newest-first"))
        else:
            rows.append((post.article, post.post, pd.NaT, pd.Timestamp("2025-02-13 00:00", tz="Europe/London"),
                         pd.Timestamp("2025-02-13 23:59", tz="Europe/London"), "publication-date only", "newest-first"))
    frame = pd.DataFrame(rows, columns=["article", "post", "time", "time_earliest", "time_latest", "time_source", "order"])
    for col in ("time", "time_earliest", "time_latest"):
        frame[col] = pd.to_datetime(frame[col]).dt.tz_convert("Europe/London")
    return frame


# --------------------------------------------------------------------------- known overlaps


def test_hegseth_denial_links_sky_and_bbc(corpus, bundled):
    links, stories, _ = bundled
    sky_post = post_of(corpus, SKY, HEGSETH_SKY)
    bbc_title = post_of(corpus, BBC, "Trump not betraying Ukraine", kind="title")
    bbc_post = post_of(corpus, BBC, "US Secretary of Defence Pete Hegseth said")
    story = story_of(stories, SKY, sky_post)
    bbc = stories[(stories["story"] == story) & (stories["article"] == BBC) & (stories["role"] == "core")]
    assert set(bbc["post"]) >= {bbc_title, bbc_post}  # the BBC title and its post on Hegseth
    assert "Hegseth" in stories.loc[stories["story"] == story, "label"].iloc[0]  # labelled by its speaker
    # the evidence of the cross-outlet link is explainable: same speaker, shared terms
    link = links[(links["article_a"] == SKY) & (links["post_a"] == sky_post) & (links["article_b"] == BBC)
                 & (links["post_b"] == bbc_post)].iloc[0]
    assert link["link"] == "same speaker" and "Pete Hegseth" in link["shared_speaker"]
    assert link["voice_a"] == link["voice_b"] == "Pete Hegseth" and link["top_terms"]


def test_trump_position_links_sky_and_bbc(corpus, bundled):
    _, stories, _ = bundled
    post, start = unit_starting(corpus, BBC, "Donald Trump spoke to Vladimir Putin")  # a BBC summary line
    story = story_of(stories, BBC, post, start)
    assert outlets_of(stories, story) == {"BBC", "Sky News"}
    assert "Trump" in stories.loc[stories["story"] == story, "label"].iloc[0]
    sky = stories[(stories["story"] == story) & (stories["article"] == SKY) & (stories["role"] == "core")]
    assert post_of(corpus, SKY, "After Donald Trump and Vladimir Putin agreed", kind="standfirst") in set(sky["post"])  # Sky's standfirst: Trump and Putin agreed to start negotiations "immediately"


def test_zelensky_position_links_sky_and_bbc(corpus, bundled):
    _, stories, _ = bundled
    story = story_of(stories, SKY, post_of(corpus, SKY, "What has Ukraine said about Trump's plan"))
    assert story == story_of(stories, BBC, post_of(corpus, BBC, "In a post on X earlier, external, Ukrainian president"))
    assert "Zelensky" in stories.loc[stories["story"] == story, "label"].iloc[0]


def test_shared_quotation_survives_wording_and_punctuation():
    assert st.quote_similarity("things they don't want to", "recognising things they don’t want to") == 1.0
    assert st.quote_similarity("trusting Putin's claims of readiness to end the war.",
                               "against trusting Putin’s claims of readiness to end the war") == 1.0
    assert st.quote_similarity("there can be no negotiation about Ukraine without Ukraine",
                               "There can be no negotiations about Ukraine without Ukraine!") >= st.QUOTE_MATCH
    # the same words scattered through a long answer are not the same quotation
    long = ("My job is to ensure that the defence capabilities of this alliance are strong, and to bring "
            "peace; that is what we will continue to do.")
    assert st.quote_similarity("trying to ensure peace", long) < st.QUOTE_MATCH
    assert st.quote_similarity("immediately", "immediately") == 0.0  # one word says nothing


# --------------------------------------------------------------------------- known non-overlaps


@pytest.mark.parametrize("headline", [  # Moldova drones (x2), China summit, Medvedev (x2)
    "'Russia respects no borders'", "Russia launches 140 drones", "China volunteers to host",
    "Call between Trump and Putin shows", "Top Putin ally boasts"])
def test_sky_only_stories(corpus, bundled, headline):
    _, stories, timing = bundled
    story = story_of(stories, SKY, post_of(corpus, SKY, headline))
    assert outlets_of(stories, story, role=None) == {"Sky News"}
    row = timing[(timing["story"] == story) & (timing["outlet"] == "BBC")].iloc[0]
    assert not row["covered"] and row["lag_basis"] == "not covered"


def test_roundup_is_listed_with_the_stories_it_recalls(corpus, bundled):
    _, stories, _ = bundled
    roundup_post, hegseth_post = post_of(corpus, SKY, "Defence ministers react"), post_of(corpus, SKY, HEGSETH_SKY)
    roundup = stories[(stories["article"] == SKY) & (stories["post"] == roundup_post)]
    assert len(roundup) >= 2 and set(roundup["role"]) == {"core", "also"}
    hegseth = story_of(stories, SKY, hegseth_post)
    assert hegseth in set(roundup.loc[roundup["role"] == "also", "story"])
    # ... but Hegseth's own post is not listed with the round-up's story (it only recalls him)
    assert story_of(stories, SKY, roundup_post) not in set(
        stories.loc[(stories["article"] == SKY) & (stories["post"] == hegseth_post), "story"])


# --------------------------------------------------------------------------- frames keep their keys


def test_every_row_traces_back_to_its_text(corpus, bundled):
    links, stories, timing = bundled
    units = st.story_units(corpus.posts, corpus.paragraphs)
    for row in units.itertuples(index=False):
        assert corpus.text(row.article)[row.start:row.end] == row.text
    for row in stories.itertuples(index=False):
        text = corpus.text(row.article)[row.start:row.end]
        assert text.strip() and (row.unit_kind != "post" or text.startswith(str(row.headline)[:20]))
    for s in ("a", "b"):
        for a, start, end in zip(links[f"article_{s}"], links[f"start_{s}"], links[f"end_{s}"]):
            assert corpus.text(a)[start:end].strip()
    covered = timing[timing["covered"]]
    assert all(corpus.text(a)[s:e].strip() for a, s, e in zip(covered["article"], covered["start"], covered["end"]))


def test_links_have_scores_in_range_and_known_types(bundled):
    links, stories, _ = bundled
    assert links["score"].between(0, 1).all() and links["cosine"].between(0, 1).all()
    assert set(links["link"].astype(str)) <= set(st.LINK_TYPES)
    assert ((links["article_a"] < links["article_b"]) | ((links["article_a"] == links["article_b"])
                                                           & (links["start_a"] < links["start_b"]))).all()
    quoted = links[links["link"] == "shared quote"]
    assert quoted["shared_quote"].notna().all()
    assert list(stories.columns) == st.STORY_COLUMNS


def test_coverage_timing_has_every_story_and_outlet(bundled):
    _, stories, timing = bundled
    assert len(timing) == stories["story"].nunique() * 2
    assert list(timing.columns) == st.TIMING_COLUMNS
    assert not timing.duplicated(["story", "outlet"]).any()
    # no post times given: nobody is first, every covered outlet is "order only" (or summary only)
    assert set(timing.loc[timing["covered"], "lag_basis"].astype(str)) <= {"order only", "summary only"}
    assert timing["first_outlet"].isna().all()


def test_coverage_timing_with_post_times(corpus):
    times = post_times_frame(corpus)
    _, stories, timing = _frames(corpus, times)
    hegseth = timing[timing["story"] == story_of(stories, SKY, post_of(corpus, SKY, HEGSETH_SKY))]
    hegseth = hegseth.set_index(hegseth["outlet"].astype(str))
    sky, bbc = hegseth.loc["Sky News"], hegseth.loc["BBC"]
    assert sky["lag_basis"] == "first" and sky["is_first"] and sky["lag"] == pd.Timedelta(0)
    assert str(sky["first_time"].tz) == "UTC" and sky["first_earliest"] <= sky["first_time"] <= sky["first_latest"]
    assert bbc["lag_basis"] == "order only" and pd.isna(bbc["lag"]) and bbc["first_outlet"] == "Sky News"
    # Sky's first Hegseth post is the earliest of its Hegseth posts, the lowest on the page (newest-first blog)
    first = post_of(corpus, SKY, "NATO gathers for defence meeting")
    body = list(corpus.posts.query("article == @SKY and kind == 'post'")["post"])
    assert sky["post"] == first and sky["position"] == len(body) - 1 - body.index(first)
    assert 0 <= sky["position_share"] <= 1


def test_lag_between_two_timed_outlets(corpus, tmp_path):
    """Give the BBC clock times too: lags get bounds, negative lower bounds allowed."""
    times = post_times_frame(corpus)
    bbc = times["article"] == BBC
    times.loc[bbc, "time"] = pd.Timestamp("2025-02-13 18:00", tz="Europe/London")
    times.loc[bbc, "time_earliest"] = pd.Timestamp("2025-02-13 17:30", tz="Europe/London")
    times.loc[bbc, "time_latest"] = pd.Timestamp("2025-02-13 18:30", tz="Europe/London")
    times.loc[bbc, "time_source"] = "interpolated"
    _, stories, timing = _frames(corpus, times)
    row = timing[(timing["story"] == story_of(stories, SKY, post_of(corpus, SKY, HEGSETH_SKY)))
                 & (timing["outlet"] == "BBC")].iloc[0]
    assert row["lag_basis"] == "time"
    assert row["lag_earliest"] <= row["lag"] <= row["lag_latest"]
    assert row["lag"] > pd.Timedelta(hours=10)


# --------------------------------------------------------------------------- overrides


def test_overrides_add_and_remove_links(corpus, tmp_path):
    china, hegseth = post_of(corpus, SKY, "China volunteers to host"), post_of(corpus, SKY, HEGSETH_SKY)
    call = post_of(corpus, BBC, "Since US President Donald Trump announced")
    bbc_hegseth = post_of(corpus, BBC, "US Secretary of Defence Pete Hegseth said")
    table = tmp_path / "story_links.csv"
    table.write_text(
        "article_a,post_a,article_b,post_b,action,note\n"
        "# a comment line\n"
        f"{SKY},{china},{BBC},{call},link,same call\n"
        f"{SKY},{hegseth},{BBC},{bbc_hegseth},unlink,test\n"
    )
    overrides = st.read_link_overrides(table)
    assert list(overrides["action"]) == ["link", "unlink"]
    links, stories, _ = _frames(corpus, overrides=overrides)
    added = links[(links["post_a"] == china) & (links["article_b"] == BBC) & (links["post_b"] == call)]
    assert list(added["link"].astype(str)) == ["override"] and added["score"].iloc[0] == 1.0
    assert added["note"].iloc[0] == "same call"
    removed = links[(links["article_a"] == SKY) & (links["post_a"] == hegseth) & (links["article_b"] == BBC)
                    & (links["post_b"] == bbc_hegseth)]
    assert removed.empty
    assert story_of(stories, SKY, china) == story_of(stories, BBC, call)


def test_bundled_override_table_is_valid_and_empty():
    table = st.read_link_overrides()
    assert list(table.columns) == st.OVERRIDE_COLUMNS and table.empty


def test_bad_override_action_is_an_error(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text(f"article_a,post_a,article_b,post_b,action,note\n{SKY},1,{BBC},2,merge,\n")
    with pytest.raises(ValueError, match="action"):
        st.read_link_overrides(table)


# --------------------------------------------------------------------------- symmetry and determinism


def _copy_as(tmp_path: Path, names: dict[str, str]) -> Path:
    """Copy the bundled articles under new names (so their ids sort the other way) with a manifest."""
    folder = tmp_path / "swapped"
    folder.mkdir()
    rows = ["file,outlet,published,timezone,url,title,encoding"]
    for source, (name, outlet) in names.items():
        shutil.copyfile(ARTICLES / f"{source}.txt", folder / f"{name}.txt")
        rows.append(f"{name}.txt,{outlet},2025-02-13,Europe/London,,,utf-8")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n")
    return folder


def _link_set(links: pd.DataFrame) -> set:
    out = set()
    for r in links.itertuples(index=False):
        a = (str(r.outlet_a), int(r.post_a), int(r.start_a))
        b = (str(r.outlet_b), int(r.post_b), int(r.start_b))
        out.add((min(a, b), max(a, b), str(r.link), round(float(r.score), 3)))
    return out


def _partition(stories: pd.DataFrame) -> set:
    core = stories[stories["role"] == "core"]
    return {frozenset((str(o), int(p), int(s)) for o, p, s in zip(g["outlet"], g["post"], g["start"]))
            for _, g in core.groupby("story")}


def test_outlet_order_swapped_gives_the_same_stories(corpus, bundled, tmp_path):
    """BBC loaded first and with an id that sorts first: same links, same stories, same labels."""
    swapped = liveblogs.load_corpus(_copy_as(tmp_path, {BBC: ("a_bbc", "BBC"), SKY: ("b_sky", "Sky News")}))
    links, stories, timing = _frames(swapped)
    ref_links, ref_stories, ref_timing = bundled
    assert _link_set(links) == _link_set(ref_links)
    assert _partition(stories) == _partition(ref_stories)
    assert sorted(stories["label"].unique()) == sorted(ref_stories["label"].unique())
    by_label = lambda t: {(l, str(o), bool(c)) for l, o, c in zip(t["label"], t["outlet"], t["covered"])}  # noqa: E731
    assert by_label(timing) == by_label(ref_timing)


def test_load_order_does_not_matter(bundled):
    files = [ARTICLES / f"{BBC}.txt", ARTICLES / f"{SKY}.txt"]
    links, stories, timing = _frames(liveblogs.load_corpus(files))
    for got, want in zip((links, stories, timing), bundled):
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_categorical=False)


def test_deterministic(corpus, bundled):
    again = _frames(liveblogs.load_corpus())
    for got, want in zip(again, bundled):
        pd.testing.assert_frame_equal(got, want)


# --------------------------------------------------------------------------- a third outlet

WIRE_POSTS = [  # (headline of the synthetic post, source article, how the source post starts)
    ("Defence chief rejects betrayal charge", SKY, HEGSETH_SKY),
    ("Zelensky urges caution over Putin", BBC, "In a post on X earlier, external, Ukrainian president"),
    ("Drones strike near Moldovan border", SKY, "Russia launches 140 drones"),
    ("Kyiv reacts to the Trump plan", SKY, "What has Ukraine said about Trump's plan"),
    ("Hegseth brings a message to Brussels", BBC, "US Secretary of Defence Pete Hegseth said"),
]


@pytest.fixture(scope="module")
def three_outlets(corpus, tmp_path_factory):
    """A third outlet ("The Wire") made of real posts of both blogs, rearranged, under its own headlines."""
    folder = tmp_path_factory.mktemp("wire")
    lines = ["Ukraine talks: the day in Brussels - live coverage from The Wire",
             "The Wire follows the reaction to the Trump-Putin call.", ""]
    for headline, article, prefix in WIRE_POSTS:
        post = post_of(corpus, article, prefix)
        paras = corpus.paragraphs[(corpus.paragraphs["article"] == article) & (corpus.paragraphs["post"] == post)
                                  & (corpus.paragraphs["role"] != "headline")]
        lines += [headline, *(re.sub(r"\s+", " ", t).strip() for t in paras["text"])]
    (folder / "wire.txt").write_text("\n".join(lines) + "\n")
    (folder / "manifest.csv").write_text(
        "file,outlet,published,timezone,url,title,encoding\nwire.txt,The Wire,2025-02-13,Europe/London,,,utf-8\n")
    three = liveblogs.load_corpus([ARTICLES / f"{SKY}.txt", ARTICLES / f"{BBC}.txt", folder / "wire.txt"])
    return three, _frames(three)


def test_third_outlet_is_aligned_to_its_sources(three_outlets):
    three, (links, stories, timing) = three_outlets
    wire = three.posts[(three.posts["article"] == "wire") & (three.posts["kind"] == "post")]
    assert list(wire["headline"]) == [h for h, _, _ in WIRE_POSTS]
    for (headline, article, prefix), wire_post in zip(WIRE_POSTS, wire["post"]):
        source = story_of(stories, article, post_of(three, article, prefix))
        assert story_of(stories, "wire", int(wire_post)) == source, headline
    assert set(timing["outlet"].astype(str)) == {"BBC", "Sky News", "The Wire"}
    assert len(timing) == 3 * stories["story"].nunique()


def test_third_outlet_keeps_the_two_outlet_overlaps(three_outlets):
    three, (_, stories, timing) = three_outlets
    hegseth = story_of(stories, SKY, post_of(three, SKY, HEGSETH_SKY))
    assert outlets_of(stories, hegseth) == {"BBC", "Sky News", "The Wire"}
    assert story_of(stories, SKY, post_of(three, SKY, "What has Ukraine said about Trump's plan")) == story_of(
        stories, BBC, post_of(three, BBC, "In a post on X earlier, external, Ukrainian president"))
    moldova = timing[timing["story"] == story_of(stories, SKY, post_of(three, SKY, "Russia launches 140 drones"))]
    moldova = moldova.set_index("outlet")["covered"]
    assert moldova.to_dict() == {"Sky News": True, "BBC": False, "The Wire": True}


def test_one_article_without_quotations(write_article):
    path = write_article("A quiet day in the capital\nNothing much happened today.\n\nMarket opens calm\n"
                         "Traders said little as the market opened calm.\nPrices held steady.\n\nRain expected later\n"
                         "Forecasters expect rain in the capital later.\n", name="quiet.txt")
    links, stories, timing = _frames(liveblogs.load_corpus(path))
    assert links.empty and list(links.columns) == st.LINK_COLUMNS
    assert set(stories["unit_kind"].astype(str)) == {"post"}  # the unlinked title and standfirst are no stories
    assert stories["story"].is_unique and stories["label"].str.len().gt(0).all()
    assert set(timing["lag_basis"].astype(str)) == {"order only"} and timing["covered"].all()


def test_many_copies_are_scored_once_and_linked_linearly(corpus, monkeypatch):
    """Outlets printing the same copy: text pairs are scored once per pair of distinct texts, and
    the links kept grow with the number of units (``MAX_TEXT_LINKS`` each), not with its square."""
    monkeypatch.setattr(st, "MAX_TEXT_LINKS", 5)  # a small cap, so that few copies reach it
    texts = st.story_units(corpus.posts, corpus.paragraphs)["text"].astype(str).tolist()
    distinct = len(set(texts))
    for copies in (4, 32):
        vec = st._Vectors(texts * copies)
        similar = vec.similar_texts(min(st.SPEAKER_LINK, st.TEXT_LINK))
        kept = st._text_links(similar, vec.row, [""] * len(vec.row))
        assert len(similar) <= distinct * (distinct + 1) // 2  # identical copies share one row
        # at 32 copies all pairs of similar copies are over 23,000; the cap keeps under 5,600
        assert len(kept) <= len(texts) * copies * st.MAX_TEXT_LINKS


def _chain_texts(n: int) -> list[str]:
    """n texts in which text i shares words only with texts i - 1 and i + 1 (words made of letters,
    one per link of the chain), so the pairs worth scoring grow with n, not its square."""
    def word(k: int) -> str:
        out = ""
        for _ in range(4):
            k, r = divmod(k, 26)
            out += chr(ord("a") + r)
        return "zq" + out
    return [f"{word(i)} {word(i + 1)} {word(i)}" for i in range(n)]


def test_similar_texts_compares_pairs_sharing_a_term_not_every_pair():
    """Work counted, not timed: the pairs whose cosine is worked out are those sharing a term.
    An all-pairs product compares n (n + 1) / 2 pairs (20,100 at 200 texts; 320,400 at 800) and
    fails; here it is the 2n - 1 pairs of the chain (each text with itself and its neighbour)."""
    compared = {}
    for n in (200, 800):
        vec = st._Vectors(_chain_texts(n))
        similar = vec.similar_texts(min(st.SPEAKER_LINK, st.TEXT_LINK))
        assert set(similar) == {(i, i) for i in range(n)} | {(i, i + 1) for i in range(n - 1)}
        compared[n] = vec.pairs_compared
    assert compared[800] / compared[200] <= 4 * 1.3, compared
    assert compared[800] <= 2 * 800


def test_similar_texts_equal_the_all_pairs_cosines(corpus):
    """The sparse product finds the pairs and scores an all-pairs dense product finds (float32)."""
    texts = st.story_units(corpus.posts, corpus.paragraphs)["text"].astype(str).tolist()
    vec = st._Vectors(texts)
    at_least = min(st.SPEAKER_LINK, st.TEXT_LINK) - 10 ** -st.SCORE_DECIMALS
    dense = vec._dense(np.arange(len(vec.matrix)))
    sims = dense @ dense.T
    rows, cols = np.nonzero(np.triu(sims >= at_least))
    expected = dict(zip(zip(rows.tolist(), cols.tolist()), sims[rows, cols].astype(np.float64).tolist()))
    got = vec.similar_texts(at_least)
    assert set(got) == set(expected)
    assert max(abs(got[k] - expected[k]) for k in got) < 1e-6


def _background_chain_texts(n: int) -> list[str]:
    """The chain of :func:`_chain_texts` (one word per link) plus the same 14 background words in
    every text: every pair of texts scores between ``SPEAKER_LINK`` and ``TEXT_LINK`` (0.21 at 200
    texts, 0.14 at 800), neighbours above ``TEXT_LINK``."""
    def word(k: int, prefix: str) -> str:
        out = ""
        for _ in range(4):
            k, r = divmod(k, 26)
            out += chr(ord("a") + r)
        return prefix + out
    background = " ".join(word(j, "xj") for j in range(14))
    return [f"{word(i, 'zq')} {word(i + 1, 'zq')} {background}" for i in range(n)]


def test_similar_texts_keeps_pairs_under_text_link_only_for_a_shared_voice():
    """Work counted, not timed: pairs under ``TEXT_LINK`` can only link units with the same main
    voice, so only those are kept for the Python steps after the product. Here every pair of texts
    reaches ``SPEAKER_LINK`` (all n (n + 1) / 2 kept without voices: 20,100 at 200, 320,400 at 800,
    which fails) and units 2k and 2k + 1 share a voice: 2n - 1 pairs are kept."""
    at_least = min(st.SPEAKER_LINK, st.TEXT_LINK) - 10 ** -st.SCORE_DECIMALS
    text_min = st.TEXT_LINK - 10 ** -st.SCORE_DECIMALS
    kept = {}
    for n in (200, 800):
        vec = st._Vectors(_background_chain_texts(n))
        every = vec.similar_texts(at_least)
        assert len(every) == n * (n + 1) // 2  # the corpus is the hard case
        main = [f"voice {i // 2}" for i in range(n)]
        got = vec.similar_texts(at_least, voice=st._row_voices(vec.row, main), text_min=text_min)
        usable = {k: v for k, v in every.items() if v >= np.float32(text_min) or main[k[0]] == main[k[1]]}
        assert got == usable
        kept[n] = vec.pairs_kept
    assert kept[800] / kept[200] <= 4 * 1.3, kept
    assert kept[800] <= 2 * 800


def test_links_are_the_same_with_every_similar_pair_kept(corpus, monkeypatch):
    """Leaving out the pairs under ``TEXT_LINK`` whose units share no main voice changes no link,
    score or evidence (a shared quotation's pair gets the same cosine when worked out apart)."""
    links = st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes)
    monkeypatch.setattr(st, "_row_voices", lambda text_of, main: np.full(int(text_of.max()) + 1, -2))
    every = st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes)
    pd.testing.assert_frame_equal(links, every)


def test_copies_of_one_text_link_to_at_most_max_text_links_each():
    n = 3 * st.MAX_TEXT_LINKS
    links = st._text_links({(0, 0): 1.0}, np.zeros(n, dtype=np.int64), [""] * n)
    degree = np.bincount(np.concatenate([links["unit_a"], links["unit_b"]]), minlength=n)
    assert (links["unit_a"] < links["unit_b"]).all() and not links.duplicated().any()
    assert degree.min() >= st.MAX_TEXT_LINKS and len(links) <= n * st.MAX_TEXT_LINKS
    few = st._text_links({(0, 0): 1.0}, np.zeros(5, dtype=np.int64), [""] * 5)
    assert len(few) == 10  # below the cap every copy is linked to every other


# --------------------------------------------------------------------------- properties

words = st_.sampled_from("peace talks ukraine betraying not certainly the a of war putin trump nato table off".split())
quotes = st_.lists(words, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(quotes, quotes)
def test_quote_similarity_is_symmetric_and_bounded(a, b):
    s = st.quote_similarity(a, b)
    assert s == st.quote_similarity(b, a)
    assert 0.0 <= s <= 1.0


@settings(max_examples=200, deadline=None)
@given(st_.floats(0, 1), st_.floats(0, 1), st_.booleans())
def test_combined_score_is_bounded_and_rises_with_evidence(cosine, quote, speaker):
    score = st._combined(np.array([cosine]), np.array([quote]), np.array([float(speaker)]))[0]
    assert 0.0 <= score <= 1.0
    assert score >= round(max(cosine, quote), st.SCORE_DECIMALS) - 1e-9


edges = st_.lists(st_.tuples(st_.integers(0, 7), st_.integers(0, 7), st_.sampled_from([0.3, 0.5, 1.0])), max_size=20)


@settings(max_examples=150, deadline=None)
@given(edges, st_.permutations(list(range(8))))
def test_average_linkage_does_not_depend_on_item_order(edge_list, perm):
    """Renumbering the items (keys travel with them) gives the same partition."""
    a = np.array([e[0] for e in edge_list], dtype=np.int64)
    b = np.array([e[1] for e in edge_list], dtype=np.int64)
    s = np.array([e[2] for e in edge_list], dtype=float)
    keys = [f"k{i}" for i in range(8)]
    first = st.average_linkage(8, a, b, s, st.MERGE_AT, keys)
    inv = np.argsort(perm)
    second = st.average_linkage(8, np.asarray(perm)[a] if len(a) else a, np.asarray(perm)[b] if len(b) else b, s,
                                st.MERGE_AT, [keys[i] for i in inv])
    groups = lambda labels, order: {frozenset(keys[order[i]] for i in range(8) if labels[i] == lab) for lab in set(labels)}  # noqa: E731
    assert groups(first, list(range(8))) == groups(second, list(inv))


def test_coverage_timing_when_one_outlet_has_no_clock_times():
    # the held-out corpus mixes a timed blog (Guardian stamps) with untimed ones: an all-missing
    # time column once lost its zone and the lag subtraction failed deep inside pandas
    corpus = liveblogs.load_corpus(Path(__file__).parent / "fixtures" / "heldout", cache=False)
    assert str(corpus.stories["time"].dtype) == "datetime64[ns, UTC]"
    timing = corpus.coverage_timing()
    assert str(timing["first_time"].dtype) == "datetime64[ns, UTC]"
    assert len(timing) == corpus.stories["story"].nunique() * corpus.articles["outlet"].nunique()


def test_quote_tokens_fold_ascii_and_accented_text_alike():
    assert st.quote_tokens("Don't BETRAY Zelenskyy!") == ["dont", "betray", "zelenskyy"]
    assert st.quote_tokens("Don’t betray Zelénskyy") == ["dont", "betray", "zelenskyy"]


def test_article_order_takes_the_first_known_order_of_each_article():
    order = st._article_order(["a", "a", "b", "c"], ["unknown", "newest-first", "unknown", "oldest-first"])
    assert order == ["newest-first", "newest-first", "unknown", "oldest-first"]


# --------------------------------------------------------------------------- the date window


def _published(corpus, shift_days: dict[str, float | None]) -> pd.Series:
    """The corpus's publication dates, with some articles moved by days (None: undated)."""
    published = pd.to_datetime(corpus.articles.set_index("article")["published"]).copy()
    published.index = published.index.astype(str)
    for article, days in shift_days.items():
        published[article] = pd.NaT if days is None else published[article] + pd.Timedelta(days=days)
    return published


def test_links_join_articles_published_at_most_the_window_apart(corpus):
    """Sky's and the BBC's blogs of the same day share quotations and posts; moved apart by more
    than ``STORY_WINDOW_DAYS`` they share no automatic link (each blog's own links stay); at the
    window, or with one blog undated, every link is as before. Links made by hand are not bounded."""
    def links(shift):
        return st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes,
                              published=_published(corpus, {BBC: shift}))
    same_day = links(0)
    cross = same_day[same_day["article_a"] != same_day["article_b"]]
    assert len(cross) >= 5 and "text similarity" in set(cross["link"])
    pd.testing.assert_frame_equal(links(st.STORY_WINDOW_DAYS), same_day)
    pd.testing.assert_frame_equal(links(-st.STORY_WINDOW_DAYS), same_day)
    pd.testing.assert_frame_equal(links(None), same_day)
    pd.testing.assert_frame_equal(st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes), same_day)
    apart = links(st.STORY_WINDOW_DAYS + 1)
    assert (apart["article_a"] == apart["article_b"]).all()
    inner = same_day[same_day["article_a"] == same_day["article_b"]]
    pd.testing.assert_frame_equal(apart[LINK_KEY].reset_index(drop=True), inner[LINK_KEY].reset_index(drop=True))
    # a link made by hand joins the blogs whatever their dates
    row = cross.iloc[0]
    table = pd.DataFrame([{"article_a": row["article_a"], "post_a": int(row["post_a"]),
                           "article_b": row["article_b"], "post_b": int(row["post_b"]), "action": "link", "note": ""}])
    by_hand = st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes, table,
                             published=_published(corpus, {BBC: 30}))
    assert (by_hand["link"] == "override").sum() >= 1
    assert (by_hand["article_a"] != by_hand["article_b"]).sum() == (by_hand["link"] == "override").sum()


LINK_KEY = ["article_a", "post_a", "start_a", "article_b", "post_b", "start_b", "link", "score"]


def test_corpus_links_read_the_manifest_dates(tmp_path):
    """``Corpus.story_links`` bounds links by the manifest's dates: the bundled blogs given dates a
    week apart share no link."""
    shutil.copytree(ARTICLES, tmp_path / "articles")
    manifest = pd.read_csv(data_dir() / "manifest.csv", dtype=str, keep_default_na=False)
    apart = manifest.copy()
    apart.loc[apart["outlet"] == "BBC", "published"] = "2025-02-20"
    (tmp_path / "manifest.csv").write_text(apart.to_csv(index=False), encoding="utf-8")
    moved = liveblogs.load_corpus(tmp_path, cache=False)
    assert len(moved.story_links) and (moved.story_links["article_a"] == moved.story_links["article_b"]).all()
    (tmp_path / "manifest.csv").write_text(manifest.to_csv(index=False), encoding="utf-8")
    same = liveblogs.load_corpus(tmp_path, cache=False)
    assert (same.story_links["article_a"] != same.story_links["article_b"]).sum() >= 5


def test_similar_texts_in_a_season_compare_the_days_around_each_text():
    """Work counted, not timed: texts that all resemble each other (every pair reaches
    ``SPEAKER_LINK``), ten a day. Without dates every pair is compared (n (n + 1) / 2: 20,100 at
    200 texts, 320,400 at 800); with dates only the texts of the days around each, so the pairs
    grow with n, and they are exactly the all-pairs result's pairs within the window."""
    at_least = min(st.SPEAKER_LINK, st.TEXT_LINK) - 10 ** -st.SCORE_DECIMALS
    compared = {}
    for n in (200, 800):
        texts = _background_chain_texts(n)
        days = np.arange(n, dtype=np.float64) // 10
        every = st._Vectors(texts).similar_texts(at_least)
        vec = st._Vectors(texts, days=days, window=st.STORY_WINDOW_DAYS)
        got = vec.similar_texts(at_least)
        # rows are per text and day, dated rows by day: here the text order itself
        assert (vec.row == np.arange(n)).all()
        assert got == {k: v for k, v in every.items() if days[k[1]] - days[k[0]] <= st.STORY_WINDOW_DAYS}
        compared[n] = vec.pairs_compared
    assert compared[800] / compared[200] <= 4 * 1.3, compared
    assert compared[800] <= 800 * 10 * (2 * st.STORY_WINDOW_DAYS + 1)


def test_undated_texts_are_compared_with_every_text():
    """An undated text (NaN) is compared with dated texts of any day and with the other undated ones."""
    texts = _background_chain_texts(60)
    days = np.arange(60, dtype=np.float64) * 5  # no two dated texts within the window
    days[[7, 40]] = np.nan
    at_least = min(st.SPEAKER_LINK, st.TEXT_LINK) - 10 ** -st.SCORE_DECIMALS
    vec = st._Vectors(texts, days=days, window=st.STORY_WINDOW_DAYS)
    got = vec.similar_texts(at_least)
    undated = {int(vec.row[7]), int(vec.row[40])}
    assert vec.dated == 58 and undated == {58, 59}
    for r in range(60):
        assert (min(r, 58), max(r, 58)) in got and (min(r, 59), max(r, 59)) in got
    assert all(r == s or r in undated or s in undated for r, s in got)


def test_shared_quotations_are_matched_within_the_window_only():
    """The same quotation in two units is a match when their days are at most the window apart
    (or either is undated), and is not compared at all when they are further apart."""
    words = "we will not negotiate under threat from anyone"
    quotes = pd.DataFrame({"quote": [words, words, words], "speaker_id": ["Q1", "Q1", ""]})
    unit = np.array([0, 1, 2])
    for days, pairs in [(None, {(0, 1), (0, 2), (1, 2)}),
                        ([0.0, st.STORY_WINDOW_DAYS, 2.0 * st.STORY_WINDOW_DAYS], {(0, 1), (1, 2)}),
                        ([0.0, st.STORY_WINDOW_DAYS + 1.0, np.nan], {(0, 2), (1, 2)})]:
        got = st._quote_matches(quotes, unit, None if days is None else np.array(days))
        assert set(zip(got["unit_a"].tolist(), got["unit_b"].tolist())) == pairs, days
        assert (got["similarity"] == 1.0).all()


@settings(max_examples=300, deadline=None)
@given(st_.lists(st_.sampled_from(["a", "bb", " ", "\n", "\u00a0", "\t", "x" * 30, "é", "\u2003", "\x1c", "\x85", "\u200b"]),
                 max_size=160))
def test_a_units_label_is_its_text_on_one_line_cut_at_100_characters(pieces: list[str]) -> None:
    # whitespace runs become one space, the ends are stripped, and a longer text is cut at a word before 100 characters
    text = "".join(pieces)
    line = re.sub(r"\s+", " ", text).strip()
    assert st._headline(text, None) == (line if len(line) <= 100 else line[:99].rsplit(" ", 1)[0] + "…")
    assert st._headline(text, " Own\n headline ") == "Own headline"


def test_units_of_rows_are_found_by_article_and_offset() -> None:
    units = pd.DataFrame({"unit": [0, 1, 2, 3], "article": ["a", "a", "b", "b"], "start": [0, 50, 0, 10],
                          "end": [40, 90, 10, 20]})
    rows = pd.DataFrame({"article": ["a", "a", "a", "b", "b", "c", "b"], "start": [0, 45, 60, 9, 10, 5, 25]})
    # inside the first unit, in the gap, inside the second, the last offset of b's first unit, the
    # first of its second, an article with no units, and past every unit
    assert st._unit_of(rows, units).tolist() == [0, -1, 1, 2, 3, -1, -1]


def test_stories_read_the_links_vectors_as_their_own(tmp_path):
    # The corpus hands the links' vectors (rows per text and day) to the stories, whose labels read
    # their weights: the frame equals stories built from vectors of their own, and the vectors are
    # let go once read. Two copies of one article, a day apart, make rows that differ from units.
    text = (ARTICLES / f"{SKY}.txt").read_text(encoding="utf-8")
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet,published,timezone\n"
                                           "a.txt,Outlet A,2025-02-13,Europe/London\nb.txt,Outlet B,2025-02-14,Europe/London\n")
    corpus = liveblogs.load_corpus(tmp_path / "manifest.csv", cache=False)
    vectors = st.story_vectors(corpus._story_units, corpus.articles.set_index("article")["published"])
    assert len(set(vectors.row.tolist())) > len(set(corpus._story_units["text"].astype(str)))  # a row per text and day
    got = corpus.stories
    assert "_vectors_for_stories" not in corpus.__dict__
    alone = st.stories(corpus.posts, corpus.paragraphs, corpus.story_links, corpus.quotes, corpus.post_times)
    pd.testing.assert_frame_equal(got, alone)
    assert got["label"].str.len().gt(0).all()
