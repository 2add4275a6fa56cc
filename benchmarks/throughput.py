"""Whole-pipeline throughput and cache reopen on real text, trees side by side.

    python benchmarks/throughput.py 100 400 [--repeat 3] [--tree before=PATH] [--reopen] [--recombined]

For each size N (the first N PolNeAR train articles, ``../shared/polnear/train/text/``) and each
tree (this checkout, plus any ``--tree NAME=PATH`` of another), a fresh process builds every frame
(``snapshot.all_frames``, cache off) and reports its CPU time and the per-article map's; trees
alternate run by run. With ``--reopen`` each process instead builds the corpus into a temporary
cache once and times reopening it (every frame) ``--repeat`` times. With ``--recombined`` the N
articles are instead the recombined PolNeAR corpus of ``corpora.py --polnear`` (any N; a folder with a
manifest giving outlets and dates). Words are whitespace words.
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


def build_worker(payload: dict) -> dict:
    """CPU seconds of every frame of the payload's files or folder (and of the per-article map), cache off."""
    import liveblogs
    from snapshot import all_frames

    liveblogs.load_corpus(cache=False).quotes  # warm imports and compiled patterns
    files = Path(payload["folder"]) if "folder" in payload else [Path(f) for f in payload["files"]]
    start = time.process_time()
    corpus = liveblogs.load_corpus(files, cache=False)
    begun = time.process_time()
    corpus.paragraphs
    per_article = time.process_time() - begun
    all_frames(corpus)
    return {"cpu": time.process_time() - start, "per_article_map": per_article,
            "words": sum(len(t.split()) for t in corpus.texts.values())}


def reopen_worker(payload: dict) -> dict:
    """CPU seconds of reopening ``files`` from a cache built once (every frame), ``repeat`` times."""
    import liveblogs
    from snapshot import all_frames

    files = Path(payload["folder"]) if "folder" in payload else [Path(f) for f in payload["files"]]
    with tempfile.TemporaryDirectory() as cache:
        all_frames(liveblogs.load_corpus(files, cache=Path(cache)))
        runs = []
        for _ in range(payload["repeat"]):
            start = time.process_time()
            all_frames(liveblogs.load_corpus(files, cache=Path(cache)))
            runs.append(time.process_time() - start)
        texts = liveblogs.load_corpus(files, cache=Path(cache)).texts.values()
    return {"runs": runs, "words": sum(len(t.split()) for t in texts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of another checkout")
    parser.add_argument("--reopen", action="store_true", help="time reopening from the cache instead")
    parser.add_argument("--recombined", action="store_true", help="the recombined PolNeAR corpus of N articles")
    args = parser.parse_args(argv)
    found = trees(args.tree)
    command = "`python benchmarks/throughput.py " + " ".join(map(str, args.sizes)) + f" --repeat {args.repeat}" \
        + "".join(f" --tree {t}" for t in args.tree) + (" --reopen" if args.reopen else "") \
        + (" --recombined" if args.recombined else "") + "`"
    rows = []
    for n in args.sizes:
        if args.recombined:
            import corpora
            payload = {"folder": str(corpora.build_polnear(n))}
        else:
            payload = {"files": polnear_files(n)}
        if args.reopen:
            for name, path in found.items():
                out = run_in_tree(path, "throughput", "reopen_worker", {**payload, "repeat": args.repeat})
                rows.append({"tree": name, "articles": n, "words": out["words"], "reopen_cpu_s_min": min(out["runs"]),
                             "reopen_cpu_s_median": statistics.median(out["runs"])})
            continue
        runs: dict[str, list[dict]] = {name: [] for name in found}
        for _ in range(args.repeat):
            for name, path in found.items():
                runs[name].append(run_in_tree(path, "throughput", "build_worker", payload))
        for name, got in runs.items():
            cpu = [r["cpu"] for r in got]
            maps = [r["per_article_map"] for r in got]
            words = got[0]["words"]
            rows.append({"tree": name, "articles": n, "words": words, "cpu_s_min": min(cpu),
                         "cpu_s_median": statistics.median(cpu), "words_per_cpu_s_best": words / min(cpu),
                         "words_per_cpu_s_median": words / statistics.median(cpu), "map_cpu_s_min": min(maps),
                         "map_cpu_s_median": statistics.median(maps)})
    name = ("reopen_s6" if args.reopen else "throughput") + ("_recombined" if args.recombined else "")
    write_report(name, "Cache reopen" if args.reopen else "Whole-pipeline throughput",
                 f"{command}: CPU time, PolNeAR train articles, one fresh process per tree and run.\n", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
