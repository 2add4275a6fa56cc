"""CPU time of every corpus stage, in the order the snapshot builds them, at several corpus sizes.

    python benchmarks/stage_growth.py 100 400 840 [--repeat 1] [--gc-freeze] [--src OTHER/src] [--recombined | --mixed]

First N PolNeAR train articles (``--recombined``: the N-article recombined PolNeAR corpus of
``corpora.py --polnear``, any N; ``--mixed``: half of it recombined live blogs, ``corpora.py --mixed``), cache off, one fresh process per size and run; prints per stage
the CPU s (min over runs) and µs per word, how the µs per word changes with N (a stage whose µs per
word rises with N is super-linear), peak RSS per article, and the pairs the stories stage compared.
"""
import json, statistics, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "polnear" / "train" / "text"
STAGES = ("load", "per_article_map", "quotes_speakers", "speaker_names", "speakers", "posts", "tokens",
          "story_links", "stories", "coverage_timing", "frames")


def worker(n: int, freeze: bool, src: str = str(ROOT / "src"), folder: str = "") -> dict:
    import gc
    import resource
    sys.path.insert(0, src)
    from liveblogs.assemble.corpus import load_corpus
    from liveblogs.compare import stories
    files = Path(folder) if folder else sorted(POLNEAR.glob("*.txt"))[:n]
    compared, kept = [], []
    similar_texts = stories._Vectors.similar_texts

    def counted(self, *args, **kwargs):
        found = similar_texts(self, *args, **kwargs)
        compared.append(getattr(self, "pairs_compared", len(self.matrix) * (len(self.matrix) + 1) // 2))
        kept.append(getattr(self, "pairs_kept", len(found)))
        return found

    stories._Vectors.similar_texts = counted
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {}
    t = time.process_time()
    corpus = load_corpus(files, cache=False)
    out["load"] = time.process_time() - t
    if freeze:
        gc.freeze()
    steps = {
        "per_article_map": lambda: corpus._per_article, "quotes_speakers": lambda: corpus.quotes,
        "speaker_names": lambda: corpus.speaker_names, "speakers": lambda: corpus.speakers,
        "posts": lambda: corpus.posts, "tokens": lambda: corpus.tokens, "story_links": lambda: corpus.story_links,
        "stories": lambda: corpus.stories, "coverage_timing": lambda: corpus.coverage_timing(),
        "frames": lambda: (corpus.frames(), corpus.post_times, corpus.cross_reference_links, corpus.event_times),
    }
    for name, step in steps.items():
        t = time.process_time()
        step()
        out[name] = time.process_time() - t
        out[f"peak_after_{name}_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["words"] = sum(len(t.split()) for t in corpus.texts.values())
    out["articles"] = len(corpus.articles)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["rss_before_mb"] = rss_before / 1024
    out["text_pairs_compared"] = sum(compared)
    out["text_pairs_kept"] = sum(kept)
    out["n_story_links"] = len(corpus.story_links)
    return out


def main() -> None:
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--gc-freeze", action="store_true")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the src/ folder of the tree to measure")
    parser.add_argument("--recombined", action="store_true", help="the recombined PolNeAR corpus of N articles")
    parser.add_argument("--mixed", action="store_true",
                        help="the mixed corpus of N articles: recombined PolNeAR news and recombined live blogs")
    parser.add_argument("--season", action="store_true",
                        help="with --recombined or --mixed: dates spread in proportion to N (the articles per day of 1,000)")
    a = parser.parse_args()
    folders = {}
    if a.recombined or a.mixed:
        sys.path.insert(0, str(Path(__file__).parent))
        import corpora
        build = corpora.build_mixed if a.mixed else corpora.build_polnear
        folders = {n: str(build(n, season=a.season)) for n in a.sizes}
    sizes, repeat, freeze = a.sizes, a.repeat, a.gc_freeze
    runs = {n: [] for n in sizes}
    for _ in range(repeat):
        for n in sizes:
            code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import stage_growth, json; " \
                   f"print(json.dumps(stage_growth.worker({n}, {freeze}, {a.src!r}, {folders.get(n, '')!r})))"
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  env={"LIVEBLOGS_CACHE": "", "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})
            runs[n].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print("| stage | " + " | ".join(f"N={n} CPU s min / median (µs/word)" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for stage in STAGES + ("total",):
        cells = []
        for n in sizes:
            vals = [sum(r[s] for s in STAGES) if stage == "total" else r[stage] for r in runs[n]]
            words = runs[n][0]["words"]
            cells.append(f"{min(vals):.2f} / {statistics.median(vals):.2f} ({1e6 * min(vals) / words:.1f})")
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print("words: " + ", ".join(f"N={n}: {runs[n][0]['words']}" for n in sizes))
    for n in sizes:  # where the peak was reached: the first stage after which it stood at its final height
        r = runs[n][0]
        rises = [f"{s} {r[f'peak_after_{s}_mb'] - r['rss_before_mb']:.0f}" for s in STAGES if f"peak_after_{s}_mb" in r]
        print(f"N={n}: peak RSS above the start after each stage (MB, first round): " + ", ".join(rises))
    for n in sizes:
        peak = min(r["peak_rss_mb"] - r["rss_before_mb"] for r in runs[n])
        print(f"N={n}: peak RSS above the start {peak:.0f} MB ({peak / runs[n][0]['articles']:.2f} MB/article), "
              f"total peak {min(r['peak_rss_mb'] for r in runs[n]):.0f} MB; text pairs compared "
              f"{runs[n][0]['text_pairs_compared']:,}; kept {runs[n][0].get('text_pairs_kept', 0):,}; story links {runs[n][0]['n_story_links']:,}")


if __name__ == "__main__":
    main()
