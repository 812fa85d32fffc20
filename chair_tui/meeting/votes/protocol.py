"""A vote in each bot's own protocol: the lines to send, what the bot will answer and record.

Four protocols (the MeetBot specification §3–4, vectors V61–V63):

* **ritual** (Debian MeetBot, zodbot, Fedora Matrix): no vote command. chair-tui sends the
  ticket votes and the proposal as ``#info`` items, members answer ``+1``/``0``/``-1`` as plain
  lines, and the result is one ``#agreed <motion> (+N, M, -K)`` or ``#rejected …`` line
  (``!agreed``/``!rejected`` on Matrix). ``#proposed`` is not a command on any of them.
* **meetingology**: ``#voters`` (the roster), ``#votesrequired N`` (only a margin rule can be
  told to the bot), ``#vote <motion>``, members' ``+1``/``-1``/``+0`` lines, ``#endvote``.
* **openstack**: ``#startvote <question>? yes, no, abstain``, members' ``#vote yes|no|abstain``,
  ``#endvote``; the bot records only counts, so the group's verdict follows as ``#agreed`` or
  ``#rejected``.
* **hcoop**: ``#motion <motion>``, members' ``#vote +1``/``#vote -1``, ``#close`` (or, where
  the bot's count would decide otherwise than the group's rule, ``#accepted``/``#failed``/
  ``#inconclusive`` with the group's result).

Every line is at most ``max_bytes`` UTF-8 bytes; item lines are made by
:func:`chair_tui.meeting.render.render_entry`, and the motion is shortened (never the tally)
when a line would be too long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.render import RenderError, render_entry
from chair_tui.meeting.text import DEFAULT_MAX_BYTES, clean_line, utf8_len
from chair_tui.meeting.votes.rules import UnknownRuleError, get_rule
from chair_tui.meeting.votes.tally import Tally, format_tally
from chair_tui.meeting.votes.vote import Ballot, Outcome, Vote, vote_status

# The meetingology code the prediction follows: the revision the specification replayed.
MEETINGOLOGY_REVISION = (
    "GKernelCI/Gmeetbot@7b3ea66 (meeting.py as of 64436e0): 'Motion carried' when "
    "for - against >= #votesrequired (0 unless set), so a tie carries; older revisions "
    "(e.g. 156cc86) answer 'Deadlock, casting vote may be used' to a tie when it is 0"
)
OPENSTACK_OPTIONS = ("yes", "no", "abstain")
_MGY_VOTE_RE = re.compile(r"([+-]1|[+-]?0)\b")  # a meetingology line that counts as a vote
_ELLIPSIS = "…"


class VoteProtocol(StrEnum):
    RITUAL = "ritual"
    MEETINGOLOGY = "meetingology"
    OPENSTACK = "openstack"
    HCOOP = "hcoop"


@dataclass(frozen=True, slots=True)
class VoteLines:
    """Everything chair-tui needs to run one vote on one bot.

    ``open``: sent to open the vote, before the members vote. ``close``: sent to close it,
    for the vote as it stands. ``cancel``: sent to cancel it once ``open`` was sent (before,
    withdrawing the pending ``open`` lines is enough). ``reply``: the bot's predicted answer to
    ``close``. ``records``: what its minutes will hold. ``undo``: what the bot's ``#undo``
    removes after the vote closed. ``outsiders``: what votes from outside the roster do on this
    bot. ``ballot_hint``: what a member types to vote.
    """

    protocol: VoteProtocol
    open: tuple[str, ...]
    close: tuple[str, ...]
    cancel: tuple[str, ...]
    reply: tuple[str, ...]
    records: str
    warnings: tuple[str, ...]
    undo: str
    outsiders: str
    ballot_hint: str


def protocol_of(profile: Profile) -> VoteProtocol:
    """The vote protocol of ``profile``'s bot."""
    if profile.family == "hcoop":
        return VoteProtocol.HCOOP
    if "votesrequired" in profile.known_commands:
        return VoteProtocol.MEETINGOLOGY
    if "startvote" in profile.known_commands:
        return VoteProtocol.OPENSTACK
    return VoteProtocol.RITUAL


