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
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import itemgetter
from pathlib import Path

from chair_tui.meeting.botsim import MAY_START_RE, read_line, starts_meeting
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.profiles import PROFILES, Profile

# A channel-mode prefix shown before a nick by some clients and bots: <@op> <+voice>.
_MODE_CHARS = "~&@%+"
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]")
_TIME_RE = re.compile(r"(\[)?(\d{1,2}):(\d{2})(?::(\d{2}))?(\])?")
_MATRIX_ID_RE = re.compile(r"@[^\s:]+:\S+")
# The common shape, ``16:59:31 <cmurf> text`` with a valid time and a plain nick.  It accepts
# only lines that _parse_one reads the same way (tests/core/test_rawlog.py checks this).
_PLAIN_TIME = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)"
_PLAIN_NICK = r"[^\s>~&@%+][^\s>]*"


def _lines_re(times: bool = False) -> re.Pattern[str]:
    """Every line of a text at once (findall): ``([time,] nick, text, "")`` for a line of the
    common shape, ``([""], "", "", line)`` for any other line (blank lines too), and one more
    for the empty end of a text that ends with a line break."""
    time = f"({_PLAIN_TIME})" if times else _PLAIN_TIME
    # compiled on first use (re caches it): `check` reads no times
    return re.compile(rf"^(?:{time} <({_PLAIN_NICK})>(?: (.*))?$|(.*))", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LogLine:
    """One message of a raw log.

    ``lineno`` is the line of the file (1-based), ``time`` the time as written without its
    brackets (with the date when the log has one), ``nick`` the sender without a channel-mode
    prefix (a Matrix ID keeps its ``@``), ``text`` exactly what followed the separator, and
    ``action`` whether it was a ``/me`` line (``* nick text``).
    """

    lineno: int
    time: str
    nick: str
    text: str
    action: bool = False


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


@dataclass(slots=True)
class Messages:
    """The messages of a raw log as columns: message ``i`` is line ``linenos[i]`` of the file,
    ``texts[i]`` said by ``nicks[i]`` (as :class:`LogLine` has them), ``actions[i]`` whether it
    was a ``/me`` line (``actions`` is None when none was) and ``times[i]`` its time (``times``
    is None unless asked for).  A long log makes no object per line."""

    linenos: Sequence[int]
    nicks: list[str]
    texts: list[str]
    actions: list[bool] | None
    times: list[str] | None

    def __len__(self) -> int:
        return len(self.nicks)

    @classmethod
    def of(cls, lines: Sequence[LogLine]) -> Messages:
        actions = [x.action for x in lines]
        return cls(
            [x.lineno for x in lines],
            [x.nick for x in lines],
            [x.text for x in lines],
            actions if any(actions) else None,
            [x.time for x in lines],
        )

    def log_lines(self) -> list[LogLine]:
        if self.times is None:
            raise ValueError("the log was read without its times")
        actions = self.actions or [False] * len(self.nicks)
        return [
            LogLine(*fields)
            for fields in zip(
                self.linenos, self.times, self.nicks, self.texts, actions, strict=True
            )
        ]


class _Scan:
    """One pass over a file: its messages, how many non-blank lines it has, and the first
    line that is not a message (lineno, message, column), if any.

    Every line of the common shape is read by one regular expression over the whole text; the
    other lines, if any, one by one (:func:`_parse_one`).
    """

    __slots__ = ("columns", "error", "total")

    def __init__(self, text: str, *, times: bool = False) -> None:
        if "\r" in text:
            text = "\n".join(_split_lines(text))
            rows = _lines_re(times).findall(text)
            if not text:
                rows.clear()  # no line at all
        else:
            rows = _lines_re(times).findall(text)
            if not text or text[-1] == "\n":
                rows.pop()  # the end of the last line is not another line
        first = 1 if times else 0  # the nick's column
        nicks: list[str] = list(map(itemgetter(first), rows))
        self.error: tuple[int, str, int] | None = None
        if "" not in nicks:  # every line has the common shape
            self.total = len(rows)
            self.columns = Messages(
                range(1, len(rows) + 1),
                nicks,
                list(map(itemgetter(first + 1), rows)),
                None,
                list(map(itemgetter(0), rows)) if times else None,
            )
            return
        linenos: list[int] = []
        said: list[str] = []
        texts: list[str] = []
        actions: list[bool] = []
        stamps: list[str] = []
        total = 0
        for lineno, row in enumerate(rows, start=1):
            if row[first]:
                total += 1
                linenos.append(lineno)
                said.append(row[first])
                texts.append(row[first + 1])
                actions.append(False)
                if times:
                    stamps.append(row[0])
                continue
            line = row[-1]
            if not line.strip():
                continue
            total += 1
            try:
                got = _parse_one(lineno, line)
            except _Malformed as exc:
                if self.error is None:
                    self.error = (lineno, exc.message, exc.column)
                continue
            linenos.append(lineno)
            said.append(got.nick)
            texts.append(got.text)
            actions.append(got.action)
            stamps.append(got.time)
        self.total = total
        self.columns = Messages(
            linenos, said, texts, actions if any(actions) else None, stamps if times else None
        )

    @property
    def looks_like_log(self) -> bool:
        matched = len(self.columns)
        return matched > 0 and matched * 2 > self.total

    def messages(self, path: str | Path) -> Messages:
        if self.error is not None:
            lineno, message, column = self.error
            raise InputError(path, f"not a log line: {message}", lineno, column)
        return self.columns


def parse_log(text: str, path: str | Path) -> list[LogLine]:
    """Every message of the raw log ``text`` read from ``path``, in file order.

    Raises :class:`InputError` (``path:line:column: message``) on the first line that is not
    blank and not a log line.
    """
    return _Scan(text, times=True).messages(path).log_lines()


def looks_like_log(text: str) -> bool:
    """Whether most (more than half) of the non-blank lines of ``text`` are log lines."""
    return _Scan(text).looks_like_log


def read_log(text: str, path: str | Path) -> Messages | None:
    """The messages of ``text`` (without their times) if :func:`looks_like_log`, else None,
    reading ``text`` once.  Raises :class:`InputError` as :func:`parse_log` does."""
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


def _most_commands(
    nicks: Sequence[str], texts: Sequence[str], profiles: Sequence[Profile], first: dict[str, int]
) -> str | None:
    """Who sent the most commands (``texts[i]`` said by ``nicks[i]``), ties going to who spoke
    first (``first[nick]``: 0 for the first nick of the log); None when nobody sent any.

    A nick cannot have sent more commands than messages, so the nicks are counted from the
    most messages down, and the counting stops once no other nick can catch up: in a log most
    of whose lines are the chair's, the first command decides.
    """
    said = Counter(nicks)
    # (count, -first) orders the nicks as chair_of does: most commands, then who spoke first
    ranked = sorted(said, key=lambda n: (-said[n], first[n]))
    lines: dict[str, list[int]] | None = None  # each nick's lines, once a second nick counts
    best = (0, 0)  # the best nick so far
    winner: str | None = None
    for k, nick in enumerate(ranked):
        rank = -first[nick]
        if (said[nick], rank) < best:
            break  # neither this nick nor any after it can win
        # the most any nick after this one can reach
        after = (said[ranked[k + 1]], -first[ranked[k + 1]]) if k + 1 < len(ranked) else (0, 0)
        if k == 1:
            lines = {}
            for i, who in enumerate(nicks):
                lines.setdefault(who, []).append(i)
        mine = compress(count(), map(nick.__eq__, nicks)) if lines is None else lines[nick]
        n = 0
        for i in mine:
            if _is_command(profiles, texts[i]):
                n += 1
                if (n, rank) > best and (n, rank) > after:
                    return nick  # it already beats everyone
        if n and (n, rank) > best:
            best, winner = (n, rank), nick
    return winner


# MAY_START_RE at the start of a line of "\n" + "\n".join(texts), for chair_of.  Its blanks
# stop at a line break: with \s* every "\n" of a run of blank texts would be tried again over
# all the blanks after it, quadratic in the run.  The candidates it finds are the same texts
# (a text starts with MAY_START_RE iff a line in it does, after its last line break among
# the leading blanks), and each is checked with MAY_START_RE itself.
_MAY_START_LINE_RE = re.compile(r"\n(?:[^\S\n]*#startmeeting|!)", MAY_START_RE.flags)


def _first_start(texts: Sequence[str], profiles: Sequence[Profile]) -> int | None:
    """The index of the first of ``texts`` that starts a meeting for one of ``profiles``.

    One search over the joined texts finds the candidates (MAY_START_RE at a line's start);
    each candidate is then matched with MAY_START_RE and asked of every bot, so a text with a
    line break in it cannot mislead the search.
    """
    joined = "\n".join(("", *texts))
    starts: list[int] | None = None  # where each text's "\n" is in joined, once needed
    pos = 0
    while (m := _MAY_START_LINE_RE.search(joined, pos)) is not None:
        if starts is None:
            starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        i = bisect_right(starts, m.start()) - 1  # the text the match starts in
        text = texts[i]
        if MAY_START_RE.match(text) and any(starts_meeting(p, text)[0] for p in profiles):
            return i
        pos = starts[i + 1]
    return None


def chair_of(lines: Sequence[LogLine] | Messages, profile: Profile | None = None) -> str:
    """A guess at who chaired: who started the meeting, else who sent the most commands.

    With ``profile`` only that bot's way of reading lines counts; without, a line counts when
    any known bot would read it as a start or a command.  With no command at all, the nick with
    the most messages; ``""`` for an empty log.  Ties go to the nick who spoke first.
    """
    profiles = [profile] if profile is not None else list(PROFILES.values())
    log = lines if isinstance(lines, Messages) else Messages.of(lines)
    nicks, texts = log.nicks, log.texts
    if log.actions is not None:  # a /me line neither starts a meeting nor is a command
        said = [i for i, action in enumerate(log.actions) if not action]
        nicks = [nicks[i] for i in said]
        texts = [texts[i] for i in said]
    start = _first_start(texts, profiles)
    if start is not None:
        return nicks[start]
    first = {nick: k for k, nick in enumerate(dict.fromkeys(log.nicks))}
    winner = _most_commands(nicks, texts, profiles, first)
    if winner is not None:
        return winner
    counts = Counter(log.nicks)  # no commands: who said the most (/me lines too)
    return max(counts, key=lambda n: (counts[n], -first[n]), default="")
