"""Paragraphs → transcript turns: the speaker-labelled lines of a broadcast or panel transcript.

A transcript prints each turn after its speaker's label and a colon, without quotation marks:

    JAKE TAPPER, CNN ANCHOR: Donald Trump released a video on Friday.
    TRUMP: The deaths of Alton Sterling ...
    TAPPER: And obviously, you're supporting Donald Trump ...
    UNIDENTIFIED MALE: (Through interpreter) We are going to Istanbul.

Capitals and a colon also open other lines — section labels (``DRIVING THE DAY:``, ``UPDATE:``,
``BYLINE:``), headline labels (``Trump: ...``) — so a label line is a turn only inside a
transcript: an article whose name-shaped labels name at least two speakers and where at least
one label shows it is a speaker's (a role after a comma, an anonymous speaker's label, a full
name shortened when its speaker speaks again, ``TAPPER`` after ``JAKE TAPPER``, or one-word labels
of two speakers, one of whom comes back after the other spoke). The steps, in order, and the name each
turn records:

1. ``label_line``: a paragraph opening with a name-shaped label (one to four words, all in
   capitals or all capitalised, no function word, no possessive, not a section label of
   ``wordlists/section_labels.txt``), an optional role in capitals after a comma, and a colon;
2. ``transcript``: the article's labels form a transcript (above);
3. ``continued``: a turn runs on over the following paragraphs of its post until the next label,
   a production note (``(SOUNDBITE OF ...)``, ``(END VIDEO CLIP)``) or a paragraph that is not
   body text; the last turn of a transcript is its own paragraph only (what follows it may be
   the article again).

Each turn's span starts after the colon (and after a leading ``(Through interpreter)`` note) and
ends at the end of its last paragraph, so ``text[start:end]`` is the turn's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..wordlists import words

__all__ = ["Turn", "transcript_turns", "TRANSCRIPT_LINE_RE", "PRODUCTION_NOTE_RE"]

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# A name word in capitals ("MARTÍNEZ", "O'BRIEN", "J.D.", "SEITZ-WALD") or capitalised
# ("Seitz-Wald", "McConnell", "O'Brien"); lower-case particles ("von der") between them.
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’.-]{{0,30}}"
_TITLE_WORD = rf"[{_UPPER}][{_LOWER}{_UPPER}'’.-]{{0,30}}"
_NAME_PARTICLES = words("name_particles")
_PARTICLES = "|".join(sorted(_NAME_PARTICLES, key=len, reverse=True))
_ROLE = rf"[{_UPPER}][{_UPPER}0-9 .,'’&/()-]{{0,60}}?"
# The label opening a line: a name in capitals with an optional role in capitals, or a
# capitalised name, then a colon and the turn's words on the same line.
LABEL_RE = re.compile(
    rf"(?P<caps>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})(?:, (?P<role>{_ROLE}))?:(?:[ \t]+(?=\S)|[ \t]*\Z)"
    rf"|(?P<title>{_TITLE_WORD}(?: (?:(?:{_PARTICLES}) )*{_TITLE_WORD}){{0,3}}):[ \t]+(?=\S)"
)
# A transcript's turn ("MARTÍNEZ: So what is Kyiv bringing?", "ELENA MARTÍNEZ, HOST:"), an
# interview's question or answer ("Q: How did things go?") or a production note ("(SOUNDBITE OF
# MUSIC)"): part of the transcript, never a post's headline (:mod:`liveblogs.text.posts` reads it so).
TRANSCRIPT_LINE_RE = re.compile(
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]{1,30}(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]{0,30}){0,3}(?:, [A-Z][A-Z .'’-]{1,40})?:(?: |\Z)"
    r"|[QA]: "
    r"|\((?:SOUNDBITE|CROSSTALK|LAUGHTER|MUSIC|APPLAUSE|BEGIN|END)\b"
)
# A paragraph that is a production note only: "(SOUNDBITE OF ARCHIVED RECORDING)", "(END VIDEO CLIP.)".
PRODUCTION_NOTE_RE = re.compile(rf"\s*[(\[][{_UPPER}][{_UPPER}0-9 ,.'’:/-]{{0,80}}[)\]]\.?\s*\Z")
# A note opening a turn, before its words: "(Through interpreter)", "(via translator)".
_LEADING_NOTE_RE = re.compile(r"\((?:[Tt]hrough|[Vv]ia) (?:an? )?(?:interpreter|translator|translation)\)[ \t]*")

_FUNCTION = words("stop_words") | words("title_small_words")
_SECTION_LABELS = words("section_labels")
_ANONYMOUS = words("anonymous_speaker_labels")
_TURN_ROLES = frozenset({"body", "summary", "standfirst", "bullet"})
"""Paragraph roles a turn may have (headlines and titles are the outlet's words; byline, time stamp,
boilerplate and metadata lines are the page's furniture, never speech)."""
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label (``name``, ``role`` as printed), its offsets, and the words'."""

    post: int
    paragraph: int
    label_start: int
    label_end: int
    name: str
    role: str | None
    colon: int
    start: int
    end: int
    anonymous: bool
    multi_paragraph: bool


@dataclass(frozen=True)
class _Label:
    para: int  # index into the paragraph rows
    match: re.Match
    name: str
    role: str | None
    key: str
    anonymous: bool


def _name_shaped(name: str) -> bool:
    """A label that can be a speaker's name: no function word, no possessive, no section label."""
    low = name.lower()
    if low in _SECTION_LABELS or low in _ANONYMOUS:
        return low in _ANONYMOUS
    parts = low.split()
    if any(w in _FUNCTION and w not in _NAME_PARTICLES for w in parts):
        return False
    return not any(w.endswith(("'s", "’s", "s'", "s’")) for w in parts)


def _spoken(words: str) -> bool:
    """Words that can be a turn: two words or more, not a tally (``Clinton: 1,769.``) and not a
    headline in title case (``Sanders: 'It Is Not A Radical Idea' To Ask ...``)."""
    found = _WORD_RE.findall(words)
    if len(found) < 2:
        return False
    capitalised = sum(w[0].isupper() for w in found)
    return len(found) < 4 or capitalised < 0.75 * len(found)


def label_line(text: str, paragraphs: list, k: int) -> _Label | None:
    """Step 1: the label opening paragraph ``k`` (rows ``(post, paragraph, start, end, role)``), if it is
    name-shaped and what follows it (on its line, or in the next paragraph) can be speech."""
    _, _, start, end, _ = paragraphs[k]
    m = LABEL_RE.match(text, start, end)
    if m is None:
        return None
    name = m.group("caps") or m.group("title")
    if not _name_shaped(name):
        return None
    words = text[m.end() : end]
    if not words.strip() and k + 1 < len(paragraphs):  # "ELENA MARTÍNEZ, HOST:" on a line of its own
        words = text[paragraphs[k + 1][2] : paragraphs[k + 1][3]]
    if not _spoken(words):
        return None
    anonymous = name.lower() in _ANONYMOUS
    return _Label(k, m, name, m.group("role"), "" if anonymous else name.split()[-1].lower(), anonymous)


def transcript(labels: list[_Label]) -> bool:
    """Step 2: the labels name at least two speakers, and one shows it is a speaker's label: a role
    after the name, an anonymous speaker, a full name shortened to its last word when its speaker
    speaks again (``JAKE TAPPER`` … ``TAPPER``), or one-word labels of two speakers or more, one of
    whom comes back after another spoke (``TRUMP`` … ``CLINTON`` … ``TRUMP``). A section label repeated word for word
    (``NATO NUMBERS`` twice) shows nothing."""
    if len(labels) < 2:
        return False
    keys = {lab.key for lab in labels if not lab.anonymous} | {lab.name.lower() for lab in labels if lab.anonymous}
    if len(keys) < 2:
        return False
    if any(lab.role or lab.anonymous for lab in labels):
        return True
    full = {lab.key for lab in labels if len(lab.name.split()) > 1}
    if any(len(lab.name.split()) == 1 and lab.key in full for lab in labels):
        return True
    one_word = [lab.key for lab in labels if len(lab.name.split()) == 1]
    seen: set[str] = set()
    returns = False
    for previous, k in zip([None, *one_word], one_word):
        returns |= k in seen and previous != k
        seen.add(k)
    return returns and len(seen) >= 2


def transcript_turns(text: str, paragraphs: list[tuple[int, int, int, int, str]]) -> list[Turn]:
    """The transcript turns of one article, from its paragraph rows ``(post, paragraph, start, end, role)``."""
    labels = []
    for k, (_, _, start, end, role) in enumerate(paragraphs):
        if role in _TURN_ROLES and end > start:
            found = label_line(text, paragraphs, k)
            if found is not None:
                labels.append(found)
    # Capitals and capitalised names are read as two conventions: a transcript keeps to one.
    caps = [lab for lab in labels if lab.match.group("caps")]
    titled = [lab for lab in labels if lab.match.group("title")]
    chosen = [group for group in (caps, titled) if transcript(group)]
    if not chosen:
        return []
    labels = sorted((lab for group in chosen for lab in group), key=lambda lab: lab.para)
    turns = []
    for i, lab in enumerate(labels):
        post, paragraph, p_start, p_end, _ = paragraphs[lab.para]
        first = lab.para
        start = lab.match.end()
        if start >= p_end and lab.para + 1 < len(paragraphs) and paragraphs[lab.para + 1][0] == post:
            first = lab.para + 1  # the label on a line of its own: the turn is the next paragraph
            start, p_end = paragraphs[first][2], paragraphs[first][3]
        note = _LEADING_NOTE_RE.match(text, start, p_end)
        if note is not None and note.end() < p_end:
            start = note.end()
        end = _continued(text, paragraphs, first, labels[i + 1].para if i + 1 < len(labels) else None)
        turns.append(Turn(post, paragraph, lab.match.start(), lab.match.start() + len(lab.name), lab.name,
                          lab.role, text.rindex(":", lab.match.start(), lab.match.end()), start, end,
                          lab.anonymous, end > p_end))
    return turns


def _continued(text: str, paragraphs: list, k: int, next_label: int | None) -> int:
    """Step 3: where the turn opening paragraph ``k`` ends: the end of its paragraph, or of the last
    body paragraph of its post before the next label (never past a production note)."""
    end = paragraphs[k][3]
    if next_label is None:
        return end
    post = paragraphs[k][0]
    for j in range(k + 1, next_label):
        p_post, _, start, p_end, role = paragraphs[j]
        if p_post != post or role not in _TURN_ROLES or PRODUCTION_NOTE_RE.match(text, start, p_end):
            break
        end = p_end
    return end