def ballot_line(profile: Profile, ballot: Ballot) -> str:
    """What a member types to cast ``ballot`` (empty: nothing to type, e.g. hcoop abstention)."""
    proto = protocol_of(profile)
    if ballot is Ballot.ABSENT:
        return ""
    if proto is VoteProtocol.OPENSTACK:
        return "#vote " + {Ballot.YES: "yes", Ballot.NO: "no", Ballot.ABSTAIN: "abstain"}[ballot]
    if proto is VoteProtocol.HCOOP:
        return {Ballot.YES: "#vote +1", Ballot.NO: "#vote -1", Ballot.ABSTAIN: ""}[ballot]
    if proto is VoteProtocol.MEETINGOLOGY and ballot is Ballot.ABSTAIN:
        return "+0"
    return ballot.value


_HINTS = {
    VoteProtocol.RITUAL: "say +1, 0 or -1 on a line of its own (the bot counts nothing: the "
    "chair records the tally)",
    VoteProtocol.MEETINGOLOGY: "start a line with +1, -1 or +0 (nothing before it; '+1a' does "
    "not count, '0 problems here' does); or privately: /msg meetingology vote +1 #channel",
    VoteProtocol.OPENSTACK: "#vote yes, #vote no or #vote abstain (only your last vote counts)",
    VoteProtocol.HCOOP: "#vote +1 or #vote -1, once; to abstain, say so without #vote "
    "(#vote 0 and #vote yes count as opposed, #vote +0 in favour)",
}

_UNDO = {
    VoteProtocol.RITUAL: "#undo removes the result line's item (the #agreed or #rejected)",
    VoteProtocol.MEETINGOLOGY: "#undo removes the vote item (VOTE: <motion> (Carried)); the "
    "proposal and the members' lines stay in the log",
    VoteProtocol.OPENSTACK: "#undo removes the last minutes item: the #agreed/#rejected first, "
    "then a second #undo the vote item (Voted on …)",
    VoteProtocol.HCOOP: "#undo removes the last event only: the result (ACCEPTED/FAILED/"
    "INCONCLUSIVE); the motion stays closed and its votes stay in the minutes",
}

_OUTSIDERS = {
    VoteProtocol.RITUAL: "the bot counts no votes: a +1 from anyone is plain chat, and only "
    "the tally the chair writes is recorded",
    VoteProtocol.MEETINGOLOGY: "#voters limits the count to the roster (nicks compared exactly, "
    "case included): other +1 lines are logged but not counted; without #voters anyone's count",
    VoteProtocol.OPENSTACK: "the bot counts anyone's #vote: a vote from outside the roster "
    "changes its 'Results are' line (not the #agreed/#rejected chair-tui writes)",
    VoteProtocol.HCOOP: "the bot counts anyone's #vote, every one: a vote from outside the "
    "roster, or a second vote by the same nick, changes its count and can change its verdict",
}


def undo_effect(profile: Profile) -> str:
    """What the bot's ``#undo`` removes after a closed vote."""
    if not profile.supports_undo:
        return f"{profile.label} has no undo: say the correction in the room instead"
    return _UNDO[protocol_of(profile)]


def outsider_note(profile: Profile) -> str:
    """What votes from nicks outside the roster do on ``profile``'s bot."""
    return _OUTSIDERS[protocol_of(profile)]


# --------------------------------------------------------------------------------- lines


