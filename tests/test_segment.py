"""Tests for liveblogs.text.segment: sentence rules, token rules, normalise, properties, hostile input, accuracy."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("liveblogs") is None:  # running from a checkout without install
    sys.path.insert(0, str(ROOT / "src"))

from liveblogs.text.segment import (  # noqa: E402
    MASK, TOKEN_KINDS, masked_token_matches, normalise, normalise_token, sentence_spans, token_matches, token_table,
)

from .growth import cpu_ratio

GOLD = ROOT / "tests" / "fixtures" / "sentences_gold.jsonl"
ARTICLES = ROOT / "data" / "articles"


def sentences(paragraph: str, prefix: str = "", suffix: str = "") -> list[str]:
    """Sentences of ``paragraph`` embedded in a larger text, as strings."""
    text = prefix + paragraph + suffix
    start = len(prefix)
    return [text[a:b] for a, b in sentence_spans(text, start, start + len(paragraph))]


def tokens(text: str) -> list[tuple[str, str]]:
    """``(token text, kind)`` pairs of the whole of ``text``."""
    table = token_table(text, 0, len(text))
    return [(text[a:b], k) for a, b, k in zip(table["start"], table["end"], table["kind"])]


# --------------------------------------------------------------------------- sentence rules


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mr. Smith met Mrs. Jones and Dr. Brown at noon.",
        "Prof. Green spoke to Gen. Black, Lt. Gray, Col. White and Sgt. Pink.",
        "Rep. Cole, Sen. Ward and Gov. Hale were there, as was St. Peter.",
        "The attacks of Sept. 11 changed everything.",
        "It happened on Jan. 5 and again on Feb. 12.",
        "He lives at No. 10 with his cat.",
        "It was Russia vs. Ukraine at the table.",
        "Some allies, e.g. Poland, want more.",
        "Big allies, i.e. Germany and France, want less.",
        "The U.S. President spoke to the U.K. Prime Minister.",
        "They brought tanks, guns, etc. and more besides.",
        "The U.S. and the U.K. agreed.",
        "J. K. Rowling wrote it.",
        "Donald J. Trump said so.",
    ],
)
def test_no_split_after_abbreviations_and_initials(paragraph: str) -> None:
    assert sentences(paragraph) == [paragraph]


@pytest.mark.parametrize(
    "paragraph",
    [
        "North of $300bn was invested, not 2.3% of GDP.",
        "See our 8.06am post and the 10.24am update for details.",
        "Spending rose from 2.3% to 2.5% this year.",
        "About 2,000 troops and 1.5m shells were sent.",
    ],
)
def test_no_split_inside_decimals_and_times(paragraph: str) -> None:
    assert sentences(paragraph) == [paragraph]


def test_ellipsis_before_lowercase_does_not_split() -> None:
    assert sentences("He paused... and then went on.") == ["He paused... and then went on."]
    assert sentences("He paused… and then went on.") == ["He paused… and then went on."]


def test_ellipsis_before_capital_splits() -> None:
    assert sentences("This is what she had to say... Then she left.") == [
        "This is what she had to say...",
        "Then she left.",
    ]


def test_abbreviation_at_sentence_end_before_capital_splits() -> None:
    assert sentences("They brought tanks, guns, etc. Then they left.") == [
        "They brought tanks, guns, etc.",
        "Then they left.",
    ]
    assert sentences("He flew to the U.S. The talks begin today.") == [
        "He flew to the U.S.",
        "The talks begin today.",
    ]


@pytest.mark.parametrize("close", ['"', "”"])
def test_split_after_closing_quote(close: str) -> None:
    paragraph = f"He wants a lasting peace.{close} Next, the talks."
    assert sentences(paragraph) == [f"He wants a lasting peace.{close}", "Next, the talks."]


def test_split_before_opening_quote() -> None:
    paragraph = "“I know him very well,” Trump said earlier. “I think he would tell me if he didn’t.”"
    assert sentences(paragraph) == [
        "“I know him very well,” Trump said earlier.",
        "“I think he would tell me if he didn’t.”",
    ]


def test_split_before_opening_quote_across_wrap() -> None:
    paragraph = "“I know him very well,” Trump said earlier. “I think he\n\nwould tell me if he didn’t.”"
    assert sentences(paragraph) == [
        "“I know him very well,” Trump said earlier.",
        "“I think he\n\nwould tell me if he didn’t.”",
    ]


@pytest.mark.parametrize("mark", ["?", "!"])
def test_question_or_exclamation_inside_closing_quotes(mark: str) -> None:
    paragraph = f"He asked: “Is it over{mark}” Nobody knows."
    assert sentences(paragraph) == [f"He asked: “Is it over{mark}”", "Nobody knows."]


def test_question_inside_quotes_then_lowercase_attribution() -> None:
    assert sentences("“Why?” he asked.") == ["“Why?” he asked."]


def test_question_inside_a_bullet_quote() -> None:
    paragraph = '- Bennett says: "Flying into Moscow on a peace mission? You can see how Russia could spin that."'
    assert sentences(paragraph) == [
        '- Bennett says: "Flying into Moscow on a peace mission?',
        'You can see how Russia could spin that."',
    ]


def test_bullet_is_one_sentence() -> None:
    paragraph = '- It was premature to discuss timings for the meeting, but it should be held "fairly quickly";'
    assert sentences(paragraph) == [paragraph]


def test_headline_without_terminal_punctuation() -> None:
    paragraph = "US defence secretary denies Trump 'betraying' Ukraine - as Putin ally boasts after phone call"
    assert sentences(paragraph) == [paragraph]


def test_wrap_newlines_do_not_end_sentences() -> None:
    paragraph = "More now from President Trump who has told reporters at the White\n\nHouse that he trusts Putin."
    assert sentences(paragraph) == [paragraph]
    assert sentences("There is not a senior\nruler of the planet.") == ["There is not a senior\nruler of the planet."]


def test_sentence_across_wrap_then_split() -> None:
    paragraph = "“People know that trying to appease evil leads\n\nto disaster. We have no choice.”"
    assert sentences(paragraph) == [
        "“People know that trying to appease evil leads\n\nto disaster.",
        "We have no choice.”",
    ]


def test_plain_multi_sentence_paragraph() -> None:
    paragraph = '"Our position has remained unchanged. We want to be a NATO country. We will be a NATO country."'
    assert sentences(paragraph) == [
        '"Our position has remained unchanged.',
        "We want to be a NATO country.",
        'We will be a NATO country."',
    ]


def test_offsets_are_into_the_whole_text_and_stay_inside_the_paragraph() -> None:
    prefix, paragraph, suffix = "Headline.\n", "  One. Two.  ", "\nThree."
    text = prefix + paragraph + suffix
    start, end = len(prefix), len(prefix) + len(paragraph)
    spans = sentence_spans(text, start, end)
    assert [text[a:b] for a, b in spans] == ["One.", "Two."]
    assert all(start <= a < b <= end for a, b in spans)


def test_numbered_list_marker_does_not_split() -> None:
    assert sentences("1. Ukraine will not join NATO.") == ["1. Ukraine will not join NATO."]
    assert sentences("It rose in 2014. Then it fell.") == ["It rose in 2014.", "Then it fell."]


@pytest.mark.parametrize("paragraph", ["", "   ", "\n\n \t"])
def test_blank_paragraph_has_no_sentences(paragraph: str) -> None:
    assert sentences(paragraph) == []


# --------------------------------------------------------------------------- token rules


@pytest.mark.parametrize(
    "word", ["don't", "Russia's", "Ukraine’s", "so-called", "face-to-face", "Trump-Putin", "pre-2014", "90-minute"]
)
def test_words_keep_internal_apostrophes_and_hyphens(word: str) -> None:
    assert tokens(f"a {word} b") == [("a", "word"), (word, "word"), ("b", "word")]


@pytest.mark.parametrize("number", ["2.3", "2,000", "300bn", "8.06am", "10.24am", "2014", "’90s", "'90s"])
def test_numbers(number: str) -> None:
    assert tokens(f"in {number} now") == [("in", "word"), (number, "number"), ("now", "word")]


def test_currency_is_a_symbol_then_a_number() -> None:
    assert tokens("$300bn.") == [("$", "symbol"), ("300bn", "number"), (".", "punct")]


def test_percent_is_split_from_the_number() -> None:
    assert tokens("2.3%") == [("2.3", "number"), ("%", "symbol")]


def test_initialisms_are_one_word() -> None:
    assert tokens("the U.S. and e.g. this") == [
        ("the", "word"),
        ("U.S.", "word"),
        ("and", "word"),
        ("e.g.", "word"),
        ("this", "word"),
    ]


def test_quotes_and_apostrophes() -> None:
    got = tokens("“I know,” he said of Russia’s 'betraying' claim ‘so’ \"now\".")
    kinds = dict(got)
    assert got[0] == ("“", "quote") and ("”", "quote") in got
    assert kinds["Russia’s"] == "word"
    assert [t for t, k in got if k == "quote"] == ["“", "”", "'", "'", "‘", "’", '"', '"']
    assert [t for t, k in got if k == "punct"] == [",", "."]


def test_trailing_apostrophe_is_a_quote() -> None:
    assert tokens("the allies' view") == [("the", "word"), ("allies", "word"), ("'", "quote"), ("view", "word")]


def test_punctuation_and_symbols() -> None:
    got = tokens("Well - (yes); no... & 5% – ok!")
    assert ("-", "punct") in got and ("(", "punct") in got and (";", "punct") in got
    assert ("...", "punct") in got and ("–", "punct") in got and ("!", "punct") in got
    assert ("&", "symbol") in got and ("%", "symbol") in got


def test_token_table_types_and_offsets() -> None:
    text = "xx Hello, world. yy"
    table = token_table(text, 3, 16)
    assert set(table) == {"start", "end", "kind"}
    assert table["start"].dtype == np.int64 and table["end"].dtype == np.int64
    assert [text[a:b] for a, b in zip(table["start"], table["end"])] == ["Hello", ",", "world", "."]
    assert list(table["kind"]) == ["word", "punct", "word", "punct"]


def test_token_table_empty() -> None:
    table = token_table("   ", 0, 3)
    assert len(table["start"]) == len(table["end"]) == len(table["kind"]) == 0
    assert table["start"].dtype == np.int64


# --------------------------------------------------------------------------- normalise


def test_normalise_rules() -> None:
    assert normalise("“Hello”  „World‟ «x»") == '"hello" "world" "x"'
    assert normalise("Ukraine‘s ’90s ‚a‛ 5′") == "ukraine's '90s 'a' 5'"
    assert normalise("  A\n\nB\t C  ") == "a b c"
    assert normalise("ﬁve Ｔｅｓｔ…") == "five test..."


# --------------------------------------------------------------------------- properties

ALPHABET = st.sampled_from(
    list("aAbZé1 9.,;:!?…-—'\"“”‘’()$%\n\t") + ["Mr.", "U.S.", "e.g.", "...", "\n\n", " J. "]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


def _non_space_positions(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace()}


@settings(max_examples=400, deadline=None)
@given(prefix=TEXTS, paragraph=TEXTS, suffix=TEXTS)
def test_sentence_spans_properties(prefix: str, paragraph: str, suffix: str) -> None:
    text = prefix + paragraph + suffix
    start, end = len(prefix), len(prefix) + len(paragraph)
    spans = sentence_spans(text, start, end)
    covered: set[int] = set()
    previous_end = start
    for a, b in spans:
        assert previous_end <= a < b <= end
        assert text[a:b] == text[a:b].strip()
        covered.update(range(a, b))
        previous_end = b
    assert _non_space_positions(text, start, end) <= covered


def _masked_reference(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The one tokeniser's spans, each run of touching MASK tokens joined (the masked reading's rule, spelt out)."""
    out: list[list[int]] = []
    for m in token_matches(text, start, end):
        s, e = m.span()
        if out and out[-1][1] == s and text[s] == MASK and text[out[-1][0]] == MASK:
            out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("aZ9 .,'’\"-\n") + [MASK] * 3), max_size=40),
       cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_masked_tokens_are_the_tokens_with_each_run_of_masks_joined(text: str, cut: tuple[int, int]) -> None:
    start, end = min(cut), max(cut)
    found = [(m.start(), m.end()) for m in masked_token_matches(text, start, end)]
    assert found == _masked_reference(text, start, end)
    kinds = {m.lastgroup for m in masked_token_matches(text, 0, len(text))}
    assert ("mask" in kinds) == (MASK in text)


