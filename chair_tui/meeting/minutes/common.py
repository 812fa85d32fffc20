"""What every minutes writer needs: where the meeting is, and each item as the bot words it."""

from __future__ import annotations

from dataclasses import dataclass

from chair_tui.meeting.botmodel.model import BotModel, Item, ItemKind, hms
from chair_tui.meeting.profiles import LinkRule


@dataclass(frozen=True, slots=True)
class Where:
    """What the log cannot tell: the channel (``#fedora-meeting``) and the URL of the full log
    (``https://…/name.2020-06-10-12.02.log.html``).  Without them the writers leave out what
    they would say (docs/minutes.md)."""

    channel: str | None = None
    log_url: str | None = None


def page_title(model: BotModel, where: Where) -> str:
    """The Darst family's title: ``#channel: meeting topic``, or ``#channel Meeting``."""
    if where.channel:
        if model.title:
            return f"{where.channel}: {model.title}"
        return f"{where.channel} Meeting"
    return model.title or "Meeting"


def end_time(model: BotModel) -> str:
    """When the meeting ended (the last line so far while it still runs)."""
    return model.end_time or model.last_time or model.start_time


def item_body(model: BotModel, item: Item) -> str:
    """The item's text as the Darst text writers put it, before ``  (nick, time)``."""
    if item.kind is ItemKind.TOPIC:
        return item.text
    if item.kind is ItemKind.INFO:
        return item.text
    if item.kind is ItemKind.LINK:
        if model.profile.link_rule is LinkRule.FIRST_WORD:
            url, rest = (item.text + " ").split(" ", 1)
            return f"LINK: {url} {rest.strip()}"
        return f"LINK: {item.text}"
    return f"{item.kind.value}: {item.text}"


def item_line(model: BotModel, item: Item) -> str:
    return f"{item_body(model, item)}  ({item.nick}, {hms(item.time)})"


def by_person(model: BotModel) -> tuple[list[tuple[str, list[Item]]], list[Item]]:
    """The actions listed under each nick (nicks sorted case-insensitively, as the bots sort
    them), and the actions under nobody."""
    assigned = model.assignments()
    nicks = sorted({n for _, who in assigned for n in who}, key=lambda n: (n.lower(), n))
    people = [(n, [item for item, who in assigned if n in who]) for n in nicks]
    return people, [item for item, who in assigned if not who]
