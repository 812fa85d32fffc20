"""The composer: the one-line field where the chair types what to record."""

from __future__ import annotations

from chair_tui.tui import commands
from chair_tui.tui.messages import LeaveComposer
from chair_tui.tui.plain import PlainInput, notify


class ComposerInput(PlainInput):
    """The composer's text field: Tab completes a nick from the roster."""

    BINDINGS = commands.bindings(commands.COMPOSER_COMMANDS)

    roster: list[str] = []

    def action_complete(self) -> None:
        value = self.value[: self.cursor_position]
        start = value.rfind(" ") + 1
        prefix = value[start:].lstrip("@").lower()
        if not prefix:
            return
        matches = [n for n in self.roster if n.lower().startswith(prefix)]
        if len(matches) != 1:
            if matches:
                notify(self.app, "matches: " + " ".join(matches), timeout=3)
            return
        nick = matches[0]
        rest = self.value[self.cursor_position :]
        self.value = self.value[:start] + nick + " " + rest.lstrip(" ")
        self.cursor_position = start + len(nick) + 1

    def action_leave(self) -> None:
        self.post_message(LeaveComposer())
