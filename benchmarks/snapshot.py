"""Snapshot every output frame, and compare two snapshots frame by frame (the refactoring safety net).

    python benchmarks/snapshot.py write SNAPSHOT_DIR [--polnear 300] [--set NAME=FOLDER ...]
    python benchmarks/snapshot.py compare BEFORE_DIR AFTER_DIR

``write`` computes (cache off) every frame of: the bundled articles, each hand-labelled fixture
set under ``tests/fixtures/heldout*/``, and the first N articles (sorted by name) of
``../shared/polnear/train/text/`` where that folder exists, and any folder named with ``--set``
(a benchmark corpus, say, ``--set mixed=benchmarks/.cache/mixed-00100-...``). Each frame goes to
``SNAPSHOT_DIR/<set>/<frame>.parquet`` with its in-memory dtypes in ``dtypes.json`` beside it.
``compare`` reports, per set and frame, missing frames, dtype changes, shape changes and the
number of differing rows and columns; it exits 1 on any difference. A refactor keeps the two
equal, or lists each difference it makes on purpose.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"
EXTRA = ("post_times", "cross_reference_links", "event_times", "story_links", "speaker_outlets")


def corpus_sets(polnear: int, extra: dict[str, Path] | None = None) -> dict[str, object]:
    """Set name → what ``load_corpus`` takes."""
    sets: dict[str, object] = {"bundled": None}
    for folder in sorted((ROOT / "tests" / "fixtures").glob("heldout*")):
        if list(folder.glob("*.txt")):
            sets[folder.name] = folder
    if polnear and POLNEAR.is_dir():
        sets[f"polnear_train_{polnear}"] = sorted(POLNEAR.glob("*.txt"))[:polnear]
    sets.update(extra or {})
    return sets


def all_frames(corpus) -> dict[str, pd.DataFrame]:
    """Every frame the corpus makes: ``Corpus.frames()`` plus the derived ones it does not list."""
    frames = dict(corpus.frames())
    frames.update({name: getattr(corpus, name) for name in EXTRA})
    frames["coverage_timing"] = corpus.coverage_timing()
    return frames


def _storable(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and other objects as JSON strings, so Parquet stores any cell exactly and comparably."""
    out = frame.reset_index(drop=True)
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: json.dumps(v, default=str, ensure_ascii=False)
                                          if isinstance(v, (list, tuple, dict)) else v)
            if out[column].map(type).nunique() > 1:
                out[column] = out[column].map(lambda v: None if v is None else repr(v))
    return out


def write(out: Path, polnear: int, extra: dict[str, Path] | None = None) -> None:
    import liveblogs

    for name, source in corpus_sets(polnear, extra).items():
        corpus = liveblogs.load_corpus(source, cache=False)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        dtypes = {}
        for frame_name, frame in all_frames(corpus).items():
            dtypes[frame_name] = {str(c): str(t) for c, t in frame.dtypes.items()}
            _storable(frame).to_parquet(folder / f"{frame_name}.parquet", index=False)
        (folder / "dtypes.json").write_text(json.dumps(dtypes, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{name}: {len(dtypes)} frames, {len(corpus.articles)} articles", file=sys.stderr)


def compare(before: Path, after: Path) -> list[str]:
    """Every difference between two snapshots, one line each (empty: equal)."""
    found = []
    sets = sorted({p.name for p in before.iterdir() if p.is_dir()} | {p.name for p in after.iterdir() if p.is_dir()})
    for name in sets:
        a_dir, b_dir = before / name, after / name
        if not (a_dir.is_dir() and b_dir.is_dir()):
            found.append(f"{name}: only in {'before' if a_dir.is_dir() else 'after'}")
            continue
        a_types = json.loads((a_dir / "dtypes.json").read_text(encoding="utf-8"))
        b_types = json.loads((b_dir / "dtypes.json").read_text(encoding="utf-8"))
        for frame in sorted(set(a_types) | set(b_types)):
            if frame not in a_types or frame not in b_types:
                found.append(f"{name}/{frame}: only in {'before' if frame in a_types else 'after'}")
                continue
            if a_types[frame] != b_types[frame]:
                changed = {c: (a_types[frame].get(c), b_types[frame].get(c)) for c in
                           set(a_types[frame]) | set(b_types[frame]) if a_types[frame].get(c) != b_types[frame].get(c)}
                found.append(f"{name}/{frame}: columns or dtypes differ: {changed}")
            a = pd.read_parquet(a_dir / f"{frame}.parquet")
            b = pd.read_parquet(b_dir / f"{frame}.parquet")
            if a.shape != b.shape:
                found.append(f"{name}/{frame}: shape {a.shape} -> {b.shape}")
                continue
            common = [c for c in a.columns if c in b.columns]
            try:
                pd.testing.assert_frame_equal(a[common], b[common], check_dtype=True, check_categorical=True)
            except AssertionError:
                unequal = [c for c in common if not a[c].astype(object).equals(b[c].astype(object))]
                rows = int(pd.concat([~(a[c].astype(object).fillna("<NA>") == b[c].astype(object).fillna("<NA>"))
                                      for c in unequal], axis=1).any(axis=1).sum()) if unequal else 0
                found.append(f"{name}/{frame}: {rows} rows differ in {unequal or 'dtypes only'}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--polnear", type=int, default=300, help="PolNeAR train articles to include (0: none)")
    w.add_argument("--set", action="append", default=[], metavar="NAME=FOLDER",
                   help="another corpus folder to snapshot, as set NAME (repeatable)")
    c = commands.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        extra = {}
        for spec in args.set:
            name, sep, folder = spec.partition("=")
            if not sep or not name or not Path(folder).is_dir():
                parser.error(f"--set {spec!r}: expected NAME=FOLDER, an existing folder")
            extra[name] = Path(folder)
        write(args.out, args.polnear, extra)
        return 0
    differences = compare(args.before, args.after)
    print("\n".join(differences) if differences else "snapshots equal: every frame, dtypes included")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
