"""One article in, every per-article frame out: the pure map step of the corpus.

``article_frames`` depends on one article alone (its row of the articles frame), so it can be
cached per file (:mod:`liveblogs.cache`) and mapped over many files in parallel
(:mod:`liveblogs.scale`). The steps that need the whole corpus — canonical speakers across
outlets, stories across outlets — run afterwards on the concatenated frames (the reduce step,
in :class:`liveblogs.corpus.Corpus`).
"""

from __future__ import annotations

import pandas as pd

from ..ingest import pages
from ..text import posts as posts_module
from ..timing import times
from ..errors import ArticleError
from ..quotes.quotes import quote_frame
from ..text.document import ArticleDocument, sentence_frame

PER_ARTICLE = (
    "paragraphs", "units", "sentences", "quotes", "time_references", "post_times", "cross_reference_links",
    "event_times",
)


def article_document(article: pd.DataFrame) -> ArticleDocument:
    """The one document of an article (``article`` is its one-row articles frame): its text,
    paragraphs and posts (a web page's own posts when it has them), from which every stage reads."""
    row = article.iloc[0]
    year = None if pd.isna(row["published"]) else int(row["published"].year)
    built = page_layout(row)
    if built is not None and built.units is not None:  # a web page's own posts
        paragraphs, units = page_units(row["article"], built)
    else:
        paragraphs, units = posts_module.segment(row["article"], row["text"], year)
    units.insert(1, "outlet", pd.Series(str(row["outlet"]), index=units.index, dtype="string"))
    pinned = page_times(built) if built is not None else None
    return ArticleDocument(str(row["article"]), str(row["outlet"]), row["text"], paragraphs, units, pinned)


def article_frames(article: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every frame computed from one article alone; ``article`` is its one-row articles frame."""
    doc = article_document(article)
    return {
        "paragraphs": doc.paragraphs,
        "units": doc.units,
        "sentences": doc.sentences,
        "quotes": quote_frame(doc),
        **time_frames(article, doc.units, doc.sentences, doc.page_times),
    }


def page_layout(row: pd.Series) -> pages.Layout | None:
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


def page_units(article: str, built: pages.Layout) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paragraph frame and the post frame of a structured page, from its layout: one unit per
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
    return (posts_module._typed(para_rows, posts_module.PARAGRAPH_COLUMNS),
            posts_module._typed(post_rows, posts_module.POST_COLUMNS))


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
