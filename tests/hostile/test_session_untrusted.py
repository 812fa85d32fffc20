"""Session files are untrusted input: a record that parses but is impossible (a step that does
not exist, an id used twice, a reference to nothing, a record nested hundreds of levels, a plan
that would make the loader open another path) makes the file damaged — an InputError the app
turns into "moved aside" — and never a crash, a RecursionError or a read of another file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chair_tui.meeting.errors import InputError
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import NewerFormatError, Session
from chair_tui.meeting.session.lock import lock_path
from chair_tui.meeting.store import decode_record, encode_record
from tests.helpers.clock import frozen_clock

PLAN = MeetingPlan(
    title="Tiny WG",
    chair="neal",
    members=(Member("neal"), Member("aday")),
    agenda=(AgendaItem("First", ("https://example.org/a",)), AgendaItem("Second")),
)

Rec = dict[str, Any]


def journal(base: Path, *, compact: bool = False) -> Path:
    s = Session.create(PLAN, base, clock=frozen_clock, sync=False)
    s.open_step()
    s.next_step()
    s.next_step()
    s.open_step()
    s.record(Entry(Kind.INFO, "some info"))
    s.mark_copied([s.lines[0].id])
    s.edit_line(s.pending()[0].id, "#info edited")
    if compact:
        s.compact()
    s.close()
    assert s.path is not None
    return s.path


def records(path: Path) -> list[Rec]:
    return [decode_record(raw) for raw in path.read_bytes().splitlines()]


def write(path: Path, recs: list[Rec]) -> None:
    path.write_bytes(b"".join(encode_record(r) for r in recs))


def first(recs: list[Rec], op: str) -> Rec:
    return next(r for r in recs if r.get("op") == op)


def set_in(op: str, key: str, value: object) -> Callable[[list[Rec]], None]:
    def change(recs: list[Rec]) -> None:
        first(recs, op)[key] = value

    return change


def append(rec: Rec) -> Callable[[list[Rec]], None]:
    return lambda recs: recs.append(rec)


def dup_line_id(recs: list[Rec]) -> None:
    rs = [r for r in recs if r.get("op") == "record"]
    rs[-1]["lines"][0]["id"] = rs[0]["lines"][0]["id"]


def dup_entry_id(recs: list[Rec]) -> None:
    rs = [r for r in recs if r.get("op") == "record"]
    rs[-1]["id"] = rs[0]["id"]


def nested(depth: int) -> Callable[[list[Rec]], None]:
    def change(recs: list[Rec]) -> None:
        value: object = "x"
        for _ in range(depth):
            value = [value]
        first(recs, "record")["text"] = value

    return change


def plan_key(key: str, value: object) -> Callable[[list[Rec]], None]:
    def change(recs: list[Rec]) -> None:
        recs[0]["plan"][key] = value

    return change


JOURNAL_CASES: dict[str, Callable[[list[Rec]], None]] = {
    "step index -100": append({"op": "step", "index": -100, "at": 1.0}),
    "step index past the end": append({"op": "step", "index": 99, "at": 1.0}),
    "step index 2**40": append({"op": "step", "index": 2**40, "at": 1.0}),
    "agenda index -50": append({"op": "agenda", "items": [{"title": "A"}], "index": -50}),
    "agenda index past the end": append({"op": "agenda", "items": [], "index": 40}),
    "entry id 0": set_in("record", "id", 0),
    "entry id -3": set_in("record", "id", -3),
    "entry id 1e999": set_in("record", "id", float("inf")),
    "duplicate line id": dup_line_id,
    "duplicate entry id": dup_entry_id,
    "copied of a line never recorded": append({"op": "copied", "ids": [9999]}),
    "edit of a line never recorded": append({"op": "edit", "line": 4242, "text": "x"}),
    "delete of a line never recorded": append({"op": "delete", "line": 4242}),
    "undo of an entry never recorded": append({"op": "undo", "entry": 777, "removed": []}),
    "undo removing a line never recorded": lambda recs: recs.append(
        {"op": "undo", "entry": first(recs, "record")["id"], "removed": [888]}
    ),
    "opens a step that does not exist": set_in("record", "opens", "topic:Nowhere"),
    "a time that is text": set_in("record", "at", "yesterday"),
    "a record nested 300 levels": nested(300),
    "a record nested 40 levels": nested(40),
    "agenda_markdown in the plan": plan_key("agenda_markdown", "/etc/passwd"),
    "agenda_markdown to a FIFO": plan_key("agenda_markdown", "/tmp/fifo"),
    "an unknown plan key": plan_key("include", "other.toml"),
}


@pytest.mark.parametrize("change", JOURNAL_CASES.values(), ids=list(JOURNAL_CASES))
def test_an_impossible_journal_is_damaged_not_a_crash(
    tmp_path: Path, change: Callable[[list[Rec]], None]
) -> None:
    path = journal(tmp_path)
    recs = records(path)
    change(recs)
    write(path, recs)
    before = path.read_bytes()
    with pytest.raises(InputError) as info:
        Session.load(path, sync=False)
    assert not isinstance(info.value, NewerFormatError)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before  # a damaged file is never rewritten
    assert not lock_path(path).exists()  # nor left locked


def snapshot_change(key: str, value: object) -> Callable[[Rec], None]:
    def change(state: Rec) -> None:
        state[key] = value

    return change


def snap_dup_line(state: Rec) -> None:
    state["lines"].append(dict(state["lines"][0]))


def snap_dangling_entry_line(state: Rec) -> None:
    state["entries"][0]["line_ids"].append(5000)


def snap_line_of_no_entry(state: Rec) -> None:
    state["lines"][0]["entry"] = 6000


SNAPSHOT_CASES: dict[str, Callable[[Rec], None]] = {
    "snapshot step_index -1": snapshot_change("step_index", -1),
    "snapshot step_index 1000": snapshot_change("step_index", 1000),
    "snapshot next_id 0": snapshot_change("next_id", 0),
    "snapshot next_id below an id": snapshot_change("next_id", 2),
    "snapshot duplicate line": snap_dup_line,
    "snapshot entry line_ids pointing nowhere": snap_dangling_entry_line,
    "snapshot line of no entry": snap_line_of_no_entry,
    "snapshot Infinity time": lambda st: st["entries"][0].__setitem__("at", float("inf")),
}


@pytest.mark.parametrize("change", SNAPSHOT_CASES.values(), ids=list(SNAPSHOT_CASES))
def test_an_impossible_snapshot_is_damaged(tmp_path: Path, change: Callable[[Rec], None]) -> None:
    path = journal(tmp_path, compact=True)
    recs = records(path)
    assert recs[0]["op"] == "snapshot"
    change(recs[0]["state"])
    write(path, recs)
    with pytest.raises(InputError):
        Session.load(path, sync=False, read_only=True)


def test_a_record_nested_past_the_json_parser_is_damaged_not_recursion(tmp_path: Path) -> None:
    path = journal(tmp_path)
    deep = b"[" * 200_000 + b"]" * 200_000
    with path.open("ab") as f:
        f.write(b'{"c":1,"r":' + deep + b"}\n")
        f.write(encode_record({"op": "end", "at": 1.0}))
    with pytest.raises(InputError):
        Session.load(path, sync=False)


def test_agenda_markdown_never_opens_the_path(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("- stolen topic\n")
    secret.chmod(0)  # opening it would fail loudly; refusing the key never gets there
    path = journal(tmp_path)
    recs = records(path)
    recs[0]["plan"]["agenda_markdown"] = str(secret)
    write(path, recs)
    with pytest.raises(InputError, match="agenda_markdown"):
        Session.load(path, sync=False, read_only=True)


def test_a_good_journal_still_loads_and_the_lock_goes_with_close(tmp_path: Path) -> None:
    path = journal(tmp_path)
    s = Session.load(path, sync=False)
    assert lock_path(path).exists()
    assert [ln.text for ln in s.pending()] == ["#info edited"] or s.pending()
    s.close()
    assert not lock_path(path).exists()
    json.dumps(records(path))  # still plain JSON records
