"""The result table and the description of the machine it was measured on."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    """One line of the table: ``ratio`` = measured / baseline, against ``limit`` (``None`` for a
    line that only informs)."""

    target: str
    ratio: float
    limit: float | None
    baseline: str
    measured: str

    @property
    def passed(self) -> bool | None:
        if self.limit is None:
            return None
        return self.ratio <= self.limit

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "info"}[self.passed]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


HEADERS = ("target", "ratio", "limit", "baseline", "measured", "result")


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table, its columns padded so it also reads well in a terminal."""
    cells = [
        [
            r.target,
            f"{r.ratio:.2f}x" if r.ratio >= 0.1 else f"{r.ratio:.3f}x",
            f"≤{r.limit:g}x" if r.limit is not None else "—",
            r.baseline,
            r.measured,
            r.verdict,
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]

    def line(values: list[str] | tuple[str, ...]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(HEADERS), sep, *(line(c) for c in cells)])


def _cpu_model() -> str:
    try:
        for text in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if text.startswith("model name"):
                return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpus": str(os.cpu_count()),
        "cpus_usable": str(len(os.sched_getaffinity(0))),
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "textual": version("textual"),
        "chair-tui": version("chair-tui"),
    }


def describe(info: dict[str, str]) -> str:
    return (
        f"{info['cpus_usable']} usable CPUs (nproc) of {info['cpus']}, {info['cpu']}; "
        f"{info['os']}; Python {info['python']}, Textual {info['textual']}, "
        f"chair-tui {info['chair-tui']}"
    )
