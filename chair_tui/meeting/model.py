"""The meeting as the chair prepared it (the plan) and what they record during it (entries)."""

from __future__ import annotations

from chair_tui.meeting.profiles import DEFAULT_PROFILE, Kind
from chair_tui.meeting.value import Value


class Member(Value):
    __slots__ = ("name", "nick")
    _fields = ("nick", "name")

    def __init__(self, nick: str, name: str = "") -> None:
        self.nick = nick
        self.name = name

    @property
    def display(self) -> str:
        return self.name or self.nick


class AgendaItem(Value):
    __slots__ = ("info", "links", "minutes", "title")
    _fields = ("title", "links", "info", "minutes")

    def __init__(
        self,
        title: str,
        links: tuple[str, ...] = (),
        info: tuple[str, ...] = (),
        minutes: int | None = None,
    ) -> None:
        self.title = title
        self.links = links
        self.info = info
        self.minutes = minutes


class MinutesApproval(Value):
    __slots__ = ("date", "link")
    _fields = ("date", "link")

    def __init__(self, date: str = "", link: str = "") -> None:
        self.date = date
        self.link = link

    @property
    def title(self) -> str:
        return f"Approval of {self.date} minutes" if self.date else "Approval of the last minutes"


class MeetingPlan(Value):
    """A team and today's agenda, as read from a meeting file."""

    __slots__ = (
        "agenda",
        "chair",
        "chairs",
        "channel",
        "max_bytes",
        "members",
        "minutes_approval",
        "name",
        "open_floor_title",
        "profile",
        "rollcall_title",
        "title",
    )
    _fields = (
        "title",
        "name",
        "profile",
        "chair",
        "chairs",
        "channel",
        "rollcall_title",
        "open_floor_title",
        "members",
        "minutes_approval",
        "agenda",
        "max_bytes",
    )

    def __init__(
        self,
        title: str,
        name: str = "",
        profile: str = DEFAULT_PROFILE,
        chair: str = "",
        chairs: tuple[str, ...] = (),
        channel: str = "",
        rollcall_title: str = "Roll call",
        open_floor_title: str = "Open Floor",
        members: tuple[Member, ...] = (),
        minutes_approval: MinutesApproval | None = None,
        agenda: tuple[AgendaItem, ...] = (),
        max_bytes: int = 350,
    ) -> None:
        self.title = title
        self.name = name
        self.profile = profile
        self.chair = chair
        self.chairs = chairs
        self.channel = channel
        self.rollcall_title = rollcall_title
        self.open_floor_title = open_floor_title
        self.members = members
        self.minutes_approval = minutes_approval
        self.agenda = agenda
        self.max_bytes = max_bytes

    def member(self, nick: str) -> Member | None:
        low = nick.lower()
        for m in self.members:
            if m.nick.lower() == low:
                return m
        return None


class Entry(Value):
    """One thing the chair records: an abstract kind and its text.

    ``verb`` keeps a command word the chair typed that the target bot knows natively (such as
    ``accepted`` under MeetBot) so it is not rewritten to the profile's default verb.
    ``nicks`` are an action's assignees, written before the text.
    """

    __slots__ = ("kind", "nicks", "text", "verb")
    _fields = ("kind", "text", "verb", "nicks")

    def __init__(
        self, kind: Kind, text: str = "", verb: str | None = None, nicks: tuple[str, ...] = ()
    ) -> None:
        self.kind = kind
        self.text = text
        self.verb = verb
        self.nicks = nicks


class Attendance:
    """Roll-call states."""

    PRESENT = "present"
    REGRETS = "regrets"
    ABSENT = "absent"
    ALL = (PRESENT, REGRETS, ABSENT)
