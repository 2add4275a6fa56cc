"""Train the speaker ranker (``src/liveblogs/quotes/speaker_ranker.json``) on PolNeAR train; select on dev.

    PYTHONPATH=src python benchmarks/train_speaker_ranker.py [--root ../shared/polnear] [--write]

1. Runs liveblogs (rules only, ``liveblogs.quotes.ranker.RECORD`` set) over the train and dev
   splits, 105 articles at a time, collecting every quotation's speaker candidates and features.
2. Labels each candidate of a quotation that matches a gold direct quotation with the PolNeAR
   scorer's own ``speaker_right`` (the mention overlaps the gold Source, or the name matches); a
   quotation outside every Content (a title, a scare quote: no attribution) is nobody's.
3. Fits an L2 logistic regression (scikit-learn, lbfgs: deterministic) on train only, pairwise:
   each right candidate of a quotation against each wrong one (the difference of their
   features, both ways round), for a few ``C``; picks ``C`` and the
   ``margin`` by which a candidate must beat the rules' answer by the speaker accuracy they give
   on dev (the test split is never read).
4. With ``--write``, writes the weights (rounded to 4 decimals) and a header saying where they
   come from as JSON. Inference (:mod:`liveblogs.quotes.ranker`) is a sum of weights.

Takes a few minutes on 2 cores (most of it the two liveblogs runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["LIVEBLOGS_RANKER"] = "1"

import liveblogs  # noqa: E402
from liveblogs.evaluation.evaluate import MATCH_THRESHOLD, _overlap, _trim  # noqa: E402
from liveblogs.evaluation.evaluate_polnear import DEFAULT_ROOT, load_split, speaker_right  # noqa: E402
from liveblogs.quotes import ranker  # noqa: E402
from liveblogs.text.document import MASK  # noqa: E402

CHUNK = 105
UNATTRIBUTED = False  # --unattributed: also learn from quotations outside every Content (nobody's)
CS = (0.03, 0.1, 0.3, 1.0)
MARGINS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0)


def _article_of(masked: str, by_length: dict[int, list[tuple[str, str]]]) -> str | None:
    for article, text in by_length.get(len(masked), ()):
        if all(m == t or m == MASK for m, t in zip(masked, text)):
            return article
    return None


def collect(split: str, root: Path) -> list[dict]:
    """One dict per quotation matched to a gold direct quotation: its candidates' features and labels."""
    texts, gold, neutral = load_split(split, root)
    files = sorted((root / split / "text").glob("*.txt"))
    ranker.RECORD = []
    try:
        for k in range(0, len(files), CHUNK):
            liveblogs.load_corpus(files[k : k + CHUNK], cache=False).quotes  # frames are computed on first use
        records = ranker.RECORD
    finally:
        ranker.RECORD = None
    by_length: dict[int, list[tuple[str, str]]] = {}
    for article, text in texts.items():
        by_length.setdefault(len(text), []).append((article, text))
    gold_by = {a: g for a, g in gold.groupby("article")}
    seen, out = set(), []
    for masked, (start, end), cands in records:
        article = _article_of(masked, by_length)
        if article is None or (article, start) in seen:
            continue
        seen.add((article, start))
        text = texts[article]
        span = _trim(text, start, end)
        g = gold_by.get(article, gold.iloc[:0])
        best = max(((_overlap(span, (int(s), int(e))), j) for j, s, e in zip(g.index, g["start"], g["end"])
                    if span[1] > s and e > span[0]), default=(0, None))
        if best[0] >= MATCH_THRESHOLD:
            row = g.loc[best[1]].to_dict()
        elif UNATTRIBUTED and best[1] is None and not any(span[1] > s and e > span[0] for s, e, _ in neutral.get(article, [])):
            row = {"sources": [], "names": []}  # outside every Content: the annotators attribute it to nobody
        else:
            continue  # a wrong span of a gold quotation, or inside a Content: no label
        labelled = []
        for name, mtext, ms, me, feats, is_answer in cands:
            pred = {"speaker": name, "speaker_mention": mtext, "mention_start": ms, "mention_end": me}
            labelled.append((feats, bool(speaker_right(pred, row)), is_answer))
        out.append({"article": article, "start": start, "cands": labelled, "gold": best[0] >= MATCH_THRESHOLD})
    return out


def choose(quote: dict, weights: dict, bias: float, margin: float) -> int | None:
    """The candidate the ranker would choose: :func:`liveblogs.quotes.ranker.decide` on its scores."""
    model = {"weights": weights, "bias": bias}
    scores = [ranker.score(model, feats) for feats, _, _ in quote["cands"]]
    answer = next((k for k, (_, _, a) in enumerate(quote["cands"]) if a), None)
    return ranker.decide(scores, answer, margin)


