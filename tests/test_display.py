"""Offline chart rendering: the bundle cache (digest-checked, optional), and outputs that are safe and stable."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import warnings

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from liveblogs.viz import display


def test_bundle_is_built_once_then_read_from_disk(tmp_path) -> None:
    first = display.vega_embed_bundle(tmp_path)
    (stored,) = (tmp_path / "vl-convert").glob("vega-embed-*.js")
    assert (stored.parent / (stored.name + ".sha256")).is_file()
    assert display.vega_embed_bundle(tmp_path) == first
    assert not list((tmp_path / "vl-convert").glob("*.tmp"))


def test_a_tampered_or_truncated_bundle_is_rebuilt_and_rewritten(tmp_path) -> None:
    first = display.vega_embed_bundle(tmp_path)
    (stored,) = (tmp_path / "vl-convert").glob("vega-embed-*.js")
    stored.write_text(first + ";alert('injected')", encoding="utf-8")
    assert display.vega_embed_bundle(tmp_path) == first
    stored.write_bytes(stored.read_bytes()[:1000])
    assert display.vega_embed_bundle(tmp_path) == first
    assert stored.read_text(encoding="utf-8") == first  # rewritten, not rebuilt on every load


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions; see the next test")
def test_read_only_cache_folder_warns_and_goes_on(tmp_path) -> None:  # pragma: no cover - root on CI
    tmp_path.chmod(0o500)
    try:
        with pytest.warns(RuntimeWarning, match="not cached"):
            assert "vegaEmbed" in display.vega_embed_bundle(tmp_path)
    finally:
        tmp_path.chmod(0o700)


def test_unwritable_cache_folder_warns_once_and_goes_on(tmp_path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")  # a file where the cache folder should be: mkdir fails even for root
    display._warned.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = display.vega_embed_bundle(blocker)
        second = display.vega_embed_bundle(blocker)
    assert "vegaEmbed" in first and first == second
    assert len([w for w in caught if "not cached" in str(w.message)]) == 1


def test_output_is_deterministic_and_carries_the_compressed_bundle() -> None:
    chart = alt.Chart(pd.DataFrame({"x": [1, 2, 3]})).mark_point().encode(x="x:Q")
    first, second = display.render_chart(chart.to_dict()), display.render_chart(chart.to_dict())
    assert first == second  # nothing random: nbval compares it strictly
    html = first["text/html"]
    blob = re.search(r'atob\("([A-Za-z0-9+/=]+)"\)', html).group(1)
    assert gzip.decompress(base64.b64decode(blob)).decode("utf-8") == display.vega_embed_bundle()
    loader = html.replace(blob, "").rsplit("<script>", 1)[1]
    assert "http" not in loader and "src" not in loader  # nothing is fetched
    assert first["text/plain"] == "<chart: point, 3 data rows>"


@given(st.text())
def test_script_safe_json_round_trips_and_never_closes_a_script(text: str) -> None:
    encoded = display.script_safe_json({"value": text})
    assert json.loads(encoded) == {"value": text}
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
