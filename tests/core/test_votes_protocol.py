"""A vote in each bot's protocol: the lines, replayed through the bot model, leave in its
minutes the result chair-tui predicted; the bots' own vectors V61–V63 are met; the lines pass
lint and fit the byte limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.botmodel import BotModel, Item
from chair_tui.meeting.lint import ERROR, WARNING, lint_lines
from chair_tui.meeting.profiles import PROFILES, Profile
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.text import utf8_len
from chair_tui.meeting.votes import (
    Ballot,
    Outcome,
    Tally,
    Vote,
    VoteLines,
    VoteProtocol,
    ballot_line,
    outsider_note,
    protocol_of,
    undo_effect,
    vote_lines,
)

DATA: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "data" / "meetbot-test-vectors.json").read_text()
)
VOTERS = ("neal", "Chris", "tomas", "bittin")
CHAIR = "cmurf"


def _start(profile: Profile) -> BotModel:
    model = BotModel(profile, channel="#fedora-meeting")
    model.feed("12:00:00", CHAIR, f"{profile.prefix}startmeeting Workstation WG")
    for nick in VOTERS:
        model.feed("12:00:01", nick, "hi")
    return model


def _replay(profile: Profile, vote: Vote, lines: VoteLines) -> tuple[BotModel, int]:
    """The open lines, each voter's ballot line in roster order, the close lines; returns the
    model and the number of replies before the close."""
    model = _start(profile)
    for line in lines.open:
        model.feed("12:01:00", CHAIR, line)
    for nick, ballot in zip(vote.voters, vote.ballots, strict=True):
        said = ballot_line(profile, ballot)
        if said:
            model.feed("12:02:00", nick, said)
    before = len(model.replies)
    for line in lines.close:
        model.feed("12:03:00", CHAIR, line)
    return model, before


def _texts(model: BotModel) -> list[tuple[str, str]]:
    return [(i.kind.value, i.text) for i in model.items]


CASES = [
    # (ballots for neal, Chris, tomas, bittin; rule)
    ((Ballot.YES, Ballot.YES, Ballot.NO, Ballot.ABSTAIN), "default"),  # passes 2:1
    ((Ballot.YES, Ballot.NO, Ballot.NO, Ballot.ABSENT), "default"),  # fails 1:2
    ((Ballot.YES, Ballot.NO, Ballot.ABSTAIN, Ballot.ABSENT), "default"),  # a tie
    ((Ballot.YES, Ballot.ABSTAIN, Ballot.ABSTAIN, Ballot.ABSTAIN), "fesco-2023"),
    ((Ballot.YES, Ballot.YES, Ballot.ABSTAIN, Ballot.ABSTAIN), "fesco-2020"),  # fails 2 of 4
]


@pytest.mark.parametrize("profile_name", sorted(PROFILES))
@pytest.mark.parametrize(("ballots", "rule"), CASES)
def test_lines_replayed_through_the_bot_model(
    profile_name: str, ballots: tuple[Ballot, ...], rule: str
) -> None:
    profile = PROFILES[profile_name]
    vote = Vote("Adopt the new schedule", VOTERS, ballots, rule=rule)
    lines = vote_lines(profile, vote)
    outcome = vote.status().outcome
    model, before = _replay(profile, vote, lines)
    replies = [r.text for r in model.replies[before:]]
    tally = vote.tally_text()
    proto = protocol_of(profile)
    items = _texts(model)
    if proto is VoteProtocol.RITUAL:
        kind = "AGREED" if outcome is Outcome.PASSES else "REJECTED"
        assert items[-1] == (kind, f"Adopt the new schedule {tally}")
        assert ("INFO", "Proposal: Adopt the new schedule") in items
    elif proto is VoteProtocol.MEETINGOLOGY:
        assert replies == [r for r in lines.reply]
        verdict = "Carried" if lines.reply[-1] == "Motion carried" else "Denied"
        assert items[-1] == ("VOTE", f"Adopt the new schedule ({verdict})")
        assert model.votes[-1].result == f"Adopt the new schedule ({verdict})"
        bot_passes = verdict == "Carried"
        disagrees = any("meetingology will answer" in w for w in lines.warnings)
        assert disagrees == (bot_passes != (outcome is Outcome.PASSES))
    elif proto is VoteProtocol.OPENSTACK:
        assert replies == list(lines.reply)
        assert items[-2][0] == "VOTE" and items[-2][1] in lines.records
        kind = "AGREED" if outcome is Outcome.PASSES else "REJECTED"
        assert items[-1] == (kind, f"Adopt the new schedule {tally}")
    else:
        tracked = model.tracked()
        last = tracked[-1]
        assert isinstance(last, Item)
        if lines.close == ("#close",):
            assert replies == list(lines.reply)
            assert last.text == lines.reply[0]
        else:  # the bot's count decides otherwise than the group: the result is explicit
            assert any("#close would answer" in w for w in lines.warnings)
        expected = {Outcome.PASSES: "ACCEPTED", Outcome.FAILS: "FAILED"}.get(
            outcome, "INCONCLUSIVE"
        )
        assert last.kind.value == expected
        assert model.vote_state.question is None  # the motion is closed


@pytest.mark.parametrize("profile_name", sorted(PROFILES))
def test_lines_pass_lint_and_fit(profile_name: str) -> None:
    profile = PROFILES[profile_name]
    long_motion = "Adopt " + "the very long motion text " * 30 + "now?"
    for motion in ("Release now?", "0 tolerance for flaky tests", long_motion):
        for ballots in CASES:
            vote = Vote(motion, VOTERS, ballots[0], carried_totals=Tally(2, 0, 1), rule="coreos")
            for max_bytes in (120, 350):
                lines = vote_lines(profile, vote, max_bytes=max_bytes)
                for seq in (lines.open + lines.close, lines.open + lines.cancel):
                    assert all(utf8_len(line) <= max_bytes for line in seq)
                    findings = lint_lines(list(enumerate(seq, 1)), profile, max_bytes=max_bytes)
                    bad = [f for f in findings if f.severity in (ERROR, WARNING)]
                    assert not bad, (seq, bad)


def test_long_motion_keeps_the_tally_whole() -> None:
    vote = Vote("word " * 200, VOTERS, (Ballot.YES,) * 4)
    line = vote_lines(PROFILES["zodbot"], vote, max_bytes=100).close[0]
    assert line.startswith("#agreed word") and line.endswith("… (+4, 0, -0)")


def test_ticket_votes_go_before_the_proposal() -> None:
    vote = Vote("Approve F41 change", VOTERS, carried_totals=Tally(3, 0, 0))
    zod = vote_lines(PROFILES["zodbot"], vote)
    assert zod.open == (
        "#info Votes in the ticket: (+3, 0, -0)",
        "#info Proposal: Approve F41 change",
    )
    mx = vote_lines(PROFILES["fedora-matrix"], vote.carry("neal", Ballot.NO))
    assert mx.open[0] == "!info Votes in the ticket: (+3, 0, -1)"


def test_meetingology_sequence() -> None:
    vote = Vote("Release now?", VOTERS, rule="default")
    lines = vote_lines(PROFILES["meetingology"], vote)
    assert lines.open == (
        "#voters neal Chris tomas bittin",
        "#votesrequired 1",
        "#vote Release now?",
    )
    assert lines.close == ("#endvote",)
    assert lines.cancel == ("#endvote", "#undo")
    # a margin the bot already holds is not sent again; a non-margin rule resets it to 0
    again = vote_lines(PROFILES["meetingology"], vote, votesrequired=1)
    assert "#votesrequired 1" not in again.open
    fesco = vote_lines(
        PROFILES["meetingology"], Vote("x", VOTERS, rule="fesco-2023"), votesrequired=1
    )
    assert "#votesrequired 0" in fesco.open
    assert any("not a margin" in w for w in fesco.warnings)


def test_meetingology_motion_that_would_count_as_a_vote_is_reworded() -> None:
    lines = vote_lines(PROFILES["meetingology"], Vote("0 tolerance policy", VOTERS))
    assert lines.open[-1] == "#vote Motion: 0 tolerance policy"
    model = _start(PROFILES["meetingology"])
    for line in lines.open:
        model.feed("12:01:00", CHAIR, line)
    assert model.vote_state.ballots == {}  # the chair's own line did not vote


def test_meetingology_tie_warning_names_the_revision() -> None:
    # rule 'fesco-2023' is not a margin: #votesrequired stays 0 and a tie carries on the bot
    vote = Vote("x", VOTERS, (Ballot.YES, Ballot.NO), rule="fesco-2023")
    lines = vote_lines(PROFILES["meetingology"], vote)
    assert lines.reply[-1] == "Motion carried"
    warning = next(w for w in lines.warnings if "meetingology will answer" in w)
    assert "tie carries" in warning and "7b3ea66" in warning and "Deadlock" in warning


def test_openstack_question_is_parsed_as_meant() -> None:
    for motion in ("Release now?", "Release now", "Release now ??", "Is it ok? Really"):
        lines = vote_lines(PROFILES["openstack"], Vote(motion, VOTERS))
        start = lines.open[-1]
        assert start.endswith("? yes, no, abstain")
        model = _start(PROFILES["openstack"])
        model.feed("12:01:00", CHAIR, start)
        assert model.vote_state.options == ["yes", "no", "abstain"]
    with pytest.raises(RenderError):
        vote_lines(PROFILES["openstack"], Vote("???", VOTERS))


def test_hcoop_abstention_is_not_a_vote_line() -> None:
    hcoop = PROFILES["hcoop"]
    assert ballot_line(hcoop, Ballot.ABSTAIN) == ""
    assert ballot_line(hcoop, Ballot.YES) == "#vote +1"
    assert ballot_line(PROFILES["meetingology"], Ballot.ABSTAIN) == "+0"
    assert ballot_line(PROFILES["openstack"], Ballot.NO) == "#vote no"
    assert ballot_line(PROFILES["zodbot"], Ballot.NO) == "-1"


def test_hcoop_with_no_votes_gives_the_result_explicitly() -> None:
    vote = Vote("Release now", VOTERS, (Ballot.ABSTAIN,) * 4)
    lines = vote_lines(PROFILES["hcoop"], vote)
    assert lines.close == ("#failed Motion failed: Release now (+0, 4, -0)",)
    assert lines.cancel == ("#inconclusive Motion withdrawn: Release now",)


def test_undo_and_outsiders_are_said_per_bot() -> None:
    for name, profile in PROFILES.items():
        assert undo_effect(profile) and outsider_note(profile), name
    assert "last event" in undo_effect(PROFILES["hcoop"])
    assert "vote item" in undo_effect(PROFILES["meetingology"])
    assert "no undo" in undo_effect(PROFILES["fedora-matrix"])
    assert "#agreed" in undo_effect(PROFILES["zodbot"])


def test_a_vote_needs_a_motion() -> None:
    with pytest.raises(RenderError):
        vote_lines(PROFILES["zodbot"], Vote(" \x07 ", VOTERS))


# ------------------------------------------------------------------ the bots' vectors


def _vector(vid: str, impl: str, profile: str) -> tuple[BotModel, list[str], dict[str, Any]]:
    setup = [tuple(x) for x in DATA["setup"]]
    model = BotModel(PROFILES[profile], channel="#fedora-meeting")
    for nick, text in setup:
        model.feed("03:17:00", nick, text)
    before = len(model.replies)
    for nick, text in DATA["vectors"][vid]["input"]:
        model.feed("03:18:00", nick, text)
    return model, [r.text for r in model.replies[before:]], DATA["vectors"][vid]["result"][impl]


@pytest.mark.parametrize("vid", ["V61", "V62", "V63"])
@pytest.mark.parametrize(
    ("impl", "profile"),
    [("rkd", "meetbot"), ("osk", "openstack"), ("fed", "zodbot"), ("mgy", "meetingology"),
     ("hcoop", "hcoop")],
)  # fmt: skip
def test_vote_vectors(vid: str, impl: str, profile: str) -> None:
    model, replies, expected = _vector(vid, impl, profile)
    kept = model.tracked() if impl == "hcoop" else model.items
    items = [(k.kind.value, k.nick, k.text) for k in kept if isinstance(k, Item)]
    assert items == [tuple(x) for x in expected["items"]]
    assert replies == expected["replies"]


def test_chair_tui_lines_read_like_the_vectors() -> None:
    """The lines chair-tui sends are those the vectors replayed (V61 with an abstain option)."""
    vote = Vote("Release now?", ("neal", "Chris", "tomas"), (Ballot.YES, Ballot.NO, Ballot.ABSTAIN))
    assert vote_lines(PROFILES["openstack"], vote).open == (
        "#startvote Release now? yes, no, abstain",
    )
    mgy = vote_lines(PROFILES["meetingology"], vote)
    assert mgy.open[-1] == "#vote Release now?"
    assert mgy.reply[-2] == "Votes for: 1, Votes against: 1, Abstentions: 1"
    hcoop = vote_lines(PROFILES["hcoop"], Vote("Release now", ("neal", "Chris", "tomas"),
                                               (Ballot.YES, Ballot.NO, Ballot.YES)))  # fmt: skip
    assert hcoop.open == ("#motion Release now",) and hcoop.close == ("#close",)
    assert hcoop.reply == ("Motion accepted: 2 in favor to 1 opposed", "In favor: neal, tomas",
                           "Opposed: Chris")  # fmt: skip
