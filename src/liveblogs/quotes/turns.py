"""Transcript turns → quotation rows: each turn is its labelled speaker's speech.

The turns come from the article document (:func:`liveblogs.text.transcripts.transcript_turns`);
this module names their speakers and makes one row per turn with the columns of
:data:`liveblogs.quotes.quotes.QUOTE_COLUMNS`: ``kind`` ``turn``, ``attribution`` ``label``,
``rule`` ``transcript_turn``, the label as ``speaker_mention`` and the colon as ``cue``. A label
is written as the text writes the name elsewhere (``MARTÍNEZ`` → ``Martínez``, ``MCCONNELL`` →
``McConnell``); a surname alone becomes the one full name the transcript's labels or the article
give it (``TAPPER`` → ``Jake Tapper``). An anonymous speaker's label (``UNIDENTIFIED MALE``)
leaves the speaker empty (shown as no speaker), with the label as its description; a role after
the name (``HOST``, ``U.S. DEFENSE SECRETARY``) is the description too. Quotation marks inside a turn stay
rows of their own, so a turn and the quotation it holds can both be counted.
"""

from __future__ import annotations

import re

from . import speech as sp
from ..text.segment import TITLE_ABBREVIATIONS
from ..text.transcripts import Turn

__all__ = ["turn_rows"]


_CAPITALISED_RE = re.compile(r"(?<![\w'’])[^\W\d_][\w'’-]*")


def _written_forms(text: str) -> dict[str, str]:
    """Each capitalised word of the text that is not all in capitals, by its lower case, as first
    written (``mcconnell`` → ``McConnell``): one pass over the text, whatever the number of labels."""
    forms: dict[str, str] = {}
    for m in _CAPITALISED_RE.finditer(text):
        w = m.group(0)
        if w[0].isupper() and not w.isupper():
            forms.setdefault(w.lower(), w)
    return forms


def _as_written(name: str, forms: dict[str, str]) -> str:
    """``name`` (in capitals) in the case the text writes its words elsewhere, else capitalised."""
    if not name.isupper():
        return name
    return " ".join(forms.get(w.lower(), _capitalised(w)) for w in name.split())


def _capitalised(word: str) -> str:
    """A word in capitals written as a name: ``O'BRIEN`` → ``O'Brien``, ``SEITZ-WALD`` → ``Seitz-Wald``."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


def _full_names(turns: list[Turn], written: dict[str, str], article_names: set[str]) -> dict[str, str]:
    """Each label's speaker: a one-word label becomes the one longer label that ends with it, or
    else the one full name of the article that does; other labels stay as written."""
    def by_surname(names) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for n in names:
            if len(n.split()) > 1 and all(_given_name(w) for w in n.split()[:-1]):
                found.setdefault(n.split()[-1].lower(), set()).add(n)
        return found

    from_labels = by_surname(written.values())
    from_article = by_surname(article_names)
    out = {}
    for label, name in written.items():
        fits = set()
        if len(name.split()) == 1:
            fits = from_labels.get(name.lower()) or from_article.get(name.lower()) or set()
        out[label] = next(iter(fits)) if len(fits) == 1 else name
    return out


_TITLES = frozenset(w.lower().rstrip(".") for w in sp.HONORIFICS | TITLE_ABBREVIATIONS | sp.TITLES)


def _given_name(word: str) -> bool:
    """A word that can open a full name: capitalised (not an acronym: ``OK Gov Fallin``), not a title."""
    return word[:1].isupper() and not word.isupper() and word.lower().rstrip(".") not in _TITLES


def turn_rows(text: str, turns: list[Turn], article_names: set[str] = frozenset()) -> list[dict]:
    """One quotation row per turn (the keys of ``attribution.attribute``'s rows)."""
    if not turns:
        return []
    forms = _written_forms(text)
    written = {t.name: _as_written(t.name, forms) for t in turns if not t.anonymous}
    full = _full_names(turns, written, set(article_names))
    rows = []
    for t in turns:
        role = " ".join(_capitalised(w) if not re.search(r"\w\.", w) else w for w in t.role.split()) if t.role else None
        rows.append({
            "post": t.post,
            "paragraph": t.paragraph,
            "start": t.start,
            "end": t.end,
            "quote": text[t.start : t.end],
            "speaker": None if t.anonymous else full[t.name],
            "speaker_mention": text[t.label_start : t.label_end],
            "mention_start": t.label_start,
            "mention_end": t.label_end,
            "description": t.name.lower() if t.anonymous else role,
            "apposition": None,
            "person": None if t.anonymous else True,
            "cue": text[t.colon : t.colon + 1],
            "cue_start": t.colon,
            "cue_end": t.colon + 1,
            "kind": "turn",
            "attribution": "label",
            "rule": "transcript_turn",
            "multi_paragraph": t.multi_paragraph,
            "nested": False,
            "parent": None,
        })
    return rows
