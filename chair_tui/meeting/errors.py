"""Errors about the chair's files, worded for a one-line message."""

from __future__ import annotations

import functools
import os
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
_JSON_ESCAPES: dict[int, str] = {code: f"\\u{code:04x}" for code in UNSAFE_CODE_POINTS}


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with every character of :data:`UNSAFE_CODE_POINTS` but those in ``keep``
    written as a visible escape (``\\n``, ``\\x1b``, ``\\x9b``, ``\\u202e``), so that a file
    name or a log line holding a newline or a terminal escape still gives one harmless line.

    The one helper every writer of text uses: error messages with nothing kept, output lines
    with ``keep="\\t"``.  Linear in the length of ``text``.
    """
    return text.translate(_escapes_keeping(keep))


@functools.cache
def _escapes_keeping(keep: str) -> dict[int, str]:
    return {k: v for k, v in _ESCAPES.items() if chr(k) not in keep}


def json_printable(dumped: str) -> str:
    """JSON text (``json.dumps`` output) with every :data:`UNSAFE_CODE_POINTS` character that
    ``json.dumps`` leaves raw (DEL, C1, bidi) written as a ``\\uNNNN`` escape: the same data,
    safe to print.  Such characters can only stand inside JSON strings, where the escape is
    valid."""
    return dumped.translate(_JSON_ESCAPES)


MAX_INPUT_BYTES = 8 * 1024 * 1024


def read_text(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a UTF-8 text file, turning every way it can fail into an :class:`InputError`."""
    p = Path(path)
    try:
        if os.path.isdir(p):
            raise InputError(p, "is a directory, not a file")
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(p, f"too large (over {max_bytes // (1024 * 1024)} MiB)")
    if b"\x00" in data:
        raise InputError(p, "looks like a binary file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(p, "not valid UTF-8 text", line, col) from None
    return text.removeprefix("\ufeff")
