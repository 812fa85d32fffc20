"""The state a MeetBot-family bot keeps during a meeting, fed one line at a time.

:class:`BotModel` is what the bot remembers: whether a meeting runs, its owner and chairs, its
name and title, the current topic, every nick it has seen with the lines each said, the minutes
items (each with its topic, time and nick), hcoop-meetbot's other events (start, chairs, nicks,
``#here``, name, undos, end), the ``#undo``\\ s, and the replies the bot is known to give.  It
is chair-tui's one model of a bot.  How one line is *read* comes from
:mod:`chair_tui.meeting.botsim` (``read_line``, ``starts_meeting``, ``link_url``), and whom an
action belongs to from ``botsim.assignees``, computed as the bots compute it: when the minutes
are written (:meth:`BotModel.assignments`).

The facts per bot are those of ``docs/profiles.md`` and ``docs/minutes.md``; the model is
checked against what the real bots' code did (``tests/core/test_vectors.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from chair_tui.meeting.botmodel.votes import (
    HCOOP_COMMANDS,
    MGY_COMMANDS,
    OSK_COMMANDS,
    VoteState,
)
from chair_tui.meeting.botsim import (
    NickIndex,
    hcoop_command_word,
    link_url,
    read_line,
    starts_meeting,
)
from chair_tui.meeting.profiles import LinkRule, Profile


class ItemKind(StrEnum):
    """What a minutes item is, spelt as the bots label it."""

    TOPIC = "TOPIC"
    INFO = "INFO"
    ACTION = "ACTION"
    IDEA = "IDEA"
    HELP = "HELP"
    LINK = "LINK"
    AGREED = "AGREED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    FAILED = "FAILED"
    INCONCLUSIVE = "INCONCLUSIVE"
    DONE = "DONE"
    MOTION = "MOTION"
    VOTE = "VOTE"


# the command word each item verb records (aliases included)
ITEM_VERBS: dict[str, ItemKind] = {
    "topic": ItemKind.TOPIC,
    "t": ItemKind.TOPIC,
    "info": ItemKind.INFO,
    "action": ItemKind.ACTION,
    "idea": ItemKind.IDEA,
    "help": ItemKind.HELP,
    "halp": ItemKind.HELP,
    "link": ItemKind.LINK,
    "agreed": ItemKind.AGREED,
    "agree": ItemKind.AGREED,
    "accepted": ItemKind.ACCEPTED,
    "accept": ItemKind.ACCEPTED,
    "rejected": ItemKind.REJECTED,
    "reject": ItemKind.REJECTED,
    "failed": ItemKind.FAILED,
    "inconclusive": ItemKind.INCONCLUSIVE,
    "done": ItemKind.DONE,
    "motion": ItemKind.MOTION,
}


@dataclass(frozen=True, slots=True)
class Item:
    """One minutes item: its kind, its text as the bot stores it, who said it and when.

    ``topic`` is the bot's current topic when the item was recorded (``None`` before the first
    ``#topic``; for a TOPIC item, the topic it opens).  ``url`` is the URL the bot takes from a
    link (empty for other items), ``line`` the 1-based number of the line in the meeting.
    """

    kind: ItemKind
    text: str
    nick: str
    time: str
    topic: str | None
    line: int
    url: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A line the bot is known to say in answer to the line numbered ``line``."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Vote:
    """A vote the bot counted and closed: its question (motion), who closed it and when, and
    the result as the bot records it (meetingology ``Release now? (Carried)``, OpenStack
    ``Voted on "…?" Results are, yes: 1``, hcoop ``Motion accepted: 2 in favor to 1 opposed``
    or the text of ``#accepted``/``#failed``/``#inconclusive``)."""

    question: str
    nick: str
    time: str
    result: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting event hcoop-meetbot keeps besides items: ``START_MEETING``, ``END_MEETING``,
    ``ADD_CHAIR``, ``REMOVE_CHAIR``, ``TRACK_NICK`` (``text``: the nicks, blank-separated),
    ``ATTENDEE`` (``#here``), ``MEETING_NAME`` and ``UNDO``.  Its ``#undo`` removes the last
    event, item or not (an ``UNDO`` too), but never the ``START_MEETING``.  The start, the
    end and the undos keep no text."""

    kind: str
    nick: str
    text: str


def _clock_seconds(time: str) -> int | None:
    clock = time.rsplit(" ", 1)[-1]
    parts = clock.split(":")
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    seconds = int(parts[2]) if len(parts) > 2 else 0
    return int(parts[0]) * 3600 + int(parts[1]) * 60 + seconds


def hms(time: str) -> str:
    """``HH:MM:SS`` of a log time (``16:59`` gives ``16:59:00``; a date in front is dropped)."""
    secs = _clock_seconds(time)
    if secs is None:
        return time
    return f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"


_NICK_SPLIT = re.compile(r"[, ]+")
_NICK_SPLIT_HCOOP = re.compile(r"[\s,]+")
_OSK_NAME = re.compile(r"[^a-z0-9]")


@dataclass(slots=True)
class BotModel:
    """The state of one meeting as ``profile``'s bot keeps it.  Feed it every line said in the
    channel, in order, with :meth:`feed`.  ``bot_nick`` is the bot's own nick: its lines are
    counted (the bots count themselves among the people present) but never read as commands.
    ``channel`` matters to hcoop-meetbot, which ignores a line that starts with it."""

    profile: Profile
    bot_nick: str | None = None
    channel: str | None = None
    running: bool = False
    ended: bool = False
    owner: str = ""
    chairs: list[str] = field(default_factory=list)
    title: str | None = None  # the meeting topic (page title): the #startmeeting text
    name: str = ""  # the meeting name (file names): #meetingname
    topic: str | None = None
    start_time: str = ""
    end_time: str = ""
    last_time: str = ""  # the time of the last line fed while the meeting ran
    transcript: list[str] = field(default_factory=list)  # the meeting's lines, as logged
    attendees: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    events: list[Item | Event] = field(default_factory=list)  # the items and hcoop's events
    start_event: Event | None = None  # hcoop's START_MEETING (None for the other bots)
    end_event: Event | None = None  # hcoop's END_MEETING
    undone: list[Item | Event] = field(default_factory=list)
    # the replies, but hcoop's "Current nicks" as (line, number of nicks seen then): its text,
    # every nick so far, is made when asked for (replies), so that n #nick lines stay linear
    _replies: list[Reply | tuple[int, int]] = field(default_factory=list, repr=False)
    votes: list[Vote] = field(default_factory=list)
    vote_state: VoteState = field(default_factory=VoteState)  # the open vote (botmodel.votes)
    lines: int = 0  # lines fed since the start (the start line is line 1)
    ignored_before: int = 0  # lines said before the start
    ignored_after: int = 0  # lines said after the end

    # ------------------------------------------------------------------ feeding

    def feed(self, time: str, nick: str, text: str, *, action: bool = False) -> None:
        """``nick`` said ``text`` at ``time`` (``HH:MM:SS``, or ``HH:MM``); ``action`` for a
        ``/me`` line.  Never raises."""
        if self.ended:
            self.ignored_after += 1
            return
        if not self.running:
            self._maybe_start(time, nick, text, action)
            return
        self._said(time, nick, text, action)
        if nick == self.bot_nick:
            return
        self._command(time, nick, text, action)
        if self.vote_state.question is not None and self.profile.bracket_commands and not action:
            self._vote_line(nick, text)

    def _said(self, time: str, nick: str, text: str, action: bool) -> None:
        self.lines += 1
        self.last_time = time
        self.attendees[nick] = self.attendees.get(nick, 0) + 1
        self.transcript.append(f"{time} * {nick} {text}" if action else f"{time} <{nick}> {text}")

    def _reply(self, text: str) -> None:
        self._replies.append(Reply(self.lines, text))

    @property
    def replies(self) -> list[Reply]:
        """The replies the bot is known to give, in order."""
        nicks = list(self.attendees)
        out: list[Reply] = []
        for said in self._replies:
            if isinstance(said, Reply):
                out.append(said)
            else:  # hcoop lists the nicks in the order it saw them
                line, count = said
                out.append(Reply(line, "Current nicks: " + ", ".join(nicks[:count])))
        return out

    def _maybe_start(self, time: str, nick: str, text: str, action: bool) -> None:
        family = self.profile.family
        if action or nick == self.bot_nick:
            self.ignored_before += 1
            return
        started, name = starts_meeting(self.profile, text)
        if not started:
            self.ignored_before += 1
            return
        if self.profile.start_requires_name and not name:
            self.ignored_before += 1
            what = "name" if self.profile.name == "openstack" else "topic"
            example = "Marketing Committee" if what == "name" else "Infrastructure"
            self._replies.append(
                Reply(0, f"A meeting {what} is required, e.g., '#startmeeting {example}'")
            )
            return
        self.running = True
        self.owner = nick
        self.start_time = time
        self._said(time, nick, text, action)
        if family == "hcoop":  # it ignores the start text; #meetingname names the meeting
            word = hcoop_command_word(text)
            if word is None or word == "startmeeting":
                self.start_event = Event("START_MEETING", nick, "")
            else:  # "#startmeetingWG" opens a meeting, but is an unknown command
                self._reply(f"Unknown command: #{word}")
            return
        self.title = name or None
        if family == "matrix":
            self.name = name
            return
        if self.profile.start_requires_name:  # zodbot and OpenStack: the text names the files
            self._set_name(name)

    def _set_name(self, text: str) -> None:
        name = "_".join(text.strip().lower().split())
        if self.profile.name == "openstack":
            name = _OSK_NAME.sub("_", name)
        self.name = name
        if self.profile.family == "hcoop":
            self.name = text.strip()
            self._reply(f"Meeting name set to: {self.name}")
        elif self.profile.bracket_commands:
            self._reply(f"Meeting name set to: {name}")
        else:
            self._reply(f"The meeting name has been set to '{name}'")

    def is_chair(self, nick: str) -> bool:
        """Whether the bot takes ``nick`` for a chair: exactly the owner's or a chair's nick."""
        return nick == self.owner or nick in self.chairs

    def _command(self, time: str, nick: str, text: str, action: bool) -> None:
        profile = self.profile
        hcoop = profile.family == "hcoop"
        if action:
            if not hcoop:
                return  # a /me line is never a command, but for hcoop-meetbot
            text = f"\x01ACTION {text}\x01"
        reading = read_line(profile, text, channel=self.channel if hcoop else None)
        if reading.unknown:
            self._reply(f"Unknown command: #{reading.command}")
            return
        cmd = reading.command
        if cmd is None:
            return
        if cmd in profile.chair_only and not self.is_chair(nick):
            if not (cmd == "endmeeting" and self._osk_overtime(time)):
                return
        arg = reading.text.strip() if profile.strips_leading_space else reading.text
        if self._vote(cmd, arg, nick, time):
            return
        kind = ITEM_VERBS.get(cmd)
        if kind is not None:
            self._item(kind, arg, nick, time)
        elif cmd in ("chair", "unchair", "nick", "here"):
            self._people(cmd, arg, nick)
        elif cmd in ("meetingname", "mn"):
            if hcoop:
                self.events.append(Event("MEETING_NAME", nick, arg))
            self._set_name(arg)
        elif cmd == "meetingtopic":
            value = arg.strip()
            self.title = None if value.lower() in ("", "none", "unset") else value
        elif cmd == "undo":
            self._undo(nick)
        elif cmd in ("endmeeting", "em"):
            self.running = False
            self.ended = True
            self.end_time = time
            if hcoop:
                self.end_event = Event("END_MEETING", nick, "")

    def _vote(self, cmd: str, arg: str, nick: str, time: str) -> bool:
        """A vote command of a bot that counts votes; False when it is not one (or, for
        hcoop's ``#accepted`` and the like, when it is also an ordinary item)."""
        profile, state = self.profile, self.vote_state
        if profile.family == "hcoop":
            if cmd not in HCOOP_COMMANDS:
                return False
            votes: list[tuple[str, str]] = []
            if cmd == "close" and state.motion_index is not None:
                after = self.events[state.motion_index + 1 :]
                votes = [
                    (e.nick, e.text)
                    for e in after
                    if isinstance(e, Item) and e.kind is ItemKind.VOTE
                ]
            effect = state.hcoop(cmd, arg, len(self.events), votes)
        elif profile.bracket_commands and cmd in MGY_COMMANDS:  # meetingology
            effect = state.meetingology(cmd, arg, self.owner)
        elif "startvote" in profile.known_commands and cmd in OSK_COMMANDS:  # OpenStack
            effect = state.openstack(cmd, arg, nick)
        else:
            return False
        for said in effect.replies:
            self._reply(said)
        if effect.item is not None:
            self._item(ItemKind(effect.item[0]), effect.item[1], nick, time)
        if effect.result is not None:
            self.votes.append(Vote(effect.result[0], nick, time, effect.result[1]))
        return effect.consumed

    def _vote_line(self, nick: str, text: str) -> None:
        """meetingology counts a line as a vote after acting on it: a command's argument, or
        the stripped line (``#vote 0 tolerance`` counts the chair's 0)."""
        reading = read_line(self.profile, text)
        said = reading.text if reading.command is not None else text.strip()
        for reply in self.vote_state.meetingology_line(nick, said):
            self._reply(reply)

    def _osk_overtime(self, time: str) -> bool:
        if self.profile.name != "openstack":
            return False
        start, now = _clock_seconds(self.start_time), _clock_seconds(time)
        if start is None or now is None:
            return False
        return (now - start) % 86400 >= 3600

    def _item(self, kind: ItemKind, text: str, nick: str, time: str) -> None:
        profile = self.profile
        if kind is ItemKind.TOPIC:
            if profile.family == "matrix" and not text.strip():
                return  # "!topic" with no text does nothing
            self.topic = text
        url = ""
        if kind is ItemKind.LINK:
            if profile.link_rule is LinkRule.VERBATIM:
                url = text.strip()
            else:
                url = link_url(profile, text)
        item = Item(kind, text, nick, time, self.topic, self.lines, url)
        self.items.append(item)
        self.events.append(item)

    def _people(self, cmd: str, text: str, nick: str) -> None:
        hcoop = self.profile.family == "hcoop"
        if hcoop:
            nicks = [n for n in _NICK_SPLIT_HCOOP.split(text) if n]
        elif cmd == "unchair" and not self.profile.bracket_commands:
            nicks = text.split()
        else:
            nicks = [n for n in _NICK_SPLIT.split(text.strip()) if n]
        if hcoop and cmd != "here" and not nicks:
            return  # hcoop-meetbot does nothing with an empty list of nicks
        if cmd == "chair":
            have = set(self.chairs)  # a set: a #chair of many nicks stays linear
            for n in nicks:
                if n not in have:
                    have.add(n)
                    self.chairs.append(n)
                self.attendees.setdefault(n, 0)
            if hcoop:
                self.events.append(Event("ADD_CHAIR", nick, " ".join(nicks)))
            else:
                self._reply("Current chairs: " + " ".join(sorted({*self.chairs, self.owner})))
        elif cmd == "unchair":
            gone = set(nicks)
            self.chairs[:] = [n for n in self.chairs if n not in gone]
            if hcoop:
                self.events.append(Event("REMOVE_CHAIR", nick, " ".join(nicks)))
            else:
                self._reply("Current chairs: " + " ".join(sorted({*self.chairs, self.owner})))
        elif cmd == "nick":
            for n in nicks:
                self.attendees.setdefault(n, 0)
            if hcoop:
                self.events.append(Event("TRACK_NICK", nick, " ".join(nicks)))
                self._replies.append((self.lines, len(self.attendees)))
        elif cmd == "here" and hcoop:
            alias = text.strip()
            if alias:
                self.aliases[nick] = alias
            self.events.append(Event("ATTENDEE", nick, alias))

    def _undo(self, nick: str) -> None:
        profile = self.profile
        if profile.family == "hcoop":
            # it never removes its first event: the START_MEETING, or the first event after
            # a start it took for an unknown command
            if len(self.events) < (1 if self.start_event is not None else 2):
                return
            gone = self.events.pop()
            if isinstance(gone, Item) and self.items and self.items[-1] is gone:
                self.items.pop()
            self.undone.append(gone)
            self.events.append(Event("UNDO", nick, ""))
            return
        if not self.items:
            return
        item = self.items.pop()
        if self.events and self.events[-1] is item:
            self.events.pop()
        self.undone.append(item)
        if profile.name == "zodbot" and item.kind not in (ItemKind.TOPIC, ItemKind.LINK):
            said = f"{item.kind.value} by {item.nick} at {hms(item.time)} : {item.text}"
            self._reply(f"Removing item from minutes: {said}")
        elif profile.name == "openstack":
            self._reply(f"Removing item from minutes: #{item.kind.value.lower()} {item.text}")
        elif profile.bracket_commands:
            self._reply(f"Removing item from minutes: {item.kind.value}")

    # ------------------------------------------------------------------ questions

    def actions(self) -> list[Item]:
        return [i for i in self.items if i.kind is ItemKind.ACTION]

    def assignments(self) -> list[tuple[Item, list[str]]]:
        """Each action with the nicks it is listed under, as the bot decides when it writes
        the minutes: among every nick it has seen (and, for hcoop, their ``#here`` alias).
        The nicks are indexed once (:class:`~chair_tui.meeting.botsim.NickIndex`), so many
        actions among many nicks stay linear in the text."""
        actions = self.actions()
        if not actions:
            return []
        index = NickIndex(self.attendees)
        by_alias: dict[str, list[str]] = {}
        for who, alias in self.aliases.items():
            by_alias.setdefault(alias, []).append(who)
        aliases = NickIndex(by_alias) if by_alias else None
        out: list[tuple[Item, list[str]]] = []
        for item in actions:
            found = set(index.assignees(self.profile, item.text))
            if aliases is not None:
                for alias in aliases.assignees(self.profile, item.text):
                    found.update(by_alias[alias])
            out.append((item, sorted(found, key=lambda n: (n.lower(), n))))
        return out

    def current_chairs(self) -> list[str]:
        """The owner and the chairs, sorted case-insensitively (empty before the start)."""
        return sorted({self.owner, *self.chairs} - {""}, key=lambda n: (n.lower(), n))

    def tracked(self) -> list[Item | Event]:
        """hcoop-meetbot's event list (its raw log's events) as it stands: the start, every
        item and event not undone, the undos, the end.  For the other bots: the items."""
        if self.profile.family != "hcoop":
            return list(self.items)
        start = [] if self.start_event is None else [self.start_event]
        end = [] if self.end_event is None else [self.end_event]
        return [*start, *self.events, *end]

    def people(self) -> list[tuple[str, int]]:
        """Every nick seen with its lines, most lines first (ties: in the order first seen)."""
        return sorted(self.attendees.items(), key=lambda kv: -kv[1])
