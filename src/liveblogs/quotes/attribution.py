"""Quotation spans → who said them: the reporting cue, the speaker's mention and how it was found.

The rules follow how English news reports speech, in this order of preference for a quotation:

1. a cue right after the closing mark (``"…," he said``, ``"…," said Peskov``);
2. a cue right before the opening mark (``X said: "…"``, ``X added "…"``, ``His key message: "…"``);
3. the nearest reporting verb before the quotation in its sentence (``X said talks are "…"``);
4. a reporting clause after it in the same sentence (``…, our correspondent X has said.``) or
   ``according to X``;
5. context: a paragraph that only continues a quotation keeps the speaker of the one before
   (``continuation``), bullets after ``Here's what he said:`` keep that speaker (``list_intro``),
   the same words quoted elsewhere with a speaker (``repeat``), a fragment in a paragraph that
   follows reported speech (``continuation``); otherwise the quotation is a ``scare`` quote.

Steps 1–4 are ``RULES``, named rule functions tried in order (a few more than above: a cue after
a quotation ending in ?/!, a speech noun, a sentence and a colon, a framing verb, a speaker
label); the context and the later passes are named in ``PASS_RULES``. Each quotation's ``rule``
says which one found its speaker (``RULE_NAMES`` lists them all).

Some quotations are nobody's speech: a term (``the so-called "..."``, ``known as "..."``), a
title (``told CBS's "Face the Nation."``) or a name standing alone where nothing reports speech.
A quotation inside a quotation is read within the outer words (``"Trump says Europe should
'pay up'"`` → Trump; ``I``/``we`` there → the outer speaker; no cue → nobody).

Pronouns follow salience, not nearness: a subject earlier in the same sentence, else the most
recent sentence holding someone who fits (person or thing, gender as the text shows it under
any form of the name, ``they`` a group), and there the subject of the main clause before a
subordinate subject before a mere mention.

Headline quotations take the speaker of the body quotation with the same or similar words, else
of the body sentence that says them, else the headline's own subject, else the person the post
introduces as quoted.

Subjects are read from tokens of the sentence with the quoted words masked out: the noun phrase
next to the verb, an apposition between commas (``Dmitry Medvedev, deputy chairman of …, said``),
a relative pronoun (``Pete Hegseth, who insisted``), a pronoun resolved against the subjects
of the post so far (gender respected when the text shows it), or a description (``Sweden's
defence minister``, ``the Kremlin``) linked to the person the article gives it to.

Names and descriptions:

* honorifics and titles are not names (``Mr. Van Aken``, ``Secretary-General Mark Rutte``,
  ``Sir Keir``); an initial stays (``Donald J. Trump``); weekdays and dated months never name
  anyone (``said on Sunday``);
* a surname, one word or several (``Trump``, ``von der Leyen``, ``Van Aken``), becomes the one
  full name the article gives with that ending;
* a description keeps a prepositional phrase after its role noun (``ambassador to NATO``, ``a
  senior executive at one of Germany's largest arms makers``) and stops at a participle
  (``a diplomat involved in the talks``); a body named in capitals keeps its whole name
  (``the Ukrainian Air Force``, ``NATO's press office``);
* a definite description (``the Ukrainian president``) is the person last named as a subject
  when nothing the article says contradicts it and nobody else was named beside them; a bare
  capitalised title (``the Prime Minister``) is not linked to another country's holder;
* a news agency or outlet (``according to MTI``, ``TASS reported``) is the channel when the
  sentence names another speaker.

Clauses: a participle hangs from the subject of its own clause (``, while X ..., telling``), an
opening participle from the subject after its comma (``Speaking to reporters, he said``), a
verb after ``but``/``and`` from the first verb's subject; a future verb inside a ``that``
clause (``said ... that the bloc would respond with``) is reported content, not a new speaker;
a quotation after a full sentence and a colon is its subject's (``He was blunt: "..."``).
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Sequence

from . import speech as sp
from ..text.quotemarks import QuoteSpan, quote_text
from ..text.document import MASK, masked_text
from ..text.segment import masked_token_matches, sentence_spans
from ..text.words import letter_words, token_words, word_forms, word_pieces
from ..wordlists import entries, table, words

__all__ = ["attribute", "quote_kind", "Mention"]

_DOTTED_HONORIFICS = frozenset(sp.DOTTED_HONORIFICS)
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|s'|s’)$")
_STEM = 5  # set by hand (c1c3b3d) on the bundled pair, not swept: "defence"/"defending" share "defen"
_HEADLINE_ROLES = frozenset({"title", "headline"})
_MAX_NP = 12  # a safety bound, not tuned: a noun phrase of more words is not read as a subject
_HISTORY = 60  # how far back (in subjects) a pronoun or a description may point; set by hand
# (c1c3b3d); PolNeAR dev who-said-what F1 at 10/30/60/120: 0.801/0.803/0.803/0.803
# (`python benchmarks/sweep.py liveblogs.quotes.attribution._HISTORY 10 30 60 120`)
# Words of a description, a key, a clause; gaps between a quotation and its cue.
_LETTER_RE = re.compile(r"[^\W\d_]")
_CONTRACTED_SUBJECT_RE = re.compile(r"(?:it|that|there|he|she|what)['’]s$")
_PUNCTUATION_GAP_RE = re.compile(r"[\s,.;:!?…–—-]*")
_SHORT_GAP_RE = re.compile(r"\s*(?:[\w-]+\s+){0,3}?[,:]?\s*(?:that\s+)?")
_FINAL_NOUN_RE = re.compile(r"(?<!\w)(\w+)\s*(?:[:,–—-]\s*)?\Z")  # lookbehind: linear on one long word
_FINAL_STOP_RE = re.compile(r"[.!?]\s*\Z")
_BULLET_LEAD_RE = re.compile(r"[\s\-•*–·]*")


# ---------------------------------------------------------------------------- tokens, sentences


class Token:
    """A token of the masked text; the flags every rule asks about are computed once."""

    __slots__ = ("text", "start", "end", "lower", "is_word", "is_capital", "is_quote", "bare", "possessive", "is_title")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        (self.lower, self.is_word, self.is_capital, self.is_quote, self.bare, self.possessive,
         self.is_title) = _token_flags(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


class _TokenFlags(NamedTuple):
    """What a token's text says about it (see :func:`_token_flags`)."""

    lower: str
    is_word: bool
    is_capital: bool
    is_quote: bool
    bare: str
    possessive: bool
    is_title: bool


@lru_cache(maxsize=1 << 16)
def _token_flags(text: str) -> _TokenFlags:
    """What a token's text says, read once per distinct text: lower case, word, capital, masked
    quotation, ``bare`` (lower case without a possessive ending), possessive, and title (a title
    word, hyphenated ones too: ``Secretary-General``, ``Vice-President``)."""
    lower = text.lower()
    first = text[0]
    bare = _POSSESSIVE_RE.sub("", lower)
    possessive = bool(_POSSESSIVE_RE.search(text)) and len(text) > 2
    is_title = bare in sp.TITLES or ("-" in bare and all(p in sp.TITLES for p in bare.split("-") if p))
    return _TokenFlags(lower, first.isalnum(), first.isupper(), first == MASK, bare, possessive, is_title)


class _Memo:
    """Tokens, sentences and capital runs of one masked text, read once per article.

    The passes over an article (description index, full names, posts, headlines) read the same
    sentences; :func:`attribute` opens a memo so each is tokenised once. Results are shared, so
    callers never modify the lists they get.
    """

    def __init__(self) -> None:
        self.tokens: dict[tuple[int, int, int], list[Token]] = {}
        self.bounds: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        self.runs: dict[int, tuple[list[Token], list[tuple[int, int]]]] = {}
        self.texts: dict[int, str] = {}  # keeps each masked text alive, so its id stays its own
        self.words: dict[int, dict[str, int]] = {}
        self.forms: dict[int, dict[str, int]] = {}  # word forms as written → count
        self.shared: dict[int, _TextTokens] = {}  # whole-text tokens of the texts read throughout
        self.phrases: dict[tuple, Mention | None] = {}  # noun phrase (text id, token offsets) → mention
        self.names: dict[tuple[int, int], tuple[Sequence[Token], list[Mention]]] = {}

    def share_tokens(self, masked: str) -> None:
        """Tokenise all of ``masked`` once; :func:`tokens` then slices ranges of it."""
        self.texts.setdefault(id(masked), masked)
        self.shared[id(masked)] = _TextTokens(masked)

    def key(self, masked: str, start: int, end: int) -> tuple[int, int, int]:
        self.texts.setdefault(id(masked), masked)
        return (id(masked), start, end)


_LOCAL = threading.local()


@contextmanager
def reading() -> Iterator[None]:
    """One memo over every pass over one article: opened here unless one is open already, so a
    caller that reads an article several times (quotations, then transcript names) tokenises and
    counts its words once. Without a memo the whole-text counts (:func:`_word_forms`,
    :func:`_word_count`) would be recounted at every question, quadratic in a long live blog."""
    if _memo() is not None:
        yield
        return
    _LOCAL.memo = _Memo()
    try:
        yield
    finally:
        _LOCAL.memo = None


def _word_count(masked: str, word: str) -> int:
    """How often a word occurs in the text (counted once per article when a memo is open)."""
    def norm(w: str) -> str:
        return _POSSESSIVE_RE.sub("", w.rstrip(".-"))  # "Rutte's", "Lee." are Rutte, Lee

    memo = _memo()
    if memo is None:
        return sum(1 for w in _article_words(masked) if norm(w) == norm(word))
    memo.key(masked, 0, 0)
    counts = memo.words.get(id(masked))
    if counts is None:  # from the forms as written, counted once: one pass over the article's words
        counts = memo.words[id(masked)] = {}
        for form, n in _word_forms(masked).items():
            w = norm(form)
            counts[w] = counts.get(w, 0) + n
    return counts.get(norm(word), 0)


def _article_words(masked: str) -> list[str]:
    """The words of the masked text that start with a letter, as written (for counting names)."""
    return [w for w in word_forms(masked) if w[0].isalpha()]


def _memo() -> "_Memo | None":
    return getattr(_LOCAL, "memo", None)


