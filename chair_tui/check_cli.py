"""``chair-tui check FILE``: lint a lines file or a raw MeetBot log, and optionally fix it.

This module imports only the pure core (never Textual), so the command starts fast and runs
where no terminal UI is available.

Exit codes: 0 - no errors or warnings (notes alone do not fail); 1 - errors or warnings;
2 - the file (or the profile, or the format) cannot be used.
"""

from __future__ import annotations

import gc
from collections import Counter
from itertools import compress, count
from operator import itemgetter

from chair_tui.meeting.botsim import MAY_START_RE, starts_meeting
from chair_tui.meeting.errors import InputError, read_text
from chair_tui.meeting.lint import ERROR, INFO, WARNING, Fix, Row, lint_rows, plan_fixes
from chair_tui.meeting.profiles import (
    DEFAULT_PROFILE,
    PROFILES,
    Profile,
    UnknownProfileError,
    get_profile,
)
from chair_tui.meeting.rawlog import Messages, chair_of, read_log
from chair_tui.meeting.text import DEFAULT_MAX_BYTES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path
    from typing import TextIO

FORMATS = ("text", "json")


def _split(text: str) -> list[str]:
    """The lines of ``text``: ``\\n`` ends a line, and a ``\\r`` before it is dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def fixed_path(path: Path) -> Path:
    """``notes.txt`` -> ``notes.fixed.txt`` (``notes.fixed-2.txt`` … when that exists)."""
    suffix = path.suffix
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    candidate = path.with_name(f"{stem}.fixed{suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.fixed-{n}{suffix}")
        n += 1
    return candidate


def _write_new(path: Path, content: str) -> Path:
    """Write ``content`` to :func:`fixed_path` of ``path`` without ever replacing a file."""
    while True:
        target = fixed_path(path)
        try:
            with target.open("x", encoding="utf-8", newline="") as fh:
                fh.write(content)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(target, f"cannot write: {exc.strerror or exc}") from None
        return target


def _fixed_log(text: str, log: Messages, fixes: Sequence[Fix]) -> str:
    """The raw log with the chair's lines replaced by their fixes, other lines untouched."""
    newline = "\r\n" if "\r\n" in text else "\n"
    raw = _split(text)
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


# Findings written at a time: a long report is not built whole (three copies of it, the lines,
# the text and its bytes, would be as many megabytes of fresh memory; docs/performance.md).
_CHUNK = 2048


def text_report(path: str, findings: Sequence[Row]) -> Iterator[str]:
    """The text report for ``findings``, without the summary, in pieces of whole lines."""
    for start in range(0, len(findings), _CHUNK):
        yield "".join(
            [
                f"{path}:{lineno}: {code} {message} (fix: {fix})\n"
                if fix
                else f"{path}:{lineno}: {code} {message}\n"
                for _key, code, lineno, message, fix, _severity in findings[start : start + _CHUNK]
            ]
        )


def _summary(
    path: str,
    counts: Counter[str],
    kind: str,
    profile: Profile,
    chair: str | None,
) -> str:
    parts = []
    for severity, word in ((ERROR, "error"), (WARNING, "warning"), (INFO, "note")):
        n = counts[severity]
        if n:
            parts.append(f"{n} {word}{'s' if n != 1 else ''}")
    problems = counts[ERROR] + counts[WARNING]
    head = ", ".join(parts) if problems else ", ".join(["no problems", *parts])
    what = "raw log" + (f", chair {chair}" if chair else "") if kind == "log" else "lines file"
    return f"{path}: {head} ({what}, profile {profile.name})"


def run_check(
    path: str,
    profile_name: str | None,
    fmt: str,
    fix: bool,
    stdout: TextIO,
    stderr: TextIO,
    *,
    attendees: Sequence[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Lint ``path`` for ``profile_name`` (default ``meetbot``) and report in ``fmt``.

    A raw log (most lines ``HH:MM:SS <nick> text``) is linted as the chair's lines only, with
    the chair guessed by :func:`chair_of` and everyone who spoke as the attendees; any other
    file is a lines file, one line to paste per line.  ``fix`` writes the corrected file next
    to the original as ``<name>.fixed<ext>``.  Returns the exit code.
    """
    if fmt not in FORMATS:
        print(f"chair-tui: unknown format {fmt!r} (choose text or json)", file=stderr)
        return 2
    try:
        profile = get_profile(profile_name or DEFAULT_PROFILE)
    except UnknownProfileError as exc:
        print(f"chair-tui: {exc}", file=stderr)
        return 2
    # A long log makes a million small objects and no reference cycles: the cyclic garbage
    # collector would only walk them again and again (docs/performance.md).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(
            path, profile, fmt, fix, stdout, stderr, attendees=attendees, max_bytes=max_bytes
        )
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(
    path: str,
    profile: Profile,
    fmt: str,
    fix: bool,
    stdout: TextIO,
    stderr: TextIO,
    *,
    attendees: Sequence[str] | None,
    max_bytes: int,
) -> int:
    try:
        text = read_text(path)
        log = read_log(text, path)
    except InputError as exc:
        print(f"chair-tui: {exc}", file=stderr)
        return 2

    chair: str | None = None
    linenos: Sequence[int]
    texts: list[str]
    if log is not None:
        kind = "log"
        chair = chair_of(log) or None
        linenos, texts = chair_lines(log, chair)
        known = dict.fromkeys(log.nicks)
        known.update(dict.fromkeys(attendees or ()))
        roster: Sequence[str] | None = list(known)
        whole = True
    else:
        kind = "lines"
        texts = _split(text)
        linenos = range(1, len(texts) + 1)
        roster = attendees
        whole = any(
            any(starts_meeting(p, texts[i].lstrip())[0] for p in PROFILES.values())
            for i in compress(count(), map(MAY_START_RE.match, map(str.lstrip, texts)))
        )

    findings = lint_rows(
        linenos, texts, profile, max_bytes=max_bytes, whole_meeting=whole, attendees=roster
    )
    counts: Counter[str] = Counter(map(itemgetter(5), findings))
    status = 1 if counts[ERROR] or counts[WARNING] else 0

    written: Path | None = None
    fix_note = ""
    if fix:
        fixes = plan_fixes(
            list(zip(linenos, texts, strict=True)), profile, max_bytes, attendees=roster
        )
        if any(f.changed for f in fixes):
            if log is not None:
                content = _fixed_log(text, log, fixes)
            else:
                content = "".join(line + "\n" for fx in fixes for line in fx.lines)
            from pathlib import Path

            try:
                written = _write_new(Path(path), content)
            except InputError as exc:
                print(f"chair-tui: {exc}", file=stderr)
                return 2
            fix_note = f"{path}: wrote the corrected file to {written}"
        else:
            fix_note = f"{path}: nothing to fix automatically; no file written"

    if fmt == "json":
        import json

        report = {
            "file": path,
            "profile": profile.name,
            "kind": kind,
            "chair": chair,
            "max_bytes": max_bytes,
            "findings": [
                {"code": code, "line": lineno, "severity": severity, "message": message, "fix": fix}
                for _key, code, lineno, message, fix, severity in findings
            ],
            "counts": {
                "error": counts[ERROR],
                "warning": counts[WARNING],
                "info": counts[INFO],
                "total": len(findings),
            },
            "by_code": dict(sorted(Counter(map(itemgetter(1), findings)).items())),
            "fixed": str(written) if written else None,
            "exit": status,
        }
        stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return status

    for piece in text_report(path, findings):
        stdout.write(piece)
    stdout.write(_summary(path, counts, kind, profile, chair) + "\n")
    if fix_note:
        stdout.write(fix_note + "\n")
    return status
