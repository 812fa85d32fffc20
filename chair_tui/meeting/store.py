"""Where sessions live on disk, and how they are written so nothing is ever lost.

A session is an append-only journal: one JSON record per line, each carrying a CRC32 of its
own body.  Every record is flushed and fsync'd before the change it describes is shown as
done.  A crash can tear only the record being written; the loader detects it (bad JSON or a
checksum mismatch on the last line) and reports it, never taking it for data.  A journal that
grows long is compacted into a single snapshot record, written to a temporary file, fsync'd and
renamed over the old one.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from chair_tui.meeting.errors import InputError, kind_of_file, read_bytes

ENV_DATA_DIR = "CHAIR_TUI_DATA_DIR"
APP_NAME = "chair-tui"


_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

MAX_SESSION_BYTES = 64 * 1024 * 1024
"""The most a session file may hold (a meeting of 5,000 entries is about 2 MiB)."""


def data_dir_path(override: str | Path | None = None) -> Path:
    """Where the data directory is (``--data-dir``, ``$CHAIR_TUI_DATA_DIR`` or XDG), without
    creating or checking it."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir(override: str | Path | None = None) -> Path:
    """The user data directory: ``--data-dir``, ``$CHAIR_TUI_DATA_DIR`` or XDG.

    Made 0700 when missing.  An existing one is used as it is (chair-tui never changes the
    mode of a directory it did not make: ``--data-dir /tmp`` must not lock others out of
    ``/tmp``), but must be a directory no one else can write to.  Raises :class:`InputError`
    when it is not a directory, cannot be made, or can be written by others.
    """
    return private_dir(data_dir_path(override), "the data directory", parents=True)


def sessions_dir(base: Path) -> Path:
    """``base/sessions``, made 0700 when missing (see :func:`private_dir`)."""
    return private_dir(base / "sessions", "the sessions folder", parents=True)


