"""One meeting, one window: an exclusive ``flock`` beside the session file.

A session open for writing holds ``<session>.lock`` (mode 0600, holding the pid and the time it
was taken) locked with ``fcntl.flock(LOCK_EX | LOCK_NB)`` for as long as it is open. The kernel
drops the lock when the process ends, however it ends, so a crash never leaves a stale lock.
Another process that finds the lock taken opens the meeting read-only and can say who holds it
(:class:`Holder`). A clean release removes the lock file; one left by a crash is harmless
(nobody holds its lock) and is reused.

Within one process the lock is shared: the holder is the process (one window), and a session
loaded twice by the same process (tests, ``find_unfinished``) does not lock itself out.
"""

from __future__ import annotations

import fcntl
import os
import time
from dataclasses import dataclass
from pathlib import Path

from chair_tui.meeting.errors import InputError


@dataclass(frozen=True, slots=True)
class Holder:
    """The process that holds a session's lock, as its lock file says."""

    pid: int | None
    since: float | None

    def describe(self) -> str:
        """``open in pid N since HH:MM`` (local time), or as much of it as is known."""
        who = f"pid {self.pid}" if self.pid is not None else "another process"
        if self.since is None:
            return f"open in {who}"
        return f"open in {who} since {time.strftime('%H:%M', time.localtime(self.since))}"


class SessionLocked(InputError):
    """The session is open for writing in another process."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(path, f"this meeting is {holder.describe()}")
        self.holder = holder


def lock_path(session: Path) -> Path:
    return session.with_name(session.name + ".lock")


# Locks this process holds: lock file path -> [fd, users]
_HELD: dict[Path, list[int]] = {}


def _read_holder(fd: int) -> Holder:
    try:
        raw = os.pread(fd, 100, 0).decode("ascii", "replace").split()
    except OSError:
        raw = []
    pid: int | None = None
    since: float | None = None
    try:
        pid = int(raw[0])
        since = float(raw[1])
    except (IndexError, ValueError):
        pass
    if since is not None and not (0 <= since < 1e11):
        since = None
    return Holder(pid, since)


def _lock_fd(session: Path, path: Path) -> int:
    """Open and lock ``path``: its descriptor, or :class:`SessionLocked`.

    A releasing holder removes the file; a process that opened it just before then would hold
    a lock on a file no longer there, so after locking, the path must still be the file locked
    (or the whole thing is tried again).
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(20):
        try:
            fd = os.open(path, flags, 0o600)
        except OSError as exc:
            raise InputError(session, f"cannot lock the session: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise SessionLocked(session, holder) from None
        except OSError as exc:
            os.close(fd)
            raise InputError(session, f"cannot lock the session: {exc.strerror or exc}") from None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)
    raise InputError(session, "cannot lock the session: its lock file keeps changing")


class SessionLock:
    """The lock on one session file; :meth:`release` (or the end of the process) frees it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._released = False

    @classmethod
    def acquire(cls, session: Path) -> SessionLock:
        """Take the lock of ``session``; :class:`SessionLocked` when another process has it."""
        path = lock_path(session).absolute()
        held = _HELD.get(path)
        if held is not None:
            held[1] += 1
            return cls(path)
        fd = _lock_fd(session, path)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {time.time():.0f}\n".encode("ascii"), 0)
        except OSError:
            pass  # the lock holds without its note
        _HELD[path] = [fd, 1]
        return cls(path)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        held = _HELD.get(self.path)
        if held is None:
            return
        held[1] -= 1
        if held[1] <= 0:
            del _HELD[self.path]
            # removed while still locked (see _lock_fd), then closing drops the flock
            try:
                self.path.unlink()
            except OSError:
                pass
            os.close(held[0])


def holder_of(session: Path) -> Holder | None:
    """Who holds ``session``'s lock now, or ``None`` when nobody does (never takes it)."""
    path = lock_path(session)
    if path.absolute() in _HELD:
        return Holder(os.getpid(), None)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read_holder(fd)
        return None
    finally:
        os.close(fd)
