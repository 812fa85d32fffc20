"""The target bot as lint asks it, and what lint makes of one line.

:class:`Target` holds what every rule needs to know (the profile, the byte limit, the
channel, who is on the roster) and answers the questions the rules ask of the bots: does the
target read this line, does another bot, what is the corrected line.  Every decision about
whether a bot reads a line goes through :func:`chair_tui.meeting.botsim.read_line`, and every
corrected line is made by :func:`chair_tui.meeting.render.render_entry`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from chair_tui.meeting.botsim import command_pattern, read_line
from chair_tui.meeting.lint.findings import Finding
from chair_tui.meeting.lint.nicks import NickIndex
from chair_tui.meeting.lint.plain import FIRST_WORD
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import PROFILES, Kind, Profile
from chair_tui.meeting.render import RenderError, render_entry
from chair_tui.meeting.text import clean_line, utf8_len


class Role(StrEnum):
    """What a line is to the bot."""

    BLANK = "blank"
    SLASH = "slash"
    COMMAND = "command"
    AUTOLINK = "autolink"
    NARRATIVE = "narrative"
    OTHER = "other"


@dataclass(slots=True)
class Line:
    """What lint makes of one line."""

    lineno: int
    text: str
    role: Role
    body: str = ""  # the text after the mechanical fixes (whitespace, colon, controls)
    kind: Kind | None = None
    word: str | None = None  # command word as the bot reads it
    arg: str = ""  # the argument the bot records
    findings: list[Finding] = field(default_factory=list)
    replacement: list[str] | None = None  # None: keep the line as it is

    def can_wrap(self) -> bool:
        """Whether a hard-wrapped sentence can start here (not on a line lint cannot fix)."""
        l1 = False
        for f in self.findings:
            code = f.code
            if code == "L5" or code == "L17":
                return False
            if code == "L1":
                l1 = True
        return self.replacement is not None or not l1


# What lint makes of one line (LineAnalyser.analyse_lines): None for a plain narrative line
# (its L15 note and nothing else), a Kind for a command none of the rules applies to (no
# finding, no fix: "quiet"), else the full Line.
Info = Line | Kind | None


def q(text: str, limit: int = 60) -> str:
    """``text`` in backquotes for a message, shortened to ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`"


class Target:
    """The bot lint checks the lines for, and what the rules ask of it and of the others."""

    def __init__(
        self,
        profile: Profile,
        max_bytes: int,
        channel: str | None,
        attendees: Iterable[str] | None,
        spoken: Iterable[str] = (),
        seconds: Sequence[int | None] | None = None,
    ) -> None:
        self.profile = profile
        self.max_bytes = max_bytes
        self.channel = channel
        self.roster: list[str] | None = None if attendees is None else list(attendees)
        # in a raw log, the time of each line checked (seconds of the day; None: unknown)
        self.seconds = seconds
        self._nick_index: NickIndex | None = None
        # who spoke (or was #nick-ed): what a #chair nick must match exactly
        self.spoken = list(spoken)
        self.spoken_set = frozenset(self.spoken)
        self.spoken_by_lower = {n.lower(): n for n in self.spoken}  # made once, not per line
        others = [p for p in PROFILES.values() if p.name != profile.name]
        # Try the strict dialects first so the reading is the canonical one.
        self.others = sorted(others, key=lambda p: (p.strips_leading_space, p.family == "hcoop"))
        self.hcoop = PROFILES["hcoop"]
        self.info_command = self.cmd(Kind.INFO)
        # a clean line the target reads as a known command, and how (see analyse_lines)
        pattern = command_pattern(profile)
        self.quick_command: Callable[[str], re.Match[str] | None] | None = (
            None if pattern is None else re.compile(FIRST_WORD + pattern).match
        )
        self.l15_message = f"not a command: {profile.label} leaves this line out of the minutes"
        # what the findings of a hard-wrapped run say (see hardwrap.run_rows)
        self.run_note = f" are not commands: {profile.label} leaves them out of the minutes"
        keep = f", then make it {self.info_command} to keep it" if self.info_command else ""
        self.run_fix = "join them into one line" + keep

    @property
    def nick_index(self) -> NickIndex:
        """The roster indexed for the action rules (L7, L8) and L20's "said to someone": made
        once per lint run, when first needed (a meeting without actions needs none)."""
        if self._nick_index is None:
            self._nick_index = NickIndex(self.roster or ())
        return self._nick_index

    def reads(self, line: str) -> bool:
        """Whether the target reads ``line`` as a command it knows."""
        r = read_line(self.profile, line, channel=self.channel)
        return r.is_command and not r.unknown

    def other_reading(self, line: str) -> tuple[Profile, str, str] | None:
        """The first other bot that reads ``line`` as a command: it, the command, the text."""
        for p in self.others:
            r = read_line(p, line)
            if r.is_command and not r.unknown and not r.auto_link and r.command:
                return p, r.command, r.text
        return None

    def any_reads(self, line: str) -> bool:
        return self.reads(line) or self.other_reading(line) is not None

    def cmd(self, kind: Kind) -> str:
        """The target's command for ``kind`` (``#info``), or "" when it has none."""
        return self.profile.command(kind) if self.profile.supports(kind) else ""

    def l15_fix(self, text: str) -> str | None:
        info = self.info_command
        return f"{info} {text.strip()}" if info else None

    def render(self, kind: Kind | None, word: str | None, arg: str) -> list[str] | None:
        """The corrected line(s) for a command, or None when it cannot be made."""
        p = self.profile
        if kind is None:
            if not word or word not in p.known_commands:
                return None
            cleaned = clean_line(arg)
            line = f"{p.prefix}{word}" + (f" {cleaned}" if cleaned else "")
            if utf8_len(line) > self.max_bytes or read_line(p, line).command != word:
                return None
            return [line]
        if not p.supports(kind):
            return None
        entry = Entry(kind, arg, verb=word)
        try:
            rendered = render_entry(entry, p, max_bytes=self.max_bytes, roster=self.roster or ())
        except RenderError:
            return None
        return [line.text for line in rendered.lines]

    def render_note(self, text: str) -> list[str] | None:
        """``text`` as narrative line(s) within the byte limit, or None when it cannot be."""
        try:
            rendered = render_entry(Entry(Kind.NOTE, text), self.profile, max_bytes=self.max_bytes)
        except RenderError:
            return None
        return [line.text for line in rendered.lines]
