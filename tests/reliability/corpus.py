"""Malformed inputs for every file chair-tui reads, generated (no corpus files in the repo).

Each :class:`Bad` is one broken file: its bytes (or a directory, a missing file, a file over
the size limit), and where the error message must point: ``where`` is a regular expression
for what follows the file name in ``chair-tui: FILE…: message`` (``":3:\\d+"`` for line 3
and some column).  ``names`` is the file the message must name when it is not the input
itself (a Markdown agenda a meeting file points to), and ``extra`` files are written beside.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.session import Session
from chair_tui.meeting.store import encode_record
from tests.helpers.clock import frozen_clock

ANY = r"(:\d+(:\d+)?)?"  # a line and column may be given, or not
LINE_COL = r":\d+:\d+"


@dataclass(frozen=True)
class Bad:
    name: str
    content: bytes = b""
    where: str = ANY
    kind: str = "file"  # file, directory, missing
    names: str = ""  # the file named in the message, if not the input (relative to it)
    extra: dict[str, bytes] = field(default_factory=dict)
    loads: bool = False  # a meeting file that loads but cannot be rendered


def at(line: int, column: int | None = None) -> str:
    return f":{line}" + (f":{column}" if column is not None else r":\d+")


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


# Invalid UTF-8: each is an error at its first byte.
BROKEN_UTF8 = {
    "a stray 0xff byte": b"\xff",
    "a cut 2-byte sequence": b"\xc3(",
    "a cut 3-byte sequence": b"\xe2\x82(",
    "an overlong encoding": b"\xc0\xaf",
    "an encoded surrogate": b"\xed\xa0\x80",
    "a code point past U+10FFFF": b"\xf4\x90\x80\x80",
    "a lone continuation byte": b"\x80",
    "Latin-1 text": b"caf\xe9",
}


def _first_bad_byte(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    raise AssertionError("valid UTF-8")


def encoding(valid: bytes, anchor: bytes, *, prefix: str = "") -> list[Bad]:
    """``valid`` with invalid UTF-8 put just before ``anchor``; the message gives line:col."""
    offset = valid.index(anchor)
    out = []
    for what, junk in BROKEN_UTF8.items():
        data = valid[:offset] + junk + valid[offset:]
        out.append(Bad(f"{prefix}{what}", data, at(*_line_col(data, _first_bad_byte(data)))))
    tail = valid.rstrip(b"\n") + b"\xe2\x82"
    where = at(*_line_col(tail, _first_bad_byte(tail)))
    out.append(Bad(f"{prefix}a multi-byte character cut at the end", tail, where))
    return out


def binary(valid: bytes) -> list[Bad]:
    """Files that are not text at all (or not UTF-8 text): refused without a position."""
    return [
        Bad("a NUL byte in the middle", valid[:20] + b"\x00" + valid[20:], ""),
        Bad("UTF-16 with a BOM", valid.decode("utf-8").encode("utf-16"), ""),
        Bad("UTF-32", valid.decode("utf-8").encode("utf-32"), ""),
        Bad("gzip", gzip.compress(valid, mtime=0), ""),
        Bad("a PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ""),
    ]


def unreadable(limit: int, line: bytes) -> list[Bad]:
    """A directory, a missing file, and a file one line over the size limit."""
    huge = line * (limit // len(line) + 1)
    return [
        Bad("a directory", kind="directory", where=""),
        Bad("a missing file", kind="missing", where=""),
        Bad("a file over the size limit", huge, ""),
    ]


# ---------------------------------------------------------------------------------------------
# Meeting files (TOML)

MEETING = (
    b'title = "Workstation WG"\n'
    b'profile = "zodbot"\n'
    b'chair = "cmurf"\n'
    b"\n"
    b"[[members]]\n"
    b'nick = "neal"\n'
    b'name = "Neal"\n'
    b"\n"
    b"[[agenda]]\n"
    b'title = "Fesco deadline"\n'
    b'links = ["https://example.org/1"]\n'
    b"minutes = 10\n"
)


def meeting_files() -> list[Bad]:
    syntax = [
        ("a key with no value", b"title = \n", 1),
        ("an unterminated string", b'title = "WG\n', 1),
        ("a key given twice", b'title = "a"\ntitle = "b"\n', 2),
        ("an unclosed table header", b'title = "a"\n[[agenda]\ntitle = "x"\n', 2),
        ("an unclosed array", b'title = "a"\nchairs = ["a", "b"\n', 0),
        ("a bare key with a space", b'title = "a"\nmy key = 1\n', 2),
        ("garbage after a value", b'title = "a" b\n', 1),
        ("an unterminated multi-line string", b'title = "a"\nname = """x\n\n', 0),
        ("an unknown escape", b'title = "a\\qb"\n', 1),
        ("a raw control character in a string", b'title = "a\x01b"\n', 1),
        ("a bare carriage return", b'title = "a"\rname = "b"\n', 1),
        (
            "a table defined twice",
            b'title="a"\n[minutes_approval]\ndate="x"\n[minutes_approval]\n',
            4,
        ),
        ("an array then a table of the same name", b'title="a"\nagenda = []\n[[agenda]]\n', 3),
        ("an impossible date", b"title = 2024-13-45\n", 1),
        ("a number with a leading zero", b'title="a"\nmax_bytes = 0350\n', 2),
        ("a key and value with no =", b'title "a"\n', 1),
        (
            "a newline inside an inline table",
            b'title="a"\nminutes_approval = {date = "x",\n link="y"}\n',
            2,
        ),
        ("an emoji as a bare key", "title='a'\n😀 = 1\n".encode(), 2),
    ]
    # line 0: tomllib says "at end of document", with no line or column
    out = [Bad(f"TOML: {name}", data, at(line) if line else "") for name, data, line in syntax]
    schema: list[tuple[str, bytes, str]] = [
        ("an empty file", b"", ""),
        ("only comments", b"# nothing here\n# at all\n", ""),
        ("a title that is a number", b"title = 5\n", ":1"),
        ("a title of control characters only", b'title = "\\u0002\\u000f"\n', ":1"),
        ("a misspelt key", b'titel = "WG"\n', ":1"),
        ("an unknown profile", b'title = "a"\nprofile = "nope"\n', ":2"),
        ("a chair that is not a nick", b'title = "a"\nchair = "bad nick"\n', ":2"),
        ("chairs with a comma list", b'title = "a"\nchairs = ["a,b"]\n', ":2"),
        ("members as a string", b'title = "a"\nmembers = "neal"\n', ":2"),
        ("a member without a nick", b'title = "a"\n[[members]]\nname = "Neal"\n', ":2"),
        (
            "a member listed twice",
            b'title = "a"\n[[members]]\nnick = "neal"\n[[members]]\nnick = "Neal"\n',
            ":5",
        ),
        ("a misspelt member key", b'title = "a"\n[[members]]\nnik = "neal"\n', ":3"),
        ("minutes_approval as a string", b'title = "a"\nminutes_approval = "yes"\n', ":2"),
        (
            "an approval link that is no URL",
            b'title = "a"\n[minutes_approval]\nlink = "the minutes"\n',
            ":3",
        ),
        ("an unknown approval key", b'title = "a"\n[minutes_approval]\nwhen = "x"\n', ":3"),
        ("an agenda item without a title", b'title = "a"\n[[agenda]]\nminutes = 5\n', ":2"),
        (
            "an agenda link without a scheme",
            b'title = "a"\n[[agenda]]\ntitle = "t"\nlinks = ["ftp//x"]\n',
            ":4",
        ),
        ("0 minutes", b'title = "a"\n[[agenda]]\ntitle = "t"\nminutes = 0\n', ":4"),
        ("601 minutes", b'title = "a"\n[[agenda]]\ntitle = "t"\nminutes = 601\n', ":4"),
        ("minutes = true", b'title = "a"\n[[agenda]]\ntitle = "t"\nminutes = true\n', ":4"),
        ("minutes = 1.5", b'title = "a"\n[[agenda]]\ntitle = "t"\nminutes = 1.5\n', ":4"),
        ("agenda as a number", b'title = "a"\nagenda = 5\n', ":2"),
        (
            "info that is not strings",
            b'title = "a"\n[[agenda]]\ntitle = "t"\ninfo = [1, 2]\n',
            ":4",
        ),
        ("an empty agenda title", b'title = "a"\n[[agenda]]\ntitle = ""\n', ":3"),
        ("max_bytes = 59", b'title = "a"\nmax_bytes = 59\n', ":2"),
        ("max_bytes = 451", b'title = "a"\nmax_bytes = 451\n', ":2"),
        ("max_bytes = true", b'title = "a"\nmax_bytes = true\n', ":2"),
        ('max_bytes = "350"', b'title = "a"\nmax_bytes = "350"\n', ":2"),
    ]
    out += [Bad(f"schema: {name}", data, where) for name, data, where in schema]
    out += [
        Bad(
            "agenda_markdown names a missing file",
            b'title = "a"\nagenda_markdown = "missing.md"\n',
            "",
            names="missing.md",
        ),
        Bad(
            "agenda_markdown names a file with no list",
            b'title = "a"\nagenda_markdown = "prose.md"\n',
            "",
            names="prose.md",
            extra={"prose.md": b"Only prose here.\n"},
        ),
        Bad(
            "a prepared info that is only a label",
            b'title = "a"\n[[agenda]]\ntitle = "t"\ninfo = ["regrets:"]\n',
            "",
            loads=True,
        ),
        Bad(
            "a link longer than a 60-byte line",
            b'title = "a"\nmax_bytes = 60\n[[agenda]]\ntitle = "t"\nlinks = ["https://example.org/'
            + b"a" * 80
            + b'"]\n',
            "",
            loads=True,
        ),
    ]
    out += encoding(MEETING, b"zodbot")
    out += binary(MEETING)
    out += unreadable(1024 * 1024, b"# a long comment line, to go over the limit\n")
    return out


