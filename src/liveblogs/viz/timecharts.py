"""Charts of *when*: tidy frames from ``times.py`` in, Altair charts out.

Times are drawn on the wall clock of each article's own zone (Vega-Lite would otherwise shift
tz-aware times to the reader's zone). An article without a single clock time is drawn on its
running order only, and says so: no clock time is ever invented for a chart.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..timing.timewords import EVENT_KINDS, TIME_SOURCES

# One colour per time source (Dark2), in the order of ``TIME_SOURCES``: the text path's five, then
# "page metadata" (a web page's own post times), so a chart of HTML and text articles tells them apart.
SOURCE_COLOURS = ["#1b9e77", "#7570b3", "#e6ab02", "#bbbbbb", "#d95f02", "#e7298a"]
SOURCE_SCALE = alt.Scale(domain=list(TIME_SOURCES), range=SOURCE_COLOURS)
TIME_COLUMNS = ("time", "time_earliest", "time_latest")


def _wall(values: pd.Series) -> pd.Series:
    """Tz-aware times → naive wall-clock times of their own zone (NaT stays NaT)."""
    naive = [v if pd.isna(v) else pd.Timestamp(v).tz_localize(None) for v in values]
    return pd.to_datetime(pd.Series(naive, index=values.index, dtype=object))


def _clock(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%d %b %H:%M").fillna("—")


def _chart_rows(timeline: pd.DataFrame) -> pd.DataFrame:
    """Sequence posts with wall-clock times, labels for tooltips, and the mode of their article."""
    rows = timeline[timeline["sequence"].notna()].copy()
    for col in TIME_COLUMNS:
        rows[col] = _wall(rows[col])
    has_clock = rows.groupby("article")["time"].transform(lambda t: t.notna().any())
    label = rows["outlet"].astype(str) if "outlet" in rows else rows["article"].astype(str)
    keep = ["article", "post", "sequence", "rank", *TIME_COLUMNS, "time_source", "time_evidence", "order"]
    rows = rows[keep + [c for c in ("outlet", "headline") if c in rows]]
    return rows.assign(
        outlet=label,
        headline=rows["headline"].fillna("(no headline)") if "headline" in rows else "(no headline)",
        sequence=rows["sequence"].astype(float),
        position=rows["rank"].astype(float).fillna(rows["sequence"].astype(float)) + 1,
        mode=has_clock.map({True: "clock", False: "order only"}),
        time_label=_clock(rows["time"]),
        bounds_label=_clock(rows["time_earliest"]) + " – " + _clock(rows["time_latest"]),
        time_source=rows["time_source"].astype(str),
        order=rows["order"].astype(str),
    )


def _link_rows(links: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Each link with the plotted place of its referring and referenced posts."""
    place = rows.set_index(["article", "post"])[["time", "sequence"]]
    linked = links[links["target_post"].notna()].astype({"target_post": "int64"})
    src = place.reindex(pd.MultiIndex.from_arrays([linked["article"], linked["post"]]))
    dst = place.reindex(pd.MultiIndex.from_arrays([linked["article"], linked["target_post"]]))
    return pd.DataFrame({
        "article": linked["article"].to_numpy(), "text": linked["text"].astype(str).to_numpy(),
        "from_post": linked["post"].to_numpy(), "to_post": linked["target_post"].to_numpy(),
        "score": linked["score"].astype(float).to_numpy(), "evidence": linked["evidence"].astype(str).to_numpy(),
        "from_time": src["time"].to_numpy(), "from_sequence": src["sequence"].to_numpy(),
        "to_time": dst["time"].to_numpy(), "to_sequence": dst["sequence"].to_numpy(),
    }).dropna(subset=["from_time", "to_time", "from_sequence", "to_sequence"])


def _source_colour(selection: alt.Parameter) -> dict:
    return {
        "color": alt.Color("time_source:N", title="time source", scale=SOURCE_SCALE),
        "opacity": alt.condition(selection, alt.value(1.0), alt.value(0.15)),
    }


