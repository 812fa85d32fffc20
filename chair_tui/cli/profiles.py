"""``chair-tui profiles``: list the target-bot profiles and their verbs."""

from __future__ import annotations

import json
from typing import Any, TextIO

from chair_tui.exitcodes import ExitCode
from chair_tui.meeting.errors import json_printable
from chair_tui.meeting.profiles import PROFILES, Kind, Profile


def run(out: TextIO, err: TextIO, *, format: str) -> int:
    if format == "json":
        data = {name: _as_json(p) for name, p in PROFILES.items()}
        print(json_printable(json.dumps(data, indent=2)), file=out)
        return ExitCode.OK
    kinds = [k for k in Kind if k is not Kind.NOTE]
    for name, p in PROFILES.items():
        print(f"{name:14} {p.label} — {p.description}", file=out)
        verbs = "  ".join(
            f"{k.value}={p.prefix}{p.verbs[k]}" if k in p.verbs else f"{k.value}=—" for k in kinds
        )
        print(f"{'':14} {verbs}", file=out)
        extra = []
        if p.start_requires_name:
            extra.append("#startmeeting needs a name")
        extra.append(f"actions assigned by {p.assign_rule.value}")
        extra.append(f"link URL: {p.link_rule.value}")
        extra.append(f"paste ≤{p.chunk_size} lines" + (", start alone" if p.start_alone else ""))
        print(f"{'':14} {'; '.join(extra)}", file=out)
    return ExitCode.OK


def _as_json(p: Profile) -> dict[str, Any]:
    return {
        "label": p.label,
        "description": p.description,
        "prefix": p.prefix,
        "verbs": {k.value: p.prefix + v for k, v in p.verbs.items()},
        "chair_only": sorted(p.chair_only),
        "start_requires_name": p.start_requires_name,
        "assign_rule": p.assign_rule.value,
        "link_rule": p.link_rule.value,
        "chunk_size": p.chunk_size,
        "start_alone": p.start_alone,
        "notes": {k.value: note for k, note in p.notes.items()},
    }
