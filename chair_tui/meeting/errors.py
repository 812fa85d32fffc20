"""Errors about the chair's files, worded for a one-line message."""

from __future__ import annotations

import os
import unicodedata
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


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``), so that a file
    name holding a newline or a terminal escape still gives one harmless line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) == "Cc" else ch
        for ch in text
    )


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
