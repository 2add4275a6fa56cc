"""Small ipywidgets panels built on the pure functions of the package (no logic of their own)."""

from __future__ import annotations

import html
from pathlib import Path

import altair as alt
import ipywidgets as widgets
import pandas as pd

from ..viz.display import use_offline_chart_widgets
from ..quotes.voices import search_quotes

SHOWN_COLUMNS = ["outlet", "speaker", "kind", "cue", "quote", "headline", "start", "end"]


def quote_search(table: pd.DataFrame, rows: int = 15) -> widgets.VBox:
    """A search box over quotes, speakers and headlines, with the matching quotations below it.

    The callback only replaces the output's content (``outputs = ()`` then ``append_display_data``),
    so nothing leaks as stray stdout when the notebook runs under nbval.
    """
    box = widgets.Text(placeholder="search quotes, speakers, headlines…", description="Search", continuous_update=False)
    count = widgets.HTML()
    out = widgets.Output()

    def show(_change: object = None) -> None:
        found = search_quotes(table, box.value)
        count.value = f"<b>{len(found)}</b> of {len(table)} quotations"
        out.outputs = ()
        out.append_display_data(found[SHOWN_COLUMNS].head(rows))

    box.observe(show, names="value")
    show()
    return widgets.VBox([box, count, out])


def _multi(label: str, options: list[str]) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(options=options, description=label, rows=min(6, max(2, len(options))),
                                  layout=widgets.Layout(width="260px"))


def explore(corpus, rows: int = 20, export_dir: str | Path = "exports") -> widgets.VBox:
    """The exploration panel: filters on the left, counts, charts and the quotes table on the right.

    Every filter change recomputes one filtered frame with :func:`liveblogs.filters.filter_quotes`
    and redraws all views from it. Empty selections mean "all". The chart draws one point per
    quotation up to ``filters.CHART_POINTS`` quotations and counts above it (see
    :func:`liveblogs.filters.explore_chart`), so a redraw stays fast on a corpus of a few hundred articles.
    """
    from .filters import Filters, counts, explore_chart, explore_table, export_quotes, filter_quotes

    progress = widgets.IntProgress(value=0, min=0, max=3, description="Loading")
    panel = widgets.VBox([progress])
    table = explore_table(corpus)
    progress.value = 1
    outlets = _multi("Outlets", sorted(map(str, table["outlet"].cat.categories)))
    groups = _multi("Groups", sorted(map(str, table["group"].cat.categories)))
    speakers = _multi("Speakers", sorted(map(str, table["speaker"].cat.categories)))
    kinds = _multi("Kind", sorted(map(str, table["kind"].cat.categories)))
    times = sorted(table["time"].dropna().unique())
    window = widgets.SelectionRangeSlider(
        options=[(pd.Timestamp(t).strftime("%d %b %H:%M"), pd.Timestamp(t)) for t in times] or [("no clock times", None)],
        index=(0, max(len(times) - 1, 0)), description="Time", disabled=not times, layout=widgets.Layout(width="460px"),
    )
    search = widgets.Text(description="Search", placeholder="words in quotes or posts", continuous_update=False)
    summary, quotes = widgets.Output(), widgets.Output()
    use_offline_chart_widgets()  # Vega from vl-convert, no row cap: a few hundred articles hold thousands of quotes
    chart = alt.JupyterChart(explore_chart(table))
    status = widgets.HTML()
    progress.value = 2

    def current() -> Filters:
        whole = not times or tuple(window.index) == (0, len(times) - 1)
        start, end = (None, None) if whole else window.value  # the whole range keeps posts with no clock time
        return Filters(tuple(outlets.value), tuple(speakers.value), tuple(groups.value), tuple(kinds.value),
                       start, end, search.value)

    def redraw(_change: object = None) -> None:
        filtered = filter_quotes(table, current())
        status.value = f"<b>{len(filtered)}</b> of {len(table)} quotations"
        for out, content in ((summary, counts(filtered)), (quotes, filtered[SHOWN_COLUMNS].head(rows))):
            out.outputs = ()
            out.append_display_data(content)
        chart.chart = explore_chart(filtered)
        panel.filtered = filtered

    def export(fmt: str):
        def write(_button: object) -> None:
            path = export_quotes(filter_quotes(table, current()), Path(export_dir) / f"quotes.{fmt}")
            status.value = f"{status.value.split(' — ')[0]} — wrote {html.escape(str(path))}"
        return write

    csv_button, parquet_button = widgets.Button(description="Export CSV"), widgets.Button(description="Export Parquet")
    csv_button.on_click(export("csv"))
    parquet_button.on_click(export("parquet"))
    for control in (outlets, groups, speakers, kinds, window, search):
        control.observe(redraw, names="value")
    controls = widgets.VBox([outlets, groups, speakers, kinds, window, search, widgets.HBox([csv_button, parquet_button])])
    panel.controls = {"outlets": outlets, "groups": groups, "speakers": speakers, "kinds": kinds,
                      "time": window, "search": search, "csv": csv_button, "parquet": parquet_button}
    panel.table = table

    def reset() -> None:
        """Clear every filter (all outlets, speakers, groups, kinds, the whole time range, no search)."""
        for control in (outlets, groups, speakers, kinds):
            control.value = ()
        if times:
            window.index = (0, len(times) - 1)
        search.value = ""

    panel.reset = reset
    redraw()
    progress.value = 3
    panel.children = [controls, status, summary, chart, quotes]
    return panel
