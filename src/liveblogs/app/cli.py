"""``liveblogs`` command line: one row per post (or quote) for any text file, as JSONL or CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from ..assemble.corpus import Corpus
from ..errors import LiveblogsError
from .exports import write_csv
from ..ingest.sources import DEFAULT_TIMEZONE, article_frame, file_source

POST_FIELDS = [
    "file", "article", "outlet", "post", "kind", "headline", "start", "end",
    "time", "time_earliest", "time_latest", "time_source", "time_evidence",
]
QUOTE_FIELDS = [
    "file", "article", "outlet", "post", "paragraph", "quote", "start", "end", "speaker", "speaker_id", "cue",
    "cue_start", "cue_end", "kind", "attribution", "rule", "speaker_mention", "mention_start", "mention_end",
    "multi_paragraph",
]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per frame."""
    parser = argparse.ArgumentParser(prog="liveblogs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    posts = commands.add_parser("posts", help="one row per post of each file, with its time and bounds")
    _common(posts, ("jsonl", "csv"))
    quotes = commands.add_parser("quotes", help="one row per quotation of each file, with its speaker")
    _common(quotes, ("jsonl", "csv", "parquet"))
    quotes.add_argument("--out", type=Path, help="write to this file instead of standard output (needed for parquet)")
    build = commands.add_parser("build", help="process a folder of articles and write every frame as Parquet")
    build.add_argument("source", type=Path, help="a folder of articles (with or without manifest.csv), or a manifest")
    build.add_argument("--out", type=Path, required=True, help="folder to write <frame>.parquet files into")
    build.add_argument("--no-cache", action="store_true", help="recompute every article instead of using the cache")
    report = commands.add_parser("report", help="run the notebooks on a folder of articles and write offline HTML")
    report.add_argument("source", type=Path, nargs="?", default=None,
                        help="a folder of articles, a manifest or a file (default: the bundled articles)")
    report.add_argument("--out", type=Path, default=Path("reports"), help="folder for the HTML pages (default reports/)")
    report.add_argument("--timeout", type=int, default=300, help="seconds a notebook cell may run (default 300)")
    return parser


def report(args: argparse.Namespace) -> int:
    """Execute the notebook sequence on ``args.source`` and write one HTML page per notebook."""
    from .report import run_report

    for page in run_report(args.source, args.out, timeout=args.timeout):
        print(page)
    return 0


BUILD_FRAMES = (
    "articles", "posts", "paragraphs", "sentences", "quotes", "speakers", "speaker_names", "time_references",
    "cross_reference_links", "event_times",
)


def progress_bar(done: int, total: int, out=sys.stderr, width: int = 30) -> None:
    """A one-line text progress bar, redrawn in place."""
    filled = int(width * done / max(total, 1))
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles")
    if done == total:
        out.write("\n")
    out.flush()


def build(args: argparse.Namespace) -> int:
    """Process a folder and write each frame to ``--out`` as Parquet."""
    from .. import load_corpus

    corpus = load_corpus(args.source, cache=not args.no_cache, progress=progress_bar)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in BUILD_FRAMES:
        frame = getattr(corpus, name)
        lists = [c for c in frame.columns if frame[c].dtype == object and frame[c].map(lambda v: isinstance(v, list)).any()]
        frame.assign(**{c: frame[c].map(lambda v: list(map(str, v))) for c in lists}).to_parquet(args.out / f"{name}.parquet", index=False)
    print(f"wrote {len(BUILD_FRAMES)} frames for {len(corpus.articles)} articles to {args.out}", file=sys.stderr)
    return 0


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="article text files")
    parser.add_argument("--format", choices=formats, default="jsonl")
    parser.add_argument("--outlet", help="outlet name for every file (default: from the text, else the file name)")
    parser.add_argument("--published", type=_date, help="publication date YYYY-MM-DD for every file")
    parser.add_argument("--timezone", default=None,
                        help=f"IANA time zone of the articles (default: the zone the text states, else {DEFAULT_TIMEZONE})")
    parser.add_argument("--encoding", default=None,
                        help="text encoding of the files (default: the manifest's, else utf-8)")


def corpus_from_args(args: argparse.Namespace) -> Corpus:
    """A corpus of the files named on the command line: each file's row of a ``manifest.csv``
    beside it (or one folder up) when one names it, with the options given overriding its cells."""
    given = {"outlet": args.outlet, "published": args.published, "timezone": args.timezone, "encoding": args.encoding}
    sources = [replace(file_source(Path(p)), **{k: v for k, v in given.items() if v is not None}) for p in args.files]
    return Corpus(article_frame(sources))


def _with_file(corpus: Corpus, frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    files = corpus.articles.set_index("article")["path"]
    return frame.assign(file=frame["article"].map(files))[fields]


def post_rows(corpus: Corpus) -> pd.DataFrame:
    """The posts frame with the file each row came from, in the CLI's field order."""
    return _with_file(corpus, corpus.posts, POST_FIELDS)


def quote_rows(corpus: Corpus) -> pd.DataFrame:
    """The quotes frame with the file each row came from, in the CLI's field order."""
    return _with_file(corpus, corpus.quotes, QUOTE_FIELDS)


def write(frame: pd.DataFrame, fmt: str, out) -> None:
    """Write rows as JSON lines, CSV or Parquet to ``out`` (a text stream, or a binary one for Parquet)."""
    if fmt == "parquet":
        frame.assign(**{c: frame[c].astype("string") for c in frame.select_dtypes("category")}).to_parquet(out, index=False)
        return
    if fmt == "csv":
        write_csv(frame, out, lineterminator="\n")  # formula-like text cells get a leading ' (OWASP)
        return
    for record in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        out.write(json.dumps(record, ensure_ascii=False, default=_json_value) + "\n")


def _json_value(value: object) -> str:
    """Times as ISO 8601 with their offset; anything else as its string."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


COMMANDS: dict[str, Callable[[Corpus], pd.DataFrame]] = {"posts": post_rows, "quotes": quote_rows}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``liveblogs`` console script; bad input exits 2 with a one-line message."""
    args = build_parser().parse_args(argv)
    if args.command in ("build", "report"):
        try:
            return build(args) if args.command == "build" else report(args)
        except LiveblogsError as error:
            print(f"liveblogs: error: {error}", file=sys.stderr)
            return 2
    try:
        corpus = corpus_from_args(args)
        rows = COMMANDS[args.command](corpus)
    except LiveblogsError as error:
        print(f"liveblogs: error: {error}", file=sys.stderr)
        return 2
    out_path = getattr(args, "out", None)
    if out_path is not None:
        mode = "wb" if args.format == "parquet" else "w"
        with open(out_path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as out:
            write(rows, args.format, out)
    elif args.format == "parquet":
        write(rows, args.format, sys.stdout.buffer)
    else:
        try:
            write(rows, args.format, sys.stdout)
        except BrokenPipeError:  # a reader such as `head` stopped early: not an error
            sys.stdout = open(os.devnull, "w")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
