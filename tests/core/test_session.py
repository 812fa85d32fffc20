"""Sessions: a whole meeting through the API, the journal on disk, crashes, undo."""

from __future__ import annotations

import copy
import json
import os
import stat
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member, MinutesApproval
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.session import (
    COPIED,
    DELETED,
    PENDING,
    Session,
    SessionError,
    codec,
    find_unfinished,
)
from chair_tui.meeting.store import (
    JournalWriter,
    create_new,
    data_dir,
    encode_record,
    move_aside,
    read_journal,
    sessions_dir,
)
from tests.conftest import UserDirs

PLAN = MeetingPlan(
    title="Workstation WG",
    name="workstation",
    profile="meetbot",
    chair="cmurf",
    chairs=("cmurf", "mclasen"),
    members=(
        Member("cmurf", "Chris"),
        Member("mclasen", "Matthias"),
        Member("neal", "Neal"),
        Member("aday", "Allan"),
    ),
    minutes_approval=MinutesApproval("June 23", "https://example.org/minutes"),
    agenda=(
        AgendaItem("Fesco deadline", ("https://pagure.io/fesco/issue/2610",), ("Owen asks",), 15),
        AgendaItem("btrfs/fscrypt", minutes=30),
    ),
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_625_000_000.0

    def __call__(self) -> float:
        self.now += 2.0
        return self.now


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return tmp_path / "data"


def new(base: Path, profile: str | None = None, plan: MeetingPlan = PLAN) -> Session:
    return Session.create(plan, base, profile=profile, clock=Clock(), sync=False)


def state(s: Session) -> dict[str, Any]:
    """Everything a chair can see of a session (a copy, unaffected by later changes)."""
    return copy.deepcopy(
        {
            "sid": s.sid,
            "plan": s.plan,
            "profile": s.profile.name,
            "created": s.created,
            "agenda": s.agenda,
            "step_index": s.step_index,
            "attendance": s.attendance,
            "guests": s.guests,
            "secretary": s.secretary,
            "entries": s.entries,
            "lines": s.lines,
            "nicked": s.nicked,
            "step_entered": s.step_entered,
            "opened_steps": s.opened_steps,
            "ended_at": s.ended_at,
            "steps": s.steps,
            "export": s.export_lines(),
            "summary": s.summary(),
        }
    )


def reloaded(s: Session) -> Session:
    assert s.path is not None
    again = Session.load(s.path, sync=False)
    again.close()
    return again


def texts(s: Session, state_: str | None = None) -> list[str]:
    return [ln.text for ln in s.lines if state_ is None or ln.state == state_]


def copy_all(s: Session) -> None:
    s.mark_copied([ln.id for ln in s.pending()])


def started(base: Path, profile: str | None = None) -> Session:
    """A session whose start lines are queued and pasted: the bot files what follows (an
    item recorded before the start would queue the start lines first)."""
    s = new(base, profile)
    s.open_step()
    copy_all(s)
    return s


# ---------------------------------------------------------------------------------------------
# A whole meeting


def test_a_whole_meeting(base: Path) -> None:
    s = new(base)
    assert s.step.kind == "start" and not s.started
    s.open_step()
    assert texts(s) == [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#chair mclasen",
    ]
    assert s.started
    assert s.open_step() == []  # a step opens once
    assert [ln.text for ln in s.next_chunk()] == texts(s)
    copy_all(s)

    s.next_step()
    assert s.step.kind == "rollcall"
    s.open_step()
    for nick, mark in [("cmurf", "present"), ("mclasen", "present"), ("aday", "regrets")]:
        s.set_attendance(nick, mark)
    s.add_guest("Omar Sandoval")
    s.set_secretary("mclasen")
    s.emit_rollcall()
    assert texts(s, PENDING) == [
        "#topic Roll call",
        "#info present: Chris, Matthias (secr.)",
        "#info regrets: Allan",
        "#info present guests: Omar Sandoval",
    ]
    copy_all(s)

    s.next_step()
    assert s.step.kind == "approval"
    s.open_step()
    s.record(Entry(Kind.DECISION, "no objections"))
    assert texts(s, PENDING) == [
        "#topic Approval of June 23 minutes",
        "#link https://example.org/minutes",
        "#agreed no objections",
    ]
    copy_all(s)

    s.next_step()
    assert s.step.kind == "topic" and s.timebox() == 15
    assert s.step.label(s.steps) == "Topic 1/2"
    s.open_step()
    preview = s.preview(Entry(Kind.ACTION, "omar to send patches", nicks=("omar",)))
    assert preview.error is None
    assert preview.lines == ("#nick omar", "#action omar to send patches")
    assert preview.new_nicks == ("omar",)
    assert preview.assignees == ("omar",)
    s.record(Entry(Kind.ACTION, "omar to send patches", nicks=("omar",)))
    s.record(Entry(Kind.ACTION, "Neal: review the proposals"))
    assert texts(s, PENDING) == [
        "#topic Fesco deadline",
        "#link https://pagure.io/fesco/issue/2610",
        "#info Owen asks",
        "#nick omar",
        "#action omar to send patches",
        "#nick neal",  # neal was not marked present: the bot has not seen him
        "#action neal review the proposals",
    ]
    copy_all(s)

    new_index = s.add_topic("Ad-hoc item")
    assert s.steps[new_index].title == "Ad-hoc item"
    s.next_step()
    assert s.step.title == "Ad-hoc item"
    s.open_step()
    s.record(Entry(Kind.INFO, "typo"))
    assert s.undo() == "removed 1 pending line(s)"

    s.goto(len(s.steps) - 2)
    assert s.step.kind == "open"
    s.open_step()
    s.end()
    assert s.ended
    with pytest.raises(SessionError, match="ended"):
        s.record(Entry(Kind.INFO, "too late"))
    assert s.export_lines()[-2:] == ["#topic Open Floor", "#endmeeting"]
    summary = s.summary()
    assert summary.decisions == ["no objections"]
    assert summary.actions == {
        "neal": ["neal review the proposals"],
        "omar": ["omar to send patches"],
    }
    assert summary.unassigned == []
    assert [t.title for t in summary.topics][:3] == [
        "Roll call",
        "Approval of June 23 minutes",
        "Fesco deadline",
    ]
    assert state(reloaded(s)) == state(s)
    assert find_unfinished(base) == [s.path]  # #endmeeting is not pasted yet
    copy_all(s)
    assert find_unfinished(base) == []


def test_a_seen_nick_gets_no_nick_line(base: Path) -> None:
    s = new(base)
    s.set_attendance("neal", "present")
    s.emit_rollcall()  # roll call introduces the members present with #nick
    assert texts(s)[-1] == "#nick neal"
    s.record(Entry(Kind.ACTION, "neal to review"))
    assert texts(s)[-1:] == ["#action neal to review"]
    s = started(base)
    s.set_attendance("neal", "present")  # present, but roll call not written yet
    s.record(Entry(Kind.ACTION, "neal to review"))
    assert texts(s, PENDING) == ["#nick neal", "#action neal to review"]
    s.record(Entry(Kind.ACTION, "omar to test", nicks=("omar",)))
    s.record(Entry(Kind.ACTION, "omar to test again", nicks=("omar",)))
    assert texts(s, PENDING)[2:] == [
        "#nick omar",
        "#action omar to test",
        "#action omar to test again",
    ]


def test_fedora_matrix_needs_no_nick_line(base: Path) -> None:
    s = started(base, "fedora-matrix")
    s.record(Entry(Kind.ACTION, "omar to test", nicks=("omar",)))
    assert texts(s, PENDING) == ["!action omar to test"]


def test_fedora_matrix_start_step_says_the_co_chair_is_left_out(base: Path) -> None:
    s = new(base, "fedora-matrix")
    assert s.start_notes()
    recorded = s.open_step()
    assert texts(s) == ["!startmeeting Workstation WG", "!meetingname workstation"]
    assert any("mclasen" in n for n in recorded[0].notes)


def test_a_refused_entry_records_nothing(base: Path) -> None:
    s = new(base)
    with pytest.raises(RenderError):
        s.record(Entry(Kind.LINK, "no url here"))
    assert s.preview(Entry(Kind.LINK, "")).error
    with pytest.raises(RenderError):
        s.record_many([Entry(Kind.INFO, "fine"), Entry(Kind.INFO, "regrets:")])
    assert s.entries == [] and s.lines == []
    assert s.path is not None
    assert len(read_journal(s.path).records) == 1


# ---------------------------------------------------------------------------------------------
# Persistence: every kind of change survives a reload


CHANGES: list[tuple[str, Callable[[Session], object]]] = [
    ("open start", lambda s: s.open_step()),
    ("copied", lambda s: s.mark_copied([s.pending()[0].id])),
    ("edit", lambda s: s.edit_line(s.pending()[0].id, "#meetingname ws")),
    ("delete", lambda s: s.delete_line(s.pending()[-1].id)),
    ("next step", lambda s: s.next_step()),
    ("attend", lambda s: s.set_attendance("neal", "present")),
    ("guest", lambda s: s.add_guest("Omar")),
    ("guest removed", lambda s: s.remove_guest("Omar")),
    ("secretary", lambda s: s.set_secretary("neal")),
    ("rollcall", lambda s: s.emit_rollcall()),
    ("record", lambda s: s.record(Entry(Kind.INFO, "one\ntwo"))),
    ("action", lambda s: s.record(Entry(Kind.ACTION, "review", nicks=("omar",)))),
    ("undo pending", lambda s: s.undo()),
    ("record again", lambda s: s.record(Entry(Kind.IDEA, "an idea"))),
    ("copy all", copy_all),
    ("undo copied", lambda s: s.undo()),
    ("add topic", lambda s: s.add_topic("New")),
    ("move topic", lambda s: s.move_topic(0, 1)),
    ("goto", lambda s: s.goto(3)),
    ("prev", lambda s: s.prev_step()),
    ("import", lambda s: s.import_raw([(Kind.NOTE, " raw  text "), (Kind.NOTE, "")])),
    ("end", lambda s: s.end()),
]


def test_load_after_every_kind_of_change_reproduces_state(base: Path) -> None:
    s = new(base)
    assert state(reloaded(s)) == state(s)
    for name, change in CHANGES:
        change(s)
        assert state(reloaded(s)) == state(s), name
    assert s.ended


def _records(s: Session) -> list[dict[str, Any]]:
    assert s.path is not None
    return read_journal(s.path).records


def test_compaction_keeps_state(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Session, "COMPACT_EVERY", 5)
    s = new(base)
    assert s.path is not None
    for _name, change in CHANGES:
        change(s)
        assert state(Session.load(s.path, read_only=True)) == state(s)
    s.compact()
    lines = s.path.read_bytes().splitlines()
    assert json.loads(lines[0])["r"]["op"] == "snapshot"
    assert state(reloaded(s)) == state(s)


def test_a_change_never_compacts(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compaction rewrites the whole session: never inside the key press that made a change."""
    monkeypatch.setattr(Session, "COMPACT_EVERY", 3)
    s = new(base)
    for i in range(10):
        s.record(Entry(Kind.NOTE, f"fact {i}"))
    ops = [r["op"] for r in _records(s)]
    assert ops == ["header"] + ["record"] * 10


def test_close_compacts_a_long_journal(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Session, "COMPACT_EVERY", 3)
    s = new(base)
    s.record(Entry(Kind.NOTE, "one"))
    s.close()  # two records: short enough
    assert [r["op"] for r in _records(s)] == ["header", "record"]
    assert s.path is not None
    again = Session.load(s.path, sync=False)
    for i in range(3):
        again.record(Entry(Kind.NOTE, f"fact {i}"))
    expected = state(again)
    again.close()
    assert [r["op"] for r in _records(s)] == ["snapshot"]
    assert state(reloaded(s)) == expected


def test_load_compacts_a_long_journal(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that ended without close() (a crash) left a long journal: the next load compacts
    it, unless it only reads."""
    monkeypatch.setattr(Session, "COMPACT_EVERY", 3)
    s = new(base)
    s.open_step()
    for i in range(4):
        s.record(Entry(Kind.INFO, f"fact {i}"))
    s.end()
    expected = state(s)
    assert s.path is not None
    long = len(_records(s))
    assert state(Session.load(s.path, read_only=True)) == expected
    assert len(_records(s)) == long  # read_only: untouched
    again = Session.load(s.path, sync=False)
    assert [r["op"] for r in _records(s)] == ["snapshot", "end"]
    assert state(again) == expected
    again.close()
    assert state(Session.load(s.path, read_only=True)) == expected


def test_explicit_compact_then_more_changes(base: Path) -> None:
    s = new(base)
    s.open_step()
    s.compact()
    s.record(Entry(Kind.INFO, "after the snapshot"))
    assert state(reloaded(s)) == state(s)
    assert s.path is not None and stat.S_IMODE(s.path.stat().st_mode) == 0o600


# ---------------------------------------------------------------------------------------------
# Crashes and damage


def test_torn_last_record_is_reported_and_the_rest_is_intact(base: Path) -> None:
    s = new(base)
    s.open_step()
    before = state(s)
    s.record(Entry(Kind.INFO, "this record is torn by the crash"))
    s.close()
    assert s.path is not None
    data = s.path.read_bytes()
    s.path.write_bytes(data[:-20])  # the crash cut the last record
    again = Session.load(s.path, sync=False)
    assert again.torn_tail is not None and "incomplete" in again.torn_tail
    assert state(again) == before
    # the file was rewritten without the torn bytes: appending and reloading work
    again.record(Entry(Kind.INFO, "after recovery"))
    again.close()
    third = Session.load(s.path, sync=False)
    assert third.torn_tail is None
    assert third.lines[-1].text == "#info after recovery"


def test_torn_tail_is_left_alone_when_read_only(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.INFO, "x"))
    assert s.path is not None
    torn = s.path.read_bytes()[:-5]
    s.path.write_bytes(torn)
    again = Session.load(s.path, read_only=True)
    assert again.torn_tail
    assert s.path.read_bytes() == torn


def test_last_record_without_its_newline_is_kept(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.INFO, "kept"))
    s.close()
    assert s.path is not None
    s.path.write_bytes(s.path.read_bytes().rstrip(b"\n"))
    again = Session.load(s.path, sync=False)
    assert again.torn_tail is None
    assert texts(again)[-1:] == ["#info kept"]
    again.record(Entry(Kind.INFO, "next"))  # must not be glued to the last line
    again.close()
    assert texts(Session.load(s.path, sync=False))[-2:] == ["#info kept", "#info next"]


