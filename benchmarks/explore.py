"""Filter-change latency of the explore panel on a corpus of a few hundred articles.

One run builds (or reuses) a synthetic 300-article corpus of real recombined posts, then times,
side by side, the three steps a filter change triggers: the pure filter, the count summary and
building the redrawn chart spec (``to_dict``, which is also what ``alt.JupyterChart`` does before it
sends the spec, data included, as one widget state). Target: under 0.5 s per change on this machine.
Wall seconds depend on how busy the shared machine is (``loadavg_at_start`` in the CSV's header), so
CPU seconds of the process are recorded beside them; ``chart_rows`` and ``spec_kb`` show what is sent.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import liveblogs  # noqa: E402
from liveblogs import display, filters  # noqa: E402

from common import machine, write_csv  # noqa: E402
from corpora import build  # noqa: E402

ARTICLES = 300
CHANGES = [
    filters.Filters(outlets=("Outlet 1",)),
    filters.Filters(groups=("Russia",)),
    filters.Filters(text="NATO"),
    filters.Filters(outlets=("Outlet 2",), groups=("US",), text="Ukraine"),
    filters.Filters(kinds=("direct",)),
    filters.Filters(),
]


def redraw(table, change: filters.Filters) -> tuple[float, int]:
    """Seconds for one filter change: filter, counts, and the chart spec the panel sends."""
    start = time.perf_counter()
    chosen = filters.filter_quotes(table, change)
    filters.counts(chosen)
    filters.explore_chart(chosen).to_dict()
    return time.perf_counter() - start, len(chosen)


def cpu_seconds(table, change: filters.Filters) -> float:
    """CPU seconds of this process for one filter change (less sensitive than wall time to other load)."""
    start = time.process_time()
    redraw(table, change)
    return time.process_time() - start


def spec_size(table, change: filters.Filters) -> tuple[int, float]:
    """Rows of chart data and kilobytes of JSON spec that one filter change sends to the browser."""
    spec = filters.explore_chart(filters.filter_quotes(table, change)).to_dict()
    rows = sum(len(v) for v in spec.get("datasets", {}).values())
    return rows, round(len(json.dumps(spec, default=str)) / 1024, 1)


def main() -> int:
    display.use_offline_charts()  # as the panel does: no row cap
    folder = build(ARTICLES)
    started = time.perf_counter()
    corpus = liveblogs.load_corpus(folder)
    table = filters.explore_table(corpus)
    load_seconds = time.perf_counter() - started
    outlets = sorted(map(str, table["outlet"].cat.categories))
    changes = [filters.with_values(c, outlets=tuple(o for o in c.outlets if o in outlets) or ((outlets[0],) if c.outlets else ())) for c in CHANGES]
    rows = []
    for change in changes:
        times = [redraw(table, change) for _ in range(5)]
        cpu = [cpu_seconds(table, change) for _ in range(5)]
        chart_rows, spec_kb = spec_size(table, change)
        rows.append({
            "articles": len(corpus.articles), "quotes": len(table), "filter": repr(change)[:90], "kept": times[0][1],
            "median_seconds": round(statistics.median(t for t, _ in times), 4),
            "max_seconds": round(max(t for t, _ in times), 4), "target_seconds": 0.5,
            "median_cpu_seconds": round(statistics.median(cpu), 4), "chart_rows": chart_rows, "spec_kb": spec_kb,
        })
    path = write_csv("explore", rows, machine())
    worst = max(r["max_seconds"] for r in rows)
    print(f"explore: {len(corpus.articles)} articles, {len(table)} quotes, load {load_seconds:.1f}s; "
          f"slowest filter change {worst:.3f}s (target 0.5s) -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
