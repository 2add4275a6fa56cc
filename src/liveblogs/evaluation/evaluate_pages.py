"""Score the text path against the pages' own structure: ``python -m liveblogs.evaluate_pages [FOLDER]``.

A structured page (schema.org ``liveBlogUpdate`` items) says where each post starts, its headline
and its time. This renders each page to the text a reader would copy (its visible text,
``pages.visible_text``), runs the text path on that text exactly as on a ``.txt`` file, and
compares:

- **post starts**: each update's start in the visible text is where its headline is (else the
  start of its body), found in page order; a predicted post (``kind == "post"``) matches an update
  when it starts from ``BEFORE`` characters before to ``AFTER`` characters after it (a stamp or a
  byline run on above the headline is still the right start), one to one. Recall is over the
  updates found in the visible text; precision over the predicted posts that start inside the
  blog (from the first update's start to the end of the last one's body), so the page's menus and
  footers, which the text path also reads, do not count against it;
- **headline accuracy**: of the updates whose headline the visible text shows as written, those
  whose matched post has the same headline (whitespace collapsed); an unmatched update is wrong;
- **time accuracy**: of the updates with a ``datePublished``, those whose matched post's best time
  is the same minute (the same instant: a time read in the wrong zone is wrong); unmatched is wrong.
  ``timed_posts`` counts the matched updates the text path gave any time, and ``median_error_min``
  is the median of (its time − the update's), in minutes, over those.

Two runs: ``text only`` (the visible text and nothing else, as ``load_corpus("copied.txt")``) and
``with date and zone`` (the page's publication date and UTC offset given, as a manifest row or
``liveblogs posts --published --timezone`` would give them). Pages are read from ``../shared/realpages`` beside the repository unless a
folder is given.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..ingest import pages
from ..config import PROJECT_DIR
from ..assemble.corpus import Corpus
from ..ingest.sources import ArticleSource, article_frame

DEFAULT_FOLDER = PROJECT_DIR.parent / "shared" / "realpages"
# How far a predicted post start may sit before/after the update's (characters): the scorer's
# definition, set by hand so a stamp or byline run on above a headline still counts; not tuned.
BEFORE = 100
AFTER = 10
_WS_RE = re.compile(r"\s+")


@dataclass
class GoldPost:
    start: int
    headline: str | None
    time: pd.Timestamp | None
    end: int


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run as one space, and each character's offset in ``text``."""
    out, where = [], []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group().isspace():
            out.append(" ")
            where.append(m.start())
        else:
            out.append(m.group())
            where.extend(range(m.start(), m.end()))
    return "".join(out), where


def _norm(value: str | None) -> str:
    return _WS_RE.sub(" ", value or "").strip()


def gold_posts(page: pages.Page, visible: str) -> tuple[list[GoldPost], int]:
    """Each update found in the visible text, in page order, and how many were not found."""
    squeezed, where = _squeeze(visible)
    cursor, found, missing = 0, [], 0
    for post in page.posts:
        needles = [n for n in (_norm(post.headline), _norm(post.body[0])[:80] if post.body else "") if len(n) >= 4]
        at = -1
        for needle in needles:
            at = squeezed.find(needle, cursor)
            if at < 0:
                at = squeezed.find(needle)
            if at >= 0:
                head_at = at if needle == needles[0] and post.headline and _norm(post.headline) == needle else None
                break
        if at < 0:
            missing += 1
            continue
        body_end = at + len(needles[0])
        if post.body:
            tail = _norm(post.body[-1])[-60:]
            end = squeezed.find(tail, at) if tail else -1
            if end >= 0:
                body_end = end + len(tail)
        # A headline the page does not show as written (Times of India's carry the clock: "19:02(IST) TOSS: ...")
        # is not scored: only the visible one can be found.
        found.append(GoldPost(where[at], post.headline if head_at is not None else None,
                              post.published, where[min(body_end, len(where) - 1)]))
        cursor = at + 1
    return found, missing


