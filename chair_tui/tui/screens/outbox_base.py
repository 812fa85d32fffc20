"""The outbox half of the meeting screen: copying, editing and deleting pending lines.

:class:`OutboxScreen` is the base of :class:`~chair_tui.tui.screens.meeting.MeetingScreen`:
the status line, the guard that turns a refusal into a status message, the clipboard with its
three outcomes (on the system clipboard, sent by OSC 52, not copied), and the check that an
edited line passes — the very check the composer makes of what is typed (see
:mod:`chair_tui.meeting.rawpolicy`).
"""

from __future__ import annotations

from typing import Any

from textual import getters, on, work
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from chair_tui.meeting.compose import composer_check, parse_composed
from chair_tui.meeting.pacing import Pacer
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.rawpolicy import refusal
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.session import COPIED, PENDING, Session, SessionError
from chair_tui.tui.base import ChairBase
from chair_tui.tui.messages import CopyLine
from chair_tui.tui.plain import plain
from chair_tui.tui.screens.minutes import MinutesScreen
from chair_tui.tui.screens.modals import EditPrompt
from chair_tui.tui.widgets import Outbox


class OutboxScreen(Screen[None]):
    """What the meeting screen does with its outbox; the screen supplies :attr:`session`."""

    app = getters.app(ChairBase)
    outbox = getters.query_one(Outbox)
    status_line = getters.query_one("#status", Static)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._copying = False  # a copy is on its way to the clipboard
        # the timed mode: after each chunk, wait until the client has sent it (docs/notes.md)
        self.pacer = Pacer()
        self.paced = False

    # ------------------------------------------------------------------ display

    def status(self, text: str | Content, *, error: bool = False) -> None:
        """Show ``text`` on the status line; a string is shown as it is, never as markup."""
        self.status_line.update(plain(text) if isinstance(text, str) else text)
        self.status_line.set_class(error, "error")

    def _guard(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except (SessionError, RenderError) as exc:
            self.status(str(exc), error=True)
            self.app.bell()
        except OSError as exc:
            self.status(f"Could not save the session: {exc}", error=True)
            self.app.bell()
        return None

    def minutes_changed(self) -> None:
        """Show the change in the minutes view, if it is open over this screen."""
        for screen in self.app.screen_stack:
            if isinstance(screen, MinutesScreen) and screen.is_attached:
                screen.refresh_minutes()

    # ------------------------------------------------------------------ what was typed

    def typed_check(self, value: str, kind: Kind) -> tuple[str, bool]:
        """The live check of ``value`` typed as ``kind`` (NOTE: a raw line), and whether it is
        refused: the composer's and the line editor's one check."""
        s = self.session
        why = refusal(s.profile, value, kind, self.app.key)
        if why is not None:
            return f"✗ {why}", True
        return composer_check(s, parse_composed(value, kind, s.profile.prefix + "#"))

    def _edit_check(self, value: str) -> tuple[str, bool]:
        if not value.strip():
            return "✗ an edited line cannot be empty: delete it instead", True
        text, error = self.typed_check(value, Kind.NOTE)
        if error:
            return text, error
        s = self.session
        lines = s.preview(parse_composed(value, Kind.NOTE, s.profile.prefix + "#")).lines
        if len(lines) != 1:
            return (
                f"✗ this would become {len(lines)} lines: record it from the composer instead",
                True,
            )
        return text, False

    # ------------------------------------------------------------------ outbox / clipboard

    def _copy(self, ids: list[int], texts: list[str]) -> None:
        """Copy lines in a worker; the copy keys wait (dimmed) until the clipboard answers."""
        if self._copying:
            return
        self._copying = True
        self.refresh_bindings()
        self._copy_worker(ids, texts)

    @work(group="copy")
    async def _copy_worker(self, ids: list[int], texts: list[str]) -> None:
        try:
            result = await self.app.copy_lines(texts)
        finally:
            self._copying = False
            self.refresh_bindings()
        what = f"{len(texts)} line{'s' if len(texts) != 1 else ''}"
        if not result.ok:
            # nothing reached a clipboard: the lines stay pending, on screen to copy by hand
            self.status(f"Not copied ({what}): {result.status}", error=True)
            self.app.bell()
            return
        newly = [i for i in ids if self.session.line(i).state == PENDING]
        # the route first: marking them copied tells the minutes view, which shows it
        self.app.note_route(newly if not result.system else ids, result)
        self._guard(self.session.mark_copied, newly)
        if self.paced:
            wait = self.pacer.copied(len(texts), self.app.clock())
        for i in ids:  # a line copied again may now be confirmed (or only sent)
            if i not in newly:
                self.outbox.update_line(self.session.line(i))
        self.minutes_changed()
        left = len(self.session.pending())
        verb = "Copied" if result.system else "Sent"
        pace = f" Next chunk in {wait:.1f} s." if self.paced and wait > 0 else ""
        self.status(f"{verb} {what} {result.status}. {left} pending.{pace}")

    def on_mount(self) -> None:
        self.paced = self.app.config.paced_copy

    def can_copy_now(self, lines: int | None = None) -> bool:
        """Whether a chunk may be copied now: in the timed mode, not before the client has
        sent what was copied before (the status line counts down)."""
        if not self.paced:
            return True
        wait = self.pacer.remaining(self.app.clock(), lines)
        if wait <= 0:
            return True
        self.status(f"Paced copy: wait {wait:.1f} s before the next chunk (so nothing floods)")
        self.app.bell()
        return False

    def action_paced_copy(self) -> None:
        self.paced = not self.paced
        if self.paced:
            self.status(
                f"Paced copy on: after each chunk, {self.pacer.per_line:g} s a line "
                f"past {self.pacer.burst} before the next "
                f"({self.app.key('paced_copy')} turns it off)"
            )
        else:
            self.status("Paced copy off: chunks copy at once")

    def action_copy_chunk(self) -> None:
        chunk = self.session.next_chunk()
        if not chunk:
            self.status("Nothing pending to copy")
            return
        if not self.can_copy_now(len(chunk)):
            return
        self.outbox.show_chunk(self.session)  # what is copied is on screen, whole
        self._copy([ln.id for ln in chunk], [ln.text for ln in chunk])

    def action_copy_line(self) -> None:
        outbox = self.outbox
        line_id = outbox.selected_line_id() if outbox.has_focus else None
        if line_id is None:
            pending = self.session.pending()
            if not pending:
                self.status("Nothing pending to copy")
                return
            line_id = pending[0].id
        ln = self.session.line(line_id)
        self._copy([ln.id], [ln.text])

    @on(CopyLine)
    def _copy_selected(self, event: CopyLine) -> None:
        if self.session.read_only:
            self._read_only_refusal()
            return
        ln = self.session.line(event.line_id)
        self._copy([ln.id], [ln.text])

    def _read_only_refusal(self) -> None:
        self.status(f"Read-only: {self.read_only_reason()}", error=True)
        self.app.bell()

    def read_only_reason(self) -> str:
        held = self.session.held_by
        who = f"this meeting is {held.describe()}" if held else "opened read-only"
        return (
            f"{who}; nothing can be recorded or copied in this window "
            f"({self.app.key('reload')} shows it as saved now)"
        )

    def action_edit_line(self) -> None:
        line_id = self.outbox.selected_line_id()
        if line_id is None:
            return
        s = self.session
        ln = s.line(line_id)
        if ln.state == COPIED:
            self.status("That line was already copied: undo the entry instead", error=True)
            return

        def edited(text: str | None) -> None:
            if text is None:
                return
            message, error = self._edit_check(text)
            if error:  # the prompt refuses these; checked again in case the state changed
                self.status(message.removeprefix("✗ "), error=True)
                return
            entry = parse_composed(text, Kind.NOTE, s.profile.prefix + "#")
            new = s.preview(entry).lines[0]
            if self._guard(s.edit_line, line_id, new) is None and s.line(line_id).text == new:
                self.status(f"Edited the pending line: {cut_text(new)}")

        self.app.push_screen(
            EditPrompt("Edit the pending line", ln.text, check=self._edit_check), edited
        )

    def action_delete_line(self) -> None:
        line_id = self.outbox.selected_line_id()
        if line_id is None:
            return
        text = self.session.line(line_id).text
        if self._guard(self.session.delete_line, line_id) is None and (
            self.session.line(line_id).state != PENDING
        ):
            left = len(self.session.pending())
            self.status(f"Deleted the pending line: {cut_text(text)}. {left} pending.")


def cut_text(text: str, width: int = 60) -> str:
    """``text`` cut at a word boundary to about ``width`` characters, marked when cut."""
    if len(text) <= width:
        return text
    head = text[:width].rsplit(" ", 1)[0]
    return (head if len(head) > width // 2 else text[:width]) + "…"
