"""A small learned speaker ranker: re-chooses a quotation's speaker among the candidates the rules see.

The rule cascade of :mod:`liveblogs.quotes.attribution` takes the first rule that names someone.
This module gathers, for one quotation, every speaker the rules and the context could have given
(each rule of ``RULES`` run on its own, the subjects of the reporting cues of the quotation's
sentence and of the two sentences either side, the owner of a speech noun before it — ``Trump's
claim that "…"`` —, the sentence's subject, the previous quotation's speaker, and nobody), keeps
those whose mention reads as a speaker's (:func:`speaker_mention`: not a headline's run of capitals
up to its verb, not a sentence adverb or a common word opening a sentence), describes each with
general features (which generators proposed it, the rule that answered, distance and
direction to the quotation, kind of mention, shape of the quotation) and scores it with a linear
model: the candidate with the highest score wins, but the rules' answer is only replaced when
another candidate beats it by the model's ``margin``.

The model is ``speaker_ranker.json`` beside this module: a header saying where it comes from
(PolNeAR train, the commit, the command of ``benchmarks/train_speaker_ranker.py``), a bias and a
weight per feature. Inference is a sum of weights, in plain Python: no scikit-learn, no pickle.
``LIVEBLOGS_RANKER=0`` in the environment turns the ranker off (the rules' answers are kept).
"""

from __future__ import annotations

import bisect
import json
import os
from functools import lru_cache
from pathlib import Path

from . import attribution as at
from . import speech as sp

MODEL_PATH = Path(__file__).with_name("speaker_ranker.json")

RECORD: list | None = None
"""When a list, :func:`rerank` appends ``(text, quote span, candidates)`` for every quotation and
keeps the rules' answers (the training script reads the candidates this way)."""


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> dict | None:
    """The model file as a dict (``weights``, ``bias``, ``margin``, ``header``), None when absent."""
    p = Path(path) if path else MODEL_PATH
    if not p.is_file():
        return None
    model = json.loads(p.read_text(encoding="utf-8"))
    model["weights"] = {k: float(v) for k, v in model["weights"].items()}
    return model


def enabled() -> bool:
    return os.environ.get("LIVEBLOGS_RANKER", "1") != "0" and (RECORD is not None or load_model() is not None)


class Candidate:
    """One possible speaker of a quotation: an entity (None: nobody), its mention and cue, and who proposed it."""

    __slots__ = ("entity", "mention", "cue", "generators", "offset", "key")

    def __init__(self, entity, mention, cue, offset: int) -> None:
        self.entity, self.mention, self.cue, self.offset = entity, mention, cue, offset
        self.generators: list[str] = []
        if entity is None:
            self.key = ("nobody",)
        elif mention is not None and mention.end > mention.start:
            self.key = ("at", mention.start, mention.end)
        else:
            self.key = ("name", entity.name)

    @property
    def name(self) -> str | None:
        return None if self.entity is None else self.entity.name


_REACH = 4  # cues read on each side of the quotation, in a sentence: a bound against long sentences, not tuned
_WINDOW = 40  # tokens read on each side of the quotation for a possessive frame or a name (likewise)


def _near_cues(sent, q) -> list:
    """The last ``_REACH`` cues of the sentence before the opening mark and the first after it."""
    k = bisect.bisect_right(sent.cue_ends(), q.span.open_mark)
    return sent.cues[max(0, k - _REACH) : k + _REACH]


def _window(sent, at_char: int, before: int, after: int) -> list:
    """The sentence's tokens from ``before`` tokens before ``at_char`` to ``after`` tokens after it."""
    k = bisect.bisect_right(sent.tok_ends(), at_char)
    return sent.toks[max(0, k - before) : k + after]


def _may_speak(masked: str, sent, subj, q) -> bool:
    """The sentence's subject may have said the quotation: it comes before it in the same line,
    and is the subject of an active verb (not "X was said to be", not a phrase: "Contrary to"), not
    of a verb that reports only a document's words (``reads``, ``states``) when it is no document:
    the cascade's own test ("Bob Smith reads …" is no cue)."""
    if subj.end > q.span.open_mark or "\n" in masked[subj.end : q.span.open_mark]:
        return False
    toks = sent.toks
    k = bisect.bisect_right(sent.tok_ends(), subj.end)  # the first token after the subject
    if k >= len(toks) or toks[k].lower in at._PREPOSITIONS:
        return False
    v = k
    while v < len(toks) and (toks[v].lower in sp.AUXILIARIES or toks[v].lower in sp.VERB_ADVERBS
                             or toks[v].lower.endswith("ly")):
        v += 1
    if v < len(toks) and toks[v].lower in sp.DOCUMENT_CUE_VERBS and subj.head not in sp.DOCUMENT_NOUNS:
        return False
    return not (v < len(toks) and v > k and at._passive(toks, v))


