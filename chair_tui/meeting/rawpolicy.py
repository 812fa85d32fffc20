"""Which raw lines a chair may type (in the composer, or by editing a pending line).

A line the chair writes in MeetBot's own syntax goes through the same parsing and checks
whether it was typed in the composer or edited in the outbox. :func:`refusal` says why a line
must not be queued as written, or ``None``. The rule is one table, :data:`OWN_KEY`: the
commands that have their own key in chair-tui, because the key keeps the session in step with
the room (a raw ``#undo`` would not mark the entry undone; a raw ``#endmeeting`` would not end
the meeting). The minutes model will grow this table; keep it the one place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from chair_tui.meeting.profiles import VERB_ALIASES, Kind, Profile
from chair_tui.meeting.render import LABELLED_KINDS, is_label_only


@dataclass(frozen=True, slots=True)
class OwnKey:
    """A command typed raw that chair-tui does by a key instead."""

    binding: str | None  # the key's binding id, or None when there is no key (yet)
    instead: str  # what to use instead, for the reason


# The one table: raw verbs (as chairs type them) refused with what to use instead.
OWN_KEY: dict[str, OwnKey] = {
    **{
        verb: OwnKey("next_step", "Next on the Start step (it sends the start lines)")
        for verb, kind in VERB_ALIASES.items()
        if kind is Kind.START
    },
    **{
        verb: OwnKey("end_meeting", "End meeting")
        for verb, kind in VERB_ALIASES.items()
        if kind is Kind.END
    },
    **{verb: OwnKey("undo", "Undo") for verb, kind in VERB_ALIASES.items() if kind is Kind.UNDO},
    "chair": OwnKey(None, "the meeting file's chairs (sent with the start lines)"),
    "unchair": OwnKey(None, "the meeting file's chairs (sent with the start lines)"),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z_-]*")


def refusal(
    profile: Profile,
    text: str,
    kind: Kind = Kind.NOTE,
    key: Callable[[str], str] | None = None,
) -> str | None:
    """Why ``text`` must not be queued as the chair wrote it, or ``None``.

    ``kind`` is the composer's kind: with :attr:`Kind.NOTE` (and for an edited line) the text
    goes to the room as it is, so ``/commands`` and unknown verbs are refused too; with another
    kind it becomes that command's text, and only raw commands at its start are looked at.
    ``key`` names the key that runs a binding id, for "use … instead".
    """
    stripped = text.strip()
    raw = kind is Kind.NOTE
    if raw and stripped.startswith("/"):
        command = stripped.split(maxsplit=1)[0]
        return (
            f"{command} is an IRC client command, not a line for the room: "
            "type it in your IRC client"
        )
    if stripped[:1] not in profile.prefix + "#":
        return None
    word, _, rest = stripped[1:].partition(" ")
    low = word.lower().rstrip(":")
    typed = stripped[0] + word
    own = OWN_KEY.get(low)
    if own is not None:
        how = own.instead
        if own.binding is not None and key is not None:
            how = f"{how} ({key(own.binding)})"
        return f"{typed} has its own key in chair-tui: use {how} instead"
    verb_kind = VERB_ALIASES.get(low)
    if verb_kind is not None:
        rest = rest.strip()
        if verb_kind in LABELLED_KINDS and rest and is_label_only(rest):
            return f"{typed} {rest} has nothing after the label: it would be an empty item"
        if not rest and verb_kind not in (Kind.UNDO, Kind.END):
            return f"{typed} needs text after it"
        return None
    if raw and _WORD.fullmatch(word):
        close = difflib.get_close_matches(low, list(VERB_ALIASES), n=1, cutoff=0.6)
        hint = f" (did you mean {stripped[0]}{close[0]}?)" if close else ""
        return f"{typed} is not a command the bot knows{hint}"
    return None
