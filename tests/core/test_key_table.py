"""The one key table: no two keys clash where they are active together, and every key of this
round is in it (so ``[keymap]`` can remap it and docs/keys.md lists it)."""

from __future__ import annotations

from collections import Counter

import pytest

from chair_tui.tui import commands

# Tables whose keys are active at the same time, with the meeting screen's own keys where a
# widget of that table sits on the meeting screen and lets the screen's keys through.
SCOPES: dict[str, tuple[commands.Command, ...]] = {
    "meeting screen": commands.COMMANDS,
    "previous actions list": commands.COMMANDS + commands.PREVIOUS_ACTIONS_COMMANDS,
    "roll call": commands.ROLLCALL_COMMANDS,
    "composer": commands.COMPOSER_COMMANDS,
    "voting table": commands.VOTE_COMMANDS,
    "start screen": commands.START_COMMANDS,
}


def _keys(table: tuple[commands.Command, ...]) -> list[str]:
    return [k for c in table for k in c.key.split(",")]


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_no_key_is_bound_twice_in_one_scope(scope: str) -> None:
    twice = [k for k, n in Counter(_keys(SCOPES[scope])).items() if n > 1]
    assert twice == [], f"{scope}: {twice}"


def test_this_rounds_keys_are_in_the_one_table() -> None:
    wanted = {
        "vote": "V",
        "late_arrival": "L",
        "chair_add": "K",
        "chair_remove": "J",
        "reopen_meeting": "R",
        "copy_summary": "S",
        "paced_copy": "P",
        "composer_expand": "f2",
        "composer_restore": "ctrl+z",
        "prev_done": "D",
        "prev_carry": "C",
        "prev_drop": "X",
        "prev_reassign": "A",
        "open_notes": "N",
    }
    got = {i: commands.BY_ID[i].key for i in wanted if i in commands.BY_ID}
    assert got == wanted
    assert set(wanted) <= commands.all_binding_ids()  # remappable by [keymap]


def test_ids_are_unique() -> None:
    ids = Counter(c.id for c in commands.ALL_COMMANDS)
    assert [i for i, n in ids.items() if n > 1] == []
