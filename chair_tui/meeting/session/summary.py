"""What the end screen shows: the minutes' summary, as the bot will write them.

Every topic with its decisions, and the actions by person as the bot assigns them (with the
unassigned ones), read from the bot model of the meeting's lines
(:func:`chair_tui.meeting.session.model_of_session`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chair_tui.meeting.botmodel import BotModel, ItemKind

# the items that record a decision, as the bots label them
DECISION_KINDS = frozenset(
    {
        ItemKind.AGREED,
        ItemKind.ACCEPTED,
        ItemKind.REJECTED,
        ItemKind.FAILED,
        ItemKind.INCONCLUSIVE,
        ItemKind.DONE,
    }
)


@dataclass(slots=True)
class TopicSummary:
    title: str
    items: list[str] = field(default_factory=list)  # decisions, with their verb


@dataclass(frozen=True, slots=True)
class Summary:
    topics: list[TopicSummary]
    decisions: list[str]
    actions: dict[str, list[str]]  # nick -> action texts, as the bot assigns them
    unassigned: list[str]


def summarize(model: BotModel) -> Summary:
    """The summary of what ``model``'s bot keeps: every topic with the decisions filed under
    it (a decision before the first topic is only in ``decisions``), and each action under
    the nicks the bot lists it under, or unassigned."""
    topics: list[TopicSummary] = []
    decisions: list[str] = []
    prefix = model.profile.prefix
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            topics.append(TopicSummary(item.text))
        elif item.kind in DECISION_KINDS:
            decisions.append(item.text)
            if topics:
                topics[-1].items.append(f"{prefix}{item.kind.value.lower()} {item.text}")
    actions: dict[str, list[str]] = {}
    unassigned: list[str] = []
    for item, who in model.assignments():
        for n in who:
            actions.setdefault(n, []).append(item.text)
        if not who:
            unassigned.append(item.text)
    return Summary(topics, decisions, actions, unassigned)
