"""Widget-driven exploration: one filter state → one filtered frame → table, charts and counts.

``filter_quotes`` is a pure function of the quote table and a ``Filters`` value, so the panel's
logic is tested without a browser; ``explore(corpus)`` only wires widgets to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import altair as alt
import pandas as pd

from .voices import quote_table

CHART_TEXT = 160  # characters of quote and headline kept for chart tooltips (the table shows them whole)
EXPLORE_COLUMNS = [
    "article", "outlet", "post", "start", "end", "time", "time_source", "speaker", "speaker_id", "group",
    "kind", "cue", "attribution", "quote", "words", "headline", "post_text",
]


@dataclass(frozen=True)
class Filters:
    """What the user has chosen; an empty tuple means "all".

    A time window (``start``/``end``) keeps only quotations whose post has a best time inside it:
    posts with no clock time (an "order only" blog) drop out while a window is set.
    """

    outlets: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    text: str = ""
    columns: tuple[str, ...] = field(default=("quote", "post_text", "speaker", "headline"))


def explore_table(corpus) -> pd.DataFrame:
    """Quotes with their post's time, headline and text: the one frame every view filters."""
    table = quote_table(corpus.quotes, corpus.posts, corpus.speakers)
    posts = corpus.posts.set_index(["article", "post"])
    keys = pd.MultiIndex.from_frame(table[["article", "post"]])
    time = posts["time"].reindex(keys).to_numpy() if "time" in posts else pd.NaT
    source = posts["time_source"].astype(str).reindex(keys).to_numpy() if "time_source" in posts else "unknown"
    out = table.assign(time=time, time_source=source, post_text=posts["text"].reindex(keys).to_numpy())
    for column in ("outlet", "speaker", "group", "kind"):
        out[column] = out[column].astype("category")
    return out[EXPLORE_COLUMNS].reset_index(drop=True)


def filter_quotes(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``table`` that pass every chosen filter (vectorised; no loop over rows)."""
    mask = pd.Series(True, index=table.index)
    for column, chosen in (("outlet", filters.outlets), ("speaker", filters.speakers),
                           ("group", filters.groups), ("kind", filters.kinds)):
        if chosen:
            mask &= table[column].isin(chosen)
    times = pd.to_datetime(table["time"], utc=True)
    if filters.start is not None:
        mask &= times >= _utc(filters.start)
    if filters.end is not None:
        mask &= times <= _utc(filters.end)
    for word in filters.text.lower().split():
        hit = pd.Series(False, index=table.index)
        for column in filters.columns:
            hit |= table[column].astype("string").str.lower().str.contains(word, regex=False).fillna(False)
        mask &= hit
    return table[mask]


def _utc(moment: pd.Timestamp | str) -> pd.Timestamp:
    """A moment as UTC; a naive one is taken to be UTC already."""
    moment = pd.Timestamp(moment)
    return moment.tz_convert("UTC") if moment.tzinfo else moment.tz_localize("UTC")


def counts(filtered: pd.DataFrame) -> pd.DataFrame:
    """A one-line summary per outlet of what the filters let through."""
    return filtered.groupby("outlet", observed=True).agg(
        quotes=("quote", "size"), speakers=("speaker", "nunique"), quoted_words=("words", "sum"), posts=("post", "nunique")
    ).reset_index()


def export_quotes(filtered: pd.DataFrame, path: str | Path) -> Path:
    """Write the filtered quotes to ``.csv`` or ``.parquet`` (chosen by the suffix); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = filtered.drop(columns=["post_text"], errors="ignore")
    if path.suffix == ".parquet":
        data.assign(**{c: data[c].astype("string") for c in data.select_dtypes("category")}).to_parquet(path, index=False)
    elif path.suffix == ".csv":
        data.to_csv(path, index=False)
    else:
        raise ValueError(f"{path}: export to .csv or .parquet")
    return path


def explore_chart(filtered: pd.DataFrame) -> alt.VConcatChart:
    """Speakers bar chart above a quote timeline; clicking a speaker or brushing the timeline filters the other.

    When some quotations have clock times, the timeline is on a time axis and quotations from
    posts with no clock time are left off it (they stay in the bars, counts and table); when none
    has, it is drawn by running order instead.
    """
    speaker = alt.selection_point(name="explore_speaker", fields=["speaker"])
    window = alt.selection_interval(name="explore_window", encodings=["x"])
    has_time = filtered["time"].notna().any()
    data = pd.DataFrame(
        {
            "speaker": filtered["speaker"].astype(str), "outlet": filtered["outlet"].astype(str),
            "group": filtered["group"].astype(str), "kind": filtered["kind"].astype(str),
            "quote": filtered["quote"].str.slice(0, CHART_TEXT), "headline": filtered["headline"].str.slice(0, CHART_TEXT),
            "time_source": filtered["time_source"].astype(str),
            "x": filtered["time"] if has_time else filtered.groupby("outlet", observed=True).cumcount(),
        }
    )  # only what the chart draws or shows: the spec a filter change sends stays small
    x = alt.X("x:T", title="post time") if has_time else alt.X("x:Q", title="order in blog (no clock times)")
    tooltip = ["speaker:N", "outlet:N", "group:N", "kind:N", "quote:N", "headline:N", "time_source:N"]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("speaker:N", sort="-x", title=None),
            x=alt.X("count():Q", title="quotations"),
            color=alt.Color("outlet:N"),
            opacity=alt.condition(speaker, alt.value(1), alt.value(0.35)),
            tooltip=["speaker:N", "outlet:N", "count():Q"],
        )
        .add_params(speaker)
        .transform_filter(window)
        .properties(width=460, height=alt.Step(14), title="Quotations by speaker")
    )
    timeline = (
        alt.Chart(data)
        .mark_circle(size=70)
        .encode(
            x=x,
            y=alt.Y("outlet:N", title=None),
            color=alt.condition(speaker, "outlet:N", alt.value("lightgray")),
            tooltip=tooltip,
        )
        .add_params(window)
        .properties(width=460, height=90, title="When they were quoted")
    )
    return alt.vconcat(bars, timeline)


def with_values(filters: Filters, **changes) -> Filters:
    """A copy of ``filters`` with some values changed (tuples for the multi-selects)."""
    return replace(filters, **{k: tuple(v) if isinstance(v, (list, set)) else v for k, v in changes.items()})
