"""One entry point, ``load_corpus``, returning a ``Corpus`` whose frames are computed on first use.

Every frame carries ``article``, ``start`` and ``end`` (and ``post`` below the article level) so
that ``corpus.text(article)[start:end]`` gives each row back and frames join on those keys.

The work is a map and a reduce: :func:`liveblogs.pipeline.article_frames` computes every
per-article frame from one file (cached as Parquet per file, see :mod:`liveblogs.cache`), then
the corpus-wide steps — canonical speakers across outlets — run on the concatenated frames.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from . import cache as cache_module
from ..compare import framing
from ..compare import stories as stories_module
from .pipeline import PER_ARTICLE, batch_frames, concat_frames
from ..quotes.quotes import canonicalise
from ..text.document import sentence_tokens
from ..text.segment import TOKEN_KINDS, normalise_token
from ..ingest.sources import article_frame, resolve_sources
from ..quotes.speakers import read_overrides, speaker_names, speaker_table
from ..ingest.usertables import table_path

TIME_COLUMNS = ["time", "time_earliest", "time_latest", "time_source", "time_evidence"]
TOKEN_COLUMNS = ["article", "post", "sentence", "token", "start", "end", "text", "norm", "kind"]
TOKEN_KIND_DTYPE = pd.CategoricalDtype(list(TOKEN_KINDS))
_KIND_CODES = {kind: code for code, kind in enumerate(TOKEN_KINDS)}
Progress = Callable[[int, int], None]
BATCH_ARTICLES = 64  # articles whose per-article frames are built together (see ``pipeline.batch_frames``)


def _per_article_frame(name: str, doc: str) -> property:
    """A read-only property giving the concatenated per-article frame ``name``."""
    return property(lambda self: self._per_article[name], doc=doc)


class Corpus:
    """The articles and every frame derived from them, each computed once, on first use."""

    def __init__(self, articles: pd.DataFrame, cache_dir: Path | None = None, progress: Progress | None = None,
                 tables_dir: Path | None = None) -> None:
        self.articles = articles
        self.cache_dir = cache_dir
        self.tables_dir = tables_dir  # where speakers.csv / story_links.csv are looked for first
        self.progress = progress
        self.cache_hits = 0
        self._texts: dict[str, str] = dict(zip(articles["article"], articles["text"]))

    def __repr__(self) -> str:
        outlets = ", ".join(sorted(map(str, self.articles["outlet"].unique())))
        return f"<Corpus: {len(self.articles)} articles from {outlets}>"

    @property
    def texts(self) -> dict[str, str]:
        """Article id → decoded text, for every article."""
        return dict(self._texts)

    def text(self, article: str) -> str:
        """The decoded text of one article; every offset in the corpus indexes it."""
        return self._texts[article]

    # -- the map step: per-article frames, from the cache or computed ---------------------------

    def _article_parts(self) -> list[dict[str, pd.DataFrame]]:
        """The per-article frames of every article, a batch of articles at a time: from the cache
        (one part per cached article) or computed (one part per batch of articles not cached)."""
        parts: list[dict[str, pd.DataFrame]] = []
        pending: list[int] = []
        total = len(self.articles)

        def flush() -> None:
            if not pending:
                return
            batch = self.articles.iloc[pending[0] : pending[-1] + 1]
            frames = batch_frames(batch)
            if self.cache_dir is not None:
                for (_, row), own in zip(batch.iterrows(), split_articles(frames, batch["article"].tolist())):
                    cache_module.store(self.cache_dir, row, own)
            parts.append(frames)
            if self.progress is not None:  # one call per article, once its batch is done
                for index in pending:
                    self.progress(index + 1, total)
            pending.clear()

        for index in range(total):
            if self.cache_dir is not None:
                cached = cache_module.load(self.cache_dir, self.articles.iloc[index])
                if cached is not None:
                    flush()
                    self.cache_hits += 1
                    parts.append(cached)
                    if self.progress is not None:
                        self.progress(index + 1, total)
                    continue
            pending.append(index)
            if len(pending) >= BATCH_ARTICLES:
                flush()
        flush()
        return parts

    @cached_property
    def _article_keys(self) -> list[str]:
        return cache_module.article_keys(self.articles)

    def _cached(self, names: tuple[str, ...], compute: Callable[[], dict[str, pd.DataFrame]], *inputs: str) -> dict[str, pd.DataFrame]:
        """Corpus-level frames read from the cache when all are there, else computed and stored.

        The entry is keyed by every article's key, in order, and ``inputs`` (digests of the other
        tables the frames depend on)."""
        with fewer_collections():
            if self.cache_dir is None:
                return compute()
            entry = cache_module.corpus_entry(self.cache_dir, self._article_keys, *inputs)
            frames = cache_module.load_frames(entry, names)
            if frames is None:
                frames = compute()
                cache_module.store_frames(entry, frames)
            return frames

    def _cached_frame(self, name: str, compute: Callable[[], pd.DataFrame], *inputs: str) -> pd.DataFrame:
        """One corpus-level frame, from the cache or computed (see :meth:`_cached`)."""
        return self._cached((name,), lambda: {name: compute()}, *inputs)[name]

    @cached_property
    def _per_article(self) -> dict[str, pd.DataFrame]:
        computed = False

        def compute() -> dict[str, pd.DataFrame]:
            nonlocal computed
            computed = True
            return self._concatenated_articles()

        combined = self._cached(PER_ARTICLE, compute)
        if not computed:
            self.cache_hits = len(self.articles)
            if self.progress is not None:
                self.progress(len(self.articles), len(self.articles))
        return combined

    def _concatenated_articles(self) -> dict[str, pd.DataFrame]:
        return combine_parts(self._article_parts(), self.articles)

    @classmethod
    def from_parts(cls, articles: pd.DataFrame, parts: list[dict[str, pd.DataFrame]],
                   tables_dir: Path | None = None) -> Corpus:
        """The corpus of ``articles`` whose per-article frames were computed elsewhere, a batch of
        articles per part, in order (the map step run on a cluster: :mod:`liveblogs.assemble.scale`);
        the corpus steps (speakers, stories, tokens) run here, on first use. No cache."""
        corpus = cls(articles, tables_dir=tables_dir)
        corpus.__dict__["_per_article"] = combine_parts(parts, articles)
        return corpus

    # Frames computed per article and concatenated: one property each, read from the shared map.
    paragraphs = _per_article_frame(
        "paragraphs", "One row per paragraph (hard-wrapped lines rejoined), with its role and post."
    )
    units = _per_article_frame("units", "The posts frame before times are added (what the time clues are read from).")
    sentences = _per_article_frame("sentences", "One row per sentence, within paragraphs, with a normalised form.")
    time_references = _per_article_frame(
        "time_references",
        "Every time clue in the text: stamps, run-on times, cross-references; what each resolved to and pins.",
    )
    post_times = _per_article_frame(
        "post_times", "Per unit: best time, earliest and latest bounds, source, evidence, blog order and conflicts."
    )
    cross_reference_links = _per_article_frame(
        "cross_reference_links",
        'Per cross-reference ("see our 7.50am post"): the post it points to, with score and evidence.',
    )
    event_times = _per_article_frame(
        "event_times",
        'Times the text gives for events ("last night", "this morning"), resolved against their post\'s time.',
    )

    @cached_property
    def posts(self) -> pd.DataFrame:
        """One row per unit of the blog (title, standfirst, summary, post, byline, timestamp, boilerplate),
        with its best time, bounds, the source of that time and the evidence for it."""
        return self._cached_frame("posts", self._timed_units)

    def _timed_units(self) -> pd.DataFrame:
        timed = self.post_times[["article", "post", *TIME_COLUMNS]]
        return self.units.merge(timed, on=["article", "post"], how="left", validate="one_to_one")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per token, with its sentence, kind (word, number, punct, quote, symbol) and normal form.

        Computed only when asked for: it is the largest frame."""
        return self._cached_frame("tokens", self._computed_tokens)

    def _computed_tokens(self) -> pd.DataFrame:
        return token_frame(self._texts, self.sentences)

    # -- the reduce step: speakers across the corpus ---------------------------------------------

    @cached_property
    def _speaker_overrides(self) -> pd.DataFrame:
        return read_overrides(table_path("speakers.csv", self.tables_dir))

    @cached_property
    def _link_overrides(self) -> pd.DataFrame:
        table = stories_module.read_link_overrides(table_path("story_links.csv", self.tables_dir))
        return stories_module.check_link_references(table, self.units[["article", "post"]])

    def _speaker_inputs(self) -> tuple[str, ...]:
        """What frames built on the canonical speakers depend on besides the articles: ``data/speakers.csv``."""
        return ("speakers", cache_module.table_digest(self._speaker_overrides))

    def _story_inputs(self) -> tuple[str, ...]:
        """What frames built on the story links depend on: both user-editable tables."""
        return (*self._speaker_inputs(), "stories", cache_module.table_digest(self._link_overrides))

    @cached_property
    def _quotes_and_speakers(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        def compute() -> dict[str, pd.DataFrame]:
            quotes, speaker_outlets = canonicalise(self._per_article["quotes"], self._speaker_overrides)
            return {"quotes": quotes, "speaker_outlets": speaker_outlets}

        frames = self._cached(("quotes", "speaker_outlets"), compute, *self._speaker_inputs())
        return frames["quotes"], frames["speaker_outlets"]

    @property
    def quotes(self) -> pd.DataFrame:
        """One row per quotation: the words inside the marks, where, who said them, the cue and how we know."""
        return self._quotes_and_speakers[0]

    @property
    def speaker_outlets(self) -> pd.DataFrame:
        """One row per speaker and outlet: the aliases and descriptions that outlet uses, quote counts."""
        return self._quotes_and_speakers[1]

    @cached_property
    def speaker_names(self) -> pd.DataFrame:
        """One row per speaker × outlet × written form of the name, with where it is first used."""
        return self._cached_frame("speaker_names", lambda: speaker_names(self.quotes), *self._speaker_inputs())

    @cached_property
    def speakers(self) -> pd.DataFrame:
        """One row per person or body quoted: canonical name, group, every alias and description, totals."""
        return self._cached_frame(
            "speakers", lambda: speaker_table(self.speaker_outlets, self.speaker_names), *self._speaker_inputs()
        )

    # -- the reduce step: stories across outlets ---------------------------------------------------

    @cached_property
    def story_links(self) -> pd.DataFrame:
        """Pairs of posts that report the same event or statement, with the score and the evidence."""
        def compute() -> pd.DataFrame:
            published = self.articles.set_index("article")["published"]
            vectors = stories_module.story_vectors(self._story_units, published)
            links = stories_module.story_links(self.posts, self.paragraphs, self.quotes, self._link_overrides,
                                               published, self._story_units, vectors)
            self._vectors_for_stories = vectors  # read once by :attr:`stories`, then let go
            return links

        return self._cached_frame("story_links", compute, *self._story_inputs())

    @cached_property
    def _story_units(self) -> pd.DataFrame:
        """The units the story links and the stories compare (made once, for whichever is computed)."""
        return stories_module.story_units(self.posts, self.paragraphs)

    @cached_property
    def stories(self) -> pd.DataFrame:
        """Posts of every outlet grouped into stories: one row per story × post, with label, link and time."""
        def compute() -> pd.DataFrame:
            links = self.story_links
            vectors = self.__dict__.pop("_vectors_for_stories", None)  # the links' vectors, when just made
            return stories_module.stories(self.posts, self.paragraphs, links, self.quotes, self.post_times,
                                          self._story_units, vectors)

        return self._cached_frame("stories", compute, *self._story_inputs())

    def coverage_timing(self) -> pd.DataFrame:
        """One row per story × outlet: covered or not, first coverage time with bounds, lag behind the first."""
        return self._coverage_timing

    @cached_property
    def _coverage_timing(self) -> pd.DataFrame:
        return self._cached_frame(
            "coverage_timing",
            lambda: stories_module.coverage_timing(self.stories, outlets=list(self.articles["outlet"].cat.categories)),
            *self._story_inputs(),
        )

    def compare_outlets(self) -> dict[str, pd.DataFrame]:
        """Who each outlet quotes that the others do not, single-outlet stories, naming differences,
        spelling variants and distinguishing terms (log-odds with an informative Dirichlet prior)."""
        return framing.outlet_differences(
            self.quotes, self.speakers, self.speaker_names, self.coverage_timing(), self.texts, self.articles,
            self.sentences, self.posts,
        )

    # -- checks ------------------------------------------------------------------------------------

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame whose rows carry offsets, with the text those offsets give (for checks and exports)."""
        return {
            "articles": self.articles, "posts": self.posts, "paragraphs": self.paragraphs,
            "sentences": self.sentences, "tokens": self.tokens,
            "quotes": self.quotes.assign(text=self._spans(self.quotes)),
            "speaker_names": self.speaker_names.assign(text=self.speaker_names["alias"]),
            "speakers": self._named_speakers(),
            "time_references": self.time_references,
            "stories": self.stories.assign(text=self._spans(self.stories)),
        }

    def _spans(self, frame: pd.DataFrame) -> list[str]:
        return [self._texts[a][s:e] for a, s, e in zip(frame["article"], frame["start"], frame["end"])]

    def _named_speakers(self) -> pd.DataFrame:
        named = self.speakers.dropna(subset=["article"])
        return named.assign(text=self._spans(named))


# Allocations between two collections of the youngest generation while corpus frames are built
# (Python's default: 700). Building frames allocates millions of objects that live on (rows,
# strings, arrays); at the default the collector ran ~1,900 times for 400 articles and took 6% of
# the CPU time, re-scanning survivors. Only when collections run changes, never what is built.
GC_YOUNG_THRESHOLD = 50_000


@contextmanager
def fewer_collections():
    """Collect the youngest generation less often inside the block (restored after it)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def combine_parts(parts: list[dict[str, pd.DataFrame]], articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-article frames of every part (a batch of articles each, in order) concatenated,
    with the corpus's outlet vocabulary (that of ``articles``)."""
    outlets = pd.CategoricalDtype(articles["outlet"].cat.categories)
    combined = {name: concat_frames([p[name] for p in parts]) for name in PER_ARTICLE}
    for name in ("units", "quotes"):
        combined[name]["outlet"] = combined[name]["outlet"].astype(str).astype(outlets)
    return combined


def split_articles(frames: dict[str, pd.DataFrame], articles: list[str]) -> list[dict[str, pd.DataFrame]]:
    """The frames of a batch (``pipeline.batch_frames``) cut back into each article's own frames."""
    rows = {name: frame.groupby("article", sort=False).indices if len(frame) else {} for name, frame in frames.items()}
    return [
        {name: frame.iloc[rows[name][a]].reset_index(drop=True) if a in rows[name] else frame.iloc[0:0].reset_index(drop=True)
         for name, frame in frames.items()}
        for a in articles
    ]


# Tokens typed per batch of articles of about this many tokens: few frames, so building them costs
# little (a frame per article was a third of the tokens stage: 0.21 against 0.14 CPU-s on 100
# PolNeAR articles), and small Python lists behind each batch (the 5.6 M tokens of 1,000 mixed
# articles at once raised the peak by 1 GB, batches of 2**18 by 0.1 GB, 2**16 by nothing measurable
# against a frame per article). Measured on those two corpora, session 9.
TOKEN_BATCH = 1 << 16


def token_frame(texts: Mapping[str, str], sentences: pd.DataFrame, batch: int = TOKEN_BATCH) -> pd.DataFrame:
    """The tokens frame of every article's sentences: the one tokeniser (:func:`sentence_tokens`)
    over each article's sentences in turn, the columns typed once per batch of about ``batch``
    tokens. Articles come in order of first appearance in ``sentences``; ``token`` counts from 0 in each."""
    articles, starts, ends = (sentences[c].tolist() for c in ("article", "start", "end"))
    posts, numbers = sentences["post"].to_numpy(), sentences["sentence"].to_numpy()
    rows: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        rows.setdefault(article, []).append(i)
    frames, part, size = [], [], 0
    for article, at in rows.items():
        found = sentence_tokens(texts[article], [starts[i] for i in at], [ends[i] for i in at])
        part.append((article, at, found))
        size += len(found["text"])
        if size >= batch:
            frames.append(_token_batch(part, posts, numbers))
            part, size = [], 0
    if part or not frames:
        frames.append(_token_batch(part, posts, numbers))
    return concat_frames(frames, TOKEN_COLUMNS)


def _token_batch(part: list[tuple[str, list[int], dict[str, list]]], posts: np.ndarray,
                 numbers: np.ndarray) -> pd.DataFrame:
    """The tokens frame of a batch of articles: (article, its sentence rows, its sentence tokens)."""
    def joined(column: str) -> list:
        return [v for _, _, found in part for v in found[column]]

    at = [i for _, rows, _ in part for i in rows]
    counts = np.array([n for _, _, found in part for n in found["per_sentence"]], dtype=np.int64)
    words = joined("text")
    return pd.DataFrame(
        {
            "article": pd.array([a for a, _, found in part for _ in found["text"]], dtype="string"),
            "post": np.repeat(posts[at], counts),
            "sentence": np.repeat(numbers[at], counts),
            "token": np.concatenate([np.arange(len(f["text"]), dtype=np.int64) for _, _, f in part] or [np.array([], dtype=np.int64)]),
            "start": np.array(joined("start"), dtype=np.int64),
            "end": np.array(joined("end"), dtype=np.int64),
            "text": pd.array(words, dtype="string"),
            "norm": pd.array([normalise_token(w) for w in words], dtype="string"),
            "kind": pd.Categorical.from_codes([_KIND_CODES[k] for k in joined("kind")], dtype=TOKEN_KIND_DTYPE),
        },
        columns=TOKEN_COLUMNS,
    )


def load_corpus(
    source: str | Path | list | tuple | None = None,
    *,
    cache: bool | str | Path = True,
    progress: Progress | None = None,
    engine: str = "pandas",
):
    """Load articles: the bundled ones (None), a folder, a manifest CSV, one file or a list of files.

    ``cache``: True (the default folder, see :mod:`liveblogs.cache`), a folder, or False.
    ``progress``: called as ``progress(done, total)`` while articles are processed.
    ``engine="dask"`` maps the per-article step over a Dask bag and returns a
    :class:`liveblogs.scale.DaskCorpus` whose frames are Dask DataFrames.
    """
    sources = resolve_sources(source)
    if engine == "dask":
        from .scale import load_dask_corpus

        return load_dask_corpus(sources, tables_dir=_tables_dir(source))
    if engine != "pandas":
        raise ValueError(f"load_corpus: engine must be 'pandas' or 'dask', not {engine!r}")
    cache_dir = None if cache is False else (cache_module.default_cache_dir() if cache is True else Path(cache))
    articles = article_frame(sources) if cache_dir is None else cache_module.article_frame(sources, cache_dir)
    return Corpus(articles, cache_dir=cache_dir, progress=progress, tables_dir=_tables_dir(source))


def _tables_dir(source: object) -> Path | None:
    """The folder whose speakers.csv / story_links.csv go with these articles: the folder given, or
    the folder of the manifest given; None (the package's data/) for the bundled articles and files."""
    if source is None or isinstance(source, (list, tuple)):
        return None
    path = Path(source)
    if path.is_dir():
        return path
    return path.parent if path.suffix.lower() == ".csv" else None
