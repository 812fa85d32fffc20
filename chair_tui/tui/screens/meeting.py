"""The meeting walk: outline, step panel, outbox, composer and status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual import getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.minutes.live import live_minutes
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.rawpolicy import Route, Verdict, policy
from chair_tui.meeting.render import render_entries
from chair_tui.meeting.session import Event, Session, open_for_window
from chair_tui.meeting.session.records import (
    AgendaChanged,
    AttendanceSet,
    EntryRecorded,
    EntryUndone,
    GuestChanged,
    LineDeleted,
    LineEdited,
    LinesCopied,
    MeetingEnded,
    SecretarySet,
    StepEntered,
)
from chair_tui.tui import commands
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.messages import (
    AddGuest,
    LeaveComposer,
    MarkAttendance,
    ToggleSecretary,
    WriteRollCall,
)
from chair_tui.tui.minutes_view import SummaryPane
from chair_tui.tui.palette import MeetingCommands
from chair_tui.tui.plain import plain
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.minutes import MinutesScreen
from chair_tui.tui.screens.modals import Confirm, StepPicker, TextPrompt
from chair_tui.tui.screens.outbox_base import OutboxScreen
from chair_tui.tui.screens.step_panel import step_body, step_heading
from chair_tui.tui.widgets import ComposerInput, Outbox, StartBlock, StepOutline, fmt_duration

# Actions that cannot run while a copy is on its way to the clipboard (they would copy the
# same pending lines twice).
COPY_ACTIONS = frozenset({"copy_chunk", "copy_line"})
# Actions that record, change or copy: none runs in a read-only window (the meeting is open
# for writing in another process).
CHANGE_ACTIONS = COPY_ACTIONS | {
    "next_step",
    "prev_step",
    "goto_step",
    "add_topic",
    "move_topic",
    "end_meeting",
    "compose",
    "next_meeting",
    "no_objections",
    "undo",
    "edit_line",
    "delete_line",
}


class MeetingScreen(OutboxScreen):
    """The meeting walk: outline, step panel, outbox, composer and status."""

    BINDINGS = commands.bindings()
    AUTO_FOCUS = "#outbox"
    COMMANDS = {MeetingCommands}

    topbar = getters.query_one("#topbar", Static)
    step_panel = getters.query_one("#step-panel", Static)
    step_extra = getters.query_one("#step-extra", Vertical)
    step_outline = getters.query_one(StepOutline)
    kind_label = getters.query_one("#kind", Label)
    composer = getters.query_one(ComposerInput)
    lint_line = getters.query_one("#lint", Static)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.kind = Kind.INFO

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="topbar", markup=False)
        with Horizontal(id="body"):
            yield StepOutline(id="outline")
            with Vertical(id="main"):
                yield Static(id="step-panel")
                with Vertical(id="step-extra"):
                    # The first step's extra part is composed, not mounted after the
                    # first frame, so start-up lays the screen out once.
                    extra = self._extra_widget(self._extra_wanted(self.session.step.kind))
                    if extra is not None:
                        yield extra
                yield Outbox(id="outbox")
        with Horizontal(id="composer-row"):
            yield Label("info ›", id="kind")
            key = self.app.key
            yield ComposerInput(
                id="composer",
                select_on_focus=False,
                placeholder=f"{key('compose_info')}/{key('compose_decision')}/"
                f"{key('compose_action')}/{key('compose_link')}… then type; Enter records",
            )
        yield Static(id="lint")
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_session()
        self.set_interval(1.0, self._tick)
        s = self.session
        if s.read_only:
            self.status(f"Read-only: {self.read_only_reason()}", error=True)
        elif s.torn_tail:
            self.status(f"Recovered the session; {s.torn_tail}", error=True)
        else:
            self.status(
                f"Saved after every change as {s.path.name} (resume: chair-tui --resume)"
                if s.path
                else "This meeting is not being saved"
            )

    # ------------------------------------------------------------------ display

    def _show_session(self) -> None:
        """Show the whole of :attr:`session` and follow its changes."""
        s = self.session
        s.add_listener(self._on_record)
        self.composer.roster = s.roster()
        self.outbox.load(s)
        self.step_outline.show(s)
        self._show_step()
        self._tick()

    def action_reload(self) -> None:
        """Read-only: load the meeting again, as the window that has it open saved it. If that
        window has closed meanwhile, this one takes the meeting over (and can record)."""
        old = self.session
        if not old.read_only or old.path is None:
            return
        try:
            new = open_for_window(old.path, clock=old.clock)
        except InputError as exc:  # NewerFormatError too; a read-only window moves nothing
            self.status(f"Could not reload: {exc}", error=True)
            self.app.bell()
            return
        old.close()
        self.session = self.app.session = new
        self._show_session()
        self.refresh_bindings()
        if new.read_only:
            self.status(f"Reloaded. Read-only: {self.read_only_reason()}", error=True)
        else:
            self.status("Reloaded: the other window has closed, so this one now records and copies")

    def _tick(self) -> None:
        s = self.session
        step = s.step
        steps = s.steps
        parts = [
            f"{s.plan.title}",
            f"[{s.profile.name}]",
            f"meeting {fmt_duration(s.elapsed())}",
            f"{step.label(steps)} {fmt_duration(s.step_elapsed())}",
        ]
        box = s.timebox()
        over = False
        if box:
            used = s.step_elapsed()
            parts[-1] += f" / {box:d}:00"
            if used > box * 60:
                over = True
                parts.append(f"OVER TIME by {fmt_duration(used - box * 60)}")
        if s.ended:
            parts.append("ENDED")
        if s.read_only:
            held = s.held_by
            parts.insert(0, f"READ-ONLY ({held.describe() if held else 'opened read-only'})")
        self.topbar.update(plain("  ·  ".join(parts)))
        self.topbar.set_class(over, "overtime")

    def _show_step(self) -> None:
        s = self.session
        self._show_extra(s.step.kind)
        self._show_summary()
        if s.step.kind == "rollcall" and not s.ended:
            for roster in self.query(RosterTable):
                roster.show(s)
        self.step_panel.update(Content("\n").join([step_heading(s), step_body(s, self.app.key)]))
        # What the step allows (no objections, the next-meeting line…) has changed.
        self.refresh_bindings()

    def _extra_wanted(self, kind: str) -> str:
        if self.session.ended:
            return "summary"
        return "start" if kind == "start" and not self.session.started else kind

    def _extra_widget(self, want: str) -> Widget | None:
        if want == "start":
            return StartBlock(self._start_lines(), id="start-block")
        if want == "rollcall":
            return RosterTable(self.session, id="roster")
        if want == "summary":
            return SummaryPane(id="summary")
        return None

    def _show_extra(self, kind: str) -> None:
        """Mount the start lines or the roster only while their step is shown."""
        extra = self.step_extra
        want = self._extra_wanted(kind)
        if want == "start" and extra.query(StartBlock):
            return
        if want == "rollcall" and extra.query(RosterTable):
            return
        if want == "summary" and extra.query(SummaryPane):
            return
        if extra.children:
            focused = self.focused
            if focused is not None and extra in focused.ancestors:
                # The start lines or the roster had the focus: give it to the outbox, not
                # to whatever widget Textual would pick next.
                self.outbox.focus()
            extra.remove_children()
        widget = self._extra_widget(want)
        if widget is not None:
            extra.mount(widget)
            if isinstance(widget, SummaryPane):
                # the keys that scroll it work at once; c and y still copy the end line
                self.call_after_refresh(widget.focus)

    def _focus_roster(self) -> None:
        for roster in self.query(RosterTable):
            roster.focus()

    def _start_lines(self) -> list[str]:
        s = self.session
        lines = render_entries(s.start_block(), s.profile, max_bytes=s.max_bytes)
        return [ln.text for ln in lines]

    def _on_record(self, event: Event) -> None:
        s = self.session
        outbox = self.outbox
        match event:
            case EntryRecorded(lines=lines, opens=opens):
                for ln in lines:
                    outbox.add_line(s.line(ln.id))
                if opens:
                    self.step_outline.show(s)
                outbox.follow(s)
            case LinesCopied(ids):
                for i in ids:
                    outbox.update_line(s.line(i))
                outbox.follow(s)
            case LineEdited(line=line) | LineDeleted(line=line):
                outbox.update_line(s.line(line))
            case EntryUndone(removed=removed, lines=lines):
                for i in removed:
                    outbox.update_line(s.line(i))
                for ln in lines:
                    outbox.add_line(s.line(ln.id))
                outbox.follow(s)
            case AttendanceSet() | GuestChanged() | SecretarySet():
                self._show_step()
            case StepEntered() | AgendaChanged() | MeetingEnded():
                self.step_outline.show(s)
                self._show_step()
                self._tick()
        self.query_one(ComposerInput).roster = s.roster()
        if s.ended and not isinstance(event, (StepEntered, AgendaChanged, MeetingEnded)):
            self._show_step()  # the summary and its count of lines still to paste
        self.minutes_changed()

    def _show_summary(self) -> None:
        """After the end: the summary, from the minutes the bot will write."""
        for pane in self.query(SummaryPane):
            pane.show(live_minutes(self.session, sent_only=self.app.sent_only))

    # ------------------------------------------------------------------ helpers

    def _arrive(self) -> None:
        """Queue the opening lines of the step we arrived at (once)."""
        s = self.session
        if s.step.kind == "rollcall":
            self.call_after_refresh(self._focus_roster)
        if s.step.kind not in ("start", "end") and s.step.id not in s.opened_steps:
            recs = self._guard(s.open_step)
            if recs:
                self.status(
                    f"{s.step.label(s.steps)}: queued {sum(len(r.line_ids) for r in recs)} "
                    f"line(s); press {self.app.key('copy_chunk')} to copy"
                )

    def _emit_start(self) -> bool:
        s = self.session
        if s.started:
            return True
        blocks = list(self.query(StartBlock))
        lines = blocks[0].lines if blocks else self._start_lines()
        entries = [
            parse_composed(line, Kind.NOTE, s.profile.prefix) for line in lines if line.strip()
        ]
        if not entries or entries[0].kind is not Kind.START:
            self.status("The start lines must begin with the start-meeting command", error=True)
            return False
        return self._guard(s.open_step, entries) is not None

    # ------------------------------------------------------------------ actions: walk

    def action_next_step(self) -> None:
        s = self.session
        if s.step.kind == "start" and not self._emit_start():
            return
        before = s.step_index
        self._guard(s.next_step)
        if s.step_index != before:
            self._arrive()

    def action_prev_step(self) -> None:
        self._guard(self.session.prev_step)

    def action_goto_step(self) -> None:
        s = self.session
        labels = [f"{st.label(s.steps)} — {st.title}" for st in s.steps]

        def chosen(index: int | None) -> None:
            if index is None:
                return
            if s.step.kind == "start" and index > 0 and not self._emit_start():
                return
            self._guard(s.goto, index)
            self._arrive()

        self.app.push_screen(StepPicker(labels, s.step_index), chosen)

    def action_add_topic(self) -> None:
        def added(title: str | None) -> None:
            if not title or not title.strip():
                return
            index = self._guard(self.session.add_topic, title)
            if index is not None:
                st = self.session.steps[index]
                self.status(
                    f"Added {st.label(self.session.steps)}: {st.title} "
                    f"({self.app.key('goto_step')} to jump there)"
                )

        self.app.push_screen(TextPrompt("New topic (added after the current one)"), added)

    def action_move_topic(self, delta: int) -> None:
        step = self.session.step
        if step.kind != "topic" or step.topic is None:
            self.status("Only an agenda topic can be moved", error=True)
            return
        self._guard(self.session.move_topic, step.topic, delta)

    def action_end_meeting(self) -> None:
        s = self.session
        if s.ended:
            self.status("The meeting has already ended", error=True)
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            if not s.started:
                self.status(
                    f"Start the meeting first ({self.app.key('next_step')} on the Start step)",
                    error=True,
                )
                return
            end_index = len(s.steps) - 1
            if s.step_index != end_index:
                self._guard(s.goto, end_index)
            if self._guard(s.end) is not None:
                self.status(
                    f"Meeting ended: {s.profile.command(Kind.END)} queued; "
                    f"{self.app.key('copy_chunk')} copies it"
                )

        self.app.push_screen(
            Confirm(f"End the meeting now? {s.profile.command(Kind.END)} will be queued."),
            confirmed,
        )

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
        self.composer.focus()
        self._lint(self.composer.value)

    def action_next_meeting(self) -> None:
        self.action_compose("info")
        composer = self.composer
        # a week from today is the usual answer; the chair edits it if not
        week = datetime.fromtimestamp(self.session.clock(), UTC) + timedelta(days=7)
        composer.value = f"Next meeting: {week:%A %Y-%m-%d}"
        composer.cursor_position = len(composer.value)

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
        self.outbox.focus()
        lines = [s.line(i).text for i in rec.line_ids]
        note = f" ({'; '.join(rec.notes)})" if rec.notes else ""
        self.status(f"Queued {len(lines)} line(s): {lines[-1][:60]}{note}")

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
        self.outbox.focus()

    def action_undo(self) -> None:
        msg = self._guard(self.session.undo)
        if msg:
            self.status(f"Undo: {msg}")

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

        self.app.push_screen(TextPrompt("Guest's name (as it should appear in the minutes)"), added)

    @on(WriteRollCall)
    def _emit_rollcall(self) -> None:
        recs = self._guard(self.session.emit_rollcall)
        if recs:
            self.status(
                f"Queued {len(recs)} roll-call line(s); {self.app.key('copy_chunk')} copies them"
            )
            self.outbox.focus()

    def action_focus_outbox(self) -> None:
        self.outbox.focus()

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_show_minutes(self) -> None:
        self.app.push_screen(MinutesScreen(self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        s = self.session
        if action == "reload":
            return s.read_only  # only a read-only window has it (hidden elsewhere)
        if s.read_only and action in CHANGE_ACTIONS:
            return None
        if action in COPY_ACTIONS and self._copying:
            return None
        if action == "no_objections":
            return True if s.step.kind == "approval" else None
        if action == "next_meeting":
            return True if s.step.kind == "open" else None
        if action in ("compose", "undo", "next_step", "add_topic") and s.ended:
            return None
        return True
