"""One policy for every raw command a chair writes: routed, recorded as itself, or refused.

A line the chair writes in the bot's own syntax — typed in the composer, edited in the
outbox (ctrl+e), found by ``check`` or written in notes — is decided here, one command at a
time, by :func:`policy` (the table is ``docs/profiles.md``, "Raw commands"):

- **routed** (:attr:`Verdict.ROUTE`) to chair-tui's own action, because the action keeps the
  session in step with the room: the start (``Next`` on the Start step), the end (``End
  meeting``) and ``#undo`` (``Undo``, which marks the entry undone);
- **recorded as itself** (:attr:`Verdict.RECORD`), with its effect on the bot model: the item
  verbs, ``#topic``, ``#chair``, ``#unchair``, ``#nick``, ``#meetingname``, ``#meetingtopic``,
  hcoop's ``#here``, meetingology's ``#done``; plain text is recorded as chat;
- **refused** (:attr:`Verdict.REFUSE`) with the reason: ``/commands``, unknown verbs, commands
  the profile lacks (``#agreed`` to hcoop), commands chair-tui has no business sending
  (``#save``, ``#restrictlogs``, ``#lurk``, ``#commands``…) and the votes until they are
  modelled.

A raw command is never wrapped in another verb: typed in the info composer, ``#unchair x`` is
recorded as ``#unchair x`` with a note.  :func:`refusal` is the composer's and the line
editor's question ("why not?"), :func:`policy` the whole answer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.profiles import PROFILES, VERB_ALIASES, Kind, Profile
from chair_tui.meeting.render import LABELLED_KINDS, is_label_only


class Verdict(StrEnum):
    ROUTE = "route"
    RECORD = "record"
    REFUSE = "refuse"


class Route(StrEnum):
    """The actions a raw command is routed to."""

    START = "start"
    END = "end"
    UNDO = "undo"


@dataclass(frozen=True, slots=True)
class OwnKey:
    """What a routed command does instead, and the key's binding id (None: no key)."""

    binding: str | None
    instead: str


ROUTES: dict[Route, OwnKey] = {
    Route.START: OwnKey("next_step", "Next on the Start step (it sends the start lines)"),
    Route.END: OwnKey("end_meeting", "End meeting"),
    Route.UNDO: OwnKey("undo", "Undo"),
}
_ROUTE_OF_KIND = {Kind.START: Route.START, Kind.END: Route.END, Kind.UNDO: Route.UNDO}

# Commands recorded as themselves that have no entry kind of their own: their line is sent as
# typed (the bot model reads its effect), never wrapped in another verb.
RAW_ONLY = frozenset({"unchair", "meetingtopic", "here", "done", "inconclusive"})

_VOTES = (
    "a vote goes through the vote key (binding id 'vote'): the voting table counts the "
    "members' votes and sends the bot's own lines (#vote opens a vote in meetingology but "
    "casts one in OpenStack and hcoop-meetbot, and the chair never casts votes for others)"
)
# Commands a bot knows that chair-tui refuses to send, with the reason.
REFUSED: dict[str, str] = {
    "save": "it writes the minutes in the middle of the meeting; the bot writes them at the end",
    "restrictlogs": "it changes who may read the logs (and its reply crashes in the Darst bots)",
    "lurk": "it stops the bot answering and setting the topic: the room would see no echo",
    "unlurk": "chair-tui never sends #lurk",
    "commands": "it only lists the bot's commands in the room: docs/profiles.md lists them",
    "abortmeeting": "it throws the meeting away: do it from your IRC client if you mean it",
    "replay": "it replays another meeting's log into this one",
    "subtopic": "chair-tui does not model meetingology's subtopics yet: use a #topic",
    "progress": "chair-tui does not model meetingology's subtopics yet: use a #topic",
    **{
        verb: _VOTES
        for verb in (
            "startvote",
            "vote",
            "endvote",
            "showvote",
            "voters",
            "votesrequired",
            "motion",
            "close",
        )
    },
}

_WORD = re.compile(r"[A-Za-z][A-Za-z_-]*")
_ALL_COMMANDS = sorted({c for p in PROFILES.values() for c in p.known_commands} | set(VERB_ALIASES))


@dataclass(frozen=True, slots=True)
class Decision:
    """What chair-tui does with one raw line.

    ``reason`` says why (REFUSE), or what happens (ROUTE, and a RECORD that is not as
    typed); ``route`` is the action of a ROUTE; ``command`` the command word in lower case
    (None for plain chat); ``kind`` the entry kind the line is recorded as (NOTE for a raw
    command without a kind of its own, and for chat).
    """

    verdict: Verdict
    reason: str = ""
    route: Route | None = None
    command: str | None = None
    kind: Kind | None = None

    def own_key(self, key: Callable[[str], str] | None = None) -> str:
        """For a ROUTE: "use … instead", naming the key when ``key`` names bindings."""
        assert self.route is not None
        own = ROUTES[self.route]
        how = own.instead
        if own.binding is not None and key is not None:
            how = f"{how} ({key(own.binding)})"
        return how