_POST_TOOLTIP = [
    alt.Tooltip("outlet:N"), alt.Tooltip("post:Q"), alt.Tooltip("headline:N"),
    alt.Tooltip("time_label:N", title="best time"), alt.Tooltip("bounds_label:N", title="bounds"),
    alt.Tooltip("time_source:N"), alt.Tooltip("time_evidence:N", title="evidence"), alt.Tooltip("order:N"),
]


def _clock_panel(rows: pd.DataFrame, links: pd.DataFrame, selection: alt.Parameter, width: int,
                 owner: bool) -> alt.LayerChart:
    outlet, order = rows["outlet"].iloc[0], rows["order"].iloc[0]
    y = alt.Y("sequence:Q", title="place on the page (0 = top)", scale=alt.Scale(reverse=True, nice=False),
              axis=alt.Axis(tickMinStep=1, format="d"))
    base = alt.Chart(rows)
    bounds = base.mark_rule(strokeWidth=5, strokeCap="round").encode(
        x=alt.X("time_earliest:T", title="time (article's zone)", axis=alt.Axis(format="%H:%M")),
        x2="time_latest:T", y=y, tooltip=_POST_TOOLTIP, **_source_colour(selection),
    )
    points = base.mark_point(filled=True, size=60, stroke="black", strokeWidth=0.5).encode(
        x="time:T", y=y, tooltip=_POST_TOOLTIP, **_source_colour(selection),
    )
    arrows = alt.Chart(links).mark_rule(strokeDash=[4, 3], color="#444").encode(
        x="from_time:T", x2="to_time:T", y="from_sequence:Q", y2="to_sequence:Q",
        tooltip=[alt.Tooltip("text:N", title="cross-reference"), "from_post:Q", "to_post:Q",
                 alt.Tooltip("score:Q", format=".2f"), "evidence:N"],
    )
    legend = "bar = earliest–latest, dot = best time, dashed = cross-reference"
    title = alt.Title(f"{outlet}: {order}", subtitle=legend)
    layer = alt.layer(bounds, arrows, points, title=title)
    return (layer.add_params(selection) if owner else layer).properties(width=width, height=18 * len(rows))


def _order_panel(rows: pd.DataFrame, selection: alt.Parameter, width: int, owner: bool) -> alt.Chart:
    outlet, order = rows["outlet"].iloc[0], rows["order"].iloc[0]
    bounds = rows["bounds_label"].iloc[0]
    axis_title = "running order, first published = 1" if order != "unknown" else "position on the page"
    chart = (
        alt.Chart(rows, title=alt.Title(f"{outlet}: order only ({order}) — no clock times",
                                        subtitle=f"every post lies within {bounds}"))
        .mark_point(filled=True, size=80, stroke="black", strokeWidth=0.5)
        .encode(x=alt.X("position:Q", title=axis_title, axis=alt.Axis(tickMinStep=1, format="d")),
                y=alt.Y("outlet:N", title=None), tooltip=_POST_TOOLTIP, **_source_colour(selection))
        .properties(width=width, height=40)
    )
    return chart.add_params(selection) if owner else chart


def post_timeline_chart(timeline: pd.DataFrame, links: pd.DataFrame, width: int = 560) -> alt.VConcatChart:
    """One panel per outlet: every post at its best time with its bounds as a bar, coloured by
    ``time_source``, cross-references drawn from referring to referenced post; an article with
    no clock time at all is drawn on its running order and labelled "order only".

    ``timeline``: ``post_times`` joined with ``posts`` (``outlet``, ``headline``);
    ``links``: ``cross_reference_links``. Click the legend to pick a source.
    """
    rows = _chart_rows(timeline)
    link_rows = _link_rows(links, rows)
    selection = alt.selection_point(name="timeline_source", fields=["time_source"], bind="legend")
    panels = []  # the selection is declared once, in the first panel, and used by all
    for article, group in rows.groupby("article", sort=False):
        owner = not panels
        if group["mode"].iloc[0] == "clock":
            panels.append(_clock_panel(group, link_rows[link_rows["article"] == article], selection, width, owner))
        else:
            panels.append(_order_panel(group, selection, width, owner))
    return alt.vconcat(*panels).resolve_scale(color="shared")


