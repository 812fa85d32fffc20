"""The checks a journal's records must pass together, beyond each field's type (see codec).

A session file is untrusted input: a record can be well-formed and still impossible — a step
that does not exist, two lines with one id, a copy of a line never recorded. :func:`check`
walks the decoded records in order, keeping only the ids and the shape of the agenda, and
raises :class:`ValueError` at the first impossible one; the loader then treats the file as
damaged (moved aside, the chair told). :func:`check_depth` refuses a record nested deeper than
any session writes, before anything recursive looks at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from chair_tui.meeting.model import AgendaItem, MeetingPlan
from chair_tui.meeting.session.records import (
    AgendaChanged,
    EntryRecorded,
    EntryUndone,
    Header,
    LineDeleted,
    LineEdited,
    LinesCopied,
    NewLine,
    Record,
    SessionState,
    Snapshot,
    StepEntered,
)
from chair_tui.meeting.session.steps import meeting_steps

# The deepest a record chair-tui writes is nested is about 6 (snapshot → state → agenda →
# item → links → link); anything far deeper is damage or an attack.
MAX_DEPTH = 32


def check_depth(value: object, limit: int = MAX_DEPTH) -> None:
    """Refuse ``value`` nested more than ``limit`` levels deep (without recursing)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            raise ValueError(f"nested more than {limit} levels deep")
        stack.extend((child, depth + 1) for child in children)


class _Walk:
    def __init__(self) -> None:
        self.plan: MeetingPlan | None = None
        self.agenda: Sequence[AgendaItem] = ()
        self.lines: set[int] = set()
        self.entries: set[int] = set()

    def step_ids(self) -> list[str]:
        assert self.plan is not None
        return [s.id for s in meeting_steps(self.plan, self.agenda)]

    def step_index(self, index: int, what: str) -> None:
        count = len(self.step_ids())
        if not 0 <= index < count:
            raise ValueError(f"{what} {index} is not a step of this meeting (it has {count})")

    def new_id(self, i: int, seen: set[int], what: str) -> None:
        if i < 1:
            raise ValueError(f"{what} id {i} is not a positive number")
        if i in seen:
            raise ValueError(f"{what} id {i} is used twice")
        seen.add(i)

    def known_line(self, i: int) -> None:
        if i not in self.lines:
            raise ValueError(f"line {i} is referred to but was never recorded")

    def new_lines(self, lines: Iterable[NewLine]) -> None:
        for ln in lines:
            self.new_id(ln.id, self.lines, "line")

    def state(self, st: SessionState) -> None:
        self.agenda = st.agenda
        self.step_index(st.step_index, "step_index")
        self.lines, self.entries = set(), set()
        for ln in st.lines:
            self.new_id(ln.id, self.lines, "line")
        for e in st.entries:
            self.new_id(e.id, self.entries, "entry")
            for i in e.line_ids:
                self.known_line(i)
        for ln in st.lines:
            if ln.entry not in self.entries:
                raise ValueError(f"line {ln.id} belongs to entry {ln.entry}, never recorded")
        if st.next_id < 1 or any(i >= st.next_id for i in self.lines | self.entries):
            raise ValueError(f"next_id {st.next_id} is not past every id")

    def record(self, r: Record) -> None:
        match r:
            case Header(plan=plan):
                self.plan, self.agenda = plan, plan.agenda
            case Snapshot(header=header, state=state):
                self.plan = header.plan
                self.state(state)
            case EntryRecorded():
                self.new_id(r.id, self.entries, "entry")
                self.new_lines(r.lines)
                if r.opens is not None and r.opens not in self.step_ids():
                    raise ValueError(f"entry {r.id} opens {r.opens!r}, not a step")
            case LinesCopied(ids):
                for i in ids:
                    self.known_line(i)
            case LineEdited(line=line) | LineDeleted(line=line):
                self.known_line(line)
            case EntryUndone(entry, removed, lines):
                if entry not in self.entries:
                    raise ValueError(f"undo of entry {entry}, never recorded")
                for i in removed:
                    self.known_line(i)
                self.new_lines(lines)
            case StepEntered(index=index):
                self.step_index(index, "step")
            case AgendaChanged(items, index):
                self.agenda = items
                self.step_index(index, "agenda index")


def check(records: Sequence[Record]) -> int:
    """Raise :class:`ValueError` at the first impossible record; returns how many passed.

    The error's ``args[1]`` (when set) is the 0-based index of the record that failed.
    """
    walk = _Walk()
    for n, record in enumerate(records):
        try:
            if n == 0 and not isinstance(record, Header | Snapshot):
                raise ValueError("the first record is not a header")
            walk.record(record)
        except ValueError as exc:
            raise ValueError(str(exc), n) from None
    return len(records)