def private_dir(path: Path, what: str, *, parents: bool) -> Path:
    """``path`` as a directory of chair-tui's: made 0700 if missing, else checked.

    :class:`InputError` (one line naming ``what``) when it cannot be made, is not a directory
    (a file, ``/dev/null``), or can be written by its group or others.
    """
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InputError(path, f"cannot create {what}: {exc.strerror or exc}") from None
    else:
        try:
            os.chmod(path, 0o700)  # ours, just made: whatever the umask left
        except OSError:
            pass
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(path, f"cannot use {what}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(st.st_mode):
        kind = kind_of_file(st.st_mode) or "a file"
        raise InputError(path, f"{what} is {kind}, not a directory")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(
            path,
            f"{what} can be written by others (mode {stat.S_IMODE(st.st_mode):04o}); "
            "choose a private one (chair-tui keeps meeting records there)",
        )
    return path


def create_new(path: Path) -> None:
    """Create ``path`` empty with mode 0600; :class:`FileExistsError` if it already exists
    (a symbolic link, even a dangling one, counts: it is never followed)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o600)
    os.close(fd)


def encode_record(record: dict[str, Any]) -> bytes:
    """One journal line: ``{"c":CRC,"r":BODY}`` and a newline.

    BODY is the record as compact JSON with sorted keys, and CRC the CRC-32 of exactly those
    bytes: the record is serialised once, and a reader can check the CRC on the bytes as they
    are in the file (:func:`decode_record`).
    """
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = body.encode("utf-8")
    return b'{"c":%d,"r":%b}\n' % (zlib.crc32(data), data)


@dataclass(frozen=True, slots=True)
class JournalRead:
    records: list[dict[str, Any]]
    torn_tail: str | None  # why the last record was rejected, if it was
    clean_end: bool = True  # the file ends with a newline (or is empty)


# The start of a line as encode_record writes it, up to the body.
_LINE_HEAD_RE = re.compile(rb'\{"c":(0|[1-9][0-9]{0,9}),"r":')


def _loads(text: str) -> Any:
    """``json.loads``, with JSON nested too deeply for the parser a damaged record
    (ValueError), like any other bad JSON, instead of a RecursionError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def decode_record(line: bytes) -> dict[str, Any]:
    """The record of one journal line (without its newline); ValueError if it is damaged.

    The CRC is over the record dumped as compact JSON with sorted keys.  A line written by
    :func:`encode_record` holds exactly those bytes as its body, so their CRC is checked on
    the slice of the line, without serialising the record again.  Any other line (an older
    chair-tui wrote the record unsorted) is checked the long way: parsed, dumped sorted, and
    the CRC taken over that.
    """
    head = _LINE_HEAD_RE.match(line)
    if head is not None and line.endswith(b"}"):
        body = line[head.end() : -1]
        if zlib.crc32(body) == int(head.group(1)):
            try:
                record = _loads(body.decode("utf-8"))
            except ValueError:  # UnicodeDecodeError included
                record = None
            if isinstance(record, dict):
                return record
    outer = _loads(line.decode("utf-8"))
    if not isinstance(outer, dict) or "r" not in outer or "c" not in outer:
        raise ValueError("not a journal record")
    record = outer["r"]
    if not isinstance(record, dict):
        raise ValueError("record is not an object")
    dumped = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if zlib.crc32(dumped.encode("utf-8")) != outer["c"]:
        raise ValueError("checksum mismatch")
    return record


def read_journal(path: Path) -> JournalRead:
    """All intact records; a damaged *last* record is reported, a damaged earlier one is fatal."""
    try:
        data = read_bytes(path, max_bytes=MAX_SESSION_BYTES)
    except InputError as exc:
        raise InputError(exc.path, f"cannot read session: {exc.message}") from None
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
        complete_tail = True
    else:
        complete_tail = False
    records: list[dict[str, Any]] = []
    torn: str | None = None
    for i, raw in enumerate(raw_lines, start=1):
        last = i == len(raw_lines)
        try:
            records.append(decode_record(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            if last:
                torn = (
                    f"record {i} is incomplete ({exc}); it was being written when the app stopped"
                )
                break
            raise InputError(path, f"damaged session record ({exc})", i) from None
    # A last record that parsed but whose newline never reached the disk is complete; the file
    # must still be rewritten before anything is appended to it (clean_end is False).
    return JournalRead(records, torn, complete_tail or not raw_lines)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A new temp file's name beside ``path``: ``.{name}.{pid}.{random}.tmp``, recognisable
    (:func:`remove_stale_temps`) and unpredictable."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(8).hex()}.tmp")


def open_temp(path: Path, mode: int = 0o600) -> tuple[Path, int]:
    """A new temp file beside ``path`` (see :func:`temp_name`), opened for writing with
    exclusive, no-follow creation: never an existing file, never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
    for _ in range(100):
        tmp = temp_name(path)
        try:
            return tmp, os.open(tmp, flags, mode)
        except FileExistsError:
            continue  # 64 random bits taken: only a planted name can do that
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a new temp file (0600), fsync and rename.

    The rename replaces ``path`` itself, so a symbolic link at ``path`` becomes a file: what
    it pointed to is never written.  Anything else that is not a file (a device such as
    ``/dev/null``, a FIFO, a directory) is refused with :class:`OSError`: a rename would put a
    file in its place.  On any failure the temp file is removed and ``path`` is as it was.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OSError(errno.EINVAL, "not a regular file: it would be replaced", str(path))
    tmp, fd = open_temp(path)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)


def write_new_file(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` as the new file ``path`` (at most ``mode``), all or nothing.

    The data goes to a temp file first, which is then linked to ``path``: a link is made only
    if nothing (not even a dangling symbolic link) is at ``path``, so no file is ever replaced
    or written through (:class:`FileExistsError`), and a failure or a kill part way never
    leaves a ``path`` that looks complete.
    """
    tmp, fd = open_temp(path, mode)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        publish(tmp, path)
    finally:
        _unlink_quietly(tmp)


def publish(tmp: Path, path: Path) -> None:
    """Give the complete file ``tmp`` the name ``path`` too, unless something is at ``path``
    (:class:`FileExistsError`).  The caller removes ``tmp``."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # a file system without hard links: rename, having checked nothing is there
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.rename(tmp, path)
    _fsync_dir(path.parent)


# what follows ".{name}." in a temp file's name: {pid}.tmp (older chair-tui) or
# {pid}.{random}.tmp (temp_name)
_TEMP_TAIL_RE = re.compile(r"(?P<pid>[0-9]+)(?:\.[0-9a-f]{8,32})?\.tmp")


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete the temp files :func:`atomic_write` left beside ``path`` when its process died
    before the rename (a crash during compaction). Only files of processes that are gone are
    removed; what the file replaced is intact, so nothing is lost. Returns what was removed."""
    if os.name != "posix":  # no cheap, harmless way to ask whether a pid is alive
        return []
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    prefix = f".{path.name}."
    for name in names:
        m = _TEMP_TAIL_RE.fullmatch(name, len(prefix)) if name.startswith(prefix) else None
        if m is None or _alive(int(m.group("pid"))):
            continue
        stale = path.with_name(name)
        try:
            stale.unlink()
        except OSError:
            continue
        removed.append(stale)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # ours: a write in progress in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours to signal
        return True
    return True


class JournalWriter:
    """Appends records to a journal file, fsync'ing each one.

    An append either lands whole or not at all: if writing or syncing fails, the bytes written
    so far are cut off again, so the file never holds a record the session did not apply.
    """

    def __init__(self, path: Path, *, sync: bool = True) -> None:
        self.path = path
        self.sync = sync
        self._fd: int | None = None
        self._good_size: int | None = None  # where a failed append must be cut back to
        # records after the journal's snapshot (or header): those appended since it was
        # compacted, and those Session.load found after it
        self.records_written = 0

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return self._fd

    def append(self, record: dict[str, Any]) -> None:
        data = encode_record(record)
        fd = self._open()
        if self._good_size is not None:
            # an earlier append failed and could not be cut back: try again before writing
            os.ftruncate(fd, self._good_size)
            self._good_size = None
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if self.sync:
                os.fsync(fd)
        except BaseException:
            try:
                os.ftruncate(fd, start)
            except OSError:
                self._good_size = start
            raise
        self.records_written += 1

    def replace_all(self, records: list[dict[str, Any]]) -> None:
        """Compact: write ``records`` as the whole journal, atomically."""
        self.close()
        atomic_write(self.path, b"".join(encode_record(r) for r in records))
        self._good_size = None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def move_aside(path: Path, reason: str) -> Path:
    """Rename a damaged session out of the way (never delete it) and return the new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while os.path.lexists(target):  # a dangling link counts: never replaced
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    try:
        # the reason can quote the session's text: private, like the session itself
        why = target.with_name(target.name + ".why")
        fd = os.open(why, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(reason + "\n")
    except OSError:
        pass
    return target


def iter_session_files(base: Path) -> Iterator[Path]:
    d = base / "sessions"
    if not d.is_dir():
        return
    yield from sorted(d.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True)
