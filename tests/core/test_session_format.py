"""The session format: journals written by earlier versions resume, newer ones are refused,
and every record survives the codec unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.meetingfile import load_demo
from chair_tui.meeting.model import AgendaItem, Entry
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import NewerFormatError, Session, codec
from chair_tui.meeting.store import encode_record, read_journal

DATA = Path(__file__).parent.parent / "data" / "sessions"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (DATA / "v1-expected.json").read_text(encoding="utf-8")
)


def _view(s: Session) -> dict[str, Any]:
    """What ``v1-expected.json`` holds of a session (written by format version 1's code)."""
    return {
        "title": s.plan.title,
        "profile": s.profile.name,
        "step": s.step.id,
        "steps": [st.id for st in s.steps],
        "attendance": s.attendance,
        "guests": s.guests,
        "secretary": s.secretary,
        "lines": [[ln.id, ln.text, ln.kind.value, ln.entry, ln.state] for ln in s.lines],
        "entries": [[e.id, e.step, e.kind.value, e.text, e.line_ids, e.undone] for e in s.entries],
        "opened": sorted(s.opened_steps),
        "ended": s.ended,
        "nicked": sorted(s.nicked),
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_version_1_journal_resumes_as_it_was_written(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(DATA / name, path)
    s = Session.load(path, sync=False)
    assert _view(s) == EXPECTED[name]
    # and it goes on: a change appends to it, and the whole reloads
    if not s.ended:
        s.record(Entry(Kind.INFO, "one more"))
    s.close()
    again = Session.load(path, read_only=True)
    assert _view(again)["lines"][: len(EXPECTED[name]["lines"])] == EXPECTED[name]["lines"]


def test_a_journal_of_a_newer_format_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    s = Session.create(load_demo(), tmp_path, path=path, sync=False)
    s.record(Entry(Kind.INFO, "written by a later version"))
    s.close()
    records = read_journal(path).records
    records[0]["version"] = codec.VERSION + 1
    records[0]["some_new_field"] = [1, 2, 3]
    path.write_bytes(b"".join(encode_record(r) for r in records))
    before = path.read_bytes()
    with pytest.raises(NewerFormatError, match="newer chair-tui") as info:
        Session.load(path, sync=False)
    assert info.value.line == 1
    assert path.read_bytes() == before


def test_every_record_survives_the_codec(tmp_path: Path) -> None:
    s = Session.create(load_demo(), tmp_path, sync=False)
    s.open_step()
    s.mark_copied([ln.id for ln in s.next_chunk()])
    s.next_step()
    s.set_attendance(s.plan.members[0].nick, "present")
    s.add_guest("Ann [she/her]")
    s.remove_guest("Ann [she/her]")
    s.set_secretary(s.plan.members[0].nick)
    s.emit_rollcall()
    rec = s.record(Entry(Kind.ACTION, "review it", nicks=("someone",)))
    s.edit_line(rec.line_ids[-1], "#action someone review it today")
    s.delete_line(rec.line_ids[0])
    s.mark_copied([ln.id for ln in s.pending()])
    s.record(Entry(Kind.IDEA, "x"))
    s.mark_copied([ln.id for ln in s.pending()])
    s.undo()
    s.add_topic("Ad hoc")
    s.move_topic(0, 1)
    s.end()
    s.compact()
    assert s.path is not None
    raw = read_journal(s.path).records
    assert [r["op"] for r in raw] == ["snapshot", "end"]
    for r in raw:
        assert codec.encode(codec.decode(r, "s")) == r


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("at", float("inf")),
        ("at", "yesterday"),
        ("at", True),
        ("id", 1e999),
        ("id", "7"),
        ("kind", "no-such-kind"),
        ("lines", "not a list"),
        ("nicks", [1, 2]),
    ],
)
def test_an_impossible_value_makes_the_session_damaged(
    tmp_path: Path, field: str, value: object
) -> None:
    path = tmp_path / "s.jsonl"
    s = Session.create(load_demo(), tmp_path, path=path, sync=False)
    s.record(Entry(Kind.INFO, "fine"))
    s.close()
    records = read_journal(path).records
    records[1][field] = value
    path.write_bytes(b"".join(encode_record(r) for r in records))
    with pytest.raises(InputError, match="damaged session") as info:
        Session.load(path, sync=False)
    assert info.value.line == 2


def test_duplicate_topic_titles_still_give_every_step_its_own_id(tmp_path: Path) -> None:
    plan = load_demo()
    plan = type(plan)(
        **{
            **{f: getattr(plan, f) for f in plan.__dataclass_fields__},
            "agenda": (AgendaItem("Budget"), AgendaItem("Budget"), AgendaItem("Budget#2")),
        }
    )
    s = Session(plan)
    ids = [st.id for st in s.steps]
    assert len(ids) == len(set(ids))
    topics = [st for st in s.steps if st.kind == "topic"]
    assert [st.title for st in topics] == ["Budget", "Budget", "Budget#2"]
    # the usual ids are kept where they were already unique (older sessions name them)
    assert [st.id for st in topics][:2] == ["topic:Budget", "topic:Budget#2"]


def test_an_end_taken_back_in_a_version_1_journal_rewrites_it_as_version_2(
    tmp_path: Path,
) -> None:
    """The reopen record is new in version 2: a version-1 journal gets a version-2 header
    first, so a version-1 reader refuses the file as newer instead of calling it damaged."""
    path = tmp_path / "sessions" / "v1.jsonl"
    path.parent.mkdir(mode=0o700)
    shutil.copyfile(DATA / "v1-walked.jsonl", path)
    s = Session.load(path, sync=False)
    assert not s.ended  # the fixture is a walk in progress
    s.end()
    assert read_journal(path).records[0]["version"] == 1  # ending alone keeps version 1
    s.reopen()
    s.close()
    first = read_journal(path).records[0]
    header = first["header"] if first.get("op") == "snapshot" else first
    assert header["version"] == codec.VERSION == 2
    again = Session.load(path, sync=False, read_only=True)
    assert not again.ended and again.pending()[-1].kind is not Kind.END
