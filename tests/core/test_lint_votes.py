"""Lint's vote rules (L25-L28), on lines as they appear in real logs.

Each bot's vote is read as its code reads it (docs/lint.md; the MeetBot specification §4.5-4.7,
vectors V61-V63): OpenStack's #startvote parse and option split, meetingology's
``([+-]1|[+-]?0)\\b`` on every stripped line while a vote is open, hcoop's
``IN_FAVOR if operand.startswith("+") else OPPOSED`` and its counting of every #vote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chair_tui.meeting.checklog import check_file
from chair_tui.meeting.lint import ERROR, INFO, RULES, WARNING, Finding
from chair_tui.meeting.lint.recorded import Said
from chair_tui.meeting.lint.votes import (
    meant_options,
    openstack_options,
    safe_option,
    vote_findings,
)
from chair_tui.meeting.profiles import get_profile
from tests.helpers import timing


def _lint(profile: str, lines: list[tuple[str, str]], *, running: bool = True) -> list[Finding]:
    said = [Said(i, "14:55:00", nick, text) for i, (nick, text) in enumerate(lines, 1)]
    return vote_findings(get_profile(profile), said, running=running)


def _at(findings: list[Finding]) -> list[tuple[int, str]]:
    return [(f.lineno, f.code) for f in findings]


def test_the_rules_are_registered_after_the_others() -> None:
    codes = list(RULES)
    assert codes[-4:] == ["L25", "L26", "L27", "L28"]


# --- OpenStack: #startvote ---------------------------------------------------------------


def test_openstack_options_are_split_as_the_bot_splits_them() -> None:
    assert openstack_options(" yes, no") == ["", "yes", "no"]
    assert openstack_options("yes, no") == ["yes", "no"]
    assert openstack_options("(+1, 0, -1)") == ["", "+1", "0", "-1", ""]
    assert openstack_options("option one, option two") == ["option", "one", "option", "two"]
    assert openstack_options("") == ["Yes", "No"]
    assert meant_options("option one, option two") == ["option one", "option two"]
    assert meant_options("yes no abstain") == ["yes", "no", "abstain"]
    assert safe_option("option one") == "option-one"
    assert safe_option("(+1") == "+1"


def test_startvote_without_a_question_mark_starts_no_vote() -> None:
    found = _lint("openstack", [("ttx", "#startvote Release the 2024.1 branch now yes, no")])
    assert _at(found) == [(1, "L25")]
    assert found[0].severity == ERROR
    assert "Unable to parse vote topic and options" in found[0].message


def test_startvote_with_a_tally_for_options_gets_empty_options() -> None:
    found = _lint("openstack", [("ttx", "#startvote Approve the new PTL? (+1, 0, -1)")])
    assert _at(found) == [(1, "L25")]
    assert found[0].severity == ERROR
    assert "Valid vote options are , +1, 0, -1, ." in found[0].message
    assert found[0].fix == "write `#startvote Approve the new PTL? +1, 0, -1`"


def test_startvote_with_multi_word_options_becomes_more_options() -> None:
    found = _lint(
        "openstack",
        [("ttx", "#startvote Which release name? Bobcat Pro, Caracal Max, none of these")],
    )
    assert _at(found) == [(1, "L25")]
    assert found[0].severity == WARNING
    assert "`Bobcat Pro` becomes 2 options" in found[0].message
    assert found[0].fix == (
        "write `#startvote Which release name? Bobcat-Pro, Caracal-Max, none-of-these`"
    )


def test_a_question_mark_after_the_options_leaves_the_default_options() -> None:
    found = _lint("openstack", [("ttx", "#startvote Release now? yes, no, maybe?")])
    assert _at(found) == [(1, "L25")]
    assert "Yes, No instead of yes, no, maybe" in found[0].message


def test_a_vote_for_an_option_the_vote_lacks_is_refused() -> None:
    found = _lint(
        "openstack",
        [
            ("cmurf", "#startvote Release now? yes, no"),
            ("neal", "#vote yes"),
            ("Chris", "#vote No"),
            ("tomas", "#vote maybe"),
            ("cmurf", "#endvote"),
            ("tomas", "#vote maybe"),  # no vote open: nothing to check
        ],
    )
    assert _at(found) == [(4, "L25")]  # V61: "tomas: maybe is not a valid option"


@pytest.mark.parametrize(
    "line",
    [
        "#startvote Release now? yes, no",
        "#startvote Release now?",  # Yes, No
        "#startvote Should we ship it? yes no abstain",
        "#startvote Ship the X? or the Y? x-first, y-first",  # the last '?' ends the question
        "#startvote What color should we use? blue, red, green",
        "#startvote Approve? +1, 0, -1",
    ],
)
def test_startvotes_the_bot_reads_as_meant_are_not_flagged(line: str) -> None:
    assert _lint("openstack", [("ttx", line), ("ttx", "#endvote")]) == []


# --- meetingology: lines during a vote ---------------------------------------------------


def _mgy_vote(*lines: tuple[str, str]) -> list[Finding]:
    return _lint(
        "meetingology",
        [
            ("bdrung", "[VOTE] Should Marcin Juszkiewicz become MOTU?"),
            *lines,
            ("bdrung", "#endvote"),
        ],
    )


@pytest.mark.parametrize(
    "line",
    [
        "+1a",  # no word boundary after +1
        "+10",
        "+100 from me",
        "−1",  # a Unicode minus sign
        "+ 1",
        "bcotton: +1",  # said to someone: the line does not start with the vote
        "Laney, +1",
    ],
)
def test_a_vote_meetingology_will_not_count(line: str) -> None:
    found = _mgy_vote(("tumbleweed", line))
    assert _at(found) == [(2, "L26")]
    assert "does not count" in found[0].message


@pytest.mark.parametrize(
    ("line", "counted"),
    [
        ("0 problems here", "an abstention"),
        ("-1 day left before the freeze", "a vote against"),
        ("0 objections from the DMB", "an abstention"),
        ("0.5 seconds on my machine", "an abstention"),
        ("+1.5 kernels", "a vote for"),
        ("  0 issues in the queue", "an abstention"),  # the bot strips the line first
    ],
)
def test_chat_meetingology_counts_as_a_vote(line: str, counted: str) -> None:
    found = _mgy_vote(("hrw", line))
    assert _at(found) == [(2, "L26")]
    assert found[0].message.startswith(f"counts as {counted}")


@pytest.mark.parametrize(
    "line",
    [
        "+1",
        "-1 not yet",  # V62: counted, and meant
        "+0",
        "0",
        "-0",
        "+1!",
        "+1, looks good",
        "+1 from me, thanks for the work",
        "0 (abstain, I sponsored some of the uploads)",
        "I think -1",  # not at the start: neither counted nor meant
        "tumbleweed: there are such ones already.",
        "1 more thing",  # no sign: no vote
    ],
)
def test_votes_and_chat_meetingology_reads_as_meant_are_not_flagged(line: str) -> None:
    assert _mgy_vote(("stgraber", line)) == []


def test_meetingology_lines_outside_a_vote_are_not_checked() -> None:
    found = _lint(
        "meetingology",
        [
            ("hrw", "0 problems here"),
            ("bdrung", "#vote Should X become MOTU?"),
            ("hrw", "+1a"),
            ("bdrung", "#endvote"),
            ("hrw", "-1 day left"),
            ("bdrung", "#vote"),  # no motion: meetingology opens no vote
            ("hrw", "+1a"),
        ],
    )
    assert _at(found) == [(3, "L26")]


def test_meetingology_counts_only_the_voters_once_they_are_set() -> None:
    found = _lint(
        "meetingology",
        [
            ("bdrung", "#voters tumbleweed Laney"),
            ("bdrung", "#vote Should X become MOTU?"),
            ("hrw", "0 problems here"),  # not a voter: not counted at all
            ("Laney", "0 problems here"),
            ("bdrung", "#endvote"),
        ],
    )
    assert _at(found) == [(4, "L26")]


def test_a_me_line_is_no_vote() -> None:
    said = [
        Said(1, "14:55", "bdrung", "#vote Should X become MOTU?"),
        Said(2, "14:55", "Laney", "+1", action=True),
        Said(3, "14:56", "bdrung", "#endvote"),
    ]
    found = vote_findings(get_profile("meetingology"), said, running=True)
    assert _at(found) == [(2, "L26")]


# --- hcoop: #vote ------------------------------------------------------------------------


def test_hcoop_votes_that_count_otherwise_than_meant() -> None:
    found = _lint(
        "hcoop",
        [
            ("cmurf", "#motion Release Fedora Workstation 40 now"),  # V63
            ("neal", "#vote +1"),
            ("Chris", "#vote -1"),
            ("tomas", "#vote yes"),  # opposed
            ("michel", "#vote +0"),  # in favour
            ("kalev", "#vote 0"),  # opposed
            ("aday", "#vote no"),  # opposed, as meant
            ("mcatanzaro", "#vote Release"),  # opposed, meaning unknown
            ("cmurf", "#close"),
        ],
    )
    assert [(f.lineno, f.code, f.severity) for f in found] == [
        (4, "L27", ERROR),
        (5, "L27", ERROR),
        (6, "L27", ERROR),
        (7, "L27", INFO),
        (8, "L27", WARNING),
    ]
    assert "counts `#vote yes` as opposed" in found[0].message
    assert "counts `#vote +0` as in favour" in found[1].message


def test_hcoop_counts_a_second_vote_by_the_same_nick() -> None:
    found = _lint(
        "hcoop",
        [
            ("cmurf", "#motion Release now"),
            ("neal", "#vote +1"),
            ("neal", "#vote +1"),
            ("cmurf", "#close"),
            ("cmurf", "#motion Ship the docs"),
            ("neal", "#vote +1"),  # a new motion: a first vote again
            ("cmurf", "#close"),
        ],
    )
    assert _at(found) == [(3, "L27")]
    assert "neal has already voted on this motion" in found[0].message


def test_hcoop_vote_with_no_motion_open() -> None:
    found = _lint(
        "hcoop",
        [
            ("neal", "#vote +1"),
            ("cmurf", "#motion Release now"),
            ("cmurf", "#close"),  # no votes: the motion stays open
            ("neal", "#vote +1"),
            ("cmurf", "#close"),
            ("Chris", "#vote -1"),
        ],
    )
    assert _at(found) == [(1, "L27"), (6, "L27")]
    assert "No vote is in progress" in found[0].message


# --- #agreed to hcoop ----------------------------------------------------------------------


def test_agreed_to_hcoop_during_a_motion_leaves_it_open() -> None:
    found = _lint(
        "hcoop",
        [
            ("cmurf", "#motion Release now"),
            ("neal", "#vote +1"),
            ("cmurf", "#agreed release now (+1, 0, -0)"),
            ("cmurf", "#close"),
        ],
    )
    assert [(f.lineno, f.code, f.severity, f.fix) for f in found] == [(3, "L28", WARNING, "#close")]


def test_agreed_with_a_tally_to_hcoop_is_the_ritual_of_another_bot() -> None:
    found = _lint(
        "hcoop",
        [("cmurf", "#agreed PUBLISHING SCHEDULE: Fri Jun 12 (+5, 0, -0)"), ("cmurf", "#agreed ok")],
    )
    assert [(f.lineno, f.code, f.severity) for f in found] == [(1, "L28", INFO)]
    assert found[0].fix == "`#motion PUBLISHING SCHEDULE: Fri Jun 12` before the votes, then #close"


def test_the_ritual_is_not_flagged_for_bots_without_votes() -> None:
    lines = [
        ("bcotton", "#proposed #agreed We will delay the Discourse trial by a week"),
        ("gregbartholomew", "+1"),
        ("asamalik", "+1a"),
        ("bcotton", "#agreed We will delay the Discourse trial by a week (+2, 0, -0)"),
    ]
    for profile in ("zodbot", "meetbot", "fedora-matrix"):
        assert _lint(profile, lines) == []


def test_votes_before_the_start_or_after_the_end_are_not_checked() -> None:
    found = _lint(
        "hcoop",
        [
            ("neal", "#vote yes"),
            ("cmurf", "#startmeeting"),
            ("cmurf", "#motion Release now"),
            ("cmurf", "#endmeeting"),
            ("neal", "#vote yes"),
        ],
        running=False,
    )
    assert found == []


# --- through check: a raw log ------------------------------------------------------------


def test_check_reports_the_vote_rules_of_a_raw_hcoop_log(tmp_path: Path) -> None:
    log = tmp_path / "vote.log.txt"
    log.write_text(
        "06:43:17 <cmurf> #startmeeting\n"
        "06:43:17 <meetbot> Meeting started at 2024-05-01 06:43 UTC.\n"
        "06:43:20 <cmurf> #motion Release now\n"
        "06:43:20 <meetbot> Voting is open\n"
        "06:43:22 <neal> #vote yes\n"
        "06:43:23 <Chris> #vote -1\n"
        "06:43:24 <Chris> #vote -1\n"
        "06:43:30 <cmurf> #close\n"
        "06:43:30 <meetbot> Motion failed: 0 in favor to 3 opposed\n"
        "06:43:35 <cmurf> #endmeeting\n",
        encoding="utf-8",
    )
    result = check_file(str(log), get_profile("hcoop"))
    assert [
        (n, code)
        for _k, code, n, _m, _f, _s in result.findings
        if code in ("L25", "L26", "L27", "L28")
    ] == [
        (5, "L27"),
        (7, "L27"),
    ]


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_linear_time() -> None:
    def make(n: int) -> timing.Run:
        lines = [("bdrung", "#vote Should X become MOTU?")]
        lines += [("hrw", "0 problems here"), ("Laney", "+1a"), ("tumbleweed", "+1")] * n
        said = [Said(i, "14:55", nick, text) for i, (nick, text) in enumerate(lines, 1)]
        profile = get_profile("meetingology")
        return lambda: vote_findings(profile, said, running=True)

    timing.assert_linear(make, 200)