# ---------------------------------------------------------------------------------------------
# Markdown agendas

AGENDA = b"# Workstation WG\n\n- Fesco deadline https://example.org/1\n- [Wallpaper](https://example.org/2)\n"


def agendas() -> list[Bad]:
    no_list = {
        "an empty file": b"",
        "whitespace only": b"  \n\n\t\n",
        "a heading only": b"# Workstation WG\n",
        "prose only": b"Just prose.\nMore prose.\n",
        "dashes with no space": b"-item\n-another\n",
        "numbers with no space": b"1.item\n2.item\n",
        "numbers with no dot": b"1 item\n2 item\n",
        "a table": b"| a | b |\n|---|---|\n| 1 | 2 |\n",
        "a quoted list": b"> - quoted item\n",
        "an HTML list": b"<ul><li>html</li></ul>\n",
        "items of control characters only": b"- \x02\x03\n- \x0f\n",
        "items of punctuation only": "- -\n- :\n- –\n".encode(),
        "rules": b"---\n***\n___\n",
        "setext headings": b"Title\n=====\n\nSub\n---\n",
        "front matter only": b"---\ntitle: x\n---\n",
        "a code block": b"```\ncode\n```\n",
        "unicode bullets": "• bullet\n‣ other\n".encode(),
        "empty bullets": b"-\t\n*   \n+\n",
        "a heading without a space": b"#Heading\n##Sub\n",
        "a link outside a list": b"[link](https://example.org)\n",
        "a BOM and a heading": "\ufeff# BOM heading\n".encode(),
        "CRLF prose": b"Prose\r\nmore\r\n",
    }
    out = [Bad(f"no list: {name}", data, "", names="") for name, data in no_list.items()]
    out += encoding(AGENDA, b"Wallpaper")
    out += binary(AGENDA)
    out += unreadable(1024 * 1024, b"a long line of prose that is not a list item at all\n")
    return out


