"""Accuracy floors on the second held-out fixture (Telegraph live blog, NYT analysis, Kyiv
Independent live update, AP hard-wrapped wire), written blind and then used as a development set
for general conventions: honorifics with a full stop, particle surnames, role descriptions with
their prepositional phrase, news agencies as channels, summary-bullet headlines, colon
introductions and split quotes (see its README). The floors sit a little below the figures
reached, so that a change that loses a convention shows up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import liveblogs
from liveblogs.evaluate import load_gold, score

HELDOUT2 = Path(__file__).resolve().parent / "fixtures" / "heldout2"


@pytest.fixture(scope="module")
def result() -> dict:
    corpus = liveblogs.load_corpus(HELDOUT2)
    return score(corpus.quotes, load_gold(HELDOUT2 / "quotes_gold.jsonl"), corpus.speaker_outlets, corpus.texts)


def test_heldout2_span_f1_floor(result):
    assert result["overall"]["span_f1"] >= 0.98, result["errors"]


def test_heldout2_who_said_what_floor(result):
    assert result["overall"]["who_said_what_f1"] >= 0.96, result["errors"]


@pytest.mark.parametrize(
    ("article", "floor"),
    [("telegraph_liveblog_paris_summit", 0.93), ("nyt_analysis_europe_defense", 0.93),
     ("kyivindependent_live_ceasefire", 0.93), ("ap_nato_tariffs", 0.92)],
)
def test_heldout2_per_article_floor(result, article, floor):
    assert result["per_article"][article]["who_said_what_f1"] >= floor, result["errors"]


def test_heldout2_kind_accuracy_floor(result):
    assert result["kind_accuracy"] >= 0.96


def test_heldout2_apostrophes_are_never_quotations(result):
    spurious = [e for e in result["errors"] if e["type"] == "spurious"]
    assert not spurious, spurious
