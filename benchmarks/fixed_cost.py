"""The per-article step's fixed cost (CPU ms not depending on the text) and its cost per word.

    python benchmarks/fixed_cost.py [--articles 200] [--repeat 5] [--tree before=/path/to/old/checkout] [--mode corpus]

For each tree (this checkout as ``this``, plus any ``--tree NAME=PATH`` whose ``src/`` holds
another version of the package), a fresh worker process reads the first N articles of
``../shared/polnear/train/text/`` (the bundled articles and the fixture sets when that folder is
absent), then times ``assemble.pipeline.article_frames`` on each article alone, cache off, in CPU
time (``time.process_time``). Workers of the trees alternate, ``--repeat`` rounds each, so the
trees are measured side by side in one run. Each article keeps its fastest round; a least-squares
line ``cpu_ms = fixed + per_word × words`` over the articles gives the fixed cost (the intercept)
and the cost per word. Reported per tree: fixed ms, µs per word, and the min and median of each
round's fit. Results go to ``benchmarks/results/fixed_cost.csv`` and ``fixed_cost.md``.

``--mode corpus`` measures the per-article map as the corpus runs it (``Corpus(...)._per_article``:
the frames of every article, concatenated, cache off; since the batched map, articles are built a
batch at a time) on subsets of the N articles (all; the shortest, the longest and a fixed random draw of N/4 and of N/2),
and fits ``cpu_ms = batch + fixed × articles + per_word × words`` over the subsets: ``fixed`` is
then the cost each article adds to the corpus whatever its length. Results go to
``fixed_cost_corpus.csv`` / ``fixed_cost_corpus.md``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from common import ROOT, run_in_tree, trees, write_report

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


def corpus_worker(files: list[str]) -> list[dict]:
    """CPU ms of the corpus's per-article map (``Corpus._per_article``, cache off) on subsets of ``files``."""
    import random

    from liveblogs.assemble.corpus import Corpus
    from liveblogs.ingest.sources import article_frame, resolve_sources

    articles = article_frame(resolve_sources([Path(f) for f in files]))
    words = [len(str(t).split()) for t in articles["text"]]
    Corpus(articles.iloc[:2].reset_index(drop=True))._per_article  # warm up
    draw = random.Random(17)
    n = len(articles)
    by_length = sorted(range(n), key=lambda i: words[i])
    subsets = [list(range(n))]  # all, then the shortest, the longest and a random draw of n/4 and n/2
    for size in (max(2, n // 4), max(2, n // 2)):
        subsets += [by_length[:size], by_length[-size:], draw.sample(range(n), size)]
    out = []
    for picked in subsets:
        picked = sorted(picked)
        size = len(picked)
        subset = articles.iloc[picked].reset_index(drop=True)
        subset["outlet"] = subset["outlet"].cat.remove_unused_categories()
        start = time.process_time()
        Corpus(subset)._per_article
        out.append({"articles": size, "words": sum(words[i] for i in picked),
                    "cpu_ms": 1e3 * (time.process_time() - start)})
    return out


def corpus_fit(rows: list[dict]) -> tuple[float, float, float]:
    """Least squares ``cpu_ms = batch + fixed × articles + per_word × words``: (fixed ms, µs per word, batch ms)."""
    a = np.array([[1.0, r["articles"], r["words"]] for r in rows])
    b = np.array([r["cpu_ms"] for r in rows])
    (batch, fixed, per_word), *_ = np.linalg.lstsq(a, b, rcond=None)
    return float(fixed), float(1e3 * per_word), float(batch)


def fit(rows: list[dict]) -> tuple[float, float]:
    """Least-squares ``cpu_ms = fixed + per_word × words``: (fixed ms, µs per word)."""
    words = np.array([r["words"] for r in rows], dtype=float)
    cpu = np.array([r["cpu_ms"] for r in rows], dtype=float)
    slope, intercept = np.polyfit(words, cpu, 1)
    return float(intercept), float(1e3 * slope)


def run_tree(path: Path, files: list[str], mode: str = "article") -> list[dict]:
    """One worker process with ``path/src`` first on the import path."""
    return run_in_tree(path, "fixed_cost", "corpus_worker" if mode == "corpus" else "worker", files)


def measure(found: dict[str, Path], files: list[str], repeat: int, mode: str) -> dict[str, list[list[dict]]]:
    """Each tree's rounds, the trees alternating round by round (side by side in one run)."""
    rounds: dict[str, list[list[dict]]] = {name: [] for name in found}
    for _ in range(repeat):
        for name, path in found.items():
            rounds[name].append(run_tree(path, files, mode))
    return rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of another checkout")
    parser.add_argument("--mode", choices=("article", "corpus"), default="article")
    args = parser.parse_args(argv)
    if args.mode == "corpus":
        return corpus_main(args)
    files = article_files(args.articles)
    rounds = measure(trees(args.tree), files, args.repeat, "article")
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
    write_report("fixed_cost", "Fixed cost per article",
                 f"`python benchmarks/fixed_cost.py --articles {args.articles} --repeat {args.repeat}"
                 + "".join(f" --tree {t}" for t in args.tree) + "`: CPU time of `article_frames` per article, "
                 "cache off; fixed = intercept of the least-squares line over the articles (each article's fastest "
                 "of the rounds), with the min and median of the per-round fits.\n", rows)
    return 0


def corpus_main(args: argparse.Namespace) -> int:
    files = article_files(args.articles)
    rounds = measure(trees(args.tree), files, args.repeat, "corpus")
    rows = []
    for name, runs in rounds.items():
        best = [{**runs[0][k], "cpu_ms": min(r[k]["cpu_ms"] for r in runs)} for k in range(len(runs[0]))]
        fixed, per_word, batch = corpus_fit(best)
        fits = [corpus_fit(r) for r in runs]
        full = [r[0]["cpu_ms"] for r in runs]
        rows.append({
            "tree": name, "articles": len(files), "words": runs[0][0]["words"],
            "fixed_ms": fixed, "us_per_word": per_word, "per_corpus_ms": batch,
            "fixed_ms_min": min(f[0] for f in fits), "fixed_ms_median": statistics.median(f[0] for f in fits),
            "us_per_word_min": min(f[1] for f in fits), "us_per_word_median": statistics.median(f[1] for f in fits),
            "all_articles_s_min": min(full) / 1e3, "all_articles_s_median": statistics.median(full) / 1e3,
            "words_per_cpu_s_best": runs[0][0]["words"] / (min(full) / 1e3),
        })
    write_report("fixed_cost_corpus", "Fixed cost per article, corpus path",
                 f"`python benchmarks/fixed_cost.py --mode corpus --articles {args.articles} --repeat {args.repeat}"
                 + "".join(f" --tree {t}" for t in args.tree) + "`: CPU time of the corpus's per-article map "
                 "(`Corpus._per_article`, cache off) on subsets of the articles; fixed = the per-article coefficient of "
                 "the least-squares fit `cpu = batch + fixed × articles + per_word × words` over the subsets (each "
                 "subset's fastest round), with the min and median of the per-round fits.\n", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
