"""The lines of the "Previous action items" step, for each profile.

``#topic Action items from last meeting``, then for each open item as the chair decided:
``#info DONE: …``, ``#action <owner> … (carried over)`` (the owner's nick first, so that every
bot that assigns actions lists it under that owner), ``#info DROPPED: …``; meetingology gets a
``#subtopic`` per item, the Matrix bot the ``!`` forms.  With no open items, one line says so.
Every line is made by :func:`chair_tui.meeting.render.render_entry`, so it is within the byte
limit and lint-clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chair_tui.meeting.ledger.owners import CARRIED_SUFFIX, without_owners
from chair_tui.meeting.ledger.records import Action, Outcome
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.render import render_entry
from chair_tui.meeting.text import DEFAULT_MAX_BYTES

STEP_TITLE = "Action items from last meeting"
NONE_OPEN = "No open action items from the last meeting"


@dataclass(frozen=True, slots=True)
class Decision:
    """What the chair decided for one open action: ``done``, ``dropped``, ``carried`` or
    ``reassigned`` (to ``owners``); ``open`` is undecided and writes nothing."""

    action: Action
    outcome: Outcome
    owners: tuple[str, ...] = ()

    @property
    def new_owners(self) -> tuple[str, ...]:
        """Whom a carried action goes to: the new owners of a reassignment, else its own."""
        if self.outcome is Outcome.REASSIGNED and self.owners:
            return self.owners
        return self.action.owners


def _render(
    entry: Entry, profile: Profile, max_bytes: int, roster: Sequence[str] = ()
) -> list[str]:
    return [
        ln.text for ln in render_entry(entry, profile, max_bytes=max_bytes, roster=roster).lines
    ]


def _subtopic(text: str, profile: Profile, max_bytes: int) -> list[str]:
    """meetingology's ``#subtopic`` (rendered as a topic three bytes shorter, then renamed)."""
    lines = _render(Entry(Kind.TOPIC, text), profile, max_bytes - 3)
    head = profile.command(Kind.TOPIC) + " "
    lines[0] = f"{profile.prefix}subtopic " + lines[0].removeprefix(head)
    return lines


def carried_text(action: Action) -> str:
    """What a carried action says after its owners: its text without its leading owners and
    ``(carried over)`` once."""
    roster = [*action.owners_intended, *action.owners_minuted]
    body = without_owners(action.text, roster) or action.text
    if body.lower().endswith(CARRIED_SUFFIX):
        return body
    return f"{body} {CARRIED_SUFFIX}"


def step_lines(
    profile: Profile,
    decisions: Sequence[Decision],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    seen: Iterable[str] | None = None,
) -> list[str]:
    """The lines of the step.  ``seen``: the nicks the bot has seen in this meeting; when
    given, an owner of a carried action it has not seen is ``#nick``'ed first (on bots that
    assign and know ``#nick``), so that the bot can list the action under them."""
    if not decisions:
        return _render(Entry(Kind.INFO, NONE_OPEN), profile, max_bytes)
    known = {n.lower() for n in seen} if seen is not None else None
    out = _render(Entry(Kind.TOPIC, STEP_TITLE), profile, max_bytes)
    for decision in decisions:
        action = decision.action
        if decision.outcome is Outcome.OPEN:
            continue
        if profile.supports(Kind.TOPIC) and "subtopic" in profile.known_commands:
            out += _subtopic(action.text, profile, max_bytes)
        if decision.outcome is Outcome.DONE:
            out += _render(Entry(Kind.INFO, f"DONE: {action.text}"), profile, max_bytes)
        elif decision.outcome is Outcome.DROPPED:
            out += _render(Entry(Kind.INFO, f"DROPPED: {action.text}"), profile, max_bytes)
        else:
            owners = decision.new_owners
            if known is not None and profile.assigns_actions and profile.supports(Kind.NICK):
                unseen = [n for n in owners if n.lower() not in known]
                if unseen:
                    out += _render(Entry(Kind.NICK, " ".join(unseen)), profile, max_bytes)
                    known.update(n.lower() for n in unseen)
            entry = Entry(Kind.ACTION, carried_text(action), nicks=owners)
            out += _render(entry, profile, max_bytes, roster=owners)
    return out
