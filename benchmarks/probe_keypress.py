"""Time recording one entry in the running app: from the Enter key to the line on screen.

    python benchmarks/probe_keypress.py SESSION_FILE RUNS WARMUP

Resumes ``SESSION_FILE`` (which it appends to: pass a copy) in ``ChairApp`` under Textual's
Pilot (``app.run_test``, headless, 120x40), then, RUNS + WARMUP times: ``i`` (compose an info),
puts a unique text in the composer, and times ``pilot.press("enter")`` up to the end of the
first screen refresh (``Screen._compositor_refresh``, which renders the frame) after the line
was added to the outbox (which highlights and so scrolls to it: every earlier line of the
session is copied, and ``c`` copies each new line after its press, untimed).  The first
WARMUP presses are not counted.  The journal is written
without fsync (``sync=False``): the save and its fsync are measured on their own (target 5).

Prints one JSON object: ``latency_ms`` per press and, to show where the time goes,
``record_ms`` (``Session.record``: render, journal write, listeners) and ``listener_ms``
(the screen's listener: outbox ``add_line`` and ``follow``), per press.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from textual.screen import Screen

from chair_tui.meeting.session import OutLine, Session
from chair_tui.tui.app import ChairApp
from chair_tui.tui.composer import ComposerInput
from chair_tui.tui.widgets import Outbox

FROZEN = 1_782_900_000.0  # the tests' frozen moment (tests/helpers/clock.py)


class _Marks:
    def __init__(self) -> None:
        self.refreshed: list[float] = []
        self.added: list[float] = []


MARKS = _Marks()


def _install() -> None:
    original_refresh = Screen._compositor_refresh
    original_add_line = Outbox.add_line

    def compositor_refresh(self: Screen[Any]) -> None:
        original_refresh(self)
        MARKS.refreshed.append(perf_counter())

    def add_line(self: Outbox, line: OutLine) -> None:
        original_add_line(self, line)
        MARKS.added.append(perf_counter())

    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    Outbox.add_line = add_line  # type: ignore[method-assign]


def _timed(fn: Callable[..., Any], into: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into.append((perf_counter() - t0) * 1000.0)

    return wrapper


async def measure(path: Path, runs: int, warmup: int) -> dict[str, Any]:
    _install()
    session = Session.load(path, clock=lambda: FROZEN, sync=False)
    entries_before = len(session.entries)
    app = ChairApp(
        session=session,
        data_dir=path.parent.parent,
        clock=lambda: FROZEN,
        system_clipboard=lambda _text: None,
        sync=False,
    )
    record_ms: list[float] = []
    listener_ms: list[float] = []
    latency_ms: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        setattr(session, "record", _timed(session.record, record_ms))  # noqa: B010
        session._listeners[:] = [_timed(fn, listener_ms) for fn in session._listeners]
        outbox = app.screen.query_one(Outbox)
        composer = app.screen.query_one(ComposerInput)
        for i in range(warmup + runs):
            await pilot.press("i")
            composer.value = f"key press {i}: one more fact for the minutes"
            await pilot.pause()
            before = outbox.option_count
            MARKS.added.clear()
            MARKS.refreshed.clear()
            t0 = perf_counter()
            await pilot.press("enter")
            shown: float | None = None
            for _ in range(200):
                if MARKS.added:
                    after = [t for t in MARKS.refreshed if t > MARKS.added[0]]
                    if after:
                        shown = after[0]
                        break
                await pilot.pause()
            if shown is None or outbox.option_count != before + 1:
                raise RuntimeError(f"press {i}: the line never showed in the outbox")
            last = outbox.get_option_at_index(outbox.option_count - 1)
            if f"key press {i}:" not in str(last.prompt):
                raise RuntimeError(f"press {i}: the outbox shows {last.prompt!r}")
            if outbox.highlighted != outbox.option_count - 1:  # followed, so scrolled to it
                raise RuntimeError(f"press {i}: the outbox did not follow the new line")
            if i >= warmup:
                latency_ms.append((shown - t0) * 1000.0)
            await pilot.press("c")  # copy it, as the chair would, so the next one is followed
            await pilot.pause()
        await pilot.pause()
    return {
        "entries": entries_before,
        "latency_ms": latency_ms,
        "record_ms": record_ms[warmup:],
        "listener_ms": listener_ms[warmup:],
        "outbox_options": before + 1,
    }


def main(argv: list[str]) -> int:
    path, runs, warmup = Path(argv[0]), int(argv[1]), int(argv[2])
    print(json.dumps(asyncio.run(measure(path, runs, warmup))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
