"""Same input, same frames: nothing may depend on Python's per-process hash seed (set order)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

SCRIPT = """
import hashlib, liveblogs
corpus = liveblogs.load_corpus(cache=False)
for name in ("posts", "quotes", "speakers", "speaker_names", "time_references", "event_times", "stories"):
    frame = getattr(corpus, name)
    print(name, hashlib.sha256(frame.astype(str).to_csv().encode()).hexdigest())
"""


def frames_digest(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
    return result.stdout


def test_frames_do_not_depend_on_the_hash_seed() -> None:
    digests = {seed: frames_digest(seed) for seed in ("1", "2", "3")}
    assert digests["1"] == digests["2"] == digests["3"], digests
