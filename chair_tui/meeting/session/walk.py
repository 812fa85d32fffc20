"""Walking a meeting: its steps, its agenda and who is there (the changes that queue no line).

:class:`Walk` is the part of :class:`~chair_tui.meeting.session.session.Session` that moves
through the steps, changes the agenda and marks attendance; every change is one journal record
made through :meth:`Walk._commit`, which the session implements.
"""

from __future__ import annotations

from chair_tui.meeting.model import AgendaItem, Attendance
from chair_tui.meeting.session.records import (
    AgendaChanged,
    AttendanceSet,
    Event,
    GuestChanged,
    Header,
    SecretarySet,
    StepEntered,
    StepKind,
)
from chair_tui.meeting.session.state import MeetingState, SessionError
from chair_tui.meeting.session.steps import meeting_steps
from chair_tui.meeting.text import clean_line


class Walk(MeetingState):
    """Steps, agenda and attendance changes, each saved as one record."""

    def _commit(self, record: Header | Event) -> None:
        raise NotImplementedError  # the session saves, applies and announces the record

    def set_attendance(self, nick: str, state: str) -> None:
        try:
            value = Attendance(state)
        except ValueError:
            raise SessionError(f"unknown attendance state {state!r}") from None
        self._commit(AttendanceSet(nick, value))

    def add_guest(self, name: str) -> None:
        name = clean_line(name)
        if not name:
            raise SessionError("a guest needs a name")
        self._commit(GuestChanged(name, True))

    def remove_guest(self, name: str) -> None:
        self._commit(GuestChanged(name, False))

    def set_secretary(self, nick: str) -> None:
        self._commit(SecretarySet(nick))

    def goto(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            raise SessionError(f"there is no step {index + 1}")
        self._commit(StepEntered(index, self.clock()))

    def next_step(self) -> None:
        if self.step_index + 1 >= len(self.steps):
            raise SessionError("this is the last step")
        self.goto(self.step_index + 1)

    def prev_step(self) -> None:
        if self.step_index == 0:
            raise SessionError("this is the first step")
        self.goto(self.step_index - 1)

    def add_topic(self, title: str, *, after_current: bool = True) -> int:
        """Add an ad-hoc topic after the current one (or at the end); returns its step index."""
        title = clean_line(title)
        if not title:
            raise SessionError("a topic needs a title")
        items = list(self.agenda)
        step = self.step
        if after_current and step.kind is StepKind.TOPIC and step.topic is not None:
            pos = step.topic + 1
        elif after_current and step.kind in (StepKind.START, StepKind.ROLLCALL, StepKind.APPROVAL):
            pos = 0
        else:
            pos = len(items)
        items.insert(pos, AgendaItem(title))
        self._commit(AgendaChanged(tuple(items), self._index_after_agenda_change(items)))
        return [s.topic for s in self.steps].index(pos)

    def move_topic(self, topic: int, delta: int) -> None:
        items = list(self.agenda)
        target = topic + delta
        if not (0 <= topic < len(items) and 0 <= target < len(items)):
            raise SessionError("cannot move the topic further")
        items[topic], items[target] = items[target], items[topic]
        self._commit(AgendaChanged(tuple(items), self._index_after_agenda_change(items)))

    def _index_after_agenda_change(self, items: list[AgendaItem]) -> int:
        """Where the current step is once the agenda is ``items``."""
        current = self.step
        if current.kind is StepKind.TOPIC and current.topic is not None:
            # the same topic, wherever it went (titles need not be unique)
            old = self.agenda[current.topic]
            moved = next(i for i, item in enumerate(items) if item is old)
            return next(
                i for i, s in enumerate(meeting_steps(self.plan, items)) if s.topic == moved
            )
        ids = [s.id for s in meeting_steps(self.plan, items)]
        return ids.index(current.id) if current.id in ids else min(self.step_index, len(ids) - 1)
