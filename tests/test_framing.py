"""Outlets compared: log-odds with an informative Dirichlet prior, who quotes whom, naming and spelling."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_

from liveblogs.compare import framing as fr
from liveblogs.compare import stories as st
from liveblogs.viz import storycharts as sc
from liveblogs.quotes import voices


@pytest.fixture(scope="module")
def compared(corpus):
    links = st.story_links(corpus.posts, corpus.paragraphs, corpus.quotes)
    stories = st.stories(corpus.posts, corpus.paragraphs, links, corpus.quotes)
    timing = st.coverage_timing(stories)
    return timing, fr.outlet_differences(corpus.quotes, corpus.speakers, corpus.speaker_names, timing, corpus.texts,
                                         corpus.articles, corpus.sentences, corpus.posts)


# --------------------------------------------------------------------------- log-odds


def test_log_odds_matches_a_hand_computed_example():
    """Two words; group i says the first twice, group j each once; prior = pooled counts (3, 1).

    delta_0 = log((2+3)/(2+4-2-3)) - log((1+3)/(2+4-1-3)) = log 5 - log 2
    var_0   = 1/(2+3) + 1/(1+3) = 0.45
    delta_1 = log((0+1)/(2+4-0-1)) - log((1+1)/(2+4-1-1)) = log(1/5) - log(1/2)
    var_1   = 1/1 + 1/2 = 1.5
    """
    delta, variance, z = fr.log_odds_dirichlet(np.array([2, 0]), np.array([1, 1]), np.array([3, 1]))
    assert delta[0] == pytest.approx(math.log(5) - math.log(2))
    assert variance[0] == pytest.approx(0.45)
    assert z[0] == pytest.approx((math.log(5) - math.log(2)) / math.sqrt(0.45))
    assert delta[1] == pytest.approx(math.log(1 / 5) - math.log(1 / 2))
    assert z[1] == pytest.approx((math.log(0.2) - math.log(0.5)) / math.sqrt(1.5))


@settings(max_examples=100, deadline=None)
@given(st_.lists(st_.tuples(st_.integers(0, 30), st_.integers(0, 30)), min_size=2, max_size=12))
def test_log_odds_is_antisymmetric(pairs):
    y_i = np.array([p[0] for p in pairs], dtype=float)
    y_j = np.array([p[1] for p in pairs], dtype=float)
    alpha = y_i + y_j + 0.01
    d_ij, v_ij, z_ij = fr.log_odds_dirichlet(y_i, y_j, alpha)
    d_ji, v_ji, z_ji = fr.log_odds_dirichlet(y_j, y_i, alpha)
    np.testing.assert_allclose(d_ij, -d_ji, atol=1e-12)
    np.testing.assert_allclose(z_ij, -z_ji, atol=1e-12)
    assert (v_ij > 0).all()


def test_distinguishing_terms_on_the_bundled_blogs(corpus, compared):
    _, diffs = compared
    terms = diffs["terms"]
    assert list(terms.columns) == fr.TERM_COLUMNS
    by = terms.set_index(["term", terms["outlet"].astype(str)])
    # each outlet's own spelling of Zelensky is typical of it
    assert by.loc[("zelensky", "BBC"), "z"] > 0 and by.loc[("zelenskyy", "Sky News"), "z"] > 0
    # two outlets: one outlet's log-odds is the other's with the sign turned
    both = terms.pivot(index="term", columns="outlet", values="delta")
    np.testing.assert_allclose(both["BBC"], -both["Sky News"], atol=1e-9)
    # examples point at a sentence of that outlet that uses the word
    for row in terms[terms["count"] > 0].head(40).itertuples(index=False):
        sentence = corpus.text(row.example_article)[row.example_start:row.example_end]
        assert row.term in sentence.lower().replace("’", "'")
        assert corpus.articles.set_index("article").loc[row.example_article, "outlet"] == row.outlet
    # sorted by outlet then falling z
    for _, group in terms.groupby("outlet", observed=True):
        assert group["z"].is_monotonic_decreasing


def test_priors(corpus):
    uniform = fr.distinguishing_terms(corpus.sentences, corpus.articles, prior="uniform", posts=corpus.posts)
    informative = fr.distinguishing_terms(corpus.sentences, corpus.articles, posts=corpus.posts)
    # the informative prior shrinks rare words more: the largest |z| is smaller
    assert informative["z"].abs().max() < uniform["z"].abs().max()
    with pytest.raises(ValueError, match="prior"):
        fr.distinguishing_terms(corpus.sentences, corpus.articles, prior="flat")


def test_distinguishing_terms_is_deterministic(corpus):
    a = fr.distinguishing_terms(corpus.sentences, corpus.articles, posts=corpus.posts)
    b = fr.distinguishing_terms(corpus.sentences, corpus.articles, posts=corpus.posts)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- who, what, how written


def test_only_quoted(corpus, compared):
    _, diffs = compared
    only = diffs["only_quoted"]
    alone = {(s, str(o)) for s, o in zip(only.loc[only["only_this_outlet"], "speaker_id"], only["outlet"])}
    assert ("valerii-pekar", "BBC") in alone and ("dmitry-medvedev", "Sky News") in alone
    assert "pete-hegseth" not in set(only["speaker_id"])  # both outlets quote him
    for row in only.itertuples(index=False):
        assert st.quote_tokens(corpus.text(row.article)[row.start:row.end]) == st.quote_tokens(row.example)


def test_single_outlet_stories(compared):
    timing, diffs = compared
    single = diffs["single_outlet_stories"]
    assert (single["n_outlets"] == 1).all()
    drones = single[single["label"].str.contains("Russia respects no borders")]
    assert list(drones["outlet"].astype(str)) == ["Sky News"] and list(drones["missing_from"]) == ["BBC"]
    shared = timing.loc[timing["n_outlets"] == 2, "story"]
    assert not set(single["story"]) & set(shared)


def test_naming_differences(corpus, compared):
    _, diffs = compared
    naming = diffs["naming"]
    rutte = naming[naming["speaker_id"] == "mark-rutte"].set_index("outlet")
    assert "Nato Secretary General Mark Rutte" in rutte.loc["BBC", "forms"]
    assert "NATO chief Mark Rutte" in rutte.loc["Sky News", "forms"]
    assert rutte["differs"].all()
    for row in naming.itertuples(index=False):
        assert corpus.text(row.article)[row.start:row.end] in row.forms


def test_spelling_variants(corpus, compared):
    _, diffs = compared
    spelling = diffs["spelling"]
    usual = {(k, o): f for k, o, f, d in zip(spelling["key"], spelling["outlet"], spelling["form"], spelling["dominant"]) if d}
    assert usual[("nato", "Sky News")] == "NATO" and usual[("nato", "BBC")] == "Nato"
    assert usual[("zelensky", "Sky News")] == "Zelenskyy" and usual[("zelensky", "BBC")] == "Zelensky"
    for row in spelling.itertuples(index=False):
        assert corpus.text(row.article)[row.start:row.end] == row.form


# --------------------------------------------------------------------------- charts


def test_charts_build_with_named_selections_and_text_tooltips(corpus, compared):
    timing, diffs = compared
    timeline = sc.coverage_timeline_chart(timing).to_dict()
    assert "story" in _param_names(timeline)
    assert "headline" in str(timeline) and "evidence" in str(timeline)
    lag = sc.lag_chart(timing).to_dict()
    assert "order only" in str(lag).lower()
    shares = voices.group_shares(voices.quote_table(corpus.quotes, corpus.posts, corpus.speakers))
    assert "voice_group" in _param_names(sc.voices_compared_chart(shares, diffs["only_quoted"]).to_dict())
    terms = sc.distinguishing_terms_chart(diffs["terms"]).to_dict()
    assert "BBC example" in str(terms) and "Sky News example" in str(terms)


def _param_names(spec) -> set[str]:
    found = set()
    if isinstance(spec, dict):
        for p in spec.get("params", []) or []:
            found.add(p.get("name"))
        for v in spec.values():
            found |= _param_names(v)
    elif isinstance(spec, list):
        for v in spec:
            found |= _param_names(v)
    return found
