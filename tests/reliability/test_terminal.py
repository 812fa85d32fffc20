"""Terminal: a whole meeting survives resizing between 40x12 and 250x80 at every step (headless,
with Pilot), and the real app runs on a pseudo-terminal with TERM=dumb and NO_COLOR=1.

A whole meeting with NO_COLOR=1, TERM=dumb and the ansi-dark theme is walked once, by
``test_files_and_privacy.py``, which checks what that meeting writes and reaches as well."""

from __future__ import annotations

import fcntl
import os
import pty
import random
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import UserDirs
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.walk import check_walked, walk_meeting
from tests.reliability import knobs
from tests.reliability.conftest import Escapes

SMALLEST = (40, 12)
LARGEST = (250, 80)
CORNERS = [SMALLEST, LARGEST, (40, 80), (250, 12)]


@pytest.mark.slow
@pytest.mark.parametrize("walk", range(knobs.RESIZE_WALKS))
async def test_a_meeting_resized_at_every_step(walk: int, tmp_path: Path, sealed: Escapes) -> None:
    rng = random.Random(f"{knobs.SEED}-resize-{walk}")
    clipboard = FakeClipboard()
    app = make_app(tmp_path, clipboard)
    sizes: list[tuple[int, int]] = []

    async with app.run_test(size=SMALLEST) as pilot:

        async def resize(step: str) -> None:
            n = len(sizes)
            if n < len(CORNERS):
                size = CORNERS[n]
            else:  # then random sizes, up to the largest in the long run (knobs.RESIZE_WIDE)
                top = LARGEST if knobs.RESIZE_WIDE else (160, 50)
                size = (rng.randint(SMALLEST[0], top[0]), rng.randint(SMALLEST[1], top[1]))
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, step
            assert tuple(app.size) == size, step
            sizes.append(size)

        steps = await walk_meeting(pilot, resize)
        check_walked(app, clipboard)
    assert len(sizes) == len(steps) and sealed.attempts == []
    knobs.note("resize walk", walk=walk, steps=len(steps), sizes=len(set(sizes)))


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@pytest.mark.slow
@pytest.mark.serial  # a real process on a real terminal, read with time limits
def test_the_real_app_on_a_dumb_pseudo_terminal(user_dirs: UserDirs) -> None:
    """``chair-tui --demo`` on a pty with TERM=dumb and NO_COLOR=1: keys, resizes, quit."""
    master, slave = pty.openpty()
    _set_size(slave, 80, 24)
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}
    env.pop("COLORTERM", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "chair_tui", "--demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()

    def pump(seconds: float, until: bytes = b"") -> None:
        """Read the screen for ``seconds`` (or until ``until`` appears after what was read)."""
        mark = len(output)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if until and until in output[mark:]:
                return
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    output.extend(os.read(master, 65536))
                except OSError:
                    return
        assert not until, f"{until!r} never appeared on the screen"

    try:
        pump(30.0, until=b"Workstation WG")  # the meeting screen is up
        pump(0.5)
        steps = ((b"n", SMALLEST, b"Rollcall"), (b"c", LARGEST, b"OSC 52"), (b"c", (80, 24), b""))
        for keys, size, expect in steps:
            os.write(master, keys)
            pump(10.0, until=expect) if expect else pump(0.5)
            _set_size(master, *size)
            proc.send_signal(signal.SIGWINCH)
            pump(0.5)
        os.write(master, b"\x11")  # ctrl+q: lines are still pending, so it asks first
        pump(10.0, until=b"Quit anyway")
        os.write(master, b"\x11")  # ctrl+q again quits
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            pump(0.2)
        pump(0.3)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(master)
    text = output.decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    assert "Traceback" not in text
    assert "chair-tui: meeting saved" in text
    (session,) = (user_dirs.data_dir / "sessions").glob("*.jsonl")
    from chair_tui.meeting.session import Session

    lines = Session.load(session, read_only=True).lines
    assert [ln.state for ln in lines[:4]] == ["copied"] * 4
    # Textual still draws in 24-bit greys under NO_COLOR and ignores TERM=dumb (noted only)
    knobs.note("real pty", bytes=len(output), truecolor_sequences=text.count("[38;2;"))
