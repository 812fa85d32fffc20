"""The "Previous action items" list: last meeting's open actions, each marked done, carried
over, dropped or reassigned with one key while the list has the focus.

The widget only says what the chair chose (:class:`PreviousActions.Marked`); the meeting
walk records it in the ledger and queues the step's lines
(:func:`chair_tui.meeting.ledger.lines.step_lines`).  Every text shown is plain
(:func:`chair_tui.tui.plain.plain`), never markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from chair_tui.meeting.ledger.records import Action, Outcome
from chair_tui.tui import commands
from chair_tui.tui.plain import plain, styled
from chair_tui.tui.screens.modals import TextPrompt

PREVIOUS_ACTIONS_COMMANDS = commands.PREVIOUS_ACTIONS_COMMANDS

_MARKS = {
    Outcome.DONE: "✓ done",
    Outcome.CARRIED: "→ carried",
    Outcome.REASSIGNED: "→ reassigned",
    Outcome.DROPPED: "✗ dropped",
}


def _row(action: Action, outcome: Outcome | None, owners: Sequence[str]) -> Content:
    who = ", ".join(owners or action.owners) or "unassigned"
    carried = f" (carried ×{action.carried})" if action.carried else ""
    mark = _MARKS.get(outcome) if outcome is not None else None
    parts = [
        styled(f"{mark:<13}" if mark else " " * 13, "bold"),
        plain(action.text),
        styled(f"  — {who}{carried}", "dim"),
    ]
    return Content("").join(parts)


class PreviousActions(OptionList):
    """The open actions of the ledger, one a row; D/C/X/A mark the highlighted one."""

    BINDINGS = commands.bindings(PREVIOUS_ACTIONS_COMMANDS)

    class Marked(Message):
        """The chair marked ``action_id``: ``outcome``, and the new ``owners`` of a
        reassignment (empty otherwise)."""

        def __init__(self, action_id: str, outcome: Outcome, owners: tuple[str, ...]) -> None:
            super().__init__()
            self.action_id = action_id
            self.outcome = outcome
            self.owners = owners

    def __init__(self, actions: Sequence[Action], *, id: str | None = None) -> None:
        self.actions = list(actions)
        self.marks: dict[str, tuple[Outcome, tuple[str, ...]]] = {}
        super().__init__(*self._rows(), id=id)

    def _rows(self) -> list[Option]:
        return [Option(_row(a, *self.marks.get(a.id, (None, ()))), id=a.id) for a in self.actions]

    def _current(self) -> Action | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.actions):
            return None
        return self.actions[index]

    def _mark(self, outcome: Outcome, owners: tuple[str, ...] = ()) -> None:
        action = self._current()
        if action is None:
            return
        self.marks[action.id] = (outcome, owners)
        index = self.highlighted
        self.replace_option_prompt_at_index(index or 0, _row(action, outcome, owners))
        self.post_message(self.Marked(action.id, outcome, owners))
        if index is not None and index + 1 < len(self.actions):
            self.highlighted = index + 1

    def action_prev_done(self) -> None:
        self._mark(Outcome.DONE)

    def action_prev_carry(self) -> None:
        self._mark(Outcome.CARRIED)

    def action_prev_drop(self) -> None:
        self._mark(Outcome.DROPPED)

    def action_prev_reassign(self) -> None:
        action = self._current()
        if action is None:
            return

        def chosen(value: str | None) -> None:
            nicks = tuple(dict.fromkeys(n for n in re.split(r"[\s,]+", value or "") if n))
            if nicks and self._current() is action:
                self._mark(Outcome.REASSIGNED, nicks)

        prompt = TextPrompt(
            f"Reassign {action.id} to (nicks)", " ".join(action.owners), "nick, nick"
        )
        self.app.push_screen(prompt, chosen)