# ---------------------------------------------------------------------------------------------
# Raw logs (import-log, and check when most lines are log lines)

LOG = (
    b"16:59:31 <cmurf> #startmeeting Workstation WG\n"
    b"16:59:40 <neal> hello\n"
    b"17:00:01 <cmurf> #topic Fesco deadline\n"
    b"17:10:00 <cmurf> #endmeeting\n"
)
BAD_LOG_LINES = {
    "no time": (b"hello world", 1),
    "hour 25": (b"25:00:00 <a> x", 1),
    "minute 61": (b"12:61 <a> x", 1),
    "second 61": (b"12:00:61 <a> x", 1),
    "an opening bracket only": (b"[12:00:00 <a> x", 1),
    "a closing bracket only": (b"12:00:00] <a> x", 1),
    "no space after the time": (b"12:00:00<a> x", 9),
    "an unclosed <nick": (b"12:00:00 <a x", 14),
    "an empty <nick>": (b"12:00:00 <> x", 11),
    "a nick with a space": (b"12:00:00 <a b> x", 11),
    "no space after <nick>": (b"12:00:00 <a>x", 13),
    "a /me with no nick": (b"12:00:00 * ", 12),
    "something else after the time": (b"12:00:00 - a x", 10),
    "a date with no time": (b"2024-07-23 <a> x", 12),
    "dots in the time": (b"12.00.00 <a> x", 1),
    "a time with no colon": (b"1200 <a> x", 1),
    "a leading space": (b" 12:00 <a> x", 1),
}


