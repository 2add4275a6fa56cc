"""Chart functions: tidy frame in, ``alt.Chart`` out. No data wrangling here beyond encodings."""

from __future__ import annotations

import altair as alt
import pandas as pd

KIND_ORDER = ["title", "standfirst", "summary", "post", "byline", "timestamp", "boilerplate"]


def units_by_kind_chart(units: pd.DataFrame) -> alt.Chart:
    """Stacked bars: how many units of each kind every article holds."""
    return (
        alt.Chart(units, title="Units per article by kind")
        .mark_bar()
        .encode(
            y=alt.Y("outlet:N", title=None),
            x=alt.X("units:Q", title="units"),
            color=alt.Color("kind:N", sort=KIND_ORDER, scale=alt.Scale(domain=KIND_ORDER)),
            order=alt.Order("kind:N"),
            tooltip=["article:N", "outlet:N", "kind:N", "units:Q", "chars:Q"],
        )
        .properties(width=420, height=80)
    )


def post_words_chart(post_words: pd.DataFrame) -> alt.Chart:
    """One tick per post: how long each outlet's posts are, with the headline on hover."""
    return (
        alt.Chart(post_words, title="Words per post by outlet")
        .mark_tick(thickness=2, size=22)
        .encode(
            x=alt.X("words:Q", title="words in post"),
            y=alt.Y("outlet:N", title=None),
            color=alt.Color("outlet:N", legend=None),
            tooltip=["outlet:N", "post:O", "label:N", "words:Q", "start:Q", "end:Q"],
        )
        .properties(width=420, height=90)
    )
