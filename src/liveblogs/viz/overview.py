"""Tidy summaries of what is in a corpus: the frames behind notebook 01's tables and charts."""

from __future__ import annotations

import pandas as pd

WORD_PATTERN = r"[\w'’-]+"


def article_summary(articles: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """One row per article: outlet, title, date, zone, characters, words and units by kind."""
    units = posts.pivot_table(index="article", columns="kind", values="post", aggfunc="count", observed=False, fill_value=0)
    summary = articles.drop(columns=["text", "path", "sha256", "url"]).assign(
        words=articles["text"].str.count(WORD_PATTERN)
    )
    return summary.merge(units.add_prefix("n_").reset_index(), on="article", how="left")


def units_by_kind(posts: pd.DataFrame) -> pd.DataFrame:
    """Long table: article, outlet, kind, number of units and characters they cover."""
    return (
        posts.assign(chars=posts["end"] - posts["start"])
        .groupby(["article", "outlet", "kind"], observed=True, as_index=False)
        .agg(units=("post", "count"), chars=("chars", "sum"))
    )


def post_words(posts: pd.DataFrame) -> pd.DataFrame:
    """One row per post (kind ``post``): outlet, headline (or first words), words, start, end."""
    only_posts = posts[posts["kind"] == "post"]
    label = only_posts["headline"].fillna(only_posts["text"].str.slice(0, 70).str.replace(r"\s+", " ", regex=True) + "…")
    return only_posts.assign(words=only_posts["text"].str.count(WORD_PATTERN), label=label)[
        ["article", "outlet", "post", "label", "words", "start", "end"]
    ].reset_index(drop=True)


def boilerplate(posts: pd.DataFrame) -> pd.DataFrame:
    """The units tagged as page furniture (kept, never dropped)."""
    return posts.loc[posts["kind"] == "boilerplate", ["article", "outlet", "post", "start", "end", "text"]].reset_index(drop=True)


def rejoined_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs made of several hard-wrapped lines, with the rejoined text shown on one line."""
    joined = paragraphs[paragraphs["pieces"] > 1]
    return joined.assign(rejoined=joined["text"].str.replace(r"\s+", " ", regex=True))[
        ["article", "post", "paragraph", "role", "pieces", "start", "end", "rejoined"]
    ].reset_index(drop=True)
