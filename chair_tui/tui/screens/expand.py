"""The composer's tall view: a long text to review, with the lines it will be sent as.

A 785-character info cannot be read in a one-line field. Here the text wraps in a tall editor,
and below it every line the bot will receive is listed with its size in bytes against the
limit, so "349/350 bytes" is seen to be one of three lines, not "nearly over".
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from chair_tui.tui import commands
from chair_tui.tui.commands import bindings
from chair_tui.tui.plain import plain

# (the lines with their bytes, or an error) for a text
Previewer = Callable[[str], tuple[list[tuple[str, int]], str | None]]

EXPAND_COMMANDS = commands.EXPAND_COMMANDS


class ExpandScreen(ModalScreen[str]):
    """A tall editor for the composer's text, with the lines it will make."""

    BINDINGS = bindings(EXPAND_COMMANDS)
    DEFAULT_CSS = """
    ExpandScreen { align: center middle; }
    #expand-box { width: 90%; height: 90%; border: heavy $accent; padding: 0 1; }
    #expand-title { text-style: bold; }
    #expand-text { height: 1fr; }
    #expand-lines { height: auto; max-height: 12; }
    """

    def __init__(self, title: str, text: str, preview: Previewer, limit: int) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._preview = preview
        self._limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(id="expand-box"):
            yield Static(plain(self._title), id="expand-title")
            area = TextArea(self._text, soft_wrap=True, id="expand-text", show_line_numbers=False)
            yield area
            yield Static(id="expand-lines")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self._show(self._text)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        self._show(event.text_area.text)

    def _show(self, text: str) -> None:
        lines, error = self._preview(_one_line(text))
        out = self.query_one("#expand-lines", Static)
        if error:
            out.update(plain(f"✗ {error}"))
            return
        n = len(lines)
        rows = [plain(f"Sent as {n} line{'s' if n != 1 else ''} (limit {self._limit} bytes):")]
        for i, (line, size) in enumerate(lines, start=1):
            head = line if len(line) <= 60 else line[:59] + "…"
            rows.append(plain(f"{i:>2}. {size:>3} bytes  {head}"))
        out.update(Content("\n").join(rows))

    def action_close(self) -> None:
        self.dismiss(_one_line(self.query_one(TextArea).text))


def _one_line(text: str) -> str:
    """The composer holds one line: line breaks typed here become spaces."""
    return " ".join(text.split())
