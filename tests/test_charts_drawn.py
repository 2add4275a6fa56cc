"""Every chart draws, in a real headless Chromium: in the HTML report, in JupyterLab and in Voilà.

A chart output is a ``.liveblogs-chart`` box (see :mod:`liveblogs.viz.display`); it has drawn when
it holds an SVG with mark elements. Every surface is checked for the count of chart outputs, the
count that drew, and page errors. Servers are the helpers of ``test_browser``; nothing is fetched.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from .conftest import ROOT
from .test_browser import COUNT_JS, REPORTS, browser, free_port, server, wait_for_kernel  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))




def expected_charts(path: Path) -> int:
    """Chart outputs the committed notebook holds (each one a text/html liveblogs chart)."""
    notebook = nbformat.read(path, as_version=4)
    return sum("liveblogs-chart" in "".join(o.get("data", {}).get("text/html", ""))
               for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))


def counts_when_settled(page, want: int, seconds: float = 60) -> tuple[int, int]:
    """(chart outputs, drawn) once ``want`` charts have drawn, or whatever there is after ``seconds``."""
    deadline = seconds * 1000
    waited = 0
    while waited < deadline:
        boxes, drawn = page.evaluate(COUNT_JS)
        if drawn >= want and boxes >= want:
            return boxes, drawn
        page.wait_for_timeout(500)
        waited += 500
    return tuple(page.evaluate(COUNT_JS))


def test_every_notebook_holds_charts() -> None:
    assert all(expected_charts(p) > 0 for p in NOTEBOOKS if not p.name.startswith("05")), \
        {p.name: expected_charts(p) for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_html_report_draws_every_chart(browser, tmp_path: Path, path: Path) -> None:  # noqa: F811
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(ROOT / "notebooks" / "templates")])
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    page_path = tmp_path / f"{path.stem}.html"
    page_path.write_text(body, encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.as_uri())
    want = expected_charts(path)
    assert counts_when_settled(page, want) == (want, want)
    assert errors == []
    page.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks (Lab's autosave never touches the committed ones)."""
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work" / "notebooks"
    work.mkdir(parents=True)
    for path in NOTEBOOKS:
        shutil.copy(path, work / path.name)
    # opened as a user would after `make lab` / `make report`: the notebooks are trusted
    subprocess.run([sys.executable, "-m", "jupyter", "trust", *map(str, work.glob("*.ipynb"))], check=True,
                   capture_output=True, env={**__import__("os").environ, "JUPYTER_DATA_DIR": str(tmp / "data")})
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.token={token}", "--LabApp.news_url=None", f"--ServerApp.root_dir={tmp / 'work'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
    ]
    env = {"JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "JUPYTER_DATA_DIR": str(tmp / "data")}
    with server(args, f"{base}/api/status?token={token}", tmp / "lab.log", env=env):
        yield base, token


def shut_down_kernels(base: str, token: str) -> None:
    """Stop every kernel this notebook started, so the next one does not share two cores with it."""
    import urllib.request

    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as answer:
        sessions = json.load(answer)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def run_all(page) -> None:
    page.locator("li.lm-MenuBar-item", has_text="Run").click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_timeout(1000)
    page.wait_for_function("""() => {
        const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
        return p && ![...p.querySelectorAll('.jp-InputArea-prompt')].some(e => e.innerText.includes('*'));
    }""", timeout=300_000)


def open_notebook(page, base: str, token: str, name: str) -> None:
    """Open ``name`` alone, in a workspace of its own (no other notebook restored beside it)."""
    page.goto(f"{base}/lab/workspaces/{Path(name).stem}/tree/notebooks/{name}?reset&token={token}", timeout=120_000)
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    wait_for_kernel(page)
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name).click()


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_jupyterlab_draws_every_chart(browser, lab, path: Path) -> None:  # noqa: F811
    base, token = lab
    want = expected_charts(path)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())  # a "leave the page?" question, should one come
    seen = {}
    try:
        open_notebook(page, base, token, path.name)
        seen["opened"] = counts_when_settled(page, want)  # saved outputs of a trusted notebook
        run_all(page)
        seen["run all"] = counts_when_settled(page, want)
        if want:  # re-run the last chart cell alone
            cell = page.locator(".jp-Notebook .jp-CodeCell", has=page.locator(".liveblogs-chart")).last
            cell.locator(".jp-InputArea-prompt").click()
            page.keyboard.press("Control+Enter")
            page.wait_for_timeout(1500)
            seen["re-run one"] = counts_when_settled(page, want)
        page.keyboard.press("Control+s")  # saved: reloading asks no "leave the page?" question
        page.wait_for_timeout(1500)
        page.reload()
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        wait_for_kernel(page)
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=path.name).click()
        seen["reloaded"] = counts_when_settled(page, want)
        run_all(page)
        seen["reload, run all"] = counts_when_settled(page, want)
    except Exception:
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / f"lab_{path.stem}_failure.png"))
        raise
    finally:
        (REPORTS.mkdir(exist_ok=True), (REPORTS / f"lab_{path.stem}_counts.json").write_text(json.dumps(seen)))
        page.close()
        shut_down_kernels(base, token)
    assert seen == {k: (want, want) for k in seen}, seen
    assert errors == []
