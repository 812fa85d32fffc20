"""Votes: tallies, the groups' rules, a vote's live status, and each bot's vote protocol.

API (pure core; the names are stable):

* ``tally`` — ``Tally(yes, abstain, no)`` (``.total``, ``.net``); ``parse_tally(text) ->
  TallyMatch | None`` (``.tally``, ``.start``, ``.end``, ``.span``); ``find_tallies(text)``;
  ``format_tally(template, tally) -> str``; ``normalise_tally(text, template) -> str``;
  ``check_tally(template) -> str | None``; ``DEFAULT_TEMPLATE``.
* ``rules`` — ``Rule`` (``.passes(yes, abstain, no, eligible)``, ``.per_voter``,
  ``.pure_margin``), ``Quorum`` (``.required(eligible)``), ``Basis``, ``Source``; ``RULES``,
  ``QUORUMS`` (the presets by name); ``get_rule(name)``, ``get_quorum(name)`` (raise
  ``UnknownRuleError``); ``check_rule(name) -> str | None``, ``check_quorum(name) -> str | None``
  (the meeting file's ``[vote] rule`` and ``quorum``).
* ``vote`` — ``Ballot`` (``YES "+1"``, ``ABSTAIN "0"``, ``NO "-1"``, ``ABSENT ""``);
  ``Vote(motion, voters, ballots, carried, carried_totals, rule, quorum, tally_template)``,
  immutable: ``.cast(nick, ballot)``, ``.clear(nick)``, ``.carry(nick, ballot)``,
  ``.ballot(nick)``, ``.tally``, ``.meeting_tally``, ``.carried_tally``, ``.tally_text()``,
  ``.status() -> VoteStatus``; ``Vote.for_plan(motion, voters, rule=, quorum=,
  tally_template=)``; ``VoteStatus`` (``tally``, ``eligible``, ``voted``, ``undecided``,
  ``quorum_needed``, ``quorate``, ``passes``, ``outcome: Outcome``, ``needs``, ``decided``,
  ``notes``, ``sentence``); ``vote_status(vote)``.
* ``protocol`` — ``VoteProtocol`` (ritual, meetingology, openstack, hcoop);
  ``protocol_of(profile)``; ``vote_lines(profile, vote, *, max_bytes=, votesrequired=0) ->
  VoteLines`` (``open``, ``close``, ``cancel``, ``reply``, ``records``, ``warnings``, ``undo``,
  ``outsiders``, ``ballot_hint``); ``ballot_line(profile, ballot) -> str`` (what a voter types);
  ``undo_effect(profile) -> str``; ``outsider_note(profile) -> str``; ``MEETINGOLOGY_REVISION``.
"""

from chair_tui.meeting.votes.protocol import (
    MEETINGOLOGY_REVISION,
    OPENSTACK_OPTIONS,
    VoteLines,
    VoteProtocol,
    ballot_line,
    outsider_note,
    protocol_of,
    undo_effect,
    vote_lines,
)
from chair_tui.meeting.votes.rules import (
    QUORUMS,
    RULES,
    Basis,
    Quorum,
    Rule,
    Source,
    UnknownRuleError,
    check_quorum,
    check_rule,
    get_quorum,
    get_rule,
)
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
from chair_tui.meeting.votes.vote import Ballot, Outcome, Vote, VoteStatus, vote_status

__all__ = [
    "DEFAULT_TEMPLATE",
    "MEETINGOLOGY_REVISION",
    "OPENSTACK_OPTIONS",
    "QUORUMS",
    "RULES",
    "Ballot",
    "Basis",
    "Outcome",
    "Quorum",
    "Rule",
    "Source",
    "Tally",
    "TallyMatch",
    "UnknownRuleError",
    "Vote",
    "VoteLines",
    "VoteProtocol",
    "VoteStatus",
    "ballot_line",
    "check_quorum",
    "check_rule",
    "check_tally",
    "find_tallies",
    "format_tally",
    "get_quorum",
    "get_rule",
    "normalise_tally",
    "outsider_note",
    "parse_tally",
    "protocol_of",
    "undo_effect",
    "vote_lines",
    "vote_status",
]
