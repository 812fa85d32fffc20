"""The previous-actions list alone: D, C, X and A mark the highlighted action and post
PreviousActions.Marked; A asks for the new owners in the prompt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from chair_tui.meeting.ledger.records import Action, HistoryEvent, Outcome
from chair_tui.tui.base import ChairBase
from chair_tui.tui.screens.modals import TextPrompt
from chair_tui.tui.screens.previous_actions import PREVIOUS_ACTIONS_COMMANDS, PreviousActions


def _action(aid: str, text: str, owner: str) -> Action:
    return Action(aid, text, (owner,), (owner,), "m1", (HistoryEvent(Outcome.OPEN),))


class _Host(ChairBase):
    def __init__(self) -> None:
        super().__init__()
        self.marked: list[tuple[str, Outcome, tuple[str, ...]]] = []

    def compose(self) -> ComposeResult:
        yield PreviousActions(
            [
                _action("A1", "[b]bcotton[/b] to edit #175", "bcotton"),
                _action("A2", "neal to update the wiki", "neal"),
                _action("A3", "someone files a ticket", "x"),
                _action("A4", "tomas to write the summary", "tomas"),
            ]
        )

    def on_previous_actions_marked(self, message: PreviousActions.Marked) -> None:
        self.marked.append((message.action_id, message.outcome, message.owners))


async def test_keys_mark_the_actions() -> None:
    assert [c.id for c in PREVIOUS_ACTIONS_COMMANDS] == [
        "prev_done",
        "prev_carry",
        "prev_drop",
        "prev_reassign",
    ]
    app = _Host()
    async with app.run_test() as pilot:
        widget = app.query_one(PreviousActions)
        widget.focus()
        widget.highlighted = 0
        await pilot.pause()
        assert "[b]bcotton[/b]" in str(widget.get_option_at_index(0).prompt)
        await pilot.press("D", "C", "X", "A")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        field = app.screen.query_one(Input)
        assert field.value == "tomas"  # the owners now, to edit
        field.value = ""
        await pilot.press(*"alice, bob", "enter")
        await pilot.pause()
    assert app.marked[:3] == [
        ("A1", Outcome.DONE, ()),
        ("A2", Outcome.CARRIED, ()),
        ("A3", Outcome.DROPPED, ()),
    ]
    assert app.marked[3] == ("A4", Outcome.REASSIGNED, ("alice", "bob"))
