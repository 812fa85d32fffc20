"""`minutes` of a session: the chair's lines only, with the assumptions of docs/minutes.md."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from chair_tui.cli.minutes import run
from chair_tui.exitcodes import ExitCode

SESSIONS = Path(__file__).parent.parent / "data" / "sessions"


def test_minutes_of_an_ended_session(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    shutil.copy(SESSIONS / "v1-ended-compacted.jsonl", path)
    out, err = io.StringIO(), io.StringIO()
    code = run(out, err, file=str(path), profile=None, format="json", channel="#x", log_url=None)
    assert code == ExitCode.OK and err.getvalue() == ""
    doc = json.loads(out.getvalue())
    assert doc["schema"] == "chair-tui-minutes" and doc["owner"] == "cmurf"
    assert doc["topics"][0]["title"] == "Rollcall"
    assert doc["actions"][0]["assignees"] == ["cmurf"]
    # nobody else said a line: the present members and the #nick'ed are seen with 0 lines
    assert doc["people"][0]["nick"] == "cmurf"
    assert all(p["lines"] == 0 for p in doc["people"][1:])
    assert path.read_bytes() == (SESSIONS / "v1-ended-compacted.jsonl").read_bytes()


def test_a_log_without_a_start_gives_no_minutes_and_says_why() -> None:
    seed = Path(__file__).parent.parent / "data" / "workstation-2021-06-30.log.txt"
    out, err = io.StringIO(), io.StringIO()
    code = run(out, err, file=str(seed), profile=None, format="text", channel=None, log_url=None)
    assert code == ExitCode.OK and out.getvalue() == ""
    assert "assuming profile meetbot" in err.getvalue()
    assert "no meeting starts here" in err.getvalue()
