"""Web pages as input: posts, headlines and times from the page's own structure, losslessly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import liveblogs
from liveblogs.errors import ArticleError
from liveblogs.evaluation.integrity import offset_report, uncovered_characters

HOSTILE = "</script><img src=x onerror=alert(1)>"


def _jsonld_page(updates: list[dict], extra: str = "") -> str:
    blog = {
        "@context": "https://schema.org", "@type": "LiveBlogPosting",
        "headline": "Storm Ada live: power cuts across the west",
        "datePublished": "2025-02-13T08:00:00+01:00", "dateModified": "2025-02-13T11:30:00+01:00",
        "url": "https://news.example.org/live/storm-ada",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "liveBlogUpdate": updates,
    }
    # As a page's server writes it: "</" escaped so the script element cannot be closed early.
    payload = json.dumps(blog).replace("</", "<\\/")
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Storm Ada | Example</title>
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{payload}</script></head>
<body><nav>Home | World | Sport</nav><h1>Storm Ada live</h1>{extra}<footer>© Example News</footer></body></html>"""


UPDATES = [  # newest first, as live blogs show them
    {"@type": "BlogPosting", "headline": "Roads reopen in the north",
     "datePublished": "2025-02-13T11:30:00+01:00", "dateModified": "2025-02-13T11:45:00+01:00",
     "articleBody": "<p>The A1 has reopened, police said.</p><p>&quot;We expect delays,&quot; a spokesman said.</p>",
     "author": {"@type": "Person", "name": "Jane Doe"}, "url": "https://news.example.org/live/storm-ada#p3"},
    {"@type": "BlogPosting", "headline": "Trains cancelled",
     "datePublished": "2025-02-13T10:05:00+01:00", "articleBody": "All services west of Bristol are cancelled."},
    {"@type": "BlogPosting", "headline": "Welcome to our live coverage",
     "datePublished": "2025-02-13T08:00:00+01:00", "articleBody": "Storm Ada reached the coast overnight."},
]


def _load(tmp_path: Path, html: str, name: str = "page.html") -> liveblogs.Corpus:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return liveblogs.load_corpus(path, cache=False)


def _posts(corpus: liveblogs.Corpus) -> pd.DataFrame:
    return corpus.posts[corpus.posts["kind"] == "post"].reset_index(drop=True)


def test_jsonld_updates_become_posts_with_exact_times(tmp_path: Path) -> None:
    corpus = _load(tmp_path, _jsonld_page(UPDATES))
    posts = _posts(corpus)
    assert posts["headline"].tolist() == [u["headline"] for u in UPDATES]  # page order kept
    expected = [pd.Timestamp(u["datePublished"]) for u in UPDATES]
    assert posts["time"].tolist() == expected
    assert (posts["time_earliest"] == posts["time"]).all() and (posts["time_latest"] == posts["time"]).all()
    assert set(posts["time_source"].astype(str)) == {"page metadata"}
    assert posts["time_evidence"].str.contains("JSON-LD liveBlogUpdate 1").iloc[0]
    assert "dateModified 2025-02-13T11:45:00+01:00" in posts["time_evidence"].iloc[0]
    text = corpus.text("page")
    first = posts.iloc[0]
    assert text[first["start"]:first["end"]] == (
        'Roads reopen in the north\n\nThe A1 has reopened, police said.\n\n"We expect delays," a spokesman said.')
    assert text[first["headline_start"]:first["headline_end"]] == "Roads reopen in the north"
    article = corpus.articles.iloc[0]
    assert article["outlet"] == "Example News" and article["title"] == "Storm Ada live: power cuts across the west"
    assert str(article["published_source"]) == "page metadata" and article["published"] == pd.Timestamp("2025-02-13")
    assert text[article["published_start"]:article["published_end"]] == "13 February 2025"
    assert article["timezone"] == "Etc/GMT-1" and str(article["timezone_source"]) == "page metadata"
    assert article["url"] == "https://news.example.org/live/storm-ada"
    assert "<p>" not in text and "Home | World" not in text


