"""``chair-tui export SESSION``: print a session's lines (or them and its minutes as JSON).

``SESSION`` ``-`` reads the session from standard input.  Control characters a line holds
(an imported log can hold anything) are printed as visible escapes, never raw.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import json_printable, printable
from chair_tui.meeting.minutes import Where
from chair_tui.meeting.minutes.documents import minutes_json
from chair_tui.meeting.session import Session, model_of_session
from chair_tui.meeting.session.summary import DECISION_KINDS


def export_json(session: Session) -> dict[str, Any]:
    """The session's lines and its minutes as the bot will write them: the minutes JSON
    document (``docs/minutes.md``), with ``lines`` (the session's lines) and ``decisions``
    (its decision items, as in ``topics``)."""
    model = model_of_session(session, channel=session.plan.channel or None)
    doc = minutes_json(model, Where(session.plan.channel or None, None))
    decisions = [
        item
        for topic in doc["topics"]
        for item in topic["items"]
        if item["kind"] in {k.value for k in DECISION_KINDS}
    ]
    return {"lines": session.export_lines(), **doc, "decisions": decisions}


def run(out: TextIO, err: TextIO, *, session: str, format: str) -> int:
    path = session
    loaded = Session.load(Path(path), sync=False, read_only=True)
    if loaded.torn_tail:
        warning = printable(f"{path}: {loaded.torn_tail}")
        print(f"chair-tui: warning: {warning}", file=err)
    try:
        if format == "json":
            report = export_json(loaded)
            print(json_printable(json.dumps(report, indent=2)), file=out)
        else:
            # the session keeps what the log had; what reaches the terminal is escaped
            for line in loaded.export_lines():
                out.write(printable(line, keep="\t") + "\n")
    finally:
        loaded.close()
    return ExitCode.OK
