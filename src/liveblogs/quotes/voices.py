"""Quotes → tidy summaries of whose voices each outlet carries (the frames behind notebook 02)."""

from __future__ import annotations

import pandas as pd

UNATTRIBUTED = "(no speaker)"
NOBODYS_SPEECH = ("title",)
"""``attribution`` values of rows that are nobody's speech: a title of a work, a name or a coined term
in quotation marks (``CNN's "State of the Union"``, the so-called "peace plan"). They stay rows of
``corpus.quotes`` (every quoted span is there) but every who-said-what view leaves them out."""


def speech(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotations that are somebody's speech (said by a named speaker or by nobody the text names,
    ``scare``): every row of ``quotes`` but titles, names and terms (:data:`NOBODYS_SPEECH`). The
    who-said-what views (:func:`quote_table`, the charts and app built on it) and the PolNeAR scorer
    read this."""
    return quotes[~quotes["attribution"].astype(str).isin(NOBODYS_SPEECH)]


def marked(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotations in quotation marks: every row but transcript turns (``kind`` ``turn``, the words
    after a speaker's label), which the scorers of quoted spans leave to their own score."""
    return quotes[quotes["kind"].astype(str).ne("turn")]


def quote_table(quotes: pd.DataFrame, posts: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Quotes with the post headline, the speaker's group and word count: one row per quotation that
    is somebody's speech (:func:`speech`: titles, names and terms left out), with the named rule
    that gave its speaker (``rule``), so every answer can be traced to the step that made it."""
    quotes = speech(quotes)
    headlines = posts.set_index(["article", "post"])["headline"]
    label = posts.set_index(["article", "post"])["text"].str.slice(0, 80).str.replace(r"\s+", " ", regex=True)
    keys = pd.MultiIndex.from_frame(quotes[["article", "post"]])
    groups = speakers.set_index("speaker_id")["group"]
    return quotes.assign(
        headline=headlines.reindex(keys).fillna(label.reindex(keys)).to_numpy(),
        speaker=quotes["speaker"].fillna(UNATTRIBUTED),
        group=quotes["speaker_id"].map(groups).astype("string").fillna("unknown"),
        words=quotes["quote"].str.split().str.len(),
    )[
        ["article", "outlet", "post", "start", "end", "speaker", "speaker_id", "group", "kind", "cue",
         "attribution", "rule", "quote", "words", "headline"]
    ]


def speaker_counts(table: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker × outlet: quotes, quoted words, and the longest quote as an example."""
    longest = table.sort_values("words", ascending=False).drop_duplicates(["speaker", "outlet"])
    counts = table.groupby(["speaker", "outlet"], observed=True, as_index=False).agg(
        quotes=("quote", "size"), words=("words", "sum"), group=("group", "first")
    )
    example = longest.set_index(["speaker", "outlet"])[["quote", "headline", "article", "start", "end"]]
    merged = counts.join(example, on=["speaker", "outlet"]).rename(columns={"quote": "example", "headline": "example_headline"})
    return merged.sort_values(["outlet", "quotes", "words"], ascending=[True, False, False]).reset_index(drop=True)


def group_shares(table: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet × affiliation group: quotes, words and their share of the outlet's total."""
    shares = table.groupby(["outlet", "group"], observed=True, as_index=False).agg(
        quotes=("quote", "size"), words=("words", "sum"), example=("quote", "first"),
        example_speaker=("speaker", "first"), example_headline=("headline", "first"),
    )
    totals = shares.groupby("outlet", observed=True)[["quotes", "words"]].transform("sum")
    return shares.assign(
        quote_share=(shares["quotes"] / totals["quotes"]).round(4),
        word_share=(shares["words"] / totals["words"]).round(4),
    )


def naming_by_outlet(names: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Speakers named by more than one outlet, with every form each outlet writes their name in."""
    shared = speakers.loc[speakers["outlets"].str.len() > 1, "speaker_id"]
    forms = names[names["speaker_id"].isin(shared)]
    return (
        forms.groupby(["speaker", "outlet"], observed=True)["alias"]
        .agg(lambda a: " · ".join(sorted(set(a))))
        .unstack("outlet")
        .reset_index()
        .rename_axis(columns=None)
    )


def search_quotes(table: pd.DataFrame, query: str = "", columns: tuple[str, ...] = ("quote", "speaker", "headline")) -> pd.DataFrame:
    """Rows whose quote, speaker or headline contain every word of ``query`` (case-insensitive)."""
    words = query.lower().split()
    if not words:
        return table
    haystack = table[list(columns)].astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return table[mask]
