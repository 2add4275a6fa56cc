"""The explore panel's logic: a pure filter function, and widgets driven from code."""

from __future__ import annotations

import pandas as pd
import pytest

import liveblogs
from liveblogs.app import filters
from liveblogs.app.filters import Filters, filter_quotes


@pytest.fixture(scope="module")
def table(corpus) -> pd.DataFrame:
    return filters.explore_table(corpus)


def test_table_has_one_row_per_quote_with_offsets(corpus, table) -> None:
    assert len(table) == len(corpus.quotes)
    text = corpus.texts
    assert all(text[a][s:e] for a, s, e in zip(table["article"], table["start"], table["end"]))


def test_no_filters_keep_everything(table) -> None:
    assert filter_quotes(table, Filters()).equals(table)


def test_each_filter_narrows_to_matching_rows(table) -> None:
    sky = filter_quotes(table, Filters(outlets=("Sky News",)))
    assert 0 < len(sky) < len(table) and set(sky["outlet"]) == {"Sky News"}
    russia = filter_quotes(table, Filters(groups=("Russia",)))
    assert set(russia["group"]) == {"Russia"} and {"Dmitry Peskov", "Dmitry Medvedev"} <= set(russia["speaker"])
    hegseth = filter_quotes(table, Filters(speakers=("Pete Hegseth",), kinds=("direct",)))
    assert set(hegseth["speaker"]) == {"Pete Hegseth"} and set(hegseth["kind"]) == {"direct"}


def test_filters_combine_as_and(table) -> None:
    both = filter_quotes(table, Filters(outlets=("Sky News",), groups=("Russia",), text="Trump"))
    alone = [filter_quotes(table, f) for f in (Filters(outlets=("Sky News",)), Filters(groups=("Russia",)), Filters(text="Trump"))]
    expected = set(alone[0].index) & set(alone[1].index) & set(alone[2].index)
    assert set(both.index) == expected and expected


def test_text_search_needs_every_word_case_insensitively(table) -> None:
    found = filter_quotes(table, Filters(text="BETRAYING ukraine"))
    assert len(found) and all(
        ("betraying" in row.lower() and "ukraine" in row.lower())
        for row in found[["quote", "post_text", "speaker", "headline"]].astype(str).agg(" ".join, axis=1)
    )
    assert filter_quotes(table, Filters(text="zzzzqqq")).empty


def test_time_window_keeps_rows_inside_it() -> None:
    times = pd.to_datetime(["2025-02-13 08:00", "2025-02-13 09:30", "2025-02-13 11:00"]).tz_localize("Europe/London")
    table = pd.DataFrame({"outlet": "A", "speaker": "X", "group": "US", "kind": "direct", "time": times,
                          "quote": ["a", "b", "c"], "post_text": "", "headline": ""})
    window = Filters(start=pd.Timestamp("2025-02-13 08:30", tz="Europe/London"), end=pd.Timestamp("2025-02-13 10:00", tz="Europe/London"))
    assert filter_quotes(table, window)["quote"].tolist() == ["b"]


def test_exports_round_trip(tmp_path, table) -> None:
    chosen = filter_quotes(table, Filters(outlets=("BBC",)))
    csv = filters.export_quotes(chosen, tmp_path / "q.csv")
    parquet = filters.export_quotes(chosen, tmp_path / "q.parquet")
    assert len(pd.read_csv(csv)) == len(chosen) == len(pd.read_parquet(parquet))
    assert pd.read_parquet(parquet)["quote"].tolist() == chosen["quote"].astype(str).tolist()
    with pytest.raises(ValueError, match="csv or .parquet"):
        filters.export_quotes(chosen, tmp_path / "q.xlsx")


def test_panel_widgets_drive_the_same_filter(corpus, tmp_path) -> None:
    panel = liveblogs.explore(corpus, export_dir=tmp_path)
    table = panel.table
    assert len(panel.filtered) == len(table)
    panel.controls["outlets"].value = ("BBC",)
    panel.controls["search"].value = "Putin"
    expected = filter_quotes(table, Filters(outlets=("BBC",), text="Putin"))
    assert panel.filtered.index.equals(expected.index) and 0 < len(expected) < len(table)
    assert panel.children[1].value.startswith(f"<b>{len(expected)}</b>")
    panel.controls["csv"].click()
    assert len(pd.read_csv(tmp_path / "quotes.csv")) == len(expected)
    panel.reset()
    assert len(panel.filtered) == len(table)


def test_chart_carries_named_selections(table) -> None:
    spec = filters.explore_chart(table).to_dict()
    names = {p["name"] for p in spec["params"]}
    assert names == {"explore_speaker", "explore_window"}


