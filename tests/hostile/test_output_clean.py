"""Clean output: no control character from a file reaches the terminal raw, and an output
that cannot take the text is one line and exit 2.

The session keeps what the log had (an ESC stays an ESC in the journal); every writer
(``export`` in both formats, ``check`` in both, ``render``, ``profiles``, error messages)
shows C0 controls but tab, DEL, C1 and the bidi controls as visible escapes, and JSON keeps
them as JSON escapes, so it still reads back to the same text.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chair_tui.cli import main
from chair_tui.cli.output import CleanOutput, OutputError
from chair_tui.meeting.errors import UNSAFE_CODE_POINTS, json_printable, printable
from chair_tui.meeting.meetingfile import demo_path
from chair_tui.meeting.store import read_journal
from tests.helpers.cli import deadline, run

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 20
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # "rm -rf ~" onto the clipboard
CLEAR = "\x1b[2J\x1b[H"
HOSTILE = [
    ("ESC", "\x1b"),
    ("BEL", "\x07"),
    ("BS", "\x08"),
    ("CR", "\r"),
    ("VT", "\x0b"),
    ("NUL", "\x00"),
    ("DEL", "\x7f"),
    ("C1 CSI", "\x9b"),
    ("C1 OSC", "\x9d"),
    ("C1 NEL", "\x85"),
    ("LRE", "\u202a"),
    ("RLO", "\u202e"),
    ("LRI", "\u2066"),
    ("PDI", "\u2069"),
]
RAW = {chr(c) for c in UNSAFE_CODE_POINTS} - {"\t", "\n"}


@pytest.fixture(autouse=True)
def _deadline() -> Iterator[None]:
    """Fail a test that waits or loops instead of letting it block the suite."""
    with deadline(DEADLINE_S):
        yield


def assert_clean(text: str) -> None:
    raw = sorted({f"U+{ord(c):04X}" for c in text if c in RAW})
    assert raw == [], f"raw control characters reached the output: {raw}"


def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str], said: str) -> Path:
    log = tmp_path / "in.log.txt"
    log.write_text(
        "16:59:31 <chair> #startmeeting Weekly\n"
        f"16:59:40 <chair> #info {said}\n"
        "17:01:14 <chair> #endmeeting\n",
        encoding="utf-8",
    )
    target = tmp_path / "s.jsonl"
    assert main(["import-log", str(log), "-o", str(target)]) == 0
    capsys.readouterr()
    return target


def strings_in(value: object) -> Iterator[str]:
    """Every string in a decoded JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


# ---------------------------------------------------------------------------------------------
# the one helper


