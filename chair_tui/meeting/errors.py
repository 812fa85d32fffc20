"""Errors about the chair's files, worded for a one-line message."""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import sys
from pathlib import Path


class InputError(Exception):
    """A file chair-tui cannot use; ``str()`` is the one-line message the chair sees."""

    def __init__(
        self,
        path: str | Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return printable(f"{where}: {self.message}")


_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
UNSAFE_CODE_POINTS: frozenset[int] = frozenset(
    (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI_CONTROLS)
)
"""What no text chair-tui writes may hold raw: the C0 controls, DEL, the C1 controls (0x80 to
0x9F, among them the 8-bit CSI and OSC) and the bidirectional controls U+202A to U+202E and
U+2066 to U+2069, which can make a line read differently from what it holds."""


def _escape(code: int) -> str:
    if code in (0x09, 0x0A, 0x0D):
        return chr(code).encode("unicode_escape").decode("ascii")  # \t, \n, \r
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ESCAPES: dict[int, str] = {code: _escape(code) for code in UNSAFE_CODE_POINTS}
# json.dumps escapes every C0 control in a string itself; the ones left in its output are the
# newlines and indents of its layout
_JSON_ESCAPES: dict[int, str] = {
    code: f"\\u{code:04x}" for code in UNSAFE_CODE_POINTS if code >= 0x20
}
_JSON_KEEPS = "".join(chr(c) for c in range(0x20))  # what json.dumps has escaped already


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with every character of :data:`UNSAFE_CODE_POINTS` but those in ``keep``
    written as a visible escape (``\\n``, ``\\x1b``, ``\\x9b``, ``\\u202e``), so that a file
    name or a log line holding a newline or a terminal escape still gives one harmless line.

    The one helper every writer of text uses: error messages with nothing kept, output lines
    with ``keep="\\t"``.  Linear in the length of ``text``.
    """
    unsafe = _unsafe_keeping(keep)
    if unsafe.search(text) is None:  # the usual case: nothing to escape, nothing copied
        return text
    return unsafe.sub(_escape_match, text)


def _escape_match(match: re.Match[str]) -> str:
    return _ESCAPES[ord(match.group())]


@functools.cache
def _unsafe_keeping(keep: str) -> re.Pattern[str]:
    """One character of :data:`UNSAFE_CODE_POINTS` not in ``keep`` (str.translate with a
    mapping looks every character up in it: some fifty times slower on a long log)."""
    chars = "".join(re.escape(chr(c)) for c in sorted(UNSAFE_CODE_POINTS) if chr(c) not in keep)
    return re.compile(f"[{chars}]")


def json_printable(dumped: str) -> str:
    """JSON text (``json.dumps`` output) with every :data:`UNSAFE_CODE_POINTS` character that
    ``json.dumps`` leaves raw (DEL, C1, bidi) written as a ``\\uNNNN`` escape: the same data,
    safe to print.  Such characters can only stand inside JSON strings, where the escape is
    valid."""
    unsafe = _unsafe_keeping(_JSON_KEEPS)
    if unsafe.search(dumped) is None:
        return dumped
    return unsafe.sub(lambda m: _JSON_ESCAPES[ord(m.group())], dumped)


MAX_INPUT_BYTES = 8 * 1024 * 1024
"""The most a file chair-tui reads may hold, unless its reader sets another cap."""

STDIN = "-"
"""The name that means standard input wherever a command reads a file."""

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def size_text(n: int) -> str:
    """``n`` bytes in the unit it is a whole number of: ``256 KiB``, ``8 MiB``."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def kind_of_file(mode: int) -> str | None:
    """What a file that is not a regular file is (``a FIFO``, ``a directory``), else None."""
    for test, what in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def _not_regular(path: str | Path, mode: int) -> InputError:
    what = kind_of_file(mode) or "not a regular file"
    if what == "a directory":
        return InputError(path, "is a directory, not a file")
    return InputError(path, f"is {what}, not a regular file")


def _os_error(path: str | Path, exc: OSError, doing: str = "read") -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    if exc.errno == errno.ELOOP:
        return InputError(path, "too many levels of symbolic links")
    return InputError(path, f"cannot {doing}: {exc.strerror or exc}")


def read_bytes(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (``-``: standard input), at most ``max_bytes``.

    Symbolic links to regular files are followed; anything else (a FIFO, a device, a
    directory, a socket) is refused at once, never waited on or read without end.  Every way
    it can fail is an :class:`InputError`.
    """
    if str(path) == STDIN:
        return _read_stdin(max_bytes)
    path = Path(path)  # named in messages as pathlib spells it
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket (or a device with no driver)
            try:
                raise _not_regular(path, os.stat(path).st_mode) from None
            except OSError:
                pass
        raise _os_error(path, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if st.st_size > max_bytes:
            raise InputError(path, f"too large (over {size_text(max_bytes)})")
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise InputError(path, f"too large (over {size_text(max_bytes)})")
    return data


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise InputError("<stdin>", "no standard input")
    try:
        chunks: list[bytes] = []
        got = 0
        while got <= max_bytes:
            chunk = stream.read(max_bytes + 1 - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise InputError("<stdin>", f"cannot read: {exc.strerror or exc}") from None
    if got > max_bytes:
        raise InputError("<stdin>", f"too large (over {size_text(max_bytes)})")
    return b"".join(chunks)


def read_text(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a UTF-8 text file (see :func:`read_bytes`: ``-`` is standard input), turning every
    way it can fail into an :class:`InputError`."""
    data = read_bytes(path, max_bytes=max_bytes)
    p = "<stdin>" if str(path) == STDIN else path
    if b"\x00" in data:
        raise InputError(p, "looks like a binary file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(p, "not valid UTF-8 text", line, col) from None
    return text.removeprefix("\ufeff")
