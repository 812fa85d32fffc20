"""Which sessions to offer for resuming, what the start screen says of each, and opening one
for a window."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.session.lock import Holder, SessionLocked, holder_of
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
    """Whether the journal's last intact ``end`` or ``reopen`` record (wherever they are) is
    an ``end``: the meeting ended and was not taken back."""
    ended = False
    for raw in path.read_bytes().split(b"\n"):
        if b'"op":"end"' not in raw and b'"op":"reopen"' not in raw:
            continue
        try:
            op = decode_record(raw).get("op")
        except (ValueError, UnicodeDecodeError):
            continue
        if op in ("end", "reopen"):
            ended = op == "end"
    return ended


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One unfinished session as the start screen lists it.

    ``pending`` is None (and ``problem`` says why) when the session cannot be read: damaged,
    or written by a newer chair-tui; its title is then the one its first line names, if any.
    ``held_by`` is who has it open for writing now (this process too: compare the pid).
    """

    path: Path
    title: str
    name: str  # the plan's meeting name ("" when it has none)
    step: str  # the title of the step the chair is on
    pending: int | None  # lines not copied yet
    created: float | None  # when the meeting was started (the session made)
    modified: float  # the file's last change
    ended: bool
    problem: str | None = None
    held_by: Holder | None = None


def _info(path: Path, modified: float) -> SessionInfo:
    """What :class:`SessionInfo` says of ``path``: one read-only load (never locks)."""
    held = holder_of(path)
    try:
        s = Session.load(path, read_only=True)
    except InputError as exc:
        title = session_title(path) or ""
        ended = _has_end_record(path)
        return SessionInfo(path, title, "", "", None, None, modified, ended, str(exc), held)
    try:
        return SessionInfo(
            path,
            clean_line(s.plan.title),
            clean_line(s.plan.name),
            clean_line(s.step.title),
            len(s.pending()),
            s.created,
            modified,
            s.ended,
            None,
            held,
        )
    finally:
        s.close()


def info_of(path: Path) -> SessionInfo:
    """:class:`SessionInfo` of one session file (one read-only load)."""
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    return _info(path, modified)


def _unfinished_infos(base: Path, now: float | None) -> Iterator[SessionInfo]:
    """The sessions :func:`find_unfinished` offers, newest first, each read once, lazily.

    Ended meetings older than three days are not replayed (their end record says enough);
    every other session is loaded read-only, so "ended" and "pending" are the replayed
    state's, not a guess from the file."""
    if now is None:
        now = time.time()
    for p in iter_session_files(base):
        try:
            st = p.stat()
            if not stat.S_ISREG(st.st_mode):  # a FIFO named like a session would hang the read
                continue
            recent = now - st.st_mtime < RECENT_ENDED_S
            if not recent and _has_end_record(p):
                continue
            info = _info(p, st.st_mtime)
        except OSError:
            continue
        if not info.ended or (recent and info.pending):
            yield info


def list_unfinished(base: Path, *, now: float | None = None) -> list[SessionInfo]:
    """The unfinished sessions for the start screen, newest first: title, current step,
    pending lines, dates and who has each open (the sessions :func:`find_unfinished` finds)."""
    return list(_unfinished_infos(base, now))


def pick_for_resume(infos: list[SessionInfo]) -> SessionInfo | None:
    """What ``--resume`` opens among ``infos`` (newest first): the newest session that still
    has lines not copied, else the newest."""
    return next((i for i in infos if i.pending), infos[0] if infos else None)


def find_for_resume(base: Path, *, now: float | None = None) -> Path | None:
    """The session ``--resume`` opens (see :func:`pick_for_resume`); None when no meeting is
    unfinished. Reads sessions newest first only until one with pending lines is found."""
    newest: Path | None = None
    for info in _unfinished_infos(base, now):
        if info.pending:
            return info.path
        if newest is None:
            newest = info.path
    return newest


def _same_meeting(info: SessionInfo, meeting: MeetingPlan | str) -> bool:
    if isinstance(meeting, str):
        key = clean_line(meeting)
        return bool(key) and key in (info.name, info.title)
    return (info.title, info.name) == (clean_line(meeting.title), clean_line(meeting.name))


def unfinished_for(
    base: Path, meeting: MeetingPlan | str, *, now: float | None = None
) -> list[SessionInfo]:
    """The unfinished sessions of ``meeting``, newest first: of a plan with the same title and
    name, or (a string) whose plan has that name or title. A session does not record the
    file it was started from, so the plan is what tells one meeting from another."""
    return [i for i in _unfinished_infos(base, now) if _same_meeting(i, meeting)]


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
