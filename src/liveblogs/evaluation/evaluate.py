"""Score quotation extraction and attribution against a hand-labelled gold file.

    python -m liveblogs.evaluate [--corpus PATH --gold PATH] [--json]
    python -m liveblogs.evaluate --all      # every hand-labelled set, one row each
    python -m liveblogs.evaluation.evaluate --all --save src/liveblogs/evaluation/published/hand_labelled.csv

* Quote spans: a predicted span matches a gold span when, after stripping whitespace and
  punctuation at both edges, their character overlap / union is at least 0.9; matching is
  one-to-one (best overlap first). Precision, recall and F1 over spans.
* Speaker accuracy on matched spans: names compared case-, accent- and punctuation-insensitively
  (function words such as "the", "of", "between" ignored, so "the Kremlin" = "Kremlin"); a
  predicted name also matches when the speakers frame lists the gold name as one of its aliases.
* Who-said-what: a prediction is right when its span matches and its speaker is right; F1 over
  those pairs.
* The gold files label quotations in marks; transcript turns (``kind`` ``turn``, the unmarked words
  after a speaker's label) are not in them and are scored on their own
  (``python -m liveblogs.evaluation.evaluate_polnear --turns``).

All figures overall and per article, plus the list of errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from ..config import PROJECT_DIR
from ..quotes.speakers import fold
from ..quotes.voices import marked

__all__ = ["score", "load_gold", "accuracy_table", "main", "DEFAULT_GOLD", "GOLD_SET_ROLES"]

FIXTURES = PROJECT_DIR / "tests" / "fixtures"
DEFAULT_GOLD = FIXTURES / "quotes_gold.jsonl"
# Every hand-labelled set and what it may tell: the rules were written reading the in-sample set,
# tuned on the development sets one after the other, and have never been tuned on the blind one.
GOLD_SET_ROLES = {
    "bundled": "in-sample", "heldout": "development", "heldout2": "development",
    "heldout3": "development", "heldout4": "development", "heldout5": "blind",
}
_EDGE = " \t\r\n.,;:!?\"'“”‘’«»()[]–—-…"
MATCH_THRESHOLD = 0.9  # the scorer's definition (overlap/union of trimmed spans), not tuned to any output


def load_gold(path: str | Path = DEFAULT_GOLD) -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        return pd.DataFrame([json.loads(line) for line in fh if line.strip()])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else float(a == b)


def _aliases(speakers: pd.DataFrame | None) -> dict[str, set[str]]:
    """Folded canonical name → folded aliases, from the speakers frame."""
    table: dict[str, set[str]] = {}
    if speakers is None or speakers.empty:
        return table
    for name, aliases in zip(speakers["name"], speakers["aliases"]):
        key = fold(name)
        table.setdefault(key, {key})
        for a in aliases if isinstance(aliases, (list, tuple, set)) else str(aliases).split("|"):
            table[key].add(fold(a))
    return table


def speaker_matches(pred: object, gold: object, aliases: dict[str, set[str]]) -> bool:
    """Same speaker: equal names (case, accents, punctuation and small words aside), a listed alias,
    or both null (the gold says nobody speaks, and the prediction names nobody)."""
    if not isinstance(pred, str) or not isinstance(gold, str):
        return not isinstance(pred, str) and not isinstance(gold, str)
    p, g = fold(pred), fold(gold)
    return p == g or g in aliases.get(p, set())


def _spans_of(frame: pd.DataFrame, texts: dict[str, str] | None) -> list[tuple[int, int]]:
    out = []
    for art, s, e in zip(frame["article"], frame["start"], frame["end"]):
        s, e = int(s), int(e)
        out.append(_trim(texts[art], s, e) if texts and art in texts else (s, e))
    return out


def _match(pred: pd.DataFrame, gold: pd.DataFrame, texts) -> list[tuple[int, int]]:
    """One-to-one matches (pred index, gold index) by best overlap, per article."""
    pairs = []
    for art in sorted(set(gold["article"]) | set(pred["article"])):
        p = pred[pred["article"] == art]
        g = gold[gold["article"] == art]
        ps, gs = _spans_of(p, texts), _spans_of(g, texts)
        candidates = []
        for i, a in zip(p.index, ps):
            for j, b in zip(g.index, gs):
                if a[1] > b[0] and b[1] > a[0] or a == b:
                    ov = _overlap(a, b)
                    if ov >= MATCH_THRESHOLD:
                        candidates.append((ov, i, j))
        used_p, used_g = set(), set()
        for ov, i, j in sorted(candidates, key=lambda c: -c[0]):
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((i, j))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(pred: pd.DataFrame, gold: pd.DataFrame, speakers: pd.DataFrame | None = None,
          texts: dict[str, str] | None = None) -> dict:
    """Span P/R/F1, speaker accuracy on matched spans and who-said-what F1, overall and per article.

    ``texts`` (article → text) lets span edges be trimmed of whitespace and punctuation; without
    it the offsets are compared as they are.
    """
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    aliases = _aliases(speakers)
    pairs = _match(pred, gold, texts)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    right = {(i, j) for i, j in pairs if speaker_matches(pred.at[i, "speaker"], gold.at[j, "speaker"], aliases)}

    def block(arts: set[str] | None) -> dict:
        keep_p = pred.index if arts is None else pred.index[pred["article"].isin(arts)]
        keep_g = gold.index if arts is None else gold.index[gold["article"].isin(arts)]
        kp, kg = set(keep_p), set(keep_g)
        sub_pairs = [(i, j) for i, j in pairs if i in kp and j in kg]
        sub_right = [(i, j) for i, j in right if i in kp and j in kg]
        spans = _prf(len(sub_pairs), len(kp), len(kg))
        who = _prf(len(sub_right), len(kp), len(kg))
        return {
            "n_pred": len(kp), "n_gold": len(kg), "matched": len(sub_pairs),
            "span_precision": spans["precision"], "span_recall": spans["recall"], "span_f1": spans["f1"],
            "speaker_accuracy": len(sub_right) / len(sub_pairs) if sub_pairs else 1.0,
            "who_said_what_f1": who["f1"], "who_said_what_precision": who["precision"],
            "who_said_what_recall": who["recall"],
        }

    errors = []
    for i, j in pairs:
        if (i, j) not in right:
            errors.append({"type": "speaker", "article": gold.at[j, "article"], "start": int(gold.at[j, "start"]),
                           "quote": str(gold.at[j, "quote"])[:70], "gold": gold.at[j, "speaker"],
                           "pred": pred.at[i, "speaker"],
                           "attribution": str(pred.at[i, "attribution"]) if "attribution" in pred else None})
    for j in gold.index.difference(list(matched_g)):
        errors.append({"type": "missed", "article": gold.at[j, "article"], "start": int(gold.at[j, "start"]),
                       "quote": str(gold.at[j, "quote"])[:70], "gold": gold.at[j, "speaker"], "pred": None})
    for i in pred.index.difference(list(matched_p)):
        errors.append({"type": "spurious", "article": pred.at[i, "article"], "start": int(pred.at[i, "start"]),
                       "quote": str(pred.at[i, "quote"])[:70] if "quote" in pred else "", "gold": None,
                       "pred": pred.at[i, "speaker"]})
    kind = None
    if "kind" in pred and "kind" in gold and pairs:
        kind = sum(str(pred.at[i, "kind"]) == str(gold.at[j, "kind"]) for i, j in pairs) / len(pairs)
    return {
        "overall": block(None),
        "per_article": {a: block({a}) for a in sorted(set(gold["article"]))},
        "kind_accuracy": kind,
        "errors": errors,
    }


def format_result(result: dict) -> str:
    lines = []

    def row(label: str, b: dict) -> str:
        return (f"{label:<24} spans P {b['span_precision']:.3f} R {b['span_recall']:.3f} F1 {b['span_f1']:.3f}"
                f" | speaker acc {b['speaker_accuracy']:.3f} | who-said-what F1 {b['who_said_what_f1']:.3f}"
                f" ({b['matched']}/{b['n_gold']} matched, {b['n_pred']} predicted)")

    lines.append(row("overall", result["overall"]))
    for art, b in result["per_article"].items():
        lines.append(row(art, b))
    if result.get("kind_accuracy") is not None:
        lines.append(f"kind accuracy on matched spans: {result['kind_accuracy']:.3f}")
    lines.append(f"errors: {len(result['errors'])}")
    for e in result["errors"]:
        lines.append(f"  [{e['type']}] {e['article']}@{e['start']} {e['quote']!r}: gold={e['gold']!r} pred={e['pred']!r}")
    return "\n".join(lines)


def accuracy_table(roles: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per hand-labelled set (``GOLD_SET_ROLES``): its role, size and the headline figures.

    The sets live in the repository's ``tests/fixtures/``; outside a checkout this is an error
    naming the folder."""
    import liveblogs

    if not FIXTURES.is_dir():
        raise FileNotFoundError(f"{FIXTURES}: the hand-labelled sets come with the repository, not the package")
    rows = []
    for name, role in (roles or GOLD_SET_ROLES).items():
        folder = None if name == "bundled" else FIXTURES / name
        corpus = liveblogs.load_corpus(folder)
        gold = load_gold(DEFAULT_GOLD if folder is None else folder / "quotes_gold.jsonl")
        result = score(marked(corpus.quotes), gold, corpus.speaker_outlets, corpus.texts)
        overall = result["overall"]
        rows.append({
            "gold_set": name, "role": role, "articles": len(corpus.articles), "quotes": len(gold),
            "span_f1": round(overall["span_f1"], 3), "speaker_accuracy": round(overall["speaker_accuracy"], 3),
            "who_said_what_f1": round(overall["who_said_what_f1"], 3),
            "kind_accuracy": round(result["kind_accuracy"], 3) if result.get("kind_accuracy") is not None else None,
        })
    return pd.DataFrame(rows)


