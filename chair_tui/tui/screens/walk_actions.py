"""The meeting screen's walk: moving between steps, the start lines, the agenda and the end."""

from __future__ import annotations

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import render_entries
from chair_tui.tui.roster import RosterTable
from chair_tui.tui.screens.modals import Confirm, StepPicker, TextPrompt
from chair_tui.tui.screens.outbox_base import OutboxScreen
from chair_tui.tui.widgets import StartBlock

# The bots that name the minutes' files after the meeting's name (#meetingname).
NAMES_FILES = frozenset({"zodbot", "openstack", "fedora-matrix"})


class WalkScreen(OutboxScreen):
    """Steps, start lines, agenda changes and the end (the base of the meeting screen)."""

    def _focus_previous(self) -> None:
        for widget in self.query("#previous-actions"):
            widget.focus()

    def _focus_roster(self) -> None:
        for roster in self.query(RosterTable):
            roster.focus()

    def _start_lines(self) -> list[str]:
        s = self.session
        lines = render_entries(s.start_block(), s.profile, max_bytes=s.max_bytes)
        return [ln.text for ln in lines]

    # ------------------------------------------------------------------ helpers

    def _arrive(self) -> None:
        """Queue the opening lines of the step we arrived at (once)."""
        s = self.session
        if s.step.kind == "rollcall":
            self.call_after_refresh(self._focus_roster)
        if s.step.kind == "previous":
            self.call_after_refresh(self._focus_previous)
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
            self.status(f"At {s.step.label(s.steps)}: {s.step.title}")
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
        s = self.session
        self._guard(s.move_topic, step.topic, delta)
        here = s.step
        self.status(f"Moved {here.title!r}: now {here.label(s.steps)}")

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

        question = f"End the meeting now? {s.profile.command(Kind.END)} will be queued."
        if not s.plan.name and s.profile.name in NAMES_FILES:
            question += (
                f" ⚠ The meeting has no name: {s.profile.label} files the minutes under the "
                "channel's name (set name in the meeting file for the group's own)."
            )
        self.app.push_screen(Confirm(question), confirmed)
