"""Where the time goes, for the targets that fail: ``python -m benchmarks.profile TARGET``.

    startup  phases and Textual totals of ``--demo`` against the bare app (traced frame probe)
    resume   the same for ``--resume`` of a 5,000-entry session against an empty one
    cli      import time (``-X importtime``) of each CLI path, by top-level module
    lint     the stages of ``chair-tui check`` on the 100,000-line log, then cProfile's list
    saves    the parts of a compaction at 5,000 entries (done on load and close, see Session)

The numbers are for finding causes, not for the table: tracing and cProfile add overhead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.cli_paths import COMMANDS, entry_points
from benchmarks.fixtures import big_log, build_session
from benchmarks.harness import (
    HERE,
    PYTHON,
    ROOT,
    Sample,
    child_env,
    fresh_dir,
    interleaved,
    run_in_pty,
    scratch,
)
from chair_tui.cli.check import run_check, text_report
from chair_tui.meeting.checklog import chair_lines
from chair_tui.meeting.errors import read_text
from chair_tui.meeting.lint import Linter
from chair_tui.meeting.lint.meeting import roster
from chair_tui.meeting.lint.plain import not_plain
from chair_tui.meeting.profiles import get_profile
from chair_tui.meeting.rawlog import chair_of, read_log
from chair_tui.meeting.session import Session
from chair_tui.meeting.session.codec import encode
from chair_tui.meeting.store import atomic_write, encode_record

RUNS = 5

T = TypeVar("T")


def _phases(sample: Sample) -> dict[str, float]:
    """Milliseconds per phase of one traced frame-probe run, plus the traced totals."""
    x = sample.extra
    trace: dict[str, Any] = x["trace"]
    spawned = float(x["frame"]) - sample.wall_ms / 1000.0
    run_at = float(trace["marks"]["App.run entered"])
    out = {
        "interpreter start": (float(x["probe_start"]) - spawned) * 1000.0,
        "imports + CLI until App.run": (run_at - float(x["probe_start"])) * 1000.0,
        "App.run until Ready": (float(x["ready"]) - run_at) * 1000.0,
        "Ready until first full frame": (float(x["frame"]) - float(x["ready"])) * 1000.0,
        "TOTAL spawn to first full frame": sample.wall_ms,
    }
    out.update({f"  in: {k}": float(v) for k, v in trace["totals_ms"].items()})
    out.update({f"  calls: {k}": float(v) for k, v in trace["calls"].items() if "css" in k})
    out.update({f"  calls: {k}": float(v) for k, v in trace["calls"].items() if "footer" in k})
    return out


def _compare(names: tuple[str, str], runners: dict[str, Callable[[], Sample]]) -> None:
    got = interleaved(runners, RUNS)
    rows = {name: [_phases(s) for s in got[name]] for name in names}
    keys = list(dict.fromkeys(k for name in names for r in rows[name] for k in r))
    a, b = names
    print(f"{'median ms (calls: count)':44} {a:>10} {b:>10} {'diff':>10}")
    for k in keys:
        va = statistics.median(r.get(k, 0.0) for r in rows[a])
        vb = statistics.median(r.get(k, 0.0) for r in rows[b])
        print(f"{k:44} {va:10.1f} {vb:10.1f} {vb - va:+10.1f}")


def _traced(tmp: Path, name: str, args: list[str]) -> Sample:
    env = child_env(tmp, {"CHAIR_BENCH_TRACE": "1"})
    return run_in_pty(
        [PYTHON, str(HERE / "probe_frame.py"), *args],
        env=env,
        result=tmp / f"{name}.json",
        cwd=ROOT,
    )


def profile_startup(tmp: Path) -> None:
    _compare(
        ("bare", "demo"),
        {
            "bare": lambda: _traced(tmp, "bare", ["bare"]),
            "demo": lambda: _traced(
                tmp, "demo", ["cli", "--demo", "--data-dir", str(fresh_dir(tmp, "d"))]
            ),
        },
    )


def profile_resume(tmp: Path) -> None:
    files = {n: build_session(tmp / f"base-{n}", n) for n in (0, 5000)}

    def resume(n: int) -> Sample:
        data = fresh_dir(tmp, f"resume-{n}")
        (data / "sessions").mkdir()
        shutil.copy2(files[n], data / "sessions" / files[n].name)
        return _traced(tmp, f"r{n}", ["cli", "--resume", "--data-dir", str(data)])

    _compare(("empty", "5000"), {"empty": lambda: resume(0), "5000": lambda: resume(5000)})


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")
# stdlib modules that chair-tui's CLI pulls in, wherever they sit in the import tree
NOTABLE = ("argparse", "dataclasses", "inspect", "typing", "pathlib", "json", "enum", "difflib")


def _import_times(argv: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},  # the same as -X importtime
        cwd=ROOT,
        check=False,
    )
    total = 0.0
    top: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            total += int(m.group(1)) / 1000.0
            if not m.group(3) or m.group(4) in NOTABLE:
                top[m.group(4)] = int(m.group(2)) / 1000.0
    return total, top


def profile_cli(tmp: Path) -> None:
    env = child_env(tmp)
    commands = {"python -c pass": [PYTHON, "-c", "pass"]}
    for ep_name, ep in entry_points().items():
        for cmd_name, args in COMMANDS.items():
            commands[f"{ep_name} {cmd_name}"] = [*ep, *args]
    for name, argv in commands.items():
        runs = [_import_times(argv, env) for _ in range(RUNS + 1)][1:]
        total = statistics.median(t for t, _ in runs)
        names = list(dict.fromkeys(k for _, top in runs for k in top))
        top = {k: statistics.median(t.get(k, 0.0) for _, t in runs) for k in names}
        print(f"\n{name}: imports {total:.1f} ms in all (-X importtime, median)")
        for k, v in sorted(top.items(), key=lambda kv: -kv[1])[:14]:
            where = "  [stdlib, counted inside the modules above]" if k in NOTABLE else ""
            print(f"  {v:7.1f} ms  {k}{where}")


def _ms(fn: Callable[[], T]) -> tuple[float, T]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000.0, result


def profile_lint(tmp: Path) -> None:
    log = big_log(tmp / "big.log.txt", 100_000)
    path = str(log)
    gc_ms = [0.0]
    started = [0.0]

    def on_gc(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            gc_ms[0] += (time.perf_counter() - started[0]) * 1000.0

    gc.callbacks.append(on_gc)
    try:
        totals = [
            _ms(lambda: run_check(path, None, "text", False, io.StringIO(), sys.stderr))[0]
            for _ in range(RUNS)
        ]
    finally:
        gc.callbacks.remove(on_gc)
    print(
        f"run_check in-process: {statistics.median(totals):.0f} ms (median of {RUNS}),"
        f" of which cyclic GC {gc_ms[0] / RUNS:.0f} ms"
    )
    profile = get_profile("meetbot")
    stages: dict[str, list[float]] = {}
    counts: dict[str, int] = {}

    def stage(name: str, fn: Callable[[], T]) -> T:
        ms, result = _ms(fn)
        stages.setdefault(name, []).append(ms)
        return result

    def one_run() -> None:
        text = stage("read_text", lambda: read_text(path))
        parsed = stage("read_log (one regex over the file)", lambda: read_log(text, path))
        assert parsed is not None, "big_log writes a MeetBot log"
        chair = stage("chair_of", lambda: chair_of(parsed))
        linenos, texts = stage("the chair's lines", lambda: chair_lines(parsed, chair))
        attendees = list(dict.fromkeys(parsed.nicks))
        others = stage(
            "lint: the lines that are not plain (one regex, in C)",
            lambda: not_plain(texts, 350),
        )
        nicks, spoken = stage(
            "lint: roster (#nick, #chair) from those",
            lambda: roster(map(texts.__getitem__, others), profile, attendees),
        )
        linter = Linter(profile, 350, None, nicks, spoken)
        infos = stage(
            "lint: analyse_lines (those lines)",
            lambda: linter.analyse_lines(linenos, texts, others),
        )
        groups = stage(
            "lint: wrap_groups alone (in the next stage too)",
            lambda: linter.wrap_groups(linenos, texts, infos),
        )
        findings = stage(
            "lint: findings (runs, rows, sorted)",
            lambda: linter.findings(linenos, texts, infos, True),
        )
        stage("text report", lambda: sum(map(len, text_report(path, findings))))
        counts.update(
            lines=len(linenos),
            plain=infos.count(None),
            objects=sum(1 for x in infos if x is not None and not isinstance(x, str)),
            runs=len(groups),
            findings=len(findings),
        )

    gc.disable()  # as run_check does
    for _ in range(RUNS):
        one_run()
    gc.enable()
    print(
        f"  {counts['lines']} lines: {counts['plain']} plain narrative, {counts['objects']}"
        f" analysed in full; {counts['runs']} hard-wrapped runs; {counts['findings']} findings."
        "  Medians (ms):"
    )
    for name, values in stages.items():
        print(f"  {statistics.median(values):7.1f} ms  {name}")
    prof = cProfile.Profile()
    prof.enable()
    run_check(path, None, "text", False, io.StringIO(), sys.stderr)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(18)
    print("\ncProfile, by own time (inflated by profiling, see the calls):")
    print("\n".join(out.getvalue().splitlines()[6:]))


def profile_saves(tmp: Path) -> None:
    path = build_session(tmp / "saves", 5000)
    session = Session.load(path, sync=True)
    parts: dict[str, list[float]] = {
        "Session._snapshot_records (state to records)": [],
        "encode + encode_record x all (to dicts, json.dumps once + crc32)": [],
        "atomic_write (write, fsync, rename, fsync dir)": [],
        "Session.compact in all": [],
    }
    keys = list(parts)
    try:
        for _ in range(RUNS):
            ms, records = _ms(session._snapshot_records)
            parts[keys[0]].append(ms)
            t0 = time.perf_counter()
            data = b"".join(encode_record(encode(x)) for x in records)
            parts[keys[1]].append((time.perf_counter() - t0) * 1000.0)
            t0 = time.perf_counter()
            atomic_write(path, data)
            parts[keys[2]].append((time.perf_counter() - t0) * 1000.0)
            ms, _ = _ms(session.compact)
            parts[keys[3]].append(ms)
    finally:
        session.close()
    print(
        f"compaction at 5,000 entries ({len(data):,} bytes), on load/close once"
        f" {Session.COMPACT_EVERY} records follow the snapshot:"
    )
    for name, values in parts.items():
        print(f"  {statistics.median(values):7.1f} ms  {name}")


PROFILES: dict[str, Callable[[Path], None]] = {
    "startup": profile_startup,
    "resume": profile_resume,
    "cli": profile_cli,
    "lint": profile_lint,
    "saves": profile_saves,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    p.add_argument("target", nargs="+", choices=sorted(PROFILES))
    ns = p.parse_args(argv)
    for target in ns.target:
        print(f"\n=== {target}")
        with scratch() as tmp:
            PROFILES[target](tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
