"""``chair-tui export SESSION``: print a session's lines (or them and its summary as JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import printable
from chair_tui.meeting.session import Session


def run(out: TextIO, err: TextIO, *, session: str, format: str) -> int:
    path = session
    loaded = Session.load(Path(path), sync=False, read_only=True)
    if loaded.torn_tail:
        warning = printable(f"{path}: {loaded.torn_tail}")
        print(f"chair-tui: warning: {warning}", file=err)
    try:
        if format == "json":
            report = {"lines": loaded.export_lines(), **loaded.summary().to_json()}
            print(json.dumps(report, indent=2), file=out)
        else:
            for line in loaded.export_lines():
                out.write(line + "\n")
    finally:
        loaded.close()
    return ExitCode.OK