def _shorten(text: str, budget: int) -> str:
    """``text`` cut at a word to at most ``budget`` UTF-8 bytes, an ellipsis marking the cut."""
    if utf8_len(text) <= budget:
        return text
    room = budget - utf8_len(_ELLIPSIS)
    cut = text.encode("utf-8")[: max(room, 0)].decode("utf-8", "ignore")
    if " " in cut[1:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + _ELLIPSIS


def _command(profile: Profile, verb: str, text: str, max_bytes: int, suffix: str = "") -> str:
    """``#verb text suffix`` in one line: ``text`` shortened if needed, ``suffix`` kept."""
    head = f"{profile.prefix}{verb} " if text or suffix else f"{profile.prefix}{verb}"
    budget = max_bytes - utf8_len(head) - utf8_len(suffix)
    return head + _shorten(text, budget) + suffix


def _item(profile: Profile, kind: Kind, text: str, max_bytes: int, suffix: str = "") -> str:
    """One item line made by the renderer; the text is shortened so that it stays one line
    and ``suffix`` (a tally) is never split from it."""
    verb = profile.verb(kind)
    tail = f" {suffix}" if suffix else ""
    budget = max_bytes - utf8_len(f"{profile.prefix}{verb} ") - utf8_len(tail)
    body = _shorten(text, budget) + tail
    lines = render_entry(Entry(kind, body), profile, max_bytes=max_bytes).lines
    if len(lines) != 1:  # pragma: no cover - the budget above keeps it to one line
        raise RenderError("a vote line did not fit on one line")
    return lines[0].text


def _motion(vote: Vote) -> str:
    motion = clean_line(vote.motion)
    if not motion:
        raise RenderError("a vote needs a motion: nothing would reach the minutes")
    return motion


def _carried_line(profile: Profile, vote: Vote, max_bytes: int) -> tuple[str, ...]:
    carried = vote.carried_tally
    if not carried.total:
        return ()
    tally = format_tally(vote.tally_template, carried)
    return (_item(profile, Kind.INFO, "Votes in the ticket:", max_bytes, tally),)


def _result_item(profile: Profile, vote: Vote, outcome: Outcome, max_bytes: int) -> str:
    motion = _motion(vote)
    tally = format_tally(vote.tally_template, vote.tally)
    if outcome is Outcome.PASSES:
        return _item(profile, Kind.DECISION, motion, max_bytes, tally)
    if outcome is Outcome.FAILS and profile.supports(Kind.REJECTED):
        return _item(profile, Kind.REJECTED, motion, max_bytes, tally)
    if outcome is Outcome.FAILS:
        return _item(profile, Kind.INFO, f"Rejected: {motion}", max_bytes, tally)
    return _item(profile, Kind.INFO, f"Not quorate, no decision: {motion}", max_bytes, tally)


def _voters_lines(profile: Profile, voters: tuple[str, ...], max_bytes: int) -> list[str]:
    head = f"{profile.prefix}voters"
    out: list[str] = []
    line = head
    for nick in voters:
        if utf8_len(line) + 1 + utf8_len(nick) > max_bytes and line != head:
            out.append(line)
            line = head
        line = f"{line} {nick}"
    if line != head:
        out.append(line)
    return out


def _mgy_motion(motion: str) -> str:
    """A motion meetingology will not also count as the chair's vote: ``#vote 0 tolerance``
    opens the vote and counts the chair's line as an abstention (the argument is matched)."""
    return f"Motion: {motion}" if _MGY_VOTE_RE.match(motion) else motion


def _osk_question(motion: str) -> str:
    """The question of ``#startvote``: the bot takes all before the last ``?`` as it."""
    question = motion.rstrip(" ?")
    if not question:
        raise RenderError("an OpenStack vote needs a question: '#startvote ?' starts nothing")
    return question


# --------------------------------------------------------------------------- predictions


def _mgy_carried(tally: Tally, required: int) -> bool:
    return tally.yes - tally.no >= required


def _group_says(outcome: Outcome) -> str:
    return {
        Outcome.PASSES: "passes",
        Outcome.FAILS: "fails",
        Outcome.NOT_QUORATE: "is not quorate",
    }[outcome]


def _hcoop_result(tally: Tally) -> tuple[str, str]:
    """hcoop's ``#close`` verdict (its item kind) and text for ``tally``'s ``#vote`` lines."""
    counts = f"{tally.yes} in favor to {tally.no} opposed"
    if tally.yes > tally.no:
        return "ACCEPTED", f"Motion accepted: {counts}"
    if tally.yes < tally.no:
        return "FAILED", f"Motion failed: {counts}"
    return "INCONCLUSIVE", f"Motion inconclusive: {counts}"


def _names(vote: Vote, ballot: Ballot) -> list[str]:
    return [n for n, b in zip(vote.voters, vote.ballots, strict=True) if b is ballot]


def vote_lines(
    profile: Profile,
    vote: Vote,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    votesrequired: int = 0,
) -> VoteLines:
    """The lines and predictions for ``vote`` on ``profile``'s bot, as the vote stands now.

    ``votesrequired`` is what meetingology holds from an earlier vote of the same meeting (a
    ``#votesrequired`` lasts the meeting); it is sent again only when it must change.
    Raises :class:`~chair_tui.meeting.render.RenderError` for a vote with no motion.
    """
    proto = protocol_of(profile)
    status = vote_status(vote)
    motion = _motion(vote)
    warnings = list(status.notes)
    try:
        rule = get_rule(vote.rule)
    except UnknownRuleError:
        rule = get_rule("default")
    carried = _carried_line(profile, vote, max_bytes)
    outcome = status.outcome
    open_: tuple[str, ...]
    close: tuple[str, ...]
    cancel: tuple[str, ...]
    if proto is VoteProtocol.RITUAL:
        open_ = (*carried, _item(profile, Kind.INFO, f"Proposal: {motion}", max_bytes))
        close = (_result_item(profile, vote, outcome, max_bytes),)
        cancel = (_item(profile, Kind.INFO, f"Proposal withdrawn: {motion}", max_bytes),)
        reply: tuple[str, ...] = ()
        if profile.family == "matrix":
            records = "the result line, tagged (the bot reacts with 👍 to !agreed, 👎 to !rejected)"
        else:
            records = "one item: the result line (AGREED/REJECTED: <motion> <tally>)"
    elif proto is VoteProtocol.MEETINGOLOGY:
        margin = rule.pure_margin
        required = margin if margin is not None else 0
        setup = _voters_lines(profile, vote.voters, max_bytes)
        if required != votesrequired:
            setup.append(f"{profile.prefix}votesrequired {required}")
        open_ = (*carried, *setup, _command(profile, "vote", _mgy_motion(motion), max_bytes))
        close = (f"{profile.prefix}endvote",)
        cancel = (f"{profile.prefix}endvote", f"{profile.prefix}undo")
        counted = vote.meeting_tally
        carried_bot = _mgy_carried(counted, required)
        active = _command(profile, "vote", _mgy_motion(motion), max_bytes)[len("#vote ") :]
        reply = (
            f"Voting ended on: {active}",
            f"Votes for: {counted.yes}, Votes against: {counted.no}, "
            f"Abstentions: {counted.abstain}",
            "Motion carried" if carried_bot else "Motion denied",
        )
        records = f"one vote item: {active} ({'Carried' if carried_bot else 'Denied'})"
        if margin is None:
            warnings.append(
                f"meetingology decides by a margin (for - against >= {required}); the rule "
                f"'{rule.name}' is not a margin, so #votesrequired cannot tell it to the bot"
            )
        if carried_bot != (outcome is Outcome.PASSES):
            warnings.append(
                f"meetingology will answer 'Motion {'carried' if carried_bot else 'denied'}' "
                f"but by the rule '{rule.name}' the motion {_group_says(outcome)}"
                + (
                    " (a tie carries at #votesrequired 0)"
                    if not required and not counted.net
                    else ""
                )
                + f"; prediction per {MEETINGOLOGY_REVISION}"
            )
        if vote.carried_tally.total:
            warnings.append("meetingology counts only the votes said in the meeting, not those "
                            "carried in from the ticket")  # fmt: skip
        if not vote.voters:
            warnings.append("no eligible voters: without #voters meetingology counts anyone")
    elif proto is VoteProtocol.OPENSTACK:
        question = _osk_question(motion)
        options = ", ".join(OPENSTACK_OPTIONS)
        startvote = _command(profile, "startvote", question, max_bytes, f"? {options}")
        open_ = (*carried, startvote)
        close = (f"{profile.prefix}endvote", _result_item(profile, vote, outcome, max_bytes))
        cancel = (f"{profile.prefix}endvote", f"{profile.prefix}undo")
        asked = startvote[len("#startvote ") : -len(f"? {options}")]
        item, reply = _osk_reply(vote, asked)
        records = f"a vote item ({item}) and the #agreed/#rejected line"
        if vote.carried_tally.total:
            warnings.append("the bot's count has only the meeting's #vote lines; the ticket "
                            "votes are in the #agreed/#rejected tally")  # fmt: skip
    else:
        open_ = (*carried, _command(profile, "motion", motion, max_bytes))
        counted = vote.meeting_tally
        kind, text = _hcoop_result(counted)
        bot_passes = kind == "ACCEPTED"
        reply_lines: tuple[str, ...]
        if not counted.yes and not counted.no:
            close = (_hcoop_explicit(profile, vote, outcome, max_bytes),)
            reply_lines = ()
            records = "one event: the result the chair gave (no #vote was cast)"
            warnings.append(
                "no #vote in the meeting: #close would answer 'Motion cannot be closed: no "
                "votes found', so the result is given explicitly"
            )
        elif bot_passes == (outcome is Outcome.PASSES) and kind != "INCONCLUSIVE":
            close = (f"{profile.prefix}close",)
            reply_lines = (
                text,
                # the bot's line has no trailing blank when nobody is named
                ("In favor: " + ", ".join(_names(vote, Ballot.YES))).rstrip(),
                ("Opposed: " + ", ".join(_names(vote, Ballot.NO))).rstrip(),
            )
            records = f"the motion, each #vote, and {kind}: {text}"
        else:
            close = (_hcoop_explicit(profile, vote, outcome, max_bytes),)
            reply_lines = ()
            records = "the motion, each #vote, and the result the chair gave"
            warnings.append(
                f"#close would answer '{text}' but by the rule '{rule.name}' the motion "
                f"{_group_says(outcome)}: the result is given explicitly instead"
            )
        reply = reply_lines
        cancel = (_command(profile, "inconclusive", f"Motion withdrawn: {motion}", max_bytes),)
        if vote.carried_tally.total:
            warnings.append("hcoop counts only the #vote lines of the meeting, not the ticket's")
        warnings.append("hcoop counts every #vote, a repeated one too, and #vote 0 as opposed")
    return VoteLines(
        protocol=proto,
        open=tuple(open_),
        close=tuple(close),
        cancel=tuple(cancel),
        reply=reply,
        records=records,
        warnings=tuple(warnings),
        undo=undo_effect(profile),
        outsiders=outsider_note(profile),
        ballot_hint=_HINTS[proto],
    )


def _hcoop_explicit(profile: Profile, vote: Vote, outcome: Outcome, max_bytes: int) -> str:
    """``#accepted``/``#failed``/``#inconclusive`` with the group's result and tally."""
    verb = {Outcome.PASSES: "accepted", Outcome.FAILS: "failed"}.get(outcome, "inconclusive")
    tally = format_tally(vote.tally_template, vote.tally)
    label = {"accepted": "Motion accepted", "failed": "Motion failed"}.get(verb, "Not quorate")
    return _command(profile, verb, f"{label}: {_motion(vote)}", max_bytes, f" {tally}")


def _osk_reply(vote: Vote, question: str) -> tuple[str, tuple[str, ...]]:
    """OpenStack's vote item and ``#endvote`` answer; the options in the order first voted
    (taken as the roster order: the bot's order follows who voted first)."""
    word = {Ballot.YES: "yes", Ballot.NO: "no", Ballot.ABSTAIN: "abstain"}
    order: list[Ballot] = []
    for b in vote.ballots:
        if b is not Ballot.ABSENT and b not in order:
            order.append(b)
    head = f'Voted on "{question}?" Results are'
    counts = "".join(f", {word[b]}: {len(_names(vote, b))}" for b in order)
    shows = tuple(
        f"{word[b]} ({len(_names(vote, b))}): {', '.join(_names(vote, b))}" for b in order
    )
    return head + counts, (head, *shows)
