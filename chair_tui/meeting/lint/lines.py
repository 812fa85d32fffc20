"""The rules about one line: how each bot reads it, and what is wrong with it alone.

:meth:`LineAnalyser.analyse_in_full` is the whole analysis of a line: first the mechanical
rules (blank L18, '/' L19, leading whitespace and colons L10, control characters L21), then
how the target and the other bots read what is left (L1, L2, L15, L17), the rules about a
command (:mod:`chair_tui.meeting.lint.commands`) and the byte limit (L11).
:meth:`LineAnalyser.analyse_lines` gives the same answer for a long sequence of lines,
without an object for the many lines nothing is wrong with.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from chair_tui.meeting.botsim import Reading, read_line, starts_meeting
from chair_tui.meeting.lint.commands import command_checks, quiet
from chair_tui.meeting.lint.findings import ERROR, INFO, WARNING, Finding, Severity
from chair_tui.meeting.lint.plain import fits, is_clean, is_plain, not_plain
from chair_tui.meeting.lint.target import Info, Line, Role, Target, q
from chair_tui.meeting.profiles import VERB_ALIASES, Kind
from chair_tui.meeting.text import clean_line, has_control, utf8_len


class LineAnalyser(Target):
    """What lint makes of each line, for the target bot."""

    def analyse(self, lineno: int, text: str) -> Line:
        return self.analyse_all([(lineno, text)])[0]

    def analyse_all(self, lines: Iterable[tuple[int, str]]) -> list[Line]:
        """What lint makes of each line, as :class:`Line` objects (see :meth:`analyse_lines`)."""
        pairs = list(lines)
        linenos = [n for n, _ in pairs]
        texts = [t for _, t in pairs]
        return [
            self.line_of(n, t, x)
            for n, t, x in zip(linenos, texts, self.analyse_lines(linenos, texts), strict=True)
        ]

    def analyse_lines(
        self, linenos: Sequence[int], texts: Sequence[str], others: Iterable[int] | None = None
    ) -> list[Info]:
        """What lint makes of each line (see :data:`Info`); ``others`` are the indexes of the
        lines that are not plain, or may not be (:func:`~.plain.not_plain`), when they are known.

        A plain line (:func:`~.plain.is_plain`) is plain text for every bot: it gets what
        :meth:`_unknown_or_narrative` would give it (``None``), without asking every bot how
        it reads the line; one regular expression finds most of them at once.  A clean line the
        target reads as a command none of the rules about commands applies to
        (:func:`~.commands.quiet`) is its kind; where
        :func:`~chair_tui.meeting.botsim.command_pattern` has a pattern for the target, one
        match reads such a line.  Most lines of a long log are one or the
        other, and get no object.  tests/core/test_lint.py checks that this agrees with the
        full analysis.
        """
        infos: list[Info] = [None] * len(texts)
        max_bytes = self.max_bytes
        profile = self.profile
        channel = self.channel
        quick = self.quick_command
        for i in not_plain(texts, max_bytes) if others is None else others:
            text = texts[i]
            m = (
                quick(text)
                if quick is not None
                and len(text) <= max_bytes
                and text.isascii()
                and text.isprintable()
                else None
            )
            if m is not None:
                # clean, within the limit, and read as the command m[1] with the text m[2]
                kind = VERB_ALIASES.get(m[1])
                if quiet(kind, m[2]):
                    infos[i] = kind
                    continue
                reading = Reading(m[1], m[2])
            elif is_plain(text, max_bytes):
                continue
            elif not is_clean(text):
                infos[i] = self.analyse_in_full(linenos[i], text)
                continue
            else:
                reading = read_line(profile, text, channel=channel)
                word = reading.command
                if word is not None and not reading.unknown and not reading.auto_link:
                    kind = VERB_ALIASES.get(word)
                    if quiet(kind, reading.text) and fits(text, max_bytes):
                        infos[i] = kind
                        continue
            infos[i] = self._read(Line(linenos[i], text, Role.OTHER, text), text, False, reading)
        return infos

    def line_of(self, lineno: int, text: str, info: Info) -> Line:
        """``info`` (what :meth:`analyse_lines` made of ``text``) as a :class:`Line`."""
        if isinstance(info, Line):
            return info
        if info is None:
            line = Line(lineno, text, Role.NARRATIVE, text)
            line.findings.append(Finding("L15", lineno, self.l15_message, self.l15_fix(text), INFO))
            return line
        # a quiet command: the full reading, which has nothing to say either
        return self._read(Line(lineno, text, Role.OTHER, text), text, False)

    def analyse_in_full(self, lineno: int, text: str) -> Line:
        """Every rule about the line ``text`` alone, the long way."""
        p = self.profile
        out = Line(lineno, text, Role.OTHER)
        needs_fix = False

        def add(code: str, severity: Severity, message: str, fix: str | None = None) -> None:
            out.findings.append(Finding(code, lineno, message, fix, severity))

        if not text.strip():
            if self.seconds is None:
                add(
                    "L18",
                    WARNING,
                    "blank line: an empty message cannot be sent (clients and bridges drop"
                    " it), so it only breaks the paste into pieces",
                    "remove the line",
                )
            else:  # a raw log: it was sent, and the bot recorded nothing of it
                add(
                    "L18",
                    INFO,
                    "empty message: the bot records nothing of it; in a paste, a blank line"
                    " only breaks the paste into pieces",
                    "remove the line",
                )
            out.role = Role.BLANK
            out.replacement = []
            return out
        if text.startswith("/"):
            add(
                "L19",
                WARNING,
                "starts with '/': the IRC client runs it as a /command instead of sending it",
                "reword it so it does not start with '/'",
            )
            out.role = Role.SLASH
            return out

        body = text
        stripped = text.lstrip()
        if stripped != text:
            if stripped.startswith("/"):
                add(
                    "L10",
                    WARNING,
                    "indented line: irssi joins indented pasted lines onto the line before",
                    None,
                )
                out.role = Role.NARRATIVE
                out.body = text
                return out
            if self.reads(stripped) and not self.reads(text):
                add(
                    "L10",
                    ERROR,
                    f"leading whitespace: {p.label} only reads a command in column 0,"
                    " so this line is plain text",
                    f"remove the leading whitespace: {q(stripped)}",
                )
            else:
                add(
                    "L10",
                    WARNING,
                    "leading whitespace: irssi joins indented pasted lines onto the line"
                    " before, and most bots only read commands in column 0",
                    "remove the leading whitespace",
                )
            body = stripped
            needs_fix = True
        if has_control(body.replace("\t", " ")):
            add(
                "L21",
                WARNING,
                "control characters (IRC colour/bold codes or similar): they end up in the"
                " minutes as garbage",
                "remove them",
            )
            body = clean_line(body)
            needs_fix = True
            if not body:
                out.role = Role.BLANK
                out.replacement = []
                return out

        head, sep, rest = body.partition(" ")
        if len(head) > 2 and head.endswith(":"):
            candidate = head[:-1] + (" " + rest if sep else "")
            if self.any_reads(candidate):
                mine = read_line(p, body, channel=self.channel)
                if mine.is_command and not mine.unknown:
                    effect = f"{p.label} records the text as {q(mine.text)}"
                else:
                    effect = f"{p.label} ignores the line"
                add(
                    "L10",
                    ERROR,
                    f"colon after the command word {head!r}: {effect}",
                    f"drop the colon: {q(candidate)}",
                )
                body = candidate
                needs_fix = True
        out.body = body
        return self._read(out, body, needs_fix)

    def _read(self, out: Line, body: str, needs_fix: bool, reading: Reading | None = None) -> Line:
        """The rules about how the bots read ``body``, the line after the mechanical fixes;
        ``reading`` is how the target reads it, when that is known."""
        p = self.profile
        lineno = out.lineno
        text = out.text

        def add(code: str, severity: Severity, message: str, fix: str | None = None) -> None:
            out.findings.append(Finding(code, lineno, message, fix, severity))

        if reading is None:
            reading = read_line(p, body, channel=self.channel)
        kind: Kind | None = None
        word: str | None = None
        arg = ""
        if reading.is_command and not reading.unknown:
            out.role = Role.COMMAND
            word, arg = reading.command, reading.text
            kind = VERB_ALIASES.get(word or "")
            if reading.auto_link:
                kind = None
                out.role = Role.AUTOLINK
        elif self.channel and self._reads_without_channel(body):
            add(
                "L1",
                ERROR,
                f"{p.label} ignores every line that starts with the channel name"
                f" {self.channel!r}, even a command",
                None,
            )
            out.role = Role.OTHER
        else:
            started, name = starts_meeting(p, body)
            other = None if started else self.other_reading(body)
            lowered = None if started or other is not None else self._lowered(body)
            if started:
                out.role = Role.COMMAND
                kind, word, arg = Kind.START, "startmeeting", name
                add(
                    "L2",
                    WARNING if p.family == "hcoop" else ERROR,
                    "#startmeeting glued to the name: the bot starts a meeting but "
                    + (
                        "answers 'Unknown command'"
                        if p.family == "hcoop"
                        else "sends no start message and records no start time"
                    ),
                    f"put a space after it: {q(self.cmd(Kind.START) + ' ' + name)}",
                )
                needs_fix = True
            elif other is not None:
                out.role = Role.COMMAND
                _their, word, arg = other
                kind = VERB_ALIASES.get(word)
                typed = body.split(None, 1)[0]
                reason = self._why_unread(reading.unknown, typed)
                supported = p.supports(kind) if kind is not None else word in p.known_commands
                if not supported:
                    note = p.notes.get(kind) if kind is not None else None
                    add("L1", ERROR, f"{reason}: {note or f'{p.label} has no such command'}")
                    out.kind, out.word, out.arg = kind, word, arg
                    self._length(out, body, command=False)
                    return out
                fixed = self.render(kind, word, arg)
                target = p.command(kind) if kind is not None else p.prefix + word
                add("L1", ERROR, reason, f"write {q(fixed[0])}" if fixed else f"use {target}")
                needs_fix = True
            elif lowered is not None:
                out.role = Role.COMMAND
                word, arg = lowered
                kind = VERB_ALIASES.get(word)
                typed = body.split(None, 1)[0]
                fixed = self.render(kind, word, arg)
                add(
                    "L1",
                    ERROR,
                    f"{typed}: {p.label} reads command words only in lower case",
                    f"write {q(fixed[0])}" if fixed else f"write {p.prefix}{word}",
                )
                needs_fix = True
            else:
                self._unknown_or_narrative(out, body, reading.unknown)
                if needs_fix and out.role == Role.NARRATIVE and out.replacement is None:
                    fits = utf8_len(body) <= self.max_bytes
                    out.replacement = [body] if fits else self.render_note(clean_line(body))
                return out

        out.kind, out.word, out.arg = kind, word, arg
        if out.role == Role.COMMAND:
            needs_fix = command_checks(self, out, body, kind, word, arg) or needs_fix
            if out.replacement == []:
                return out
        if self._length(out, body, command=out.role in (Role.COMMAND, Role.AUTOLINK)):
            needs_fix = True
        if needs_fix and out.replacement is None:
            if out.role == Role.COMMAND:
                out.replacement = self.render(kind, word, out.arg)
                if out.replacement is None and body != text and self.reads(body):
                    # cannot re-render (say a link without a URL): keep the mechanical fixes
                    out.replacement = [body] if utf8_len(body) <= self.max_bytes else None
            elif out.role == Role.AUTOLINK:
                out.replacement = [body] if utf8_len(body) <= self.max_bytes else None
        return out

    def _reads_without_channel(self, body: str) -> bool:
        r = read_line(self.profile, body)
        return r.is_command and not r.unknown

    def _lowered(self, body: str) -> tuple[str, str] | None:
        """A command the target reads once its command word is lower-cased."""
        head, sep, rest = body.partition(" ")
        if head == head.lower():
            return None
        r = read_line(self.profile, head.lower() + sep + rest, channel=self.channel)
        if r.is_command and not r.unknown and r.command:
            return r.command, r.text
        return None

    def _why_unread(self, unknown: bool, typed: str) -> str:
        p = self.profile
        if unknown:
            return f"{typed} is not a {p.label} command: it answers 'Unknown command'"
        if p.family == "matrix":
            return f"{typed} is not a command for {p.label}: it logs the line as plain text"
        return f"{typed} is not a command for {p.label}: the line is plain text"

    def _unknown_or_narrative(self, out: Line, body: str, unknown: bool) -> None:
        p = self.profile
        lineno = out.lineno
        probe = read_line(self.hcoop, body)
        word = probe.command if probe.unknown and probe.command else None
        if word is not None:
            typed = body.split(None, 1)[0]
            if word == "agenda":
                out.findings.append(
                    Finding(
                        "L17",
                        lineno,
                        f"{typed} is not a command of any MeetBot"
                        + (": it answers 'Unknown command'" if unknown else ": plain text"),
                        f"{self.cmd(Kind.LINK)} <agenda URL> Agenda, or"
                        f" {self.cmd(Kind.INFO)} with the agenda",
                        ERROR if unknown else WARNING,
                    )
                )
                out.role = Role.OTHER
                self._length(out, body, command=False)
                return
            close = difflib.get_close_matches(word, sorted(p.known_commands), n=1, cutoff=0.75)
            if unknown or close:
                hint = f"did you mean {p.prefix}{close[0]}?" if close else None
                out.findings.append(
                    Finding(
                        "L1",
                        lineno,
                        self._why_unread(unknown, typed),
                        hint,
                        ERROR if unknown else WARNING,
                    )
                )
                out.role = Role.OTHER
                self._length(out, body, command=False)
                return
        out.role = Role.NARRATIVE
        out.findings.append(Finding("L15", lineno, self.l15_message, self.l15_fix(body), INFO))
        self._length(out, body, command=False)

    def _length(self, out: Line, body: str, *, command: bool) -> bool:
        """L11 for a line over the byte limit; True when it is."""
        text = out.text
        if fits(text, self.max_bytes):
            return False
        size = utf8_len(text)
        where = (
            "the rest arrives as plain text and is lost from the minutes"
            if command
            else "clients split it into several messages"
        )
        out.findings.append(
            Finding(
                "L11",
                out.lineno,
                f"{size} bytes, over the {self.max_bytes}-byte limit: {where}",
                "split it into several lines; --fix does",
                ERROR if command else WARNING,
            )
        )
        if out.role == Role.NARRATIVE and out.replacement is None:
            out.replacement = self.render_note(clean_line(body))
        return True
