"""import-log, export --format json and minutes assign actions as the bot did: the session of a
real log knows every nick the bot saw, and its actions are assigned through the bot model.
Without --profile, import-log finds the bot from the log and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chair_tui.cli import main
from chair_tui.meeting.botmodel import detect_profile
from chair_tui.meeting.rawlog import parse_log

DATA = Path(__file__).resolve().parent.parent / "data"
MAGAZINE = DATA / "real-minutes" / "magazine.2020-06-10-12.02"
HCOOP_LOGS = sorted((DATA / "hcoop-logs").glob("*.log.txt"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def by_person(minutes: str) -> dict[str, list[str]]:
    """The "Action Items, by person" section of zodbot's text minutes."""
    section = minutes.split("Action Items, by person\n-----------------------\n", 1)[1]
    section = section.split("\n\n", 1)[0]
    out: dict[str, list[str]] = {}
    nick = ""
    for line in section.splitlines():
        if line.startswith("* "):
            nick = line[2:]
            out[nick] = []
        elif line.startswith("  * "):
            out[nick].append(line[4:])
        elif line.startswith("    "):
            out[nick][-1] += " " + line.strip()
    return out


def test_the_magazine_session_assigns_every_action_as_zodbot_did(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = tmp_path / "magazine.jsonl"
    code, _out, err = run(capsys, "import-log", str(MAGAZINE) + ".log.txt", "-o", str(session))
    assert code == 0
    assert "assuming profile zodbot" in err
    code, out, _err = run(capsys, "export", str(session), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] and data["profile"] == "zodbot" and data["lines"]
    got: dict[str, list[str]] = {}
    for action in data["actions"]:
        for nick in action["assignees"]:
            got.setdefault(nick, []).append(action["text"])
    want = by_person((MAGAZINE.parent / (MAGAZINE.name + ".txt")).read_text())
    assert want.pop("**UNASSIGNED**") == ["(none)"]
    assert got == want
    assert data["unassigned"] == []
    assert [d["kind"] for d in data["decisions"]] and all(
        d["kind"] in ("AGREED", "ACCEPTED", "REJECTED") for d in data["decisions"]
    )


def test_minutes_of_the_imported_session_list_the_same_people(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = tmp_path / "magazine.jsonl"
    run(capsys, "import-log", str(MAGAZINE) + ".log.txt", "-o", str(session), "--profile", "zodbot")
    code, out, _err = run(capsys, "minutes", str(session))
    assert code == 0
    want = (MAGAZINE.parent / (MAGAZINE.name + ".txt")).read_text()
    assert by_person(out) == by_person(want)


@pytest.mark.parametrize("log", HCOOP_LOGS, ids=lambda p: p.name)
def test_the_real_hcoop_logs_are_detected_as_hcoop(log: Path) -> None:
    found = detect_profile(parse_log(log.read_text(), log))
    assert found.profile == "hcoop" and found.bot_nick == "meetbot"


def test_import_log_says_which_bot_it_assumed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = HCOOP_LOGS[0]
    code, _out, err = run(capsys, "import-log", str(log), "-o", str(tmp_path / "s.jsonl"))
    assert code == 0
    assert "assuming profile hcoop: hcoop-meetbot's start text (line" in err
    code, out, _err = run(capsys, "export", str(tmp_path / "s.jsonl"), "--format", "json")
    assert json.loads(out)["profile"] == "hcoop"


def test_import_log_without_a_bot_line_falls_back_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "m.log.txt"
    log.write_text("12:00:01 <neal> #startmeeting x\n12:00:02 <neal> #info y\n")
    code, _out, err = run(capsys, "import-log", str(log), "-o", str(tmp_path / "s.jsonl"))
    assert code == 0
    assert "assuming profile meetbot: the log has no line of a known bot" in err


def test_a_given_profile_is_not_second_guessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = HCOOP_LOGS[0]
    target = tmp_path / "s.jsonl"
    code, _out, err = run(capsys, "import-log", str(log), "-o", str(target), "--profile", "meetbot")
    assert code == 0 and "assuming" not in err
