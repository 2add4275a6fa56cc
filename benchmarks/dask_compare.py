"""The Dask path on a 2-worker ``distributed.LocalCluster`` against the pandas path, wall and CPU time.

    python benchmarks/dask_compare.py [--articles 400] [--repeat 3]

Both paths load the first N PolNeAR train articles (``../shared/polnear/train/text/``), cache off,
and compute the per-article frames, posts, quotes and the speaker tables (the frames the Dask
corpus has). The cluster (2 worker processes, 1 thread each) is started once, before timing; the
pandas path runs in this process. Rounds alternate pandas and Dask; reported: min and median
wall seconds of each, the speed-up (pandas wall ÷ Dask wall), and whether every frame is equal
(``pd.testing.assert_frame_equal``, dtypes included). Results: ``results/dask_compare.csv``/``.md``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd

from common import ROOT, write_report

POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"
FRAMES = ("paragraphs", "units", "sentences", "posts", "time_references", "post_times", "cross_reference_links",
          "event_times", "quotes", "speakers", "speaker_names", "speaker_outlets")


def frames_of(corpus, dask: bool) -> dict[str, pd.DataFrame]:
    if dask:
        import dask as dask_module

        return dict(zip(FRAMES, dask_module.compute(*[getattr(corpus, name) for name in FRAMES])))
    return {name: getattr(corpus, name) for name in FRAMES}


def main(argv: list[str] | None = None) -> int:
    import distributed

    import liveblogs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = sorted(POLNEAR.glob("*.txt"))[: args.articles]
    liveblogs.load_corpus(cache=False).quotes  # warm this process
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    try:
        client.run(lambda: __import__("liveblogs").load_corpus(cache=False).quotes)  # warm the workers
        walls: dict[str, list[float]] = {"pandas": [], "dask": []}
        cpus: dict[str, list[float]] = {"pandas": [], "dask": []}
        equal = True
        for _ in range(args.repeat):
            got = {}
            for engine in ("pandas", "dask"):
                wall, cpu = time.perf_counter(), time.process_time()
                if engine == "dask":
                    corpus = liveblogs.load_corpus(files, engine="dask")
                else:
                    corpus = liveblogs.load_corpus(files, cache=False)
                got[engine] = frames_of(corpus, engine == "dask")
                walls[engine].append(time.perf_counter() - wall)
                cpus[engine].append(time.process_time() - cpu)
            for name in FRAMES:
                try:
                    pd.testing.assert_frame_equal(got["dask"][name].reset_index(drop=True),
                                                  got["pandas"][name].reset_index(drop=True), obj=name)
                except AssertionError as error:
                    equal = False
                    print(f"{name} differs: {str(error)[:300]}")
    finally:
        client.close()
        cluster.close()
    rows = [{
        "articles": len(files),
        "pandas_wall_s_min": min(walls["pandas"]), "pandas_wall_s_median": statistics.median(walls["pandas"]),
        "dask_wall_s_min": min(walls["dask"]), "dask_wall_s_median": statistics.median(walls["dask"]),
        "speedup_min_over_min": min(walls["pandas"]) / min(walls["dask"]),
        "speedup_median": statistics.median(p / d for p, d in zip(walls["pandas"], walls["dask"])),
        "pandas_cpu_s_median": statistics.median(cpus["pandas"]), "dask_client_cpu_s_median": statistics.median(cpus["dask"]),
        "frames_equal": equal,
    }]
    write_report("dask_compare", "Dask (2-worker LocalCluster) against pandas",
                 f"`python benchmarks/dask_compare.py --articles {args.articles} --repeat {args.repeat}`: wall seconds, "
                 "cache off, cluster started and warmed before timing; rounds alternate the two paths.\n", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
