"""A chair-tui process for the crash tests to kill: ``python crash_child.py MODE SESSION SEED``.

``tui``
    drives :class:`ChairApp` headless (``run_test``) with key presses through the meeting in
    the session file, saving with ``sync=True`` (a real fsync per change).
``core``
    calls the :class:`Session` API in a tight loop (records of every size, copies, undo, edits,
    deletes, roll call, steps), compacting every 25 records so kills also land in compactions.
``tear``
    as ``core``, with ``RLIMIT_FSIZE`` set a random number of bytes past the end of the journal
    and ``SIGXFSZ`` left to kill the process: the kernel cuts the write that crosses the limit
    in the middle of a record and kills the process on its next write, before the app can do
    anything about it, as a crash in the middle of a write would leave the file.

Reports go to the original stdout, one JSON object per line, each written with a single
``os.write`` so the parent sees a report whole or not at all.  A report is written only *after*
what it describes was saved (the call returned) and, for the TUI, is visible in the outbox:

``{"status": TEXT}``                              TUI: the status line once the session is open
``{"doing": ACTION}``                             TUI: a key action is about to start
``{"shown": [ID, TEXT, STATE]}``                  TUI: the line is in the outbox in this state
``{"intent": {"n": N, "op": OP, ...}}``           core: change N is about to be written
``{"done": N, "lines": [[ID, TEXT, STATE] ...]}`` core: change N returned; the lines it changed
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import signal
import sys
import time
from pathlib import Path
from typing import Any

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import RECORDING_KINDS, Kind
from chair_tui.meeting.session import COPIED, DELETED, PENDING, Session, SessionError
from chair_tui.meeting.text import clean_line, utf8_len

_REPORT_FD = os.dup(1)
os.dup2(2, 1)  # a stray print must not look like a report
LIFETIME = 120.0  # never outlive a parent that forgot to kill us

WORDS = (
    "alpha",
    "βeta",
    "שלום",
    "مرحبا",
    "😀",
    "👩‍👩‍👧",
    "e\u0301",
    "\x02bold\x02",
    "\x0304,12red",
    "\t",
    "neal",
    "#info",
    "/me",
    "\r\n",
    "\x00",
    "\u202e",
    "https://example.org/x",
    "x" * 30,
)


def report(obj: dict[str, Any]) -> None:
    os.write(_REPORT_FD, (json.dumps(obj, ensure_ascii=True) + "\n").encode("ascii"))


def text_of(rng: random.Random, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        out.append(word)
        total += utf8_len(word) + 1
    return " ".join(out)


def some_size(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.6:
        return rng.randint(1, 300)
    if r < 0.9:
        return rng.randint(300, 5000)
    return rng.randint(5000, 60000)


def entry_for(kind: Kind, text: str) -> Entry:
    if kind is Kind.LINK:
        return Entry(kind, f"https://example.org/{len(text)} {text}")
    if kind is Kind.ACTION:
        return Entry(kind, f"neal {text}")
    return Entry(kind, text)


def lines_of(session: Session, ids: list[int]) -> list[list[Any]]:
    return [[i, session.line(i).text, session.line(i).state] for i in ids]


# ---------------------------------------------------------------------------------------------
# core and tear


def core_change(session: Session, n: int, rng: random.Random) -> None:
    """Make one change (one journal record) and report it before and after."""
    op = rng.choices(
        ("record", "copy", "undo", "edit", "delete", "attend", "step"),
        (10, 4, 2, 2, 2, 1, 1),
    )[0]
    if op == "record":
        kinds = [k for k in RECORDING_KINDS if k is Kind.NOTE or session.profile.supports(k)]
        entry = entry_for(rng.choice(kinds), text_of(rng, some_size(rng)))
        preview = session.preview(entry)
        if preview.error:
            return
        report({"intent": {"n": n, "op": op, "texts": list(preview.lines)}})
        before = len(session.lines)
        session.record(entry)
        changed = [ln.id for ln in session.lines[before:]]
    elif op == "copy":
        chunk = [ln.id for ln in session.next_chunk()]
        if not chunk:
            return
        report({"intent": {"n": n, "op": op, "ids": chunk}})
        session.mark_copied(chunk)
        changed = chunk
    elif op == "undo":
        live = session.live_entries()
        if not live:
            return
        removed = [i for i in live[-1].line_ids if session.line(i).state == PENDING]
        undo = session.profile.command(Kind.UNDO) if session.profile.supports_undo else ""
        report({"intent": {"n": n, "op": op, "removed": removed, "undo": undo}})
        before = len(session.lines)
        try:
            session.undo()
        except SessionError:
            report({"done": n, "lines": []})
            return
        changed = removed + [ln.id for ln in session.lines[before:]]
    elif op in ("edit", "delete"):
        pending = [ln for ln in session.pending() if ln.kind is not Kind.END]
        if not pending:
            return
        line = rng.choice(pending)
        if op == "edit":
            new = clean_line(text_of(rng, rng.randint(1, 200)))
            if not new or utf8_len(new) > session.max_bytes:
                return
            report({"intent": {"n": n, "op": op, "id": line.id, "text": new}})
            session.edit_line(line.id, new)
        else:
            report({"intent": {"n": n, "op": op, "id": line.id}})
            session.delete_line(line.id)
        changed = [line.id]
    elif op == "attend":
        report({"intent": {"n": n, "op": "other"}})
        nick = rng.choice(session.plan.members).nick
        session.set_attendance(nick, rng.choice(("present", "regrets", "absent")))
        changed = []
    else:
        report({"intent": {"n": n, "op": "other"}})
        session.goto(rng.randrange(len(session.steps) - 1))
        changed = []
    report({"done": n, "lines": lines_of(session, changed)})


def run_core(path: Path, rng: random.Random, *, tear: bool) -> None:
    Session.COMPACT_EVERY = 25
    session = Session.load(path, sync=True)
    if tear:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core dump when SIGXFSZ kills
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it by default
        _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        limit = path.stat().st_size + rng.randint(1, 20000)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < LIFETIME:
        n += 1
        try:
            core_change(session, n, rng)
        except OSError:
            if tear:  # a write failed without SIGXFSZ (it should not): die all the same
                os.kill(os.getpid(), signal.SIGKILL)
            raise


# ---------------------------------------------------------------------------------------------
# tui


async def run_tui(path: Path, rng: random.Random) -> None:
    from textual.widgets import Input, Static

    from chair_tui.tui.app import ChairApp
    from chair_tui.tui.composer import ComposerInput
    from chair_tui.tui.roster import RosterTable
    from chair_tui.tui.widgets import Outbox

    session = Session.load(path, sync=True)
    app = ChairApp(
        session=session,
        data_dir=path.parent,
        clock=time.time,
        system_clipboard=lambda text: None,
        sync=True,
    )
    shown: dict[int, tuple[str, str]] = {}

    def ids_of_lines(ids: set[str]) -> list[int]:
        return [int(i.removeprefix("line-")) for i in ids if i.startswith("line-")]

    def check_and_report() -> None:
        outbox = app.screen.query_one(Outbox)
        ids = {
            o.id or "" for o in (outbox.get_option_at_index(i) for i in range(outbox.option_count))
        }
        for ln in session.lines:
            now = (ln.text, ln.state)
            if shown.get(ln.id) == now:
                continue
            oid = f"line-{ln.id}"
            if ln.state == DELETED:
                assert oid not in ids, f"deleted line {ln.id} is still in the outbox"
            elif oid not in ids:
                # the outbox keeps the pending lines and the last copied ones; older copied
                # lines are summed up in one entry above them
                assert ln.state == COPIED and ln.id < min(ids_of_lines(ids), default=ln.id + 1), ln
                assert not (outbox.get_option_at_index(0).id or "").startswith("line-")
                shown[ln.id] = now
                continue
            else:
                prompt = outbox.get_option(oid).prompt
                plain = str(getattr(prompt, "plain", prompt))
                label = "copied" if ln.state == COPIED else "pending"
                assert plain.endswith(ln.text) and label in plain, (plain, ln)
            shown[ln.id] = now
            report({"shown": [ln.id, ln.text, ln.state]})

    def choose() -> str:
        kind = session.step.kind
        if kind == "start":
            return "next"
        if kind == "rollcall":
            return rng.choice(("mark", "mark", "mark", "emit", "next"))
        if kind == "approval":
            return rng.choice(("no_objections", "next"))
        if kind == "topic":
            return rng.choice(("record",) * 4 + ("copy", "copy_one", "undo", "next"))
        return rng.choice(("record",) * 4 + ("copy", "copy_one", "undo"))

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        report({"status": str(app.screen.query_one("#status", Static).render())})
        check_and_report()
        start = time.monotonic()
        while time.monotonic() - start < LIFETIME:
            action = choose()
            report({"doing": action})
            outbox = app.screen.query_one(Outbox)
            if action == "next":
                outbox.focus()
                await pilot.press("n")
            elif action in ("mark", "emit"):
                app.screen.query_one(RosterTable).focus()
                await pilot.press(rng.choice("pra") if action == "mark" else "w")
            elif action == "record":
                outbox.focus()
                key = rng.choice("idaelhxt")
                await pilot.press(key)
                field = app.focused
                assert isinstance(field, Input), field
                kind = {"l": Kind.LINK, "a": Kind.ACTION}.get(key, Kind.INFO)
                field.insert_text_at_cursor(entry_for(kind, text_of(rng, some_size(rng))).text)
                await pilot.press("enter")
                await pilot.pause()
                if isinstance(app.focused, ComposerInput):  # refused: leave the composer
                    app.focused.value = ""
                    await pilot.press("escape")
            else:
                outbox.focus()
                key = {"no_objections": "v", "copy": "c", "copy_one": "y", "undo": "u"}[action]
                await pilot.press(key)
            await pilot.pause()
            check_and_report()


def main(argv: list[str]) -> None:
    mode, path, seed = argv[1], Path(argv[2]), int(argv[3])
    rng = random.Random(seed)
    if mode == "start":  # only the imports: the parent times how long a child takes to start
        return
    if mode == "tui":
        asyncio.run(run_tui(path, rng))
    elif mode in ("core", "tear"):
        run_core(path, rng, tear=mode == "tear")
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv)
