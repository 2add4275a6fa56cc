"""The attribution rules by name: each on an invented news sentence, and the ``rule`` column they fill."""

from __future__ import annotations

import pandas as pd
import pytest

import liveblogs
from liveblogs.quotes import attribution
from liveblogs.quotes.attribution import PASS_RULES, RULE_NAMES, RULES
from liveblogs.quotes.quotes import QUOTE_COLUMNS

from tests.test_attribution import quotes

from .conftest import ROOT

HEADLINE = (0,)

# rule, text, paragraphs that are headlines, the quoted words (with which of them when the words
# come twice), the speaker
EXAMPLES = [
    # ---- the cascade, in order
    ("cue_after_closing_mark",
     '"We will not back down," the defence minister said on Tuesday.', (),
     "We will not back down,", "defence minister"),
    ("cue_after_closing_mark",
     '"We will not back down," Interior Minister Lena Brandt said on Tuesday.', (),
     "We will not back down,", "Lena Brandt"),
    ("signed_after_dash",
     'Readers told us what they thought of the debate.\n\n"He never answered the question." ― Ana Ruiz, 34, a nurse',
     (), "He never answered the question.", "Ana Ruiz"),
    ("cue_after_question_or_exclamation",
     'Farmers blocked the road again. "Who will pay for this?" Mayor Tomas Feld told reporters.', (),
     "Who will pay for this?", "Tomas Feld"),
    ("cue_after_question_or_exclamation",
     'Farmers blocked the road again. "Enough is enough!" Mayor Tomas Feld said.', (),
     "Enough is enough!", "Tomas Feld"),
    ("cue_before_opening_mark",
     'Finance Minister Priya Nandal said: "The budget is balanced."', (),
     "The budget is balanced.", "Priya Nandal"),
    ("cue_before_opening_mark",
     'The conservative magazine has opposed the senator all year, arguing she is "a fraud."', (),
     "a fraud.", "conservative magazine"),
    ("speech_noun_before",
     'Priya Nandal spoke after the vote. Her message: "Stay calm."', (),
     "Stay calm.", "Priya Nandal"),
    ("speech_noun_before",
     "Senator Ruth Ambrose spoke on Monday. Critics seized on Ambrose's claim that the budget had "
     'produced "thousands of jobs" in the region.', (),
     "thousands of jobs", "Ruth Ambrose"),
    ("speech_noun_before",
     'Ruth Ambrose ran for mayor last year. Her campaign slogan was "A city that works."', (),
     "A city that works.", "Ruth Ambrose"),
    ("colon_after_subject_sentence",
     'The mayor, Tomas Feld, was blunt about the deficit: "We are broke."', (),
     "We are broke.", "Tomas Feld"),
    ("nearest_cue_before",
     'Tomas Feld said on Monday that the spending cuts would be "painful but necessary".', (),
     "painful but necessary", "Tomas Feld"),
    ("nearest_cue_before",
     'Campaign aides say the former governor plans to "go all in" on the state.', (),
     "go all in", "Campaign aides"),
    ("nearest_cue_before",
     'The billionaire businessman began by talking about the drug crisis, saying that heroin is now '
     '"cheaper than candy."', (),
     "cheaper than candy.", "billionaire businessman"),
    ("cue_later_in_sentence",
     'The cuts will be "painful but necessary" for families, the finance minister said on Monday.', (),
     "painful but necessary", "finance minister"),
    ("framing_verb_subject",
     'Senator Ruth Ambrose likened the governor\'s new housing proposal to "a gimmick".', (),
     "a gimmick", "Ruth Ambrose"),
    ("framing_verb_subject",
     'In January, Governor Tomas Feld lauded the mayor in his address for helping develop "new ideas." '
     'He left early.', (),
     "new ideas.", "Tomas Feld"),
    ("framing_verb_subject",
     'Tomas Feld openly admires the Russian leader as a "strong leader," comparing him to others.', (),
     "strong leader,", "Tomas Feld"),
    ("speaker_label_line",
     'Senator Ruth Ambrose spoke on Monday.\nAmbrose: the bill is "a gimmick"\nVoting continues.', (),
     "a gimmick", "Ruth Ambrose"),
    ("title_case_headline_verb",
     'Budget Is \u2018Reckless,\u2019 Tomas Feld Says.\n\nTomas Feld spoke in the council on Monday about the plan.', (),
     "Reckless,", "Tomas Feld"),
    ("reporting_sentence_after_full_stop",
     'Farmers blocked the road again.\n\n"We will not pay for this." Mayor Tomas Feld said on Monday.', (),
     "We will not pay for this.", "Tomas Feld"),
    # ---- context, when the sentence names nobody
    ("context:list_intro",
     'Ruth Ambrose set out her demands. Here is what she said:\n- "Lower rents."\n- "More buses."', (),
     "More buses.", "Ruth Ambrose"),
    ("context:sentence_subject",
     'Ruth Ambrose said on Monday that the plan was "a gimmick." In recent weeks, Tomas Feld has gone '
     'after the mayor as a "spoiled brat."', (),
     "spoiled brat.", "Tomas Feld"),
    ("context:previous_quote",
     '"We are ready," the defence minister said.\n\n"We have always been ready."', (),
     "We have always been ready.", "defence minister"),
    ("context:previous_sentence_subject",
     'Ruth Ambrose was blunter. "We are done talking."', (),
     "We are done talking.", "Ruth Ambrose"),
    ("context:last_reporting_clause",
     'Ruth Ambrose said the talks had failed. The offer on the table was "not serious".', (),
     "not serious", "Ruth Ambrose"),
    # ---- the same words quoted elsewhere
    ("repeat",
     'Ruth Ambrose said the plan was "a gimmick".\n\nThe weather was cold on Monday. Trains were late. '
     'Schools closed early.\n\n'
     'Whether it is "a gimmick" remains to be seen.', (),
     ("a gimmick", 1), "Ruth Ambrose"),
    # ---- headlines
    ("headline:body_label",
     'Council: Plan is "not a threat"\n\nThe Nordic Council met on Monday. A spokesman for the Nordic Council '
     'said the plan was "not a threat to anyone".', HEADLINE,
     "not a threat", "Nordic Council"),
    ("headline:body_quote",
     'Cuts will be "painful but necessary"\n\nThe finance minister, Priya Nandal, said on Monday that the cuts '
     'would be "painful but necessary".', HEADLINE,
     ("painful but necessary", 0), "Priya Nandal"),
    ("headline:similar_sentence",
     'Budget "will hurt families"\n\nThe finance minister, Priya Nandal, said the budget will hurt families '
     "on low incomes.", HEADLINE,
     "will hurt families", "Priya Nandal"),
    ("headline:own_cue",
     'Nandal says budget "will not hurt anyone"\n\nPriya Nandal presented the budget on Monday. '
     "The opposition voted against it.", HEADLINE,
     "will not hurt anyone", "Priya Nandal"),
    ("headline:own_subject",
     'Priya Nandal rejects "reckless" claims\n\nPriya Nandal presented the budget on Monday. '
     "The opposition voted against it.", HEADLINE,
     "reckless", "Priya Nandal"),
    ("headline:speaker_label",
     'Nandal: budget is "fair"\n\nPriya Nandal presented the budget on Monday. Nandal then left for Brussels.',
     HEADLINE, "fair", "Priya Nandal"),
    ("headline:list_intro",
     '"A turning point" for the economy\n\nHere is what Priya Nandal told parliament:\n\n'
     "Taxes on fuel will rise in April.", HEADLINE,
     "A turning point", "Priya Nandal"),
    ("headline:main_speaker",
     '"A turning point" for the economy\n\nPriya Nandal presented the budget on Monday. '
     '"Taxes on fuel will rise," she said.', HEADLINE,
     "A turning point", "Priya Nandal"),
    ("headline:first_reporter",
     '"A turning point" for the economy\n\nPriya Nandal said taxes on fuel would rise in April.', HEADLINE,
     "A turning point", "Priya Nandal"),
    # ---- a quotation inside a quotation
    ("nested:outer_speaker",
     '"I told them \'never again\' and I meant it," Ruth Ambrose said.', (),
     "never again", "Ruth Ambrose"),
    # ---- the learned ranker (liveblogs.quotes.ranker) re-choosing among the candidates
    ("ranker",
     '"We will not back down," Ann Lee said on Monday.\n\n'
     'In recent weeks, Bob Smith has gone after the mayor as a "spoiled brat".', (),
     "spoiled brat", "Bob Smith"),
]


