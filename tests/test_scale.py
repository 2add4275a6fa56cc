"""The Dask path on a two-worker LocalCluster gives exactly the pandas path's frames."""

from __future__ import annotations

import pandas as pd
import pytest

import liveblogs

distributed = pytest.importorskip("distributed")

FRAMES = ("paragraphs", "units", "sentences", "posts", "time_references", "post_times", "cross_reference_links",
          "event_times", "quotes", "speakers", "speaker_names", "speaker_outlets")


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


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="engine must be 'pandas' or 'dask'"):
        liveblogs.load_corpus(engine="spark")