def log_with(bad: bytes) -> bytes:
    lines = LOG.split(b"\n")
    return b"\n".join([*lines[:2], bad, *lines[2:]])


def logs() -> list[Bad]:
    out = [
        Bad(f"log line: {name}", log_with(line), at(3, col))
        for name, (line, col) in BAD_LOG_LINES.items()
    ]
    out += [
        Bad("an empty log", b"", ""),
        Bad("blank lines only", b"\n\n  \n", ""),
    ]
    out += encoding(LOG, b"hello")
    out += binary(LOG)
    out += unreadable(8 * 1024 * 1024, b"16:59:40 <neal> a long line of chatter in the log\n")
    return out


# ---------------------------------------------------------------------------------------------
# Lines files (check)

LINES = b"#startmeeting Workstation WG\n#topic Fesco deadline\n#info Owen waits\n#endmeeting\n"


def lines_files() -> list[Bad]:
    out = encoding(LINES, b"Fesco", prefix="line 2: ")
    out += encoding(LINES, b"Owen", prefix="line 3: ")
    out += binary(LINES)
    out += [
        Bad("a NUL byte at the start", b"\x00" + LINES, ""),
        Bad("a NUL byte at the end", LINES + b"\x00", ""),
        Bad("an ELF binary", b"\x7fELF\x02\x01\x01\x00" + bytes(64), ""),
    ]
    out += unreadable(8 * 1024 * 1024, b"#info a long line of the lines file\n")
    # a file that is mostly a raw log is read as one, and a bad log line is an error
    out += [
        Bad(f"mostly a log, then {name}", log_with(line) + LOG, at(3, col))
        for name, (line, col) in list(BAD_LOG_LINES.items())[:8]
    ]
    return out


# ---------------------------------------------------------------------------------------------
# Session files (export, --resume)


def good_session() -> list[dict[str, Any]]:
    """The records of a small unfinished session."""
    plan = MeetingPlan(
        title="Tiny ✓ WG",
        chair="neal",
        members=(Member("neal", "Néal"), Member("aday")),
        agenda=(AgendaItem("Ünïcode topic"),),
    )
    with tempfile.TemporaryDirectory() as tmp:
        s = Session.create(plan, Path(tmp), clock=frozen_clock, sync=False)
        s.open_step()
        s.next_step()
        s.set_attendance("neal", "present")
        s.emit_rollcall()
        s.next_step()
        s.open_step()
        s.record(Entry(Kind.INFO, "é😀 שלום"))
        s.mark_copied([s.lines[0].id])
        s.record(Entry(Kind.IDEA, "an idea"))
        s.close()
        assert s.path is not None
        raw = s.path.read_bytes()
    return [json.loads(line)["r"] for line in raw.splitlines()]


def _journal(records: list[dict[str, Any]]) -> bytes:
    return b"".join(encode_record(r) for r in records)


