"""Notes read from a file (or standard input) and compiled for a meeting file's group: what
``chair-tui compile``, ``chair-tui notes`` and the start screen's notes key share."""

from __future__ import annotations

from pathlib import Path

from chair_tui.meeting.errors import read_text
from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.notes.compile import Compiled, compile_notes
from chair_tui.meeting.profiles import DEFAULT_PROFILE, get_profile


def load_and_compile(
    notes: str | Path,
    profile: str | None,
    meeting: str | Path | None,
    *,
    whole: bool = False,
) -> tuple[Compiled, MeetingPlan]:
    """Read the notes (``-``: standard input) and the meeting file, and compile them; the plan
    is the meeting file's, or a bare one for the profile when there is none.  Raises
    :class:`InputError` or :class:`~chair_tui.meeting.profiles.UnknownProfileError`."""
    plan = load_meeting(meeting) if meeting else None
    chosen = get_profile(profile or (plan.profile if plan is not None else DEFAULT_PROFILE))
    compiled = compile_notes(read_text(notes), chosen, plan, whole=whole)
    return compiled, plan or MeetingPlan(title="Meeting", profile=chosen.name)
