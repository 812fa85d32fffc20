"""The rules about a line meant as a command: L2 (the start), L5 (nothing to record), L6
(links), L7 and L8 (action nicks), L9 (#chair and #unchair lists)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from chair_tui.meeting.botsim import URL_RE, assignees, link_url, starts_meeting
from chair_tui.meeting.lint.findings import ERROR, INFO, WARNING, Finding, Severity
from chair_tui.meeting.lint.target import Line, Target, q
from chair_tui.meeting.profiles import MINUTES_KINDS, AssignRule, Kind, LinkRule
from chair_tui.meeting.render import (
    LABELLED_KINDS,
    RenderError,
    is_label_only,
    normalise_link,
)
from chair_tui.meeting.text import clean_line

# Kinds whose command is pointless (or recorded empty) without text.
_NEEDS_TEXT = MINUTES_KINDS | {Kind.MEETINGNAME, Kind.CHAIR, Kind.NICK}
# Kinds with no rule of their own (L2, L6-L9), only the ones about their text (L5): what their
# text must be for none to apply (0 anything, 1 some text, 2 some text that is not a bare label)
_QUIET_TEXT: dict[Kind | None, int] = {
    kind: (2 if kind in LABELLED_KINDS else 1) if kind in _NEEDS_TEXT else 0
    for kind in frozenset(Kind) - {Kind.START, Kind.LINK, Kind.ACTION, Kind.CHAIR}
}


def quiet(kind: Kind | None, arg: str) -> bool:
    """Whether none of the rules about commands (L2, L5-L9) applies to a command of ``kind``
    with the argument ``arg``: :func:`command_checks` would find nothing
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


def command_checks(
    t: Target, out: Line, body: str, kind: Kind | None, word: str | None, arg: str
) -> bool:
    """Rules L2, L5-L9 for a line meant as a command; True when a fix is needed."""
    p = t.profile
    lineno = out.lineno
    needs_fix = False

    def add(code: str, severity: Severity, message: str, fix: str | None = None) -> None:
        out.findings.append(Finding(code, lineno, message, fix, severity))

    if kind is Kind.START:
        started, name = starts_meeting(p, body)
        if not started and not any(f.code in ("L1", "L2") for f in out.findings):
            add(
                "L2",
                ERROR,
                f"{p.label} does not start a meeting with {q(body.split()[0])}:"
                " the start command must be lower case in column 0",
                f"write {q(t.cmd(Kind.START) + (' ' + arg.strip() if arg else ''))}",
            )
            needs_fix = True
        if p.start_requires_name and not (name if started else arg).strip():
            add(
                "L2",
                ERROR,
                f"bare start: {p.label} refuses to start a meeting without a name",
                f"{t.cmd(Kind.START)} <meeting name>",
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
            f"{q(clean_line(arg))} has nothing after the label: an empty item in the minutes",
            "remove the line, or fill it in",
        )
        out.replacement = []
        return False
    if kind is Kind.LINK:
        needs_fix = _link(t, out, arg) or needs_fix
    if kind is Kind.ACTION:
        needs_fix = _action(t, out, arg) or needs_fix
    if word in ("chair", "unchair"):
        needs_fix = _chair(t, out, word, arg) or needs_fix
    return needs_fix


def _link(t: Target, out: Line, arg: str) -> bool:
    p = t.profile
    text = clean_line(arg)
    first = text.split(" ", 1)[0]
    taken = link_url(p, text)
    cmd = t.cmd(Kind.LINK) or f"{p.prefix}link"
    try:
        fixed, _note = normalise_link(text)
    except RenderError:
        fixed = None
    fix = f"write {q(cmd + ' ' + fixed)}" if fixed else "put a URL with its scheme first"
    if not URL_RE.fullmatch(first):
        if URL_RE.search(text):
            wrong = not URL_RE.fullmatch(taken) and p.link_rule is not LinkRule.VERBATIM
            msg = (
                f"the URL is not the first word: {p.label} takes {q(taken)} as the URL"
                if wrong
                else "the URL is not the first word: bots that take the first word as"
                " the URL (zodbot, meetingology) record a broken link"
            )
        elif fixed:
            msg = f"{q(first)} has no scheme: the minutes will not show it as a link"
            wrong = True
        else:
            msg = "no URL in this link: the minutes get a link item that goes nowhere"
            wrong = True
        # a bot that finds the URL where it is records the link as meant: a note only
        out.findings.append(Finding("L6", out.lineno, msg, fix, ERROR if wrong else INFO))
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


def _action(t: Target, out: Line, arg: str) -> bool:
    p = t.profile
    if t.roster is None or not p.assigns_actions:
        return False
    text = clean_line(arg)
    index = t.nick_index
    # the nicks the text can hold: the only ones any rule can find (linear in the roster)
    roster = index.in_order(text)
    mentions = index.mentions
    got = index.assignees(p, text)
    missed = [n for n in roster if mentions(n, text) and n not in got]
    extra = [n for n in got if not mentions(n, text)]
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
            f"write {q(t.cmd(Kind.ACTION) + ' ' + respaced, 80)}"
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
                f"name the nick (say {t.cmd(Kind.NICK) or '#nick'} <nick> first if"
                " they have not spoken)",
                INFO,
            )
        )
    return needs_fix


def _chair(t: Target, out: Line, word: str, arg: str) -> bool:
    p = t.profile
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
    if t.roster is not None:
        by_lower = t.spoken_by_lower
        wrong = []
        for i, nick in enumerate(nicks):
            real = by_lower.get(nick.lower())
            if real is not None and real != nick and nick not in t.spoken_set:
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
            f"write {q(p.prefix + word + ' ' + arg_fixed)}",
            severity,
        )
    )
    out.arg = arg_fixed
    if word == "unchair":
        out.replacement = t.render(None, word, arg_fixed)
    return True
