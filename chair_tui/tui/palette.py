"""The command palette's meeting commands: only those the meeting screen allows now.

A command whose action ``check_action`` refuses or dims (no objections outside minutes
approval, recording after the end…) is not offered. Each is listed by its label, with its help
and its keys as the key bar shows them (``[``, not ``left_square_bracket``), remaps included.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase

# Quit and help are the app's own palette entries already (Quit, Keys).
SKIPPED = frozenset({"quit", "help"})


class MeetingCommands(Provider):
    """The meeting screen's commands that can run now."""

    def available(self) -> Iterator[tuple[commands.Command, str]]:
        """Each command the screen allows now, with its help line."""
        screen = self.screen
        for c in commands.COMMANDS:
            if c.id in SKIPPED:
                continue
            _, name, params = parse_action(c.action)
            if screen.check_action(name, params) is not True:
                continue
            yield c, f"{c.help} (key: {self.keys(c)})"

    def keys(self, command: commands.Command) -> str:
        """The command's keys as the key bar shows them, remaps included."""
        app = self.app
        if isinstance(app, ChairBase):
            return app.keys(command.id)
        return " / ".join(
            app.get_key_display(Binding(key, "")) for key in command.key.split(",") if key
        )

    async def discover(self) -> Hits:
        for c, help_text in self.available():
            yield DiscoveryHit(
                c.label, partial(self.screen.run_action, c.action), text=c.label, help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for c, help_text in self.available():
            score = matcher.match(c.label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(c.label),
                    partial(self.screen.run_action, c.action),
                    text=c.label,
                    help=help_text,
                )
