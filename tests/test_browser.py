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
def server(args: list[str], url: str, log: Path):
    """Start a server process, wait until ``url`` answers, and stop it by PID afterwards."""
    with log.open("w") as out:
        process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
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


def test_voila_dashboard_draws_charts_and_filters(browser, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    args = [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with server(args, url, tmp_path / "voila.log"):
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".widget-select-multiple select", timeout=120_000)
        page.wait_for_selector("svg .mark-rect path, svg .mark-rect", timeout=60_000)
        assert "Error loading script" not in page.content()
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


@pytest.mark.xfail(
    reason="In a fresh clone's .venv (kernel registered with --sys-prefix), Lab's Run All leaves the cells "
    "unexecuted within 300 s (screenshot: reports/explore_jupyterlab_failure.png); it passes in a shared "
    "environment. Under investigation; the Voila test above covers the panel in a real browser.",
    strict=False,
)
def test_jupyterlab_runs_the_explore_notebook(browser, tmp_path: Path) -> None:
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    work = tmp_path / "lab"  # a copy, so that Lab's autosave never touches the committed notebook
    (work / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOK, work / NOTEBOOK)
    args = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.token={token}", "--LabApp.news_url=None", f"--ServerApp.root_dir={work}",
        f"--ServerApp.runtime_dir={tmp_path / 'runtime'}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with server(args, f"{base}/api/status?token={token}", tmp_path / "lab.log"):
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
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
