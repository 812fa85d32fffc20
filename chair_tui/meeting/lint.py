"""Lint the lines a chair pastes (or pasted) for one target bot, and fix what can be fixed.

Every decision about whether a bot reads a line as a command goes through
:func:`chair_tui.meeting.botsim.read_line` / :func:`~chair_tui.meeting.botsim.starts_meeting`,
and every corrected line is made by :func:`chair_tui.meeting.render.render_entry`, so lint
and the composer can never disagree.  The rules are those of the MeetBot specification
(L1-L17, see ``docs/lint.md``) plus four about how lines travel (L18-L21).

Severities: ``error`` - the bot loses or misreads the line; ``warning`` - it is recorded, but
probably not as meant, or the client mangles it; ``info`` - worth knowing (narrative lines that
stay out of the minutes).
"""

from __future__ import annotations

import re
from itertools import compress, count, repeat
from operator import is_not, itemgetter, not_

from chair_tui.meeting.botsim import (
    URL_RE,
    Reading,
    assignees,
    command_pattern,
    link_url,
    read_line,
    starts_meeting,
)
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import (
    MINUTES_KINDS,
    PROFILES,
    VERB_ALIASES,
    AssignRule,
    Kind,
    LinkRule,
    Profile,
)
from chair_tui.meeting.render import (
    LABELLED_KINDS,
    NOTE_ESCAPE,
    RenderError,
    is_label_only,
    normalise_link,
    render_entry,
)
from chair_tui.meeting.text import DEFAULT_MAX_BYTES, clean_line, has_control, utf8_len
from chair_tui.meeting.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Stable rule codes and a short title for each (the full table is in docs/lint.md).
RULES: dict[str, str] = {
    "L1": "command the target bot does not read (wrong dialect, alias or unknown verb)",
    "L2": "#startmeeting that does not start the meeting as meant",
    "L3": "no #meetingname after the start (zodbot names the files after it)",
    "L4": "no #endmeeting: the bot writes no minutes",
    "L5": "command with nothing to record",
    "L6": "#link whose first word is not a URL with a scheme",
    "L7": "action nick the bot will not (or wrongly) assign",
    "L8": "action nobody is assigned",
    "L9": "#chair/#unchair with comma lists or nicks in the wrong case",
    "L10": "leading whitespace, or a colon after the command word",
    "L11": "line longer than the byte limit",
    "L15": "narrative line that stays out of the minutes",
    "L17": "#agenda, which no bot knows",
    "L18": "blank line",
    "L19": "line starting with '/', which the IRC client runs as a command",
    "L20": "one sentence hard-wrapped over several lines",
    "L21": "control characters (IRC colour or formatting codes)",
}

# Profiles whose users must name the files with #meetingname right after the start (L3).
_WANTS_MEETINGNAME = frozenset({"zodbot"})
# Kinds whose command is pointless (or recorded empty) without text.
_NEEDS_TEXT = MINUTES_KINDS | {Kind.MEETINGNAME, Kind.CHAIR, Kind.NICK}
# Kinds whose text may go on over a hard-wrapped next line.
_TEXT_KINDS = LABELLED_KINDS | {Kind.TOPIC, Kind.LINK, Kind.START}
# Kinds with no rule of their own (L2, L6-L9), only the ones about their text (L5): what their
# text must be for none to apply (0 anything, 1 some text, 2 some text that is not a bare label)
_QUIET_TEXT: dict[Kind | None, int] = {
    kind: (2 if kind in LABELLED_KINDS else 1) if kind in _NEEDS_TEXT else 0
    for kind in frozenset(Kind) - {Kind.START, Kind.LINK, Kind.ACTION, Kind.CHAIR}
}
# A line that ends like this stops mid-sentence (L20) ...
_MID_SENTENCE_END = ",;-–—&/(+"
# ... and is only taken for hard-wrapped when it is about as long as wrapped lines are.
_WRAP_MIN_CHARS = 50
# Control characters but the tab (L21 ignores tabs); compiled on first use, see text.py.
_CONTROL_BUT_TAB = r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]"


def _is_clean(text: str) -> bool:
    """Whether none of the mechanical rules applies to ``text``, so :meth:`_Linter.analyse`
    can read it as it is: it starts with no blank and no '/' (L18, L19, L10), holds no control
    character but tabs (L21), and its first word does not end with ':' (L10)."""
    if not text:
        return False
    first = text[0]
    if first == "/" or first.isspace():
        return False
    if not text.isprintable() and re.search(_CONTROL_BUT_TAB, text) is not None:
        return False
    space = text.find(" ")
    return (text[space - 1] if space > 0 else text[-1]) != ":"


# A clean line that starts with none of these and has no "://" in it is plain text for every
# bot: no bot reads a command, a start or an automatic link in it, nor a command once its
# first word is lower-cased.  tests/core/test_lint.py checks the full analysis agrees.  ('/'
# and the empty string are here because such lines are not clean.)
_NOT_PLAIN_FIRST = "/#!["


def _is_plain(text: str, max_bytes: int) -> bool:
    """Whether ``text`` is a plain narrative line: clean, starting with none of ``#![``,
    without ``://`` and within the byte limit (see :meth:`_Linter.analyse_lines`)."""
    return (
        text[:1] not in _NOT_PLAIN_FIRST
        and "://" not in text
        and _fits(text, max_bytes)
        and _is_clean(text)
    )


