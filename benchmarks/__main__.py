"""``python -m benchmarks``: run every benchmark and print the table of ratios.

Informational: exits 0 whatever the numbers, unless ``--check`` is given (then 1 when a target
fails).  ``--only`` picks targets; ``--json FILE`` also writes the rows and the machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks import cli_paths, flat, lint_speed, saves, startup
from benchmarks.fixtures import build_session
from benchmarks.harness import scratch
from benchmarks.report import Row, describe, machine, table

TARGETS = ("startup", "cli", "flat", "lint", "saves")
SMALL, BIG = 10, 5000
STARTUP_RUNS = 15  # start-up and CLI: at least this many pairs (their noise is the largest)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    p.add_argument(
        "--only", action="append", choices=TARGETS, help="run only this target (repeatable)"
    )
    p.add_argument("--runs", type=int, default=7, help="measured runs per variant (≥5, default 7)")
    p.add_argument(
        "--lint-runs", type=int, default=5, help="measured runs of the 100k-line check (≥5)"
    )
    p.add_argument("--json", type=Path, help="also write the results to this file")
    ns = p.parse_args(argv)
    if ns.runs < 5 or ns.lint_runs < 5:
        p.error("medians need at least 5 runs")
    return ns


def main(argv: list[str] | None = None) -> int:
    ns = parse_args(argv)
    chosen = ns.only or list(TARGETS)
    info = machine()
    _log(f"machine: {describe(info)}")
    rows: list[Row] = []
    extra: dict[str, float] = {}
    started = time.monotonic()
    with scratch() as tmp:
        sessions: dict[int, Path] = {}
        if "flat" in chosen or "saves" in chosen:
            _log(f"building sessions of 0, {SMALL} and {BIG:,} entries…")
            for n in (0, SMALL, BIG):
                sessions[n] = build_session(tmp / f"base-{n}", n)
        if "startup" in chosen:
            _log("1 start-up: --demo against a bare Textual app, from outside…")
            rows += startup.bench_startup(tmp, max(ns.runs, STARTUP_RUNS))
        if "cli" in chosen:
            _log("2 CLI paths against the stdlib imports…")
            rows += cli_paths.bench_cli(tmp, max(ns.runs, STARTUP_RUNS))
        if "flat" in chosen:
            _log(f"3a resume {BIG:,} entries against an empty session…")
            rows += flat.bench_resume(tmp, sessions, BIG, ns.runs)
            _log(f"3b key press at {BIG:,} entries against {SMALL}…")
            got, numbers = flat.bench_record(tmp, sessions, SMALL, BIG, ns.runs)
            rows += got
            extra.update(numbers)
        if "lint" in chosen:
            _log(f"4 check on {lint_speed.LINES:,} lines against a regex loop…")
            rows += lint_speed.bench_lint(tmp, ns.lint_runs)
        if "saves" in chosen:
            _log(f"5 saves at {BIG:,} entries against {SMALL}…")
            got, numbers = saves.bench_saves(tmp, sessions, SMALL, BIG, ns.runs)
            rows += got
            extra.update(numbers)
    if "latency_big_ms" in extra and "save_big_ms" in extra:
        rows.append(
            Row(
                f"5c the save's share of a key press at {BIG:,}",
                extra["save_big_ms"] / extra["latency_big_ms"],
                None,
                f"key press {extra['latency_big_ms']:.1f} ms",
                f"save {extra['save_big_ms']:.2f} ms",
            )
        )
    elapsed = time.monotonic() - started
    print(f"Machine: {describe(info)}")
    runs = (
        f"{max(ns.runs, STARTUP_RUNS)} runs for targets 1 and 2 (1 and 3a: the median of the"
        f" pairwise ratios), {ns.runs} for 3 and 5, {ns.lint_runs} for 4, after a warm-up"
    )
    print(f"Medians of {runs}; the run took {elapsed:.0f} s")
    print()
    print(table(rows))
    failed = [r for r in rows if r.passed is False]
    print()
    print(f"{len(failed)} of {sum(r.passed is not None for r in rows)} targets failed")
    if ns.json:
        ns.json.write_text(
            json.dumps(
                {"machine": info, "rows": [r.as_dict() for r in rows], "numbers": extra}, indent=2
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if ns.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
