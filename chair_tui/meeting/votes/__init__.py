"""Votes: tallies, the groups' rules, a vote's live status, and each bot's vote protocol.

API (pure core; stable names):

* tally.py — ``Tally(yes, abstain, no)``; ``parse_tally(text) -> TallyMatch | None``
  (``.tally``, ``.start``, ``.end``, ``.span``); ``find_tallies(text)``;
  ``format_tally(template, tally) -> str``; ``normalise_tally(text, template) -> str``;
  ``check_tally(template) -> str | None``; ``DEFAULT_TEMPLATE``.
"""

from chair_tui.meeting.votes.tally import (
    DEFAULT_TEMPLATE,
    Tally,
    TallyMatch,
    check_tally,
    find_tallies,
    format_tally,
    normalise_tally,
    parse_tally,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "Tally",
    "TallyMatch",
    "check_tally",
    "find_tallies",
    "format_tally",
    "normalise_tally",
    "parse_tally",
]