def _rewrite_record(path: Path, index: int, fix: Callable[[bytes], bytes]) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[index] = fix(lines[index])
    path.write_bytes(b"".join(lines))


def test_damaged_middle_record_is_an_error_with_its_line(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.NOTE, "first"))
    s.record(Entry(Kind.NOTE, "second"))
    s.close()
    assert s.path is not None
    _rewrite_record(s.path, 1, lambda b: b.replace(b"first", b"fir5t"))
    with pytest.raises(InputError) as info:
        Session.load(s.path)
    assert str(info.value).startswith(f"{s.path}:2: damaged session record")
    assert "checksum" in str(info.value)


def test_garbage_middle_record_is_an_error(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.INFO, "first"))
    s.record(Entry(Kind.INFO, "second"))
    assert s.path is not None
    _rewrite_record(s.path, 1, lambda b: b"\x00\xff not json\n")
    with pytest.raises(InputError, match=":2: damaged"):
        Session.load(s.path)


def test_record_with_a_valid_checksum_but_bad_content_is_an_error(base: Path) -> None:
    s = new(base)
    assert s.path is not None
    with s.path.open("ab") as fh:
        fh.write(encode_record({"op": "copied", "ids": [999]}))
        fh.write(encode_record({"op": "copied", "ids": []}))
    with pytest.raises(InputError, match=r":2: damaged session \("):
        Session.load(s.path)


