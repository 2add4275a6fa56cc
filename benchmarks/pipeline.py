"""Words per second of the whole pipeline, time per stage and peak memory per article, by corpus size.

    python benchmarks/pipeline.py [--sizes bundled 10 100 1000] [--repeat 3] [--cap 900] [--reopen-max 100]

Each measurement runs in a fresh subprocess (``--worker FOLDER``) that

1. imports ``liveblogs`` and runs the whole pipeline once on the bundled corpus, uncached: the
   *cold* figure (first call in a fresh process: lazy imports, compiled patterns) and a warm-up;
2. resets the kernel's peak-RSS mark (``/proc/self/clear_refs``; VmHWM) and records its resident
   memory, then ``liveblogs.load_corpus(folder, cache=False)`` and touches every frame in
   pipeline order (``common.TOUCHES``): the per-article map (``.paragraphs``: segmentation,
   sentences, quotes, times of each article), ``.tokens``, the speaker reduce (``.quotes``,
   ``.speaker_outlets``, ``.speaker_names``, ``.speakers``), the times frames and ``.posts``
   with its time columns, and the stories (``.story_links``, ``.stories``). The functions that do
   each stage inside the map are wrapped with a timer (``common.WRAPPED``), so time is split by
   stage: ``posts`` (segmentation), ``sentences``, ``tokens``, ``quotes`` (extraction and
   attribution per article), ``speakers`` (canonical speakers across outlets, speaker tables),
   ``times``, ``stories``; ``other`` is what is left (concatenation, dtypes). Peak RSS is read
   after each step.

Everything is computed (``cache=False``): the Parquet cache is measured apart, as *reopen*: for
sizes up to ``--reopen-max`` articles a second worker fills a private cache under
``benchmarks/.cache/parquet/`` (untimed), then times ``load_corpus(folder, cache=that folder)``
and the same touches (the per-article frames come from Parquet; the reduce steps still run).

Words are whitespace-delimited words of the article texts. Peak memory per article = (peak RSS
− resident memory before loading) / articles; the linearity check compares MB/article at the
largest size with the smallest synthetic size, and the marginal MB/article between sizes.
Each worker's address space is capped at half the RAM (≤ 12 GiB): a stage that outgrows it
raises MemoryError in the worker (reported) rather than waking the OOM killer on a shared machine.
A run that exceeds ``--cap`` seconds is stopped; the steps it finished are kept and the rest is
extrapolated linearly in words from the next smaller size (marked ``extrapolated``: a lower bound
when a stage grows faster than linearly). Results: benchmarks/results/pipeline.csv and memory.csv.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CACHE, STAGES, TOUCHES, StageClock, markdown_table, words, write_csv

# --------------------------------------------------------------------------- worker (subprocess)

_PEAK_RESET = False  # True once /proc/self/clear_refs reset the high-water mark
_T0 = time.perf_counter()


def _status_mb(field: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS (Linux ≥ 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """Peak RSS since the last reset (VmHWM), else since the process started (ru_maxrss)."""
    if _PEAK_RESET:
        hwm = _status_mb("VmHWM")
        if hwm is not None:
            return hwm
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def run_pipeline(liveblogs, folder, cache=False, emit=None) -> tuple[StageClock, int, int]:
    """load_corpus and every touch, timed per stage; (clock, articles, words)."""
    clock = StageClock().wrap()
    t0 = time.perf_counter()
    corpus = clock.run("load", liveblogs.load_corpus, folder, cache=cache)
    n_words = sum(words(t) for t in corpus.articles["text"])
    snapshot = lambda step: {"step": step, "wall": dict(clock.wall), "cpu": dict(clock.cpu),  # noqa: E731
                             "peak_mb": _peak_mb(), "articles": len(corpus.articles), "words": n_words,
                             "elapsed": time.perf_counter() - t0, "worker_elapsed": time.perf_counter() - _T0}
    if emit:
        emit(snapshot("load"))
    for stage, names in TOUCHES:
        for name in names:
            if hasattr(type(corpus), name):
                clock.run(stage, getattr, corpus, name)
        if emit:
            emit(snapshot("+".join(names)))
    if emit:
        emit({"step": "done", "wrapped": clock.wrapped, "missing": clock.missing,
              "present": [n for _, names in TOUCHES for n in names if hasattr(type(corpus), n)],
              "absent": [n for _, names in TOUCHES for n in names if not hasattr(type(corpus), n)]})
    return clock, len(corpus.articles), n_words


def worker(folder: str, cache: str | None) -> None:
    try:
        _worker(folder, cache)
    except MemoryError:
        _emit({"step": "memory_error", "worker_elapsed": time.perf_counter() - _T0})
        sys.exit(3)


def _worker(folder: str, cache: str | None) -> None:
    t0 = time.perf_counter()
    import liveblogs

    _emit({"step": "import", "seconds": time.perf_counter() - t0})
    t0 = time.perf_counter()
    _, _, n_words = run_pipeline(liveblogs, None)
    _emit({"step": "cold_bundled", "seconds": time.perf_counter() - t0, "words": n_words})
    source = None if folder == "bundled" else Path(folder)
    if cache:
        run_pipeline(liveblogs, source, cache=Path(cache))  # fill the cache, untimed
        _emit({"step": "filled"})
    gc.collect()
    global _PEAK_RESET
    _PEAK_RESET = _reset_peak()
    _emit({"step": "baseline", "rss_mb": _status_mb("VmRSS"), "peak_mb": _peak_mb(),
           "method": "VmHWM reset after warm-up" if _PEAK_RESET else "ru_maxrss (includes the warm-up's peak)"})
    run_pipeline(liveblogs, source, cache=Path(cache) if cache else False, emit=_emit)


# --------------------------------------------------------------------------- parent


def _rss_limit_mb() -> float:
    """Half the machine's RAM, at most 12 GiB: a worker above it is stopped (shared machine)."""
    try:
        with open("/proc/meminfo") as fh:
            total = next(int(line.split()[1]) for line in fh if line.startswith("MemTotal:")) / 1024
    except (OSError, StopIteration):
        total = 16 * 1024
    return min(total / 2, 12 * 1024)


