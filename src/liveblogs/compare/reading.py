"""A written reading of a corpus's coverage and timing, generated from its frames (never hand-written).

Takes the story × outlet timing frame (``Corpus.coverage_timing()``) and the posts frame; makes
Markdown text whose every number comes from them, so the conclusion holds for whatever corpus a
notebook runs on. Strings from articles (outlet names) are escaped for HTML and Markdown.
"""

from __future__ import annotations

import html
import re

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text: object) -> str:
    """Text that shows literally in Markdown rendered to HTML: HTML-escaped, Markdown marks backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True))


def _plural(n: int, word: str, plural: str) -> str:
    return f"{n} {word if n == 1 else plural}"


def coverage_reading(timing: pd.DataFrame, posts: pd.DataFrame) -> str:
    """Markdown: outlets, stories shared and single-outlet, and what the post times can support."""
    covered = timing[timing["covered"]]
    outlets = sorted(map(str, timing["outlet"].dropna().unique()))
    per_story = covered.groupby("story")["outlet"].nunique()
    shared = per_story[per_story > 1].index
    lines = [f"**Outlets.** {len(outlets)}: " + ", ".join(escape_markdown(o) for o in outlets) + "."]
    only = covered[covered["story"].isin(per_story[per_story == 1].index)].groupby("outlet", observed=True)["story"].nunique()
    single = "; ".join(f"{escape_markdown(o)} alone {n}" for o, n in only.items() if n) or "none"
    lines.append(
        f"**Stories.** {_plural(len(per_story), 'story', 'stories')} in all: {len(shared)} covered by more than one outlet "
        f"({int((per_story == len(outlets)).sum()) if len(outlets) > 1 else 0} by every outlet); single-outlet stories: {single}."
    )
    body = posts[posts["kind"] == "post"]
    sources = body.groupby(["outlet", "time_source"], observed=True).size()
    parts = []
    for outlet in outlets:
        counts = sources.get(outlet) if outlet in sources.index.get_level_values(0) else None
        if counts is None or counts.empty:
            continue
        described = ", ".join(f"{n} {escape_markdown(src)}" for src, n in counts.items() if n)
        parts.append(f"{escape_markdown(outlet)}: {described}")
    lines.append("**How post times are known.** " + ("; ".join(parts) or "no posts") + ".")
    timed = covered[covered["story"].isin(shared)].groupby("story")["lag_basis"].apply(lambda b: bool((b == "time").any()))
    n_timed = int(timed.sum())
    if not len(shared):
        verdict = "No story is covered by more than one outlet, so there is no lag to measure."
    elif n_timed == len(shared):
        verdict = (f"Every one of the {len(shared)} shared stories has clock times on both sides, so its lag "
                   "is given in minutes, within the bounds of the times it rests on.")
    else:
        verdict = (f"{n_timed} of the {len(shared)} shared stories have clock times on both sides; for the other "
                   f"{len(shared) - n_timed} the lag is *order only*: the data say which outlet's post came first in "
                   "running order, not by how many minutes. Claims of who was first by how much need stamped copies.")
    lines.append(f"**What the timing can support.** {verdict}")
    return "\n\n".join(lines)
