"""The meeting as the chair prepared it (the plan) and what they record during it (entries)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.profiles import DEFAULT_PROFILE, Kind


@dataclass(frozen=True, slots=True)
class Member:
    nick: str
    name: str = ""
    voting: bool = True  # counted among the eligible voters of a vote

    @property
    def display(self) -> str:
        return self.name or self.nick


@dataclass(frozen=True, slots=True)
class AgendaItem:
    title: str
    links: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class MinutesApproval:
    date: str = ""
    link: str = ""

    @property
    def title(self) -> str:
        return f"Approval of {self.date} minutes" if self.date else "Approval of the last minutes"


@dataclass(frozen=True, slots=True)
class VoteSettings:
    """The ``[vote]`` table: how the group decides (preset names are checked by the vote code)."""

    rule: str = "default"
    quorum: str = "none"
    tally: str = "(+{yes}, {abstain}, -{no})"


@dataclass(frozen=True, slots=True)
class SkipDate:
    date: str  # YYYY-MM-DD
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Schedule:
    """The ``[schedule]`` table: when the group meets and who chairs next.

    ``cadence`` is ``""`` (not given), ``"weekly"``, ``"every N days"`` (counted from
    ``anchor``) or ``"monthly: 2nd tuesday"``; ``time`` is ``HH:MM`` in ``timezone`` (an IANA
    name).
    """

    cadence: str = ""
    anchor: str = ""
    time: str = ""
    timezone: str = "UTC"
    skip: tuple[SkipDate, ...] = ()
    chairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingPlan:
    """A team and today's agenda, as read from a meeting file."""

    title: str
    name: str = ""
    profile: str = DEFAULT_PROFILE
    chair: str = ""
    chairs: tuple[str, ...] = ()
    channel: str = ""
    rollcall_title: str = "Roll call"
    open_floor_title: str = "Open Floor"
    members: tuple[Member, ...] = ()
    minutes_approval: MinutesApproval | None = None
    agenda: tuple[AgendaItem, ...] = ()
    max_bytes: int = 350
    vote: VoteSettings = VoteSettings()
    schedule: Schedule = Schedule()
    minutes_base_url: str = ""
    previous_actions: bool | None = None  # None: the step appears when the ledger has open items
    bridge: str = ""  # "matrix-irc": the room is bridged, at most 3 lines a message

    @property
    def voters(self) -> tuple[Member, ...]:
        """The members eligible to vote."""
        return tuple(m for m in self.members if m.voting)

    def member(self, nick: str) -> Member | None:
        low = nick.lower()
        for m in self.members:
            if m.nick.lower() == low:
                return m
        return None


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the chair records: an abstract kind and its text.

    ``verb`` keeps a command word the chair typed that the target bot knows natively (such as
    ``accepted`` under MeetBot) so it is not rewritten to the profile's default verb.
    ``nicks`` are an action's assignees, written before the text.
    """

    kind: Kind
    text: str = ""
    verb: str | None = None
    nicks: tuple[str, ...] = ()


class Attendance(StrEnum):
    """Roll-call states."""

    PRESENT = "present"
    REGRETS = "regrets"
    ABSENT = "absent"


def check_ledger_name(name: str) -> str | None:
    """Why ``name`` cannot name a group's action ledger (an error message), or None: the
    meeting file's ``name`` is the ledger's key (see chair_tui.meeting.ledger)."""
    if not name.strip():
        return 'a ledger needs the meeting file\'s name (name = "…")'
    if len(name.encode("utf-8")) > 120:
        return "the meeting name is too long for a ledger file (at most 120 bytes)"
    return None