def test_masked_tokens_of_a_masked_quotation() -> None:
    text = f"He said: {MASK * 3} {MASK * 5}. Then 9.30am."
    spans = [text[m.start():m.end()] for m in masked_token_matches(text, 0, len(text))]
    assert spans == ["He", "said", ":", MASK * 3, MASK * 5, ".", "Then", "9.30am", "."]


@settings(max_examples=400, deadline=None)
@given(prefix=TEXTS, paragraph=TEXTS, suffix=TEXTS)
def test_token_table_properties(prefix: str, paragraph: str, suffix: str) -> None:
    text = prefix + paragraph + suffix
    start, end = len(prefix), len(prefix) + len(paragraph)
    table = token_table(text, start, end)
    covered: set[int] = set()
    previous_end = start
    for a, b, kind in zip(table["start"].tolist(), table["end"].tolist(), table["kind"]):
        assert previous_end <= a < b <= end
        assert kind in TOKEN_KINDS
        piece = text[a:b]
        assert piece.strip() == piece
        covered.update(range(a, b))
        previous_end = b
    assert covered == _non_space_positions(text, start, end)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_normalise_idempotent(s: str) -> None:
    once = normalise(s)
    assert normalise(once) == once
    assert "  " not in once and "\n" not in once
    assert not set("“”„‟«»‘’‚‛′") & set(once)