@pytest.mark.parametrize(("name", "char"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_printable_shows_every_control_as_a_visible_escape(name: str, char: str) -> None:
    shown = printable(f"a{char}b")
    assert_clean(shown)
    assert shown.startswith("a\\") and shown.endswith("b")
    code = ord(char)
    if char not in "\r":
        assert shown[1:-1] == (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@pytest.mark.parametrize(("name", "char"), HOSTILE, ids=[n for n, _ in HOSTILE])
def test_json_keeps_every_control_as_a_json_escape(name: str, char: str) -> None:
    dumped = json_printable(json.dumps({"t": f"a{char}b"}, ensure_ascii=False, indent=2))
    assert_clean(dumped)
    assert json.loads(dumped) == {"t": f"a{char}b"}


def test_printable_keeps_what_it_is_asked_to_and_plain_text() -> None:
    assert printable("a\tb", keep="\t") == "a\tb"
    assert printable("a\tb") == "a\\tb"
    assert printable("Zoë 日本 [x] \\ ok") == "Zoë 日本 [x] \\ ok"


def test_printable_is_linear_on_a_long_hostile_line() -> None:
    text = (OSC52 + "\u202e") * 50_000
    shown = printable(text)
    assert_clean(shown)
    assert len(shown) > len(text)


# ---------------------------------------------------------------------------------------------
# every writer


@pytest.mark.parametrize("said", [OSC52, CLEAR, "\u202eevil\u202c", "\x9b31m red", "a\x7fb"])
def test_export_lines_never_writes_a_control_but_the_session_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], said: str
) -> None:
    session = imported(tmp_path, capsys, said)
    code, out, err = run(capsys, "export", str(session))
    assert code == 0, err
    assert_clean(out)
    assert printable(f"#info {said}") in out.splitlines()
    kept = list(strings_in(read_journal(session).records))
    assert f"#info {said}" in kept, "the session must keep what the log had"


def test_export_json_escapes_and_reads_back_to_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = OSC52 + "\u2066x\u2069\x85"
    session = imported(tmp_path, capsys, said)
    code, out, _ = run(capsys, "export", str(session), "--format", "json")
    assert code == 0
    assert_clean(out)
    assert f"#info {said}" in json.loads(out)["lines"]


def test_check_text_and_json_never_write_a_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / f"notes{CLEAR}.txt"
    lines.write_text(f"#topic {OSC52}\n#info \u202eevil\n#agreed\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(lines))
    assert code == 1 and err == ""
    assert_clean(out)
    code, out, _ = run(capsys, "check", str(lines), "--format", "json")
    assert code == 1
    assert_clean(out)
    assert json.loads(out)["file"] == str(lines)


def test_render_never_writes_a_control(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = tmp_path / "m.md"
    meeting.write_text(f"# Weekly\n\n- Budget {OSC52}\n- \u202eevil\n", encoding="utf-8")
    code, out, err = run(capsys, "render", str(meeting))
    # the parser may refuse the text; if it takes it, what is printed is escaped
    assert code in (0, 2)
    assert_clean(out)
    assert_clean(err)


def test_error_messages_escape_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / f"x{OSC52}\u202e\x9b.toml"
    code, out, err = run(capsys, "render", str(name))
    assert code == 2 and out == ""
    assert_clean(err)
    assert err.count("\n") == 1 and "\\x1b]52" in err


def test_profiles_text_and_json_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["profiles"], ["profiles", "--format", "json"]):
        code, out, _ = run(capsys, *args)
        assert code == 0
        assert_clean(out)


def test_the_output_guard_escapes_whatever_a_command_writes() -> None:
    inner = io.StringIO()
    out = CleanOutput(inner)
    print(f"a{OSC52}\tb", file=out)
    assert inner.getvalue() == "a\\x1b]52;c;cm0gLXJmIH4=\\x07\tb\n"


# ---------------------------------------------------------------------------------------------
# an output that cannot take the text


def real(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chair_tui", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env={**os.environ, **env},
    )


def assert_one_ascii_line(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.isascii() and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("chair-tui: cannot write the output: ")
    for word in words:
        assert word in proc.stderr


def test_an_ascii_stdout_is_one_line_for_profiles() -> None:
    proc = real(["profiles"], PYTHONIOENCODING="ascii")
    assert_one_ascii_line(proc, "ascii", "PYTHONIOENCODING=utf-8")


def test_an_ascii_stdout_is_one_line_for_export_and_check(tmp_path: Path) -> None:
    log = tmp_path / "in.log.txt"
    log.write_text("16:59:31 <zoë> #startmeeting Café\n16:59:40 <zoë> #info Zoë\n")
    session = tmp_path / "s.jsonl"
    assert real(["import-log", str(log), "-o", str(session)]).returncode == 0
    assert_one_ascii_line(real(["export", str(session)], PYTHONIOENCODING="ascii"))
    lines = tmp_path / "café.txt"
    lines.write_text("#info café\n#agreed\n")
    assert_one_ascii_line(real(["check", str(lines)], PYTHONIOENCODING="ascii"))


def test_a_non_ascii_file_name_in_an_error_on_an_ascii_stderr(tmp_path: Path) -> None:
    proc = real(["render", str(tmp_path / "réunion.toml")], PYTHONIOENCODING="ascii")
    assert proc.returncode == 2 and proc.stderr.isascii() and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["profiles"], ["render", str(demo_path())], ["keys"], ["--version"]]
)
def test_stdout_on_dev_full_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "chair_tui", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
            cwd=ROOT,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "No space left on device" in proc.stderr


def test_a_closed_stdout_is_one_line() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); os.execv(sys.argv[1], sys.argv[1:])",
            sys.executable,
            "-m",
            "chair_tui",
            "profiles",
        ],
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_full_disk_in_process_is_an_output_error() -> None:
    class Full(io.StringIO):
        def write(self, s: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OutputError, match="No space left"):
        CleanOutput(Full()).write("x")


def test_a_broken_pipe_still_ends_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m chair_tui render {demo_path()} --chunks | head -c 1 >/dev/null",
        shell=True,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert proc.stderr == ""
