"""A vote: the motion, the eligible voters, each one's ballot, and its live status.

A Vote is immutable: ``cast`` and ``clear`` return a new one. Ballots are per eligible voter
(the members of the meeting file with ``voting = true``, in roster order). Votes from a ticket
carry in per voter where the chair knows who voted (``carried``), else as totals
(``carried_totals``); a vote in the meeting replaces that voter's ticket vote.

The status sees only the votes entered here. Bots that count anyone's vote (meetingology
without ``#voters``, OpenStack, hcoop) may count more: see ``protocol.outsider_note``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from chair_tui.meeting.votes.rules import UnknownRuleError, get_quorum, get_rule
from chair_tui.meeting.votes.tally import DEFAULT_TEMPLATE, Tally, format_tally


class Ballot(StrEnum):
    """One voter's vote; ABSENT is no vote (yet)."""

    YES = "+1"
    ABSTAIN = "0"
    NO = "-1"
    ABSENT = ""


class Outcome(StrEnum):
    """What the vote would give if it were closed now."""

    PASSES = "passes"
    FAILS = "fails"
    NOT_QUORATE = "not quorate"


@dataclass(frozen=True, slots=True)
class Vote:
    """A motion put to the eligible ``voters`` (nicks) under a rule and a quorum."""

    motion: str
    voters: tuple[str, ...]
    ballots: tuple[Ballot, ...] = ()  # per voter, cast in the meeting; padded with ABSENT
    carried: tuple[Ballot, ...] = ()  # per voter, from the ticket; padded with ABSENT
    carried_totals: Tally | None = None  # ticket votes known only as totals
    rule: str = "default"
    quorum: str = "none"
    tally_template: str = DEFAULT_TEMPLATE

    def __post_init__(self) -> None:
        n = len(self.voters)
        for name in ("ballots", "carried"):
            values: tuple[Ballot, ...] = getattr(self, name)
            if len(values) > n:
                raise ValueError(f"more {name} than voters")
            if len(values) < n:
                object.__setattr__(self, name, values + (Ballot.ABSENT,) * (n - len(values)))

    @classmethod
    def for_plan(
        cls, motion: str, voters: tuple[str, ...], *, rule: str = "default",
        quorum: str = "none", tally_template: str = DEFAULT_TEMPLATE,
    ) -> Vote:  # fmt: skip
        """A new vote with no ballots (``voters``: the nicks of ``plan.voters``)."""
        return cls(motion, voters, rule=rule, quorum=quorum, tally_template=tally_template)

    def index(self, nick: str) -> int:
        """The position of ``nick`` among the voters (case-insensitive); ValueError if absent."""
        low = nick.lower()
        for i, v in enumerate(self.voters):
            if v.lower() == low:
                return i
        raise ValueError(f"{nick!r} is not an eligible voter")

    def cast(self, nick: str, ballot: Ballot) -> Vote:
        """This vote with ``nick``'s meeting ballot set (ABSENT clears it)."""
        i = self.index(nick)
        return replace(self, ballots=(*self.ballots[:i], ballot, *self.ballots[i + 1 :]))

    def clear(self, nick: str) -> Vote:
        return self.cast(nick, Ballot.ABSENT)

    def carry(self, nick: str, ballot: Ballot) -> Vote:
        """This vote with ``nick``'s ticket vote set."""
        i = self.index(nick)
        return replace(self, carried=(*self.carried[:i], ballot, *self.carried[i + 1 :]))

    def ballot(self, nick: str) -> Ballot:
        """The ballot that counts for ``nick``: the meeting's, else the ticket's."""
        i = self.index(nick)
        return self.ballots[i] or self.carried[i]

    @property
    def effective(self) -> tuple[Ballot, ...]:
        """Per voter, the ballot that counts (meeting, else ticket)."""
        return tuple(b or c for b, c in zip(self.ballots, self.carried, strict=True))

    @property
    def meeting_tally(self) -> Tally:
        """The votes cast in the meeting only: what a counting bot sees from the roster."""
        return _count(self.ballots)

    @property
    def tally(self) -> Tally:
        """Every vote that counts: the meeting's, the per-voter ticket votes, the totals."""
        t = _count(self.effective)
        if self.carried_totals is not None:
            c = self.carried_totals
            t = Tally(t.yes + c.yes, t.abstain + c.abstain, t.no + c.no)
        return t

    @property
    def carried_tally(self) -> Tally:
        """The ticket votes that still count (not replaced by a meeting vote)."""
        t = _count(
            tuple(
                c if not b else Ballot.ABSENT
                for b, c in zip(self.ballots, self.carried, strict=True)
            )
        )
        if self.carried_totals is not None:
            c = self.carried_totals
            t = Tally(t.yes + c.yes, t.abstain + c.abstain, t.no + c.no)
        return t

    def tally_text(self) -> str:
        """The counted tally in the meeting file's template, e.g. ``(+5, 0, -1)``."""
        return format_tally(self.tally_template, self.tally)

    def status(self) -> VoteStatus:
        return vote_status(self)


