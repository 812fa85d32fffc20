"""Snapshots of what issue 13 keeps on screen, at 80x24 and 120x40: the start lines being
edited, the roll-call lines just written under a roster of 8, and a topic whose outbox says how
many pending lines wait below. Set up as tests/tui/test_snapshots.py is (frozen clock, fixed
session id, a data dir relative to the test's own directory)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import session as session_module
from chair_tui.tui.app import ChairApp
from tests.helpers.clock import frozen_clock
from tests.tui.test_snapshots import SnapCompare, no_blink

SIZES = [(80, 24), (120, 40)]
SIZE_IDS = ["80x24", "120x40"]


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


def keys(*pressed: str) -> Callable[[Pilot[int]], Awaitable[None]]:
    async def run(pilot: Pilot[int]) -> None:
        await no_blink(pilot)
        await pilot.press(*pressed)
        await no_blink(pilot)

    return run


async def more_pending(pilot: Pilot[int]) -> None:
    """A topic with the start and roll-call lines still pending and thirty facts recorded
    (more than fit at 120x40)."""
    await no_blink(pilot)
    await pilot.press("n", "p", "p", "w", "n", "v", "n")
    app = pilot.app
    assert isinstance(app, ChairApp) and app.session is not None
    s = app.session
    for n in range(30):  # recorded as the composer records them
        s.record(parse_composed(f"fact number {n} of the topic", Kind.INFO, s.profile.prefix + "#"))
    await no_blink(pilot)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_start_lines_focused_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=keys("shift+tab"))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_roll_call_written_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    # the start lines copied, eight members marked, the roll call written
    roll_call = ("n", "c", "c", "c", "p", "s", "p", "p", "r", "p", "p", "p", "p", "w")
    assert snap_compare(snap_app, terminal_size=size, run_before=keys(*roll_call))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_more_pending_snapshot(
    size: tuple[int, int], snap_app: ChairApp, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=more_pending)
