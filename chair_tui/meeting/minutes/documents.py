"""The minutes as Markdown and as JSON, from the same model, for every profile.

Markdown is the minutes as the bot files them (its items under their topics, its actions by
person with its assignees); JSON is one documented, versioned schema, ``chair-tui-minutes``
version 1 (docs/minutes.md), shared by every command that prints minutes as JSON.
"""

from __future__ import annotations

from typing import Any

from chair_tui.meeting.botmodel.model import BotModel, Item, ItemKind, hms
from chair_tui.meeting.minutes.common import Where, by_person, end_time, item_body, page_title

SCHEMA = "chair-tui-minutes"
VERSION = 1


def _said(item: Item) -> str:
    return f"({item.nick}, {hms(item.time)})"


def markdown(model: BotModel, where: Where) -> str:
    out = [f"# {page_title(model, where)}", ""]
    started = f"Meeting started by {model.owner} at {hms(model.start_time)} UTC"
    ended = f"ended at {hms(end_time(model))} UTC" if model.ended else "still running"
    out.append(f"{started}, {ended}." + (f" Full logs: <{where.log_url}>" if where.log_url else ""))
    out += ["", "## Meeting summary", ""]
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            out += ["", f"### {item.text} {_said(item)}", ""]
        else:
            out.append(f"- {item_body(model, item)} {_said(item)}")
    people, unassigned = by_person(model)
    out += ["", "## Action items, by person", ""]
    for nick, items in people:
        out.append(f"- **{nick}**")
        out.extend(f"  - {item.text}" for item in items)
    if unassigned:
        out.append("- **UNASSIGNED**")
        out.extend(f"  - {item.text}" for item in unassigned)
    if not people and not unassigned:
        out.append("(none)")
    out += ["", "## People present (lines said)", ""]
    out += [f"- {nick} ({count})" for nick, count in model.people()]
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text + "\n"


def _item_json(item: Item) -> dict[str, Any]:
    d: dict[str, Any] = {
        "kind": item.kind.value,
        "text": item.text,
        "nick": item.nick,
        "time": hms(item.time),
    }
    if item.kind is ItemKind.LINK:
        d["url"] = item.url
    return d


def minutes_json(model: BotModel, where: Where) -> dict[str, Any]:
    """The minutes as the ``chair-tui-minutes`` version 1 document."""
    topics: list[dict[str, Any]] = []
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            topics.append(
                {"title": item.text, "nick": item.nick, "time": hms(item.time), "items": []}
            )
            continue
        if not topics:
            topics.append({"title": None, "nick": None, "time": None, "items": []})
        topics[-1]["items"].append(_item_json(item))
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "profile": model.profile.name,
        "channel": where.channel,
        "log_url": where.log_url,
        "title": model.title,
        "name": model.name,
        "owner": model.owner,
        "chairs": sorted({model.owner, *model.chairs} - {""}, key=lambda n: (n.lower(), n)),
        "started": hms(model.start_time) if model.start_time else None,
        "ended": hms(model.end_time) if model.ended else None,
        "topics": topics,
        "actions": [
            {**_item_json(item), "topic": item.topic, "assignees": who}
            for item, who in model.assignments()
        ],
        "unassigned": [item.text for item in by_person(model)[1]],
        "people": [{"nick": n, "lines": c} for n, c in model.people()],
        "undone": [
            _item_json(u)
            if isinstance(u, Item)
            else {"kind": u.kind, "text": u.text, "nick": u.nick}
            for u in model.undone
        ],
        "replies": [r.text for r in model.replies],
        "votes": [],
    }
