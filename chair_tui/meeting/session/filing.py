"""Where the bot files what the chair records: the bot model of the lines queued so far.

The bot files an item under its current topic, and ignores every line said before the
meeting starts.  :class:`BotTracker` keeps the :class:`~chair_tui.meeting.botmodel.BotModel`
of the session's lines (copied and pending, never deleted) as the bot will read them, fed as
lines are added and rebuilt when one is edited, deleted or undone, so that the session can ask
"is the bot on this step's topic?" before it queues an item (and queue the step's ``#topic``
again when it is not).  ``docs/session-format.md`` says what the session does with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from chair_tui.meeting.botmodel import BotModel, ItemKind
from chair_tui.meeting.botsim import read_line
from chair_tui.meeting.profiles import MINUTES_KINDS, Kind, Profile
from chair_tui.meeting.session.records import LineState, StepKind

# The kinds of entry that become a minutes item filed under the bot's current topic.
ITEM_KINDS: frozenset[Kind] = MINUTES_KINDS - {Kind.TOPIC}
# The steps that have a topic of their own (the start and the end have none).
TOPIC_STEPS: frozenset[StepKind] = frozenset(
    {StepKind.ROLLCALL, StepKind.APPROVAL, StepKind.PREVIOUS, StepKind.TOPIC, StepKind.OPEN}
)
# The item commands (as the bots read them) that file an item, the topic aside.
_ITEM_COMMANDS = frozenset(
    {
        "info",
        "action",
        "idea",
        "help",
        "halp",
        "link",
        "agreed",
        "agree",
        "accepted",
        "accept",
        "rejected",
        "reject",
        "failed",
        "endvote",  # meetingology and OpenStack file the vote's result as an item
        "inconclusive",
        "done",
    }
)


class _Line(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def state(self) -> LineState: ...


def files_item(profile: Profile, kind: Kind, text: str) -> bool:
    """Whether a line of ``kind`` reading ``text`` makes ``profile``'s bot file an item under
    its current topic (a raw line is read as the bot reads it)."""
    if kind in ITEM_KINDS:
        return True
    if kind is not Kind.NOTE:
        return False
    reading = read_line(profile, text)
    return not reading.unknown and reading.command in _ITEM_COMMANDS


def undoes(profile: Profile, kind: Kind, text: str) -> bool:
    """Whether one ``#undo`` is needed to take back the pasted line ``text`` of ``kind``: it
    made a minutes item (Darst family), or any event but the start and the end (hcoop's
    ``#undo`` removes the last event of any kind).  A raw command (a NOTE line) is read as
    the bot reads it."""
    if kind is Kind.NOTE:
        reading = read_line(profile, text)
        if reading.command is None or reading.unknown:
            return False
        if profile.family == "hcoop":
            return reading.command not in ("startmeeting", "endmeeting", "save")
        return reading.command in _ITEM_COMMANDS or reading.command == "topic"
    if profile.family == "hcoop":
        return kind not in (Kind.START, Kind.END)
    return kind in MINUTES_KINDS


class BotTracker:
    """The bot model of a session's lines, caught up with them when asked."""

    __slots__ = ("_chair", "_channel", "_fed", "_ids", "_model", "_profile")

    def __init__(self, profile: Profile, chair: str, channel: str | None) -> None:
        self._profile = profile
        self._chair = chair
        self._channel = channel
        self._model: BotModel | None = None
        self._fed = 0  # the outbox lines looked at so far
        self._ids: list[int] = []  # the session line id of each line the model counted

    def reset(self) -> None:
        """Forget the model: a line already fed was edited, deleted or undone."""
        self._model = None
        self._fed = 0
        self._ids = []

    def model(self, lines: Sequence[_Line]) -> BotModel:
        """The model after ``lines`` (the outbox, in order), deleted and empty lines left out."""
        model = self._model
        if model is None or self._fed > len(lines):
            self.reset()
            model = self._model = BotModel(self._profile, channel=self._channel)
        for ln in lines[self._fed :]:
            if ln.state == LineState.DELETED or ln.text == "":
                continue
            before = model.lines
            model.feed("00:00:00", self._chair, ln.text)
            if model.lines > before:
                self._ids.append(ln.id)
        self._fed = len(lines)
        return model

    def topic_line(self, lines: Sequence[_Line]) -> int | None:
        """The id of the session line whose ``#topic`` the bot files new items under: the
        last topic item it keeps, while it is still the bot's current topic (None when there
        is none, or the meeting has not started)."""
        model = self.model(lines)
        if not model.running:
            return None
        for item in reversed(model.items):
            if item.kind is ItemKind.TOPIC:
                if item.text != model.topic or not 0 < item.line <= len(self._ids):
                    return None
                return self._ids[item.line - 1]
        return None
