import sys, time, statistics, shutil
from pathlib import Path
import liveblogs
n = int(sys.argv[1]); cache = Path(sys.argv[2])
files = sorted(Path('/work/shared/polnear/train/text').glob('*.txt'))[:n]
names = ["paragraphs", "units", "sentences", "posts", "time_references", "post_times", "cross_reference_links", "event_times", "quotes", "speakers", "speaker_names", "speaker_outlets", "story_links", "stories"]
c = liveblogs.load_corpus(files, cache=cache)
for x in names: getattr(c, x)
runs = []
for r in range(3):
    t = time.process_time(); c = liveblogs.load_corpus(files, cache=cache)
    for x in names: getattr(c, x)
    runs.append(time.process_time() - t)
print(f"reopen n={n} cpu_min={min(runs):.3f} median={statistics.median(runs):.3f}")
