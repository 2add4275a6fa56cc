"""The tree is the data flow: no module imports a stage that comes after its own (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "liveblogs"
# Stages in data-flow order; stages of equal rank are side by side and import neither way.
RANK = {"ingest": 1, "text": 2, "quotes": 3, "timing": 3, "compare": 4, "assemble": 5,
        "viz": 6, "app": 7, "evaluation": 7}
BASE = {"config", "errors", "imports"}


def stage_of(module: str) -> str | None:
    """``liveblogs.quotes.attribution`` → ``quotes``; base modules and the package itself → None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def imports_of(path: Path) -> set[str]:
    """Absolute names of the liveblogs modules ``path`` imports (relative imports resolved)."""
    return imports_in(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))


def imports_in(source: str, where: Path) -> set[str]:
    """The liveblogs modules ``source`` imports, as a module at ``where`` inside the package."""
    package = ["liveblogs", *where.with_suffix("").parts][:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else (node.module or "")
            if module.startswith("liveblogs"):
                found.add(module)
                found.update(f"{module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("liveblogs"))
    return found


def test_every_stage_is_a_package_with_a_docstring() -> None:
    for stage in RANK:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file() and ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), stage
    flat = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert flat <= BASE, f"modules outside any stage: {sorted(flat - BASE)}"


def test_no_import_runs_back_up_the_stages() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        own = stage_of(".".join(["liveblogs", *path.relative_to(PACKAGE).parts]))
        if own is None:
            continue
        for module in imports_of(path):
            other = stage_of(module)
            if other and other != own and RANK[other] >= RANK[own]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, wrong


def test_relative_imports_resolve_to_their_stage() -> None:
    found = imports_in("from ..viz import charts\nfrom . import posts\nfrom ..errors import LiveblogsError\n",
                       Path("text/segment.py"))
    assert {"liveblogs.viz.charts", "liveblogs.text.posts", "liveblogs.errors"} <= found
    assert stage_of("liveblogs.viz.charts") == "viz" and stage_of("liveblogs.errors") is None
