"""Side-by-side sentence segmenters: boundary accuracy against the gold fixture and speed.

Run:  python benchmarks/segmenters.py [--target-mb 1.0] [--repeat 3]

Accuracy: every segmenter gets the same paragraphs (grouped from tests/fixtures/sentences_gold.jsonl:
consecutive gold sentences share a paragraph unless a newline separates them). A boundary is a
sentence end offset; "inner" boundaries leave out paragraph ends, which every segmenter gets for free.
Rule cases: the sentence rules of the brief (abbreviations, initials, decimals, quotes, wraps), one
paragraph each, counted as passed when the sentences match exactly.
Speed: the bundled articles repeated to about ``--target-mb`` of text, same paragraphs, best of
``--repeat`` runs, whitespace-delimited words per second. Models are loaded before timing.

Third-party segmenters get each paragraph with newlines replaced by spaces (same length, so offsets
stay valid): hard-wrap newlines are spaces by contract, and syntok/pysbd/spaCy otherwise treat
"\n\n" as a break. Results: benchmarks/results/segmenters.csv.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("liveblogs") is None:
    sys.path.insert(0, str(ROOT / "src"))

from liveblogs.text.segment import sentence_spans  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "sentences_gold.jsonl"
ARTICLES = ROOT / "data" / "articles"
RESULTS = ROOT / "benchmarks" / "results" / "segmenters.csv"

Span = tuple[int, int]
Segmenter = Callable[[str, list[Span]], list[Span]]


# --------------------------------------------------------------------------- data


def load_gold() -> dict[str, tuple[str, list[Span], list[Span]]]:
    """Per article: text, paragraph spans, gold sentence spans."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, tuple[str, list[Span], list[Span]]] = {}
    for article in sorted({r["article"] for r in rows}):
        text = (ARTICLES / f"{article}.txt").read_text(encoding="utf-8-sig")
        sentences = [(r["start"], r["end"]) for r in rows if r["article"] == article]
        paragraphs: list[list[int]] = []
        for start, end in sentences:
            if paragraphs and "\n" not in text[paragraphs[-1][1] : start]:
                paragraphs[-1][1] = end
            else:
                paragraphs.append([start, end])
        out[article] = (text, [(a, b) for a, b in paragraphs], sentences)
    return out


def speed_corpus(gold: dict[str, tuple[str, list[Span], list[Span]]], target: int) -> tuple[str, list[Span]]:
    """The articles repeated (blank line between copies) to about ``target`` characters, with paragraphs."""
    parts: list[str] = []
    paragraphs: list[Span] = []
    offset = 0
    while offset < target:
        for text, paras, _ in gold.values():
            parts.append(text + "\n\n")
            paragraphs.extend((a + offset, b + offset) for a, b in paras)
            offset += len(text) + 2
    return "".join(parts), paragraphs


