"""Offline chart rendering: the inline bundle comes from the disk cache and renders as Altair's own."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from liveblogs import display

OPTIONS = {"renderer": "svg", "actions": False}


def _html(chart: alt.Chart, template: object) -> str:
    alt.renderers.enable("html", template=template, embed_options=OPTIONS)
    try:
        bundle = alt.renderers.get()(chart.to_dict())
    finally:
        display.use_offline_charts()
    html = bundle[0]["text/html"] if isinstance(bundle, tuple) else bundle["text/html"]
    return re.sub(r"altair-viz-[0-9a-f]+", "ID", html)  # each render gets a fresh element id


def test_bundle_is_built_once_then_read_from_disk(tmp_path) -> None:
    first = display.vega_embed_bundle(tmp_path)
    (stored,) = (tmp_path / "vl-convert").glob("vega-embed-*.js")
    stored.write_text(first + "// from disk", encoding="utf-8")
    assert display.vega_embed_bundle(tmp_path) == first + "// from disk"
    assert not list((tmp_path / "vl-convert").glob("*.tmp"))


def test_cached_template_renders_exactly_as_altairs_inline_template() -> None:
    chart = alt.Chart(pd.DataFrame({"x": [1, 2, 3]})).mark_point().encode(x="x:Q")
    ours = _html(chart, display.inline_template())
    assert ours == _html(chart, "inline")
    assert "vegaEmbed(" in ours and "cdn.jsdelivr" not in ours
