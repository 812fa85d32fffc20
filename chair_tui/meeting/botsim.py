"""How each target bot reads one line, and whom it gives an action item.

This is the per-line part of the bot model (:mod:`chair_tui.meeting.botmodel`, which keeps a
whole meeting): :func:`read_line` is the command a bot reads in a line said while a meeting
runs, :func:`starts_meeting` whether a line starts one, :func:`link_url` the URL it takes from
a ``#link``, :func:`assignees` the nicks it lists an action under, and
:func:`command_pattern` its known commands as one pattern.  Every line chair-tui emits is read
back through :func:`read_line` for its profile, and lint uses the same reader on lines a chair
wrote by hand.  The model built on them is checked against the results of running the real
bots' code (``tests/core/test_vectors.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from chair_tui.meeting.profiles import AssignRule, LinkRule, Profile

URL_PROTOCOLS = ("http:", "https:", "irc:", "ftp:", "mailto:", "ssh:")
URL_RE = re.compile(r"(?:http:|https:|irc:|ftp:|mailto:|ssh:)//\S+")
# compiled on first use (by re's cache): only the MeetBot and OpenStack links need it
_FIND_URL = r"(?s)(.*?)((?:http:|https:|irc:|ftp:|mailto:|ssh:)//[^\s]+(?<!\.|\)))(.*)"
# The Darst bots' command: "#", a word (read in lower case), blanks, the text.
_DARST_TAIL = r"[ \t]*(.*)"
_DARST_RE = re.compile(r"#([\w]+)" + _DARST_TAIL)
# The other dialects' patterns are compiled the first time a line is read for them (re caches
# them): rendering for MeetBot, the usual case, does not pay for them.
#
# meetingology reads r"^[#\[](\w+)\]?(?:\s+(.*?)|)\s*$" and hcoop r"(?i)(^\s*)(#)([a-zA-Z_]+)
# ($|\s+)(.*$)"; hcoop starts a meeting on r"^\s*#startmeeting\s*(.*)$" (re.I).  Their tails
# backtrack over a run of blanks once for every way of sharing it out, which is quadratic or
# worse on a long line of blanks, so only the heads are patterns here and _mgy_tail and
# _line_tail read the rest as those patterns do (tests/hostile/test_linear_time.py checks
# them against the bots' own patterns).
_MGY_HEAD = r"[#\[](\w+)\]?"
_HCOOP_HEAD = r"(?i)\s*#([a-zA-Z_]+)"
_HCOOP_START = r"\s*#startmeeting"
_HCOOP_URL = r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*://\S+)"
_MATRIX_CMD = r"^!(\S+)(?:\s+|$)(.*)"
_MATRIX_TAG = r"^!(action|info|agreed|rejected|idea|halp|link)($| .*)"
_MATRIX_COMMANDS = {
    "startmeeting": "startmeeting",
    "sm": "startmeeting",
    "endmeeting": "endmeeting",
    "em": "endmeeting",
    "topic": "topic",
    "t": "topic",
    "meetingname": "meetingname",
    "mn": "meetingname",
}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a bot makes of one line while a meeting runs.

    ``command`` is the lower-case command it acts on (``None`` for plain chat), ``text`` the
    argument as it stores it.  ``unknown`` means it answers "Unknown command".  A bare URL
    line it turns into a link has ``command == "link"`` and ``auto_link``.
    """

    command: str | None
    text: str = ""
    unknown: bool = False
    auto_link: bool = False

    @property
    def is_command(self) -> bool:
        return self.command is not None


PLAIN = Reading(None)


def _mgy_tail(rest: str) -> str | None:
    r"""What r"(?:\s+(.*?)|)\s*$" leaves in its group for ``rest``, the text after
    meetingology's command word ("" for an empty or unset group), or None when it does not
    match."""
    if not rest:
        return ""
    if not rest[0].isspace():
        return None
    body = rest.strip()
    return None if "\n" in body else body


def _line_tail(rest: str) -> str | None:
    r"""What r"\s*(.*$)" leaves in its group for ``rest`` (None when it does not match): the
    text after the blanks, up to a final line break, if it holds no other line break."""
    body = rest.lstrip()
    if body.endswith("\n"):
        body = body[:-1]
    return None if "\n" in body else body


