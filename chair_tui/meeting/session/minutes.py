"""A session's meeting as the bot model sees it: the chair's lines fed to a
:class:`~chair_tui.meeting.botmodel.BotModel`.

A session holds only the chair's lines; what the model then assumes is written in
``docs/minutes.md``: the nicks seen are the chair, the members marked present, the ``#nick``'ed
nicks and those the chair's actions were assigned to, and nobody else said a line.
"""

from __future__ import annotations

from datetime import UTC, datetime

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.model import Attendance
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session.state import COPIED, DELETED, MeetingState


def _clock(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%H:%M:%S")


def model_of_session(
    session: MeetingState, *, pending: bool = True, channel: str | None = None
) -> BotModel:
    """The model after the chair's lines of ``session``: those copied, and with ``pending``
    those still to be sent (deleted lines never).  Each line is said at its entry's time."""
    chair = session.plan.chair or (session.plan.chairs[0] if session.plan.chairs else "chair")
    model = BotModel(session.profile, channel=channel)
    at_of = {i: e.at for e in session.entries for i in e.line_ids}
    assigned = [
        n for e in session.entries if e.kind is Kind.ACTION and not e.undone for n in e.nicks
    ]
    present = [n for n, state in session.attendance.items() if state is Attendance.PRESENT]
    seen_added = False
    for line in session.lines:
        if line.state == DELETED or line.text == "":
            continue
        if not pending and line.state != COPIED:
            continue
        model.feed(_clock(at_of.get(line.id, session.created)), chair, line.text)
        if model.running and not seen_added:
            seen_added = True
            for nick in (*present, *assigned):
                model.attendees.setdefault(nick, 0)
    return model
