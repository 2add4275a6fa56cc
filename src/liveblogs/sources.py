"""Files → articles: read the manifest and decode each article exactly once.

The article ``text`` is the file decoded as ``open(path, encoding="utf-8-sig").read()`` gives it
(universal newlines); every ``start``/``end`` in the package indexes that string.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from .config import ARTICLE_SUFFIXES, MANIFEST_NAME, data_dir
from .errors import ArticleError, LiveblogsError, ManifestError

MANIFEST_COLUMNS = ["file", "outlet", "published", "timezone", "url", "title", "encoding"]
DEFAULT_TIMEZONE = "UTC"
# Signatures that name the outlet when the manifest does not (checked on the first and last lines).
OUTLET_SIGNATURES = {
    "BBC": ("BBC.com", "BBC News", "bbc.co.uk"),
    "Sky News": ("-SKY NEWS", "Sky News"),
    "The Guardian": ("theguardian.com", "The Guardian"),
    "Reuters": ("Reuters",),
    "CNN": ("CNN",),
    "Al Jazeera": ("Al Jazeera",),
}


@dataclass(frozen=True)
class ArticleSource:
    """One manifest row: where an article is and what is known about it."""

    path: Path
    outlet: str | None = None
    published: dt.date | None = None
    timezone: str = DEFAULT_TIMEZONE
    url: str | None = None
    title: str | None = None
    encoding: str = "utf-8"


def decode(path: Path, data: bytes, encoding: str = "utf-8") -> str:
    """Bytes → text with universal newlines. Strict: bad bytes raise an error naming the offset.

    ``encoding="utf-8"`` accepts an optional BOM. Another encoding (for example ``cp1252``)
    is the documented fallback, chosen per file in the manifest's ``encoding`` column.
    """
    if not data:
        raise ArticleError(path, "file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(path, f"binary file: NUL byte at byte offset {nul}; expected UTF-8 text")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise ArticleError(
            path,
            f"not valid {encoding}: byte 0x{bad} at byte offset {error.start}; "
            "re-save the file as UTF-8 or set its encoding (e.g. cp1252) in the manifest",
        ) from None
    except LookupError:
        raise ArticleError(path, f"unknown encoding {encoding!r}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(path, "file holds only white space")
    return text


def read_text(path: Path, encoding: str = "utf-8") -> tuple[str, str]:
    """The decoded text of one file and the SHA-256 of its bytes."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not an article file") from None
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror})") from None
    return decode(Path(path), data, encoding), hashlib.sha256(data).hexdigest()


def infer_outlet(text: str) -> str | None:
    """The outlet whose signature appears in the first or last lines, if any."""
    lines = text.strip().split("\n")
    edges = "\n".join(lines[:5] + lines[-5:])
    for outlet, signatures in OUTLET_SIGNATURES.items():
        if any(sig in edges for sig in signatures):
            return outlet
    return None


def read_manifest(path: Path) -> list[ArticleSource]:
    """Rows of a manifest CSV (file, outlet, published, timezone, url, title, encoding)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ManifestError(path, "no such manifest file") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(path, f"not a readable UTF-8 CSV ({error})") from None
    if rows and "file" not in rows[0]:
        raise ManifestError(path, f"missing the 'file' column; columns are {', '.join(MANIFEST_COLUMNS)}")
    return [_manifest_row(path, n, row) for n, row in enumerate(rows, start=2)]


def _manifest_row(path: Path, line: int, row: dict[str, str]) -> ArticleSource:
    def value(key: str) -> str | None:
        cell = (row.get(key) or "").strip()
        return cell or None

    file = value("file")
    if file is None:
        raise ManifestError(path, f"line {line}: empty 'file'")
    published = value("published")
    try:
        date = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise ManifestError(path, f"line {line}: published {published!r} is not a YYYY-MM-DD date") from None
    zone = value("timezone") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ManifestError(path, f"line {line}: unknown time zone {zone!r}") from None
    return ArticleSource(
        path=(path.parent / file),
        outlet=value("outlet"),
        published=date,
        timezone=zone,
        url=value("url"),
        title=value("title"),
        encoding=value("encoding") or "utf-8",
    )


def resolve_sources(source: str | Path | list | tuple | None = None) -> list[ArticleSource]:
    """What ``load_corpus`` was given → article sources: None (bundled), a folder, a manifest, or files."""
    if source is None:
        return read_manifest(data_dir() / MANIFEST_NAME)
    if isinstance(source, (list, tuple)):
        if not source:
            raise LiveblogsError("load_corpus: the list of article files is empty")
        return [_file_source(Path(p)) for p in source]
    path = Path(source)
    if not path.exists():
        raise ArticleError(path, "no such file or folder")
    if path.is_dir():
        return _folder_sources(path)
    if path.suffix.lower() == ".csv":
        return read_manifest(path)
    return [_file_source(path)]


def _folder_sources(folder: Path) -> list[ArticleSource]:
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():
        return read_manifest(manifest)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise ArticleError(folder, f"folder holds no article files ({', '.join(ARTICLE_SUFFIXES)}) and no {MANIFEST_NAME}")
    return [_file_source(p) for p in files]


def _file_source(path: Path) -> ArticleSource:
    """A lone file: its row in a manifest beside it or one folder up, if one names it, else defaults."""
    for folder in (path.parent, path.parent.parent):
        manifest = folder / MANIFEST_NAME
        if manifest.is_file():
            for row in read_manifest(manifest):
                if row.path.resolve() == path.resolve():
                    return row
    return ArticleSource(path=path)


def article_id(path: Path) -> str:
    """An article's id: its file name without the suffix."""
    return Path(path).stem


def article_record(source: ArticleSource) -> dict[str, object]:
    """One row of the articles frame, with the decoded text."""
    text, sha = read_text(source.path, source.encoding)
    first_line = text.strip().split("\n", 1)[0].strip()
    return {
        "article": article_id(source.path),
        "outlet": source.outlet or infer_outlet(text) or article_id(source.path),
        "title": source.title or first_line,
        "published": pd.Timestamp(source.published) if source.published else pd.NaT,
        "timezone": source.timezone,
        "url": source.url,
        "path": str(source.path),
        "encoding": source.encoding,
        "sha256": sha,
        "n_chars": len(text),
        "start": 0,
        "end": len(text),
        "text": text,
    }


ARTICLE_COLUMNS = [
    "article", "outlet", "title", "published", "timezone", "url", "path",
    "encoding", "sha256", "n_chars", "start", "end", "text",
]


def article_frame(sources: list[ArticleSource]) -> pd.DataFrame:
    """One row per article; duplicate ids are an error naming both files."""
    records = [article_record(s) for s in sources]
    seen: dict[str, str] = {}
    for record in records:
        if record["article"] in seen:
            raise ArticleError(record["path"], f"article id {record['article']!r} also used by {seen[record['article']]}")
        seen[str(record["article"])] = str(record["path"])
    frame = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    return frame.astype(
        {"article": "string", "outlet": "category", "title": "string", "timezone": "category",
         "url": "string", "path": "string", "encoding": "category", "sha256": "string",
         "n_chars": "int64", "start": "int64", "end": "int64", "text": "string",
         "published": "datetime64[ns]"}
    )
