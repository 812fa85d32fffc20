"""The bot model against the recorded results of the real bots' code, vector by vector."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.botsim import SimResult, simulate
from chair_tui.meeting.profiles import PROFILES, Profile

DATA = json.loads((Path(__file__).parent.parent / "data" / "meetbot-test-vectors.json").read_text())
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
    "V61": "OpenStack votes are not emitted by chair-tui",
    "V62": "meetingology votes are not emitted by chair-tui",
    "V63": "hcoop motions are not emitted by chair-tui",
    "V65": "#save writes files and replies with URLs",
}


def _expected_items(impl: str, result: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for kind, nick, text in result["items"]:
        if impl == "hcoop" and kind in ("UNDO", "START_MEETING", "END_MEETING"):
            text = ""
        out.append((kind, nick, text or ""))
    return out


CASES = [
    pytest.param(vid, impl, id=f"{vid}-{impl}")
    for vid in DATA["vectors"]
    if vid not in NOT_MODELLED
    for impl in IMPL_PROFILE
]


def _run(vid: str, impl: str) -> tuple[Profile, SimResult, dict[str, Any]]:
    vector = DATA["vectors"][vid]
    profile = PROFILES[IMPL_PROFILE[impl]]
    lines = [(n, t) for n, t in vector["input"]]
    uses_setup = not any("SETUP=none" in str(x) for x in vector.get("input", []))
    channel = "#meeting" if vid == "V69" else "#fedora-meeting"
    setup = [(n, t) for n, t in DATA["setup"]]
    if vid in ("V70", "V71", "V72", "V73", "V74"):
        # these vectors start the meeting themselves; the attendees speak first
        setup = setup[1:]
        lines = setup + lines
    elif uses_setup:
        lines = setup + lines
    sim = simulate(profile, lines, channel=channel)
    return profile, sim, vector["result"][impl]


@pytest.mark.parametrize(("vid", "impl"), CASES)
def test_vector(vid: str, impl: str) -> None:
    _profile, sim, expected = _run(vid, impl)
    setup_items = []
    if impl == "hcoop" and vid not in ("V70", "V71", "V72", "V73", "V74"):
        setup_items = [("START_MEETING", "cmurf", "")]
    assert sim.items == setup_items + _expected_items(impl, expected)
    assert sim.running == expected["meeting_running"]
    if expected["chairs"] is not None and expected["meeting_running"]:
        assert sim.chairs == sorted(expected["chairs"], key=lambda n: (n.lower(), n))
    if expected.get("actions") is not None:
        assert sim.actions == expected["actions"]
    unknown = [r for r in expected["replies"] if r.startswith("Unknown command")]
    assert sim.unknown_replies == unknown


def test_every_vector_is_checked_or_named() -> None:
    checked = {vid for vid in DATA["vectors"] if vid not in NOT_MODELLED}
    assert len(checked) >= 70
    assert set(NOT_MODELLED) <= set(DATA["vectors"])