# The first word of a clean line does not end with ':' (L10; see _is_clean).
_FIRST_WORD = r"(?![^ ]*:(?: |\Z))"


def _plain_ascii_re(max_bytes: int) -> re.Pattern[str]:
    """:func:`_is_plain` for the lines of printable ASCII, in one match: what it matches is a
    plain line, and every plain line of printable ASCII matches (test_lint.py checks this)."""
    return re.compile(
        r"(?=[^ /#!\[])"  # no blank (L18, L10) or '/' (L19) first, nor a command's first character
        + rf"(?=[ -~]{{1,{max_bytes}}}\Z)"  # printable ASCII (no control character), short enough
        + _FIRST_WORD
        + r"(?!.*://)"  # no URL
    )


def _not_plain(texts: Sequence[str], max_bytes: int) -> list[int]:
    """The indexes of ``texts`` but those :func:`_plain_ascii_re` finds plain: most plain
    lines are left out, in one pass in C (a plain line that is not printable ASCII is in)."""
    return list(compress(count(), map(not_, map(_plain_ascii_re(max_bytes).match, texts))))


# A finding as lint_rows gives it: (sort key, code, lineno, message, fix, severity).  The key
# orders the findings by line, then in the order of RULES: lineno * 128 + the rule's rank.
Row = tuple[int, str, int, str, "str | None", str]
_RANK = {code: i for i, code in enumerate(RULES)}
_KEY = itemgetter(0)


class Finding(Value):
    """One problem: ``code`` (``"L5"``), the file line, a one-line message, a suggested fix."""

    __slots__ = ("code", "fix", "lineno", "message", "severity")
    _fields = ("code", "lineno", "message", "fix", "severity")

    def __init__(
        self, code: str, lineno: int, message: str, fix: str | None, severity: str
    ) -> None:
        self.code = code
        self.lineno = lineno
        self.message = message
        self.fix = fix
        self.severity = severity

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "line": self.lineno,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }


class Fix(Value):
    """What replaces the source lines ``linenos``: ``lines`` (empty when they are dropped)."""

    __slots__ = ("changed", "linenos", "lines")
    _fields = ("linenos", "lines", "changed")

    def __init__(self, linenos: tuple[int, ...], lines: tuple[str, ...], changed: bool) -> None:
        self.linenos = linenos
        self.lines = lines
        self.changed = changed


class _Line:
    """What lint makes of one line (internal)."""

    __slots__ = ("arg", "body", "findings", "kind", "lineno", "replacement", "role", "text", "word")

    def __init__(self, lineno: int, text: str, role: str, body: str = "") -> None:
        self.lineno = lineno
        self.text = text
        self.role = role  # "blank", "slash", "command", "autolink", "narrative", "other"
        self.kind: Kind | None = None
        self.word: str | None = None  # command word as the bot reads it
        self.arg = ""  # the argument the bot records
        self.findings: list[Finding] = []
        self.replacement: list[str] | None = None  # None: keep the line as it is
        self.body = body  # the text after the mechanical fixes (whitespace, colon, controls)

    def can_wrap(self) -> bool:
        """Whether a hard-wrapped sentence can start here (not on a line lint cannot fix)."""
        l1 = False
        for f in self.findings:
            code = f.code
            if code == "L5" or code == "L17":
                return False
            if code == "L1":
                l1 = True
        return self.replacement is not None or not l1


# What lint makes of one line (_Linter.analyse_lines): None for a plain narrative line (its L15
# note and nothing else), a Kind for a command none of the rules applies to (no finding, no
# fix: "quiet"), else the full _Line.
Info = _Line | Kind | None


def _fits(text: str, max_bytes: int) -> bool:
    """Whether ``text`` is at most ``max_bytes`` bytes long in UTF-8 (L11)."""
    return len(text) <= max_bytes and (text.isascii() or utf8_len(text) <= max_bytes)


