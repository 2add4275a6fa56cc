"""Real saved live-blog pages (``../shared/realpages``, third-party content kept outside the repo):
every ``liveBlogUpdate`` of a structured page becomes one post with its exact time."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs.evaluation.integrity import offset_report, uncovered_characters

from .conftest import ROOT

REALPAGES = ROOT.parent / "shared" / "realpages"
# Page → (where its updates are, how many): measured in ../shared/realpages/README.md.
STRUCTURED = {
    "corkbeo_level3_live": ("json-ld", 26),
    "timesofindia_ipl2020_csk_srh_liveblog": ("json-ld", 8),
    "ndtv_cwc2023_ind_sl_live": ("microdata", 40),
    "express_harry_meghan_live_2024-07-18": ("json-ld", 9),
    "mirror_uk_riots_live_2024-08-05": ("json-ld", 428),
    "repubblica_israele_hamas_2023-11-02": ("json-ld", 79),
}
UNSTRUCTURED = ["sportowefakty_falubaz_relacja", "telegraph_airasia_liveblog_2014-12"]

pytestmark = pytest.mark.skipif(
    not (REALPAGES / "manifest.tsv").is_file(),
    reason=f"no real pages at {REALPAGES} (third-party pages, kept outside the repository)",
)


def _updates(path: Path, syntax: str) -> list[dict]:
    """The page's liveBlogUpdate items, read with extruct directly (not through the package)."""
    import extruct

    data = extruct.extract(path.read_bytes(), syntaxes=[syntax], uniform=True, errors="ignore")[syntax]

    def blogs(node):
        if isinstance(node, dict):
            if "LiveBlogPosting" in str(node.get("@type")):
                yield node
            else:
                for value in node.values():
                    yield from blogs(value)
        elif isinstance(node, list):
            for value in node:
                yield from blogs(value)

    found = max(([u for u in blog.get("liveBlogUpdate") or [] if isinstance(u, dict)] for blog in blogs(data)), key=len)
    return found


@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_every_update_is_one_post_with_its_exact_time(name: str) -> None:
    syntax, count = STRUCTURED[name]
    path = REALPAGES / f"{name}.html"
    updates = _updates(path, syntax)
    assert len(updates) == count
    corpus = liveblogs.load_corpus(path, cache=False)
    posts = corpus.posts[corpus.posts["kind"] == "post"]
    assert len(posts) == count
    expected = [pd.Timestamp(u["datePublished"].replace("Z", "+00:00")) for u in updates]
    assert posts["time"].tolist() == expected  # page order, exact instants
    assert (posts["time_earliest"] == posts["time"]).all() and (posts["time_latest"] == posts["time"]).all()
    assert set(posts["time_source"].astype(str)) == {"page metadata"}
    assert (offset_report(corpus)["mismatches"] == 0).all()
    assert uncovered_characters(corpus).empty


@pytest.mark.parametrize("name", UNSTRUCTURED)
def test_unstructured_pages_go_through_the_text_path(name: str) -> None:
    corpus = liveblogs.load_corpus(REALPAGES / f"{name}.html", cache=False)
    assert len(corpus.posts) > 0
    assert "page metadata" not in set(corpus.posts["time_source"].astype(str))
    assert (offset_report(corpus)["mismatches"] == 0).all()
