"""The notes reach the minutes: the seed's chair lines, read as the secretary's notes,
compiled for zodbot and replayed through the bot model (docs/notes.md, "The seed")."""

from __future__ import annotations

import re
from pathlib import Path

from chair_tui.meeting.botmodel import BotModel, ItemKind, model_of_log
from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.notes import compile_notes
from chair_tui.meeting.notes.blocks import BlockKind, read_blocks
from chair_tui.meeting.notes.classify import (
    ACTION_LABELS,
    DECISION_LABELS,
    INFO_LABELS,
    REJECTED_LABELS,
    ROSTER_LABELS,
    TOPIC_LABELS,
)
from chair_tui.meeting.pacing import paste_chunks
from chair_tui.meeting.profiles import get_profile

DATA = Path(__file__).parent.parent / "data"
NOTES = DATA / "notes"
SEED_NOTES = NOTES / "workstation-2021-06-30.notes.txt"
SEED_LOG = DATA / "workstation-2021-06-30.log.txt"
ZODBOT = get_profile("zodbot")
LABELS = (
    TOPIC_LABELS | DECISION_LABELS | REJECTED_LABELS | ACTION_LABELS | INFO_LABELS | ROSTER_LABELS
)
_COMMAND = re.compile(r"[#!][A-Za-z]+\s*")
_LABEL = re.compile(r"(?:\*\*)?([A-Za-z][\w ]{0,38}?)(?:\*\*)?\s*:(?:\*\*)?\s+")


def norm(text: str) -> str:
    return " ".join(text.split())


def content(text: str) -> tuple[bool, str]:
    """Whether a point opens a topic, and its text without command word and label."""
    topic = False
    m = _COMMAND.match(text)
    if m is not None:
        topic = m.group(0).strip().lower() in ("#topic", "!topic")
        text = text[m.end() :]
    m = _LABEL.match(text)
    if m is not None and " ".join(m.group(1).lower().split()) in LABELS:
        topic = topic or m.group(1).lower() in TOPIC_LABELS
        text = text[m.end() :]
    return topic, norm(text)


def measure(notes: str, model: BotModel) -> tuple[int, int]:
    """(characters of the notes' text found in the model's minutes under the right topic,
    all such characters)."""
    by_topic: dict[str | None, str] = {}
    topics = set()
    for item in model.items:
        if item.kind is ItemKind.TOPIC:
            topics.add(norm(item.text))
        else:
            by_topic[item.topic] = by_topic.get(item.topic, "") + " " + norm(item.text)
    found = total = 0
    current: str | None = None
    for block in read_blocks(notes):
        is_topic, text = content(block.text)
        is_topic = is_topic or block.kind is BlockKind.HEADING
        total += len(text)
        if is_topic:
            current = text
            found += len(text) if text in topics else 0
        elif text and text in by_topic.get(current, ""):
            found += len(text)
    return found, total


def replay(lines: list[str], plan: MeetingPlan) -> BotModel:
    model = BotModel(ZODBOT)
    model.feed("17:00:00", plan.chair or "chair", f"#startmeeting {plan.title}")
    for line in lines:
        model.feed("17:00:01", plan.chair or "chair", line)
    return model


def test_seed_notes_reach_the_minutes_under_their_topics() -> None:
    plan = load_meeting(NOTES / "workstation.toml")
    notes = SEED_NOTES.read_text()
    compiled = compile_notes(notes, ZODBOT, plan)
    found, total = measure(notes, replay(compiled.texts, plan))
    assert total > 2000
    assert found / total >= 0.95, (found, total)
    # the lines pasted in 2021 (the log starts after its #startmeeting) reached 484 of the
    # 2,136 characters, 23 %
    log = "16:59:30 <cmurf> #startmeeting Workstation WG\n" + SEED_LOG.read_text()
    before, _ = measure(notes, model_of_log(log, SEED_LOG, ZODBOT))
    assert (before, total) == (484, 2136)
    assert found == total


def test_seed_action_is_assigned_to_the_person_named() -> None:
    plan = load_meeting(NOTES / "workstation.toml")
    compiled = compile_notes(SEED_NOTES.read_text(), ZODBOT, plan)
    model = replay(compiled.texts, plan)
    assigned = [(item.text, nicks) for item, nicks in model.assignments()]
    assert [nicks for _text, nicks in assigned] == [["otaylor"]]
    assert "Owen will wait a few hours" in assigned[0][0]


def test_purpose_written_notes_actions_votes_links() -> None:
    plan = load_meeting(NOTES / "workstation.toml")
    notes = (NOTES / "team-notes.md").read_text()
    compiled = compile_notes(notes, ZODBOT, plan)
    model = replay(compiled.texts, plan)
    hay = " ".join(norm(i.text) for i in model.items)
    missing = [t for b in read_blocks(notes) if (t := content(b.text)[1]) not in hay]
    # written otherwise, on purpose: the URL first, the tallies in the group's template, and
    # an empty label dropped; everything else is in the minutes word for word
    assert missing == [
        "Proposal: https://pagure.io/fedora-workstation/issue/228",
        "support both proposals (+5,0,-1)",
        "shipping flathub without a filter (1 for, 4 against, 1 abstained)",
        "Slides:",
    ]
    owners = {
        item.text.split(" ", 1)[1] if " " in item.text else item.text: nicks
        for item, nicks in model.assignments()
    }
    by_text = {text: nicks for text, nicks in owners.items()}
    assert any(n == ["Conan_Kudo"] for n in by_text.values())
    assert ["cmurf", "mclasen"] in by_text.values()
    assert ["otaylor"] in by_text.values()
    assert ["mcatanzaro"] in by_text.values()
    assert [] in by_text.values()  # "TODO: find someone …": kept, unassigned, reported
    kinds = [(i.kind, i.topic) for i in model.items]
    assert (ItemKind.AGREED, "Fedora 35 change proposals") in kinds
    assert (ItemKind.REJECTED, "Fedora 35 change proposals") in kinds
    agreed = [i.text for i in model.items if i.kind is ItemKind.AGREED]
    assert agreed == ["support both proposals (+5, 0, -1)"]
    links = [i.url for i in model.items if i.kind is ItemKind.LINK]
    assert links == [
        "https://pagure.io/fedora-workstation/issue/228",
        "https://fedoraproject.org/wiki/Changes/Third_Party_Software_Repositories",
    ]
    codes = {(n.lineno, n.code.value) for n in compiled.notes}
    assert (20, "ownerless") in codes
    assert (26, "dropped") in codes


def test_matrix_bridged_room_pastes_three_lines_a_message() -> None:
    base = load_meeting(NOTES / "workstation.toml")
    plan = MeetingPlan(
        title=base.title,
        profile="zodbot",
        chair=base.chair,
        members=base.members,
        bridge="matrix-irc",
    )
    compiled = compile_notes(SEED_NOTES.read_text(), ZODBOT, plan, whole=True)
    chunks = paste_chunks(compiled.texts, ZODBOT, plan)
    assert max(len(c) for c in chunks) == 3
    assert [line for c in chunks for line in c] == compiled.texts
    found, total = measure(SEED_NOTES.read_text(), replay(compiled.texts[1:], plan))
    assert found / total >= 0.95