def _row(text: str, headlines: tuple[int, ...], words: str | tuple[str, int]) -> pd.Series:
    q = quotes(text, headlines)
    words, which = words if isinstance(words, tuple) else (words, None)
    found = q[q["quote"] == words]
    assert len(found) == (2 if which is not None else 1), q[["quote", "speaker", "rule"]]
    return found.iloc[which or 0]


@pytest.mark.parametrize("rule, text, headlines, words, speaker", EXAMPLES,
                         ids=[f"{e[0]}-{k}" for k, e in enumerate(EXAMPLES)])
def test_each_rule_names_the_speaker_and_itself(rule, text, headlines, words, speaker):
    row = _row(text, headlines, words)
    assert (row["speaker"], row["rule"]) == (speaker, rule)


def test_every_rule_has_an_example():
    assert {e[0] for e in EXAMPLES} == set(RULE_NAMES)


def test_the_rules_are_an_ordered_tuple_of_documented_functions():
    assert isinstance(RULES, tuple) and all(callable(r) for r in RULES)
    assert [r.__name__ for r in RULES] == [
        "cue_after_closing_mark", "signed_after_dash", "cue_after_question_or_exclamation", "cue_before_opening_mark",
        "speech_noun_before", "colon_after_subject_sentence", "nearest_cue_before", "cue_later_in_sentence",
        "framing_verb_subject", "speaker_label_line", "title_case_headline_verb",
        "reporting_sentence_after_full_stop",
    ]
    for r in RULES:
        assert getattr(attribution, r.__name__) is r
        assert r.__doc__ and "``" in r.__doc__, f"{r.__name__}: a one-line rule with an example"
    assert RULE_NAMES == tuple(r.__name__ for r in RULES) + PASS_RULES
    assert len(set(RULE_NAMES)) == len(RULE_NAMES)


