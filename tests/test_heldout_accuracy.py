"""Accuracy floors on the held-out fixture: four articles in outlet styles the rules were not written from.

The set is used as a development set for general conventions of news reporting (see its
README); these floors sit a little below the figures reached, so that a change that loses a
convention shows up. Gold rows with no speaker never count as right for the scorer (it needs a
name on both sides), so who-said-what tops out below 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import liveblogs
from liveblogs.evaluate import load_gold, score

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"


@pytest.fixture(scope="module")
def result() -> dict:
    corpus = liveblogs.load_corpus(HELDOUT)
    return score(corpus.quotes, load_gold(HELDOUT / "quotes_gold.jsonl"), corpus.speaker_outlets, corpus.texts)


def test_heldout_span_f1_floor(result):
    assert result["overall"]["span_f1"] >= 0.98, result["errors"]


def test_heldout_who_said_what_floor(result):
    assert result["overall"]["who_said_what_f1"] >= 0.96, result["errors"]


@pytest.mark.parametrize(
    ("article", "floor"),
    [("guardian_uk_defence_live", 0.95), ("wire_nato_riyadh", 0.95), ("aljazeera_riyadh_live", 0.95),
     ("prose_eu_summit", 0.92)],
)
def test_heldout_per_article_floor(result, article, floor):
    assert result["per_article"][article]["who_said_what_f1"] >= floor, result["errors"]


def test_heldout_kind_accuracy_floor(result):
    assert result["kind_accuracy"] >= 0.97
