"""Notes → the lines to paste: what ``chair-tui compile`` makes of a secretary's notes.

:func:`compile_notes` reads the notes into points (:func:`~.blocks.read_blocks`), decides what
each point is (:func:`~.classify.classify`) and renders it for the profile with
:func:`~chair_tui.meeting.render.render_entry`, the one place lines are made: a long point is
split at the byte limit on word boundaries, every line is read back through the bot model.
What it is unsure of is kept as ``#info`` and reported; nothing is dropped without a note.
The rules, each with an example, are in ``docs/notes.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chair_tui.meeting.lint import WARNING, lint_rows
from chair_tui.meeting.model import Entry, MeetingPlan
from chair_tui.meeting.notes.blocks import read_blocks
from chair_tui.meeting.notes.classify import Classified, Context, classify
from chair_tui.meeting.notes.names import Roster
from chair_tui.meeting.notes.report import Code, Note
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.render import RenderError, nick_entries, render_entry, start_entries


@dataclass(frozen=True, slots=True)
class CompiledLine:
    """One line to paste; ``source`` the notes' line it came from (0: made by compile, such
    as the start and end lines); ``topic`` the topic it is filed under (None: before the
    notes' first topic, under whatever topic the meeting is on)."""

    text: str
    kind: Kind
    source: int
    topic: str | None


@dataclass(frozen=True, slots=True)
class Compiled:
    """The lines made of the notes, and what compile reports about them."""

    profile: Profile
    lines: tuple[CompiledLine, ...]
    notes: tuple[Note, ...]

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    @property
    def has_warnings(self) -> bool:
        return any(n.warning for n in self.notes)

    def topics(self) -> list[tuple[str | None, list[CompiledLine]]]:
        """The lines grouped by topic, in order (a topic's own line first in its group)."""
        out: list[tuple[str | None, list[CompiledLine]]] = []
        for ln in self.lines:
            if ln.kind is Kind.TOPIC or not out or out[-1][0] != ln.topic:
                out.append((ln.topic, []))
            out[-1][1].append(ln)
        return out


@dataclass(slots=True)
class _Out:
    profile: Profile
    plan: MeetingPlan
    lines: list[CompiledLine] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    nicked: set[str] = field(default_factory=set)
    topic: str | None = None

    def render(self, entry: Entry, source: int, roster: Sequence[str]) -> list[str]:
        rendered = render_entry(entry, self.profile, max_bytes=self.plan.max_bytes, roster=roster)
        for line in rendered.lines:
            if line.kind is Kind.TOPIC:
                self.topic = line.payload
            self.lines.append(CompiledLine(line.text, line.kind, source, self.topic))
        return [ln.text for ln in rendered.lines]


def compile_notes(
    text: str,
    profile: Profile,
    plan: MeetingPlan | None = None,
    *,
    whole: bool = False,
) -> Compiled:
    """The lines to paste for the notes ``text`` and ``profile``'s bot; ``plan`` gives the
    roster, the byte limit and the tally template (and, with ``whole``, the start and end)."""
    plan = plan or MeetingPlan(title="Meeting", profile=profile.name)
    roster = Roster(plan.members)
    nicks = list(roster.nicks)
    out = _Out(profile, plan)
    if whole:
        for entry in start_entries(plan, profile):
            out.render(entry, 0, nicks)
    ctx = Context(profile, roster, plan.vote.tally, plan.max_bytes)
    for block in read_blocks(text):
        result = classify(block, ctx)
        out.notes.extend(result.notes)
        if result.raw is not None:
            out.lines.append(CompiledLine(result.raw, Kind.NOTE, result.lineno, out.topic))
        elif result.entry is not None:
            _emit(out, result, nicks)
    if whole and profile.supports(Kind.END):
        out.render(Entry(Kind.END), 0, nicks)
    _action_checks(out, nicks)
    out.notes.sort(key=lambda n: n.lineno)
    return Compiled(profile, tuple(out.lines), tuple(out.notes))


def _emit(out: _Out, result: Classified, nicks: Sequence[str]) -> None:
    entry = result.entry
    assert entry is not None
    lineno = result.lineno
    if entry.kind is Kind.ACTION and entry.nicks:
        for nick_entry in nick_entries(out.profile, entry.nicks, out.nicked):
            out.render(nick_entry, lineno, nicks)
    try:
        out.render(entry, lineno, nicks)
    except RenderError as exc:
        # what the bot would lose as meant is kept as an #info, and said
        fallback = Entry(Kind.INFO, result.text)
        try:
            out.render(fallback, lineno, nicks)
        except RenderError:
            out.notes.append(Note(lineno, Code.DROPPED, f"dropped: {exc}"))
            return
        out.notes.append(Note(lineno, Code.UNSURE, f"kept as an info: {exc}"))
        return
    if entry.kind is Kind.ACTION:
        out.nicked.update(entry.nicks)
    elif entry.kind is Kind.NICK:
        out.nicked.update(entry.text.split())


def _action_checks(out: _Out, nicks: Sequence[str]) -> None:
    """Report the actions whose text names a member the bot will not assign (lint's L7 on
    the compiled lines, read as ``check`` reads them: compile cannot tell whether the chair
    meant them as owners)."""
    lines = out.lines
    if not nicks or not out.profile.assigns_actions:
        return
    if not any(ln.kind is Kind.ACTION for ln in lines):
        return
    rows = lint_rows(
        range(1, len(lines) + 1),
        [ln.text for ln in lines],
        out.profile,
        max_bytes=out.plan.max_bytes,
        whole_meeting=False,
        attendees=list(nicks),
    )
    for _key, code, lineno, message, _fix, severity in rows:
        if code == "L7" and severity == WARNING:
            out.notes.append(Note(lines[lineno - 1].source, Code.NOT_ASSIGNED, message))
