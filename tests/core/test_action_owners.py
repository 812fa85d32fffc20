"""Who an action is for, as the chair types it: roster nicks, a guest or visitor addressed
like a nick, and the separators a Tab completion leaves (issue 13, the composer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import action_parts
from chair_tui.meeting.session import Session
from tests.helpers.clock import frozen_clock


@pytest.mark.parametrize(
    ("typed", "roster", "nicks", "rest"),
    [
        ("alice: review it", ["neal"], ("alice",), "review it"),
        ("Neal, alice: review it", ["neal"], ("neal", "alice"), "review it"),
        ("mclasen , ngompa : reply", ["mclasen", "ngompa"], ("mclasen", "ngompa"), "reply"),
        ("everyone: review the docs", [], (), "everyone: review the docs"),
        ("review the docs", ["neal"], (), "review the docs"),
        ("she/her: not a nick", [], (), "she/her: not a nick"),
        ("alice:", [], (), "alice:"),  # nothing after it: no action text, no owner
    ],
)
def test_owners_as_typed(typed: str, roster: list[str], nicks: tuple[str, ...], rest: str) -> None:
    assert action_parts(typed, roster) == (nicks, rest)


def test_a_visitor_is_nicked_first_so_the_bot_assigns_them(tmp_path: Path) -> None:
    session = Session.create(load_demo(), tmp_path, profile="zodbot", clock=frozen_clock)
    session.open_step()
    rec = session.record(Entry(Kind.ACTION, "visitor42: send the logs"))
    lines = [session.line(i).text for i in rec.line_ids]
    assert lines[-2:] == ["#nick visitor42", "#action visitor42 send the logs"]
    assert session.preview(Entry(Kind.ACTION, "visitor42: more")).assignees == ("visitor42",)
