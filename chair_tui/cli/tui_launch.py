"""``chair-tui [MEETING] [--demo | --resume]``: open the terminal interface."""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.meetingfile import load_demo, load_meeting
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import UnknownProfileError, get_profile
from chair_tui.meeting.store import data_dir as store_data_dir
from chair_tui.meeting.store import sessions_dir


def run(
    out: TextIO,
    err: TextIO,
    *,
    meeting: str | None,
    demo: bool,
    resume: bool,
    profile: str | None,
    data_dir: str | None,
    config: str | None,
) -> int:
    plan: MeetingPlan | None = None
    try:
        if profile:
            get_profile(profile)
        if demo:
            plan = load_demo()
        elif meeting:
            plan = load_meeting(meeting)
        # the data dir and its sessions folder must be usable before the screen opens: a
        # file, /dev/null, a shared /tmp or a read-only place is one line, not a traceback
        sessions_dir(store_data_dir(data_dir))
    except (InputError, UnknownProfileError) as exc:
        print(f"chair-tui: {printable(str(exc))}", file=err)
        return ExitCode.BAD_INPUT
    # Textual is imported only once the arguments and the meeting file have been found good.
    from chair_tui.tui.launch import launch

    return launch(plan=plan, profile=profile, resume=resume, data_dir=data_dir, config=config)
