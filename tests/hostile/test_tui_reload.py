"""A read-only second window shows the meeting as it was when opened; ctrl+r (``reload``, only
in a read-only window) shows it as the window holding it has saved it since, and takes it over
once that window has closed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.session import Session, open_for_window
from chair_tui.meeting.session.lock import holder_of
from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens.meeting import MeetingScreen
from chair_tui.tui.widgets import Outbox
from tests.helpers.clock import frozen_clock

# The other window: records what it reads on stdin, one line at a time; an empty line closes.
HOLDER = """
import sys
from pathlib import Path
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session
s = Session.load(Path(sys.argv[1]), sync=False)
print("locked", flush=True)
for line in sys.stdin:
    if not line.strip():
        break
    s.record(Entry(Kind.INFO, line.strip()))
    print("ok", flush=True)
s.close()
print("closed", flush=True)
"""

Holder = tuple[Path, "subprocess.Popen[str]"]


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Holder]:
    s = Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False)
    s.open_step()
    s.close()
    assert s.path is not None
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(s.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield s.path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _say(proc: subprocess.Popen[str], line: str, answer: str) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == answer


def _outbox_text(app: ChairApp) -> str:
    outbox = app.screen.query_one(Outbox)
    return "\n".join(str(outbox.get_option_at_index(i).prompt) for i in range(outbox.option_count))


async def test_reload_is_only_offered_in_a_read_only_window(tmp_path: Path) -> None:
    s = Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False)
    app = ChairApp(session=s, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.check_action("reload", ()) is False
        assert all(a.binding.action != "reload" for a in screen.active_bindings.values())
        await pilot.press("ctrl+r")
        assert app.session is s and not s.read_only


async def test_reload_shows_what_the_other_window_saved_then_takes_it_over(
    holder: Holder, tmp_path: Path
) -> None:
    path, proc = holder
    window = open_for_window(path, sync=False)
    assert window.read_only
    app = ChairApp(session=window, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.check_action("reload", ()) is True
        _say(proc, "said in the other window", "ok")
        assert "said in the other window" not in _outbox_text(app)
        before = path.read_bytes()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "said in the other window" in _outbox_text(app)
        assert app.session is not None and app.session.read_only
        assert screen.check_action("copy_chunk", ()) is None  # still nothing to press
        assert path.read_bytes() == before  # a read-only reload writes nothing
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Reloaded. Read-only: this meeting is open in pid")
        _say(proc, "", "closed")
        await pilot.press("ctrl+r")
        await pilot.pause()
        s = app.session
        assert s is not None and not s.read_only
        holding = holder_of(path)
        assert holding is not None and holding.pid == os.getpid()
        assert screen.check_action("reload", ()) is False
        assert screen.check_action("copy_chunk", ()) is True
        status = str(app.screen.query_one("#status", Static).render())
        assert "this one now records and copies" in status
    assert holder_of(path) is None  # closed with the app


async def test_reload_of_a_file_gone_bad_keeps_the_view(holder: Holder, tmp_path: Path) -> None:
    path, _proc = holder
    window = open_for_window(path, sync=False)
    app = ChairApp(session=window, data_dir=tmp_path, clock=frozen_clock, sync=False)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = _outbox_text(app)
        path.write_bytes(b"not a session [/] [b]\n")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session is window and _outbox_text(app) == shown
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Could not reload:") and "[/] [b]" not in status
    assert path.read_bytes() == b"not a session [/] [b]\n"  # not moved aside from here
