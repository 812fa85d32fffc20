"""Running and timing child processes: wall time, peak memory, and apps under a real terminal."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
TERM_SIZE = (120, 40)  # columns, rows of the pseudo-terminal the TUI runs in


@dataclass(frozen=True)
class Sample:
    """One child process: its wall time, the peak resident memory and the exit code."""

    wall_ms: float
    maxrss_mb: float
    returncode: int
    extra: Mapping[str, Any] = field(default_factory=dict)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def child_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment every child gets: this one, minus anything that changes how the app or
    Textual behaves, with the user config and data directories moved under ``home``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "CHAIR_TUI_", "PYTHONPROFILE", "PYTHONIMPORTTIME"))
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        CHAIR_TUI_CONFIG=str(home / "config" / "none.toml"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, float]:
    """Reap ``proc`` (killing it after ``timeout`` s): its exit code and peak RSS in MiB."""
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120.0,
) -> Sample:
    """Run ``argv`` with its output thrown away; wall time from spawn to exit."""
    start = time.monotonic()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(env) if env is not None else None,
        cwd=cwd,
    )
    code, rss = _wait(proc, timeout)
    return Sample((time.monotonic() - start) * 1000.0, rss, code)


def run_in_pty(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    result: Path,
    cwd: Path | None = None,
    timeout: float = 60.0,
) -> Sample:
    """Run ``argv`` on a fresh pseudo-terminal (so Textual uses its real Linux driver).

    The child (``probe_frame.py``) writes a JSON report to ``result`` (passed to it as
    ``$CHAIR_BENCH_RESULT``) holding ``frame``, the
    ``time.monotonic()`` of its first full frame; ``wall_ms`` is the time from spawning the
    process to that frame (CLOCK_MONOTONIC is shared by all processes on Linux).
    """
    master, slave = os.openpty()
    cols, rows = TERM_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    result.unlink(missing_ok=True)
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "CHAIR_BENCH_RESULT": str(result)},
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        os.close(slave)
    output = bytearray()

    def drain() -> None:  # keep the terminal's buffer empty so the child never blocks on it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        code, rss = _wait(proc, timeout)
    finally:
        reader.join(timeout=5)
        os.close(master)
    try:
        report: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        tail = output[-2000:].decode("utf-8", "replace")
        raise RuntimeError(
            f"{' '.join(argv)}: no first frame reported (exit {code}): {tail}"
        ) from exc
    wall = (float(report["frame"]) - start) * 1000.0
    return Sample(wall, rss, code, report)


#: Textual switches to the alternate screen before it draws its first frame.
ALT_SCREEN = b"\x1b[?1049h"
_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")  # CSI row;col H: the cursor moved
_ESCAPE = re.compile(rb"\x1b(\[[0-9;:?<=>]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")


def last_row_drawn(output: bytes | bytearray, rows: int, start: int = 0) -> bool:
    """Whether ``output`` (what an app wrote to its terminal), from ``start`` on, has drawn
    visible text on the last of ``rows`` rows: a move there followed by anything but blanks
    (a footer's first paint can be blank, its keys come a frame later)."""
    moves = list(_MOVE.finditer(output, start))
    for i, here in enumerate(moves):
        if int(here.group(1)) != rows:
            continue
        end = moves[i + 1].start() if i + 1 < len(moves) else len(output)
        text = _ESCAPE.sub(b"", bytes(output[here.end() : end]))
        if text.strip():
            return True
    return False


def first_frame(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path | None = None,
    timeout: float = 60.0,
) -> Sample:
    """Time an app from outside: spawn ``argv`` on a fresh pseudo-terminal of ``TERM_SIZE`` and
    read what it writes until the switch to the alternate screen has been followed by visible
    text on the last row (where the footer or key bar is drawn), the moment a user sees the
    whole first frame; then kill it.  ``wall_ms`` is spawn to that read; nothing in the app
    is changed or asked to report.  ``maxrss_mb`` is the peak memory when it was killed."""
    master, slave = os.openpty()
    cols, rows = TERM_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    output = bytearray()
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        os.close(slave)
    shown: float | None = None
    try:
        deadline = start + timeout
        alt = -1
        while shown is None:
            left = deadline - time.monotonic()
            if left <= 0 or proc.poll() is not None:
                break
            ready, _, _ = select.select([master], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output.extend(chunk)
            if alt < 0:
                alt = output.find(ALT_SCREEN)
            if alt >= 0 and last_row_drawn(output, rows, alt):
                shown = time.monotonic()
    finally:
        if proc.poll() is None:
            proc.kill()
        code, rss = _wait(proc, timeout)
        os.close(master)
    if shown is None:
        tail = output[-2000:].decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(argv)}: no first frame (exit {code}): {tail!r}")
    return Sample((shown - start) * 1000.0, rss, code)


def interleaved(
    runners: Mapping[str, Callable[[], Sample]], runs: int, warmup: int = 1
) -> dict[str, list[Sample]]:
    """Run each runner ``warmup`` times (thrown away), then ``runs`` rounds in turn (A B A B…),
    so that a slow spell of a noisy machine hits every variant alike."""
    for _ in range(warmup):
        for fn in runners.values():
            fn()
    out: dict[str, list[Sample]] = {name: [] for name in runners}
    for _ in range(runs):
        for name, fn in runners.items():
            out[name].append(fn())
    return out


@contextmanager
def scratch(prefix: str = "chair-bench-") -> Iterator[Path]:
    """A temporary directory, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def fresh_dir(parent: Path, name: str) -> Path:
    """An empty directory ``parent/name`` (emptied if it exists)."""
    path = parent / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
