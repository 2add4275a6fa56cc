"""Score direct quotations and their speakers against PolNeAR's hand-annotated attributions.

    python -m liveblogs.evaluate_polnear --split dev [--textacy] [--root PATH] [--chunk N] [--errors N] [--json]

Takes a PolNeAR split folder (``ROOT/SPLIT/text/NAME.txt`` and ``ROOT/SPLIT/attributions/
NAME_ANNOTATOR.ann``, brat standoff; ``ROOT`` defaults to ``../shared/polnear`` beside the
repository) and makes the gold direct quotations of each article, liveblogs' quotations of the same
texts (and, with ``--textacy``, textacy's ``direct_quotations`` on spaCy's small model, run by
``benchmarks/textacy_compare.py``), and the scores: quotation spans P/R/F1 and who-said-what P/R/F1.
The corpus is never copied into the repository.

* **Quotations.** Quotation marks are paired over the whole article by one left-to-right pass that
  knows curly and straight double marks, the two-apostrophe double mark (``''…''``) of the New York
  Times, the TeX-style ``\u0060\u0060…''``, and single marks at word edges (never an apostrophe inside a
  word). A quote left open at the end of a paragraph continues when the next paragraph opens with a
  mark (one quotation over several paragraphs); otherwise it is dropped. The quoted text is what lies
  between the marks.
* **Gold.** A top-level quoted segment (not inside another quotation) whose characters lie at least
  half inside the Content of an attribution is a direct quotation of that attribution; when several
  Contents hold it, the shortest (the innermost attribution: in *Trump said Clinton called them
  "deplorable"* the quote is Clinton's) gives its Source. A quotation inside a quotation, a quoted
  segment only partly inside a Content, and a quote that fewer than half of an article's annotators
  give as a direct quotation are *neutral*: neither right nor wrong.
* **Annotators.** A few articles carry several annotators' files (the corpus's agreement set). Each
  file is read on its own; a quoted segment is gold when at least half of the files make it a direct
  quotation, and any of their Sources is accepted as its speaker.
* **Span match.** As ``liveblogs.evaluate``: both spans trimmed of whitespace and punctuation at their
  edges, overlap / union ≥ 0.9, one-to-one, best overlap first.
* **False positives.** A predicted quotation that matches no gold one is neutral when it lies mostly
  inside a quotation inside a quotation, or mostly inside some Content without overlapping a gold
  quotation; otherwise (outside every Content, or a wrong span of a gold quotation) it is a false
  positive.
* **Speaker.** Right when the predicted speaker mention overlaps an annotated Source span, or the
  predicted name (canonical name or mention) names the Source: the same name once case, accents,
  punctuation and small words are folded, or the same surname (the predicted name's last word is a
  capitalised word of the Source text). A pronoun Source (*he*, *she*, *they*…) also accepts the
  names of the nearest earlier Source in the same file that carries a name (PolNeAR has no
  coreference, so this stands in for "a Source mention of the same entity"); a relative pronoun
  Source (*who*, *which*, *that*) accepts the name it hangs from, the capitalised words just before
  it (*Stevie Wonder, who said "…"*). A gold quotation
  without a Source is right when the prediction names nobody.
* **Who-said-what.** A prediction is right when its span matches and its speaker is right; P/R/F1
  over those pairs (neutral predictions left out of the counts).
* **Transcript turns** (``--turns``, scored apart from the quotations above, which are only the
  rows in marks): PolNeAR annotates a transcript's turn as an attribution whose Source is the
  speaker's label opening a line and whose Cue is the colon right after it. The gold turns are those
  attributions below an article's first line, in articles with at least two of them naming at least
  two different Sources (one turn per label when several annotators' files give it, with the first
  file's Content); a predicted turn (``kind`` ``turn``) matches the one whose Content, from its
  first to its last character, it overlaps by the same 0.9 rule, and its speaker is right as above.
  Predicted turns in other articles, or matching no gold turn, are false positives.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..config import PROJECT_DIR
from .evaluate import MATCH_THRESHOLD, _overlap, _prf, _trim
from ..quotes.speakers import fold
from ..quotes.voices import marked

__all__ = ["DEFAULT_ROOT", "Annotation", "read_ann", "quoted_segments", "gold_quotes", "load_split",
           "speaker_right", "score", "liveblogs_quotes", "textacy_quotes", "format_result", "main",
           "published_figures", "result_rows", "PUBLISHED", "gold_turns", "score_turns"]

DEFAULT_ROOT = PROJECT_DIR.parent / "shared" / "polnear"
PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "it", "you", "his", "their", "its"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "the", "a", "an", "former", "gen"}

# --------------------------------------------------------------------------- brat reader


@dataclass
class Annotation:
    """One attribution of one annotator's file: its Source, Cue and Content fragments (character spans)."""

    annotator: str
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)

    @property
    def content_length(self) -> int:
        return sum(e - s for s, e in self.content)


