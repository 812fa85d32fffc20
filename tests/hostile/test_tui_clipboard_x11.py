"""The clipboard tells the truth against a real X server: a copy made by the app's one
clipboard path is read back from outside with ``xclip -o``; with ``DISPLAY`` set and no X
server there, xclip fails without a word, and the status never says the system clipboard has
the lines (they are *sent* when OSC 52 went, else they stay pending).

Needs ``Xvfb`` and ``xclip`` (``.ci/run`` installs them); skipped without them."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pyperclip
import pytest
from textual.widgets import Static

from chair_tui.meeting.session import COPIED, PENDING
from chair_tui.tui.app import ChairApp
from tests.helpers.app import make_app, session_of

pytestmark = pytest.mark.skipif(
    not (shutil.which("xclip") and shutil.which("Xvfb")), reason="needs xclip and Xvfb"
)

X11_DIR = Path("/tmp/.X11-unix")


def _free_display() -> int:
    """A display number with no X server and no lock file (xdist workers start apart)."""
    start = 200 + (os.getpid() % 500) * 3
    for n in range(start, start + 300):
        if not (X11_DIR / f"X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


def use_xclip(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip's xclip backend for this test only (pyperclip keeps its choice globally)."""
    monkeypatch.setattr(pyperclip, "copy", pyperclip.copy)
    monkeypatch.setattr(pyperclip, "paste", pyperclip.paste)
    pyperclip.set_clipboard("xclip")


@pytest.fixture
def xserver(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A virtual X server of this test's own; ``DISPLAY`` names it and pyperclip uses xclip."""
    n = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{n}", "-nolisten", "tcp", "-screen", "0", "320x200x8"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not (X11_DIR / f"X{n}").exists():
            assert server.poll() is None, "Xvfb did not start"
            assert time.monotonic() < deadline, "Xvfb did not start in 10 s"
            time.sleep(0.02)
        monkeypatch.setenv("DISPLAY", f":{n}")
        use_xclip(monkeypatch)
        yield f":{n}"
    finally:
        server.terminate()
        server.wait(10)


def read_clipboard(display: str) -> str:
    out = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=5,
        check=True,
    )
    return out.stdout.decode("utf-8")


def status_of(app: ChairApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def copy_first_chunk(app: ChairApp) -> list[str]:
    """Queue the start lines and copy them with ``c``; the lines copied."""
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        chunk = [ln.text for ln in session_of(app).next_chunk()]
        await pilot.press("c")
        for _ in range(100):  # the system clipboard answers in a thread worker
            await pilot.pause(0.05)
            if app.last_copy is not None:
                break
        await pilot.pause()
        app.exit()
    return chunk


async def test_a_copy_reads_back_from_outside(xserver: str, tmp_path: Path) -> None:
    app = make_app(tmp_path)  # the real system clipboard path: pyperclip, read back
    chunk = await copy_first_chunk(app)
    assert app.last_copy is not None and app.last_copy.state == "system"
    assert read_clipboard(xserver) == "\n".join(chunk)
    s = session_of(app)
    assert all(s.line(i).state == COPIED for i in (ln.id for ln in s.lines[: len(chunk)]))


async def test_text_with_brackets_and_emoji_reads_back_the_same(
    xserver: str, tmp_path: Path
) -> None:
    from chair_tui.tui import clipboard

    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        text = "#info see [/usr/bin] and [b]bold[/b] ✓ 😀"
        result = await clipboard.copy_text(app, text, lambda t: False)
        await pilot.pause()
        app.exit()
    assert result.state == "system"
    assert read_clipboard(xserver) == text


@pytest.mark.parametrize("osc52", [True, False])
async def test_display_set_but_no_x_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, osc52: bool
) -> None:
    n = _free_display()
    monkeypatch.setenv("DISPLAY", f":{n}")  # nothing listens there: xclip fails silently
    use_xclip(monkeypatch)
    app = make_app(tmp_path)
    if not osc52:
        monkeypatch.setattr(app, "_osc52", lambda text: False)  # no terminal to send to
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        s = session_of(app)
        pending = [ln.id for ln in s.pending()]
        await pilot.press("c")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.last_copy is not None:
                break
        await pilot.pause()
        status = status_of(app)
        assert app.last_copy is not None
        assert "✓" not in status and not status.startswith("Copied")
        if osc52:
            assert app.last_copy.state == "sent"
            assert status.startswith("Sent") and "↗ sent" in status
            assert "no system clipboard" in status
        else:
            assert app.last_copy.state == "none"
            assert status.startswith("Not copied")
            assert [s.line(i).state for i in pending] == [PENDING] * len(pending)
        app.exit()
