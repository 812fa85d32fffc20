"""Which bot wrote a raw log: a table of signals, looked for in order (docs/minutes.md).

Each signal is a fact about a bot's own lines (its nick, or a sentence only it says) or about
the commands only it reads.  The first row that matches decides; with no bot line at all the
log is taken for the original MeetBot (``meetbot``), with a note saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chair_tui.meeting.profiles import DEFAULT_PROFILE
from chair_tui.meeting.rawlog import LogLine


@dataclass(frozen=True, slots=True)
class Signal:
    """One row of the table: ``profile`` when a line of ``nick`` (any nick when empty) holds
    ``text`` (any text when empty) at its start (``at_start``) or anywhere."""

    profile: str
    nick: str
    text: str
    at_start: bool
    says: str  # the signal in words, for the report


SIGNALS: tuple[Signal, ...] = (
    Signal("zodbot", "", "This meeting is logged and archived", False, "zodbot's start text"),
    Signal(
        "zodbot",
        "",
        "Useful Commands: #action #agreed #halp",
        True,
        "#halp in zodbot's Useful Commands",
    ),
    Signal("zodbot", "zodbot", "", False, "the bot's nick zodbot"),
    Signal("openstack", "", "is due to finish in 60 minutes", False, "OpenStack's start text"),
    Signal("openstack", "openstack", "", False, "the bot's nick openstack"),
    Signal(
        "meetingology",
        "",
        "Information about MeetBot at https://wiki.ubuntu.com/meetingology",
        False,
        "meetingology's start text",
    ),
    Signal("meetingology", "meetingology", "", False, "the bot's nick meetingology"),
    # hcoop-meetbot answers its starter by name: "<chair>: Meeting started at 2026-…"
    Signal("hcoop", "", ": Meeting started at 2", False, "hcoop-meetbot's start text"),
    Signal("hcoop", "", "Meeting started at 2", True, "hcoop-meetbot's start text"),
    Signal(
        "hcoop",
        "",
        "Useful commands: #action #info #idea #link #topic #motion #vote #close",
        False,
        "hcoop-meetbot's Useful commands",
    ),
    Signal("fedora-matrix", "", "!startmeeting", True, "the Matrix bot's !startmeeting"),
    Signal("fedora-matrix", "", "!sm ", True, "the Matrix bot's !sm"),
    Signal("fedora-matrix", "", "!endmeeting", True, "the Matrix bot's !endmeeting"),
    Signal("fedora-matrix", "", "!topic ", True, "the Matrix bot's !topic"),
    Signal(
        "meetbot",
        "",
        "Information about MeetBot at http://wiki.debian.org/MeetBot",
        False,
        "MeetBot's start text",
    ),
)


@dataclass(frozen=True, slots=True)
class Detected:
    """The profile assumed, the signal it rests on (None: no bot line), the line it is on
    (0 for none) and the bot's nick when a line of the bot gave it away."""

    profile: str
    signal: str | None
    line: int
    bot_nick: str | None

    def describe(self) -> str:
        if self.signal is None:
            return (
                f"assuming profile {self.profile}: the log has no line of a known bot "
                "(use --profile to choose)"
            )
        return f"assuming profile {self.profile}: {self.signal} (line {self.line})"


def _matches(signal: Signal, line: LogLine) -> bool:
    if signal.nick and line.nick.lower() != signal.nick:
        return False
    if not signal.text:
        return True
    if signal.at_start:
        return line.text.startswith(signal.text)
    return signal.text in line.text


def detect_profile(lines: Sequence[LogLine]) -> Detected:
    """The profile of the bot behind ``lines`` (see :data:`SIGNALS`).  The table is read row
    by row, each over every line, so a row higher up wins wherever its line is."""
    for signal in SIGNALS:
        for line in lines:
            if not line.action and _matches(signal, line):
                bot = line.nick if signal.profile != "fedora-matrix" else None
                return Detected(signal.profile, signal.says, line.lineno, bot)
    return Detected(DEFAULT_PROFILE, None, 0, None)


_BOT_SAYS = ("Meeting started", "Meeting name set", "The meeting name has been set")


def bot_nick_of(lines: Sequence[LogLine]) -> str | None:
    """The nick of the bot, if one of its first words is in the log: whoever says "Meeting
    started ..." (or names the meeting) right after a line of someone else."""
    for line in lines:
        if line.text.startswith(_BOT_SAYS):
            return line.nick
        # hcoop-meetbot says it to its starter: "<chair>: Meeting started at …"
        if line.text.partition(": ")[2].startswith("Meeting started at "):
            return line.nick
    return None
