"""``chair-tui check FILE``: lint a lines file or a raw MeetBot log, and optionally fix it.

Exit codes: :attr:`ExitCode.OK` when there is no error or warning (notes alone do not fail);
:attr:`ExitCode.PROBLEMS` when there is; :attr:`ExitCode.BAD_INPUT` when the file (or the
profile, or the format) cannot be used.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.checklog import CheckResult, FileKind, check_file
from chair_tui.meeting.errors import InputError, json_printable, printable
from chair_tui.meeting.lint import ERROR, INFO, WARNING, Row
from chair_tui.meeting.profiles import UnknownProfileError, get_profile
from chair_tui.meeting.text import DEFAULT_MAX_BYTES

FORMATS = ("text", "json")


def run(
    out: TextIO,
    err: TextIO,
    *,
    file: str,
    profile: str | None,
    format: str,
    fix: bool,
    fragment: bool = False,
) -> int:
    return run_check(file, profile, format, fix, out, err, fragment=fragment)


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
    fragment: bool = False,
) -> int:
    """Lint ``path`` for ``profile_name`` and report in ``fmt``.

    Without ``profile_name``, a raw log is checked for the bot it is from (the report says
    which, and on what signal) and a lines file for ``meetbot``.  ``fragment``: the lines are
    meant for a meeting already running.  See :func:`~chair_tui.meeting.checklog.check_file`;
    ``fix`` writes the corrected file next to the original as ``<name>.fixed<ext>``.  Returns
    the exit code.
    """
    if fmt not in FORMATS:
        print(f"chair-tui: unknown format {fmt!r} (choose text or json)", file=stderr)
        return ExitCode.BAD_INPUT
    try:
        profile = get_profile(profile_name) if profile_name else None
    except UnknownProfileError as exc:
        print(f"chair-tui: {printable(str(exc))}", file=stderr)
        return ExitCode.BAD_INPUT
    # A long log makes a million small objects and no reference cycles: the cyclic garbage
    # collector would only walk them again and again (docs/performance.md).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            result = check_file(
                path,
                profile,
                fix=fix,
                attendees=attendees,
                max_bytes=max_bytes,
                fragment=fragment,
            )
        except InputError as exc:
            print(f"chair-tui: {exc}", file=stderr)
            return ExitCode.BAD_INPUT
        status = ExitCode.PROBLEMS if result.has_problems else ExitCode.OK
        if fmt == "json":
            report = json_report(path, result, max_bytes, status)
            stdout.write(json_printable(json.dumps(report, indent=2, ensure_ascii=False)) + "\n")
            return status
        for piece in text_report(path, result.findings):
            stdout.write(printable(piece, keep="\t\n"))
        stdout.write(printable(_summary(path, result), keep="\t") + "\n")
        if fix:
            if result.fixed is not None:
                done = f"{path}: wrote the corrected file to {result.fixed}"
            else:
                done = f"{path}: nothing to fix automatically; no file written"
            stdout.write(printable(done, keep="\t") + "\n")
        return status
    finally:
        if gc_was_enabled:
            gc.enable()


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


def json_report(path: str, result: CheckResult, max_bytes: int, status: int) -> dict[str, object]:
    findings = result.findings
    counts = result.counts
    detected = result.detected
    return {
        "file": path,
        "profile": result.profile.name,
        "detected": None
        if detected is None
        else {
            "profile": detected.profile,
            "signal": detected.signal,
            "line": detected.line or None,
            "note": detected.describe(),
        },
        "fragment": result.fragment,
        "kind": result.kind.value,
        "chair": result.chair,
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
        "fixed": str(result.fixed) if result.fixed else None,
        "exit": int(status),
    }


def _summary(path: str, result: CheckResult) -> str:
    counts = result.counts
    parts = []
    for severity, word in ((ERROR, "error"), (WARNING, "warning"), (INFO, "note")):
        n = counts[severity]
        if n:
            parts.append(f"{n} {word}{'s' if n != 1 else ''}")
    head = ", ".join(parts) if result.has_problems else ", ".join(["no problems", *parts])
    if result.kind is FileKind.LOG:
        what = "raw log" + (f", chair {result.chair}" if result.chair else "")
    else:
        what = "lines file"
    if result.fragment:
        what += ", fragment"
    detected = result.detected
    if detected is None:
        return f"{path}: {head} ({what}, profile {result.profile.name})"
    return f"{path}: {head} ({what}, {detected.describe()})"
