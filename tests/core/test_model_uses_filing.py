"""The session asks the bot model where an item will be filed: an item recorded in a step
whose topic is not the bot's current one queues that step's #topic first, and nothing is
queued before the start line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import PENDING, Session, StepKind, model_of_session

PLAN = MeetingPlan(
    title="Workstation WG",
    name="workstation",
    profile="meetbot",
    chair="cmurf",
    chairs=("cmurf",),
    members=(Member("cmurf", "Chris"), Member("neal", "Neal")),
    agenda=(
        AgendaItem("Fesco deadline", ("https://pagure.io/fesco/issue/2610",)),
        AgendaItem("btrfs"),
    ),
)


def new(tmp_path: Path, profile: str = "meetbot") -> Session:
    return Session.create(PLAN, tmp_path, profile=profile, sync=False)


def texts(s: Session) -> list[str]:
    return [ln.text for ln in s.lines if ln.state == PENDING]


def go(s: Session, title: str) -> None:
    s.goto(next(i for i, st in enumerate(s.steps) if st.title == title))
    s.open_step()


@pytest.mark.parametrize("profile", ["meetbot", "zodbot", "hcoop", "fedora-matrix"])
def test_back_to_topic_one_queues_its_topic_before_the_info(tmp_path: Path, profile: str) -> None:
    s = new(tmp_path, profile)
    s.open_step()
    go(s, "Fesco deadline")
    go(s, "btrfs")
    go(s, "Fesco deadline")  # opened before: nothing is queued on arrival
    prefix = s.profile.prefix
    assert texts(s)[-1] == f"{prefix}topic btrfs"
    rec = s.record(Entry(Kind.INFO, "back to it"))
    assert texts(s)[-2:] == [f"{prefix}topic Fesco deadline", f"{prefix}info back to it"]
    assert any("topic Fesco deadline first" in note for note in rec.notes)
    # already the bot's topic: no #topic again
    s.record(Entry(Kind.IDEA, "another"))
    assert texts(s)[-1] == f"{prefix}idea another"
    assert sum(t == f"{prefix}topic Fesco deadline" for t in texts(s)) == 2
    model = model_of_session(s)
    assert [i.topic for i in model.items if i.text in ("back to it", "another")] == [
        "Fesco deadline",
        "Fesco deadline",
    ]


def test_every_item_kind_and_the_roll_call_go_under_their_step(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.open_step()
    go(s, "Fesco deadline")
    kinds = [Kind.DECISION, Kind.REJECTED, Kind.ACTION, Kind.LINK, Kind.HELP, Kind.INFO]
    for kind in kinds:
        go(s, "btrfs")
        s.record(Entry(Kind.INFO, "on btrfs"))
        go(s, "Fesco deadline")
        text = "https://example.org" if kind is Kind.LINK else f"{kind.value} text"
        s.record(Entry(kind, text))
        assert texts(s)[-2] == "#topic Fesco deadline", kind
    go(s, "Roll call")
    s.set_attendance("cmurf", "present")
    s.emit_rollcall()
    assert "#topic Roll call" in texts(s)[-3:-1]
    model = model_of_session(s)
    assert model.items[-1].topic == "Roll call"
    recorded = [
        i for i in model.items if i.text.endswith(" text") or i.text == "https://example.org"
    ]
    assert len(recorded) == len(kinds)
    assert {i.topic for i in recorded} == {"Fesco deadline"}
    assert {i.topic for i in model.items if i.text == "on btrfs"} == {"btrfs"}


def test_plain_chat_and_people_commands_need_no_topic(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.open_step()
    go(s, "Fesco deadline")
    go(s, "btrfs")
    go(s, "Fesco deadline")
    s.record(Entry(Kind.NOTE, "we are back"))
    s.record(Entry(Kind.NICK, "omar"))
    assert texts(s)[-2:] == ["we are back", "#nick omar"]


def test_a_topic_undone_in_the_room_is_queued_again(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.open_step()
    go(s, "Fesco deadline")
    go(s, "btrfs")
    s.mark_copied([ln.id for ln in s.pending()])
    s.undo()  # the bot removes the #topic btrfs item: its items would go under the last one
    s.mark_copied([ln.id for ln in s.pending()])
    s.record(Entry(Kind.INFO, "filed"))
    assert texts(s) == ["#topic btrfs", "#info filed"]


def test_an_item_at_the_start_step_goes_after_the_start_line(tmp_path: Path) -> None:
    s = new(tmp_path)
    assert s.step.kind is StepKind.START
    rec = s.record(Entry(Kind.LINK, "https://example.org/agenda"))
    assert texts(s) == [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#link https://example.org/agenda",
    ]
    assert s.started and any("start lines first" in n for n in rec.notes)
    assert s.open_step() == []  # the start block is not queued twice
    assert model_of_session(s).items[0].text == "https://example.org/agenda"


def test_no_step_queues_a_line_before_the_start(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.goto(1)  # roll call, the start never queued
    s.open_step()
    assert texts(s)[:2] == ["#startmeeting Workstation WG", "#meetingname workstation"]
    assert texts(s)[2] == "#topic Roll call"
    start = [e for e in s.entries if e.kind is Kind.START]
    assert start and start[0].step == "start"


def test_plain_chat_before_the_start_is_not_held(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.record(Entry(Kind.NOTE, "we start in two minutes"))
    assert texts(s) == ["we start in two minutes"] and not s.started


def test_the_composer_can_ask_which_topic_would_be_queued(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.open_step()
    go(s, "Fesco deadline")
    assert s.topic_to_reopen() is None
    go(s, "btrfs")
    go(s, "Fesco deadline")
    assert s.topic_to_reopen() == Entry(Kind.TOPIC, "Fesco deadline")


def test_an_edited_topic_line_is_the_one_queued_again(tmp_path: Path) -> None:
    s = new(tmp_path)
    s.open_step()
    go(s, "Fesco deadline")
    topic = next(ln for ln in s.pending() if ln.text == "#topic Fesco deadline")
    s.edit_line(topic.id, "#topic Fesco deadline (#2610)")
    go(s, "btrfs")
    go(s, "Fesco deadline")
    s.record(Entry(Kind.INFO, "x"))
    assert texts(s)[-2:] == ["#topic Fesco deadline (#2610)", "#info x"]
