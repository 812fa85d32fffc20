"""The help screen: every key, as the live keymap has it, built as ``Content``."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase

# The groups shown, with their headings, in order.
SECTIONS: tuple[tuple[str, tuple[commands.Command, ...]], ...] = (
    ("", commands.COMMANDS),  # headed by each command's own group
    ("Roll call (when the roster has the focus)", commands.ROLLCALL_COMMANDS),
    ("Composer (when it has the focus)", commands.COMPOSER_COMMANDS),
    ("Minutes view", commands.MINUTES_COMMANDS),
    ("Dialogs", commands.DIALOG_COMMANDS),
)


class HelpScreen(ModalScreen[None]):
    """Every key binding, grouped, with its id for ``[keymap]``."""

    BINDINGS = commands.bindings((commands.BY_ID["help_close"],))
    app = getters.app(ChairBase)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label(
                Content.from_markup(
                    "chair-tui keys  ($close closes)", close=self.app.key("help_close")
                ),
                id="prompt-title",
            )
            with VerticalScroll():
                yield Static(self.body(), id="help-body")

    def body(self) -> Content:
        rows: list[Content] = []
        group = ""
        for heading, section in SECTIONS:
            for c in section:
                title = heading or c.group
                if title != group:
                    group = title
                    rows.extend((Content(""), Content.styled(title, "bold")))
                rows.append(self._row(c))
        rows.extend(
            (
                Content(""),
                Content.styled("Typing", "bold"),
                Content(
                    "  Type text and press Enter. Raw MeetBot syntax such as '#agreed …' is "
                    "recognised and rewritten for the target bot."
                ),
            )
        )
        return Content("\n").join(rows)

    def _row(self, c: commands.Command) -> Content:
        key = self.app.keys(c.id)
        return Content.assemble(
            ("  " + f"{key:>8}", "bold"),
            f"  {c.label}: {c.help}  ",
            (f"({c.id})", "dim"),
        )

    def action_close(self) -> None:
        self.dismiss(None)
