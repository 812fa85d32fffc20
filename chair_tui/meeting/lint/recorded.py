"""What the bot records of the lines: the findings that need the whole meeting as the bot keeps
it, and the items each line makes (what ``--fix`` must never lose or alter).

The lines are fed to the bot model (:class:`~chair_tui.meeting.botmodel.BotModel`) as the
target bot, from whoever said them.  What was meant is what the lines say; what the bot records
is what the model keeps.  Where they differ, lint says so:

- **L22** a command said before the meeting started: the bot is not in a meeting and ignores it
  (and a ``#topic`` lost that way leaves the items after the start under no topic);
- **L23** a command said after the meeting ended: ignored, not in the minutes;
- **L24** a command only a chair may give, said by someone who is not a chair: ignored; for a
  ``#topic``, the items after it are filed under the topic before it (misfiled).

Lines meant for a meeting already running (``fragment``; a log or a lines file with no start
command is taken so too) are fed after a start the model is given first, so nothing in them
is "before the start".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chair_tui.meeting.botmodel import BotModel, Item, ItemKind
from chair_tui.meeting.botsim import read_line, starts_meeting
from chair_tui.meeting.lint.findings import ERROR, Finding
from chair_tui.meeting.lint.target import q
from chair_tui.meeting.lint.votes import vote_findings
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.render import is_label_only
from chair_tui.meeting.text import clean_line

# the nick the lines of a lines file are said by, and the name of the meeting a fragment is in
CHAIR = "chair"
FRAGMENT_NAME = "fragment"
_TOPIC_WORDS = frozenset({"topic", "t"})


@dataclass(frozen=True, slots=True)
class Said:
    """One message of the meeting: the line of the file, its time, who said it, the text, and
    whether it was a ``/me`` line."""

    lineno: int
    time: str
    nick: str
    text: str
    action: bool = False


@dataclass(slots=True)
class Recorded:
    """The model after every line, the line each item came from, and the findings."""

    model: BotModel
    origin: dict[Item, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def start_line(profile: Profile) -> str:
    """The start command a fragment is fed after."""
    return f"{profile.command(Kind.START)} {FRAGMENT_NAME}"


def has_start(profile: Profile, said: Sequence[Said]) -> bool:
    """Whether one of the lines starts a meeting for ``profile``'s bot."""
    return any(not s.action and starts_meeting(profile, s.text)[0] for s in said)


def _may_be_command(text: str) -> bool:
    # every bot's command starts with one of these (hcoop and meetingology allow blanks first)
    head = text.lstrip()[:1]
    return head in ("#", "!", "[")


def record(
    profile: Profile,
    said: Sequence[Said],
    *,
    fragment: bool = False,
    bot_nick: str | None = None,
    channel: str | None = None,
    owner: str | None = None,
) -> Recorded:
    """Feed ``said`` to ``profile``'s bot model and compare what was meant with what it keeps.

    With ``fragment`` (or when no line starts a meeting) the model is started first, by
    ``owner`` (the chair; else the first speaker), so the lines are read in a running meeting.
    """
    model = BotModel(profile, bot_nick=bot_nick, channel=channel)
    out = Recorded(model)
    running = fragment or not has_start(profile, said)
    if running:
        owner = owner or (said[0].nick if said else CHAIR)
        model.feed(said[0].time if said else "00:00:00", owner, start_line(profile))
    before: list[tuple[Said, str]] = []  # commands said before the start: (line, command)
    ignored: list[tuple[Said, str, str | None]] = []  # (line, command, the bot's topic then)
    for s in said:
        reading = None
        if not s.action and s.nick != bot_nick and _may_be_command(s.text):
            r = read_line(profile, s.text, channel=channel)
            if r.command is not None and not r.unknown:
                reading = r
        running, ended = model.running, model.ended
        if (
            reading is not None
            and running
            and reading.command in profile.chair_only
            and not model.is_chair(s.nick)
        ):
            ignored.append((s, reading.command or "", model.topic))
        count = len(model.items)
        model.feed(s.time, s.nick, s.text, action=s.action)
        if len(model.items) > count:
            out.origin[model.items[-1]] = s.lineno
        if reading is None or starts_meeting(profile, s.text)[0]:
            continue
        if not running and not ended and not model.running:
            before.append((s, reading.command or ""))
        elif ended:
            out.findings.append(
                Finding(
                    "L23",
                    s.lineno,
                    f"after the end: {profile.label} has closed the meeting and ignores"
                    f" {q(s.text.strip(), 40)}; it is not in the minutes",
                    "say it before the end command, or leave it out",
                    ERROR,
                )
            )
    if model.running or model.ended:
        topics_lost = [s for s, word in before if word in _TOPIC_WORDS]
        for s, word in before:
            note = ""
            if word in _TOPIC_WORDS and s is topics_lost[-1]:
                note = "; the items said after the start stay under no topic until the next one"
            out.findings.append(
                Finding(
                    "L22",
                    s.lineno,
                    f"before the start: {profile.label} is not in a meeting yet and ignores"
                    f" {q(s.text.strip(), 40)}{note}",
                    f"say it after {profile.command(Kind.START)}",
                    ERROR,
                )
            )
    for s, word, topic in ignored:
        message = f"{s.nick} is not a chair: {profile.label} ignores {q(s.text.strip(), 40)}"
        if word in _TOPIC_WORDS:
            n = _filed_after(out, s.lineno)
            where = q(topic, 40) if topic is not None else "no topic"
            if n:
                message += f", and files the {n} item{'s' if n != 1 else ''} after it under {where}"
        out.findings.append(
            Finding(
                "L24",
                s.lineno,
                message,
                f"{profile.command(Kind.CHAIR)} {s.nick} first, or let a chair say it"
                if profile.supports(Kind.CHAIR)
                else "let a chair say it",
                ERROR,
            )
        )
    out.findings += vote_findings(
        profile, said, bot_nick=bot_nick, channel=channel, running=running
    )
    return out


def _filed_after(out: Recorded, lineno: int) -> int:
    """How many items were recorded after line ``lineno`` until the next topic."""
    n = 0
    for item in out.model.items:
        line = out.origin.get(item, 0)
        if line <= lineno:
            continue
        if item.kind is ItemKind.TOPIC:
            break
        n += 1
    return n


def content(text: str) -> str:
    """An item's text as a reader sees it: control codes dropped, blanks made single spaces,
    and the colon a ``#topic: x`` leaves in front (L10) taken off."""
    return " ".join(clean_line(text).split()).removeprefix(":").lstrip()


def has_content(item: Item) -> bool:
    """Whether an item says anything: not empty, not a bare label (``regrets:``)."""
    text = content(item.text)
    return bool(text) and not is_label_only(text)
