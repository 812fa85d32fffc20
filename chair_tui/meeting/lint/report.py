"""Lint a sequence of lines: each line alone, the hard-wrapped runs, the meeting as a whole."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chair_tui.meeting.lint.findings import ROW_KEY, Finding, Row, as_rows
from chair_tui.meeting.lint.hardwrap import wrap_groups
from chair_tui.meeting.lint.lines import LineAnalyser
from chair_tui.meeting.lint.meeting import meeting_findings, roster
from chair_tui.meeting.lint.plain import not_plain
from chair_tui.meeting.lint.target import Info
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.text import DEFAULT_MAX_BYTES


class Linter(LineAnalyser):
    """The analysis of each line, and the steps over the whole sequence of lines."""

    def wrap_groups(
        self, linenos: Sequence[int], texts: Sequence[str], infos: Sequence[Info]
    ) -> list[list[int]]:
        """The hard-wrapped runs (:func:`~chair_tui.meeting.lint.hardwrap.wrap_groups`)."""
        return wrap_groups(self, linenos, texts, infos)

    def findings(
        self,
        linenos: Sequence[int],
        texts: Sequence[str],
        infos: Sequence[Info],
        whole_meeting: bool,
    ) -> list[Row]:
        """Every finding as a :data:`Row`, by line, then in the order of :data:`RULES`."""
        out: list[Row] = []
        wrap_groups(self, linenos, texts, infos, out)
        if whole_meeting:
            out += as_rows(meeting_findings(self.profile, linenos, infos, texts))
        # by line, then in the order of RULES; sorted is stable, so this is the order in which
        # the findings of one line were made
        out.sort(key=ROW_KEY)
        return out


def analyse_meeting(
    linenos: Sequence[int],
    texts: Sequence[str],
    profile: Profile,
    max_bytes: int,
    channel: str | None,
    attendees: Iterable[str] | None,
    seconds: Sequence[int | None] | None = None,
) -> tuple[Linter, list[Info]]:
    """A :class:`Linter` for the lines ``linenos``/``texts``, and what it makes of each;
    ``seconds`` is the time of each line in a raw log (see :class:`~.target.Target`)."""
    others = not_plain(texts, max_bytes)
    # a plain line is never a #nick or #chair (tests/core/test_lint.py checks this)
    nicks, spoken = roster(map(texts.__getitem__, others), profile, attendees)
    linter = Linter(profile, max_bytes, channel, nicks, spoken, seconds)
    return linter, linter.analyse_lines(linenos, texts, others)


def columns(lines: Sequence[tuple[int, str]]) -> tuple[list[int], list[str]]:
    return [n for n, _ in lines], [t for _, t in lines]


def lint_rows(
    linenos: Sequence[int],
    texts: Sequence[str],
    profile: Profile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    whole_meeting: bool = False,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
    seconds: Sequence[int | None] | None = None,
) -> list[Row]:
    """:func:`lint_lines` of the lines ``zip(linenos, texts)``, as :data:`Row` tuples (what a
    long log needs: no object per finding).  ``seconds``, the time of each line of a raw
    log, lets the hard-wrap rule (L20) tell a paste from chat."""
    linter, infos = analyse_meeting(linenos, texts, profile, max_bytes, channel, attendees, seconds)
    return linter.findings(linenos, texts, infos, whole_meeting)


def lint_lines(
    lines: Sequence[tuple[int, str]],
    profile: Profile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    whole_meeting: bool = False,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
) -> list[Finding]:
    """Findings for ``(lineno, text)`` lines a chair pastes (or pasted) to ``profile``'s bot.

    ``whole_meeting`` adds the rules about the meeting as a whole (L3, L4): pass it when the
    lines are a complete meeting (a raw log, or a file with a start command).  ``attendees``
    are the nicks the bot knows (who spoke, in a raw log); without them the action and chair
    nick rules that need a roster (L7, L8, case in L9) are skipped.  ``channel`` lets the
    hcoop rule about lines starting with the channel name apply.
    """
    linenos, texts = columns(lines)
    rows = lint_rows(
        linenos,
        texts,
        profile,
        max_bytes=max_bytes,
        whole_meeting=whole_meeting,
        channel=channel,
        attendees=attendees,
    )
    return [
        Finding(code, lineno, message, fix, severity)
        for _k, code, lineno, message, fix, severity in rows
    ]