def _write_journal(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(encode_record(r) for r in records))


def _header(s: Session) -> dict[str, Any]:
    assert s.path is not None
    return read_journal(s.path).records[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 99}, "written by a newer chair-tui"),
        ({"version": 0}, "session format version 0 is not supported"),
        ({"version": "1"}, "version '1' is not supported"),
        ({"format": "something-else"}, "not a chair-tui session"),
        ({"op": "record"}, "not a chair-tui session"),
        ({"profile": "nosuchbot"}, "damaged session"),
        ({"plan": {"title": ""}}, "'title' is empty"),
    ],
)
def test_wrong_header_is_an_error(
    base: Path, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    header = {**_header(new(base)), **change}
    path = tmp_path / "s.jsonl"
    _write_journal(path, [header])
    with pytest.raises(InputError, match=message) as info:
        Session.load(path)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize(
    "content",
    [b"", b'title = "x"\n', b'{"c": 1, "r": {}}\n', b"\x7fELF\x00\x00\n\x00\n"],
)
def test_not_a_session_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        Session.load(path)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_missing_or_directory_session_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read session"):
        Session.load(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="cannot read session"):
        Session.load(tmp_path)


def test_record_checksum_is_over_the_sorted_record(base: Path) -> None:
    s = new(base)
    assert s.path is not None
    outer = json.loads(s.path.read_bytes().splitlines()[0])
    body = json.dumps(outer["r"], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert outer["c"] == zlib.crc32(body.encode("utf-8"))
    assert outer["r"]["format"] == "chair-tui-session" and outer["r"]["version"] == codec.VERSION


# ---------------------------------------------------------------------------------------------
# Undo


def test_undo_deletes_pending_lines(base: Path) -> None:
    s = started(base)
    rec = s.record(Entry(Kind.INFO, "oops"))
    assert s.undo() == "removed 1 pending line(s)"
    assert s.line(rec.line_ids[0]).state == DELETED
    assert s.pending() == [] and rec not in s.live_entries()


def test_undo_of_copied_lines_queues_one_undo_per_minutes_item(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.INFO, " ".join(["word"] * 100)))  # two #info lines
    assert len(s.pending()) == 2
    copy_all(s)
    assert s.undo() == "queued 2 × #undo"
    assert texts(s, PENDING) == ["#undo", "#undo"]


def test_undo_of_an_action_with_its_nick_line(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.ACTION, "review", nicks=("omar",)))
    copy_all(s)
    # #nick adds no minutes item in MeetBot: one #undo removes the action
    assert s.undo() == "queued 1 × #undo"


