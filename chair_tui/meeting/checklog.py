"""Checking a file of lines or a raw MeetBot log: what ``chair-tui check`` finds and fixes.

A raw log (most lines ``HH:MM:SS <nick> text``) is checked as the chair's lines, with the
chair guessed by :func:`~chair_tui.meeting.rawlog.chair_of`, and as the whole meeting the bot
model keeps of every line (:mod:`~chair_tui.meeting.lint.recorded`); without a profile, the
bot is found from the log (:func:`~chair_tui.meeting.botmodel.detect_profile`).  Any other
file is a lines file, one line to paste per line, said by the chair.  A fix is written next to
the original (``<name>.fixed<ext>``) and never replaces a file.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import compress, count
from operator import itemgetter
from pathlib import Path

from chair_tui.meeting.botmodel import Detected, bot_nick_of, detect_profile
from chair_tui.meeting.botsim import MAY_START_RE, starts_meeting
from chair_tui.meeting.errors import STDIN, InputError, read_text
from chair_tui.meeting.lint import ERROR, WARNING, Fix, Row, lint_rows, plan_fixes
from chair_tui.meeting.lint.findings import ROW_KEY, as_rows
from chair_tui.meeting.lint.recorded import CHAIR, Recorded, Said, has_start, record
from chair_tui.meeting.profiles import DEFAULT_PROFILE, PROFILES, Profile, get_profile
from chair_tui.meeting.rawlog import LogLine, Messages, chair_of, parse_log, read_log
from chair_tui.meeting.store import write_new_file
from chair_tui.meeting.text import DEFAULT_MAX_BYTES


class FileKind(StrEnum):
    """What a checked file holds."""

    LOG = "log"
    LINES = "lines"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What checking one file found (and, when asked, the corrected copy written)."""

    kind: FileKind
    chair: str | None
    findings: Sequence[Row]
    counts: Counter[str]
    """Findings per severity."""
    fixed: Path | None
    """The corrected copy written, if a fix was asked for and anything could be fixed."""
    profile: Profile
    """The profile checked for: the one asked for, or the one detected."""
    detected: Detected | None = None
    """How the profile was found in a raw log when none was asked for."""
    fragment: bool = False
    """Whether the lines were checked as part of a meeting already running (``--fragment``;
    a file without a start command is read so too, without saying so)."""

    @property
    def has_problems(self) -> bool:
        """Whether there is an error or a warning (notes alone are no problem)."""
        return bool(self.counts[ERROR] or self.counts[WARNING])


def split_lines(text: str) -> list[str]:
    """The lines of ``text``: ``\\n`` ends a line, and a ``\\r`` before it is dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


MAX_FIXED_NAMES = 1000
"""How many names ``<name>.fixed<ext>``, ``<name>.fixed-2<ext>`` … a fix may try."""


def fixed_path(path: Path) -> Path:
    """``notes.txt`` -> ``notes.fixed.txt`` (``notes.fixed-2.txt`` … when that exists).

    Anything at a name counts, even a dangling symbolic link.  :class:`InputError` when the
    first :data:`MAX_FIXED_NAMES` names are all taken.
    """
    suffix = path.suffix
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    candidate = path.with_name(f"{stem}.fixed{suffix}")
    for n in range(2, MAX_FIXED_NAMES + 2):
        if not os.path.lexists(candidate):
            return candidate
        candidate = path.with_name(f"{stem}.fixed-{n}{suffix}")
    raise InputError(path, f"cannot write the corrected file: {MAX_FIXED_NAMES} names are taken")


def write_fixed(path: Path, content: str) -> Path:
    """Write ``content`` to :func:`fixed_path` of ``path`` without ever replacing a file or
    writing through a link; the copy's mode is at most the original's (and at most 0666).

    Written whole or not at all (see :func:`~chair_tui.meeting.store.write_new_file`).
    """
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode) & 0o666
    except OSError:
        mode = 0o600
    data = content.encode("utf-8")
    for _ in range(MAX_FIXED_NAMES):
        target = fixed_path(path)
        try:
            write_new_file(target, data, mode)
        except FileExistsError:
            continue  # taken since fixed_path looked: look again
        except OSError as exc:
            raise InputError(target, f"cannot write: {exc.strerror or exc}") from None
        return target
    raise InputError(path, "cannot write the corrected file: every name tried was taken")


def fixed_log_text(text: str, log: Messages, fixes: Sequence[Fix]) -> str:
    """The raw log with the chair's lines replaced by their fixes, other lines untouched."""
    newline = "\r\n" if "\r\n" in text else "\n"
    raw = split_lines(text)
    said_at = dict(zip(log.linenos, log.texts, strict=True))
    first = {fix.linenos[0]: fix for fix in fixes if fix.changed}
    gone = {n for fix in fixes if fix.changed for n in fix.linenos[1:]}
    out: list[str] = []
    for lineno, line in enumerate(raw, start=1):
        if lineno in gone:
            continue
        fix = first.get(lineno)
        if fix is None:
            out.append(line)
            continue
        said = said_at[lineno]
        prefix = line[: len(line) - len(said)]
        if not prefix.endswith(" "):
            prefix += " "
        out.extend(prefix + new for new in fix.lines)
    return newline.join(out) + (newline if text.endswith("\n") else "")


