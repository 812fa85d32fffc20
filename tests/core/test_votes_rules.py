"""Rule and quorum presets, custom values, and a vote's live status."""

from __future__ import annotations

import pytest

from chair_tui.meeting.votes import (
    QUORUMS,
    RULES,
    Ballot,
    Outcome,
    Tally,
    UnknownRuleError,
    Vote,
    check_quorum,
    check_rule,
    get_quorum,
    get_rule,
)

FESCO = ("nirik", "zbyszek", "churchyard", "dcantrell", "decathorpe", "sgallagh", "ngompa",
         "ignatenkobrain", "cverna")  # fmt: skip


def _vote(rule: str, yes: int, abstain: int, no: int, voters: int, quorum: str = "none") -> Vote:
    nicks = tuple(f"m{i}" for i in range(voters))
    ballots = (Ballot.YES,) * yes + (Ballot.ABSTAIN,) * abstain + (Ballot.NO,) * no
    return Vote("motion", nicks, ballots, rule=rule, quorum=quorum)


def test_fesco_2020_impasse_fails_under_the_old_rule_and_passes_under_2023() -> None:
    """2020-05-11: 4 × +1 and 5 × 0 of nine. 'A majority of the committee (that is, five out
    of nine)' was not reached; with a 0 removing its voter, 4 of the 4 left pass."""
    ballots = (Ballot.YES,) * 4 + (Ballot.ABSTAIN,) * 5
    old = Vote("Approve the change", FESCO, ballots, rule="fesco-2020").status()
    new = Vote("Approve the change", FESCO, ballots, rule="fesco-2023").status()
    assert old.outcome is Outcome.FAILS and old.decided and old.needs is None
    assert new.outcome is Outcome.PASSES and new.decided
    assert old.tally == new.tally == Tally(4, 5, 0)


@pytest.mark.parametrize(
    ("rule", "yes", "abstain", "no", "voters", "passes"),
    [
        ("default", 2, 5, 1, 9, True),
        ("default", 1, 0, 1, 9, False),  # a tie does not pass
        ("default", 0, 3, 0, 9, False),  # no +1: nothing passes
        ("majority", 3, 0, 2, 9, True),
        ("fesco-2023", 4, 1, 4, 9, False),  # 8 eligible: 4 is not more than half
        ("fesco-2023", 5, 1, 3, 9, True),
        ("fesco-2023", 4, 2, 0, 9, True),  # 'if two FESCo members abstain … only a +4'
        ("fesco-2023", 0, 9, 0, 9, False),  # no measure passes without a vote in favour
        ("fesco-2020", 5, 0, 0, 9, True),
        ("fesco-2020", 4, 0, 0, 9, False),
        ("coreos", 3, 1, 1, 9, True),  # 3 of 5 voting
        ("coreos", 2, 1, 1, 9, False),  # 2 of 4 voting: not a majority
        ("coreos-urgent", 4, 0, 2, 9, True),  # 4 of 6: two thirds
        ("coreos-urgent", 3, 0, 2, 9, False),  # 3 of 5 < 2/3
        ("workstation", 3, 4, 2, 9, True),  # abstentions not counted
        ("workstation", 2, 0, 2, 9, False),
        ("ubuntu-dmb", 2, 2, 1, 7, True),  # sum +1
        ("ubuntu-dmb", 1, 3, 1, 7, False),  # sum 0
    ],
)
def test_presets(rule: str, yes: int, abstain: int, no: int, voters: int, passes: bool) -> None:
    assert get_rule(rule).passes(yes, abstain, no, voters) is passes
    assert _vote(rule, yes, abstain, no, voters).status().passes is passes


@pytest.mark.parametrize(
    ("quorum", "eligible", "needed"),
    [
        ("none", 9, 0),
        ("coreos", 9, 5),  # 5 people or 51 % (4.59 → 5): the lower
        ("coreos", 6, 4),  # 51 % of 6 → 4 < 5
        ("coreos", 20, 5),
        ("workstation", 8, 5),  # a majority of the WG
        ("workstation", 7, 4),
        ("ubuntu-dmb", 7, 4),
        ("fesco", 9, 5),
        ("quorum:3", 9, 3),
        ("quorum:1/2", 9, 5),
        ("quorum:>1/2", 8, 5),
        ("quorum:60%", 10, 6),
    ],
)
def test_quorums(quorum: str, eligible: int, needed: int) -> None:
    assert get_quorum(quorum).required(eligible) == needed


def test_every_preset_names_its_source_or_is_the_default() -> None:
    for name, rule in RULES.items():
        assert rule.name == name and rule.label
        assert rule.sources or name in ("default", "majority"), name
        for src in rule.sources:
            assert src.url.startswith(("http://", "https://")) and src.note
    for name, quorum in QUORUMS.items():
        assert quorum.name == name and (quorum.sources or name == "none")
    assert RULES["fesco-2023"].as_proposed  # the current docs text was not confirmed


