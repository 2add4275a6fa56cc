"""The bundled data and the two dependency lists."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from liveblogs.config import data_dir
from liveblogs.ingest.sources import read_manifest

from .conftest import ROOT

SHARED = ROOT.parent / "shared" / "articles"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/articles is not beside this checkout")
@pytest.mark.parametrize("name", ["000_2c500cf6056b66b7.txt", "002_9be14b46189953d5.txt"])
def test_bundled_articles_are_byte_for_byte_copies(name: str) -> None:
    assert sha256(data_dir() / "articles" / name) == sha256(SHARED / name)


def test_manifest_names_both_articles_with_date_and_zone() -> None:
    rows = {r.path.name: r for r in read_manifest(data_dir() / "manifest.csv")}
    assert rows["000_2c500cf6056b66b7.txt"].outlet == "Sky News"
    assert rows["002_9be14b46189953d5.txt"].outlet == "BBC"
    for row in rows.values():
        assert str(row.published) == "2025-02-13"
        assert row.timezone == "Europe/London"


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements: list[str]) -> dict[str, str]:
    return {_name(r): r.split("==", 1)[1] if "==" in r else "" for r in requirements}


def test_environment_yml_lists_the_same_packages_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"] + project["optional-dependencies"]["dev"]
    conda = {}
    listing = (ROOT / "environment.yml").read_text().split("\ndependencies:\n", 1)[1]
    for line in listing.splitlines():
        match = re.fullmatch(r"  - ([A-Za-z0-9_.-]+)(?:=(\S+))?", line)
        if match and match.group(1) not in ("python", "pip"):
            conda[match.group(1).lower()] = match.group(2) or ""
    assert conda == _pins(wanted)


@pytest.mark.parametrize("folder, max_words", [("heldout4", "1100"), ("heldout5", "1000")])
def test_a_blind_sets_gold_matches_its_texts_and_readme(folder: str, max_words: str) -> None:
    checker = Path(__file__).parent / "fixtures" / "check_blind_gold.py"
    run = subprocess.run([sys.executable, str(checker), folder, "--max-words", max_words], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
