"""The live minutes: the minutes as they stand, over the meeting screen.

Opened and closed by the ``show_minutes`` key (``M``; ``minutes_close``, Escape, closes it
too). It shows what the bot will record from the lines copied so far and — marked — what the
pending lines will add and the lines sent by OSC 52 only, every item under the topic the bot
files it under, the actions by person as the bot will assign them, and what reaches no minutes.
The meeting screen tells it of every change of the session (:meth:`MinutesScreen.refresh_minutes`),
so it follows a copy that finishes while it is open.
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from chair_tui.meeting.minutes.live import LiveMinutes, live_minutes
from chair_tui.meeting.session import Session
from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.minutes_view import Rows, legend, minutes_rows
from chair_tui.tui.plain import plain


class MinutesScreen(Screen[None]):
    """The minutes as they stand: a scrollable page, updated as lines are recorded and copied."""

    BINDINGS = commands.bindings((commands.BY_ID["show_minutes"], *commands.MINUTES_COMMANDS))
    AUTO_FOCUS = "#minutes-scroll"
    app = getters.app(ChairBase)
    head = getters.query_one("#minutes-head", Static)
    rows = getters.query_one("#minutes-rows", Rows)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.live: LiveMinutes | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="minutes-head", markup=False)
        yield Static(id="minutes-legend")
        with VerticalScroll(id="minutes-scroll"):
            yield Rows(id="minutes-rows")
        yield Static(id="minutes-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        key = self.app.key
        self.query_one("#minutes-hint", Static).update(
            Content.from_markup(
                "$close or $minutes closes · ↑ ↓ PgUp PgDn Home End scroll",
                close=key("minutes_close"),
                minutes=key("show_minutes"),
            )
        )
        self.refresh_minutes()

    def refresh_minutes(self) -> None:
        """Read the minutes again from the session (after any change)."""
        s = self.session
        live = live_minutes(s, sent_only=self.app.sent_only)
        self.live = live
        state = "ended" if live.ended else "running" if live.running else "not started"
        self.head.update(
            plain(f"Minutes as they stand · {s.plan.title} [{s.profile.name}] · {state}")
        )
        self.query_one("#minutes-legend", Static).update(legend(live))
        self.rows.show(minutes_rows(live))

    def action_show_minutes(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
