"""The nicks the bot knows, indexed once per lint run so that an action is matched against the
few nicks it can hold, not against every nick of the roster (L7, L8).

Every assignment rule (:func:`~chair_tui.meeting.botsim.assignees`) and every mention lint
looks for (:func:`mentions`) finds a nick inside the action's text, whatever the case: so
only the nicks whose lower-case form is a piece of the text's lower-case form can be found.
:meth:`NickIndex.candidates` finds those pieces by looking up each piece of the text of each
length a nick has, in a dictionary; the work per action grows with its text, not the roster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chair_tui.meeting.botsim import _nick_matcher  # the bots' own rule, compiled here once
from chair_tui.meeting.profiles import AssignRule, Profile

_EDGE = r"[\w\[\]\-]"


class NickIndex:
    """The roster's nicks by their lower-case form, and one pattern per nick made on first use."""

    __slots__ = ("_by_lower", "_lengths", "_matchers", "_odd", "_patterns", "_rank", "nicks")

    def __init__(self, nicks: Iterable[str]) -> None:
        self.nicks = list(dict.fromkeys(n for n in nicks if n))
        self._rank = {n: i for i, n in enumerate(self.nicks)}
        self._by_lower: dict[str, list[str]] = {}
        for n in self.nicks:
            self._by_lower.setdefault(n.lower(), []).append(n)
        self._lengths = sorted({len(low) for low in self._by_lower})
        # a lower-case form may be longer than its nick (a few Unicode letters): those nicks
        # are looked for the long way, they are rare
        self._odd = [n for n in self.nicks if len(n.lower()) != len(n)]
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._matchers: dict[tuple[AssignRule, str], re.Pattern[str] | None] = {}

    def candidates(self, text: str) -> list[str]:
        """The nicks that appear in ``text`` in any case, in roster order: the only ones any
        bot can assign the action ``text`` to, or lint can see mentioned in it."""
        low = text.lower()
        by_lower = self._by_lower
        found: set[str] = set()
        size = len(low)
        for length in self._lengths:
            if length > size:
                break
            for i in range(size - length + 1):
                piece = low[i : i + length]
                if piece in by_lower:
                    found.add(piece)
        nicks = {n for piece in found for n in by_lower[piece]}
        nicks.update(n for n in self._odd if self.mentions(n, text))
        return sorted(nicks, key=self._rank.__getitem__)

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

    def assignees(self, profile: Profile, text: str) -> list[str]:
        """:func:`~chair_tui.meeting.botsim.assignees` of ``text`` among the roster: the same
        nicks, found among :meth:`candidates` only, each nick's pattern compiled once."""
        rule = profile.assign_rule
        if rule is AssignRule.NONE:
            return []
        found: list[str] = []
        for nick in self.candidates(text):
            if rule is AssignRule.SUBSTRING_CS:
                if nick in text:
                    found.append(nick)
                continue
            key = (rule, nick)
            if key not in self._matchers:
                self._matchers[key] = _nick_matcher(rule, nick)
            matcher = self._matchers[key]
            if matcher is not None and matcher.search(text):
                found.append(nick)
        return sorted(set(found), key=lambda n: (n.lower(), n))
