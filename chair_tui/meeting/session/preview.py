"""What recording an entry would emit in a meeting's current state (the composer's live check)."""

from __future__ import annotations

from dataclasses import dataclass

from chair_tui.meeting.botsim import assignees
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import VERB_ALIASES, Kind
from chair_tui.meeting.rawpolicy import RAW_ONLY, REFUSED, Verdict, raw_command
from chair_tui.meeting.render import (
    RenderError,
    action_nicks,
    addressed_nicks,
    nick_entries,
    render_entry,
)
from chair_tui.meeting.session.state import MeetingState
from chair_tui.meeting.text import clean_line, utf8_len

# the kinds whose text may hold a raw command at its start (typed in their composer)
_RAW_KINDS = frozenset(
    {Kind.NOTE, Kind.INFO, Kind.DECISION, Kind.REJECTED, Kind.IDEA, Kind.HELP, Kind.ACTION}
)
VERB_OR_KNOWN = frozenset(VERB_ALIASES) | RAW_ONLY | frozenset(REFUSED)


@dataclass(frozen=True, slots=True)
class Preview:
    """What recording an entry would emit, for the composer's live lint."""

    lines: tuple[str, ...]
    notes: tuple[str, ...]
    error: str | None
    assignees: tuple[str, ...] = ()
    new_nicks: tuple[str, ...] = ()
    bytes_used: tuple[int, ...] = ()


Rendered = tuple[list[tuple[Kind, str]], tuple[str, ...], tuple[str, ...]]


def _raw(state: MeetingState, entry: Entry) -> Rendered | None:
    """A raw command in ``entry`` (typed as a note, or at the start of another kind's text)
    recorded as itself, never wrapped in another verb; None when the text is no command the
    policy knows of.  :class:`RenderError` with the reason when it routes or refuses it."""
    text = clean_line(entry.text)
    decision = raw_command(state.profile, text)
    if decision is None:
        return None
    if decision.command not in VERB_OR_KNOWN and entry.kind is not Kind.NOTE:
        return None  # "#topci typo" in an info is text: "#info #topci typo"
    if decision.verdict is Verdict.ROUTE:
        raise RenderError(f"{text.split()[0]} has its own key: use {decision.own_key()}")
    if decision.verdict is Verdict.REFUSE:
        raise RenderError(decision.reason)
    if decision.command in VERB_ALIASES and entry.kind is not Kind.NOTE:
        # an item verb at the start of the text (control characters before it, say): the item
        # it names, written in the profile's own verb, as the composer reads raw syntax
        rest = text.partition(" ")[2]
        return render_for(state, Entry(VERB_ALIASES[decision.command], rest, verb=decision.command))
    if utf8_len(text) > state.max_bytes:
        raise RenderError(f"the line is {utf8_len(text)} bytes; the limit is {state.max_bytes}")
    notes = [decision.reason] if decision.reason else []
    if entry.kind is not Kind.NOTE:
        notes.append(f"sent as the command {text.split()[0]}, as typed: not as {entry.kind}")
    return [(decision.kind or Kind.NOTE, text)], tuple(notes), ()


def render_for(state: MeetingState, entry: Entry) -> Rendered:
    """The lines (with their kinds), notes and newly introduced nicks ``entry`` makes now;
    :class:`RenderError` when the target bot could not read it as meant."""
    raw = _raw(state, entry) if entry.kind in _RAW_KINDS and not entry.verb else None
    if entry.kind is Kind.NOTE and entry.verb in RAW_ONLY:
        raw = _raw(state, entry)
    if raw is not None:
        return raw
    profile = state.profile
    roster = state.roster()
    rendered = render_entry(entry, profile, max_bytes=state.max_bytes, roster=roster)
    lines = [(ln.kind, ln.text) for ln in rendered.lines]
    notes = list(rendered.notes)
    new_nicks: tuple[str, ...] = ()
    if entry.kind is Kind.ACTION:
        nicks, rest = action_nicks(entry, roster)
        # people off the roster addressed like a nick ("alice: …"): #nick'ed too
        nicks = (*nicks, *(n for n in addressed_nicks(rest, roster) if n not in nicks))
        extra = nick_entries(profile, nicks, state.seen_nicks())
        if extra:
            new_nicks = tuple(extra[0].text.split())
            pre = render_entry(extra[0], profile, max_bytes=state.max_bytes)
            lines = [(ln.kind, ln.text) for ln in pre.lines] + lines
            notes.append(
                f"{' '.join(new_nicks)} not seen yet: {profile.prefix}nick first "
                "so the action is assigned"
            )
    return lines, tuple(notes), new_nicks


def preview(state: MeetingState, entry: Entry) -> Preview:
    """What recording ``entry`` would emit, or why it cannot be recorded."""
    try:
        lines, notes, new_nicks = render_for(state, entry)
    except RenderError as exc:
        return Preview((), (), str(exc))
    who: tuple[str, ...] = ()
    if entry.kind is Kind.ACTION and lines:
        action_text = next(ln for k, ln in lines if k is Kind.ACTION)
        payload = action_text.split(" ", 1)[1] if " " in action_text else ""
        who = tuple(assignees(state.profile, payload, state.seen_nicks() | set(new_nicks)))
    return Preview(
        tuple(t for _, t in lines),
        notes,
        None,
        who,
        new_nicks,
        tuple(utf8_len(t) for _, t in lines),
    )
