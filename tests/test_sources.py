"""Loading: decoding, newlines, and every kind of bad input gets a clear error or a correct result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs import ArticleError, ManifestError
from hypothesis import given, settings
from hypothesis import strategies as st

from liveblogs.config import data_dir
from liveblogs.ingest.sources import (
    _FULL_DATE_RX, ARTICLE_COLUMNS, HEADER_CHARS, PUBLISHED_SOURCES, find_dates, full_date_matches, infer_outlet,
    infer_published, infer_timezone,
)

from .growth import cpu_ratio

DATA = data_dir()


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


@pytest.mark.parametrize("offset, written, place", [
    ("+05:30", "UTC+05:30", "Asia/Kolkata"), ("UTC+5:30", "UTC+05:30", "Asia/Kolkata"), ("+0545", "UTC+05:45", "Asia/Kathmandu"),
    ("GMT-5", "UTC-05:00", "America/"), ("−03:00", "UTC-03:00", "America/"),
])
def test_an_offset_for_a_manifest_zone_names_the_zones_at_it(tmp_path: Path, offset: str, written: str, place: str) -> None:
    # An offset cannot follow summer time, so it is still an error, and the message says what to
    # write instead: the zone names at that offset on the article's date.
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "manifest.csv").write_text(f"file,published,timezone\na.txt,2025-02-13,{offset}\n", encoding="utf-8")
    with pytest.raises(ManifestError) as raised:
        liveblogs.load_corpus(tmp_path)
    message = str(raised.value)
    assert f"line 2: unknown time zone {offset!r}" in message and "UTC offset" in message
    assert f"zones at {written} on 2025-02-13: " in message and place in message


def test_a_zone_name_that_is_no_offset_gets_no_offset_hint(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    for zone in ("Mars/Olympus", "+25:00", "UTC+5:75"):
        (tmp_path / "manifest.csv").write_text(f"file,timezone\na.txt,{zone}\n")
        with pytest.raises(ManifestError) as raised:
            liveblogs.load_corpus(tmp_path)
        assert "offset" not in str(raised.value)


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



def _ratio(write_article, make_text, small: int, factor: int = 10) -> float:
    def build(size: int) -> None:
        corpus = liveblogs.load_corpus(write_article(make_text(size), f"hostile_{size}.txt"))
        for name, frame in corpus.frames().items():
            assert len(frame) or name in QUOTE_FRAMES

    build(small // 10)  # warm up imports and regex caches
    return cpu_ratio(lambda: build(small), lambda: build(small * factor), limit=30, repeats=2)


@pytest.mark.slow
def test_five_megabyte_single_line_loads_in_linear_time(write_article) -> None:
    line = lambda n: ("word, and more words said " * (n // 26 + 1))[:n]
    corpus = liveblogs.load_corpus(write_article(line(5_000_000), "big.txt"))
    assert corpus.posts["end"].max() == 5_000_000
    assert _ratio(write_article, line, 100_000) < 30


@pytest.mark.slow
def test_ten_thousand_unclosed_quote_marks(write_article) -> None:
    marks = lambda n: 'He said "' * (n // 9) + "."
    corpus = load_all_frames(write_article(marks(90_000)))
    assert corpus.posts["end"].max() == len(marks(90_000))
    assert _ratio(write_article, marks, 20_000) < 30


# ----------------------------------------------------------------- publication date from the text

def header(date_line: str, body: str = "Leaders met in Brussels on Thursday.\n") -> str:
    """A small article: title, standfirst, byline, ``date_line``, then ``body``."""
    return f"EU leaders back defence push\nA standfirst that sums the story up.\nBy Jane Doe\n{date_line}\n\n{body}"


@pytest.mark.parametrize("line, date, span, cue", [
    ("Published On 25 Mar 2025", "2025-03-25", "25 Mar 2025", "published"),  # Al Jazeera
    ("Updated 9:47 AM EDT, March 18, 2025", "2025-03-18", "March 18, 2025", "updated"),  # AP
    ("Updated 6:02 p.m. ET, March 11, 2025", "2025-03-11", "March 11, 2025", "updated"),  # CNN
    ("Thu 20 Mar 2025 18.05 GMT", "2025-03-20", "Thu 20 Mar 2025", "dateline"),  # Guardian
    ("20 Mar 2025 18.05 GMT", "2025-03-20", "20 Mar 2025", "dateline"),
    ("March 19, 2025 7:02 am CET", "2025-03-19", "March 19, 2025", "dateline"),  # Politico
    ("Wednesday, March 19, 2025", "2025-03-19", "Wednesday, March 19, 2025", "dateline"),
    ("Published 13 February 2025, 07:15", "2025-02-13", "13 February 2025", "published"),
    ("First published on Thu 13 Feb 2025 06.00 GMT", "2025-02-13", "Thu 13 Feb 2025", "published"),
    ("13 February 2025", "2025-02-13", "13 February 2025", "dateline"),
    ("13th of February 2025", "2025-02-13", "13th of February 2025", "dateline"),
    ("Feb. 13, 2025", "2025-02-13", "Feb. 13, 2025", "dateline"),
    ("2025-03-19", "2025-03-19", "2025-03-19", "dateline"),
    ("MARCH 12 2025", "2025-03-12", "MARCH 12 2025", "dateline"),  # FT
    ("Wed Mar 12 2025 - 18:45", "2025-03-12", "Wed Mar 12 2025", "dateline"),  # Irish Times
    ("17 February 2025 • 7.12pm", "2025-02-17", "17 February 2025", "dateline"),  # Telegraph
    ("March 12, 2025 11:04 PM · 6 min read", "2025-03-12", "March 12, 2025", "dateline"),
    ("03/06/2025 March 6, 2025", "2025-03-06", "March 6, 2025", "dateline"),  # DW: the numeric date is ambiguous
    ("BRUSSELS, 6 March 2025 - European Union leaders on Thursday endorsed a plan to mobilise",
     "2025-03-06", "6 March 2025", "dateline"),  # wire dateline
    ("By Jane Doe, March 5, 2025", "2025-03-05", "March 5, 2025", "dateline"),  # byline
    ("29 Feb 2024", "2024-02-29", "29 Feb 2024", "dateline"),  # a leap day
])
def test_infer_published_reads_each_header_shape(line: str, date: str, span: str, cue: str) -> None:
    text = header(line)
    found = infer_published(text)
    assert found is not None
    assert (found.date, text[found.start:found.end], found.cue) == (dt.date.fromisoformat(date), span, cue)


@pytest.mark.parametrize("line", [
    "BRUSSELS, March 14 (Reuters) - The European Union is ready to impose tariffs",  # no year: never guessed
    "BRUSSELS/MOSCOW, Feb 17 (Reuters) - European allies must step up",
    "Published On 31 Feb 2025",  # no such day
    "29 Feb 2025",  # not a leap year
    "2025-13-01",
    "Fri 20 Mar 2025 18.05 GMT",  # 20 March 2025 was a Thursday: the line contradicts itself
    "Leaders met on 6 March 2025 in Brussels to agree the plan.",  # a date in a sentence
    "24 February 2022 marked the start of a war that has since reshaped European defence.",
    "The plan, published on 4 March 2025, would raise 800bn euros.",
    "Thursday 13",
    "03/06/2025",  # day/month order unknown
])
def test_infer_published_refuses_what_is_not_a_full_header_date(line: str) -> None:
    assert infer_published(header(line)) is None


def test_published_beats_updated_whichever_comes_first() -> None:
    text = header("Updated 9:47 AM EDT, March 18, 2025\nFirst published March 17, 2025")
    assert infer_published(text).date == dt.date(2025, 3, 17)
    text = header("Thu 20 Mar 2025 18.05 GMT\nFirst published on Wed 19 Mar 2025 06.00 GMT")
    assert infer_published(text).date == dt.date(2025, 3, 19)


def test_without_a_published_cue_the_first_header_date_wins() -> None:
    assert infer_published(header("Updated March 6, 2025\nMarch 5, 2025")).date == dt.date(2025, 3, 6)
    assert infer_published(header("25 Mar 2025 - 13:20 GMT\n\nNews.\n24 Mar 2025 - 09:00 GMT")).date == dt.date(2025, 3, 25)


def test_a_prose_date_in_the_header_is_passed_over_for_the_date_line() -> None:
    text = header("March 5, 2025", body="").replace("A standfirst", "Leaders met on 4 March 2025. A standfirst")
    assert infer_published(text).date == dt.date(2025, 3, 5)


def test_a_date_deep_in_the_body_is_ignored() -> None:
    body = "".join(f"Paragraph {n} of the report.\n\n" for n in range(20)) + "Published On 25 Mar 2025\n"
    assert infer_published(header("No date here", body)) is None
    one_long_line = "Title " + "word " * (HEADER_CHARS // 5) + "Published On 25 Mar 2025\n"
    assert infer_published(one_long_line) is None


def test_find_dates_gives_offsets_into_the_text() -> None:
    text = "Met on 6 March 2025; again on Thu 20 Mar 2025, not 31 Feb 2025 nor March 14."
    assert [(d, text[s:e]) for d, s, e in find_dates(text)] == [
        (dt.date(2025, 3, 6), "6 March 2025"), (dt.date(2025, 3, 20), "Thu 20 Mar 2025")]


_DATE_PIECES = st.sampled_from([
    "Thu", "Thursday", "MARCH", "March", "Mar", "mars", "listopada", "giovedì", "de", "of", "6", "13", "31", "2nd",
    "2025", "1999", "20250", "12025", "03", "19", "-", "/", ".", ",", " ", "  ", "\u00a0", "\n", "x", "on",
])


_SEPARATORS = st.sampled_from([" ", "  ", "\u00a0", ", ", ". ", "-", "/", " of ", " de ", ""])
# a date-like run: pieces in a date's order, each followed by some separator, so long dates (a weekday,
# a day with its suffix, a connector, a month) occur, well formed or nearly
_DATE_LIKE = st.lists(st.tuples(_DATE_PIECES, _SEPARATORS), min_size=3, max_size=7).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_DATE_PIECES, _DATE_LIKE, st.builds(lambda wd, d, m, y: f"{wd}, {d} of {m}, {y}",
                                                              st.sampled_from(["Thursday", "giovedì", "Thu."]),
                                                              st.sampled_from(["13th", "2", "31"]),
                                                              st.sampled_from(["September", "listopada", "MARCH"]),
                                                              st.sampled_from(["2025", "1999"]))), max_size=30))
def test_full_dates_are_the_full_patterns_matches_whatever_the_text(pieces: list[str]) -> None:
    # full_date_matches tries the pattern only near a 4-digit year: the same matches as a scan at every character
    text = "".join(pieces)
    assert [m.span() for m in full_date_matches(text)] == [m.span() for m in _FULL_DATE_RX.finditer(text)]


def test_full_dates_match_the_full_scan_on_real_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("fixtures/heldout*/*.txt"))]
    assert len(texts) >= 10
    found = 0
    for text in texts:
        spans = [m.span() for m in full_date_matches(text)]
        assert spans == [m.span() for m in _FULL_DATE_RX.finditer(text)]
        found += len(spans)
    assert found >= 10  # the articles do hold dates, so the comparison is not vacuous


def test_published_source_column_is_a_category_after_published(corpus) -> None:
    assert ARTICLE_COLUMNS.index("published_source") == ARTICLE_COLUMNS.index("published") + 1
    assert list(corpus.articles.columns) == ARTICLE_COLUMNS
    assert list(corpus.articles["published_source"].cat.categories) == PUBLISHED_SOURCES
    assert str(corpus.articles["published"].dtype) == "datetime64[ns]"


def test_the_bundled_manifest_keeps_its_dates(corpus) -> None:
    assert (corpus.articles["published"] == pd.Timestamp("2025-02-13")).all()
    assert (corpus.articles["published_source"] == "manifest").all()


def test_the_manifest_date_wins_over_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(header("Published On 25 Mar 2025"))
    (tmp_path / "b.txt").write_text(header("Published On 25 Mar 2025"))
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,2025-03-24\nb.txt,\n")
    articles = liveblogs.load_corpus(tmp_path).articles.set_index("article")
    assert articles.loc["a", "published"] == pd.Timestamp("2025-03-24")
    assert articles.loc["a", "published_source"] == "manifest"
    assert articles.loc["b", "published"] == pd.Timestamp("2025-03-25")  # the manifest row leaves it blank
    assert articles.loc["b", "published_source"] == "text"


def test_a_folder_without_manifest_is_dated_from_the_text(tmp_path: Path) -> None:
    (tmp_path / "blog.txt").write_text(
        "EU summit live\nTomás Fennelly in Brussels\nThu 20 Mar 2025 18.05 GMT\n\n"
        "17.41 GMT\nLeaders arrive\nThe leaders arrived in Brussels for the summit.\n\n"
        "14.32 GMT\nKremlin reacts\nThe Kremlin dismissed the summit.\n")
    (tmp_path / "wire.txt").write_text(
        "EU readies countermeasures\nBRUSSELS, March 14 (Reuters) - The European Union is ready to act.\n")
    corpus = liveblogs.load_corpus(tmp_path)
    articles = corpus.articles.set_index("article")
    assert articles.loc["blog", "published"] == pd.Timestamp("2025-03-20")
    assert articles.loc["blog", "published_source"] == "text"
    start, end = articles.loc["blog", ["published_start", "published_end"]]
    assert corpus.text("blog")[start:end] == "Thu 20 Mar 2025"  # the date is traceable to the text
    assert pd.isna(articles.loc["wire", "published"]) and articles.loc["wire", "published_source"] == "none"
    assert pd.isna(articles.loc["wire", "published_start"])
    assert articles.loc["blog", "timezone"] == "UTC"  # no zone is inferred
    times = corpus.posts.query("article == 'blog' and kind == 'post'")["time"]
    assert times.notna().all() and pd.Timestamp("2025-03-20 14:32", tz="UTC") in set(times)


HOSTILE_DATES = {
    "digits": lambda n: ("1234567890" * (n // 10 + 1))[:n],
    "digits_spaces": lambda n: ("1 12 2025 " * (n // 10 + 1))[:n],
    "punctuation": lambda n: ("(.:,;-|)!?/%" * (n // 12 + 1))[:n],
    "near_misses": lambda n: ("12 Mar 12 March, Thu 20 Mar 202 2025-1-1 " * (n // 41 + 1))[:n],
    "many_dates": lambda n: ("Thu 20 Mar 2025, 31 Feb 2025 2025-03-19 " * (n // 40 + 1))[:n],
    "weekdays": lambda n: ("Thu Thu, " * (n // 9 + 1))[:n],
}



@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_DATES))
@pytest.mark.parametrize("fn", [lambda text: list(find_dates(text)), infer_published], ids=["find_dates", "infer_published"])
def test_date_search_takes_linear_time(name: str, fn) -> None:
    small, large = HOSTILE_DATES[name](50_000), HOSTILE_DATES[name](500_000)
    ratio = cpu_ratio(lambda: fn(small), lambda: fn(large), limit=30)  # best of 3 at both sizes
    assert ratio < 30, (name, ratio)


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("Poland says Europe must wake up\n\nBy JANE ROE\n\nRZESZOW, Poland (AP) — Poland's minister said.\n", "Associated Press"),
        ("Headline\n\nBody.\n\n___\n\nAssociated Press writer John Doe contributed.\n", "Associated Press"),
        ("BRUSSELS PLAYBOOK: Not on my watch\n\nBy CLARA VENN\n\nGood morning.\n", "Politico"),
        ("EU summit live\n\nBody.\n\nThank you for following DW's live coverage.\n", "DW"),
        ("Headline\n\nBRUSSELS, March 14 (Reuters) - The EU said.\n", "Reuters"),
        ("Headline\n\nBy Jane Roe, CNN\n\nBody.\n", "CNN"),
    ],
)
def test_outlet_signatures_in_bylines_datelines_and_sign_offs(text: str, outlet: str) -> None:
    assert infer_outlet(text) == outlet


@pytest.mark.parametrize("text", [
    "Headline about a GAP in APAC markets\n\nBody about the DWELLING crisis and CNNX.\n",
    "A plain headline\n\nThe minister said it was a playbook for Europe.\n",
])
def test_outlet_signatures_are_whole_words(text: str) -> None:
    assert infer_outlet(text) is None


def test_the_earliest_outlet_signature_wins() -> None:
    text = "Headline\n\nBy Jane Roe, CNN\n\nThe minister told Reuters the talks were over.\n"
    assert infer_outlet(text) == "CNN"


def test_an_outlet_named_as_a_channel_is_not_the_articles_own() -> None:
    text = ("Ukraine war latest\n\nby Jane Roe\n\n\u201cNo,\u201d an official told Politico Europe.\n\n"
            "Please consider becoming a member of the Kyiv Independent.\n")
    assert infer_outlet(text) == "Kyiv Independent"
    assert infer_outlet("Headline\n\nThe plan was dead, according to Reuters.\n") is None


@pytest.mark.parametrize("note, zone", [
    ("Entries appear oldest first. All times are in Central European Time (CET).", "Europe/Paris"),
    ("Ukraine war live (all times GMT)", "UTC"),
    ("All times are in ET.", "America/New_York"),
    ("Times are in Kyiv time.", "Europe/Kyiv"),
    ("All times UK time", "Europe/London"),
])
def test_a_stated_time_zone_is_read(note: str, zone: str) -> None:
    found = infer_timezone(f"Headline\n\n{note}\n\nBody.\n")
    assert found is not None and found.zone == zone
    assert f"Headline\n\n{note}\n\nBody.\n"[found.start:found.end].lower().startswith(("all times", "times"))


@pytest.mark.parametrize("text", [
    "At times in CET the markets were calm.", "All times are approximate.", "Those were hard times in UK politics.",
])
def test_no_zone_is_read_where_none_is_stated(text: str) -> None:
    assert infer_timezone(text) is None


def test_a_stated_zone_sets_the_timezone_unless_the_manifest_gives_one(tmp_path: Path) -> None:
    body = "EU summit live\n\nThu 20 Mar 2025\n\nAll times are in Central European Time (CET).\n\n09:12\nLeaders arrive\nThe leaders arrived.\n"
    (tmp_path / "blog.txt").write_text(body, encoding="utf-8")
    articles = liveblogs.load_corpus(tmp_path, cache=False).articles.iloc[0]
    assert (articles["timezone"], articles["timezone_source"]) == ("Europe/Paris", "text")
    (tmp_path / "manifest.csv").write_text("file,outlet,published,timezone\nblog.txt,DW,2025-03-20,Europe/Berlin\n")
    given = liveblogs.load_corpus(tmp_path, cache=False).articles.iloc[0]
    assert (given["timezone"], given["timezone_source"]) == ("Europe/Berlin", "manifest")


def test_stated_zones_are_read_in_linear_time() -> None:
    import time

    def text(n: int) -> str:
        return ("All times " + "al" * n + " times are in " * n + "(" * n)[: 60 * n]

    small, large = text(20_000), text(200_000)
    assert cpu_ratio(lambda: infer_timezone(small), lambda: infer_timezone(large), limit=30) < 30


@pytest.mark.parametrize("text, date", [
    ("Belgium votes\n\nPublished on 23/03/2025 - 09:12 GMT+1 • Updated 21:48\n\nBody text here.\n", dt.date(2025, 3, 23)),
    ("Summit live\n\n03/06/2025\n\nBody text here.\n", None),  # day-first and month-first disagree
])
def test_numeric_dates_are_read_only_when_unambiguous(text: str, date) -> None:
    found = infer_published(text)
    assert (found.date if found else None) == date


@pytest.mark.parametrize("header, zone", [
    ("Thursday 10 April 2025 17:05 BST", "Europe/London"),
    ("Published on 23/03/2025 - 09:12 GMT+1 • Updated 21:48", "Etc/GMT-1"),
    ("April 22, 2025 · 5:06 AM ET", "America/New_York"),
    ("April 16, 2025 at 6:12 AM GMT+2", "Etc/GMT-2"),
    ("17 February 2025 • 7.12pm", "UTC"),  # no zone named: the default
])
def test_the_zone_on_the_publication_line_is_the_pages_zone(tmp_path: Path, header: str, zone: str) -> None:
    (tmp_path / "blog.txt").write_text(f"Ukraine talks live\n\nJane Roe\n{header}\n\n4:32pm\nLeaders meet\nThey met.\n",
                                       encoding="utf-8")
    article = liveblogs.load_corpus(tmp_path, cache=False).articles.iloc[0]
    assert article["timezone"] == zone
    assert article["timezone_source"] == ("default" if zone == "UTC" else "text")