def _fragments(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))]


def read_ann(text: str, annotator: str = "") -> list[Annotation]:
    """The attributions of one brat standoff file (its text given), one ``Annotation`` each.

    Text-bound lines ``T1<TAB>Label a b;c d<TAB>text`` give spans; event lines ``E1<TAB>Attribution:T4
    Content:T3 Cue:T2 Source:T1`` tie them. Other lines (notes, relations) are skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, spec = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(spec), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append(roles)
    out = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        a = Annotation(annotator, content=spans[roles["Content"]][1])
        if roles.get("Source") in spans:
            a.source, a.source_text = spans[roles["Source"]][1], spans[roles["Source"]][2]
        if roles.get("Cue") in spans:
            a.cue = spans[roles["Cue"]][1]
        out.append(a)
    return out


# --------------------------------------------------------------------------- quotation marks

_MARK = re.compile(r"''|’’|``|[\"“”„«»‘’'‚]")
_OPEN_DOUBLE, _CLOSE_DOUBLE, _AMBIGUOUS_DOUBLE = {"“", "„", "«", "``"}, {"”", "»"}, {'"', "''", "’’"}


def _single_role(text: str, i: int, n: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single mark at text[i:i+n]."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None                                   # don't, Russia's
    if (before.isspace() or before in "([\"“—–-") and (after.isalnum() or after in "\"“$"):
        return "open"
    if not before.isspace() and not after.isalnum():
        return "close"
    return None


def quoted_segments(text: str) -> list[dict]:
    """Every paired quotation: ``start``/``end`` of the text between the marks and ``depth`` (0 = top level).

    Text between marks across paragraphs is one segment when each continuing paragraph opens with a
    mark; a quote still open at a paragraph end without that continuation is dropped."""
    segments: list[dict] = []
    stack: list[dict] = []  # open quotes: kind ('double'/'single'), start (after the mark)
    pos = 0
    n = len(text)
    while pos < n:
        if text[pos] == "\n":
            nxt = pos
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if stack:
                m = _MARK.match(text, nxt) if nxt < n else None
                outer = stack[0]
                if m and outer["kind"] == "double" and m.group() not in _CLOSE_DOUBLE and m.group() not in "‘’'‚":
                    del stack[1:]                   # the outer quotation continues; inner ones end here
                    pos = m.end()
                    continue
                stack.clear()
            pos = nxt
            continue
        m = _MARK.match(text, pos)
        if not m:
            pos += 1
            continue
        mark, i, j = m.group(), m.start(), m.end()
        if mark in _OPEN_DOUBLE | _CLOSE_DOUBLE | _AMBIGUOUS_DOUBLE:
            open_idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k]["kind"] == "double"), None)
            closes = mark in _CLOSE_DOUBLE or (mark in _AMBIGUOUS_DOUBLE and open_idx is not None)
            if closes and open_idx is not None:
                seg = stack[open_idx]
                segments.append({"start": seg["start"], "end": i, "depth": open_idx})
                del stack[open_idx:]
            elif not closes:
                stack.append({"kind": "double", "start": j})
        else:
            role = _single_role(text, i, j - i)
            if role == "open" and stack and stack[-1]["kind"] == "single" and mark == "’":
                role = "close"
            if role == "close":
                open_idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k]["kind"] == "single"), None)
                if open_idx is not None and all(s["kind"] == "single" for s in stack[open_idx:]):
                    seg = stack[open_idx]
                    segments.append({"start": seg["start"], "end": i, "depth": open_idx})
                    del stack[open_idx:]
            elif role == "open":
                stack.append({"kind": "single", "start": j})
        pos = j
    return sorted(segments, key=lambda s: (s["start"], -s["end"]))


# --------------------------------------------------------------------------- gold


def _inside(span: tuple[int, int], fragments: list[tuple[int, int]]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in fragments)


def _named_source(annotations: list[Annotation], before: int) -> Annotation | None:
    """The nearest Source before ``before`` in this file whose text carries a capitalised name."""
    best = None
    for a in annotations:
        if a.source and a.source[0][0] < before and _capitalised(a.source_text):
            if best is None or a.source[0][0] > best.source[0][0]:
                best = a
    return best


_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")  # a word of a Source's name: "Sen.", "O'Neill", "Ocasio-Cortez"
_HEAD_END = re.compile(r",|\(|\s(?:of|at|for|from|who|which|in|on|with|and)\s|['’]s\b")


def _capitalised(text: str) -> set[str]:
    """The folded name of a Source's head (before a comma, parenthesis, preposition or possessive) and
    its last capitalised word, its surname: {"jim clyburn", "clyburn"} from "Rep. Jim Clyburn (D-S.C.), the …"."""
    head = _HEAD_END.split(text, maxsplit=1)[0]
    words = [w for w in _NAME_WORD.findall(head) if w[0].isupper() and fold(w) not in TITLES]
    if not words:
        return set()
    return {fold(" ".join(words)), fold(words[-1]).split()[-1] if fold(words[-1]) else ""} - {""}


_BRACKET_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_WORD = re.compile(_NAME_WORD.pattern + r"|\S+")  # a name's word, or any other run (which ends a name)


def _antecedent(text: str, start: int) -> set[str]:
    """The folded names of the noun phrase a relative pronoun Source (*who*, *which*…) at ``start``
    hangs from: the run of capitalised words just before it, a trailing parenthesis and comma
    skipped ("Sen. Bernie Sanders (Vt.), who said …" → {"bernie sanders", "sanders"}), or, past one
    appositive between commas, the run before that ("McConnell, now the majority leader, who")."""
    before = _BRACKET_TAIL.sub("", text[max(0, start - 160):start].rstrip().rstrip(",")).rstrip()
    line = before.splitlines()[-1] if before else ""
    names = _capital_run(line)
    if not names and "," in line:
        names = _capital_run(line.rsplit(",", 1)[0])
    return names


def _capital_run(text: str) -> set[str]:
    run: list[str] = []
    for word in reversed(_WORD.findall(text)):
        if not word[0].isupper():
            break
        run.insert(0, word)
    return _capitalised(" ".join(run)) if run else set()


def gold_quotes(article: str, text: str, files: dict[str, list[Annotation]]) -> tuple[pd.DataFrame, list]:
    """Gold direct quotations of one article and its neutral regions, from each annotator's attributions.

    Returns a frame (article, start, end, quote, sources, source_text, annotators) where ``sources``
    lists the accepted Source spans and ``names`` the accepted names, and a list of (start, end)
    regions (start, end, strong) where an unmatched prediction is neutral: strong regions (a quotation
    inside a quotation, a disputed or partly annotated quote) even when it overlaps a gold quotation,
    the others (Contents) only when it overlaps none."""
    segments = quoted_segments(text)
    rows, neutral = [], []
    for seg in segments:
        span = _trim(text, seg["start"], seg["end"])
        if span[0] >= span[1]:
            continue
        if seg["depth"] > 0:
            neutral.append((*span, True))
            continue
        length = span[1] - span[0]
        votes, sources, names, texts, partial = 0, [], set(), [], False
        for annotator, atts in files.items():
            holders = [a for a in atts if _inside(span, a.content) * 2 >= length]
            partial |= any(0 < _inside(span, a.content) for a in atts) and not holders
            if not holders:
                continue
            votes += 1
            a = min(holders, key=lambda h: h.content_length)
            sources += a.source
            texts.append(a.source_text)
            names |= {fold(a.source_text)} | _capitalised(a.source_text)
            if a.source and fold(a.source_text) in PRONOUNS:
                antecedent = _named_source(atts, a.source[0][0])
                if antecedent is not None:
                    names |= {fold(antecedent.source_text)} | _capitalised(antecedent.source_text)
            if a.source and fold(a.source_text) in RELATIVES:
                names |= _antecedent(text, a.source[0][0])
        if votes and votes * 2 >= len(files):
            rows.append({"article": article, "start": span[0], "end": span[1], "quote": text[span[0]:span[1]],
                         "sources": sources, "names": sorted(names - {""}), "source_text": " | ".join(dict.fromkeys(texts)),
                         "annotators": votes})
        elif votes or partial:
            neutral.append((*span, True))
    for atts in files.values():
        for a in atts:
            neutral += [(s, e, False) for s, e in a.content]
    cols = ["article", "start", "end", "quote", "sources", "names", "source_text", "annotators"]
    return pd.DataFrame(rows, columns=cols), neutral


def load_split(split: str = "dev", root: str | Path = DEFAULT_ROOT) -> tuple[dict[str, str], pd.DataFrame, dict]:
    """Texts (article → text), gold quotations and neutral regions (article → spans) of a split."""
    folder = Path(root) / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"{folder / 'text'}: no PolNeAR split there (see docs/polnear.md)")
    texts, golds, neutral = {}, [], {}
    for path in sorted((folder / "text").glob("*.txt")):
        article = path.stem
        text = path.read_text(encoding="utf-8")
        files = {}
        for ann in sorted((folder / "attributions").glob(f"{article}_*.ann")):
            files[ann.stem[len(article) + 1:]] = read_ann(ann.read_text(encoding="utf-8"), ann.stem[len(article) + 1:])
        texts[article] = text
        g, n = gold_quotes(article, text, files)
        golds.append(g)
        neutral[article] = n
    return texts, pd.concat(golds, ignore_index=True), neutral


# --------------------------------------------------------------------------- scoring


def _names_of(row) -> list[str]:
    out = []
    for col in ("speaker", "speaker_mention"):
        v = row.get(col)
        if isinstance(v, str) and v.strip():
            out.append(v)
    return out


def speaker_right(pred: dict, gold: dict) -> bool:
    """The predicted speaker names the gold Source (mention overlap, same folded name or same surname)."""
    names = _names_of(pred)
    if not gold["sources"]:
        return not names
    if not names:
        return False
    ms, me = pred.get("mention_start"), pred.get("mention_end")
    if pd.notna(ms) and pd.notna(me) and any(int(ms) < e and s < int(me) for s, e in gold["sources"]):
        return True
    accepted = set(gold["names"])
    for name in names:
        folded = fold(name)
        words = folded.split()
        if folded in accepted or (words and len(words[-1]) > 1 and words[-1] in accepted):
            return True
    return False


def score(pred: pd.DataFrame, gold: pd.DataFrame, neutral: dict, texts: dict[str, str],
          per_article: bool = True) -> dict:
    """Span and who-said-what P/R/F1 overall and (unless ``per_article`` is false) per article, and the
    list of errors."""
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    pairs, used_p = [], set()
    for art in sorted(set(gold["article"]) | set(pred["article"])):
        text = texts[art]
        p = [(i, _trim(text, int(s), int(e))) for i, s, e in
             zip(pred.index[pred["article"] == art], pred.loc[pred["article"] == art, "start"],
                 pred.loc[pred["article"] == art, "end"])]
        g = [(j, (int(s), int(e))) for j, s, e in
             zip(gold.index[gold["article"] == art], gold.loc[gold["article"] == art, "start"],
                 gold.loc[gold["article"] == art, "end"])]
        cands = sorted(((_overlap(a, b), i, j) for i, a in p for j, b in g if a[1] > b[0] and b[1] > a[0]),
                       reverse=True)
        used_g = set()
        for ov, i, j in cands:
            if ov >= MATCH_THRESHOLD and i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((i, j))
    ignored = set()
    for i in pred.index.difference(list(used_p)):
        art = pred.at[i, "article"]
        a = _trim(texts[art], int(pred.at[i, "start"]), int(pred.at[i, "end"]))
        size = max(1, a[1] - a[0])
        gs = gold[gold["article"] == art]
        hits_gold = any(a[1] > s and e > a[0] for s, e in zip(gs["start"], gs["end"]))
        regions = neutral.get(art, [])
        inside = max((_inside(a, [r[:2]]) for r in regions if not hits_gold or r[2]), default=0)
        if inside * 2 >= size:
            ignored.add(i)
    right = {(i, j) for i, j in pairs if speaker_right(pred.loc[i].to_dict(), gold.loc[j].to_dict())}

    p_art, g_art = pred["article"].to_dict(), gold["article"].to_dict()
    pairs_by = {a: [] for a in texts}
    for i, j in pairs:
        pairs_by[g_art[j]].append((i, j))

    def block(arts: set[str] | None) -> dict:
        kp = {i for i, a in p_art.items() if i not in ignored and (arts is None or a in arts)}
        kg = {j for j, a in g_art.items() if arts is None or a in arts}
        mine = pairs if arts is None else [p for a in arts for p in pairs_by.get(a, [])]
        n_pairs = sum(1 for i, j in mine if i in kp and j in kg)
        n_right = sum(1 for i, j in mine if (i, j) in right and i in kp and j in kg)
        spans, who = _prf(n_pairs, len(kp), len(kg)), _prf(n_right, len(kp), len(kg))
        return {"n_pred": len(kp), "n_gold": len(kg), "matched": n_pairs, "neutral": sum(
                    1 for i in ignored if arts is None or p_art[i] in arts),
                "span_precision": spans["precision"], "span_recall": spans["recall"], "span_f1": spans["f1"],
                "speaker_accuracy": n_right / n_pairs if n_pairs else 1.0,
                "who_said_what_precision": who["precision"], "who_said_what_recall": who["recall"],
                "who_said_what_f1": who["f1"]}

    errors = []
    for i, j in sorted(pairs, key=lambda p: p[1]):
        if (i, j) not in right:
            errors.append({"type": "speaker", "article": gold.at[j, "article"], "start": int(gold.at[j, "start"]),
                           "quote": gold.at[j, "quote"][:70], "gold": gold.at[j, "source_text"],
                           "pred": pred.at[i, "speaker"], "how": pred.at[i, "attribution"] if "attribution" in pred else None})
    for j in gold.index.difference([j for _, j in pairs]):
        errors.append({"type": "missed", "article": gold.at[j, "article"], "start": int(gold.at[j, "start"]),
                       "quote": gold.at[j, "quote"][:70], "gold": gold.at[j, "source_text"], "pred": None, "how": None})
    for i in pred.index.difference(list(used_p) + list(ignored)):
        art = pred.at[i, "article"]
        errors.append({"type": "spurious", "article": art, "start": int(pred.at[i, "start"]),
                       "quote": texts[art][int(pred.at[i, "start"]):int(pred.at[i, "end"])][:70], "gold": None,
                       "pred": pred.at[i, "speaker"], "how": None})
    return {"overall": block(None), "per_article": {a: block({a}) for a in sorted(texts)} if per_article else {},
            "errors": errors}


# --------------------------------------------------------------------------- the tools


def gold_turns(split: str = "dev", root: str | Path = DEFAULT_ROOT) -> pd.DataFrame:
    """The gold transcript turns of a split (see the module docstring): article, start, end (the
    Content's first and last character), sources, names, source_text."""
    folder = Path(root) / split
    rows = []
    for path in sorted((folder / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first_line = text.find("\n")
        found: dict[tuple[int, int], dict] = {}
        for ann in sorted((folder / "attributions").glob(f"{path.stem}_*.ann")):
            for a in read_ann(ann.read_text(encoding="utf-8")):
                if not (a.source and a.cue and a.content) or a.source[0][0] <= first_line:
                    continue
                s, e = a.source[0]
                if (s == 0 or text[s - 1] == "\n") and a.cue[0] == (e, e + 1) and text[e] == ":":
                    span = (min(c[0] for c in a.content), max(c[1] for c in a.content))
                    row = found.setdefault((s, e), {"article": path.stem, "start": span[0], "end": span[1],
                                                  "quote": text[span[0]:span[1]], "sources": [], "names": set(),
                                                  "source_text": a.source_text, "annotators": 0})
                    row["sources"].append((s, e))
                    row["names"] |= {fold(a.source_text)} | _capitalised(a.source_text)
                    row["annotators"] += 1
        if len({fold(r["source_text"]) for r in found.values()}) >= 2 and len(found) >= 2:
            rows += [{**r, "names": sorted(r["names"] - {""})} for r in found.values()]
    cols = ["article", "start", "end", "quote", "sources", "names", "source_text", "annotators"]
    return pd.DataFrame(rows, columns=cols)


def score_turns(pred: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> dict:
    """Turn spans and who-said-what P/R/F1 of the predicted turns (``kind`` ``turn``) against
    :func:`gold_turns` (no neutral regions: every unmatched turn is a false positive)."""
    turns = pred[pred["kind"].astype(str).eq("turn")]
    return score(turns, gold, {}, texts, per_article=False)


def liveblogs_quotes(split: str = "dev", root: str | Path = DEFAULT_ROOT, texts: dict[str, str] | None = None,
                     chunk: int | None = None, turns: bool = False) -> pd.DataFrame:
    """liveblogs' quotations of every article of the split, as its who-said-what views show them
    (``voices.speech``: titles, names and terms left out), in marks only (``voices.marked``) unless
    ``turns`` (then transcript turns too): one ``load_corpus`` over its text files, or one per
    ``chunk`` articles (speakers are then made canonical within each chunk only)."""
    import liveblogs
    from ..quotes.voices import marked, speech

    files = sorted((Path(root) / split / "text").glob("*.txt"))
    frames = []
    for k in range(0, len(files), chunk or len(files) or 1):
        corpus = liveblogs.load_corpus(files[k : k + (chunk or len(files))])
        if texts is not None:
            changed = [a for a, t in corpus.texts.items() if texts.get(a) != t]
            if changed:
                raise ValueError(f"liveblogs read {len(changed)} texts differently from the files (offsets would shift)")
        quotes = speech(corpus.quotes)
        frames.append(pd.DataFrame(quotes if turns else marked(quotes)))
    return pd.concat(frames, ignore_index=True)


def textacy_quotes(texts: dict[str, str]) -> pd.DataFrame:
    """textacy's ``direct_quotations`` on spaCy's small model, run as ``benchmarks/textacy_compare.py`` runs it."""
    bench = PROJECT_DIR / "benchmarks"
    if not (bench / "textacy_compare.py").is_file():
        raise FileNotFoundError(f"{bench}: the textacy runner comes with the repository, not the package")
    sys.path.insert(0, str(bench))
    try:
        import textacy_compare
    finally:
        sys.path.remove(str(bench))
    nlp, _ = textacy_compare.load_model()
    rows, _ = textacy_compare.run_textacy(nlp, texts)
    cols = ["article", "start", "end", "quote", "speaker", "speaker_raw", "mention_start", "mention_end", "cue"]
    return pd.DataFrame(rows, columns=cols).assign(speaker_mention=lambda d: d["speaker_raw"])


# --------------------------------------------------------------------------- report


def format_result(label: str, result: dict) -> str:
    o = result["overall"]
    return (f"{label:<10} spans P {o['span_precision']:.3f} R {o['span_recall']:.3f} F1 {o['span_f1']:.3f} | "
            f"who-said-what P {o['who_said_what_precision']:.3f} R {o['who_said_what_recall']:.3f} "
            f"F1 {o['who_said_what_f1']:.3f} | speaker acc {o['speaker_accuracy']:.3f} "
            f"({o['matched']}/{o['n_gold']} gold matched, {o['n_pred']} predicted, {o['neutral']} neutral)")


PUBLISHED = Path(__file__).with_name("published") / "polnear_dev.csv"
PUBLISHED_COLUMNS = ["tool", "split", "articles", "gold", "predicted", "span_precision", "span_recall", "span_f1",
                     "who_said_what_precision", "who_said_what_recall", "who_said_what_f1", "measured", "command"]


def result_rows(results: dict[str, dict], split: str, articles: int, command: str) -> pd.DataFrame:
    """One row per tool of a scoring run, in the columns of :data:`PUBLISHED`."""
    import datetime as dt

    today = dt.date.today().isoformat()
    rows = []
    for tool, result in results.items():
        o = result["overall"]
        rows.append({"tool": tool, "split": split, "articles": articles, "gold": o["n_gold"], "predicted": o["n_pred"],
                     **{k: round(float(o[k]), 3) for k in PUBLISHED_COLUMNS[5:11]}, "measured": today,
                     "command": command})
    return pd.DataFrame(rows, columns=PUBLISHED_COLUMNS)


def published_figures(path: str | Path = PUBLISHED) -> pd.DataFrame:
    """The dev figures shipped with the package (liveblogs and textacy on the same 84 PolNeAR dev
    articles), as measured by the command in each row; ``tests/test_polnear_accuracy.py`` checks the
    liveblogs row against a fresh run wherever the corpus is present, so the table cannot go stale."""
    table = pd.read_csv(path, dtype={"tool": "string", "split": "string", "measured": "string", "command": "string"})
    return table[PUBLISHED_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liveblogs.evaluation.evaluate_polnear", description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split (default dev)")
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="PolNeAR folder (default ../shared/polnear)")
    parser.add_argument("--textacy", action="store_true", help="also score textacy's direct_quotations")
    parser.add_argument("--chunk", type=int, default=None,
                        help="load the articles this many at a time (train: 105 took 2 minutes here)")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each tool")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--turns", action="store_true", help="also score transcript turns (their own gold: see above)")
    parser.add_argument("--save", metavar="CSV", help="also write the figures as CSV (dev with --textacy: the "
                        "package's published table, src/liveblogs/evaluation/published/polnear_dev.csv)")
    args = parser.parse_args(argv)
    texts, gold, neutral = load_split(args.split, args.root)
    found = liveblogs_quotes(args.split, args.root, texts, args.chunk, turns=True)
    results = {"liveblogs": score(marked(found), gold, neutral, texts)}
    if args.textacy:
        results["textacy"] = score(textacy_quotes(texts), gold, neutral, texts)
    if args.save:
        command = "python -m liveblogs.evaluation.evaluate_polnear " + " ".join(
            a for a in (argv if argv is not None else sys.argv[1:])
            if a not in ("--save", args.save) and not a.startswith("--save="))
        result_rows(results, args.split, len(texts), command.strip()).to_csv(args.save, index=False)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    print(f"PolNeAR {args.split}: {len(texts)} articles, {len(gold)} gold direct quotations")
    for label, result in results.items():
        print(format_result(label, result))
    if args.turns:
        turns = gold_turns(args.split, args.root)
        result = score_turns(found, turns, texts)
        annotated = score_turns(found[found["article"].isin(set(turns["article"]))], turns, texts)
        print(f"transcript turns: {len(turns)} gold in {turns['article'].nunique()} articles")
        print(format_result("liveblogs", result))
        print(format_result("(annotated", annotated) + "  <- only articles whose annotators marked turns)")
        results["turns"] = result
    for label, result in results.items():
        for e in result["errors"][:args.errors]:
            print(f"  {label} [{e['type']}] {e['article']}@{e['start']} {e['quote']!r}: gold={e['gold']!r} "
                  f"pred={e['pred']!r} ({e['how']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
