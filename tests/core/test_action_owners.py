"""Who an action is for, as the chair types it: roster nicks, a guest or visitor addressed
like a nick, and the separators a Tab completion leaves (issue 13, the composer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import action_parts, addressed_nicks
from chair_tui.meeting.session import Session
from tests.helpers.clock import frozen_clock


@pytest.mark.parametrize(
    ("typed", "roster", "nicks", "rest"),
    [
        ("Neal, chris: review it", ["neal", "Chris"], ("neal", "Chris"), "review it"),
        ("mclasen , ngompa : reply", ["mclasen", "ngompa"], ("mclasen", "ngompa"), "reply"),
        ("alice: review it", ["neal"], (), "alice: review it"),  # off the roster: text kept
        ("review the docs", ["neal"], (), "review the docs"),
    ],
)
def test_roster_owners_as_typed(
    typed: str, roster: list[str], nicks: tuple[str, ...], rest: str
) -> None:
    assert action_parts(typed, roster) == (nicks, rest)


@pytest.mark.parametrize(
    ("typed", "roster", "addressed"),
    [
        ("alice: review it", ["neal"], ("alice",)),
        ("Neal, alice: review it", ["neal"], ("alice",)),
        ("alice, bob: review it", [], ("alice", "bob")),
        ("everyone: review the docs", [], ()),
        ("review the docs", ["neal"], ()),
        ("she/her: not a nick", [], ()),
        ("alice:", [], ()),  # nothing after it: no one addressed
        ("A: A: A: do", [], ("A",)),  # addressed again: once
    ],
)
def test_people_off_the_roster_addressed_like_a_nick(
    typed: str, roster: list[str], addressed: tuple[str, ...]
) -> None:
    assert addressed_nicks(typed, roster) == addressed


def test_a_visitor_is_nicked_first_so_the_bot_assigns_them(tmp_path: Path) -> None:
    session = Session.create(load_demo(), tmp_path, profile="zodbot", clock=frozen_clock)
    session.open_step()
    rec = session.record(Entry(Kind.ACTION, "visitor42: send the logs"))
    lines = [session.line(i).text for i in rec.line_ids]
    # the text as typed, the visitor #nick'ed first so that the bot lists the action as theirs
    assert lines[-2:] == ["#nick visitor42", "#action visitor42: send the logs"]
    assert session.preview(Entry(Kind.ACTION, "visitor42: more")).assignees == ("visitor42",)
