"""Target 3: a long session costs the same as a short one.

3a: ``chair-tui --resume`` of a 5,000-entry session to its first full frame, against an empty
session, both timed from outside on a real terminal (as target 1).
3b: one more entry, from the Enter key to the line shown in the outbox, at 5,000 entries
against 10, under Pilot (``probe_keypress.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from benchmarks.harness import HERE, PYTHON, ROOT, Sample, child_env, first_frame, fresh_dir, median
from benchmarks.report import Row
from benchmarks.startup import chair_tui, paired, ratio_rows

LIMIT_RESUME = 1.5
LIMIT_RECORD = 1.5


def _resume_runner(tmp: Path, name: str, session: Path) -> Sample:
    data = fresh_dir(tmp, f"resume-{name}")
    (data / "sessions").mkdir(mode=0o700)
    shutil.copy2(session, data / "sessions" / session.name)
    argv = [*chair_tui(), "--resume", "--data-dir", str(data)]
    return first_frame(argv, env=child_env(tmp), cwd=ROOT)


def bench_resume(tmp: Path, sessions: dict[int, Path], big: int, runs: int) -> list[Row]:
    pairs = paired(
        lambda: _resume_runner(tmp, "empty", sessions[0]),
        lambda: _resume_runner(tmp, "big", sessions[big]),
        runs,
    )
    rows = ratio_rows(
        f"3a resume {big:,} entries to first frame", pairs, "empty session", LIMIT_RESUME, None
    )
    return rows


def keypress(tmp: Path, session: Path, runs: int, warmup: int = 2) -> dict[str, Any]:
    work = fresh_dir(tmp, "keypress") / "sessions"
    work.mkdir()
    copy = work / session.name
    shutil.copy2(session, copy)
    proc = subprocess.run(
        [PYTHON, str(HERE / "probe_keypress.py"), str(copy), str(runs), str(warmup)],
        capture_output=True,
        text=True,
        env=child_env(tmp),
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"probe_keypress failed: {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def bench_record(
    tmp: Path, sessions: dict[int, Path], small: int, big: int, runs: int
) -> tuple[list[Row], dict[str, float]]:
    # each size in its own process, twice, alternating (small, big, small, big)
    results: dict[int, list[dict[str, Any]]] = {small: [], big: []}
    for _ in range(2):
        for n in (small, big):
            results[n].append(keypress(tmp, sessions[n], runs))

    def med(n: int, key: str) -> float:
        return median([v for r in results[n] for v in r[key]])

    lat = {n: med(n, "latency_ms") for n in (small, big)}
    rec = {n: med(n, "record_ms") for n in (small, big)}
    lis = {n: med(n, "listener_ms") for n in (small, big)}
    rows = [
        Row(
            f"3b key press to line shown, {big:,} entries",
            lat[big] / lat[small],
            LIMIT_RECORD,
            f"{small} entries {lat[small]:.1f} ms",
            f"{lat[big]:.1f} ms",
        ),
        Row(
            "3b   of which Session.record (incl. listeners)",
            rec[big] / rec[small],
            None,
            f"{small} entries {rec[small]:.2f} ms",
            f"{rec[big]:.2f} ms",
        ),
        Row(
            "3b   of which the outbox update (listener)",
            lis[big] / lis[small],
            None,
            f"{small} entries {lis[small]:.2f} ms",
            f"{lis[big]:.2f} ms",
        ),
    ]
    return rows, {"latency_small_ms": lat[small], "latency_big_ms": lat[big]}
