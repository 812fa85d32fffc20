"""The meeting walk: outline, step panel, outbox, composer and status."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.minutes.live import live_minutes
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Event, open_for_window
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
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.keybar import KeyBar
from chair_tui.tui.minutes_view import SummaryPane
from chair_tui.tui.palette import MeetingCommands
from chair_tui.tui.plain import plain
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.after_actions import AfterScreen
from chair_tui.tui.screens.help import HelpScreen
from chair_tui.tui.screens.minutes import MinutesScreen
from chair_tui.tui.screens.previous_actions import PreviousActions
from chair_tui.tui.screens.step_panel import step_body, step_heading
from chair_tui.tui.widgets import Outbox, StartBlock, StepOutline, fmt_duration

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
    "vote",
    "late_arrival",
    "chairs",
    "reopen_meeting",
}


# What makes no sense once the meeting has ended (only copying, the views and taking the end
# back, while its line is pending, remain).
AFTER_END_HIDDEN = frozenset(
    {
        "compose",
        "undo",
        "next_step",
        "prev_step",
        "goto_step",
        "add_topic",
        "move_topic",
        "no_objections",
        "next_meeting",
        "late_arrival",
        "chairs",
        "vote",
        "end_meeting",
    }
)


_ENDED_PLACEHOLDER = "the meeting has ended: nothing more to record"


class MeetingScreen(AfterScreen):
    """The meeting walk: outline, step panel, outbox, composer and status."""

    BINDINGS = commands.bindings()
    AUTO_FOCUS = "#outbox"
    COMMANDS = {MeetingCommands}

    topbar = getters.query_one("#topbar", Static)
    step_panel = getters.query_one("#step-panel", Static)
    step_extra = getters.query_one("#step-extra", Vertical)
    step_outline = getters.query_one(StepOutline)

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
            yield ComposerInput(
                id="composer", select_on_focus=False, placeholder=self.default_placeholder()
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
        self.composer.placeholder = (
            "the meeting has ended: nothing more to record"
            if s.ended
            else self.default_placeholder()
        )
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
        if want == "previous":
            return PreviousActions(self.previous_open(), id="previous-actions")
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
        if want == "previous" and extra.query(PreviousActions):
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
                if s.ended and any(s.line(i).kind is Kind.END for i in ids):
                    self.file_in_ledger()  # the bot has the meeting's actions now
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
        if action == "copy_summary":
            return s.ended
        # False hides a key (nothing to offer), None shows it dimmed (not now)
        if action == "reopen_meeting":
            return s.can_reopen()
        return not (s.ended and action in AFTER_END_HIDDEN)
