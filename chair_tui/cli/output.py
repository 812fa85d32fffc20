"""Standard output as every command writes it: clean text, and one error if it cannot take it.

:class:`CleanOutput` stands between a command and ``sys.stdout``.  Every piece written goes
through :func:`~chair_tui.meeting.errors.printable` (a tab and a newline kept), so no text
from a file (a log line holding an OSC 52 escape, a bidi override) reaches the terminal as
anything but visible escapes, whatever command printed it.  A failure of the stream itself (a
full disk, ``/dev/full``, an encoding such as ``PYTHONIOENCODING=ascii`` that lacks a
character) becomes one :class:`OutputError`, which :func:`chair_tui.cli.main` reports in one
line; a closed pipe stays a :class:`BrokenPipeError` (``chair-tui render x | head``).
"""

from __future__ import annotations

import io
from typing import TextIO

from chair_tui.meeting.errors import printable

__all__ = ["CleanOutput", "OutputError"]


class OutputError(Exception):
    """Standard output cannot take the text; ``str()`` says why in a few words."""


class CleanOutput(io.TextIOBase):
    """A text stream writing to ``inner`` what :func:`printable` makes of the text."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self._inner = inner

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._inner, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing to close (``inner`` is not ours); also called when the wrapper is garbage
        collected, where a flush that fails again would print a traceback."""

    def write(self, s: str) -> int:
        try:
            self._inner.write(printable(s, keep="\t\n"))
        except UnicodeEncodeError as exc:
            raise OutputError(_unencodable(exc, self.encoding)) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None
        return len(s)

    def flush(self) -> None:
        try:
            self._inner.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None
        except ValueError:  # closed: nothing more can be written anyway
            pass


def _unencodable(exc: UnicodeEncodeError, encoding: str) -> str:
    char = exc.object[exc.start : exc.start + 1]
    shown = char.encode("ascii", "backslashreplace").decode("ascii")
    return (
        f"its encoding ({encoding}) has no character {shown}; "
        "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
    )
