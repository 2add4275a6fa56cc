"""The Dask path on a two-worker LocalCluster gives exactly the pandas path's frames, a batch of articles per task."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs.assemble.scale import load_dask_corpus, task_batches
from liveblogs.errors import ArticleError
from liveblogs.ingest.sources import article_frame, concat_article_frames, resolve_sources

distributed = pytest.importorskip("distributed")

FRAMES = ("paragraphs", "units", "sentences", "posts", "time_references", "post_times", "cross_reference_links",
          "event_times", "quotes", "speakers", "speaker_names", "speaker_outlets")
FIXTURES = Path(__file__).parent / "fixtures"


def several_outlets() -> list[Path]:
    """The bundled articles and the held-out fixture articles: about thirty, from many outlets."""
    return sorted(resolve_sources(None)[0].path.parent.glob("*.txt")) + sorted(FIXTURES.glob("heldout*/*.txt"))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


@pytest.mark.slow
def test_dask_frames_equal_pandas_frames(client) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    on_dask = liveblogs.load_corpus(engine="dask")
    on_pandas = liveblogs.load_corpus(cache=False)
    for name in FRAMES:
        frame = getattr(on_dask, name)
        assert hasattr(frame, "npartitions"), name
        pd.testing.assert_frame_equal(frame.compute().reset_index(drop=True), getattr(on_pandas, name).reset_index(drop=True), obj=name)
    assert on_dask.posts.npartitions == len(on_pandas.articles)


@pytest.mark.slow
def test_a_task_per_batch_of_articles_and_the_frames_of_the_pandas_path(client) -> None:
    files = several_outlets()
    sources = resolve_sources(files)
    with distributed.get_task_stream() as stream:
        corpus = load_dask_corpus(sources, articles_per_task=4)
        on_dask = corpus.to_pandas()
    batch_tasks = [t for t in stream.data if str(t["key"]).startswith("articles-")]
    assert len(batch_tasks) == math.ceil(len(files) / 4)  # one task per batch, each computed once
    on_pandas = liveblogs.load_corpus(files, cache=False)
    pd.testing.assert_frame_equal(on_dask.articles, on_pandas.articles, obj="articles")
    for name in (*FRAMES, "stories"):
        pd.testing.assert_frame_equal(getattr(on_dask, name), getattr(on_pandas, name), obj=name)
    assert corpus.quotes.npartitions == len(batch_tasks)
    pd.testing.assert_frame_equal(corpus.quotes.compute().reset_index(drop=True), on_pandas.quotes, obj="reduced quotes")


@pytest.mark.slow
def test_two_corpora_in_one_session_keep_their_own_results(client) -> None:
    files = several_outlets()
    first, second = load_dask_corpus(resolve_sources(files[:4])), load_dask_corpus(resolve_sources(files[4:8]))
    assert first.to_pandas().articles["path"].tolist() == [str(f) for f in files[:4]]
    assert second.to_pandas().articles["path"].tolist() == [str(f) for f in files[4:8]]


def test_task_batches_cut_the_sources_in_order() -> None:
    assert task_batches(list(range(10)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert len(task_batches(list(range(400)))) == 8  # at least 8 tasks when there are that many articles
    assert len(task_batches(list(range(2000)))) == math.ceil(2000 / 64)


def test_batches_of_articles_join_into_the_articles_frame_of_all() -> None:
    sources = resolve_sources(several_outlets())
    parts = [article_frame(batch) for batch in task_batches(sources, 5)]
    pd.testing.assert_frame_equal(concat_article_frames(parts), article_frame(sources))
    with pytest.raises(ArticleError, match="also used by"):
        concat_article_frames([parts[0], parts[0]])


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="engine must be 'pandas' or 'dask'"):
        liveblogs.load_corpus(engine="spark")
