"""The lines of the "Previous action items" step: per profile, lint-clean, and a carried
action assigned by the bot to its owner on every bot that assigns."""

from __future__ import annotations

import pytest

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.ledger.lines import NONE_OPEN, Decision, step_lines
from chair_tui.meeting.ledger.records import Action, HistoryEvent, Outcome
from chair_tui.meeting.lint import ERROR, WARNING, lint_lines
from chair_tui.meeting.profiles import PROFILES, get_profile


def _action(aid: str, text: str, owners: tuple[str, ...]) -> Action:
    return Action(
        aid, text, owners, owners, "m1", (HistoryEvent(Outcome.OPEN, "2021-06-30", "m1"),)
    )


DONE = _action("A1", "bcotton to edit #175", ("bcotton",))
CARRIED = _action("A2", "neal and Chris follow up with Omar about fscrypt", ("neal", "Chris"))
DROPPED = _action("A3", "someone files a ticket", ())
MOVED = _action("A4", "tomas to write the summary", ("tomas",))
DECISIONS = [
    Decision(DONE, Outcome.DONE),
    Decision(CARRIED, Outcome.CARRIED),
    Decision(DROPPED, Outcome.DROPPED),
    Decision(MOVED, Outcome.REASSIGNED, ("alice",)),
]


def test_the_lines_for_meetbot() -> None:
    assert step_lines(get_profile("meetbot"), DECISIONS) == [
        "#topic Action items from last meeting",
        "#info DONE: bcotton to edit #175",
        "#action neal Chris follow up with Omar about fscrypt (carried over)",
        "#info DROPPED: someone files a ticket",
        "#action alice to write the summary (carried over)",
    ]


def test_matrix_and_meetingology_forms() -> None:
    matrix = step_lines(get_profile("fedora-matrix"), DECISIONS[:2])
    assert matrix == [
        "!topic Action items from last meeting",
        "!info DONE: bcotton to edit #175",
        "!action neal Chris follow up with Omar about fscrypt (carried over)",
    ]
    mgy = step_lines(get_profile("meetingology"), DECISIONS[:1])
    assert mgy == [
        "#topic Action items from last meeting",
        "#subtopic bcotton to edit #175",
        "#info DONE: bcotton to edit #175",
    ]


def test_no_open_items_is_one_line() -> None:
    assert step_lines(get_profile("zodbot"), []) == [f"#info {NONE_OPEN}"]


def test_unseen_owners_are_nicked_first_when_asked() -> None:
    lines = step_lines(get_profile("hcoop"), DECISIONS[3:], seen=["cmurf"])
    assert lines[1:] == ["#nick alice", "#action alice to write the summary (carried over)"]


def test_long_items_stay_within_the_byte_limit() -> None:
    long = _action("A9", "neal to " + "review the long proposal " * 30, ("neal",))
    lines = step_lines(get_profile("zodbot"), [Decision(long, Outcome.CARRIED)], max_bytes=120)
    assert len(lines) > 2
    assert all(len(ln.encode()) <= 120 for ln in lines)
    assert lines[1].startswith("#action neal to review")


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_lint_clean_and_assigned_by_the_bot(name: str) -> None:
    profile = get_profile(name)
    chair = "@chair:x.org" if profile.family == "matrix" else "chair"
    lines = step_lines(profile, DECISIONS, seen=[chair])
    owners = ["neal", "Chris", "alice", "bcotton"]
    findings = lint_lines(list(enumerate(lines, 1)), profile, attendees=[chair, *owners])
    assert [f for f in findings if f.severity in (ERROR, WARNING)] == []
    model = BotModel(profile)
    start = "!startmeeting x" if profile.family == "matrix" else "#startmeeting x"
    model.feed("16:00:00", chair, start)
    for nick in ("neal", "Chris"):
        model.feed("16:00:01", nick, "hi")
    for n, line in enumerate(lines):
        model.feed(f"16:01:{n:02d}", chair, line)
    assigned = {item.text: set(nicks) for item, nicks in model.assignments()}
    carried = next(t for t in assigned if "fscrypt" in t)
    moved = next(t for t in assigned if "summary" in t)
    if profile.assigns_actions:
        assert {"neal", "Chris"} <= assigned[carried]
        assert "alice" in assigned[moved]  # #nick'ed first: the bot had not seen her
    else:
        assert assigned[carried] == set() and assigned[moved] == set()
