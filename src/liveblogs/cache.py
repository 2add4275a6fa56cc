"""Per-article Parquet cache: reopening a corpus reads frames instead of recomputing them.

An article's entry is keyed by the SHA-256 of its file, what the manifest says of it (outlet,
date, zone, encoding) and a fingerprint of this package (its version and the bytes of its source
files), so a changed file or a changed package recomputes only what changed. The cache lives in
``$LIVEBLOGS_CACHE`` or ``~/.cache/liveblogs``; ``load_corpus(cache=False)`` bypasses it.

The corpus-level frames (the concatenated per-article frames, tokens, canonical speakers,
stories) are cached too, under ``corpus/``, keyed by the ordered keys of every article and by
the user-editable tables they read (``data/speakers.csv``, ``data/story_links.csv``), so
reopening an unchanged corpus reads one Parquet file per frame and recomputes nothing.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .pipeline import PER_ARTICLE

KEY_FIELDS = ("article", "sha256", "outlet", "published", "timezone", "encoding")


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """The package version and a digest of every source file of the package."""
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$LIVEBLOGS_CACHE``, else ``~/.cache/liveblogs``."""
    return Path(os.environ.get("LIVEBLOGS_CACHE") or Path.home() / ".cache" / "liveblogs")


def article_key(article: pd.Series) -> str:
    """The cache key of one article row."""
    parts = [str(article[field]) for field in KEY_FIELDS] + [package_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def load(folder: Path, article: pd.Series) -> dict[str, pd.DataFrame] | None:
    """The cached frames of one article, or None when it is not cached (or unreadable)."""
    return load_frames(folder / article_key(article), PER_ARTICLE)


def store(folder: Path, article: pd.Series, frames: dict[str, pd.DataFrame]) -> None:
    """Write one article's frames; written to a temporary folder first, then renamed, so readers never see half."""
    entry = folder / article_key(article)
    if entry.exists():
        return
    partial = entry.with_name(entry.name + f".tmp{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_parquet(partial / f"{name}.parquet", index=False)
    try:
        partial.rename(entry)
    except OSError:  # another process stored it first
        for file in partial.iterdir():
            file.unlink()
        partial.rmdir()


def table_digest(table: pd.DataFrame) -> str:
    """A digest of a small user-editable table (its columns and cells), for keys that depend on it."""
    return hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()[:16]


def corpus_entry(folder: Path, article_keys: list[str], *inputs: str) -> Path:
    """The folder of corpus-level frames for these articles, in this order, and these other inputs."""
    digest = hashlib.sha256("\0".join([package_fingerprint(), *article_keys, "|", *inputs]).encode())
    return folder / "corpus" / digest.hexdigest()[:24]


def load_frames(entry: Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame] | None:
    """The frames ``names`` stored in ``entry``, or None unless every one is there and readable."""
    if not all((entry / f"{name}.parquet").is_file() for name in names):
        return None
    try:
        return {name: with_lists(pd.read_parquet(entry / f"{name}.parquet")) for name in names}
    except (OSError, ValueError):
        return None


def with_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells that were lists before Parquet (which reads them back as arrays) made lists again."""
    for column in frame.columns[frame.dtypes == object]:
        values = frame[column].tolist()
        if any(isinstance(v, np.ndarray) for v in values):
            frame[column] = pd.Series([v.tolist() if isinstance(v, np.ndarray) else v for v in values],
                                      index=frame.index, dtype=object)
    return frame


def store_frames(entry: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write frames into ``entry``, each to a temporary file renamed into place, so readers never see half."""
    entry.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        partial = entry / f"{name}.parquet.tmp{os.getpid()}"
        frame.to_parquet(partial, index=False)
        os.replace(partial, entry / f"{name}.parquet")
