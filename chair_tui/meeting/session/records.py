"""The session's records: one typed record per journal operation.

A record is both what the journal stores (through :mod:`.codec`) and the event the session
hands to its listeners after applying it, so the screen and the file share one vocabulary and
neither sees a raw ``dict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.model import AgendaItem, Attendance, MeetingPlan
from chair_tui.meeting.profiles import Kind


class LineState(StrEnum):
    """Where a line of the outbox stands."""

    PENDING = "pending"  # waiting to be pasted into the room
    COPIED = "copied"  # put on the clipboard (the chair pastes it)
    DELETED = "deleted"  # removed before it was pasted


class StepKind(StrEnum):
    """The kinds of step a meeting walks through, in order."""

    START = "start"
    ROLLCALL = "rollcall"
    APPROVAL = "approval"
    PREVIOUS = "previous"  # last meeting's action items
    TOPIC = "topic"
    OPEN = "open"
    END = "end"


@dataclass(frozen=True, slots=True)
class NewLine:
    """A line an operation adds to the outbox."""

    id: int
    text: str
    kind: Kind
    state: LineState = LineState.PENDING


@dataclass(frozen=True, slots=True)
class Header:
    """The first record of every journal: which meeting this is."""

    sid: str
    created: float
    plan: MeetingPlan
    profile: str


@dataclass(frozen=True, slots=True)
class EntryRecorded:
    """The chair recorded an entry in a step; its lines join the outbox."""

    id: int
    step: str
    kind: Kind
    text: str
    lines: tuple[NewLine, ...]
    at: float
    verb: str | None = None
    nicks: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    opens: str | None = None  # the step whose opening lines these are


@dataclass(frozen=True, slots=True)
class LinesCopied:
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LineEdited:
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class LineDeleted:
    line: int


@dataclass(frozen=True, slots=True)
class EntryUndone:
    """An entry was taken back: its pending lines removed, the bot's undo lines queued."""

    entry: int
    removed: tuple[int, ...]
    lines: tuple[NewLine, ...] = ()


@dataclass(frozen=True, slots=True)
class AttendanceSet:
    nick: str
    state: Attendance


@dataclass(frozen=True, slots=True)
class GuestChanged:
    name: str
    add: bool


@dataclass(frozen=True, slots=True)
class SecretarySet:
    nick: str


@dataclass(frozen=True, slots=True)
class StepEntered:
    index: int
    at: float


@dataclass(frozen=True, slots=True)
class AgendaChanged:
    """The agenda was edited (a topic added or moved); ``index`` is the current step after it."""

    items: tuple[AgendaItem, ...]
    index: int


@dataclass(frozen=True, slots=True)
class MeetingEnded:
    at: float


@dataclass(frozen=True, slots=True)
class MeetingReopened:
    """The end was taken back before its end line was copied."""

    at: float


@dataclass(frozen=True, slots=True)
class EntryState:
    """An entry as a snapshot stores it."""

    id: int
    step: str
    kind: Kind
    text: str
    line_ids: tuple[int, ...]
    at: float
    verb: str | None
    nicks: tuple[str, ...]
    notes: tuple[str, ...]
    undone: bool


@dataclass(frozen=True, slots=True)
class LineRecord:
    """An outbox line as a snapshot stores it."""

    id: int
    text: str
    kind: Kind
    entry: int
    state: LineState


@dataclass(frozen=True, slots=True)
class SessionState:
    """The whole state of a session, as a compacted journal stores it."""

    agenda: tuple[AgendaItem, ...]
    step_index: int
    attendance: tuple[tuple[str, Attendance], ...]
    guests: tuple[str, ...]
    secretary: str
    nicked: tuple[str, ...]
    step_entered: tuple[tuple[str, float], ...]
    opened_steps: tuple[str, ...]
    ended_at: float | None
    next_id: int
    entries: tuple[EntryState, ...]
    lines: tuple[LineRecord, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A compacted journal's first record: the header and the state it had reached."""

    header: Header
    state: SessionState


# What a live session commits, and so what its listeners hear about.
Event = (
    EntryRecorded
    | LinesCopied
    | LineEdited
    | LineDeleted
    | EntryUndone
    | AttendanceSet
    | GuestChanged
    | SecretarySet
    | StepEntered
    | AgendaChanged
    | MeetingEnded
    | MeetingReopened
)

# Every record a journal can hold.
Record = Header | Snapshot | Event