def _child_rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(folder: Path | None, cap: float | None, cache: Path | None = None) -> tuple[list[dict], bool]:
    """Run one fresh worker; its JSON records and whether it finished within ``cap`` seconds and
    the RSS limit (the watchdog stops it above half the RAM, ≤ 12 GiB, instead of the OOM killer)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(folder) if folder else "bundled"]
    if cache:
        cmd += ["--cache-dir", str(cache)]
    limit = _rss_limit_mb()
    stopped = None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        while proc.poll() is None:
            elapsed = time.perf_counter() - start
            if cap is not None and elapsed > cap:
                stopped = {"step": "stopped", "reason": "time cap", "after_s": round(elapsed, 1)}
            elif _child_rss_mb(proc.pid) > limit:
                stopped = {"step": "stopped", "reason": f"RSS above {limit / 1024:.0f} GiB", "after_s": round(elapsed, 1)}
            if stopped:
                proc.kill()
                proc.wait()
                break
            time.sleep(0.5)
        finished = stopped is None and proc.returncode == 0
        if stopped is None and proc.returncode != 0:
            err.seek(0)
            sys.stderr.write(err.read()[-3000:])
        out.seek(0)
        records = [json.loads(line) for line in out if line.startswith("{")]
    if stopped:
        records.append(stopped)
    return records, finished


def _measured(records: list[dict]) -> list[dict]:
    """The snapshots of the measured run (after the baseline record)."""
    after = False
    out = []
    for rec in records:
        if rec.get("step") == "baseline":
            after = True
        elif after and "wall" in rec:
            out.append(rec)
    return out


def _per_step(snaps: list[dict]) -> list[tuple[str, dict[str, float], dict[str, float]]]:
    """(step, wall seconds by stage, CPU seconds by stage) that each step added."""
    out, prev_w, prev_c = [], {}, {}
    for snap in snaps:
        w = {k: v - prev_w.get(k, 0.0) for k, v in snap["wall"].items() if v - prev_w.get(k, 0.0) > 0}
        c = {k: v - prev_c.get(k, 0.0) for k, v in snap["cpu"].items() if v - prev_c.get(k, 0.0) > 0}
        out.append((snap["step"], w, c))
        prev_w, prev_c = snap["wall"], snap["cpu"]
    return out


def summarise(label: str, runs: list[tuple[list[dict], bool]], previous: dict | None) -> dict:
    """Best-of-repeats seconds per stage, memory from the first run, extrapolation if stopped.

    A stopped run keeps the steps it finished; each step it did not finish takes the seconds by
    stage that step took at the next smaller size, scaled by words; the step that was running
    when it was stopped counts at least as long as it had run (scaled up to that if needed)."""
    complete = [r for r, ok in runs if ok]
    source = complete or [runs[0][0]]
    totals = []
    for records in source:
        snaps = _measured(records)
        if snaps:
            totals.append((sum(snaps[-1]["wall"].values()), snaps[-1]))
    totals.sort(key=lambda t: t[0])
    last = totals[0][1] if totals else {"wall": {}, "cpu": {}, "articles": None, "words": None}
    best, best_cpu = dict(last["wall"]), dict(last["cpu"])
    first = source[0]
    by = {rec.get("step"): rec for rec in first}
    snaps = _measured(first)
    n_words, n_articles = last.get("words"), last.get("articles")
    extrapolated: list[str] = []
    unfinished = None
    stopped = by.get("stopped") or by.get("memory_error")
    if not complete and previous and snaps:
        scale = n_words / previous["words"]
        done = {step for step, _, _ in _per_step(snaps)}
        missing = [(step, w, c) for step, w, c in previous["per_step"] if step not in done]
        for k, (step, w, c) in enumerate(missing):
            factor = scale
            if k == 0:
                ran = (stopped.get("after_s") or stopped.get("worker_elapsed") or 0.0) if stopped else 0.0
                ran = max(0.0, ran - snaps[-1]["worker_elapsed"])
                guess = sum(w.values()) * scale
                if guess and ran > guess:
                    factor = scale * ran / guess
                unfinished = {"step": step, "ran_at_least_s": round(ran, 1),
                              "reason": stopped.get("reason", "memory error") if stopped else "crash"}
            for st, v in w.items():
                best[st] = best.get(st, 0.0) + v * factor
                extrapolated.append(st)
            for st, v in c.items():
                best_cpu[st] = best_cpu.get(st, 0.0) + v * factor
    baseline = by.get("baseline", {}).get("rss_mb")
    peak = max((s["peak_mb"] for s in snaps), default=None)
    step_peaks = {s["step"]: s["peak_mb"] for s in snaps}
    done_rec = by.get("done", {})
    return {"label": label, "articles": n_articles, "words": n_words, "stages": best, "cpu": best_cpu,
            "finished": bool(complete), "extrapolated": sorted(set(extrapolated)), "baseline_mb": baseline,
            "peak_mb": peak, "step_peaks": step_peaks, "import_s": by.get("import", {}).get("seconds"),
            "cold_bundled_s": by.get("cold_bundled", {}).get("seconds"),
            "cold_bundled_words": by.get("cold_bundled", {}).get("words"), "repeats": len(runs),
            "memory_method": by.get("baseline", {}).get("method"), "absent": done_rec.get("absent", []),
            "missing_wrappers": done_rec.get("missing", []), "unfinished": unfinished,
            "per_step": _per_step(snaps)}


def run(sizes: list[str], repeat: int = 3, cap: float = 900.0, seed: int = 7, reopen_max: int = 100,
        log=print) -> dict:
    import corpora

    source = None
    results: list[dict] = []
    reopen: list[dict] = []
    previous = None
    parquet = CACHE / "parquet"
    for size in sizes:
        if size == "bundled":
            folder, n = None, 2
        else:
            n = int(size)
            source = source or corpora.load_source()
            folder = corpora.build(n, seed, source=source)
        reps = repeat if n <= 10 else 1
        runs = []
        for _ in range(reps):
            records, ok = measure(folder, cap)
            runs.append((records, ok))
            if not ok:
                break
        result = summarise(size, runs, previous)
        results.append(result)
        total = sum(result["stages"].values())
        log(f"  pipeline {size:>8}: {result['words']:,} words in {total:.2f} s = {result['words'] / total:,.0f} words/s"
            f"{'' if result['finished'] else ' (CAPPED at %.0f s; rest extrapolated)' % cap}")
        if result["finished"]:
            previous = result
        if n <= reopen_max:
            shutil.rmtree(parquet, ignore_errors=True)
            records, ok = measure(folder, cap, cache=parquet)
            if ok:
                r = summarise(size, [(records, ok)], None)
                t = sum(r["stages"].values())
                reopen.append({"corpus": size, "articles": r["articles"], "words": r["words"], "seconds": round(t, 3),
                               "words_per_second": round(r["words"] / t, 1),
                               "speedup_vs_uncached": round(total / t, 2),
                               "peak_minus_baseline_mb": round(r["peak_mb"] - r["baseline_mb"], 1),
                               **{f"{k}_s": round(v, 3) for k, v in r["stages"].items()},
                               **{f"peak_after_{k.split('+')[0]}_mb": round(v, 1) for k, v in r["step_peaks"].items()}})
                log(f"  reopen   {size:>8}: {t:.2f} s from the Parquet cache ({r['words'] / t:,.0f} words/s)")
    shutil.rmtree(parquet, ignore_errors=True)
    return {"results": results, "rows": pipeline_rows(results), "memory": memory_rows(results), "reopen": reopen}


def pipeline_rows(results: list[dict]) -> list[dict]:
    rows = []
    for r in results:
        total = sum(r["stages"].values())
        total_cpu = sum(r["cpu"].values())
        for stage in STAGES + ["total"]:
            s = total if stage == "total" else r["stages"].get(stage)
            c = total_cpu if stage == "total" else r["cpu"].get(stage)
            rows.append({
                "corpus": r["label"], "articles": r["articles"], "words": r["words"], "stage": stage,
                "seconds": None if s is None else round(s, 4),
                "cpu_seconds": None if c is None else round(c, 4),
                "share": None if s is None else round(s / total, 4),
                "words_per_second": None if not s else round(r["words"] / s, 1),
                "words_per_cpu_second": None if not c else round(r["words"] / c, 1),
                "status": ("absent" if s is None else
                           "extrapolated" if stage in r["extrapolated"] or (stage == "total" and r["extrapolated"])
                           else "measured"),
                "repeats": r["repeats"],
            })
    return rows


def memory_rows(results: list[dict]) -> list[dict]:
    rows = []
    prev = None
    for r in results:
        delta = None if r["peak_mb"] is None or r["baseline_mb"] is None else r["peak_mb"] - r["baseline_mb"]
        row = {"corpus": r["label"], "articles": r["articles"], "words": r["words"],
               "baseline_rss_mb": None if r["baseline_mb"] is None else round(r["baseline_mb"], 1),
               "peak_rss_mb": None if r["peak_mb"] is None else round(r["peak_mb"], 1),
               "peak_minus_baseline_mb": None if delta is None else round(delta, 2),
               "mb_per_article": None if delta is None or not r["articles"] else round(delta / r["articles"], 4),
               "marginal_mb_per_article": None, "finished": r["finished"], "method": r["memory_method"]}
        before = [v for step, v in r["step_peaks"].items() if "stor" not in step]
        row["mb_per_article_before_stories"] = (
            round((max(before) - r["baseline_mb"]) / r["articles"], 4) if before and r["baseline_mb"] else None)
        for step, v in r["step_peaks"].items():
            row[f"peak_after_{step.split('+')[0]}_mb"] = round(v, 1)
        if prev and delta is not None and r["label"] != "bundled":
            row["marginal_mb_per_article"] = round(
                (delta - prev["peak_minus_baseline_mb"]) / (r["articles"] - prev["articles"]), 4)
        rows.append(row)
        if r["label"] != "bundled" and delta is not None:
            prev = row
    return rows


def linearity(memory: list[dict]) -> dict:
    synthetic = [m for m in memory if m["corpus"] != "bundled" and m["mb_per_article"]]
    if len(synthetic) < 2:
        return {}
    small, large = synthetic[0], synthetic[-1]
    marg = [m["marginal_mb_per_article"] for m in synthetic[1:] if m["marginal_mb_per_article"] is not None]
    before = (large["mb_per_article_before_stories"] / small["mb_per_article_before_stories"]
              if large.get("mb_per_article_before_stories") and small.get("mb_per_article_before_stories") else None)
    return {"small": small["articles"], "large": large["articles"],
            "ratio": large["mb_per_article"] / small["mb_per_article"], "marginal": marg, "before_stories": before}


def markdown(out: dict) -> str:
    res = out["results"]
    lines = ["### Whole pipeline, words per second (computed: `load_corpus(..., cache=False)`)\n"]
    table = []
    for r in res:
        total = sum(r["stages"].values())
        cpu = sum(r["cpu"].values())
        table.append({"corpus": r["label"], "articles": r["articles"], "words": r["words"], "seconds": total,
                      "words/s": r["words"] / total, "CPU seconds": cpu, "words/CPU-s": r["words"] / cpu,
                      "status": "measured" if r["finished"] else
                      "capped, extrapolated: " + ", ".join(r["extrapolated"])})
    lines.append(markdown_table(table))
    cold = res[0]
    if cold.get("cold_bundled_s"):
        lines.append(f"\nCold start (a fresh process, bundled corpus): import {cold['import_s']:.2f} s, first pipeline "
                     f"run {cold['cold_bundled_s']:.2f} s. The table is warm (after one run on the bundled corpus); "
                     "best of the repeats for sizes ≤ 10.\n")
    lines.append("\n### Seconds per stage (share of the total)\n")
    stages = [s for s in STAGES if any(r["stages"].get(s) for r in res)]
    table = []
    for r in res:
        total = sum(r["stages"].values())
        row = {"corpus": r["label"]}
        for s in stages:
            v = r["stages"].get(s)
            row[s] = "–" if v is None else f"{v:.3f} ({100 * v / total:.0f} %)" + ("*" if s in r["extrapolated"] else "")
        table.append(row)
    lines.append(markdown_table(table, ["corpus"] + stages))
    absent = res[-1]["absent"] if res else []
    if absent:
        lines.append(f"\nNot in `Corpus` when measured, so not touched: {', '.join(absent)}.\n")
    missing = res[-1]["missing_wrappers"] if res else []
    if missing:
        lines.append(f"\nStage functions not found (their time shows under the step that ran them): {', '.join(missing)}.\n")
    if any(r["extrapolated"] for r in res):
        lines.append("\n`*` extrapolated linearly in words from the next smaller size (the run was stopped): "
                     "a lower bound where a stage grows faster than linearly.\n")
        for r in res:
            u = r.get("unfinished")
            if u:
                lines.append(f"\n{r['label']} articles: stopped ({u['reason']}) in `{u['step']}` after it had run "
                             f"{u['ran_at_least_s']:.0f} s; that step counts at least that long.\n")
    if len(res) >= 2:
        per = []
        for r in res:
            total = sum(r["stages"].values())
            per.append({"corpus": r["label"], **{s: 1e6 * r["stages"].get(s, 0.0) / r["words"] for s in stages},
                        "total": 1e6 * total / r["words"]})
        lines.append("\nMicroseconds per word by stage (flat across sizes = linear; growing = superlinear):\n")
        lines.append(markdown_table(per, ["corpus"] + stages + ["total"]))
    if out.get("reopen"):
        lines.append("\n### Reopening from the Parquet cache (`load_corpus(folder)` a second time)\n")
        cols = ["corpus", "articles", "words", "seconds", "words_per_second", "speedup_vs_uncached",
                "peak_minus_baseline_mb"] + [c for c in ("stories_s", "speakers_s", "times_s") if c in out["reopen"][0]]
        lines.append(markdown_table(out["reopen"], cols))
    lines.append("\n### Peak memory per article\n")
    lines.append(markdown_table(out["memory"], ["corpus", "articles", "baseline_rss_mb", "peak_rss_mb",
                                                "peak_minus_baseline_mb", "mb_per_article", "marginal_mb_per_article",
                                                "mb_per_article_before_stories", "finished"]))
    lin = linearity(out["memory"])
    if lin:
        lines.append(f"\nLinearity: MB/article at {lin['large']:,} articles ÷ at {lin['small']:,} = **{lin['ratio']:.2f}** "
                     "(1.0 = linear; fixed costs push it below 1, superlinear growth above). "
                     f"Marginal MB/article between successive sizes: {', '.join(f'{m:.3f}' for m in lin['marginal'])}. "
                     f"Method: {res[-1]['memory_method']}."
                     + (f" Without the stories step (peak after every other step): ratio **{lin['before_stories']:.2f}**."
                        if lin.get("before_stories") else "") + "\n")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", default=["bundled", "10", "100", "1000"])
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per size ≤ 10 articles (best kept)")
    parser.add_argument("--cap", type=float, default=900.0, help="seconds allowed per measurement")
    parser.add_argument("--reopen-max", type=int, default=100, help="largest size also timed from the Parquet cache")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--prefix", default="", help="prefix of the result CSV names (e.g. scaling_)")
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.cache_dir)
        return 0
    out = run(args.sizes, args.repeat, args.cap, args.seed, args.reopen_max)
    write_csv(args.prefix + "pipeline", out["rows"])
    write_csv(args.prefix + "memory", out["memory"])
    if out["reopen"]:
        write_csv(args.prefix + "reopen", out["reopen"])
    print(markdown(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
