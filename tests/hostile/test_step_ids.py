"""Unique step ids whatever the topic titles (issue: duplicate titles lost a topic).

With an agenda of ``Budget``, ``Budget``, ``Budget#2`` two steps got the id
``topic:Budget#2``: walking the meeting skipped the third topic (its ``#topic`` and links were
never queued, the outline marked it done) while ``render`` printed it. Every agenda below is
walked step by step through a session, and what the walk queues must be what ``render``
prints, topic for topic.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import AgendaItem, MeetingPlan
from chair_tui.meeting.profiles import PROFILES, Kind
from chair_tui.meeting.render import render_entries, script_entries
from chair_tui.meeting.session import Session, StepKind
from tests.helpers.clock import frozen_clock

TITLE_SETS: list[tuple[str, ...]] = [
    ("Budget", "Budget", "Budget#2"),
    ("Budget#2", "Budget", "Budget"),
    ("Budget", "Budget#2", "Budget"),
    ("Budget", "Budget", "Budget", "Budget"),
    ("Budget#2", "Budget#2", "Budget"),
    ("Budget", "Budget#2", "Budget#2#2", "Budget", "Budget"),
    ("a", "a#2", "a#3", "a", "a", "a"),
    ("#2", "#2", "#2#2"),
    ("x#2#2", "x", "x", "x#2"),
    ("Open Floor", "Open Floor"),
    ("Roll call", "Roll call", "Minutes"),
    ("start", "end", "rollcall", "open", "approval"),
    ("topic:Budget", "Budget", "Budget"),
    ("Budget", "budget", "BUDGET", "Budget"),
    ("ünïcode", "ünïcode", "ünïcode#2"),
    ("🚀", "🚀", "🚀#2", "🚀"),
    ("[/]", "[/]", "[/]#2"),
    ("a" * 200, "a" * 200, "a" * 200 + "#2"),
    ("#", "#", "##2"),
    ("Budget#10", "Budget", "Budget", "Budget", "Budget", "Budget", "Budget", "Budget", "Budget"),
    ("Q", "Q#2", "Q", "Q#2", "Q", "Q#2"),
    ("same", "same", "same", "same#2", "same#2", "same#3"),
]


def _plan(titles: tuple[str, ...]) -> MeetingPlan:
    agenda = tuple(
        AgendaItem(t, links=(f"https://example.org/{i}",), info=(f"point {i}",))
        for i, t in enumerate(titles)
    )
    return replace(load_demo(), agenda=agenda)


def _walk(plan: MeetingPlan, base: Path) -> Session:
    """Every step entered in order and its opening lines queued, as `n` does."""
    s = Session.create(plan, base, clock=frozen_clock, sync=False)
    s.open_step()
    for _ in s.steps[1:-1]:  # up to the step before the end
        s.next_step()
        s.open_step()
    return s


def _check(titles: tuple[str, ...], base: Path) -> None:
    plan = _plan(titles)
    s = _walk(plan, base)
    steps = s.steps
    ids = [st.id for st in steps]
    assert len(ids) == len(set(ids)), ids
    assert [st.title for st in steps if st.kind is StepKind.TOPIC] == list(titles)
    assert all(st.id in s.opened_steps for st in steps if st.kind is not StepKind.END)
    # the walk queued every topic's lines, in order, as render prints them
    profile = PROFILES[plan.profile]
    printed = [
        ln.text
        for ln in render_entries(script_entries(plan, profile), profile, max_bytes=plan.max_bytes)
        if ln.kind in (Kind.TOPIC, Kind.LINK)
    ]
    queued = [ln.text for ln in s.lines if ln.kind in (Kind.TOPIC, Kind.LINK)]
    assert queued == printed
    s.close()
    # and the journal reads back to the same steps
    assert s.path is not None
    again = Session.load(s.path, sync=False, read_only=True)
    assert [st.id for st in again.steps] == ids
    assert again.opened_steps == s.opened_steps


@pytest.mark.parametrize("titles", TITLE_SETS, ids=lambda t: "|".join(x[:12] for x in t))
def test_every_step_has_its_own_id_and_every_topic_is_walked(
    titles: tuple[str, ...], tmp_path: Path
) -> None:
    _check(titles, tmp_path)


@pytest.mark.parametrize("titles", TITLE_SETS[:6], ids=lambda t: "|".join(t))
def test_moving_and_adding_topics_keeps_the_ids_unique(
    titles: tuple[str, ...], tmp_path: Path
) -> None:
    s = Session.create(_plan(titles), tmp_path, clock=frozen_clock, sync=False)
    # the chair is on the last topic of the agenda (a duplicate title, in most sets)
    s.goto(max(i for i, st in enumerate(s.steps) if st.kind is StepKind.TOPIC))
    assert s.step.topic is not None
    item = s.agenda[s.step.topic]
    for title in (titles[0], titles[-1], f"{titles[0]}#2"):
        s.add_topic(title, after_current=False)
        ids = [st.id for st in s.steps]
        assert len(ids) == len(set(ids)), ids
        assert s.step.topic is not None and s.agenda[s.step.topic] is item
    s.move_topic(s.step.topic, -1)
    ids = [st.id for st in s.steps]
    assert len(ids) == len(set(ids)), ids
    # the chair is still on the very topic they were on, wherever it moved
    assert s.step.topic is not None and s.agenda[s.step.topic] is item


@settings(max_examples=40, deadline=None)
@given(
    titles=st.lists(
        st.sampled_from(["B", "B#2", "B#3", "B#2#2", "#2", "C"]), min_size=1, max_size=8
    ).map(tuple)
)
def test_any_mix_of_titles_and_suffixes_walks_every_topic(titles: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check(titles, Path(tmp))
