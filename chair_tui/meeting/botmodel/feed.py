"""Feeding a :class:`~chair_tui.meeting.botmodel.model.BotModel`: a raw log, or a session.

A raw log holds every line said in the channel, the bot's included, so the model sees what
the bot saw.  A session holds only the chair's lines; what the model then assumes is written
in ``docs/minutes.md``: the nicks seen are the chair, the members marked present, the
``#nick``'ed nicks and those the chair's actions were assigned to, and nobody else said a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from chair_tui.meeting.botmodel.model import BotModel
from chair_tui.meeting.model import Attendance
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.rawlog import LogLine, parse_log
from chair_tui.meeting.session import COPIED, DELETED, MeetingState


def feed_lines(model: BotModel, lines: Sequence[LogLine]) -> BotModel:
    """Feed the messages of a raw log, in order; returns ``model``."""
    for line in lines:
        model.feed(line.time, line.nick, line.text, action=line.action)
    return model


def model_of_log(
    text: str,
    path: str | Path,
    profile: Profile,
    *,
    bot_nick: str | None = None,
    channel: str | None = None,
) -> BotModel:
    """The model after every line of the raw log ``text`` (read from ``path``)."""
    lines = parse_log(text, path)
    return feed_lines(BotModel(profile, bot_nick=bot_nick, channel=channel), lines)


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
