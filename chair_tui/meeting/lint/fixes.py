"""Fix what lint can fix: each source line (or hard-wrapped run of lines) and what replaces it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chair_tui.meeting.lint.findings import Fix
from chair_tui.meeting.lint.report import analyse_meeting, columns
from chair_tui.meeting.lint.target import Line, Role
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.text import DEFAULT_MAX_BYTES


def plan_fixes(
    lines: Sequence[tuple[int, str]],
    profile: Profile,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
) -> list[Fix]:
    """How each source line (or hard-wrapped run of lines) is replaced by :func:`fix_lines`.

    Lines without a fixable problem are kept byte for byte (``changed`` is False).  Lines
    that cannot be fixed automatically (an unknown command, a bare start, a line starting
    with ``/``) are kept too; lint still reports them.
    """
    linenos, texts = columns(lines)
    linter, infos = analyse_meeting(linenos, texts, profile, max_bytes, channel, attendees)
    groups = linter.wrap_groups(linenos, texts, infos)
    grouped = {g[0]: g for g in groups}
    skip = {i for g in groups for i in g[1:]}
    out: list[Fix] = []
    for i, info in enumerate(infos):
        if i in skip:
            continue
        lineno, text = linenos[i], texts[i]
        if i in grouped:
            group = grouped[i]
            joined = " ".join([text.rstrip(), *(texts[j].strip() for j in group[1:])])
            again = linter.analyse(lineno, joined)
            if again.replacement is not None:
                new = again.replacement
            elif again.role == Role.NARRATIVE:
                new = [again.body.rstrip()]
            else:
                new = linter.render(again.kind, again.word, again.arg) or [joined]
            out.append(Fix(tuple(linenos[j] for j in group), tuple(new), True))
            continue
        if not isinstance(info, Line) or info.replacement is None:
            out.append(Fix((lineno,), (text,), False))
        else:
            changed = info.replacement != [text]
            out.append(Fix((lineno,), tuple(info.replacement), changed))
    return out


def fix_lines(
    lines: Sequence[tuple[int, str]] | Sequence[str],
    profile: Profile,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
) -> list[str]:
    """The corrected lines: verbs mapped for ``profile``, leading whitespace and ``#topic:``
    colons removed, blank and empty-argument lines dropped, hard-wrapped sentences joined,
    URLs moved first in links, over-long lines split (all rendering by ``render_entry``).

    ``lines`` are ``(lineno, text)`` pairs or plain strings (numbered from 1).
    """
    numbered: list[tuple[int, str]] = [
        item if isinstance(item, tuple) else (n, item) for n, item in enumerate(lines, start=1)
    ]
    fixes = plan_fixes(numbered, profile, max_bytes, channel=channel, attendees=attendees)
    return [line for fix in fixes for line in fix.lines]
