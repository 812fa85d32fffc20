"""The nicks the bot knows, indexed once per lint run so that an action is matched against the
few nicks it can hold, not against every nick of the roster (L7, L8).

The index is the bot model's (:class:`chair_tui.meeting.botsim.NickIndex`): every assignment
rule finds a nick inside the action's text, whatever the case, so only the nicks whose
lower-case form is a piece of the text's can be found. Lint adds the roster's order, whether a
word is a nick, and whether a nick is mentioned as a word of its own (what a chair meant).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chair_tui.meeting import botsim

_EDGE = r"[\w\[\]\-]"


class NickIndex(botsim.NickIndex):
    """The roster's nicks, indexed as the bot model indexes them, in roster order."""

    __slots__ = ("_patterns", "_rank", "nicks")

    def __init__(self, nicks: Iterable[str]) -> None:
        self.nicks = list(dict.fromkeys(n for n in nicks if n))
        super().__init__(self.nicks)
        self._rank = {n: i for i, n in enumerate(self.nicks)}
        self._patterns: dict[str, re.Pattern[str]] = {}

    def in_order(self, text: str) -> list[str]:
        """The nicks that appear in ``text`` in any case, in roster order: the only ones any
        bot can assign the action ``text`` to, or lint can see mentioned in it."""
        found = self.candidates(text)
        odd = set(self._odd)
        return sorted(
            (n for n in found if n not in odd or self.mentions(n, text)),
            key=self._rank.__getitem__,
        )

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a nick of the roster, in any case."""
        return word.lower() in self._by_lower

    def mentions(self, nick: str, text: str) -> bool:
        """Whether ``nick`` is in ``text`` as a word of its own (any case): what a chair who
        wrote it meant (a nick glued to '[', ']' or '-' is part of a longer word)."""
        pattern = self._patterns.get(nick)
        if pattern is None:
            pattern = re.compile(rf"(?<!{_EDGE}){re.escape(nick)}(?!{_EDGE})", re.IGNORECASE)
            self._patterns[nick] = pattern
        return pattern.search(text) is not None
