"""The action ledger: recording meetings, marking actions, withdrawing a meeting, the file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.ledger import (
    MinutedAction,
    NewerLedgerError,
    Outcome,
    ledger_path,
    list_ledgers,
    load,
    mark,
    open_items,
    record_meeting,
    withdraw_meeting,
)
from chair_tui.meeting.ledger.store import MAX_LEDGER_BYTES, file_stem, name_of_stem
from chair_tui.meeting.profiles import get_profile


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _model(profile: str, lines: list[tuple[str, str]]) -> BotModel:
    model = BotModel(get_profile(profile))
    for n, (nick, text) in enumerate(lines):
        model.feed(f"16:00:{n:02d}", nick, text)
    return model


MEETING_ONE = [
    ("neal", "#startmeeting workstation"),
    ("Chris", "hi"),
    ("al", "hello"),
    ("neal", "#action Chris to call the printer vendor"),
    ("neal", "#action neal to write the summary"),
    ("neal", "#action someone files a ticket"),
    ("neal", "#endmeeting"),
]


def test_a_meeting_is_recorded_with_minuted_and_intended_owners(base: Path) -> None:
    record_meeting("ws", _model("zodbot", MEETING_ONE), "2021-06-30", meeting_id="s1", base=base)
    ledger = load("ws", base=base)
    assert [a.id for a in ledger.actions] == ["A1", "A2", "A3"]
    first = ledger.actions[0]
    # zodbot lists it under every nick that is a substring: "al" is in "call"
    assert first.owners_minuted == ("al", "Chris")
    assert first.owners_intended == ("Chris",)
    assert first.owners == ("Chris",)
    assert ledger.actions[2].owners == ()
    assert ledger.meetings[0].title == "workstation"
    assert ledger.meetings[0].date == "2021-06-30"
    assert all(a.history[0].outcome is Outcome.OPEN for a in ledger.actions)


def test_the_matrix_bot_assigns_nobody_but_the_leading_nick_is_meant(base: Path) -> None:
    lines = [
        ("@neal:fedora.im", "!startmeeting coreos"),
        ("@neal:fedora.im", "!action @chris:fedora.im to look at aarch64"),
        ("@neal:fedora.im", "!endmeeting"),
    ]
    record_meeting("coreos", _model("fedora-matrix", lines), "2024-05-08", base=base)
    (action,) = open_items("coreos", base=base)
    assert action.owners_minuted == ()
    assert action.owners_intended == ("@chris:fedora.im",)


def test_marks_carry_reassign_and_close(base: Path) -> None:
    record_meeting("ws", _model("meetbot", MEETING_ONE), "2021-06-30", meeting_id="s1", base=base)
    mark("ws", "A1", "done", meeting_id="s2", meeting_date="2021-07-07", base=base)
    mark("ws", "A2", Outcome.CARRIED, meeting_id="s2", base=base)
    moved = mark("ws", "A3", Outcome.REASSIGNED, ("tomas",), meeting_id="s2", base=base)
    assert moved.owners == ("tomas",)
    assert moved.history[-1].from_owners == ()
    assert moved.history[-1].to_owners == ("tomas",)
    assert [a.id for a in open_items("ws", base=base)] == ["A2", "A3"]
    # the chair changes their mind in the same meeting: the mark is replaced, not added
    again = mark("ws", "A2", Outcome.DROPPED, meeting_id="s2", base=base)
    assert [e.outcome for e in again.history] == [Outcome.OPEN, Outcome.DROPPED]
    # carried in two meetings: counted twice
    mark("ws", "A3", Outcome.CARRIED, meeting_id="s3", base=base)
    assert load("ws", base=base).action("A3").carried == 2  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        mark("ws", "A99", Outcome.DONE, base=base)
    with pytest.raises(ValueError):
        mark("ws", "A3", Outcome.REASSIGNED, (), base=base)


def test_a_carried_action_minuted_again_is_the_same_action(base: Path) -> None:
    record_meeting("ws", _model("meetbot", MEETING_ONE), "2021-06-30", meeting_id="s1", base=base)
    mark("ws", "A1", Outcome.REASSIGNED, ("tomas",), meeting_id="s2", base=base)
    second = [
        ("neal", "#startmeeting workstation"),
        ("neal", "#nick tomas"),
        ("neal", "#action tomas to call the printer vendor (carried over)"),
        ("neal", "#action neal to book the room"),
        ("neal", "#endmeeting"),
    ]
    record_meeting("ws", _model("meetbot", second), "2021-07-07", meeting_id="s2", base=base)
    ledger = load("ws", base=base)
    assert [a.id for a in ledger.actions] == ["A1", "A2", "A3", "A4"]
    assert ledger.action("A1").owners_minuted == ("tomas",)  # type: ignore[union-attr]
    assert ledger.action("A4").text == "neal to book the room"  # type: ignore[union-attr]


def test_recording_again_replaces_and_withdraw_takes_back(base: Path) -> None:
    model = _model("meetbot", MEETING_ONE)
    record_meeting("ws", model, "2021-06-30", meeting_id="s1", base=base)
    record_meeting("ws", model, "2021-06-30", meeting_id="s1", base=base)
    assert len(load("ws", base=base).actions) == 3
    assert withdraw_meeting("ws", "s1", base=base)
    ledger = load("ws", base=base)
    assert ledger.actions == () and ledger.meetings == ()
    assert not withdraw_meeting("ws", "s1", base=base)
    # ids are never reused
    record_meeting("ws", model, "2021-06-30", meeting_id="s1", base=base)
    assert load("ws", base=base).actions[0].id == "A4"


def test_items_given_directly_and_the_file_is_private_json(base: Path) -> None:
    items = [MinutedAction("alice to go", ("alice",), ("alice",))]
    record_meeting("Work group/ä", items, "", "https://x.example/m.html", base=base)
    path = ledger_path("Work group/ä", base=base)
    assert path.name == "Work%20group%2F%C3%A4.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "chair-tui-ledger" and doc["version"] == 1
    assert doc["meetings"][0]["minutes_url"] == "https://x.example/m.html"
    assert list_ledgers(base=base) == ["Work group/ä"]
    assert name_of_stem(file_stem("a%b c")) == "a%b c"


def test_a_ledger_needs_a_name(base: Path) -> None:
    with pytest.raises(InputError, match="name"):
        load("", base=base)


# ---------------------------------------------------------------------- hostile files


def _prepare(base: Path) -> Path:
    record_meeting("ws", [MinutedAction("x to y", ("x",), ("x",))], "", base=base)
    return ledger_path("ws", base=base)


def test_a_symlink_is_refused_and_not_followed(base: Path, tmp_path: Path) -> None:
    path = _prepare(base)
    target = tmp_path / "elsewhere.json"
    target.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        load("ws", base=base)
    with pytest.raises(InputError, match="symbolic link"):
        mark("ws", "A1", Outcome.DONE, base=base)
    assert path.is_symlink()
    assert json.loads(target.read_text())["actions"][0]["history"][-1]["outcome"] == "open"


def test_a_fifo_is_refused_at_once(base: Path) -> None:
    path = _prepare(base)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(InputError, match="FIFO"):
        load("ws", base=base)


def test_a_huge_file_is_refused(base: Path) -> None:
    path = _prepare(base)
    with path.open("r+b") as fh:
        fh.truncate(MAX_LEDGER_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        load("ws", base=base)


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "chair-tui-ledger", "version": 1, "name": "ws", "next_id": 2, "acti',
        b"\xff\xfe",
        b"[" * 100_000,
        b'{"format": "chair-tui-ledger", "version": 1, "name": "ws", "next_id": 1, '
        b'"actions": [{"id": "A1", "text": 3}]}',
        b'{"format": "something else"}',
        b'{"format": "chair-tui-ledger", "version": true}',
    ],
    ids=["truncated", "not-utf8", "nested", "bad-type", "other-format", "bool-version"],
)
def test_a_damaged_file_is_refused_and_never_overwritten(base: Path, data: bytes) -> None:
    path = _prepare(base)
    path.write_bytes(data)
    with pytest.raises(InputError):
        load("ws", base=base)
    with pytest.raises(InputError):
        record_meeting("ws", [MinutedAction("a")], "", base=base)
    assert path.read_bytes() == data


def test_a_newer_version_is_refused(base: Path) -> None:
    path = _prepare(base)
    doc = json.loads(path.read_text())
    doc["version"] = 2
    path.write_text(json.dumps(doc))
    with pytest.raises(NewerLedgerError, match="newer chair-tui"):
        load("ws", base=base)


def test_another_groups_ledger_under_this_name_is_refused(base: Path) -> None:
    path = _prepare(base)
    path.write_text(path.read_text().replace('"name": "ws"', '"name": "other"'))
    with pytest.raises(InputError, match="'other'"):
        load("ws", base=base)
