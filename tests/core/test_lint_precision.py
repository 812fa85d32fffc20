"""Lint's precision on real logs, recomputed from its current output.

tests/data/lint-judgements.json says, for every error and warning lint gives on the seed log,
the two real zodbot logs and the real hcoop-meetbot logs, whether it is real (its fix changes
what the bot records for the better, or it names what the real minutes lack) and why.  This
test fails when a finding has no judgement, when a judgement has no finding any more, or when
fewer than 90 % of the errors and warnings are real (docs/lint.md, *Precision*).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TypedDict

from chair_tui.meeting.checklog import check_file
from chair_tui.meeting.lint import INFO
from chair_tui.meeting.profiles import PROFILES

DATA = Path(__file__).parent.parent / "data"
MIN_PRECISION = 0.90


class Judgement(TypedDict):
    file: str
    line: int
    code: str
    real: bool
    why: str


def _judgements() -> tuple[dict[str, str], list[Judgement]]:
    doc = json.loads((DATA / "lint-judgements.json").read_text(encoding="utf-8"))
    return doc["files"], doc["judgements"]


def _findings() -> list[tuple[str, int, str]]:
    files, _ = _judgements()
    out: list[tuple[str, int, str]] = []
    for name, profile in files.items():
        result = check_file(str(DATA / name), PROFILES[profile])
        out += [(name, n, code) for _k, code, n, _m, _f, sev in result.findings if sev != INFO]
    return out


def test_every_error_and_warning_on_the_real_logs_is_judged() -> None:
    _, judgements = _judgements()
    judged = {(j["file"], j["line"], j["code"]) for j in judgements}
    found = _findings()
    assert len(judged) == len(judgements), "a finding is judged twice"
    unjudged = [f for f in found if f not in judged]
    assert not unjudged, f"findings without a judgement in lint-judgements.json: {unjudged}"
    stale = sorted(judged - set(found))
    assert not stale, f"judgements of findings lint no longer gives: {stale}"
    assert all(j["why"].strip() for j in judgements)


def test_at_least_90_percent_of_errors_and_warnings_are_real() -> None:
    _, judgements = _judgements()
    by = {(j["file"], j["line"], j["code"]): j["real"] for j in judgements}
    found = [f for f in _findings() if f in by]
    real = sum(by[f] for f in found)
    assert found and real / len(found) >= MIN_PRECISION, f"{real} of {len(found)} real"


def test_the_precision_in_the_docs_is_the_measured_one() -> None:
    _, judgements = _judgements()
    real = sum(j["real"] for j in judgements)
    total = len(judgements)
    per_rule = Counter(j["code"] for j in judgements)
    docs = (Path(__file__).parent.parent.parent / "docs" / "lint.md").read_text(encoding="utf-8")
    assert f"{real} of {total} ({100 * real // total} %)" in docs
    for code, n in per_rule.items():
        real_here = sum(j["real"] for j in judgements if j["code"] == code)
        assert f"| {code} | {n} | {real_here} |" in docs, code
