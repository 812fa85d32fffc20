"""The command line without the TUI: render, profiles, export, --version, and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chair_tui import __version__
from chair_tui.cli import COMMANDS, ExitCode, main, quick_options
from chair_tui.cli.parsers import command_parser
from chair_tui.meeting.meetingfile import demo_path
from chair_tui.meeting.model import Entry, MeetingPlan
from chair_tui.meeting.profiles import PROFILES, Kind
from chair_tui.meeting.session import Session

DEMO = str(demo_path())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, prefix: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"chair-tui: {prefix}"), err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# render


def test_render_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", DEMO)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:3] == [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#chair mclasen",
    ]
    assert lines[-1] == "#endmeeting"
    assert "" not in lines


@pytest.mark.parametrize("name", list(PROFILES))
def test_render_demo_for_every_profile(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _err = run(capsys, "render", DEMO, "--profile", name)
    assert code == 0
    prefix = PROFILES[name].prefix
    assert all(line.startswith(prefix) for line in out.splitlines())


def test_render_fedora_matrix_tells_the_chair_about_the_missing_chair_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "render", DEMO, "--profile", "fedora-matrix")
    assert code == 0
    assert not any(line.startswith(("!chair", "#chair")) for line in out.splitlines())
    assert err.startswith("chair-tui: note: co-chairs mclasen are not set by the bot")
    assert "power level" in err


def test_render_chunks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "render", DEMO, "--profile", "fedora-matrix", "--chunks")
    assert code == 0
    groups = out.rstrip("\n").split("\n\n")
    assert groups[0] == "!startmeeting Workstation WG"
    assert all(1 <= len(g.splitlines()) <= 4 for g in groups)


def test_render_markdown_agenda(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    md = tmp_path / "weekly.md"
    md.write_text("# Team sync\n- First https://example.org/1\n- Second\n", encoding="utf-8")
    code, out, _err = run(capsys, "render", str(md))
    assert code == 0
    assert out.splitlines()[:1] == ["#startmeeting Team sync"]
    assert "#link https://example.org/1" in out.splitlines()


def test_render_notes_go_to_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    meeting = tmp_path / "m.toml"
    meeting.write_text(
        'title = "T"\n[[agenda]]\ntitle = "A"\nlinks = ["https://example.org/a."]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "render", str(meeting))
    assert code == 0
    assert "#link https://example.org/a" in out.splitlines()
    assert err == "chair-tui: note: took the punctuation off the end of the URL\n"


# ---------------------------------------------------------------------------------------------
# Bad input: exit 2 and one line


def test_toml_syntax_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\nname = = 3\n', encoding="utf-8")
    code, out, err = run(capsys, "render", str(bad))
    assert code == 2 and out == ""
    assert_one_error_line(err, f"{bad}:2:8: TOML syntax: ")


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"title = 5\n", ":1: "),
        (b'title = "x"\nprofil = "zodbot"\n', ":2: "),
        (b'title = "x"\nname = "caf\xe9"\n', ":2:12: "),
        (b"\x00\x01", ": "),
        (b'title = "x"\n[[agenda]]\ntitle = "A"\ninfo = ["regrets:"]\n', ": "),
    ],
)
def test_bad_meeting_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, where: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    code, out, err = run(capsys, "render", str(bad))
    assert code == 2 and out == ""
    assert_one_error_line(err, f"{bad}{where}")


def test_missing_meeting_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "render", str(tmp_path / "gone.toml"))
    assert code == 2
    assert err == f"chair-tui: {tmp_path / 'gone.toml'}: no such file\n"


def test_unknown_profile(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "render", DEMO, "--profile", "nosuchbot")
    assert code == 2
    assert_one_error_line(err, "unknown profile 'nosuchbot' (choose one of: ")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["render"])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_input_through_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n\nchairs = [1]\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "chair_tui", "render", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        f"chair-tui: {bad}:3: the meeting file: 'chairs' must be a list of strings\n"
    )


# ---------------------------------------------------------------------------------------------
# profiles and --version


def test_profiles_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "profiles")
    assert code == 0
    for name in PROFILES:
        assert any(line.startswith(name) for line in out.splitlines())
    assert "decision=#accepted" in out and "help=!halp" in out and "chair=—" in out


def test_profiles_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "profiles", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == set(PROFILES)
    assert data["hcoop"]["verbs"]["decision"] == "#accepted"
    assert data["zodbot"]["verbs"]["help"] == "#halp"
    assert data["zodbot"]["start_requires_name"] is True
    assert "chair" not in data["fedora-matrix"]["verbs"]
    assert data["fedora-matrix"]["start_alone"] is True
    assert "power level" in data["fedora-matrix"]["notes"]["chair"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"chair-tui {__version__}\n"


# ---------------------------------------------------------------------------------------------
# export


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    s = Session.create(MeetingPlan(title="T"), tmp_path, sync=False)
    s.open_step()
    s.record(Entry(Kind.INFO, "one"))
    s.import_raw([(Kind.NOTE, ""), (Kind.NOTE, "  raw  ")])
    s.record(Entry(Kind.INFO, "deleted"))
    s.delete_line(s.pending()[-1].id)
    s.close()
    assert s.path is not None
    return s.path


def test_export_lines(capsys: pytest.CaptureFixture[str], session_file: Path) -> None:
    code, out, err = run(capsys, "export", str(session_file))
    assert code == 0 and err == ""
    assert out == "#startmeeting T\n#info one\n  raw  \n"


def test_export_json(capsys: pytest.CaptureFixture[str], session_file: Path) -> None:
    code, out, _err = run(capsys, "export", str(session_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["lines"] == ["#startmeeting T", "#info one", "  raw  "]
    assert set(data) >= {"topics", "decisions", "actions", "unassigned"}


def test_export_torn_session_warns_and_leaves_the_file(
    capsys: pytest.CaptureFixture[str], session_file: Path
) -> None:
    torn = session_file.read_bytes()[:-7]
    session_file.write_bytes(torn)
    code, out, err = run(capsys, "export", str(session_file))
    assert code == 0
    assert out.splitlines()[:2] == ["#startmeeting T", "#info one"]
    assert err.startswith(f"chair-tui: warning: {session_file}: record ")
    assert session_file.read_bytes() == torn


def test_export_damaged_session(capsys: pytest.CaptureFixture[str], session_file: Path) -> None:
    lines = session_file.read_bytes().splitlines(keepends=True)
    lines[1] = b"{not json}\n"
    session_file.write_bytes(b"".join(lines))
    code, out, err = run(capsys, "export", str(session_file))
    assert code == 2 and out == ""
    assert_one_error_line(err, f"{session_file}:2: damaged session record")


def test_export_missing_session(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "export", str(tmp_path / "gone.jsonl"))
    assert code == 2
    assert_one_error_line(err, f"{tmp_path / 'gone.jsonl'}: cannot read session")


# ---------------------------------------------------------------------------------------------
# every command, and the exit codes


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], name: str) -> None:
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: chair-tui {name} [-h]")


def test_the_exit_codes_are_documented() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    table = doc.split("## Exit codes", 1)[1].split("\n\n", 2)[1]
    documented = [int(m) for m in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)]
    assert documented == [int(code) for code in ExitCode]


# ---------------------------------------------------------------------------------------------
# the quick path past argparse


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "meeting.toml"],
        ["check", "notes.txt"],
        ["check", ""],
        ["check", "a b=c"],
        ["export", "s.jsonl"],
        ["import-log", "x.log.txt"],
        ["profiles"],
        ["keys"],
    ],
)
def test_the_quick_path_parses_as_argparse_does(argv: list[str]) -> None:
    quick = quick_options(argv[0], argv[1:])
    assert quick is not None
    assert quick == vars(command_parser(argv[0]).parse_args(argv[1:]))


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "notes.txt", "--fix"],
        ["check", "--format", "json", "notes.txt"],
        ["check", "-"],
        ["check", "--help"],
        ["check"],
        ["render", "a", "b"],
        ["profiles", "--format", "json"],
        ["keys", "x"],
    ],
)
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert quick_options(argv[0], argv[1:]) is None


def test_version_and_check_without_argparse(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("#topic Rollcall\n")
    script = (
        "import contextlib, io, sys\n"
        "from chair_tui.cli import main\n"
        "with contextlib.suppress(SystemExit):\n"
        "    main(['--version'])\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(lines)!r}])\n"
        "print('argparse' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert proc.stdout == f"chair-tui {__version__}\nFalse\n"