@pytest.mark.parametrize(
    ("value", "yes", "abstain", "no", "voters", "passes"),
    [
        ("majority:2/3", 2, 0, 1, 9, True),
        ("majority:>2/3", 2, 0, 1, 9, False),
        ("majority:>1/2:eligible", 3, 4, 0, 9, True),  # 5 eligible left
        ("majority:>1/2:roster", 4, 0, 0, 9, False),
        ("majority:1/2:cast", 2, 2, 0, 9, True),
        ("margin:2", 3, 0, 1, 9, True),
        ("margin:2", 2, 0, 1, 9, False),
    ],
)
def test_custom_rules(
    value: str, yes: int, abstain: int, no: int, voters: int, passes: bool
) -> None:
    assert check_rule(value) is None
    assert get_rule(value).passes(yes, abstain, no, voters) is passes


@pytest.mark.parametrize(
    "value", ["fesco", "majority:3/2", "majority:0/3", "majority:1/0", "margin:0", "margin:-1",
              "majority:2/3:everyone", "Majority", ""],
)  # fmt: skip
def test_bad_rules_are_named(value: str) -> None:
    message = check_rule(value)
    assert message
    with pytest.raises(UnknownRuleError):
        get_rule(value)


@pytest.mark.parametrize("value", ["quorum:0/2", "quorum:101%", "quorum:abc", "half", "5"])
def test_bad_quorums_are_named(value: str) -> None:
    assert check_quorum(value)
    with pytest.raises(UnknownRuleError):
        get_quorum(value)


def test_presets_and_customs_pass_the_checks() -> None:
    for name in (*RULES, "margin:1", "majority:3/4:cast"):
        assert check_rule(name) is None
    for name in (*QUORUMS, "quorum:4", "quorum:2/3", "quorum:51%"):
        assert check_quorum(name) is None


def test_pure_margin_rules_are_what_meetingology_can_be_told() -> None:
    assert get_rule("default").pure_margin == 1
    assert get_rule("ubuntu-dmb").pure_margin == 1
    assert get_rule("margin:3").pure_margin == 3
    assert get_rule("fesco-2023").pure_margin is None
    assert get_rule("coreos").pure_margin is None


# ------------------------------------------------------------------ live status


def test_status_counts_what_is_missing() -> None:
    vote = Vote.for_plan("Adopt the charter", FESCO, rule="fesco-2020")
    for nick in FESCO[:3]:
        vote = vote.cast(nick, Ballot.YES)
    status = vote.status()
    assert status.outcome is Outcome.FAILS and not status.decided
    assert status.needs == 2 and status.undecided == 6
    assert status.sentence == "(+3, 0, -0): fails so far; needs 2 more +1 votes."
    vote = vote.cast(FESCO[3], Ballot.YES).cast(FESCO[4], Ballot.YES)
    assert vote.status().outcome is Outcome.PASSES and vote.status().decided


def test_status_says_when_it_cannot_pass() -> None:
    vote = _vote("fesco-2020", 2, 0, 5, 9)
    status = vote.status()
    assert status.needs is None and status.decided
    assert "cannot pass" in status.sentence


def test_quorum_is_counted_from_every_vote_cast() -> None:
    vote = _vote("default", 2, 1, 0, 9, quorum="coreos")
    status = vote.status()
    assert not status.quorate and status.outcome is Outcome.NOT_QUORATE
    assert status.quorum_needed == 5 and status.needs == 2  # two more +1 make it quorate too
    assert "not quorate (3 of 5 needed have voted)" in status.sentence
    assert _vote("default", 3, 1, 1, 9, quorum="coreos").status().quorate


def test_a_meeting_vote_replaces_the_same_voter_ticket_vote() -> None:
    vote = Vote("Approve", ("a", "b", "c"), rule="fesco-2023")
    vote = vote.carry("a", Ballot.YES).carry("b", Ballot.NO)
    assert vote.tally == Tally(1, 0, 1) and vote.meeting_tally == Tally(0, 0, 0)
    vote = vote.cast("b", Ballot.YES)
    assert vote.ballot("B") is Ballot.YES  # nicks compared case-insensitively
    assert vote.tally == Tally(2, 0, 0) and vote.carried_tally == Tally(1, 0, 0)
    assert vote.status().outcome is Outcome.PASSES


def test_ticket_totals_with_a_per_voter_rule_say_so() -> None:
    vote = Vote("Approve", FESCO, carried_totals=Tally(3, 0, 0), rule="fesco-2023")
    vote = vote.cast(FESCO[0], Ballot.YES).cast(FESCO[1], Ballot.YES)
    status = vote.status()
    assert status.tally == Tally(5, 0, 0) and status.passes
    assert any("counts per voter" in note for note in status.notes)
    other = Vote("Approve", FESCO, carried_totals=Tally(3, 0, 0)).status()
    assert not any("counts per voter" in note for note in other.notes)


def test_unknown_rule_or_quorum_in_a_vote_falls_back_and_says_so() -> None:
    status = Vote("x", ("a",), (Ballot.YES,), rule="nope", quorum="nah").status()
    assert status.passes and len(status.notes) == 2


def test_ballots_must_fit_the_voters() -> None:
    with pytest.raises(ValueError, match="more ballots"):
        Vote("x", ("a",), (Ballot.YES, Ballot.NO))
    with pytest.raises(ValueError, match="not an eligible voter"):
        Vote("x", ("a",)).cast("zz", Ballot.YES)
    assert Vote("x", ("a", "b")).clear("a").ballots == (Ballot.ABSENT, Ballot.ABSENT)
