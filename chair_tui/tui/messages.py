"""The interface's messages, named for what the sender wants done.

Widgets post them and the meeting screen or the app handles them, so no widget needs to know
the screen it sits on (and no module imports its handler's module).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from chair_tui.meeting.model import MeetingPlan


@dataclass
class MarkAttendance(Message):
    """Mark a member present, regrets or absent (posted by the roster)."""

    nick: str
    state: str


@dataclass
class ToggleSecretary(Message):
    """Make a member the secretary, or stop them being it (posted by the roster)."""

    nick: str


class AddGuest(Message):
    """Ask for a guest's name and add the guest to the roll call (posted by the roster)."""


@dataclass
class RemoveGuest(Message):
    """Remove a guest from the roll call (posted by the roster on a guest's row)."""

    name: str


class WriteRollCall(Message):
    """Write the roll-call lines to the outbox (posted by the roster)."""


@dataclass
class CopyLine(Message):
    """Copy one outbox line again (posted by the outbox on Enter)."""

    line_id: int


class LeaveComposer(Message):
    """The chair left the composer or the start lines (posted on their leave key): the focus
    goes back to the outbox."""


@dataclass
class StartMeeting(Message):
    """Start a new meeting from a plan (posted by the start screen)."""

    plan: MeetingPlan


@dataclass
class ResumeMeeting(Message):
    """Resume the meeting saved in a session file (posted by the start screen)."""

    path: Path
