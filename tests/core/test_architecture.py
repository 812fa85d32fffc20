"""The shape of the code: import contracts (import-linter) and rooms of a readable size."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chair_tui"
MAX_LINES = 550
SIZE_REASON = re.compile(r"^# size: \S.*$", re.MULTILINE)


def test_the_import_contracts_hold() -> None:
    """The core never imports Textual or Rich, the layers only import downwards, and no package
    has an import cycle among its modules (contracts in pyproject.toml)."""
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout, proc.stdout


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_a_module_over_the_size_limit_says_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    head = "\n".join(text.splitlines()[:15])
    if lines > MAX_LINES:
        assert SIZE_REASON.search(head), (
            f"{path.name} has {lines} lines (over {MAX_LINES}): split it into rooms of one "
            "purpose, or give the reason on a '# size: …' line at its top"
        )
