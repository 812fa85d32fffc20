"""A crash is a crash: an unexpected exception inside the TUI exits 70 with one line naming a
private crash report, never "meeting saved", never a traceback with locals on the terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("how", ["--demo"])
def test_a_crash_in_the_tui_exits_70_with_one_line(tmp_path: Path, how: str) -> None:
    data = tmp_path / "data"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "CHAIR_TUI_DATA_DIR": str(data),
        "CHAIR_TUI_CONFIG": str(tmp_path / "none.toml"),
        "CHAIR_TUI_TEST_CRASH": "1",
        "COLUMNS": "100",
        "LINES": "30",
    }
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "chair_tui", how],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    os.close(leader)
    # Textual draws on stderr: what the chair reads is what follows the alternate screen
    err = proc.stderr.decode("utf-8", "replace").rsplit("\x1b[?1049l", 1)[-1]
    err = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z~]", "", err)
    assert proc.returncode == 70, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "meeting saved" not in err and "Traceback" not in err and "locals" not in err
    assert "internal error" in lines[0]
    reports = list((data / "crash").glob("crash-*.txt"))
    assert len(reports) == 1
    assert reports[0].stat().st_mode & 0o777 == 0o600
    assert "CHAIR_TUI_TEST_CRASH" in reports[0].read_text()
    assert str(reports[0]) in lines[0]