def _q(text: str, limit: int = 60) -> str:
    """``text`` in backquotes for a message, shortened to ``limit`` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`"


def _ends_mid_sentence(text: str) -> bool:
    tail = text.strip()
    if len(tail) < _WRAP_MIN_CHARS:
        return False
    return tail[-1].isalnum() or tail[-1] in _MID_SENTENCE_END


def _quiet(kind: Kind | None, arg: str) -> bool:
    """Whether none of the rules about commands (L2, L5-L9) applies to a command of ``kind``
    with the argument ``arg``: :meth:`_Linter._command_checks` would find nothing
    (tests/core/test_lint.py checks this against it)."""
    needs = _QUIET_TEXT.get(kind)
    return needs is not None and (
        not needs or (arg.strip() != "" and (needs == 1 or not _may_be_label(arg)))
    )


def _may_be_label(arg: str) -> bool:
    """False when ``clean_line(arg)`` is surely no bare label (``regrets:``, L5): that ends
    with a colon, and clean_line only drops controls and spacing (a printable text has no
    spacing but spaces)."""
    return ":" in arg and (not arg.isprintable() or arg.rstrip().endswith(":"))


def _mentions(nick: str, text: str) -> bool:
    pattern = r"(?<![\w\[\]\-])" + re.escape(nick) + r"(?![\w\[\]\-])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _respace_nicks(text: str, nicks: Iterable[str]) -> str:
    """``text`` with nicks as separate words in roster case: ``@neal/Chris,`` -> ``neal Chris``."""
    by_lower = {n.lower(): n for n in nicks}
    words: list[str] = []
    for token in text.split(" "):
        parts = token.lstrip("@").split("/")
        bare = [p.rstrip(",;") for p in parts]
        if all(b.lower() in by_lower for b in bare) and bare and all(bare):
            words.extend(by_lower[b.lower()] for b in bare)
        else:
            words.append(token)
    return " ".join(words)


class _Linter:
    def __init__(
        self,
        profile: Profile,
        max_bytes: int,
        channel: str | None,
        attendees: Iterable[str] | None,
        spoken: Iterable[str] = (),
    ) -> None:
        self.profile = profile
        self.max_bytes = max_bytes
        self.channel = channel
        self.roster: list[str] | None = None if attendees is None else list(attendees)
        # who spoke (or was #nick-ed): what a #chair nick must match exactly
        self.spoken = list(spoken)
        others = [p for p in PROFILES.values() if p.name != profile.name]
        # Try the strict dialects first so the reading is the canonical one.
        self.others = sorted(others, key=lambda p: (p.strips_leading_space, p.family == "hcoop"))
        self.hcoop = PROFILES["hcoop"]
        self._info = self._cmd(Kind.INFO)
        # a clean line the target reads as a known command, and how (see analyse_lines)
        pattern = command_pattern(profile)
        self._quick_command = None if pattern is None else re.compile(_FIRST_WORD + pattern).match
        self._l15_message = f"not a command: {profile.label} leaves this line out of the minutes"
        # what the findings of a hard-wrapped run say (see _run_rows)
        self._run_note = f" are not commands: {profile.label} leaves them out of the minutes"
        keep = f", then make it {self._info} to keep it" if self._info else ""
        self._run_fix = "join them into one line" + keep

    # ----------------------------------------------------------------------------------------
    # helpers

    def _reads(self, line: str) -> bool:
        r = read_line(self.profile, line, channel=self.channel)
        return r.is_command and not r.unknown

    def _other_reading(self, line: str) -> tuple[Profile, str, str] | None:
        for p in self.others:
            r = read_line(p, line)
            if r.is_command and not r.unknown and not r.auto_link and r.command:
                return p, r.command, r.text
        return None

    def _any_reads(self, line: str) -> bool:
        return self._reads(line) or self._other_reading(line) is not None

    def _cmd(self, kind: Kind) -> str:
        return self.profile.command(kind) if self.profile.supports(kind) else ""

    def _render(self, kind: Kind | None, word: str | None, arg: str) -> list[str] | None:
        """The corrected line(s) for a command, or None when it cannot be made."""
        p = self.profile
        if kind is None:
            if not word or word not in p.known_commands:
                return None
            cleaned = clean_line(arg)
            line = f"{p.prefix}{word}" + (f" {cleaned}" if cleaned else "")
            if utf8_len(line) > self.max_bytes or read_line(p, line).command != word:
                return None
            return [line]
        if not p.supports(kind):
            return None
        entry = Entry(kind, arg, verb=word)
        try:
            rendered = render_entry(entry, p, max_bytes=self.max_bytes, roster=self.roster or ())
        except RenderError:
            return None
        return [line.text for line in rendered.lines]

    def _render_note(self, text: str) -> list[str] | None:
        try:
            rendered = render_entry(Entry(Kind.NOTE, text), self.profile, max_bytes=self.max_bytes)
        except RenderError:
            return None
        return [line.text for line in rendered.lines]

    # ----------------------------------------------------------------------------------------
    # one line

    def analyse(self, lineno: int, text: str) -> _Line:
        return self.analyse_all([(lineno, text)])[0]

    def analyse_all(self, lines: Iterable[tuple[int, str]]) -> list[_Line]:
        """What lint makes of each line, as :class:`_Line` objects (see :meth:`analyse_lines`)."""
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
        lines that are not plain, or may not be (:func:`_not_plain`), when they are known.

        A plain line (:func:`_is_plain`) is plain text for every bot: it gets what
        :meth:`_unknown_or_narrative` would give it (``None``), without asking every bot how
        it reads the line; one regular expression finds most of them at once.  A clean line the
        target reads as a command none of the rules about commands applies to (:func:`_quiet`)
        is its kind; where :func:`~chair_tui.meeting.botsim.command_pattern` has a pattern for
        the target, one match reads such a line.  Most lines of a long log are one or the
        other, and get no object.  tests/core/test_lint.py checks that this agrees with the
        full analysis.
        """
        infos: list[Info] = [None] * len(texts)
        max_bytes = self.max_bytes
        profile = self.profile
        channel = self.channel
        quick = self._quick_command
        for i in _not_plain(texts, max_bytes) if others is None else others:
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
                if _quiet(kind, m[2]):
                    infos[i] = kind
                    continue
                reading = Reading(m[1], m[2])
            elif _is_plain(text, max_bytes):
                continue
            elif not _is_clean(text):
                infos[i] = self._analyse(linenos[i], text)
                continue
            else:
                reading = read_line(profile, text, channel=channel)
                word = reading.command
                if word is not None and not reading.unknown and not reading.auto_link:
                    kind = VERB_ALIASES.get(word)
                    if _quiet(kind, reading.text) and _fits(text, max_bytes):
                        infos[i] = kind
                        continue
            infos[i] = self._read(_Line(linenos[i], text, "other", text), text, False, reading)
        return infos

    def line_of(self, lineno: int, text: str, info: Info) -> _Line:
        """``info`` (what :meth:`analyse_lines` made of ``text``) as a :class:`_Line`."""
        if isinstance(info, _Line):
            return info
        if info is None:
            line = _Line(lineno, text, "narrative", text)
            line.findings.append(
                Finding("L15", lineno, self._l15_message, self._l15_fix(text), INFO)
            )
            return line
        # a quiet command: the full reading, which has nothing to say either
        return self._read(_Line(lineno, text, "other", text), text, False)

    def _l15_fix(self, text: str) -> str | None:
        info = self._info
        return f"{info} {text.strip()}" if info else None

    def _analyse(self, lineno: int, text: str) -> _Line:
        p = self.profile
        out = _Line(lineno, text, "other")
        needs_fix = False

        def add(code: str, severity: str, message: str, fix: str | None = None) -> None:
            out.findings.append(Finding(code, lineno, message, fix, severity))

        if not text.strip():
            add(
                "L18",
                WARNING,
                "blank line: an empty message cannot be sent (clients and bridges drop it),"
                " so it only breaks the paste into pieces",
                "remove the line",
            )
            out.role = "blank"
            out.replacement = []
            return out
        if text.startswith("/"):
            add(
                "L19",
                WARNING,
                "starts with '/': the IRC client runs it as a /command instead of sending it",
                "reword it so it does not start with '/'",
            )
            out.role = "slash"
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
                out.role = "narrative"
                out.body = text
                return out
            if self._reads(stripped) and not self._reads(text):
                add(
                    "L10",
                    ERROR,
                    f"leading whitespace: {p.label} only reads a command in column 0,"
                    " so this line is plain text",
                    f"remove the leading whitespace: {_q(stripped)}",
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
                out.role = "blank"
                out.replacement = []
                return out

        head, sep, rest = body.partition(" ")
        if len(head) > 2 and head.endswith(":"):
            candidate = head[:-1] + (" " + rest if sep else "")
            if self._any_reads(candidate):
                mine = read_line(p, body, channel=self.channel)
                if mine.is_command and not mine.unknown:
                    effect = f"{p.label} records the text as {_q(mine.text)}"
                else:
                    effect = f"{p.label} ignores the line"
                add(
                    "L10",
                    ERROR,
                    f"colon after the command word {head!r}: {effect}",
                    f"drop the colon: {_q(candidate)}",
                )
                body = candidate
                needs_fix = True
        out.body = body
        return self._read(out, body, needs_fix)

    def _read(
        self, out: _Line, body: str, needs_fix: bool, reading: Reading | None = None
    ) -> _Line:
        """The rules about how the bots read ``body``, the line after the mechanical fixes;
        ``reading`` is how the target reads it, when that is known."""
        p = self.profile
        lineno = out.lineno
        text = out.text

        def add(code: str, severity: str, message: str, fix: str | None = None) -> None:
            out.findings.append(Finding(code, lineno, message, fix, severity))

        if reading is None:
            reading = read_line(p, body, channel=self.channel)
        kind: Kind | None = None
        word: str | None = None
        arg = ""
        if reading.is_command and not reading.unknown:
            out.role = "command"
            word, arg = reading.command, reading.text
            kind = VERB_ALIASES.get(word or "")
            if reading.auto_link:
                kind = None
                out.role = "autolink"
        elif self.channel and self._reads_without_channel(body):
            add(
                "L1",
                ERROR,
                f"{p.label} ignores every line that starts with the channel name"
                f" {self.channel!r}, even a command",
                None,
            )
            out.role = "other"
        else:
            started, name = starts_meeting(p, body)
            other = None if started else self._other_reading(body)
            lowered = None if started or other is not None else self._lowered(body)
            if started:
                out.role = "command"
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
                    f"put a space after it: {_q(self._cmd(Kind.START) + ' ' + name)}",
                )
                needs_fix = True
            elif other is not None:
                out.role = "command"
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
                fixed = self._render(kind, word, arg)
                target = p.command(kind) if kind is not None else p.prefix + word
                add("L1", ERROR, reason, f"write {_q(fixed[0])}" if fixed else f"use {target}")
                needs_fix = True
            elif lowered is not None:
                out.role = "command"
                word, arg = lowered
                kind = VERB_ALIASES.get(word)
                typed = body.split(None, 1)[0]
                fixed = self._render(kind, word, arg)
                add(
                    "L1",
                    ERROR,
                    f"{typed}: {p.label} reads command words only in lower case",
                    f"write {_q(fixed[0])}" if fixed else f"write {p.prefix}{word}",
                )
                needs_fix = True
            else:
                self._unknown_or_narrative(out, body, reading.unknown)
                if needs_fix and out.role == "narrative" and out.replacement is None:
                    fits = utf8_len(body) <= self.max_bytes
                    out.replacement = [body] if fits else self._render_note(clean_line(body))
                return out

        out.kind, out.word, out.arg = kind, word, arg
        if out.role == "command":
            needs_fix = self._command_checks(out, body, kind, word, arg) or needs_fix
            if out.replacement == []:
                return out
        if self._length(out, body, command=out.role in ("command", "autolink")):
            needs_fix = True
        if needs_fix and out.replacement is None:
            if out.role == "command":
                out.replacement = self._render(kind, word, out.arg)
                if out.replacement is None and body != text and self._reads(body):
                    # cannot re-render (say a link without a URL): keep the mechanical fixes
                    out.replacement = [body] if utf8_len(body) <= self.max_bytes else None
            elif out.role == "autolink":
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

    def _unknown_or_narrative(self, out: _Line, body: str, unknown: bool) -> None:
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
                        f"{self._cmd(Kind.LINK)} <agenda URL> Agenda, or"
                        f" {self._cmd(Kind.INFO)} with the agenda",
                        ERROR if unknown else WARNING,
                    )
                )
                out.role = "other"
                self._length(out, body, command=False)
                return
            import difflib  # only for "did you mean"

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
                out.role = "other"
                self._length(out, body, command=False)
                return
        out.role = "narrative"
        out.findings.append(Finding("L15", lineno, self._l15_message, self._l15_fix(body), INFO))
        self._length(out, body, command=False)

    def _length(self, out: _Line, body: str, *, command: bool) -> bool:
        """L11 for a line over the byte limit; True when it is."""
        text = out.text
        if _fits(text, self.max_bytes):
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
        if out.role == "narrative" and out.replacement is None:
            out.replacement = self._render_note(clean_line(body))
        return True

    # ----------------------------------------------------------------------------------------
    # per-command rules

    def _command_checks(
        self, out: _Line, body: str, kind: Kind | None, word: str | None, arg: str
    ) -> bool:
        """Rules L2, L5-L9 for a line meant as a command; True when a fix is needed."""
        p = self.profile
        lineno = out.lineno
        needs_fix = False

        def add(code: str, severity: str, message: str, fix: str | None = None) -> None:
            out.findings.append(Finding(code, lineno, message, fix, severity))

        if kind is Kind.START:
            started, name = starts_meeting(p, body)
            if not started and not any(f.code in ("L1", "L2") for f in out.findings):
                add(
                    "L2",
                    ERROR,
                    f"{p.label} does not start a meeting with {_q(body.split()[0])}:"
                    " the start command must be lower case in column 0",
                    f"write {_q(self._cmd(Kind.START) + (' ' + arg.strip() if arg else ''))}",
                )
                needs_fix = True
            if p.start_requires_name and not (name if started else arg).strip():
                add(
                    "L2",
                    ERROR,
                    f"bare start: {p.label} refuses to start a meeting without a name",
                    f"{self._cmd(Kind.START)} <meeting name>",
                )
                out.replacement = None
                return False
            return needs_fix
        if kind in _NEEDS_TEXT and not arg.strip():
            what = "an empty link item" if kind is Kind.LINK else "an empty item"
            if kind in (Kind.CHAIR, Kind.NICK) or (
                p.family == "matrix" and kind in (Kind.TOPIC, Kind.MEETINGNAME)
            ):
                what = "nothing (the command does nothing)"
            elif kind is Kind.MEETINGNAME:
                what = "an empty meeting name"
            add(
                "L5",
                ERROR,
                f"{body.split()[0]} with nothing after it: the bot records {what}",
                "remove the line, or add the text",
            )
            out.replacement = []
            return False
        if kind in LABELLED_KINDS and is_label_only(clean_line(arg)):
            add(
                "L5",
                ERROR,
                f"{_q(clean_line(arg))} has nothing after the label: an empty item in the minutes",
                "remove the line, or fill it in",
            )
            out.replacement = []
            return False
        if kind is Kind.LINK:
            needs_fix = self._link(out, arg) or needs_fix
        if kind is Kind.ACTION:
            needs_fix = self._action(out, arg) or needs_fix
        if word in ("chair", "unchair"):
            needs_fix = self._chair(out, word, arg) or needs_fix
        return needs_fix

    def _link(self, out: _Line, arg: str) -> bool:
        p = self.profile
        text = clean_line(arg)
        first = text.split(" ", 1)[0]
        taken = link_url(p, text)
        cmd = self._cmd(Kind.LINK) or f"{p.prefix}link"
        try:
            fixed, _note = normalise_link(text)
        except RenderError:
            fixed = None
        fix = f"write {_q(cmd + ' ' + fixed)}" if fixed else "put a URL with its scheme first"
        if not URL_RE.fullmatch(first):
            if URL_RE.search(text):
                wrong = not URL_RE.fullmatch(taken) and p.link_rule is not LinkRule.VERBATIM
                msg = (
                    f"the URL is not the first word: {p.label} takes {_q(taken)} as the URL"
                    if wrong
                    else "the URL is not the first word: bots that take the first word as"
                    " the URL (zodbot, meetingology) record a broken link"
                )
            elif fixed:
                msg = f"{_q(first)} has no scheme: the minutes will not show it as a link"
                wrong = True
            else:
                msg = "no URL in this link: the minutes get a link item that goes nowhere"
                wrong = True
            out.findings.append(Finding("L6", out.lineno, msg, fix, ERROR if wrong else WARNING))
            return fixed is not None
        if first.endswith(".") or (first.endswith(")") and "(" not in first):
            out.findings.append(
                Finding(
                    "L6",
                    out.lineno,
                    f"the URL ends with {first[-1]!r}: bots that take the first word as the"
                    " URL keep it, and the link breaks",
                    fix,
                    ERROR if p.link_rule is LinkRule.FIRST_WORD else WARNING,
                )
            )
            return fixed is not None
        return False

    def _action(self, out: _Line, arg: str) -> bool:
        p = self.profile
        if self.roster is None or not p.assigns_actions:
            return False
        text = clean_line(arg)
        roster = self.roster
        got = assignees(p, text, roster)
        missed = [n for n in roster if _mentions(n, text) and n not in got]
        extra = [n for n in got if not _mentions(n, text)]
        needs_fix = False
        if missed:
            reasons: list[str] = []
            respaced = _respace_nicks(text, missed)
            if p.assign_rule is AssignRule.SUBSTRING_CS:
                reasons.append(f"{p.label} matches nicks case-sensitively")
            if p.assign_rule is AssignRule.TOKEN_CI:
                reasons.append(
                    f"{p.label} needs each nick as a separate word"
                    " ('neal,' '@neal' 'neal/Chris' \"neal's\" are not)"
                )
            if p.assign_rule is AssignRule.WORD_CI and any(
                not (n[0].isalnum() or n[0] == "_") or not (n[-1].isalnum() or n[-1] == "_")
                for n in missed
            ):
                reasons.append(f"{p.label} cannot match a nick that ends in ']' or similar")
            better = assignees(p, respaced, roster)
            fixable = respaced != text and all(n in better for n in missed)
            fix = (
                f"write {_q(self._cmd(Kind.ACTION) + ' ' + respaced, 80)}"
                if fixable
                else "write each nick exactly, as a separate word"
            )
            out.findings.append(
                Finding(
                    "L7",
                    out.lineno,
                    f"{', '.join(missed)} will not be assigned this action"
                    + (f": {'; '.join(reasons)}" if reasons else ""),
                    fix,
                    WARNING,
                )
            )
            if fixable:
                out.arg = respaced
                needs_fix = True
        if extra:
            out.findings.append(
                Finding(
                    "L7",
                    out.lineno,
                    f"{p.label} also lists this action under {', '.join(extra)}:"
                    " the nick appears inside another word",
                    "reword so the short nick does not appear inside a word",
                    WARNING,
                )
            )
        if not got and not missed:
            out.findings.append(
                Finding(
                    "L8",
                    out.lineno,
                    "no attendee's nick in this action: the minutes list it as unassigned",
                    f"name the nick (say {self._cmd(Kind.NICK) or '#nick'} <nick> first if"
                    " they have not spoken)",
                    INFO,
                )
            )
        return needs_fix

    def _chair(self, out: _Line, word: str, arg: str) -> bool:
        p = self.profile
        nicks = [n for n in re.split(r"[\s,]+", arg) if n]
        fixed_nicks = list(nicks)
        problems: list[str] = []
        severity = INFO
        if "," in arg:
            if word == "unchair" and p.family == "darst" and not p.bracket_commands:
                problems.append(
                    f"#unchair splits on spaces only in {p.label}: 'neal,' is no chair,"
                    " so neal stays a chair"
                )
                severity = ERROR
            else:
                problems.append("a comma list: space-separated nicks work the same in every bot")
        if self.roster is not None:
            by_lower = {n.lower(): n for n in self.spoken}
            wrong = []
            for i, nick in enumerate(nicks):
                real = by_lower.get(nick.lower())
                if real is not None and real != nick and nick not in self.spoken:
                    fixed_nicks[i] = real
                    wrong.append(f"{nick!r} is {real!r}")
            if wrong:
                problems.append("chair checks are case-exact: " + ", ".join(wrong))
                severity = ERROR if severity == ERROR else WARNING
        if not problems:
            return False
        arg_fixed = " ".join(dict.fromkeys(fixed_nicks))
        out.findings.append(
            Finding(
                "L9",
                out.lineno,
                "; ".join(problems),
                f"write {_q(p.prefix + word + ' ' + arg_fixed)}",
                severity,
            )
        )
        out.arg = arg_fixed
        if word == "unchair":
            out.replacement = self._render(None, word, arg_fixed)
        return True

    # ----------------------------------------------------------------------------------------
    # the whole sequence

    def wrap_groups(
        self,
        linenos: Sequence[int],
        texts: Sequence[str],
        infos: Sequence[Info],
        rows: list[Row] | None = None,
    ) -> list[list[int]]:
        """Index runs of lines that look like one sentence hard-wrapped over several lines.

        ``infos`` is what :meth:`analyse_lines` made of the lines ``linenos``/``texts``.  A run
        starts at a narrative line or a command with text that lint can fix, and goes on over
        narrative lines that start in lower case, each after a line that ends mid-sentence.
        Lines that fixing drops (blank lines, empty commands) do not break a run, so the fixed
        text has no run left to find.  In a raw log a line said by someone else does.

        With ``rows``, every finding of the lines is added to it, unsorted: a line's once it is
        known to be in no run, a run's (:meth:`_run_rows`) once the run ends.
        """
        budget = self.max_bytes - utf8_len(NOTE_ESCAPE)
        groups: list[list[int]] = []
        head = -1  # the line that starts the run so far (-1: none can)
        run: list[int] = []  # the run, once a second line joins it
        start = ""  # the text of its first line
        joined = ""  # the run as one line
        narrative_run = False
        plain_run = False  # every line of the run is a plain line
        prev = -1  # the last line kept
        out: list[Row] = [] if rows is None else rows
        emit = rows is not None
        # what a plain line alone and a run of plain lines get (the common case of
        # _run_rows), made here for speed
        l15, l20 = _RANK["L15"], _RANK["L20"]
        message = self._l15_message
        fix_head = f"{self._info} " if self._info else None
        run_note, run_fix = self._run_note, self._run_fix

        def alone(h: int) -> None:
            """The findings of line ``h``, in no run (a quiet command has none)."""
            lone = infos[h]
            if lone is None:
                n = linenos[h]
                fix = None if fix_head is None else fix_head + texts[h].strip()
                out.append((n * 128 + l15, "L15", n, message, fix, INFO))
            elif isinstance(lone, _Line):
                out.extend(_rows(lone.findings))

        for i, (text, info) in enumerate(zip(texts, infos, strict=True)):
            if info is None:  # a plain narrative line (no "://" in it, so no URL first)
                narrative = can_start = True
                body = text
            elif isinstance(info, _Line):
                if info.replacement == []:  # dropped by the fix: neither in a run nor ending one
                    if emit:
                        out += _rows(info.findings)
                    continue
                narrative = info.role == "narrative"
                body = info.body or info.text
                can_start = (
                    narrative or (info.role == "command" and info.kind in _TEXT_KINDS)
                ) and info.can_wrap()
            else:  # a quiet command
                narrative = False
                body = text
                can_start = info in _TEXT_KINDS
            if (
                head >= 0
                and narrative
                and body[:1].islower()
                and linenos[i] - linenos[prev] == i - prev
            ):
                if not run:
                    joined = start.rstrip()
                # the run so far is one line once joined: its end and length are what count
                if _ends_mid_sentence(joined) and (info is None or not URL_RE.match(body)):
                    candidate = joined + " " + body.strip()
                    if not narrative_run or _fits(candidate, budget):
                        joined = candidate
                        if run:
                            run.append(i)
                        else:
                            run = [head, i]
                        plain_run = plain_run and info is None
                        prev = i
                        continue
            # line i ends the run
            if run:
                groups.append(run)
                if not emit:
                    pass
                elif plain_run:
                    first = linenos[head]
                    span = f"lines {first}-{linenos[run[-1]]}"
                    fix = None
                    if fix_head is not None:
                        fix = fix_head + " ".join(map(str.strip, map(texts.__getitem__, run)))
                    out.append((first * 128 + l15, "L15", first, span + run_note, fix, INFO))
                    wrap = f"{span} look like one sentence hard-wrapped over {len(run)} lines"
                    out.append((first * 128 + l20, "L20", first, wrap, run_fix, WARNING))
                else:
                    out += self._run_rows(linenos, texts, infos, run)
                run = []
            elif head >= 0 and emit:
                alone(head)
            if can_start:
                head = i
                start = body
                narrative_run = narrative
                plain_run = info is None
            else:
                head = -1
                if emit and isinstance(info, _Line):
                    out += _rows(info.findings)
            prev = i
        if run:
            groups.append(run)
            if emit:
                out += self._run_rows(linenos, texts, infos, run)
        elif head >= 0 and emit:
            alone(head)
        return groups

    def _run_rows(
        self,
        linenos: Sequence[int],
        texts: Sequence[str],
        infos: Sequence[Info],
        group: Sequence[int],
    ) -> list[Row]:
        """The findings of a hard-wrapped run: one L15 note for a narrative run instead of one
        per piece, the run's L20, and what else its lines have."""
        first = linenos[group[0]]
        head = infos[group[0]]
        span = f"lines {first}-{linenos[group[-1]]}"
        key = first * 128
        rows: list[Row]
        if head is None or (isinstance(head, _Line) and head.role == "narrative"):
            message = span + self._run_note
            fix = None
            if self._info:
                fix = f"{self._info} " + " ".join(map(str.strip, map(texts.__getitem__, group)))
            if head is None:  # its only finding is its L15 note
                rows = [(key + _RANK["L15"], "L15", first, message, fix, INFO)]
            else:
                rows = _rows(
                    Finding("L15", f.lineno, message, fix, f.severity) if f.code == "L15" else f
                    for f in head.findings
                )
            wrap = f"{span} look like one sentence hard-wrapped over {len(group)} lines"
            rows.append((key + _RANK["L20"], "L20", first, wrap, self._run_fix, WARNING))
        else:  # a command (a quiet one has no findings)
            rows = _rows(head.findings) if isinstance(head, _Line) else []
            wrap = (
                f"{span} look like one sentence hard-wrapped over {len(group)} lines: only"
                f" line {first} is a command, the rest is lost from the minutes"
            )
            fix = "join them into one line; --fix does, and splits a long result into commands"
            rows.append((key + _RANK["L20"], "L20", first, wrap, fix, ERROR))
        for i in group[1:]:
            member = infos[i]
            if isinstance(member, _Line):
                rows += _rows(f for f in member.findings if f.code != "L15")
        return rows

    def findings(
        self,
        linenos: Sequence[int],
        texts: Sequence[str],
        infos: Sequence[Info],
        whole_meeting: bool,
    ) -> list[Row]:
        """Every finding as a :data:`Row`, by line, then in the order of :data:`RULES`."""
        out: list[Row] = []
        self.wrap_groups(linenos, texts, infos, out)
        if whole_meeting:
            out += _rows(_whole_meeting(self, linenos, infos))
        # by line, then in the order of RULES; sorted is stable, so this is the order in which
        # the findings of one line were made
        out.sort(key=_KEY)
        return out


