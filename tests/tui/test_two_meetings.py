"""Two meetings of one group, a week apart, on one data dir (issue 15): the first ends with
three actions, and copying its end line files them in the group's ledger; the second opens
with "Action items from last meeting" after the minutes approval, where the chair marks one
done, one carried over and one dropped; the lines it queues, replayed through the bot model,
give the carried action to its owner; and ``S`` copies a Markdown summary to post.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.ledger import load, open_items, record_meeting
from chair_tui.meeting.ledger.records import Outcome
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.session import COPIED, Session
from chair_tui.tui.app import ChairApp
from chair_tui.tui.config import Config
from chair_tui.tui.screens.modals import StepPicker
from chair_tui.tui.screens.previous_actions import PreviousActions
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import FROZEN

GROUP = "workstation-wg"
WEEK = 7 * 24 * 3600.0
# (intended owner, what) — recorded in meeting 1; in meeting 2 marked done, carried, dropped
ACTIONS = (
    ("mclasen", "review the wallpaper proposals"),
    ("neal", "update the wiki page on btrfs"),
    ("otaylor", "file the FESCo ticket"),
)


def group_plan() -> MeetingPlan:
    return replace(load_demo(), name=GROUP, profile="zodbot")


def app_at(data_dir: Path, clipboard: FakeClipboard, now: float) -> ChairApp:
    """A new meeting of the group at ``now`` (a clock that stays there)."""
    return ChairApp(
        plan=group_plan(),
        data_dir=data_dir,
        config=Config(copy_on_record=False),
        clock=lambda: now,
        system_clipboard=clipboard,
        sync=False,
    )


def session_of(app: ChairApp) -> Session:
    assert app.session is not None
    return app.session


def pending_texts(app: ChairApp) -> list[str]:
    return [ln.text for ln in session_of(app).pending()]


async def copy_all(pilot: Pilot[int], session: Session) -> None:
    for _ in range(50):
        if not session.pending():
            return
        await pilot.press("c")
        await pilot.pause()
    raise AssertionError(f"still pending: {[ln.text for ln in session.pending()]}")


async def record(pilot: Pilot[int], key: str, text: str) -> None:
    await pilot.press(key)
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.insert_text_at_cursor(text)
    await pilot.press("enter")
    await pilot.pause()


async def end_and_copy(pilot: Pilot[int], session: Session) -> None:
    await pilot.press("E", "y")
    await pilot.pause()
    assert session.ended
    await copy_all(pilot, session)


async def first_meeting(data_dir: Path, clipboard: FakeClipboard) -> None:
    app = app_at(data_dir, clipboard, FROZEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        s = session_of(app)
        assert [st.kind for st in s.steps][:4] == ["start", "rollcall", "approval", "topic"]
        for owner, what in ACTIONS:
            await record(pilot, "a", f"{owner} {what}")
        await copy_all(pilot, s)
        assert open_items(GROUP, base=data_dir) == []  # nothing is filed before the end
        await end_and_copy(pilot, s)


def summary_markdown(clipboard: FakeClipboard) -> list[Token]:
    return MarkdownIt().parse(clipboard.copies[-1])


async def test_the_next_meeting_reviews_last_meeting_s_actions(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    data_dir = tmp_path / "data"
    await first_meeting(data_dir, clipboard)
    filed = open_items(GROUP, base=data_dir)
    assert [(a.owners_intended, a.text) for a in filed] == [
        ((owner,), f"{owner} {what}") for owner, what in ACTIONS
    ]

    app = app_at(data_dir, clipboard, FROZEN + WEEK)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        await pilot.pause()
        s = session_of(app)
        assert [st.kind for st in s.steps][:4] == ["start", "rollcall", "approval", "previous"]
        assert s.step.kind == "previous"
        assert s.step.title == "Action items from last meeting"
        listed = app.screen.query_one(PreviousActions)
        assert app.focused is listed
        assert [a.text for a in listed.actions] == [f"{o} {w}" for o, w in ACTIONS]
        assert pending_texts(app)[-1] == "#topic Action items from last meeting"
        await copy_all(pilot, s)

        await pilot.press("D", "C", "X")
        await pilot.pause()
        queued = pending_texts(app)
        done = [t for t in queued if t.startswith("#info DONE:")]
        carried = [t for t in queued if t.startswith("#action ")]
        dropped = [t for t in queued if t.startswith("#info DROPPED:")]
        assert len(done) == len(carried) == len(dropped) == 1, queued
        assert "review the wallpaper proposals" in done[0]
        assert carried[0].startswith("#action neal ") and carried[0].endswith("(carried over)")
        assert "update the wiki page on btrfs" in carried[0]
        assert "file the FESCo ticket" in dropped[0]

        # the lines as the bot reads them, the chair's alone (no one else speaks): the
        # carried action is neal's in the minutes
        bot = BotModel(s.profile)
        for ln in s.visible_lines():
            bot.feed("10:00:00", "chair", ln.text)
        owners = {item.text: nicks for item, nicks in bot.assignments()}
        assert [nicks for text, nicks in owners.items() if "carried over" in text] == [["neal"]]

        # the ledger knows what became of each
        history = {a.text: a.history[-1].outcome for a in load(GROUP, base=data_dir).actions}
        assert history["mclasen review the wallpaper proposals"] == Outcome.DONE
        assert history["otaylor file the FESCo ticket"] == Outcome.DROPPED
        assert history["neal update the wiki page on btrfs"] == Outcome.CARRIED

        # the end, then the summary to post
        await copy_all(pilot, s)
        await end_and_copy(pilot, s)
        assert all(ln.state == COPIED for ln in s.visible_lines())
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StepPicker)
        await pilot.press("enter")  # the first choice: the Markdown summary
        await pilot.pause()
        await pilot.pause()
        status = str(app.screen.query_one("#status", Static).content)
        assert status.startswith("Copied the Markdown summary"), status

    tokens = summary_markdown(clipboard)
    headings = [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]
    assert ("h2", "Action items") in headings, headings
    assert ("h2", "Previous action items") in headings, headings
    items = section_items(tokens, "Action items")
    assert items, clipboard.copies[-1]
    assert all(item.startswith("[ ] ") for item in items), items
    assert any(
        item.startswith("[ ] @neal ") and "update the wiki page on btrfs" in item for item in items
    ), items
    previous = section_items(tokens, "Previous action items")
    assert len(previous) == 3 and "review the wallpaper proposals" in previous[0], previous


def section_items(tokens: list[Token], heading: str) -> list[str]:
    """The text of each list item under the ``## heading`` (up to the next heading)."""
    items: list[str] = []
    inside = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inside = tok.tag == "h2" and tokens[i + 1].content == heading
        elif inside and tok.type == "inline" and tokens[i - 2].type == "list_item_open":
            items.append(tok.content)
    return items


