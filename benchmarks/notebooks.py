"""Wall time to execute every notebook, as ``make report`` / ``make test`` do: one after another.

    python benchmarks/notebooks.py [--kernel python3] [--timeout 300] [--repeat 3]

Copies ``notebooks/`` to a temporary folder and executes each ``notebooks/*.ipynb`` there with
nbclient, each in a fresh kernel, one after the other, with ``LIVEBLOGS_CACHE`` pointing at a new
empty folder (as on a fresh machine or in CI: the first notebook computes the bundled articles,
the others reopen them from the Parquet cache); the executed copies stay in the temporary
folder, which is deleted afterwards: the committed notebooks are never touched. Wall time per
notebook includes starting and stopping its kernel. Target: all notebooks ≤ 30 s on 2 cores (issue
17). With ``--repeat N`` the whole sequence runs N times (a fresh cache each time) and the table
gives each round, then the min and median of the totals.

Results: benchmarks/results/notebooks.csv.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, markdown_table, write_csv

NOTEBOOKS = ROOT / "notebooks"
TARGET_S = 30.0  # issue 17: all notebooks in 30 s on 2 cores (was 60 s)


def _cell_seconds(cell) -> float | None:
    """Execution time of one cell from nbclient's timing metadata (execute_input → execute_reply)."""
    import datetime as dt

    ex = cell.get("metadata", {}).get("execution", {})
    a, b = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
    if not a or not b:
        return None
    parse = lambda v: dt.datetime.fromisoformat(v.replace("Z", "+00:00"))  # noqa: E731
    return (parse(b) - parse(a)).total_seconds()


SLOW_CELLS: list[dict] = []  # filled by execute_all: the slowest cells of the last run


def execute_all(kernel: str = "python3", timeout: int = 300, log=print) -> list[dict]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    rows = []
    cells_timed: list[dict] = []
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    import os

    with tempfile.TemporaryDirectory(prefix="liveblogs-nb-bench-") as tmp:
        # A fresh, empty Parquet cache shared by the kernels of this run, as on a new machine or in CI:
        # the first notebook computes the bundled articles, the others reopen them.
        saved_cache = os.environ.get("LIVEBLOGS_CACHE")
        os.environ["LIVEBLOGS_CACHE"] = str(Path(tmp) / "liveblogs-cache")
        work = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for path in paths:
            copy = work / path.name
            nb = nbformat.read(copy, as_version=4)
            client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, resources={"metadata": {"path": str(work)}})
            status = "ok"
            t0 = time.perf_counter()
            try:
                client.execute()
            except CellExecutionError as error:
                status = "error: " + str(error).strip().splitlines()[-1][:200]
            seconds = time.perf_counter() - t0
            nbformat.write(nb, copy)
            cells = sum(c.cell_type == "code" for c in nb.cells)
            in_cells = 0.0
            for i, cell in enumerate(nb.cells):
                t = _cell_seconds(cell) if cell.cell_type == "code" else None
                if t is not None:
                    in_cells += t
                    first = next((ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith("#")), "")
                    cells_timed.append({"notebook": path.name, "cell": i, "seconds": round(t, 2), "source": first[:70]})
            rows.append({"notebook": path.name, "code_cells": cells, "seconds": round(seconds, 2),
                         "in_cells": round(in_cells, 2), "kernel_and_overhead": round(seconds - in_cells, 2),
                         "status": status})
            log(f"  notebook {path.name}: {seconds:.1f} s ({in_cells:.1f} s in cells) {status}")
        if saved_cache is None:
            os.environ.pop("LIVEBLOGS_CACHE", None)
        else:
            os.environ["LIVEBLOGS_CACHE"] = saved_cache
    total = sum(r["seconds"] for r in rows)
    SLOW_CELLS[:] = sorted(cells_timed, key=lambda c: -c["seconds"])[:10]
    rows.append({"notebook": "all (sequential)", "code_cells": sum(r["code_cells"] for r in rows),
                 "seconds": round(total, 2), "in_cells": round(sum(r["in_cells"] for r in rows), 2),
                 "kernel_and_overhead": round(sum(r["kernel_and_overhead"] for r in rows), 2),
                 "status": ("ok" if all(r["status"] == "ok" for r in rows) else "errors")
                 + f"; target ≤ {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'NOT met'}"})
    return rows


def markdown(rows: list[dict]) -> str:
    out = "### Executing the notebooks (fresh kernel each, sequential)\n\n" + markdown_table(rows)
    if SLOW_CELLS:
        out += "\nSlowest cells:\n\n" + markdown_table(SLOW_CELLS)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default="python3")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--repeat", type=int, default=1, help="run the whole sequence this many times")
    args = parser.parse_args(argv)
    rows, totals = [], []
    for k in range(args.repeat):
        found = execute_all(args.kernel, args.timeout)
        totals.append(found[-1]["seconds"])
        rows += [{"round": k + 1, **r} for r in found]
    if args.repeat > 1:
        import statistics

        for label, value in (("min", min(totals)), ("median", statistics.median(totals))):
            rows.append({"round": label, "notebook": "all (sequential)", "code_cells": rows[-1]["code_cells"],
                         "seconds": round(value, 2), "in_cells": None, "kernel_and_overhead": None,
                         "status": f"target ≤ {TARGET_S:.0f} s: {'met' if value <= TARGET_S else 'NOT met'}"})
    write_csv("notebooks", rows)
    write_csv("notebook_cells", SLOW_CELLS)
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
