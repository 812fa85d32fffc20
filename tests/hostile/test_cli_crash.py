"""A crash is a crash: an unexpected exception in any command exits 70 with one line naming
a private crash report, and shows no traceback or local variable on the terminal.

A command is made to fail by replacing its ``run``; the report is then looked for under the
data dir (``crash/``), or the temp dir when the data dir is the problem.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from chair_tui import __version__
from chair_tui.cli import COMMANDS, TUI_MODULE, main
from chair_tui.exitcodes import ExitCode
from chair_tui.meeting import crashreport
from chair_tui.meeting.crashreport import (
    MAX_REPORT_CHARS,
    NO_REPORT,
    crash_line,
    report_text,
    write_crash_report,
)
from chair_tui.meeting.meetingfile import demo_path
from tests.conftest import UserDirs
from tests.helpers.cli import deadline

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 20
SECRET = "budget cut for the\x1b]52;c;secret\x07 team"
LINE_RE = re.compile(
    r"chair-tui: internal error; a report was written to (?P<path>\S+)"
    r" \(please attach it to a bug report\)\n"
)


@pytest.fixture(autouse=True)
def _deadline() -> Iterator[None]:
    """Fail a test that waits or loops instead of letting it block the suite."""
    with deadline(DEADLINE_S):
        yield


@pytest.fixture(autouse=True)
def _private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp dir, for reports that fall back to it: one of the test's own."""
    temp = tmp_path / "systemp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def boom(*args: object, **kwargs: object) -> NoReturn:
    secret = SECRET  # a local holding meeting text: must not reach the terminal
    raise RuntimeError(f"unexpected state ({len(secret)})")


def crash(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str, Path]:
    code = main(list(args))
    out, err = capsys.readouterr()
    m = LINE_RE.fullmatch(err)
    assert m is not None, err
    return code, out, err, Path(m.group("path"))


def assert_private_report(path: Path) -> str:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert re.fullmatch(r"(chair-tui-)?crash-\d{8}-\d{6}-[0-9a-f]{8}\.txt", path.name)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"chair-tui {__version__}\n")
    assert "Traceback (most recent call last)" in text
    assert SECRET not in text  # no locals, and controls escaped
    assert "\x1b" not in text
    return text