def _subject(masked: str, sent):
    """The sentence's opening subject, read once per sentence (every quotation of a long one asks)."""
    return sent.subject(masked)


def _bucket(chars: int) -> str:
    for limit, label in ((3, "adjacent"), (25, "near"), (80, "mid"), (200, "far")):
        if chars <= limit:
            return label
    return "distant"




def _possessive_frames(masked: str, head: list) -> list:
    """Owners of a speech noun before the quotation: ``Trump's claim that``, ``her message``."""
    found = []
    for k, t in enumerate(head):
        if t.lower in sp.SPEECH_NOUNS or t.bare in sp.SPEECH_NOUNS:
            owner = at._possessor(masked, list(head[max(0, k - 4) : k]))
            if owner is not None:
                found.append(owner)
    return found[-2:]


def _sentence_at(sentences, n: int, at_char: int):
    """The sentence of ``sentences`` (looked for around the ``n``-th) that holds ``at_char``, or None."""
    return next((s for s in sentences[max(0, n - 2) : n + 3] if s.start <= at_char < s.end), None)


def speaker_mention(masked: str, m, sent):
    """``m`` as a mention of a speaker: itself, a shorter name, or None when it names no one.

    A name must read as one. Where capitals say nothing — a title-case sentence (a headline), or a
    run of capitals that goes on past a verb (a heading) — the run ends before a verb of headlines
    (``sp.HEADLINE_VERBS``): ``Obama Sees 'Personal Insult'`` names Obama, ``Popular Website Shows
    Bias`` the popular website. A single word that opens its sentence and that the text never gives
    again (``Ironically, …``, ``Things that are …``; not a label: ``Milbank: …``), or that the
    package's lists know for no name (``sp.NOT_NAMES``, adverbs), is the sentence's word, not a name."""
    if m is None or m.kind != "name" or m.end <= m.start or sent is None:
        return m
    toks = [t for t in sent.toks if t.is_word and m.start <= t.start and t.end <= m.end]
    if not toks:
        return m
    headline = sent.title_cased()
    cut = next((k for k in range(1, len(toks)) if toks[k].is_capital and toks[k].lower in sp.HEADLINE_VERBS
                and (headline or k + 1 < len(toks) and toks[k + 1].is_capital)), None)
    if cut is not None:
        toks = toks[:cut]
        m = at.classify_np(masked, toks)
        if m is None or m.kind not in ("name", "role"):
            return None
    if len(toks) == 1 and m.kind == "name":
        t = toks[0]
        if t.lower in sp.NOT_NAMES or t.lower in sp.VERB_ADVERBS or t.lower in sp.ADVERBS:
            return None
        k = sent.toks.index(t)
        label = k + 1 < len(sent.toks) and sent.toks[k + 1].text == ":"  # "Milbank: Republicans …" names its speaker
        if at._opens_sentence(sent.toks, k) and not label and at._word_count(masked, t.text) <= 1:
            return None
    return m


