"""Snapshots at 80x24 and 120x40 of two states of issue 13: the composer's tall view (F2) of a
785-character info with the bytes of each line it is sent as, and the end summary longer
than the screen, scrolled to its end.

As in test_snapshots.py: a frozen clock, a fixed session id, a data dir relative to the test's
own directory (the summary shows where the meeting is saved) and no cursor blink.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import session as session_module
from chair_tui.tui.app import ChairApp
from chair_tui.tui.minutes_view import SummaryPane
from chair_tui.tui.screens.expand import ExpandScreen
from tests.helpers.clock import frozen_clock
from tests.helpers.walk import TO_TOPIC

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
# 785 characters: sent as three lines
LONG_INFO = " ".join(f"item{i:02d} of the long report" for i in range(40))[:785]


class SnapCompare(Protocol):
    """How the tests call pytest-textual-snapshot's ``snap_compare``."""

    def __call__(
        self,
        app: ChairApp,
        *,
        terminal_size: tuple[int, int],
        run_before: Callable[[Pilot[int]], Awaitable[None]],
    ) -> bool: ...


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


async def no_blink(pilot: Pilot[int]) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


async def _expanded(pilot: Pilot[int]) -> None:
    """A topic, the info typed in the composer, then F2."""
    await no_blink(pilot)
    await pilot.press(*TO_TOPIC, "i")
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.insert_text_at_cursor(LONG_INFO)
    await pilot.press("f2")
    await no_blink(pilot)
    assert isinstance(pilot.app.screen, ExpandScreen)


async def _long_summary_scrolled(pilot: Pilot[int]) -> None:
    """An end summary of ten actions (longer than its pane at both sizes), scrolled to its
    end with the End key."""
    await no_blink(pilot)
    await pilot.press(*TO_TOPIC)
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
    pane = app.screen.query_one(SummaryPane)
    assert app.focused is pane
    assert pane.max_scroll_y > 0  # longer than the screen: the snapshot means something
    await pilot.press("end")
    await no_blink(pilot)
    assert pane.scroll_y == pane.max_scroll_y


@SIZES
def test_expanded_composer_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_expanded)


@SIZES
def test_long_end_summary_scrolled_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_long_summary_scrolled)
