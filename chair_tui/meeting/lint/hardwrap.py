"""L20: one sentence hard-wrapped over several lines, and the findings of such a run.

A chair's notes are often wrapped at some width; pasted as they are, every piece after the
first is a line of its own, and a command keeps only its first piece.  :func:`wrap_groups`
finds the runs a fix joins into one line (:func:`~chair_tui.meeting.lint.fixes.plan_fixes`),
and on the way puts together every finding of the lines in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from chair_tui.meeting.botsim import URL_RE
from chair_tui.meeting.lint.findings import ERROR, INFO, RANK, WARNING, Finding, Row, as_rows
from chair_tui.meeting.lint.plain import fits
from chair_tui.meeting.lint.target import Info, Line, Role, Target
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import LABELLED_KINDS, NOTE_ESCAPE
from chair_tui.meeting.text import utf8_len

# Kinds whose text may go on over a hard-wrapped next line.
TEXT_KINDS = LABELLED_KINDS | {Kind.TOPIC, Kind.LINK, Kind.START}
# A line that ends like this stops mid-sentence ...
_MID_SENTENCE_END = ",;-–—&/(+"
# ... and is only taken for hard-wrapped when it is about as long as wrapped lines are.
_WRAP_MIN_CHARS = 50
# In a raw log, the longest pause (seconds) between two pieces of one pasted sentence ...
MAX_GAP_SECONDS = 10
# ... and the pause under which the lines are surely one paste, whatever their case.
PASTE_GAP_SECONDS = 1


def ends_mid_sentence(text: str) -> bool:
    """Whether ``text`` (a run joined so far) stops in the middle of a sentence: it is about
    as long as a wrapped line, ends on a letter, a digit or one of ``, ; - & / ( +``, and its
    last word is no URL (a URL is put last, not cut)."""
    tail = text.strip()
    if len(tail) < _WRAP_MIN_CHARS:
        return False
    if not (tail[-1].isalnum() or tail[-1] in _MID_SENTENCE_END):
        return False
    return URL_RE.fullmatch(tail.rsplit(" ", 1)[-1]) is None


def goes_on(t: Target, body: str) -> bool:
    """Whether the line ``body`` can go on a sentence: it starts in lower case, with no URL,
    and its first word is not a nick (``neal: …``, ``neal++``: said to or of someone)."""
    if not body[:1].islower() or URL_RE.match(body):
        return False
    first = body.split(" ", 1)[0].rstrip(":,;+")
    return not t.nick_index.knows(first)


def starts_upper(body: str, narrative: bool) -> bool:
    """Whether the text of a line (a command's argument) starts with a capital letter."""
    text = body if narrative else body.partition(" ")[2]
    return text.lstrip()[:1].isupper()


def wrap_groups(
    t: Target,
    linenos: Sequence[int],
    texts: Sequence[str],
    infos: Sequence[Info],
    rows: list[Row] | None = None,
) -> list[list[int]]:
    """Index runs of lines that look like one sentence hard-wrapped over several lines.

    ``infos`` is what :meth:`~.lines.LineAnalyser.analyse_lines` made of the lines
    ``linenos``/``texts``.  A run starts at a narrative line or a command with text that lint
    can fix, and goes on over narrative lines that can go on a sentence (:func:`goes_on`),
    each after a line that ends mid-sentence (:func:`ends_mid_sentence`).
    Lines that fixing drops (blank lines, empty commands) do not break a run, so the fixed
    text has no run left to find.  In a raw log (``t.seconds`` known) a line said by someone
    else breaks a run, and so does a pause of more than :data:`MAX_GAP_SECONDS`; and since
    chat is often typed all in lower case, a line in lower case only goes on a sentence that
    starts with a capital letter, unless it came within :data:`PASTE_GAP_SECONDS` (a paste).

    With ``rows``, every finding of the lines is added to it, unsorted: a line's once it is
    known to be in no run, a run's (:func:`run_rows`) once the run ends.
    """
    budget = t.max_bytes - utf8_len(NOTE_ESCAPE)
    groups: list[list[int]] = []
    head = -1  # the line that starts the run so far (-1: none can)
    run: list[int] = []  # the run, once a second line joins it
    start = ""  # the text of its first line
    joined = ""  # the run as one line
    narrative_run = False
    plain_run = False  # every line of the run is a plain line
    prev = -1  # the last line kept
    seconds = t.seconds
    upper = True  # the run's first line starts with a capital letter (or the times are unknown)
    pasted = True  # every pause of the run so far is a paste's
    out: list[Row] = [] if rows is None else rows
    emit = rows is not None
    # what a plain line alone and a run of plain lines get (the common case of
    # run_rows), made here for speed
    l15, l20 = RANK["L15"], RANK["L20"]
    message = t.l15_message
    fix_head = f"{t.info_command} " if t.info_command else None
    run_note, run_fix = t.run_note, t.run_fix

    def alone(h: int) -> None:
        """The findings of line ``h``, in no run (a quiet command has none)."""
        lone = infos[h]
        if lone is None:
            n = linenos[h]
            fix = None if fix_head is None else fix_head + texts[h].strip()
            out.append((n * 128 + l15, "L15", n, message, fix, INFO))
        elif isinstance(lone, Line):
            out.extend(as_rows(lone.findings))

    for i, (text, info) in enumerate(zip(texts, infos, strict=True)):
        if info is None:  # a plain narrative line (no "://" in it, so no URL first)
            narrative = can_start = True
            body = text
        elif isinstance(info, Line):
            if info.replacement == []:  # dropped by the fix: neither in a run nor ending one
                if emit:
                    out += as_rows(info.findings)
                continue
            narrative = info.role == Role.NARRATIVE
            body = info.body or info.text
            can_start = (
                narrative or (info.role == Role.COMMAND and info.kind in TEXT_KINDS)
            ) and info.can_wrap()
        else:  # a quiet command
            narrative = False
            body = text
            can_start = info in TEXT_KINDS
        gap = 0
        if seconds is not None and head >= 0:
            a, b = seconds[prev], seconds[i]
            gap = 0 if a is None or b is None else (b - a) % 86400
        if (
            head >= 0
            and narrative
            and linenos[i] - linenos[prev] == i - prev
            and gap <= MAX_GAP_SECONDS
            and (upper or (pasted and gap <= PASTE_GAP_SECONDS))
            and goes_on(t, body)
        ):
            if not run:
                joined = start.rstrip()
            # the run so far is one line once joined: its end and length are what count
            if ends_mid_sentence(joined):
                candidate = joined + " " + body.strip()
                if not narrative_run or fits(candidate, budget):
                    joined = candidate
                    if run:
                        run.append(i)
                    else:
                        run = [head, i]
                    plain_run = plain_run and info is None
                    pasted = pasted and gap <= PASTE_GAP_SECONDS
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
                out += run_rows(t, linenos, texts, infos, run)
            run = []
        elif head >= 0 and emit:
            alone(head)
        if can_start:
            head = i
            start = body
            narrative_run = narrative
            plain_run = info is None
            upper = seconds is None or starts_upper(body, narrative)
            pasted = True
        else:
            head = -1
            if emit and isinstance(info, Line):
                out += as_rows(info.findings)
        prev = i
    if run:
        groups.append(run)
        if emit:
            out += run_rows(t, linenos, texts, infos, run)
    elif head >= 0 and emit:
        alone(head)
    return groups


def run_rows(
    t: Target,
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
    if head is None or (isinstance(head, Line) and head.role == Role.NARRATIVE):
        message = span + t.run_note
        fix = None
        if t.info_command:
            fix = f"{t.info_command} " + " ".join(map(str.strip, map(texts.__getitem__, group)))
        if head is None:  # its only finding is its L15 note
            rows = [(key + RANK["L15"], "L15", first, message, fix, INFO)]
        else:
            rows = as_rows(
                Finding("L15", f.lineno, message, fix, f.severity) if f.code == "L15" else f
                for f in head.findings
            )
        wrap = f"{span} look like one sentence hard-wrapped over {len(group)} lines"
        rows.append((key + RANK["L20"], "L20", first, wrap, t.run_fix, WARNING))
    else:  # a command (a quiet one has no findings)
        rows = as_rows(head.findings) if isinstance(head, Line) else []
        wrap = (
            f"{span} look like one sentence hard-wrapped over {len(group)} lines: only"
            f" line {first} is a command, the rest is lost from the minutes"
        )
        fix = "join them into one line by hand: --fix never alters an item the bot records"
        rows.append((key + RANK["L20"], "L20", first, wrap, fix, ERROR))
    for i in group[1:]:
        member = infos[i]
        if isinstance(member, Line):
            rows += as_rows(f for f in member.findings if f.code != "L15")
    return rows