def _rows(findings: Iterable[Finding]) -> list[Row]:
    rank = _RANK
    return [
        (f.lineno * 128 + rank[f.code], f.code, f.lineno, f.message, f.fix, f.severity)
        for f in findings
    ]


def _whole_meeting(linter: _Linter, linenos: Sequence[int], infos: Sequence[Info]) -> list[Finding]:
    p = linter.profile
    out: list[Finding] = []
    if not infos:
        return out
    # (lineno, kind) of every line but the plain ones, which have no kind
    kinds = [
        (linenos[i], x.kind if isinstance(x, _Line) else x)
        for i in compress(count(), map(is_not, infos, repeat(None)))
        if (x := infos[i]) is not None
    ]
    start = next((n for n, kind in kinds if kind is Kind.START), None)
    if start is not None and p.name in _WANTS_MEETINGNAME and p.supports(Kind.MEETINGNAME):
        if not any(kind is Kind.MEETINGNAME for n, kind in kinds if n > start):
            out.append(
                Finding(
                    "L3",
                    start,
                    f"no {p.command(Kind.MEETINGNAME)} after the start: {p.label} names the"
                    " minutes' files after the long start text",
                    f"add {p.command(Kind.MEETINGNAME)} <short-name> right after the start",
                    WARNING,
                )
            )
    if p.supports(Kind.END) and not any(kind is Kind.END for _n, kind in kinds):
        out.append(
            Finding(
                "L4",
                start if start is not None else max(linenos),
                f"the meeting is never ended: without {p.command(Kind.END)} {p.label} writes"
                " no minutes"
                + ("" if p.family == "matrix" else " and the meeting blocks the channel"),
                f"end with {p.command(Kind.END)}",
                ERROR,
            )
        )
    return out