def _reference_normalise(s: str) -> str:
    """The definition of ``normalise``, step by step, without its shortcuts."""
    out = unicodedata.normalize("NFKC", s).lower()
    out = unicodedata.normalize("NFKC", out).translate(str.maketrans(dict.fromkeys("“”„‟«»", '"') | dict.fromkeys("‘’‚‛′", "'")))
    return re.sub(r"\s+", " ", out).strip()


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(st.characters(max_codepoint=127)))
def test_normalise_matches_definition(s: str) -> None:
    assert normalise(s) == _reference_normalise(s)
    assert normalise_token(s) == normalise(s)


# --------------------------------------------------------------------------- hostile input



def _ratio(fn, make, small: int) -> float:
    """Time ratio of ``fn`` on a 10x input over a 1x input (1 ms floor against timer noise)."""
    one, ten = make(small), make(10 * small)
    return cpu_ratio(lambda: fn(one, 0, len(one)), lambda: fn(ten, 0, len(ten)), limit=30)


HOSTILE = {
    "no_punctuation_5MB": (lambda n: "word " * n, 100_000),
    "dots_1MB": (lambda n: "." * n, 100_000),
    "spaced_dots": (lambda n: ". " * n, 20_000),
    "unclosed_quotes_10k": (lambda n: "“" * n, 10_000),
    "unclosed_straight_quotes": (lambda n: '"x ' * n, 10_000),
    "abbreviations": (lambda n: "Mr. " * n, 10_000),
    "initials": (lambda n: "A. " * n, 10_000),
    "dotted_digits": (lambda n: "1." * n, 50_000),
    "hyphen_chain": (lambda n: "a-" * n, 50_000),
    "apostrophe_digits": (lambda n: "’1" * n, 50_000),
    "initialism_chain": (lambda n: "a." * n, 50_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_sentence_spans_linear_on_hostile_input(name: str) -> None:
    make, small = HOSTILE[name]
    assert _ratio(sentence_spans, make, small) < 30


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_token_table_linear_on_hostile_input(name: str) -> None:
    make, small = HOSTILE[name]
    assert _ratio(token_table, make, small) < 30


# --------------------------------------------------------------------------- accuracy against gold


def gold_paragraphs() -> dict[str, tuple[str, list[tuple[int, int]], set[int]]]:
    """Per article: text, paragraph spans and gold sentence ends.

    Consecutive gold sentences belong to one paragraph unless a newline separates them (in the
    bundled articles no sentence boundary falls on a hard wrap).
    """
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, tuple[str, list[tuple[int, int]], set[int]]] = {}
    for article in sorted({r["article"] for r in rows}):
        text = (ARTICLES / f"{article}.txt").read_text(encoding="utf-8-sig")
        paragraphs: list[list[int]] = []
        ends: set[int] = set()
        for r in (r for r in rows if r["article"] == article):
            if paragraphs and "\n" not in text[paragraphs[-1][1] : r["start"]]:
                paragraphs[-1][1] = r["end"]
            else:
                paragraphs.append([r["start"], r["end"]])
            ends.add(r["end"])
        out[article] = (text, [(a, b) for a, b in paragraphs], ends)
    return out


def test_gold_fixture_is_consistent() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 150
    texts: dict[str, str] = {}
    for r in rows:
        text = texts.setdefault(r["article"], (ARTICLES / f"{r['article']}.txt").read_text(encoding="utf-8-sig"))
        assert text[r["start"] : r["end"]] == r["text"] and r["text"].strip() == r["text"]


def _f1(predicted: set, gold: set) -> float:
    tp = len(predicted & gold)
    if not tp:
        return 0.0
    precision, recall = tp / len(predicted), tp / len(gold)
    return 2 * precision * recall / (precision + recall)


def test_boundary_f1_against_gold() -> None:
    predicted: set[tuple[str, int]] = set()
    gold: set[tuple[str, int]] = set()
    inner_predicted: set[tuple[str, int]] = set()
    inner_gold: set[tuple[str, int]] = set()
    for article, (text, paragraphs, ends) in gold_paragraphs().items():
        para_ends = {b for _, b in paragraphs}
        gold |= {(article, e) for e in ends}
        inner_gold |= {(article, e) for e in ends - para_ends}
        for a, b in paragraphs:
            found = {(article, e) for _, e in sentence_spans(text, a, b)}
            predicted |= found
            inner_predicted |= {x for x in found if x[1] != b}
    assert _f1(predicted, gold) >= 0.97
    assert _f1(inner_predicted, inner_gold) >= 0.9