def seed_ledger(data_dir: Path, *lines: str) -> None:
    """A previous meeting of the group, as the bot minuted it, filed in the ledger."""
    plan = group_plan()
    bot = BotModel(get_profile("zodbot"))
    for text in ("#startmeeting Workstation WG", *lines, "#endmeeting"):
        bot.feed("10:00:00", "cmurf", text)
    record_meeting(plan.name, bot, "2026-06-24", meeting_id="earlier", base=data_dir)


async def test_a_carried_action_queues_the_owner_s_nick_once(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    seed_ledger(tmp_path, "#nick neal", "#action neal update the wiki page on btrfs")
    assert [a.owners_intended for a in open_items(GROUP, base=tmp_path)] == [("neal",)]
    app = app_at(tmp_path, clipboard, FROZEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        await pilot.pause()
        s = session_of(app)
        assert s.step.kind == "previous"
        await copy_all(pilot, s)
        await pilot.press("C")
        await pilot.pause()
        assert pending_texts(app) == [
            "#nick neal",
            "#action neal update the wiki page on btrfs (carried over)",
        ]


async def test_s_asks_which_summary_to_copy(tmp_path: Path, clipboard: FakeClipboard) -> None:
    app = app_at(tmp_path, clipboard, FROZEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "p", "p", "w", "n", "v", "n")
        s = session_of(app)
        await end_and_copy(pilot, s)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StepPicker)
        title = str(app.screen.query_one("#prompt-title", Label).content)
        assert "summary" in title.lower(), title


async def test_the_step_asked_for_with_nothing_open_says_so_in_one_line(
    tmp_path: Path, clipboard: FakeClipboard
) -> None:
    plan = replace(load_demo(), name="nothing-open", previous_actions=True)
    app = make_app(tmp_path / "data", clipboard, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert app.session is not None and app.session.step.kind == "previous"
        assert [ln.text for ln in app.session.pending()][-2:] == [
            "#topic Action items from last meeting",
            "#info No open action items from the last meeting",
        ]
