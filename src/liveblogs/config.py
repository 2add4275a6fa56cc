"""Paths and constants resolved from the package's own location, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PROJECT_DIR: Path = PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    """The bundled ``data/`` folder: the one shipped in the wheel, else the repo's.

    ``$LIVEBLOGS_DATA`` replaces it (used by tests); a value that holds no ``manifest.csv`` is an
    error, never a silent fallback to the bundled articles. To read your own articles, pass their
    folder to ``load_corpus`` (or set ``corpus_path`` in a notebook's parameters cell).
    """
    override = os.environ.get("LIVEBLOGS_DATA")
    if override:
        if (Path(override) / "manifest.csv").is_file():
            return Path(override)
        raise FileNotFoundError(f"liveblogs: LIVEBLOGS_DATA={override} holds no manifest.csv")
    candidates = [PACKAGE_DIR / "data", PROJECT_DIR / "data"]
    for candidate in candidates:
        if (candidate / "manifest.csv").is_file():
            return candidate
    raise FileNotFoundError(
        "liveblogs: bundled data not found; looked for manifest.csv in "
        + ", ".join(str(c) for c in candidates)
    )


MANIFEST_NAME = "manifest.csv"
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")


def notebooks_dir() -> Path:
    """The numbered notebooks: shipped in the wheel, else the repo's ``notebooks/``."""
    for candidate in (PACKAGE_DIR / "notebooks", PROJECT_DIR / "notebooks"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"liveblogs: notebooks not found in {PACKAGE_DIR / 'notebooks'} or {PROJECT_DIR / 'notebooks'}")
