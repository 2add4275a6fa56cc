"""The user-editable tables (speakers, story links), read and checked one way.

Each is a small CSV that people edit by hand: ``#`` starts a comment line, spaces after commas
and around cells are ignored, every cell is text. A table that cannot be read, lacks a column it
needs, has a column nobody reads (a misspelt header), or holds a bad cell is a
:class:`liveblogs.errors.TableError` naming the file, the line and the column: nothing in a
table is dropped silently.

The tables read are the ones beside the user's articles (a folder given to ``load_corpus`` that
holds ``speakers.csv`` or ``story_links.csv``), else the package's ``data/`` ones
(:func:`table_path`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import pandas as pd

from ..errors import TableError

_WHOLE_NUMBER = re.compile(r"\d+")


def table_path(name: str, folder: Path | None = None) -> Path:
    """``folder/name`` when ``folder`` holds that table, else the package's ``data/name``."""
    if folder is not None and (Path(folder) / name).is_file():
        return Path(folder) / name
    from ..config import data_dir

    return data_dir() / name


def read_user_table(path: Path, columns: Sequence[str], required: Sequence[str] = ()) -> pd.DataFrame:
    """The table at ``path`` with exactly ``columns`` as stripped text ('' for blank cells).

    ``table.attrs`` holds the ``path`` and the file ``lines`` of the rows, for error messages."""
    try:
        table = pd.read_csv(path, comment="#", dtype=str, skipinitialspace=True, keep_default_na=False)
    except pd.errors.EmptyDataError:
        table = pd.DataFrame(columns=list(columns), dtype=str)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise TableError(path, f"cannot be read as a CSV table ({str(error).strip()})") from None
    header, lines = _data_lines(path)
    table.columns = [str(c).strip() for c in table.columns]
    unknown = [c for c in table.columns
               if c not in columns and not (c.startswith("Unnamed:") and table[c].str.strip().eq("").all())]
    if unknown:
        raise TableError(path, f"line {header}: unknown columns {unknown} (misspelt?); expected {list(columns)}")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise TableError(path, f"line {header}: missing columns {missing}; expected {list(columns)}")
    table = table.reindex(columns=list(columns), fill_value="").apply(lambda s: s.astype(str).str.strip())
    table.attrs = {"path": str(path), "lines": lines[: len(table)] + [0] * max(0, len(table) - len(lines))}
    return table


def _data_lines(path: Path) -> tuple[int, list[int]]:
    """The file line (1-based) of the header and of each data row, skipping comments and blank lines."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1, []
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.split("#", 1)[0].strip()]
    return (numbers[0] if numbers else 1), numbers[1:]


def line_of(table: pd.DataFrame, row: int) -> int:
    """The file line of row ``row`` (position) of a table read by :func:`read_user_table`."""
    lines = table.attrs.get("lines", [])
    return lines[row] if row < len(lines) and lines[row] else row + 2


def fail(path: Path, table: pd.DataFrame, row: int, column: str, problem: str) -> TableError:
    """The error for one bad cell: file, line, column and what is wrong."""
    return TableError(path, f"line {line_of(table, row)}, column {column}: {problem}")


def integer_column(path: Path, table: pd.DataFrame, column: str) -> pd.Series:
    """``table[column]`` as int64; a cell that is not written as a whole number (digits only: not
    ``1.0``, ``-1`` or ``1e3``) is an error naming the file, line and column."""
    good = table[column].str.fullmatch(_WHOLE_NUMBER.pattern).fillna(False).astype(bool)
    if not good.all():
        row = int((~good).to_numpy().argmax())
        raise fail(path, table, row, column,
                   f"{column} must be a whole number, not {table[column].iloc[row]!r}")
    return table[column].astype("int64")


def check_choice(path: Path, table: pd.DataFrame, column: str, allowed: Sequence[str], blank_ok: bool = True) -> None:
    """Every cell of ``column`` is one of ``allowed`` (or blank when ``blank_ok``)."""
    values = table[column]
    good = values.isin(list(allowed)) | (values.eq("") if blank_ok else False)
    if not good.all():
        row = int((~good).to_numpy().argmax())
        raise fail(path, table, row, column, f"{column} must be one of {list(allowed)}, not {values.iloc[row]!r}")
