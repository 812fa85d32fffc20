"""Where sessions live on disk, and how they are written so nothing is ever lost.

A session is an append-only journal: one JSON record per line, each carrying a CRC32 of its
own body.  Every record is flushed and fsync'd before the change it describes is shown as
done.  A crash can tear only the record being written; the loader detects it (bad JSON or a
checksum mismatch on the last line) and reports it, never taking it for data.  A journal that
grows long is compacted into a single snapshot record, written to a temporary file, fsync'd and
renamed over the old one.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from chair_tui.meeting.errors import InputError

ENV_DATA_DIR = "CHAIR_TUI_DATA_DIR"
APP_NAME = "chair-tui"


def data_dir(override: str | Path | None = None) -> Path:
    """The user data directory (created 0700): ``--data-dir``, ``$CHAIR_TUI_DATA_DIR`` or XDG."""
    if override:
        path = Path(override).expanduser()
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR]).expanduser()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        path.chmod(0o700)
    except OSError:
        pass
    return path


def sessions_dir(base: Path) -> Path:
    """``base/sessions``, created 0700."""
    d = base / "sessions"
    if not d.is_dir():
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            d.chmod(0o700)
        except OSError:
            pass
    return d


def create_new(path: Path) -> None:
    """Create ``path`` empty with mode 0600; :class:`FileExistsError` if it already exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
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
                record = json.loads(body.decode("utf-8"))
            except ValueError:  # UnicodeDecodeError included
                record = None
            if isinstance(record, dict):
                return record
    outer = json.loads(line.decode("utf-8"))
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
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read session: {exc.strerror or exc}") from None
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


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file, fsync and rename (0600)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete the temp files :func:`atomic_write` left beside ``path`` when its process died
    before the rename (a crash during compaction). Only files of processes that are gone are
    removed; what the file replaced is intact, so nothing is lost. Returns what was removed."""
    if os.name != "posix":  # no cheap, harmless way to ask whether a pid is alive
        return []
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid_text = name[len(prefix) : -len(".tmp")]
        if not pid_text.isdigit() or _alive(int(pid_text)):
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
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    try:
        # the reason can quote the session's text: private, like the session itself
        why = target.with_name(target.name + ".why")
        fd = os.open(why, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