def cadence_chart(timeline: pd.DataFrame, minutes: int = 30, width: int = 560) -> alt.Chart:
    """Posts per ``minutes`` by outlet at their best times, stacked by how each time is known.

    Only articles with clock times appear; the subtitle names those drawn on order only.
    """
    rows = _chart_rows(timeline)
    clock_rows = rows[(rows["mode"] == "clock") & rows["time"].notna()]
    order_only = sorted(rows.loc[rows["mode"] == "order only", "outlet"].unique())
    subtitle = ("order only, not drawn: " + ", ".join(order_only)) if order_only else "every outlet has clock times"
    selection = alt.selection_point(name="cadence_source", fields=["time_source"], bind="legend")
    return (
        alt.Chart(clock_rows, title=alt.Title(f"Posts per {minutes} minutes", subtitle=subtitle))
        .mark_bar()
        .encode(
            x=alt.X("time:T", title="best time (article's zone)",
                    timeUnit=alt.TimeUnitParams(unit="yearmonthdatehoursminutes", step=minutes),
                    axis=alt.Axis(format="%H:%M")),
            y=alt.Y("count():Q", title="posts"),
            row=alt.Row("outlet:N", title=None),
            tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("time_source:N"), alt.Tooltip("count():Q", title="posts")],
            **_source_colour(selection),
        )
        .add_params(selection)
        .properties(width=width, height=90)
    )


def _gap_rows(events: pd.DataFrame, max_hours: float) -> pd.DataFrame:
    hours = pd.Timedelta(hours=1)
    rows = events[events["gap_min"].notna() & events["gap_max"].notna()].copy()
    rows = rows.assign(
        outlet=rows["outlet"].astype(str) if "outlet" in rows else rows["article"].astype(str),
        headline=rows["headline"].fillna("(no headline)") if "headline" in rows else "(no headline)",
        gap_from=rows["gap_min"] / hours, gap_to=rows["gap_max"] / hours,
        phrase=rows["text"].astype(str), kind=rows["kind"].astype(str),
        label=rows["post"].astype(str) + ": " + rows["text"].astype(str),
        event_range=_clock(_wall(rows["resolved_start"])) + " – " + _clock(_wall(rows["resolved_end"])),
    )
    near = (rows["gap_from"].abs() <= max_hours) | (rows["gap_to"].abs() <= max_hours)
    keep = ["article", "outlet", "post", "headline", "phrase", "kind", "label", "event_range", "anchor",
            "gap_from", "gap_to"]
    return rows.loc[near, keep].assign(gap_from=lambda f: f["gap_from"].clip(-max_hours, max_hours),
                                       gap_to=lambda f: f["gap_to"].clip(-max_hours, max_hours))


def event_gap_chart(events: pd.DataFrame, max_hours: float = 48, width: int = 480) -> alt.Chart:
    """How long after each dated event its post went up: a bar from the least to the most the gap
    can be (hours; negative = the event lies ahead), per outlet, coloured by the phrase's kind.

    ``events``: ``event_times`` (joined with ``posts`` for ``outlet`` and ``headline`` if wanted).
    Gaps beyond ``max_hours`` are cut at the edge; events wholly beyond it are left out.
    """
    rows = _gap_rows(events, max_hours)
    selection = alt.selection_point(name="event_kind", fields=["kind"], bind="legend")
    return (
        alt.Chart(rows, title=alt.Title("From event to post", subtitle=f"hours, cut at ±{max_hours:g}"))
        .mark_rule(strokeWidth=7, strokeCap="round")  # round caps keep a gap of zero length visible
        .encode(
            x=alt.X("gap_from:Q", title="post time minus event time (hours)"),
            x2="gap_to:Q",
            y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("post")),
            row=alt.Row("outlet:N", title=None),
            color=alt.Color("kind:N", scale=alt.Scale(domain=EVENT_KINDS)),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.15)),
            tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("headline:N"), alt.Tooltip("phrase:N"),
                     alt.Tooltip("kind:N"), alt.Tooltip("event_range:N", title="event"),
                     alt.Tooltip("anchor:N", title="resolved against"),
                     alt.Tooltip("gap_from:Q", format=".1f"), alt.Tooltip("gap_to:Q", format=".1f")],
        )
        .add_params(selection)
        .resolve_scale(y="independent")
        .properties(width=width)
    )
