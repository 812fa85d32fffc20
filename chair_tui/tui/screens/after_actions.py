"""Before and after the meeting on the meeting screen: last meeting's actions, the ledger, the
next meeting, taking the end back and the summary to post.

The ledger (:mod:`chair_tui.meeting.ledger`) is filled when the end line is copied: then the
bot has the meeting's actions. Until then ``R`` takes the end back and nothing was filed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual import on, work

from chair_tui.meeting.bundle import build_bundle, session_start
from chair_tui.meeting.cadence import ScheduleError, next_meeting
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.ledger import Action, Outcome, load, mark, open_items, record_meeting
from chair_tui.meeting.ledger.lines import Decision, step_lines
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import render_entry
from chair_tui.meeting.session import model_of_session
from chair_tui.meeting.session.steps import PREVIOUS_TITLE
from chair_tui.tui.screens.modals import StepPicker
from chair_tui.tui.screens.people_actions import PeopleScreen
from chair_tui.tui.screens.previous_actions import PreviousActions

SUMMARY_FORMATS = ("Markdown summary (Discourse, GitHub)", "E-mail", "Ticket comments")


class AfterScreen(PeopleScreen):
    """Previous actions, the ledger, the next meeting, the end taken back, the summary."""

    # ------------------------------------------------------------------ previous actions

    def previous_open(self) -> list[Action]:
        """The group's open actions (none when the meeting has no name or the ledger is
        unreadable: the status line says why)."""
        name = self.session.plan.name
        if not name:
            return []
        try:
            return open_items(name, base=self.app.data_dir)
        except (InputError, OSError) as exc:
            self.status(f"Could not read the action ledger: {exc}", error=True)
            return []

    def _arrive(self) -> None:
        s = self.session
        first_time = s.step.kind == "previous" and s.step.id not in s.opened_steps
        super()._arrive()
        # the list the step shows was read from the ledger as the step was entered
        shown = [a for w in self.query(PreviousActions) for a in w.actions]
        if first_time and s.step.id in s.opened_steps and not shown:
            none_open = step_lines(s.profile, [], max_bytes=s.max_bytes)
            self._guard(lambda: s.record_verbatim(none_open))

    @on(PreviousActions.Marked)
    def _previous_marked(self, event: PreviousActions.Marked) -> None:
        s = self.session
        name = s.plan.name
        today = datetime.fromtimestamp(s.clock(), UTC).date().isoformat()
        try:
            action = mark(
                name,
                event.action_id,
                event.outcome,
                event.owners,
                meeting_date=today,
                meeting_id=s.sid,
                base=self.app.data_dir,
            )
        except (InputError, OSError, KeyError, ValueError) as exc:
            self.status(f"Could not mark the action: {exc}", error=True)
            return
        decision = Decision(action, Outcome(event.outcome), event.owners)
        lines = step_lines(s.profile, [decision], max_bytes=s.max_bytes, seen=s.seen_nicks())
        # the step's #topic was queued when the step opened: only the item's lines go now
        topic = render_entry(Entry(Kind.TOPIC, PREVIOUS_TITLE), s.profile, max_bytes=s.max_bytes)
        body = lines[len(topic.lines) :]
        # written by the ledger's step lines (a #nick first where needed): sent as they are
        note = f"{event.outcome}: {action.text}"
        if body and self._guard(lambda: s.record_verbatim(body, note=note)) is not None:
            self.status(f"Queued {len(body)} line(s) for: {action.text[:50]}")

    # ------------------------------------------------------------------ the ledger

    def file_in_ledger(self) -> None:
        """The end line was copied: the meeting's actions go to the group's ledger."""
        s = self.session
        if not s.plan.name:
            return
        start = session_start(s)
        try:
            record_meeting(
                s.plan.name,
                model_of_session(s),
                start.date().isoformat(),
                meeting_id=s.sid,
                title=s.plan.title,
                base=self.app.data_dir,
            )
        except (InputError, OSError, ValueError) as exc:
            self.status(f"Could not file the actions in the ledger: {exc}", error=True)

    # ------------------------------------------------------------------ end taken back

    def action_reopen_meeting(self) -> None:
        s = self.session
        if self._guard(s.reopen) is None and not s.ended:
            self.status(
                f"The end is taken back: its line is withdrawn; {self.app.key('end_meeting')} "
                "ends the meeting again"
            )
            self.outbox.focus()

    # ------------------------------------------------------------------ next meeting

    def action_next_meeting(self) -> None:
        s = self.session
        plan = s.plan
        try:
            nxt = next_meeting(plan.schedule, session_start(s), chair=plan.chair)
        except ScheduleError:
            nxt = None
        if nxt is not None:
            entries = [Entry(Kind.INFO, t) for t in nxt.texts()]
            if self._guard(s.record_many, entries) is not None:
                self.status(f"Queued: {'; '.join(nxt.texts())}")
            return
        # no cadence in the meeting file: a week from today, for the chair to edit
        self.action_compose("info")
        composer = self.composer
        week = datetime.fromtimestamp(s.clock(), UTC) + timedelta(days=7)
        composer.value = f"Next meeting: {week:%A %Y-%m-%d}"
        composer.cursor_position = len(composer.value)

    # ------------------------------------------------------------------ summary

    def action_copy_summary(self) -> None:
        def chosen(index: int | None) -> None:
            if index is None:
                return
            self._copy_summary(index)

        picker = StepPicker(list(SUMMARY_FORMATS), 0, title="Copy which summary?")
        self.app.push_screen(picker, chosen)

    def _copy_summary(self, index: int) -> None:
        s = self.session
        previous: list[tuple[str, str]] = []
        if s.plan.name:
            try:
                ledger = load(s.plan.name, base=self.app.data_dir)
                for a in ledger.actions:
                    for h in a.history:
                        if h.meeting == s.sid and h.outcome != Outcome.OPEN:
                            previous.append((a.text, str(h.outcome)))
            except (InputError, OSError):
                previous = []
        try:
            nxt = next_meeting(s.plan.schedule, session_start(s), chair=s.plan.chair)
        except ScheduleError:
            nxt = None
        bundle = build_bundle(s, previous=previous, next_meeting=nxt)
        if index == 0:
            text, what = bundle.markdown, "the Markdown summary"
        elif index == 1:
            text, what = bundle.email.text(), f"the e-mail ({bundle.email.subject})"
        else:
            if not bundle.tickets:
                self.status("No topic links a ticket: there is no ticket comment to copy")
                return
            text = "\n\n---\n\n".join(f"{t.ticket.url}\n\n{t.text}" for t in bundle.tickets)
            what = f"{len(bundle.tickets)} ticket comment(s)"
        self._copy_block(text, what)

    @work(exclusive=True, group="summary")
    async def _copy_block(self, text: str, what: str) -> None:
        """A summary block through the app's one clipboard path."""
        result = await self.app.copy_lines([text])
        if result.ok:
            self.status(f"Copied {what}: {result.status}")
        else:
            self.status(f"Could not copy {what}: {result.status}", error=True)
