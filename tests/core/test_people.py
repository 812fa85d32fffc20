"""People: guests with an optional nick, the late-arrival lines and chair hand-over, for every
profile, replayed through the bot model to show each bot does what the chair meant."""

from __future__ import annotations

import pytest

from chair_tui.meeting.botmodel import BotModel, ItemKind
from chair_tui.meeting.model import Entry
from chair_tui.meeting.people import (
    Guest,
    chair_lines,
    late_arrival_entries,
    late_arrival_lines,
    parse_guest,
)
from chair_tui.meeting.profiles import PROFILES, Kind, Profile
from chair_tui.meeting.text import is_irc_nick, is_strict_nick

ALL = sorted(PROFILES)
IRC = [name for name in ALL if PROFILES[name].family != "matrix"]


# --- guests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "guest"),
    [
        ("Alice (alice_)", Guest("Alice", "alice_")),
        ("Alice Liddell (alice[m])", Guest("Alice Liddell", "alice[m]")),
        ("Alice (she/her)", Guest("Alice (she/her)")),
        ("Alice (Red Hat)", Guest("Alice (Red Hat)")),
        ("Alice (1alice)", Guest("Alice (1alice)")),  # a nick never starts with a digit
        ("Alice ()", Guest("Alice ()")),
        ("Alice", Guest("Alice")),
        ("(bob)", Guest("bob", "bob")),
        ("  Jens\t\x1b[1mB\x07  ( jensb )  ", Guest("Jens [1mB", "jensb")),
        ("Alice (a) (b)", Guest("Alice (a)", "b")),
        ("", Guest("")),
    ],
)
def test_parse_guest(typed: str, guest: Guest) -> None:
    assert parse_guest(typed) == guest


def test_a_guest_is_shown_with_the_nick_in_brackets() -> None:
    assert Guest("Jens", "jensb").display == "Jens (jensb)"
    assert Guest("jensb", "jensb").display == "jensb"
    assert Guest("Alice (she/her)").display == "Alice (she/her)"


def test_a_strict_nick_is_also_a_meeting_file_nick() -> None:
    for nick in ("alice", "a[m]", "`^_{|}-9", "x" * 64):
        assert is_strict_nick(nick) and is_irc_nick(nick)
    for text in ("she/her", "a b", "", "9lives", "a:b", "é", "x" * 65):
        assert not is_strict_nick(text)
    assert is_irc_nick("she/her")  # a meeting file's nick rule is wider


# --- late arrival ------------------------------------------------------------------------------

LATE = {
    "meetbot": ["#info late: Jens (jensb)", "#nick jensb"],
    "zodbot": ["#info late: Jens (jensb)", "#nick jensb"],
    "meetingology": ["#info late: Jens (jensb)", "#nick jensb"],
    "openstack": ["#info late: Jens (jensb)", "#nick jensb"],
    "hcoop": ["#info late: Jens (jensb)", "#nick jensb"],
    "fedora-matrix": ["!info late: Jens (jensb)"],  # no #nick: the bot assigns nobody
}


@pytest.mark.parametrize("name", ALL)
def test_late_arrival_lines(name: str) -> None:
    profile = PROFILES[name]
    assert late_arrival_lines(profile, "Jens", "jensb") == LATE[name]
    assert late_arrival_lines(profile, "Jens", None) == [f"{profile.prefix}info late: Jens"]
    assert late_arrival_lines(profile, "", "jensb")[0] == f"{profile.prefix}info late: jensb"
    # a nick the bot has seen needs no #nick
    assert late_arrival_lines(profile, "Jens", "jensb", seen={"jensb"}) == LATE[name][:1]


def test_late_arrival_entries_are_what_a_session_records() -> None:
    assert late_arrival_entries(PROFILES["meetbot"], " Jens ", "jensb") == [
        Entry(Kind.INFO, "late: Jens (jensb)"),
        Entry(Kind.NICK, "jensb"),
    ]


@pytest.mark.parametrize(("name", "nick"), [("", None), (" \x07 ", ""), ("Jens", "not a nick")])
def test_a_late_arrival_needs_a_name_and_a_nick_that_is_one(name: str, nick: str | None) -> None:
    with pytest.raises(ValueError):
        late_arrival_lines(PROFILES["meetbot"], name, nick)


