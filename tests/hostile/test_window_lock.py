"""One meeting, one window: the session open for writing is locked; a second process (or a
second window) gets it read-only, every change and copy key disabled, the top bar naming the
holder; a read-only load never writes; the lock dies with its process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session, SessionError, SessionLocked, open_for_window
from chair_tui.meeting.session.lock import holder_of, lock_path
from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens.meeting import CHANGE_ACTIONS, MeetingScreen
from tests.helpers.clock import frozen_clock

HOLD = """
import sys, time
from pathlib import Path
from chair_tui.meeting.session import Session
s = Session.load(Path(sys.argv[1]), sync=False)
print("locked", flush=True)
sys.stdin.readline()
s.close()
"""


def a_session(base: Path) -> Path:
    s = Session.create(load_demo(), base, clock=frozen_clock, sync=False)
    s.open_step()
    s.close()
    assert s.path is not None
    return s.path


@pytest.fixture
def held(tmp_path: Path) -> object:
    """A session held open for writing by another process."""
    path = a_session(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_a_second_process_gets_the_holder(held: tuple[Path, subprocess.Popen[str]]) -> None:
    path, proc = held
    with pytest.raises(SessionLocked) as info:
        Session.load(path, sync=False)
    assert info.value.holder.pid == proc.pid
    assert f"open in pid {proc.pid} since " in str(info.value)


def test_the_second_window_is_read_only_and_never_writes(
    held: tuple[Path, subprocess.Popen[str]],
) -> None:
    path, proc = held
    before = path.read_bytes()
    s = open_for_window(path, sync=False)
    assert s.read_only and s.held_by is not None and s.held_by.pid == proc.pid
    with pytest.raises(SessionError, match="read-only"):
        s.record(Entry(Kind.INFO, "from the second window"))
    with pytest.raises(SessionError, match="read-only"):
        s.mark_copied([s.pending()[0].id])
    s.close()
    assert path.read_bytes() == before


def test_the_lock_dies_with_a_killed_holder(held: tuple[Path, subprocess.Popen[str]]) -> None:
    path, proc = held
    assert holder_of(path) is not None
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 5
    while holder_of(path) is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    s = Session.load(path, sync=False)
    assert not s.read_only
    s.close()


def test_the_lock_file_is_private_and_names_the_pid(tmp_path: Path) -> None:
    path = a_session(tmp_path)
    s = Session.load(path, sync=False)
    lock = lock_path(path)
    assert lock.stat().st_mode & 0o777 == 0o600
    assert lock.read_text().split()[0].isdigit()
    s.close()
    assert not lock.exists()


def test_a_planted_symlink_lock_is_not_followed(tmp_path: Path) -> None:
    path = a_session(tmp_path)
    target = tmp_path / "victim.txt"
    target.write_text("keep me")
    lock_path(path).symlink_to(target)
    with pytest.raises(Exception) as info:
        Session.load(path, sync=False)
    assert "lock" in str(info.value)
    assert target.read_text() == "keep me"


def test_a_read_only_load_takes_no_lock(tmp_path: Path) -> None:
    path = a_session(tmp_path)
    Session.load(path, sync=False, read_only=True)
    assert not lock_path(path).exists()
    s = Session.load(path, sync=False)  # a writer is not kept out by readers
    s.close()


async def test_every_change_key_is_disabled_read_only(
    held: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    path, proc = held
    app = ChairApp(session=open_for_window(path, sync=False), data_dir=tmp_path, sync=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        # every action that records, changes or copies, on one window (one app for all)
        enabled = [a for a in sorted(CHANGE_ACTIONS) if screen.check_action(a, ()) is not None]
        assert enabled == []
        top = str(screen.query_one("#topbar", Static).render())
        assert f"READ-ONLY (open in pid {proc.pid} since " in top
        before = path.read_bytes()
        for key in ("c", "y", "n", "u", "enter", "i"):
            await pilot.press(key)
        await pilot.pause()
        assert path.read_bytes() == before


async def test_the_start_screen_opens_a_held_meeting_read_only(
    held: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    path, proc = held
    app = ChairApp(data_dir=tmp_path, unfinished=[path], sync=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_session_file(path)
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.session.read_only
        status = str(app.screen.query_one("#status", Static).render())
        assert f"pid {proc.pid}" in status
