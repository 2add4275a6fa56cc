"""Loading: decoding, newlines, and every kind of bad input gets a clear error or a correct result."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import liveblogs
from liveblogs import ArticleError, ManifestError


QUOTE_FRAMES = ("quotes", "speaker_names", "speakers", "time_references", "stories")  # empty when a text quotes nobody or gives no time


def load_all_frames(path: Path | list[Path]) -> liveblogs.Corpus:
    corpus = liveblogs.load_corpus(path)
    for name, frame in corpus.frames().items():
        assert len(frame) >= 1 or name in QUOTE_FRAMES
    return corpus


def test_missing_path_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"nope\.txt: no such file"):
        liveblogs.load_corpus(tmp_path / "nope.txt")


def test_folder_without_articles_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(ArticleError, match="no article files"):
        liveblogs.load_corpus(tmp_path)


def test_empty_file_is_an_error(write_article) -> None:
    with pytest.raises(ArticleError, match=r"article\.txt: file is empty"):
        liveblogs.load_corpus(write_article(b""))


def test_whitespace_only_file_is_an_error(write_article) -> None:
    with pytest.raises(ArticleError, match="only white space"):
        liveblogs.load_corpus(write_article("\n \n\t\n"))


def test_binary_file_names_the_offset(write_article) -> None:
    with pytest.raises(ArticleError, match="NUL byte at byte offset 3"):
        liveblogs.load_corpus(write_article(b"\x89PN\x00G\r\n"))


def test_cp1252_file_names_the_bad_byte_and_offset(write_article) -> None:
    path = write_article("Zelensky said: ".encode() + b"\x93peace\x94.")
    with pytest.raises(ArticleError, match=r"byte 0x93 at byte offset 15"):
        liveblogs.load_corpus(path)


def test_cp1252_fallback_from_the_manifest_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Headline\nZelensky said: \x93peace\x94.\n")
    (tmp_path / "manifest.csv").write_text("file,outlet,published,timezone,encoding\na.txt,Test,2025-02-13,Europe/London,cp1252\n")
    corpus = liveblogs.load_corpus(tmp_path)
    assert corpus.text("a") == "Headline\nZelensky said: “peace”.\n"
    assert corpus.articles.loc[0, "encoding"] == "cp1252"


def test_bad_manifest_date_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,13/02/2025\n")
    with pytest.raises(ManifestError, match=r"manifest\.csv: line 2: published '13/02/2025'"):
        liveblogs.load_corpus(tmp_path)


def test_bad_manifest_zone_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "manifest.csv").write_text("file,timezone\na.txt,Mars/Olympus\n")
    with pytest.raises(ManifestError, match="unknown time zone 'Mars/Olympus'"):
        liveblogs.load_corpus(tmp_path)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_universal_newlines_and_bom(write_article, newline: str) -> None:
    raw = "\ufeffTitle line" + newline + "Body “quoted” text." + newline
    corpus = liveblogs.load_corpus(write_article(raw.encode("utf-8")))
    assert corpus.text("article") == "Title line\nBody “quoted” text.\n"


def test_text_equals_python_universal_newline_read(corpus) -> None:
    for row in corpus.articles.itertuples():
        with open(row.path, encoding="utf-8-sig") as handle:
            assert corpus.text(row.article) == handle.read()


def test_a_list_of_files_and_a_manifest_give_the_same_articles(corpus) -> None:
    paths = [Path(p) for p in corpus.articles["path"]]
    from_list = liveblogs.load_corpus(paths)
    assert from_list.articles[["article", "outlet", "published"]].equals(corpus.articles[["article", "outlet", "published"]])


def test_folder_without_manifest_infers_outlet(write_article) -> None:
    path = write_article("Some live page – BBC.com\n\nSomething happened today.\n", "x.txt")
    corpus = liveblogs.load_corpus(path.parent)
    assert corpus.articles.loc[0, "outlet"] == "BBC"


def _seconds(build, size: int) -> float:
    start = time.process_time()
    build(size)
    return time.process_time() - start


def _ratio(write_article, make_text, small: int, factor: int = 10) -> float:
    def build(size: int) -> None:
        corpus = liveblogs.load_corpus(write_article(make_text(size), f"hostile_{size}.txt"))
        for name, frame in corpus.frames().items():
            assert len(frame) or name in QUOTE_FRAMES

    build(small // 10)  # warm up imports and regex caches
    return _seconds(build, small * factor) / max(_seconds(build, small), 1e-3)


@pytest.mark.slow
def test_five_megabyte_single_line_loads_in_linear_time(write_article) -> None:
    line = lambda n: ("word, and more words said " * (n // 26 + 1))[:n]
    corpus = liveblogs.load_corpus(write_article(line(5_000_000), "big.txt"))
    assert corpus.posts["end"].max() == 5_000_000
    assert _ratio(write_article, line, 200_000) < 30


@pytest.mark.slow
def test_ten_thousand_unclosed_quote_marks(write_article) -> None:
    marks = lambda n: 'He said "' * (n // 9) + "."
    corpus = load_all_frames(write_article(marks(90_000)))
    assert corpus.posts["end"].max() == len(marks(90_000))
    assert _ratio(write_article, marks, 20_000) < 30
