"""The refactoring safety net: two snapshots of the same frames compare equal; one changed cell or dtype is reported."""

from __future__ import annotations

import importlib.util
import json

import pandas as pd

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("snapshot", ROOT / "benchmarks" / "snapshot.py")
snapshot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(snapshot)


def _write(folder, frames: dict[str, pd.DataFrame]) -> None:
    folder.mkdir(parents=True)
    for name, frame in frames.items():
        snapshot._storable(frame).to_parquet(folder / f"{name}.parquet", index=False)
    (folder / "dtypes.json").write_text(json.dumps({n: {c: str(t) for c, t in f.dtypes.items()}
                                                    for n, f in frames.items()}))


def test_equal_snapshots_compare_equal_and_changes_are_reported(tmp_path, corpus) -> None:
    frames = {"posts": corpus.posts, "quotes": corpus.quotes}
    _write(tmp_path / "a" / "bundled", frames)
    _write(tmp_path / "b" / "bundled", frames)
    assert snapshot.compare(tmp_path / "a", tmp_path / "b") == []
    changed = corpus.quotes.copy()
    changed.loc[changed.index[3], "speaker"] = "Somebody Else"
    _write(tmp_path / "c" / "bundled", {"posts": corpus.posts.assign(post=corpus.posts["post"].astype("int32")),
                                        "quotes": changed})
    found = snapshot.compare(tmp_path / "a", tmp_path / "c")
    assert any("posts: columns or dtypes differ" in line for line in found)
    assert any(line.startswith("bundled/quotes: 1 rows differ in ['speaker']") for line in found), found
