"""Lint on the bot model: what was meant against what the bot records.

Commands before the start (L22) or after the end (L23), chair-only commands from someone who
is not a chair and the items they misfile (L24), ``--fragment``, the hard-wrap rule (L20) on
real chat, empty messages inside a multi-line Matrix message, unassigned actions as the bot
assigns them, the bot found from a raw log, and action nicks matched in linear time.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.cli.check import run_check
from chair_tui.meeting.botmodel import model_of_log
from chair_tui.meeting.botsim import assignees
from chair_tui.meeting.checklog import CheckResult, check_file
from chair_tui.meeting.lint.nicks import NickIndex
from chair_tui.meeting.profiles import PROFILES
from tests.helpers.timing import assert_linear

DATA = Path(__file__).parent.parent / "data"
HCOOP = DATA / "hcoop-logs"
MAGAZINE = DATA / "real-minutes" / "magazine.2020-06-10-12.02.log.txt"
SEED = DATA / "workstation-2021-06-30.log.txt"


def check(
    tmp_path: Path, text: str, profile: str | None = "meetbot", *, fragment: bool = False
) -> CheckResult:
    path = tmp_path / ("meeting.log.txt" if text[:1].isdigit() else "lines.txt")
    path.write_text(text, encoding="utf-8")
    return check_file(str(path), PROFILES[profile] if profile else None, fragment=fragment)


def found(result: CheckResult, code: str) -> list[int]:
    return [lineno for _k, c, lineno, _m, _f, _s in result.findings if c == code]


def message(result: CheckResult, code: str) -> str:
    (text,) = [m for _k, c, _n, m, _f, _s in result.findings if c == code]
    return text


def log(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


# ------------------------------------------------------------------------ L22, L23, L24


def test_commands_before_the_start_and_after_the_end(tmp_path: Path) -> None:
    result = check(
        tmp_path,
        log(
            "12:00:00 <cmurf> #link https://example.org/agenda the agenda",
            "12:00:01 <cmurf> hello all",
            "12:00:02 <cmurf> #topic Rollcall",
            "12:00:03 <cmurf> #startmeeting WG",
            "12:00:04 <cmurf> #info present: neal",
            "12:00:05 <cmurf> #endmeeting",
            "12:00:06 <cmurf> #info one more thing",
            "12:00:07 <cmurf> thanks all",
        ),
    )
    assert found(result, "L22") == [1, 3]  # the chat line before the start is no command
    assert found(result, "L23") == [7]
    rows = {(c, n): (m, f, s) for _k, c, n, m, f, s in result.findings}
    text, fix, severity = rows["L22", 3]
    assert "no topic until the next one" in text and fix == "say it after #startmeeting"
    assert severity == "error"
    assert "not in the minutes" in rows["L23", 7][0]


def test_a_topic_from_someone_who_is_no_chair_misfiles_the_items_after_it(
    tmp_path: Path,
) -> None:
    result = check(
        tmp_path,
        log(
            "12:00:00 <cmurf> #startmeeting WG",
            "12:00:01 <cmurf> #topic Rollcall",
            "12:00:02 <neal> #topic Btrfs",
            "12:00:03 <neal> #info Omar will reach out",
            "12:00:04 <cmurf> #info and so will Chris",
            "12:00:05 <cmurf> #chair neal",
            "12:00:06 <neal> #topic Btrfs",
            "12:00:07 <cmurf> #endmeeting",
        ),
    )
    assert found(result, "L24") == [3]
    assert message(result, "L24") == (
        "neal is not a chair: MeetBot (Debian) ignores `#topic Btrfs`, and files the 2 items"
        " after it under `Rollcall`"
    )


def test_what_l22_l23_and_l24_name_is_what_the_real_hcoop_bot_lost() -> None:
    """The misfiled meeting, as hcoop-meetbot 0.8.1 recorded it (tests/data/hcoop-logs)."""
    result = check_file(str(HCOOP / "misfiled.log.txt"), PROFILES["hcoop"])
    texts = (HCOOP / "misfiled.log.txt").read_text(encoding="utf-8").splitlines()
    events = json.loads((HCOOP / "misfiled.log.json").read_text(encoding="utf-8"))["events"]
    recorded = [(e["event_type"], str(e.get("operand") or "")) for e in events]
    said = [line.split("> ", 1)[1] for line in texts]
    for lineno in found(result, "L22") + found(result, "L23"):
        text = said[lineno - 1]
        verb, _sep, arg = text.partition(" ")
        # recorded fewer times than said: the flagged line is the one the bot ignored
        assert recorded.count((verb[1:].upper(), arg)) < said.count(text), text
    (topic_line,) = found(result, "L24")
    assert texts[topic_line - 1].endswith("<neal> #topic Btrfs and fscrypt")
    # the real bot filed neal's #info under the topic before, and took the topic only later
    info = next(
        e for e in events if e.get("operand") == "Omar expects this to land by the end of the year"
    )
    topics = [e["operand"] for e in events if e["event_type"] == "TOPIC"]
    assert topics.index("Btrfs and fscrypt") > topics.index("Rollcall")
    assert events.index(info) < next(
        i for i, e in enumerate(events) if e.get("operand") == "Btrfs and fscrypt"
    )


def test_fragment_expects_no_start_and_no_end(tmp_path: Path) -> None:
    text = "#topic A\n#startmeeting Workstation WG (2021-06-30)\n#info b\n"
    whole = check(tmp_path, text, "zodbot")
    assert found(whole, "L22") == [1] and found(whole, "L4") == [2] and found(whole, "L3") == [2]
    part = check(tmp_path, text, "zodbot", fragment=True)
    assert found(part, "L22") == found(part, "L4") == found(part, "L3") == []
    # a lines file without a start is read as lines for a meeting already running
    assert check(tmp_path, "#topic A\n#info b\n", "zodbot").findings == []


def test_fragment_in_the_reports(tmp_path: Path) -> None:
    path = tmp_path / "step.txt"
    path.write_text("#topic A\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_check(str(path), "meetbot", "json", False, out, err, fragment=True) == 0
    report = json.loads(out.getvalue())
    assert report["fragment"] is True and report["detected"] is None
    out = io.StringIO()
    run_check(str(path), "meetbot", "text", False, out, err, fragment=True)
    assert out.getvalue().endswith("(lines file, fragment, profile meetbot)\n")


# ------------------------------------------------------------------------ L20 on real chat

LONG = "Michael says that these proposals have been discussed and agreed to by the WG in the"


@pytest.mark.parametrize(
    ("lines", "runs"),
    [
        # one speaker, one paste: a hard-wrapped sentence
        (["12:00:00 <cmurf> " + LONG, "12:00:00 <cmurf> past, so it is fine."], [1]),
        (["12:00:00 <cmurf> #info " + LONG, "12:00:02 <cmurf> past, so it is fine."], [1]),
        # another speaker in between: never one sentence
        (
            [
                "12:00:00 <cmurf> #info " + LONG,
                "12:00:01 <neal> sounds good",
                "12:00:02 <cmurf> past, so it is fine.",
            ],
            [],
        ),
        # an #info, then chat from someone else, then the chair's own chat
        (
            [
                "12:00:00 <cmurf> #info Week of Jun 1: 61.3k page views, slightly above average",
                "12:00:06 <neal> nice, more than last month",
            ],
            [],
        ),
        # too long a pause
        (["12:00:00 <cmurf> " + LONG, "12:00:11 <cmurf> past, so it is fine."], []),
        # said to someone
        (
            [
                "12:00:00 <cmurf> #info Week of Jun 1: 61.3k page views, slightly above average",
                "12:00:06 <cmurf> neal: want to take the reins?",
            ],
            [],
        ),
        # chat typed in lower case is no sentence going on, but a paste of it is
        (
            [
                "12:00:00 <cmurf> this is one of the parts of the workflow that needs tweaking",
                "12:00:02 <cmurf> but that's okay",
            ],
            [],
        ),
        (
            [
                "12:00:00 <cmurf> this is one of the parts of the workflow that might need a bit",
                "12:00:00 <cmurf> of tweaking, but that's okay",
            ],
            [1],
        ),
        # a link ends with its URL: not cut in the middle of a sentence
        (
            [
                "12:00:00 <cmurf> #link Board: https://teams.example.org/project/x/kanban",
                "12:00:01 <cmurf> so we have nothing queued at the moment",
            ],
            [],
        ),
    ],
)
def test_hard_wrap_only_for_one_speaker_pasting_one_sentence(
    tmp_path: Path, lines: list[str], runs: list[int]
) -> None:
    result = check(tmp_path, log("11:59:59 <neal> hi", *lines))
    assert [n - 1 for n in found(result, "L20")] == runs


def test_hard_wrap_on_the_real_hcoop_log() -> None:
    result = check_file(str(HCOOP / "wrapped.log.txt"), PROFILES["hcoop"])
    texts = (HCOOP / "wrapped.log.txt").read_text(encoding="utf-8").splitlines()
    heads = [texts[n - 1].split("> ", 1)[1][:30] for n in found(result, "L20")]
    assert heads == ["#info Owen wants agreement fro", "Michael says that these propos"]


def test_a_blank_line_inside_a_multi_line_matrix_message_is_no_finding(tmp_path: Path) -> None:
    nick = "<@cmurf:fedora.im>"
    result = check(
        tmp_path,
        log(
            f"2024-07-23 17:00:00 {nick} !startmeeting WG",
            f"2024-07-23 17:00:09 {nick} !topic Rollcall",
            f"2024-07-23 17:00:09 {nick}",
            f"2024-07-23 17:00:09 {nick} !info present: neal",
            f"2024-07-23 17:00:15 {nick}",
            f"2024-07-23 17:00:20 {nick} !endmeeting",
        ),
        "fedora-matrix",
    )
    rows = [(n, s) for _k, c, n, _m, _f, s in result.findings if c == "L18"]
    assert rows == [(5, "info")]  # the lone empty message: a note, it recorded nothing


# ------------------------------------------------------------------------ actions


def test_an_action_the_bot_assigns_is_never_called_unassigned() -> None:
    for path, profile in (
        (MAGAZINE, "zodbot"),
        (HCOOP / "wrapped.log.txt", "hcoop"),
        (HCOOP / "misfiled.log.txt", "hcoop"),
    ):
        p = PROFILES[profile]
        result = check_file(str(path), p)
        model = model_of_log(path.read_text(encoding="utf-8"), path, p)
        texts = path.read_text(encoding="utf-8").splitlines()
        assigned = {item.text for item, who in model.assignments() if who}
        for lineno in found(result, "L8"):
            said = texts[lineno - 1].split("> ", 1)[1].removeprefix("#action ")
            assert said not in assigned, (path.name, lineno)


def test_an_hcoop_alias_is_an_attendee(tmp_path: Path) -> None:
    result = check(
        tmp_path,
        log(
            "12:00:00 <cmurf> #startmeeting WG",
            "12:00:01 <neal> #here ngompa",
            "12:00:02 <cmurf> #action ngompa to review the proposal",
            "12:00:03 <cmurf> #endmeeting",
        ),
        "hcoop",
    )
    assert found(result, "L8") == found(result, "L7") == []


_NICK = st.text(alphabet="abcXYZ_[]-|0", min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(
    nicks=st.lists(_NICK, max_size=8),
    text=st.text(alphabet="abcXYZ_[]-|0 ,/@'", max_size=30),
    profile=st.sampled_from(sorted(PROFILES)),
)
def test_the_nick_index_assigns_as_the_bots_do(nicks: list[str], text: str, profile: str) -> None:
    p = PROFILES[profile]
    assert NickIndex(nicks).assignees(p, text) == assignees(p, text, nicks)


# ------------------------------------------------------------------------ the bot of a log


def test_check_says_which_bot_it_assumed(tmp_path: Path) -> None:
    result = check_file(str(MAGAZINE), None)
    assert result.profile.name == "zodbot" and result.detected is not None
    assert result.detected.signal == "zodbot's start text" and result.detected.line == 3
    out, err = io.StringIO(), io.StringIO()
    run_check(str(MAGAZINE), None, "json", False, out, err)
    report = json.loads(out.getvalue())
    assert report["profile"] == "zodbot"
    assert report["detected"] == {
        "profile": "zodbot",
        "signal": "zodbot's start text",
        "line": 3,
        "note": "assuming profile zodbot: zodbot's start text (line 3)",
    }
    # no bot line: MeetBot, with a note saying so
    seed = check_file(str(SEED), None)
    assert seed.profile.name == "meetbot" and seed.detected is not None
    assert seed.detected.signal is None
    assert "no line of a known bot" in seed.detected.describe()
    # a profile asked for is not detected
    assert check_file(str(MAGAZINE), PROFILES["meetbot"]).detected is None


# ------------------------------------------------------------------------ time


def _speakers_and_actions(n: int) -> str:
    lines = ["10:00:00 <cmurf> #startmeeting WG"]
    lines += [f"10:00:01 <user{i}x> hello" for i in range(n)]
    lines += [
        f"10:00:02 <cmurf> #action user{i}x and user{(i * 7) % n}x look at item {i}"
        for i in range(n)
    ]
    lines.append("10:00:03 <cmurf> #endmeeting")
    return log(*lines)


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_many_speakers_and_actions_take_linear_time(tmp_path: Path) -> None:
    """500 speakers and 500 actions took 16.7 s when L7/L8 compiled a pattern per nick per
    action; now each action is matched against the nicks its text can hold."""

    def make(n: int) -> Callable[[], object]:
        path = tmp_path / f"many-{n}.log.txt"
        path.write_text(_speakers_and_actions(n), encoding="utf-8")

        def run() -> object:
            re.purge()  # as in a fresh process: no pattern compiled by an earlier run
            return check_file(str(path), PROFILES["meetbot"])

        return run

    assert_linear(make, 100)
