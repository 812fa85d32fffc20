"""What a post-meeting summary says, gathered once from a session and its bot model.

:func:`facts_of_session` reads the session (the plan, attendance, guests, when the meeting
started) and the bot model of its lines (topics, items, actions and whom the bot lists them
under), and takes what the session cannot know as arguments: the previous meeting's action
items with their outcome, the next meeting, the minutes URLs.  The writers
(:mod:`.markdown`, :mod:`.email`, :mod:`.tickets`) only format these facts; nothing here
guesses beyond the bot model, and nothing reads a clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from chair_tui.meeting.botmodel import BotModel, ItemKind
from chair_tui.meeting.cadence import NextMeeting
from chair_tui.meeting.minutes import Where, write_minutes
from chair_tui.meeting.model import Attendance, MeetingPlan
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session.minutes import model_of_session
from chair_tui.meeting.session.state import DELETED, MeetingState
from chair_tui.meeting.session.summary import DECISION_KINDS
from chair_tui.meeting.urls import MinutesUrls, predict_urls

__all__ = [
    "Action",
    "MeetingFacts",
    "Note",
    "TopicFacts",
    "facts_of_session",
    "leading_owners",
    "session_start",
    "session_urls",
    "split_owners",
]

# the items a summary shows under their topic (actions have their own section)
_NOTE_KINDS = (
    ItemKind.INFO,
    ItemKind.IDEA,
    ItemKind.HELP,
    ItemKind.LINK,
    ItemKind.MOTION,
    *DECISION_KINDS,
)


@dataclass(frozen=True, slots=True)
class Note:
    """One item under a topic: its kind as the bot labels it, its text, and its URL (links)."""

    kind: ItemKind
    text: str
    url: str = ""

    @property
    def decision(self) -> bool:
        return self.kind in DECISION_KINDS


@dataclass(frozen=True, slots=True)
class Action:
    """An action item: its text as minuted, the owners it names (its leading nicks, else the
    nicks the bot lists it under), the nicks the bot lists it under, its topic, and the task
    (the text after its leading nicks)."""

    text: str
    owners: tuple[str, ...]
    minuted: tuple[str, ...]
    topic: str | None
    task: str = ""


@dataclass(frozen=True, slots=True)
class TopicFacts:
    """A topic (``None``: what came before the first one), its notes and its actions."""

    title: str | None
    notes: tuple[Note, ...]
    actions: tuple[Action, ...]

    @property
    def links(self) -> tuple[str, ...]:
        """The URLs in its title, then those of its links."""
        found = _URLS.findall(self.title or "")
        found += [n.url for n in self.notes if n.kind is ItemKind.LINK and n.url]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    group: str
    title: str
    start: datetime  # UTC
    chair: str
    chairs: tuple[str, ...]
    present: tuple[str, ...]
    regrets: tuple[str, ...]
    guests: tuple[str, ...]
    topics: tuple[TopicFacts, ...]
    actions: tuple[Action, ...]
    previous: tuple[tuple[str, str], ...]
    next_meeting: NextMeeting | None
    urls: MinutesUrls | None
    minutes_text: str  # the bot's text minutes
    ended: bool

    @property
    def date(self) -> str:
        return f"{self.start:%Y-%m-%d}"


_URLS = re.compile(r"https?://[^\s<>\"'`]+")
_JOINERS = {"and", "&", "+", "/"}


def split_owners(text: str, known: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """The nicks an action's text starts with (``neal, otaylor: review…``,
    ``neal and chris to…``, ``@neal …``), among ``known`` (compared without case; given in
    ``known``'s spelling), and the text after them (the whole text when none)."""
    spelling: dict[str, str] = {}
    for nick in known:
        spelling.setdefault(nick.lower(), nick)
    out: list[str] = []
    words = text.split()
    used = 0
    for i, word in enumerate(words):
        token = word.strip(",;()").lstrip("@")
        stop = token.endswith(":")
        token = token.rstrip(":")
        if token.lower() in spelling:
            nick = spelling[token.lower()]
            if nick not in out:
                out.append(nick)
            used = i + 1
        elif not (out and token.lower() in _JOINERS):
            break
        if stop:
            break
    if not out:
        return (), text
    return tuple(out), " ".join(words[used:]) or text


def leading_owners(text: str, known: Iterable[str]) -> tuple[str, ...]:
    """The nicks an action's text starts with (see :func:`split_owners`)."""
    return split_owners(text, known)[0]


def session_start(session: MeetingState) -> datetime:
    """When the meeting started: the time its start line was recorded (UTC); the session's
    creation when no start line is there."""
    for entry in session.entries:
        if entry.kind is Kind.START and not entry.undone:
            lines = [session.line(i) for i in entry.line_ids]
            if any(ln.state != DELETED for ln in lines):
                return datetime.fromtimestamp(entry.at, UTC)
    return datetime.fromtimestamp(session.created, UTC)


def session_urls(session: MeetingState, model: BotModel | None = None) -> MinutesUrls | None:
    """The minutes URLs predicted for the session (:func:`~chair_tui.meeting.urls.predict_urls`
    with the plan's channel and ``minutes_base_url``, the name the bot keeps, the start)."""
    model = model if model is not None else model_of_session(session)
    plan = session.plan
    return predict_urls(
        session.profile.name,
        channel=plan.channel,
        name=model.name,
        start=session_start(session),
        base_url=plan.minutes_base_url,
    )


def _people(plan: MeetingPlan, session: MeetingState, state: Attendance) -> tuple[str, ...]:
    out = []
    for nick, st in session.attendance.items():
        if st is not state:
            continue
        member = plan.member(nick)
        name = member.name if member is not None else ""
        out.append(f"{name} ({nick})" if name and name != nick else nick)
    return tuple(out)


def _topics(model: BotModel, by_item: dict[int, Action]) -> tuple[TopicFacts, ...]:
    """Each topic with its notes and actions, in the bot's order (what comes before the first
    topic in a group titled None)."""
    groups: list[tuple[str | None, list[Note], list[Action]]] = []
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            groups.append((item.text, [], []))
            continue
        if item.kind is not ItemKind.ACTION and item.kind not in _NOTE_KINDS:
            continue
        if not groups:
            groups.append((None, [], []))
        if item.kind is ItemKind.ACTION:
            groups[-1][2].append(by_item[id(item)])
        else:
            groups[-1][1].append(Note(item.kind, item.text, item.url))
    return tuple(TopicFacts(title, tuple(n), tuple(a)) for title, n, a in groups)


def facts_of_session(
    session: MeetingState,
    *,
    previous: Sequence[tuple[str, str]] = (),
    next_meeting: NextMeeting | None = None,
    urls: MinutesUrls | None = None,
    model: BotModel | None = None,
) -> MeetingFacts:
    """The facts of the session's meeting: ``model`` is its bot model (default: every line
    queued or copied, :func:`~chair_tui.meeting.session.model_of_session`); ``previous`` the
    last meeting's actions as ``(text, outcome)``; ``urls`` the minutes URLs (default: the
    predicted ones, :func:`session_urls`)."""
    plan = session.plan
    channel = plan.channel or None
    model = model if model is not None else model_of_session(session, channel=channel)
    if urls is None:
        urls = session_urls(session, model)
    known = [*model.attendees, *(m.nick for m in plan.members)]
    by_item: dict[int, Action] = {}
    for item, who in model.assignments():
        named, task = split_owners(item.text, known)
        by_item[id(item)] = Action(item.text, named or tuple(who), tuple(who), item.topic, task)
    topics = _topics(model, by_item)
    chair = plan.chair or model.owner or (plan.chairs[0] if plan.chairs else "")
    chairs = tuple(model.current_chairs()) or tuple(
        c for c in dict.fromkeys((chair, *plan.chairs)) if c
    )
    log_url = urls.log_html if urls is not None and urls.log_html else None
    minutes = ""
    if model.running or model.ended:
        minutes = write_minutes(model, "text", Where(channel, log_url))
    return MeetingFacts(
        group=plan.title or model.title or "Meeting",
        title=model.title or plan.title or "Meeting",
        start=session_start(session),
        chair=chair,
        chairs=chairs,
        present=_people(plan, session, Attendance.PRESENT),
        regrets=_people(plan, session, Attendance.REGRETS),
        guests=tuple(session.guests),
        topics=topics,
        actions=tuple(by_item.values()),
        previous=tuple(previous),
        next_meeting=next_meeting,
        urls=urls,
        minutes_text=minutes,
        ended=model.ended,
    )
