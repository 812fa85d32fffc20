"""Snapshots of the voting table with some votes cast, at 80x24 and 120x40.

The table is shown over an empty app with the screens' base (``ChairBase``), so the snapshot
is the table's alone, not the meeting screen's under it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

import pytest
from textual.pilot import Pilot

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.votes.vote import Vote
from chair_tui.tui.base import ChairBase
from chair_tui.tui.screens.vote import BotView, VoteScreen
from tests.helpers.clock import frozen_clock


class SnapCompare(Protocol):
    def __call__(
        self,
        app: ChairBase,
        *,
        terminal_size: tuple[int, int],
        run_before: Callable[[Pilot[int]], Awaitable[None]],
    ) -> bool: ...


def _preview(vote: Vote) -> BotView:
    """What hcoop-meetbot answers to #close, as a fixed stand-in for the vote core's."""
    t = vote.meeting_tally
    opposed = t.no + t.abstain
    verdict = "accepted" if t.yes > opposed else "failed" if t.yes < opposed else "inconclusive"
    return BotView(
        replies=(f"Motion {verdict}: {t.yes} in favor to {opposed} opposed",),
        warnings=(
            ("hcoop-meetbot counts a 0 as opposed (#vote 0): its verdict may differ",)
            if t.abstain
            else ()
        ),
    )


@pytest.fixture
def snap_app() -> ChairBase:
    return ChairBase(clock=frozen_clock, system_clipboard=lambda text: None)


async def _vote(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, ChairBase)
    plan = load_demo()
    screen = VoteScreen(
        "Adopt the wallpaper proposals for F40", plan, get_profile("hcoop"), preview=_preview
    )
    app.push_screen(screen)
    await pilot.pause()
    await pilot.press("plus", "plus", "0", "minus", "equals_sign")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_vote_table_snapshot(
    size: tuple[int, int], snap_app: ChairBase, snap_compare: SnapCompare
) -> None:
    assert snap_compare(snap_app, terminal_size=size, run_before=_vote)
