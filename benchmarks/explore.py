"""Filter-change latency of the explore panel on a corpus of a few hundred articles.

One run builds (or reuses) a synthetic 300-article corpus of real recombined posts, then times,
side by side, the three steps a filter change triggers: the pure filter, the count summary and
building the redrawn chart spec. Target: under 0.5 s per change on this machine.
"""

from __future__ import annotations

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
        rows.append({
            "articles": len(corpus.articles), "quotes": len(table), "filter": repr(change)[:90], "kept": times[0][1],
            "median_seconds": round(statistics.median(t for t, _ in times), 4),
            "max_seconds": round(max(t for t, _ in times), 4), "target_seconds": 0.5,
        })
    path = write_csv("explore", rows, machine())
    worst = max(r["max_seconds"] for r in rows)
    print(f"explore: {len(corpus.articles)} articles, {len(table)} quotes, load {load_seconds:.1f}s; "
          f"slowest filter change {worst:.3f}s (target 0.5s) -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
