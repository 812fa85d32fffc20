"""Target 1: ``chair-tui --demo`` to its first full frame, against a bare Textual app."""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import (
    HERE,
    PYTHON,
    ROOT,
    Sample,
    child_env,
    fresh_dir,
    interleaved,
    median,
    run_in_pty,
)
from benchmarks.report import Row

PROBE = [PYTHON, str(HERE / "probe_frame.py")]
LIMIT_TIME = 1.2
LIMIT_MEMORY = 1.3


def frame_runner(tmp: Path, name: str, args: list[str]) -> Sample:
    """One run of the frame probe (``args``: ``bare`` or ``cli …``) on a fresh terminal."""
    sample = run_in_pty(
        [*PROBE, *args], env=child_env(tmp), result=tmp / f"{name}.frame.json", cwd=ROOT
    )
    if sample.returncode != 0:
        raise RuntimeError(f"{name}: the app exited with {sample.returncode}")
    return sample


def check_screen(name: str, samples: list[Sample], screen: str) -> None:
    for s in samples:
        if s.extra.get("screen") != screen:
            raise RuntimeError(f"{name}: first frame on {s.extra.get('screen')}, not {screen}")


def bench_startup(tmp: Path, runs: int) -> list[Row]:
    def bare() -> Sample:
        return frame_runner(tmp, "bare", ["bare"])

    def demo() -> Sample:
        data = fresh_dir(tmp, "demo-data")
        return frame_runner(tmp, "demo", ["cli", "--demo", "--data-dir", str(data)])

    got = interleaved({"bare": bare, "demo": demo}, runs)
    check_screen("bare app", got["bare"], "Screen")
    check_screen("chair-tui --demo", got["demo"], "MeetingScreen")
    bare_ms = median([s.wall_ms for s in got["bare"]])
    demo_ms = median([s.wall_ms for s in got["demo"]])
    # CPU time of the process until that frame: less disturbed by other load on the machine
    # than the wall time, so it shows the app's own cost more steadily (information only).
    bare_cpu = median([1000 * float(s.extra["cpu"]) for s in got["bare"]])
    demo_cpu = median([1000 * float(s.extra["cpu"]) for s in got["demo"]])
    bare_mb = median([s.maxrss_mb for s in got["bare"]])
    demo_mb = median([s.maxrss_mb for s in got["demo"]])
    return [
        Row(
            "1a start-up: --demo to first full frame",
            demo_ms / bare_ms,
            LIMIT_TIME,
            f"bare app {bare_ms:.0f} ms",
            f"{demo_ms:.0f} ms",
        ),
        Row(
            "1a   CPU time to that frame",
            demo_cpu / bare_cpu,
            None,
            f"bare app {bare_cpu:.0f} ms",
            f"{demo_cpu:.0f} ms",
        ),
        Row(
            "1b start-up: peak memory (ru_maxrss)",
            demo_mb / bare_mb,
            LIMIT_MEMORY,
            f"bare app {bare_mb:.1f} MiB",
            f"{demo_mb:.1f} MiB",
        ),
    ]