def candidates(masked: str, q, sent, sentences, n: int, state, local) -> list[Candidate]:
    """Every speaker the rules or the context propose for ``q`` (merged by mention), nobody included."""
    found: dict[tuple, Candidate] = {}
    genders = dict(state.genders)  # resolving a pronoun here must not teach the history a gender

    def add(entity, mention, cue, gen: str, offset: int = 0) -> None:
        if entity is not None and mention is None:
            mention = entity.mention
        c = Candidate(entity, mention, cue, offset)
        if c.key not in found and entity is not None and gen not in ("answer", "previous"):
            # A new candidate must read as a speaker (the rules' answers, and mentions merged with them, stand).
            checked = speaker_mention(masked, mention, _sentence_at(sentences, n, mention.start) if mention else None)
            if checked is None:
                return
            if checked is not mention:
                entity, mention = resolve(checked), checked
                if entity is None:
                    return
                c = Candidate(entity, mention, cue, offset)
        if c.key not in found:
            found[c.key] = c
        elif gen == "previous":
            found[c.key].offset = offset
        if gen not in found[c.key].generators:
            found[c.key].generators.append(gen)

    def resolve(m):
        if m is None or m.kind == "author":
            return None
        return state.resolve(m, local)

    if q.speaker is not None:
        add(at.Entity(q.speaker, q.person, q.mention or at.Mention("name", q.speaker, 0, 0)), q.mention, q.cue,
            "answer")
    context = at._Context(masked, q, sent, sentences, n, state, local)
    for rule in at.RULES:
        got = rule(context)
        if got is None or got is at._NO_SPEAKER:
            continue
        cue, entity = got
        if entity is not None:
            add(entity, cue.subject if cue.subject is not None else entity.mention, cue, "rule:" + rule.__name__)
    for d in (-2, -1, 0, 1, 2):
        k = n + d
        if not 0 <= k < len(sentences):
            continue
        s = sentences[k]
        for cue in _near_cues(s, q) if d == 0 else s.cues[:_REACH] if d > 0 else s.cues[-_REACH:]:
            entity = cue.entity if d <= 0 else None
            if entity is None and d != 0 and cue.subject is not None and cue.subject.kind in ("name", "role"):
                entity = resolve(cue.subject)
            if entity is None:
                continue
            side = "before" if cue.end <= q.span.open_mark else "after"
            add(entity, cue.subject if cue.subject is not None else entity.mention, cue, f"cue:{d}:{side}", d)
    for owner in _possessive_frames(masked, _window(sent, q.span.open_mark, _WINDOW, 0)):
        add(resolve(owner), owner, None, "possessive")
    subj = _subject(masked, sent)
    if subj is not None and subj.kind != "author" and _may_speak(masked, sent, subj, q):
        add(resolve(subj), subj, None, "subject")
    prev = state.last_quote
    if prev is not None and prev is not q and prev.speaker is not None:
        add(at.Entity(prev.speaker, prev.person, prev.mention or at.Mention("name", prev.speaker, 0, 0)),
            prev.mention, prev.cue, "previous", min(q.paragraph - prev.paragraph, 3))
    add(None, None, None, "nobody")
    state.genders = genders
    return [c for c in found.values() if c.entity is None or c.entity.name]


def features(masked: str, q, sent, cand: Candidate, all_cands: list[Candidate]) -> list[str]:
    """The names of the candidate's features (each worth 1)."""
    rule = q.rule or ("none" if q.speaker is None else q.attribution)
    kind = quote_shape(q)
    f = [f"quote_rule={rule}|nobody" if cand.entity is None else f"quote_rule={rule}|someone"]
    if cand.entity is None:
        f += ["nobody", f"nobody|{kind}"]
        if q.speaker is None:
            f.append("nobody|is_answer")
        return f
    gens = cand.generators
    for g in gens:
        f.append("gen=" + g)
        f.append(f"gen={g}|rule={rule}")
        f.append(f"gen={g}|{kind}")
    answer = "answer" in gens
    if answer:
        f.append("is_answer")
        f.append(f"is_answer|rule={rule}")
    m = cand.mention
    mk = m.kind if m is not None else "none"
    f.append(f"kind={mk}")
    f.append(f"kind={mk}|rule={rule}")
    if m is not None and m.kind in ("name", "role") and m.end > m.start:
        words = m.text.split()
        f.append(f"mention_words={min(len(words), 3)}")
        if _opens_sentence(masked, m.start):
            f.append(f"opens_sentence|words={min(len(words), 3)}")
        last = (m.name or m.text).split()[-1] if (m.name or m.text).split() else ""
        seen = at._word_count(masked, last) if last else 0
        f.append(f"seen={'once' if seen <= 1 else 'few' if seen <= 3 else 'often'}|{mk}")
    if m is not None and m.end > m.start:
        if m.end <= q.span.open_mark:
            side, gap = "before", q.span.open_mark - m.end
        elif m.start >= q.span.close_mark:
            side, gap = "after", m.start - q.span.close_mark
        else:
            side, gap = "inside", 0
        if side != "inside" and _masked(masked, m.start, m.end):
            side = "masked"
        same = sent.start <= m.start < sent.end
        f.append(f"side={side}|{_bucket(gap)}")
        f.append(f"side={side}|same_sentence={same}")
        f.append(f"dist={_bucket(gap)}|{mk}")
        if same:
            f.append(f"same_sentence|{kind}")
    else:
        f.append("no_mention")
    if cand.cue is not None:
        f.append("has_cue")
        f.append(f"cue_how={cand.cue.how}")
        verb = cand.cue.text.lower()
        if verb in sp.FRAMING_VERBS:
            f.append("cue=framing")
        elif verb in sp.SPEECH_NOUNS:
            f.append("cue=speech_noun")
    if "previous" in gens and q.paragraph is not None:
        prev = cand.offset
        f.append(f"previous_paragraphs={prev}")
    if _named_in(masked, sent, q, cand):
        f.append("named_in_sentence")
        if answer:
            f.append("is_answer|named_in_sentence")
    others = sum(1 for c in all_cands if c.entity is not None and c is not cand)
    f.append(f"others={min(others, 4)}")
    return f