def _known(profile: Profile, low: str, typed_prefix: str) -> bool:
    if typed_prefix == profile.prefix:
        return low in profile.known_commands
    # the other dialect's prefix ("#topic" for the Matrix bot): the same verb, if it has one
    kind = VERB_ALIASES.get(low)
    return kind is not None and profile.supports(kind)


def policy(profile: Profile, text: str) -> Decision:
    """What chair-tui does with ``text`` written raw for ``profile``'s bot."""
    stripped = text.strip()
    if stripped.startswith("/"):
        command = stripped.split(maxsplit=1)[0]
        return Decision(
            Verdict.REFUSE,
            f"{command} is an IRC client command, not a line for the room: "
            "type it in your IRC client",
        )
    first = stripped[:1]
    if first not in (profile.prefix, "#"):
        return Decision(Verdict.RECORD, kind=Kind.NOTE)
    word, _, rest = stripped[1:].partition(" ")
    low = word.lower().rstrip(":")
    if not _WORD.fullmatch(word.rstrip(":")):
        return Decision(Verdict.RECORD, kind=Kind.NOTE)  # "#123 is fixed", "#"
    typed = first + word
    kind = VERB_ALIASES.get(low)
    own = profile.prefix + low
    if kind in _ROUTE_OF_KIND and profile.supports(kind):
        route = _ROUTE_OF_KIND[kind]
        return Decision(
            Verdict.ROUTE, f"{typed} is chair-tui's {route.value} action", route, low, kind
        )
    if not _known(profile, low, first):
        if low not in _ALL_COMMANDS:
            close = difflib.get_close_matches(low, _ALL_COMMANDS, n=1, cutoff=0.6)
            hint = f" (did you mean {first}{close[0]}?)" if close else ""
            return Decision(
                Verdict.REFUSE, f"{typed} is not a command the bot knows{hint}", command=low
            )
        why = profile.notes.get(kind) if kind is not None else None
        if why is None and kind is not None and profile.supports(kind):
            why = f"use {profile.command(kind)}"
        why = why or REFUSED.get(low) or "it would answer nothing, or 'Unknown command'"
        if not why.startswith(f"{profile.label} has no "):
            why = f"{profile.label} has no {own}: {why}"
        return Decision(Verdict.REFUSE, why, command=low, kind=kind)
    if low in REFUSED:
        return Decision(Verdict.REFUSE, f"{typed}: {REFUSED[low]}", command=low, kind=kind)
    rest = rest.strip()
    if kind in LABELLED_KINDS and rest and is_label_only(rest):
        return Decision(
            Verdict.REFUSE,
            f"{typed} {rest} has nothing after the label: it would be an empty item",
            command=low,
            kind=kind,
        )
    if not rest and low != "here":
        return Decision(Verdict.REFUSE, f"{typed} needs text after it", command=low, kind=kind)
    reason = f"written {own} for {profile.label}" if first != profile.prefix else ""
    return Decision(Verdict.RECORD, reason, command=low, kind=kind or Kind.NOTE)


def raw_command(profile: Profile, text: str) -> Decision | None:
    """The decision on ``text`` when it starts with a command word (known to some bot, or
    that looks like one), None when it is plain text."""
    decision = policy(profile, text)
    return None if decision.command is None and decision.verdict is Verdict.RECORD else decision


def refusal(
    profile: Profile,
    text: str,
    kind: Kind = Kind.NOTE,
    key: Callable[[str], str] | None = None,
) -> str | None:
    """Why ``text`` must not be queued as the chair wrote it, or ``None``.

    ``kind`` is the composer's kind: with :attr:`Kind.NOTE` (and for an edited line) the text
    goes to the room as it is, so ``/commands`` and unknown verbs are refused too; with another
    kind it becomes that command's text, and only a raw command at its start is looked at (it
    is recorded as itself, never wrapped).  A routed command is refused here with the action
    to use ("use Undo instead"): the composer may route it instead (:func:`policy`).  ``key``
    names the key that runs a binding id.
    """
    decision = policy(profile, text)
    if kind is not Kind.NOTE:
        if decision.command is None:
            return None
        if decision.verdict is Verdict.REFUSE and not _WORD.fullmatch(decision.command):
            return None
        if decision.verdict is Verdict.REFUSE and decision.command not in _ALL_COMMANDS:
            return None  # "#topci" in an info is text: "#info #topci typo"
    if decision.verdict is Verdict.REFUSE:
        return decision.reason
    if decision.verdict is Verdict.ROUTE:
        typed = text.strip().split(maxsplit=1)[0]
        return f"{typed} has its own key in chair-tui: use {decision.own_key(key)} instead"
    return None
