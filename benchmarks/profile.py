"""Where the time goes: pyinstrument on the whole pipeline over the 100-article synthetic corpus.

    python benchmarks/profile.py [--articles 100] [--html]

Runs the pipeline once on the bundled corpus (warm-up, not profiled), then profiles
``load_corpus(folder, cache=False)`` and every step on the synthetic corpus, each step in its
own function (``stage_map`` — the per-article map —, ``stage_tokens``, ``stage_speakers``,
``stage_times``, ``stage_stories``), with the stage functions inside the map timed as in
``pipeline.py`` (``common.WRAPPED``), so seconds per stage match that benchmark. Writes
benchmarks/results/profile.txt with

1. seconds per stage;
2. liveblogs functions by inclusive time (recursion counted once), with the stage they run in;
3. liveblogs functions by own time, the library calls they make directly included;
4. the top functions anywhere (pandas, re, … included) by self time;
5. the call tree (pyinstrument's text view, library internals collapsed).

pyinstrument's per-call overhead inflates code made of many small Python calls, so the total
under the profiler is well above the unprofiled time; the shares are what matters.

``--html`` also writes benchmarks/results/profile.html (pyinstrument's interactive view).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from common import RESULTS, WRAPPED, StageClock, machine_line, stage_attributes

TOP = 40
WRAPPED_BY_FUNCTION = {name.split(":")[1]: stage for stage, names in WRAPPED.items() for name in names}


def stage_load(liveblogs, folder):
    return liveblogs.load_corpus(folder, cache=False)


def stage_map(corpus):  # the per-article map: segmentation, sentences, quotes, times per article
    return [getattr(corpus, n) for n in stage_attributes(type(corpus))["other"]]


def stage_tokens(corpus):
    return [getattr(corpus, n) for n in stage_attributes(type(corpus))["tokens"]]


def stage_speakers(corpus):
    return [getattr(corpus, n) for n in stage_attributes(type(corpus))["speakers"]]


def stage_times(corpus):
    return [getattr(corpus, n) for n in stage_attributes(type(corpus))["times"]]


def stage_stories(corpus):
    return [getattr(corpus, n) for n in stage_attributes(type(corpus))["stories"]]


STEPS = [("other", stage_map), ("tokens", stage_tokens), ("speakers", stage_speakers), ("times", stage_times),
         ("stories", stage_stories)]


def pipeline(liveblogs, folder, clock: StageClock):
    corpus = clock.run("load", stage_load, liveblogs, folder)
    for stage, fn in STEPS:
        clock.run(stage, fn, corpus)
    return corpus


def _ours(frame) -> bool:
    path = frame.file_path or ""
    return "liveblogs" in path and "benchmarks" not in path


def _walk(frame, stage, ancestors, owner, inclusive, self_times, owned):
    """Sum, per function: inclusive time (liveblogs only, recursion once), self time, and
    owned time = self time plus the self time of the library/builtin calls made under it
    before the next liveblogs frame (so ``re`` and pandas time is charged to its caller)."""
    if frame.is_synthetic:
        return
    name = frame.function or "?"
    if name.startswith("stage_") and "benchmarks" in (frame.file_path or ""):
        stage = name.removeprefix("stage_")
    elif name == "timed" and "benchmarks" in (frame.file_path or ""):
        stage = "wrapped"  # refined by the wrapped function below
    elif stage == "wrapped" and _ours(frame):
        stage = WRAPPED_BY_FUNCTION.get(name, stage)
    key = (frame.function, frame.file_path_short or frame.file_path or "", frame.line_no)
    self_times[key] += frame.total_self_time
    if _ours(frame):
        owner = (key, stage)
        if key not in ancestors:
            inclusive[(key, stage)] += frame.time
    if owner is not None:
        owned[owner] += frame.total_self_time
    for child in frame.children:
        _walk(child, stage, ancestors | {key}, owner, inclusive, self_times, owned)


def report(session, seconds: dict[str, float], n_articles: int, n_words: int) -> str:
    from pyinstrument.renderers import ConsoleRenderer

    root = session.root_frame()
    inclusive: dict = defaultdict(float)
    self_times: dict = defaultdict(float)
    owned: dict = defaultdict(float)
    _walk(root, "-", frozenset(), None, inclusive, self_times, owned)
    total = sum(seconds.values())
    out = [f"# {machine_line()}",
           f"pyinstrument profile of the whole pipeline on the {n_articles}-article synthetic corpus "
           f"({n_words:,} words), warm (after one unprofiled run on the bundled corpus).",
           f"Total {total:.2f} s under the profiler = {n_words / total:,.0f} words/s.", "",
           "1. Seconds per stage", ""]
    for stage, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        out.append(f"   {stage:<10} {s:8.2f} s  {100 * s / total:5.1f} %")
    out += ["", f"2. liveblogs functions by inclusive time (top {TOP}; nested calls overlap, so shares add up to more than 100 %)", "",
            f"   {'seconds':>8} {'share':>6}  {'stage':<9} function (file:line)"]
    for (key, stage), t in sorted(inclusive.items(), key=lambda kv: -kv[1])[:TOP]:
        fn, path, line = key
        out.append(f"   {t:8.2f} {100 * t / session.duration:5.1f}%  {stage:<9} {fn} ({path}:{line})")
    out += ["", f"3. liveblogs functions by own time, counting the library and builtin calls they make "
            f"directly (re, pandas, ...) (top {TOP}; these add up to the total)", "",
            f"   {'seconds':>8} {'share':>6}  {'stage':<9} function (file:line)"]
    for (key, stage), t in sorted(owned.items(), key=lambda kv: -kv[1])[:TOP]:
        fn, path, line = key
        out.append(f"   {t:8.2f} {100 * t / session.duration:5.1f}%  {stage:<9} {fn} ({path}:{line})")
    out += ["", f"4. Top {TOP} functions anywhere by self time", "", f"   {'seconds':>8} {'share':>6}  function (file:line)"]
    for (fn, path, line), t in sorted(self_times.items(), key=lambda kv: -kv[1])[:TOP]:
        out.append(f"   {t:8.2f} {100 * t / session.duration:5.1f}%  {fn} ({path}:{line})")
    out += ["", "5. Call tree (pyinstrument; library internals collapsed)", ""]
    out.append(ConsoleRenderer(unicode=True, color=False, show_all=False, time="seconds",
                               processor_options={"filter_threshold": 0.005}).render(session))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--html", action="store_true")
    args = parser.parse_args(argv)

    from pyinstrument import Profiler

    import corpora
    import liveblogs
    from common import words

    folder = corpora.build(args.articles, args.seed)
    pipeline(liveblogs, None, StageClock().wrap())  # warm-up on the bundled corpus
    clock = StageClock().wrap()
    profiler = Profiler(interval=0.001)
    profiler.start()
    corpus = pipeline(liveblogs, folder, clock)
    session = profiler.stop()
    seconds = dict(clock.wall)
    n_words = sum(map(words, corpus.articles["text"]))
    seconds = {k: v for k, v in seconds.items() if v > 1e-4 or k in ("load",)}
    text = report(session, seconds, len(corpus.articles), n_words)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "profile.txt").write_text(text + "\n", encoding="utf-8")
    if args.html:
        (RESULTS / "profile.html").write_text(profiler.output_html(), encoding="utf-8")
    print("\n".join(text.splitlines()[:12 + len(seconds) + TOP // 2]))
    print(f"... written to {RESULTS / 'profile.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
