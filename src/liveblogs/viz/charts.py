"""Chart functions: tidy frame in, ``alt.Chart`` out. No data wrangling here beyond encodings."""

from __future__ import annotations

import altair as alt
import pandas as pd

KIND_ORDER = ["title", "standfirst", "summary", "post", "byline", "timestamp", "boilerplate", "metadata"]


def _encoded(marked: alt.Chart, width, height, **encoding) -> alt.Chart:
    """A marked chart with its encodings and size: the shape every single-layer chart here shares."""
    return marked.encode(**encoding).properties(width=width, height=height)


def units_by_kind_chart(units: pd.DataFrame) -> alt.Chart:
    """Stacked bars: how many units of each kind every article holds."""
    return _encoded(
        alt.Chart(units, title="Units per article by kind").mark_bar(), width=420, height=80,
        y=alt.Y("outlet:N", title=None),
        x=alt.X("units:Q", title="units"),
        color=alt.Color("kind:N", sort=KIND_ORDER, scale=alt.Scale(domain=KIND_ORDER)),
        order=alt.Order("kind:N"),
        tooltip=["article:N", "outlet:N", "kind:N", "units:Q", "chars:Q"],
    )


def post_words_chart(post_words: pd.DataFrame) -> alt.Chart:
    """One tick per post: how long each outlet's posts are, with the headline on hover."""
    return _encoded(
        alt.Chart(post_words, title="Words per post by outlet").mark_tick(thickness=2, size=22), width=420, height=90,
        x=alt.X("words:Q", title="words in post"),
        y=alt.Y("outlet:N", title=None),
        color=alt.Color("outlet:N", legend=None),
        tooltip=["outlet:N", "post:O", "label:N", "words:Q", "start:Q", "end:Q"],
    )


SPEAKER_TOOLTIP = [
    alt.Tooltip("speaker:N"), alt.Tooltip("outlet:N"), alt.Tooltip("group:N"), alt.Tooltip("quotes:Q"),
    alt.Tooltip("words:Q", title="quoted words"), alt.Tooltip("example:N", title="longest quote"),
    alt.Tooltip("example_headline:N", title="post"),
]


def speakers_chart(counts: pd.DataFrame, top: int = 12) -> alt.Chart:
    """Bars per outlet: the most-quoted speakers by quotes, with quoted words alongside."""
    speaker = alt.selection_point(name="speaker", fields=["speaker"])
    base = alt.Chart(counts).transform_window(
        rank="rank(quotes)", sort=[alt.SortField("quotes", order="descending")], groupby=["outlet"]
    ).transform_filter(alt.datum.rank <= top)
    bars = base.mark_bar().encode(
        y=alt.Y("speaker:N", sort="-x", title=None),
        x=alt.X("quotes:Q", title="quotations"),
        color=alt.Color("group:N", title="affiliation"),
        opacity=alt.condition(speaker, alt.value(1.0), alt.value(0.35)),
        tooltip=SPEAKER_TOOLTIP,
    )
    words = base.mark_text(align="left", dx=4, fontSize=10).encode(
        y=alt.Y("speaker:N", sort="-x"), x="quotes:Q", text=alt.Text("words:Q", format="d"),
    )
    return (
        (bars + words)
        .properties(width=300, height=alt.Step(16))
        .facet(column=alt.Column("outlet:N", title=None))
        .resolve_scale(y="independent")
        .add_params(speaker)
        .properties(title="Who each outlet quotes most (label: quoted words)")
    )


def speaker_outlet_heatmap(counts: pd.DataFrame) -> alt.Chart:
    """Speaker × outlet grid coloured by quotations; empty cells are voices an outlet did not carry."""
    return _encoded(
        alt.Chart(counts, title="Quotations by speaker and outlet").mark_rect(), width=160, height=alt.Step(16),
        x=alt.X("outlet:N", title=None),
        y=alt.Y("speaker:N", sort=alt.EncodingSortField("quotes", op="sum", order="descending"), title=None),
        color=alt.Color("quotes:Q", scale=alt.Scale(scheme="blues")),
        tooltip=SPEAKER_TOOLTIP,
    )


def group_share_chart(shares: pd.DataFrame) -> alt.Chart:
    """Stacked shares: how each outlet's quotations divide between affiliation groups."""
    group = alt.selection_point(name="group", fields=["group"], bind="legend")
    return (
        alt.Chart(shares, title="Voices by affiliation group (share of each outlet's quotations)")
        .mark_bar()
        .encode(
            y=alt.Y("outlet:N", title=None),
            x=alt.X("quote_share:Q", stack="normalize", axis=alt.Axis(format="%"), title="share of quotations"),
            color=alt.Color("group:N", title="affiliation"),
            opacity=alt.condition(group, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                "outlet:N", "group:N", "quotes:Q", alt.Tooltip("quote_share:Q", format=".0%"), "words:Q",
                alt.Tooltip("word_share:Q", format=".0%"), alt.Tooltip("example:N", title="quote"),
                alt.Tooltip("example_speaker:N", title="speaker"), alt.Tooltip("example_headline:N", title="post"),
            ],
        )
        .add_params(group)
        .properties(width=420, height=80)
    )
