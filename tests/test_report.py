"""The HTML report is viewable offline: no script, style or font is fetched from the network."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbconvert import HTMLExporter

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def export(path) -> str:
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(ROOT / "notebooks" / "templates")])
    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    return body


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_report_pages_fetch_nothing(path) -> None:
    html = export(path)
    assert not EXTERNAL.findall(html), EXTERNAL.findall(html)[:3]
    assert "liveblogs-chart" in html and "DecompressionStream" in html  # charts carry their own JavaScript


def test_the_plain_lab_template_would_fetch_from_a_cdn() -> None:
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(NOTEBOOKS[0], as_version=4))
    assert EXTERNAL.search(body)
