"""The records of an action ledger: the meetings it heard of, their actions and each action's
history.  Plain frozen data; :mod:`.codec` reads and writes them, :mod:`.store` changes them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """What happened to an action, one event of its history."""

    OPEN = "open"  # minuted (or opened again)
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried"  # carried over to the next meeting, same owners
    REASSIGNED = "reassigned"  # carried over to other owners (``from_owners`` → ``to_owners``)


CLOSED: frozenset[Outcome] = frozenset({Outcome.DONE, Outcome.DROPPED})
"""The outcomes after which an action is no longer open."""


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One outcome of an action, in the meeting ``meeting`` (an id, "" when none) of ``date``
    (``YYYY-MM-DD``, "" when unknown)."""

    outcome: Outcome
    date: str = ""
    meeting: str = ""
    from_owners: tuple[str, ...] = ()
    to_owners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting whose actions the ledger holds: its id (a session id, or ``import-…``), title,
    date, minutes URL when known, and where its actions were read from (``session``, or the
    import format)."""

    id: str
    title: str
    date: str
    minutes_url: str = ""
    source: str = "session"


@dataclass(frozen=True, slots=True)
class MinutedAction:
    """An action as a meeting's minutes hold it: the text, the nicks the bot lists it under
    (``minuted``) and the nicks it starts with (``intended``)."""

    text: str
    minuted: tuple[str, ...] = ()
    intended: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Action:
    """One action of the ledger (``id`` ``A1``, ``A2``…, never reused)."""

    id: str
    text: str
    owners_minuted: tuple[str, ...]
    owners_intended: tuple[str, ...]
    meeting: str
    history: tuple[HistoryEvent, ...]

    @property
    def status(self) -> Outcome:
        """``open``, ``done`` or ``dropped``: a carried or reassigned action is open."""
        for event in reversed(self.history):
            if event.outcome in CLOSED:
                return event.outcome
            if event.outcome is Outcome.OPEN:
                return Outcome.OPEN
        return Outcome.OPEN

    @property
    def is_open(self) -> bool:
        return self.status is Outcome.OPEN

    @property
    def carried(self) -> int:
        """How many times it was carried over (reassignments included)."""
        return sum(e.outcome in (Outcome.CARRIED, Outcome.REASSIGNED) for e in self.history)

    @property
    def owners(self) -> tuple[str, ...]:
        """Whom it belongs to now: the last reassignment's, else the intended, else the
        minuted owners."""
        for event in reversed(self.history):
            if event.outcome is Outcome.REASSIGNED:
                return event.to_owners
        return self.owners_intended or self.owners_minuted


@dataclass(frozen=True, slots=True)
class Ledger:
    """The ledger of one group (a meeting file's ``name``)."""

    name: str
    meetings: tuple[Meeting, ...] = ()
    actions: tuple[Action, ...] = ()
    next_id: int = 1

    def meeting(self, meeting_id: str) -> Meeting | None:
        for m in self.meetings:
            if m.id == meeting_id:
                return m
        return None

    def action(self, action_id: str) -> Action | None:
        for a in self.actions:
            if a.id == action_id:
                return a
        return None

    def open_items(self) -> list[Action]:
        return [a for a in self.actions if a.is_open]
