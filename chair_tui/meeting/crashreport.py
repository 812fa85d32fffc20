"""The crash report: what an unexpected exception leaves behind instead of a traceback.

When the command line or the TUI meets an exception nobody planned for, the chair sees one
line (:func:`crash_line`) and the traceback goes to a private file the chair can attach to a
bug report.  The terminal never shows the traceback: a frame's text can quote the meeting.

The report holds the traceback (no local variables), chair-tui's version, Python's and the
platform's.  It is a new file ``crash-YYYYMMDD-HHMMSS-<random>.txt``, created mode 0600 with
``O_EXCL | O_NOFOLLOW`` (never through a planted link, never over another file):

* under ``<data_dir>/crash/`` (made 0700 when missing; an existing one must be a directory
  of this user that no one else can write to, or it is not used);
* else, when there is no data dir or it cannot be used (the data dir itself may be what went
  wrong), in the system temp dir (:func:`tempfile.gettempdir`), named
  ``chair-tui-crash-YYYYMMDD-HHMMSS-<random>.txt`` so it can be told from other programs';
* else, when even that fails (a full or read-only disk), nowhere: :func:`write_crash_report`
  returns :data:`NO_REPORT` and :func:`crash_line` says that no report could be written.

:func:`write_crash_report` never raises.
"""

from __future__ import annotations

import os
import platform
import stat
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from chair_tui import __version__
from chair_tui.meeting.errors import printable

__all__ = ["NO_REPORT", "crash_line", "write_crash_report"]

NO_REPORT = Path(os.devnull)
"""What :func:`write_crash_report` returns when no report could be written anywhere."""

MAX_REPORT_CHARS = 1024 * 1024
"""A report is cut at this size: an exception's message can quote a whole file."""

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def report_text(exc: BaseException) -> str:
    """The text of the report on ``exc``: versions, then the traceback without locals.

    Control characters in the traceback (a file name, a line quoted in a message) are
    escaped, so ``cat`` of the report cannot drive a terminal.
    """
    head = [
        f"chair-tui {__version__}",
        f"Python {platform.python_version()} ({sys.implementation.name})",
        f"Platform {platform.platform()}",
        f"Time {datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
    ]
    try:
        trace = traceback.format_exception(exc)
    except Exception:  # a broken __str__ must not stop the report
        trace = [f"{type(exc).__module__}.{type(exc).__qualname__} (its message cannot be shown)"]
    body = "".join(trace)
    if len(body) > MAX_REPORT_CHARS:
        body = body[:MAX_REPORT_CHARS] + "\n[report cut here]\n"
    lines = [printable(line, keep="\t") for line in body.splitlines()]
    return "\n".join(head + lines) + "\n"


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S") + "-" + os.urandom(4).hex()


def _write_new(dir_fd: int, name: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW
    fd = os.open(name, flags, 0o600, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(name, dir_fd=dir_fd)
        except OSError:
            pass
        raise
    os.close(fd)


def _open_private_dir(path: Path, *, create: bool) -> int:
    """An fd of directory ``path`` (made 0700 if ``create`` and missing); OSError unless it
    is a real directory (not a link) of this user that no one else can write to."""
    if create:
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
    fd = os.open(path, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW)
    try:
        st = os.fstat(fd)
        if not stat.S_ISDIR(st.st_mode):
            raise NotADirectoryError(str(path))
        if hasattr(os, "geteuid") and (
            st.st_uid != os.geteuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        ):
            raise PermissionError(f"{path} is not private")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write_in(directory: Path, name: str, data: bytes, *, private: bool) -> Path:
    if private:
        dir_fd = _open_private_dir(directory, create=True)
    else:  # the shared temp dir: a new, unpredictable, exclusive, no-follow name is safe
        dir_fd = os.open(directory, os.O_RDONLY | _O_DIRECTORY)
    try:
        _write_new(dir_fd, name, data)
    finally:
        os.close(dir_fd)
    return directory / name


def write_crash_report(exc: BaseException, *, data_dir: Path | None) -> Path:
    """Write the report on ``exc`` and return its path; :data:`NO_REPORT` if none could be
    written.  Never raises (see the module's docstring for where it goes)."""
    try:
        data = report_text(exc).encode("utf-8", "backslashreplace")
    except Exception:
        data = f"chair-tui {__version__}\n(the traceback could not be formatted)\n".encode()
    stamp = _stamp()
    if data_dir is not None:
        try:
            return _write_in(Path(data_dir) / "crash", f"crash-{stamp}.txt", data, private=True)
        except Exception:
            pass
    try:
        temp = Path(tempfile.gettempdir())
        return _write_in(temp, f"chair-tui-crash-{stamp}.txt", data, private=False)
    except Exception:
        return NO_REPORT


def crash_line(path: Path) -> str:
    """The one line to print for a crash whose report is at ``path`` (ASCII only)."""
    if path == NO_REPORT:
        return "chair-tui: internal error; no crash report could be written (is the disk full?)"
    where = printable(str(path)).encode("ascii", "backslashreplace").decode("ascii")
    return (
        f"chair-tui: internal error; a report was written to {where}"
        " (please attach it to a bug report)"
    )
