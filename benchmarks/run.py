"""Run every benchmark (``make bench``): results in benchmarks/results/*.csv, summary in SUMMARY.md.

    python benchmarks/run.py [--quick] [--sizes bundled 10 100 1000] [--cap 900] [--skip notebooks ...]

In order, one at a time (at most one core busy, so the machine stays usable):

1. ``corpora``: build (or reuse) the synthetic corpora of 10, 100 and 1,000 articles;
2. ``pipeline``: words/s, seconds per stage and peak memory per article by size (fresh process
   each, ``cache=False``), and reopening from the Parquet cache (sizes ≤ 100);
3. ``textacy``: liveblogs vs textacy ``direct_quotations`` speed (bundled + 10 articles) and
   both tools' accuracy on the bundled and held-out gold sets;
4. ``notebooks``: wall time to execute every notebook;
5. ``profile``: pyinstrument on the 100-article corpus → results/profile.txt.

``--quick`` uses sizes bundled, 10 and 100 and one repeat. Each CSV starts with a ``#`` line
describing the machine; SUMMARY.md repeats it at the top.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from common import BENCH, RESULTS, machine, markdown_table

PARTS = ["pipeline", "textacy", "notebooks", "profile"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=float, default=900.0, help="seconds allowed per pipeline measurement")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = args.sizes or (["bundled", "10", "100"] if args.quick else ["bundled", "10", "100", "1000"])
    repeat = 1 if args.quick else args.repeat

    info = machine()
    started = time.perf_counter()
    sections = []
    RESULTS.mkdir(parents=True, exist_ok=True)

    import corpora

    print("building corpora ...", flush=True)
    source = corpora.load_source()
    described = []
    for n in sorted({int(s) for s in sizes if s != "bundled"} | {10, 100}):
        folder = corpora.build(n, args.seed, source=source)
        described.append({"articles": n, **{k: v for k, v in corpora.describe(folder).items() if k != "articles"},
                          "folder": folder.relative_to(BENCH.parent)})
    sections.append("### Corpora\n\nSynthetic corpora recombine the real posts of `data/articles/` "
                    f"({len(source.posts)} posts from {len(source.templates)} articles; see `benchmarks/corpora.py`).\n\n"
                    + markdown_table(described))

    if "pipeline" not in args.skip:
        import pipeline

        print("pipeline ...", flush=True)
        out = pipeline.run(sizes, repeat, args.cap, args.seed)
        pipeline.write_csv("pipeline", out["rows"], info)
        pipeline.write_csv("memory", out["memory"], info)
        if out["reopen"]:
            pipeline.write_csv("reopen", out["reopen"], info)
        sections.append(pipeline.markdown(out))

    if "textacy" not in args.skip:
        import textacy_compare

        print("textacy ...", flush=True)
        nlp, load_s = textacy_compare.load_model()
        acc = textacy_compare.accuracy(nlp)
        sp = textacy_compare.speed(nlp, [s for s in ("bundled", "10") if s in sizes] or ["bundled"], repeat, args.seed)
        textacy_compare.write_csv("textacy_speed", sp, info)
        textacy_compare.write_csv("accuracy", acc, info)
        sections.append(textacy_compare.markdown(sp, acc, load_s))
        del nlp

    if "notebooks" not in args.skip:
        import notebooks

        print("notebooks ...", flush=True)
        rows = notebooks.execute_all()
        notebooks.write_csv("notebooks", rows, info)
        notebooks.write_csv("notebook_cells", notebooks.SLOW_CELLS, info)
        sections.append(notebooks.markdown(rows))

    if "profile" not in args.skip:
        print("profile ...", flush=True)
        # A subprocess: profile.py is named like the standard library's module, and a clean process
        # keeps the earlier parts' imports (spaCy) out of the profile.
        subprocess.run([sys.executable, str(BENCH / "profile.py"), "--articles", "100", "--seed", str(args.seed)],
                       check=True, stdout=subprocess.DEVNULL)
        text = (RESULTS / "profile.txt").read_text(encoding="utf-8").splitlines()
        head, rows_in_section = [], 0
        for line in text[1:]:
            if line.startswith("4. "):
                break
            if line[:2] in ("1.", "2.", "3."):
                rows_in_section = 0
            elif line.strip() and line.strip()[0].isdigit():
                rows_in_section += 1
                if rows_in_section > 15:
                    continue
            head.append(line)
        sections.append("### Profile (100 articles, pyinstrument)\n\n```\n" + "\n".join(head).rstrip()
                        + "\n```\n\nFull profile with the call tree: `benchmarks/results/profile.txt`.\n")

    elapsed = time.perf_counter() - started
    machine_rows = [{"": k, "value": v} for k, v in info.items()]
    summary = ["# Benchmark summary\n",
               f"Written by `benchmarks/run.py` ({' '.join(sys.argv[1:]) or 'default options'}) in {elapsed / 60:.1f} min. "
               "Wall-clock figures depend on what else the machine was doing: the load average at the start "
               "is in the table below, and CPU seconds are given where contention matters.\n",
               "## Machine\n", markdown_table(machine_rows), ""]
    summary += ["## Results\n"] + [s.rstrip() + "\n" for s in sections]
    (RESULTS / "SUMMARY.md").write_text("\n".join(summary), encoding="utf-8")
    print(f"done in {elapsed / 60:.1f} min: {RESULTS / 'SUMMARY.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