def sessions() -> list[Bad]:
    records = good_session()
    good = _journal(records)
    lines = good.split(b"\n")[:-1]
    mid = len(lines) // 2  # a record in the middle (0-based), so not a torn tail
    header = records[0]

    def with_header(**changes: Any) -> bytes:
        h = {**header, **changes}
        for key, value in changes.items():
            if value is ...:
                del h[key]
        return _journal([h, *records[1:]])

    def with_plan(**changes: Any) -> bytes:
        return with_header(plan={**header["plan"], **changes})

    def with_record(record: dict[str, Any]) -> bytes:
        return _journal([*records[:mid], record, *records[mid:]])

    def replace_line(k: int, new: bytes) -> bytes:
        return b"".join(x + b"\n" for x in [*lines[:k], new, *lines[k + 1 :]])

    def edited(k: int, fn: Callable[[bytes], bytes]) -> bytes:
        return replace_line(k, fn(lines[k]))

    line1 = ":1"
    here = f":{mid + 1}"
    out = [
        Bad("an empty file", b"", ""),
        Bad("a newline only", b"\n", ""),
        Bad("the header cut in half", lines[0][: len(lines[0]) // 2], ""),
        Bad("not JSON", b"this is not a session\n", ""),
        Bad("not JSON, then records", b"this is not a session\n" + good, line1),
        Bad("other JSON lines", b'{"a": 1}\n{"b": 2}\n', line1),
        Bad("JSON arrays", b"[1, 2]\n[3]\n", line1),
        Bad(
            "a record without its checksum",
            json.dumps({"r": header}).encode() + b"\n" + good,
            line1,
        ),
        Bad("a record that is not an object", b'{"c": 0, "r": [1]}\n' + good, line1),
        Bad(
            "a checksum mismatch in the middle",
            edited(mid, lambda x: x.replace(b'"c":', b'"c":1', 1)),
            here,
        ),
        Bad("a brace missing in the middle", edited(mid, lambda x: x[:-1]), here),
        Bad("invalid UTF-8 in the middle", edited(mid, lambda x: x[:30] + b"\xff" + x[30:]), here),
        Bad("a NUL byte in the middle", edited(mid, lambda x: x[:30] + b"\x00" + x[30:]), here),
        Bad("another format", with_header(format="other-app"), line1),
        Bad("schema version 0", with_header(version=0), line1),
        Bad('schema version "1"', with_header(version="1"), line1),
        Bad("no schema version", with_header(version=...), line1),
        Bad("a header with no op", with_header(op=...), line1),
        Bad("a first record that is not a header", _journal(records[1:]), line1),
        Bad("no plan", with_header(plan=...), line1),
        Bad("a null plan", with_header(plan=None), line1),
        Bad("a plan with an empty title", with_plan(title=""), ""),
        Bad("a plan with an unknown key", with_plan(colour="red"), ""),
        Bad("a plan with an unknown profile", with_plan(profile="nope"), ""),
        Bad("a plan with max_bytes 10", with_plan(max_bytes=10), ""),
        Bad("an unknown profile in the header", with_header(profile="nope"), line1),
        Bad("a creation time that is text", with_header(created="yesterday"), line1),
        Bad("no session id", with_header(id=...), line1),
        Bad("an unknown op", with_record({"op": "teleport"}), here),
        Bad(
            "a copy of a line that does not exist",
            with_record({"op": "copied", "ids": [999]}),
            here,
        ),
        Bad(
            "an edit of a line that does not exist",
            with_record({"op": "edit", "line": 999, "text": "x"}),
            here,
        ),
        Bad(
            "an undo of an entry that does not exist",
            with_record({"op": "undo", "entry": 999, "removed": []}),
            here,
        ),
        Bad(
            "a step that does not exist", with_record({"op": "step", "index": 99, "at": 1.0}), here
        ),
        Bad(
            "a record of an unknown kind",
            with_record(
                {
                    "op": "record",
                    "id": 500,
                    "step": "x",
                    "kind": "bogus",
                    "text": "t",
                    "lines": [],
                    "at": 1.0,
                }
            ),
            here,
        ),
        Bad(
            "a snapshot with no state",
            _journal([{"op": "snapshot", "header": header, "state": {}}]),
            line1,
        ),
        Bad(
            "a snapshot whose state is a list",
            _journal([{"op": "snapshot", "header": header, "state": []}]),
            line1,
        ),
        # The session id is random, so its compressed bytes are too. With a newline before the
        # last byte, line 1 is a damaged record (":1"); with none, the file is one torn record,
        # which the journal reads as an empty session (no position, as "an empty file").
        Bad("gzip", gz := gzip.compress(good, mtime=0), line1 if b"\n" in gz[:-1] else ""),
        Bad("UTF-16", good.decode("utf-8").encode("utf-16"), line1),
        Bad("a directory", kind="directory", where=""),
        Bad("a missing file", kind="missing", where=""),
    ]
    return out


# ---------------------------------------------------------------------------------------------
# The user's config file (--config)

CONFIG = b'theme = "textual-dark"\n\n[keymap]\ncopy_chunk = "c,f5"\n'


def configs() -> list[Bad]:
    syntax = [
        ("a key with no value", b"theme = \n", 1),
        ("an unterminated string", b'theme = "x\n', 1),
        ("a key given twice", b'theme = "a"\ntheme = "b"\n', 2),
        ("an unclosed table header", b"[keymap\n", 1),
        ("garbage after a value", b'theme = "a" b\n', 1),
        ("a binding given twice", b'[keymap]\ncopy_chunk = "c"\ncopy_chunk = "d"\n', 3),
        ("a value with no key", b'[keymap]\n= "c"\n', 2),
        ("an unterminated multi-line string", b'theme = """\n', 0),
        ("an unknown escape", b'theme = "\\q"\n', 1),
        ("a raw control character", b'[keymap]\ncopy_chunk = "c\x01"\n', 2),
        ("a key and value with no =", b'theme "x"\n', 1),
    ]
    out = [Bad(f"TOML: {name}", data, at(line) if line else "") for name, data, line in syntax]
    schema = {
        "an unknown key": b'colour = "red"\n',
        "a theme that is a number": b"theme = 5\n",
        "a theme that is a list": b'theme = ["a"]\n',
        "a theme that is true": b"theme = true\n",
        "a theme table": b'[theme]\nname = "x"\n',
        "keymap as a string": b'keymap = "c"\n',
        "keymap as a list": b'keymap = ["c"]\n',
        "keymap as an array of tables": b"[[keymap]]\n",
        "an unknown binding id": b'[keymap]\nfly = "f"\n',
        "a key that is a number": b"[keymap]\ncopy_chunk = 5\n",
        "an empty key": b'[keymap]\ncopy_chunk = ""\n',
        "two commas": b'[keymap]\ncopy_chunk = "c,,f5"\n',
        "a trailing comma": b'[keymap]\ncopy_chunk = "c,"\n',
        "a semicolon": b'[keymap]\ncopy_chunk = "c;d"\n',
        "a list of keys": b'[keymap]\ncopy_chunk = ["c"]\n',
        "a binding table": b'[keymap.copy_chunk]\nkey = "c"\n',
        "an exclamation mark": b'[keymap]\ncopy_chunk = "ctrl+c!"\n',
    }
    out += [Bad(f"schema: {name}", data, ANY) for name, data in schema.items()]
    out += encoding(CONFIG, b"textual")
    out += binary(CONFIG)
    out += [
        Bad("a directory", kind="directory", where=""),
        Bad("a file over the size limit", b"# comment line\n" * (256 * 1024 // 15 + 1), ""),
    ]
    return out


CORPORA: dict[str, Callable[[], list[Bad]]] = {
    "meeting": meeting_files,
    "agenda": agendas,
    "lines": lines_files,
    "log": logs,
    "session": sessions,
    "config": configs,
}
SUFFIX = {
    "meeting": ".toml",
    "agenda": ".md",
    "lines": ".txt",
    "log": ".log.txt",
    "session": ".jsonl",
    "config": ".toml",
}