def test_the_first_cue_after_the_closing_mark_ends_the_cascade_even_naming_nobody():
    # "we were told" reports the quotation but names nobody: the cue before it ("Ruth Ambrose said")
    # is not read by a later rule of the cascade; the context gives the speaker instead.
    row = _row('Ruth Ambrose said on Monday that "the talks are over," we were told.', (), "the talks are over,")
    assert row["rule"] == "context:last_reporting_clause" and pd.isna(row["cue"])


def test_words_of_nobody_have_no_rule():
    for text, words, how in [('The so-called "peace plan" was published on Monday.', "peace plan", "title"),
                             ('The weather turned "biblical" on Monday.', "biblical", "scare")]:
        row = _row(text, (), words)
        assert pd.isna(row["speaker"]) and pd.isna(row["rule"]) and row["attribution"] == how


@pytest.mark.parametrize("text, words", [
    ('The minister appeared on "Face the Nation" on Sunday.', "Face the Nation"),
    ('On Tuesday\'s episode of "The Morning Hour," the senator spoke about jobs.', "The Morning Hour,"),
    ('In his 2002 book, "Save Like a Farmer," Mr. Lund gives advice.', "Save Like a Farmer,"),
    ('The director makes it plain in her documentary "19th." It opens on Friday.', "19th."),
    ('Listeners called his "Straight Talk" radio program on Sunday.', "Straight Talk"),
])
def test_titles_of_works_are_nobodys_speech_and_left_out_of_who_said_what(text, words):
    row = _row(text, (), words)
    assert pd.isna(row["speaker"]) and pd.isna(row["rule"]) and row["attribution"] == "title"
    from liveblogs.quotes.voices import speech
    q = quotes(text)
    assert words in set(q["quote"]) and words not in set(speech(q)["quote"])  # a row still, not speech


def test_an_owned_speech_noun_that_is_the_object_of_a_verb_does_not_speak():
    # The remarks are Feld's, but "a wake-up call" is what Ambrose called them.
    text = ('Tomas Feld spoke on Saturday. Ruth Ambrose, a senior adviser, called Mr. Feld\'s remarks on Saturday '
            '"a wake-up call" for the party.')
    assert _row(text, (), "a wake-up call")["speaker"] != "Tomas Feld"


def test_a_name_someone_calls_somebody_is_not_a_title():
    text = 'Ruth Ambrose spoke on Monday. The mayor was hailed by a rival as "The Builder" after the vote.'
    row = _row(text, (), "The Builder")
    assert row["attribution"] != "title"


def test_the_rule_column_follows_attribution_as_a_string():
    q = quotes('"Fine," he said.')
    assert QUOTE_COLUMNS.index("rule") == QUOTE_COLUMNS.index("attribution") + 1
    assert list(q.columns) == QUOTE_COLUMNS
    assert q["rule"].dtype == pd.StringDtype() == q["speaker"].dtype


def _name_a_declared_rule_exactly_when_attributed(q: pd.DataFrame) -> None:
    assert list(q.columns).index("rule") == list(q.columns).index("attribution") + 1
    attributed = q["speaker"].notna()
    assert attributed.any()
    assert q.loc[attributed, "rule"].notna().all()
    assert q.loc[attributed, "rule"].str.len().gt(0).all()
    assert set(q.loc[attributed, "rule"]) <= set(RULE_NAMES)
    assert q.loc[~attributed, "rule"].isna().all()
    assert q["attribution"].astype(str).isin(["scare", "title"]).eq(~attributed).all()


def test_bundled_quotes_name_a_declared_rule_exactly_when_attributed(corpus):
    _name_a_declared_rule_exactly_when_attributed(corpus.quotes)


def test_fixture_quotes_some_unattributed_name_a_declared_rule_exactly_when_attributed():
    q = liveblogs.load_corpus(ROOT / "tests" / "fixtures" / "heldout").quotes
    assert q["speaker"].isna().any()  # the bundled articles have none
    _name_a_declared_rule_exactly_when_attributed(q)
