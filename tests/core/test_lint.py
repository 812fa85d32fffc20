"""Lint rules, one by one, on the seed log and on small hand-made cases; and fix_lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botsim import (
    URL_RE,
    Reading,
    command_pattern,
    may_start_meeting,
    read_line,
    starts_meeting,
)
from chair_tui.meeting.lint import (
    ERROR,
    INFO,
    RULES,
    SEVERITIES,
    WARNING,
    Finding,
    fix_lines,
    lint_lines,
    plan_fixes,
)
from chair_tui.meeting.lint.fixes import planned
from chair_tui.meeting.lint.hardwrap import TEXT_KINDS, ends_mid_sentence
from chair_tui.meeting.lint.lines import LineAnalyser
from chair_tui.meeting.lint.meeting import good_file_name, roster
from chair_tui.meeting.lint.plain import is_plain, plain_ascii_re
from chair_tui.meeting.lint.report import analyse_meeting
from chair_tui.meeting.lint.target import Info, Line
from chair_tui.meeting.profiles import PROFILES, Kind, Profile
from chair_tui.meeting.rawlog import chair_of, parse_log
from chair_tui.meeting.render import NOTE_ESCAPE
from chair_tui.meeting.text import utf8_len

SEED = Path(__file__).parent.parent / "data" / "workstation-2021-06-30.log.txt"
ROSTER = ["cmurf", "neal", "Chris", "tomas", "bittin[m]", "al"]
WRAPPED_RUNS = [(10, 11), (19, 21), (22, 24), (25, 26), (27, 29), (30, 31), (36, 37)]


def seed_lines() -> list[tuple[int, str]]:
    log = parse_log(SEED.read_text(encoding="utf-8"), SEED)
    chair = chair_of(log)
    return [(x.lineno, x.text) for x in log if x.nick == chair and not x.action]


def lint_seed(profile: str) -> list[Finding]:
    return lint_lines(seed_lines(), PROFILES[profile], whole_meeting=True, attendees=["cmurf"])


def codes(findings: list[Finding], code: str) -> list[int]:
    return [f.lineno for f in findings if f.code == code]


def lint(profile: str, *lines: str, **kw: Any) -> list[Finding]:
    return lint_lines(list(enumerate(lines, start=1)), PROFILES[profile], **kw)


def only(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, findings
    return found[0]


# ---------------------------------------------------------------------------------------------
# the seed log


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_seed_empty_link_and_blank_line(profile: str) -> None:
    findings = lint_seed(profile)
    assert 15 in codes(findings, "L5")  # 16:59:59 <cmurf> #link
    assert codes(findings, "L18") == [6]  # 16:59:41 <cmurf>
    assert only([f for f in findings if f.lineno == 6], "L18").severity == WARNING


def test_seed_empty_link_message() -> None:
    link = only(lint_seed("zodbot"), "L5")
    assert link.lineno == 15 and link.severity == ERROR
    assert "#link" in link.message and "empty link" in link.message


def test_seed_narrative_lines_are_flagged_with_an_info_fix() -> None:
    findings = lint_seed("meetbot")
    narrative = codes(findings, "L15")
    continuation = {n for a, b in WRAPPED_RUNS for n in range(a + 1, b + 1)}
    expected = [n for n in range(10, 38) if n not in {13, 14, 15, 35} and n not in continuation]
    assert narrative == expected
    first = next(f for f in findings if f.code == "L15" and f.lineno == 12)
    assert first.severity == INFO
    assert first.fix == "#info Owen will wait a few hours for feedback on the proposals."
    run = next(f for f in findings if f.code == "L15" and f.lineno == 19)
    assert "lines 19-21" in run.message
    assert run.fix is not None and run.fix.endswith("so that will need a bit of extra attention.")


def test_seed_hard_wrapped_runs() -> None:
    findings = lint_seed("meetbot")
    runs = [f for f in findings if f.code == "L20"]
    assert [f.lineno for f in runs] == [a for a, _ in WRAPPED_RUNS]
    for f, (a, b) in zip(runs, WRAPPED_RUNS, strict=True):
        assert f"lines {a}-{b}" in f.message
        assert f.severity == WARNING


@pytest.mark.parametrize("profile", ["meetbot", "zodbot", "meetingology", "openstack"])
def test_seed_agreed_is_fine_for_darst_bots(profile: str) -> None:
    findings = lint_seed(profile)
    assert codes(findings, "L1") == []
    assert codes(findings, "L4") == []  # the seed ends with #endmeeting


def test_seed_agreed_is_wrong_for_hcoop() -> None:
    findings = lint_seed("hcoop")
    wrong = [f for f in findings if f.code == "L1"]
    assert [f.lineno for f in wrong] == [7, 13]
    assert all(f.severity == ERROR for f in wrong)
    assert "Unknown command" in wrong[0].message
    assert wrong[0].fix == "write `#accepted no objections`"


def test_seed_is_all_wrong_for_fedora_matrix() -> None:
    findings = lint_seed("fedora-matrix")
    l1 = codes(findings, "L1")
    assert l1 == [1, 2, 3, 4, 5, 7, 8, 9, 13, 14, 15, 35, 38, 39]
    topic = next(f for f in findings if f.code == "L1" and f.lineno == 1)
    assert topic.fix == "write `!topic Rollcall`"


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_fixed_seed_lints_with_narrative_notes_only(profile: str) -> None:
    fixed = fix_lines(seed_lines(), PROFILES[profile])
    again = lint_lines(list(enumerate(fixed, start=1)), PROFILES[profile])
    assert again, "the narrative lines are still there"
    assert {f.code for f in again} == {"L15"}
    assert {f.severity for f in again} == {INFO}
    assert "" not in fixed
    assert all(utf8_len(line) <= 350 for line in fixed)


def test_fixed_seed_content_for_hcoop() -> None:
    original = [t for _n, t in seed_lines()]
    fixed = fix_lines(seed_lines(), PROFILES["hcoop"])
    assert "#accepted no objections" in fixed
    assert not any(line.startswith("#agreed") for line in fixed)
    assert "#link" not in fixed
    # untouched lines stay byte for byte, the double space of 16:59:33 included
    assert original[1] == "#info present:  Matthias (secr.), Neal, Chris, Tomas, Jens, Michael"
    assert original[1] in fixed
    assert (
        "Matthias mentions negotiations with Lennart about having him come back for homed"
        " discussion."
    ) in fixed
    assert len(fixed) == len(original) - 2 - sum(b - a for a, b in WRAPPED_RUNS)


def test_plan_fixes_maps_source_lines() -> None:
    plan = plan_fixes(seed_lines(), PROFILES["hcoop"])
    by_first = {fix.linenos[0]: fix for fix in plan}
    assert by_first[6].lines == () and by_first[6].changed
    assert by_first[15].lines == ()
    assert by_first[19].linenos == (19, 20, 21)
    assert not by_first[1].changed and by_first[1].lines == ("#topic Rollcall",)
    covered = sorted(n for fix in plan for n in fix.linenos)
    assert covered == list(range(1, 40))


# ---------------------------------------------------------------------------------------------
# rule by rule


def test_rules_table_and_severities() -> None:
    assert {"L1", "L2", "L5", "L6", "L7", "L11", "L15", "L18", "L19", "L20"} <= set(RULES)
    assert SEVERITIES == (ERROR, WARNING, INFO)


def test_clean_lines_have_no_findings() -> None:
    lines = [
        "#topic Rollcall",
        "#info present: neal, Chris",
        "#link https://example.org/agenda the agenda",
        "#agreed ship it",
        "#action neal to review",
        "https://example.org/bug/1",
    ]
    assert lint("meetbot", *lines, attendees=["neal", "Chris"]) == []


@pytest.mark.parametrize(
    ("profile", "line", "fix"),
    [
        ("hcoop", "#agreed ship it", "write `#accepted ship it`"),
        ("hcoop", "#halp need a volunteer", "write `#help need a volunteer`"),
        ("hcoop", "#rejected no", "write `#failed no`"),
        ("zodbot", "#reject no", "write `#rejected no`"),
        ("fedora-matrix", "#topic Rollcall", "write `!topic Rollcall`"),
        ("fedora-matrix", "#help need a volunteer", "write `!halp need a volunteer`"),
        ("fedora-matrix", "!Topic Rollcall", "write `!topic Rollcall`"),
        ("meetbot", "!topic Rollcall", "write `#topic Rollcall`"),
        ("meetbot", "[topic] Rollcall", "write `#topic Rollcall`"),
    ],
)
def test_l1_wrong_verb_for_the_profile(profile: str, line: str, fix: str) -> None:
    finding = only(lint(profile, line), "L1")
    assert finding.severity == ERROR
    assert finding.fix == fix
    (fixed,) = fix_lines([line], PROFILES[profile])
    assert "`" + fixed + "`" in fix
    reading = read_line(PROFILES[profile], fixed)
    assert reading.is_command and not reading.unknown


@pytest.mark.parametrize(
    ("profile", "line"),
    [
        ("zodbot", "#help need a volunteer"),
        ("zodbot", "#halp need a volunteer"),
        ("meetbot", "#accepted ship it"),
        ("hcoop", "#accepted ship it"),
        ("fedora-matrix", "!halp need a volunteer"),
    ],
)
def test_l1_right_verbs_pass(profile: str, line: str) -> None:
    assert lint(profile, line) == []


def test_l1_unsupported_command_has_no_fix() -> None:
    chair = only(lint("fedora-matrix", "#chair neal"), "L1")
    assert chair.fix is None
    assert "power level" in chair.message
    assert fix_lines(["#chair neal"], PROFILES["fedora-matrix"]) == ["#chair neal"]


def test_l1_typo_and_unknown_words() -> None:
    typo = only(lint("meetbot", "#inf present: neal"), "L1")
    assert typo.severity == WARNING and typo.fix == "did you mean #info?"
    # hcoop answers every unknown #word
    assert only(lint("hcoop", "#foo bar"), "L1").severity == ERROR
    # for the others a #word nobody knows is just text
    assert [f.code for f in lint("meetbot", "#Workstation rocks")] == ["L15"]


def test_l17_agenda() -> None:
    assert only(lint("hcoop", "#agenda today"), "L17").severity == ERROR
    agenda = only(lint("meetbot", "#agenda today"), "L17")
    assert agenda.severity == WARNING
    assert agenda.fix is not None and "#link" in agenda.fix


def test_l2_start_needs_a_name_where_the_bot_requires_one() -> None:
    bare = only(lint("zodbot", "#startmeeting"), "L2")
    assert bare.severity == ERROR and "name" in bare.message
    assert only(lint("openstack", "#startmeeting"), "L2")
    assert lint("meetbot", "#startmeeting") == []
    assert lint("hcoop", "#startmeeting") == []


def test_l2_start_glued_or_upper_case() -> None:
    glued = only(lint("meetbot", "#startmeetingWG"), "L2")
    assert glued.fix == "put a space after it: `#startmeeting WG`"
    assert fix_lines(["#startmeetingWG"], PROFILES["meetbot"]) == ["#startmeeting WG"]
    upper = only(lint("zodbot", "#STARTMEETING Workstation WG"), "L2")
    assert upper.severity == ERROR
    assert fix_lines(["#STARTMEETING Workstation WG"], PROFILES["zodbot"]) == [
        "#startmeeting Workstation WG"
    ]
    # hcoop reads the start case-insensitively
    assert codes(lint("hcoop", "#STARTMEETING WG"), "L2") == []


def test_l3_meetingname_for_zodbot_only_when_whole_meeting() -> None:
    meeting = ["#startmeeting Workstation WG (2021-06-30)", "#topic A", "#endmeeting"]
    l3 = only(lint("zodbot", *meeting, whole_meeting=True), "L3")
    assert l3.lineno == 1 and "#meetingname" in (l3.fix or "")
    named = [meeting[0], "#meetingname workstation", *meeting[1:]]
    assert codes(lint("zodbot", *named, whole_meeting=True), "L3") == []
    assert codes(lint("zodbot", *meeting), "L3") == []
    assert codes(lint("meetbot", *meeting, whole_meeting=True), "L3") == []
    # a start text that names the files well enough needs no #meetingname
    plain = ["#startmeeting Fedora IoT Working Group Meeting", "#topic A", "#endmeeting"]
    assert codes(lint("zodbot", *plain, whole_meeting=True), "L3") == []


def test_l4_endmeeting_missing() -> None:
    lines = ["#startmeeting WG", "#topic A", "#info x"]
    l4 = only(lint("meetbot", *lines, whole_meeting=True), "L4")
    assert l4.severity == ERROR and l4.fix == "end with #endmeeting"
    assert codes(lint("meetbot", *lines), "L4") == []
    assert only(lint("fedora-matrix", "!topic A", whole_meeting=True), "L4").fix == (
        "end with !endmeeting"
    )


@pytest.mark.parametrize(
    "line", ["#link", "#info", "#topic", "#info regrets:", "#info   ", "#action", "#agreed"]
)
def test_l5_empty_argument_is_dropped(line: str) -> None:
    finding = only(lint("meetbot", line), "L5")
    assert finding.severity == ERROR
    assert fix_lines([line, "#info kept"], PROFILES["meetbot"]) == ["#info kept"]


def test_l5_label_with_text_is_fine() -> None:
    assert lint("meetbot", "#info regrets: Allan") == []


@pytest.mark.parametrize(
    ("profile", "line", "severity", "fixed"),
    [
        (
            "zodbot",
            "#link the agenda is at https://example.org/agenda.",
            ERROR,
            "#link https://example.org/agenda the agenda is at",
        ),
        (
            "meetbot",
            "#link the agenda is at https://example.org/agenda",
            INFO,  # MeetBot finds the URL where it is: a note about other bots only
            "#link https://example.org/agenda the agenda is at",
        ),
        ("zodbot", "#link https://example.org/agenda.", ERROR, "#link https://example.org/agenda"),
        ("meetbot", "#link example.org/agenda", ERROR, "#link https://example.org/agenda"),
    ],
)
def test_l6_link_url_first(profile: str, line: str, severity: str, fixed: str) -> None:
    finding = only(lint(profile, line), "L6")
    assert finding.severity == severity
    assert fix_lines([line], PROFILES[profile]) == [fixed]
    assert lint(profile, fixed) == []


def test_l6_link_without_url_is_kept() -> None:
    finding = only(lint("meetbot", "#link the agenda"), "L6")
    assert finding.severity == ERROR and "no URL" in finding.message
    assert fix_lines(["#link the agenda"], PROFILES["meetbot"]) == ["#link the agenda"]


@pytest.mark.parametrize(
    ("profile", "line", "who", "fixed"),
    [
        ("hcoop", "#action neal, Chris follow up", "neal", "#action neal Chris follow up"),
        ("hcoop", "#action neal/Chris follow up", "neal, Chris", "#action neal Chris follow up"),
        ("hcoop", "#action @neal to review", "neal", "#action neal to review"),
        ("zodbot", "#action chris to check", "Chris", "#action Chris to check"),
    ],
)
def test_l7_action_nicks_that_will_not_be_assigned(
    profile: str, line: str, who: str, fixed: str
) -> None:
    finding = only(lint(profile, line, attendees=ROSTER), "L7")
    assert finding.message.startswith(f"{who} will not be assigned")
    assert fix_lines([line], PROFILES[profile], attendees=ROSTER) == [fixed]
    assert lint(profile, fixed, attendees=ROSTER) == []


def test_l7_possessive_and_bridged_nicks() -> None:
    possessive = only(lint("hcoop", "#action neal's team to review", attendees=ROSTER), "L7")
    assert possessive.fix == "write each nick exactly, as a separate word"
    bridged = only(lint("meetbot", "#action bittin[m] to test the ISO", attendees=ROSTER), "L7")
    assert "']'" in bridged.message
    assert lint("zodbot", "#action bittin[m] to test the ISO", attendees=ROSTER) == []


def test_l7_zodbot_substring_over_assigns() -> None:
    extra = only(lint("zodbot", "#action neal will call Owen", attendees=ROSTER), "L7")
    assert "under al" in extra.message
    assert codes(lint("meetbot", "#action neal will call Owen", attendees=ROSTER), "L7") == []


def test_l7_and_l8_need_aroster() -> None:
    assert lint("hcoop", "#action neal, Chris follow up") == []
    assert lint("hcoop", "#action someone should file a ticket") == []
    unassigned = only(lint("hcoop", "#action someone should file it", attendees=ROSTER), "L8")
    assert unassigned.severity == INFO
    # the Matrix bot never assigns, so there is nothing to say
    assert lint("fedora-matrix", "!action neal, Chris follow up", attendees=ROSTER) == []


def test_l7_nick_made_known_by_nick_command() -> None:
    lines = ["#nick omar", "#action omar to send patches"]
    assert lint("hcoop", *lines, attendees=["cmurf"]) == []
    assert codes(lint("hcoop", lines[1], attendees=["cmurf"]), "L8") == [1]


def test_l9_chair_lists() -> None:
    unchair = only(lint("meetbot", "#unchair neal, Chris"), "L9")
    assert unchair.severity == ERROR
    assert fix_lines(["#unchair neal, Chris"], PROFILES["meetbot"]) == ["#unchair neal Chris"]
    assert only(lint("hcoop", "#unchair neal, Chris"), "L9").severity == INFO
    assert only(lint("meetbot", "#chair neal, Chris"), "L9").severity == INFO
    case = only(lint("meetbot", "#chair Neal chris", attendees=ROSTER), "L9")
    assert case.severity == WARNING
    assert "'Neal' is 'neal'" in case.message
    assert fix_lines(["#chair Neal chris"], PROFILES["meetbot"], attendees=ROSTER) == [
        "#chair neal Chris"
    ]
    assert lint("meetbot", "#chair neal Chris", attendees=ROSTER) == []


@pytest.mark.parametrize(
    ("profile", "line", "severity", "fixed"),
    [
        ("meetbot", " #topic Rollcall", ERROR, "#topic Rollcall"),
        ("hcoop", " #topic Rollcall", WARNING, "#topic Rollcall"),
        ("meetbot", "\t#info tabbed", ERROR, "#info tabbed"),
        ("meetbot", "#topic: Rollcall", ERROR, "#topic Rollcall"),
        ("hcoop", "#topic: Rollcall", ERROR, "#topic Rollcall"),
        ("meetbot", "  an indented note", WARNING, "an indented note"),
    ],
)
def test_l10_whitespace_and_colon(profile: str, line: str, severity: str, fixed: str) -> None:
    finding = only(lint(profile, line), "L10")
    assert finding.severity == severity
    assert fix_lines([line], PROFILES[profile]) == [fixed]


def test_l10_colon_message_says_what_the_bot_does() -> None:
    assert "`: Rollcall`" in only(lint("meetbot", "#topic: Rollcall"), "L10").message
    assert "ignores" in only(lint("hcoop", "#topic: Rollcall"), "L10").message
    assert codes(lint("meetbot", "Note: this is fine"), "L10") == []


def test_l11_counts_utf8_bytes_and_splits() -> None:
    line = "#info " + "é" * 200  # 206 characters, 406 bytes
    finding = only(lint("meetbot", line), "L11")
    assert finding.severity == ERROR and "406 bytes" in finding.message
    assert codes(lint("meetbot", "#info " + "e" * 200), "L11") == []
    fixed = fix_lines([line], PROFILES["meetbot"])
    assert len(fixed) == 2
    assert all(x.startswith("#info ") and utf8_len(x) <= 350 for x in fixed)
    assert "".join(x.removeprefix("#info ") for x in fixed) == "é" * 200
    narrative = only(lint("meetbot", "word " * 80), "L11")
    assert narrative.severity == WARNING
    assert codes(lint("meetbot", "#info " + "x" * 100, max_bytes=60), "L11") == [1]


def test_l18_blank_lines() -> None:
    findings = lint("meetbot", "#topic A", "", "   ", "#info b")
    assert codes(findings, "L18") == [2, 3]
    assert fix_lines(["#topic A", "", "   ", "#info b"], PROFILES["meetbot"]) == [
        "#topic A",
        "#info b",
    ]


def test_l19_client_commands() -> None:
    finding = only(lint("meetbot", "/me waves"), "L19")
    assert finding.severity == WARNING
    assert fix_lines(["/me waves"], PROFILES["meetbot"]) == ["/me waves"]


def test_l20_command_with_a_wrapped_tail() -> None:
    lines = ["#info Owen wants agreement from wg for proposals for installing repos by", "default."]
    finding = only(lint("meetbot", *lines), "L20")
    assert finding.severity == ERROR and "lost from the minutes" in finding.message
    assert codes(lint("meetbot", *lines), "L15") == []
    # joined, the #info item would change: --fix never alters what the bot records
    assert "by hand" in (finding.fix or "")
    assert fix_lines(lines, PROFILES["meetbot"]) == lines


LONG = "a line about as long as a hard-wrapped line of notes, and so the"


def test_l20_is_not_a_new_sentence() -> None:
    assert codes(lint("meetbot", LONG, "rest of it."), "L20") == [1]
    assert codes(lint("meetbot", LONG + ".", "then lower case"), "L20") == []
    assert codes(lint("meetbot", LONG, "But a capital"), "L20") == []
    assert codes(lint("meetbot", LONG, "https://example.org/x"), "L20") == []
    # short lines are not wrapped lines: a topic, then a lower-case note
    assert codes(lint("meetbot", "#topic Rollcall", "neal is late"), "L20") == []
    assert codes(lint("meetbot", "so the", "rest"), "L20") == []
    # in a raw log, a line said by someone else in between breaks the run
    assert codes(lint_lines([(1, LONG), (3, "rest")], PROFILES["meetbot"]), "L20") == []
    # a blank line that --fix drops does not
    assert codes(lint("meetbot", LONG, "", "rest"), "L20") == [1]


def test_l21_control_characters() -> None:
    finding = only(lint("meetbot", "#info \x02bold\x02 and \x0304red\x03"), "L21")
    assert finding.severity == WARNING
    assert fix_lines(["#info \x02bold\x02 and \x0304red\x03"], PROFILES["meetbot"]) == [
        "#info bold and red"
    ]
    assert fix_lines(["\x02\x02"], PROFILES["meetbot"]) == []
    assert lint("meetbot", "#info tab\tinside") == []


def test_hcoop_channel_prefix() -> None:
    finding = only(lint("hcoop", "#meetingname WG", channel="#meeting"), "L1")
    assert "channel name" in finding.message
    assert lint("hcoop", "#meetingname WG", channel="#fedora-meeting") == []


def test_fix_lines_accepts_plain_strings_and_keeps_clean_lines() -> None:
    lines = ["#topic  Two  spaces ", "#info ok"]
    assert fix_lines(lines, PROFILES["meetbot"]) == lines


def test_findings_are_sorted_and_serialisable() -> None:
    findings = lint("hcoop", "#link", "", " #agreed x")
    assert [f.lineno for f in findings] == sorted(f.lineno for f in findings)
    for f in findings:
        d = f.as_dict()
        assert set(d) == {"code", "line", "severity", "message", "fix"}
        assert f.code in RULES and f.severity in SEVERITIES


_WORDS = st.sampled_from(
    [
        "#topic",
        "#info",
        "#agreed",
        "#link",
        "!topic",
        "#action",
        "#unchair",
        " #info",
        "#topic:",
        "https://example.org/x",
        "example.org",
        "neal,",
        "Chris",
        "@neal",
        "the",
        "of",
        "So",
        "é",
        ".",
        ",",
        "\t",
        "",
        "\x02",
        "#halp",
        "regrets:",
    ]
)
_LINE = st.lists(_WORDS, max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=6), profile=st.sampled_from(sorted(PROFILES)))
@example(  # the prefix fixed first, then the line seen to be hard-wrapped onto the next
    lines=[
        "#topic #topic #topic #topic #topic #topic \t #topic",
        "the #topic #topic #topic #topic #topic #topic #topic",
        "the",
    ],
    profile="fedora-matrix",
)
def test_fix_is_stable(lines: list[str], profile: str) -> None:
    p = PROFILES[profile]
    fixed = fix_lines(lines, p, attendees=ROSTER)
    assert fix_lines(fixed, p, attendees=ROSTER) == fixed
    assert "" not in fixed


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.text(st.characters(exclude_characters="\n")), max_size=5),
    profile=st.sampled_from(sorted(PROFILES)),
    max_bytes=st.sampled_from([10, 60, 350]),
)
def test_lint_takes_any_text(lines: list[str], profile: str, max_bytes: int) -> None:
    numbered = list(enumerate(lines, start=1))
    p = PROFILES[profile]
    findings = lint_lines(numbered, p, max_bytes=max_bytes, whole_meeting=True, attendees=ROSTER)
    assert all(f.code in RULES and f.severity in SEVERITIES for f in findings)
    fix_lines(numbered, p, max_bytes, attendees=ROSTER)


# ---------------------------------------------------------------------------------------------
# the shortcuts a long log takes (docs/performance.md): each must agree with the long way

_PIECES = st.sampled_from(
    [
        "#topic",
        "#TOPIC",
        "#info",
        "#info ",
        "#agreed ",
        "#endmeeting",
        "#meetingname ",
        "#undo",
        "#idea",
        "#link ",
        "#action ",
        "#startmeeting",
        "#STARTMEETING",
        "#ſtartmeeting",
        "!startmeeting",
        "!sm",
        "!topic",
        "[topic]",
        "#nick",
        "#NIC\u212a",
        "#chair",
        "[chair]",
        "#lurk",
        "\x01ACTION ",
        "\x01",
        "\x02",
        "\x7f",
        "\x85",
        "\u2028",
        "\ud800",
        "\xa0",
        "\u3000",
        "\t",
        " ",
        "/",
        ":",
        "neal:",
        "Note:",
        "regrets:",
        "a:",
        "://",
        "http://x.org",
        "https://example.org/a).",
        "ftp:",
        "x" * 200,
        "é" * 120,
        "word",
        "So",
        "and,",
        "the rest of a sentence that goes on",
    ]
)
_ANY_LINE = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=8).map("".join)


def _outcome(line: Line) -> tuple[object, ...]:
    return (
        line.lineno,
        line.text,
        line.role,
        line.kind,
        line.word,
        line.arg,
        line.body,
        line.replacement,
        [(f.code, f.lineno, f.message, f.fix, f.severity) for f in line.findings],
    )


def _check_info(linter: LineAnalyser, lineno: int, text: str, info: Info) -> None:
    """``info`` (what analyse_lines made of ``text``) says what the full analysis says."""
    full = linter.analyse_in_full(lineno, text)
    if isinstance(info, Kind):  # a quiet command: no finding, nothing to fix
        assert (full.role, full.kind, full.findings, full.replacement) == (
            "command",
            info,
            [],
            None,
        )
        assert full.body == text
    else:  # a plain line (None) or the full analysis itself
        assert _outcome(linter.line_of(lineno, text, info)) == _outcome(full)
    assert _outcome(linter.analyse(lineno, text)) == _outcome(full)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_ANY_LINE,
    profile=st.sampled_from(sorted(PROFILES)),
    channel=st.sampled_from([None, "#fedora-meeting", "so"]),
    max_bytes=st.sampled_from([60, 350]),
)
# bare labels, spelt as the quiet-command test must still see them
@example(text="#info regrets: ", profile="meetbot", channel=None, max_bytes=350)
@example(text="#agreed a:\t", profile="zodbot", channel=None, max_bytes=350)
@example(text="#idea x:\u2028", profile="openstack", channel=None, max_bytes=350)
@example(text="#info present:  Matthias (secr.)", profile="meetbot", channel=None, max_bytes=60)
def test_the_quick_analysis_agrees_with_the_full_one(
    text: str, profile: str, channel: str | None, max_bytes: int
) -> None:
    linter = LineAnalyser(PROFILES[profile], max_bytes, channel, ROSTER, ROSTER)
    (info,) = linter.analyse_lines([7], [text])
    _check_info(linter, 7, text, info)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(_ANY_LINE, max_size=12),
    profile=st.sampled_from(sorted(PROFILES)),
    max_bytes=st.sampled_from([60, 350]),
)
def test_many_lines_are_analysed_as_each_alone(
    texts: list[str], profile: str, max_bytes: int
) -> None:
    linter = LineAnalyser(PROFILES[profile], max_bytes, None, ROSTER, ROSTER)
    linenos = list(range(3, 3 + 2 * len(texts), 2))
    for lineno, text, info in zip(
        linenos, texts, linter.analyse_lines(linenos, texts), strict=True
    ):
        _check_info(linter, lineno, text, info)


_ASCII = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(_ANY_LINE, _ASCII, st.lists(_PIECES | _ASCII, max_size=4).map(" ".join)),
    max_bytes=st.sampled_from([10, 60, 350]),
)
def test_the_plain_pattern_is_is_plain_for_printable_ascii(text: str, max_bytes: int) -> None:
    matched = plain_ascii_re(max_bytes).match(text) is not None
    if text.isascii() and text.isprintable():
        assert matched == is_plain(text, max_bytes)
    else:
        assert not matched


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(_ANY_LINE, st.lists(_PIECES | _ASCII, max_size=4).map(" ".join)))
def test_the_command_pattern_reads_as_read_line(text: str) -> None:
    for p in PROFILES.values():
        pattern = command_pattern(p)
        if pattern is None:
            continue
        m = re.match(pattern, text)
        if m is not None:
            assert read_line(p, text) == Reading(m[1], m[2])
            assert read_line(p, text, channel="#fedora-meeting") == Reading(m[1], m[2])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANY_LINE)
def test_the_prefilters_never_miss_a_command(text: str) -> None:
    for p in PROFILES.values():
        for line in (text, text.lstrip()):
            if starts_meeting(p, line)[0]:
                assert may_start_meeting(line)
            r = read_line(p, line)
            if r.is_command and not r.unknown and not r.auto_link:
                assert "#" in line or "!" in line or "[" in line  # rawlog._is_command
            if r.command in ("nick", "chair"):  # lint's roster pass
                assert "#" in text or "[" in text
                assert r.command in text.lower()
                for max_bytes in (10, 60, 350):  # it reads the lines that are not plain
                    assert plain_ascii_re(max_bytes).match(text) is None


# The whole sequence the long way: every line analysed in full, runs found, regrouped and
# reported as lint did before it had any shortcut.  lint_lines and plan_fixes must agree.


def _reference_groups(linter: LineAnalyser, infos: list[Line]) -> list[list[int]]:
    budget = linter.max_bytes - utf8_len(NOTE_ESCAPE)
    kept = [i for i, x in enumerate(infos) if x.replacement != []]
    groups: list[list[int]] = []
    k = 0
    while k < len(kept) - 1:
        first = infos[kept[k]]
        starts = first.role == "narrative" or (first.role == "command" and first.kind in TEXT_KINDS)
        if not starts or not first.can_wrap():
            k += 1
            continue
        group = [kept[k]]
        joined = (first.body or first.text).rstrip()
        m = k + 1
        while m < len(kept):
            a, b = kept[m - 1], kept[m]
            prev, nxt = infos[a], infos[b]
            if nxt.lineno - prev.lineno != b - a or nxt.role != "narrative":
                break
            nxt_body = nxt.body or nxt.text
            if not nxt_body[:1].islower() or not ends_mid_sentence(joined):
                break
            if URL_RE.match(nxt_body):
                break
            if nxt_body.split(" ", 1)[0].rstrip(":,;+").lower() in {
                n.lower() for n in linter.roster or ()
            }:
                break  # said to (or of) someone: not the rest of a sentence
            candidate = joined + " " + nxt_body.strip()
            if first.role == "narrative" and utf8_len(candidate) > budget:
                break
            joined = candidate
            group.append(b)
            m += 1
        if len(group) > 1:
            groups.append(group)
            k = m
        else:
            k += 1
    return groups


def _reference(
    lines: list[tuple[int, str]],
    profile: Profile,
    max_bytes: int,
    channel: str | None,
    attendees: list[str] | None,
) -> tuple[LineAnalyser, list[Line], list[list[int]]]:
    nicks, spoken = roster([t for _, t in lines], profile, attendees)
    linter = LineAnalyser(profile, max_bytes, channel, nicks, spoken)
    infos = [linter.analyse_in_full(n, t) for n, t in lines]
    return linter, infos, _reference_groups(linter, infos)


def _reference_lint(
    lines: list[tuple[int, str]],
    profile: Profile,
    max_bytes: int,
    channel: str | None,
    attendees: list[str] | None,
    whole_meeting: bool,
) -> list[tuple[str, int]]:
    """The (code, line) of each finding: the lines' own, but the L15 of the lines that go on
    a hard-wrapped run, an L20 for each run, and L3 and L4 for a whole meeting."""
    linter, infos, groups = _reference(lines, profile, max_bytes, channel, attendees)
    p = linter.profile
    continued = {i for group in groups for i in group[1:]}
    findings = [
        (f.code, f.lineno)
        for i, x in enumerate(infos)
        for f in x.findings
        if not (i in continued and f.code == "L15")
    ]
    findings += [("L20", infos[group[0]].lineno) for group in groups]
    if whole_meeting and infos:
        start = next((x for x in infos if x.kind is Kind.START), None)
        if start is not None and p.name == "zodbot" and not good_file_name(start.text):
            if not any(x.kind is Kind.MEETINGNAME for x in infos if x.lineno > start.lineno):
                findings.append(("L3", start.lineno))
        if p.supports(Kind.END) and not any(x.kind is Kind.END for x in infos):
            end = start.lineno if start is not None else max(x.lineno for x in infos)
            findings.append(("L4", end))
    rank = {code: i for i, code in enumerate(RULES)}
    findings.sort(key=lambda f: (f[1], rank[f[0]]))
    return findings


def _reference_fixes(
    lines: list[tuple[int, str]],
    profile: Profile,
    max_bytes: int,
    channel: str | None,
    attendees: list[str] | None,
) -> list[tuple[tuple[int, ...], tuple[str, ...], bool]]:
    linter, infos, groups = _reference(lines, profile, max_bytes, channel, attendees)
    grouped = {g[0]: g for g in groups}
    skip = {i for g in groups for i in g[1:]}
    out: list[tuple[tuple[int, ...], tuple[str, ...], bool]] = []
    for i, info in enumerate(infos):
        if i in skip:
            continue
        if i in grouped:
            members = [infos[j] for j in grouped[i]]
            joined = " ".join([members[0].text.rstrip(), *(m.text.strip() for m in members[1:])])
            again = linter.analyse_in_full(info.lineno, joined)
            if again.replacement is not None:
                new = again.replacement
            elif again.role == "narrative":
                new = [again.body.rstrip()]
            else:
                new = linter.render(again.kind, again.word, again.arg) or [joined]
            out.append((tuple(m.lineno for m in members), tuple(new), True))
        elif info.replacement is None:
            out.append(((info.lineno,), (info.text,), False))
        else:
            changed = info.replacement != [info.text]
            out.append(((info.lineno,), tuple(info.replacement), changed))
    return out


def _assert_as_reference(
    lines: list[tuple[int, str]],
    profile: str,
    max_bytes: int = 350,
    channel: str | None = None,
    attendees: list[str] | None = ROSTER,
) -> None:
    """lint_lines finds what the reference finds (codes and lines; the messages are the
    rule tests' business), and plan_fixes fixes the lines as it does."""
    p = PROFILES[profile]
    for whole in (False, True):
        got = lint_lines(
            lines,
            p,
            max_bytes=max_bytes,
            whole_meeting=whole,
            channel=channel,
            attendees=attendees,
        )
        expected = _reference_lint(lines, p, max_bytes, channel, attendees, whole)
        assert [(f.code, f.lineno) for f in got] == expected
    # the fixes as planned, before the bot model checks that none alters what the bot records
    linenos = [n for n, _ in lines]
    texts = [t for _, t in lines]
    linter, infos = analyse_meeting(linenos, texts, p, max_bytes, channel, attendees, None)
    fixes = planned(linter, linenos, texts, infos)
    assert [(f.linenos, f.lines, f.changed) for f in fixes] == _reference_fixes(
        lines, p, max_bytes, channel, attendees
    )


_WRAPPED = st.sampled_from(
    [
        "Michael says that these proposals have been discussed and agreed to by the WG,",
        "so this should be uncontroversial.",
        "btrfs-specific parts will be different from how fscrypt does things, so that will need",
        "extra attention and a bit of",
        "#info Owen wants agreement from wg for proposals for installing repos by default, and",
        "#topic Discussion with Omar Sandoval about btrfs/fscrypt and what comes next for",
        "#action neal will follow up with the kernel people about the encryption and the",
        "#endmeeting",
        "#link http://example.org/a long description of what the link is about and more",
        "http://example.org/b the rest",
        "",
        "#link",
        "  indented and in lower case, which irssi would join to the line before it so",
        "ends with an ampersand and is about as long as a wrapped line is in a log &",
        "x" * 330 + " and",
        "é" * 100 + ",",
        "Capital letters start a new sentence here, as the next line will show you now",
        "#meetingname the workstation working group meeting of this week and the",
        "#undo the last item, which was wrong and which we will say again and",
        "\x02this line has a control character and ends in the middle of the",
        "http://example.org/c and this narrative line starts with a URL, for Matrix",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.one_of(_WRAPPED, _WRAPPED, _ANY_LINE), max_size=14),
    gaps=st.lists(st.sampled_from([1, 1, 1, 2, 5]), min_size=14, max_size=14),
    profile=st.sampled_from(sorted(PROFILES)),
    max_bytes=st.sampled_from([60, 350]),
    channel=st.sampled_from([None, "so"]),
    attendees=st.sampled_from([None, ROSTER]),
)
def test_lint_and_fixes_agree_with_the_long_way(
    texts: list[str],
    gaps: list[int],
    profile: str,
    max_bytes: int,
    channel: str | None,
    attendees: list[str] | None,
) -> None:
    linenos = [sum(gaps[: i + 1]) for i in range(len(texts))]
    _assert_as_reference(
        list(zip(linenos, texts, strict=True)), profile, max_bytes, channel, attendees
    )


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_what_ends_a_run_agrees_with_the_long_way(profile: str) -> None:
    long = "this line is long enough to be hard-wrapped and it stops in the middle of"
    for first in (long, "#meetingname " + long, "#undo " + long, "#info " + long, "\x02" + long):
        for second in ("http://example.org/b the rest", "the rest", " \x02the rest", "The rest"):
            _assert_as_reference([(1, first), (2, second), (3, "and more")], profile)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_a_long_meeting_agrees_with_the_long_way(profile: str) -> None:
    """The seed log's chair lines repeated, with some lines of other nicks left out."""
    seed = seed_lines()
    lines = []
    for k in range(12):
        for n, text in seed:
            lineno = k * 40 + n
            if (lineno * 7) % 23 != 0:  # another nick's line, now and then
                lines.append((lineno, text))
    _assert_as_reference(lines, profile)
