"""The Dask path on a 2-worker ``distributed.LocalCluster`` against the pandas path, wall and CPU time.

    python benchmarks/dask_compare.py [--articles 400] [--recombined 2000] [--repeat 3] [--dataframes]

Corpora: the first N PolNeAR train articles (``--articles N``, ``../shared/polnear/train/text/``)
and/or the N-article recombined PolNeAR corpus of ``corpora.py --polnear`` (``--recombined N``,
any N; real sentences in invented articles). Both paths load the corpus, cache off, and get every
per-article frame, posts, quotes and the speaker tables as pandas frames on this machine:

* ``pandas``: ``load_corpus(files, cache=False)``, in this process;
* ``dask``: ``load_corpus(files, engine="dask").to_pandas()`` — a task per batch of articles on
  the cluster, every task's frames fetched in one ``dask.compute``, the reduce (speakers) here;
* ``dask_dataframes`` (with ``--dataframes``): the same corpus's Dask DataFrames, all computed
  in one ``dask.compute`` (the lazy API: a graph per frame, partitions concatenated on a worker).

The cluster (2 worker processes, 1 thread each) is started and warmed once, before timing; rounds
alternate the paths. Reported per corpus: min and median wall seconds of each path, the speed-up
(pandas wall ÷ Dask wall), this process's CPU seconds, the 1-minute load average before each round
(median; the machine has 2 cores shared with other work, so wall times are noisy), the busiest
worker's CPU seconds, the speed-up the CPU times give with a core per process and nothing else
running (pandas CPU ÷ (Dask client CPU + busiest worker CPU)), and whether every frame is equal
(``pd.testing.assert_frame_equal``, dtypes included).
Results: ``results/dask_compare.csv``/``.md``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import pandas as pd

from common import ROOT, write_report

POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"
FRAMES = ("paragraphs", "units", "sentences", "posts", "time_references", "post_times", "cross_reference_links",
          "event_times", "quotes", "speakers", "speaker_names", "speaker_outlets")


def frames_of(source, engine: str) -> dict[str, pd.DataFrame]:
    import dask

    import liveblogs

    if engine == "pandas":
        corpus = liveblogs.load_corpus(source, cache=False)
    elif engine == "dask":
        corpus = liveblogs.load_corpus(source, engine="dask").to_pandas()
    else:
        corpus = liveblogs.load_corpus(source, engine="dask")
        return dict(zip(FRAMES, dask.compute(*[getattr(corpus, name) for name in FRAMES])))
    return {name: getattr(corpus, name) for name in FRAMES}


def workers_cpu(client) -> dict[str, float]:
    """Each worker process's CPU seconds so far."""
    return client.run(time.process_time)


def compare(client, label: str, source, n: int, engines: tuple[str, ...], repeat: int) -> dict:
    walls: dict[str, list[float]] = {engine: [] for engine in engines}
    cpus: dict[str, list[float]] = {engine: [] for engine in engines}
    busiest: dict[str, list[float]] = {engine: [] for engine in engines}
    loads, equal = [], True
    for _ in range(repeat):
        got = {}
        for engine in engines:
            loads.append(os.getloadavg()[0])
            before = workers_cpu(client)
            wall, cpu = time.perf_counter(), time.process_time()
            got[engine] = frames_of(source, engine)
            walls[engine].append(time.perf_counter() - wall)
            cpus[engine].append(time.process_time() - cpu)
            after = workers_cpu(client)
            busiest[engine].append(max(after[w] - before[w] for w in after))
        for engine in engines[1:]:
            for name in FRAMES:
                try:
                    pd.testing.assert_frame_equal(got[engine][name].reset_index(drop=True),
                                                  got["pandas"][name].reset_index(drop=True), obj=name)
                except AssertionError as error:
                    equal = False
                    print(f"{engine}: {name} differs: {str(error)[:300]}")
        del got
    row = {"corpus": label, "articles": n}
    for engine in engines:
        row |= {f"{engine}_wall_s_min": min(walls[engine]), f"{engine}_wall_s_median": statistics.median(walls[engine])}
    for engine in engines[1:]:
        row |= {f"speedup_{engine}_min_over_min": min(walls["pandas"]) / min(walls[engine]),
                f"speedup_{engine}_median": statistics.median(p / d for p, d in zip(walls["pandas"], walls[engine]))}
    for engine in engines:
        row[f"{engine}_client_cpu_s_median"] = statistics.median(cpus[engine])
    for engine in engines[1:]:
        row[f"{engine}_busiest_worker_cpu_s_median"] = statistics.median(busiest[engine])
        # What the speed-up would be with a core per process and nothing else running: pandas CPU
        # over the Dask path's critical path (its client's CPU plus the busiest worker's).
        row[f"{engine}_cpu_bound_speedup"] = statistics.median(cpus["pandas"]) / (
            statistics.median(cpus[engine]) + statistics.median(busiest[engine]))
    row |= {"loadavg_1min_median": statistics.median(loads), "loadavg_1min_max": max(loads), "frames_equal": equal}
    print(row, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    import distributed

    import liveblogs
    from liveblogs.ingest.sources import resolve_sources

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="the first N PolNeAR train articles")
    parser.add_argument("--recombined", type=int, default=None, help="the recombined PolNeAR corpus of N articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dataframes", action="store_true", help="also time computing the Dask DataFrames")
    args = parser.parse_args(argv)
    if args.articles is None and args.recombined is None:
        args.articles = 400
    engines = ("pandas", "dask", *(("dask_dataframes",) if args.dataframes else ()))
    corpora = []
    if args.articles is not None:
        corpora.append(("polnear", sorted(POLNEAR.glob("*.txt"))[: args.articles]))
    if args.recombined is not None:
        import corpora as corpora_module

        corpora.append(("polnear-recombined", corpora_module.build_polnear(args.recombined)))
    liveblogs.load_corpus(cache=False).quotes  # warm this process
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    rows = []
    try:
        client.run(lambda: __import__("liveblogs").load_corpus(cache=False).quotes)  # warm the workers
        for label, source in corpora:
            n = len(resolve_sources(source))
            rows.append(compare(client, label, source, n, engines, args.repeat))
    finally:
        client.close()
        cluster.close()
    command = "python benchmarks/dask_compare.py" + (f" --articles {args.articles}" if args.articles is not None else "") \
        + (f" --recombined {args.recombined}" if args.recombined is not None else "") + f" --repeat {args.repeat}" \
        + (" --dataframes" if args.dataframes else "")
    write_report("dask_compare", "Dask (2-worker LocalCluster) against pandas",
                 f"`{command}`: wall seconds, cache off, cluster started and warmed before timing; rounds alternate "
                 "the paths. `dask` is `load_corpus(files, engine=\"dask\").to_pandas()`; `dask_dataframes` computes "
                 "the Dask DataFrames of the same corpus.\n", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
