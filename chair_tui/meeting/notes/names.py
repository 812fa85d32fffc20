"""Who the notes name: names and nicks resolved against the meeting's roster.

A secretary writes "Neal" or "Neal Gompa" where the bot needs ``Conan_Kudo``.  A
:class:`Roster` maps each member's nick (any case), full name and first name to the nick in
its exact case; a first name two members share is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.model import Member


class Found(StrEnum):
    NICK = "nick"
    UNKNOWN = "unknown"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a name is: a nick (exact case), unknown, or ambiguous between ``nicks``."""

    found: Found
    nicks: tuple[str, ...] = ()


_PAREN = re.compile(r"\s*\([^()]*\)\s*")


class Roster:
    """The members of a meeting, looked up by nick, full name or first name."""

    def __init__(self, members: Iterable[Member]) -> None:
        self.members = tuple(members)
        self._by: dict[str, list[str]] = {}
        for m in self.members:
            keys = {m.nick.lower()}
            if m.name:
                name = " ".join(m.name.split()).lower()
                keys.add(name)
                keys.add(name.split(" ")[0])
            for key in keys:
                nicks = self._by.setdefault(key, [])
                if m.nick not in nicks:
                    nicks.append(m.nick)
        self.nicks = tuple(m.nick for m in self.members)

    def __bool__(self) -> bool:
        return bool(self.members)

    def resolve(self, name: str) -> Resolved:
        """The nick ``name`` stands for (``@`` and a trailing ``,:;`` dropped)."""
        key = " ".join(name.strip().lstrip("@").rstrip(",:;.").split()).lower()
        nicks = self._by.get(key, [])
        # a nick wins over a first name it equals ("neal" the nick, "Neal" someone's name)
        exact = [n for n in nicks if n.lower() == key]
        if len(exact) == 1:
            return Resolved(Found.NICK, (exact[0],))
        if len(nicks) == 1:
            return Resolved(Found.NICK, (nicks[0],))
        if nicks:
            return Resolved(Found.AMBIGUOUS, tuple(nicks))
        return Resolved(Found.UNKNOWN)

    def knows(self, word: str) -> bool:
        return self.resolve(word).found is not Found.UNKNOWN


def listed_names(text: str) -> list[str]:
    """The names of a ``present:``/``regrets:`` list: split at commas, ``;`` and `` and ``,
    a parenthesis ("(secr.)") dropped."""
    out: list[str] = []
    for part in re.split(r"[,;]|\band\b|&", text):
        name = _PAREN.sub(" ", part).strip()
        if name:
            out.append(name)
    return out