def sentence_bounds(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences (and ``;`` clauses) of ``masked[start:end]``, as offsets."""
    memo = _memo()
    if memo is not None:
        key = memo.key(masked, start, end)
        found = memo.bounds.get(key)
        if found is None:
            found = memo.bounds[key] = _sentence_bounds(masked, start, end)
        return found
    return _sentence_bounds(masked, start, end)


def _sentence_bounds(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """The reading clauses of ``masked[start:end]``, derived from the shared layers in this one place.

    The article's one sentence splitter (:func:`liveblogs.text.segment.sentence_spans`) runs over
    the masked text, so a quotation, whose words are masked, never splits its sentence; each
    sentence is then cut after every ``;`` (a clause of its own for attribution).
    """
    bounds = []
    for a, b in sentence_spans(masked, start, end):
        at = a
        cut = masked.find(";", at, b)
        while cut != -1:
            bounds.append((at, cut + 1))
            at = cut + 1
            while at < b and masked[at].isspace():
                at += 1
            cut = masked.find(";", at, b)
        if at < b:
            bounds.append((at, b))
    return bounds


def tokens(masked: str, start: int, end: int) -> list[Token]:
    """The tokens of ``masked[start:end]`` (shared lists when a memo is open: never modify them)."""
    memo = _memo()
    if memo is not None:
        key = memo.key(masked, start, end)
        found = memo.tokens.get(key)
        if found is None:
            shared = memo.shared.get(id(masked))
            found = shared.range(start, end) if shared is not None else None
            if found is None:
                found = _tokens(masked, start, end)
            memo.tokens[key] = found
        return found
    return _tokens(masked, start, end)


def _tokens(masked: str, start: int, end: int, forms: dict[str, int] | None = None) -> list[Token]:
    """The reading tokens of ``masked[start:end]``, derived from the article's one tokeniser
    (:func:`liveblogs.text.segment.masked_token_matches`, which reads a run of masked quotation
    characters as one token) in this one place: an honorific or an initial keeps its full stop
    (``Mr.``, the ``J.`` of ``Donald J. Trump``), as a name is read. ``forms``, when given, counts
    the word tokens that start with a letter, as written (the words of :func:`_article_words`), in
    the same reading."""
    out: list[Token] = []
    append = out.append
    ps = pe = -1  # the token read but not yet emitted (ps < 0: none)
    for match in masked_token_matches(masked, start, end):
        s, e = match.span()
        if forms is not None and match.lastgroup == "word" and masked[s].isalpha():
            word = masked[s:e]
            forms[word] = forms.get(word, 0) + 1
        if ps >= 0:
            if pe == s and e == s + 1 and masked[s] == "." and _keeps_full_stop(masked, ps, pe, e):
                append(Token(masked[ps:e], ps, e))
                ps = -1
                continue
            append(Token(masked[ps:pe], ps, pe))
        ps, pe = s, e
    if ps >= 0:
        append(Token(masked[ps:pe], ps, pe))
    return out


def _keeps_full_stop(masked: str, start: int, end: int, after: int) -> bool:
    """Whether the word ``masked[start:end]`` takes the full stop after it: an honorific before a
    space (``Mr. Van Aken``), or a capital initial before a capitalised word (``J. Smith``)."""
    word = masked[start:end]
    if start > 0 and (masked[start - 1].isalnum() or masked[start - 1] == "_"):
        return False
    if word in _DOTTED_HONORIFICS:
        return after < len(masked) and masked[after].isspace()
    if len(word) == 1 and "A" <= word <= "Z":
        found = _NEXT_CAPITAL_RE.match(masked, after)
        return found is not None
    return False


_NEXT_CAPITAL_RE = re.compile(r"\s+[A-Z][^\W\d_]")


class _TextTokens:
    """The tokens of a whole text, read in one pass, from which a range's tokens are sliced.

    A range tokenised on its own reads the same tokens as the whole text when no token crosses
    its edges (whitespace or the text's ends on both sides: tokens never hold whitespace) and its
    last token is not one whose look-ahead reads past the range (``Mr.``, the ``J.`` of ``J.
    Smith``); :meth:`range` returns ``None`` for the other ranges, to be tokenised alone.
    """

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.forms: Counter = Counter()  # the text's word forms, counted as its tokens are read (_word_forms)
        self.toks = _tokens(masked, 0, len(masked), self.forms)
        self.starts = [t.start for t in self.toks]

    def range(self, start: int, end: int) -> list[Token] | None:
        """The tokens of ``masked[start:end]`` sliced from the whole text's, or ``None`` when unsure."""
        masked = self.masked
        if not 0 <= start <= end <= len(masked):
            return None
        if start > 0 and not masked[start - 1].isspace() or end < len(masked) and not masked[end].isspace():
            return None
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo)
        found = self.toks[lo:hi]
        if found and found[-1].end < len(masked) and len(found[-1].text) > 1 and found[-1].text.endswith("."):
            return None  # an honorific or initial, which reads the words after the range
        return found


# ---------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    """A noun phrase that can name a speaker: a name, a pronoun, a description or a body."""

    kind: str  # name | pronoun | role | relative | author
    text: str
    start: int
    end: int
    name: str | None = None  # the person's name, or the body's name
    description: str | None = None
    pronoun: str | None = None
    person: bool = True
    apposition: str | None = None
    head: str | None = None
    member_of: str | None = None  # "one of the officials": the plural head it picks one from

    def copy(self) -> "Mention":
        """A shallow copy (much faster than :func:`dataclasses.replace`)."""
        new = object.__new__(Mention)
        new.__dict__.update(self.__dict__)
        return new


def _is_author(t: Token) -> bool:
    """I, we, you (the outlet's voice); "US" in capitals is the country."""
    return t.lower in sp.AUTHOR_PRONOUNS and (t.text == "I" or not t.text.isupper())


def _name_split(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """A run of capitalised words → (title/affiliation words, the person's name).

    Titles, places and possessives lead (``Russia's Foreign Minister``); so does any word before
    the last title that has a name after it (``Turkish President Recep Tayyip Erdogan``).
    """
    i = _name_start(tuple(t.text for t in run))
    return (run, []) if i is None else (run[:i], run[i:])


_PARTY_WORDS = words("party_words")


@lru_cache(maxsize=1 << 16)
def _name_start(words: tuple[str, ...]) -> int | None:
    """Where the name starts in a run of words (see :func:`_name_split`); ``None`` when no word names a person."""
    if words[0] == "The":
        return None  # "The Hague", "The Times": "The" inside a sentence opens a place or a title
    run = [_token_flags(w) for w in words]
    i = 0
    while i < len(run) and (run[i].is_title or run[i].bare in sp.PLACES or run[i].possessive):
        i += 1
    last_title = max((k for k, t in enumerate(run[:-1]) if t.is_title and t.is_capital), default=-1)
    if last_title >= i and not run[last_title + 1].is_title:
        i = last_title + 1
    if (len(run) - i >= 3 and (run[i].lower in _PARTY_WORDS or run[i].bare in sp.PERSON_ROLES)
            and not any(t.bare in sp.BODY_NOUNS or t.bare in sp.PLACES for t in run[i + 1 :])):
        i += 1  # "Republican Donald Trump", "Rival Hillary Clinton": the side or the role, then the name
    name = run[i:]
    if name and all(t.bare in sp.PLACES or t.lower in sp.NAME_PARTICLES for t in name):
        return None
    if len(name) == 1 and name[0].lower in _PARTY_WORDS:
        return None  # "Republican presidential front-runner …": a party word alone names no one
    if any(_glued(w) for w in words[i:]):
        return None  # "FlagShareLikeReplyPaige Lavender": a page's buttons glued to a byline
    return i


_GLUE_RE = re.compile(r"[a-z][A-Z]")


def _glued(word: str) -> bool:
    """Words a copied page glued together: two or more lower-to-capital joins in one part of a word
    (``FlagShareLikeReplyPaige``); a name has at most one (``McDonald``, ``DeSantis``, ``MacDonald-McKenzie``)."""
    return any(len(_GLUE_RE.findall(part)) >= 2 for part in word.split("-"))


def _place_tail(run: Sequence[Token]) -> list[Token]:
    """The words of a capitalised run that name a body: the place words it ends with, kept
    together (``the White House`` → White House), else its last place word (``NATO member
    Romania`` → Romania), else its last word."""
    k = len(run)
    while k > 0 and run[k - 1].bare in sp.PLACES:
        k -= 1
    if k < len(run):
        return list(run[k:])
    places = [t for t in run if t.bare in sp.PLACES]
    return places[-1:] or list(run[-1:])


def _particles_then_capital(toks: Sequence[Token], j: int) -> int:
    """How many name particles start at ``toks[j]`` when a capitalised word follows them (``von der Leyen``)."""
    k = j
    while k < len(toks) and k - j < 3 and toks[k].lower in sp.NAME_PARTICLES and not toks[k].is_capital:
        k += 1
    return k - j if k > j and k < len(toks) and toks[k].is_word and toks[k].is_capital else 0


def _capital_runs(toks: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges of runs of capitalised words (``of`` allowed after a title, particles inside names)."""
    memo = _memo()
    if memo is not None:
        held = memo.runs.get(id(toks))
        if held is not None and held[0] is toks:
            return held[1]
        runs = _capital_runs_of(toks)
        memo.runs[id(toks)] = (toks, runs)  # the list is kept, so its id stays its own
        return runs
    return _capital_runs_of(toks)


def _all_caps(t: Token) -> bool:
    """A word written in capitals only, two letters or more: "NATO", "WARSAW’S"."""
    return t.is_word and len(t.text) > 1 and t.text.isupper()


def _shouted(toks: Sequence[Token], i: int) -> bool:
    """``toks[i]`` belongs to a run of words in capitals, one of four letters or more ("WARSAW’S
    MATH:", "DIVIDED CAPITALS"): a section label or crosshead, never a name (acronym pairs such as
    "UK NHS" stay names)."""
    if not _all_caps(toks[i]):
        return False
    return any(
        0 <= k < len(toks) and _all_caps(toks[k]) and max(len(toks[k].bare), len(toks[i].bare)) >= 4
        for k in (i - 1, i + 1)
    )


def _capital_runs_of(toks: Sequence[Token]) -> list[tuple[int, int]]:
    runs, i = [], 0
    while i < len(toks):
        t = toks[i]
        if not t.is_capital:  # only name particles before a capital open a name here
            lead = _particles_then_capital(toks, i) if t.is_word and t.lower in sp.NAME_PARTICLES else 0
            if not lead or i > 0 and toks[i - 1].is_capital:
                i += 1
                continue
            # "von der Leyen's officials": the particles open the name
        else:
            lead = 0
            if not t.is_word or t.lower in sp.NOT_NAMES and (i == 0 or not toks[i - 1].is_word) or (
                _is_date(toks, i) or (i == 0 or not toks[i - 1].is_word) and _plural_common(t) or (
                    t.text.isupper() and _shouted(toks, i)
                )
            ):
                i += 1
                continue
        j = i + max(lead, 1)
        while j < len(toks):
            u = toks[j]
            if u.is_word and u.is_capital and u.lower not in sp.NOT_NAMES and not toks[j - 1].possessive and not (
                _is_date(toks, j)
            ):
                j += 1
            elif u.lower == "of" and j + 1 < len(toks) and toks[j + 1].is_capital and toks[j - 1].is_title:
                j += 1
            elif not toks[j - 1].possessive and (skip := _particles_then_capital(toks, j)):
                j += skip
            else:
                break
        runs.append((i, j))
        i = j
    return runs


_DATE_LEAD = words("date_lead_words")


def _is_date(toks: Sequence[Token], k: int) -> bool:
    """A weekday, or a month next to a number or after a preposition ("on Sunday", "March 12",
    "since May"): a date, never part of a name."""
    low = toks[k].lower
    if low in sp.WEEKDAYS:
        return True
    if low not in sp.MONTHS:
        return False
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    prev = toks[k - 1].text if k > 0 else ""
    return nxt[:1].isdigit() or prev[:1].isdigit() or prev in _DATE_LEAD


def _plural_common(t: Token) -> bool:
    """"Officials", "Diplomats", "Economists" opening a sentence: a plural noun, not a name."""
    low = t.lower
    return low.endswith("s") and (low in sp.BODY_NOUNS or low[:-1] in sp.PERSON_ROLES or low[:-1] in sp.EXPERT_ROLES)


# Endings of common nouns, verbs and participles that no personal name has ("Retaliation",
# "Liquefied", "Uncertainty"): a capital there is the sentence's, not a name's.
_COMMON_ENDINGS = entries("common_noun_endings")  # a tuple, for str.endswith
# Words after an opening past participle: "Pressed on whether", "Asked about", "Questioned by".
_PARTICIPLE_LINKS = words("participle_links")


def _opens_sentence(toks: Sequence[Token], i: int) -> bool:
    """``toks[i]`` is the first word of its sentence (only punctuation before it)."""
    for k in range(i - 1, -1, -1):  # stops at the first word back: linear over a sentence
        if toks[k].is_word:
            return False
    return True


def _opening_participle(toks: Sequence[Token], i: int) -> bool:
    """A past participle opening the sentence before a preposition: "Pressed on whether ..., X
    declined", "Questioned about the deal, she said": an introductory phrase, not a name."""
    t = toks[i]
    return (
        t.is_capital and t.lower.endswith("ed") and len(t.lower) >= 5 and i + 1 < len(toks)
        and toks[i + 1].lower in _PARTICIPLE_LINKS and not toks[i + 1].is_capital and _opens_sentence(toks, i)
    )


def _common_opening(masked: str, toks: Sequence[Token], i: int) -> bool:
    """A capitalised word that only opens the sentence ("Retaliation, she warned, ...", "Liquefied
    natural gas ..."): a common word when no name ends so (``-tion``, ``-ied``) or when the article
    writes it in lower case elsewhere and never capitalised inside a sentence."""
    t = toks[i]
    if not t.is_capital or t.possessive or not _opens_sentence(toks, i):
        return False
    if i + 1 < len(toks) and toks[i + 1].is_word and toks[i + 1].is_capital:
        return False  # "Pavel Reznik said": a run of capitals is a name
    if len(t.lower) >= 7 and t.lower.endswith(_COMMON_ENDINGS):
        return True
    forms = _word_forms(masked)
    return t.text != t.lower and forms.get(t.lower, 0) > 0 and forms.get(t.text, 0) == 1


def _word_forms(masked: str) -> dict[str, int]:
    """How often each word form, as written, occurs in the text (counted once per text when a memo is open)."""
    memo = _memo()
    if memo is None:
        return Counter(_article_words(masked))
    memo.key(masked, 0, 0)
    found = memo.forms.get(id(masked))
    if found is None:
        shared = memo.shared.get(id(masked))  # counted while the whole text was tokenised, when it was
        found = shared.forms if shared is not None and shared.masked is masked else Counter(_article_words(masked))
        memo.forms[id(masked)] = found
    return found


def _is_number_name(toks: Sequence[Token], k: int) -> bool:
    """``No 10`` (Downing Street), ``No. 10``: a capitalised "No" before a number is a name."""
    return toks[k].text in ("No", "No.") and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit()


def _join(masked: str, toks: Sequence[Token]) -> str:
    return " ".join(masked[toks[0].start : toks[-1].end].split()) if toks else ""


def _strip_determiners(words: list[Token]) -> list[Token]:
    while words and (words[0].lower in ("the", "a", "an") or words[0].lower in sp.QUANTIFIERS and len(words) > 1):
        words = words[1:]
    return words


def _role_preposition(toks: Sequence[Token]) -> int:
    """Index of a preposition that continues a role noun ("ambassador to", "executive at"), else 0."""
    for k in range(1, len(toks) - 1):
        if toks[k].lower in sp.ROLE_PREPOSITIONS and _role_head(toks[k - 1]) and toks[k + 1].is_word:
            return k
    return 0


def _source_modifier(toks: Sequence[Token], k: int) -> bool:
    """``toks[k]`` opens the phrase that describes an anonymous source after its noun: an adjective
    ("official familiar with", "source close to") or, after an empty head, a participle ("person
    briefed on"), followed by its preposition."""
    if k < 1 or k + 1 >= len(toks) or toks[k + 1].lower not in sp.SOURCE_PREPOSITIONS or toks[k].is_capital:
        return False
    head = toks[k - 1]
    if toks[k].lower in sp.SOURCE_ADJECTIVES:
        return _role_noun(head) or head.bare in sp.EMPTY_HEADS
    return toks[k].lower.endswith("ed") and head.bare in sp.EMPTY_HEADS


def _is_source_lead(word: str) -> bool:
    """A word that may open a source phrase (the cheap test before :func:`_source_modifier`)."""
    return word in sp.SOURCE_ADJECTIVES or word.endswith("ed")


def _source_phrase_end(toks: Sequence[Token], k: int) -> int:
    """Where the source phrase opening at ``toks[k]`` ends: its modifier, preposition, an optional
    determiner and the noun phrase after it ("familiar with the plans")."""
    j = k + 2
    if j < len(toks) and toks[j].lower in sp.DETERMINERS:
        j += 1
    stop = j
    while j < len(toks) and j - stop < 4 and toks[j].is_word and toks[j].lower not in sp.STOP_WORDS and (
        toks[j].lower not in sp.CUE_VERBS and toks[j].lower not in sp.AUXILIARIES
    ):
        j += 1
    return j if j > stop else k


def _singular(word: str) -> str:
    """The singular of a plural role noun: "officials" → "official", "secretaries" → "secretary"."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _partitive(masked: str, np_toks: list[Token]) -> Mention | None:
    """"one of the officials", "one of them": one member of a group named before."""
    if len(np_toks) < 3 or np_toks[0].lower != "one" or np_toks[1].lower != "of":
        return None
    rest = _strip_determiners(np_toks[2:])
    if len(rest) != 1:
        return None
    head = rest[0].bare
    if not (head == "them" or head.endswith("s") and (_singular(head) in sp.PERSON_ROLES)):
        return None
    text = _join(masked, np_toks)
    single = _singular(head) if head != "them" else None
    return Mention("role", text, np_toks[0].start, np_toks[-1].end, name=single, description=single,
                   head=single, member_of=head)


def _role_noun(t: Token) -> bool:
    """A lower-case noun for a person's role or a body: "ambassador", "executive", "office"."""
    return t.is_word and not t.is_capital and (t.bare in sp.PERSON_ROLES or t.bare in sp.BODY_NOUNS)


def classify_np(masked: str, np_toks: list[Token]) -> Mention | None:
    """What a subject noun phrase names, or None when it cannot be a speaker (read once per
    phrase when a memo is open; callers get a copy of their own to change)."""
    np_toks = [t for t in np_toks if t.is_word]
    if not np_toks:
        return None
    memo = _memo()
    if memo is None:
        return _classify_np(masked, np_toks)
    key = (memo.key(masked, 0, 0)[0], tuple((t.start, t.end) for t in np_toks))
    if key not in memo.phrases:
        memo.phrases[key] = _classify_np(masked, np_toks)
    found = memo.phrases[key]
    return found.copy() if found is not None else None


def _classify_np(masked: str, np_toks: list[Token]) -> Mention | None:
    text = _join(masked, np_toks)
    start, end = np_toks[0].start, np_toks[-1].end
    if len(np_toks) == 1:
        low = np_toks[0].lower
        if low in sp.PRONOUN_CONTRACTIONS:
            low = sp.PRONOUN_CONTRACTIONS[low]
        if low in ("he", "she", "it", "they"):
            return Mention("pronoun", np_toks[0].text, start, end, pronoun=low, person=low in ("he", "she"))
        if _is_author(np_toks[0]):
            return Mention("author", text, start, end)
        if low in sp.ELLIPTICAL:
            # "Another told me": a description whose head is the one before.
            return Mention("role", np_toks[0].text, start, end, person=True, head=sp.ELLIPTICAL_HEAD)
    partitive = _partitive(masked, np_toks)
    if partitive is not None:
        return partitive
    source = next((k for k in range(1, len(np_toks) - 1) if _source_modifier(np_toks, k)), 0)
    if source:
        # "an official familiar with the plans", "one person briefed on the talks".
        words = _strip_determiners(np_toks)
        head = np_toks[source - 1].bare
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       head=head, person=True)
    prep = _role_preposition(np_toks)
    if prep:
        # "a senior executive at one of Germany's largest arms makers", "ambassador to NATO".
        words = _strip_determiners(np_toks)
        head = np_toks[prep - 1].bare
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       head=head, person=head in sp.PERSON_ROLES)
    home = _name_before_of(np_toks)
    if home:
        return _classify_np(masked, np_toks[:home])
    # The last run of capitals that is not a possessive determiner is the name.
    for a, b in reversed(_capital_runs(np_toks)):
        run = np_toks[a:b]
        if run[-1].possessive and b < len(np_toks):
            continue
        titles, name = _name_split(run)
        pre = list(np_toks[:a])
        cut = max((k for k, t in enumerate(pre) if t.lower in sp.NP_INNER or t.lower.endswith("ing")), default=-1)
        before = _strip_determiners(pre[cut + 1 :]) + titles
        desc = _join(masked, before) or None
        if name and b == len(np_toks) and not name[-1].possessive and name[-1].bare in sp.BODY_NOUNS:
            # A body named in capitals: "the Ukrainian Air Force", "the Élysée Palace".
            words = _strip_determiners(pre[cut + 1 :] + run)
            return Mention("role", _join(masked, words), words[0].start, end, name=_join(masked, words),
                           description=desc, person=False, head=name[-1].bare)
        if name and b == len(np_toks) and not name[-1].possessive:
            first = (pre[cut + 1 :] + run)[0]
            return Mention("name", _join(masked, np_toks[np_toks.index(first) :]), first.start, end,
                           name=_join(masked, name), description=desc)
        if b == len(np_toks) and not run[-1].possessive and not name and run[-1].is_title and (
            run[-1].bare.rsplit("-", 1)[-1] in sp.PERSON_ROLES
        ):
            # Titles alone: "the Prime Minister", "the President" is a person described.
            words = _strip_determiners(np_toks)
            return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                           head=run[-1].bare.rsplit("-", 1)[-1])
        if b == len(np_toks) and not run[-1].possessive:
            # A body with a proper name: "the Kremlin", "NATO member Romania", "the US".
            tail = _place_tail(run)
            return Mention("role", text, start, end, name=_join(masked, tail),
                           description=desc, person=False, head=tail[-1].bare)
        break
    words = _strip_determiners(np_toks)
    if not words:
        return None
    if len(words) > 2 and words[0].lower in _DOCUMENT_PARTITIVES and words[1].lower == "of" and (
        words[-1].bare in sp.BODY_NOUNS or words[-1].bare in sp.DOCUMENT_NOUNS
    ):
        # "a draft of the summit conclusions", "a copy of the memo": the document speaks.
        name = " ".join([words[0].lower] + [t.text for t in _strip_determiners(words[2:])])
        return Mention("role", text, start, end, name=name, description=name, person=False, head=words[-1].bare)
    inner = next((k for k, t in enumerate(words) if t.lower in sp.NP_INNER), len(words))
    head = words[inner - 1].bare if inner else words[0].bare
    if head in sp.PERSON_ROLES:
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       head=head)
    if head in sp.BODY_NOUNS or head in sp.PLACES or head in sp.DOCUMENT_NOUNS:
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       person=False, head=head)
    if head != _singular(head) and _singular(head) in sp.PERSON_ROLES:
        # People of one role speaking together, as "officials" do: "Aides say", "critics said".
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       person=False, head=head)
    if head != _singular(head) and (_singular(head) in sp.BODY_NOUNS or _singular(head) in sp.DOCUMENT_NOUNS):
        # Several bodies or documents speaking together: "several environmental groups granted him
        # an extension, saying …", "the unions said", "the reports found".
        return Mention("role", text, start, end, name=_join(masked, words), description=_join(masked, words),
                       person=False, head=_singular(head))
    return None


def _name_before_of(np_toks: list[Token]) -> int:
    """Where a full name ends before ``of`` and the place it is from ("Sen. Ann Lee of New Mexico",
    "Bo Ek of Ohio"): the person is the name, not the place; 0 when the phrase is not so built."""
    if len(np_toks) < 4 or not np_toks[-1].is_capital or not any(t.lower == "of" for t in np_toks):
        return 0
    runs = _capital_runs(np_toks)
    if len(runs) < 2 or runs[-1][1] != len(np_toks):
        return 0
    (a, b), (c, _) = runs[-2], runs[-1]
    if c != b + 1 or np_toks[b].lower != "of" or np_toks[b - 1].possessive:
        return 0
    _, name = _name_split(list(np_toks[a:b]))
    return b if len(name) >= 2 else 0


_TIME_UNITS = words("time_unit_nouns")


def _time_phrase_length(toks: Sequence[Token], j: int) -> int:
    """How many tokens of a time phrase end at ``toks[j]`` between a subject and its verb ("EU
    ministers last week described", "Ann Lee on Monday said", "who in 2010 said"); 0 when there is none."""
    low = toks[j].lower
    prev = toks[j - 1].lower if j > 0 else ""
    if low in _TIME_UNITS and prev in ("last", "this", "next", "that"):
        return 2
    if low in sp.WEEKDAYS:
        return 2 if prev == "on" else 1
    if prev in ("in", "since") and (low in sp.MONTHS or len(low) == 4 and low.isdigit() and low[:2] in ("18", "19", "20")):
        return 2  # "McConnell, who in 2010 said", "the groups in August described"
    return 0


