"""The meeting screen's recording: the composer, the keys that record, undo and roll call."""

from __future__ import annotations

from textual import getters, on
from textual.widgets import Label, Static

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.rawpolicy import Route, Verdict, policy
from chair_tui.meeting.session import Session
from chair_tui.meeting.votes import undo_effect
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.messages import (
    AddGuest,
    LeaveComposer,
    MarkAttendance,
    ToggleSecretary,
    WriteRollCall,
)
from chair_tui.tui.plain import plain
from chair_tui.tui.screens.expand import ExpandScreen
from chair_tui.tui.screens.modals import TextPrompt
from chair_tui.tui.screens.outbox_base import cut_text
from chair_tui.tui.screens.walk_actions import WalkScreen


class RecordScreen(WalkScreen):
    """Recording on the meeting screen (the layer between the walk and the whole screen)."""

    kind_label = getters.query_one("#kind", Label)
    composer = getters.query_one(ComposerInput)
    lint_line = getters.query_one("#lint", Static)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.kind = Kind.INFO

    # ------------------------------------------------------------------ actions: record

    def action_compose(self, kind: str) -> None:
        self.kind = Kind(kind)
        s = self.session
        if self.kind is not Kind.NOTE and not s.profile.supports(self.kind):
            self.status(
                s.profile.notes.get(self.kind, f"{s.profile.label} has no {kind}"), error=True
            )
            return
        verb = s.profile.command(self.kind) if self.kind is not Kind.NOTE else "note"
        self.kind_label.update(plain(f"{verb} ›"))
        key = self.app.key
        what = "the nick(s), then the action" if self.kind is Kind.ACTION else f"the {kind}"
        self.composer.placeholder = (
            f"type {what}; {key('composer_record')} records, {key('composer_leave')} clears, "
            f"{key('composer_expand')} expands"
        )
        self.composer.focus()
        self._lint(self.composer.value)

    def default_placeholder(self) -> str:
        key = self.app.key
        return (
            f"{key('compose_info')}/{key('compose_decision')}/{key('compose_action')}/"
            f"{key('compose_link')}… then type; {key('composer_record')} records"
        )

    @on(ComposerInput.Hint)
    def _composer_hint(self, event: ComposerInput.Hint) -> None:
        self.lint_line.update(plain(event.text))
        self.lint_line.set_class(False, "error")

    @on(ComposerInput.Expand)
    def _composer_expand(self) -> None:
        s = self.session
        composer = self.composer
        kind = self.kind

        def preview(text: str) -> tuple[list[tuple[str, int]], str | None]:
            p = s.preview(parse_composed(text, kind, s.profile.prefix + "#"))
            return list(zip(p.lines, p.bytes_used, strict=True)), p.error

        def back(text: str | None) -> None:
            if text is not None:
                composer.value = text
                composer.cursor_position = len(text)
            composer.focus()

        title = f"{self.kind_label.content} — the whole text"
        self.app.push_screen(ExpandScreen(str(title), composer.value, preview, s.max_bytes), back)

    def action_no_objections(self) -> None:
        s = self.session
        if self._guard(s.record, Entry(Kind.DECISION, "no objections")) is not None:
            self.status(f"Recorded {s.profile.command(Kind.DECISION)} no objections")

    @on(ComposerInput.Changed, "#composer")
    def _composer_changed(self, event: ComposerInput.Changed) -> None:
        self._lint(event.value)

    def _lint(self, value: str) -> None:
        text, error = "", False
        if value.strip():
            text, error = self.typed_check(value, self.kind)
        self.lint_line.update(plain(text))
        self.lint_line.set_class(error, "error")

    @on(ComposerInput.Submitted, "#composer")
    def _composer_submitted(self, event: ComposerInput.Submitted) -> None:
        value = event.value
        if not value.strip():
            return
        s = self.session
        if s.read_only:
            self._read_only_refusal()
            return
        decision = policy(s.profile, value)
        if decision.verdict is Verdict.ROUTE and decision.route is not None:
            # a start, end or undo typed raw does what its key does, confirmation included
            event.input.value = ""
            self.outbox.focus()
            self._route(decision.route)
            return
        why, refused = self.typed_check(value, self.kind)
        if refused:  # kept in the composer to fix; the reason is on the check line
            self.status(why.removeprefix("✗ "), error=True)
            self.app.bell()
            return
        entry = parse_composed(value, self.kind, s.profile.prefix + "#")
        if not s.started and s.step.kind == "start" and not self._emit_start():
            return  # the start lines as edited on this step go first
        rec = self._guard(s.record, entry)
        if rec is None:
            return
        event.input.value = ""
        self.composer.placeholder = self.default_placeholder()
        self.outbox.focus()
        lines = [s.line(i).text for i in rec.line_ids]
        note = f" ({'; '.join(rec.notes)})" if rec.notes else ""
        if self._copy_on_record(rec.line_ids):
            self.status(f"Recorded and copied {len(lines)} line(s): paste them now{note}")
            return
        self.status(f"Queued {len(lines)} line(s): {cut_text(lines[-1])}{note}")

    def _copy_on_record(self, line_ids: tuple[int, ...] | list[int]) -> bool:
        """Copy the lines just recorded at once, when the config allows it, nothing else is
        pending and they fit one paste-safe chunk."""
        s = self.session
        if not self.app.config.copy_on_record or self._copying or not self.can_copy_now():
            return False
        pending = [ln.id for ln in s.pending()]
        chunk = s.next_chunk()
        if pending != list(line_ids) or [ln.id for ln in chunk] != pending:
            return False
        self.action_copy_chunk()
        return True

    def _route(self, route: Route) -> None:
        """A raw start, end or undo from the composer: the action of its key."""
        if route is Route.END:
            self.action_end_meeting()
        elif route is Route.UNDO:
            self.action_undo()
        elif self.session.started:
            self.status("The meeting has already started", error=True)
        elif self.session.step.kind == "start":
            self.action_next_step()
        else:
            self._guard(self.session.start)
            self.status("Queued the start lines")

    @on(LeaveComposer)
    def _leave_composer(self) -> None:
        self.composer.placeholder = self.default_placeholder()
        self.lint_line.update("")
        self.outbox.focus()

    def action_undo(self) -> None:
        s = self.session
        live = s.live_entries()
        vote = bool(live) and any(n.startswith("vote result:") for n in live[-1].notes)
        msg = self._guard(s.undo)
        if msg:
            # a closed vote: say what the bot's #undo takes back on this bot
            extra = f" ({undo_effect(s.profile)})" if vote and "#" in msg else ""
            self.status(f"Undo: {msg}{extra}")

    # ------------------------------------------------------------------ roll call

    @on(MarkAttendance)
    def _mark(self, event: MarkAttendance) -> None:
        self._guard(self.session.set_attendance, event.nick, event.state)

    @on(ToggleSecretary)
    def _secretary(self, event: ToggleSecretary) -> None:
        s = self.session
        self._guard(s.set_secretary, "" if s.secretary == event.nick else event.nick)

    @on(AddGuest)
    def _guest(self) -> None:
        def added(name: str | None) -> None:
            if name and name.strip():
                self._guard(self.session.add_guest, name)

        self.app.push_screen(
            TextPrompt("Guest: Name (nick) — the nick is optional; with it, actions can be theirs"),
            added,
        )

    @on(WriteRollCall)
    def _emit_rollcall(self) -> None:
        recs = self._guard(self.session.emit_rollcall)
        if recs:
            self.status(
                f"Queued {len(recs)} roll-call line(s); {self.app.key('copy_chunk')} copies them"
            )
            self.outbox.focus()