def test_hcoop_undo_counts_every_event(base: Path) -> None:
    s = new(base, "hcoop")
    s.record(Entry(Kind.ACTION, "review", nicks=("omar",)))
    copy_all(s)
    # hcoop's #undo removes the last event, and #nick is an event there
    assert s.undo() == "queued 2 × #undo"


def test_partly_copied_entry(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.INFO, " ".join(["word"] * 100)))
    first, second = s.pending()
    s.mark_copied([first.id])
    assert s.undo() == "queued 1 × #undo"
    assert s.line(second.id).state == DELETED
    assert s.line(first.id).state == COPIED


def test_copied_note_needs_no_undo(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.NOTE, "just chat"))
    copy_all(s)
    assert "nothing to undo in the room" in s.undo()
    assert s.pending() == []


def test_fedora_matrix_refuses_to_undo_what_was_pasted(base: Path) -> None:
    s = new(base, "fedora-matrix")
    s.record(Entry(Kind.INFO, "oops"))
    copy_all(s)
    with pytest.raises(SessionError, match=r"has no undo.*say the correction in the room"):
        s.undo()
    s.record(Entry(Kind.INFO, "not pasted"))
    assert s.undo() == "removed 1 pending line(s)"


def test_undoing_a_pending_nick_line_forgets_the_nick(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.ACTION, "review", nicks=("omar",)))
    assert "omar" in s.nicked
    s.undo()
    assert "omar" not in s.nicked
    s.record(Entry(Kind.ACTION, "review again", nicks=("omar",)))
    assert texts(s, PENDING) == ["#nick omar", "#action omar review again"]