def _hcoop_command(payload: str) -> tuple[str, str] | None:
    """The command word and its text as hcoop's pattern reads ``payload`` (None: no command)."""
    m = re.match(_HCOOP_HEAD, payload)
    if m is None:
        return None
    rest = payload[m.end() :]
    if rest and rest != "\n" and not rest[0].isspace():
        return None  # (\w)($|\s+) needs the end or a blank after the word
    text = _line_tail(rest)
    return None if text is None else (m.group(1), text)


def hcoop_command_word(line: str) -> str | None:
    """The command word hcoop-meetbot reads at the start of ``line``, in lower case (None when
    it reads none): "#startmeetingWG" starts a meeting, and is then the unknown command
    ``startmeetingwg``."""
    command = _hcoop_command(line.strip())
    return None if command is None else command[0].lower()


def _darst_auto_link(line: str) -> bool:
    return "//" in line and line[: line.index("//")] in URL_PROTOCOLS


def read_line(profile: Profile, line: str, *, channel: str | None = None) -> Reading:
    """How ``profile``'s bot reads ``line`` (said by a chair) during a meeting."""
    if profile.family == "matrix":
        m = re.match(_MATRIX_CMD, line)
        if m and m.group(1) in _MATRIX_COMMANDS:
            return Reading(_MATRIX_COMMANDS[m.group(1)], m.group(2))
        t = re.match(_MATRIX_TAG, line)
        if t:
            return Reading(t.group(1), t.group(2)[1:] if t.group(2) else "")
        return PLAIN
    if profile.family == "hcoop":
        payload = line.strip(" ")
        if payload.startswith("\x01ACTION ") and payload.endswith("\x01"):
            payload = payload[len("\x01ACTION ") : -1]
        payload = payload.strip()
        if channel and payload.lower().startswith(channel.lower()):
            return PLAIN
        command = _hcoop_command(payload)
        if command is not None:
            word, text = command[0].lower(), command[1].strip()
            if word in profile.known_commands:
                return Reading(word, text)
            return Reading(word, text, unknown=True)
        u = re.match(_HCOOP_URL, payload)
        if u:
            return Reading("link", u.group(1), auto_link=True)
        return PLAIN
    # Darst family: rkd, osk, zodbot, meetingology
    if profile.strips_leading_space:  # meetingology strips, then matches #cmd or [cmd]
        payload = line.strip()
        if profile.bracket_commands:
            head = re.match(_MGY_HEAD, payload)
            tail = None if head is None else _mgy_tail(payload[head.end() :])
            if head is not None and tail is not None:
                word = head.group(1).lower()
                return Reading(word, tail) if word in profile.known_commands else PLAIN
        else:
            m = _DARST_RE.match(payload)
            if m:
                word = m.group(1).lower()
                if word in profile.known_commands:
                    return Reading(word, m.group(2) or "")
                return PLAIN
        if _darst_auto_link(payload):
            return Reading("link", payload, auto_link=True)
        return PLAIN
    m = _DARST_RE.match(line)
    if m:
        word = m.group(1).lower()
        if word in profile.known_commands:
            return Reading(word, m.group(2))
        return PLAIN
    if _darst_auto_link(line):
        return Reading("link", line, auto_link=True)
    return PLAIN


def command_pattern(profile: Profile) -> str | None:
    """A regular expression for the commands ``profile``'s bot knows, spelt in lower case:
    where it matches a line, :func:`read_line` reads the line as ``Reading(group 1, group 2)``,
    so a long log can be read without asking read_line about every command.  None for the bots
    whose reading it does not cover (read_line reads every line in any case).
    tests/core/test_lint.py checks it against read_line."""
    if profile.family != "darst" or profile.strips_leading_space:
        return None
    # a known word followed by no word character is the whole word _DARST_RE reads, and
    # lower-casing it changes nothing
    words = "|".join(sorted(profile.known_commands, key=lambda w: (-len(w), w)))
    return rf"#({words})(?!\w){_DARST_TAIL}"


# Every profile's starts_meeting needs "#startmeeting" (any case) after blanks, or a "!" first:
# MAY_START_RE.match(line) is None when no bot starts a meeting on the line.
MAY_START_RE = re.compile(r"\s*#startmeeting|!", re.IGNORECASE)


def may_start_meeting(line: str) -> bool:
    """False when no bot starts a meeting on ``line``: a cheap test before
    :func:`starts_meeting` under every profile (True means: ask them)."""
    return MAY_START_RE.match(line) is not None