def _named_in(masked: str, sent, q, cand: Candidate) -> bool:
    """The candidate's surname (last word of its name) is a word of the quotation's sentence."""
    words = (cand.name or "").split()
    if not words:
        return False
    last = words[-1].lower()
    return any(t.lower == last or t.bare == last for t in _window(sent, q.span.open_mark, _WINDOW, _WINDOW))


def _opens_sentence(masked: str, start: int) -> bool:
    """Nothing but spaces between ``start`` and the end of the sentence or line before it."""
    j = start - 1
    while j >= 0 and masked[j] in " \t":
        j -= 1
    return j < 0 or masked[j] in ".!?\n"


def _masked(masked: str, start: int, end: int) -> bool:
    return at.MASK in masked[start:end]


def quote_shape(q) -> str:
    kind = at.quote_kind(q.words, q.role)
    words = len(q.words.split())
    size = "short" if words <= 3 else "mid" if words <= 10 else "long"
    title = "title" if at._title_case(q.words) else "plain"
    return f"{kind}_{size}_{title}"


def score(model: dict, feats: list[str]) -> float:
    w = model["weights"]
    return model.get("bias", 0.0) + sum(w.get(x, 0.0) for x in feats)


OWN_SENTENCE = ("rule:", "cue:0:", "possessive", "subject")
"""The generators whose candidates are named in the quotation's own sentence: only these may win."""


def overridable(q) -> bool:
    """The rules gave nobody, or a speaker carried over by the context pass (not a list's
    introduction, which says outright whose words follow): not a cue the cascade read."""
    return q.speaker is None or (q.rule or "").startswith("context:") and q.rule != "context:list_intro"


def eligible(c: Candidate, q) -> bool:
    """A candidate the ranker may choose: the rules' answer (nobody included), or someone of the
    quotation's own sentence; the ranker re-chooses a speaker, it never takes one away."""
    if c.entity is None:
        return q.speaker is None
    return "answer" in c.generators or any(g.startswith(OWN_SENTENCE) for g in c.generators)


def is_answer(c: Candidate, q) -> bool:
    """The candidate is the rules' answer (nobody, when they gave nobody)."""
    return "answer" in c.generators or (c.entity is None and q.speaker is None)


def decide(scores: list[float], answer: int | None, margin: float) -> int | None:
    """The decision rule, one for inference and training: the index of the best-scored candidate
    (the first of equals) when it beats the rules' answer (index ``answer``) by more than
    ``margin``, else ``answer``; None when the rules' answer is none of the candidates (it stands)."""
    if answer is None:
        return None
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    return best if scores[best] > scores[answer] + margin else answer


def rerank(masked: str, q, sent, sentences, n: int, state, local) -> None:
    """Re-choose ``q``'s speaker among its candidates (the hook ``attribution`` calls after the rules)."""
    if q.role in at._HEADLINE_ROLES or not overridable(q):
        return
    cands = [c for c in candidates(masked, q, sent, sentences, n, state, local) if eligible(c, q)]
    if q.speaker is not None and any("answer" in c.generators and _named_in(masked, sent, q, c) for c in cands):
        return  # the speaker carried over is named again in the quotation's own sentence: the context holds
    if RECORD is not None:
        RECORD.append((masked, (q.span.start, q.span.end), [
            (c.name, c.mention.text if c.mention is not None else None,
             c.mention.start if c.mention is not None and c.mention.end > c.mention.start else None,
             c.mention.end if c.mention is not None and c.mention.end > c.mention.start else None,
             features(masked, q, sent, c, cands), is_answer(c, q))
            for c in cands]))
        return
    model = load_model()
    if model is None or len(cands) < 2:
        return
    scores = [score(model, features(masked, q, sent, c, cands)) for c in cands]
    answer = next((k for k, c in enumerate(cands) if is_answer(c, q)), None)
    k = decide(scores, answer, model.get("margin", 0.0))
    if k is None or k == answer:
        return  # the rules' answer (nobody, when they gave nobody) stands unless beaten by the margin
    chosen = cands[k]
    e = chosen.entity  # someone else than the answer: nobody is only eligible when it is the answer
    q.speaker, q.person = e.name, e.person
    q.mention = chosen.mention
    q.cue = chosen.cue
    q.attribution = {"pronoun": "pronoun", "role": "role"}.get(e.via, "named")
    q.rule = "ranker"
