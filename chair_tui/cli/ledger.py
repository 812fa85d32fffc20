"""``chair-tui ledger import|show|list``: a group's action ledger (docs/ledger.md).

``import FILE|-`` records a previous meeting's actions from its minutes or log (format
detected unless ``--format``), ``show NAME`` prints a ledger as text or JSON, ``list`` the
names that have one.  Nothing is fetched from the network.
"""

from __future__ import annotations

import json
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import json_printable, printable
from chair_tui.meeting.ledger.codec import to_dict
from chair_tui.meeting.ledger.imports import import_minutes
from chair_tui.meeting.ledger.records import Action, Ledger
from chair_tui.meeting.ledger.store import list_ledgers, load


def _owners(names: tuple[str, ...]) -> str:
    return ", ".join(names) if names else "unassigned"


def _action_line(action: Action) -> str:
    status = action.status.value
    if action.is_open and action.carried:
        status = f"open, carried ×{action.carried}"
    line = f"{action.id} [{status}] {action.text} — {_owners(action.owners)}"
    if action.owners_minuted != action.owners:
        line += f" (minuted: {_owners(action.owners_minuted)})"
    return line


def show_text(ledger: Ledger) -> list[str]:
    """The ledger as the chair reads it: each meeting, then its actions."""
    out = [f"Ledger of {ledger.name}: {len(ledger.open_items())} open of {len(ledger.actions)}"]
    for meeting in ledger.meetings:
        when = meeting.date or "date unknown"
        out.append("")
        out.append(f"{when} {meeting.title or '(untitled)'} [{meeting.source}]")
        if meeting.minutes_url:
            out.append(f"  minutes: {meeting.minutes_url}")
        actions = [a for a in ledger.actions if a.meeting == meeting.id]
        if not actions:
            out.append("  (no actions)")
        out += [f"  {_action_line(a)}" for a in actions]
        for a in actions:
            for event in a.history[1:]:
                extra = ""
                if event.to_owners:
                    extra = f" {_owners(event.from_owners)} → {_owners(event.to_owners)}"
                out.append(f"    {a.id} {event.outcome.value}{extra} {event.date}".rstrip())
    return out


def _opt(options: dict[str, object], key: str) -> str | None:
    value = options.get(key)
    return value if isinstance(value, str) else None


def run(out: TextIO, err: TextIO, **options: object) -> int:
    command = options.get("ledger_command")
    base = _opt(options, "data_dir")
    if command == "import":
        meeting, read = import_minutes(
            str(options["name"]),
            str(options["file"]),
            str(options.get("format") or "auto"),
            date=_opt(options, "date"),
            minutes_url=_opt(options, "url"),
            base=base,
        )
        ledger = load(str(options["name"]), base=base)
        said = (
            f"chair-tui: {len(read.actions)} actions read as {read.format} from "
            f"{options['file']}; {len(ledger.open_items())} open in the ledger of {ledger.name}"
        )
        print(printable(said), file=err)
        if not meeting.date:
            print("chair-tui: the meeting's date is unknown (give --date)", file=err)
        return ExitCode.OK
    if command == "show":
        ledger = load(str(options["name"]), base=base)
        if options.get("format") == "json":
            text = json.dumps(to_dict(ledger), ensure_ascii=False, indent=2)
            print(json_printable(text), file=out)
        else:
            for line in show_text(ledger):
                print(printable(line, keep="\t"), file=out)
        return ExitCode.OK
    if command == "list":
        for name in list_ledgers(base=base):
            print(printable(name), file=out)
        return ExitCode.OK
    print("chair-tui ledger: choose a command: import, show or list", file=err)
    return ExitCode.BAD_INPUT
