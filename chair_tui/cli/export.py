"""``chair-tui export SESSION``: print a session's lines (or them and its summary as JSON).

``SESSION`` ``-`` reads the session from standard input.  Control characters a line holds
(an imported log can hold anything) are printed as visible escapes, never raw.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import json_printable, printable
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
            print(json_printable(json.dumps(report, indent=2)), file=out)
        else:
            # the session keeps what the log had; what reaches the terminal is escaped
            for line in loaded.export_lines():
                out.write(printable(line, keep="\t") + "\n")
    finally:
        loaded.close()
    return ExitCode.OK
