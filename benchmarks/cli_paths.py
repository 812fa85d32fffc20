"""Target 2: the commands that never load Textual, against a Python that imports the stdlib
modules any such command needs anyway (:data:`STDLIB`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.fixtures import DEMO_MEETING, SEED_LOG
from benchmarks.harness import (
    PYTHON,
    ROOT,
    Sample,
    child_env,
    interleaved,
    median,
    run,
)
from benchmarks.report import Row

LIMIT = 1.5
#: The baseline: start Python and import what a command-line tool of this kind needs anyway.
STDLIB = "import argparse, tomllib, json, re, pathlib, datetime, typing, dataclasses"
SCRIPT = Path(PYTHON).parent / "chair-tui"  # the console script pip wrote into the venv

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "check (seed log)": ["check", str(SEED_LOG.relative_to(ROOT))],
    "render (demo meeting)": ["render", str(DEMO_MEETING.relative_to(ROOT))],
}


def entry_points() -> dict[str, list[str]]:
    """How to start chair-tui: the console script when the venv has it, and ``python -m``."""
    out = {"python -m chair_tui": [PYTHON, "-m", "chair_tui"]}
    if SCRIPT.exists():
        out = {"chair-tui": [str(SCRIPT)], **out}
    return out


def bench_cli(tmp: Path, runs: int) -> list[Row]:
    env = child_env(tmp)

    def runner(argv: list[str]) -> Callable[[], Sample]:
        return lambda: run(argv, env=env, cwd=ROOT)

    runners: dict[str, Callable[[], Sample]] = {"baseline": runner([PYTHON, "-c", STDLIB])}
    for ep_name, ep in entry_points().items():
        for cmd_name, args in COMMANDS.items():
            runners[f"{ep_name} {cmd_name}"] = runner([*ep, *args])
    # the console script's own cost: the same import and call made by ``python -c``
    runners["direct"] = runner(
        [PYTHON, "-c", "import sys; from chair_tui.cli import main; sys.exit(main(['--version']))"]
    )
    got = interleaved(runners, runs, warmup=2)
    for name, samples in got.items():
        bad = {s.returncode for s in samples} - {0, 1}
        if bad:
            raise RuntimeError(f"{name}: exit code {bad}")
    ms = {name: median([s.wall_ms for s in samples]) for name, samples in got.items()}
    base = ms["baseline"]
    rows = [
        Row(
            f"2 {name}",
            value / base,
            LIMIT,
            f"stdlib imports {base:.0f} ms",
            f"{value:.0f} ms",
        )
        for name, value in ms.items()
        if name not in ("baseline", "direct")
    ]
    if "chair-tui --version" in ms:
        rows.append(
            Row(
                "2 console script's own cost",
                ms["chair-tui --version"] / ms["direct"],
                None,
                f"python -c 'main([--version])' {ms['direct']:.0f} ms",
                f"chair-tui --version {ms['chair-tui --version']:.0f} ms",
            )
        )
    return rows
