"""Synthetic corpora for the speed and memory benchmarks, built by recombining real posts.

    python benchmarks/corpora.py [--sizes 10 100 1000] [--seed 7] [--polnear | --mixed] [--season]

Nothing is invented: every line of a synthetic article is a line of a bundled article
(``data/articles/*.txt``). The bundled corpus is cut into units with the package's own public
API (``corpus.posts``); each post (``kind == "post"``: its headline line, if any, and its body
lines, kept together) goes into one pool. Synthetic article *i* then

* takes the front matter (title, standfirst, summary, top boilerplate: everything before the
  first post) and the closing boilerplate of one real article, its *template*;
* fills the body with *k* posts drawn from the whole pool without replacement, in shuffled
  order, where *k* is the template's post count ± 30 % (so articles average the real ones' size),
  joined the way the template joins its posts (one or two newlines);
* gets a renamed outlet (invented names, about ten articles per outlet), its template's date
  shifted by up to ±400 days, and its template's timezone, in a generated ``manifest.csv``.

``--polnear`` recombines real news instead (``../shared/polnear/train/text/``, 840 articles,
about 15,000 paragraphs; never copied into the repository): article *i* keeps the title line of
one PolNeAR article, its template, and takes *k* body paragraphs (the template's count ± 30 %)
drawn from every train article's paragraphs; it gets an invented outlet (about ten articles per
outlet, at most 20 outlets), the template's publication date (``metadata.tsv``) shifted by up to
±400 days, and no time zone (inferred from the text, as for the PolNeAR files themselves). Every
sentence is real; every paragraph appears about *n* × 19 / 15,000 times in an *n*-article corpus
(≈ 1.3 at 1,000, 5 at 4,000), which makes copies for the stories stage to link as real wire copy
does, more often than in a real corpus of the same size.

``--mixed`` makes each article, with equal chances, a recombined PolNeAR article as above or a
recombined live blog as in the default mode, whose pool of posts also holds the posts of the six
English live-blog pages of ``../shared/realpages/`` (read from their HTML by the package; never
copied into the repository): 8 blogs, 554 posts. Live blogs are long (about 9,000 words against
PolNeAR's 740), so a mixed corpus has about 4,400 words per article.

With ``±400 days`` whatever the size, articles per day grow with *n*, and so do the pairs of
units the stories stage compares within its date window. ``--season`` keeps the articles per day
of 1,000 articles instead: every date's distance from 2020-01-01 is scaled by *n* / 1,000 (so the
1,000-article season corpus is the usual one), as a season of blogs grows by days, not by more
articles a day.

Article *i* depends only on the seed and *i*, so the 10-article corpus is the first ten
articles of the 100-article one, and so on: the sizes are nested. Corpora are written to
``benchmarks/.cache/`` (git-ignored), named by size, seed and a hash of the source texts and
of this generator, and reused while those do not change.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import CACHE, DATA, words

GENERATOR_VERSION = "1"
DEFAULT_SEED = 7
SIZES = (10, 100, 1000)
OUTLETS = [
    "Harbour Post", "Northern Courier", "The Daily Ledger", "Metro Wire", "Capital Herald",
    "Evening Dispatch", "The Sentinel", "Coastal Times", "River City News", "The Observer Live",
    "Continental Report", "Atlas News", "The Morning Bulletin", "Highland Press", "Union Gazette",
    "Bridge Street Journal", "Westgate Chronicle", "The Lantern", "Summit Daily", "Harbourline",
]


@dataclass(frozen=True)
class Template:
    article: str
    front: str
    tail: str
    separator: str
    n_posts: int
    published: dt.date | None
    timezone: str


@dataclass(frozen=True)
class Source:
    templates: tuple[Template, ...]
    posts: tuple[str, ...]
    digest: str


def load_source(folder: Path = DATA) -> Source:
    """Cut the real articles into templates and a pool of posts with ``liveblogs`` itself."""
    import liveblogs
    import pandas as pd

    corpus = liveblogs.load_corpus(folder)
    posts = corpus.posts
    templates, pool = [], []
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for row in corpus.articles.itertuples(index=False):
        text = row.text
        digest.update(row.article.encode() + b"\0" + text.encode())
        units = posts[(posts["article"] == row.article) & (posts["kind"] == "post")]
        if units.empty:
            continue
        spans = list(zip(units["start"].astype(int), units["end"].astype(int)))
        gaps = [text[a_end:b_start] for (_, a_end), (b_start, _) in zip(spans, spans[1:])]
        separator = "\n\n" if sum("\n\n" in g for g in gaps) * 2 >= max(1, len(gaps)) else "\n"
        pool += [text[s:e] for s, e in spans]
        published = None if pd.isna(row.published) else row.published.date()
        templates.append(Template(row.article, text[: spans[0][0]], text[spans[-1][1] :], separator, len(spans),
                                  published, str(row.timezone)))
    if not templates:
        raise SystemExit(f"no posts found in {folder}: nothing to recombine")
    return Source(tuple(templates), tuple(pool), digest.hexdigest()[:10])


def synthetic_article(source: Source, seed: int, i: int) -> tuple[str, dict]:
    """The text and manifest row of article ``i`` (depends only on the seed and ``i``)."""
    rng = random.Random(f"liveblogs-bench/{seed}/{i}")
    template = rng.choice(source.templates)
    k = round(template.n_posts * rng.uniform(0.7, 1.3))
    k = max(2, min(len(source.posts), k))
    body = template.separator.join(rng.sample(source.posts, k))  # sample() order is already shuffled
    front = template.front if template.front.endswith("\n") else template.front + "\n"
    tail = template.tail if template.tail.startswith("\n") or not template.tail else "\n" + template.tail
    text = front + body + tail
    if not text.endswith("\n"):
        text += "\n"
    base = template.published or dt.date(2025, 2, 13)
    published = base + dt.timedelta(days=rng.randint(-400, 400))
    n_outlets = len(OUTLETS)
    outlet = OUTLETS[rng.randrange(n_outlets)]
    row = {"file": f"articles/syn_{i:05d}.txt", "outlet": outlet, "published": published.isoformat(),
           "timezone": template.timezone, "url": "", "title": "", "encoding": "utf-8"}
    return text, row


def _outlet_count(n: int) -> int:
    return max(2, min(len(OUTLETS), round(n / 10)))


def build(n: int, seed: int = DEFAULT_SEED, root: Path = CACHE, source: Source | None = None,
          force: bool = False) -> Path:
    """The folder of the ``n``-article corpus (articles/ and manifest.csv), built if missing."""
    source = source or load_source()
    folder = root / f"synthetic-{n:05d}-seed{seed}-{source.digest}"
    return _built(folder, root, n, lambda i: synthetic_article(source, seed, i), force)


POLNEAR = DATA.parent.parent / "shared" / "polnear"


@dataclass(frozen=True)
class NewsSource:
    titles: tuple[tuple[str, int, dt.date | None], ...]  # (title line, body paragraphs, date) per article
    paragraphs: tuple[str, ...]
    digest: str


def load_polnear(folder: Path = POLNEAR) -> NewsSource:
    """PolNeAR's train articles cut into title lines and a pool of body paragraphs (blank-line blocks)."""
    texts = sorted((folder / "train" / "text").glob("*.txt"))
    if not texts:
        raise SystemExit(f"{folder}/train/text: PolNeAR is not beside the repository")
    dates = {}
    with (folder / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
            except ValueError:
                pass
    digest = hashlib.sha256(("polnear/" + GENERATOR_VERSION).encode())
    titles, pool = [], []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        digest.update(path.name.encode() + b"\0" + text.encode())
        blocks = [b.strip("\n") for b in text.split("\n\n") if b.strip()]
        if len(blocks) < 2:
            continue
        titles.append((blocks[0], len(blocks) - 1, dates.get(path.stem)))
        pool += blocks[1:]
    return NewsSource(tuple(titles), tuple(pool), digest.hexdigest()[:10])


def polnear_article(source: NewsSource, seed: int, i: int) -> tuple[str, dict]:
    """The text and manifest row of recombined PolNeAR article ``i`` (depends only on the seed and ``i``)."""
    rng = random.Random(f"liveblogs-bench-polnear/{seed}/{i}")
    title, n_body, date = rng.choice(source.titles)
    k = max(2, min(len(source.paragraphs), round(n_body * rng.uniform(0.7, 1.3))))
    text = "\n\n".join([title, *rng.sample(source.paragraphs, k)]) + "\n"
    published = (date or dt.date(2016, 6, 1)) + dt.timedelta(days=rng.randint(-400, 400))
    row = {"file": f"articles/news_{i:05d}.txt", "outlet": OUTLETS[rng.randrange(len(OUTLETS))],
           "published": published.isoformat(), "timezone": "", "url": "", "title": "", "encoding": "utf-8"}
    return text, row


def build_polnear(n: int, seed: int = DEFAULT_SEED, root: Path = CACHE, source: NewsSource | None = None,
                  force: bool = False, season: bool = False) -> Path:
    """The folder of the ``n``-article recombined PolNeAR corpus (articles/ and manifest.csv), built if missing."""
    source = source or load_polnear()
    folder = root / f"polnear-{n:05d}-seed{seed}-{source.digest}"
    return _built(folder, root, n, lambda i: polnear_article(source, seed, i), force, season)


# A season: the dates of an n-article corpus spread over n / SEASON_ARTICLES times the usual
# ±400 days around SEASON_CENTRE, so its articles per day stay those of 1,000 articles whatever n
# (users add days, not more articles a day). At n = SEASON_ARTICLES the dates are the usual ones.
SEASON_ARTICLES = 1000
SEASON_CENTRE = dt.date(2020, 1, 1)


def season_date(published: str, n: int) -> str:
    """``published`` (ISO date) moved so that the corpus's spread of dates grows with ``n``."""
    date = dt.date.fromisoformat(published)
    days = round((date - SEASON_CENTRE).days * n / SEASON_ARTICLES)
    return (SEASON_CENTRE + dt.timedelta(days=days)).isoformat()


def seasonal(folder: Path, n: int, article):
    """The folder and article maker of the season form of a corpus (``--season``)."""
    def moved(i: int) -> tuple[str, dict]:
        text, row = article(i)
        return text, {**row, "published": season_date(row["published"], n)}

    return folder.with_name(folder.name + "-season"), moved


def _built(folder: Path, root: Path, n: int, article, force: bool, season: bool = False) -> Path:
    """``folder`` as it is when already built (and not ``force``), else written anew."""
    if season:
        folder, article = seasonal(folder, n, article)
    if folder.exists() and (folder / "manifest.csv").exists() and not force:
        return folder
    return _write(folder, root, n, article)


def _write(folder: Path, root: Path, n: int, article) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=root))
    (tmp / "articles").mkdir()
    rows = []
    outlets = OUTLETS[: _outlet_count(n)]
    for i in range(n):
        text, row = article(i)
        # Rename outlets into a pool sized to the corpus (about ten articles per outlet).
        row["outlet"] = outlets[OUTLETS.index(row["outlet"]) % len(outlets)]
        (tmp / row["file"]).write_text(text, encoding="utf-8")
        rows.append(row)
    with (tmp / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)
    return folder


