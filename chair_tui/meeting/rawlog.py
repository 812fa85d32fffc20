"""Read the raw logs MeetBot-family bots write (``.log.txt``), one message per line.

Accepted line shapes (the time may carry a ``YYYY-MM-DD`` date in front of it)::

    16:59:31 <cmurf> #topic Rollcall          MeetBot / zodbot / OpenStack raw log
    [16:59:31] <cmurf> #topic Rollcall        Sopel, and MeetBot's own replay format
    16:59 <cmurf> #topic Rollcall             meetingology (minutes only)
    16:59:31 * cmurf waves                    a /me (CTCP ACTION) line
    16:59:31 <@cmurf> text                    a nick shown with its channel mode (@ + % ~ &)
    2024-07-23 16:59:31 <@cmurf:fedora.im> x  Fedora's Matrix meetbot (a Matrix ID as the nick)

The message is separated from ``<nick>`` by exactly one space, which is not part of the text:
the bots write ``"%s <%s> %s" % (time, nick, text)``.  Everything after that single space is the
text, byte for byte, so leading spaces (`` #startmeeting`` said with a space in front) and
trailing spaces stay as they were said.  ``16:59:41 <cmurf>`` with nothing after ``>`` is an
empty message (the bot logged a line with no text); ``16:59:41 <cmurf> `` gives the same empty
text.  Lines are split on ``\\n`` only; one ``\\r`` before it (a CRLF file) is dropped.
Blank lines are skipped; any other line that does not have one of these shapes is an error.
"""

from __future__ import annotations

import re
from collections import Counter

from chair_tui.meeting.botsim import may_start_meeting, read_line, starts_meeting
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.profiles import PROFILES, Profile
from chair_tui.meeting.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

# A channel-mode prefix shown before a nick by some clients and bots: <@op> <+voice>.
_MODE_CHARS = "~&@%+"
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]")
_TIME_RE = re.compile(r"(\[)?(\d{1,2}):(\d{2})(?::(\d{2}))?(\])?")
_MATRIX_ID_RE = re.compile(r"@[^\s:]+:\S+")
# The common shape, ``16:59:31 <cmurf> text`` with a valid time and a plain nick, in one match.
# It accepts only lines that _parse_one reads the same way (tests/core/test_rawlog.py checks
# this); every other line goes through _parse_one.
_PLAIN_RE = re.compile(
    r"((?:[01]?[0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60))"
    r" <([^\s>~&@%+][^\s>]*)>(?: (.*))?\Z",
    re.DOTALL,
)


class LogLine(Value):
    """One message of a raw log.

    ``lineno`` is the line of the file (1-based), ``time`` the time as written without its
    brackets (with the date when the log has one), ``nick`` the sender without a channel-mode
    prefix (a Matrix ID keeps its ``@``), ``text`` exactly what followed the separator, and
    ``action`` whether it was a ``/me`` line (``* nick text``).
    """

    __slots__ = ("action", "lineno", "nick", "text", "time")
    _fields = ("lineno", "time", "nick", "text", "action")

    def __init__(self, lineno: int, time: str, nick: str, text: str, action: bool = False) -> None:
        self.lineno = lineno
        self.time = time
        self.nick = nick
        self.text = text
        self.action = action


