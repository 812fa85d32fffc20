"""What one point of the notes is: a topic, an info, a decision, an action, a link…

:func:`classify` turns a :class:`~.blocks.Block` into the :class:`~chair_tui.meeting.model.Entry`
to render (or a raw command line to send as it is), with the notes it makes on the way.  The
rules are those of ``docs/notes.md``; anything unsure is an ``#info``, and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chair_tui.meeting.botsim import URL_RE, read_line
from chair_tui.meeting.model import Entry
from chair_tui.meeting.notes.blocks import Block, BlockKind
from chair_tui.meeting.notes.names import Found, Roster, listed_names
from chair_tui.meeting.notes.report import Code, Note
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.rawpolicy import Verdict, policy
from chair_tui.meeting.render import is_label_only
from chair_tui.meeting.text import utf8_len
from chair_tui.meeting.votes import normalise_tally


@dataclass(frozen=True, slots=True)
class Context:
    profile: Profile
    roster: Roster
    tally_template: str
    max_bytes: int


@dataclass(slots=True)
class Classified:
    """What a point becomes: ``entry`` to render (None: nothing is sent), ``raw`` a raw
    command line sent as written; ``text`` the point's text (kept as an #info when the entry
    cannot be rendered)."""

    lineno: int
    text: str
    entry: Entry | None = None
    raw: str | None = None
    notes: list[Note] = field(default_factory=list)

    def note(self, code: Code, message: str) -> None:
        self.notes.append(Note(self.lineno, code, message))


# A label: a few words, then a colon and the rest ("Agreed: …", "**AI:** …", "Slides: URL").
_LABEL = re.compile(
    r"(?:\*\*|__)?([A-Za-z][\w /&.'-]{0,38}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:[ \t]+(.*))?$"
)
_COMMAND = re.compile(r"[#!]([A-Za-z][A-Za-z_-]*)(?::)?(?:[ \t]|$)")

TOPIC_LABELS = frozenset({"topic", "subject", "agenda item", "item"})
DECISION_LABELS = frozenset(
    {"agreed", "agree", "decision", "decided", "resolved", "resolution", "accepted"}
)
REJECTED_LABELS = frozenset({"rejected", "declined"})
ACTION_LABELS = frozenset({"ai", "action", "action item", "todo", "to do"})
INFO_LABELS = frozenset({"info", "note", "fyi"})
ROSTER_LABELS = frozenset(
    {"present", "attendees", "attendance", "attending", "regrets", "apologies", "absent"}
)
_SEPARATORS = frozenset({"and", "&", "+", "/"})


def classify(block: Block, ctx: Context) -> Classified:
    """What ``block`` becomes for ``ctx.profile``."""
    out = Classified(block.first, block.text)
    text = block.text
    if block.kind is BlockKind.HEADING:
        label, rest = _label(text)
        title = rest if label is not None and label in TOPIC_LABELS and rest else text
        out.entry = Entry(Kind.TOPIC, title)
        return out
    if block.kind is BlockKind.CODE:
        out.entry = Entry(Kind.INFO, text)
        out.note(Code.UNSURE, "a line of a code block: kept as an info")
        return out
    if _COMMAND.match(text) is not None:
        if _raw(out, ctx):
            return out
    label, rest = _label(text)
    if label is not None:
        if not rest:
            out.note(Code.DROPPED, f"{text!r} has nothing after the label: dropped")
            return out
        if label in TOPIC_LABELS:
            out.entry = Entry(Kind.TOPIC, rest)
            return out
        if label in DECISION_LABELS:
            _decision(out, ctx, Kind.DECISION, rest)
            return out
        if label in REJECTED_LABELS:
            _decision(out, ctx, Kind.REJECTED, rest)
            return out
        if label in ACTION_LABELS:
            _action(out, ctx, rest)
            return out
        if label in INFO_LABELS:
            out.entry = Entry(Kind.INFO, rest)
            return out
        if label in ROSTER_LABELS:
            _roster_check(out, ctx, rest)
            out.entry = Entry(Kind.INFO, text)
            return out
        if URL_RE.fullmatch(rest):
            out.entry = Entry(Kind.LINK, f"{rest} {text[: text.index(':')].strip('*_ ')}")
            return out
    if URL_RE.fullmatch(text):
        out.entry = Entry(Kind.LINK, text)
        return out
    if ctx.roster and _will_action(out, ctx, text):
        return out
    out.entry = Entry(Kind.INFO, text)
    return out


def _label(text: str) -> tuple[str | None, str]:
    """The label of ``text`` in lower case and what follows it, or (None, text)."""
    m = _LABEL.match(text)
    if m is None:
        return None, text
    return " ".join(m.group(1).lower().split()), (m.group(2) or "").strip()


def _raw(out: Classified, ctx: Context) -> bool:
    """A point that already is a MeetBot command, through the raw-command policy; False when
    the policy reads it as plain text after all."""
    profile = ctx.profile
    text = out.text
    decision = policy(profile, text)
    word, _, rest = text[1:].partition(" ")
    rest = rest.strip()
    typed = text[0] + word
    if decision.verdict is Verdict.ROUTE:
        out.note(
            Code.ROUTED,
            f"{typed} is not copied into the lines: {decision.own_key()} in chair-tui, "
            "or compile --whole",
        )
        return True
    if decision.verdict is Verdict.REFUSE:
        if not rest or is_label_only(rest):
            out.note(Code.DROPPED, f"{typed} with nothing after it: dropped")
            return True
        out.entry = Entry(Kind.INFO, text)
        out.note(Code.REFUSED, f"kept as an info: {decision.reason}")
        return True
    kind = decision.kind
    if decision.command is None or kind is None:
        return False  # plain text ("#123 is fixed")
    if decision.reason:
        out.note(Code.REWRITTEN, decision.reason)
    low = decision.command
    if low in ("chair", "unchair") and rest:
        # the bots compare nicks exactly and read a comma as part of a nick
        by_lower = {n.lower(): n for n in ctx.roster.nicks}
        rest = " ".join(by_lower.get(w.lower(), w) for w in re.split(r"[\s,]+", rest) if w)
    if kind is Kind.NOTE:  # a raw-only command (#unchair, #meetingtopic…): sent as written
        line = profile.prefix + low + (f" {rest}" if rest else "")
        reading = read_line(profile, line)
        if reading.is_command and not reading.unknown and utf8_len(line) <= ctx.max_bytes:
            out.raw = line
        else:
            out.entry = Entry(Kind.INFO, text)
            out.note(Code.UNSURE, f"kept as an info: {typed} could not be written for the bot")
        return True
    if kind is Kind.DECISION or kind is Kind.REJECTED:
        _decision(out, ctx, kind, rest, verb=low)
    elif kind is Kind.ACTION:
        _action(out, ctx, rest)
    else:
        if kind is Kind.INFO and rest:
            label, after = _label(rest)
            if label in ROSTER_LABELS and after:
                _roster_check(out, ctx, after)
        out.entry = Entry(kind, rest, verb=low)
    return True


def _decision(
    out: Classified, ctx: Context, kind: Kind, rest: str, verb: str | None = None
) -> None:
    text = normalise_tally(rest, ctx.tally_template)
    if "((" in text and "((" not in rest:  # a tally written in parentheses already
        text = text.replace("((", "(").replace("))", ")")
    if text != rest:
        out.note(Code.REWRITTEN, f"the tally is written as the group writes it: {text!r}")
    if not ctx.profile.supports(kind):
        out.entry = Entry(Kind.INFO, f"{kind.value}: {text}")
        out.note(
            Code.NO_REJECTION, f"{ctx.profile.label} has no {kind.value} verb: kept as an info"
        )
        return
    out.entry = Entry(kind, text, verb=verb)


def _owners(ctx: Context, words: list[str], out: Classified) -> tuple[list[str], int]:
    """The nicks named by the leading words, and how many words they take."""
    roster = ctx.roster
    nicks: list[str] = []
    i = 0
    while i < len(words):
        if nicks and words[i].lower() in _SEPARATORS and i + 1 < len(words):
            i += 1
            continue
        took = 0
        for size in (2, 1):
            if i + size > len(words):
                continue
            name = " ".join(words[i : i + size]).strip("()[]")
            found = roster.resolve(name)
            if found.found is Found.NICK:
                if found.nicks[0] not in nicks:
                    nicks.append(found.nicks[0])
                took = size
                break
            if found.found is Found.AMBIGUOUS and size == 1:
                out.note(
                    Code.AMBIGUOUS_NAME,
                    f"{name!r} may be any of {', '.join(found.nicks)}: write the nick",
                )
        if not took:
            break
        last = words[i + took - 1]
        i += took
        if not last.rstrip(")]").endswith((",", "/")) and last.endswith((":", ")", "]")):
            break
    if nicks and i and words[i - 1].lower() in _SEPARATORS:
        i -= 1
    return nicks, i


def _action(out: Classified, ctx: Context, rest: str) -> None:
    words = rest.split(" ")
    nicks, _ = _owners(ctx, words, out) if ctx.roster else ([], 0)
    if not nicks:
        if not ctx.roster:
            out.note(Code.OWNERLESS, "no roster (--meeting): whom the bot assigns is not checked")
        else:
            first = words[0].strip("()[],:;")
            if first[:1].isupper() and ctx.roster.resolve(first).found is Found.UNKNOWN:
                out.note(Code.UNKNOWN_NAME, f"{first!r} is not in the roster")
            out.note(Code.OWNERLESS, "an action with no owner: the minutes list it unassigned")
    out.entry = Entry(Kind.ACTION, rest, nicks=tuple(nicks))


def _will_action(out: Classified, ctx: Context, text: str) -> bool:
    """``<name> will …``: an action of that member."""
    words = text.split(" ")
    probe = Classified(out.lineno, text)
    nicks, taken = _owners(ctx, words, probe)
    if not nicks or taken >= len(words) or words[taken].lower() != "will":
        return False
    out.notes.extend(probe.notes)
    out.entry = Entry(Kind.ACTION, text, nicks=tuple(nicks))
    return True


def _roster_check(out: Classified, ctx: Context, names: str) -> None:
    if not ctx.roster:
        return
    for name in listed_names(names):
        found = ctx.roster.resolve(name)
        if found.found is Found.UNKNOWN:
            out.note(Code.UNKNOWN_NAME, f"{name!r} is not in the roster")
        elif found.found is Found.AMBIGUOUS:
            out.note(Code.AMBIGUOUS_NAME, f"{name!r} may be any of {', '.join(found.nicks)}")
