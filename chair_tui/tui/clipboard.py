"""The one place that copies text to the clipboard.

Two routes are tried every time: OSC 52 through Textual (reaches the chair's own terminal,
also over SSH) and pyperclip (the local system clipboard).  Either may be missing; a pyperclip
failure is not an error when OSC 52 was sent.  The caller shows :attr:`CopyResult.status`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CopyResult:
    osc52: bool
    system: bool
    system_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.osc52 or self.system

    @property
    def status(self) -> str:
        routes = []
        if self.osc52:
            routes.append("OSC 52 (terminal)")
        if self.system:
            routes.append("system clipboard")
        if not routes:
            return "could not copy: select the line on screen and copy it by hand"
        text = "via " + " + ".join(routes)
        if self.osc52 and not self.system and self.system_error:
            text += "; no system clipboard (see docs/clipboard.md)"
        return text


def _pyperclip_copy(text: str) -> None:
    import pyperclip

    pyperclip.copy(text)


def copy_text(
    text: str,
    osc52: Callable[[str], bool],
    system: Callable[[str], None] = _pyperclip_copy,
) -> CopyResult:
    """Copy ``text`` by both routes; ``osc52`` returns whether a terminal was there to send to."""
    try:
        sent = osc52(text)
    except Exception:  # a terminal write error must not lose the line
        sent = False
    try:
        system(text)
        return CopyResult(sent, True)
    except Exception as exc:  # pyperclip raises PyperclipException, or anything from a backend
        return CopyResult(sent, False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
