"""How charts are rendered, chosen in one place: HTML that draws offline everywhere, any number per page.

:func:`use_offline_charts` registers and enables the ``liveblogs`` Altair renderer. Each chart
output is a small piece of HTML: an empty box, the chart's spec as inert JSON
(``<script type="application/json">``, with ``<``, ``>`` and ``&`` written as JSON escapes so no
string from an article can close the block or open a tag), and a loader scoped in a function.
Every output carries the vega-embed bundle that vl-convert builds, gzip-compressed and base64
encoded (about 400 KB instead of 900 KB), but the page evaluates it at most once: the first
chart to draw defines a promise on ``window`` that every later chart awaits. So it draws in
JupyterLab (Run All, re-running one cell, after a reload), Voilà and the nbconvert HTML report,
with no network and no collision between outputs (Altair's ``inline`` template re-declares the
bundle's top-level ``const``s in every output and only the first chart of a page draws).

Where JupyterLab does not trust a notebook's outputs it strips their scripts: the box then says
so in plain text instead of staying blank (``make lab`` and ``make report`` trust the notebooks).

The bundle is kept on disk beside the Parquet cache with its SHA-256; a bundle that does not
match its digest is rebuilt, and a cache folder that cannot be written is skipped with one
warning (the bundle is then built in memory for this process).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import warnings
from functools import lru_cache
from pathlib import Path

import altair as alt

from ..assemble.cache import default_cache_dir

RENDERER = "liveblogs"
EMBED_OPTIONS = {"renderer": "svg", "actions": False}
NOT_DRAWN = ("Chart not drawn: this output's script did not run. Run the cell again, or trust the "
             "notebook (File ▸ Trust Notebook, or jupyter trust).")

# The loader, one per output. It finds its own box through document.currentScript (JupyterLab
# evaluates output scripts before attaching them, so no id lookup), loads the bundle once per page
# and keys the shared promise by the bundle's digest, so two versions on one page never mix.
_LOADER = """(function () {
  var me = document.currentScript, specNode = me && me.previousElementSibling, box = specNode && specNode.previousElementSibling;
  if (!box) { return; }
  var key = "__liveblogsVegaEmbed_%(digest)s";
  if (!window[key]) {
    window[key] = (async function () {
      var bytes = Uint8Array.from(atob("%(bundle)s"), function (c) { return c.charCodeAt(0); });
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      var code = await new Response(stream).text();
      var tag = document.createElement("script");
      tag.textContent = "(function(){" + code + "\\n;window." + key + "_fn=window.vegaEmbed;}).call(window);";
      document.head.appendChild(tag);
      return window[key + "_fn"];
    })();
  }
  window[key].then(function (embed) {
    box.textContent = "";
    return embed(box, JSON.parse(specNode.textContent), %(options)s);
  }).catch(function (error) { box.textContent = "Chart failed to draw: " + error; console.error(error); });
})();"""


def use_offline_charts() -> None:
    """Render Altair charts with the offline ``liveblogs`` renderer (drawn as SVG, no row cap)."""
    alt.renderers.register(RENDERER, render_chart)
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()


def use_offline_chart_widgets() -> None:
    """As :func:`use_offline_charts`, and ``alt.JupyterChart`` widgets load Vega from vl-convert, not a CDN.

    Separate because Altair builds the widget's script bundle in each kernel (~3 s): only
    notebooks with chart widgets (the explore panel) pay for it.
    """
    use_offline_charts()
    alt.JupyterChart.enable_offline()


def render_chart(spec: dict, **_metadata: object) -> dict[str, str]:
    """Altair renderer: the MIME bundle of one chart (HTML for browsers, a one-line text form)."""
    return {"text/html": chart_html(spec), "text/plain": chart_text(spec)}


def chart_html(spec: dict, embed_options: dict | None = None) -> str:
    """One chart as self-contained, injection-safe HTML (see the module docstring)."""
    bundle = compressed_bundle()
    loader = _LOADER % {
        "digest": bundle_digest()[:16],
        "bundle": bundle,
        "options": json.dumps(embed_options or EMBED_OPTIONS, sort_keys=True),
    }
    return (
        f'<div class="liveblogs-chart">{NOT_DRAWN}</div>'
        f'<script type="application/json" class="liveblogs-chart-spec">{script_safe_json(spec)}</script>'
        f"<script>{loader}</script>"
    )


def chart_text(spec: dict) -> str:
    """The plain-text form of a chart output: what it draws and how many data rows it holds."""
    datasets = spec.get("datasets", {})
    rows = sum(len(v) for v in datasets.values() if isinstance(v, list))
    marks = sorted(_marks(spec))
    return f"<chart: {'+'.join(marks) or 'composite'}, {rows} data rows>"


def _marks(node: object) -> set[str]:
    if isinstance(node, dict):
        found = set()
        mark = node.get("mark")
        if isinstance(mark, str):
            found.add(mark)
        elif isinstance(mark, dict) and isinstance(mark.get("type"), str):
            found.add(mark["type"])
        for key, value in node.items():
            if key not in ("datasets", "data"):
                found |= _marks(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_marks, node)) if node else set()
    return set()


def script_safe_json(value: object) -> str:
    """JSON that is inert inside an HTML ``<script>`` element: no ``</script>``, ``<!--`` or ``]]>``.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (the same string once
    parsed), and the line separators U+2028/U+2029 are escaped as well.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def compressed_bundle() -> str:
    """The vega-embed bundle, gzip-compressed (fixed mtime: the same bytes every time) and base64-encoded."""
    raw = vega_embed_bundle().encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


@lru_cache(maxsize=1)
def bundle_digest() -> str:
    return hashlib.sha256(vega_embed_bundle().encode("utf-8")).hexdigest()


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


def vega_embed_bundle(cache_dir: Path | None = None) -> str:
    """vl-convert's vega-embed bundle for Altair's Vega-Lite version, built once and kept on disk.

    The file is stored with its SHA-256 in a sidecar ``.sha256``; a file that does not match is
    rebuilt and rewritten. A cache folder that cannot be written only costs the rebuild.
    """
    if cache_dir is None:
        return _default_bundle()
    return _bundle_in(cache_dir)


@lru_cache(maxsize=1)
def _default_bundle() -> str:
    return _bundle_in(default_cache_dir())


def _bundle_in(cache_dir: Path) -> str:
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    vl_version = vl_version_for_vl_convert()
    folder = Path(cache_dir) / "vl-convert"
    path = folder / f"vega-embed-{vlc.__version__}-{vl_version}.js"
    digest_path = path.with_suffix(".js.sha256")
    try:
        stored = path.read_bytes() if path.is_file() else None
        expected = digest_path.read_text(encoding="ascii").strip() if digest_path.is_file() else None
    except OSError:
        stored = expected = None
    if stored is not None and expected == hashlib.sha256(stored).hexdigest():
        return stored.decode("utf-8")
    bundle = vlc.javascript_bundle(vl_version=vl_version)
    data = bundle.encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target, content in ((path, data), (digest_path, hashlib.sha256(data).hexdigest().encode("ascii"))):
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            partial.write_bytes(content)
            partial.replace(target)  # atomic: a concurrent kernel never reads half a file
    except OSError as error:
        _warn_once(f"liveblogs: chart bundle not cached ({folder}: {error.strerror or error}); built in memory")
    return bundle
