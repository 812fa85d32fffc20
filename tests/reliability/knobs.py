"""The reliability suite's knobs, read from the environment (see docs/reliability.md).

The defaults keep the suite short enough to run on every ``make test``; raise them for a long
run, e.g. ``CHAIR_TUI_HYPOTHESIS_EXAMPLES=10000 CHAIR_TUI_CRASH_KILLS=50``.
"""

from __future__ import annotations

import json
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Hypothesis examples per property (shared with tests/core/test_render.py).
EXAMPLES = _int("CHAIR_TUI_HYPOTHESIS_EXAMPLES", 300)
# SIGKILLs per crash variant (the TUI driven by keys, the core writer, the torn writer).  Each
# TUI kill costs a Textual start-up; the long runs of docs/reliability.md raise this.
KILLS = _int("CHAIR_TUI_CRASH_KILLS", 4)
# Seed of every random choice the crash and resize tests make.
SEED = _int("CHAIR_TUI_RELIABILITY_SEED", 20210630)
# Whole meetings walked while the terminal is resized at every step.
RESIZE_WALKS = _int("CHAIR_TUI_RESIZE_WALKS", 1)
# After the four corners, random sizes up to 250x80 (1) or up to 160x50 (0, the default: the
# widest sizes cost the most to draw, and the corners already take the app to 250x80).
RESIZE_WIDE = _int("CHAIR_TUI_RESIZE_WIDE", 0)
# If set, a file the tests append their counts to (one JSON object per line).
REPORT = os.environ.get("CHAIR_TUI_RELIABILITY_REPORT", "")


def note(test: str, **counts: object) -> None:
    """Record what a test tried (kills, lines checked …) for docs/reliability.md."""
    if not REPORT:
        return
    with open(REPORT, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"test": test, **counts}, ensure_ascii=False) + "\n")
