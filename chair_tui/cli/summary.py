"""``chair-tui summary SESSION``: what to post after the meeting, from a session.

``--format markdown`` (the default) prints the summary for Discourse or GitHub, ``email`` the
minutes e-mail (``Subject:`` line, the links, the bot's text minutes), ``tickets`` one comment
for each ticket a topic links to.  ``--next`` adds the next meeting and chair from the meeting
file's ``[schedule]``; ``--urls FILE`` (``-``: standard input) takes the minutes URLs from what
the bot printed at the end instead of predicting them.  ``SESSION`` is a session file, as
``export`` takes it; ``--profile`` says which bot the lines went to (default: the session's).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.bundle import build_bundle, session_start
from chair_tui.meeting.cadence import NextMeeting, ScheduleError, next_meeting
from chair_tui.meeting.errors import printable, read_text
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.session import Session
from chair_tui.meeting.urls import MinutesUrls, urls_from_text

FORMATS = ("markdown", "email", "tickets")


def run(
    out: TextIO,
    err: TextIO,
    *,
    session: str,
    format: str,
    with_next: bool,
    profile: str | None,
    urls: str | None,
) -> int:
    pasted: MinutesUrls | None = None
    if urls is not None:
        pasted = urls_from_text(read_text(urls))
        if pasted is None:
            print(f"chair-tui: {printable(urls)}: no minutes or log URL in it", file=err)
            return ExitCode.BAD_INPUT
    loaded = Session.load(Path(session), sync=False, read_only=True)
    try:
        if loaded.torn_tail:
            print(f"chair-tui: warning: {printable(f'{session}: {loaded.torn_tail}')}", file=err)
        if profile is not None:
            loaded.profile = get_profile(profile)
        nxt: NextMeeting | None = None
        if with_next:
            plan = loaded.plan
            try:
                nxt = next_meeting(plan.schedule, session_start(loaded), chair=plan.chair)
            except ScheduleError as exc:
                print(f"chair-tui: {printable(session)}: {printable(str(exc))}", file=err)
                return ExitCode.BAD_INPUT
        bundle = build_bundle(loaded, next_meeting=nxt, urls=pasted)
    finally:
        loaded.close()
    if not loaded.started:
        print(f"chair-tui: {printable(session)}: the meeting was never started", file=err)
    if format == "email":
        out.write(bundle.email.text())
    elif format == "tickets":
        if not bundle.tickets:
            print("chair-tui: no topic links to a ticket", file=err)
        for i, comment in enumerate(bundle.tickets):
            if i:
                out.write("\n")
            out.write(f"==> {comment.ticket.url} ({comment.ticket.key}) <==\n{comment.text}")
    else:
        out.write(bundle.markdown)
    return ExitCode.OK
