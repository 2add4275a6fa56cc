"""nbval compares only executed cells: every code cell must carry an execution count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def test_there_are_notebooks_and_a_sanitize_file() -> None:
    assert NOTEBOOKS, "no numbered notebooks in notebooks/"
    assert (ROOT / "notebooks" / "nbval_sanitize.cfg").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_is_executed_and_the_kernel_is_python3(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert cells and all(isinstance(c.get("execution_count"), int) for c in cells)
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "cells were not executed in order from a clean kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_hold_no_function_definitions(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert not any(line.lstrip().startswith(("def ", "class ")) for s in sources for line in s.splitlines())
