"""The arguments of every command: one ``argparse`` parser each."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import NoReturn

from chair_tui import __version__
from chair_tui.exitcodes import ExitCode


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors exit with :attr:`ExitCode.BAD_INPUT`."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(ExitCode.BAD_INPUT)


def tui_parser(commands: Iterable[str]) -> argparse.ArgumentParser:
    """The parser of ``chair-tui [MEETING] …``, which opens the terminal interface."""
    p = _Parser(
        prog="chair-tui",
        description="Chair a MeetBot-recorded meeting: correct bot lines, ready to paste.",
        epilog="Other commands: " + ", ".join(commands) + " (chair-tui COMMAND --help).",
    )
    p.add_argument("meeting", nargs="?", help="meeting file (.toml, or a Markdown agenda)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--demo", action="store_true", help="start the built-in demo meeting")
    g.add_argument(
        "--resume",
        action="store_true",
        help="resume the newest unfinished meeting with lines to paste (else the newest)",
    )
    p.add_argument("--profile", help="target bot profile (overrides the meeting file)")
    p.add_argument("--data-dir", help="where sessions are kept (or $CHAIR_TUI_DATA_DIR)")
    p.add_argument("--config", help="config file (or $CHAIR_TUI_CONFIG)")
    p.add_argument("--version", action="version", version=f"chair-tui {__version__}")
    return p


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of ``chair-tui NAME …``."""
    p = _Parser(prog=f"chair-tui {name}")
    if name == "render":
        p.description = "Print the whole prepared script of a meeting file."
        p.add_argument("meeting", help="meeting file (.toml or .md)")
        p.add_argument("--profile", help="target bot profile (default: the file's)")
        p.add_argument(
            "--chunks", action="store_true", help="separate paste chunks with a blank line"
        )
    elif name == "check":
        p.description = "Lint lines about to be pasted, or the chair's lines in a raw MeetBot log."
        p.add_argument("file")
        p.add_argument("--profile", help="target bot profile (default: from the log, or meetbot)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument("--fix", action="store_true", help="write a corrected copy beside the file")
        p.add_argument(
            "--fragment",
            action="store_true",
            help="lines for a meeting already running (no start or end expected)",
        )
    elif name == "profiles":
        p.description = "List the target-bot profiles and their verbs."
        p.add_argument("--format", choices=("text", "json"), default="text")
    elif name == "import-log":
        p.description = "Turn a MeetBot raw log into a chair-tui session file."
        p.add_argument("log")
        p.add_argument("--chair", help="the chair's nick (default: who sent #startmeeting)")
        p.add_argument("--profile", help="target bot profile (default: detected from the log)")
        p.add_argument("-o", "--output", help="session file to write (never overwritten)")
    elif name == "export":
        p.description = "Print a session's lines."
        p.add_argument("session")
        p.add_argument("--format", choices=("lines", "json"), default="lines")
    elif name == "minutes":
        p.description = "Print the minutes the bot writes for a session or a raw log."
        p.add_argument("file", help="a session (.jsonl) or a raw log")
        p.add_argument("--profile", help="target bot profile (default: detected from the log)")
        p.add_argument("--format", choices=("text", "moin", "markdown", "json"), default="text")
        p.add_argument("--channel", help="the channel, e.g. #fedora-meeting (for the title)")
        p.add_argument("--log-url", help="URL of the full log (.log.html) the minutes cite")
    elif name == "ledger":
        p.description = "A group's action ledger: import previous minutes, show, list."
        sub = p.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
        imp = sub.add_parser("import", help="record a previous meeting's actions")
        imp.add_argument("file", help="minutes (.txt, .moin.txt), hcoop .log.json, a raw log, or -")
        imp.add_argument("--name", required=True, help="the meeting file's name (the group)")
        imp.add_argument(
            "--format",
            choices=("auto", "txt", "matrix", "moin", "hcoop-json", "log"),
            default="auto",
        )
        imp.add_argument("--date", help="the meeting's date, YYYY-MM-DD (default: from the file)")
        imp.add_argument("--url", help="the minutes' URL (default: from the file)")
        show = sub.add_parser("show", help="print a ledger")
        show.add_argument("name")
        show.add_argument("--format", choices=("text", "json"), default="text")
        sub.add_parser("list", help="the names that have a ledger")
        for q in (imp, show, sub.choices["list"]):
            q.add_argument("--data-dir", help="where ledgers are kept (or $CHAIR_TUI_DATA_DIR)")
    elif name == "compile":
        p.description = "Compile a secretary's notes into the lines to paste (docs/notes.md)."
        p.add_argument("notes", help="notes (Markdown or plain text), or - for standard input")
        p.add_argument("--profile", help="target bot profile (default: the meeting file's)")
        p.add_argument("--meeting", help="meeting file: the roster, byte limit and tally")
        p.add_argument("--whole", action="store_true", help="add the meeting's start and end lines")
        p.add_argument("-o", "--output", help="write the lines to this file")
    elif name == "notes":
        p.description = "Open the compiled notes in the outbox, to edit and copy."
        p.add_argument("notes", help="notes (Markdown or plain text)")
        p.add_argument("--profile", help="target bot profile (default: the meeting file's)")
        p.add_argument("--meeting", help="meeting file: the roster, byte limit and tally")
        p.add_argument("--data-dir", help="where sessions are kept (or $CHAIR_TUI_DATA_DIR)")
        p.add_argument("--config", help="config file (or $CHAIR_TUI_CONFIG)")
    elif name == "keys":
        p.description = "List the key bindings with their ids (for config.toml [keymap])."
    elif name == "summary":
        p.description = "Print what to post after a meeting: a summary, an e-mail, ticket comments."
        p.add_argument("session", help="a session (.jsonl)")
        p.add_argument("--format", choices=("markdown", "email", "tickets"), default="markdown")
        p.add_argument(
            "--next", dest="with_next", action="store_true", help="add the next meeting and chair"
        )
        p.add_argument("--profile", help="target bot profile (default: the session's)")
        p.add_argument(
            "--urls", help="the bot's end-of-meeting output, for the real URLs (-: stdin)"
        )
    elif name == "next-meeting":
        p.description = "Print the next meeting of a meeting file's [schedule]."
        p.add_argument("meeting", help="meeting file (.toml)")
        p.add_argument("--after", help="a date or an ISO time (default: now)")
        p.add_argument("--chair", help="the current chair, for the rotation (default: the file's)")
        p.add_argument("--ics", help="also write the meeting as an iCalendar file (-: stdout)")
    else:
        raise ValueError(f"no command {name!r}")
    return p
