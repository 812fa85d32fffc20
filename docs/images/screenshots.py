"""Make the walkthrough's screenshots from the demo meeting: ``make screenshots``.

Each picture is the app driven by keys at 100x30, with a clock that only moves when this
script moves it, so the pictures change only when the app does.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.session import session as session_module
from chair_tui.tui.app import ChairApp

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)
START = 1_782_900_000.0  # 2026-07-01 10:00 UTC, as in the tests


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    tick = getattr(pilot.app.screen, "_tick", None)
    if tick is not None:  # the clocks in the top bar, as the next second's tick shows them
        tick()
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    focused = pilot.app.focused
    assert isinstance(focused, Input)
    focused.insert_text_at_cursor(text)
    await pilot.pause()


async def shoot(name: str, script: Any) -> None:
    clock = Clock()
    session_module.new_session_id = lambda now: "20260701-100000-demo"
    with tempfile.TemporaryDirectory() as scratch:
        # The end screen names the session file: show it where a chair's would be.
        os.chdir(scratch)
        app = ChairApp(
            plan=load_demo(),
            data_dir=Path("~/.local/share/chair-tui"),
            clock=clock,
            system_clipboard=lambda text: None,
            sync=False,
        )
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await script(pilot, clock)
            await settle(pilot)
            app.save_screenshot(str(HERE / name))
    print(HERE / name)


async def start(pilot: Pilot[Any], clock: Clock) -> None:
    pass


async def rollcall(pilot: Pilot[Any], clock: Clock) -> None:
    await pilot.press("n", "p", "s", "p", "p", "r")
    clock.advance(2)


async def to_first_topic(pilot: Pilot[Any], clock: Clock) -> None:
    """Roll call written, the minutes approved, the first topic opened, everything copied."""
    await pilot.press("n", "p", "s", "p", "p", "r", "w")
    clock.advance(2)
    await pilot.press("n", "v")
    clock.advance(1)
    await pilot.press("n")
    for _ in range(4):
        await pilot.press("c")


async def topic(pilot: Pilot[Any], clock: Clock) -> None:
    await to_first_topic(pilot, clock)
    clock.advance(17)  # two minutes over the topic's 15
    await pilot.press("i")
    await type_text(pilot, "Owen will wait a few hours for feedback on the proposals")
    await pilot.press("enter", "a")
    await type_text(pilot, "Neal otaylor review the proposals before Friday")


async def minutes(pilot: Pilot[Any], clock: Clock) -> None:
    """The live minutes (M) during the first topic: an info copied, an action for two people
    and a note still pending."""
    await to_first_topic(pilot, clock)
    clock.advance(5)
    await pilot.press("i")
    await type_text(pilot, "Owen will wait a few hours for feedback on the proposals")
    await pilot.press("enter", "c", "a")
    await type_text(pilot, "mclasen neal review the proposals before Friday")
    await pilot.press("enter", "a")
    await type_text(pilot, "the board looks at the wallpaper")
    await pilot.press("enter", "t")
    await type_text(pilot, "thanks everyone, moving on")
    await pilot.press("enter", "M")


async def end(pilot: Pilot[Any], clock: Clock) -> None:
    await pilot.press("n", "p", "s", "p", "p", "r", "w", "n", "v", "n")
    await pilot.press("a")
    await type_text(pilot, "mclasen file the FESCo ticket")
    await pilot.press("enter", "escape")
    clock.advance(40)
    for _ in range(5):
        await pilot.press("c")
    await pilot.press("E", "y")


async def vote(pilot: Pilot[Any], clock: Clock) -> None:
    """A vote on the first topic: the motion sent, five members' votes marked, one to go."""
    await to_first_topic(pilot, clock)
    clock.advance(6)
    await pilot.press("V")
    await type_text(pilot, "Install the third-party repos by default in F35")
    await pilot.press("enter")
    await pilot.press("plus", "plus", "0", "plus", "minus")


async def main() -> None:
    here = os.getcwd()
    await shoot("1-start.svg", start)
    await shoot("2-rollcall.svg", rollcall)
    await shoot("3-topic.svg", topic)
    await shoot("4-end.svg", end)
    await shoot("5-minutes.svg", minutes)
    await shoot("6-vote.svg", vote)
    os.chdir(here)


if __name__ == "__main__":
    asyncio.run(main())
