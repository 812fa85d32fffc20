"""Timing for the linear-time tests: the CPU time of this process, garbage collection off.

CPU time, not wall time: under pytest-xdist another worker shares the machine, and a wall
clock would count its work too. Never compare with an absolute time: only a ratio of two runs
of the same code, measured here, means anything.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

Run = Callable[[], object]
MIN_SECONDS = 0.3  # the 10n run must take at least this long to be timed
MAX_RATIO = 20.0  # a linear parser's 10n run takes about 10 times its n run (a quadratic one 100)


def seconds(run: Run, *, refused: tuple[type[BaseException], ...] = ()) -> float:
    """The CPU seconds ``run()`` takes; an exception in ``refused`` is an answer too."""
    enabled = gc.isenabled()
    gc.disable()
    start = time.process_time()
    try:
        run()
    except refused:
        pass
    finally:
        elapsed = time.process_time() - start
        if enabled:
            gc.enable()
    return elapsed


def assert_linear(
    make: Callable[[int], Run], n: int, *, refused: tuple[type[BaseException], ...] = ()
) -> None:
    """``make(n)`` returns a call on an input of size n, built before it is timed. n grows
    until the 10n run takes MIN_SECONDS; then the best of three runs at n and of up to five at
    10n (the test workers share the cores, and a busy neighbour slows a run down) must be at
    most MAX_RATIO apart."""
    while (large := seconds(make(10 * n), refused=refused)) < MIN_SECONDS:
        n = max(n + 1, int(n * MIN_SECONDS * 1.25 / max(large, 1e-4)))
    small_run = make(n)
    small = min(seconds(small_run, refused=refused) for _ in range(3))
    large_run = make(10 * n)
    for _ in range(4):  # best of 5 (the first above); stop once the ratio is met
        if large / small <= MAX_RATIO:
            break
        large = min(large, seconds(large_run, refused=refused))
    assert large / small <= MAX_RATIO, f"n={n}: {small:.4f}s, 10n: {large:.4f}s"
