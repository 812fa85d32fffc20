"""The bot model: the state a MeetBot-family bot keeps during a meeting, line by line.

- :mod:`.model` — :class:`BotModel`, fed ``feed(time, nick, text)``; its items and actions
- :mod:`.votes` — the votes meetingology, OpenStack and hcoop-meetbot count themselves
- :mod:`.feed` — feeding it a raw log
- :mod:`.detect` — which bot a raw log is from, from a table of signals
"""

from chair_tui.meeting.botmodel.detect import SIGNALS, Detected, bot_nick_of, detect_profile
from chair_tui.meeting.botmodel.feed import feed_lines, model_of_log
from chair_tui.meeting.botmodel.model import BotModel, Event, Item, ItemKind, Reply, Vote, hms

__all__ = [
    "SIGNALS",
    "BotModel",
    "Detected",
    "Event",
    "Item",
    "ItemKind",
    "Reply",
    "Vote",
    "bot_nick_of",
    "detect_profile",
    "feed_lines",
    "hms",
    "model_of_log",
]