@dataclass(frozen=True, slots=True)
class VoteStatus:
    """The live state of a vote, as the group's rule and quorum read it."""

    tally: Tally
    eligible: int  # eligible voters
    voted: int  # eligible voters who cast a vote (0 included), ticket votes included
    undecided: int  # eligible voters with no vote yet
    quorum_needed: int
    quorate: bool
    passes: bool  # the rule is met (quorum aside)
    outcome: Outcome
    needs: int | None  # more +1 votes (from undecided voters) to pass; None: cannot pass
    decided: bool  # no vote still to come can change the outcome
    notes: tuple[str, ...]
    sentence: str


def _count(ballots: tuple[Ballot, ...]) -> Tally:
    yes = abstain = no = 0
    for b in ballots:
        if b is Ballot.YES:
            yes += 1
        elif b is Ballot.ABSTAIN:
            abstain += 1
        elif b is Ballot.NO:
            no += 1
    return Tally(yes, abstain, no)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def vote_status(vote: Vote) -> VoteStatus:
    """Quorate? Would it pass? How many more +1 would it need? And a sentence saying so."""
    notes: list[str] = []
    try:
        rule = get_rule(vote.rule)
    except UnknownRuleError as exc:
        notes.append(f"{exc}; counted by the default rule")
        rule = get_rule("default")
    try:
        quorum = get_quorum(vote.quorum)
    except UnknownRuleError as exc:
        notes.append(f"{exc}; no quorum applied")
        quorum = get_quorum("none")
    tally = vote.tally
    eligible = len(vote.voters)
    totals = vote.carried_totals.total if vote.carried_totals is not None else 0
    voted = tally.total
    undecided = max(eligible - voted, 0)
    if vote.carried_totals is not None and vote.carried_totals.total:
        if rule.per_voter:
            notes.append(
                f"ticket votes known only as totals ({_plural(totals, 'vote')}): the rule "
                f"'{rule.name}' counts per voter, so they are taken as votes of voters who "
                "did not vote in the meeting; enter them per voter to be exact"
            )
        else:
            notes.append("ticket totals are added to the meeting's votes as given")
    if voted > eligible:
        notes.append(f"{voted} votes counted for {_plural(eligible, 'eligible voter')}")
    needed = quorum.required(eligible)
    quorate = voted >= needed
    passes = rule.passes(tally.yes, tally.abstain, tally.no, eligible)
    needs: int | None = None
    for extra in range(undecided + 1):
        if rule.passes(tally.yes + extra, tally.abstain, tally.no, eligible) and (
            voted + extra >= needed
        ):
            needs = extra
            break
    # Could the votes still to come make it fail (or not quorate)? Try them all against.
    can_fail = not passes or not quorate
    if not can_fail and undecided:
        can_fail = not rule.passes(tally.yes, tally.abstain, tally.no + undecided, eligible)
        can_fail = can_fail or not rule.passes(
            tally.yes, tally.abstain + undecided, tally.no, eligible
        )
    decided = (needs is None) or (needs == 0 and not can_fail)
    if not quorate:
        outcome = Outcome.NOT_QUORATE
    else:
        outcome = Outcome.PASSES if passes else Outcome.FAILS
    sentence = _sentence(vote, tally, outcome, needs, needed, voted, undecided, decided)
    return VoteStatus(
        tally=tally,
        eligible=eligible,
        voted=voted,
        undecided=undecided,
        quorum_needed=needed,
        quorate=quorate,
        passes=passes,
        outcome=outcome,
        needs=needs,
        decided=decided,
        notes=tuple(notes),
        sentence=sentence,
    )


def _sentence(
    vote: Vote, tally: Tally, outcome: Outcome, needs: int | None, quorum: int, voted: int,
    undecided: int, decided: bool,
) -> str:  # fmt: skip
    counted = format_tally(vote.tally_template, tally)
    if outcome is Outcome.NOT_QUORATE:
        head = f"{counted}: not quorate ({voted} of {quorum} needed have voted)"
    elif outcome is Outcome.PASSES:
        head = f"{counted}: passes" + ("" if decided else " so far")
    else:
        head = f"{counted}: fails" + ("" if decided else " so far")
    if outcome is not Outcome.PASSES:
        if needs is None:
            tail = "it cannot pass with the votes left" if undecided else "no votes left"
            return f"{head}; {tail}."
        if needs:
            return f"{head}; needs {needs} more +1 vote" + ("." if needs == 1 else "s.")
    if undecided and not decided:
        return f"{head}; {_plural(undecided, 'voter')} still to vote."
    return f"{head}."
