"""The notes screen: the compiled notes in the outbox, to edit and copy, beside the minutes.

``chair-tui notes NOTES`` opens it (:class:`NotesApp`).  The lines come from
:func:`~chair_tui.meeting.notes.compile_notes` as a
:class:`~chair_tui.meeting.notes.outbox.NotesOutbox`, in order, each topic's ``#topic`` line
heading its group; the meeting screen's widgets show them: the
:class:`~chair_tui.tui.widgets.Outbox` (copy the next chunk, copy one line, edit or delete a
pending line) and the live minutes rows
(what the bot will record, under which topic, who gets each action).  Copies go through the
app's one clipboard path (``copy_lines``).  The timed mode (``paced_copy``) waits the
:class:`~chair_tui.meeting.pacing.Pacer`'s countdown before the next chunk, on the app's clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from chair_tui.meeting.minutes.live import live_minutes
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.notes import Compiled
from chair_tui.meeting.notes.outbox import NotesOutbox
from chair_tui.meeting.pacing import Pacer
from chair_tui.meeting.rawpolicy import refusal
from chair_tui.meeting.session import COPIED, PENDING
from chair_tui.meeting.text import utf8_len
from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.config import Config
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.messages import CopyLine
from chair_tui.tui.minutes_view import Rows, legend, minutes_rows
from chair_tui.tui.plain import plain
from chair_tui.tui.screens.modals import EditPrompt
from chair_tui.tui.widgets import Outbox

# The keys of this screen not yet in commands.py (the key table of the round): moved there.
NOTES_COMMANDS: tuple[commands.Command, ...] = (commands.BY_ID["paced_copy"],)
_REUSED = ("copy_chunk", "copy_line", "edit_line", "delete_line", "quit", "help")


class NotesScreen(Screen[None]):
    """The compiled notes, pending, with the minutes they make."""

    BINDINGS = [
        *commands.bindings(tuple(commands.BY_ID[i] for i in _REUSED)),
        *commands.bindings(NOTES_COMMANDS),
    ]
    DEFAULT_CSS = """
    NotesScreen #notes-body { height: 1fr; }
    NotesScreen Outbox { width: 3fr; height: 1fr; }
    NotesScreen #notes-minutes { width: 2fr; height: 1fr; border-left: solid $primary; }
    NotesScreen #notes-status { height: auto; padding: 0 1; }
    NotesScreen #notes-status.error { color: $text-error; }
    """
    AUTO_FOCUS = "Outbox"
    app = getters.app(ChairBase)
    outbox = getters.query_one(Outbox)
    rows = getters.query_one("#notes-rows", Rows)
    status_line = getters.query_one("#notes-status", Static)

    def __init__(self, notes: NotesOutbox) -> None:
        super().__init__()
        self.notes = notes
        self.pacer: Pacer | None = None
        self._copying = False

    def compose(self) -> ComposeResult:
        s = self.notes
        yield Static(
            plain(f"Notes for {s.plan.title} [{s.profile.name}] · {len(s.shown_lines())} lines"),
            id="notes-head",
        )
        with Horizontal(id="notes-body"):
            yield Outbox(id="notes-outbox")
            with VerticalScroll(id="notes-minutes"):
                yield Static(id="notes-legend")
                yield Rows(id="notes-rows")
        yield Static(id="notes-status")
        yield KeyBar()

    def on_mount(self) -> None:
        for line in self.notes.shown_lines():
            self.outbox.add_line(line)
        if self.outbox.option_count:
            self.outbox.highlighted = 0
        warnings = sum(1 for n in self.notes.compiled.notes if n.warning)
        self.status(f"{warnings} warning(s) in the notes (chair-tui compile lists them)")
        self.refresh_minutes()

    # ------------------------------------------------------------------ display

    def status(self, text: str, *, error: bool = False) -> None:
        self.status_line.update(plain(text))
        self.status_line.set_class(error, "error")

    def refresh_minutes(self) -> None:
        live = live_minutes(self.notes, sent_only=self.app.sent_only)
        self.query_one("#notes-legend", Static).update(legend(live))
        self.rows.show(minutes_rows(live))

    # ------------------------------------------------------------------ copying

    def _copy(self, ids: list[int]) -> None:
        if self._copying:
            return
        if self.pacer is not None:
            wait = self.pacer.remaining(self.app.clock(), len(ids))
            if wait > 0:
                self.status(f"Paced: the next chunk in {wait:.1f} s", error=True)
                self.app.bell()
                return
        self._copying = True
        self._copy_worker(ids, [self.notes.line(i).text for i in ids])

    @work(group="copy")
    async def _copy_worker(self, ids: list[int], texts: list[str]) -> None:
        try:
            result = await self.app.copy_lines(texts)
        finally:
            self._copying = False
        if not result.ok:
            self.status(f"Not copied: {result.status}", error=True)
            self.app.bell()
            return
        newly = [i for i in ids if self.notes.line(i).state == PENDING]
        self.app.note_route(newly if not result.system else ids, result)
        self.notes.mark_copied(newly)
        for i in ids:
            self.outbox.update_line(self.notes.line(i))
        self.refresh_minutes()
        left = sum(1 for ln in self.notes.shown_lines() if ln.state == PENDING)
        done = f"{'Copied' if result.system else 'Sent'} {len(texts)} line(s). {left} pending."
        if self.pacer is not None:
            wait = self.pacer.copied(len(texts), self.app.clock())
            done += f" Next chunk in {wait:.1f} s." if wait > 0 else ""
        self.status(done)

    def action_copy_chunk(self) -> None:
        chunk = self.notes.next_chunk()
        if not chunk:
            self.status("Nothing pending to copy")
            return
        self._copy([ln.id for ln in chunk])

    def action_copy_line(self) -> None:
        line_id = self.outbox.selected_line_id()
        if line_id is None:
            pending = [ln for ln in self.notes.shown_lines() if ln.state == PENDING]
            if not pending:
                self.status("Nothing pending to copy")
                return
            line_id = pending[0].id
        self._copy([line_id])

    @on(CopyLine)
    def _copy_selected(self, event: CopyLine) -> None:
        self._copy([event.line_id])

    def action_paced_copy(self) -> None:
        self.pacer = Pacer() if self.pacer is None else None
        state = "on: after each chunk, a countdown before the next" if self.pacer else "off"
        self.status(f"Paced copy {state}")

    # ------------------------------------------------------------------ editing

    def edit_check(self, value: str) -> tuple[str, bool]:
        """The check of an edited line: one line the raw-command policy passes, within the
        byte limit."""
        text = value.strip()
        if not text:
            return "✗ an edited line cannot be empty: delete it instead", True
        why = refusal(self.notes.profile, text)
        if why is not None:
            return f"✗ {why}", True
        size = utf8_len(text)
        if size > self.notes.max_bytes:
            return f"✗ {size}/{self.notes.max_bytes} bytes: shorten it", True
        return f"{size}/{self.notes.max_bytes} bytes", False

    def action_edit_line(self) -> None:
        line_id = self.outbox.selected_line_id()
        if line_id is None:
            return
        line = self.notes.line(line_id)
        if line.state == COPIED:
            self.status("That line was already copied", error=True)
            return

        def edited(text: str | None) -> None:
            if text is None or self.edit_check(text)[1]:
                return
            self.notes.edit_line(line_id, text.strip())
            self.outbox.update_line(self.notes.line(line_id))
            self.refresh_minutes()

        self.app.push_screen(EditPrompt("Edit the line", line.text, check=self.edit_check), edited)

    def action_delete_line(self) -> None:
        line_id = self.outbox.selected_line_id()
        if line_id is None or self.notes.line(line_id).state == COPIED:
            return
        self.notes.delete_line(line_id)
        self.outbox.update_line(self.notes.line(line_id))
        self.refresh_minutes()

    def action_quit(self) -> None:
        self.app.exit()

    def action_show_help(self) -> None:
        self.status(
            "c copies the next chunk, y one line, ctrl+e edits, Delete deletes, P paced copy"
        )


class NotesApp(ChairBase):
    """The app of ``chair-tui notes``: the notes screen alone."""

    TITLE = "chair-tui notes"
    CSS_PATH = [str(Path(__file__).parent.parent / "app.tcss")]

    def __init__(
        self,
        compiled: Compiled,
        plan: MeetingPlan,
        *,
        config: Config | None = None,
        clock: Callable[[], float] = time.time,
        system_clipboard: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(config=config, clock=clock, system_clipboard=system_clipboard)
        self.notes = NotesOutbox(compiled, plan, clock=self.clock)

    def get_default_screen(self) -> Screen[Any]:
        return NotesScreen(self.notes)
