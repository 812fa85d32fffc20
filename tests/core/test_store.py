"""The journal's line format: one serialisation per record, and a reader for old and new lines."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.store import decode_record, encode_record

EXAMPLES = int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)
_VALUES = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=4), _SCALARS, max_size=3),
)
RECORDS = st.dictionaries(st.text(max_size=6), _VALUES, max_size=5).map(
    lambda d: {"op": "record", **d}
)


def _sorted_body(record: dict[str, Any]) -> bytes:
    dumped = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return dumped.encode("utf-8")


def _old_line(record: dict[str, Any]) -> bytes:
    """A line as chair-tui wrote it before: the CRC of the sorted body, the record unsorted."""
    crc = zlib.crc32(_sorted_body(record))
    line = json.dumps({"c": crc, "r": record}, ensure_ascii=False, separators=(",", ":"))
    return line.encode("utf-8")


def test_a_line_holds_the_sorted_body_its_crc_is_taken_over() -> None:
    record = {"op": "attend", "state": "present", "nick": "neal"}
    line = encode_record(record)
    body = b'{"nick":"neal","op":"attend","state":"present"}'
    assert line == b'{"c":%d,"r":%b}\n' % (zlib.crc32(body), body)
    outer = json.loads(line)
    assert outer == {"c": zlib.crc32(body), "r": record}


@PROPERTY
@given(RECORDS)
def test_new_and_old_lines_decode_to_the_record(record: dict[str, Any]) -> None:
    assert decode_record(encode_record(record)[:-1]) == record
    assert decode_record(_old_line(record)) == record


@PROPERTY
@given(RECORDS, st.data())
def test_a_changed_byte_is_never_taken_for_data(
    record: dict[str, Any], data: st.DataObject
) -> None:
    for line in (encode_record(record)[:-1], _old_line(record)):
        i = data.draw(st.integers(0, len(line) - 1))
        new = data.draw(st.integers(0, 255).filter(line[i].__ne__))  # any other byte
        damaged = line[:i] + bytes([new]) + line[i + 1 :]
        try:
            got = decode_record(damaged)
        except ValueError:  # UnicodeDecodeError included
            continue
        # only a change the JSON reads the same (say "\u0061" for "a" in the old form) passes
        assert got == record


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (b'{"c":1,"r":{"op":"end","at":1.0}}', "checksum"),
        (b'{"c":1,"r":[1]}', "not an object"),
        (b'{"r":{"op":"end"}}', "not a journal record"),
        (b'{"c":1,"r":{"op":"end"', "Expecting"),
        (b"", "Expecting"),
    ],
)
def test_damaged_lines(line: bytes, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        decode_record(line)


def test_the_crc_field_must_be_plain_digits() -> None:
    body = b'{"at":1.0,"op":"end"}'
    crc = zlib.crc32(body)
    assert decode_record(b'{"c":%d,"r":%b}' % (crc, body)) == {"at": 1.0, "op": "end"}
    with pytest.raises(ValueError):
        decode_record(b'{"c":0%d,"r":%b}' % (crc, body))  # JSON has no leading zeros
    spaced = b'{"c": %d, "r": %b}' % (crc, body)  # not as written, but a valid old-style line
    assert decode_record(spaced) == {"at": 1.0, "op": "end"}


def test_invalid_utf8_in_the_body_is_damage() -> None:
    body = b'{"op":"\xed\xa0\x80"}'  # an encoded surrogate: not UTF-8
    with pytest.raises(ValueError):
        decode_record(b'{"c":%d,"r":%b}' % (zlib.crc32(body), body))


def test_load_removes_temp_files_of_dead_processes_only(tmp_path: Path) -> None:
    import subprocess
    import sys

    from chair_tui.meeting.meetingfile import load_demo
    from chair_tui.meeting.session import Session

    session = Session.create(load_demo(), tmp_path, sync=False)
    assert session.path is not None
    path = session.path
    session.close()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    dead = path.with_name(f".{path.name}.{int(gone.stdout)}.tmp")
    dead.write_bytes(b"half a snapshot")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as alive:
        try:
            busy = path.with_name(f".{path.name}.{alive.pid}.tmp")
            busy.write_bytes(b"being written")
            other = path.with_name(".someone-else.jsonl.1.tmp")
            other.write_bytes(b"not ours")
            Session.load(path, sync=False).close()
            assert not dead.exists()
            assert busy.exists() and other.exists()
            Session.load(path, sync=False, read_only=True)  # a read-only load deletes nothing
        finally:
            alive.kill()


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_record_nested_too_deeply_is_damaged_not_a_crash(depth: int) -> None:
    body = '{"op":"x","v":' + "[" * depth + "]" * depth + "}"
    line = b'{"c":%d,"r":%b}' % (zlib.crc32(body.encode()), body.encode())
    with pytest.raises(ValueError):
        decode_record(line)