def test_deleting_a_pending_nick_line_forgets_the_nick(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.ACTION, "review", nicks=("omar",)))
    s.delete_line(s.pending()[0].id)
    assert "omar" not in s.nicked


def test_nothing_to_undo_after_the_end(base: Path) -> None:
    s = new(base)
    s.record(Entry(Kind.INFO, "x"))
    s.end()
    with pytest.raises(SessionError, match="ended"):
        s.undo()
    with pytest.raises(SessionError, match="end line must be sent"):
        s.delete_line(s.pending()[-1].id)


# ---------------------------------------------------------------------------------------------
# Lines


def test_line_rules(base: Path) -> None:
    s = started(base)
    s.record(Entry(Kind.INFO, "a"))
    s.record(Entry(Kind.INFO, "b"))
    a, b = s.pending()
    with pytest.raises(SessionError, match="cannot be empty"):
        s.edit_line(a.id, " \x02 ")
    with pytest.raises(SessionError, match="limit"):
        s.edit_line(a.id, "#info " + "x" * 400)
    s.edit_line(a.id, "#info  a\tfixed ")
    assert s.line(a.id).text == "#info a fixed"
    s.delete_line(b.id)
    with pytest.raises(SessionError, match="deleted"):
        s.mark_copied([b.id])
    with pytest.raises(SessionError, match="no line"):
        s.mark_copied([999])
    s.mark_copied([a.id])
    with pytest.raises(SessionError, match="only a pending line"):
        s.edit_line(a.id, "#info z")
    with pytest.raises(SessionError, match="already copied"):
        s.delete_line(a.id)


