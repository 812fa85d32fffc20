"""What a session's journal replays to: the state of a meeting, and the questions asked of it.

:class:`MeetingState` holds the plan, the steps reached, attendance, entries and the outbox,
and applies one typed record at a time (:meth:`MeetingState._apply`); it does no I/O. The
:class:`~chair_tui.meeting.session.session.Session` adds the journal and the changes a chair
makes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.model import AgendaItem, Attendance, MeetingPlan
from chair_tui.meeting.pacing import paste_chunks
from chair_tui.meeting.people import parse_guest
from chair_tui.meeting.profiles import Kind, Profile, get_profile
from chair_tui.meeting.session.filing import BotTracker
from chair_tui.meeting.session.records import (
    AgendaChanged,
    AttendanceSet,
    EntryRecorded,
    EntryState,
    EntryUndone,
    GuestChanged,
    Header,
    LineDeleted,
    LineEdited,
    LineRecord,
    LinesCopied,
    LineState,
    MeetingEnded,
    MeetingReopened,
    NewLine,
    Record,
    SecretarySet,
    SessionState,
    Snapshot,
    StepEntered,
    StepKind,
)
from chair_tui.meeting.session.steps import Step, meeting_steps

PENDING = LineState.PENDING
COPIED = LineState.COPIED
DELETED = LineState.DELETED


class SessionError(ValueError):
    """A request the session refuses, worded for the chair."""


@dataclass(slots=True)
class OutLine:
    """A line of the outbox (mutable: it is copied, edited or deleted)."""

    id: int
    text: str
    kind: Kind
    entry: int
    state: LineState = LineState.PENDING


@dataclass(slots=True)
class Recorded:
    """An entry as recorded in a step, with the ids of the lines it made."""

    id: int
    step: str
    kind: Kind
    text: str
    line_ids: list[int]
    at: float
    verb: str | None = None
    nicks: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    undone: bool = False


class MeetingState:
    """The state of a meeting, built by applying records in order."""

    def __init__(
        self, plan: MeetingPlan, *, profile: str | None, clock: Callable[[], float]
    ) -> None:
        self.clock = clock
        self.plan = plan
        self.profile: Profile = get_profile(profile or plan.profile)
        self.max_bytes = plan.max_bytes
        self.agenda: list[AgendaItem] = list(plan.agenda)
        self.step_index = 0
        self.attendance: dict[str, Attendance] = {}
        self.guests: list[str] = []
        self.secretary = ""
        self.entries: list[Recorded] = []
        self.lines: list[OutLine] = []
        self._line_by_id: dict[int, OutLine] = {}
        self.nicked: set[str] = set()
        self.created = clock()
        self.step_entered: dict[str, float] = {}
        self.opened_steps: set[str] = set()
        self.ended_at: float | None = None
        self._next_id = 1
        self._pending_from = 0
        chair = plan.chair or (plan.chairs[0] if plan.chairs else "chair")
        self._bot = BotTracker(self.profile, chair, plan.channel or None)

    def _state(self) -> SessionState:
        return SessionState(
            agenda=tuple(self.agenda),
            step_index=self.step_index,
            attendance=tuple(self.attendance.items()),
            guests=tuple(self.guests),
            secretary=self.secretary,
            nicked=tuple(sorted(self.nicked)),
            step_entered=tuple(self.step_entered.items()),
            opened_steps=tuple(sorted(self.opened_steps)),
            ended_at=self.ended_at,
            next_id=self._next_id,
            entries=tuple(
                EntryState(
                    e.id,
                    e.step,
                    e.kind,
                    e.text,
                    tuple(e.line_ids),
                    e.at,
                    e.verb,
                    e.nicks,
                    e.notes,
                    e.undone,
                )
                for e in self.entries
            ),
            lines=tuple(
                LineRecord(ln.id, ln.text, ln.kind, ln.entry, ln.state) for ln in self.lines
            ),
        )

    def _load_state(self, st: SessionState) -> None:
        self.agenda = list(st.agenda)
        self.step_index = st.step_index
        self.attendance = dict(st.attendance)
        self.guests = list(st.guests)
        self.secretary = st.secretary
        self.nicked = set(st.nicked)
        self.step_entered = dict(st.step_entered)
        self.opened_steps = set(st.opened_steps)
        self.ended_at = st.ended_at
        self._next_id = st.next_id
        self.entries = [
            Recorded(
                e.id,
                e.step,
                e.kind,
                e.text,
                list(e.line_ids),
                e.at,
                e.verb,
                e.nicks,
                e.notes,
                e.undone,
            )
            for e in st.entries
        ]
        self.lines = [OutLine(ln.id, ln.text, ln.kind, ln.entry, ln.state) for ln in st.lines]
        self._line_by_id = {ln.id: ln for ln in self.lines}

    # ------------------------------------------------------------------ replay

    def _add_lines(self, lines: Iterable[NewLine], entry: int) -> None:
        for ln in lines:
            out = OutLine(ln.id, ln.text, ln.kind, entry, ln.state)
            self.lines.append(out)
            self._line_by_id[out.id] = out
            self._next_id = max(self._next_id, out.id + 1)

    def _apply(self, r: Record) -> None:
        match r:
            case Header(created=created):
                self.step_entered.setdefault("start", created)
            case Snapshot(state=state):
                self._load_state(state)
                self._bot.reset()
            case EntryRecorded():
                self._add_lines(r.lines, r.id)
                for ln in r.lines:
                    if ln.kind is Kind.NICK and ln.state != DELETED:
                        self.nicked.update(ln.text.split()[1:])
                self.entries.append(
                    Recorded(
                        r.id,
                        r.step,
                        r.kind,
                        r.text,
                        [ln.id for ln in r.lines],
                        r.at,
                        r.verb,
                        r.nicks,
                        r.notes,
                    )
                )
                if r.opens:
                    self.opened_steps.add(r.opens)
                self._next_id = max(self._next_id, r.id + 1)
            case LinesCopied(ids):
                for i in ids:
                    self._line_by_id[i].state = COPIED
            case LineEdited(line, text):
                self._line_by_id[line].text = text
                self._recompute_nicked()
                self._bot.reset()
            case LineDeleted(line):
                self._line_by_id[line].state = DELETED
                self._recompute_nicked()
                self._bot.reset()
            case EntryUndone(entry_id, removed, lines):
                entry = self._entry(entry_id)
                entry.undone = True
                for i in removed:
                    self._line_by_id[i].state = DELETED
                self._recompute_nicked()
                if removed:
                    self._bot.reset()
                self._add_lines(lines, entry.id)
            case AttendanceSet(nick, state):
                self.attendance[nick] = state
            case GuestChanged(name, add):
                if add and name not in self.guests:
                    self.guests.append(name)
                elif not add and name in self.guests:
                    self.guests.remove(name)
            case SecretarySet(nick):
                self.secretary = nick
            case StepEntered(index, at):
                self.step_index = index
                self.step_entered.setdefault(self.steps[index].id, at)
            case AgendaChanged(items, index):
                self.agenda = list(items)
                self.step_index = index
            case MeetingEnded(at):
                self.ended_at = at
            case MeetingReopened():
                self.ended_at = None

    def _recompute_nicked(self) -> None:
        """Nicks introduced by ``#nick`` lines that are still to be (or were) sent."""
        self.nicked = {
            n
            for ln in self.lines
            if ln.kind is Kind.NICK and ln.state != DELETED
            for n in ln.text.split()[1:]
        }

    # ------------------------------------------------------------------ queries

    @property
    def steps(self) -> list[Step]:
        return meeting_steps(self.plan, self.agenda)

    @property
    def step(self) -> Step:
        steps = self.steps
        return steps[min(self.step_index, len(steps) - 1)]

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def started(self) -> bool:
        return "start" in self.opened_steps

    def bot_model(self) -> BotModel:
        """The bot as it stands after every line queued or copied (deleted ones never): what
        it will have filed once the pending lines are pasted.  Kept up to date as lines are
        added; not to be changed by the caller."""
        return self._bot.model(self.lines)

    def bot_topic_step(self) -> str | None:
        """The id of the step whose ``#topic`` the bot files new items under (None before the
        first topic, or when the bot's topic is no step's any more)."""
        line_id = self._bot.topic_line(self.lines)
        if line_id is None:
            return None
        return self._entry(self._line_by_id[line_id].entry).step

    def first_pending(self) -> OutLine | None:
        """The oldest pending line, found without rescanning the whole outbox.

        Lines are only appended, and a line never becomes pending again, so the position of
        the first pending line only moves forward.
        """
        lines = self.lines
        i = min(self._pending_from, len(lines))
        while i < len(lines) and lines[i].state != PENDING:
            i += 1
        self._pending_from = i
        return lines[i] if i < len(lines) else None

    def pending(self) -> list[OutLine]:
        return [ln for ln in self.lines if ln.state == PENDING]

    def visible_lines(self) -> list[OutLine]:
        return [ln for ln in self.lines if ln.state != DELETED]

    def line(self, line_id: int) -> OutLine:
        try:
            return self._line_by_id[line_id]
        except KeyError:
            raise SessionError(f"no line {line_id}") from None

    def _entry(self, entry_id: int) -> Recorded:
        for e in reversed(self.entries):
            if e.id == entry_id:
                return e
        raise ValueError(f"no entry {entry_id}")

    def seen_nicks(self) -> set[str]:
        """Nicks the bot is sure to know: the chairs and the ``#nick``'ed nicks.

        Someone marked present may have answered before ``#startmeeting`` (the bots only count
        lines said during the meeting), so roll call introduces present members with ``#nick``
        rather than assuming the bot saw them speak.
        """
        seen = set(self.plan.chairs) | set(self.nicked)
        if self.plan.chair:
            seen.add(self.plan.chair)
        return seen

    def roster(self) -> list[str]:
        names = [m.nick for m in self.plan.members]
        guests = [g.nick for g in map(parse_guest, self.guests) if g.nick]
        for n in (*self.plan.chairs, *guests, *sorted(self.nicked)):
            if n not in names:
                names.append(n)
        return names

    def next_chunk(self) -> list[OutLine]:
        pending = self.pending()
        if not pending:
            return []
        # the first paste-safe chunk: the profile's size, 3 lines in a Matrix room bridged to
        # IRC, one message per step for the Matrix bot, the start line alone where needed
        first = paste_chunks([ln.text for ln in pending], self.profile, self.plan)[0]
        return pending[: len(first)]

    def elapsed(self, now: float | None = None) -> float:
        now = self.clock() if now is None else now
        end = self.ended_at or now
        return max(0.0, end - self.created)

    def step_elapsed(self, step: Step | None = None, now: float | None = None) -> float:
        step = step or self.step
        now = self.clock() if now is None else now
        start = self.step_entered.get(step.id)
        if start is None:
            return 0.0
        # a step ends when a later step was entered
        later = [t for sid, t in self.step_entered.items() if t > start and sid != step.id]
        end = min(later) if later and self.step.id != step.id else (self.ended_at or now)
        return max(0.0, end - start)

    def timebox(self, step: Step | None = None) -> int | None:
        step = step or self.step
        if step.kind is StepKind.TOPIC and step.topic is not None:
            return self.agenda[step.topic].minutes
        return None

    def live_entries(self) -> list[Recorded]:
        return [e for e in self.entries if not e.undone]

    def export_lines(self) -> list[str]:
        """Every line not deleted, in order; empty lines (which IRC cannot send) left out."""
        return [ln.text for ln in self.lines if ln.state != DELETED and ln.text != ""]
