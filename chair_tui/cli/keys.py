"""``chair-tui keys``: list the key bindings with their ids, for ``config.toml``'s ``[keymap]``."""

from __future__ import annotations

from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.tui.commands import describe_bindings


def run(out: TextIO, err: TextIO) -> int:
    for line in describe_bindings():
        print(line, file=out)
    return ExitCode.OK
