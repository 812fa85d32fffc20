"""Target 1: ``chair-tui --demo`` to its first full frame, against a bare Textual app, both
timed from outside the process (``harness.first_frame``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.harness import HERE, PYTHON, ROOT, Sample, child_env, first_frame, fresh_dir, median
from benchmarks.report import Row

LIMIT_TIME = 1.25
LIMIT_MEMORY = 1.3
SCRIPT = Path(PYTHON).parent / "chair-tui"  # the console script pip wrote into the venv
BARE = [PYTHON, str(HERE / "bare_app.py")]


def chair_tui() -> list[str]:
    """How a user starts chair-tui: the console script, or ``python -m`` without one."""
    return [str(SCRIPT)] if SCRIPT.exists() else [PYTHON, "-m", "chair_tui"]


def paired(
    baseline: Callable[[], Sample], measured: Callable[[], Sample], runs: int, warmup: int = 1
) -> list[tuple[Sample, Sample]]:
    """``runs`` pairs (baseline, measured) after ``warmup`` unmeasured pairs; the pairs
    alternate which one runs first, so that neither always follows the other."""
    for _ in range(warmup):
        baseline()
        measured()
    pairs = []
    for i in range(runs):
        if i % 2 == 0:
            b = baseline()
            m = measured()
        else:
            m = measured()
            b = baseline()
        pairs.append((b, m))
    return pairs


def ratio_rows(
    name: str,
    pairs: Sequence[tuple[Sample, Sample]],
    baseline_name: str,
    limit_time: float | None,
    limit_memory: float | None,
) -> list[Row]:
    """The median of the pairwise time ratios, and of the peak memory ratios."""
    time_ratio = median([m.wall_ms / b.wall_ms for b, m in pairs])
    memory_ratio = median([m.maxrss_mb / b.maxrss_mb for b, m in pairs])
    base_ms = median([b.wall_ms for b, _ in pairs])
    ms = median([m.wall_ms for _, m in pairs])
    base_mb = median([b.maxrss_mb for b, _ in pairs])
    mb = median([m.maxrss_mb for _, m in pairs])
    return [
        Row(name, time_ratio, limit_time, f"{baseline_name} {base_ms:.0f} ms", f"{ms:.0f} ms"),
        Row(
            f"{name.split(' ', 1)[0]}   peak memory (ru_maxrss)",
            memory_ratio,
            limit_memory,
            f"{baseline_name} {base_mb:.1f} MiB",
            f"{mb:.1f} MiB",
        ),
    ]


def bench_startup(tmp: Path, runs: int) -> list[Row]:
    env = child_env(tmp)

    def bare() -> Sample:
        return first_frame(BARE, env=env, cwd=ROOT)

    def demo() -> Sample:
        data = fresh_dir(tmp, "demo-data")
        return first_frame([*chair_tui(), "--demo", "--data-dir", str(data)], env=env, cwd=ROOT)

    pairs = paired(bare, demo, runs)
    return ratio_rows(
        "1 start-up: --demo to first frame", pairs, "bare app", LIMIT_TIME, LIMIT_MEMORY
    )
