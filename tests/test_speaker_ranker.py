"""The learned speaker ranker (issue 15): its model file, its determinism, and what it re-chooses."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from liveblogs.quotes import ranker
from tests.test_attribution import quotes

CARRY_OVER = ('Ann Lee, the mayor, spoke at length on Monday. "We will not back down," she said.\n\n'
              'In recent weeks, Bob Smith has gone after the governor as a "strong leader" of nothing.')


def _row(text: str, words: str) -> pd.Series:
    q = quotes(text)
    found = q[q["quote"] == words]
    assert len(found) == 1, q[["quote", "speaker", "rule"]]
    return found.iloc[0]


def test_the_model_file_is_plain_json_with_its_provenance():
    raw = json.loads(ranker.MODEL_PATH.read_text(encoding="utf-8"))
    assert set(raw) == {"header", "margin", "bias", "weights"}
    header = raw["header"]
    assert "PolNeAR train" in header["trained_on"] and "test split was never read" in header["selected_on"]
    assert len(header["commit"]) == 40 and header["command"].startswith("PYTHONPATH=src python benchmarks/")
    assert raw["weights"] and all(isinstance(w, float) for w in raw["weights"].values())
    assert ranker.MODEL_PATH.stat().st_size < 100_000  # a small text file, read by plain Python
    model = ranker.load_model()
    assert model is not None and model["weights"] == raw["weights"] and ranker.enabled()


def test_scores_are_a_sum_of_weights_and_deterministic():
    model = ranker.load_model()
    feats = sorted(model["weights"])[:5]
    assert ranker.score(model, feats) == pytest.approx(model["bias"] + sum(model["weights"][f] for f in feats))
    assert ranker.score(model, ["no such feature"]) == model["bias"]
    first, second = quotes(CARRY_OVER), quotes(CARRY_OVER)
    pd.testing.assert_frame_equal(first, second)


def test_a_possessive_frame_names_its_owner():
    row = _row('Critics pounced on Monday. Trump\'s claim that "the election is rigged" drew fire from both parties.',
               "the election is rigged")
    # Read by the rules since speech_noun_before learnt owned speech nouns; the ranker keeps a rule's answer.
    assert (row["speaker"], row["speaker_mention"], row["rule"]) == ("Trump", "Trump's", "speech_noun_before")


def test_the_subject_of_its_own_sentence_beats_a_carried_over_speaker(monkeypatch):
    row = _row(CARRY_OVER, "strong leader")
    assert (row["speaker"], row["rule"]) == ("Bob Smith", "ranker")
    monkeypatch.setenv("LIVEBLOGS_RANKER", "0")  # the rules alone carry the mayor's voice over
    row = _row(CARRY_OVER, "strong leader")
    assert row["speaker"] == "Ann Lee" and row["rule"].startswith("context:")


def test_a_new_voice_after_an_introductory_phrase():
    row = _row('"We will not back down," Ann Lee said on Monday.\n\n'
               'In recent weeks, Bob Smith has gone after the mayor as a "spoiled brat".', "spoiled brat")
    assert (row["speaker"], row["rule"]) == ("Bob Smith", "ranker")


def test_a_cue_of_its_own_sentence_is_never_re_chosen():
    # The cascade read the quotation's own reporting clause: the ranker leaves it alone.
    row = _row('Bob Smith met the press. "We will not back down," Ann Lee said on Monday.', "We will not back down,")
    assert (row["speaker"], row["rule"]) == ("Ann Lee", "cue_after_closing_mark")


def test_words_of_nobody_stay_nobodys():
    row = _row('The weather turned "biblical" on Monday.', "biblical")
    assert pd.isna(row["speaker"]) and pd.isna(row["rule"])


# A ranker candidate must read as a speaker's name (``ranker.speaker_mention``): invented sentences.
HEADLINES_WITH_A_VERB = [
    # a title-case headline: the run of capitals ends before its verb
    ('Senator Ann Lee Sees \'Grave Danger\' in Harbor Plan.\n\nSenator Ann Lee spoke to reporters in Oslo on '
     'Monday about the plan for the harbor, which the council approved last week.', "Grave Danger", "Sees"),
    ('Harbor Council Shows Doubt When It Comes To \'Green\' Budgets.\n\nThe Harbor Council met on Monday. '
     'Members asked for more time before the vote.', "Green", "Shows"),
]


@pytest.mark.parametrize("text, words, verb", HEADLINES_WITH_A_VERB)
def test_a_title_case_headline_run_with_a_verb_is_never_a_speaker(text, words, verb):
    row = _row(text, words)
    assert pd.isna(row["speaker"]) or verb not in row["speaker"].split()
    assert pd.isna(row["speaker_mention"]) or verb not in row["speaker_mention"].split()
    if row["rule"] == "ranker":  # the headline's subject, cut before its verb
        assert row["speaker"] in ("Ann Lee", "Harbor Council")


@pytest.mark.parametrize("adverb", ["Ironically", "Unsurprisingly"])
def test_a_sentence_adverb_is_never_a_speaker(adverb):
    row = _row(f'The council met on Monday.\n\n{adverb}, the strategy of "massive resistance" to the ruling was '
               "the governor's own.", "massive resistance")
    assert adverb not in {str(row["speaker"]), str(row["speaker_mention"])}


def test_a_plural_common_noun_opening_a_quotation_is_never_a_speaker():
    q = quotes('Bob Smith spoke on Monday. "Things that are not true are rated \'correct\' by the panel," Smith said.')
    assert "Things" not in set(q["speaker"].dropna()) | set(q["speaker_mention"].dropna())


def test_a_one_word_name_the_text_gives_again_still_speaks():
    row = _row('Ann Lee met the council on Monday.\n\nLee has gone after the mayor as a "spoiled brat".',
               "spoiled brat")
    assert row["speaker"] == "Ann Lee"