def score_page(path: Path, hints: bool) -> dict:
    """The scores of the text path on one page's visible text."""
    import liveblogs

    page = pages.read_page(path, pages.decode_page(path, path.read_bytes()))
    visible = page.visible_text
    gold, missing = gold_posts(page, visible)
    with tempfile.TemporaryDirectory() as folder:
        txt = Path(folder) / f"{path.stem}.txt"
        txt.write_text(visible, encoding="utf-8")
        if hints:  # as a manifest row would give them (the zone may be a "+05:30" offset, which pandas reads)
            zone = page.zone or "UTC"
            day = page.published.tz_convert(zone).date() if page.published is not None else None
            source = ArticleSource(path=txt, outlet=page.outlet, published=day, timezone=zone)
            corpus = Corpus(article_frame([source]))
        else:
            corpus = liveblogs.load_corpus(txt, cache=False)
        posts = corpus.posts[corpus.posts["kind"] == "post"]
    predicted = list(zip(posts["start"].tolist(), posts["headline"].tolist(), posts["time"].tolist()))
    used: set[int] = set()
    matches: dict[int, int] = {}
    for g, post in enumerate(gold):
        options = [(abs(s - post.start), i) for i, (s, _h, _t) in enumerate(predicted)
                   if i not in used and post.start - BEFORE <= s <= post.start + AFTER]
        if options:
            i = min(options)[1]
            used.add(i)
            matches[g] = i
    lo = min((p.start for p in gold), default=0) - BEFORE
    hi = max((p.end for p in gold), default=0)
    inside = [i for i, (s, _h, _t) in enumerate(predicted) if lo <= s <= hi]
    with_headline = [g for g, p in enumerate(gold) if p.headline]
    headlines_right = sum(g in matches and _norm(predicted[matches[g]][1] if isinstance(predicted[matches[g]][1], str) else "")
                          == _norm(gold[g].headline) for g in with_headline)
    with_time = [g for g, p in enumerate(gold) if p.time is not None]
    times_right = sum(g in matches and _same_minute(predicted[matches[g]][2], gold[g].time) for g in with_time)
    gaps = [(pd.Timestamp(predicted[matches[g]][2]) - gold[g].time).total_seconds() / 60 for g in with_time
            if g in matches and not pd.isna(predicted[matches[g]][2])]
    return {
        "page": path.stem, "updates": len(page.posts), "visible": len(gold), "not_visible": missing,
        "predicted_in_blog": len(inside), "matched": len(matches),
        "recall": len(matches) / len(gold) if gold else float("nan"),
        "precision": sum(i in used for i in inside) / len(inside) if inside else float("nan"),
        "headlines": len(with_headline), "headlines_right": headlines_right,
        "headline_accuracy": headlines_right / len(with_headline) if with_headline else float("nan"),
        "timed": len(with_time), "times_right": times_right,
        "time_accuracy": times_right / len(with_time) if with_time else float("nan"),
        "timed_posts": len(gaps),  # matched updates the text path gave a time at all
        "median_error_min": float(pd.Series(gaps).median()) if gaps else float("nan"),
    }


def _same_minute(predicted, gold: pd.Timestamp | None) -> bool:
    if gold is None or predicted is None or pd.isna(predicted):
        return False
    return pd.Timestamp(predicted).floor("min") == gold.floor("min")


def structured_pages(folder: Path) -> list[Path]:
    """The pages of ``folder`` that carry liveBlogUpdate items."""
    found = []
    for path in sorted(p for p in folder.iterdir() if pages.is_html(p)):
        page = pages.read_page(path, pages.decode_page(path, path.read_bytes()))
        if page.structure in ("json-ld", "microdata"):
            found.append(path)
    return found


def evaluate(folder: Path = DEFAULT_FOLDER, hints: bool = False) -> pd.DataFrame:
    """One row per structured page, and a last row ``all`` with the totals (micro averages)."""
    rows = [score_page(path, hints) for path in structured_pages(Path(folder))]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    total = {c: frame[c].sum() for c in ("updates", "visible", "not_visible", "predicted_in_blog", "matched",
                                          "headlines", "headlines_right", "timed", "times_right", "timed_posts")}
    matched_inside = sum(r["precision"] * r["predicted_in_blog"] for r in rows if r["predicted_in_blog"])
    total.update(page="all", recall=total["matched"] / max(total["visible"], 1),
                 precision=matched_inside / max(total["predicted_in_blog"], 1),
                 headline_accuracy=total["headlines_right"] / max(total["headlines"], 1),
                 time_accuracy=total["times_right"] / max(total["timed"], 1))
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


PUBLISHED = Path(__file__).with_name("published") / "realpages.csv"
PUBLISHED_COLUMNS = ["run", "page", "updates", "visible", "predicted_in_blog", "matched", "precision", "recall",
                     "headline_accuracy", "time_accuracy", "timed_posts", "median_error_min"]
RUNS = ((False, "text only"), (True, "with date and zone"))


def both_runs(folder: Path = DEFAULT_FOLDER) -> pd.DataFrame:
    """:func:`evaluate` text only and with date and zone, one frame with a ``run`` column."""
    frames = [evaluate(folder, hints).assign(run=label) for hints, label in RUNS]
    return pd.concat(frames, ignore_index=True)[PUBLISHED_COLUMNS]


def published_figures(path: str | Path = PUBLISHED) -> pd.DataFrame:
    """The scores shipped with the package for the six structured real pages (their licences keep
    them out of the repository: ``../shared/realpages``), as written by ``python -m
    liveblogs.evaluation.evaluate_pages --save``; ``tests/test_evaluate_pages.py`` checks them
    against a fresh run wherever the pages are present, so the table cannot go stale."""
    table = pd.read_csv(path, dtype={"run": "string", "page": "string"})
    return table[PUBLISHED_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liveblogs.evaluation.evaluate_pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER, help="folder of saved pages")
    parser.add_argument("--save", metavar="CSV", help="also write both runs as CSV (the package's published table: "
                        "src/liveblogs/evaluation/published/realpages.csv)")
    args = parser.parse_args(argv)
    if not Path(args.folder).is_dir():
        print(f"{args.folder}: no such folder of pages", file=sys.stderr)
        return 2
    frames = both_runs(args.folder)
    for _, label in RUNS:
        print(f"== text path on the pages' visible text ({label}) ==")
        shown = frames[frames["run"] == label].drop(columns="run")
        print(shown.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print()
    if args.save:
        frames.round(3).to_csv(args.save, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
