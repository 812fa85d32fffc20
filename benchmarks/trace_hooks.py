"""Where start-up time goes: wrap a few functions of Textual and chair-tui with timers.

Used by ``probe_frame.py`` when ``$CHAIR_BENCH_TRACE`` is set (``python -m benchmarks.profile``),
never in the measured runs.  A wrapped function adds its wall time to a total (outermost call
only, so recursion is not counted twice) and counts its calls; ``marks`` are moments such as
"App.run entered".
"""

from __future__ import annotations

import functools
import importlib
import inspect
import time
from collections.abc import Callable
from typing import Any

TOTALS: dict[str, float] = {}
CALLS: dict[str, int] = {}
MARKS: dict[str, float] = {}
_DEPTH: dict[str, int] = {}

TEXTUAL = [
    ("textual.css.stylesheet", "Stylesheet", "apply", "css: apply styles"),
    ("textual.css.stylesheet", "Stylesheet", "parse", "css: parse"),
    ("textual.screen", "Screen", "_refresh_layout", "layout (arrange)"),
    ("textual.screen", "Screen", "_compositor_refresh", "render a frame"),
    ("textual.widgets._footer", "Footer", "recompose", "footer: recompose"),
]
CHAIR = [
    ("chair_tui.tui.launch", None, "load_config", "chair: load_config"),
    ("chair_tui.tui.launch", None, "list_unfinished", "chair: list_unfinished"),
    ("chair_tui.tui.launch", None, "unfinished_for", "chair: unfinished_for"),
    ("chair_tui.meeting.store", None, "data_dir", "chair: data_dir"),
    ("chair_tui.meeting.meetingfile", None, "load_meeting", "chair: load_meeting"),
    ("chair_tui.meeting.session.session", "Session", "create", "chair: Session.create"),
    ("chair_tui.meeting.session.session", "Session", "load", "chair: Session.load"),
    ("chair_tui.tui.app", "ChairApp", "get_default_screen", "chair: ChairApp.get_default_screen"),
    ("chair_tui.tui.screens.meeting", "MeetingScreen", "on_mount", "chair: MeetingScreen.on_mount"),
    ("chair_tui.tui.widgets", "Outbox", "load", "chair: Outbox.load"),
    ("chair_tui.tui.widgets", "StepOutline", "show", "chair: StepOutline.show"),
    ("chair_tui.tui.screens.meeting", "MeetingScreen", "_show_step", "chair: _show_step"),
]


def mark(name: str) -> None:
    MARKS.setdefault(name, time.monotonic())


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth = _DEPTH.get(label, 0)
        _DEPTH[label] = depth + 1
        CALLS[label] = CALLS.get(label, 0) + 1
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _DEPTH[label] = depth
            if depth == 0:
                TOTALS[label] = TOTALS.get(label, 0.0) + time.perf_counter() - t0

    return wrapper


def _timed_async(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        CALLS[label] = CALLS.get(label, 0) + 1
        t0 = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            TOTALS[label] = TOTALS.get(label, 0.0) + time.perf_counter() - t0

    return wrapper


def _patch(module: str, owner: str | None, name: str, label: str) -> None:
    mod = importlib.import_module(module)
    target: Any = getattr(mod, owner) if owner else mod
    if owner:  # look the attribute up unbound (classmethods stay classmethods)
        raw = next(k.__dict__[name] for k in target.__mro__ if name in k.__dict__)
    else:
        raw = getattr(target, name)
    if isinstance(raw, classmethod):
        setattr(target, name, classmethod(_timed(label, raw.__func__)))
    elif inspect.iscoroutinefunction(raw):
        setattr(target, name, _timed_async(label, raw))
    else:
        setattr(target, name, _timed(label, raw))


def install(chair: bool) -> None:
    for spec in TEXTUAL + (CHAIR if chair else []):
        _patch(*spec)
    from textual.app import App

    original_run = App.run

    def run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        mark("App.run entered")
        return original_run(self, *args, **kwargs)

    App.run = run  # type: ignore[method-assign]


def report() -> dict[str, Any]:
    return {
        "marks": MARKS,
        "totals_ms": {k: v * 1000.0 for k, v in sorted(TOTALS.items())},
        "calls": CALLS,
    }
