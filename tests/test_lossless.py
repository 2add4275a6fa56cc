"""Lossless: every row gives itself back from its offsets; units cover every non-blank character."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import liveblogs
from liveblogs.evaluation.integrity import offset_report, uncovered_characters

PIECES = st.sampled_from(
    [
        "Rutte arrives in Brussels", "He said: “We will join NATO.”", '"It is over," she said.', "- a list item;",
        "• bullet", "10.24am", "16:12 GMT", "Skip next section", "T", "Ukraine’s", "don't", "'90s", "“unclosed",
        "$300bn.", "2.3%", "Mr. J. K. Smith said so.", "...", "???", "«»", "\t", " ", "é", "Source: BBC News",
        "the White", "House that he trusts", "Jane Doe", "Defence correspondent", "1. First", "‘single’",
    ]
)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\n\n\n", " ", "\r\n", "\r", "\n \n"])


@st.composite
def articles(draw) -> str:
    parts = draw(st.lists(st.tuples(PIECES, SEPARATORS), min_size=1, max_size=40))
    text = "".join(p + s for p, s in parts)
    noise = draw(st.text(min_size=0, max_size=40))
    return text + noise if (text + noise).strip() else "x" + text


def check_offsets(corpus: liveblogs.Corpus) -> None:
    report = offset_report(corpus)
    structural = report[report["frame"].isin(["articles", "posts", "paragraphs", "sentences", "tokens"])]
    assert structural["rows"].gt(0).all() and report["mismatches"].eq(0).all(), report


def check_coverage(corpus: liveblogs.Corpus) -> None:
    missing = uncovered_characters(corpus)
    assert missing.empty, missing.head()


def test_the_checks_catch_a_bad_offset(write_article) -> None:
    corpus = liveblogs.load_corpus(write_article("Title here\nA body line that ends.\n"))
    corpus.posts.loc[0, "start"] += 1
    assert offset_report(corpus).set_index("frame").loc["posts", "mismatches"] == 1
    assert uncovered_characters(corpus)["text"].tolist() == ["T"]


def test_bundled_articles_are_lossless(corpus) -> None:
    check_offsets(corpus)
    check_coverage(corpus)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles())
@example(text="Source: BBC News\n\nSource: BBC News\n\n‘single’\n\na")  # a label once reached across lines
def test_generated_articles_are_lossless(tmp_path_factory, text: str) -> None:
    path: Path = tmp_path_factory.mktemp("gen") / "article.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        corpus = liveblogs.load_corpus(path)
    except liveblogs.ArticleError as error:
        assert "white space" in str(error) or "NUL byte" in str(error) or "not valid" in str(error)
        return
    check_offsets(corpus)
    check_coverage(corpus)
