"""The help screen: every key, as the live keymap has it, built as ``Content``.

Each row is a key column, then the command's label and help; a help that wraps goes on under
itself (never under the keys), and the binding id for ``[keymap]`` ends it, dimmed and never
cut in two.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.plain import styled
from chair_tui.tui.widgets import Hanging

# The key column is as wide as the widest keys, up to this; longer keys get a row of their own.
KEY_WIDTH = 8
# The groups shown, with their headings, in order.
SECTIONS: tuple[tuple[str, tuple[commands.Command, ...]], ...] = (
    ("", commands.COMMANDS),  # headed by each command's own group
    ("Roll call (when the roster has the focus)", commands.ROLLCALL_COMMANDS),
    ("Composer (when it has the focus)", commands.COMPOSER_COMMANDS),
    ("Minutes view", commands.MINUTES_COMMANDS),
    ("Dialogs", commands.DIALOG_COMMANDS),
)


def sections() -> tuple[tuple[str, tuple[commands.Command, ...]], ...]:
    """:data:`SECTIONS`, then every other command of the key table under its own group."""
    listed = {c.id for _, section in SECTIONS for c in section}
    rest = tuple(c for c in commands.ALL_COMMANDS if c.id not in listed)
    return (*SECTIONS, ("", rest)) if rest else SECTIONS


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

    def body(self) -> Hanging:
        shown = sections()
        every = [c for _, section in shown for c in section]
        keys = {c.id: self.app.keys(c.id) for c in every}
        width = min(KEY_WIDTH, max(len(k) for k in keys.values()))
        blank = Content(" " * (width + 4))
        rows: list[tuple[Content, Content]] = []
        group = ""
        for heading, section in shown:
            for c in section:
                title = heading or c.group
                if title != group:
                    group = title
                    if rows:
                        rows.append((Content(""), Content("")))
                    rows.append((Content(""), styled(title, "bold")))
                key = keys[c.id]
                text = Content.assemble(f"{c.label}: {c.help}  ", (f"({c.id})", "dim"))
                if len(key) > width:
                    rows.append((Content.styled(f"  {key}", "bold"), Content("")))
                    rows.append((blank, text))
                else:
                    rows.append((Content.styled(f"  {key:>{width}}  ", "bold"), text))
        rows.extend(
            (
                (Content(""), Content("")),
                (Content(""), Content.styled("Typing", "bold")),
                (
                    Content("  "),
                    Content(
                        "Type text and press Enter. Raw MeetBot syntax such as '#agreed …' is "
                        "recognised and rewritten for the target bot."
                    ),
                ),
            )
        )
        return Hanging(rows)

    def action_close(self) -> None:
        self.dismiss(None)