def describe(folder: Path) -> dict:
    """Articles, words and characters of a corpus folder (its manifest's files, or every .txt)."""
    manifest = folder / "manifest.csv"
    if manifest.exists():
        with manifest.open(encoding="utf-8") as fh:
            files = [folder / r["file"] for r in csv.DictReader(fh)]
    else:
        files = sorted(folder.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8-sig") for f in files]
    return {"articles": len(texts), "words": sum(map(words, texts)), "chars": sum(map(len, texts))}


REALPAGES = DATA.parents[1] / "shared" / "realpages"
# The English pages of ``realpages/`` (manifest.tsv gives each one's source and licence); the
# Italian and Polish pages are left out: their posts are not English news.
ENGLISH_PAGES = (
    "corkbeo_level3_live.html", "timesofindia_ipl2020_csk_srh_liveblog.html", "ndtv_cwc2023_ind_sl_live.html",
    "express_harry_meghan_live_2024-07-18.html", "mirror_uk_riots_live_2024-08-05.html",
    "telegraph_airasia_liveblog_2014-12.html",
)


def load_blogs() -> Source:
    """Live-blog templates and posts: the bundled articles and, where ``../shared/realpages/`` is
    beside the repository, its English live-blog pages (read from HTML by the package itself)."""
    sources = [load_source(DATA)]
    pages = [REALPAGES / name for name in ENGLISH_PAGES if (REALPAGES / name).exists()]
    if pages:
        sources.append(load_source(pages))
    digest = hashlib.sha256(("blogs/" + GENERATOR_VERSION).encode())
    for src in sources:
        digest.update(src.digest.encode())
    templates = tuple(t for src in sources for t in src.templates)
    posts = tuple(p for src in sources for p in src.posts)
    return Source(templates, posts, digest.hexdigest()[:10])


def mixed_article(news: NewsSource, blogs: Source, seed: int, i: int) -> tuple[str, dict]:
    """Article ``i`` of the mixed corpus: a recombined PolNeAR article or a recombined live blog,
    one or the other with equal chances (depends only on the seed and ``i``)."""
    rng = random.Random(f"liveblogs-bench-mixed/{seed}/{i}")
    if rng.random() < 0.5:
        text, row = polnear_article(news, seed, i)
    else:
        text, row = synthetic_article(blogs, seed, i)
        from liveblogs.ingest.sources import is_zone_name

        if not is_zone_name(row["timezone"]):
            row["timezone"] = ""  # an offset such as "+05:30" read from a page: left for the package to infer
    row["file"] = f"articles/mix_{i:05d}.txt"
    return text, row


def build_mixed(n: int, seed: int = DEFAULT_SEED, root: Path = CACHE, news: NewsSource | None = None,
                blogs: Source | None = None, force: bool = False, season: bool = False) -> Path:
    """The folder of the ``n``-article mixed corpus (recombined PolNeAR news and live blogs), built if missing."""
    news, blogs = news or load_polnear(), blogs or load_blogs()
    folder = root / f"mixed-{n:05d}-seed{seed}-{news.digest}-{blogs.digest}"
    return _built(folder, root, n, lambda i: mixed_article(news, blogs, seed, i), force, season)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    parser.add_argument("--polnear", action="store_true", help="recombine PolNeAR train paragraphs instead")
    parser.add_argument("--mixed", action="store_true",
                        help="half recombined PolNeAR news, half recombined live blogs (bundled and English real pages)")
    parser.add_argument("--season", action="store_true",
                        help="with --polnear or --mixed: dates spread in proportion to the size (the articles per day of 1,000)")
    args = parser.parse_args(argv)
    if args.mixed:
        news, blogs = load_polnear(), load_blogs()
        print(f"pools: {len(news.paragraphs)} PolNeAR paragraphs; {len(blogs.posts)} live-blog posts from "
              f"{len(blogs.templates)} blogs")
        make = lambda n: build_mixed(n, args.seed, news=news, blogs=blogs, force=args.force, season=args.season)  # noqa: E731
    elif args.polnear:
        news = load_polnear()
        print(f"pool: {len(news.paragraphs)} paragraphs from {len(news.titles)} PolNeAR articles")
        make = lambda n: build_polnear(n, args.seed, source=news, force=args.force, season=args.season)  # noqa: E731
    else:
        source = load_source()
        print(f"pool: {len(source.posts)} posts from {len(source.templates)} articles")
        make = lambda n: build(n, args.seed, source=source, force=args.force)  # noqa: E731
    for n in args.sizes:
        folder = make(n)
        d = describe(folder)
        print(f"{n:>6} articles  {d['words']:>10,} words  {d['chars']:>11,} chars  {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
