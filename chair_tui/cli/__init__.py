"""The command line: a thin layer over the core, and the door to the TUI.

``chair-tui [MEETING] [--demo|--resume]`` opens the TUI, and only it imports Textual; every
other command (``chair-tui COMMAND …``) uses the pure core alone, so it starts fast and works
with no terminal.  :mod:`.parsers` defines the arguments of every command; each command is run
by the module of this package named after it, whose ``run(out, err, **options)`` takes the
parsed options as keywords and returns an :class:`ExitCode`.

Start-up time matters here (docs/performance.md), and two things below exist only for it:
each command's module is imported only when that command runs, and the common calls are
parsed without argparse (see :data:`_QUICK`).
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from chair_tui import __version__
from chair_tui.cli.output import CleanOutput, OutputError
from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError, printable
from chair_tui.meeting.profiles import UnknownProfileError

__all__ = ["COMMANDS", "ExitCode", "main"]

COMMANDS = {
    "render": "render",
    "check": "check",
    "profiles": "profiles",
    "import-log": "import_log",
    "export": "export",
    "minutes": "minutes",
    "keys": "keys",
    "summary": "summary",
    "next-meeting": "next_meeting",
    "compile": "compile",
    "notes": "notes",
    "ledger": "ledger",
}
"""Each command and the module of this package that runs it."""
TUI_MODULE = "tui_launch"
"""The module that runs ``chair-tui [MEETING]``."""

Options = dict[str, object]
Run = Callable[..., int]

# What the parsers give these commands for one argument that is not an option (or none, for
# those without one): the common case, answered without importing argparse, whose import and
# first parser (gettext, locale) take 7 ms of ``chair-tui check FILE`` or ``render FILE`` and
# 12 ms of ``--version``: 13-23 % of the stdlib baseline of docs/performance.md.
# tests/core/test_cli.py checks these against the parsers.
_QUICK: dict[str, tuple[str | None, Options]] = {
    "render": ("meeting", {"profile": None, "chunks": False}),
    "check": ("file", {"profile": None, "format": "text", "fix": False, "fragment": False}),
    "export": ("session", {"format": "lines"}),
    "minutes": ("file", {"profile": None, "format": "text", "channel": None, "log_url": None}),
    "import-log": ("log", {"chair": None, "profile": None, "output": None}),
    "profiles": (None, {"format": "text"}),
    "keys": (None, {}),
    "summary": (
        "session",
        {"format": "markdown", "with_next": False, "profile": None, "urls": None},
    ),
    "next-meeting": ("meeting", {"after": None, "chair": None, "ics": None}),
    "compile": (
        "notes",
        {"profile": None, "meeting": None, "whole": False, "output": None},
    ),
    "notes": ("notes", {"profile": None, "meeting": None, "data_dir": None, "config": None}),
    "ledger": (None, {"ledger_command": None}),
}


def quick_options(name: str, rest: Sequence[str]) -> Options | None:
    """The parsed options of ``chair-tui NAME [ARG]`` in the common case, else None."""
    key, defaults = _QUICK[name]
    if key is None:
        return None if rest else dict(defaults)
    if len(rest) == 1 and not rest[0].startswith("-"):
        return {key: rest[0], **defaults}
    return None


def _runner(module: str) -> Run:
    """The ``run`` of ``chair_tui.cli.MODULE``, imported only for the command given: all of
    them would load every part of the core, 13 ms more for ``chair-tui check`` (30 % of the
    stdlib baseline of docs/performance.md)."""
    run: Run = importlib.import_module(f"{__name__}.{module}").run
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``chair-tui`` with ``argv`` (default: the process's) and return its exit code.

    Whatever happens, the chair sees at most one line on stderr: a usage error or a file that
    cannot be used is :attr:`ExitCode.BAD_INPUT`, and so is an output that cannot take the
    text (a full disk, an encoding without its characters); an unexpected exception writes a
    crash report and is :attr:`ExitCode.CRASH` (:mod:`chair_tui.meeting.crashreport`).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    err = sys.stderr
    if isinstance(err, io.TextIOWrapper):
        err.reconfigure(errors="backslashreplace")  # a message always reaches the chair
    if sys.stdout is None:
        _say(err, "chair-tui: there is no standard output to write to")
        return ExitCode.BAD_INPUT
    out = cast(TextIO, CleanOutput(sys.stdout))  # a TextIOBase, which typeshed keeps apart
    options: Options = {}
    try:
        try:
            code = _main(args, out, err, options)
            out.flush()
            return code
        except OutputError as exc:
            _say(err, f"chair-tui: cannot write the output: {exc}")
            _drop_stdout()
            return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _drop_stdout()
        return ExitCode.OK
    except Exception as exc:
        # only after a crash: these imports would slow every start (docs/performance.md)
        from chair_tui.meeting.crashreport import crash_line, write_crash_report

        report = write_crash_report(exc, data_dir=_crash_dir(options))
        _say(err, crash_line(report))
        return ExitCode.CRASH


def _main(args: list[str], out: TextIO, err: TextIO, options: Options) -> int:
    if args == ["--version"]:
        # what argparse's version action does, without importing argparse
        print(f"chair-tui {__version__}", file=out)
        out.flush()
        raise SystemExit(ExitCode.OK)
    if args and args[0] in COMMANDS:
        name = args[0]
        quick = quick_options(name, args[1:])
        if quick is None:
            # argparse only past the quick path (see _QUICK)
            from chair_tui.cli.parsers import command_parser

            quick = vars(command_parser(name).parse_args(args[1:]))
        options.update(quick)
        return _run_command(name, options, out, err)
    # argparse only past the quick path (see _QUICK)
    from chair_tui.cli.parsers import tui_parser

    options.update(vars(tui_parser(COMMANDS).parse_args(args)))
    try:
        return _runner(TUI_MODULE)(out, err, **options)
    except (InputError, UnknownProfileError) as exc:
        _say(err, f"chair-tui: {exc}")
        return ExitCode.BAD_INPUT


def _run_command(name: str, options: Options, out: TextIO, err: TextIO) -> int:
    try:
        return _runner(COMMANDS[name])(out, err, **options)
    except (InputError, UnknownProfileError) as exc:
        _say(err, f"chair-tui: {exc}")
        return ExitCode.BAD_INPUT
    except (OutputError, BrokenPipeError):
        raise
    except OSError as exc:
        # a full or read-only disk, a file that cannot be opened: the environment, not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        _say(err, f"chair-tui: {where}{exc.strerror or exc}")
        return ExitCode.BAD_INPUT


def _say(err: TextIO, line: str) -> None:
    """Print one line on stderr, made harmless (:func:`printable`); never raises."""
    try:
        print(printable(line), file=err, flush=True)
    except (OSError, ValueError):
        pass  # no stderr either: the exit code is all that is left


def _drop_stdout() -> None:
    """Point the process's stdout at the null device, so the text Python still holds for it
    cannot fail again (with a traceback) when the interpreter exits."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests): nothing is flushed at exit
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def _crash_dir(options: Options) -> Path | None:
    """The data dir a crash report goes to, if it is there already (never made now)."""
    # only after a crash: store's imports would slow every start (docs/performance.md)
    from chair_tui.meeting.store import data_dir_path

    override = options.get("data_dir")
    try:
        path = data_dir_path(override if isinstance(override, str) else None)
    except Exception:
        return None
    return path if path.is_dir() else None
