"""How charts are rendered, chosen in one place: inline HTML that works offline everywhere.

The ``html`` renderer with Altair's inline template embeds Vega, Vega-Lite and vega-embed in each
output, so charts draw in JupyterLab, Voilà and nbconvert HTML with no network. vl-convert builds
that script bundle anew in every kernel (3–12 s here); :func:`inline_template` keeps it on disk
next to the Parquet cache, keyed by the vl-convert and Vega-Lite versions. Every chart also
has a ``fingerprint``: a compact JSON of its spec and a hash of its data, printed in notebooks so
that nbval fails readably when the data or an encoding changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt
from altair.utils.html import INLINE_HTML_TEMPLATE

from .cache import default_cache_dir

RENDERER = "html"


def use_offline_charts() -> None:
    """Render Altair charts as self-contained HTML (no CDN), drawn as SVG, with no row cap."""
    alt.renderers.enable(RENDERER, template=inline_template(), embed_options={"renderer": "svg", "actions": False})
    alt.data_transformers.disable_max_rows()


def use_offline_chart_widgets() -> None:
    """As :func:`use_offline_charts`, and ``alt.JupyterChart`` widgets load Vega from vl-convert, not a CDN.

    Separate because Altair builds the widget's script bundle in each kernel (~3 s): only
    notebooks with chart widgets (the explore panel) pay for it.
    """
    use_offline_charts()
    alt.JupyterChart.enable_offline()


@dataclass(frozen=True)
class InlineTemplate:
    """Altair's inline HTML template with the vega-embed bundle given, not rebuilt per kernel."""

    vegaembed_script: str

    def render(self, **context: object) -> str:
        return INLINE_HTML_TEMPLATE.render(vegaembed_script=self.vegaembed_script, **context)


@lru_cache(maxsize=1)
def inline_template() -> InlineTemplate:
    """The inline template with the bundle from the disk cache (built there on first use)."""
    return InlineTemplate(vega_embed_bundle())


def vega_embed_bundle(cache_dir: Path | None = None) -> str:
    """vl-convert's vega-embed bundle for Altair's Vega-Lite version, built once and kept on disk."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    vl_version = vl_version_for_vl_convert()
    folder = (cache_dir or default_cache_dir()) / "vl-convert"
    path = folder / f"vega-embed-{vlc.__version__}-{vl_version}.js"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle(vl_version=vl_version)
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(bundle, encoding="utf-8")
    partial.replace(path)  # atomic: a concurrent kernel never reads half a bundle
    return bundle


def fingerprint(chart: alt.TopLevelMixin) -> str:
    """Compact JSON of the chart's spec (marks, encodings, params, transforms) and a hash of its data."""
    spec = chart.to_dict()
    datasets = spec.pop("datasets", {})
    for key in ("$schema", "config"):
        spec.pop(key, None)
    data = json.dumps(datasets, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
    rows = sum(len(v) for v in datasets.values() if isinstance(v, list))
    body = json.dumps(_strip_data_names(spec), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"rows={rows} data={digest} spec={body}"


def _strip_data_names(node: object) -> object:
    """Data names are hashes of the data, already counted in ``data=``; drop them from the spec text."""
    if isinstance(node, dict):
        return {k: _strip_data_names(v) for k, v in node.items() if not (k == "data" and isinstance(v, dict) and "name" in v)}
    if isinstance(node, list):
        return [_strip_data_names(v) for v in node]
    return node