def test_steps_cannot_run_off_the_ends(base: Path) -> None:
    s = new(base)
    with pytest.raises(SessionError):
        s.prev_step()
    s.goto(len(s.steps) - 1)
    with pytest.raises(SessionError):
        s.next_step()
    with pytest.raises(SessionError):
        s.goto(99)


def test_import_raw_keeps_lines_verbatim(base: Path) -> None:
    s = new(base)
    s.import_raw(
        [
            (Kind.START, "#startmeeting X"),
            (Kind.NOTE, "  spaced  "),
            (Kind.NOTE, ""),
            (Kind.END, "#endmeeting"),
        ]
    )
    assert s.started and s.ended
    assert all(ln.state == COPIED for ln in s.lines)
    assert s.export_lines() == ["#startmeeting X", "  spaced  ", "#endmeeting"]
    assert state(reloaded(s)) == state(s)


# ---------------------------------------------------------------------------------------------
# Files on disk


def test_files_are_private(base: Path) -> None:
    d = data_dir(base)
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    s = new(d)
    assert s.path is not None
    assert stat.S_IMODE(s.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(s.path.stat().st_mode) == 0o600
    s.compact()
    assert stat.S_IMODE(s.path.stat().st_mode) == 0o600


def test_data_dir_from_the_environment(user_dirs: UserDirs) -> None:
    d = data_dir()
    assert d == user_dirs.data_dir
    assert stat.S_IMODE(d.stat().st_mode) == 0o700


def test_data_dir_leaves_an_existing_directory_as_it_is(tmp_path: Path) -> None:
    d = tmp_path / "loose"
    d.mkdir(mode=0o755)
    os.chmod(d, 0o755)
    assert stat.S_IMODE(data_dir(d).stat().st_mode) == 0o755


def test_sessions_live_in_the_sessions_folder(base: Path) -> None:
    s = new(base)
    assert s.path is not None and s.path.parent == sessions_dir(base)
    assert s.path.name == f"{s.sid}.jsonl"


def test_create_at_a_path_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.jsonl"
    s = Session.create(PLAN, tmp_path, path=target, sync=False)
    assert s.path == target
    s.close()
    with pytest.raises(FileExistsError):
        Session.create(PLAN, tmp_path, path=target)
    assert Session.load(target).plan == PLAN


@pytest.fixture
def two_sessions(base: Path) -> Iterator[tuple[Session, Session]]:
    done, running = new(base), new(base)
    done.end()
    done.mark_copied([ln.id for ln in done.pending()])  # #endmeeting pasted
    yield done, running
    done.close()
    running.close()


def test_find_unfinished(base: Path, two_sessions: tuple[Session, Session]) -> None:
    _done, running = two_sessions
    assert find_unfinished(base) == [running.path]


# ---------------------------------------------------------------------------------------------
# Random sessions

EXAMPLES = int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300"))
TEXTS = ["x", "omar to test", "Neal: review", "regrets:", "", "a\nb", "word " * 90, "#topic t"]
OPS: list[Callable[[Session, int], object]] = [
    lambda s, n: s.record(Entry(list(Kind)[n % len(Kind)], TEXTS[n % len(TEXTS)])),
    lambda s, n: s.record(Entry(Kind.ACTION, TEXTS[n % len(TEXTS)], nicks=("omar",))),
    lambda s, n: s.mark_copied([ln.id for ln in s.pending()[: n % 4 + 1]]),
    lambda s, n: s.undo(),
    lambda s, n: s.delete_line(s.pending()[-1].id) if s.pending() else None,
    lambda s, n: s.edit_line(s.pending()[0].id, f"#info edited {n}") if s.pending() else None,
    lambda s, n: s.goto(n % len(s.steps)),
    lambda s, n: s.open_step(),
    lambda s, n: s.set_attendance(["neal", "aday", "omar"][n % 3], ["present", "regrets"][n % 2]),
    lambda s, n: s.add_guest(f"guest {n % 3}"),
    lambda s, n: s.remove_guest(f"guest {n % 3}"),
    lambda s, n: s.emit_rollcall(),
    lambda s, n: s.add_topic(f"topic {n}", after_current=bool(n % 2)),
    lambda s, n: s.move_topic(n % max(1, len(s.agenda)), 1),
    lambda s, n: s.import_raw([(Kind.NOTE, TEXTS[n % len(TEXTS)])]),
    lambda s, n: s.compact(),
    lambda s, n: s.end() if n % 7 == 0 else None,
]


@settings(
    max_examples=max(20, EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    ops=st.lists(st.tuples(st.integers(0, len(OPS) - 1), st.integers(0, 50)), max_size=40),
    cut=st.floats(0.0, 1.0, exclude_max=True),
    profile=st.sampled_from(["meetbot", "hcoop", "fedora-matrix"]),
)
def test_random_sessions_reload_and_survive_a_torn_tail(
    tmp_path: Path, ops: list[tuple[int, int]], cut: float, profile: str
) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as d:
        s = Session.create(PLAN, Path(d), profile=profile, clock=Clock(), sync=False)
        for op, n in ops:
            try:
                OPS[op](s, n)
            except (SessionError, RenderError):
                pass
        assert state(reloaded(s)) == state(s)
        s.close()
        assert s.path is not None
        data = s.path.read_bytes()
        lines = data.splitlines(keepends=True)
        if len(lines) < 2:
            return
        last = lines[-1]
        prefix = b"".join(lines[:-1])
        expected_path = Path(d) / "prefix.jsonl"
        expected_path.write_bytes(prefix)
        expected = Session.load(expected_path, read_only=True)
        s.path.write_bytes(prefix + last[: int(cut * (len(last) - 1))])
        torn = Session.load(s.path, sync=False)
        torn.close()
        if int(cut * (len(last) - 1)) == 0:
            assert torn.torn_tail is None  # nothing of the last record reached the disk
        else:
            assert torn.torn_tail is not None
        assert state(torn) == state(expected)
        assert state(reloaded(torn)) == state(torn)


# ---------------------------------------------------------------------------------------------
# Failed saves


def _enospc(*_args: object) -> int:
    raise OSError(28, "No space left on device")


def test_a_failed_fsync_leaves_no_trace(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Session.create(PLAN, base, clock=Clock(), sync=True)
    s.open_step()
    before = state(s)
    assert s.path is not None
    size = s.path.stat().st_size
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", _enospc)
        with pytest.raises(OSError, match="No space"):
            s.record(Entry(Kind.INFO, "not saved"))
    assert state(s) == before  # not applied: the screen does not show it
    assert s.path.stat().st_size == size  # and the journal does not hold it
    s.record(Entry(Kind.INFO, "saved"))
    again = reloaded(s)
    assert state(again) == state(s)
    ids = [ln.id for ln in again.lines]
    assert len(ids) == len(set(ids))


def test_a_write_cut_short_leaves_no_trace(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = new(base)
    s.open_step()
    before = state(s)
    real_write = os.write

    def half_then_fail(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 10:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(27, "File too large")

    with monkeypatch.context() as m:
        m.setattr(os, "write", half_then_fail)
        with pytest.raises(OSError, match="too large"):
            s.record(Entry(Kind.INFO, "x" * 1000))
    assert state(s) == before
    s.record(Entry(Kind.INFO, "after the disk was freed"))
    again = reloaded(s)
    assert again.torn_tail is None
    assert state(again) == state(s)


def test_a_failed_compaction_loses_nothing(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Session, "COMPACT_EVERY", 3)
    s = new(base)
    assert s.path is not None
    with monkeypatch.context() as m:
        m.setattr(JournalWriter, "replace_all", _enospc)
        for i in range(5):
            s.record(Entry(Kind.INFO, f"fact {i}"))
        s.close()  # compaction fails silently
        expected = state(s)
        again = Session.load(s.path, sync=False)  # so does this one
        assert state(again) == expected
        again.record(Entry(Kind.INFO, "after"))
        again.close()
    assert [ln.text for ln in reloaded(s).lines][-1] == "#info after"


def test_an_ended_meeting_stays_ended_after_many_copies(base: Path) -> None:
    s = new(base)
    s.open_step()
    for i in range(120):
        s.record(Entry(Kind.INFO, f"fact {i}"))
    s.end()
    for line in s.pending():  # copied one by one after the end
        s.mark_copied([line.id])
    s.close()
    assert s.path is not None and s.path.stat().st_size > 8192
    assert find_unfinished(base) == []


def test_first_pending_follows_copies_undo_and_deletes(base: Path) -> None:
    s = started(base)
    assert s.first_pending() is None
    s.record(Entry(Kind.INFO, "one"))
    s.record(Entry(Kind.INFO, "two"))
    first, second = s.pending()
    assert s.first_pending() is first
    s.mark_copied([first.id])
    assert s.first_pending() is second
    s.delete_line(second.id)
    assert s.first_pending() is None
    s.record(Entry(Kind.INFO, "three"))
    assert s.first_pending() is s.pending()[0]
    assert s.first_pending() == reloaded(s).first_pending()


def test_a_session_moved_aside_keeps_its_note_private(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    create_new(path)
    old = os.umask(0o022)
    try:
        aside = move_aside(path, "damaged session (ValueError: 'private words')")
    finally:
        os.umask(old)
    why = aside.with_name(aside.name + ".why")
    assert why.read_text(encoding="utf-8") == "damaged session (ValueError: 'private words')\n"
    assert stat.S_IMODE(why.stat().st_mode) == 0o600
    assert not path.exists() and aside.exists()


def test_an_ended_meeting_with_lines_not_pasted_is_offered_for_resume(tmp_path: Path) -> None:
    from chair_tui.meeting.meetingfile import load_demo
    from chair_tui.meeting.session import RECENT_ENDED_S, find_unfinished

    s = Session.create(load_demo(), tmp_path, sync=False)
    s.open_step()
    s.end()  # #endmeeting queued, then the chair quits before pasting it
    s.close()
    assert s.path is not None
    assert find_unfinished(tmp_path) == [s.path]
    # only recently ended meetings are replayed to find out
    later = s.path.stat().st_mtime + RECENT_ENDED_S + 1
    assert find_unfinished(tmp_path, now=later) == []
    again = Session.load(s.path, sync=False)
    again.mark_copied([ln.id for ln in again.pending()])
    again.close()
    assert find_unfinished(tmp_path) == []
