"""``liveblogs`` command line: one row per post (or quote) for any text file, as JSONL or CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from .corpus import Corpus
from .errors import LiveblogsError
from .sources import ArticleSource, DEFAULT_TIMEZONE, article_frame

POST_FIELDS = ["file", "article", "outlet", "post", "kind", "headline", "start", "end"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per frame."""
    parser = argparse.ArgumentParser(prog="liveblogs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    posts = commands.add_parser("posts", help="one row per post of each file")
    _common(posts, ("jsonl", "csv"))
    return parser


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="article text files")
    parser.add_argument("--format", choices=formats, default="jsonl")
    parser.add_argument("--outlet", help="outlet name for every file (default: from the text, else the file name)")
    parser.add_argument("--published", type=_date, help="publication date YYYY-MM-DD for every file")
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE, help="IANA time zone of the articles")
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the files (default utf-8)")


def corpus_from_args(args: argparse.Namespace) -> Corpus:
    """A corpus of the files named on the command line, with the options applied to each."""
    sources = [
        ArticleSource(path=p, outlet=args.outlet, published=args.published, timezone=args.timezone, encoding=args.encoding)
        for p in args.files
    ]
    return Corpus(article_frame(sources))


def post_rows(corpus: Corpus) -> pd.DataFrame:
    """The posts frame with the file each row came from, in the CLI's field order."""
    files = corpus.articles.set_index("article")["path"]
    posts = corpus.posts.assign(file=lambda f: f["article"].map(files))
    return posts[POST_FIELDS]


def write(frame: pd.DataFrame, fmt: str, out) -> None:
    """Write rows as JSON lines or CSV to ``out``."""
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
        return
    for record in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


COMMANDS: dict[str, Callable[[Corpus], pd.DataFrame]] = {"posts": post_rows}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``liveblogs`` console script; bad input exits 2 with a one-line message."""
    args = build_parser().parse_args(argv)
    try:
        corpus = corpus_from_args(args)
        rows = COMMANDS[args.command](corpus)
    except LiveblogsError as error:
        print(f"liveblogs: error: {error}", file=sys.stderr)
        return 2
    write(rows, args.format, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
