"""Importing previous minutes into the ledger: every format, on real minutes where they exist
(tests/data/real-minutes, tests/data/hcoop-logs) and on the spec-built ones of
tests/data/minutes-import (SOURCE.md says which is which)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chair_tui.meeting.ledger import load
from chair_tui.meeting.ledger.imports import ImportFormat, detect_format, read_minutes
from tests.helpers.cli import run
from tests.helpers.timing import assert_linear

DATA = Path(__file__).parent.parent / "data"
REAL = DATA / "real-minutes"
SPEC = DATA / "minutes-import"
HCOOP = DATA / "hcoop-logs"
VECTOR = [
    (
        "neal and Chris follow up with Omar about the fscrypt work and report back to the "
        "working group with a written summary of the options",
        ("Chris", "neal"),
        ("neal", "Chris"),
    ),
    ("Neal to update the wiki", ("neal",), ("neal",)),
    ("someone should file a ticket", (), ()),
    ("another unassigned item", (), ()),
]


def _read(
    path: Path, fmt: str = "auto"
) -> tuple[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
    got = read_minutes(path.read_text(encoding="utf-8"), fmt, str(path))
    return got.format, [(a.text, a.minuted, a.intended) for a in got.actions]


def test_zodbot_txt_with_actions_wrapped_at_72_columns() -> None:
    got = read_minutes((REAL / "magazine.2020-06-10-12.02.txt").read_text(), "auto", "m.txt")
    assert got.format == "txt"
    assert got.title == "Magazine editorial board"
    assert got.date == "2020-06-10"
    assert got.minutes_url.endswith("/2020-06-10/magazine.2020-06-10-12.02.html")
    assert len(got.actions) == 8
    wrapped = got.actions[4]
    assert wrapped.text == (
        "bcotton to create magazine sub-topic in Project Conversations (or whatever that "
        "topic in discussion.fp.o is called)"
    )
    assert wrapped.minuted == ("bcotton",) and wrapped.intended == ("bcotton",)


def test_zodbot_txt_without_actions() -> None:
    got = read_minutes((REAL / "fedora_iot_working_group_meeting.2020-06-10-14.10.txt").read_text())
    assert got.format == "txt" and got.actions == ()


def test_the_heading_in_either_case() -> None:
    text = (REAL / "magazine.2020-06-10-12.02.txt").read_text()
    lower = text.replace("Action Items\n------------", "Action items\n------------")
    lower = lower.replace("Action Items, by person", "Action items, by person")
    assert lower != text
    assert read_minutes(lower).actions == read_minutes(text).actions


@pytest.mark.parametrize("name", ["meetbot.txt", "openstack.txt"])
def test_darst_txt_takes_the_summary_actions_and_by_person_for_owners(name: str) -> None:
    assert _read(SPEC / name) == ("txt", VECTOR)


def test_meetingology_moin() -> None:
    assert _read(SPEC / "meetingology.moin.txt") == ("moin", VECTOR)


def test_fedora_matrix_txt_with_trailing_spaces_and_mxids() -> None:
    got = read_minutes((SPEC / "fedora-matrix.txt").read_text(), "auto", "")
    assert got.format == "matrix" and got.date == "2024-05-08" and got.title == "Fedora CoreOS"
    assert [(a.text, a.minuted, a.intended) for a in got.actions] == [
        ("@chris:fedora.im to look at the aarch64 build failures", (), ("@chris:fedora.im",)),
        ("dustymabe to write the release notes for the next stable stream", (), ("dustymabe",)),
    ]


def test_hcoop_log_json_as_the_real_bot_assigned() -> None:
    # wrapped.html: "by Attendee" lists the first action under Chris only (neal's "neal," is
    # not a token); misfiled.html lists nothing
    fmt, actions = _read(HCOOP / "wrapped.log.json")
    assert fmt == "hcoop-json"
    assert actions == [
        (
            "neal, Chris follow up with Omar about the encryption work",
            ("Chris",),
            ("neal", "Chris"),
        ),
        ("tomas to write the summary", (), ("tomas",)),
        ("somebody reviews the homed proposal", (), ()),
    ]
    _, misfiled = _read(HCOOP / "misfiled.log.json")
    assert all(minuted == () for _, minuted, _ in misfiled)


def test_a_raw_log_through_the_bot_model() -> None:
    assert _read(SPEC / "irc-meeting.log.txt") == ("log", VECTOR)
    fmt, actions = _read(REAL / "magazine.2020-06-10-12.02.log.txt")
    txt = read_minutes((REAL / "magazine.2020-06-10-12.02.txt").read_text())
    assert fmt == "log"
    assert [(t, m) for t, m, _ in actions] == [(a.text, a.minuted) for a in txt.actions]


def test_detection() -> None:
    assert detect_format("{}") is ImportFormat.HCOOP_JSON
    assert detect_format("16:00 <a> hi") is ImportFormat.LOG
    assert detect_format((SPEC / "meetingology.moin.txt").read_text()) is ImportFormat.MOIN


def test_cli_import_show_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIR_TUI_DATA_DIR", str(tmp_path / "d"))
    code, _, err = run(
        capsys,
        "ledger",
        "import",
        str(REAL / "magazine.2020-06-10-12.02.txt"),
        "--name",
        "magazine",
    )
    assert code == 0 and "8 actions read as txt" in err
    monkeypatch.setattr("sys.stdin", open(SPEC / "fedora-matrix.txt"))  # noqa: SIM115
    code, _, err = run(capsys, "ledger", "import", "-", "--name", "magazine", "--format", "matrix")
    assert code == 0 and "10 open" in err
    code, out, _ = run(capsys, "ledger", "show", "magazine")
    assert code == 0 and "A4 [open] bcotton to edit #175 — bcotton" in out
    code, out, _ = run(capsys, "ledger", "show", "magazine", "--format", "json")
    assert json.loads(out)["next_id"] == 11
    code, out, _ = run(capsys, "ledger", "list")
    assert out.split() == ["magazine"]
    assert len(load("magazine", base=tmp_path / "d").actions) == 10
    code, _, err = run(capsys, "ledger", "import", str(tmp_path / "missing.txt"), "--name", "m")
    assert code == 2 and "no such file" in err
    code, _, _ = run(capsys, "ledger")
    assert code == 2


def _darst(n: int) -> str:
    item = "* alice to do a thing that takes a while to describe in the minutes\n  wrapped\n"
    return (
        "Meeting summary\n---------------\n\nAction Items\n------------\n"
        + item * n
        + "\nAction Items, by person\n-----------------------\n* alice\n  "
        + item * n
    )


MAKERS: tuple[Callable[[int], str], ...] = (
    _darst,
    lambda n: (
        _darst(n)
        .replace("Action Items\n------------\n", "")
        .replace("* alice to", "  * ACTION: alice to")
    ),
    lambda n: "== Meeting summary ==\n" + " * ''ACTION:'' bob " + "x " * n + " (a, 16:00)\n",
    lambda n: (
        "Meeting summary\n---------------\nMeeting started by @a:b at 2024-01-01 1\n"
        "Action items\n------------\n" + "* @b:c to do  \n" * n
    ),
    lambda n: json.dumps(
        {
            "nicks": {f"n{i}": 1 for i in range(20)},
            "events": [{"event_type": "ACTION", "operand": f"n{i % 20} to act"} for i in range(n)],
        }
    ),
    lambda n: "Meeting summary\n---------------\n* ACTION: x" + " (" * n + " " * n + "(a, 16:00)",
)


@pytest.mark.timing  # a ratio of CPU times: runs beside other tests
def test_every_reader_is_linear() -> None:
    """One timing over every reader (each at size n), to keep the suite fast."""

    def run(n: int) -> Callable[[], object]:
        texts = [make(n) for make in MAKERS]
        return lambda: [read_minutes(text) for text in texts]

    assert_linear(run, 100)
