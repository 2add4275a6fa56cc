"""How charts are rendered, chosen in one place: inline HTML that works offline everywhere.

The ``html`` renderer with ``template="inline"`` embeds Vega, Vega-Lite and vega-embed in each
output, so charts draw in JupyterLab, Voilà and nbconvert HTML with no network. Every chart also
has a ``fingerprint``: a compact JSON of its spec and a hash of its data, printed in notebooks so
that nbval fails readably when the data or an encoding changes.
"""

from __future__ import annotations

import hashlib
import json

import altair as alt

RENDERER = "html"
TEMPLATE = "inline"


def use_offline_charts() -> None:
    """Render Altair charts as self-contained HTML (no CDN), drawn as SVG; JupyterChart widgets load Vega offline too."""
    alt.renderers.enable(RENDERER, template=TEMPLATE, embed_options={"renderer": "svg", "actions": False})
    alt.data_transformers.disable_max_rows()
    alt.JupyterChart.enable_offline()


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