class _Malformed(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" in text:
        return [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def _bare_nick(raw: str) -> str:
    nick = raw.lstrip(" ")
    if _MATRIX_ID_RE.fullmatch(nick):
        return nick
    return nick.lstrip(_MODE_CHARS)


def _parse_one(lineno: int, line: str) -> LogLine:
    pos = 0
    date = _DATE_RE.match(line)
    if date:
        pos = date.end()
    t = _TIME_RE.match(line, pos)
    if t is None:
        raise _Malformed(
            "expected a time such as 16:59:31, 16:59 or [16:59:31] at the start of the line",
            pos + 1,
        )
    if bool(t.group(1)) != bool(t.group(5)):
        raise _Malformed("unbalanced brackets around the time", pos + 1)
    hour, minute, second = int(t.group(2)), int(t.group(3)), t.group(4)
    if hour > 23 or minute > 59 or (second is not None and int(second) > 60):
        raise _Malformed(f"{t.group(0).strip('[]')!r} is not a valid time", pos + 1)
    clock = line[t.start(2) : t.end(4) if second is not None else t.end(3)]
    time = f"{date.group(0)[:-1]} {clock}" if date else clock
    pos = t.end()
    gap = len(line) - pos - len(line[pos:].lstrip(" \t"))
    if gap == 0:
        raise _Malformed("expected a space after the time", pos + 1)
    pos += gap
    if line.startswith("<", pos):
        close = line.find(">", pos + 1)
        if close < 0:
            raise _Malformed("expected '>' to close the '<nick>'", len(line) + 1)
        nick = _bare_nick(line[pos + 1 : close])
        if not nick or any(ch.isspace() for ch in nick):
            raise _Malformed("expected a nick without spaces between '<' and '>'", pos + 2)
        rest = line[close + 1 :]
        if rest and not rest.startswith(" "):
            raise _Malformed("expected one space between '<nick>' and the message", close + 2)
        return LogLine(lineno, time, nick, rest[1:], False)
    if line.startswith("* ", pos):
        body = line[pos + 2 :]
        nick, sep, text = body.partition(" ")
        if not nick:
            raise _Malformed("expected a nick after '* '", pos + 3)
        return LogLine(lineno, time, _bare_nick(nick), text if sep else "", True)
    raise _Malformed("expected '<nick> message' or '* nick action' after the time", pos + 1)


class _Scan:
    """One pass over a file: its messages, how many non-blank lines it has, and the first
    line that is not a message (lineno, message, column), if any."""

    __slots__ = ("error", "lines", "total")

    def __init__(self, text: str) -> None:
        lines: list[LogLine] = []
        error: tuple[int, str, int] | None = None
        total = 0
        plain = _PLAIN_RE.match
        append = lines.append
        for lineno, line in enumerate(_split_lines(text), start=1):
            m = plain(line)
            if m is not None:
                total += 1
                append(LogLine(lineno, m[1], m[2], m[3] or "", False))
                continue
            if not line.strip():
                continue
            total += 1
            try:
                append(_parse_one(lineno, line))
            except _Malformed as exc:
                if error is None:
                    error = (lineno, exc.message, exc.column)
        self.lines = lines
        self.total = total
        self.error = error

    @property
    def looks_like_log(self) -> bool:
        matched = len(self.lines)
        return matched > 0 and matched * 2 > self.total

    def messages(self, path: str | Path) -> list[LogLine]:
        if self.error is not None:
            lineno, message, column = self.error
            raise InputError(path, f"not a log line: {message}", lineno, column)
        return self.lines


def parse_log(text: str, path: str | Path) -> list[LogLine]:
    """Every message of the raw log ``text`` read from ``path``, in file order.

    Raises :class:`InputError` (``path:line:column: message``) on the first line that is not
    blank and not a log line.
    """
    return _Scan(text).messages(path)


def looks_like_log(text: str) -> bool:
    """Whether most (more than half) of the non-blank lines of ``text`` are log lines."""
    return _Scan(text).looks_like_log


def read_log(text: str, path: str | Path) -> list[LogLine] | None:
    """``parse_log(text, path)`` if :func:`looks_like_log`, else None, reading ``text`` once."""
    scan = _Scan(text)
    return scan.messages(path) if scan.looks_like_log else None


def _is_command(profiles: Sequence[Profile], text: str) -> bool:
    if "#" not in text and "!" not in text and "[" not in text:
        return False  # every bot's commands need one of these (bare URLs do not count here)
    for profile in profiles:
        reading = read_line(profile, text)
        if reading.is_command and not reading.unknown and not reading.auto_link:
            return True
    return False


def chair_of(lines: Sequence[LogLine], profile: Profile | None = None) -> str:
    """A guess at who chaired: who started the meeting, else who sent the most commands.

    With ``profile`` only that bot's way of reading lines counts; without, a line counts when
    any known bot would read it as a start or a command.  With no command at all, the nick with
    the most messages; ``""`` for an empty log.  Ties go to the nick who spoke first.
    """
    profiles = [profile] if profile is not None else list(PROFILES.values())
    said = [line for line in lines if not line.action]
    for line in said:
        text = line.text
        if may_start_meeting(text) and any(starts_meeting(p, text)[0] for p in profiles):
            return line.nick
    commands = Counter(line.nick for line in said if _is_command(profiles, line.text))
    counts = commands or Counter(line.nick for line in lines)
    if not counts:
        return ""
    best = max(counts.values())
    for line in lines:
        if counts.get(line.nick) == best:
            return line.nick
    return ""  # pragma: no cover - a nick with the best count is always in lines
