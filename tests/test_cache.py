"""The per-article Parquet cache: same frames as computing afresh, and only changed articles recomputed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs.assemble.pipeline import PER_ARTICLE

FRAMES = (*PER_ARTICLE, "posts", "quotes", "speakers", "speaker_names")


@pytest.fixture()
def folder(tmp_path: Path, corpus) -> Path:
    """A copy of the bundled articles with their manifest, which a test may change."""
    target = tmp_path / "data"
    shutil.copytree(Path(corpus.articles["path"].iloc[0]).parents[1], target)
    return target


def test_cached_frames_equal_computed_frames(folder: Path, tmp_path: Path) -> None:
    fresh = liveblogs.load_corpus(folder, cache=False)
    first = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in FRAMES:
        getattr(first, name)
    again = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(fresh, name), obj=name)
    assert first.cache_hits == 0 and again.cache_hits == 2


def test_a_changed_file_recomputes_only_that_article(folder: Path, tmp_path: Path) -> None:
    liveblogs.load_corpus(folder, cache=tmp_path / "cache").posts
    bbc = folder / "articles" / "002_9be14b46189953d5.txt"
    bbc.write_text(bbc.read_text(encoding="utf-8") + "\nOne more line was added.\n", encoding="utf-8")
    changed = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    assert changed.posts["text"].str.contains("One more line was added.").any()
    assert changed.cache_hits == 1


def test_a_changed_manifest_row_is_a_different_entry(folder: Path, tmp_path: Path) -> None:
    liveblogs.load_corpus(folder, cache=tmp_path / "cache").posts
    manifest = folder / "manifest.csv"
    manifest.write_text(manifest.read_text().replace("2025-02-13,Europe/London,,,utf-8\narticles/002", "2025-02-14,Europe/London,,,utf-8\narticles/002"))
    moved = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    sky = moved.posts[moved.posts["article"] == "000_2c500cf6056b66b7"]
    assert moved.cache_hits == 1
    assert sky["time_earliest"].dropna().dt.day.eq(14).all()


def test_turning_the_speaker_ranker_off_never_reads_frames_cached_with_it_on(folder: Path, tmp_path: Path,
                                                                             monkeypatch) -> None:
    import liveblogs.assemble.corpus as corpus_module

    calls = []
    original = corpus_module.batch_frames
    monkeypatch.setattr(corpus_module, "batch_frames", lambda *a, **k: calls.append(1) or original(*a, **k))

    def quotes_computed() -> bool:
        before = len(calls)
        liveblogs.load_corpus(folder, cache=tmp_path / "cache").quotes
        return len(calls) > before

    assert quotes_computed()  # ranker on: computed and stored
    monkeypatch.setenv("LIVEBLOGS_RANKER", "0")
    assert quotes_computed()  # rules only: its own entry, not the ranker's
    assert not quotes_computed()  # rules only again: read back
    monkeypatch.delenv("LIVEBLOGS_RANKER")
    assert not quotes_computed()  # ranker on again: the first entry, read back


def test_progress_is_reported_per_article(folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    liveblogs.load_corpus(folder, cache=False, progress=lambda done, total: calls.append((done, total))).posts
    assert calls == [(1, 2), (2, 2)]


CORPUS_FRAMES = (*FRAMES, "tokens", "speaker_outlets", "story_links", "stories")


def frame_of(corpus, name: str) -> pd.DataFrame:
    """A corpus frame by name, the articles frame and ``coverage_timing()`` included."""
    return corpus.coverage_timing() if name == "coverage_timing" else getattr(corpus, name)


def assert_same_frame(got: pd.DataFrame, expected: pd.DataFrame, name: str) -> None:
    """Equal values and dtypes, and the same Python type in every cell of object columns.

    ``assert_frame_equal`` calls a list and an array with the same items equal; code that
    reads the cells does not always treat them alike (Parquet reads lists back as arrays)."""
    pd.testing.assert_frame_equal(got, expected, obj=name)
    for column in expected.columns[expected.dtypes == object]:
        assert [type(v) for v in got[column]] == [type(v) for v in expected[column]], (name, column)


def _refuse(*args, **kwargs):
    raise AssertionError("recomputed although the corpus was cached")


def test_reopening_a_cached_corpus_recomputes_nothing(folder: Path, tmp_path: Path, monkeypatch) -> None:
    names = ("articles", *CORPUS_FRAMES, "coverage_timing")
    fresh = liveblogs.load_corpus(folder, cache=False)
    expected = {name: frame_of(fresh, name) for name in names}
    first = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in names:
        frame_of(first, name)
    for target in ("liveblogs.assemble.corpus.batch_frames", "liveblogs.assemble.corpus.canonicalise", "liveblogs.assemble.corpus.speaker_table",
                   "liveblogs.compare.stories.story_links", "liveblogs.compare.stories.stories", "liveblogs.assemble.corpus.sentence_tokens",
                   "liveblogs.compare.stories.coverage_timing", "liveblogs.ingest.sources.inferred_fields"):
        monkeypatch.setattr(target, _refuse)
    again = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in names:
        assert_same_frame(frame_of(again, name), expected[name], name)
    assert again.cache_hits == 2


def test_the_fields_read_from_the_texts_are_cached_not_read_again(tmp_path: Path, monkeypatch) -> None:
    """Outlet, title, date (and where it is written), zone: inferred from the texts when no manifest
    gives them (the held-out set), stored on the first open, read back equal on the next."""
    heldout = Path(__file__).parent / "fixtures" / "heldout"
    fresh = liveblogs.load_corpus(heldout, cache=False).articles
    assert fresh["published_source"].astype(str).eq("text").any() and fresh["timezone_source"].astype(str).eq("text").any()
    pd.testing.assert_frame_equal(liveblogs.load_corpus(heldout, cache=tmp_path / "cache").articles, fresh)
    monkeypatch.setattr("liveblogs.ingest.sources.inferred_fields", _refuse)
    pd.testing.assert_frame_equal(liveblogs.load_corpus(heldout, cache=tmp_path / "cache").articles, fresh)
    for together in (tmp_path / "cache" / "fields").glob("corpus-*"):  # each article's own entry is read then
        together.unlink()
    pd.testing.assert_frame_equal(liveblogs.load_corpus(heldout, cache=tmp_path / "cache").articles, fresh)
    (tmp_path / "cache" / "fields").rename(tmp_path / "old")
    with pytest.raises(AssertionError, match="recomputed"):
        liveblogs.load_corpus(heldout, cache=tmp_path / "cache")


def test_a_new_cache_version_reads_no_older_entry(monkeypatch) -> None:
    from liveblogs.assemble import cache

    before = cache.package_fingerprint()
    monkeypatch.setattr(cache, "CACHE_VERSION", cache.CACHE_VERSION + "+1")
    cache.package_fingerprint.cache_clear()
    try:
        assert cache.package_fingerprint() != before
    finally:
        monkeypatch.undo()
        cache.package_fingerprint.cache_clear()
    assert cache.package_fingerprint() == before


def test_corpus_frames_of_mixed_timed_and_untimed_blogs_survive_the_cache(tmp_path: Path) -> None:
    heldout = Path(__file__).parent / "fixtures" / "heldout"
    fresh = liveblogs.load_corpus(heldout, cache=False)
    liveblogs.load_corpus(heldout, cache=tmp_path / "cache").stories
    again = liveblogs.load_corpus(heldout, cache=tmp_path / "cache")
    for name in ("posts", "quotes", "speaker_outlets", "speakers", "story_links", "stories", "time_references"):
        assert_same_frame(getattr(again, name), getattr(fresh, name), name)


def test_an_edited_speaker_table_recomputes_the_speakers(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LIVEBLOGS_DATA", str(folder))

    def group_of(corpus, name: str) -> str:
        return corpus.speakers.set_index("name").loc[name, "group"]

    before = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    assert group_of(before, "Deborah Haynes") != "China"
    table = folder / "speakers.csv"
    table.write_text(table.read_text(encoding="utf-8") + "Deborah Haynes,,China,\n", encoding="utf-8")
    after = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    assert group_of(after, "Deborah Haynes") == "China"
    assert after.cache_hits == 2  # the articles themselves were not recomputed


CORPUS_LEVEL = ("articles", *FRAMES, "tokens", "speaker_outlets", "story_links", "stories", "coverage_timing")


@pytest.mark.parametrize("level", ["corpus", "article"])
def test_a_reopened_corpus_of_several_time_zones_equals_the_fresh_one(folder: Path, tmp_path: Path, level: str) -> None:
    """Articles in two zones give object time columns (each time in its own zone): a reopened
    corpus, from its corpus-level entry or rebuilt from the per-article entries, gives the same
    frames, dtypes, values and missing markers (NaT, <NA>) included."""
    manifest = folder / "manifest.csv"
    lines = manifest.read_text().splitlines()
    lines[2] = lines[2].replace("Europe/London", "America/New_York")
    manifest.write_text("\n".join(lines) + "\n")
    fresh = liveblogs.load_corpus(folder, cache=False)
    assert fresh.post_times["time"].dtype == object
    first = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in CORPUS_LEVEL:
        frame_of(first, name)
    if level == "article":
        shutil.rmtree(tmp_path / "cache" / "corpus")
    again = liveblogs.load_corpus(folder, cache=tmp_path / "cache")
    for name in CORPUS_LEVEL:
        assert_same_frame(frame_of(again, name), frame_of(fresh, name), name)
    assert again.cache_hits == 2
