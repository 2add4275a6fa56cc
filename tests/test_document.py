"""The one article document: built once per article, and every unit a stage reads derived from
its layers (one tokeniser, one sentence splitter, one quotation pairing)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import liveblogs
from liveblogs.assemble import pipeline
from liveblogs.quotes import attribution
from liveblogs.text import document as document_module
from liveblogs.config import data_dir
from liveblogs.text.document import MASK, ArticleDocument
from liveblogs.text.segment import sentence_spans, token_matches
from liveblogs.text.words import capitalised_words, folded_words, letter_words, word_pieces, word_readings

NEWS_TEXT = st.lists(
    st.sampled_from(list("abcXYZ JMr.;:,!?'\"“”‘’-\n19") + ["Mr", "Ms", "Dr", "U.S.", " said", MASK]),
    max_size=60,
).map("".join)


@pytest.fixture(scope="module")
def bundled():
    corpus = liveblogs.load_corpus(cache=False)
    docs = [pipeline.article_document(corpus.articles.iloc[[k]]) for k in range(len(corpus.articles))]
    return corpus, docs


def test_the_document_is_built_once_per_article(monkeypatch):
    built = []

    def counting(*args, **kwargs):
        doc = ArticleDocument(*args, **kwargs)
        built.append(doc.article)
        return doc

    monkeypatch.setattr(pipeline, "ArticleDocument", counting)
    corpus = liveblogs.load_corpus(cache=False)
    corpus.quotes, corpus.post_times  # every per-article frame
    assert sorted(built) == sorted(corpus.articles["article"].astype(str))


def test_quotations_are_paired_once_per_article(monkeypatch):
    calls = []
    real = document_module.find_quotes

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(document_module, "find_quotes", counting)
    corpus = liveblogs.load_corpus(cache=False)
    corpus.quotes
    assert len(calls) == len(corpus.articles)


def test_document_layers_are_the_corpus_frames(bundled):
    corpus, docs = bundled
    for doc in docs:
        mine = corpus.sentences[corpus.sentences["article"] == doc.article].reset_index(drop=True)
        pd.testing.assert_frame_equal(doc.sentences[["start", "end", "text"]], mine[["start", "end", "text"]])
        quotes = corpus.quotes[corpus.quotes["article"] == doc.article]
        assert sorted(quotes["start"].tolist()) == sorted(s.start for s in doc.quote_spans)


def test_tokens_lie_in_their_sentences_and_give_the_text_back(bundled):
    _, docs = bundled
    doc = docs[0]
    starts, ends = doc.tokens["start"], doc.tokens["end"]
    assert len(starts) > 1000
    bounds = list(zip(doc.sentences["start"], doc.sentences["end"]))
    k = 0
    for s, e in zip(starts.tolist(), ends.tolist()):
        while not bounds[k][0] <= s < bounds[k][1]:
            k += 1
        assert e <= bounds[k][1] and doc.text[s:e].strip() == doc.text[s:e]


def test_masked_text_blanks_only_quoted_words(bundled):
    _, docs = bundled
    for doc in docs:
        assert len(doc.masked) == len(doc.text)
        inside = [False] * len(doc.text)
        for span in doc.quote_spans:
            if span.parent is None:
                for i in range(span.start, span.end):
                    inside[i] = True
        changed = [i for i, (a, b) in enumerate(zip(doc.text, doc.masked)) if a != b]
        assert changed and all(inside[i] and doc.masked[i] == MASK for i in changed)


@settings(max_examples=300, deadline=None)
@given(NEWS_TEXT)
def test_attribution_clauses_come_from_the_one_sentence_splitter(text):
    sentences = sentence_spans(text, 0, len(text))
    for a, b in attribution._sentence_bounds(text, 0, len(text)):
        assert any(s <= a and b <= e for s, e in sentences), (a, b, sentences)
        assert ";" not in text[a : b - 1]


@settings(max_examples=300, deadline=None)
@given(NEWS_TEXT)
def test_attribution_tokens_are_unions_of_the_one_tokeniser(text):
    shared = [m.span() for m in token_matches(text, 0, len(text))]
    starts = {s for s, _ in shared}
    ends = {e for _, e in shared}
    read = attribution._tokens(text, 0, len(text))
    assert [t.text for t in read] == [text[t.start : t.end] for t in read]
    for t in read:
        assert t.start in starts and t.end in ends
    assert sum(t.end - t.start for t in read) == sum(e - s for s, e in shared)


def test_reading_tokens_keep_names_together():
    text = "Mr. Van Aken met Donald J. Trump and " + MASK * 4 + " " + MASK * 3 + " in the U.S. on Monday."
    read = [t.text for t in attribution._tokens(text, 0, len(text))]
    assert "Mr." in read and "J." in read and "U.S." in read
    assert MASK * 4 in read and MASK * 3 in read  # a masked run is one token; a space separates runs


def test_word_derivations_follow_the_tokeniser():
    text = "Putin's well-known ‘Europe’ plan, at 8.06am, cost $300bn; O'Brien and Jean-Pierre don't."
    assert letter_words(text) == ["Putin", "well", "known", "Europe", "plan", "at", "cost", "Brien", "and",
                                  "Jean", "Pierre", "don"]
    assert [w for _, w in capitalised_words(text)] == ["Putin", "Europe", "Jean", "Pierre"]
    assert "dont" in folded_words(text.lower()) and "s" in word_pieces(text.lower())


def test_the_tokens_frame_is_the_same_whatever_the_batch_of_articles(bundled):
    # Tokens are typed a batch of articles at a time (memory); a batch's edge, even inside every
    # article or past the last, must not show in the frame: numbering restarts per article only.
    from liveblogs.assemble.corpus import token_frame

    corpus, docs = bundled
    texts = {d.article: d.text for d in docs}
    whole = token_frame(texts, corpus.sentences, batch=1 << 40)
    assert len(whole) > 4000 and whole["article"].nunique() == len(docs)
    for batch in (1, 1000, len(whole) - 1):
        pd.testing.assert_frame_equal(token_frame(texts, corpus.sentences, batch=batch), whole)
    for article, group in whole.groupby("article"):
        assert group["token"].tolist() == list(range(len(group)))
        assert all(texts[article][s:e] == t for s, e, t in zip(group["start"], group["end"], group["text"]))
    pd.testing.assert_frame_equal(corpus.tokens, whole)


def _capitalised_reference(text: str) -> list[tuple[int, str]]:
    """capitalised_words as its docstring states it, piece by piece, with no shortcut for plain words."""
    from liveblogs.text.segment import token_matches

    out = []
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup != "word":
            continue
        at = m.start()
        for part in m.group().replace("‐", "-").split("-"):
            cut = min([part.find(a) for a in "'’‘`´" if a in part], default=len(part))
            lead = part[:cut]
            if 2 <= len(lead) <= 40 and lead[0].isupper() and lead.isalpha():
                out.append((at, lead))
            at += len(part) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "putin", "Putin's", "O'Brien", "Jean-Pierre", "anti-American", "NATO", "U.S.",
                                 "É", "Élysée", "x", "A", "well-known", "Kyiv’s", " ", "  ", ", ", ". ", "\n", "3", "-",
                                 "'", "Ab" * 25]), max_size=25))
def test_capitalised_words_are_the_capitalised_pieces_of_every_word(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert capitalised_words(text) == _capitalised_reference(text)


def _pieces_reference(text: str, strip_apostrophes: bool = False) -> list[str]:
    """Every word or number token cut at its joiners (apostrophes, hyphens, inner dots and commas),
    no shortcut for plain tokens; ``strip_apostrophes``: apostrophes removed first (folded words)."""
    out = []
    for m in token_matches(text, 0, len(text)):
        if m.lastgroup in ("word", "number"):
            token = m.group()
            if strip_apostrophes:
                token = "".join(c for c in token if c not in "'’‘`´")
            for c in "'’‘`´-‐.,:":
                token = token.replace(c, " ")
            out.extend(token.split())
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "putin", "Putin's", "O'Brien", "Jean-Pierre", "don’t", "NATO", "U.S.", "1,000",
                                 "8.06am", "É", "x", "A", "Ⅻ", "²", "well-known", " ", ", ", ". ", "\n", "3", "-", "'",
                                 "Ab" * 25]), max_size=25))
def test_word_pieces_letter_words_and_folded_words_are_their_stated_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert word_pieces(text) == _pieces_reference(text)
    assert letter_words(text) == [p for p in _pieces_reference(text) if 2 <= len(p) <= 40 and p.isalpha()]
    assert folded_words(text) == _pieces_reference(text, strip_apostrophes=True)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "PUTIN's", "O'Brien", "Jean-Pierre", "DON’T", "NATO", "U.S.", "1,000", "8.06AM",
                                 "İstanbul", "ΟΔΟΣ", "Σ", "'", "Α", "ẞ", "Ⅻ", "Ⓐ", "ǅ", "\u0307", "É", "x", " ", ", ",
                                 ". ", "\n", "3", "-"]), max_size=25))
def test_word_readings_are_the_three_readings_of_the_text(pieces: list[str]) -> None:
    # One pass for the cross-reference step's three readings: equal to each read on its own,
    # the lower-cased pieces to the pieces of the lower-cased text (İ, final sigma and other
    # characters whose lower case changes tokens included).
    text = "".join(pieces)
    assert word_readings(text) == (letter_words(text), capitalised_words(text), word_pieces(text.lower()))


def test_word_readings_of_real_articles() -> None:
    for path in sorted((data_dir() / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert word_readings(text) == (letter_words(text), capitalised_words(text), word_pieces(text.lower()))
