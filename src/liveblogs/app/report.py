"""The HTML report: execute the numbered notebooks on a corpus and write offline HTML pages.

Takes what ``load_corpus`` takes (None for the bundled articles, a folder, a manifest, a file);
makes one ``NN_name.html`` per notebook in the output folder. The corpus reaches each notebook
through its ``parameters`` cell, the convention papermill uses: a cell tagged
``injected-parameters`` is inserted after it, so ``papermill`` works on the same notebooks too.
What the source holds is checked before any notebook runs: a folder with no articles is an error,
never a report on the bundled pair.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..config import notebooks_dir
from ..ingest.sources import resolve_sources

TEMPLATE = "offline"


def notebook_paths() -> list[Path]:
    """The numbered notebooks in reading order."""
    return sorted(notebooks_dir().glob("[0-9]*.ipynb"))


def parameterise(notebook: nbformat.NotebookNode, corpus_path: str | None) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with ``corpus_path`` injected after its ``parameters`` cell (papermill style)."""
    copy = nbformat.from_dict(notebook)
    if corpus_path is None:
        return copy
    cells = copy.cells
    where = next((i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if where is None:
        raise ValueError("notebook has no cell tagged 'parameters'")
    injected = nbformat.v4.new_code_cell(f"corpus_path = {str(corpus_path)!r}", metadata={"tags": ["injected-parameters"]})
    cells.insert(where + 1, injected)
    return copy


def run_report(source: str | Path | None, out: str | Path, timeout: int = 300, kernel: str = "python3") -> list[Path]:
    """Execute every numbered notebook on ``source`` and write ``out/NN_name.html``; return the pages written."""
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    corpus_path = None if source is None else str(Path(source).resolve())
    resolve_sources(corpus_path)  # fails here, naming the path, if it holds no articles
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(notebooks_dir() / "templates")])
    written = []
    for path in notebook_paths():
        notebook = parameterise(nbformat.read(path, as_version=4), corpus_path)
        NotebookClient(notebook, timeout=timeout, kernel_name=kernel, store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        body, _ = exporter.from_notebook_node(notebook)
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        written.append(page)
    return written