def _role_head(t: Token) -> bool:
    """A noun for a role or a body that a prepositional phrase may follow, in lower case or as a
    capitalised title ("the Minister for Enterprise", "ambassador to NATO")."""
    return _role_noun(t) or t.is_word and t.is_capital and t.is_title and t.bare in sp.PERSON_ROLES


_PARTY_STATE_RE = re.compile(r"(?:[DRI]|Ind|Dem|Rep)[-–][A-Z][\w.]*(?:[A-Z][\w.]*)*|\d{1,3}")


def _np_left(toks: Sequence[Token], i: int) -> tuple[list[Token], int]:
    """The noun phrase ending just before ``toks[i]`` (auxiliaries and adverbs skipped), and where it stopped."""
    j = i - 1
    while j >= 0 and (toks[j].lower in sp.AUXILIARIES or toks[j].lower in sp.ADVERBS or _time_phrase_length(toks, j)):
        j -= max(1, _time_phrase_length(toks, j))
    if j > 0 and toks[j].text == ")":
        # "Rep. Gwen Moore (D-Wis.) said": a party and state, or an age, in brackets after a name
        k = next((k for k in range(j - 1, max(-1, j - 8), -1) if toks[k].text == "("), None)
        if k is not None and k > 0 and toks[k - 1].is_capital and _PARTY_STATE_RE.fullmatch(
            "".join(t.text for t in toks[k + 1 : j])
        ):
            j = k - 1
    got: list[Token] = []
    while j >= 0 and len(got) < _MAX_NP:
        t = toks[j]
        if not t.is_word:
            break
        if (t.lower in sp.PRONOUN_CONTRACTIONS or t.lower in ("he", "she", "it", "they")) and not got:
            got.append(t)
            j -= 1
            break
        if t.lower in sp.STOP_WORDS and not (t.lower in sp.NP_INNER and got) and not _is_number_name(toks, j) and not (
            got and j > 0 and (
                t.lower in sp.ROLE_PREPOSITIONS and _role_head(toks[j - 1]) or _source_modifier(toks, j - 1)
            )
        ):
            break
        if t.lower in sp.CUE_VERBS and not t.is_capital:
            break
        got.append(t)
        j -= 1
        if t.text == "one" and len(got) > 1 and got[-2].lower != "of":
            break  # "a formula one diplomat described": a relative clause's subject opens at "one"
    got.reverse()
    while got and (got[0].lower in sp.NP_INNER or got[0].lower in sp.ADVERBS or got[0].text.isdigit()):
        got = got[1:]
    return got, j


def _np_right(toks: Sequence[Token], i: int) -> list[Token]:
    """The noun phrase starting at ``toks[i]``."""
    got: list[Token] = []
    j = i
    while j < len(toks) and len(got) < _MAX_NP:
        t = toks[j]
        if not t.is_word:
            break
        if got and _is_source_lead(t.lower) and _source_modifier(toks, j):
            end = _source_phrase_end(toks, j)
            if end > j:
                got.extend(toks[j:end])
                break
        role_prep = t.lower in sp.ROLE_PREPOSITIONS and got and _role_noun(got[-1]) and j + 1 < len(toks) and (
            toks[j + 1].is_word
        )
        if t.lower in sp.STOP_WORDS and not (t.lower in sp.NP_INNER and got) and not (
            t.lower in sp.DETERMINERS and not got
        ) and not _is_number_name(toks, j) and not role_prep:
            break
        if t.lower in sp.CUE_VERBS or t.lower in sp.AUXILIARIES:
            break
        if got and not t.is_capital and (t.lower.endswith(("ed", "ing")) or j + 1 < len(toks) and (
            toks[j + 1].lower == "by"
        )) and any(_role_noun(u) for u in got):
            break  # "a senior diplomat involved in the talks", "the conclusions seen by DW"
        got.append(t)
        j += 1
    while got and got[-1].lower in sp.NP_INNER | sp.DETERMINERS:
        got.pop()
    return got


# ---------------------------------------------------------------------------- cues


@dataclass
class Cue:
    start: int
    end: int
    text: str
    verb: int  # token index
    finite: bool
    subject: Mention | None = None
    how: str = "named"  # named | apposition | relative | inverted | according
    sentence: int = -1
    entity: "Entity | None" = None


def _subject_of(masked: str, toks: Sequence[Token], v: int) -> tuple[Mention | None, str]:
    """The subject of the reporting verb at ``toks[v]``: left, apposition, relative or inverted."""
    np_toks, stop = _np_left(toks, v)
    if np_toks:
        m = classify_np(masked, np_toks)
        if m is None and (stop < 0 or not toks[stop].is_word or toks[stop].lower in _CLAUSAL):
            m = _described_speaker(masked, np_toks)  # not after a preposition: "in the past described"
        if m is not None and not (
            stop >= 0 and toks[stop].lower in sp.PREPOSITIONS and m.head in sp.DOCUMENT_NOUNS
        ):  # "said in a video posted on Facebook": a document after a preposition is not a subject
            return m, "named"
    if np_toks and stop > 0 and toks[stop].lower in sp.PREPOSITIONS:
        # "A document on the campaign's website states", "a memo from the ministry said": the
        # document before the preposition is the subject, not the place or sender after it.
        before, _ = _np_left(toks, stop)
        d = classify_np(masked, before) if before else None
        if d is not None and d.head in sp.DOCUMENT_NOUNS:
            return d, "named"
    if stop >= 0 and toks[stop].lower in ("who", "which") and not np_toks:
        k = stop - 1 if stop > 0 and toks[stop - 1].text == "," else stop
        ante, _ = _np_left(toks, k)
        m = classify_np(masked, ante)
        if m is not None:
            return m, "relative"
    if stop >= 0 and toks[stop].text in ",–—-(" and not np_toks:
        closer = toks[stop].text
        opener = "," if closer == "," else ("(" if closer == ")" else closer)
        for k in range(stop - 1, max(-1, stop - 30), -1):
            if toks[k].text == opener or (closer == "," and toks[k].text in "–—"):
                head, _ = _np_left(toks, k)
                m = classify_np(masked, head)
                inner = classify_np(masked, [t for t in toks[k + 1 : stop] if t.is_word])
                if m is not None and m.kind == "role" and inner is not None and inner.kind == "name":
                    # "Germany's chancellor, Olaf Scholz, said": the name sits between the commas.
                    inner.description = inner.description or m.text
                    inner.apposition = m.text
                    return inner, "apposition"
                if m is None and inner is not None and inner.kind == "name" and all(
                    t.is_capital for t in toks[k + 1 : stop] if t.is_word
                ):
                    # "Germany's chancellor-in-waiting, Friedrich Merz, said": a name between commas.
                    return inner, "apposition"
                if m is not None and (
                    toks[k + 1].lower not in sp.STOP_WORDS - sp.DETERMINERS
                    or toks[k + 1].lower not in _CLAUSAL and closer == ","
                ):
                    # "X, the president of Y, said", "X, who has ..., said", "X, for his part, said"
                    m.apposition = _join(masked, [t for t in toks[k + 1 : stop] if t.is_word]) or None
                    return m, "apposition"
                break
            if toks[k].is_quote:
                break
    if not np_toks and (stop < 0 or not toks[stop].is_word) and not (
        toks[stop].text == "," and stop > 0 and toks[stop - 1].is_word
    ):
        # Inverted only after a quotation or at the start: "..., said X", not "Y, X, said Europe must".
        right = _np_right(toks, v + 1)
        m = classify_np(masked, right)
        if m is None and right:
            m = _described_speaker(masked, right)  # "said the 46-year-old"
        if m is not None and m.kind == "role" and m.person:
            # "said another Twitter user, Ann Lee": the name in apposition to the description.
            tail = list(toks[v + 1 + len(right) :])
            if tail and tail[-1].text in ".!?":
                tail.pop()
            tail.append(Token(",", 0, 0))  # the sentence's end closes the apposition too
            named = _named_in_apposition(masked, tail, 0, m.copy())
            m = named if named is not None and named.kind == "name" else m
        if m is not None and m.kind != "author":
            return m, "inverted"
    elif not np_toks and toks[stop].text == "," and any(t.is_quote for t in toks[:stop]):
        # A phrase of the writer's between the quotation and an inverted clause that ends the
        # sentence: "'...,' since most cases were close, said Ann Lee, a law professor."
        right = _np_right(toks, v + 1)
        m = classify_np(masked, right)
        k = v + 1 + len(right)
        if m is not None and m.kind == "name" and (k >= len(toks) or toks[k].text in ",.;"):
            return m, "inverted"
    return None, "none"


_ADD_FORMS = words("add_forms")
_NOUN_PREPOSITIONS = words("noun_prepositions")
_ADJECTIVE_ENDINGS = tuple(words("demonym_endings"))
_DESCRIPTION_LEADS = words("description_leads")


def _described_speaker(masked: str, np_toks: Sequence[Token]) -> Mention | None:
    """The subject of a verb of saying that no word list types: a description opened by a
    determiner ("the gambling tycoon told", "said the 46-year-old", "his colleague wrote") is
    the speaker as described. A body or a document by its head noun; else a person."""
    words = [t for t in np_toks if t.is_word]
    if not 2 <= len(words) <= 5 or words[0].lower not in _DESCRIPTION_LEADS:
        return None
    if words[1].lower in sp.STOP_WORDS or words[1].lower in sp.PREPOSITIONS:
        return None  # "one of the people": a part of a group, not a description
    head = words[-1]
    if head.is_capital or head.possessive or head.lower in sp.STOP_WORDS or head.lower in sp.PRONOUNS:
        return None
    rest = _strip_determiners(list(words))
    if not rest:
        return None
    text = _join(masked, words)
    person = head.bare not in sp.BODY_NOUNS and head.bare not in sp.DOCUMENT_NOUNS and head.bare not in sp.TITLE_NOUNS
    return Mention("role", text, words[0].start, head.end, name=_join(masked, rest), description=_join(masked, rest),
                   head=head.bare, person=person)


def _absolute_subject(masked: str, toks: Sequence[Token], v: int) -> Mention | None:
    """The subject of a participle in a ``with`` clause: "..., with Ann Lee telling reporters
    that ..." — Ann Lee speaks, not the subject of the sentence."""
    np_toks, stop = _np_left(toks, v)
    if not np_toks or stop < 0 or toks[stop].lower != "with":
        return None
    m = classify_np(masked, np_toks)
    return m if m is not None and m.kind in ("name", "role", "pronoun") else None


# Words that open a clause between commas, not a parenthesis about the subject before them.
_MODALS = words("modals")
_CLAUSAL = words("clausal_words")
_BEFORE_TO = words("before_to_words")


def _words_of(toks: Sequence[Token], v: int) -> bool:
    """``toks[v]`` is the "words" of "in the words of" (the speaker follows)."""
    return 2 <= v < len(toks) - 1 and tuple(t.lower for t in toks[v - 2 : v + 2]) == sp.IN_THE_WORDS_OF


def _as_put_it_subject(masked: str, toks: Sequence[Token], v: int) -> Mention | None:
    """The speaker of "as one diplomat put it" (``toks[v]`` is "put"), else None: only with "as"
    before the subject, so "she put it on the table" is no cue."""
    np_toks, stop = _np_left(toks, v)
    if not np_toks or stop < 0 or toks[stop].lower != sp.AS_PUT_IT[0]:
        return None
    m = classify_np(masked, np_toks)
    return m if m is not None and m.kind in ("name", "role", "pronoun") else None


def _noun_use(toks: Sequence[Token], v: int) -> bool:
    """A verb of saying's form used as a noun: after a determiner or a possessive ("the claims",
    "a warning", "Putin's claims"), or after an adjective of party or nation that follows a
    preposition ("32% of Republican claims")."""
    low = toks[v].lower
    if v > 0 and (toks[v - 1].lower in sp.DETERMINERS or toks[v - 1].possessive) and not low.endswith("ed"):
        return True
    return v > 1 and low.endswith("s") and toks[v - 2].lower in _NOUN_PREPOSITIONS and toks[v - 1].is_capital and (
        toks[v - 1].lower.endswith(_ADJECTIVE_ENDINGS))


# The words a cue can open with: every other word is passed over at once.
_CUE_OPENERS = frozenset({"according", sp.IN_THE_WORDS_OF[2], sp.AS_PUT_IT[1], *sp.CUE_VERBS, *sp.CUE_PHRASAL,
                          *sp.DOCUMENT_CUE_VERBS})


def find_cues(masked: str, toks: Sequence[Token]) -> list[Cue]:
    """Reporting verbs and ``according to`` in one sentence, with their unresolved subjects."""
    cues: list[Cue] = []
    for v, t in enumerate(toks):
        low = t.lower
        if low not in _CUE_OPENERS:
            continue
        nxt = toks[v + 1].lower if v + 1 < len(toks) else ""
        if low == "according" and nxt == "to":
            m = classify_np(masked, _before_participle(toks, v + 2, _np_right(toks, v + 2)))
            if m is not None:
                cues.append(Cue(t.start, toks[v + 1].end, "according to", v, True, m, "according"))
            continue
        if low == sp.IN_THE_WORDS_OF[2] and _words_of(toks, v):
            m = classify_np(masked, _np_right(toks, v + 2))
            if m is not None:
                cues.append(Cue(toks[v - 2].start, toks[v + 1].end, "in the words of", v, True, m, "according"))
            continue
        if low == sp.AS_PUT_IT[1] and nxt == sp.AS_PUT_IT[2]:
            m = _as_put_it_subject(masked, toks, v)
            if m is not None:
                cues.append(Cue(t.start, toks[v + 1].end, masked[t.start : toks[v + 1].end], v, True, m))
            continue
        phrasal = low in sp.CUE_PHRASAL and nxt in sp.CUE_PHRASAL[low]
        if nxt == "up" and low in _ADD_FORMS:
            continue  # "the sums do not add up": no speech
        document_cue = low in sp.DOCUMENT_CUE_VERBS
        if not (low in sp.CUE_VERBS or phrasal or document_cue) or (t.is_capital and v > 0):
            continue
        if _noun_use(toks, v):
            continue
        if (
            v > 1 and low in sp.CUE_INFINITIVES and toks[v - 2].lower in sp.DETERMINERS and toks[v - 1].is_word
            and not toks[v - 1].lower.endswith("s")
        ):
            continue  # a noun after a modifier: "the Trump-Putin call", "a phone call"
        end = toks[v + 1].end if phrasal else t.end
        prev = toks[v - 1].lower if v > 0 else ""
        if cues and prev in _MODALS and cues[-1].subject is not None:
            continue  # "X said (that) the bloc would respond with ...": a reported plan, not a new speaker
        infinitive = prev == "to" and low in sp.CUE_INFINITIVES
        finite = low not in sp.CUE_PARTICIPLES and not infinitive
        subject, how = _subject_of(masked, toks, v) if finite else (None, "none")
        if subject is not None and subject.kind != "author" and _passive(toks, v):
            subject, how = None, "none"  # "X was asked", "X is said to be": X is not who speaks
        if document_cue and (subject is None or subject.head not in sp.DOCUMENT_NOUNS):
            continue  # "the letter reads" reports words; "he reads the paper" does not
        if low in sp.CUE_PARTICIPLES and not infinitive:
            absolute = _absolute_subject(masked, toks, v)
            if absolute is not None:
                subject, how, finite = absolute, "named", True
        if low == "saying" and prev == "as":
            # "TASS quoted Ivan Orr as saying", "he was quoted as saying": the one quoted speaks.
            k = next((k for k in range(v - 2, max(-1, v - 12), -1) if toks[k].lower in ("quoted", "cited")), None)
            if k is not None:
                m = classify_np(masked, _np_right(toks, k + 1))
                subject, how = (m, "named") if m is not None else _subject_of(masked, toks, k)
                finite = subject is not None
        if infinitive:
            # "what she had to say", "he went on to say": the subject of the verb before "to".
            k = v - 2
            while k >= 0 and toks[k].lower in _BEFORE_TO:
                k -= 1
            if k < v - 2:
                subject, how = _subject_of(masked, toks, k + 1)
                finite = subject is not None
        cues.append(Cue(t.start, end, masked[t.start : end], v, finite, subject, how))
    return cues


_BE = words("forms_of_be")


def _before_participle(toks: Sequence[Token], at: int, np_toks: list[Token]) -> list[Token]:
    """A noun phrase (``toks[at:at + len(np_toks)]``) cut before a past participle that opens a
    phrase of its own ("a complaint filed by the commission", "the report released on Monday"):
    the phrase names the noun's sender or date, not the noun."""
    for k in range(1, len(np_toks)):
        t = np_toks[k]
        following = toks[at + k + 1].lower if at + k + 1 < len(toks) else ""
        if t.lower.endswith("ed") and not t.is_capital and following in sp.PREPOSITIONS:
            return np_toks[:k]
    return np_toks


def _passive(toks: Sequence[Token], v: int) -> bool:
    """The reporting verb at ``toks[v]`` is a passive participle: a form of *be* before it, adverbs
    aside ("was asked", "has been told", "is widely said"); "has been pounding" is active."""
    if toks[v].lower.endswith("ing"):
        return False
    j = v - 1
    while j >= 0 and (toks[j].lower in sp.VERB_ADVERBS or toks[j].lower.endswith("ly") and toks[j].lower != "only"):
        j -= 1
    return j >= 0 and toks[j].lower in _BE