def test_html_corpus_is_lossless(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "page.html").write_text(_jsonld_page(UPDATES), encoding="utf-8")
    (folder / "micro.htm").write_text(MICRODATA, encoding="utf-8")
    (folder / "plain.txt").write_text("Storm live\n\n10.05am\n\nTrains are cancelled, officials said.\n", encoding="utf-8")
    corpus = liveblogs.load_corpus(folder, cache=False)
    assert sorted(corpus.articles["article"]) == ["micro", "page", "plain"]
    assert (offset_report(corpus)["mismatches"] == 0).all()
    assert uncovered_characters(corpus).empty


MICRODATA = """<html><head><title>Match live</title></head><body>
<div itemscope itemtype="https://schema.org/LiveBlogPosting">
 <h1 itemprop="headline">Final: Reds v Blues</h1>
 <meta itemprop="datePublished" content="2025-03-01T15:00:00+00:00">
 <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
   <h2 itemprop="headline">Full time: &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</h2>
   <meta itemprop="datePublished" content="2025-03-01T16:52:00+00:00">
   <div itemprop="articleBody"><p>Reds win 2-1 &lt;img src=x onerror=alert(1)&gt;.</p></div>
 </div>
 <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
   <h2 itemprop="headline">Kick-off</h2>
   <meta itemprop="datePublished" content="2025-03-01T15:00:00+00:00">
   <div itemprop="articleBody"><p>We are under way.</p></div>
 </div>
</div></body></html>"""


def test_microdata_updates_and_escaped_markup_arrive_as_plain_text(tmp_path: Path) -> None:
    corpus = _load(tmp_path, MICRODATA, "micro.htm")
    posts = _posts(corpus)
    assert posts["headline"].tolist() == [f"Full time: {HOSTILE}", "Kick-off"]
    assert posts["time"].tolist() == [pd.Timestamp("2025-03-01T16:52:00Z"), pd.Timestamp("2025-03-01T15:00:00Z")]
    assert "Reds win 2-1 <img src=x onerror=alert(1)>." in posts["text"].iloc[0]
    assert corpus.articles["timezone"].iloc[0] == "UTC"


def test_hostile_jsonld_strings_are_plain_text(tmp_path: Path) -> None:
    updates = [{"@type": "BlogPosting", "headline": HOSTILE, "datePublished": "2025-02-13T09:00:00Z",
                "articleBody": f"Before {HOSTILE} after &amp; more"},
               {"@type": "BlogPosting", "headline": "Second", "datePublished": "2025-02-13T08:00:00Z",
                "articleBody": "Plain body"}]
    corpus = _load(tmp_path, _jsonld_page(updates))
    posts = _posts(corpus)
    assert posts["headline"].iloc[0] == HOSTILE  # a headline is text: its characters arrive as they are
    body = posts["text"].iloc[0].split("\n\n", 1)[1]
    assert body == "Before after & more"
    assert "Before" in body and "after & more" in body and "onerror" not in body  # a body's markup is rendered away
    assert len(posts) == 2 and (posts["time_source"].astype(str) == "page metadata").all()


TIME_MARKUP = """<html><head><title>Election night – Example Times</title>
<meta property="og:site_name" content="Example Times"></head><body><main>
<article><h2>Polls close</h2><time datetime="2025-05-01T22:00:00+01:00">22:00</time><p>Counting begins now.</p></article>
<article><h2>First result</h2><time datetime="2025-05-01T23:40:00+01:00">23:40</time><p>Sunderland declares first.</p></article>
<article><h2>Turnout up</h2><time datetime="2025-05-02T00:15:00+01:00">00:15</time><p>Turnout is 64%.</p><p>Higher than 2019.</p></article>
</main></body></html>"""


def test_time_markup_posts(tmp_path: Path) -> None:
    corpus = _load(tmp_path, TIME_MARKUP)
    posts = _posts(corpus)
    assert posts["headline"].tolist() == ["Polls close", "First result", "Turnout up"]
    assert posts["time"].tolist() == [pd.Timestamp("2025-05-01T22:00:00+01:00"), pd.Timestamp("2025-05-01T23:40:00+01:00"),
                                      pd.Timestamp("2025-05-02T00:15:00+01:00")]
    assert posts["text"].iloc[2] == "Turnout up\n\nTurnout is 64%.\n\nHigher than 2019."
    assert "<time datetime> 3" in posts["time_evidence"].iloc[2]
    assert corpus.articles["outlet"].iloc[0] == "Example Times"


