"""Small ipywidgets panels built on the pure functions of the package (no logic of their own)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .voices import search_quotes

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