def starts_meeting(profile: Profile, line: str) -> tuple[bool, str]:
    """Whether ``line`` starts a meeting before one runs, and the name it gives."""
    if profile.family == "matrix":
        m = re.match(_MATRIX_CMD, line)
        if m and _MATRIX_COMMANDS.get(m.group(1)) == "startmeeting":
            return True, m.group(2).strip()
        return False, ""
    if profile.family == "hcoop":
        m = re.match(_HCOOP_START, line, re.IGNORECASE)
        name = None if m is None else _line_tail(line[m.end() :])
        return (False, "") if name is None else (True, name.strip())
    payload = line.strip() if profile.strips_leading_space else line
    head = payload[:13].lower() if profile.strips_leading_space else payload[:13]
    if head == "#startmeeting":
        return True, payload[13:].strip()
    return False, ""


def link_url(profile: Profile, text: str) -> str:
    """The URL ``profile``'s bot takes from the argument of a ``#link`` line."""
    if profile.link_rule is LinkRule.FIND_URL:
        m = re.match(_FIND_URL, text)
        if m:
            return m.group(2)
        return (text + " ").split(" ", 1)[0]
    if profile.link_rule is LinkRule.FIRST_WORD:
        return (text + " ").split(" ", 1)[0]
    return text


@functools.lru_cache(maxsize=4096)
def _nick_matcher(rule: AssignRule, nick: str) -> re.Pattern[str] | None:
    """The pattern ``rule`` finds ``nick`` with (compiled once per rule and nick)."""
    e = re.escape(nick)
    if rule is AssignRule.WORD_CI:
        return re.compile(r"\b" + e + r"\b", re.IGNORECASE)
    if rule is AssignRule.TOKEN_CI:
        return re.compile(r"(^|\s)(" + e + "|" + e + r":|\(" + e + r"\))($|\s)", re.IGNORECASE)
    return None


def _sorted_nicks(nicks: Iterable[str]) -> list[str]:
    return sorted(set(nicks), key=lambda n: (n.lower(), n))


def _matches(rule: AssignRule, nick: str, text: str) -> bool:
    if rule is AssignRule.SUBSTRING_CS:
        return nick in text
    matcher = _nick_matcher(rule, nick)
    return matcher is not None and matcher.search(text) is not None


def assignees(profile: Profile, text: str, attendees: Iterable[str]) -> list[str]:
    """Nicks under which ``profile``'s bot lists the action ``text`` in its minutes.

    ``attendees`` are the nicks the bot knows: everyone who spoke, was ``#nick``-ed or
    ``#chair``-ed.  The result is sorted as the bots sort it (case-insensitively).  For many
    actions among many nicks, :class:`NickIndex` finds the same nicks without trying each.
    """
    rule = profile.assign_rule
    if rule is AssignRule.NONE:
        return []
    return _sorted_nicks(n for n in attendees if n and _matches(rule, n, text))


class NickIndex:
    """Nicks indexed once by their lower-case form, so that an action is matched against the
    few nicks its text can hold rather than against every nick seen.

    Every assignment rule finds a nick inside the action's text, whatever the case (zodbot's
    case-sensitive substring too): only nicks whose lower-case form is a piece of the text's
    lower-case form can be found, and those pieces are looked up in a dictionary, one per
    length a nick has.  :meth:`assignees` gives what :func:`assignees` gives.
    """

    __slots__ = ("_by_lower", "_lengths", "_odd")

    def __init__(self, nicks: Iterable[str]) -> None:
        self._by_lower: dict[str, list[str]] = {}
        odd: list[str] = []
        for n in dict.fromkeys(n for n in nicks if n):
            low = n.lower()
            if len(low) != len(n):
                odd.append(n)  # a lower-case form of another length: looked for the long way
            self._by_lower.setdefault(low, []).append(n)
        self._lengths = sorted({len(low) for low in self._by_lower})
        self._odd = odd

    def candidates(self, text: str) -> set[str]:
        """The nicks whose lower-case form is in the lower-case form of ``text``."""
        low = text.lower()
        size = len(low)
        by_lower = self._by_lower
        found: set[str] = set()
        for length in self._lengths:
            if length > size:
                break
            for i in range(size - length + 1):
                piece = low[i : i + length]
                if piece in by_lower:
                    found.update(by_lower[piece])
        found.update(self._odd)
        return found

    def assignees(self, profile: Profile, text: str) -> list[str]:
        """:func:`assignees` of ``text`` among the indexed nicks."""
        rule = profile.assign_rule
        if rule is AssignRule.NONE:
            return []
        return _sorted_nicks(n for n in self.candidates(text) if _matches(rule, n, text))
