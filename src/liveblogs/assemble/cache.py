"""Per-article Parquet cache: reopening a corpus reads frames instead of recomputing them.

An article's entry is keyed by the SHA-256 of its file, what the manifest says of it (outlet,
date, zone, encoding) and a fingerprint of this package (its version and the bytes of its source
files), so a changed file or a changed package recomputes only what changed. The cache lives in
``$LIVEBLOGS_CACHE`` or ``~/.cache/liveblogs``; ``load_corpus(cache=False)`` bypasses it.

The corpus-level frames (the concatenated per-article frames, tokens, canonical speakers,
stories) are cached too, under ``corpus/``, keyed by the ordered keys of every article and by
the user-editable tables they read (``data/speakers.csv``, ``data/story_links.csv``), so
reopening an unchanged corpus reads one Parquet file per frame and recomputes nothing.

The fields of the articles frame read from each text (outlet, title, date, zone, where the
manifest is silent) are cached too, as one JSON file per article under ``fields/``, keyed by the
file's SHA-256, its manifest row and name, so reopening does not read the dates and stamps again.

Each Parquet file has a ``.sha256`` beside it holding the digest of its bytes, checked on every
read: a truncated, replaced or foreign file (even a valid Parquet file of other contents) is not
trusted; its frames are recomputed and the entry is written again. A cache that cannot be
written (a read-only folder, a full disk) is an optimisation lost, not an error: the frames are
computed, one warning says so, and the work goes on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..ingest import pages
from ..ingest.sources import (INFERRED_FIELDS, ArticleSource, article_record, decode, read_bytes, records_frame,
                               text_encoding)
from .pipeline import PER_ARTICLE

# Part of every key: raised when what an entry holds changes shape, so older caches are rebuilt
# rather than misread (2: the articles' inferred fields are cached, ``fields/``).
CACHE_VERSION = "2"
KEY_FIELDS = ("article", "sha256", "outlet", "published", "timezone", "encoding")


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """The package version and a digest of every source file of the package: its modules, the
    word lists they read (``wordlists/*.txt|toml``) and its JSON model files (the speaker
    ranker's weights), so that editing any of them invalidates the cache."""
    from .. import __version__

    digest = hashlib.sha256(f"{__version__}\0cache{CACHE_VERSION}".encode())
    package = Path(__file__).resolve().parents[1]
    sources = [*package.rglob("*.py"), *package.rglob("*.json"),
               *(package / "wordlists").glob("*.txt"), *(package / "wordlists").glob("*.toml")]
    for path in sorted(sources):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def run_fingerprint() -> str:
    """The package fingerprint and the switches that change what it computes: ``LIVEBLOGS_RANKER=0``
    (rules only) must never read frames cached with the speaker ranker on, nor the reverse."""
    rules_only = os.environ.get("LIVEBLOGS_RANKER", "1") == "0"
    return package_fingerprint() + ("-rules-only" if rules_only else "")


def default_cache_dir() -> Path:
    """``$LIVEBLOGS_CACHE``, else ``~/.cache/liveblogs``."""
    return Path(os.environ.get("LIVEBLOGS_CACHE") or Path.home() / ".cache" / "liveblogs")


def article_key(article: pd.Series) -> str:
    """The cache key of one article row."""
    parts = [str(article[field]) for field in KEY_FIELDS] + [run_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def article_keys(articles: pd.DataFrame) -> list[str]:
    """:func:`article_key` of every row of the articles frame (column by column, not row by row)."""
    fingerprint = run_fingerprint()
    columns = [[str(v) for v in articles[field].tolist()] for field in KEY_FIELDS]
    return [hashlib.sha256("\0".join([*parts, fingerprint]).encode()).hexdigest()[:24] for parts in zip(*columns)]


def load(folder: Path, article: pd.Series) -> dict[str, pd.DataFrame] | None:
    """The cached frames of one article, or None when it is not cached (or unreadable)."""
    return load_frames(folder / article_key(article), PER_ARTICLE)


def store(folder: Path, article: pd.Series, frames: dict[str, pd.DataFrame]) -> None:
    """Write one article's frames (each file renamed into place, so readers never see half); an
    entry that failed its digest check is written again."""
    store_frames(folder / article_key(article), frames)


def article_frame(sources: list[ArticleSource], folder: Path) -> pd.DataFrame:
    """The articles frame (``sources.article_frame``), each text's inferred fields read from the
    cache when there, else inferred and stored. Web pages are always read (their text is derived).

    Each file is read once (text, digest and byte-order mark from the same bytes). The fields of
    every article are also kept together in one file per corpus (keyed by every article's fields
    key, in order), so reopening reads one file, not one per article; an article not found there
    is looked for in its own file."""
    read: list[tuple[str, str, str] | None] = []
    keys: list[str | None] = []
    for source in sources:
        if pages.is_html(source.path):
            read.append(None)
            keys.append(None)
            continue
        data = read_bytes(source.path)
        sha = hashlib.sha256(data).hexdigest()
        read.append((decode(Path(source.path), data, source.encoding), sha, text_encoding(data[:4], source.encoding)))
        keys.append(_fields_key(source, sha))
    fields_dir = folder / "fields"
    together = fields_dir / ("corpus-" + hashlib.sha256("\0".join(k or "-" for k in keys).encode()).hexdigest()[:24] + ".json")
    known = _load_fields_list(together, len(sources))
    records, stored = [], []
    for k, (source, got, key) in enumerate(zip(sources, read, keys)):
        if got is None:
            records.append(article_record(source))
            stored.append(None)
            continue
        fields = known[k] if known is not None else _load_fields(fields_dir / key)
        if fields is None:
            record = article_record(source, got[:2], encoding=got[2])
            fields = {name: record[name] for name in INFERRED_FIELDS}
            _store_fields(fields_dir / key, fields)
        else:
            record = article_record(source, got[:2], fields, encoding=got[2])
        records.append(record)
        stored.append(fields)
    if known is None:
        _store_bytes(together, json.dumps([None if f is None else _plain(f) for f in stored], ensure_ascii=False).encode())
    return records_frame(records)


def _fields_key(source: ArticleSource, sha: str) -> str:
    parts = [sha, Path(source.path).stem, *(str(getattr(source, f)) for f in ("outlet", "published", "timezone", "url", "title")),
             package_fingerprint()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24] + ".json"


def _load_fields(path: Path) -> dict[str, object] | None:
    data = _verified_bytes(path)
    if data is None:
        return None
    try:
        return _typed_fields(json.loads(data))
    except (ValueError, KeyError, TypeError):
        return None


def _load_fields_list(path: Path, n: int) -> list[dict[str, object] | None] | None:
    """The fields of every article of a corpus, stored together (None for a web page); None when absent."""
    data = _verified_bytes(path)
    if data is None:
        return None
    try:
        stored = json.loads(data)
        if not isinstance(stored, list) or len(stored) != n:
            return None
        return [None if f is None else _typed_fields(f) for f in stored]
    except (ValueError, KeyError, TypeError):
        return None


def _typed_fields(stored: dict) -> dict[str, object]:
    fields = {name: stored[name] for name in INFERRED_FIELDS}
    fields["published"] = pd.NaT if fields["published"] is None else pd.Timestamp(fields["published"])
    for name in ("published_start", "published_end"):
        fields[name] = pd.NA if fields[name] is None else int(fields[name])
    return fields


def _plain(fields: dict[str, object]) -> dict[str, object]:
    """Fields as JSON values: times as ISO text, missing values as null."""
    return {k: (None if v is pd.NaT or v is pd.NA or v is None else v.isoformat() if isinstance(v, pd.Timestamp)
                else int(v) if isinstance(v, (int, np.integer)) else str(v)) for k, v in fields.items()}


def _store_bytes(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path, data)
        _replace(path.with_name(path.name + ".sha256"), hashlib.sha256(data).hexdigest().encode("ascii"))
    except OSError as error:
        _warn_unwritable(path.parent, error)


def _store_fields(path: Path, fields: dict[str, object]) -> None:
    _store_bytes(path, json.dumps(_plain(fields), ensure_ascii=False, sort_keys=True).encode())


def table_digest(table: pd.DataFrame) -> str:
    """A digest of a small user-editable table (its columns and cells), for keys that depend on it."""
    return hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()[:16]


def corpus_entry(folder: Path, article_keys: list[str], *inputs: str) -> Path:
    """The folder of corpus-level frames for these articles, in this order, and these other inputs."""
    digest = hashlib.sha256("\0".join([run_fingerprint(), *article_keys, "|", *inputs]).encode())
    return folder / "corpus" / digest.hexdigest()[:24]


def load_frames(entry: Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame] | None:
    """The frames ``names`` stored in ``entry``, or None unless every one is there, matches the
    digest stored beside it, and reads."""
    frames = {}
    for name in names:
        data = _verified_bytes(entry / f"{name}.parquet")
        if data is None:
            return None
        try:
            frames[name] = with_zones(with_lists(with_units(pd.read_parquet(io.BytesIO(data)), data)))
        except (OSError, ValueError):
            return None
    return frames


def _verified_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` when its ``.sha256`` file holds their digest; else None."""
    try:
        data = path.read_bytes()
        expected = path.with_name(path.name + ".sha256").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return data if hashlib.sha256(data).hexdigest() == expected else None


def with_units(frame: pd.DataFrame, data: bytes) -> pd.DataFrame:
    """Time columns back in the unit they were written in: Parquet has no seconds, so a
    ``datetime64[s]`` column comes back in milliseconds unless cast (the unit pandas recorded)."""
    timed = [c for c in frame.columns if frame[c].dtype.kind == "M" and np.datetime_data(_numpy_dtype(frame[c]))[0] == "ms"]
    if not timed:
        return frame
    import pyarrow.parquet as pq

    try:
        recorded = {c["name"]: c["numpy_type"] for c in json.loads(pq.read_schema(io.BytesIO(data)).metadata[b"pandas"])["columns"]}
    except (KeyError, TypeError, ValueError):
        return frame
    for column in timed:
        unit = np.datetime_data(np.dtype(recorded.get(column, "datetime64[ms]")))[0] if str(
            recorded.get(column, "")).startswith("datetime64[") else "ms"
        if unit != "ms":
            frame[column] = frame[column].dt.as_unit(unit)
    return frame


def _numpy_dtype(column: pd.Series) -> np.dtype:
    dtype = column.dtype
    return np.dtype(f"datetime64[{dtype.unit}]") if isinstance(dtype, pd.DatetimeTZDtype) else dtype


def with_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells that were lists before Parquet (which reads them back as arrays) made lists again."""
    for column in frame.columns[frame.dtypes == object]:
        values = frame[column].tolist()
        if any(isinstance(v, np.ndarray) for v in values):
            frame[column] = pd.Series([v.tolist() if isinstance(v, np.ndarray) else v for v in values],
                                      index=frame.index, dtype=object)
    return frame


ZONE_SUFFIX = "\0zone"  # the column holding each row's zone, beside a time column of several zones


def _is_zoned_objects(values: list) -> bool:
    return bool(values) and all(v is pd.NaT or (isinstance(v, pd.Timestamp) and v.tzinfo is not None) for v in values)


def zoned_apart(frame: pd.DataFrame) -> pd.DataFrame:
    """Time columns of several zones (objects: each Timestamp in its own zone, NaT when missing),
    which Parquet cannot hold, as a UTC time column and a zone column (``ZONE_SUFFIX``) at the end."""
    out = None
    for column in frame.columns[frame.dtypes == object]:
        values = frame[column].tolist()
        if not _is_zoned_objects(values):
            continue
        out = frame.copy() if out is None else out
        out[column] = pd.to_datetime(pd.Series(values, index=frame.index, dtype=object), utc=True)
        out[str(column) + ZONE_SUFFIX] = pd.array([None if v is pd.NaT else str(v.tz) for v in values], dtype="string")
    return frame if out is None else out


def with_zones(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`zoned_apart`: each time back in its own zone, as objects."""
    for zone_column in [c for c in frame.columns if str(c).endswith(ZONE_SUFFIX)]:
        column = str(zone_column)[: -len(ZONE_SUFFIX)]
        zones = frame[zone_column].tolist()
        frame[column] = pd.Series([pd.NaT if pd.isna(z) else t.tz_convert(z) for t, z in zip(frame[column].tolist(), zones)],
                                  index=frame.index, dtype=object)
        frame = frame.drop(columns=[zone_column])
    return frame


def store_frames(entry: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write frames into ``entry``, each to a temporary file renamed into place (so readers never
    see half), with the digest of its bytes beside it. When the cache cannot be written, warn
    once and go on: the caller has the frames."""
    try:
        entry.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            buffer = io.BytesIO()
            zoned_apart(frame).to_parquet(buffer, index=False)
            data = buffer.getvalue()
            target = entry / f"{name}.parquet"
            _replace(target, data)
            _replace(target.with_name(target.name + ".sha256"), hashlib.sha256(data).hexdigest().encode("ascii"))
    except OSError as error:
        _warn_unwritable(entry, error)


def _replace(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + f".tmp{os.getpid()}")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


class CacheWarning(UserWarning):
    """The cache folder could not be written; frames are computed instead of stored."""


_warned: set[str] = set()


def _warn_unwritable(entry: Path, error: OSError) -> None:
    """One warning per cache folder and process, naming the folder and the reason."""
    root = str(entry.parent.parent if entry.parent.name == "corpus" else entry.parent)
    if root in _warned:
        return
    _warned.add(root)
    reason = error.strerror or str(error)
    warnings.warn(f"liveblogs: cache folder {root} cannot be written ({reason}); computing without storing",
                  CacheWarning, stacklevel=3)
