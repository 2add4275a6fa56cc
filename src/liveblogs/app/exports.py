"""Frames → CSV for spreadsheets, with formula injection neutralised.

A cell that opens with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (a quotation ``=cmd|' /C calc'!A0`` would run a
command). As OWASP recommends for CSV meant for spreadsheets, such text cells are written with a
single quote (``'``) in front; numbers, times and empty cells are written as they are. Parquet
and JSON Lines exports are exact and never changed; ``docs/hostile-input.md`` says more.
"""

from __future__ import annotations

from typing import IO

import pandas as pd

FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def spreadsheet_safe_cell(value: object) -> object:
    """``value`` with a ``'`` in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_OPENERS):
        return ESCAPE + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (string, object and categorical columns) are safe to open
    in a spreadsheet; other columns are untouched, and so is ``frame``."""
    text_columns = [c for c in frame.columns if not (pd.api.types.is_numeric_dtype(frame[c])
                                                      or pd.api.types.is_datetime64_any_dtype(frame[c])
                                                      or pd.api.types.is_bool_dtype(frame[c]))]
    safe = {}
    for column in text_columns:
        values = frame[column].astype(object)
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_OPENERS)).astype(bool)
        if risky.any():
            safe[column] = values.where(~risky, ESCAPE + values[risky].astype(str))
    return frame.assign(**safe) if safe else frame


def write_csv(frame: pd.DataFrame, out: str | IO, **options) -> None:
    """``frame.to_csv(out, index=False, **options)`` with every text cell made spreadsheet-safe."""
    spreadsheet_safe(frame).to_csv(out, index=False, **options)
