"""The voting table driven by keys: one key per ballot, the cursor moves on, the counters and
the verdict follow, Enter closes the vote and Escape cancels it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import Member
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.votes.vote import Ballot, Vote
from chair_tui.tui.plain import shown
from chair_tui.tui.screens.vote import VOTE_COMMANDS, BotView, VoteScreen, VoteTable
from tests.helpers.app import make_app

MOTION = "Ship [b]GNOME 46[/b] wallpapers in F40"


def _preview(vote: Vote) -> BotView:
    t = vote.meeting_tally
    return BotView(
        replies=(f"Motion accepted: {t.yes} in favor to {t.no + t.abstain} opposed",),
        warnings=("a 0 is counted as opposed by hcoop-meetbot",) if t.abstain else (),
    )


def test_the_commands_are_the_key_table_s() -> None:
    assert [(c.id, c.key) for c in VOTE_COMMANDS] == [
        ("vote_yes", "plus,equals_sign"),
        ("vote_abstain", "0"),
        ("vote_no", "minus"),
        ("vote_ticket", "t"),
        ("vote_clear", "backspace"),
        ("vote_close", "enter"),
        ("vote_cancel", "escape"),
    ]


async def test_marking_moving_on_clearing_and_closing(tmp_path: Path) -> None:
    plan = load_demo()
    # a member who does not vote is not in the table
    plan = replace(plan, members=(*plan.members, Member("bcotton", "Ben", voting=False)))
    app = make_app(tmp_path, lambda text: None, plan=plan)
    results: list[Vote | None] = []
    async with app.run_test(size=(100, 40)) as pilot:
        screen = VoteScreen(MOTION, plan, get_profile("hcoop"), preview=_preview)
        app.push_screen(screen, results.append)
        await pilot.pause()
        table = screen.query_one(VoteTable)
        assert table.row_count == len(plan.voters) == 8
        assert screen.app.focused is table
        await pilot.press("plus", "equals_sign", "0", "minus")
        assert table.cursor_row == 4
        assert screen.vote.ballots[:5] == (
            Ballot.YES,
            Ballot.YES,
            Ballot.ABSTAIN,
            Ballot.NO,
            Ballot.ABSENT,
        )
        status = str(screen.query_one("#vote-status", Static).render())
        assert "+1: 2   0: 1   -1: 1   not voted: 4 of 8" in status
        bot = str(screen.query_one("#vote-bot", Static).render())
        assert "Motion accepted: 2 in favor to 2 opposed" in bot
        assert "counted as opposed" in str(screen.query_one("#vote-warnings", Static).render())
        # back up one row and clear it: the cursor stays
        await pilot.press("up", "backspace")
        assert table.cursor_row == 3
        assert screen.vote.ballots[3] is Ballot.ABSENT
        # the motion is shown as typed, never as markup
        title = str(screen.query_one("#vote-title").render())
        assert shown(MOTION) in title
        await pilot.press("enter")
        await pilot.pause()
    assert len(results) == 1
    closed = results[0]
    assert closed is not None
    assert closed.motion == MOTION
    assert closed.tally.yes == 2 and closed.tally.abstain == 1 and closed.tally.no == 0
    assert "bcotton" not in closed.voters


async def test_escape_cancels(tmp_path: Path) -> None:
    plan = load_demo()
    app = make_app(tmp_path, lambda text: None, plan=plan)
    results: list[Vote | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VoteScreen("Release now", plan, get_profile("meetbot")), results.append)
        await pilot.pause()
        await pilot.press("plus", "escape")
        await pilot.pause()
    assert results == [None]
