"""The explore notebook in a real headless Chromium: served by Voilà, and opened in JupyterLab.

Installs nothing: Debian's chromium comes from .ci/run (or ``make browser-deps``), Playwright
from PyPI; ``playwright install`` is never run. Every server started here is stopped by PID.
Run alone with ``pytest -m browser``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("LIVEBLOGS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
NOTEBOOK = "notebooks/05_explore.ipynb"
REPORTS = ROOT / "reports"
# Chart boxes of the liveblogs renderer, and how many of them drew marks (as in test_charts_drawn).
COUNT_JS = """() => {
    const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)') || document;
    const boxes = [...root.querySelectorAll('.liveblogs-chart')];
    return [boxes.length, boxes.filter(b => b.querySelector('svg g.role-mark > *')).length];
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2):
                return
        time.sleep(0.5)
    raise TimeoutError(f"no answer from {url} in {seconds}s")


@contextlib.contextmanager
def server(args: list[str], url: str, log: Path, env: dict[str, str] | None = None):
    """Start a server process, wait until ``url`` answers, and stop it by PID afterwards."""
    with log.open("w") as out:
        process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=None if env is None else {**os.environ, **env})
    try:
        wait_for(url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps, or .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def outlets_in_table(page) -> set[str]:
    cells = page.locator(".widget-output table tbody tr td:nth-child(2)").all_inner_texts()
    return {c.strip() for c in cells}


def panel_points(page) -> int:
    """Quotation points on the panel's own timeline (charts outside the panel are not counted)."""
    return page.locator(".widget-vbox .vega-embed svg g.mark-symbol.role-mark path").count()


def status_count(page) -> int:
    text = page.locator(".widget-html-content b").first.inner_text()
    return int(text)


# True once the open notebook's kernel is connected and idle. Lab's execution indicator alone is no proof:
# it reads data-status="idle" from the start, before a session exists ("No Kernel | Initializing"), and
# Run All clicked then clears every cell and executes none (or opens "Select Kernel").
KERNEL_READY = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const name = panel && panel.querySelector('.jp-Toolbar-kernelName');
    const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
    const status = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
        .map(e => e.innerText.trim()).find(t => / \\| [A-Z][a-z]+$/.test(t));
    return Boolean(name && !/No Kernel/.test(name.innerText) && indicator
        && indicator.dataset.status === 'idle' && status && status.endsWith('| Idle')
        && !/No Kernel/.test(status));
}"""


def wait_for_kernel(page, seconds: float = 180) -> None:
    """Wait until the notebook's kernel is really idle; accept a "Select Kernel" dialog with its preselected kernel."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count():
            dialog.locator("button.jp-mod-accept").click()
        if page.evaluate(KERNEL_READY):
            page.wait_for_timeout(500)  # still idle a moment later: not between two starts
            if page.evaluate(KERNEL_READY):
                return
        page.wait_for_timeout(500)
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "explore_jupyterlab_failure.png"))
    raise TimeoutError(f"the notebook's kernel was not idle within {seconds}s")


def test_voila_dashboard_draws_charts_and_filters(browser, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    args = [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with server(args, url, tmp_path / "voila.log"):
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page_errors: list[str] = []
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".widget-select-multiple select", timeout=120_000)
        page.wait_for_selector("svg .mark-rect path, svg .mark-rect", timeout=60_000)
        assert "Error loading script" not in page.content()
        # the static explore chart (the liveblogs renderer) draws in Voilà too
        page.wait_for_function(f"() => ({COUNT_JS})()[1] >= 1", timeout=60_000)
        assert page.evaluate(COUNT_JS) == [1, 1]
        before_count = status_count(page)
        before_marks = panel_points(page)
        # quotes in posts with no clock time (the BBC copy) are not on a clock-time axis
        assert 0 < before_marks <= before_count and "Sky News" in outlets_in_table(page)

        page.locator(".widget-select-multiple select").first.select_option("BBC")
        page.wait_for_function(f"document.querySelector('.widget-html-content b').innerText != '{before_count}'",
                               timeout=60_000)
        page.wait_for_timeout(1000)
        after_count = status_count(page)
        assert 0 < after_count < before_count
        assert outlets_in_table(page) == {"BBC"}
        assert panel_points(page) == after_count  # BBC only: drawn by running order, every quote a point
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / "explore_voila.png"), full_page=True)
        page.close()
    assert not [e for e in errors if "Error loading script" in e]
    assert not page_errors


def test_jupyterlab_runs_the_explore_notebook(browser, tmp_path: Path) -> None:
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    work = tmp_path / "lab"  # a copy, so that Lab's autosave never touches the committed notebook
    (work / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOK, work / NOTEBOOK)
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.token={token}", "--LabApp.news_url=None", f"--ServerApp.root_dir={work}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # the user's shared workspace (~/.jupyter/lab/workspaces) would restore whatever another Lab left open
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
    ]
    runtime = {"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}  # ServerApp.runtime_dir is not a server option
    with server(args, f"{base}/api/status?token={token}", tmp_path / "lab.log", env=runtime):
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        wait_for_kernel(page)
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="05_explore.ipynb").click()  # focus it
        page.locator("li.lm-MenuBar-item", has_text="Run").click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        try:
            page.wait_for_selector(".widget-select-multiple select", timeout=300_000)
        except Exception:
            REPORTS.mkdir(exist_ok=True)
            page.screenshot(path=str(REPORTS / "explore_jupyterlab_failure.png"))
            raise
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=300_000)
        page.wait_for_selector("svg .mark-rect", timeout=60_000)
        assert "Error loading script" not in page.content()
        total = status_count(page)  # the notebook ends by clearing its filters: every quotation
        assert 0 < panel_points(page) <= total
        page.locator(".widget-select-multiple select").first.select_option("BBC")
        page.wait_for_function(f"document.querySelector('.widget-html-content b').innerText != '{total}'",
                               timeout=60_000)
        page.wait_for_timeout(1000)
        assert 0 < status_count(page) == panel_points(page) < total
        assert outlets_in_table(page) == {"BBC"}
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / "explore_jupyterlab.png"))
        page.close()
