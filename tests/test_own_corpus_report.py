"""The report on a user's own folder, with hostile strings everywhere a web page can put them.

Three short articles of three outlets are written in the test; quotations, headlines, titles,
speaker names and outlet names carry ``</script>``, ``<img onerror>``, ``"><svg onload>`` and
``<!--``. ``liveblogs report FOLDER`` runs the whole notebook sequence on them; every page is
then opened in a real Chromium: every chart draws, no payload runs, no page error, and the
hostile text shows literally.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_browser import browser  # noqa: F401 (fixture)
from .test_browser import COUNT_JS

pytestmark = pytest.mark.browser

PAYLOADS = {
    1: "</script><img src=x onerror=\"window.__pwned=1\">",
    2: "\"><svg onload=\"window.__pwned=2\">",
    3: "<!--",
    4: "<img src=x onerror=\"window.__pwned=4\">",
}

ARTICLES = {
    "alpha.txt": f"""Alpha Live: talks in Geneva {PAYLOADS[4]}

10.05am
Ministers arrive for talks {PAYLOADS[2]}

Foreign minister Anna Berg said: "We will not sign anything {PAYLOADS[1]} today."

10.40am
Berg warns on sanctions

"Sanctions stay until the troops leave {PAYLOADS[3]}," Berg told reporters.

11.15am
Evil Name {PAYLOADS[4]} speaks

Defence secretary John Carver said the deal was "a trap {PAYLOADS[2]} for Europe".
""",
    "beta.txt": f"""Beta News live {PAYLOADS[1]}

9.50am
Geneva talks open

"We will not sign anything today," Anna Berg said as she arrived.

10.30am
Carver on the deal

John Carver said the deal was "a trap for Europe" and "a gift {PAYLOADS[4]} to Moscow".
""",
    "gamma.txt": f"""Gamma Daily: Geneva {PAYLOADS[3]} as it happened

11.00am
Sanctions row

"Sanctions stay until the troops leave," Anna Berg said.

11.20am
Voices from the square

A protester, Maria Lund, said: "Nobody asked us {PAYLOADS[1]} anything."
""",
}

MANIFEST = (
    "file,outlet,published,timezone,url,title,encoding\n"
    "alpha.txt,\"Alpha <img src=x onerror=\"\"window.__pwned=5\"\">\",2025-02-13,Europe/London,,,utf-8\n"
    "beta.txt,Beta News,2025-02-13,Europe/London,,,utf-8\n"
    "gamma.txt,Gamma Daily,2025-02-13,Europe/Berlin,,,utf-8\n"
)


@pytest.fixture(scope="module")
def own_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("my_articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    out = tmp_path_factory.mktemp("my_report")
    done = subprocess.run([sys.executable, "-m", "liveblogs.app.cli", "report", str(folder), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_a_folder_without_articles_is_an_error_not_the_bundled_pair(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "liveblogs.app.cli", "report", str(tmp_path), "--out", str(tmp_path / "r")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert str(tmp_path) in done.stderr and "no article files" in done.stderr
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())


def test_report_covers_the_users_articles_not_the_bundled_ones(own_report: Path) -> None:
    pages = sorted(p.name for p in own_report.glob("*.html"))
    assert pages == ["01_corpus.html", "02_who_said_what.html", "03_when.html", "04_outlets_compared.html",
                     "05_explore.html"]
    corpus_page = (own_report / "01_corpus.html").read_text(encoding="utf-8")
    assert "Gamma Daily" in corpus_page and "Beta News" in corpus_page
    assert "000_2c500cf6056b66b7" not in corpus_page  # the bundled Sky article is not in it


@pytest.mark.parametrize("name", ["01_corpus", "02_who_said_what", "03_when", "04_outlets_compared", "05_explore"])
def test_every_chart_draws_and_no_payload_runs(browser, own_report: Path, name: str) -> None:  # noqa: F811
    page = browser.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((own_report / f"{name}.html").as_uri())
    page.wait_for_timeout(1000)
    boxes = page.evaluate(COUNT_JS)[0]
    page.wait_for_function(f"() => ({COUNT_JS})()[1] >= {boxes}", timeout=60_000)
    assert boxes >= 1 and page.evaluate(COUNT_JS) == [boxes, boxes]
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert errors == [] and dialogs == []
    # no element the payloads would have made exists outside the charts' own SVG
    assert page.evaluate("document.querySelectorAll('img[src=x], svg[onload], [onerror]').length") == 0
    text = page.evaluate("document.body.innerText") + " ".join(
        page.evaluate("[...document.querySelectorAll('.liveblogs-chart svg text')].map(t => t.textContent)"))
    assert "<img src=x onerror=" in text, name  # shown as text (chart labels truncate it)
    page.close()
