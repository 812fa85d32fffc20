"""A vote as a chair runs it on the meeting screen (issue 14, the TUI): ``V`` on a topic, the
motion typed, its lines queued; the voting table marked as members say their ``+1``/``0``/``-1``;
Enter queues the result in the bot's own protocol, Escape withdraws a motion not yet sent.

Each test looks at the lines waiting in the outbox and at what the screen says.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from chair_tui.tui.screens.vote import VoteScreen, VoteTable
from chair_tui.tui.widgets import Outbox
from tests.helpers.app import make_app, session_of
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.walk import at_topic, pending_texts, status_of

MOTION = "ship the F35 wallpaper by default"


async def put_to_vote(pilot: Pilot[int], motion: str) -> VoteScreen:
    await pilot.press("V")
    await pilot.pause()
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.insert_text_at_cursor(motion)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, VoteScreen), screen
    return screen


async def test_zodbot_vote_opens_with_the_proposal_and_closes_with_the_tally(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        screen = await put_to_vote(pilot, MOTION)
        assert pending_texts(app) == [f"#info Proposal: {MOTION}"]
        table = screen.query_one(VoteTable)
        assert app.focused is table and table.row_count == 8
        # cmurf +1, mclasen +1, neal +1, tpopela 0, jensp -1; the other three say nothing
        await pilot.press("plus", "equals_sign", "plus", "0", "minus")
        await pilot.pause()
        counted = str(screen.query_one("#vote-status", Static).content)
        assert "+1: 3   0: 1   -1: 1   not voted: 3 of 8" in counted
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, VoteScreen)
        assert pending_texts(app) == [
            f"#info Proposal: {MOTION}",
            f"#agreed {MOTION} (+3, 1, -1)",
        ]
        assert status_of(app).startswith("Vote closed")
        assert isinstance(app.focused, Outbox)
        # a second motion, with more against than for: zodbot has no #reject, only #rejected
        await put_to_vote(pilot, "drop X11")
        await pilot.press("plus", "minus", "minus", "0", "0", "enter")
        await pilot.pause()
        assert pending_texts(app)[-2:] == [
            "#info Proposal: drop X11",
            "#rejected drop X11 (+1, 2, -2)",
        ]


async def test_hcoop_vote_is_motion_then_close_and_the_table_shows_the_bot_s_reply(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="hcoop")
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        screen = await put_to_vote(pilot, MOTION)
        assert pending_texts(app) == [f"#motion {MOTION}"]
        await pilot.press("plus", "plus", "minus")
        await pilot.pause()
        bot = str(screen.query_one("#vote-bot", Static).content)
        assert "Motion accepted: 2 in favor to 1 opposed" in bot
        await pilot.press("enter")
        await pilot.pause()
        # the chair never casts the members' #vote lines: only the bot's close
        assert pending_texts(app) == [f"#motion {MOTION}", "#close"]


async def test_escape_withdraws_a_motion_pending_or_tells_the_bot_once_copied(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        copies = list(clipboard.copies)
        await put_to_vote(pilot, MOTION)
        assert pending_texts(app) == [f"#info Proposal: {MOTION}"]
        await pilot.press("plus", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, VoteScreen)
        assert pending_texts(app) == []  # never sent: withdrawn without a trace
        assert not any(MOTION in ln.text for ln in s.visible_lines())
        assert "withdrawn" in status_of(app)
        assert clipboard.copies == copies
        # again, and this time the proposal is copied while the table is open (the members
        # must read it before they vote)
        await put_to_vote(pilot, MOTION)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)
        assert clipboard.copies[-1] == f"#info Proposal: {MOTION}"
        assert s.pending() == []
        await pilot.press("plus", "escape")  # sent: the bot is told it is withdrawn
        await pilot.pause()
        assert pending_texts(app) == [f"#info Proposal withdrawn: {MOTION}"]


async def test_v_on_roll_call_opens_no_vote(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = make_app(tmp_path, clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        s = session_of(app)
        assert s.step.kind == "rollcall"
        before = pending_texts(app)
        await pilot.press("V")
        await pilot.pause()
        assert not isinstance(app.screen, VoteScreen)
        assert not isinstance(app.focused, Input)  # no motion prompt either
        assert pending_texts(app) == before
        assert s.step.kind == "rollcall"


async def test_undo_of_a_pasted_vote_result_says_what_the_bot_takes_back(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        s = await at_topic(pilot)
        await put_to_vote(pilot, MOTION)
        await pilot.press("plus", "plus", "minus", "enter")
        await pilot.pause()
        while s.pending():
            await pilot.press("c")
            await pilot.pause()
        assert any(t.startswith("#agreed") for t in s.export_lines())
        await pilot.press("u")
        await pilot.pause()
        assert pending_texts(app) == ["#undo"]
        # zodbot's #undo removes the #agreed: the status line says so
        assert "agreed" in status_of(app).lower() and "#undo" in status_of(app)


async def test_ticket_votes_marked_at_the_table_are_said_before_the_result(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    app = make_app(tmp_path / "data", clipboard, profile="zodbot")
    async with app.run_test(size=(120, 40)) as pilot:
        await at_topic(pilot)
        await put_to_vote(pilot, MOTION)
        # the first voter's ticket +1, then their meeting vote +1; the second's ticket 0
        await pilot.press("t", "down", "t", "t", "up", "plus", "enter")
        await pilot.pause()
        assert pending_texts(app)[-2:] == [
            "#info Votes in the ticket: (+0, 1, -0)",
            f"#agreed {MOTION} (+1, 1, -0)",
        ]
