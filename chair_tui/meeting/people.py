"""People as a chair meets them: nicks, guests with an optional nick, late arrivals and chair
hand-over, each in the lines the target bot understands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chair_tui.meeting.botsim import read_line
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.render import nick_entries, render_entry
from chair_tui.meeting.text import (
    DEFAULT_MAX_BYTES,
    clean_line,
    is_irc_nick,
    is_strict_nick,
    utf8_len,
)

# A nick as IRC servers allow it (RFC 2812, as long as any network allows): what a guest's
# "Name (nick)" must hold in its brackets for them to be a nick, so "(she/her)" is not.
_GUEST = r"^(.*?)\s*\(([^()]*)\)$"
_NICK_SPLIT = r"[\s,]+"
UNCHAIR = "unchair"  # the command word (no entry kind carries it)


@dataclass(frozen=True, slots=True)
class Guest:
    """Someone at the meeting who is not in the roster: a name, and a nick when known."""

    name: str
    nick: str | None = None

    @property
    def display(self) -> str:
        """``Jens (jensb)``, or the name alone (the nick alone when it is the name)."""
        if self.nick and self.nick != self.name:
            return f"{self.name} ({self.nick})"
        return self.name


def parse_guest(text: str) -> Guest:
    """A guest from what the chair typed: ``Alice (alice_)`` is Alice with the nick alice_;
    ``Alice (she/her)`` is that whole name (what is in the brackets is no IRC nick); a lone
    ``(alice_)`` is alice_ by nick. Blanks and control characters are cleaned."""
    text = clean_line(text)
    m = re.match(_GUEST, text)
    if m is not None:
        nick = m.group(2).strip()
        if is_strict_nick(nick):
            return Guest(m.group(1) or nick, nick)
    return Guest(text)


def late_arrival_entries(
    profile: Profile, name: str, nick: str | None, *, seen: Iterable[str] = ()
) -> list[Entry]:
    """``#info late: Jens (jensb)``, then ``#nick jensb`` where the bot assigns actions by nick
    and has not seen ``nick`` (in ``seen``) yet, so an action for them is theirs.

    :class:`ValueError` when there is neither a name nor a nick, or the nick is not a nick.
    """
    name, nick = clean_line(name), clean_line(nick or "") or None
    if nick is not None and not is_irc_nick(nick):
        raise ValueError(f"{nick!r} is not an IRC nick")
    guest = Guest(name or nick or "", nick)
    if not guest.name:
        raise ValueError("a late arrival needs a name or a nick")
    out = [Entry(Kind.INFO, f"late: {guest.display}")]
    if nick is not None:
        out += nick_entries(profile, [nick], seen)
    return out


def late_arrival_lines(
    profile: Profile,
    name: str,
    nick: str | None,
    *,
    seen: Iterable[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[str]:
    """The lines of :func:`late_arrival_entries` in ``profile``'s verbs (``!info`` on Matrix,
    which has no ``#nick``). :class:`ValueError` (or a ``RenderError``, one) as it says."""
    entries = late_arrival_entries(profile, name, nick, seen=seen)
    return [
        line.text
        for entry in entries
        for line in render_entry(entry, profile, max_bytes=max_bytes).lines
    ]


def chair_lines(
    profile: Profile, nicks: Iterable[str] | str, add: bool, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[str] | None, str]:
    """``#chair`` (``add``) or ``#unchair`` lines for ``nicks``, and ``""``; or ``None`` and
    why not: the bot has no such command (the Matrix bot has no chairs at all), or a nick is
    not one. Long lists are split into lines of at most ``max_bytes``, each the same command.
    """
    given = [nicks] if isinstance(nicks, str) else list(nicks)
    names = list(dict.fromkeys(n for g in given for n in re.split(_NICK_SPLIT, clean_line(g)) if n))
    if not names:
        return None, "no nick given"
    for n in names:
        if not is_irc_nick(n):
            return None, f"{n!r} is not an IRC nick"
    if add:
        if not profile.supports(Kind.CHAIR):
            return None, profile.notes.get(Kind.CHAIR) or f"{profile.label} has no chair command"
        rendered = render_entry(Entry(Kind.CHAIR, " ".join(names)), profile, max_bytes=max_bytes)
        return [line.text for line in rendered.lines], ""
    if UNCHAIR not in profile.known_commands:
        why = profile.notes.get(Kind.CHAIR) or f"{profile.label} has no {UNCHAIR} command"
        return None, why
    return _unchair(profile, names, max_bytes), ""


def _unchair(profile: Profile, names: list[str], max_bytes: int) -> list[str]:
    """``#unchair a b`` lines of at most ``max_bytes`` (a nick longer than a line is cut off
    by no bot: it is sent on a line of its own, as the nick limit keeps it short)."""
    head = f"{profile.prefix}{UNCHAIR}"
    out: list[str] = []
    line = head
    for n in names:
        if line != head and utf8_len(f"{line} {n}") > max_bytes:
            out.append(line)
            line = head
        line = f"{line} {n}"
    out.append(line)
    for text in out:  # read back as the bot will: the command, and these nicks
        reading = read_line(profile, text)
        if reading.command != UNCHAIR:
            raise ValueError(f"internal: {profile.label} would not read {text!r} as {head}")
    return out
