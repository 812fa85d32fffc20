"""The chunk ``c`` copies next: the profile's size, three lines in a Matrix room bridged to IRC,
one message per step for the Matrix bot (its start line alone) — chair_tui.meeting.pacing."""

from __future__ import annotations

import pytest

from chair_tui.meeting.model import Entry, MeetingPlan
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session


def _chunks(plan: MeetingPlan) -> list[list[str]]:
    """Every chunk of a meeting's lines as ``c`` copies them, one after another."""
    s = Session(plan, clock=lambda: 1_700_000_000.0)
    s.open_step()
    for topic in ("Budget", "Wallpaper"):
        s.record(Entry(Kind.TOPIC, topic))
        for n in range(5):
            s.record(Entry(Kind.INFO, f"{topic} point {n}"))
    out: list[list[str]] = []
    while chunk := s.next_chunk():
        out.append([ln.text for ln in chunk])
        s.mark_copied([ln.id for ln in chunk])
    return out


@pytest.mark.parametrize("profile", ["zodbot", "meetingology", "hcoop"])
def test_irc_bots_get_four_lines_a_paste(profile: str) -> None:
    chunks = _chunks(MeetingPlan("Weekly", profile=profile))
    assert max(len(c) for c in chunks) == 4


@pytest.mark.parametrize("profile", ["zodbot", "fedora-matrix"])
def test_a_matrix_room_bridged_to_irc_gets_three_lines_a_message(profile: str) -> None:
    chunks = _chunks(MeetingPlan("Weekly", profile=profile, bridge="matrix-irc"))
    assert max(len(c) for c in chunks) == 3


def test_the_matrix_bot_gets_one_message_a_step_and_the_start_alone() -> None:
    chunks = _chunks(MeetingPlan("Weekly", profile="fedora-matrix"))
    assert chunks[0] == ["!startmeeting Weekly"]
    steps = chunks[-2:]
    assert [c[0] for c in steps] == ["!topic Budget", "!topic Wallpaper"]
    assert [len(c) for c in steps] == [6, 6]
