"""Run a Textual app on the terminal it is given and report when its first full frame was shown.

    python benchmarks/probe_frame.py bare          # a bare app: Header, a Static, Footer
    python benchmarks/probe_frame.py cli ARGS...   # chair_tui.cli.main(ARGS), e.g. --demo

Both are measured the same way.  The probe wraps ``App._display`` (where Textual writes a frame
to the terminal) and keeps a copy of the text on screen.  The *first full frame* is the last
frame that changed that text before the screen stayed unchanged for ``QUIET_S`` after Textual's
``Ready`` event: by then every widget, the footer's keys included, has painted (a later change
such as the meeting clock's one-second tick is not part of start-up).  The probe then writes
``{"frame": <time.monotonic() of that frame>, ...}`` to ``$CHAIR_BENCH_RESULT`` and exits the
app the normal way.  Nothing in the app is changed.
"""

from __future__ import annotations

import time

PROBE_START = time.monotonic()  # taken before the heavy imports below

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterable, Mapping  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from rich.cells import get_character_cell_size  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.strip import Strip  # noqa: E402

TRACE = bool(os.environ.get("CHAIR_BENCH_TRACE"))

QUIET_S = 0.25  # the screen text must stay the same this long after the first full frame
POLL_S = 0.02
GIVE_UP_S = 30.0


class _Watch:
    """The text on the terminal, as the frames written so far left it."""

    def __init__(self) -> None:
        self.cells: dict[int, list[str]] = {}
        self.first_frame: float | None = None
        self.last_change: float | None = None
        self.last_change_cpu: float | None = None
        self.ready_at: float | None = None
        self.frames = 0
        self.done = False

    def _put(self, y: int, x: int, strip: Strip) -> bool:
        row = self.cells.setdefault(y, [])
        changed = False
        for ch in strip.text:
            width = max(1, get_character_cell_size(ch))
            if len(row) < x + width:
                row.extend(" " * (x + width - len(row)))
            if row[x] != ch:
                row[x] = ch
                changed = True
            for k in range(1, width):
                row[x + k] = ""
            x += width
        return changed

    def paint(self, renderable: object) -> None:
        changed = False
        kind = type(renderable).__name__
        if kind == "LayoutUpdate":
            region: Any = getattr(renderable, "region")  # noqa: B009
            lines: list[Iterable[Strip]] = getattr(renderable, "strips")  # noqa: B009
            for dy, line in enumerate(lines):
                x = region.x
                for strip in line:
                    changed |= self._put(region.y + dy, x, strip)
                    x += strip.cell_length
        elif kind == "ChopsUpdate":
            chops: list[Mapping[int, Strip | None]] = getattr(renderable, "chops")  # noqa: B009
            spans: list[tuple[int, int, int]] = getattr(renderable, "spans")  # noqa: B009
            for y, _x1, _x2 in spans:
                for x, chop in chops[y].items():
                    if chop is not None:
                        changed |= self._put(y, x, chop)
        else:
            return
        now = time.monotonic()
        self.frames += 1
        if self.first_frame is None:
            self.first_frame = now
        if changed:
            self.last_change = now
            self.last_change_cpu = time.process_time()


WATCH = _Watch()


def _finish(app: App[Any]) -> None:
    if WATCH.done:
        return
    WATCH.done = True
    report: dict[str, Any] = {
        "frame": WATCH.last_change,
        "cpu": WATCH.last_change_cpu,
        "first_frame": WATCH.first_frame,
        "ready": WATCH.ready_at,
        "frames": WATCH.frames,
        "screen": type(app.screen).__name__,
        "text": ["".join(WATCH.cells[y]).rstrip() for y in sorted(WATCH.cells)],
        "probe_start": PROBE_START,
    }
    if TRACE:
        from benchmarks import trace_hooks

        report["trace"] = trace_hooks.report()
    with open(os.environ["CHAIR_BENCH_RESULT"], "w", encoding="utf-8") as fh:
        json.dump(report, fh)
    app.exit()


def _poll(app: App[Any]) -> None:
    now = time.monotonic()
    assert WATCH.ready_at is not None
    if WATCH.last_change is not None and now - WATCH.last_change >= QUIET_S:
        _finish(app)
    elif now - WATCH.ready_at > GIVE_UP_S:
        app.exit()


def _install() -> None:
    original_display = App._display
    original_on_event = App.on_event

    def display(self: App[Any], screen: Screen[Any], renderable: Any) -> None:
        original_display(self, screen, renderable)
        # Textual writes nothing while a batch is open; mirror App._display's own checks.
        if renderable is not None and not self._batch_count and not self.is_headless:
            WATCH.paint(renderable)

    async def on_event(self: App[Any], event: events.Event) -> None:
        if isinstance(event, events.Ready) and WATCH.ready_at is None:
            WATCH.ready_at = time.monotonic()
            self.set_interval(POLL_S, lambda: _poll(self))
        await original_on_event(self, event)

    App._display = display  # type: ignore[method-assign]
    App.on_event = on_event  # type: ignore[method-assign]


def run_bare() -> None:
    """The baseline: the least a Textual app with a header, some text and a footer does.
    (Imported here so that the ``cli`` mode loads nothing the app would not.)"""
    from textual.app import ComposeResult
    from textual.widgets import Footer, Header, Static

    class BareApp(App[None]):
        TITLE = "bare"

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A bare Textual app.")
            yield Footer()

    BareApp().run()


def main(argv: list[str]) -> int:
    _install()
    if TRACE:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from benchmarks import trace_hooks

        trace_hooks.install(chair=argv[:1] == ["cli"])
    if argv[:1] == ["bare"]:
        run_bare()
        return 0
    if argv[:1] == ["cli"]:
        from chair_tui.cli import main as cli_main

        return cli_main(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
