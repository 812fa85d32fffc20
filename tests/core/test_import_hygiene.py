"""The pure core and the non-TUI commands never import Textual or Rich.

Each check runs in a fresh interpreter, so modules imported by other tests do not count.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import chair_tui
import chair_tui.cli
import chair_tui.meeting
from chair_tui.meeting.meetingfile import demo_path

FORBIDDEN = ("textual", "rich")
ROOT = Path(chair_tui.__file__).resolve().parent.parent


def _modules() -> list[str]:
    core = [f"chair_tui.meeting.{m.name}" for m in pkgutil.iter_modules(chair_tui.meeting.__path__)]
    cli = ["chair_tui.cli"] + [
        f"chair_tui.cli.{m.name}" for m in pkgutil.iter_modules(chair_tui.cli.__path__)
    ]
    return sorted(core) + sorted(cli)


def _loaded_after(code: str) -> list[str]:
    """Top-level names of the modules loaded after running ``code`` in a fresh interpreter."""
    script = (
        "import json, sys\n"
        f"{code}\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    loaded: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_the_modules_are_found() -> None:
    modules = _modules()
    assert "chair_tui.meeting.render" in modules
    assert "chair_tui.meeting.session" in modules
    assert "chair_tui.cli" in modules
    assert "chair_tui.cli.import_log" in modules


def test_core_and_cli_modules_do_not_import_textual() -> None:
    code = "\n".join(f"import {m}" for m in _modules())
    loaded = _loaded_after(code)
    assert "chair_tui" in loaded
    for name in FORBIDDEN:
        assert name not in loaded


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    log = tmp_path / "meeting.log.txt"
    log.write_text("16:59:31 <cmurf> #topic Rollcall\n17:01:14 <cmurf> #endmeeting\n")
    session = tmp_path / "s.jsonl"
    lines = tmp_path / "lines.txt"
    lines.write_text("#topic Rollcall\n")
    calls = [
        ["render", str(demo_path())],
        ["profiles", "--format", "json"],
        ["import-log", str(log), "-o", str(session)],
        ["export", str(session)],
        ["check", str(lines)],
    ]
    code = (
        "import contextlib, io, os\n"
        "from chair_tui.cli import main\n"
        f"os.environ['CHAIR_TUI_DATA_DIR'] = {str(tmp_path / 'data')!r}\n"
        "codes = []\n"
        f"for argv in {calls!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "        codes.append(main(argv))\n"
        "assert codes[:4] == [0, 0, 0, 0], codes\n"
        "assert codes[4] in (0, 1), codes\n"
    )
    loaded = _loaded_after(code)
    for name in FORBIDDEN:
        assert name not in loaded


def test_render_alone_does_not_import_textual() -> None:
    loaded = _loaded_after(
        "import contextlib, io\n"
        "from chair_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['render', {str(demo_path())!r}]) == 0\n"
    )
    for name in FORBIDDEN:
        assert name not in loaded
