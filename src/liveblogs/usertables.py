"""The user-editable tables under ``data/`` (speakers, story links), read one way.

Each is a small CSV that people edit by hand: ``#`` starts a comment line, spaces after commas
and around cells are ignored, every cell is text. A table that cannot be read, or lacks a
column it needs, is a :class:`liveblogs.errors.TableError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from .errors import TableError


def read_user_table(path: Path, columns: Sequence[str], required: Sequence[str] = ()) -> pd.DataFrame:
    """The table at ``path`` with exactly ``columns`` as stripped text ('' for blank cells)."""
    try:
        table = pd.read_csv(path, comment="#", dtype=str, skipinitialspace=True, keep_default_na=False)
    except pd.errors.EmptyDataError:
        table = pd.DataFrame(columns=list(columns), dtype=str)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise TableError(path, f"cannot be read as a CSV table ({str(error).strip()})") from None
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise TableError(path, f"missing columns {missing}; expected {list(columns)}")
    return table.reindex(columns=list(columns), fill_value="").apply(lambda s: s.astype(str).str.strip())


def integer_column(path: Path, table: pd.DataFrame, column: str) -> pd.Series:
    """``table[column]`` as int64; a cell that is not a whole number is an error naming the file and row."""
    numbers = pd.to_numeric(table[column], errors="coerce")
    bad = numbers.isna() | (numbers % 1 != 0)
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise TableError(path, f"{column} must be a whole number, not {table[column].iloc[row]!r} (row {row + 1})")
    return numbers.astype("int64")
