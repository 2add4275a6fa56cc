"""Paths and constants resolved from the package's own location, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PROJECT_DIR: Path = PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    """The bundled ``data/`` folder: ``$LIVEBLOGS_DATA``, else the one shipped in the wheel, else the repo's."""
    override = os.environ.get("LIVEBLOGS_DATA")
    candidates = [Path(override)] if override else []
    candidates += [PACKAGE_DIR / "data", PROJECT_DIR / "data"]
    for candidate in candidates:
        if (candidate / "manifest.csv").is_file():
            return candidate
    raise FileNotFoundError(
        "liveblogs: bundled data not found; looked for manifest.csv in "
        + ", ".join(str(c) for c in candidates)
    )


MANIFEST_NAME = "manifest.csv"
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")
