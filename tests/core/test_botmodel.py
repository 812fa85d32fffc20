"""The bot model: what each bot keeps, line by line (spec §3, §5, §9.1 vectors)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botmodel import (
    BotModel,
    ItemKind,
    bot_nick_of,
    detect_profile,
    feed_lines,
)
from chair_tui.meeting.profiles import PROFILES, get_profile
from chair_tui.meeting.rawlog import parse_log
from tests.helpers.timing import assert_linear

DATA = Path(__file__).parent.parent / "data"
SETUP = [("neal", "hi"), ("Chris", "hello"), ("tomas", "hey"), ("bittin[m]", "hello from matrix")]
DARST_AND_HCOOP = ["meetbot", "openstack", "zodbot", "meetingology", "hcoop"]


def _meeting(profile: str, lines: list[tuple[str, str]]) -> BotModel:
    model = BotModel(get_profile(profile), channel="#fedora-meeting")
    start = "!startmeeting WG" if profile == "fedora-matrix" else "#startmeeting Workstation WG"
    model.feed("22:14:20", "cmurf", start)
    for k, (nick, text) in enumerate([*SETUP, *lines]):
        model.feed(f"22:15:{k:02d}", nick, text)
    return model


def _assigned(model: BotModel) -> list[str]:
    return [n for _, who in model.assignments() for n in who] or ["(unassigned)"]


# spec §9.1: ACTION → nicks, per bot (columns rkd, osk, fed, mgy, hcoop)
ASSIGN_VECTORS = {
    "V22 #action neal and chris follow up": (
        [["Chris", "neal"], ["Chris", "neal"], ["neal"], ["Chris", "neal"], ["Chris", "neal"]]
    ),
    "V23 #action Neal to check": [["neal"], ["neal"], ["(unassigned)"], ["neal"], ["neal"]],
    "V24 #action neal, Chris follow up": (
        [["Chris", "neal"], ["Chris", "neal"], ["Chris", "neal"], ["Chris", "neal"], ["Chris"]]
    ),
    "V27 #action @neal to review": [["neal"], ["neal"], ["neal"], ["neal"], ["(unassigned)"]],
    "V28 #action bittin[m] to test the ISO": (
        [["(unassigned)"], ["(unassigned)"], ["bittin[m]"], ["(unassigned)"], ["bittin[m]"]]
    ),
    "V34 #action Neal Gompa to review": [["neal"], ["neal"], ["(unassigned)"], ["neal"], ["neal"]],
}


@pytest.mark.parametrize("vector", sorted(ASSIGN_VECTORS))
def test_actions_are_assigned_as_each_bot_assigns_them(vector: str) -> None:
    line = vector.split(" ", 1)[1]
    for profile, expected in zip(DARST_AND_HCOOP, ASSIGN_VECTORS[vector], strict=True):
        assert _assigned(_meeting(profile, [("cmurf", line)])) == expected, (vector, profile)


@pytest.mark.parametrize("profile", DARST_AND_HCOOP)
def test_nick_makes_an_absent_person_assignable(profile: str) -> None:
    model = _meeting(profile, [("cmurf", "#action omar to send patches")])
    assert _assigned(model) == ["(unassigned)"]
    model = _meeting(profile, [("cmurf", "#nick omar"), ("cmurf", "#action omar to send patches")])
    assert _assigned(model) == ["omar"]
    assert model.attendees["omar"] == 0


@pytest.mark.parametrize("profile", DARST_AND_HCOOP)
def test_chairs_are_case_exact_and_the_owner_stays(profile: str) -> None:
    model = _meeting(profile, [("cmurf", "#chair Neal"), ("neal", "#topic By neal")])
    assert model.chairs == ["Neal"] and not model.items  # V44
    model = _meeting(
        profile, [("cmurf", "#chair neal"), ("neal", "#unchair cmurf"), ("cmurf", "#topic T")]
    )
    assert model.is_chair("cmurf") and model.topic == "T"  # V78


def test_unchair_with_a_comma_removes_only_the_last_nick_in_the_darst_bots() -> None:
    lines = [("cmurf", "#chair neal Chris"), ("cmurf", "#unchair neal, Chris")]
    assert _meeting("zodbot", lines).chairs == ["neal"]  # V76
    assert _meeting("meetingology", lines).chairs == []
    assert _meeting("hcoop", lines).chairs == []


@pytest.mark.parametrize("profile", DARST_AND_HCOOP)
def test_undo_by_a_chair_removes_the_last_item_and_by_others_nothing(profile: str) -> None:
    model = _meeting(profile, [("cmurf", "#info keep"), ("neal", "#undo")])
    assert [i.text for i in model.items] == ["keep"]  # V47
    model = _meeting(
        profile, [("cmurf", "#info keep"), ("cmurf", "#info oops"), ("cmurf", "#undo")]
    )
    assert [i.text for i in model.items] == ["keep"]  # V46
    assert [getattr(u, "text", None) for u in model.undone] == ["oops"]


def test_zodbot_answers_undo_as_it_did_in_the_real_log() -> None:
    model = _meeting("zodbot", [("bcotton", "x")])
    model.feed("12:24:30", "cmurf", "#chair bcotton")
    model.feed("12:24:37", "bcotton", "#action gregbartholomew to edit #175")
    model.feed("12:24:43", "bcotton", "#undo")
    assert model.replies[-1].text == (
        "Removing item from minutes: ACTION by bcotton at 12:24:37 : gregbartholomew to edit #175"
    )


def test_hcoop_undo_removes_the_last_event_even_a_chair_event() -> None:
    model = _meeting(
        "hcoop", [("cmurf", "#info keep"), ("cmurf", "#chair neal"), ("cmurf", "#undo")]
    )
    assert [i.text for i in model.items] == ["keep"]
    assert [getattr(u, "kind", None) for u in model.undone] == ["ADD_CHAIR"]


def _tracked(model: BotModel) -> list[tuple[str, str]]:
    return [(str(e.kind), e.text) for e in model.tracked()]


def test_hcoop_keeps_its_start_end_and_undos_and_an_undo_can_undo_an_undo() -> None:
    model = _meeting("hcoop", [("cmurf", "#info a"), ("cmurf", "#undo"), ("cmurf", "#undo")])
    model.feed("22:16:00", "cmurf", "#endmeeting")
    assert _tracked(model) == [("START_MEETING", ""), ("UNDO", ""), ("END_MEETING", "")]
    assert [str(u.kind) for u in model.undone] == ["INFO", "UNDO"]
    model = _meeting("hcoop", [("cmurf", "#undo")])  # the start is never undone
    assert _tracked(model) == [("START_MEETING", "")] and not model.undone


def test_hcoop_start_glued_to_its_name_is_an_unknown_command_without_a_start_event() -> None:
    model = BotModel(get_profile("hcoop"))
    model.feed("10:00:00", "cmurf", "#startmeetingWG")  # V73
    model.feed("10:00:01", "cmurf", "#topic T")
    model.feed("10:00:02", "cmurf", "#undo")  # its first event is kept instead
    assert model.running and _tracked(model) == [("TOPIC", "T")]
    assert [r.text for r in model.replies] == ["Unknown command: #startmeetingwg"]


def test_hcoop_ignores_an_empty_list_of_nicks() -> None:
    model = _meeting("hcoop", [("cmurf", "#info keep"), ("cmurf", "#chair ,"), ("cmurf", "#nick")])
    assert _tracked(model)[1:] == [("INFO", "keep")] and not model.replies


def test_hcoop_lists_the_current_nicks_in_the_order_it_saw_them() -> None:
    model = _meeting("hcoop", [("cmurf", "#nick omar")])  # V32
    model.feed("22:16:00", "zed", "#nick al")
    assert [r.text for r in model.replies] == [
        "Current nicks: cmurf, neal, Chris, tomas, bittin[m], omar",
        "Current nicks: cmurf, neal, Chris, tomas, bittin[m], omar, zed, al",
    ]
    assert [r.line for r in model.replies] == [6, 7]


@pytest.mark.parametrize("profile", DARST_AND_HCOOP)
def test_current_chairs_hold_the_owner_sorted_case_insensitively(profile: str) -> None:
    assert BotModel(get_profile(profile)).current_chairs() == []
    model = _meeting(profile, [("cmurf", "#chair neal Chris")])
    assert model.current_chairs() == ["Chris", "cmurf", "neal"]  # V42


@pytest.mark.parametrize("profile", DARST_AND_HCOOP)
def test_nothing_is_kept_before_the_start_or_after_the_end(profile: str) -> None:
    model = BotModel(get_profile(profile))
    model.feed("10:00:00", "cmurf", "#topic Too early")
    model.feed("10:00:01", "cmurf", "#startmeeting WG")
    model.feed("10:00:02", "cmurf", "#info now")
    model.feed("10:00:03", "neal", "#endmeeting")  # V49: not a chair
    assert model.running
    model.feed("10:00:04", "cmurf", "#endmeeting")
    model.feed("10:00:05", "cmurf", "#info too late")
    assert [i.text for i in model.items] == ["now"]  # V74
    assert (model.ignored_before, model.ignored_after) == (1, 1)
    assert model.ended and model.end_time == "10:00:04"


@pytest.mark.parametrize("profile", ["zodbot", "openstack"])
def test_a_bare_startmeeting_is_refused_where_a_name_is_required(profile: str) -> None:
    model = BotModel(get_profile(profile))
    model.feed("10:00:00", "cmurf", "#startmeeting")
    model.feed("10:00:01", "cmurf", "#topic T")
    assert not model.running and not model.items
    assert "is required" in model.replies[0].text


def test_items_carry_their_topic_and_the_bots_line_count() -> None:
    model = _meeting(
        "meetbot", [("cmurf", "#topic A"), ("cmurf", "#info a1"), ("cmurf", "#topic B")]
    )
    model.feed("22:16:00", "neal", "#info b1")
    assert [(i.kind, i.topic) for i in model.items] == [
        (ItemKind.TOPIC, "A"),
        (ItemKind.INFO, "A"),
        (ItemKind.TOPIC, "B"),
        (ItemKind.INFO, "B"),
    ]
    assert model.attendees["cmurf"] == 4 and model.attendees["neal"] == 2


def test_the_matrix_bot_reads_bang_commands_and_assigns_nobody() -> None:
    model = _meeting("fedora-matrix", [("cmurf", "!topic A"), ("neal", "!action neal to x")])
    model.feed("22:16:00", "cmurf", "#info plain text here")
    assert [(i.kind, i.text) for i in model.items] == [
        (ItemKind.TOPIC, "A"),
        (ItemKind.ACTION, "neal to x"),
    ]
    assert _assigned(model) == ["(unassigned)"]


def test_a_me_line_is_a_command_only_for_hcoop() -> None:
    for profile, expected in [("zodbot", []), ("hcoop", ["via me"])]:
        model = _meeting(profile, [])
        model.feed("22:16:00", "cmurf", "#info via me", action=True)
        assert [i.text for i in model.items] == expected  # V54


def test_the_bots_own_lines_count_but_are_never_commands() -> None:
    model = BotModel(get_profile("zodbot"), bot_nick="zodbot")
    model.feed("10:00:00", "cmurf", "#startmeeting WG")
    model.feed("10:00:00", "zodbot", "#info not me")
    assert model.attendees == {"cmurf": 1, "zodbot": 1} and not model.items


# ------------------------------------------------------------------ detection

REAL = DATA / "real-minutes"


@pytest.mark.parametrize(
    "name",
    [
        "magazine.2020-06-10-12.02.log.txt",
        "fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt",
    ],
)
def test_real_zodbot_logs_are_detected_as_zodbot(name: str) -> None:
    lines = parse_log((REAL / name).read_text(encoding="utf-8"), name)
    found = detect_profile(lines)
    assert (found.profile, found.signal, found.line) == ("zodbot", "zodbot's start text", 3)
    assert found.bot_nick == "zodbot" == bot_nick_of(lines)


def test_the_seed_without_bot_lines_falls_back_to_meetbot_with_a_note() -> None:
    path = DATA / "workstation-2021-06-30.log.txt"
    found = detect_profile(parse_log(path.read_text(encoding="utf-8"), path))
    assert (found.profile, found.signal, found.bot_nick) == ("meetbot", None, None)
    assert "no line of a known bot" in found.describe()


@pytest.mark.parametrize(
    ("line", "profile"),
    [
        (
            "10:00:01 <openstack> Meeting started Tue Nov 14 22:14:20 2023 UTC"
            " and is due to finish in 60 minutes.  The chair is x.",
            "openstack",
        ),
        (
            "10:00:01 <bot> Meeting started at 22:14:20 UTC.  The chair is cmurf."
            "  Information about MeetBot at https://wiki.ubuntu.com/meetingology",
            "meetingology",
        ),
        ("10:00:01 <bot> Meeting started at 2026-11-30T03:17+0000", "hcoop"),
        ("10:00:01 <@cmurf:fedora.im> !startmeeting FESCo", "fedora-matrix"),
        (
            "10:00:01 <MeetBot> Meeting started Tue Nov 14 22:14:20 2023 UTC.  The chair is cmurf."
            " Information about MeetBot at http://wiki.debian.org/MeetBot.",
            "meetbot",
        ),
        (
            "10:00:01 <zodbot> Useful Commands: #action #agreed #halp #info #idea #link #topic.",
            "zodbot",
        ),
    ],
)
def test_each_signal_of_the_table(line: str, profile: str) -> None:
    found = detect_profile(parse_log(f"10:00:00 <cmurf> hello\n{line}\n", "x.log.txt"))
    assert found.profile == profile and found.line == 2


# ------------------------------------------------------------------ any input

_texts = st.one_of(
    st.sampled_from(
        [
            "#startmeeting WG",
            "#startmeeting",
            "!startmeeting",
            "#endmeeting",
            "!em",
            "#undo",
            "#topic T",
            "#info i",
            "#action neal x",
            "#chair neal",
            "#unchair neal, cmurf",
            "#nick a b",
            "#here al",
            "#meetingname N",
            "#meetingtopic none",
            "#link",
            "#agreed",
            "http://x/y z",
            "[topic] Z",
            " #info sp",
            "#startmeetingWG",
            "#1 x",
            "#vote +1",
        ]
    ),
    st.text(max_size=30),
)
_lines = st.lists(
    st.tuples(st.sampled_from(["cmurf", "neal", "Neal", "zodbot", ""]), _texts, st.booleans()),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_lines, st.sampled_from(sorted(PROFILES)))
def test_any_lines_never_raise_and_no_item_lies_outside_the_meeting(
    lines: list[tuple[str, str, bool]], profile: str
) -> None:
    model = BotModel(get_profile(profile), bot_nick="zodbot", channel="#fedora-meeting")
    start = None
    for k, (nick, text, action) in enumerate(lines):
        before = len(model.events) + len(model.undone)
        was_running = model.running
        model.feed(f"10:{k // 60:02d}:{k % 60:02d}", nick, text, action=action)
        if model.running and start is None:
            start = k
        if not was_running:
            assert len(model.events) + len(model.undone) == before
    for item in model.items:
        assert model.start_time <= item.time
        if model.ended:
            assert item.time <= model.end_time
    model.assignments()
    if start is None:
        assert not model.items and not model.attendees


# ------------------------------------------------------------------ linear time


def _log(n: int) -> str:
    lines = ["00:00:00 <cmurf> #startmeeting WG"]
    for k in range(n):
        lines.append(f"00:{k // 60 % 60:02d}:{k % 60:02d} <n{k % 50}> #action n{k % 7} x y {k}")
        lines.append(f"00:{k // 60 % 60:02d}:{k % 60:02d} <cmurf> #topic T{k}")
    return "\n".join(lines) + "\n"


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_feeding_a_log_takes_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        text = _log(n)
        return lambda: feed_lines(BotModel(get_profile("meetbot")), parse_log(text, "x"))

    assert_linear(make, 500)
