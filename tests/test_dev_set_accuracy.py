"""Accuracy floors on the two development sets of quotations, in outlet styles the rules were not written from.

``heldout`` (Guardian live blog, Reuters wire, Al Jazeera live updates, hard-wrapped prose) and
``heldout2`` (Telegraph live blog, NYT analysis, Kyiv Independent live update, AP hard-wrapped
wire) were written blind and then used as development sets for general conventions of news
reporting: honorifics with a full stop, particle surnames, role descriptions with their
prepositional phrase, news agencies as channels, summary-bullet headlines, colon introductions and
split quotes (see their READMEs). The floors sit a little below the figures reached, so that a
change that loses a convention shows up. Gold rows with no speaker never count as right for the
scorer (it needs a name on both sides). ``heldout3`` and ``heldout4`` were blind sets first and development
sets afterwards; ``heldout5`` is the blind set and has no floor here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import liveblogs
from liveblogs.evaluation.evaluate import load_gold, score

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FLOORS = {  # set: span F1, who-said-what F1, kind accuracy, per-article who-said-what F1
    "heldout": (0.98, 0.96, 0.97, {"guardian_uk_defence_live": 0.95, "wire_nato_riyadh": 0.95,
                                   "aljazeera_riyadh_live": 0.95, "prose_eu_summit": 0.92}),
    "heldout2": (0.98, 0.96, 0.96, {"telegraph_liveblog_paris_summit": 0.93, "nyt_analysis_europe_defense": 0.93,
                                    "kyivindependent_live_ceasefire": 0.93, "ap_nato_tariffs": 0.92}),
    # heldout3 was the blind set until session 3 (0.702), heldout4 its blind successor (0.800 -> 0.814 on heldout3's
    # rules); both were then used as development sets. heldout5 is the blind set now and has no floor.
    "heldout3": (0.98, 0.96, 0.95, {"cnn_live_tariffs_nato": 0.95, "dw_live_eu_summit": 0.95,
                                    "ft_analysis_eu_trade": 0.95, "irish_times_tariffs": 0.90}),
    "heldout4": (0.98, 0.90, 0.94, {"aljazeera_live_geneva_talks": 0.83, "ap_poland_defense": 0.88,
                                    "guardian_live_eu_summit": 0.90, "politico_playbook_summit": 0.88,
                                    "reuters_eu_countermeasures": 0.92}),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request) -> tuple[str, dict]:
    folder = FIXTURES / request.param
    corpus = liveblogs.load_corpus(folder)
    return request.param, score(corpus.quotes, load_gold(folder / "quotes_gold.jsonl"), corpus.speaker_outlets, corpus.texts)


def test_span_and_who_said_what_floors(scored):
    name, result = scored
    span, who, kind, _ = FLOORS[name]
    assert result["overall"]["span_f1"] >= span, result["errors"]
    assert result["overall"]["who_said_what_f1"] >= who, result["errors"]
    assert result["kind_accuracy"] >= kind


def test_per_article_floors(scored):
    name, result = scored
    low = {a: result["per_article"][a]["who_said_what_f1"] for a, floor in FLOORS[name][3].items()
           if result["per_article"][a]["who_said_what_f1"] < floor}
    assert not low, (low, result["errors"])


def test_apostrophes_are_never_quotations(scored):
    _, result = scored
    spurious = [e for e in result["errors"] if e["type"] == "spurious"]
    assert not spurious, spurious