PLAIN_PAGE = """<html><head><title>Budget live</title><style>p { color: red }</style>
<script>var x = "not text";</script></head><body><h1>Budget live</h1>
<p>All times are GMT</p><h2>10.05am</h2><p>The chancellor has arrived, officials said.</p>
<h2>11.20am</h2><p>She told MPs the deficit would fall.</p></body></html>"""


def test_page_without_structure_goes_through_the_text_path(tmp_path: Path) -> None:
    corpus = _load(tmp_path, PLAIN_PAGE)
    text = corpus.text("page")
    assert "not text" not in text and "color" not in text and "The chancellor has arrived" in text
    posts = corpus.posts
    assert "page metadata" not in set(posts["time_source"].astype(str))
    assert corpus.articles["timezone_source"].iloc[0] in ("text", "default")
    assert (offset_report(corpus)["mismatches"] == 0).all() and uncovered_characters(corpus).empty


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n ", "only whitespace"),
    (b"\x00\x01binary<html>", "binary"),
    (b"no markup at all", "no HTML markup"),
])
def test_bad_pages_are_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as caught:
        liveblogs.load_corpus(path, cache=False)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("content", [
    "<html><script type='application/ld+json'>{not json</script><body><p>Just a line.</p></body></html>",
    "<html><body><div itemscope itemtype='https://schema.org/LiveBlogPosting'></div><p>Text.</p>",
    "<<<>>><p>&#xD800; &bogus; <b><i>unclosed",
    '<html><script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[{"headline":null,'
    '"datePublished":"yesterday"},{"articleBody":42}]}</script><body>x</body></html>',
])
def test_broken_pages_fall_back_without_a_traceback(tmp_path: Path, content: str) -> None:
    corpus = _load(tmp_path, content)
    assert (offset_report(corpus)["mismatches"] == 0).all()
    assert uncovered_characters(corpus).empty


def test_cli_reads_pages(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_jsonld_page(UPDATES), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "liveblogs.app.cli", "posts", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    posts = [r for r in rows if r["kind"] == "post"]
    assert [r["headline"] for r in posts] == [u["headline"] for u in UPDATES]
    assert {r["time_source"] for r in posts} == {"page metadata"}
    bad = tmp_path / "bad.htm"
    bad.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "liveblogs.app.cli", "posts", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0 and "bad.htm" in result.stderr


def test_manifest_zone_and_outlet_win(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(_jsonld_page(UPDATES), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet,published,timezone,url,title,encoding\n"
                                           "page.html,My Outlet,,Europe/London,,,utf-8\n", encoding="utf-8")
    corpus = liveblogs.load_corpus(tmp_path, cache=False)
    article = corpus.articles.iloc[0]
    assert article["outlet"] == "My Outlet" and article["timezone"] == "Europe/London"
    posts = _posts(corpus)
    assert str(posts["time"].iloc[0]) == "2025-02-13 10:30:00+00:00"  # the same instant, in the manifest's zone
    assert "13 February 2025 10:30 UTC" in corpus.text("page")



def test_zone_from_the_clocks_the_page_shows_when_its_metadata_says_utc(tmp_path: Path) -> None:
    updates = [dict(u, datePublished=pd.Timestamp(u["datePublished"]).tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ"))
               for u in UPDATES]
    shown = "".join(f"<p>{pd.Timestamp(u['datePublished']).strftime('%H:%M')}</p><h2>{u['headline']}</h2>" for u in UPDATES)
    html = _jsonld_page(updates, shown).replace("2025-02-13T08:00:00+01:00", "2025-02-13T07:00:00Z") \
        .replace("2025-02-13T11:30:00+01:00", "2025-02-13T10:30:00Z").replace("2025-02-13T11:45:00+01:00", "2025-02-13T10:45:00Z")
    assert "+01:00" not in html
    corpus = _load(tmp_path, html)  # metadata all in UTC; the page shows 11:30, 10:05, 08:00
    assert corpus.articles["timezone"].iloc[0] == "Etc/GMT-1"
    assert _posts(corpus)["time"].tolist() == [pd.Timestamp(u["datePublished"]) for u in UPDATES]
    assert "13 February 2025 11:30 GMT+1" in corpus.text("page")
