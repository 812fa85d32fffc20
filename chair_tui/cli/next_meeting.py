"""``chair-tui next-meeting MEETING``: the next meeting of a meeting file's ``[schedule]``.

Prints the ``#info`` texts (``Next meeting: …``, ``Next chair: …``) for the first meeting after
now (or after ``--after``, a date or an ISO time; a meeting later that day counts).  ``--chair``
names the current chair, for the rotation.  ``--ics FILE`` also writes it as an iCalendar file
(``-``: standard output), which needs the optional ``icalendar`` package
(``pip install 'chair-tui[ics]'``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.cadence import IcsUnavailable, ScheduleError, ics_text, next_meeting
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.store import atomic_write


def _after(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            "--after", f"{value!r} is not a date (YYYY-MM-DD) or an ISO time"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def run(
    out: TextIO,
    err: TextIO,
    *,
    meeting: str,
    after: str | None,
    chair: str | None,
    ics: str | None,
) -> int:
    plan = load_meeting(meeting)
    start = _after(after)
    try:
        nxt = next_meeting(
            plan.schedule, start, chair=plan.chair if chair is None else chair, same_day=True
        )
    except ScheduleError as exc:
        print(f"chair-tui: {printable(meeting)}: {printable(str(exc))}", file=err)
        return ExitCode.BAD_INPUT
    for text in nxt.texts():
        print(text, file=out)
    if ics is None:
        return ExitCode.OK
    try:
        calendar = ics_text(nxt, title=f"{plan.title} meeting", stamp=start, location=plan.channel)
    except IcsUnavailable as exc:
        print(f"chair-tui: {exc}", file=err)
        return ExitCode.BAD_INPUT
    if ics == "-":
        out.write(calendar.replace("\r\n", "\n"))  # a terminal shows CR as an escape
    else:
        # a new file renamed into place: a link at that path is replaced, never written through
        try:
            atomic_write(Path(ics), calendar.encode("utf-8"))
        except OSError as exc:
            raise InputError(ics, f"cannot write: {exc.strerror or exc}") from None
    return ExitCode.OK