PUBLISHED_ACCURACY = Path(__file__).with_name("published") / "hand_labelled.csv"
ACCURACY_COLUMNS = ["gold_set", "role", "articles", "quotes", "span_f1", "speaker_accuracy", "who_said_what_f1",
                    "kind_accuracy"]


def published_accuracy(path: str | Path = PUBLISHED_ACCURACY) -> pd.DataFrame:
    """The hand-labelled sets' figures shipped with the package (what :func:`accuracy_table` measured,
    saved by ``python -m liveblogs.evaluation.evaluate --all --save``); notebook 02 shows them, and
    ``tests/test_quotes_accuracy.py`` checks them against a fresh run, so the table cannot go stale."""
    table = pd.read_csv(path, dtype={"gold_set": "string", "role": "string"})
    return table[ACCURACY_COLUMNS]


def scorer_parser(module: str, doc: str, gold: Path, all_help: str) -> argparse.ArgumentParser:
    """The arguments every hand-labelled-set scorer takes: --gold, --json and --all."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    parser.add_argument("--gold", default=str(gold), help="gold JSONL file (default: the bundled fixture)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--all", action="store_true", help=all_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = scorer_parser("liveblogs.evaluation.evaluate", __doc__, DEFAULT_GOLD,
                           "one row per hand-labelled set (GOLD_SET_ROLES)")
    parser.add_argument("--corpus", default=None, help="articles to score (folder, manifest or file; default: bundled)")
    parser.add_argument("--save", metavar="CSV", help="with --all, also write the table as CSV (the package's "
                        "published table: src/liveblogs/evaluation/published/hand_labelled.csv)")
    args = parser.parse_args(argv)
    if args.all:
        table = accuracy_table()
        print(table.to_string(index=False))
        if args.save:
            table.to_csv(args.save, index=False)
        return 0
    import liveblogs

    corpus = liveblogs.load_corpus(args.corpus)
    result = score(marked(corpus.quotes), load_gold(args.gold), corpus.speaker_outlets, corpus.texts)
    print(json.dumps(result, indent=2, default=str) if args.json else format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
