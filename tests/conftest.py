"""Shared fixtures: the bundled corpus is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import liveblogs

ROOT = Path(__file__).resolve().parents[1]
SKY = "000_2c500cf6056b66b7"
BBC = "002_9be14b46189953d5"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory) -> Path:
    """Tests never read a cache that an earlier run (or a user) left behind."""
    folder = tmp_path_factory.mktemp("liveblogs-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("LIVEBLOGS_CACHE", str(folder))
    yield folder
    patch.undo()


@pytest.fixture(scope="session")
def corpus() -> liveblogs.Corpus:
    return liveblogs.load_corpus()


@pytest.fixture()
def write_article(tmp_path: Path):
    """Write ``content`` (str or bytes) to a file in a fresh folder and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    return write
