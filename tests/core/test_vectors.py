"""The bot model against the recorded results of the real bots' code, vector by vector.

Each vector's lines are fed to :class:`~chair_tui.meeting.botmodel.BotModel`, one a second,
and what it keeps is compared with what the real bot's code did: the minutes items (for
hcoop-meetbot, every event of its raw log), whether the meeting runs, the chairs, the actions
by person and the "Unknown command" replies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.botmodel import BotModel, Event, Item, ItemKind
from chair_tui.meeting.profiles import PROFILES

DATA: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "data" / "meetbot-test-vectors.json").read_text()
)
IMPL_PROFILE = {
    "rkd": "meetbot",
    "osk": "openstack",
    "fed": "zodbot",
    "mgy": "meetingology",
    "hcoop": "hcoop",
}
# Vectors about features chair-tui never emits and does not model; each is named with why.
NOT_MODELLED = {
    "V56": "#commands only lists commands",
    "V65": "#save writes files and replies with URLs",
}
# these vectors start the meeting themselves; the attendees of the setup speak first
STARTS_ITSELF = ("V70", "V71", "V72", "V73", "V74")
# hcoop-meetbot's operands that the vectors do not show as chair-tui keeps them
NICK_LIST_EVENTS = ("ADD_CHAIR", "REMOVE_CHAIR", "TRACK_NICK")  # a list of nicks: "['a', 'b']"
ID_EVENTS = ("UNDO", "START_MEETING", "END_MEETING")  # a message id, or None


def _expected_items(impl: str, result: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for kind, nick, text in result["items"]:
        if impl == "hcoop" and kind in ID_EVENTS:
            text = ""
        out.append((kind, nick, text or ""))
    return out


def _kept(impl: str, model: BotModel) -> list[tuple[str, str, str]]:
    """What the model keeps, spelt as the vectors spell it: a link shows the URL the bot takes
    (``url='…'``; hcoop-meetbot keeps the text), an hcoop event of nicks the list of them."""
    out: list[tuple[str, str, str]] = []
    for kept in model.tracked() if impl == "hcoop" else model.items:
        if isinstance(kept, Item):
            text = kept.text
            if kept.kind is ItemKind.LINK and impl != "hcoop":
                text = f"url={kept.url!r}"
            out.append((kept.kind.value, kept.nick, text))
        else:
            assert isinstance(kept, Event)
            text = repr(kept.text.split()) if kept.kind in NICK_LIST_EVENTS else kept.text
            out.append((kept.kind, kept.nick, text))
    return out


CASES = [
    pytest.param(vid, impl, id=f"{vid}-{impl}")
    for vid in DATA["vectors"]
    if vid not in NOT_MODELLED
    for impl in IMPL_PROFILE
]


def _run(vid: str, impl: str) -> tuple[BotModel, dict[str, Any]]:
    vector = DATA["vectors"][vid]
    lines = [(n, t) for n, t in vector["input"]]
    uses_setup = not any("SETUP=none" in str(x) for x in vector.get("input", []))
    setup = [(n, t) for n, t in DATA["setup"]]
    if vid in STARTS_ITSELF:
        lines = setup[1:] + lines
    elif uses_setup:
        lines = setup + lines
    channel = "#meeting" if vid == "V69" else "#fedora-meeting"
    model = BotModel(PROFILES[IMPL_PROFILE[impl]], channel=channel)
    for k, (nick, text) in enumerate(lines):
        model.feed(f"03:{17 + k // 60:02d}:{k % 60:02d}", nick, text)
    return model, vector["result"][impl]


@pytest.mark.parametrize(("vid", "impl"), CASES)
def test_vector(vid: str, impl: str) -> None:
    model, expected = _run(vid, impl)
    setup_items = []
    if impl == "hcoop" and vid not in STARTS_ITSELF:
        setup_items = [("START_MEETING", "cmurf", "")]
    assert _kept(impl, model) == setup_items + _expected_items(impl, expected)
    assert model.running == expected["meeting_running"]
    if expected["chairs"] is not None and expected["meeting_running"]:
        assert model.current_chairs() == sorted(expected["chairs"], key=lambda n: (n.lower(), n))
    if expected.get("actions") is not None:
        assert {item.text: who for item, who in model.assignments()} == expected["actions"]
    unknown = [r for r in expected["replies"] if r.startswith("Unknown command")]
    assert [r.text for r in model.replies if r.text.startswith("Unknown command")] == unknown


def test_every_vector_is_checked_or_named() -> None:
    checked = {vid for vid in DATA["vectors"] if vid not in NOT_MODELLED}
    assert len(checked) >= 70
    assert set(NOT_MODELLED) <= set(DATA["vectors"])
