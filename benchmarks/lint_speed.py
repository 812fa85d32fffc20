"""Target 4: ``chair-tui check`` on a 100,000-line raw log, against one regex per line."""

from __future__ import annotations

from pathlib import Path

from benchmarks.cli_paths import entry_points
from benchmarks.fixtures import big_log
from benchmarks.harness import HERE, PYTHON, ROOT, child_env, interleaved, median, run
from benchmarks.report import Row

LIMIT = 4.0
LINES = 100_000


def bench_lint(tmp: Path, runs: int) -> list[Row]:
    log = big_log(tmp / "big.log.txt", LINES)
    env = child_env(tmp)
    chair_tui = next(iter(entry_points().values()))
    got = interleaved(
        {
            "regex": lambda: run([PYTHON, str(HERE / "regex_loop.py"), str(log)], env=env),
            "check": lambda: run([*chair_tui, "check", str(log)], env=env, cwd=ROOT),
        },
        runs,
    )
    if {s.returncode for s in got["check"]} - {0, 1}:
        raise RuntimeError("chair-tui check failed on the long log")
    regex_ms = median([s.wall_ms for s in got["regex"]])
    check_ms = median([s.wall_ms for s in got["check"]])
    return [
        Row(
            f"4 check on a {LINES:,}-line log",
            check_ms / regex_ms,
            LIMIT,
            f"regex loop {regex_ms:.0f} ms",
            f"{check_ms:.0f} ms ({LINES / check_ms:.0f} lines/ms)",
        )
    ]
