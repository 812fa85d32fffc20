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
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from chair_tui import __version__
from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.profiles import UnknownProfileError

__all__ = ["COMMANDS", "ExitCode", "main"]

COMMANDS = {
    "render": "render",
    "check": "check",
    "profiles": "profiles",
    "import-log": "import_log",
    "export": "export",
    "keys": "keys",
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
    "check": ("file", {"profile": None, "format": "text", "fix": False}),
    "export": ("session", {"format": "lines"}),
    "import-log": ("log", {"chair": None, "profile": None, "output": None}),
    "profiles": (None, {"format": "text"}),
    "keys": (None, {}),
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
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        # what argparse's version action does, without importing argparse
        print(f"chair-tui {__version__}")
        raise SystemExit(ExitCode.OK)
    try:
        if args and args[0] in COMMANDS:
            name = args[0]
            options = quick_options(name, args[1:])
            if options is None:
                # argparse only past the quick path (see _QUICK)
                from chair_tui.cli.parsers import command_parser

                options = vars(command_parser(name).parse_args(args[1:]))
            return _run_command(name, options, sys.stdout, sys.stderr)
        # argparse only past the quick path (see _QUICK)
        from chair_tui.cli.parsers import tui_parser

        options = vars(tui_parser(COMMANDS).parse_args(args))
        return _runner(TUI_MODULE)(sys.stdout, sys.stderr, **options)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED


def _run_command(name: str, options: Options, out: TextIO, err: TextIO) -> int:
    try:
        return _runner(COMMANDS[name])(out, err, **options)
    except (InputError, UnknownProfileError) as exc:
        print(f"chair-tui: {exc}", file=err)
        return ExitCode.BAD_INPUT
    except BrokenPipeError:
        return ExitCode.OK