def flat(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with newlines as spaces (same length)."""
    return text[start:end].replace("\n", " ").replace("\r", " ")


def stripped(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without surrounding whitespace."""
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


# --------------------------------------------------------------------------- segmenters


def run_ours() -> Segmenter:
    """liveblogs.text.segment.sentence_spans, paragraph by paragraph on the original text."""

    def run(text: str, paragraphs: list[Span]) -> list[Span]:
        return [span for a, b in paragraphs for span in sentence_spans(text, a, b)]

    return run


def run_syntok() -> Segmenter:
    """syntok.segmenter.analyze on each flattened paragraph; spans from token offsets."""
    from syntok import segmenter

    def run(text: str, paragraphs: list[Span]) -> list[Span]:
        out: list[Span] = []
        for a, b in paragraphs:
            for para in segmenter.analyze(flat(text, a, b)):
                out.extend((a + s[0].offset, a + s[-1].offset + len(s[-1].value)) for s in para if s)
        return out

    return run


def run_pysbd() -> Segmenter:
    """pysbd.Segmenter(clean=False, char_span=True) on each flattened paragraph."""
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def run(text: str, paragraphs: list[Span]) -> list[Span]:
        return [
            stripped(text, a + s.start, a + s.end) for a, b in paragraphs for s in seg.segment(flat(text, a, b))
        ]

    return run


def run_blingfire() -> Segmenter:
    """blingfire.text_to_sentences_and_offsets on each flattened paragraph."""
    import blingfire

    def run(text: str, paragraphs: list[Span]) -> list[Span]:
        out: list[Span] = []
        for a, b in paragraphs:
            _, offsets = blingfire.text_to_sentences_and_offsets(flat(text, a, b))
            out.extend(stripped(text, a + s, a + e) for s, e in offsets)
        return out

    return run


def run_spacy() -> Segmenter:
    """spaCy blank("en") + sentencizer, nlp.pipe over flattened paragraphs."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def run(text: str, paragraphs: list[Span]) -> list[Span]:
        docs = nlp.pipe(flat(text, a, b) for a, b in paragraphs)
        return [
            stripped(text, a + s.start_char, a + s.end_char) for (a, _), d in zip(paragraphs, docs) for s in d.sents
        ]

    return run


SEGMENTERS: dict[str, tuple[str, Callable[[], Segmenter]]] = {
    "liveblogs.text.segment": ("", run_ours),
    "syntok": ("syntok", run_syntok),
    "pysbd": ("pysbd", run_pysbd),
    "blingfire": ("blingfire", run_blingfire),
    "spacy blank+sentencizer": ("spacy", run_spacy),
}


# --------------------------------------------------------------------------- rule cases

# The sentence rules of the brief, one paragraph each, with the expected sentences. The gold
# articles contain few hard boundaries, so these show where each segmenter bends a rule.
RULE_CASES: list[str] = [  # " | " marks an expected boundary (it stands for one space)
    "Mr. Smith met Mrs. Jones and Dr. Brown at noon.",
    "Prof. Green met Gen. Black and Lt. Gray.",
    "Sen. Ward and Gov. Hale met Rep. Cole.",
    "The attacks of Sept. 11 changed everything.",
    "He lives at No. 10 with his cat.",
    "It was Russia vs. Ukraine at the table.",
    "Some allies, e.g. Poland, want more.",
    "The U.S. President spoke to the U.K. Prime Minister.",
    "They brought tanks, guns, etc. and more besides.",
    "J. K. Rowling wrote it.",
    "Donald J. Trump said so.",
    "North of $300bn, or 2.3% of GDP, at 8.06am.",
    "He paused... and then went on.",
    'He wants a lasting peace." | Next, the talks.',
    "He wants a lasting peace.” | Next, the talks.",
    "“I know him very well,” Trump said earlier. | “I think he would tell me if he didn’t.”",
    "He asked: “Is it over?” | Nobody knows.",
    "“Why?” he asked.",
    '- It was premature, but it should be held "fairly quickly";',
    "Putin ally boasts after phone call",
    "He told reporters at the White\n\nHouse that he trusts him.",
    "Trying to appease evil leads\n\nto disaster. | We have no choice.",
]


def rule_cases_passed(run: Segmenter) -> int:
    """How many RULE_CASES the segmenter gets exactly right."""
    passed = 0
    for case in RULE_CASES:
        paragraph, expected = case.replace(" | ", " "), case.split(" | ")
        text = "Intro.\n" + paragraph + "\nOutro."
        a = len("Intro.\n")
        passed += [text[s:e] for s, e in run(text, [(a, a + len(paragraph))])] == expected
    return passed


# --------------------------------------------------------------------------- scoring


def prf(predicted: set, gold: set) -> tuple[float, float, float]:
    """Precision, recall, F1 of two sets."""
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(run: Segmenter, gold: dict[str, tuple[str, list[Span], list[Span]]]) -> dict[str, float]:
    """Boundary precision/recall/F1 (all sentence ends, and inner ends only) against the gold."""
    pred_all: set[tuple[str, int]] = set()
    gold_all: set[tuple[str, int]] = set()
    pred_inner: set[tuple[str, int]] = set()
    gold_inner: set[tuple[str, int]] = set()
    n_pred = 0
    for article, (text, paragraphs, sentences) in gold.items():
        ends = {b for _, b in paragraphs}
        predicted = {e for s, e in run(text, paragraphs) if s < e}
        n_pred += len(predicted)
        pred_all |= {(article, e) for e in predicted}
        gold_all |= {(article, e) for _, e in sentences}
        pred_inner |= {(article, e) for e in predicted - ends}
        gold_inner |= {(article, e) for _, e in sentences if e not in ends}
    p, r, f = prf(pred_all, gold_all)
    ip, ir, inner_f = prf(pred_inner, gold_inner)
    return {
        "gold_sentences": len(gold_all),
        "predicted_sentences": n_pred,
        "boundary_precision": p,
        "boundary_recall": r,
        "boundary_f1": f,
        "inner_precision": ip,
        "inner_recall": ir,
        "inner_f1": inner_f,
    }


def best_time(run: Segmenter, text: str, paragraphs: list[Span], repeat: int) -> float:
    """Best wall-clock seconds of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run(text, paragraphs)
        best = min(best, time.perf_counter() - t0)
    return best


def version(dist: str) -> str:
    """Installed version of a distribution ("" for this package)."""
    return importlib.metadata.version(dist) if dist else "-"


# --------------------------------------------------------------------------- report


def table(rows: Iterable[dict]) -> str:
    """Markdown table of the results."""
    cols = ["segmenter", "boundary_precision", "boundary_recall", "boundary_f1", "inner_f1", "rule_cases_passed",
            "words_per_second"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        cells = [f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in cols[:-1]]
        cells.append(f"{row['words_per_second']:,.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[dict]:
    """Run every segmenter, write the CSV and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    gold = load_gold()
    big, big_paragraphs = speed_corpus(gold, int(args.target_mb * 1_000_000))
    words = len(big.split())
    rows: list[dict] = []
    for name, (dist, factory) in SEGMENTERS.items():
        run = factory()  # model / rule loading is not timed
        row: dict = {"segmenter": name, "version": version(dist)}
        row.update(score(run, gold))
        row["rule_cases_passed"] = f"{rule_cases_passed(run)}/{len(RULE_CASES)}"
        seconds = best_time(run, big, big_paragraphs, args.repeat)
        row.update(chars=len(big), words=words, seconds=round(seconds, 4), words_per_second=words / seconds)
        rows.append(row)
        print(f"done: {name} ({seconds:.2f} s)", file=sys.stderr)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()})
    print(table(rows))
    print(f"\n{len(big):,} chars, {words:,} words, best of {args.repeat}; written to {args.out}")
    return rows


if __name__ == "__main__":
    main()
