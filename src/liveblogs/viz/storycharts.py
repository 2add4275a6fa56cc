"""Charts of outlets compared: tidy frames from ``stories.py`` and ``framing.py`` in, Altair charts out.

Times come in UTC (outlets may sit in different zones) and are drawn as UTC wall-clock times.
An outlet whose posts have no clock time is never placed on a time axis: it is drawn by its
place in the blog's running order and the chart says "order only". Every tooltip carries the
text needed to check a mark: the headline, the quotation or evidence, the sentence.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

_TIME_COLUMNS = ("first_time", "first_earliest", "first_latest")
STORY_COLOUR = alt.Color("story:N", legend=None, scale=alt.Scale(scheme="tableau20"))


def _wall_utc(values: pd.Series) -> pd.Series:
    """Tz-aware times → naive UTC wall-clock times (Vega-Lite would shift aware times to the reader's zone)."""
    return pd.to_datetime(values, utc=True).dt.tz_localize(None)


def _clock(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%d %b %H:%M UTC").fillna("—")


def _minutes(values: pd.Series) -> pd.Series:
    return values / pd.Timedelta(minutes=1)


def _lag_text(lag: pd.Series, lo: pd.Series, hi: pd.Series, basis: pd.Series) -> list[str]:
    out = []
    for value, a, b, how in zip(_minutes(lag), _minutes(lo), _minutes(hi), basis.astype(str)):
        if how == "time" and pd.notna(value):
            out.append(f"{value:+.0f} min (between {a:+.0f} and {b:+.0f})")
        elif how == "first":
            out.append("first")
        else:
            out.append(how)
    return out


def timeline_rows(timing: pd.DataFrame) -> pd.DataFrame:
    """The covered story × outlet rows of ``coverage_timing`` with wall-clock times and tooltip text."""
    rows = timing[timing["covered"]].copy()
    for col in _TIME_COLUMNS:
        rows[col] = _wall_utc(rows[col])
    outlets = [str(o) for o in timing["outlet"].cat.categories] if isinstance(timing["outlet"].dtype, pd.CategoricalDtype) \
        else sorted(timing["outlet"].astype(str).unique())
    rows = rows.assign(
        outlet=rows["outlet"].astype(str),
        lane=rows["outlet"].astype(str).map({o: i for i, o in enumerate(outlets)}),
        story=rows["story"].astype(int),
        label=rows["label"].astype(str),
        headline=rows["headline"].astype("string").fillna("(no headline)"),
        time_label=_clock(rows["first_time"]),
        bounds_label=_clock(rows["first_earliest"]) + " – " + _clock(rows["first_latest"]),
        lag_label=_lag_text(rows["lag"], rows["lag_earliest"], rows["lag_latest"], rows["lag_basis"]),
        lag_basis=rows["lag_basis"].astype(str),
        place=rows["position_share"].astype(float),
        position=rows["position"].astype("Float64"),
        evidence=rows["evidence"].astype("string").fillna("(one unit only)"),
        link=rows["link"].astype("string").fillna("—"),
        lag_min=_minutes(rows["lag"]), lag_lo=_minutes(rows["lag_earliest"]), lag_hi=_minutes(rows["lag_latest"]),
    )
    keep = ["story", "label", "outlet", "lane", "article", "post", "start", "end", "headline", *_TIME_COLUMNS,
            "time_label", "bounds_label", "lag_label", "lag_basis", "lag_min", "lag_lo", "lag_hi", "place", "position",
            "evidence", "link", "score", "n_units", "n_outlets"]
    return rows[keep].astype({"article": "string", "post": "Int64", "start": "Int64", "end": "Int64"})


_STORY_TOOLTIP = [
    alt.Tooltip("label:N", title="story"), alt.Tooltip("outlet:N"), alt.Tooltip("headline:N", title="first post"),
    alt.Tooltip("time_label:N", title="first coverage"), alt.Tooltip("bounds_label:N", title="bounds"),
    alt.Tooltip("position:Q", title="post in running order (0 = first)"), alt.Tooltip("lag_label:N", title="lag"),
    alt.Tooltip("link:N", title="linked by"), alt.Tooltip("score:Q", format=".2f"),
    alt.Tooltip("evidence:N"), alt.Tooltip("n_units:Q", title="units"),
]


def _lanes(rows: pd.DataFrame, x: alt.X, selection: alt.Parameter, owner: bool, title: alt.Title,
           bounds: tuple[str, str] | None = None, width: int = 560) -> alt.LayerChart:
    """Outlet lanes: a mark per story, bound bars (``bounds``: two fields), a line joining each story across lanes."""
    y = alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("lane"))
    highlight = {"opacity": alt.condition(selection, alt.value(1.0), alt.value(0.2))}
    base = alt.Chart(rows)
    links = base.mark_line(color="#888", strokeWidth=1).encode(x=x, y=y, detail="story:N", order="lane:Q", **highlight)
    layers = [links]
    if bounds is not None:
        kind = x.to_dict()["type"][0].upper()
        layers.append(base.mark_rule(strokeWidth=5, strokeCap="round").encode(
            x=alt.X(f"{bounds[0]}:{kind}"), x2=bounds[1], y=y, color=STORY_COLOUR,
            tooltip=_STORY_TOOLTIP, **highlight))
    points = base.mark_point(filled=True, size=90, stroke="black", strokeWidth=0.5).encode(
        x=x, y=y, color=STORY_COLOUR, tooltip=_STORY_TOOLTIP, **highlight)
    layers.append(points.add_params(selection) if owner else points)
    return alt.layer(*layers, title=title).properties(width=width, height=alt.Step(48))


def coverage_timeline_chart(timing: pd.DataFrame, width: int = 560) -> alt.VConcatChart:
    """One lane per outlet; each story at its first coverage, joined across lanes; click to follow a story.

    ``timing``: ``coverage_timing``. Outlets with clock times are drawn on a UTC time axis with the
    first post's earliest–latest bounds as a bar; below, every outlet is drawn by where the story
    first appears in its blog's running order (0 = the blog's first post, 1 = its last), the only
    comparison possible for an outlet whose posts have no clock time ("order only"). Stories
    covered only in a title or summary line have no place and are left out. The named selection
    ``story`` highlights the story in every lane of both panels.
    """
    rows = timeline_rows(timing)
    selection = alt.selection_point(name="story", fields=["story"])
    timed = rows[rows["first_time"].notna()]
    placed = rows[rows["place"].notna()]
    order_only = sorted(rows.loc[rows["lag_basis"] == "order only", "outlet"].unique())
    panels = []
    if len(timed):
        subtitle = "dot = first post's best time, bar = its earliest–latest bounds, line = the same story in another lane"
        if order_only:
            subtitle += f"; order only (no clock times): {', '.join(order_only)}"
        panels.append(_lanes(timed, alt.X("first_time:T", title="first coverage (UTC)", axis=alt.Axis(format="%H:%M")),
                             selection, True, alt.Title("When each outlet first covered each story", subtitle=subtitle),
                             bounds=("first_earliest", "first_latest"), width=width))
    if len(placed):
        title = alt.Title("Where each story first appears in each blog's running order",
                          subtitle="0 = the blog's first post, 1 = its last; the only comparison for outlets "
                                   "without clock times (order only)")
        x = alt.X("place:Q", title="place in the running order", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))
        panels.append(_lanes(placed, x, selection, not panels, title, width=width))
    if not panels:
        return alt.vconcat(alt.Chart(pd.DataFrame({"note": ["no story has a time or a place in a blog"]}))
                           .mark_text().encode(text="note:N"))
    return alt.vconcat(*panels)


