"""Paste chunks and the timed mode's countdown, on a fake clock."""

from __future__ import annotations

from pytest import approx

from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.pacing import (
    BRIDGE_LINES,
    SOLANUM_MAX_QUEUED,
    Pacer,
    chunk_limit,
    paste_chunks,
)
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.render import chunks

ZODBOT = get_profile("zodbot")
MATRIX = get_profile("fedora-matrix")
BRIDGED = MeetingPlan(title="T", bridge="matrix-irc")


def test_chunk_limits() -> None:
    assert chunk_limit(ZODBOT) == 4
    assert chunk_limit(ZODBOT, MeetingPlan(title="T")) == 4
    assert chunk_limit(ZODBOT, BRIDGED) == BRIDGE_LINES == 3
    assert chunk_limit(MATRIX) is None
    assert chunk_limit(MATRIX, BRIDGED) == 3


def test_irc_chunks_are_as_today() -> None:
    lines = ["#startmeeting T", *[f"#info {i}" for i in range(9)], "#endmeeting"]
    assert paste_chunks(lines, ZODBOT) == chunks(lines, ZODBOT)
    assert [len(c) for c in paste_chunks(lines, ZODBOT, BRIDGED)] == [3, 3, 3, 2]


def test_matrix_one_message_a_step_start_alone() -> None:
    lines = ["!startmeeting T", "!topic A", "!info 1", "!info 2", "!info 3", "!info 4", "!topic B"]
    lines.append("!endmeeting")
    assert paste_chunks(lines, MATRIX) == [
        ["!startmeeting T"],
        ["!topic A", "!info 1", "!info 2", "!info 3", "!info 4"],
        ["!topic B", "!endmeeting"],
    ]
    assert max(len(c) for c in paste_chunks(lines, MATRIX, BRIDGED)) == 3


def test_countdown_after_a_burst() -> None:
    pacer = Pacer()
    assert pacer.remaining(0.0) == 0.0
    assert pacer.copied(4, 100.0) == approx(4 * 2.2)
    assert pacer.remaining(104.4) == approx(2 * 2.2)
    assert pacer.remaining(104.4, 2) == 0.0  # two lines fit in the burst again
    assert pacer.ready(108.8)
    assert pacer.copied(1, 108.8) == approx(2.2)


def test_pasting_80_lines_as_told_never_queues_20() -> None:
    pacer = Pacer()
    now, queued_max = 0.0, 0.0
    for _ in range(20):  # 80 lines in chunks of 4, each as soon as the countdown allows
        now += pacer.remaining(now)
        pacer.copied(4, now)
        queued_max = max(queued_max, pacer.queued)
    assert queued_max <= 4 + 1e-9 < SOLANUM_MAX_QUEUED
