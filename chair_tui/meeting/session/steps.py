"""The steps a meeting walks through, derived from its plan and current agenda."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chair_tui.meeting.model import AgendaItem, MeetingPlan
from chair_tui.meeting.session.records import StepKind

# The title of the "previous action items" step (and of its #topic line).
PREVIOUS_TITLE = "Action items from last meeting"

_LABELS = {
    StepKind.START: "Start",
    StepKind.ROLLCALL: "Roll call",
    StepKind.APPROVAL: "Minutes",
    StepKind.PREVIOUS: "Actions",
    StepKind.OPEN: "Open floor",
    StepKind.END: "End",
}


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    title: str
    topic: int | None = None  # index into the agenda for topic steps

    def label(self, steps: Sequence[Step]) -> str:
        if self.kind is StepKind.TOPIC and self.topic is not None:
            total = sum(1 for s in steps if s.kind is StepKind.TOPIC)
            return f"Topic {self.topic + 1}/{total}"
        return _LABELS[self.kind]


def meeting_steps(plan: MeetingPlan, agenda: Sequence[AgendaItem]) -> list[Step]:
    """Start, roll call, the approval (if planned), one step per topic, open floor and end.

    A topic's id is ``topic:<title>``, with ``#2``, ``#3``… for a title met again; an id that
    is already taken (an agenda of ``Budget``, ``Budget``, ``Budget#2``) gets another ``#n``
    until it is unique, so every step has an id of its own.
    """
    out = [
        Step("start", StepKind.START, "Start"),
        Step("rollcall", StepKind.ROLLCALL, plan.rollcall_title),
    ]
    if plan.minutes_approval is not None:
        out.append(Step("approval", StepKind.APPROVAL, plan.minutes_approval.title))
    if plan.previous_actions:
        out.append(Step("previous", StepKind.PREVIOUS, PREVIOUS_TITLE))
    seen: dict[str, int] = {}
    used: set[str] = set()
    for i, item in enumerate(agenda):
        sid = f"topic:{item.title}"
        n = seen[item.title] = seen.get(item.title, 0) + 1
        if n > 1:
            sid = f"{sid}#{n}"
        while sid in used:
            sid += "#2"
        used.add(sid)
        out.append(Step(sid, StepKind.TOPIC, item.title, i))
    out.append(Step("open", StepKind.OPEN, plan.open_floor_title))
    out.append(Step("end", StepKind.END, "End"))
    return out
