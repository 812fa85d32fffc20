"""Feeding a :class:`~chair_tui.meeting.botmodel.model.BotModel` a raw log.

A raw log holds every line said in the channel, the bot's included, so the model sees what
the bot saw.  (A session's lines are fed by :mod:`chair_tui.meeting.session.minutes`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from chair_tui.meeting.botmodel.model import BotModel
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.rawlog import LogLine, parse_log


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
