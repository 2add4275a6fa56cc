"""Sweep one tuned constant and score who-said-what on PolNeAR dev at each value (cache off).

    python benchmarks/sweep.py liveblogs.quotes.attribution._HISTORY 10 30 60 120 [--split dev]

Sets the module attribute to each value in turn (ints or floats as written), re-runs liveblogs
on every article of the split with the cache off, and prints the scorer's line for each value;
the constant's comment in the source then cites the figures. Never run on the held-back test split.
"""

from __future__ import annotations

import argparse
import functools
import importlib

from common import ROOT  # noqa: F401  (puts src/ on the path in a bare checkout)

import liveblogs
from liveblogs.evaluation import evaluate_polnear as ep


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("constant", help="module.path.NAME")
    parser.add_argument("values", nargs="+")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--root", default=str(ep.DEFAULT_ROOT))
    args = parser.parse_args(argv)
    module_name, name = args.constant.rsplit(".", 1)
    module = importlib.import_module(module_name)
    liveblogs.load_corpus = functools.partial(liveblogs.load_corpus, cache=False)
    texts, gold, neutral = ep.load_split(args.split, args.root)
    for raw in args.values:
        setattr(module, name, float(raw) if "." in raw else int(raw))
        pred = ep.liveblogs_quotes(args.split, args.root, texts)
        print(f"{name}={raw}", ep.format_result("liveblogs", ep.score(pred, gold, neutral, texts, per_article=False)),
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
