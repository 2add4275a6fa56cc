"""Same input, same frames: nothing may depend on Python's per-process hash seed (set order)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

TIE = Path(__file__).parent / "fixtures" / "hash_seed" / "recombined_headline_tie.txt"
SCRIPT = """
import hashlib, sys, liveblogs
corpus = liveblogs.load_corpus(sys.argv[1] or None, cache=False)
for name in ("posts", "quotes", "speakers", "speaker_names", "time_references", "event_times", "stories"):
    frame = getattr(corpus, name)
    print(name, hashlib.sha256(frame.astype(str).to_csv().encode()).hexdigest())
"""


def frames_digest(seed: str, source: str = "") -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, "-c", SCRIPT, source], capture_output=True, text=True, env=env, check=True)
    return result.stdout


@pytest.mark.parametrize(("source", "seeds"), [("", ("1", "2", "3")), (str(TIE), ("1", "4"))],
                         ids=["bundled", "headline-tie"])
def test_frames_do_not_depend_on_the_hash_seed(source: str, seeds: tuple[str, ...]) -> None:
    digests = {seed: frames_digest(seed, source) for seed in seeds}
    assert len(set(digests.values())) == 1, digests