def lag_chart(timing: pd.DataFrame, width: int = 480) -> alt.VConcatChart:
    """For stories two or more outlets covered: who was first and by how much, with uncertainty.

    Time panel: each later outlet's lag behind the first (minutes) as a bar from the least to the
    most it can be given both posts' bounds, a dot at the best estimate; a bar reaching below 0
    means that outlet may have been first. Order panel: outlets without clock times, by where the
    story first appears in their running order (0 = first post, 1 = last): order only, no minutes.
    """
    rows = timeline_rows(timing)
    rows = rows[rows["n_outlets"] >= 2]
    selection = alt.selection_point(name="lag_story", fields=["story"])
    highlight = {"opacity": alt.condition(selection, alt.value(1.0), alt.value(0.25))}
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("story"), axis=alt.Axis(labelLimit=320))
    colour = alt.Color("outlet:N", title="outlet")
    panels = []
    timed = rows[rows["lag_basis"].isin(["time", "first"])]
    if timed["story"].duplicated().any() or (timed["lag_basis"] == "time").any():
        timed = timed[timed["story"].isin(timed.loc[timed["lag_basis"] == "time", "story"])]
        base = alt.Chart(timed)
        bars = base.mark_rule(strokeWidth=6, strokeCap="round").encode(
            x=alt.X("lag_lo:Q", title="minutes behind the first outlet"), x2="lag_hi:Q", y=y, color=colour,
            tooltip=_STORY_TOOLTIP, **highlight)
        dots = base.mark_point(filled=True, size=70, stroke="black", strokeWidth=0.5).encode(
            x="lag_min:Q", y=y, color=colour, shape=alt.Shape("lag_basis:N", title="role"), tooltip=_STORY_TOOLTIP, **highlight)
        zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="black", strokeDash=[3, 3]).encode(x="x:Q")
        panels.append(alt.layer(bars, zero, dots.add_params(selection),
                                title=alt.Title("Who was first, and by how much",
                                                subtitle="bar = the least to the most the lag can be; below 0 = may have been first"))
                      .properties(width=width, height=alt.Step(22)))
    ordered = rows[rows["place"].notna() & rows["story"].isin(
        rows.loc[rows["lag_basis"] == "order only", "story"])]
    if len(ordered):
        chart = alt.Chart(ordered, title=alt.Title(
            "Order only: where each story first appears in each running order",
            subtitle="no clock times for " + ", ".join(sorted(ordered.loc[ordered["lag_basis"] == "order only", "outlet"].unique()))
                     + "; 0 = the blog's first post, 1 = its last")).mark_point(filled=True, size=80).encode(
            x=alt.X("place:Q", title="place in the running order", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
            y=y, color=colour, tooltip=_STORY_TOOLTIP, **highlight)
        panels.append((chart if panels else chart.add_params(selection)).properties(width=width, height=alt.Step(22)))
    if not panels:
        note = "no story was covered by two outlets with a time or a place"
        return alt.vconcat(alt.Chart(pd.DataFrame({"note": [note]})).mark_text().encode(text="note:N"))
    return alt.vconcat(*panels)


def voices_compared_chart(shares: pd.DataFrame, only: pd.DataFrame, width: int = 420) -> alt.VConcatChart:
    """Each outlet's quotations by affiliation group, and the speakers only one outlet quoted.

    ``shares``: ``voices.group_shares``; ``only``: ``framing.only_quoted``. Click a group in the
    legend to pick it in both panels.
    """
    group = alt.selection_point(name="voice_group", fields=["group"], bind="legend")
    highlight = {"opacity": alt.condition(group, alt.value(1.0), alt.value(0.25))}
    colour = alt.Color("group:N", title="affiliation")
    bars = alt.Chart(shares.assign(outlet=shares["outlet"].astype(str), group=shares["group"].astype(str)),
                     title="Share of each outlet's quotations by affiliation group").mark_bar().encode(
        y=alt.Y("outlet:N", title=None),
        x=alt.X("quote_share:Q", stack="normalize", axis=alt.Axis(format="%"), title="share of quotations"),
        color=colour, tooltip=[
            "outlet:N", "group:N", "quotes:Q", alt.Tooltip("quote_share:Q", format=".0%"),
            alt.Tooltip("example:N", title="quote"), alt.Tooltip("example_speaker:N", title="speaker"),
            alt.Tooltip("example_headline:N", title="post")], **highlight,
    ).add_params(group).properties(width=width, height=alt.Step(28))
    alone = only[only["only_this_outlet"]].assign(outlet=lambda f: f["outlet"].astype(str),
                                                 group=lambda f: f["group"].astype(str))
    speakers = alt.Chart(alone, title=alt.Title("Speakers only one outlet quoted",
                                                subtitle="bar = quotations; hover for the longest one")).mark_bar().encode(
        y=alt.Y("speaker:N", title=None, sort="-x"), x=alt.X("quotes:Q", title="quotations"),
        color=colour, row=alt.Row("outlet:N", title=None),
        tooltip=["speaker:N", "outlet:N", "group:N", "quotes:Q", "words:Q", alt.Tooltip("example:N", title="longest quote"),
                 alt.Tooltip("not_quoted_by:N", title="not quoted by")], **highlight,
    ).properties(width=width, height=alt.Step(16)).resolve_scale(y="independent")
    return alt.vconcat(bars, speakers).resolve_scale(color="shared")


def distinguishing_terms_chart(terms: pd.DataFrame, top: int = 15, width: int = 220) -> alt.Chart:
    """Per outlet, the ``top`` words most typical of it against the others (z-score of the log-odds
    ratio with an informative Dirichlet prior), with example sentences from every outlet on hover."""
    outlets = [str(o) for o in terms["outlet"].cat.categories] if isinstance(terms["outlet"].dtype, pd.CategoricalDtype) \
        else sorted(terms["outlet"].astype(str).unique())
    rows = terms.assign(outlet=terms["outlet"].astype(str))
    best = rows[rows["z"] > 0].sort_values(["outlet", "z", "term"], ascending=[True, False, True]).groupby("outlet").head(top)
    examples = rows.pivot_table(index="term", columns="outlet", values="example", aggfunc="first")
    tooltip = [alt.Tooltip("term:N"), alt.Tooltip("outlet:N"), alt.Tooltip("count:Q", title="uses here"),
               alt.Tooltip("count_other:Q", title="uses elsewhere"), alt.Tooltip("delta:Q", title="log-odds", format=".2f"),
               alt.Tooltip("z:Q", format=".2f")]
    extra = {}
    for i, outlet in enumerate(outlets):
        field = f"example_{i}"
        extra[field] = best["term"].map(examples[outlet] if outlet in examples else pd.Series(dtype=str)).fillna("(not used)")
        tooltip.append(alt.Tooltip(f"{field}:N", title=f"{outlet} example"))
    best = best.assign(**extra)
    term = alt.selection_point(name="term", fields=["term"])
    return (
        alt.Chart(best, title=alt.Title("Words that set each outlet apart",
                                        subtitle="z-score of the log-odds ratio, informative Dirichlet prior "
                                                 "(Monroe, Colaresi & Quinn 2008); |z| > 1.96 is unlikely to be chance"))
        .mark_bar()
        .encode(
            y=alt.Y("term:N", sort="-x", title=None), x=alt.X("z:Q", title="z-score"),
            color=alt.Color("outlet:N", legend=None), column=alt.Column("outlet:N", title=None),
            opacity=alt.condition(term, alt.value(1.0), alt.value(0.35)), tooltip=tooltip,
        )
        .add_params(term)
        .properties(width=width, height=alt.Step(14))
        .resolve_scale(y="independent")
    )
