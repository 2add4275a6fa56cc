"""Widget-driven exploration: one filter state → one filtered frame → table, charts and counts.

``filter_quotes`` is a pure function of the quote table and a ``Filters`` value, so the panel's
logic is tested without a browser; ``explore(corpus)`` only wires widgets to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import altair as alt
import pandas as pd

from .exports import write_csv
from ..quotes.voices import quote_table

CHART_TEXT = 160  # characters of quote and headline kept for chart tooltips (the table shows them whole)
EXPLORE_COLUMNS = [
    "article", "outlet", "post", "start", "end", "time", "time_source", "speaker", "speaker_id", "group",
    "kind", "cue", "attribution", "rule", "quote", "words", "headline", "post_text",
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
            hit |= _contains(table[column], word)
        mask &= hit
    return table[mask]


def _contains(column: pd.Series, word: str) -> pd.Series:
    """Which values of ``column`` contain ``word``, ignoring case (a categorical is searched once per category)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        found = pd.Series(column.cat.categories, dtype="string").str.contains(word, case=False, regex=False)
        codes = column.cat.codes.to_numpy()
        return pd.Series(found.fillna(False).to_numpy(dtype=bool)[codes] & (codes >= 0), index=column.index)
    return column.astype("string").str.contains(word, case=False, regex=False).fillna(False).astype(bool)


def _utc(moment: pd.Timestamp | str) -> pd.Timestamp:
    """A moment as UTC; a naive one is taken to be UTC already."""
    moment = pd.Timestamp(moment)
    return moment.tz_convert("UTC") if moment.tzinfo else moment.tz_localize("UTC")


def counts(filtered: pd.DataFrame) -> pd.DataFrame:
    """A one-line summary per outlet of what the filters let through."""
    by_outlet = filtered.groupby("outlet", observed=True)  # one column at a time: much faster than named .agg
    return pd.DataFrame({"quotes": by_outlet["quote"].size(), "speakers": by_outlet["speaker"].nunique(),
                         "quoted_words": by_outlet["words"].sum(), "posts": by_outlet["post"].nunique()}).reset_index()