def accuracy(quotes: list[dict], weights: dict, bias: float, margin: float) -> float:
    right = 0
    for q in quotes:
        k = choose(q, weights, bias, margin)
        right += bool(k is not None and q["cands"][k][1])
    return right / max(1, len(quotes))


def fit(quotes: list[dict], c: float) -> tuple[dict, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # Pairwise (a ranking objective): each right candidate against each wrong one of the same
    # quotation, as the difference of their features, both ways round; no intercept.
    X, y = [], []
    for q in quotes:
        right = [Counter(f) for f, lab, _ in q["cands"] if lab]
        wrong = [Counter(f) for f, lab, _ in q["cands"] if not lab]
        for r in right:
            for w in wrong:
                diff = dict(r)
                diff.update({k: diff.get(k, 0) - v for k, v in w.items()})
                diff = {k: v for k, v in diff.items() if v}
                X.append(diff)
                y.append(1)
                X.append({k: -v for k, v in diff.items()})
                y.append(0)
    vec = DictVectorizer(sort=True)
    Xm = vec.fit_transform(X)
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", fit_intercept=False)
    model.fit(Xm, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-4}
    return weights, 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(DEFAULT_ROOT))
    parser.add_argument("--write", action="store_true", help=f"write {ranker.MODEL_PATH.name}")
    parser.add_argument("--unattributed", action="store_true",
                        help="also train on quotations outside every Content, as nobody's (tried: dev 0.859 against 0.865)")
    args = parser.parse_args(argv)
    global UNATTRIBUTED
    UNATTRIBUTED = args.unattributed
    root = Path(args.root)
    train, dev = collect("train", root), collect("dev", root)
    print(f"train: {len(train)} quotations ({sum(q['gold'] for q in train)} matched to gold, the others outside "
          f"every Content: nobody's); dev: {len(dev)} ({sum(q['gold'] for q in dev)})")
    base = {s: accuracy(d, {}, 0.0, 1e9) for s, d in (("train", train), ("dev", dev))}
    oracle = {s: sum(any(lab for _, lab, _ in q["cands"]) for q in d) / max(1, len(d)) for s, d in
              (("train", train), ("dev", dev))}
    print(f"rules' answer: train {base['train']:.4f} dev {base['dev']:.4f}; "
          f"oracle over candidates: train {oracle['train']:.4f} dev {oracle['dev']:.4f}")
    results = []
    for c in CS:
        weights, bias = fit(train, c)
        for margin in MARGINS:
            acc_dev = accuracy(dev, weights, bias, margin)
            acc_train = accuracy(train, weights, bias, margin)
            gold_dev = accuracy([q for q in dev if q["gold"]], weights, bias, margin)
            results.append((round(acc_dev, 4), margin, -c, c, margin, acc_train, weights, bias))  # ties: the larger margin, the smaller C
            print(f"C {c:<5} margin {margin:<4} train {acc_train:.4f} dev {acc_dev:.4f} "
                  f"(on gold quotations {gold_dev:.4f}; {len(weights)} weights)")
    acc_dev, _, _, c, margin, acc_train, weights, bias = max(results, key=lambda r: r[:3])
    print(f"chosen: C {c} margin {margin}: train {acc_train:.4f} dev {acc_dev:.4f}")
    if args.write:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        header = {
            "what": "liveblogs speaker ranker (issue 15): a linear model over candidate features; "
                    "see liveblogs.quotes.ranker",
            "trained_on": f"PolNeAR train split ({sum(q['gold'] for q in train)} quotations matched to gold direct "
                          f"quotations, {sum(not q['gold'] for q in train)} outside every Content, nobody's), "
                          "labels from evaluate_polnear.speaker_right",
            "selected_on": "PolNeAR dev (C and margin by speaker accuracy); the test split was never read",
            "commit": commit,
            "command": "PYTHONPATH=src python benchmarks/train_speaker_ranker.py --write",
            "trained": dt.date.today().isoformat(),
            "model": f"sklearn LogisticRegression(C={c}, solver='lbfgs'), weights rounded to 4 decimals",
            "speaker_accuracy_where_it_may_act": {"train": round(acc_train, 4), "dev": round(acc_dev, 4),
                                 "rules_train": round(base["train"], 4), "rules_dev": round(base["dev"], 4)},
        }
        model = {"header": header, "margin": margin, "bias": bias,
                 "weights": dict(sorted(weights.items()))}
        ranker.MODEL_PATH.write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {ranker.MODEL_PATH}")
    top = Counter({k: abs(v) for k, v in weights.items()}).most_common(15)
    print("largest weights:", ", ".join(f"{k} {weights[k]:+.2f}" for k, _ in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
