"""Corpora beyond one machine: the per-article step mapped over Dask, the corpus steps as a reduce.

``load_corpus(paths, engine="dask")`` submits one Dask task per batch of articles (the pure map
step, :func:`liveblogs.pipeline.batch_frames`: up to ``ARTICLES_PER_TASK`` articles, fewer on small
corpora so that every worker gets tasks); a task reads its files and returns every per-article
frame of its batch, and the results stay on the cluster. :meth:`DaskCorpus.to_pandas` fetches them
all in one ``dask.compute`` into a pandas :class:`~liveblogs.assemble.corpus.Corpus`; otherwise
every per-article frame is a Dask DataFrame (one partition per task) with the same columns and
dtypes as the pandas path. The steps that need every article — canonical speakers across outlets,
stories — are the reduce step: they run once, on the client, with the same functions as the
pandas path, on the quotations alone (``quotes``, the speaker tables) or on every frame
(``to_pandas()``).

To use an existing cluster, connect a ``distributed.Client`` first (``Client("tcp://host:8786")``):
Dask then runs every task there."""

from __future__ import annotations

import math
import uuid
from functools import cached_property
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

from .corpus import TIME_COLUMNS, Corpus, fewer_collections
from .pipeline import PER_ARTICLE, batch_frames, concat_frames
from ..quotes.quotes import canonicalise
from ..ingest.sources import ArticleSource, article_frame, concat_article_frames
from ..quotes.speakers import read_overrides, speaker_names, speaker_table
from ..ingest.usertables import table_path


# Articles per Dask task: the batch size of the pandas path (pipeline.batch_frames), measured in
# benchmarks/results/speed_s5.md (round 1) to keep per-task overhead small; not swept further.
ARTICLES_PER_TASK = 64


def process_source(source: ArticleSource) -> dict[str, pd.DataFrame]:
    """Read one article file and compute every per-article frame, with its articles row and posts."""
    return process_sources([source])


def process_sources(sources: list[ArticleSource]) -> dict[str, pd.DataFrame]:
    """Read a batch of article files and compute their per-article frames (built once for the
    batch), with their articles rows and posts."""
    with fewer_collections():  # as the pandas path builds its frames
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
    """The frames of a corpus as Dask DataFrames; ``.compute()`` any of them to get pandas back,
    or :meth:`to_pandas` to get them all at once."""

    def __init__(self, sources: list[ArticleSource], articles_per_task: int | None = None,
                 tables_dir: Path | None = None) -> None:
        self.sources = sources
        self.tables_dir = tables_dir  # where speakers.csv / story_links.csv are looked for first
        batches = task_batches(sources, articles_per_task)
        # Keys unique to this corpus: a key names a result the cluster may still hold.
        run = uuid.uuid4().hex[:12]
        # A batch travels as one literal: left to itself, Dask would unpack every source (a
        # dataclass) into a task of its own (16,000 tasks, 0.6 s to build, for 2,000 articles).
        parts = [dask.delayed(process_sources)(dask.delayed(batch, name=f"sources-{run}-{i}", traverse=False),
                                               dask_key_name=f"articles-{run}-{i}")
                 for i, batch in enumerate(batches)]
        self._parts = dask.persist(*parts)

    def to_pandas(self) -> Corpus:
        """The whole corpus on this machine: every task's frames fetched (each as soon as its task
        is done, on a distributed cluster, so that fetching overlaps the map), concatenated as the pandas path concatenates its batches, in a pandas :class:`Corpus` whose
        corpus steps (speakers, stories, tokens) run here on first use. Its frames equal
        ``load_corpus(paths, cache=False)``'s."""
        parts = _fetched(self._parts)
        articles = concat_article_frames([part["articles"] for part in parts])
        return Corpus.from_parts(articles, parts, tables_dir=self.tables_dir)

    @cached_property
    def _meta(self) -> dict[str, pd.DataFrame]:
        """Every frame's columns and dtypes: the empty frames of the first task (only they travel)."""
        return dask.compute(dask.delayed(_empty)(self._parts[0]))[0] if self._parts else {}

    def _frame(self, name: str) -> dd.DataFrame:
        raw = self._frame_raw(name)
        meta = self._meta[name].iloc[0:0]
        if "outlet" not in meta:
            return raw
        return raw.map_partitions(_with_outlets, self.outlets, meta=_with_outlets(meta, self.outlets))

    def _frame_raw(self, name: str) -> dd.DataFrame:
        pieces = [dask.delayed(_pick)(part, name) for part in self._parts]
        with dask.config.set({"dataframe.convert-string": False}):  # object columns (times of several zones) stay objects
            return dd.from_delayed(pieces, meta=self._meta[name].iloc[0:0], verify_meta=False)

    @cached_property
    def outlets(self) -> pd.CategoricalDtype:
        """The outlet vocabulary of the whole corpus (the pandas path's categories)."""
        names = dask.compute(*[dask.delayed(_outlet_names)(part) for part in self._parts])
        return pd.CategoricalDtype(sorted(set().union(*names)))

    def __getattr__(self, name: str) -> dd.DataFrame:
        if name in (*PER_ARTICLE, "posts", "articles"):
            return self._frame(name)
        raise AttributeError(name)

    @cached_property
    def _reduced(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The reduce step: every task's quotations fetched in one ``dask.compute`` (only they
        travel), concatenated, and canonicalised once here, as the pandas path does."""
        raw = concat_frames(dask.compute(*[dask.delayed(_pick)(part, "quotes") for part in self._parts]))
        raw["outlet"] = raw["outlet"].astype(str).astype(self.outlets)
        return canonicalise(raw, read_overrides(table_path("speakers.csv", self.tables_dir)))

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


def _fetched(parts: tuple) -> list[dict[str, pd.DataFrame]]:
    """The results of the persisted batch tasks, in order. On a distributed cluster each is
    fetched as soon as it is done, while the others still run; else one ``dask.compute``."""
    try:
        from distributed import as_completed, futures_of
    except ImportError:
        return list(dask.compute(*parts))
    futures = [future for part in parts for future in futures_of(part)]
    if len(futures) != len(parts):  # not persisted on a distributed client
        return list(dask.compute(*parts))
    done = {future.key: result for future, result in as_completed(futures, with_results=True)}
    return [done[future.key] for future in futures]


def _empty(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: frame.iloc[0:0] for name, frame in frames.items()}


def _outlet_names(frames: dict[str, pd.DataFrame]) -> set[str]:
    return set(frames["articles"]["outlet"].astype(str))


def _with_outlets(frame: pd.DataFrame, outlets: pd.CategoricalDtype) -> pd.DataFrame:
    return frame.assign(outlet=frame["outlet"].astype(str).astype(outlets))


def _pick(frames: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return frames[name]


def _from_pandas(frame: pd.DataFrame, npartitions: int = 1) -> dd.DataFrame:
    """A Dask DataFrame with exactly the pandas dtypes (Dask would turn object columns into strings)."""
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(frame, npartitions=npartitions, sort=False)


def load_dask_corpus(sources: list[ArticleSource], articles_per_task: int | None = None,
                     tables_dir: Path | None = None) -> DaskCorpus:
    """The Dask version of ``load_corpus``: see the module docstring."""
    return DaskCorpus(sources, articles_per_task, tables_dir)
