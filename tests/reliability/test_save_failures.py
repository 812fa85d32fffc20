"""Saving fails (disk full, I/O error): the chair is told, and what is on disk still matches
what the chair was shown."""

from __future__ import annotations

import errno
import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session
from chair_tui.tui.app import ChairApp
from chair_tui.tui.widgets import Outbox
from tests.helpers.clock import frozen_clock
from tests.reliability.journal import lines_of, scan
from tests.reliability.test_damaged_sessions import SMALL_PLAN


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Writes past ``limit`` bytes fail with EFBIG, the first one cut short (a full disk)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _enospc(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def started(tmp_path: Path) -> Session:
    s = Session.create(SMALL_PLAN, tmp_path, clock=frozen_clock, sync=True)
    s.open_step()
    return s


async def test_a_failed_save_is_reported_and_the_line_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = started(tmp_path)
    app = ChairApp(session=session, data_dir=tmp_path, clock=frozen_clock, sync=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = len(session.lines)
        monkeypatch.setattr(os, "fsync", _enospc)
        await pilot.press("i")
        field = app.focused
        assert isinstance(field, Input)
        field.insert_text_at_cursor("this could not be saved")
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.undo()
        status = str(app.screen.query_one("#status", Static).render())
        assert "Could not save the session" in status and "No space left" in status
        assert app.is_running
        assert len(session.lines) == before  # not shown as queued: it was not saved
        assert app.screen.query_one(Outbox).option_count == before


@pytest.mark.parametrize("fault", ["write cut short (disk full)", "fsync fails"])
def test_after_a_failed_save_the_journal_still_matches_the_screen(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a failed record stayed in the file (or the write buffer) while the session
    did not apply it, so the next record reused its ids and the entry came back on resume."""
    session = started(tmp_path)
    assert session.path is not None
    with pytest.raises(OSError):
        if fault == "fsync fails":
            with monkeypatch.context() as m:
                m.setattr(os, "fsync", _enospc)
                session.record(Entry(Kind.INFO, "x" * 1000))
        else:
            with file_size_limit(session.path.stat().st_size + 100):
                session.record(Entry(Kind.INFO, "x" * 1000))
    session.record(Entry(Kind.INFO, "after the disk was freed"))
    session.close()
    scan(session.path)
    again = Session.load(session.path, read_only=True, sync=False)
    ids = [ln.id for ln in again.lines]
    assert len(ids) == len(set(ids)), f"line ids used twice: {ids}"
    assert lines_of(again) == lines_of(session)