def chair_lines(log: Messages, chair: str | None) -> tuple[Sequence[int], list[str]]:
    """The line numbers and texts of what ``chair`` said in ``log`` (no ``/me`` lines)."""
    if chair is None:
        return [], []
    if log.actions is None and log.nicks.count(chair) == len(log):
        return log.linenos, log.texts  # every line is the chair's
    said = [nick == chair for nick in log.nicks]
    if log.actions is not None:
        said = [x and not action for x, action in zip(said, log.actions, strict=True)]
    if all(said):
        return log.linenos, log.texts
    return list(compress(log.linenos, said)), list(compress(log.texts, said))


def starts_a_meeting(texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` starts a meeting for some bot: then they are a whole meeting."""
    return any(
        any(starts_meeting(p, texts[i].lstrip())[0] for p in PROFILES.values())
        for i in compress(count(), map(MAY_START_RE.match, map(str.lstrip, texts)))
    )


def seconds_of(time: str) -> int | None:
    """The second of the day of a log time (``16:59:31``, ``16:59``, with a date in front)."""
    parts = time.rsplit(" ", 1)[-1].split(":")
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]) * 3600 + int(parts[1]) * 60 + (int(parts[2]) if len(parts) > 2 else 0)


def _in_multiline(lines: Sequence[LogLine], k: int) -> bool:
    """Whether the empty message ``lines[k]`` is inside a multi-line message (Matrix, or a
    bridge): the messages before and after it are the same nick's, at the same time."""
    if k == 0 or k + 1 >= len(lines):
        return False
    here, before, after = lines[k], lines[k - 1], lines[k + 1]
    return before.nick == here.nick == after.nick and before.time == here.time == after.time


def check_file(
    path: str,
    profile: Profile | None,
    *,
    fix: bool = False,
    attendees: Sequence[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fragment: bool = False,
) -> CheckResult:
    """Lint the file ``path`` for ``profile``; with ``fix``, write its corrected copy.

    ``profile`` None: the bot a raw log is from (:func:`detect_profile`), ``meetbot`` for a
    lines file.  ``fragment``: the lines are meant for a meeting already running (no start or
    end expected).  ``path`` ``-`` is standard input, which cannot be fixed (there is nowhere to
    write the copy).  Raises :class:`InputError` when the file cannot be read or parsed, or the
    copy written.
    """
    if fix and path == STDIN:
        raise InputError("<stdin>", "--fix writes a copy beside the file: give a file, not -")
    text = read_text(path)
    log = read_log(text, path)

    chair: str | None = None
    linenos: Sequence[int]
    texts: list[str]
    roster: Sequence[str] | None
    seconds: list[int | None] | None = None
    detected: Detected | None = None
    dropped: set[int] = set()  # lines whose blank-line note does not apply
    if log is not None:
        kind = FileKind.LOG
        lines = parse_log(text, path)
        bot: str | None = None
        if profile is None:
            detected = detect_profile(lines)
            profile = get_profile(detected.profile)
            bot = detected.bot_nick
        bot = bot or bot_nick_of(lines)
        chair = chair_of(log) or None
        linenos, texts = chair_lines(log, chair)
        said = [Said(x.lineno, x.time, x.nick, x.text, x.action) for x in lines]
        whole = not fragment and has_start(profile, said)
        recorded = record(profile, said, fragment=not whole, bot_nick=bot, owner=chair)
        known = dict.fromkeys(recorded.model.attendees)
        known.update(dict.fromkeys(recorded.model.aliases.values()))
        known.update(dict.fromkeys(attendees or ()))
        roster = list(known)
        time_of = {x.lineno: seconds_of(x.time) for x in lines}
        seconds = [time_of[n] for n in linenos]
        dropped = {x.lineno for k, x in enumerate(lines) if not x.text and _in_multiline(lines, k)}
    else:
        kind = FileKind.LINES
        profile = profile or get_profile(DEFAULT_PROFILE)
        texts = split_lines(text)
        linenos = range(1, len(texts) + 1)
        roster = attendees
        whole = not fragment and starts_a_meeting(texts)
        said = [Said(n, "00:00:00", CHAIR, t) for n, t in zip(linenos, texts, strict=True)]
        recorded = record(profile, said, fragment=not whole)

    findings = _merge(
        lint_rows(
            linenos,
            texts,
            profile,
            max_bytes=max_bytes,
            whole_meeting=whole,
            attendees=roster,
            seconds=seconds,
        ),
        recorded,
        dropped,
    )
    counts: Counter[str] = Counter(map(itemgetter(5), findings))

    written: Path | None = None
    if fix:
        fixes = plan_fixes(
            list(zip(linenos, texts, strict=True)),
            profile,
            max_bytes,
            attendees=roster,
            seconds=seconds,
        )
        if any(f.changed for f in fixes):
            if log is not None:
                content = fixed_log_text(text, log, fixes)
            else:
                content = "".join(line + "\n" for fx in fixes for line in fx.lines)
            written = write_fixed(Path(path), content)
    return CheckResult(kind, chair, findings, counts, written, profile, detected, fragment)


def _merge(rows: list[Row], recorded: Recorded, dropped: set[int]) -> list[Row]:
    """The rows of the lines and those of the meeting the bot keeps, in line order."""
    if dropped:
        rows = [r for r in rows if not (r[1] == "L18" and r[2] in dropped)]
    if not recorded.findings:
        return rows
    out = rows + as_rows(recorded.findings)
    out.sort(key=ROW_KEY)
    return out
