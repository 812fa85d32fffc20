"""Clipboard faults: whatever route fails, the app keeps running, the status line says which
route worked, and the lines stay visible in the outbox."""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyperclip
import pytest
from textual.widgets import Static

from chair_tui.meeting.session import COPIED, PENDING
from chair_tui.tui.app import ChairApp
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard
from tests.reliability.conftest import Escapes


def _raiser(exc: BaseException) -> Callable[[str], None]:
    def copy(text: str) -> None:
        raise exc

    return copy


PYPERCLIP_FAULTS: dict[str, BaseException] = {
    "no display": pyperclip.PyperclipException("xclip: Error: Can't open display: :0"),
    "tool missing": FileNotFoundError(errno.ENOENT, "No such file or directory", "wl-copy"),
    "tool hangs": subprocess.TimeoutExpired(["xclip", "-selection", "c"], 5),
    "tool fails": subprocess.CalledProcessError(1, ["xsel", "-b", "-i"]),
    "empty message": RuntimeError(),
    "not text": UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range"),
}


def status_of(app: ChairApp) -> tuple[str, bool]:
    widget = app.screen.query_one("#status", Static)
    return str(widget.render()), widget.has_class("error")


async def copy_and_check(app: ChairApp, *, osc52: bool, system: bool) -> list[str]:
    """Queue the start block and the roll call, copy a chunk then one line; check the status and
    the outbox each time."""
    from chair_tui.tui.widgets import Outbox

    statuses = []
    async with app.run_test(size=(100, 30)) as pilot:
        session = session_of(app)
        await pilot.press("n", "p", "r", "w")  # the roster has the focus after n
        await pilot.pause()
        assert len(session.pending()) > session.profile.chunk_size
        for key in ("c", "y"):
            pending = [ln.id for ln in session.pending()]
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running
            status, error = status_of(app)
            statuses.append(status)
            assert ("OSC 52" in status) == osc52, status
            assert ("system clipboard" in status and "no system clipboard" not in status) == (
                system
            ), status
            assert error == (not osc52 and not system), status
            if not osc52 and not system:
                assert "by hand" in status
            outbox = app.screen.query_one(Outbox)
            for ln in session.visible_lines():
                prompt = outbox.get_option(f"line-{ln.id}").prompt
                assert str(getattr(prompt, "plain", prompt)).endswith(ln.text)
            assert pending, "nothing was pending to copy"
        assert app.last_copy is not None
        assert app.last_copy.osc52 == osc52 and app.last_copy.system == system
    return statuses


async def test_both_routes_work(tmp_path: Path, sealed: Escapes) -> None:
    clipboard = FakeClipboard()
    app = make_app(tmp_path, clipboard)
    statuses = await copy_and_check(app, osc52=True, system=True)
    assert "via OSC 52 (terminal) + system clipboard" in statuses[0]
    assert clipboard.copies[-1] == app.clipboard
    assert not sealed.attempts


async def test_no_pyperclip_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sealed: Escapes
) -> None:
    """The real pyperclip, on a Linux with no display: it finds no way to copy."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # pyperclip's own first-call stubs: they look for a backend, then copy (not in the stubs)
    monkeypatch.setattr(pyperclip, "copy", vars(pyperclip)["lazy_load_stub_copy"])
    monkeypatch.setattr(pyperclip, "paste", vars(pyperclip)["lazy_load_stub_paste"])
    app = make_app(tmp_path, None)
    statuses = await copy_and_check(app, osc52=True, system=False)
    assert "no system clipboard" in statuses[0]
    assert app.last_copy is not None and "could not find" in (app.last_copy.system_error or "")
    assert not sealed.attempts


async def test_pyperclip_raising(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyperclip raising anything, one fault per copied line, in one meeting."""
    from chair_tui.tui.widgets import Outbox

    app = make_app(tmp_path, None)
    async with app.run_test(size=(100, 30)) as pilot:
        session = session_of(app)
        await pilot.press("n", "p", "r", "w")
        await pilot.pause()
        assert len(session.pending()) >= len(PYPERCLIP_FAULTS)
        for fault, exc in PYPERCLIP_FAULTS.items():
            monkeypatch.setattr(pyperclip, "copy", _raiser(exc))
            line = session.pending()[0]
            await pilot.press("y")
            await pilot.pause()
            assert app.is_running
            status, error = status_of(app)
            assert "via OSC 52 (terminal); no system clipboard" in status, (fault, status)
            assert not error, (fault, status)
            assert app.clipboard == line.text
            prompt = app.screen.query_one(Outbox).get_option(f"line-{line.id}").prompt
            assert str(getattr(prompt, "plain", prompt)).endswith(line.text)


@pytest.mark.parametrize("how", ["no driver", "terminal write fails"])
async def test_no_osc52(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clipboard = FakeClipboard()
    app = make_app(tmp_path, clipboard)
    if how == "no driver":
        # what ChairApp._osc52 returns when there is no terminal driver to write to
        monkeypatch.setattr(app, "_osc52", lambda text: False)
    else:
        monkeypatch.setattr(app, "copy_to_clipboard", _raiser(OSError(errno.EIO, "I/O error")))
    statuses = await copy_and_check(app, osc52=False, system=True)
    assert "via system clipboard" in statuses[0]
    assert len(clipboard.copies) == 2


async def test_no_route_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(tmp_path, _raiser(pyperclip.PyperclipException("no clipboard")))
    monkeypatch.setattr(app, "_osc52", lambda text: False)
    statuses = await copy_and_check(app, osc52=False, system=False)
    assert all("could not copy" in s for s in statuses)


async def test_lines_no_route_copied_stay_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, _raiser(pyperclip.PyperclipException("no clipboard")))
    monkeypatch.setattr(app, "_osc52", lambda text: False)
    async with app.run_test(size=(100, 30)) as pilot:
        session = session_of(app)
        await pilot.press("n")
        await pilot.pause()
        chunk = [ln.id for ln in session.next_chunk()]
        await pilot.press("c")
        await pilot.pause()
        status, _ = status_of(app)
        assert not status.startswith("Copied"), status
        assert [session.line(i).state for i in chunk] == [PENDING] * len(chunk)
        assert COPIED not in {ln.state for ln in session.lines}
