"""A session that cannot be created leaves nothing behind: no lock file, no empty session that
would later be offered for resuming and found damaged."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from chair_tui.meeting import store
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.session import Session, find_unfinished
from chair_tui.meeting.session.lock import lock_path
from tests.helpers.clock import frozen_clock


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_a_failed_header_write_releases_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    def fail(self: store.JournalWriter, record: object) -> None:
        raise OSError(err, "no")

    monkeypatch.setattr(store.JournalWriter, "append", fail)
    target = tmp_path / "meeting.jsonl"
    with pytest.raises(OSError):
        Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False, path=target)
    assert not lock_path(target).exists()
    assert not target.exists()
    monkeypatch.undo()
    # the same path can be used again at once, and is locked by its new session
    s = Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False, path=target)
    assert lock_path(target).exists()
    s.close()
    assert not lock_path(target).exists()


def test_a_failed_header_in_the_sessions_folder_leaves_nothing_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: store.JournalWriter, record: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.JournalWriter, "append", fail)
    with pytest.raises(OSError):
        Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False)
    assert list((tmp_path / "sessions").iterdir()) == []
    assert find_unfinished(tmp_path) == []


def test_a_lock_that_cannot_be_taken_leaves_no_session(tmp_path: Path) -> None:
    target = tmp_path / "meeting.jsonl"
    lock_path(target).mkdir()  # the lock's name is taken by a directory
    with pytest.raises(InputError, match="cannot lock the session"):
        Session.create(load_demo(), tmp_path, clock=frozen_clock, sync=False, path=target)
    assert not target.exists()
