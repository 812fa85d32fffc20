"""A meeting file's prepared script: every line it prepares, what ``chair-tui render`` prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.render import RenderError, render_entry, script_entries, start_notes


@dataclass(frozen=True, slots=True)
class PreparedScript:
    lines: tuple[str, ...]
    """The lines to paste, from the start command to the end command."""
    notes: tuple[str, ...]
    """What was changed or left out for the bot, each said once."""


def prepared_script(plan: MeetingPlan, profile: Profile, source: str | Path) -> PreparedScript:
    """The lines ``plan`` prepares for ``profile``'s bot.

    Raises :class:`InputError` naming ``source`` (the meeting file) when an entry cannot be
    written for the bot.
    """
    roster = [m.nick for m in plan.members]
    notes = list(start_notes(plan, profile))
    lines: list[str] = []
    for entry in script_entries(plan, profile):
        try:
            rendered = render_entry(entry, profile, max_bytes=plan.max_bytes, roster=roster)
        except RenderError as exc:
            raise InputError(source, f"{entry.kind.value} {entry.text!r}: {exc}") from None
        lines.extend(ln.text for ln in rendered.lines)
        notes.extend(rendered.notes)
    return PreparedScript(tuple(lines), tuple(dict.fromkeys(notes)))
