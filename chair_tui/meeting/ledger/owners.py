"""Whom an action belongs to: the nicks the bot lists it under (*minuted*) and the nicks it
starts with (*intended*).  zodbot lists an action under every nick that is a substring of it,
the Matrix bot under nobody; the chair meant the nicks written first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.ledger.records import MinutedAction
from chair_tui.meeting.text import clean_line

CARRIED_SUFFIX = "(carried over)"
# "@nick" or a Matrix id "@nick:server.org"
_MENTION_RE = re.compile(r"@[\w.=/+-]+(?::[\w.-]+)?")
_JOINERS = frozenset({"and", "&", "+"})
# "tomas to write the summary": a nick the bot never saw is still meant, when the first word
# could be a nick and is followed by "to" or "will" (but not "someone to …")
_NICK_WORD_RE = re.compile(r"@?[A-Za-z_\[\]\\^{}|`][\w\[\]\\^{}|`-]{0,31}")
_MEANS = frozenset({"to", "will"})
_NOT_NICKS = frozenset(
    {
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "nobody",
        "all",
        "we",
        "i",
        "you",
        "they",
        "he",
        "she",
        "it",
        "who",
        "team",
        "the",
        "a",
        "an",
        "this",
        "that",
        "each",
        "both",
        "group",
        "chair",
        "chairs",
        "people",
        "folks",
        "",
    }
)


def _nick_of(word: str, by_lower: Mapping[str, str]) -> str | None:
    bare = word.rstrip(",:;")
    low = bare.lower()
    nick = by_lower.get(low) or by_lower.get(low.lstrip("@"))
    if nick is None and _MENTION_RE.fullmatch(bare):
        nick = bare
    return nick or None


Roster = Iterable[str] | Mapping[str, str]


def nick_map(roster: Roster) -> Mapping[str, str]:
    """``roster`` looked up by lower case, with and without ``@``: made once for many texts."""
    if isinstance(roster, Mapping):
        return roster
    by_lower: dict[str, str] = {}
    for nick in roster:
        by_lower.setdefault(nick.lower(), nick)
        by_lower.setdefault(nick.lstrip("@").lower(), nick)
    return by_lower


def _split(text: str, roster: Roster) -> tuple[tuple[str, ...], list[str]]:
    """The leading owners of ``text`` and the words after them."""
    by_lower = nick_map(roster)
    owners: list[str] = []
    words = clean_line(text).split()
    i = 0
    while i < len(words):
        nick = _nick_of(words[i], by_lower)
        if nick is None and i == 0 and len(words) > 2 and words[1].lower() in _MEANS:
            word = words[0].rstrip(",:;")
            if _NICK_WORD_RE.fullmatch(word) and word.lower().lstrip("@") not in _NOT_NICKS:
                nick = word
        if nick is None:
            joined = words[i].lower() in _JOINERS and owners and i + 1 < len(words)
            if joined and _nick_of(words[i + 1], by_lower) is not None:
                i += 1
                continue
            break
        if nick not in owners:
            owners.append(nick)
        i += 1
    return tuple(owners), words[i:]


def leading_owners(text: str, roster: Roster) -> tuple[str, ...]:
    """The nicks ``text`` starts with: words naming a nick of ``roster`` (any case, ``@``
    or not, followed by ``,`` ``:`` or ``;``) or a Matrix mention, joined by blanks, commas or
    ``and``.  Spelt as the roster spells them."""
    return _split(text, roster)[0]


def without_owners(text: str, roster: Roster) -> str:
    """``text`` after its leading owners."""
    return " ".join(_split(text, roster)[1])


def body_of(text: str, roster: Roster = ()) -> str:
    """What is to be done, to recognise an action carried over: ``text`` without a final
    ``(carried over)`` nor its leading owners, in lower case with blanks collapsed."""
    line = " ".join(clean_line(text).split())
    if line.lower().endswith(CARRIED_SUFFIX):
        line = line[: -len(CARRIED_SUFFIX)]
    return without_owners(line, roster).lower()


def actions_of_model(model: BotModel) -> list[MinutedAction]:
    """The actions of a meeting as its bot minutes them, with both kinds of owners."""
    roster = nick_map(list(model.attendees))
    return [
        MinutedAction(item.text, tuple(nicks), leading_owners(item.text, roster))
        for item, nicks in model.assignments()
    ]
