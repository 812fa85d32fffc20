"""What recording an entry would emit in a meeting's current state (the composer's live check)."""

from __future__ import annotations

from dataclasses import dataclass

from chair_tui.meeting.botsim import assignees
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import RenderError, action_nicks, nick_entries, render_entry
from chair_tui.meeting.session.state import MeetingState
from chair_tui.meeting.text import utf8_len


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


def render_for(state: MeetingState, entry: Entry) -> Rendered:
    """The lines (with their kinds), notes and newly introduced nicks ``entry`` makes now;
    :class:`RenderError` when the target bot could not read it as meant."""
    profile = state.profile
    roster = state.roster()
    rendered = render_entry(entry, profile, max_bytes=state.max_bytes, roster=roster)
    lines = [(ln.kind, ln.text) for ln in rendered.lines]
    notes = list(rendered.notes)
    new_nicks: tuple[str, ...] = ()
    if entry.kind is Kind.ACTION:
        nicks, _ = action_nicks(entry, roster)
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
