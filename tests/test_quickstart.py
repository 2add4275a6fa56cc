"""The README's quick start works as written, on a folder of plain text files with no manifest."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt

from .conftest import ROOT


def test_readme_quick_start_runs_on_a_plain_folder(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "my_articles"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Talks live\n\n10.05am\nMinister arrives\n\n\"We will not sign today,\" Anna Berg told reporters.\n",
        encoding="utf-8")
    (folder / "two.txt").write_text(
        "Summit blog\n\n11.00am\nBerg speaks\n\nAnna Berg said: \"Sanctions stay until the troops leave.\"\n",
        encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"## Quick start.*?```python\n(.*?)```", readme, re.S).group(1)
    assert 'load_corpus("my_articles/")' in snippet
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(snippet, "README.md quick start", "exec"), namespace)  # the README's own code, not data
    chart = eval(snippet.strip().splitlines()[-1].split("#")[0], namespace)  # its last line is the chart
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()
    rows = sum(len(v) for v in spec["datasets"].values())
    assert rows >= 1 and "Anna Berg" in str(spec["datasets"])
    assert len(namespace["corpus"].quotes) == 2
