"""Corpora beyond one machine: the per-article step mapped over Dask, the corpus steps as a reduce.

``load_corpus(paths, engine="dask")`` reads and processes a batch of articles in each Dask task
(the pure map step, :func:`liveblogs.pipeline.batch_frames`: up to ``ARTICLES_PER_TASK`` articles,
fewer on small corpora so that every worker gets tasks), keeps the results on the cluster, and
exposes every per-article frame as a Dask DataFrame (one partition per task) with the same
columns and dtypes as the pandas path. The steps that need every article — canonical speakers
across outlets — are the reduce step: the quotes are gathered, canonicalised with the same
function as the pandas path, and handed back as a Dask DataFrame.

To use an existing cluster, connect a ``distributed.Client`` first (``Client("tcp://host:8786")``):
Dask then runs every task there.
"""

from __future__ import annotations

import math
from functools import cached_property

import dask
import dask.dataframe as dd
import pandas as pd

from .corpus import TIME_COLUMNS
from .pipeline import PER_ARTICLE, batch_frames
from ..quotes.quotes import canonicalise
from ..ingest.sources import ArticleSource, article_frame
from ..quotes.speakers import read_overrides, speaker_names, speaker_table


# Articles per Dask task: the batch size of the pandas path (pipeline.batch_frames), measured in
# benchmarks/results/speed_s5.md (round 1) to keep per-task overhead small; not swept further.
ARTICLES_PER_TASK = 64


def process_source(source: ArticleSource) -> dict[str, pd.DataFrame]:
    """Read one article file and compute every per-article frame, with its articles row and posts."""
    return process_sources([source])


def process_sources(sources: list[ArticleSource]) -> dict[str, pd.DataFrame]:
    """Read a batch of article files and compute their per-article frames (built once for the
    batch), with their articles rows and posts."""
    articles = article_frame(sources)
    frames = batch_frames(articles)
    timed = frames["post_times"][["article", "post", *TIME_COLUMNS]]
    frames["posts"] = frames["units"].merge(timed, on=["article", "post"], how="left", validate="one_to_one")
    frames["articles"] = articles
    return frames


def task_batches(sources: list, per_task: int | None = None) -> list[list]:
    """The sources cut into consecutive batches, one per task: ``per_task`` each (default: up to
    ``ARTICLES_PER_TASK``, and at least 8 tasks when there are that many articles)."""
    if per_task is None:
        per_task = max(1, min(ARTICLES_PER_TASK, math.ceil(len(sources) / 8)))
    return [sources[i : i + per_task] for i in range(0, len(sources), per_task)]


class DaskCorpus:
    """The frames of a corpus as Dask DataFrames; ``.compute()`` any of them to get pandas back."""

    def __init__(self, sources: list[ArticleSource], articles_per_task: int | None = None) -> None:
        self.sources = sources
        batches = task_batches(sources, articles_per_task)
        parts = [dask.delayed(process_sources)(batch, dask_key_name=f"articles-{i}") for i, batch in enumerate(batches)]
        self._parts = dask.persist(*parts)
        self._meta = dask.compute(self._parts[0])[0] if parts else {}

    def _frame(self, name: str) -> dd.DataFrame:
        meta = self._meta[name].iloc[0:0]
        pieces = [dask.delayed(_pick)(part, name) for part in self._parts]
        with dask.config.set({"dataframe.convert-string": False}):  # object columns (times of several zones) stay objects
            return dd.from_delayed(pieces, meta=meta, verify_meta=False).map_partitions(
                self._with_outlets, meta=self._with_outlets(meta)
            )

    @cached_property
    def outlets(self) -> pd.CategoricalDtype:
        """The outlet vocabulary of the whole corpus (the pandas path's categories)."""
        names = pd.concat([self._frame_raw("articles")["outlet"].astype(str).compute()])
        return pd.CategoricalDtype(sorted(set(names)))

    def _frame_raw(self, name: str) -> dd.DataFrame:
        pieces = [dask.delayed(_pick)(part, name) for part in self._parts]
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_delayed(pieces, meta=self._meta[name].iloc[0:0], verify_meta=False)

    def _with_outlets(self, frame: pd.DataFrame) -> pd.DataFrame:
        if "outlet" not in frame:
            return frame
        return frame.assign(outlet=frame["outlet"].astype(str).astype(self.outlets))

    def __getattr__(self, name: str) -> dd.DataFrame:
        if name in (*PER_ARTICLE, "posts", "articles"):
            return self._frame(name)
        raise AttributeError(name)

    @cached_property
    def _reduced(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        raw = self._frame("quotes").compute().reset_index(drop=True)
        return canonicalise(raw, read_overrides())

    @property
    def quotes(self) -> dd.DataFrame:
        """Quotations with canonical speakers (the reduce step), as many partitions as tasks."""
        return _from_pandas(self._reduced[0], max(1, len(self._parts)))

    @property
    def speaker_outlets(self) -> dd.DataFrame:
        return _from_pandas(self._reduced[1])

    @property
    def speaker_names(self) -> dd.DataFrame:
        return _from_pandas(speaker_names(self._reduced[0]))

    @property
    def speakers(self) -> dd.DataFrame:
        names = speaker_names(self._reduced[0])
        return _from_pandas(speaker_table(self._reduced[1], names))


def _pick(frames: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return frames[name]


def _from_pandas(frame: pd.DataFrame, npartitions: int = 1) -> dd.DataFrame:
    """A Dask DataFrame with exactly the pandas dtypes (Dask would turn object columns into strings)."""
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(frame, npartitions=npartitions, sort=False)


def load_dask_corpus(sources: list[ArticleSource], articles_per_task: int | None = None) -> DaskCorpus:
    """The Dask version of ``load_corpus``: see the module docstring."""
    return DaskCorpus(sources, articles_per_task)
