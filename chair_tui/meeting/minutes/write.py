"""Which writer makes the minutes of a profile in a format."""

from __future__ import annotations

import json

from chair_tui.meeting.botmodel.model import BotModel
from chair_tui.meeting.errors import json_printable
from chair_tui.meeting.minutes.common import Where
from chair_tui.meeting.minutes.darst import darst_text, zodbot_text
from chair_tui.meeting.minutes.documents import markdown, minutes_json
from chair_tui.meeting.minutes.others import hcoop_text, matrix_text, moin_text

FORMATS = ("text", "moin", "markdown", "json")
"""``text``: the bot's own text minutes (for meetingology, its MoinMoin; for hcoop, the text
rendering of its HTML minutes); ``moin``: MoinMoin as meetingology writes it."""


def write_minutes(model: BotModel, fmt: str, where: Where) -> str:
    """The minutes of ``model`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json_printable(json.dumps(minutes_json(model, where), indent=2)) + "\n"
    if fmt == "markdown":
        return markdown(model, where)
    if fmt == "moin":
        return moin_text(model, where)
    if fmt != "text":
        raise ValueError(f"unknown minutes format {fmt!r}")
    name = model.profile.name
    if name == "zodbot":
        return zodbot_text(model, where)
    if name == "meetingology":
        return moin_text(model, where)
    if name == "fedora-matrix":
        return matrix_text(model, where)
    if name == "hcoop":
        return hcoop_text(model, where)
    return darst_text(model, where)
