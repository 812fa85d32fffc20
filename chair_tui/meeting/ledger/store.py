"""The ledgers on disk: ``<data dir>/ledger/<name>.json``, one per meeting file ``name``.

Each change is made under an exclusive ``flock`` of ``<name>.json.lock`` (several sessions of
one group may end at once) by reading the file, changing it and writing it whole again through
a temp file, fsync and rename (:func:`chair_tui.meeting.store.atomic_write`), mode 0600 in a
0700 folder.  A ledger that is a symbolic link, a FIFO or any other non-regular file, over
:data:`MAX_LEDGER_BYTES`, damaged or of a newer format is refused (:class:`InputError`) and
left as it is: a change is never written over a file that could not be read.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.errors import InputError, kind_of_file, size_text
from chair_tui.meeting.ledger.codec import dumps, loads
from chair_tui.meeting.ledger.owners import actions_of_model, body_of, nick_map
from chair_tui.meeting.ledger.records import (
    Action,
    HistoryEvent,
    Ledger,
    Meeting,
    MinutedAction,
    Outcome,
)
from chair_tui.meeting.model import check_ledger_name
from chair_tui.meeting.store import atomic_write, data_dir, private_dir

MAX_LEDGER_BYTES = 16 * 1024 * 1024
"""The most a ledger file may hold (ten years of weekly meetings of ten actions is ~2 MiB)."""
LOCK_WAIT_SECONDS = 10.0
SUFFIX = ".json"

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_SAFE = re.compile(r"[A-Za-z0-9_-]")


def file_stem(name: str) -> str:
    """The file name of ``name``'s ledger, without ``.json``: letters, digits, ``_`` and
    ``-`` as they are, every other byte as ``%XX`` (so two names never share a file)."""
    return "".join(
        ch if _SAFE.fullmatch(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in name
    )


def name_of_stem(stem: str) -> str:
    """The name :func:`file_stem` made ``stem`` of."""
    data = bytearray()
    i = 0
    while i < len(stem):
        if stem[i] == "%" and i + 3 <= len(stem):
            try:
                data.append(int(stem[i + 1 : i + 3], 16))
                i += 3
                continue
            except ValueError:
                pass
        data.extend(stem[i].encode("utf-8"))
        i += 1
    return data.decode("utf-8", "replace")


def ledger_dir(base: Path | str | None = None) -> Path:
    """``<data dir>/ledger``, made 0700 when missing."""
    return private_dir(data_dir(base) / "ledger", "the ledger folder", parents=False)


def ledger_path(name: str, base: Path | str | None = None) -> Path:
    problem = check_ledger_name(name)
    if problem is not None:
        raise InputError(name or "<no name>", problem)
    return ledger_dir(base) / (file_stem(name) + SUFFIX)


# ---------------------------------------------------------------------- reading and locking


def _read(path: Path) -> bytes | None:
    """The ledger file's bytes, or None when there is none yet; refuses what is not a regular
    file of at most :data:`MAX_LEDGER_BYTES` (a symbolic link is never followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "the ledger is a symbolic link: refused") from None
        if exc.errno == errno.ENXIO:
            raise InputError(path, "the ledger is a socket or a device: refused") from None
        raise InputError(path, f"cannot read the ledger: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = kind_of_file(st.st_mode) or "not a regular file"
            raise InputError(path, f"the ledger is {what}, not a regular file: refused")
        if st.st_size > MAX_LEDGER_BYTES:
            raise InputError(path, f"the ledger is too large (over {size_text(MAX_LEDGER_BYTES)})")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        got = 0
        while got <= MAX_LEDGER_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_LEDGER_BYTES + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > MAX_LEDGER_BYTES:
            raise InputError(path, f"the ledger is too large (over {size_text(MAX_LEDGER_BYTES)})")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(path, f"cannot read the ledger: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _load_path(path: Path, name: str) -> Ledger:
    data = _read(path)
    if data is None:
        return Ledger(name)
    ledger = loads(data, str(path))
    if ledger.name != name:
        raise InputError(path, f"this ledger is {ledger.name!r}'s, not {name!r}'s")
    return ledger


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the ledger's lock (``<file>.lock``, never followed if a link), waiting up to
    :data:`LOCK_WAIT_SECONDS` for another process to finish its change."""
    lock = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _O_NOFOLLOW | _O_CLOEXEC, 0o600)
    except OSError as exc:
        raise InputError(lock, f"cannot lock the ledger: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(lock, "the ledger's lock is not a regular file: refused")
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(path, "the ledger stays locked by another process") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # drops the flock


def load(name: str, *, base: Path | str | None = None) -> Ledger:
    """``name``'s ledger (empty when it has none yet)."""
    return _load_path(ledger_path(name, base), name)


def list_ledgers(*, base: Path | str | None = None) -> list[str]:
    """The names that have a ledger, sorted."""
    folder = ledger_dir(base)
    names = []
    for entry in os.listdir(folder):
        if entry.endswith(SUFFIX) and not entry.startswith("."):
            names.append(name_of_stem(entry[: -len(SUFFIX)]))
    return sorted(names, key=lambda n: (n.lower(), n))


def update(
    name: str, change: Callable[[Ledger], Ledger], *, base: Path | str | None = None
) -> Ledger:
    """Apply ``change`` to ``name``'s ledger under its lock and write the result; returns it."""
    path = ledger_path(name, base)
    with _locked(path):
        before = _load_path(path, name)
        after = change(before)
        if after != before:
            atomic_write(path, dumps(after))
    return after


# ---------------------------------------------------------------------- changes


def _without_meeting(ledger: Ledger, meeting_id: str) -> Ledger:
    return replace(
        ledger,
        meetings=tuple(m for m in ledger.meetings if m.id != meeting_id),
        actions=tuple(a for a in ledger.actions if a.meeting != meeting_id),
    )


def _roster(action: Action) -> tuple[str, ...]:
    extra = [n for e in action.history for n in (*e.from_owners, *e.to_owners)]
    return (*action.owners_intended, *action.owners_minuted, *extra)


def add_meeting(
    ledger: Ledger, meeting: Meeting, items: Sequence[MinutedAction], roster: Sequence[str] = ()
) -> Ledger:
    """``ledger`` with ``meeting`` and its actions (replacing what it held of a meeting of the
    same id).  An action that is an open one carried over (the same thing to do, written with
    ``(carried over)`` or not) updates that action's minuted owners instead of opening a new
    one."""
    # the same meeting recorded again keeps its actions' ids and histories
    before: dict[str, list[Action]] = {}
    for a in ledger.actions:
        if a.meeting == meeting.id:
            before.setdefault(body_of(a.text, _roster(a)), []).append(a)
    ledger = _without_meeting(ledger, meeting.id)
    actions = list(ledger.actions)
    open_by_body = {body_of(a.text, _roster(a)): i for i, a in enumerate(actions) if a.is_open}
    next_id = ledger.next_id
    known = nick_map([*roster, *(n for i in items for n in (*i.intended, *i.minuted))])
    for item in items:
        body = body_of(item.text, known)
        found = open_by_body.get(body)
        if found is not None and body:
            actions[found] = replace(actions[found], owners_minuted=item.minuted)
            continue
        kept = before.get(body)
        if kept:
            old = kept.pop(0)
            actions.append(
                replace(
                    old, text=item.text, owners_minuted=item.minuted, owners_intended=item.intended
                )
            )
            continue
        opened = HistoryEvent(Outcome.OPEN, meeting.date, meeting.id)
        actions.append(
            Action(f"A{next_id}", item.text, item.minuted, item.intended, meeting.id, (opened,))
        )
        next_id += 1
    return replace(
        ledger, meetings=(*ledger.meetings, meeting), actions=tuple(actions), next_id=next_id
    )


def record_meeting(
    name: str,
    model_or_items: BotModel | Sequence[MinutedAction],
    meeting_date: str,
    minutes_url: str | None = None,
    *,
    meeting_id: str | None = None,
    title: str | None = None,
    source: str = "session",
    base: Path | str | None = None,
) -> Meeting:
    """Record a meeting's actions in ``name``'s ledger: from the bot model of the meeting (as
    its bot minutes them) or from actions already read.  ``meeting_id`` (a session's id) makes
    it idempotent: recording the same meeting again replaces what it recorded before."""
    if isinstance(model_or_items, BotModel):
        items = actions_of_model(model_or_items)
        roster: Sequence[str] = list(model_or_items.attendees)
        title = title if title is not None else (model_or_items.title or model_or_items.name)
    else:
        items = list(model_or_items)
        roster = ()
    meeting = Meeting(
        meeting_id or f"m-{int(time.time())}-{os.urandom(3).hex()}",
        title or "",
        meeting_date,
        minutes_url or "",
        source,
    )
    update(name, lambda ledger: add_meeting(ledger, meeting, items, roster), base=base)
    return meeting


def withdraw_meeting(name: str, meeting_id: str, *, base: Path | str | None = None) -> bool:
    """Take back what ``meeting_id`` recorded (its ``#endmeeting`` was taken back); whether it
    had recorded anything."""
    found = False

    def change(ledger: Ledger) -> Ledger:
        nonlocal found
        found = ledger.meeting(meeting_id) is not None
        return _without_meeting(ledger, meeting_id)

    update(name, change, base=base)
    return found


def mark_action(
    ledger: Ledger,
    action_id: str,
    outcome: Outcome,
    new_owners: Sequence[str] = (),
    *,
    meeting_date: str = "",
    meeting_id: str = "",
) -> Ledger:
    """``ledger`` with ``outcome`` added to the action's history.  A second mark in the same
    meeting (a ``meeting_id`` given) replaces the first: the chair changed their mind."""
    action = ledger.action(action_id)
    if action is None:
        raise KeyError(action_id)
    history = list(action.history)
    if meeting_id and history and history[-1].meeting == meeting_id and len(history) > 1:
        history.pop()
        action = replace(action, history=tuple(history))
    if outcome is Outcome.REASSIGNED:
        owners = tuple(dict.fromkeys(n for n in new_owners if n))
        if not owners:
            raise ValueError("a reassignment needs the new owners")
        event = HistoryEvent(outcome, meeting_date, meeting_id, action.owners, owners)
    else:
        event = HistoryEvent(outcome, meeting_date, meeting_id)
    changed = replace(action, history=(*history, event))
    return replace(
        ledger, actions=tuple(changed if a.id == action_id else a for a in ledger.actions)
    )


def mark(
    name: str,
    action_id: str,
    outcome: Outcome | str,
    new_owners: Sequence[str] = (),
    *,
    meeting_date: str = "",
    meeting_id: str = "",
    base: Path | str | None = None,
) -> Action:
    """Mark an action ``done``, ``dropped``, ``carried``, ``reassigned`` (to ``new_owners``)
    or ``open`` again; returns it as it now is.  :class:`KeyError` for an unknown id."""
    chosen = Outcome(outcome)
    ledger = update(
        name,
        lambda lg: mark_action(
            lg, action_id, chosen, new_owners, meeting_date=meeting_date, meeting_id=meeting_id
        ),
        base=base,
    )
    done = ledger.action(action_id)
    assert done is not None
    return done


def open_items(name: str, *, base: Path | str | None = None) -> list[Action]:
    """The open actions of ``name``'s ledger (carried and reassigned ones included), oldest
    first."""
    return load(name, base=base).open_items()
