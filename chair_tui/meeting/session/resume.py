"""Which sessions to offer for resuming."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.session.lock import SessionLocked
from chair_tui.meeting.session.session import Session
from chair_tui.meeting.store import decode_record, iter_session_files
from chair_tui.meeting.text import clean_line

RECENT_ENDED_S = 3 * 24 * 3600  # ended meetings checked for lines not yet pasted


def find_unfinished(base: Path, *, now: float | None = None) -> list[Path]:
    """Session files to offer for resuming, newest first: meetings not yet ended (damaged ones
    included), and meetings ended in the last three days whose last lines (``#endmeeting``,
    say) were never copied. Older ended meetings are not replayed to find out."""
    if now is None:
        now = time.time()
    out = []
    for p in iter_session_files(base):
        try:
            st = p.stat()
            if not stat.S_ISREG(st.st_mode):  # a FIFO named like a session would hang the read
                continue
            ended = _has_end_record(p)
            recent = now - st.st_mtime < RECENT_ENDED_S
        except OSError:
            continue
        if not ended or (recent and _has_pending_lines(p)):
            out.append(p)
    return out


MAX_HEADER_BYTES = 4 * 1024 * 1024  # the most of a session's first line read for its title


def session_title(path: Path) -> str | None:
    """The meeting's title as the header (the file's first line) of the session at ``path``
    has it, to name the session in a list; None when it cannot be read. Nothing else of the
    file is read or checked: opening the session does that."""
    try:
        with open(path, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None
            record = decode_record(f.readline(MAX_HEADER_BYTES).rstrip(b"\n"))
    except (OSError, ValueError, RecursionError):
        return None
    header = record.get("header") if record.get("op") == "snapshot" else record
    plan = header.get("plan") if isinstance(header, dict) else None
    title = plan.get("title") if isinstance(plan, dict) else None
    if not isinstance(title, str):
        return None
    return clean_line(title) or None  # as loading the session makes it


def _has_pending_lines(path: Path) -> bool:
    try:
        return Session.load(path, read_only=True).first_pending() is not None
    except InputError:
        return False


def _has_end_record(path: Path) -> bool:
    """Whether the journal holds an intact ``end`` record, wherever it is."""
    for raw in path.read_bytes().split(b"\n"):
        if b'"op":"end"' not in raw:
            continue
        try:
            if decode_record(raw).get("op") == "end":
                return True
        except (ValueError, UnicodeDecodeError):
            continue
    return False


def open_for_window(
    path: Path, *, clock: Callable[[], float] = time.time, sync: bool = True
) -> Session:
    """The session at ``path`` for a window: locked for writing, or read-only (with
    :attr:`Session.held_by` set) when another process has it open. :class:`InputError` when
    it is damaged (the caller moves it aside), as :meth:`Session.load`."""
    try:
        return Session.load(path, clock=clock, sync=sync)
    except SessionLocked as locked:
        session = Session.load(path, clock=clock, sync=sync, read_only=True)
        session.held_by = locked.holder
        return session
