"""The per-article step's fixed cost (CPU ms not depending on the text) and its cost per word.

    python benchmarks/fixed_cost.py [--articles 200] [--repeat 5] [--tree before=/path/to/old/checkout]

For each tree (this checkout as ``this``, plus any ``--tree NAME=PATH`` whose ``src/`` holds
another version of the package), a fresh worker process reads the first N articles of
``../shared/polnear/train/text/`` (the bundled articles and the fixture sets when that folder is
absent), then times ``assemble.pipeline.article_frames`` on each article alone, cache off, in CPU
time (``time.process_time``). Workers of the trees alternate, ``--repeat`` rounds each, so the
trees are measured side by side in one run. Each article keeps its fastest round; a least-squares
line ``cpu_ms = fixed + per_word × words`` over the articles gives the fixed cost (the intercept)
and the cost per word. Reported per tree: fixed ms, µs per word, and the min and median of each
round's fit. Results go to ``benchmarks/results/fixed_cost.csv`` and ``fixed_cost.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from common import RESULTS, ROOT, fmt, machine_line, markdown_table, write_csv

POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"


def article_files(n: int) -> list[str]:
    """The first ``n`` PolNeAR train articles, else the bundled articles and fixture texts."""
    if POLNEAR.is_dir():
        return [str(p) for p in sorted(POLNEAR.glob("*.txt"))[:n]]
    found = sorted((ROOT / "data").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").glob("heldout*/*.txt"))
    return [str(p) for p in found[:n]]


def worker(files: list[str]) -> list[dict]:
    """CPU ms of ``article_frames`` for each file alone (run inside a worker process)."""
    from liveblogs.assemble.pipeline import article_frames
    from liveblogs.ingest.sources import article_frame, resolve_sources

    articles = article_frame(resolve_sources([Path(f) for f in files]))
    article_frames(articles.iloc[[0]])  # warm the imports and compiled patterns
    out = []
    for k in range(len(articles)):
        one = articles.iloc[[k]]
        start = time.process_time()
        article_frames(one)
        out.append({"article": str(one.iloc[0]["article"]), "words": len(str(one.iloc[0]["text"]).split()),
                    "cpu_ms": 1e3 * (time.process_time() - start)})
    return out


def fit(rows: list[dict]) -> tuple[float, float]:
    """Least-squares ``cpu_ms = fixed + per_word × words``: (fixed ms, µs per word)."""
    words = np.array([r["words"] for r in rows], dtype=float)
    cpu = np.array([r["cpu_ms"] for r in rows], dtype=float)
    slope, intercept = np.polyfit(words, cpu, 1)
    return float(intercept), float(1e3 * slope)


def run_tree(path: Path, files: list[str]) -> list[dict]:
    """One worker process with ``path/src`` first on the import path."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
            "import fixed_cost; print(json.dumps(fixed_cost.worker(json.load(sys.stdin))))")
    env = {"LIVEBLOGS_CACHE": "", "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(path / "src")],
                          input=json.dumps(files), capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of another checkout")
    args = parser.parse_args(argv)
    trees = {"this": ROOT} | {t.split("=", 1)[0]: Path(t.split("=", 1)[1]) for t in args.tree}
    files = article_files(args.articles)
    rounds: dict[str, list[list[dict]]] = {name: [] for name in trees}
    for _ in range(args.repeat):
        for name, path in trees.items():
            rounds[name].append(run_tree(path, files))
    rows = []
    for name, runs in rounds.items():
        best = [min(r[k]["cpu_ms"] for r in runs) for k in range(len(files))]
        fixed, per_word = fit([{"words": runs[0][k]["words"], "cpu_ms": best[k]} for k in range(len(files))])
        fits = [fit(r) for r in runs]
        words = [r["words"] for r in runs[0]]
        rows.append({
            "tree": name, "articles": len(files), "median_words": int(statistics.median(words)),
            "fixed_ms": fixed, "us_per_word": per_word,
            "fixed_ms_min": min(f[0] for f in fits), "fixed_ms_median": statistics.median(f[0] for f in fits),
            "us_per_word_min": min(f[1] for f in fits), "us_per_word_median": statistics.median(f[1] for f in fits),
            "article_ms_median": statistics.median(best),
        })
    write_csv("fixed_cost", rows)
    lines = [f"# Fixed cost per article\n\n{machine_line()}\n",
             f"`python benchmarks/fixed_cost.py --articles {args.articles} --repeat {args.repeat}"
             + "".join(f" --tree {t}" for t in args.tree) + "`: CPU time of `article_frames` per article, "
             "cache off; fixed = intercept of the least-squares line over the articles (each article's fastest "
             "of the rounds), with the min and median of the per-round fits.\n",
             markdown_table([{k: fmt(v) for k, v in r.items()} for r in rows])]
    (RESULTS / "fixed_cost.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
