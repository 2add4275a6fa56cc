"""Every chart function, tested directly: a valid Vega-Lite spec, the marks it should draw, encodings
that name columns of its data, and data rows that come from the frame it was given."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from liveblogs.viz import charts, display, overview, storycharts, timecharts
from liveblogs.app import filters
from liveblogs.timing import times
from liveblogs.quotes import voices


def _views(spec: dict) -> list[dict]:
    """Every single view (a spec with a mark) inside a layered or concatenated spec."""
    if "mark" in spec:
        return [spec]
    found = []
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            found += _views(child)
    if "spec" in spec:
        found += _views(spec["spec"])
    return found


def _fields(view: dict) -> set[str]:
    fields = set()
    for channel in view.get("encoding", {}).values():
        for item in channel if isinstance(channel, list) else [channel]:
            if isinstance(item, dict) and isinstance(item.get("field"), str):
                fields.add(item["field"].split(".")[0])
    return fields


def _marks(spec: dict) -> set[str]:
    return {v["mark"] if isinstance(v["mark"], str) else v["mark"]["type"] for v in _views(spec)}


def check(chart: alt.TopLevelMixin, marks: set[str], rows: int | None = None) -> dict:
    """The chart validates, draws ``marks``, encodes only columns its datasets have, and holds ``rows`` rows."""
    spec = chart.to_dict(validate=True)
    assert marks <= _marks(spec), _marks(spec)
    datasets = spec.get("datasets", {})
    columns = set().union(*(set(r) for data in datasets.values() for r in data[:1])) if datasets else set()
    for view in _views(spec):
        derived = {t.get("as") for t in view.get("transform", []) if isinstance(t.get("as"), str)}
        for t in view.get("transform", []):
            for key in ("aggregate", "window", "joinaggregate"):
                derived |= {a.get("as") for a in t.get(key, []) if isinstance(a, dict)}
        for t in spec.get("transform", []):
            derived |= {t.get("as")} if isinstance(t.get("as"), str) else set()
        assert _fields(view) <= columns | derived | {"x"}, _fields(view) - columns - derived
    if rows is not None:
        assert max(len(d) for d in datasets.values()) == rows
    return spec


@pytest.fixture(scope="module")
def table(corpus) -> pd.DataFrame:
    return voices.quote_table(corpus.quotes, corpus.posts, corpus.speakers)


def test_units_by_kind(corpus) -> None:
    units = overview.units_by_kind(corpus.posts)
    check(charts.units_by_kind_chart(units), {"bar"}, rows=len(units))


def test_post_words(corpus) -> None:
    words = overview.post_words(corpus.posts)
    check(charts.post_words_chart(words), {"tick"}, rows=len(words))


def test_speakers_and_heatmap(table) -> None:
    counts = voices.speaker_counts(table)
    spec = check(charts.speakers_chart(counts), {"bar", "text"})
    assert any(p.get("name") for p in spec.get("params", []) + [q for v in _views(spec) for q in v.get("params", [])])
    check(charts.speaker_outlet_heatmap(counts), {"rect"}, rows=len(counts))


def test_group_shares(table) -> None:
    shares = voices.group_shares(table)
    check(charts.group_share_chart(shares), {"bar"}, rows=len(shares))


def test_time_charts(corpus) -> None:
    timeline = times.timeline(corpus.posts, corpus.post_times)
    check(timecharts.post_timeline_chart(timeline, corpus.cross_reference_links), {"point"})
    check(timecharts.cadence_chart(timeline), {"bar"})
    check(timecharts.event_gap_chart(corpus.event_times), {"rule"})


def test_story_charts(corpus, table) -> None:
    timing = corpus.coverage_timing()
    check(storycharts.coverage_timeline_chart(timing), {"point"})
    check(storycharts.lag_chart(timing), {"point"})
    differences = corpus.compare_outlets()
    check(storycharts.voices_compared_chart(voices.group_shares(table), differences["only_quoted"]), {"bar"})
    check(storycharts.distinguishing_terms_chart(differences["terms"]), {"bar"})


def test_explore_chart(corpus) -> None:
    table = filters.explore_table(corpus)
    check(filters.explore_chart(table), {"bar"})


def test_rendered_output_keeps_article_strings_out_of_markup() -> None:
    hostile = "</script><img src=x onerror=alert(1)><!--"
    chart = alt.Chart(pd.DataFrame({"x": [1], "label": [hostile]})).mark_bar().encode(x="x:Q", y="label:N")
    html = display.render_chart(chart.to_dict())["text/html"]
    assert hostile not in html and "</script><img" not in html and "<!--" not in html
    assert html.count("</script>") == 2  # the spec block and the loader, nothing the data closed
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u003c!--" in html


def test_time_source_colours_list_every_time_source_with_page_metadata_its_own() -> None:
    from liveblogs.timing.timewords import TIME_SOURCES
    from liveblogs.viz.timecharts import SOURCE_COLOURS, SOURCE_SCALE

    domain = SOURCE_SCALE.to_dict()["domain"]
    assert domain == list(TIME_SOURCES) and "page metadata" in domain
    assert len(SOURCE_COLOURS) == len(domain) == len(set(SOURCE_COLOURS))
