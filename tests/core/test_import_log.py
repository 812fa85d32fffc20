"""``chair-tui import-log``: a raw MeetBot log becomes a session, and export gives it back."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from chair_tui.cli import main
from chair_tui.cli.import_log import run_import
from chair_tui.meeting.importlog import kind_of
from chair_tui.meeting.profiles import PROFILES, Kind
from chair_tui.meeting.session import COPIED, Session, find_unfinished
from tests.conftest import UserDirs

SEED = Path(__file__).resolve().parent.parent / "data" / "workstation-2021-06-30.log.txt"


def seed_messages() -> list[str]:
    """The chair's message texts, read from the log independently of chair-tui's parser."""
    out = []
    for raw in SEED.read_bytes().decode("utf-8").split("\n"):
        m = re.fullmatch(r"\d\d:\d\d:\d\d <cmurf>(?: (.*))?", raw)
        assert m is not None, raw
        out.append(m.group(1) or "")
    return out


def do_import(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = list(args)
    log = argv.pop(0)
    opts: dict[str, Any] = {"chair": None, "profile": None, "output": None}
    names = {"-o": "output", "--chair": "chair", "--profile": "profile"}
    while argv:
        flag, value = argv.pop(0), argv.pop(0)
        opts[names[flag]] = value
    code = run_import(log, opts["chair"], opts["profile"], opts["output"], out, err)
    return code, out.getvalue(), err.getvalue()


def test_round_trip_of_the_seed_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "seed.jsonl"
    assert main(["import-log", str(SEED), "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{target}\n"
    assert "39 lines said by cmurf" in err

    assert main(["export", str(target), "--format", "lines"]) == 0
    exported = capsys.readouterr().out
    messages = seed_messages()
    assert len(messages) == 39
    assert messages[5] == ""  # 16:59:41 <cmurf> with no text
    expected = [m for m in messages if m != ""]
    assert exported == "".join(m + "\n" for m in expected)
    assert exported.encode("utf-8") == b"".join(m.encode("utf-8") + b"\n" for m in expected)


def test_imported_session_keeps_every_line_and_its_kind(tmp_path: Path) -> None:
    target = tmp_path / "seed.jsonl"
    assert do_import(str(SEED), "-o", str(target))[0] == 0
    s = Session.load(target)
    assert [ln.text for ln in s.lines] == seed_messages()  # the empty message is kept too
    assert all(ln.state == COPIED for ln in s.lines)
    kinds = [ln.kind for ln in s.lines]
    assert kinds.count(Kind.TOPIC) == 5
    assert kinds.count(Kind.INFO) == 5
    assert kinds.count(Kind.DECISION) == 2
    assert kinds.count(Kind.LINK) == 1
    assert kinds.count(Kind.END) == 1
    assert kinds[5] is Kind.NOTE and s.lines[5].text == ""
    assert s.ended
    assert s.plan.title == SEED.name  # no #startmeeting in this log
    assert s.plan.chair == "cmurf"
    assert s.profile.name == "meetbot"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # the summary is what the bot files: no #startmeeting in this excerpt, so nothing
    assert s.summary().decisions == []


def test_default_location_is_the_data_dir(user_dirs: UserDirs) -> None:
    code, out, _err = do_import(str(SEED))
    assert code == 0
    path = Path(out.strip())
    assert path.parent == user_dirs.data_dir / "sessions"
    assert path.suffix == ".jsonl"
    assert find_unfinished(user_dirs.data_dir) == []  # the log ended the meeting


def test_title_from_startmeeting_and_profile(tmp_path: Path) -> None:
    log = tmp_path / "m.log.txt"
    log.write_text(
        "12:00:01 <neal> hi\n"
        "12:00:02 <bcotton> !startmeeting  Fedora  Magazine \n"
        "12:00:03 <bcotton> !topic Stats\n"
        "12:00:04 <neal> !info not the chair\n"
        "12:00:05 * bcotton waves\n"
        "12:00:06 <bcotton> #topic wrong dialect\n",
        encoding="utf-8",
    )
    target = tmp_path / "m.jsonl"
    code, _out, err = do_import(str(log), "--profile", "fedora-matrix", "-o", str(target))
    assert code == 0, err
    s = Session.load(target)
    assert s.plan.title == "Fedora Magazine"
    assert s.plan.chair == "bcotton"
    assert s.profile.name == "fedora-matrix"
    assert [(ln.kind, ln.text) for ln in s.lines] == [
        (Kind.START, "!startmeeting  Fedora  Magazine "),
        (Kind.TOPIC, "!topic Stats"),
        (Kind.NOTE, "/me waves"),
        (Kind.NOTE, "#topic wrong dialect"),
    ]
    assert s.started and not s.ended


def test_chair_given_on_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "s.jsonl"
    code, _out, _err = do_import(str(SEED), "--chair", "cmurf", "-o", str(target))
    assert code == 0
    code, out, err = do_import(str(SEED), "--chair", "neal", "-o", str(tmp_path / "n.jsonl"))
    assert code == 2 and out == ""
    assert err == f"chair-tui: {SEED}: 'neal' said nothing in this log (nicks in it: cmurf)\n"
    assert not (tmp_path / "n.jsonl").exists()


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "exists.jsonl"
    target.write_text("precious\n")
    code, out, err = do_import(str(SEED), "-o", str(target))
    assert code == 2 and out == ""
    assert err == f"chair-tui: {target}: already exists (import-log never overwrites a file)\n"
    assert target.read_text() == "precious\n"


def test_malformed_line_names_its_line(tmp_path: Path) -> None:
    log = tmp_path / "bad.log.txt"
    log.write_text("16:59:31 <cmurf> #topic A\nthis is not a log line\n", encoding="utf-8")
    target = tmp_path / "s.jsonl"
    code, out, err = do_import(str(log), "-o", str(target))
    assert code == 2 and out == ""
    assert err.startswith(f"chair-tui: {log}:2:1: not a log line")
    assert len(err.splitlines()) == 1
    assert not target.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "no messages in this log"), (b"\n\n", "no messages in this log")],
)
def test_empty_log(tmp_path: Path, content: bytes, message: str) -> None:
    log = tmp_path / "empty.log.txt"
    log.write_bytes(content)
    code, _out, err = do_import(str(log))
    assert code == 2
    assert err == f"chair-tui: {log}: {message}\n"


def test_unreadable_inputs(tmp_path: Path) -> None:
    code, _out, err = do_import(str(tmp_path / "gone.log"))
    assert (code, err) == (2, f"chair-tui: {tmp_path / 'gone.log'}: no such file\n")
    bad = tmp_path / "bin.log"
    bad.write_bytes(b"16:59:31 <cmurf> caf\xe9\n")
    code, _out, err = do_import(str(bad))
    assert code == 2 and err.startswith(f"chair-tui: {bad}:1:")
    code, _out, err = do_import(str(SEED), "--profile", "nosuchbot")
    assert code == 2 and "unknown profile 'nosuchbot'" in err


def test_output_in_a_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.jsonl"
    code, _out, err = do_import(str(SEED), "-o", str(target))
    assert code == 2
    assert err.startswith(f"chair-tui: {target}: cannot create the session")


@pytest.mark.parametrize(
    ("profile", "text", "kind"),
    [
        ("meetbot", "#agreed x", Kind.DECISION),
        ("meetbot", "#AGREED x", Kind.DECISION),
        ("hcoop", "#agreed x", Kind.NOTE),  # "Unknown command" in hcoop
        ("hcoop", "#accepted x", Kind.DECISION),
        ("zodbot", "#halp x", Kind.HELP),
        ("meetbot", "#unchair neal", Kind.NOTE),
        ("meetbot", "#link", Kind.LINK),
        ("meetbot", "https://example.org/bug is the bug", Kind.LINK),
        ("meetbot", " #topic indented", Kind.NOTE),
        ("meetingology", " #topic indented", Kind.TOPIC),
        ("fedora-matrix", "!t short", Kind.TOPIC),
        ("fedora-matrix", "#topic x", Kind.NOTE),
        ("meetbot", "", Kind.NOTE),
    ],
)
def test_kind_of(profile: str, text: str, kind: Kind) -> None:
    assert kind_of(PROFILES[profile], text) is kind