def test_a_long_name_splits_like_any_info() -> None:
    lines = late_arrival_lines(PROFILES["meetbot"], "Jens " * 40, "jensb", max_bytes=100)
    assert len(lines) > 2 and lines[-1] == "#nick jensb"
    assert all(len(line.encode()) <= 100 for line in lines)


def _started(profile: Profile) -> BotModel:
    model = BotModel(profile)
    model.feed("10:00:00", "chair", f"{profile.prefix}startmeeting Weekly")
    assert model.running
    return model


def _paste(model: BotModel, lines: list[str], nick: str = "chair") -> None:
    for i, line in enumerate(lines):
        model.feed(f"10:01:{i:02d}", nick, line)


@pytest.mark.parametrize("name", ALL)
def test_late_arrival_replayed_the_info_is_filed_and_an_action_is_theirs(name: str) -> None:
    profile = PROFILES[name]
    model = _started(profile)
    _paste(model, late_arrival_lines(profile, "Jens", "jensb"))
    assert [(i.kind, i.text) for i in model.items] == [(ItemKind.INFO, "late: Jens (jensb)")]
    model.feed("10:02:00", "chair", f"{profile.prefix}action jensb to send the draft")
    assigned = [who for _, who in model.assignments()]
    assert assigned == [["jensb"] if profile.assigns_actions else []]


@pytest.mark.parametrize("name", [n for n in IRC if PROFILES[n].assigns_actions])
def test_without_the_nick_line_the_action_would_be_nobody_s(name: str) -> None:
    profile = PROFILES[name]
    model = _started(profile)
    _paste(model, late_arrival_lines(profile, "Jens", "jensb")[:1])
    model.feed("10:02:00", "chair", f"{profile.prefix}action jensb to send the draft")
    assert [who for _, who in model.assignments()] == [[]]


# --- chair hand-over ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", IRC)
def test_chair_and_unchair_replayed(name: str) -> None:
    profile = PROFILES[name]
    model = _started(profile)
    add, why = chair_lines(profile, "alice, bob", True)
    assert (add, why) == (["#chair alice bob"], "")
    _paste(model, add or [])
    assert model.is_chair("alice") and model.is_chair("bob")
    model.feed("10:03:00", "alice", "#topic Budget")
    assert model.topic == "Budget"  # alice may set the topic now
    remove, why = chair_lines(profile, ["alice"], False)
    assert (remove, why) == (["#unchair alice"], "")
    _paste(model, remove or [])
    assert not model.is_chair("alice") and model.is_chair("bob")
    model.feed("10:04:00", "alice", "#topic Not hers")
    assert model.topic == "Budget"  # no longer


def test_the_matrix_bot_has_no_chairs() -> None:
    for add in (True, False):
        lines, why = chair_lines(PROFILES["fedora-matrix"], "alice", add)
        assert lines is None and "power level" in why


@pytest.mark.parametrize(
    ("nicks", "why"),
    [
        ("", "no nick given"),
        (" , ", "no nick given"),
        ("alice #chan", "'#chan' is not an IRC nick"),
    ],
)
def test_no_chair_lines_for_no_nick_or_a_bad_one(nicks: str, why: str) -> None:
    for add in (True, False):
        assert chair_lines(PROFILES["meetbot"], nicks, add) == (None, why)


@pytest.mark.parametrize("add", [True, False])
def test_many_nicks_split_into_lines_of_the_same_command(add: bool) -> None:
    profile = PROFILES["meetbot"]
    nicks = [f"nick{i}" for i in range(60)]
    lines, _ = chair_lines(profile, [*nicks, "nick1"], add, max_bytes=100)
    assert lines is not None and len(lines) > 1
    verb = "#chair " if add else "#unchair "
    assert all(line.startswith(verb) and len(line.encode()) <= 100 for line in lines)
    assert [n for line in lines for n in line.split()[1:]] == nicks  # each once, in order
    model = _started(profile)
    _paste(model, chair_lines(profile, nicks, True)[0] or [])
    if not add:
        _paste(model, lines)
    assert sorted(model.chairs) == ([] if not add else sorted(nicks))