def _patch_command(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setattr(importlib.import_module(f"chair_tui.cli.{module}"), "run", boom)


ARGS = {
    "render": ["render", "m.toml"],
    "check": ["check", "l.txt"],
    "profiles": ["profiles"],
    "import-log": ["import-log", "x.log"],
    "export": ["export", "s.jsonl"],
    "minutes": ["minutes", "x.log"],
    "keys": ["keys"],
    "summary": ["summary", "s.jsonl"],
    "next-meeting": ["next-meeting", "m.toml"],
    "compile": ["compile", "notes.md"],
    "notes": ["notes", "notes.md"],
    "ledger": ["ledger", "list"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_crashes_into_a_report(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    user_dirs: UserDirs,
    name: str,
) -> None:
    user_dirs.data_dir.mkdir(mode=0o700)
    _patch_command(monkeypatch, COMMANDS[name])
    code, out, err, report = crash(capsys, *ARGS[name])
    assert code == ExitCode.CRASH and int(code) == 70
    assert out == "" and "Traceback" not in err and "secret" not in err
    assert report.parent == user_dirs.data_dir / "crash"
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert "RuntimeError: unexpected state" in assert_private_report(report)


def test_the_tui_path_crashes_into_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    _patch_command(monkeypatch, TUI_MODULE)
    code, _, _, report = crash(capsys, "--data-dir", str(data), str(demo_path()))
    assert code == 70 and report.parent == data / "crash"
    assert_private_report(report)


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("bad"),
        KeyError("k"),
        AssertionError("never"),
        RecursionError("deep"),
        UnicodeEncodeError("ascii", "é", 0, 1, "not from the output"),
        ZeroDivisionError("x"),
        MemoryError(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_any_unexpected_exception_is_a_crash(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    user_dirs: UserDirs,
    exc: BaseException,
) -> None:
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise exc

    monkeypatch.setattr("chair_tui.cli.profiles.run", fail)
    code, _, _, report = crash(capsys, "profiles")
    assert code == 70
    assert type(exc).__name__ in assert_private_report(report)


def test_an_os_error_is_bad_input_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "/x/s.jsonl")

    monkeypatch.setattr("chair_tui.cli.profiles.run", fail)
    assert main(["profiles"]) == 2
    assert capsys.readouterr().err == "chair-tui: /x/s.jsonl: Read-only file system\n"


def test_ctrl_c_and_exit_are_not_crashes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr("chair_tui.cli.profiles.run", interrupted)
    assert main(["profiles"]) == 130
    with pytest.raises(SystemExit) as info:
        main(["profiles", "--no-such-option"])
    assert info.value.code == 2
    assert "internal error" not in capsys.readouterr().err


@pytest.mark.parametrize("how", ["a file", "/dev/null", "missing"])
def test_a_data_dir_that_cannot_be_used_sends_the_report_to_the_temp_dir(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    _private_temp: Path,
    how: str,
) -> None:
    bad = {"a file": tmp_path / "f", "/dev/null": Path(os.devnull), "missing": tmp_path / "no"}
    if how == "a file":
        bad[how].write_text("x")
    monkeypatch.setattr("chair_tui.cli.profiles.run", boom)
    monkeypatch.setenv("CHAIR_TUI_DATA_DIR", str(bad[how]))
    code, _, _, report = crash(capsys, "profiles")
    assert code == 70 and report.parent == _private_temp
    assert report.name.startswith("chair-tui-crash-")
    assert_private_report(report)


def test_a_crash_dir_that_is_a_link_is_not_written_through(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    user_dirs: UserDirs,
    tmp_path: Path,
    _private_temp: Path,
) -> None:
    user_dirs.data_dir.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (user_dirs.data_dir / "crash").symlink_to(elsewhere)
    monkeypatch.setattr("chair_tui.cli.profiles.run", boom)
    _, _, _, report = crash(capsys, "profiles")
    assert report.parent == _private_temp and list(elsewhere.iterdir()) == []


def test_a_crash_dir_others_can_write_is_not_used(user_dirs: UserDirs, _private_temp: Path) -> None:
    user_dirs.data_dir.mkdir(mode=0o700)
    (user_dirs.data_dir / "crash").mkdir()
    (user_dirs.data_dir / "crash").chmod(0o777)
    report = write_crash_report(RuntimeError("x"), data_dir=user_dirs.data_dir)
    assert report.parent == _private_temp


def test_no_report_anywhere_still_gives_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(crashreport, "_write_new", full)
    monkeypatch.setattr("chair_tui.cli.profiles.run", boom)
    assert main(["profiles"]) == 70
    err = capsys.readouterr().err
    assert err == crash_line(NO_REPORT) + "\n"
    assert "no crash report could be written" in err


def test_a_report_survives_an_exception_that_cannot_be_shown(user_dirs: UserDirs) -> None:
    class Unshowable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    user_dirs.data_dir.mkdir(mode=0o700)
    report = write_crash_report(Unshowable(), data_dir=user_dirs.data_dir)
    assert report != NO_REPORT and "Unshowable" in report.read_text()


def test_a_huge_message_is_cut(user_dirs: UserDirs) -> None:
    text = report_text(ValueError("x" * (MAX_REPORT_CHARS * 2)))
    assert len(text) < MAX_REPORT_CHARS + 10_000 and "[report cut here]" in text


def test_two_crashes_in_one_second_get_two_reports(user_dirs: UserDirs) -> None:
    user_dirs.data_dir.mkdir(mode=0o700)
    first = write_crash_report(ValueError("1"), data_dir=user_dirs.data_dir)
    second = write_crash_report(ValueError("2"), data_dir=user_dirs.data_dir)
    assert first != second and first.exists() and second.exists()


def test_the_crash_line_is_ascii_and_one_line() -> None:
    line = crash_line(Path("/tmp/réu\nnion/crash-1.txt"))
    assert line.isascii() and "\n" not in line


CRASHING = """
import sys
import chair_tui.cli.render as render
def run(*args, **kwargs):
    meeting_notes = "private minutes"
    raise RuntimeError("boom")
render.run = run
from chair_tui.cli import main
raise SystemExit(main(["render", "x.toml"]))
"""


def test_a_real_process_crash_shows_one_line_and_no_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    proc = subprocess.run(
        [sys.executable, "-c", CRASHING],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env={**os.environ, "CHAIR_TUI_DATA_DIR": str(data)},
    )
    assert proc.returncode == 70
    m = LINE_RE.fullmatch(proc.stderr)
    assert m is not None, proc.stderr
    report = Path(m.group("path"))
    assert report.parent == data / "crash"
    text = assert_private_report(report)
    assert "private minutes" not in text and "RuntimeError: boom" in text
