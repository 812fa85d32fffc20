"""The command palette's meeting commands: only those the meeting screen allows now.

A command whose action ``check_action`` refuses or dims (no objections outside minutes
approval, recording after the end…) is not offered. Each is listed by its label, with its help
and its key as the live keymap has it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.actions import parse as parse_action
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
        app = self.app
        for c in commands.COMMANDS:
            if c.id in SKIPPED:
                continue
            _, name, params = parse_action(c.action)
            if screen.check_action(name, params) is not True:
                continue
            key = app.key(c.id) if isinstance(app, ChairBase) else c.key
            yield c, f"{c.help} (key: {key})"

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
