"""Snapshots of every step at 80x24 and 120x40, with a frozen clock and no cursor blink.

Each test runs in its own temp directory, with a data dir given relative to it, so the path the
end-of-meeting summary shows is the same on every machine and run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import session as session_module
from chair_tui.tui.app import ChairApp
from tests.helpers.clock import frozen_clock

STEP_KEYS: dict[str, list[str]] = {
    "start": [],
    "rollcall": ["n", "p", "s", "p", "p", "r"],
    "approval": ["n", "p", "p", "w", "n"],
    "topic": [
        "n",
        "p",
        "p",
        "w",
        "n",
        "v",
        "n",
        "a",
        "N",
        "e",
        "a",
        "l",
        "space",
        "o",
        "t",
        "a",
        "y",
        "l",
        "o",
        "r",
        "space",
        "r",
        "e",
        "v",
        "i",
        "e",
        "w",
    ],
    "open": ["n", "w", "n", "n", "n", "n", "n", "m"],
    "end": ["n", "w", "n", "v", "c", "c", "E", "y"],
}


@pytest.fixture
def snap_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ChairApp:
    monkeypatch.setattr(session_module, "new_session_id", lambda now: "20260701-100000-snap")
    monkeypatch.chdir(tmp_path)
    return ChairApp(
        plan=load_demo(),
        data_dir=Path("snap-data"),
        clock=frozen_clock,
        system_clipboard=lambda text: None,
        sync=False,
    )


class SnapCompare(Protocol):
    """How the tests call pytest-textual-snapshot's ``snap_compare`` (whose own annotation
    names only a path)."""

    def __call__(
        self,
        app: ChairApp,
        *,
        terminal_size: tuple[int, int],
        run_before: Callable[[Pilot[int]], Awaitable[None]],
    ) -> bool: ...


async def no_blink(pilot: Pilot[int]) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def _run_before(keys: list[str]) -> Callable[[Pilot[int]], Awaitable[None]]:
    async def run(pilot: Pilot[int]) -> None:
        await no_blink(pilot)
        for key in keys:
            await pilot.press(key)
        await no_blink(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("step", list(STEP_KEYS))
def test_step_snapshot(
    step: str, size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_run_before(STEP_KEYS[step]))


def test_help_snapshot(snap_app: ChairApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=_run_before(["f1"]))


async def _type(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    focused.insert_text_at_cursor(text)
    await pilot.press("enter")


async def _minutes_view(pilot: Pilot[int]) -> None:
    """A topic with copied lines, a pending info and action, a note, then the minutes view."""
    await no_blink(pilot)
    await pilot.press("n", "p", "p", "w", "n", "v", "n", "c", "c", "c", "c")
    await _type(pilot, "i", "Owen will wait a few hours for feedback on the proposals")
    await pilot.press("c")
    await _type(pilot, "a", "mclasen cmurf file the FESCo ticket before Friday")
    await _type(pilot, "a", "the board looks at the wallpaper")
    await _type(pilot, "t", "thanks everyone, moving on")
    await pilot.press("M")
    await no_blink(pilot)


async def _long_summary(pilot: Pilot[int]) -> None:
    """An end summary of ten actions: longer than its pane at both sizes."""
    await no_blink(pilot)
    await pilot.press("n", "p", "p", "w", "n", "v", "n")
    app = pilot.app
    assert isinstance(app, ChairApp) and app.session is not None
    s = app.session
    for n in range(10):  # recorded as the composer records them
        s.record(
            parse_composed(
                f"mclasen cmurf follow up on item {n} of the FESCo ticket",
                Kind.ACTION,
                s.profile.prefix + "#",
            )
        )
    await pilot.press("c", "c", "E", "y")
    await no_blink(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_minutes_view_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_minutes_view)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_long_end_summary_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_long_summary)
