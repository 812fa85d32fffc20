"""``chair-tui check``: output formats, exit codes, raw-log detection and ``--fix``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chair_tui.cli.check import run_check
from chair_tui.meeting.checklog import fixed_path
from chair_tui.meeting.lint import fix_lines
from chair_tui.meeting.profiles import PROFILES
from chair_tui.meeting.rawlog import parse_log

SEED = Path(__file__).parent.parent / "data" / "workstation-2021-06-30.log.txt"


def check(
    path: Path | str, profile: str | None = None, fmt: str = "text", fix: bool = False
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_check(str(path), profile, fmt, fix, out, err)
    return code, out.getvalue(), err.getvalue()


def check_json(path: Path, profile: str | None = None, fix: bool = False) -> dict[str, Any]:
    code, out, err = check(path, profile, "json", fix)
    assert err == ""
    report: dict[str, Any] = json.loads(out)
    assert report["exit"] == code
    return report


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    target = tmp_path / "workstation-2021-06-30.log.txt"
    shutil.copyfile(SEED, target)
    return target


def test_seed_text_report(seed: Path) -> None:
    code, out, err = check(seed)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert f"{seed}:15: L5 #link with nothing after it: the bot records an empty link item" in out
    # a raw log: the empty message was sent, and recorded nothing (a note, not a warning)
    assert any(line.startswith(f"{seed}:6: L18 empty message") for line in lines)
    assert any(line.startswith(f"{seed}:12: L15 not a command") for line in lines)
    assert any(line.startswith(f"{seed}:19: L20 lines 19-21") for line in lines)
    assert f"{seed}:16: L15 not a command: MeetBot (Debian) leaves this line out" in out
    assert "(fix: #info Chris introduces Omar" in out
    for line in lines[:-1]:
        assert line.startswith(f"{seed}:"), line
    # no bot line in the seed: it says which profile it assumed, and why
    assert lines[-1] == (
        f"{seed}: 1 error, 7 warnings, 15 notes (raw log, chair cmurf, assuming profile"
        " meetbot: the log has no line of a known bot (use --profile to choose))"
    )


@pytest.mark.parametrize("profile", ["meetbot", "zodbot", None])
def test_seed_agreed_is_fine_for_meetbot_and_zodbot(seed: Path, profile: str | None) -> None:
    _code, out, _err = check(seed, profile)
    assert " L1 " not in out
    assert f"{seed}:7:" not in out


def test_seed_agreed_is_flagged_for_hcoop(seed: Path) -> None:
    code, out, _err = check(seed, "hcoop")
    assert code == 1
    assert f"{seed}:7: L1 #agreed is not a hcoop-meetbot command" in out
    assert f"{seed}:13: L1 #agreed is not a hcoop-meetbot command" in out
    assert "(fix: write `#accepted no objections`)" in out


def test_seed_json_report(seed: Path) -> None:
    report = check_json(seed, "zodbot")
    assert report["file"] == str(seed)
    assert (report["profile"], report["kind"], report["chair"]) == ("zodbot", "log", "cmurf")
    assert report["exit"] == 1
    findings = report["findings"]
    link = findings_at(findings, 15, "L5")
    assert (link["severity"], link["fix"]) == ("error", "remove the line, or add the text")
    counts = report["counts"]
    assert counts["total"] == len(findings)
    assert counts["error"] + counts["warning"] + counts["info"] == len(findings)
    assert report["by_code"]["L15"] == counts["info"] - 1 == 14  # and the L18 note
    assert report["by_code"]["L20"] == 7
    assert report["fixed"] is None


def findings_at(findings: list[dict[str, Any]], line: int, code: str) -> dict[str, Any]:
    (found,) = [f for f in findings if f["line"] == line and f["code"] == code]
    assert set(found) == {"code", "line", "severity", "message", "fix"}
    return found


def test_clean_lines_file_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "step.txt"
    path.write_text("#topic Rollcall\n#info present: neal, Chris\n", encoding="utf-8")
    code, out, err = check(path)
    assert (code, err) == (0, "")
    assert out == f"{path}: no problems (lines file, profile meetbot)\n"
    assert check_json(path)["kind"] == "lines"


def test_narrative_notes_alone_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "step.txt"
    path.write_text("#topic Rollcall\nwe talked a lot\n", encoding="utf-8")
    code, out, _err = check(path)
    assert code == 0
    assert f"{path}:2: L15 " in out
    assert out.splitlines()[-1] == f"{path}: no problems, 1 note (lines file, profile meetbot)"


def test_lines_file_problems_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "step.txt"
    path.write_text(" #topic Rollcall\n#link\n", encoding="utf-8")
    code, out, _err = check(path, "zodbot")
    assert code == 1
    assert f"{path}:1: L10 " in out and f"{path}:2: L5 " in out


def test_lines_file_with_start_is_a_whole_meeting(tmp_path: Path) -> None:
    path = tmp_path / "meeting.txt"
    path.write_text("#startmeeting Workstation WG (2021-06-30)\n#topic A\n", encoding="utf-8")
    report = check_json(path, "zodbot")
    assert sorted(f["code"] for f in report["findings"]) == ["L3", "L4"]
    step = tmp_path / "step.txt"
    step.write_text("#topic A\n", encoding="utf-8")
    assert check_json(step, "zodbot")["findings"] == []


def test_raw_log_lints_only_the_chair(tmp_path: Path) -> None:
    path = tmp_path / "meeting.log.txt"
    path.write_text(
        "12:00:00 <cmurf> #startmeeting WG\n"
        "12:00:01 <neal> hello\n"
        "12:00:02 <Chris> #link\n"
        "12:00:03 <cmurf> #action neal, chris follow up\n"
        "12:00:04 <cmurf> #endmeeting\n",
        encoding="utf-8",
    )
    report = check_json(path, "hcoop")
    assert report["chair"] == "cmurf"
    assert [(f["line"], f["code"]) for f in report["findings"]] == [(4, "L7")]
    assert "neal will not be assigned" in report["findings"][0]["message"]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err == f"chair-tui: {path}: no such file\n"


@pytest.mark.parametrize("spelling", ["{}", "./{}", "{}/", "{}/.", "x/../{}", "x//../{}"])
def test_errors_name_the_file_as_pathlib_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    path = spelling.format("missing.txt")
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err == f"chair-tui: {Path(path)}: no such file\n"


def test_binary_and_non_utf8_files_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x00\x01\x02")
    code, _out, err = check(binary)
    assert code == 2 and err.startswith(f"chair-tui: {binary}: ") and err.count("\n") == 1
    latin = tmp_path / "a.txt"
    latin.write_bytes(b"#info caf\xe9\n")
    code, _out, err = check(latin)
    assert code == 2 and err == f"chair-tui: {latin}:1:10: not valid UTF-8 text\n"


def test_malformed_log_line_exits_2_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "meeting.log.txt"
    path.write_text(
        "12:00:00 <cmurf> #startmeeting WG\n"
        "12:00:01 <neal> hello\n"
        "12:00:02 cmurf forgot the brackets\n"
        "12:00:03 <cmurf> #endmeeting\n",
        encoding="utf-8",
    )
    code, out, err = check(path, fmt="json")
    assert (code, out) == (2, "")
    assert err.startswith(f"chair-tui: {path}:3:10: not a log line: expected '<nick> message'")
    assert err.count("\n") == 1


def test_unknown_profile_and_format_exit_2(seed: Path) -> None:
    code, out, err = check(seed, "supybot")
    assert (code, out) == (2, "")
    assert err.startswith("chair-tui: unknown profile 'supybot' (choose one of: fedora-matrix,")
    code, out, err = check(seed, "meetbot", "xml")
    assert (code, out) == (2, "")
    assert "unknown format 'xml'" in err


def test_fix_seed_keeps_original_and_fixed_log_is_clean(seed: Path) -> None:
    before = seed.read_bytes()
    code, out, _err = check(seed, "hcoop", fix=True)
    assert code == 1
    fixed = seed.with_name("workstation-2021-06-30.log.fixed.txt")
    assert out.splitlines()[-1] == f"{seed}: wrote the corrected file to {fixed}"
    assert seed.read_bytes() == before
    # the fixed log is still a log of the same meeting, and only narrative notes remain
    report = check_json(fixed, "hcoop")
    assert (report["kind"], report["chair"], report["exit"]) == ("log", "cmurf", 0)
    assert {f["code"] for f in report["findings"]} == {"L15"}
    assert report["counts"]["error"] == report["counts"]["warning"] == 0
    # its chair lines are exactly what fix_lines makes of the original chair lines
    original = parse_log(before.decode("utf-8"), seed)
    expected = fix_lines([(x.lineno, x.text) for x in original], PROFILES["hcoop"])
    got = parse_log(fixed.read_text(encoding="utf-8"), fixed)
    assert [x.text for x in got] == expected
    assert got[0].time == "16:59:31" and got[-1].time == "17:01:14"
    assert "16:59:43 <cmurf> #accepted no objections" in fixed.read_text(encoding="utf-8")


def test_fix_never_overwrites(seed: Path) -> None:
    assert check(seed, "hcoop", fix=True)[0] == 1
    assert check(seed, "hcoop", fix=True)[0] == 1
    report = check_json(seed, "hcoop", fix=True)
    names = sorted(p.name for p in seed.parent.iterdir())
    assert names == [
        "workstation-2021-06-30.log.fixed-2.txt",
        "workstation-2021-06-30.log.fixed-3.txt",
        "workstation-2021-06-30.log.fixed.txt",
        "workstation-2021-06-30.log.txt",
    ]
    assert report["fixed"] == str(seed.with_name("workstation-2021-06-30.log.fixed-3.txt"))


def test_fix_lines_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    original = (
        "#topic: Rollcall\n\n #info present: neal\n#agreed ship it\n"
        "the discussion went on for a while, and we will need a bit of\nextra time.\n"
    )
    path.write_bytes(original.encode("utf-8"))
    code, _out, _err = check(path, "hcoop", fix=True)
    assert code == 1
    assert path.read_bytes() == original.encode("utf-8")
    fixed = tmp_path / "notes.fixed.md"
    assert fixed.read_text(encoding="utf-8") == (
        "#topic Rollcall\n#info present: neal\n#accepted ship it\n"
        "the discussion went on for a while, and we will need a bit of extra time.\n"
    )
    assert check(fixed, "hcoop")[0] == 0


def test_fix_with_nothing_to_fix_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "step.txt"
    path.write_text("#topic Rollcall\nnarrative stays\n", encoding="utf-8")
    code, out, _err = check(path, fix=True)
    assert code == 0
    assert out.splitlines()[-1] == f"{path}: nothing to fix automatically; no file written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["step.txt"]


def test_fixed_path_names(tmp_path: Path) -> None:
    assert fixed_path(tmp_path / "a.txt") == tmp_path / "a.fixed.txt"
    assert fixed_path(tmp_path / "notes") == tmp_path / "notes.fixed"
    (tmp_path / "notes.fixed").write_text("x")
    assert fixed_path(tmp_path / "notes") == tmp_path / "notes.fixed-2"


def test_check_cli_does_not_import_textual() -> None:
    code = (
        "import sys, chair_tui.cli.check, chair_tui.meeting.checklog\n"
        "import chair_tui.meeting.lint, chair_tui.meeting.rawlog\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("profile", ["meetbot", "hcoop"])
def test_a_long_report_says_what_the_json_says(tmp_path: Path, profile: str) -> None:
    """The text report is written a piece at a time: every finding once, in order."""
    seed = SEED.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "long.log.txt"
    lines = []
    for i in range(9000):
        stamp = f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        lines.append(stamp + seed[i % len(seed)][8:])
        if i % 7 == 0:
            lines.append(f"{stamp} <neal> a word from someone else")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = check(path, profile)
    report = check_json(path, profile)
    assert (code, err) == (report["exit"], "")
    assert len(report["findings"]) > 2 * 2048
    expected = [
        f"{path}:{f['line']}: {f['code']} {f['message']}"
        + (f" (fix: {f['fix']})" if f["fix"] else "")
        for f in report["findings"]
    ]
    assert out.splitlines()[:-1] == expected
