"""Whole-pipeline throughput and cache reopen on real text, trees side by side.

    python benchmarks/throughput.py 100 400 [--repeat 3] [--tree before=PATH] [--reopen]

For each size N (the first N PolNeAR train articles, ``../shared/polnear/train/text/``) and each
tree (this checkout, plus any ``--tree NAME=PATH`` of another), a fresh process builds every frame
(``snapshot.all_frames``, cache off) and reports its CPU time and the per-article map's; trees
alternate run by run. With ``--reopen`` each process instead builds the corpus into a temporary
cache once and times reopening it (every frame) ``--repeat`` times. Words are whitespace words.
Results: ``results/throughput.csv`` / ``.md`` (or ``reopen``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, run_in_tree, trees, write_report

POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"


def polnear_files(n: int) -> list[str]:
    if not POLNEAR.is_dir():
        raise SystemExit(f"{POLNEAR}: PolNeAR is not beside the repository")
    return [str(p) for p in sorted(POLNEAR.glob("*.txt"))[:n]]


def build_worker(files: list[str]) -> dict:
    """CPU seconds of every frame of ``files`` (and of the per-article map), cache off."""
    import liveblogs
    from snapshot import all_frames

    liveblogs.load_corpus(cache=False).quotes  # warm imports and compiled patterns
    start = time.process_time()
    corpus = liveblogs.load_corpus([Path(f) for f in files], cache=False)
    begun = time.process_time()
    corpus.paragraphs
    per_article = time.process_time() - begun
    all_frames(corpus)
    return {"cpu": time.process_time() - start, "per_article_map": per_article,
            "words": sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)}


def reopen_worker(payload: dict) -> dict:
    """CPU seconds of reopening ``files`` from a cache built once (every frame), ``repeat`` times."""
    import liveblogs
    from snapshot import all_frames

    files = [Path(f) for f in payload["files"]]
    with tempfile.TemporaryDirectory() as cache:
        all_frames(liveblogs.load_corpus(files, cache=Path(cache)))
        runs = []
        for _ in range(payload["repeat"]):
            start = time.process_time()
            all_frames(liveblogs.load_corpus(files, cache=Path(cache)))
            runs.append(time.process_time() - start)
    return {"runs": runs, "words": sum(len(f.read_text(encoding="utf-8").split()) for f in files)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of another checkout")
    parser.add_argument("--reopen", action="store_true", help="time reopening from the cache instead")
    args = parser.parse_args(argv)
    found = trees(args.tree)
    command = "`python benchmarks/throughput.py " + " ".join(map(str, args.sizes)) + f" --repeat {args.repeat}" \
        + "".join(f" --tree {t}" for t in args.tree) + (" --reopen" if args.reopen else "") + "`"
    rows = []
    for n in args.sizes:
        files = polnear_files(n)
        if args.reopen:
            for name, path in found.items():
                out = run_in_tree(path, "throughput", "reopen_worker", {"files": files, "repeat": args.repeat})
                rows.append({"tree": name, "articles": n, "words": out["words"], "reopen_cpu_s_min": min(out["runs"]),
                             "reopen_cpu_s_median": statistics.median(out["runs"])})
            continue
        runs: dict[str, list[dict]] = {name: [] for name in found}
        for _ in range(args.repeat):
            for name, path in found.items():
                runs[name].append(run_in_tree(path, "throughput", "build_worker", files))
        for name, got in runs.items():
            cpu = [r["cpu"] for r in got]
            maps = [r["per_article_map"] for r in got]
            words = got[0]["words"]
            rows.append({"tree": name, "articles": n, "words": words, "cpu_s_min": min(cpu),
                         "cpu_s_median": statistics.median(cpu), "words_per_cpu_s_best": words / min(cpu),
                         "words_per_cpu_s_median": words / statistics.median(cpu), "map_cpu_s_min": min(maps),
                         "map_cpu_s_median": statistics.median(maps)})
    name = "reopen_s5" if args.reopen else "throughput"
    write_report(name, "Cache reopen" if args.reopen else "Whole-pipeline throughput",
                 f"{command}: CPU time, PolNeAR train articles, one fresh process per tree and run.\n", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
