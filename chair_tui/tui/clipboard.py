"""The one place that copies text to the clipboard.

Two routes are tried every time: OSC 52 through Textual (reaches the chair's own terminal,
also over SSH) and the system clipboard through pyperclip.  Either may be missing; a system
clipboard failure is not an error when OSC 52 was sent.  The system route runs a tool (xclip,
wl-copy, pbcopy…) that can hang, so it runs in a thread worker and is given up on after
:data:`SYSTEM_TIMEOUT` seconds; the interface never waits on it.  The caller shows
:attr:`CopyResult.status`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import pyperclip
from textual.app import App
from textual.worker import WorkerCancelled, WorkerFailed

SYSTEM_TIMEOUT = 3.0  # seconds a system clipboard tool gets before the copy goes on without it


@dataclass(frozen=True, slots=True)
class CopyResult:
    osc52: bool
    system: bool
    system_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.osc52 or self.system

    @property
    def state(self) -> str:
        """``"system"`` (on the system clipboard, confirmed), ``"sent"`` (OSC 52 only: sent to
        the terminal, which cannot confirm it) or ``"none"`` (not copied)."""
        return "system" if self.system else "sent" if self.osc52 else "none"

    @property
    def status(self) -> str:
        mark = {"system": "✓ ", "sent": "↗ sent ", "none": ""}[self.state]
        return mark + self._routes()

    def _routes(self) -> str:
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


class NotOnClipboard(RuntimeError):
    """The system clipboard tool did not keep the text (pyperclip does not say so itself)."""


READ_BACK_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.0)  # seconds after each read that differs


def pyperclip_copy(text: str) -> None:
    """The system clipboard route: pyperclip, looked up at each call (tests replace it).

    pyperclip ignores the exit status of xclip/xsel (no X server: nothing copied, no error),
    so the text is read back: what the clipboard does not hold was not copied.
    """
    pyperclip.copy(text)
    # xclip serves the selection from a process it forks after reading the text: a read right
    # away can still get what was there before, so the read is tried again a few times
    for pause in READ_BACK_PAUSES:
        if pyperclip.paste() == text:
            return
        time.sleep(pause)
    raise NotOnClipboard("the system clipboard did not keep the text")


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__


async def copy_text(
    app: App[Any],
    text: str,
    osc52: Callable[[str], bool],
    system: Callable[[str], None] = pyperclip_copy,
    *,
    timeout: float = SYSTEM_TIMEOUT,
) -> CopyResult:
    """Copy ``text`` by both routes; ``osc52`` returns whether a terminal was there to send to.

    ``system`` runs in a thread worker of ``app``; past ``timeout`` seconds the copy is
    reported without the system clipboard (the thread is left to finish on its own).
    """
    try:
        sent = osc52(text)
    except Exception:  # a terminal write error must not lose the line
        sent = False
    worker = app.run_worker(
        partial(system, text),
        name="system clipboard",
        group="clipboard",
        thread=True,
        exit_on_error=False,
    )
    try:
        # shielded: a time-out must not cancel the wait from inside the worker's own task
        await asyncio.wait_for(asyncio.shield(worker.wait()), timeout)
    except TimeoutError:
        worker.cancel()
        return CopyResult(sent, False, f"the system clipboard did not answer in {timeout:g} s")
    except WorkerFailed as failed:  # pyperclip raises PyperclipException, or anything from a tool
        return CopyResult(sent, False, _first_line(failed.error))
    except WorkerCancelled:
        return CopyResult(sent, False, "the copy was cancelled")
    return CopyResult(sent, True)
