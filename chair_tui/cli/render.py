"""``chair-tui render MEETING``: print the whole prepared script of a meeting file
(``-``: read it from standard input, as TOML); control characters are printed escaped."""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import printable
from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.pacing import paste_chunks
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.script import prepared_script


def run(out: TextIO, err: TextIO, *, meeting: str, profile: str | None, chunks: bool) -> int:
    plan = load_meeting(meeting)
    bot = get_profile(profile or plan.profile)
    script = prepared_script(plan, bot, meeting)
    for note in script.notes:
        print(printable(f"chair-tui: note: {note}"), file=err)
    if chunks:
        text = "\n\n".join("\n".join(c) for c in paste_chunks(script.lines, bot, plan))
        print(printable(text, keep="\t\n"), file=out)
    else:
        for line in script.lines:
            print(printable(line, keep="\t"), file=out)
    return ExitCode.OK
