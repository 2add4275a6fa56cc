"""One article in, every per-article frame out: the pure map step of the corpus.

``article_frames`` depends on one article alone (its row of the articles frame), so it can be
cached per file (:mod:`liveblogs.cache`) and mapped over many files in parallel
(:mod:`liveblogs.scale`). The steps that need the whole corpus — canonical speakers across
outlets, stories across outlets — run afterwards on the concatenated frames (the reduce step,
in :class:`liveblogs.corpus.Corpus`).
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..ingest import pages
from ..text import posts as posts_module
from ..timing import times
from ..errors import ArticleError
from ..quotes.quotes import quote_frames
from ..text.document import ArticleDocument, sentences_of

PER_ARTICLE = (
    "paragraphs", "units", "sentences", "quotes", "time_references", "post_times", "cross_reference_links",
    "event_times",
)


def article_document(article: pd.DataFrame) -> ArticleDocument:
    """The one document of an article (``article`` is its one-row articles frame): its text,
    paragraphs and posts (a web page's own posts when it has them), from which every stage reads."""
    doc = _row_document(article.iloc[0])
    return ArticleDocument(doc.article, doc.outlet, doc.text, paragraph_frame([doc]), unit_frame([doc]), doc.page_times)


def _row_document(row: pd.Series | dict) -> ArticleDocument:
    """The document of one article (its row of the articles frame, as a Series or a dict) with its paragraphs and posts
    as rows, not yet frames (:func:`paragraph_frame`, :func:`unit_frame` type many at once)."""
    year = None if pd.isna(row["published"]) else int(row["published"].year)
    built = page_layout(row)
    if built is not None and built.units is not None:  # a web page's own posts
        para_rows, unit_rows = page_unit_rows(row["article"], built)
    else:
        para_rows, unit_rows = posts_module.segment_rows(row["article"], row["text"], year)
    pinned = page_times(built) if built is not None else None
    return ArticleDocument(str(row["article"]), str(row["outlet"]), row["text"], None, None, pinned,
                           rows={"paragraphs": para_rows, "units": unit_rows})


def paragraph_frame(docs: list[ArticleDocument]) -> pd.DataFrame:
    """The paragraphs frame of documents built from rows, in order, typed once."""
    return posts_module.typed_rows([r for d in docs for r in d.rows["paragraphs"]], posts_module.PARAGRAPH_COLUMNS)


def unit_frame(docs: list[ArticleDocument]) -> pd.DataFrame:
    """The units (posts) frame of documents built from rows, in order, typed once, with their outlet."""
    units = posts_module.typed_rows([r for d in docs for r in d.rows["units"]], posts_module.POST_COLUMNS)
    outlets = [d.outlet for d in docs for _ in d.rows["units"]]
    units.insert(1, "outlet", pd.array(outlets, dtype="string"))
    return units


def article_frames(article: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every frame computed from one article alone; ``article`` is its one-row articles frame."""
    return batch_frames(article)


def batch_frames(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every per-article frame of several articles (rows of the articles frame), each frame built
    once for the batch: the same rows and dtypes as :func:`article_frames` of each article,
    concatenated in order. Articles stay independent; only the frames are shared, so the fixed
    cost of building a frame is paid once per batch rather than once per article."""
    columns = list(articles.columns)  # the rows as dicts, read column by column (no per-row indexing)
    docs = [_row_document(dict(zip(columns, values))) for values in zip(*(articles[c].tolist() for c in columns))]
    units = unit_frame(docs)
    sentences = sentences_of(docs)
    frames = {"paragraphs": paragraph_frame(docs), "units": units, "sentences": sentences, "quotes": quote_frames(docs)}
    if not any(d.page_times for d in docs):
        frames.update(time_frames(articles, units, sentences))
        return frames
    # A web page's own post times win over the text path's, and the event times are read from
    # them: such articles are timed one by one.
    parts = [time_frames(articles.iloc[i : i + 1], unit_frame([d]), sentences_of([d]), d.page_times)
             for i, d in enumerate(docs)]
    frames.update({name: concat_frames([p[name] for p in parts]) for name in TIME_FRAMES})
    return frames


TIME_FRAMES = ("time_references", "post_times", "cross_reference_links", "event_times")


def concat_frames(frames: Iterable[pd.DataFrame], columns: list[str] | None = None) -> pd.DataFrame:
    """Concatenate per-article frames, keeping the dtypes of the first when some are empty."""
    frames = list(frames)
    filled = [f for f in frames if len(f)]
    if len(filled) == 1:
        return filled[0].reset_index(drop=True)
    if filled:
        return pd.concat(filled, ignore_index=True)
    if frames:
        return frames[0].iloc[0:0].reset_index(drop=True)
    return pd.DataFrame(columns=columns)


def page_layout(row: pd.Series | dict) -> pages.Layout | None:
    """A web page's layout (its derived text and posts), None for a text file. The page is read
    again from its file (by path and SHA-256) unless still in memory; its text must be the row's."""
    path = row.get("path")
    if path is None or pd.isna(path) or not pages.is_html(str(path)):
        return None  # text, or an in-memory article frame with no file behind it
    encoding = None if str(row["encoding"]).lower() in ("utf-8", "utf8", "utf-8-sig") else str(row["encoding"])
    page = pages.page_of(str(row["path"]), str(row["sha256"]), encoding)
    built = pages.layout(page, str(row["timezone"]))
    if built.text != row["text"]:
        raise ArticleError(row["path"], "gives another text than when the corpus read it; load the corpus again")
    return built


def page_unit_rows(article: str, built: pages.Layout) -> tuple[list[dict], list[dict]]:
    """The paragraph rows and the post rows of a structured page, from its layout: one unit per
    line group the layout wrote (title, standfirst, stamps, bylines, and one post per update)."""
    text = built.text
    para_rows, post_rows = [], []
    paragraph = 0
    for post_id, (kind, paras, head, stamp, _index) in enumerate(built.units):
        start, end = paras[0][1], paras[-1][2]
        post_rows.append({
            "article": article, "post": post_id, "kind": kind,
            "headline": text[head[0]:head[1]] if head else None,
            "headline_start": head[0] if head else None, "headline_end": head[1] if head else None,
            "stamp_start": None, "stamp_end": None,
            "start": start, "end": end, "text": text[start:end], "n_paragraphs": len(paras),
        })
        for role, p_start, p_end in paras:
            para_rows.append({
                "article": article, "post": post_id, "paragraph": paragraph, "role": role,
                "start": p_start, "end": p_end, "text": text[p_start:p_end], "pieces": 1,
            })
            paragraph += 1
    return para_rows, post_rows


def page_times(built: pages.Layout) -> dict[int, tuple[pd.Timestamp, str]]:
    """Post id → (time, evidence) for every post whose update gives its datePublished."""
    found = {}
    if built.units is None:
        return found
    for post_id, (kind, _paras, _head, _stamp, index) in enumerate(built.units):
        if kind != "post" or index is None:
            continue
        update = built.page.posts[index]
        if update.published is None:
            continue
        evidence = f"datePublished {update.published_raw} ({update.evidence})"
        if update.modified is not None and update.modified != update.published:
            evidence += f"; dateModified {update.modified.isoformat()}"
        found[post_id] = (update.published, evidence)
    return found


def _pin_page_times(post_times: pd.DataFrame, pinned: dict[int, tuple[pd.Timestamp, str]], zone: str) -> pd.DataFrame:
    """The page's own post times over the text path's: exact, with ``time_source`` "page metadata"."""
    if not pinned:
        return post_times
    frame = post_times.copy()
    rows = [pinned.get(int(p)) for p in frame["post"].tolist()]
    for column in times.TIME_COLUMNS:
        values = [r[0].tz_convert(zone) if r else v for r, v in zip(rows, frame[column].tolist())]
        frame[column] = pd.to_datetime(pd.Series(values, index=frame.index, dtype=object), utc=True).dt.tz_convert(zone)
    frame["time_source"] = pd.Categorical(
        [pages.PAGE_TIME_SOURCE if r else v for r, v in zip(rows, frame["time_source"].astype(object).tolist())],
        dtype=frame["time_source"].dtype)
    frame["time_evidence"] = pd.array(
        [r[1] if r else v for r, v in zip(rows, frame["time_evidence"].tolist())], dtype="string")
    return frame


def time_frames(article: pd.DataFrame, units: pd.DataFrame, sentences: pd.DataFrame,
                pinned: dict[int, tuple[pd.Timestamp, str]] | None = None) -> dict[str, pd.DataFrame]:
    """The time frames of one article, each intermediate (clocks, clues, links) computed once.
    ``pinned``: post times a web page gives (post id → time, evidence), which win."""
    clocks = times.article_clocks(article)
    clues = times.find_clues(article, units, clocks)
    links = times.cross_reference_links(article, units, sentences, clues, clocks)
    references = times.time_references(article, units, sentences, clues, links)
    post_times = times.post_times(article, units, references, clocks=clocks)
    if pinned:
        post_times = _pin_page_times(post_times, pinned, str(article.iloc[0]["timezone"]))
    return {
        "time_references": references,
        "post_times": post_times,
        "cross_reference_links": links,
        "event_times": times.event_times(article, units, sentences, post_times, clocks),
    }
