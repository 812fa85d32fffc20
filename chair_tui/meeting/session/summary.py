"""What the end screen shows: topics with their decisions, and actions by person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from chair_tui.meeting.botsim import assignees
from chair_tui.meeting.profiles import Kind, Profile


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

    def to_json(self) -> dict[str, object]:
        """The summary as ``export --format json`` writes it."""
        return asdict(self)


def summarize(profile: Profile, lines: Iterable[tuple[Kind, str]], attendees: set[str]) -> Summary:
    """Read the meeting's lines (kind and text, in order) as the bot will: its topics, its
    decisions, and whom it assigns each action to among ``attendees``."""
    topics: list[TopicSummary] = []
    actions: dict[str, list[str]] = {}
    unassigned: list[str] = []
    decisions: list[str] = []
    for kind, text in lines:
        verb, _, rest = text.partition(" ")
        if kind is Kind.TOPIC:
            topics.append(TopicSummary(rest))
        elif kind in (Kind.DECISION, Kind.REJECTED):
            decisions.append(rest)
            if topics:
                topics[-1].items.append(f"{verb} {rest}")
        elif kind is Kind.ACTION:
            who = assignees(profile, rest, attendees)
            for n in who:
                actions.setdefault(n, []).append(rest)
            if not who:
                unassigned.append(rest)
    return Summary(topics, decisions, actions, unassigned)
