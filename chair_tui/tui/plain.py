"""Text is text: the one way a person's or a file's words reach the screen.

Every string that came from a person or a file (a title, a nick, a guest's name, a typed line,
a path, an error quoting a file) is shown as plain text, never parsed as markup: ``[b]``,
``[/]`` and ``[@click=app.quit]`` appear as typed. Control characters (C0 but tab, DEL, C1)
and the bidi controls U+202A–202E and U+2066–2069 would reach the terminal as they are from a
``Content`` or a Rich ``Text`` (an ESC starts an escape sequence there), so they are shown as
the visible escapes of :func:`chair_tui.meeting.errors.printable` (``\\x1b``, ``\\u202e``);
so is a tab, which would otherwise move the rest of the line (docs/reliability.md).

The fields a chair types into (:class:`PlainInput`) never hold a control character: IRC
colour codes and controls are dropped as they come in (a tab or a line break becomes a space),
as the lines made from them would drop them anyway; a bidi control is held as its visible
escape. What a field shows is what it holds, and what is recorded.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widgets import Input

from chair_tui.meeting.errors import printable
from chair_tui.meeting.text import without_controls


def shown(text: str) -> str:
    """``text`` as the screen shows it: every control character as a visible escape."""
    return printable(text)


def plain(text: str) -> Content:
    """``text`` as ``Content`` to show, never markup (see :func:`shown`)."""
    return Content(shown(text))


def styled(text: str, style: str) -> Content:
    """``text`` in ``style`` (a fixed style of the program's, never the text's own)."""
    return Content.styled(shown(text), style)


def notify(
    app: App[Any], text: str, *, severity: SeverityLevel = "information", timeout: float = 5
) -> None:
    """A toast holding ``text`` as plain text (see :func:`shown`)."""
    app.notify(shown(text), severity=severity, timeout=timeout, markup=False)


def field_text(text: str) -> str:
    """What a text field keeps of ``text`` typed, pasted or set into it: no control character
    (dropped, or a space where it separated words), a bidi control as its visible escape."""
    return shown(without_controls(text))


class PlainInput(Input):
    """A text field that never holds a control character (:func:`field_text`): a field's Rich
    ``Text`` would send it to the terminal as it is."""

    def validate_value(self, value: str) -> str:
        return field_text(value)

    def replace(self, text: str, start: int, end: int) -> None:
        # cleaned before it goes in, so the cursor lands after what is shown
        super().replace(field_text(text), start, end)
