"""The post-meeting bundle: the summary people post, built from a session and its bot model.

Deterministic (the same session gives the same text), from what the bot model holds:

- :mod:`.facts` — :func:`facts_of_session`: what the summary says, gathered once
- :mod:`.markdown` — :func:`markdown_summary`: Markdown for Discourse or GitHub
- :mod:`.email` — :func:`email_of`: the subject and the body of the minutes e-mail
- :mod:`.tickets` — :func:`ticket_comments`: one comment per ticket a topic links to
- :mod:`.escape` — hostile chat text made safe to post as Markdown

:func:`build_bundle` makes all three from a session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.bundle.email import Email, email_of
from chair_tui.meeting.bundle.facts import (
    Action,
    MeetingFacts,
    Note,
    TopicFacts,
    facts_of_session,
    leading_owners,
    session_start,
    session_urls,
    split_owners,
)
from chair_tui.meeting.bundle.markdown import markdown_summary
from chair_tui.meeting.bundle.tickets import (
    Ticket,
    TicketComment,
    Tracker,
    ticket_comments,
    ticket_of_url,
)
from chair_tui.meeting.cadence import NextMeeting
from chair_tui.meeting.session.state import MeetingState
from chair_tui.meeting.urls import MinutesUrls

__all__ = [
    "Action",
    "Bundle",
    "Email",
    "MeetingFacts",
    "Note",
    "Ticket",
    "TicketComment",
    "TopicFacts",
    "Tracker",
    "build_bundle",
    "email_of",
    "facts_of_session",
    "leading_owners",
    "markdown_summary",
    "session_start",
    "session_urls",
    "split_owners",
    "ticket_comments",
    "ticket_of_url",
]


@dataclass(frozen=True, slots=True)
class Bundle:
    """Everything to post after the meeting, each block ready to copy."""

    facts: MeetingFacts
    markdown: str
    email: Email
    tickets: tuple[TicketComment, ...]


def build_bundle(
    session: MeetingState,
    *,
    previous: Sequence[tuple[str, str]] = (),
    next_meeting: NextMeeting | None = None,
    urls: MinutesUrls | None = None,
    model: BotModel | None = None,
) -> Bundle:
    """The bundle of ``session`` (see :func:`facts_of_session` for the arguments)."""
    facts = facts_of_session(
        session, previous=previous, next_meeting=next_meeting, urls=urls, model=model
    )
    return Bundle(facts, markdown_summary(facts), email_of(facts), tuple(ticket_comments(facts)))