def export_quotes(filtered: pd.DataFrame, path: str | Path) -> Path:
    """Write the filtered quotes to ``.csv`` or ``.parquet`` (chosen by the suffix); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = filtered.drop(columns=["post_text"], errors="ignore")
    if path.suffix == ".parquet":
        data.assign(**{c: data[c].astype("string") for c in data.select_dtypes("category")}).to_parquet(path, index=False)
    elif path.suffix == ".csv":
        write_csv(data, path)  # text cells that a spreadsheet would run as formulas get a leading '
    else:
        raise ValueError(f"{path}: export to .csv or .parquet")
    return path


CHART_POINTS = 1000  # up to this many filtered quotations the chart draws one point per quotation; above it, counts
TIME_BINS = 48  # aggregated timeline: at most about this many bins across the filtered time span
BIN_WIDTHS = ["1min", "5min", "10min", "15min", "30min", "1h", "2h", "3h", "6h", "12h", "1D", "2D", "7D", "30D"]


def chart_data(filtered: pd.DataFrame) -> pd.DataFrame:
    """The rows the explore chart draws, with a ``quotes`` column saying how many quotations each stands for.

    Up to ``CHART_POINTS`` filtered quotations: one row per quotation (``quotes`` is 1), carrying the
    text shown in tooltips, so every quotation is its own point. Above it: one row per speaker,
    outlet and bin of ``x`` (post time floored to a bin of ``BIN_WIDTHS``, at most about ``TIME_BINS``
    bins; or running order when no post has a clock time), with ``quotes`` counting them, so the spec a
    filter change sends stays small. Either way ``quotes`` sums to ``len(filtered)``; quotations from
    posts with no clock time have an empty ``x`` (left off a time axis, still counted in the bars).
    """
    has_time = bool(filtered["time"].notna().any())
    if has_time:
        x = pd.to_datetime(filtered["time"], utc=True)
    else:
        x = filtered.groupby("outlet", observed=True).cumcount()
    if len(filtered) <= CHART_POINTS:
        return pd.DataFrame(
            {
                "speaker": filtered["speaker"].astype(str), "outlet": filtered["outlet"].astype(str),
                "group": filtered["group"].astype(str), "kind": filtered["kind"].astype(str),
                "quote": filtered["quote"].str.slice(0, CHART_TEXT), "headline": filtered["headline"].str.slice(0, CHART_TEXT),
                "time_source": filtered["time_source"].astype(str),
                "x": _iso(x) if has_time else x, "quotes": 1,
            }
        )  # only what the chart draws or shows, times as ISO text: the spec a filter change sends stays small
    keys = {"speaker": filtered["speaker"], "outlet": filtered["outlet"],
            "x": x.dt.floor(_bin_width(x)) if has_time else _order_bins(x)}
    counted = pd.DataFrame(keys).groupby(list(keys), observed=True, dropna=False, sort=False).size()
    counted = counted[counted > 0].rename("quotes").reset_index()
    return counted.assign(speaker=counted["speaker"].astype(str), outlet=counted["outlet"].astype(str),
                          x=_iso(counted["x"]) if has_time else counted["x"])


def _iso(times: pd.Series) -> pd.Series:
    """UTC times as ISO 8601 text (``2025-02-13T10:54:00Z``); a missing time is ``""``, as Altair writes NaT.

    Vega-Lite reads ``""`` as no date, so that row is left off a time axis; a missing value would reach
    the browser as ``NaN``, which is not JSON.
    """
    return times.dt.strftime("%Y-%m-%dT%H:%M:%SZ").fillna("")


def _bin_width(times: pd.Series) -> str:
    """The narrowest of ``BIN_WIDTHS`` that cuts the span of ``times`` into at most ``TIME_BINS`` bins."""
    span = times.max() - times.min()
    return next((w for w in BIN_WIDTHS if span / pd.Timedelta(w) <= TIME_BINS), BIN_WIDTHS[-1])


def _order_bins(order: pd.Series) -> pd.Series:
    """Running order floored to bins wide enough to make at most about ``TIME_BINS`` of them."""
    width = max(1, -(-int(order.max() + 1) // TIME_BINS))
    return order // width * width


def explore_chart(filtered: pd.DataFrame) -> alt.VConcatChart:
    """Speakers bar chart above a quote timeline; clicking a speaker or brushing the timeline filters the other.

    When some quotations have clock times, the timeline is on a time axis and quotations from
    posts with no clock time are left off it (they stay in the bars, counts and table); when none
    has, it is drawn by running order instead.

    Up to ``CHART_POINTS`` filtered quotations the timeline has one point per quotation, with its
    text in the tooltip, greyed out when another speaker is clicked. Above it (see :func:`chart_data`)
    the chart draws counts per speaker, outlet and time bin: the bars sum them, the timeline shows one
    point per outlet and bin sized by its quotations, and clicking a speaker keeps only that speaker's
    points. Both selections, ``explore_speaker`` and ``explore_window``, work in either case.
    """
    # A redraw builds this spec on every filter change, so: channels are objects, not strings or
    # alt.condition dicts (which Altair matches against its whole schema on every call); the data sits
    # once at the top; and the parts are not validated one by one as they are built (debug mode off),
    # since ``to_dict`` validates the whole spec once anyway.
    data = chart_data(filtered)
    has_time = bool(filtered["time"].notna().any())
    per_quote = len(filtered) <= CHART_POINTS
    binned = not per_quote and has_time
    title = f"post time (bins of {_bin_width(pd.to_datetime(filtered['time'], utc=True))})" if binned else "post time"
    with alt.utils.schemapi.debug_mode(False):
        speaker = alt.selection_point(name="explore_speaker", fields=["speaker"])
        window = alt.selection_interval(name="explore_window", encodings=["x"])
        x = alt.X("x:T", title=title) if has_time else alt.X("x:Q", title="order in blog (no clock times)")
        quotations = alt.Tooltip("sum(quotes):Q", title="quotations")
        bars = (
            alt.Chart()
            .mark_bar()
            .encode(
                y=alt.Y("speaker:N", sort="-x", title=None),
                x=alt.X("sum(quotes):Q", title="quotations"),
                color=alt.Color("outlet:N"),
                opacity=alt.OpacityValue(
                    value=0.35, condition=alt.ConditionalParameterValueDefnumber(param=speaker.name, value=1)),
                tooltip=[alt.Tooltip("speaker:N"), alt.Tooltip("outlet:N"), quotations],
            )
            .add_params(speaker)
            .transform_filter(window)
            .properties(width=460, height=alt.Step(14), title="Quotations by speaker")
        )
        if per_quote:
            timeline = alt.Chart().mark_circle(size=70).encode(
                x=x,
                y=alt.Y("outlet:N", title=None),
                color=alt.ColorValue(value="lightgray", condition=alt.ConditionalParameterMarkPropFieldOrDatumDef(
                    param=speaker.name, field="outlet", type="nominal")),
                tooltip=[alt.Tooltip(f"{name}:N")
                         for name in ("speaker", "outlet", "group", "kind", "quote", "headline", "time_source")],
            )
        else:
            timeline = alt.Chart().mark_circle().encode(
                x=x,
                y=alt.Y("outlet:N", title=None),
                size=alt.Size("sum(quotes):Q", title="quotations"),
                color=alt.Color("outlet:N"),
                tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("x:T" if has_time else "x:Q", title="bin from"), quotations],
            ).transform_filter(speaker)
        timeline = timeline.add_params(window).properties(width=460, height=90, title="When they were quoted")
        return alt.vconcat(bars, timeline, data=data)


def with_values(filters: Filters, **changes) -> Filters:
    """A copy of ``filters`` with some values changed (tuples for the multi-selects)."""
    return replace(filters, **{k: tuple(v) if isinstance(v, (list, set)) else v for k, v in changes.items()})
