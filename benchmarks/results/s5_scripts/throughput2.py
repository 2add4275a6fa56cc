import json, subprocess, sys, statistics
code = r'''
import sys, time, gc, json
sys.path.insert(0, "/work/wt-speed2/benchmarks")
from pathlib import Path
import liveblogs
from snapshot import all_frames
n = int(sys.argv[1])
files = sorted(Path('/work/shared/polnear/train/text').glob('*.txt'))[:n]
liveblogs.load_corpus(cache=False).quotes
words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
t = time.process_time()
c = liveblogs.load_corpus(files, cache=False)
t0 = time.process_time(); c.paragraphs; per_article = time.process_time() - t0
all_frames(c)
cpu = time.process_time() - t
print(json.dumps({"cpu": cpu, "per_article_map": per_article, "words": words}))
'''
trees = {"round1": "/tmp/speed2/base22/src", "round2": "/work/wt-speed2/src"}  # round1: git archive 22fd138 src data
out = {}
for n in map(int, sys.argv[1:]):
    for r in range(3):
        for name, src in trees.items():
            res = subprocess.run([sys.executable, "-c", code, str(n)], env={"PYTHONPATH": src, "LIVEBLOGS_CACHE": "/tmp/speed2-cache", "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
            if res.returncode: print(res.stderr[-1500:]); sys.exit(1)
            out.setdefault((name, n), []).append(json.loads(res.stdout.strip().splitlines()[-1]))
for (name, n), runs in out.items():
    cpus = [r["cpu"] for r in runs]; maps = [r["per_article_map"] for r in runs]; w = runs[0]["words"]
    print(f"{name} n={n} words={w} cpu_min={min(cpus):.2f} cpu_median={statistics.median(cpus):.2f} words_per_cpu_s(best)={w/min(cpus):,.0f} (median)={w/statistics.median(cpus):,.0f} map_min={min(maps):.2f} map_median={statistics.median(maps):.2f}")