def _roster(
    texts: Iterable[str], profile: Profile, attendees: Iterable[str] | None
) -> tuple[list[str] | None, list[str]]:
    """The nicks the bot knows (``attendees`` and whoever is ``#nick``-ed or ``#chair``-ed in
    ``texts``; None without attendees), and those a ``#chair`` nick must match exactly (who
    spoke or was ``#nick``-ed)."""
    if attendees is None:
        return None, []
    roster = list(dict.fromkeys(attendees))
    spoken = list(roster)
    # #nick and #chair make their nicks attendees wherever they are said
    for text in texts:
        if "#" not in text and "[" not in text:
            continue  # no bot reads #nick or #chair (or [nick], [chair]) here
        low = text.lower()  # the bots lower-case the command word
        if "nick" not in low and "chair" not in low:
            continue
        r = read_line(profile, text.lstrip())
        if r.command in ("nick", "chair"):
            for n in re.split(r"[\s,]+", r.text):
                if n and n not in roster:
                    roster.append(n)
                if n and r.command == "nick" and n not in spoken:
                    spoken.append(n)
    return roster, spoken


def _analyse_all(
    linenos: Sequence[int],
    texts: Sequence[str],
    profile: Profile,
    max_bytes: int,
    channel: str | None,
    attendees: Iterable[str] | None,
) -> tuple[_Linter, list[Info]]:
    others = _not_plain(texts, max_bytes)
    # a plain line is never a #nick or #chair (tests/core/test_lint.py checks this)
    roster, spoken = _roster(map(texts.__getitem__, others), profile, attendees)
    linter = _Linter(profile, max_bytes, channel, roster, spoken)
    return linter, linter.analyse_lines(linenos, texts, others)


def _columns(lines: Sequence[tuple[int, str]]) -> tuple[list[int], list[str]]:
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
) -> list[Row]:
    """:func:`lint_lines` of the lines ``zip(linenos, texts)``, as :data:`Row` tuples (what a
    long log needs: no object per finding)."""
    linter, infos = _analyse_all(linenos, texts, profile, max_bytes, channel, attendees)
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
    linenos, texts = _columns(lines)
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
    linenos, texts = _columns(lines)
    linter, infos = _analyse_all(linenos, texts, profile, max_bytes, channel, attendees)
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
            elif again.role == "narrative":
                new = [again.body.rstrip()]
            else:
                new = linter._render(again.kind, again.word, again.arg) or [joined]
            out.append(Fix(tuple(linenos[j] for j in group), tuple(new), True))
            continue
        if not isinstance(info, _Line) or info.replacement is None:
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