# ---------------------------------------------------------------------------- entities


@dataclass
class Entity:
    """Someone (or some body) the post talks about."""

    name: str
    person: bool
    mention: Mention
    gender: str | None = None
    via: str = "named"
    rank: int = 0  # 0 subject of a main clause, 1 of a subordinate clause, 2 any other mention
    sentence: int = -1  # where it was last mentioned (index of the sentence in its post)

    @property
    def plural(self) -> bool:
        """A group: "officials", "leaders of A and B", "Estonia, Latvia and Lithuania"."""
        head = self.mention.head or ""
        return (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or " and " in self.name


_US_TO_UK = table("spelling_variants")["us_to_uk"]  # "Defense Secretary" = "defence secretary"
_DOCUMENT_PARTITIVES = words("document_partitives")


def _norm_desc(desc: str) -> str:
    words = []
    for w in token_words(desc.lower()):
        w = _POSSESSIVE_RE.sub("", w)
        if w in ("the", "a", "an"):
            continue
        w = sp.DEMONYMS.get(w, w)
        words.append(_US_TO_UK.get(w, w))
    return " ".join(words)


def _gender_of(mention: Mention) -> str | None:
    words = set(letter_words((mention.description or "").lower()))
    if words & sp.FEMALE_WORDS:
        return "female"
    if words & sp.MALE_WORDS:
        return "male"
    return None


# A description names a person when it holds one of these words (a role, a country, a title).
_DESCRIPTION_WORDS = sp.PERSON_ROLES | frozenset(sp.AFFILIATIONS) | sp.TITLES


@dataclass
class ArticleIndex:
    """Descriptions the article gives to named people: ``US defence secretary`` → Pete Hegseth."""

    descriptions: dict[str, list[str]] = field(default_factory=dict)  # norm desc → names
    of_name: dict[str, list[str]] = field(default_factory=dict)  # name → descriptions as written

    def add(self, name: str, desc: str | None) -> None:
        if not desc or name.split()[-1].lower() in sp.BODY_NOUNS:
            return  # "European Commission" is a body, not a person described as "European"
        words = set(word_pieces(desc.lower()))
        if not (words & _DESCRIPTION_WORDS or desc.lower().startswith("our ")):
            return
        key = _norm_desc(desc)
        if name not in self.descriptions.setdefault(key, []):
            self.descriptions[key].append(name)
        if desc not in self.of_name.setdefault(name, []):
            self.of_name[name].append(desc)

    def _home_title(self, key: str) -> str | None:
        """"Poland's defense minister" in the lede, "Defense Minister Ann Lee" below: the one person
        the article titles with the same role and no country is that country's holder."""
        country, _, role = key.partition(" ")
        if country not in sp.AFFILIATIONS or not set(role.split()) & sp.PERSON_ROLES or any(
            country in d.split() for d in self.descriptions
        ):
            return None  # someone else is given that country: the bare title may be anybody's
        names = set(self.descriptions.get(role, ()))
        return names.pop() if len(names) == 1 else None

    def link(self, desc: str, prefer: Iterable[str] = (), recent: Iterable[str] = ()) -> str | None:
        """The one named person a description fits, preferring ``prefer`` (names in the post).

        Failing a description that matches, a person the text gives only a country
        (``France's Emmanuel Macron``) fits a description with that country and a role (``the
        French president``), when one such person was mentioned recently (``recent``).
        """
        key = _norm_desc(desc)
        if not key:
            return None
        exact = {n for d, names in self.descriptions.items() if d == key for n in names}
        fits = exact or {
            n for d, names in self.descriptions.items() if d.endswith(" " + key) for n in names
        }
        prefer = prefer if isinstance(prefer, (set, frozenset, dict)) else set(prefer)
        local = {n for n in fits if n in prefer}
        if len(local) == 1:
            return local.pop()
        if len(fits) == 1 and (exact or not _BARE_TITLE_RE.fullmatch(desc.strip())):
            return next(iter(fits))
        if fits:
            return None
        words = set(key.split())
        countries = {w for w in words if w in sp.AFFILIATIONS}
        if not countries or not words & sp.PERSON_ROLES:
            return None
        loose = {
            n for d, names in self.descriptions.items()
            if set(d.split()) <= countries for n in names
        }
        for name in recent:
            if name in loose:
                return name
        in_post = {n for n in loose if n in prefer}
        return in_post.pop() if len(in_post) == 1 else self._home_title(key)


# "the Prime Minister", "the President": a capitalised title alone means the outlet's own
# country's holder, not the one person the article happens to qualify so ("the Polish prime minister").
_BARE_TITLE_RE = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*")


def _after_last_inner(toks: Sequence[Token]) -> list[Token]:
    """The words after the last "of", "between" or "from": "details from Kremlin spokesman" → "Kremlin spokesman"."""
    cut = max((k for k, t in enumerate(toks) if t.lower in sp.NP_INNER), default=-1)
    return list(toks[cut + 1 :])


def index_article(masked: str, bounds: Iterable[tuple[int, int]]) -> ArticleIndex:
    """Every ``description + name`` and ``name, apposition,`` pair in the article."""
    index = ArticleIndex()
    for lo, hi in bounds:
        for a, b in sentence_bounds(masked, lo, hi):
            toks = tokens(masked, a, b)
            for i, j in _capital_runs(toks):
                titles, name = _name_split(toks[i:j])
                if not name:
                    continue
                if name[-1].possessive:
                    # "President Donald Trump's tariffs": the title still belongs to the name.
                    if titles and len(name) >= 2:
                        index.add(_POSSESSIVE_RE.sub("", _join(masked, name)), _join(masked, titles))
                    continue
                left, _ = _np_left(toks, i) if not titles else ([], -1)
                desc_toks = _strip_determiners(_after_last_inner(left)) + titles
                if titles and i > 0:
                    more, _ = _np_left(toks, i)
                    desc_toks = _strip_determiners(_after_last_inner(more)) + titles
                name_text = _join(masked, name)
                index.add(name_text, _join(masked, desc_toks) or None)
                if not desc_toks and i >= 2 and toks[i - 1].text == "," and j < len(toks) and toks[j].text == ",":
                    # "the EU trade commissioner, Pavel Reznik, ...": the description before the commas.
                    before, _ = _np_left(toks, i - 1)
                    index.add(name_text, _join(masked, _strip_determiners(_after_last_inner(before))) or None)
                if j + 2 < len(toks) and toks[j].text == ",":
                    k = j + 1
                    while k < len(toks) and toks[k].text not in ",;." and k - j < 25:
                        k += 1
                    app = [t for t in toks[j + 1 : k] if t.is_word]
                    if app and k < len(toks) and toks[k].text == "," and (
                        app[0].lower in ("a", "an", "the") or app[0].bare in sp.PERSON_ROLES or not app[0].is_capital
                    ) and not app[0].lower in sp.STOP_WORDS - sp.DETERMINERS:
                        index.add(name_text, _join(masked, app))
    return index


# ---------------------------------------------------------------------------- kinds


_SUBJECT_STARTS = words("subject_starts")
_FINITE = words("finite_verbs")


_CONTRACTED_RE = re.compile(
    r"(?:it|that|there|here|he|she|what|who|where|how)['’]s|\w+['’](?:re|ve|ll|d|m)|\w+n['’]t"
)


def quote_kind(words: str, role: str) -> str:
    """``headline`` in a headline or title, ``direct`` for a clause with its own subject, else ``partial``."""
    if role in _HEADLINE_ROLES:
        return "headline"
    toks = token_words(words)
    if not toks:
        return "partial"
    first = toks[0]
    if first[0].isupper():
        finite = any(t.lower() in _FINITE or _CONTRACTED_RE.fullmatch(t.lower()) for t in toks)
        pronoun_clause = first.lower() in _PERSONAL and len(toks) >= 2  # "We welcome it"
        return "direct" if finite or pronoun_clause or len(toks) >= 5 or words.rstrip()[-1:] in ".?!" else "partial"
    if first.lower() in _SUBJECT_STARTS or _CONTRACTED_SUBJECT_RE.match(first.lower()):
        if any(t.lower() in _FINITE for t in toks[1:8]) and first.lower() not in ("the", "a", "an"):
            return "direct"
        verb = next((k for k in range(2, min(8, len(toks))) if toks[k].lower() in _FINITE), None)
        if verb is not None and not _contact_clause(toks, verb):
            return "direct"
        return "partial"
    low = first.lower()
    if low in _CLAUSE_LEADS and len(toks) >= 3 and toks[1].lower() in _SUBJECT_STARTS - {"the", "a", "an"}:
        return "direct"  # "if they say no, the whole world will know ..."
    if low not in _FINITE and low not in _CLAUSE_LEADS and not low.endswith(("ing", "ed")) and len(toks) >= 3 and (
        words.rstrip()[-1:] in ".?!"
    ):
        # "dialogue is better than no dialogue.": a noun subject, then its verb, to a full stop.
        verb = next((k for k in range(1, min(10, len(toks))) if toks[k].lower() in _FINITE), None)
        if verb is not None and toks[verb - 1].lower() not in _PREPOSITIONS and not _contact_clause(toks, verb):
            return "direct"
    return "partial"


_PERSONAL = words("personal_pronouns")
_CLAUSE_LEADS = words("clause_leads")
_PREPOSITIONS = words("np_edge_words")


def _contact_clause(toks: list[str], verb: int) -> bool:
    """"a bet on time Europe may not have": a name or pronoun right before the verb, after a
    noun, is the subject of a relative clause without "that"; the words are a noun phrase."""
    before, prior = toks[verb - 1], toks[verb - 2]
    subject_like = before[0].isupper() or before.lower() in _PERSONAL
    return subject_like and prior.lower() not in _PREPOSITIONS and verb - 2 > 0


# ---------------------------------------------------------------------------- the attribution pass


@dataclass
class _Quote:
    span: QuoteSpan
    post: int
    paragraph: int
    role: str
    para_start: int
    para_end: int
    words: str
    speaker: str | None = None
    mention: Mention | None = None
    cue: Cue | None = None
    attribution: str = "scare"
    person: bool = True
    parent: "_Quote | None" = None
    split_tail: bool = False  # the second half of a split quotation ("A," said X, "B.")
    rule: str | None = None  # the rule that found the speaker: one of ``RULE_NAMES``


@dataclass
class _Sentence:
    start: int
    end: int
    toks: list[Token]
    cues: list[Cue]
    paragraph: int
    _starts: list[int] | None = None
    _ends: list[int] | None = None
    _tok_ends: list[int] | None = None
    _title_cased: bool | None = None
    _headline_verb: tuple | None = None  # (verb index, mention) or (); None until read
    _reporting: bool | None = None
    _subject: "tuple[Mention | None]" = ()  # (the opening subject,) once read

    def subject(self, masked: str) -> "Mention | None":
        """:func:`_sentence_subject` of the sentence, read once (the ranker asks for every quotation)."""
        if not self._subject:
            self._subject = (_sentence_subject(masked, self.toks),)
        return self._subject[0]

    def reporting(self) -> bool:
        """Some reporting clause of the sentence names its speaker (read once: every quotation of a
        long sentence asks)."""
        if self._reporting is None:
            self._reporting = any(cue.entity is not None for cue in self.cues)
        return self._reporting

    def title_cased(self) -> bool:
        """:func:`_title_cased` of the sentence's tokens, read once (every quotation in a long
        sentence asks: once each would be quadratic)."""
        if self._title_cased is None:
            self._title_cased = _title_cased(self.toks)
        return self._title_cased

    def cue_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [c.start for c in self.cues]
        return self._starts

    def tok_ends(self) -> list[int]:
        if self._tok_ends is None:
            self._tok_ends = [t.end for t in self.toks]
        return self._tok_ends

    def cue_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [c.end for c in self.cues]
        return self._ends


class _Post:
    """Salience history of one post: who the pronouns can point at."""

    def __init__(self, index: ArticleIndex, names_in_post: list[str], masked: str = "") -> None:
        self.index = index
        self.masked = masked
        self.name_set = set(names_in_post)
        self.names = names_in_post
        self.history: list[Entity] = []
        self.genders: dict[str, str] = {}
        self.last_quote: _Quote | None = None
        self.last_reported: Entity | None = None  # subject of the last reporting clause
        self.reported_in: dict[int, Entity] = {}  # sentence number -> subject of its reporting clause
        self.quiet = 0  # sentences since the last one with a reporting clause
        self.new_subject = False  # someone else became the subject since the last quotation

    def _gender(self, e: Entity) -> str | None:
        return self.genders.get(_gender_key(e.name)) or e.gender

    def _fits(self, m: Mention, e: Entity, plural: bool | None) -> bool:
        """Can pronoun ``m`` point at ``e``: person or thing, gender, number."""
        if m.pronoun in ("he", "she"):
            if not e.person or e.plural:
                return False
            gender = self._gender(e)
            return not (m.pronoun == "she" and gender == "male" or m.pronoun == "he" and gender == "female")
        if e.person:
            return False
        return plural is None or e.plural == plural

    def _antecedent(self, m: Mention, local: list[Entity], plural: bool | None) -> Entity | None:
        """The nearest fitting subject in the sentence so far, else the most salient one before it.

        Earlier sentences are searched newest first; the first one that holds a fitting entity
        decides, and within it the subject of the main clause beats a subordinate subject, which
        beats a mere mention ("Zelensky, standing beside Erdogan, said ... He" is Zelensky).
        """
        for e in reversed(local):
            if self._fits(m, e, plural):
                return e
        recent = self.history[-_HISTORY:]
        best: Entity | None = None
        for e in reversed(recent):
            if best is not None and e.sentence != best.sentence:
                break
            if self._fits(m, e, plural) and (best is None or e.rank < best.rank):
                best = e
        return best

    def _definite_antecedent(self, m: Mention) -> Entity | None:
        """"the Ukrainian president", "the minister": the person last named as a subject, when
        nothing the article says about them contradicts the description."""
        if not m.text.lower().startswith("the ") or m.head not in sp.PERSON_ROLES or m.head in sp.JOURNALIST_ROLES:
            return None
        recent = self.history[-_HISTORY:]
        for k in range(len(recent) - 1, -1, -1):
            e = recent[k]
            if not e.person or e.plural or e.mention.kind != "name" or e.rank != 0:
                continue
            others = [
                o for o in recent if o.sentence == e.sentence and o.person and _gender_key(o.name) != _gender_key(e.name)
                and not self._in_brackets(o.mention)
            ]
            if others:
                return None  # "Macron met Scholz. The German chancellor said": either could be meant
            given = [
                d for d in self.index.of_name.get(e.name, []) + self.index.of_name.get(e.name.split()[-1], [])
                if set(_norm_desc(d).split()) & sp.PERSON_ROLES
            ]
            if given and not any(m.head in _norm_desc(d).split() for d in given):
                return None
            countries = {w for w in _norm_desc(m.description or "").split() if w in sp.AFFILIATIONS}
            if countries and given and not any(countries & set(_norm_desc(d).split()) for d in given):
                return None
            return e
        return None

    def _member_of(self, m: Mention) -> Entity | None:
        """"one of the officials": one of the group last described with that noun, in the singular
        ("two officials familiar with the plans" → "official familiar with the plans")."""
        for e in reversed(self.history[-_HISTORY:]):
            head = e.mention.head or ""
            if not e.person or not e.plural or (m.member_of != "them" and head != m.member_of):
                continue
            words = e.name.split()
            k = max((i for i, w in enumerate(words) if w.lower() == head), default=-1)
            if k < 0:
                continue
            words[k] = _singular(words[k])
            return Entity(" ".join(words[k - 1 if k and words[k - 1].lower() in sp.QUANTIFIERS else 0 :]), True, m,
                          None, "role")
        return Entity(m.name, True, m, None, "role") if m.name else None

    def _group_of(self, m: Mention) -> Entity | None:
        """"One official called it ..." right after "two officials familiar with the draft": one
        of that group, unless a single official was mentioned since (then None)."""
        if not m.head or m.text.lower().split() != ["one", m.head]:
            return None
        for e in reversed(self.history[-_HISTORY:]):
            head = e.mention.head or ""
            if head == m.head:
                return None
            if e.person and e.plural and _singular(head) == m.head:
                words = _strip_quantifier(e.name.split())
                k = next((i for i, w in enumerate(words) if w.lower() == head), -1)
                if k < 0:
                    return None
                words[k] = _singular(words[k])
                return Entity(" ".join(words[k:]), True, m, None, "role")
        return None

    def _in_brackets(self, m: Mention) -> bool:
        before = self.masked[max(0, m.start - 200) : m.start]
        return before.rfind("(") > before.rfind(")")

    def _named_between(self, e: Entity, m: Mention) -> bool:
        """Another capitalised name between a subject and a pronoun of its sentence ("Warren told
        Stumpf, after he admitted"): the pronoun may be either, so it teaches no gender."""
        a, b = e.mention.end, m.start
        return 0 <= a < b and b - a <= _GENDER_SPAN and any(
            w[:1].isupper() for w in letter_words(self.masked[a:b]))

    def resolve(self, m: Mention | None, local: list[Entity]) -> Entity | None:
        """An entity for a mention, given earlier subjects in the same sentence (``local``)."""
        if m is None or m.kind == "author":
            return None
        if m.kind == "pronoun":
            if m.pronoun == "they":
                e = self._antecedent(m, local, True) or self._antecedent(m, local, None)
            elif m.pronoun == "it":
                e = self._antecedent(m, local, False) or self._antecedent(m, local, None)
            else:
                e = self._antecedent(m, local, None)
            if e is None:
                return None
            gender = self._gender(e)
            if e.person and not (e in local and self._named_between(e, m)):
                self.genders.setdefault(_gender_key(e.name), "female" if m.pronoun == "she" else "male")
            return Entity(e.name, e.person, e.mention, gender, "pronoun")
        if m.kind == "name":
            ent = Entity(m.name or m.text, True, m, _gender_of(m), "named")
            if ent.gender:
                self.genders.setdefault(_gender_key(ent.name), ent.gender)
            return ent
        if m.member_of:
            return self._member_of(m)
        if m.head == sp.ELLIPTICAL_HEAD:
            # "Another told me": another of the people last described ("one Labour MP").
            for e in reversed(self.history[-_HISTORY:] + local):
                if e.person and e.mention.kind == "role" and e.mention.head != sp.ELLIPTICAL_HEAD:
                    return Entity(e.name, True, m, e.gender, "role")
            return None
        group = self._group_of(m)
        if group is not None:
            return group
        # A description or a body: a named person the article describes so, else an earlier
        # subject that the description picks up ("the ministry" after "Germany's foreign
        # ministry"), else the description itself.
        if m.person and m.description:
            linked = self.index.link(
                m.description, self.name_set, [e.name for e in reversed(self.history[-_HISTORY:])]
            )
            if linked:
                return Entity(linked, True, m, _gender_of(m), "role")
        if m.head:
            bare = _norm_desc(m.name or m.text)
            for e in reversed(self.history[-_HISTORY:] + local):
                if e.mention.head == m.head and e.mention is not m and (
                    bare == m.head or _norm_desc(e.name).endswith(bare)
                ):
                    return Entity(e.name, e.person, m, e.gender, "role")
        if m.person and m.description:
            recent = self._definite_antecedent(m)
            if recent is not None:
                return Entity(recent.name, True, m, self._gender(recent), "role")
        name = m.name or m.text
        words = name.split()
        while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
            words = words[1:]  # a leading article only: "spokesperson for the ministry" keeps its "the"
        name = " ".join(words)
        return Entity(name, m.person, m, _gender_of(m), "role")


def _strip_quantifier(words: list[str]) -> list[str]:
    """Words of a description without a leading quantifier ("two officials" → "officials")."""
    return words[1:] if len(words) > 1 and words[0].lower() in sp.QUANTIFIERS else words


def _gender_key(name: str) -> str:
    """People are one person whatever part of the name is used: genders are kept by surname."""
    words = name.split()
    return words[-1].lower() if words else ""


def _content(words: str) -> set[str]:
    return {w.lower()[:_STEM] for w in (w for w in letter_words(words) if len(w) >= 3) if w.lower() not in _FUNCTION}


@lru_cache(maxsize=1 << 14)
def _quote_content(words: str) -> frozenset[str]:
    """:func:`_content` of a quotation's words, read once (headlines compare every body quotation)."""
    return frozenset(_content(words))


_FUNCTION = frozenset(
    """the and but for with that this from have has had was were are will would could should can not
    any all our their his her its they them there what when who which about into than then been
    being also just very only""".split()
)


def _sentence_subject(masked: str, toks: list[Token]) -> Mention | None:
    """The subject the sentence opens with, after an introductory phrase."""
    i = 0
    while i < len(toks) and (not toks[i].is_word or toks[i].lower in ("but", "and", "so", "yet", "or")):
        i += 1
    if i < len(toks) and (
        toks[i].lower in sp.INTRO_WORDS or toks[i].lower.endswith("ing") or toks[i].lower in _TIME_NOUNS
        or i + 1 < len(toks) and toks[i + 1].lower in ("later", "earlier", "ago") or _opening_participle(toks, i)
    ):
        first_verb = next(
            (k for k in range(i + 1, len(toks)) if toks[k].lower in sp.AUXILIARIES or toks[k].lower in sp.CUE_VERBS
             and toks[k].lower not in sp.CUE_PARTICIPLES),
            len(toks),
        )
        commas = [k for k in range(i, first_verb) if toks[k].text == ","]
        # The first comma after which a subject opens ("Hours later, Trump returned ..., telling
        # Reuters, "...""), else the last before the first verb.
        comma = next((k for k in commas if _opens_clause(masked, toks, k + 1)), commas[-1] if commas else None)
        if comma is None:
            # "Asked whether the refusal had spoiled the day, he laughed": the verb was inside the phrase.
            comma = next((k for k in range(i, min(len(toks), i + 25)) if toks[k].text == ","), None)
        if comma is None:
            return None
        i = comma + 1
    np_toks = _np_forward(toks, i)
    if len(np_toks) == 1 and _common_opening(masked, toks, i):
        return None
    if len(np_toks) == 1 and np_toks[0].lower in _POSSESSIVE_DETERMINERS and i + 1 < len(toks):
        # "Its Europe minister, Ann Lee, spent the evening": the name in apposition is the subject.
        np_toks = np_toks + _np_forward(toks, i + 1)
        m = classify_np(masked, np_toks)
        inner = _named_in_apposition(masked, toks, i + len(np_toks), m)
        return inner if inner is not None and inner.kind == "name" else None
    m = classify_np(masked, np_toks)
    inner = _named_in_apposition(masked, toks, i + len(np_toks), m)
    return inner if inner is not None else m


_POSSESSIVE_DETERMINERS = words("possessive_determiners")


def _opens_clause(masked: str, toks: Sequence[Token], i: int) -> bool:
    """A subject opens at ``toks[i]`` and a lower-case word (its verb) follows it: "Trump returned",
    not the "New Hampshire," of "in Salem, New Hampshire, Trump said"."""
    np_toks = _np_forward(toks, i)
    k = i + len(np_toks)
    return bool(np_toks) and k < len(toks) and toks[k].is_word and not toks[k].is_capital and (
        classify_np(masked, np_toks) is not None
    )


def _named_in_apposition(masked: str, toks: Sequence[Token], end: int, m: Mention | None) -> Mention | None:
    """The name between commas after a role that ends at ``toks[end]`` ("Ukraine's president,
    Volodymyr Zelensky, flew in"), described by that role; None when there is none."""
    if m is None or m.kind != "role" or not m.person or end + 2 >= len(toks) or toks[end].text != ",":
        return None
    k = end + 1
    while k < len(toks) and toks[k].is_word and toks[k].is_capital and k - end < 6:
        k += 1
    if k > end + 1 and k < len(toks) and toks[k].text == ",":
        inner = classify_np(masked, list(toks[end + 1 : k]))
        if inner is not None and inner.kind == "name":
            inner.description = inner.description or m.text
            inner.apposition = m.text
            return inner
    return None


# "Days later, X said", "Hours after the call, X said": a time phrase, not the subject.
_TIME_NOUNS = words("time_nouns")
_CLAUSE_OPENERS = words("clause_openers")


def _np_forward(toks: Sequence[Token], i: int) -> list[Token]:
    """The noun phrase that starts a clause at ``toks[i]``: up to its verb."""
    got: list[Token] = []
    for k in range(i, min(len(toks), i + _MAX_NP)):
        t = toks[k]
        if not t.is_word or t.lower in sp.AUXILIARIES or (t.lower in sp.CUE_VERBS and not t.is_capital):
            break
        if got and not t.is_capital and (t.lower in sp.CUE_PHRASAL or t.lower.endswith("ed")):
            break
        if t.lower in sp.STOP_WORDS and not (t.lower in sp.NP_INNER and got) and not (
            t.lower in sp.DETERMINERS and not got
        ) and not _is_number_name(toks, k):
            break
        got.append(t)
        if t.lower in sp.PRONOUN_CONTRACTIONS or t.lower in sp.PRONOUNS or _is_author(t):
            break
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if _role_noun(t) and t.bare in sp.PERSON_ROLES and not t.possessive and nxt is not None and nxt.is_word and not nxt.is_capital and (
            nxt.lower not in sp.NP_INNER and nxt.lower not in sp.STOP_WORDS and not _role_noun(nxt)
            and not _source_modifier(toks, k + 1)
        ):
            break  # "The businessman began the speech": a person's role ends the subject before its verb
        if t.is_capital and not t.possessive and t.lower not in sp.NOT_NAMES and nxt is not None and nxt.is_word and (
            not nxt.is_capital
        ) and not (_is_number_name(toks, k) or _role_noun(nxt)):
            run = [u for u in got if u.is_capital]
            if nxt.lower not in sp.NP_INNER and _name_split(run)[1] and not _particles_then_capital(toks, k + 1):
                break  # "President Volodymyr Zelenskyy struck": the name ends the subject
    return got


_CLAUSE_SUBORDINATORS = sp.SUBORDINATORS - {"that", "which", "who", "whom", "if", "as"}


def _clause_subjects(masked: str, toks: Sequence[Token]) -> list[tuple[Mention, int, bool]]:
    """Subjects of clauses inside a sentence, with their rank and whether a coordinate clause opens there.

    ``, but X`` / ``; and X`` open a main clause (rank 0), ``, while X`` a contrasting one (rank
    1), both flagged as coordinate; ``after X``, ``where X``, ``when X`` a subordinate one (rank 1)
    whose subject a pronoun later in the sentence may still mean.
    """
    found = []
    for k in range(1, len(toks) - 1):
        low = toks[k].lower
        if low in _CLAUSE_OPENERS and (toks[k - 1].text in ",;–—\"”’'" or toks[k - 1].is_quote):
            np_toks = _np_forward(toks, k + 1)
            m = classify_np(masked, np_toks)
            m = _named_in_apposition(masked, toks, k + 1 + len(np_toks), m) or m  # ", and the leader, Ann Lee, said"
            if m is not None:
                found.append((m, 0 if low in ("but", "and", "yet") else 1, True))
        elif low in _CLAUSE_SUBORDINATORS and toks[k + 1].is_word:
            np_toks = _np_forward(toks, k + 1)
            m = classify_np(masked, np_toks) if np_toks else None
            if m is not None and m.kind in ("name", "role") and len(np_toks) < len(toks) - k - 1:
                nxt = toks[k + 1 + len(np_toks)]
                if nxt.is_word and not nxt.is_capital:  # a verb follows: "after Macron hosted"
                    found.append((m, 1, False))
    return found


def _person_names(masked: str, toks: Sequence[Token]) -> list[Mention]:
    """Every non-possessive personal name in a sentence (background for pronouns); read once per
    token list when a memo is open, and copied for each caller."""
    memo = _memo()
    if memo is None:
        return _person_names_of(masked, toks)
    key = (memo.key(masked, 0, 0)[0], id(toks))
    held = memo.names.get(key)
    if held is None or held[0] is not toks:
        held = memo.names[key] = (toks, _person_names_of(masked, toks))  # the list is kept, so its id stays its own
    return [m.copy() for m in held[1]]


def _person_names_of(masked: str, toks: Sequence[Token]) -> list[Mention]:
    found = []
    for i, j in _capital_runs(toks):
        if j - i == 1 and (_is_author(toks[i]) or toks[i].lower in sp.PRONOUN_CONTRACTIONS):
            continue  # "We've just heard", "He's"
        titles, name = _name_split(list(toks[i:j]))
        if i > 0 and toks[i - 1].lower in ("the", "a", "an") and "-" in toks[j - 1].text:
            continue  # "the Trump-Putin call": a modifier, not a person
        if i == 0 and (toks[0].lower.endswith("ing") or toks[0].lower in sp.INTRO_WORDS) and j == 1:
            continue  # "Standing up to Russia ...", "Asked whether ..."
        if j - i == 1 and (i == 0 or not toks[i - 1].is_word) and (
            _opening_participle(toks, i) or _common_opening(masked, toks, i)
        ):
            continue  # "Pressed on whether ...", "Retaliation, she warned, ..."
        if name and not name[-1].possessive:
            found.append(Mention("name", _join(masked, toks[i:j]), toks[i].start, toks[j - 1].end,
                                 name=_join(masked, name), description=_join(masked, titles) or None))
    return found


def attribute(
    text: str,
    spans: Sequence[QuoteSpan],
    paragraphs: Sequence[tuple[int, int, int, int, str]],
    masked: str | None = None,
) -> list[dict]:
    """Attribute every quotation of one article.

    ``paragraphs`` are ``(post, paragraph, start, end, role)`` tuples in document order (the rows
    of the paragraph frame); ``masked`` the article document's masked text (computed from the
    outermost ``spans`` when not given). Returns one dict per span, in the order of ``spans``.
    """
    with reading():
        return _attribute(text, spans, paragraphs, masked)


def _attribute(text, spans, paragraphs, masked: str | None) -> list[dict]:
    if masked is None:
        masked = masked_text(text, [s for s in spans if s.parent is None])
    _memo().share_tokens(masked)
    index = index_article(masked, [(p[2], p[3]) for p in paragraphs])
    para_of = _paragraph_lookup(paragraphs)
    quotes, by_open = [], {}
    for s in spans:
        if s.parent is None:
            post, para, lo, hi, role = para_of(s.open_mark)
            q = _Quote(s, post, para, role, lo, hi, quote_text(text, s))
            by_open[s.open_mark] = q
            quotes.append(q)
    by_post: dict[int, list[tuple[int, int, int, int, str]]] = {}
    for p in paragraphs:
        by_post.setdefault(p[0], []).append(p)

    attributed: list[_Quote] = []
    for post, paras in by_post.items():
        _attribute_post(text, masked, index, paras, [q for q in quotes if q.post == post], attributed)
    _mark_split_tails(masked, quotes)
    _repeat_pass(quotes)
    _headline_pass(masked, index, quotes, paragraphs, by_post)
    inner = _nested_pass(text, index, [s for s in spans if s.parent is not None], by_open)
    if inner:
        quotes = sorted(quotes + inner, key=lambda q: (q.span.start, q.span.depth))
        _repeat_pass(quotes)
    rows = [_row(text, q) for q in quotes]
    full_names, body_names = article_full_names(masked, paragraphs)
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for n in full_names:
        by_last.setdefault(n.split()[-1].lower(), set()).add(n)
        by_first.setdefault(n.split()[0].lower(), set()).add(n)
    for row in rows:
        name = row["speaker"]
        if name is not None and row["person"]:
            name = row["speaker"] = _strip_honorifics(name)
        if name is not None and row["person"] and len(name.split()) == 1:
            fits = set(by_last.get(name.lower(), ()))
            if not fits:
                # Family name first ("Guo Jiakun" → Guo), or a name with its particles.
                fits = set(by_first.get(name.lower(), ()))
            if len(fits) == 1:
                row["speaker"] = fits.pop()
                if row["attribution"] == "named":
                    row["attribution"] = "surname"
        elif name is not None and row["person"]:
            # A surname of several words: "von der Leyen", "Van Aken" → the one full name that ends so.
            tail = name.lower().split()
            fits = {
                n for n in by_last.get(tail[-1], ())
                if len(n.split()) > len(tail) and [w.lower() for w in n.split()[-len(tail) :]] == tail
            }
            if len(fits) == 1:
                row["speaker"] = fits.pop()
                if row["attribution"] == "named":
                    row["attribution"] = "surname"
    _expand_short_bodies(body_names, rows)
    for row in rows:
        if row["speaker"] is not None and row["person"]:
            row["speaker"] = _without_place(row["speaker"])
    for row in rows:
        if row["speaker"] is not None:
            given = list(index.of_name.get(row["speaker"], []))
            surname = row["speaker"].split()[-1]
            if row["person"] and surname != row["speaker"]:
                given += [d for d in index.of_name.get(surname, []) if d not in given]
            for extra in (row["description"], row["apposition"]):
                if extra and extra not in given:
                    given.append(extra)
            row["description"] = " | ".join(given) or None
    return rows


_SPLIT_GAP_RE = re.compile(r"\s*,?\s*[^.!?;:\ue000\"“”‘’]{1,80}?,\s*")


def _mark_split_tails(masked: str, quotes: list[_Quote]) -> None:
    """"A," said X, "B." / "A," she said, "and B.": the second half continues the first, a clause."""
    for a, b in zip(quotes, quotes[1:]):
        if a.paragraph != b.paragraph or a.parent is not None or b.parent is not None:
            continue
        gap = masked[a.span.close_mark + 1 : b.span.open_mark]
        if (a.words.endswith(",") or gap.lstrip().startswith(",")) and _SPLIT_GAP_RE.fullmatch(gap) and any(
            w.lower() in sp.CUE_VERBS for w in token_words(gap)
        ):
            b.split_tail = True


def _expand_short_bodies(body_names: dict[str, set[str]], rows: list[dict]) -> None:
    """A body named by its last word ("the Commission") is the one body the article names in full
    with that word ("the European Commission"), as a surname is the full name."""
    for r in rows:
        name = r["speaker"]
        if name is None or r["person"] or " " in name or not name[:1].isupper() or name.lower() not in sp.BODY_NOUNS:
            continue
        fits = body_names.get(name.lower(), set())
        if len(fits) == 1:
            r["speaker"] = next(iter(fits))


def _without_place(description: str) -> str:
    """An anonymous source without where they stood: "diplomat in Geneva" → "diplomat", "soldier
    in the area" → "soldier" ("officials in the commission" keeps its body)."""
    words = description.split()
    k = next((k for k in range(1, len(words) - 1) if words[k] == "in"), 0)
    if not k or words[k - 1] not in sp.PERSON_ROLES:
        return description
    place = words[k + 1 :]
    if place[0] == "the" and len(place) == 2 and place[1] in sp.PLACE_NOUNS or all(
        w[:1].isupper() and w.lower() not in sp.BODY_NOUNS for w in place
    ):
        return " ".join(words[:k])
    return description


def _strip_honorifics(name: str) -> str:
    """``Mr. Van Aken`` → ``Van Aken``, ``Sir Keir Starmer`` → ``Keir Starmer`` (a bare honorific stays)."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".") in sp.HONORIFICS:
        k += 1
    return " ".join(words[k:]) if k else name


def _nested_pass(text: str, index: ArticleIndex, spans: Sequence[QuoteSpan], by_open: dict[int, _Quote]) -> list[_Quote]:
    """Quotations inside a quotation: read the outer words as their own paragraph.

    The speaker reports someone else's words (``"President Trump says Europe should 'pay up'"``):
    the cue and subject inside the outer quotation name that someone; ``I``/``we`` there is the
    outer speaker; with no cue the inner quotation is nobody's speech (a scare quote).
    """
    found: list[_Quote] = []
    masked = masked_text(text, spans)  # inner quotations only: the outer words are read
    by_parent: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_parent.setdefault(s.parent, []).append(s)
    for key, kids in by_parent.items():
        parent = by_open.get(key)
        if parent is None:
            continue
        lo, hi = parent.span.start, parent.span.end
        inner = [_Quote(s, parent.post, parent.paragraph, "body", lo, hi, quote_text(text, s)) for s in kids]
        _attribute_post(text, masked, index, [(parent.post, parent.paragraph, lo, hi, "body")], inner, [])
        for q in inner:
            if q.speaker is None and parent.speaker is not None:
                toks = tokens(masked, max(lo, q.span.open_mark - 200), q.span.open_mark)
                cues = find_cues(masked, toks)
                if cues and cues[-1].subject is not None and cues[-1].subject.kind == "author":
                    q.speaker, q.person, q.mention, q.cue, q.attribution = (
                        parent.speaker, parent.person, parent.mention, parent.cue, "continuation")
                    q.rule = "nested:outer_speaker"
            q.role = parent.role
            q.parent = parent
            found.append(q)
    return found


def article_full_names(masked: str, paragraphs) -> tuple[set[str], dict[str, set[str]]]:
    """Personal names of two words or more that the article gives, and its bodies named in
    several capitalised words by their last word ("commission" → {"European Commission"})."""
    with reading():
        return _article_full_names(masked, paragraphs)


def _article_full_names(masked: str, paragraphs) -> tuple[set[str], dict[str, set[str]]]:
    names = set()
    bodies: dict[str, set[str]] = {}
    for _, _, lo, hi, _ in paragraphs:
        for a, b in sentence_bounds(masked, lo, hi):
            toks = tokens(masked, a, b)
            for m in _person_names(masked, toks):
                if m.name and len(m.name.split()) >= 2:
                    names.add(m.name)
            for i, j in _capital_runs(toks):
                # "President Donald Trump's new tariffs": a full name, though possessive.
                if toks[j - 1].possessive and j - i >= 2:
                    _, name = _name_split(list(toks[i:j]))
                    if len(name) >= 2 and not any(t.bare in sp.PLACES for t in name):
                        names.add(_POSSESSIVE_RE.sub("", _join(masked, name)))
                elif j - i >= 2 and toks[j - 1].lower in sp.BODY_NOUNS and toks[i].text != "The" and not any(
                    t.is_title for t in toks[i:j]
                ):
                    bodies.setdefault(toks[j - 1].lower, set()).add(_join(masked, toks[i:j]))
    return names, bodies


def _paragraph_lookup(paragraphs):
    starts = [p[2] for p in paragraphs]

    def find(offset: int):
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        return paragraphs[k] if paragraphs else (0, 0, 0, len(starts), "body")

    return find


def _post_names(masked: str, paras) -> list[str]:
    names = []
    for _, _, lo, hi, _ in paras:
        toks = tokens(masked, lo, hi)
        for i, j in _capital_runs(toks):
            _, name = _name_split(toks[i:j])
            if name and not name[-1].possessive:
                names.append(_join(masked, name))
    return names


def _attribute_post(text, masked, index, paras, post_quotes, attributed) -> None:
    state = _Post(index, _post_names(masked, paras), masked)
    rerank = _speaker_ranker()
    sentences: list[_Sentence] = []
    for _, para, lo, hi, role in paras:
        for a, b in sentence_bounds(masked, lo, hi):
            toks = tokens(masked, a, b)
            sentences.append(_Sentence(a, b, toks, find_cues(masked, toks), para))
    list_speaker: Entity | None = None
    list_cue: Cue | None = None
    body_quotes = [q for q in post_quotes if q.role not in _HEADLINE_ROLES]
    pending = sorted(body_quotes, key=lambda q: q.span.open_mark)
    prev_para = None
    para_reported: dict[int, Entity] = {}
    roles = {p[1]: p[4] for p in paras}
    opens = [q.span.open_mark for q in pending]
    intro_para = -2
    for n, sent in enumerate(sentences):
        if sent.paragraph != prev_para:
            role = roles[sent.paragraph]
            if role != "bullet" and sent.paragraph != intro_para + 1:
                list_speaker = None  # an introduction reaches bullets, or the one paragraph after it
            prev_para = sent.paragraph
        local = _sentence_entities(masked, sent, state)
        if len(sent.cues) > 1 and any(_is_channel(c) for c in sent.cues) and any(
            c.entity is not None and not _is_channel(c) for c in sent.cues
        ):
            # "X said ..., according to the news agency MTI": the agency only carries X's words.
            sent.cues = [c for c in sent.cues if not _is_channel(c)]
            sent._starts = sent._ends = sent._reporting = None
        for cue in sent.cues:
            if cue.entity is not None:
                state.last_reported = cue.entity
                para_reported[sent.paragraph] = cue.entity
                if cue.finite:
                    state.reported_in[n] = cue.entity
        in_sentence = pending[bisect.bisect_left(opens, sent.start) : bisect.bisect_left(opens, sent.end)]
        reporting = any(c.entity is not None for c in sent.cues)
        for q in in_sentence:
            if _nobodys_words(masked, text, q, sent):
                q.attribution = "title"  # a term, a title or a name: nobody's speech (voices.speech leaves it out)
                attributed.append(q)
                continue
            _attribute_quote(masked, q, sent, sentences, n, state, local)
            if q.speaker is None:
                _contextual(masked, q, sent, state, list_speaker, list_cue, para_reported, paras,
                            reporting or state.quiet == 0, n, local)
            if rerank is not None:
                rerank(masked, q, sent, sentences, n, state, local)  # issue 15: the learned ranker's hook
            if q.speaker is not None:
                state.last_quote = q
                state.new_subject = False
                if q.attribution not in ("continuation", "list_intro"):
                    ent = Entity(q.speaker, q.person, q.mention or Mention("name", q.speaker, 0, 0))
                    if not any(e.name == ent.name for e in local[-1:]):
                        local.append(ent)
            attributed.append(q)
        background = [state.resolve(m, []) for m in _person_names(masked, sent.toks)]
        heard = [e for e in background if e is not None]
        for e in heard:
            e.rank = 2
        for e in heard + local:
            e.sentence = n
        state.history.extend(heard + local)
        state.quiet = 0 if reporting else state.quiet + 1
        if not in_sentence and state.last_quote is not None and any(
            e.rank == 0 and e.via in ("named", "role") and e.name != state.last_quote.speaker for e in local
        ):
            state.new_subject = True  # "Kallas ... She said" then "Sikorski wrote ...": a new voice
        # "Here's a breakdown of what he said:" opens a list whose bullets are that speaker's.
        para_text = masked[sent.start : sent.end].rstrip()
        if para_text.endswith(sp.INTRO_ENDINGS) and not in_sentence:
            intro = next((c for c in reversed(sent.cues) if c.entity is not None), None)
            if intro is None:
                # "Ann Lee put it bluntly:" — no reporting verb, but a subject who goes on to speak.
                subject = next((e for e in local if e.rank == 0), None)
                if subject is not None:
                    colon = sent.start + len(para_text) - 1
                    intro = Cue(colon, colon + 1, para_text[-1], 0, True, subject.mention, entity=subject)
            if intro is not None:
                list_speaker, list_cue = intro.entity, intro
                intro_para = sent.paragraph


def _sentence_entities(masked: str, sent: _Sentence, state: _Post) -> list[Entity]:
    """Resolve the subjects of a sentence in order: opening subject, clause subjects, reporting cues."""
    local: list[Entity] = []
    items: list[tuple[int, object, int]] = []
    subject = _sentence_subject(masked, sent.toks)
    if subject is not None:
        items.append((subject.start, subject, 0))
    clauses = _clause_subjects(masked, sent.toks)
    for m, rank, _ in clauses:
        items.append((m.start, m, rank))
    for cue in sent.cues:
        items.append((cue.start, cue, _cue_rank(sent.toks, cue)))
    items.sort(key=lambda x: x[0])
    subject_entity = None
    # The subject a participle or a bare coordinated verb hangs from: the sentence subject, the
    # subject of a coordinate clause (", while X ..."), or the subject of the last reporting verb.
    host: Entity | None = None
    waiting: list[Cue] = []
    coordinate = {m.start for m, _, opens in clauses if opens}
    for _, item, rank in items:
        if isinstance(item, Mention):
            ent = state.resolve(item, local) if item.kind != "author" else None
            if ent is not None:
                ent.rank = rank
                local.append(ent)
                subject_entity = subject_entity or ent
                if item is subject or item.start in coordinate:
                    host = ent
                    for cue in waiting:
                        _hang(cue, ent)
                    waiting = []
            continue
        cue = item
        if cue.finite and cue.subject is None and _coordinated(sent.toks, cue.verb):
            # "X declined to comment but said ...": the subject of the first verb.
            cue.entity = host
            if cue.entity is not None:
                cue.subject, cue.how = cue.entity.mention, "named"
        elif cue.finite:
            cue.entity = state.resolve(cue.subject, local)
        else:
            cue.entity = host
            if cue.entity is not None:
                cue.subject = cue.entity.mention
                cue.how = "named"
            elif not local:
                waiting.append(cue)  # "Speaking to reporters, he said": the subject comes after
        if cue.entity is not None:
            if cue.finite:
                cue.entity.rank = rank
            local.append(cue.entity)
            if cue.finite and rank == 0:
                host = cue.entity
    return local


def _is_channel(cue: Cue) -> bool:
    """A cue whose subject is a news agency or outlet: "according to MTI", "TASS reported"."""
    m = cue.subject
    if m is None or m.kind not in ("name", "role"):
        return False
    words = token_words(" ".join(filter(None, (m.text, m.description))).lower())
    return any(w in sp.MEDIA_NOUNS or w in sp.MEDIA_NAMES for w in words)


def _hang(cue: Cue, ent: Entity) -> None:
    cue.entity, cue.subject, cue.how = ent, ent.mention, "named"


def _coordinated(toks: Sequence[Token], v: int) -> bool:
    """The verb follows "and"/"but" with no subject of its own ("declined to comment but said")."""
    j = v - 1
    while j >= 0 and (toks[j].lower in sp.ADVERBS or toks[j].lower in sp.AUXILIARIES):
        j -= 1
    return j > 0 and toks[j].lower in ("and", "but")


def _cue_rank(toks: Sequence[Token], cue: Cue) -> int:
    """0 for a reporting clause of the sentence, 1 inside a subordinate or relative clause
    ("... in which the French president described ...")."""
    if cue.subject is None or cue.how in ("inverted", "according", "relative"):
        return 0
    k = bisect.bisect_left([t.start for t in toks[max(0, cue.verb - _MAX_NP - 2) : cue.verb + _MAX_NP + 2]],
                           cue.subject.start) + max(0, cue.verb - _MAX_NP - 2)
    if k <= 0 or k >= len(toks) or toks[k].start != cue.subject.start:
        return 0
    return 1 if toks[k - 1].lower in sp.SUBORDINATORS else 0


# ---------------------------------------------------------------------------- the rule cascade
#
# ``_attribute_quote`` tries ``RULES`` in order on one quotation; the first that names a speaker
# wins and its name is the quotation's ``rule``. A rule reads a ``_Context`` and returns the cue
# and the entity it found, ``None`` when it does not apply (the next rule is tried, as it is when
# the entity it found is nobody), or ``_NO_SPEAKER`` when it found the quotation's own reporting
# clause but no speaker in it (no later rule may guess another).


class _Context:
    """One quotation in its sentence, as every rule reads it (the shared parts computed once)."""

    def __init__(self, masked: str, q: _Quote, sent: _Sentence, sentences: list[_Sentence], n: int,
                 state: _Post, local: list[Entity]) -> None:
        self.masked, self.q, self.sent, self.sentences, self.n = masked, q, sent, sentences, n
        self.state, self.local = state, local
        self.span, self.toks = q.span, sent.toks
        close_mark = q.span.close_mark
        # The sentence where the quotation closes, and the first cue after its closing mark there.
        self.close_sent = next(
            (sentences[k] for k in range(n, len(sentences)) if sentences[k].start <= close_mark < sentences[k].end),
            sent,
        )
        cues = self.close_sent.cues
        starts = [c.start for c in cues] if len(cues) < 8 else self.close_sent.cue_starts()
        self.after_close = cues[bisect.bisect_right(starts, close_mark) :][:1]
        self._before: list[Cue] | None = None
        self._head: list[Token] | None = None

    @property
    def before(self) -> list[Cue]:
        """The last (at most 8) cues of the sentence that end before the opening mark."""
        if self._before is None:
            self._before = self.sent.cues[: bisect.bisect_right(self.sent.cue_ends(), self.span.open_mark)][-8:]
        return self._before

    @property
    def lead_in(self) -> str:
        """The sentence up to the opening mark."""
        return self.masked[self.sent.start : self.span.open_mark]

    @property
    def head(self) -> list[Token]:
        """The tokens of the sentence before the opening mark."""
        if self._head is None:
            self._head = [t for t in self.toks if t.end <= self.span.open_mark]
        return self._head


_NO_SPEAKER = ("no speaker",)  # a rule found the quotation's reporting clause, but it names nobody


def cue_after_closing_mark(c: _Context):
    """A reporting clause right after the closing mark: ``"We will not back down," the minister said.``"""
    for cue in c.after_close:
        lead = cue.subject.start if cue.subject is not None and cue.how not in ("inverted", "according") else cue.start
        lead = min(lead, cue.start)
        if lead <= c.span.close_mark:
            lead = cue.start  # "X said "..." while also calling for": the subject is not after the quote
        if not _PUNCTUATION_GAP_RE.fullmatch(c.masked[c.span.close_mark + 1 : lead]):
            return None  # words of the writer's own between: no rule reads a cue after the quotation
        entity = cue.entity if c.close_sent is c.sent or cue.how != "named" else c.state.resolve(cue.subject, c.local)
        if entity is None and cue.subject is not None:
            entity = c.state.resolve(cue.subject, c.local)
        return _NO_SPEAKER if entity is None else (cue, entity)
    return None


def signed_after_dash(c: _Context):
    """A quotation signed with a dash and a name that ends its paragraph (vox pops, epigraphs,
    reader letters): ``"We are broke." ― Ana Ruiz`` or ``"…" — Ana Ruiz, 34, a nurse``."""
    gap = _SIGN_OFF_RE.match(c.masked, c.span.close_mark + 1, c.q.para_end)
    if gap is None:
        return None
    toks = tokens(c.masked, gap.end(), c.q.para_end)
    name = list(itertools.takewhile(lambda t: t.text != ",", toks))
    rest = toks[len(name):]
    if name and name[-1].text == "." and not rest:
        name = name[:-1]
    if not 0 < len(name) <= 5 or not all(t.is_word and (t.is_capital or t.lower in sp.NAME_PARTICLES) for t in name):
        return None
    m = classify_np(c.masked, name)
    if m is None or m.kind != "name":
        return None
    dash = gap.group(1)
    start = c.span.close_mark + 1 + gap.group(0).index(dash)
    return Cue(start, start + len(dash), dash, 0, True, m), c.state.resolve(m, c.local)


_SIGN_OFF_RE = re.compile(r"[\s'’”\"]*?\s*([―—–]|--?)\s*")


def cue_after_question_or_exclamation(c: _Context):
    """A quotation ending in "?" or "!", then a short reporting sentence: ``"Who will pay?" the mayor asked.``"""
    if c.after_close:
        return None  # the sentence goes on after the quotation: that cue was the first rule's to read
    cue = _cue_after_exclamation(c.masked, c.q, c.sentences, c.close_sent)
    return None if cue is None else (cue, c.state.resolve(cue.subject, c.local))


def cue_before_opening_mark(c: _Context):
    """A reporting clause right before the opening mark: ``The minister said: "We will not back down."``"""
    if c.before:
        last = c.before[-1]
        gap = c.masked[last.end : c.span.open_mark]
        if _SHORT_GAP_RE.fullmatch(gap) and len(gap) < 40:
            return last, last.entity
    return None


def speech_noun_before(c: _Context):
    """A speech noun right before the opening mark, its owner speaking: ``Her message was simple: "Stay calm."``"""
    masked, sent, lead_in = c.masked, c.sent, c.lead_in
    noun = _final_noun(lead_in)
    if not noun or noun.group(1).lower() not in sp.SPEECH_NOUNS:
        return _possessed_speech_noun(c)
    noun_start, noun_end = sent.start + noun.start(1), sent.start + noun.end(1)
    ntoks = [t for t in c.toks if t.end <= noun_end]
    owner = _possessor(masked, ntoks)
    entity = c.state.resolve(owner, c.local) if owner is not None else None
    if entity is None and not lead_in.rstrip().endswith(":"):
        subj = _sentence_subject(masked, list(c.toks))
        entity = c.state.resolve(subj, c.local) if subj is not None else None
    if entity is None:
        return None
    start = owner.start if owner is not None else noun_start
    return Cue(start, noun_end, masked[start:noun_end], 0, True, owner or entity.mention), entity


_SPEECH_NOUN_REACH = 30  # tokens looked back for an owned speech noun; a safety bound (linear), not tuned


def _possessed_speech_noun(c: _Context):
    """An owned speech noun earlier in a sentence with no reporting clause: its owner speaks
    the words it leads to through *that*, a form of *be*, or *about*/*of* right before the mark
    (``Trump's claim that there were "thousands" of them``, ``her claim that she "never sent" one``,
    ``His slogan is "…"``); the owner is a name or a pronoun, never the writer."""
    if c.sent.reporting():
        return None  # a reporting clause in the sentence frames the words: "Lee said X's claim that … is "false""
    toks = c.sent.toks
    end = bisect.bisect_right(c.sent.tok_ends(), c.span.open_mark)  # the head's length, without building it
    for k in range(end - 1, max(-1, end - 1 - _SPEECH_NOUN_REACH), -1):
        t = toks[k]
        if t.is_quote or t.text in (";", ":"):
            return None  # another quotation or clause between: its own frame
        if not t.is_word or t.lower not in sp.SPEECH_NOUNS:
            continue
        link = toks[k + 1].lower if k + 1 < end else ""
        if not (link == "that" or link in _BE or link in ("about", "of") and k + 2 == end):
            return None  # the noun is not what leads to the words: called X's remarks "a wake-up call"
        owner = _possessor(c.masked, list(toks[max(0, k - 4) : k]))
        if owner is None or owner.kind == "author":
            return None
        entity = c.state.resolve(owner, c.local)
        if entity is None:
            return None
        return Cue(owner.start, t.end, c.masked[owner.start : t.end], k, True, owner), entity
    return None


def colon_after_subject_sentence(c: _Context):
    """A full sentence, a colon, then the quotation: its subject speaks: ``The mayor was blunt: "We are broke."``"""
    lead_in = c.lead_in
    if c.before or not lead_in.rstrip().endswith(":") or MASK in lead_in:
        return None
    head = c.head
    dash = max((k for k, t in enumerate(head) if t.text in _DASHES), default=None)
    if dash is not None and 0 < len(head) - dash - 2 <= 4 and all(t.is_capital for t in head[dash + 1 : -1]):
        return None  # a name after a dash labels the words, not the sentence's subject: "Polls agree - Ann Lee: …"
    subj = _sentence_subject(c.masked, head)
    if subj is None or subj.kind == "author":
        subj = _possessor(c.masked, head[: next((k for k, t in enumerate(head) if t.possessive), 0) + 1])
    entity = c.state.resolve(subj, c.local) if subj is not None and subj.kind != "author" else None
    if entity is None:
        return None
    colon = c.sent.start + len(lead_in.rstrip()) - 1
    return Cue(colon, colon + 1, ":", 0, True, subj), entity


def nearest_cue_before(c: _Context):
    """The nearest reporting verb before the quotation: ``The minister said the cuts were "painful".``"""
    for cue in reversed(c.before):
        if cue.entity is not None:
            return cue, cue.entity
    return None


def cue_later_in_sentence(c: _Context):
    """A reporting clause later in the sentence: ``Talks were "going nowhere", according to a diplomat.``"""
    for cue in c.sent.cues:
        if cue.start > c.span.close_mark and cue.entity is not None:
            return cue, cue.entity
    return None


def framing_verb_subject(c: _Context):
    """The subject of a verb that frames a fragment: ``The senator dismissed the plan as "a gimmick".``"""
    # A verb of saying or characterising ("X likened the rules to "…"", "Gingrich cynically
    # dismissed Estonia as being in the "…"", "X has repeatedly wondered whether … "…""): the
    # nearest such verb before the quotation first.
    if not _LETTER_RE.search(c.lead_in) or MASK in c.lead_in:
        return None
    head = c.head
    for verb in range(len(head) - 1, 0, -1):
        t = head[verb]
        if t.text == ":":
            return None  # the words follow a colon: what is before it introduces them ("Polls agree - Ann Lee: …")
        if t.is_capital or not (
            t.lower in sp.FRAMING_VERBS or t.lower in sp.CUE_VERBS and t.lower not in sp.CUE_PARTICIPLES
        ) or _noun_use(head, verb):
            continue
        if _passive(head, verb):
            continue  # "X was said to be "furious"": X is what is said about, not who says it
        subj = _framing_subject(c.masked, head, verb)
        entity = c.state.resolve(subj, c.local) if subj is not None else None
        if entity is not None:
            return Cue(t.start, t.end, c.masked[t.start : t.end], verb, True, subj), entity
    return None


def reporting_sentence_after_full_stop(c: _Context):
    """A quotation closed by a full stop, then a sentence that only says who spoke:
    ``"We are ready." Ann Lee said on Monday.`` (the comma the style wants became a full stop)."""
    if c.after_close:
        return None
    cue = _cue_after_exclamation(c.masked, c.q, c.sentences, c.close_sent, (".",))
    return None if cue is None else (cue, c.state.resolve(cue.subject, c.local))


def speaker_label_line(c: _Context):
    """A line that opens with its speaker and a colon: ``Lee: Europe "cannot wait"`` (never across a
    line break), or a topic, a dash and the speaker's name: ``Polls missed it - Ann Lee: "…"``."""
    sent = c.sent
    if sent.start != c.q.para_start or ":" not in c.lead_in or "\n" in c.masked[sent.start : c.span.open_mark]:
        return None
    found = _headline_label(c.masked, c.head, c.state)
    if found is not None:
        return found
    head = c.head
    if not head or head[-1].text != ":":
        return None
    dash = max((k for k, t in enumerate(head) if t.text in _DASHES), default=None)
    label = head[dash + 1 : -1] if dash is not None else []
    if not 0 < len(label) <= 4 or not all(t.is_word and (t.is_capital or t.lower in sp.NAME_PARTICLES) for t in label):
        return None
    m = classify_np(c.masked, list(label))
    if m is None or m.kind not in ("name", "role"):
        return None
    colon = head[-1]
    return Cue(colon.start, colon.end, colon.text, len(head) - 1, True, m), c.state.resolve(m, c.local)


_DASHES = words("dashes")


def title_case_headline_verb(c: _Context):
    """A headline in title case whose subject, named again below, reports with a capitalised verb:
    ``Mayor Feld Slams ‘Reckless’ Budget``, ``Budget Is ‘Reckless,’ Tomas Feld Says.``"""
    if c.sent.start != c.q.para_start or not c.sent.title_cased():
        return None
    if c.sent._headline_verb is None:  # the sentence's verb and subject, found once for all its quotations
        c.sent._headline_verb = _headline_verb(c.masked, c.toks) or ()
    if not c.sent._headline_verb:
        return None
    k, m = c.sent._headline_verb
    verb = c.toks[k]
    return Cue(verb.start, verb.end, verb.text, k, True, m), c.state.resolve(m, c.local)


def _headline_verb(masked: str, toks: Sequence[Token]) -> tuple[int, "Mention"] | None:
    """The first capitalised verb of saying in a title-case headline whose subject is a name the
    text gives again, as ``(verb index, mention)``."""
    for k in range(1, len(toks)):
        verb = toks[k]
        if not verb.is_word or verb.is_quote or not (verb.lower in sp.CUE_VERBS or verb.lower in sp.FRAMING_VERBS):
            continue
        j = k
        while j > 0 and toks[j - 1].is_word and not toks[j - 1].is_quote and (
            toks[j - 1].is_capital or toks[j - 1].lower in sp.NAME_PARTICLES
        ):
            j -= 1
        np_toks = list(toks[j:k])
        if not 0 < len(np_toks) <= 4 or _word_count(masked, np_toks[-1].text) < 2:
            continue
        m = classify_np(masked, np_toks)
        if m is not None and m.kind == "name":
            return k, m
    return None


RULES = (
    cue_after_closing_mark,
    signed_after_dash,
    cue_after_question_or_exclamation,
    cue_before_opening_mark,
    speech_noun_before,
    colon_after_subject_sentence,
    nearest_cue_before,
    cue_later_in_sentence,
    framing_verb_subject,
    speaker_label_line,
    title_case_headline_verb,
    reporting_sentence_after_full_stop,
)
"""The cascade for a quotation in the body, in order: the first that names a speaker wins."""

PASS_RULES = (
    "context:list_intro",
    "context:sentence_subject",
    "context:previous_quote",
    "context:previous_sentence_subject",
    "context:last_reporting_clause",
    "repeat",
    "headline:body_label",
    "headline:body_quote",
    "headline:similar_sentence",
    "headline:own_cue",
    "headline:own_subject",
    "headline:speaker_label",
    "headline:list_intro",
    "headline:main_speaker",
    "headline:first_reporter",
    "nested:outer_speaker",
    "ranker",
)
"""The rules of the passes after the cascade (context, repeated words, headlines, quotations
inside quotations), as the ``rule`` column names them."""

# --------------------------------------------------------------------------- the learned ranker's hook
#
# After the cascade and the context rules, ``liveblogs.quotes.ranker`` (issue 15) may re-choose a
# body quotation's speaker among the candidates the rules and the context propose; its answers
# say ``ranker`` in the ``rule`` column. ``LIVEBLOGS_RANKER=0`` keeps the rules' answers.


def _speaker_ranker():
    from . import ranker

    return ranker.rerank if ranker.enabled() else None


RULE_NAMES = tuple(r.__name__ for r in RULES) + PASS_RULES
"""Every value the ``rule`` column of the quotes frame takes (missing when nobody is found)."""


def _attribute_quote(masked, q: _Quote, sent: _Sentence, sentences, n, state: _Post, local) -> None:
    context = _Context(masked, q, sent, sentences, n, state, local)
    for rule in RULES:
        found = rule(context)
        if found is None:
            continue
        if found is _NO_SPEAKER:
            return
        _assign(q, *found)
        if q.speaker is not None:
            q.rule = rule.__name__
            return


def _framing_subject(masked: str, toks: Sequence[Token], verb: int) -> "Mention | None":
    """The subject of the verb at ``toks[verb]``: the noun phrase before it once adverbs (``boldly``),
    auxiliaries and a parenthesis (``Ryan (R-Wis.) said``) are passed, else, after ``and``/``but``
    or with nothing there, the subject the sentence opens with when the verb is its own."""
    j = verb
    while j > 0:
        low = toks[j - 1].lower
        if low in sp.AUXILIARIES or low in sp.VERB_ADVERBS or low.endswith("ly") and low not in ("only", "early"):
            j -= 1
        elif toks[j - 1].text == ")":
            k = next((k for k in range(j - 2, max(-1, j - 12), -1) if toks[k].text == "("), None)
            if k is None:
                break
            j = k
        else:
            break
    if j > 0 and toks[j - 1].lower not in ("and", "but"):
        m, how = _subject_of(masked, toks, j)
        if m is not None and how != "inverted":
            k = next((k for k, t in enumerate(toks) if t.start >= m.start), 0)
            if k > 0 and toks[k - 1].lower in ("and", "or", "&"):
                return None  # "X and Y agreed to start talks "…"": two speakers, neither alone
            return None if m.kind == "author" else m
    m = _sentence_subject(masked, list(toks[:j]))
    after_and = j > 0 and toks[j - 1].lower in ("and", "but") and "," not in [t.text for t in toks[:j]]
    if m is None or m.kind == "author" or not (after_and or _verb_of(toks, m, j)):
        return None
    return m


def _verb_of(toks: Sequence[Token], subject: "Mention", verb: int) -> bool:
    """``toks[verb]`` is the subject's own verb: only auxiliaries, adverbs and an apposition between
    commas stand between them ("Gingrich cynically dismissed", "X, a critic, likened", "X has
    been pounding"), not a phrase of its own ("Contrary to his claim that people would")."""
    k = next((k for k, t in enumerate(toks) if t.start >= subject.end), verb)
    while k < verb:
        low = toks[k].lower
        if toks[k].text == ",":
            close = next((j for j in range(k + 1, verb) if toks[j].text == ","), None)
            k = verb if close is None else close + 1
            continue
        if not (low in sp.AUXILIARIES or low in sp.VERB_ADVERBS or low.endswith("ly") and low not in ("only", "early")):
            return False
        k += 1
    return True


_MAX_TAIL = 4  # words after the verb of a reporting sentence that only names its speaker (set by hand, not swept)


def _final_noun(lead_in: str) -> re.Match | None:
    """``_FINAL_NOUN_RE`` searched in the last ``_FINAL_NOUN_REACH`` characters of ``lead_in`` only
    (a search anchored at the end still tries every start, so the whole lead-in of each quotation
    of a sentence that never ends would be read again); a word cut by the window is longer than
    any speech noun, so it is no match. Offsets are ``lead_in``'s own."""
    cut = max(0, len(lead_in) - _FINAL_NOUN_REACH)
    found = _FINAL_NOUN_RE.search(lead_in, cut)
    if found is not None and found.start() == cut and cut > 0 and (lead_in[cut - 1].isalnum() or lead_in[cut - 1] == "_"):
        return None
    return found


_FINAL_NOUN_REACH = 200  # a safety bound, not tuned: keeps the search linear on a long lead-in


def _cue_after_exclamation(masked: str, q: _Quote, sentences: list[_Sentence], close: _Sentence,
                           endings: tuple[str, ...] = ("?", "!")) -> Cue | None:
    """A quotation ending in "?" or "!" inside its marks ends the sentence as far as punctuation
    goes, yet the reporting clause right after it still belongs to it: ``"When will it?" Ann Lee
    told reporters.`` The next sentence must open with the subject, report, and say nothing else.
    With ``endings`` ``(".",)``, only a place, a time or a manner may follow the verb
    (``"We are ready." Ann Lee said on Monday.``)."""
    if not q.words.rstrip().endswith(endings):
        return None
    k = sentences.index(close)
    if k + 1 >= len(sentences):
        return None
    nxt = sentences[k + 1]
    if masked[q.span.close_mark + 1 : nxt.start].strip() or MASK in masked[nxt.start : nxt.end] or not nxt.cues:
        return None
    cue = nxt.cues[0]
    m = cue.subject
    if not cue.finite or m is None or m.kind not in ("name", "role") or cue.how != "named":
        return None
    if m.start != nxt.toks[0].start or len(nxt.cues) > 1:
        return None
    tail = [t for t in nxt.toks[cue.verb + 1 :] if t.is_word]
    if "." in endings and tail and tail[0].lower not in sp.PREPOSITIONS and tail[0].lower not in sp.ADVERBS:
        return None  # "Ann Lee said the plan had failed": a report of its own
    return cue if len(tail) <= _MAX_TAIL and not any(t.lower in _CLAUSAL for t in tail) else None


_TITLE_SMALL = words("title_small_words")
_TITLE_LEAD = words("title_lead_words")


def _title_case(words: str) -> bool:
    """Every word capitalised (or a number) but the small ones: ``Face the Nation``, ``Owen``, ``13th``."""
    found = [w for w in token_words(words) if w[0].isalnum()]
    return 0 < len(found) <= 8 and (found[0][0].isupper() or found[0][0].isdigit()) and any(
        _LETTER_RE.search(w) for w in found
    ) and all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in found)


def _nobodys_words(masked: str, text: str, q: _Quote, sent: _Sentence) -> bool:
    """A quotation that is a name, a title or a term, not anybody's speech.

    * a term introduced as one: ``the so-called "peace plan"``, ``what came to be known as "..."``;
    * a title: capitalised words after a possessive or ``on``/``in`` (``told CBS's "Face the
      Nation."``, ``wrote in "The Times"``) or after a noun for a work (``the programme "..."``);
    * a name on its own (``if you put "Owen" in a message``) where nothing reports speech.
    """
    if q.role in _HEADLINE_ROLES:
        return False
    lead = masked[max(sent.start, q.span.open_mark - 40) : q.span.open_mark].lower().rstrip()
    if lead.endswith(sp.NAMING_PHRASES) or lead.endswith(
        tuple(f"{p} {d}" for p in sp.NAMING_PHRASES for d in ("the", "a", "an"))
    ):
        return True
    if not sent.cues and lead.endswith(tuple(f"the {n}" for n in sp.MENTION_NOUNS)):
        return True  # a word mentioned, not used: expect the word "historic" to appear
    if not _title_case(q.words) or sent.title_cased():
        return False  # in a headline written in title case, capitals say nothing of a title
    label = masked[sent.start : q.span.open_mark].split(":", 1)
    if len(label) == 2 and 0 < len(label[0].split()) <= 4 and all(w[:1].isupper() for w in label[0].split()) and (
        not label[0].isupper()
    ):
        return False  # "Issa: Clinton's 'Honesty Is In Question'": a speaker's label (not "WHAT'S NEXT:"), then the words
    k = bisect.bisect_right(sent.tok_ends(), q.span.open_mark)
    before = sent.toks[k - 1 : k] if k else []
    if before and before[0].is_word and before[0].lower == "as" and any(
        t.lower in sp.FRAMING_VERBS or t.lower in sp.CUE_VERBS or t.bare in sp.SPEECH_NOUNS
        for t in sent.toks[max(0, k - 8) : k - 1]
    ):
        return False  # a name someone calls somebody: Trump's references to her as "Miss Piggy"
    if before and before[0].is_word and (
        before[0].possessive and before[0].is_capital or before[0].lower in _TITLE_LEAD
        or before[0].bare in sp.TITLE_NOUNS
    ):
        return True
    if k >= 2 and before[0].text in (",", "of") and sent.toks[k - 2].bare in sp.TITLE_NOUNS:
        return True  # the work's noun, then "of" or a comma: an episode of "Face the Nation"; his book, "…"
    after = [t for t in sent.toks[bisect.bisect_right(sent.tok_ends(), q.span.close_mark) :][:3] if t.is_word][:2]
    if any(t.bare in sp.TITLE_NOUNS for t in after) and not any(t.is_capital for t in after):
        return True  # the work's noun after it: his "Keepin' It Real" radio program
    if _FINAL_STOP_RE.search(q.words) and len(q.words.split()) > 1:
        return False  # a capitalised sentence: "Thank You Very Much."
    if before and before[0].lower == "the" and len(q.words.split()) <= 3 and q.words.rstrip()[-1:].isalnum():
        return True  # a nickname: when the "Celtic Tiger" first roared
    if before and before[0].lower in ("a", "an") and len(q.words.split()) > 1 and q.words.rstrip()[-1:].isalnum():
        return True  # a new thing named: to create a "European Defense Window" inside the budget
    return len(q.words.split()) <= 3 and not sent.cues


def _possessor(masked: str, toks: list[Token]) -> Mention | None:
    """The owner of a speech noun: "His key message" → his, "Trump's warning" → Trump."""
    for t in reversed(toks[-5:]):
        if t.lower in ("his", "her", "its", "their"):
            pron = {"his": "he", "her": "she", "its": "it", "their": "they"}[t.lower]
            return Mention("pronoun", t.text, t.start, t.end, pronoun=pron, person=pron in ("he", "she"))
        if t.possessive and t.is_capital:
            k = toks.index(t)
            run = [t]
            while k > 0 and toks[k - 1].is_capital and toks[k - 1].is_word:
                k -= 1
                run.insert(0, toks[k])
            name = _join(masked, run)
            name = _POSSESSIVE_RE.sub("", name)
            return Mention("name", _join(masked, run), run[0].start, run[-1].end, name=name)
        if not t.is_word:
            break
    return None


def _assign(q: _Quote, cue: Cue, entity: Entity | None, how: str | None = None) -> None:
    if entity is None:
        return
    q.cue = cue
    q.speaker = entity.name
    q.person = entity.person
    q.mention = cue.subject if cue.subject is not None else entity.mention
    if how:
        q.attribution = how
    elif entity.via == "pronoun":
        q.attribution = "pronoun"
    elif entity.via == "role":
        q.attribution = "role"
    elif cue.how == "apposition":
        q.attribution = "apposition"
    elif cue.how == "relative":
        q.attribution = "named"
    else:
        q.attribution = "named"


def _contextual(masked, q: _Quote, sent: _Sentence, state: _Post, list_speaker, list_cue, para_reported, paras,
                in_report: bool = True, n: int | None = None, local: Sequence[Entity] = ()) -> None:
    """No cue in the sentence: continuation, list introduction, or the speaker of the reported speech.

    A paragraph that only quotes keeps the speaker of the quotation before it, unless another
    person or body became the subject in between. A fragment takes the subject of the last
    reporting clause only while the report goes on (``in_report``: this sentence or the one
    before reports speech); after a sentence of the writer's own, it is a scare quote.
    """
    prev = state.last_quote
    lead = masked[q.para_start : q.span.open_mark]
    opens_paragraph = not _LETTER_RE.search(lead.replace("-", "")) or _BULLET_LEAD_RE.fullmatch(lead)
    if list_speaker is not None and list_cue is not None:
        q.speaker, q.person, q.mention, q.cue, q.attribution = (
            list_speaker.name, list_speaker.person, list_cue.subject, list_cue, "list_intro")
        q.rule = "context:list_intro"
        return
    # A fragment inside a sentence whose own subject comes before it, where the last quotation's
    # speaker would be carried over: that subject's words ("Reid has gone after Trump as a "…"").
    own = next((e for e in local if e.rank == 0 and e.via in ("named", "role", "pronoun")
                and sent.start <= e.mention.start and e.mention.end <= q.span.open_mark), None)
    carried = prev is not None and prev.speaker is not None and (
        opens_paragraph or prev.paragraph == q.paragraph) and q.paragraph - prev.paragraph <= 1
    if own is not None and carried and quote_kind(q.words, "body") == "partial":
        q.speaker, q.person, q.mention, q.attribution = own.name, own.person, own.mention, "continuation"
        q.rule = "context:sentence_subject"
        return
    if prev is not None and prev.speaker is not None and not state.new_subject and (
        opens_paragraph or prev.paragraph == q.paragraph
    ) and q.paragraph - prev.paragraph <= 1:
        q.speaker, q.person, q.mention, q.cue, q.attribution = (
            prev.speaker, prev.person, prev.mention, prev.cue, "continuation")
        q.rule = "context:previous_quote"
        return
    # A sentence of its own right after a sentence about someone: "X was blunter. "We are done.""
    if n is not None and not _LETTER_RE.search(masked, sent.start, q.span.open_mark) and (
        quote_kind(q.words, "body") == "direct"
    ):
        before = [e for e in state.history[-_HISTORY:] if e.sentence == n - 1 and e.rank == 0]
        reporter = state.reported_in.get(n - 1)
        if reporter is not None and before and reporter.rank == 0:
            # "The administration may wait, Schiff said. "…"": the sentence before reports
            # Schiff's words, so he, not its grammatical subject, goes on speaking.
            before = [reporter]
        if before and before[0].via in ("named", "role", "pronoun"):
            e = before[0]
            q.speaker, q.person, q.mention, q.attribution = e.name, e.person, e.mention, "continuation"
            q.rule = "context:previous_sentence_subject"
            return
    # A fragment in reported speech: the last reporting clause of this or the previous paragraph.
    if not in_report:
        return
    for para in (q.paragraph, q.paragraph - 1):
        ent = para_reported.get(para)
        if ent is not None and para < q.paragraph or (ent is not None and para == q.paragraph):
            q.speaker, q.person, q.mention, q.attribution = ent.name, ent.person, ent.mention, "continuation"
            q.rule = "context:last_reporting_clause"
            return


def _repeat_pass(quotes: list[_Quote]) -> None:
    """A quotation with no speaker whose exact words are attributed elsewhere takes that speaker."""
    known: dict[str, list[_Quote]] = {}
    for q in quotes:
        if q.speaker is not None and q.attribution not in ("continuation",) and q.role not in _HEADLINE_ROLES:
            known.setdefault(_key(q.words), []).append(q)
    for q in quotes:
        if q.speaker is None and q.role not in _HEADLINE_ROLES and q.attribution != "title":
            found = known.get(_key(q.words))
            if found:
                names = [f.speaker for f in found]
                src = max(dict.fromkeys(names), key=names.count)  # ties: the first in document order
                ref = next(f for f in found if f.speaker == src)
                q.speaker, q.person, q.mention, q.cue, q.attribution = src, ref.person, ref.mention, ref.cue, "repeat"
                q.rule = "repeat"


def _key(words: str) -> str:
    return " ".join(word_pieces(words.lower()))


def _headline_pass(masked, index, quotes: list[_Quote], paragraphs, by_post) -> None:
    """Headline quotations: same words in the body, else a body sentence, else the headline's subject."""
    postings = None
    terms = {_key(b.words) for b in quotes if b.attribution == "title" and b.role not in _HEADLINE_ROLES}
    for q in quotes:
        if q.role not in _HEADLINE_ROLES or _key(q.words) in terms:
            continue  # the body gives the same words as a term: nobody's words in the headline either
        label = _body_label(masked, index, q)
        if label is not None:
            cue, ent = label
            q.speaker, q.person, q.cue, q.mention, q.attribution = ent.name, ent.person, cue, cue.subject, "headline"
            q.rule = "headline:body_label"
            continue
        want = _content(q.words)
        if q.role == "title":
            pool = [b for b in quotes if b.role not in _HEADLINE_ROLES]
            paras = list(paragraphs)
        else:
            pool = [b for b in quotes if b.post == q.post and b.role not in _HEADLINE_ROLES]
            paras = by_post.get(q.post, [])
        best, best_score = None, 0.0
        for b in pool:
            if b.speaker is None or not want or len(want) == 1 and not _shares_word(q.words, b.words):
                continue
            score = len(want & _quote_content(b.words)) / len(want)
            if score > best_score + 1e-9:
                best, best_score = b, score
        if (best is None or best_score < 0.5) and q.role != "title" and want:
            # A summary headline quoting words the body gives elsewhere, all of them.
            if postings is None:
                postings = _content_postings(quotes)
            rarest = min((postings.get(w, []) for w in sorted(want)), key=len)  # sorted: ties independent of hash seed
            for b, words in rarest[:200]:
                if b.speaker is not None and want <= words and (len(want) > 1 or _shares_word(q.words, b.words)):
                    best, best_score = b, 1.0
                    break
        if best is not None and best_score >= 0.5:
            q.speaker, q.person, q.mention, q.cue, q.attribution = (
                best.speaker, best.person, best.mention, best.cue, "headline")
            q.rule = "headline:body_quote"
            continue
        state = _Post(index, _post_names(masked, paras), masked)
        speakers = [b for b in pool if b.speaker is not None and b.attribution != "repeat"]
        dominant = None
        if speakers and q.role != "title":
            named = [b.speaker for b in speakers]
            top = max(dict.fromkeys(named), key=named.count)  # ties: the first named in the post, not set order
            ref = next(b for b in speakers if b.speaker == top)
            dominant = (ref.cue, Entity(top, ref.person, ref.mention or Mention("name", top, 0, 0)))
        found = _headline_from_sentences(masked, q, paras, state, want, dominant)
        if found is not None:
            cue, ent, q.rule = found
            q.speaker, q.person, q.cue, q.attribution = ent.name, ent.person, cue, "headline"
            q.mention = cue.subject if cue is not None and cue.subject is not None else ent.mention


def _shares_word(a: str, b: str) -> bool:
    """``b`` holds one of the content words of ``a`` whole: a one-word headline quotation
    ("militaristic") is not the body's different word with the same stem ("militarizing")."""
    return bool(_lower_words(a) & _lower_words(b))


@lru_cache(maxsize=1 << 14)
def _lower_words(words: str) -> frozenset[str]:
    """The content words of a quotation, whole and in lower case, read once."""
    return frozenset(w.lower() for w in (w for w in letter_words(words) if len(w) >= 3))


def _body_label(masked: str, index: ArticleIndex, q: _Quote):
    """A post headline that opens with a body and a colon ("Kremlin: EU 'preparing for war'"):
    the words are the body's, whoever speaks for it in the text below."""
    if q.role != "headline" or ":" not in masked[q.para_start : q.span.open_mark]:
        return None
    before = [t for t in tokens(masked, q.para_start, q.para_end) if t.end <= q.span.open_mark]
    found = _headline_label(masked, before, _Post(index, [], masked))
    return found if found is not None and not found[1].person else None


def _content_postings(quotes: list[_Quote]) -> dict[str, list[tuple[_Quote, frozenset[str]]]]:
    """Content word → the body quotations holding it (with their content words), in order."""
    postings: dict[str, list[tuple[_Quote, frozenset[str]]]] = {}
    for b in quotes:
        if b.role not in _HEADLINE_ROLES:
            words = _quote_content(b.words)
            for w in words:
                postings.setdefault(w, []).append((b, words))
    return postings


def _headline_from_sentences(masked, q, paras, state: _Post, want, dominant=None):
    """Resolve a headline quotation from the sentences of its post (and the headline itself):
    ``(cue, entity, rule)`` or None."""
    body_sents, head_cues = [], []
    for _, _, lo, hi, role in paras:
        for a, b in sentence_bounds(masked, lo, hi):
            toks = tokens(masked, a, b)
            item = (a, b, toks, find_cues(masked, toks), role)
            (head_cues if role in _HEADLINE_ROLES and a <= q.span.open_mark < b else body_sents).append(item)
    # Walk the body in order so pronouns resolve; remember the candidates.
    similar, intro, first = None, None, None
    for a, b, toks, cues, role in body_sents:
        if role in _HEADLINE_ROLES:
            continue
        local: list[Entity] = []
        subj = _sentence_subject(masked, toks)
        se = state.resolve(subj, local) if subj else None
        if se is not None:
            local.append(se)
        for c in cues:
            c.entity = state.resolve(c.subject, local) if c.finite else (local[-1] if local else None)
            if c.entity is not None:
                local.append(c.entity)
                first = first or (c, c.entity)
                outside = _content(masked[a:b].replace(MASK, " "))
                if similar is None and want and len(want & outside) / len(want) >= 0.5:
                    similar = (c, c.entity)
        stripped = masked[a:b].rstrip()
        if intro is None and stripped.endswith(sp.INTRO_ENDINGS) and cues and MASK not in masked[a:b]:
            ent = next((c for c in reversed(cues) if c.entity is not None), None)
            if ent is not None:
                intro = (ent, ent.entity)
        state.history.extend(local)
    if similar:
        return (*similar, "headline:similar_sentence")
    own = None
    for a, b, toks, cues, role in head_cues:
        for c in cues:
            ent = state.resolve(c.subject, [])
            if ent is not None:
                own = own or (c, ent)
    if own is not None and (own[1].via != "role" or own[0].subject is None or own[0].subject.kind == "name"):
        return (*own, "headline:own_cue")
    if own is not None and not own[1].person:
        return (*own, "headline:own_cue")
    if own is None:
        for a, b, toks, cues, role in head_cues:
            found = _headline_subject(masked, toks, q.span.open_mark, state)
            if found is not None:
                return found
    for found, rule in ((intro, "headline:list_intro"), (dominant, "headline:main_speaker"), (own, "headline:own_cue"),
                        (first, "headline:first_reporter")):
        if found:
            return (*found, rule)
    return None


def _headline_subject(masked: str, toks: Sequence[Token], open_mark: int, state: _Post):
    """A headline's own subject, named before its quotation: "Zelenskyy rejects any deal made 'behind our backs'".

    Headlines report speech with any verb (rejects, slams, hails); the clause is read from the
    last colon or dash before the quotation. Gives ``(cue, entity, rule)`` or None.
    """
    before = [t for t in toks if t.end <= open_mark]
    cut = max((k for k, t in enumerate(before) if t.text in ":–—|"), default=-1)
    np_toks = _np_forward(before, cut + 1)
    k = cut + 1 + len(np_toks)
    m = None
    if np_toks and k < len(before) and before[k].is_word and not before[k].is_capital and not _title_cased(toks):
        m = classify_np(masked, np_toks)
    if m is None or m.kind != "name":
        found = _headline_label(masked, before, state)
        return None if found is None else (*found, "headline:speaker_label")
    ent = state.resolve(m, [])
    verb = before[k]
    return (Cue(verb.start, verb.end, verb.text, k, True, m), ent, "headline:own_subject") if ent is not None else None


def _title_cased(toks: Sequence[Token]) -> bool:
    """A headline in title case ("Europe Hears a 'Wake-Up Call' on Defense"): capitals say nothing."""
    long = [t for t in toks if t.is_word and len(t.text) > 3 and not t.is_quote]
    return len(long) >= 4 and sum(t.is_capital for t in long) >= 0.8 * len(long)


_GENDER_SPAN = 300  # characters between a subject and a pronoun looked at (a safety bound, not tuned)
_LABEL_TOPIC_WORDS = frozenset(words("label_topic_words"))
_TOPIC_WORDS = 6  # words of "on …" a headline label may carry (a safety bound, not tuned)


def _headline_label(masked: str, before: Sequence[Token], state: _Post):
    """A live-blog headline that opens with its speaker and a colon: "Rutte: 'Europe must ...'",
    "Starmer: I am ready to put troops 'on the ground'"."""
    colons = [k for k, t in enumerate(before) if t.text == ":"]
    for n in range(len(colons) - 1, -1, -1):
        colon, lo = colons[n], colons[n - 1] + 1 if n else 0
        label = list(before[lo:colon])
        topic = next((k for k, t in enumerate(label) if k and t.lower in _LABEL_TOPIC_WORDS), None)
        if topic is not None and len(label) - topic <= _TOPIC_WORDS:
            label = label[:topic]  # "Obama on Climate Change: The Trends Are 'Terrifying'": Obama's view
        if not 0 < len(label) <= 4 or not all(t.is_word and t.is_capital for t in label):
            continue
        m = classify_np(masked, label)
        if m is None or m.kind not in ("name", "role") or _word_count(masked, label[-1].text) < 2:
            continue  # the speaker is someone the article names elsewhere, not "Explained:"
        ent = state.resolve(m, [])
        c = before[colon]
        return (Cue(c.start, c.end, c.text, colon, True, m), ent) if ent is not None else None
    return None


def _row(text: str, q: _Quote) -> dict:
    m = q.mention
    c = q.cue
    return {
        "post": q.post,
        "paragraph": q.paragraph,
        "start": q.span.start,
        "end": q.span.end,
        "quote": q.words,
        "speaker": q.speaker,
        "speaker_mention": text[m.start : m.end] if m is not None and m.end > m.start else None,
        "mention_start": m.start if m is not None and m.end > m.start else None,
        "mention_end": m.end if m is not None and m.end > m.start else None,
        "description": m.description if m is not None else None,
        "apposition": m.apposition if m is not None else None,
        "person": q.person if q.speaker is not None else None,
        "cue": text[c.start : c.end] if c is not None else None,
        "cue_start": c.start if c is not None else None,
        "cue_end": c.end if c is not None else None,
        "kind": "partial" if q.attribution == "title" else (
            "direct" if q.split_tail and q.role not in _HEADLINE_ROLES else quote_kind(q.words, q.role)
        ),
        "attribution": q.attribution if q.speaker is not None or q.attribution == "title" else "scare",
        "rule": q.rule if q.speaker is not None else None,
        "multi_paragraph": q.span.multi_paragraph,
        "nested": q.parent is not None,
        "parent": q.parent.span.start if q.parent is not None else None,
    }
