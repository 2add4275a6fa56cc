"""Measuring how work grows with input size without failing on a loaded machine.

A run's CPU time only ever grows when other work shares the machine, so the least of several
runs is the best estimate of its cost. ``cpu_ratio`` takes the best of ``repeats`` runs at both
sizes; when the ratio is over the limit it measures again (up to ``rounds`` times), keeping the
least time seen at each size, before it gives its answer. Super-linear work stays over the
limit however often it is measured; a run slowed by a neighbour does not.
"""

from __future__ import annotations

import time
from typing import Callable

FLOOR = 1e-3  # seconds: a run too fast to time is fast enough


def best_cpu(run: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time (``time.process_time``) of ``repeats`` calls of ``run``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def cpu_ratio(small: Callable[[], object], large: Callable[[], object], limit: float,
              repeats: int = 3, rounds: int = 3) -> float:
    """Best CPU time of ``large`` over best CPU time of ``small`` (floored at ``FLOOR``), measured
    again while it is at or over ``limit``, at most ``rounds`` times."""
    t_small = t_large = float("inf")
    ratio = float("inf")
    for _ in range(rounds):
        t_small = min(t_small, best_cpu(small, repeats))
        t_large = min(t_large, best_cpu(large, repeats))
        ratio = t_large / max(t_small, FLOOR)
        if ratio < limit:
            break
    return ratio