def test_panel_time_window_keeps_only_posts_with_times_inside_it(corpus) -> None:
    panel = liveblogs.explore(corpus)
    slider = panel.controls["time"]
    times = [value for _, value in slider.options]
    slider.index = (1, len(times) - 2)
    kept = panel.filtered
    assert 0 < len(kept) < len(panel.table) and kept["time"].notna().all()
    assert kept["time"].between(times[1], times[-2]).all()
    panel.reset()
    assert len(panel.filtered) == len(panel.table)


def test_text_search_on_a_categorical_column_ignores_case(table) -> None:
    found = filter_quotes(table, Filters(text="PESKOV", columns=("speaker",)))
    assert len(found) and set(found["speaker"]) == {"Dmitry Peskov"}


def _many_quotes(table: pd.DataFrame) -> pd.DataFrame:
    """The bundled quotes repeated until there are more than the chart draws one by one."""
    return pd.concat([table] * (filters.CHART_POINTS // len(table) + 1), ignore_index=True)


def _timeline(spec: dict) -> dict:
    return spec["vconcat"][1]


def test_small_frames_chart_one_point_per_quote(table) -> None:
    assert len(table) <= filters.CHART_POINTS
    data = filters.chart_data(table)
    assert len(data) == len(table) and (data["quotes"] == 1).all()
    assert data["quote"].notna().all() and data["speaker"].tolist() == table["speaker"].astype(str).tolist()
    encoding = _timeline(filters.explore_chart(table).to_dict())["encoding"]
    assert "size" not in encoding and {"quote", "headline"} <= {t["field"] for t in encoding["tooltip"]}


def test_large_frames_chart_counts_that_add_up(table) -> None:
    many = _many_quotes(table)
    data = filters.chart_data(many)
    assert len(data) < len(many) and data["quotes"].sum() == len(many)
    by_speaker = data.groupby("speaker")["quotes"].sum()
    assert by_speaker.to_dict() == many["speaker"].astype(str).value_counts().to_dict()
    by_outlet = data.groupby("outlet")["quotes"].sum()
    assert by_outlet.to_dict() == many["outlet"].astype(str).value_counts().to_dict()
    # quotations with no clock time are counted (in the bars) but have no place on the time axis
    assert data.loc[data["x"] == "", "quotes"].sum() == many["time"].isna().sum() > 0
    assert data["x"].notna().all()  # a missing value would reach the browser as NaN, which is not JSON
    spec = filters.explore_chart(many).to_dict()
    assert {p["name"] for p in spec["params"]} == {"explore_speaker", "explore_window"}
    assert _timeline(spec)["encoding"]["size"]["aggregate"] == "sum"
    assert sum(len(rows) for rows in spec["datasets"].values()) == len(data)


def test_large_frames_without_clock_times_are_binned_by_running_order(table) -> None:
    many = _many_quotes(table).assign(time=pd.NaT)
    data = filters.chart_data(many)
    assert len(data) < len(many) and data["quotes"].sum() == len(many) and data["x"].notna().all()
    assert _timeline(filters.explore_chart(many).to_dict())["encoding"]["x"]["type"] == "quantitative"


def test_quote_search_panel_lists_what_the_search_function_finds(corpus) -> None:
    """Typing into the notebook-02 search box shows exactly ``voices.search_quotes`` (moved out of the notebook)."""
    from liveblogs.quotes import voices
    from liveblogs.app import widgets

    table = voices.quote_table(corpus.quotes, corpus.posts, corpus.speakers)
    panel = widgets.quote_search(table)
    panel.children[0].value = "betraying"
    found = voices.search_quotes(table, "betraying")
    assert 0 < len(found) < len(table)
    assert panel.children[1].value == f"<b>{len(found)}</b> of {len(table)} quotations"
    shown = panel.children[2].outputs[0]["data"]["text/plain"]
    assert all(str(q)[:20] in shown or str(q)[:10] in shown for q in found["speaker"].head(3))


def test_every_attributed_quotation_names_the_rule_that_gave_its_speaker(corpus, table) -> None:
    """The rule column travels from corpus.quotes into the tables users read and export."""
    from liveblogs.quotes import voices

    quotes = voices.quote_table(corpus.quotes, corpus.posts, corpus.speakers)
    for frame in (quotes, table):
        named = frame[frame["speaker"].astype(str) != voices.UNATTRIBUTED]
        assert len(named) and named["rule"].notna().all()
        assert frame.loc[frame["speaker"].astype(str) == voices.UNATTRIBUTED, "rule"].isna().all()
