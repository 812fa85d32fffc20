"""Turn entries into MeetBot lines for one profile: the only place lines are made.

Every line this module returns starts in column 0 with the profile's prefix and a lower-case
verb (or is plain narrative text), has one space after the verb, no trailing whitespace, no
control characters and at most ``max_bytes`` UTF-8 bytes.  Each line is read back through the
bot model before it is returned, so a line the bot would misread is never emitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chair_tui.meeting.botsim import URL_RE, read_line, starts_meeting
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import MEETBOT, PROFILES, VERB_ALIASES, Kind, Profile
from chair_tui.meeting.text import (
    DEFAULT_MAX_BYTES,
    Piece,
    clean_line,
    clean_paragraphs,
    is_strict_nick,
    split_text,
    utf8_len,
)

NOTE_ESCAPE = "note: "
_LABEL_ONLY_RE = re.compile(r"^[^\s:][^:]{0,40}:$")
_DOMAIN = r"^[\w-]+(\.[\w-]+)+(/\S*)?$"  # compiled on first use (a link without a scheme)
_TRAILING_PUNCT = ".,;"
_NEEDS_TEXT = frozenset(Kind) - {Kind.UNDO, Kind.END}


# The verbs most chairs know (MeetBot's); a profile that spells one differently says so.
_USUAL_VERBS: dict[Kind, str] = dict(MEETBOT.verbs)
# Kinds whose text may not be a bare label such as "regrets:" (an empty item in the minutes).
LABELLED_KINDS = frozenset(
    {Kind.INFO, Kind.DECISION, Kind.REJECTED, Kind.ACTION, Kind.IDEA, Kind.HELP}
)


def is_label_only(text: str) -> bool:
    """Whether ``text`` is only a label with nothing after it (``regrets:``)."""
    return _LABEL_ONLY_RE.match(text) is not None


class RenderError(ValueError):
    """An entry that cannot become a line the target bot would record as meant."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line to paste.  ``payload`` is the text after the verb (the whole line for notes)."""

    text: str
    kind: Kind
    payload: str
    joiner: str = ""
    continuation: bool = False


@dataclass(frozen=True, slots=True)
class Rendered:
    lines: tuple[Line, ...]
    notes: tuple[str, ...] = ()


def verb_for(profile: Profile, entry: Entry) -> tuple[str, str | None]:
    """The verb to emit for ``entry`` and a note when it differs from what the chair asked."""
    if entry.verb and entry.verb in profile.known_commands and profile.family != "matrix":
        if VERB_ALIASES.get(entry.verb) is entry.kind:
            return entry.verb, None
    if not profile.supports(entry.kind):
        raise RenderError(
            profile.notes.get(entry.kind)
            or f"{profile.label} has no command for {entry.kind.value} entries"
        )
    verb = profile.verb(entry.kind)
    note = None
    if entry.verb and entry.verb != verb:
        note = f"{profile.prefix}{entry.verb} is written {profile.prefix}{verb} for {profile.label}"
        if entry.kind in profile.notes:
            note += f" ({profile.notes[entry.kind]})"
    elif not entry.verb and entry.kind in profile.notes and verb != _USUAL_VERBS.get(entry.kind):
        # the chair thinks "#agreed"; this bot wants another word: say so
        note = profile.notes[entry.kind]
    return verb, note


def _is_plain(profile: Profile, text: str) -> bool:
    """Whether ``text`` is plainly chat: for this bot, before and during a meeting, and for
    any other bot.

    ``#startmeetingWG`` is no command during a meeting, but starts one in the Darst bots.  A
    line another dialect reads as a command (``!topic x`` for an IRC bot, ``#topic x`` for the
    Matrix bot), or this bot once lower-cased (``!Topic x``), looks like a mistaken command:
    lint reports it, so a note is not written that way.
    """
    reading = read_line(profile, text)
    if (
        text.startswith("/")
        or reading.is_command
        or reading.unknown
        or starts_meeting(profile, text)[0]
    ):
        return False
    head, sep, rest = text.partition(" ")
    if head != head.lower() and read_line(profile, head.lower() + sep + rest).is_command:
        return False
    for other in PROFILES.values():
        r = read_line(other, text)
        if r.is_command and not r.unknown and not r.auto_link:
            return False
    return True


def _escape_note(profile: Profile, text: str) -> str:
    return text if _is_plain(profile, text) else NOTE_ESCAPE + text


def _split_url_end(url: str) -> tuple[str, str]:
    """``url`` without the trailing punctuation a sentence puts after it, and that tail."""
    # One pass from the end: a ")" goes while the URL has more ")" than "(" (dropping the
    # other punctuation does not change that count, and no "(" is ever dropped).
    opens, closes = url.count("("), url.count(")")
    end = len(url)
    while end:
        last = url[end - 1]
        if last == ")" and opens < closes:
            closes -= 1
        elif last not in _TRAILING_PUNCT:
            break
        end -= 1
    return url[:end], url[end:]


def normalise_link(text: str) -> tuple[str, str | None]:
    """Put the URL first, with its scheme; refuse a link with no URL.

    The URL never ends with ``.``, ``,``, ``;`` or ``)``: MeetBot and OpenStack drop a final
    ``.`` or ``)`` from the URL they record, so a balanced final ``)`` is written ``%29``.
    """
    text = clean_line(text)
    if not text:
        raise RenderError("a link needs a URL: this one is empty")
    notes: list[str] = []
    m = URL_RE.search(text)
    if m is None:
        first, _, after = text.partition(" ")
        if not re.match(_DOMAIN, first):
            raise RenderError(f"a link needs a URL with its scheme (https://…): {text!r}")
        url, before = f"https://{first}", ""
        notes.append(f"added https:// to {first}")
    else:
        url, before, after = m.group(0), text[: m.start()].strip(), text[m.end() :].strip()
    core, tail = _split_url_end(url)
    if tail:
        notes.append("took the punctuation off the end of the URL")
    if core.endswith(")"):
        core = core[:-1] + "%29"
        notes.append("wrote the final ) of the URL as %29 so every bot keeps it")
    if re.fullmatch(r"[a-z]+:(//)?", core):
        raise RenderError(f"a link needs a URL, not only {core!r}")
    if before:
        notes.append("moved the URL to the front: the bot reads the first word as the URL")
    rest = " ".join(x for x in (before, after) if x)
    return core + (f" {rest}" if rest else ""), "; ".join(notes) or None


def action_parts(text: str, roster: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """Split an action's leading nicks from its text, fixing their case from ``roster``.

    ``"Neal, chris: review it"`` with roster ``neal, Chris`` gives ``(("neal", "Chris"),
    "review it")``.  Only leading words that name roster members are taken; a comma or colon
    typed apart (``mclasen , ngompa : reply``, as a completion leaves it) separates them.
    """
    by_lower = {n.lower(): n for n in roster}
    nicks: list[str] = []
    words = clean_line(text).split(" ")
    i = 0
    while i < len(words):
        raw = words[i]
        bare = raw.lstrip("@").rstrip(",:;")
        low = bare.lower()
        if low and low in by_lower:
            nick = by_lower[low]
            if nick not in nicks:
                nicks.append(nick)
            i += 1
            continue
        if not bare and raw and nicks and all(c in ",:;" for c in raw):
            i += 1  # a separator typed apart
            continue
        if low in ("and", "&", "+") and nicks and i + 1 < len(words):
            nxt = words[i + 1].lstrip("@").rstrip(",:;").lower()
            if nxt in by_lower:
                i += 1
                continue
        break
    return tuple(nicks), " ".join(words[i:])


def addressed_nicks(text: str, roster: Iterable[str]) -> tuple[str, ...]:
    """The people an action's text addresses at its start who are no roster members, such
    as a guest or a visitor: ``alice: send the logs`` (IRC's own nick rule, and not a word
    like ``everyone``).  The text stays as it is; the bot needs to have seen them (``#nick``)
    to list the action under them."""
    known = {n.lower() for n in roster}
    out: list[str] = []
    words = clean_line(text).split(" ")
    for i, raw in enumerate(words):
        bare = raw.lstrip("@").rstrip(",:;")
        if bare.lower() in known or (not bare and raw and all(c in ",:;" for c in raw)):
            continue  # a roster nick, or a separator: the leading run goes on
        if _addressed(raw, bare, words[i + 1 :]) and bare not in out:
            out.append(bare)
            continue
        break
    return tuple(out)


# Words that address everyone, not a person: never taken for a nick.
_NOT_PEOPLE = frozenset(
    {"everyone", "everybody", "all", "team", "someone", "somebody", "anyone", "nobody", "tbd"}
)


def _addressed(raw: str, bare: str, rest: list[str]) -> bool:
    """Whether ``raw`` addresses a nick (``alice:``, ``alice,``, or ``alice`` then a lone
    ``:``/``,``) that is a nick by IRC's rule, with text after it."""
    marked = raw != bare and raw.endswith((":", ",")) and raw.lstrip("@") == bare + raw[-1]
    apart = bool(rest) and rest[0] in (":", ",")
    return (
        (marked or apart)
        and bool(rest)
        and is_strict_nick(bare)
        and bare.lower() not in _NOT_PEOPLE
    )


def action_nicks(entry: Entry, roster: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """An action's assignees (``entry.nicks`` first, then leading nicks of its first line),
    with their case fixed from ``roster``, and the rest of that first line."""
    roster = list(roster)
    by_lower = {n.lower(): n for n in roster}
    given = [w for n in entry.nicks for w in re.split(r"[\s,]+", clean_line(n)) if w]
    merged = [by_lower.get(n.lstrip("@").lower(), n.lstrip("@")) for n in given]
    paragraphs = clean_paragraphs(entry.text)
    # the text may start with the nicks given apart: they are not written twice
    leading, text = action_parts(paragraphs[0] if paragraphs else "", [*roster, *merged])
    return tuple(n for n in dict.fromkeys((*merged, *leading)) if n), text


def _check(profile: Profile, line: Line) -> None:
    if line.kind is Kind.NOTE:
        if not _is_plain(profile, line.text):
            raise RenderError(f"internal: narrative line would be read as a command: {line.text}")
        return
    reading = read_line(profile, line.text)
    if not reading.is_command or reading.unknown:
        raise RenderError(f"internal: {profile.label} would not read {line.text!r} as a command")


def _continues_as(kind: Kind) -> Kind:
    """The kind of the lines that carry the rest of a long ``kind`` entry."""
    if kind in (Kind.NOTE, Kind.CHAIR, Kind.NICK):
        # a list of nicks continues with the same command, or the rest would not count
        return kind
    return Kind.INFO


def _split_items(
    para: str, first_budget: int, rest_budget: int, *, check_first: bool, keep_first_word: bool
) -> list[Piece]:
    """:func:`split_text`, but no piece that becomes a minutes item is a bare label.

    A last piece such as ``"the following:"`` would be an ``#info`` with nothing after its
    label: the cuts move earlier until it carries more words.  ``keep_first_word`` keeps the
    first word (a link's URL) whole in the first piece.
    """
    first_word = para.split(" ", 1)[0]
    bad: list[str] = []
    for shrink in range(0, 168, 8):
        if min(first_budget, rest_budget) - shrink < 20:
            break
        pieces = split_text(para, first_budget - shrink, rest_budget - shrink)
        if keep_first_word and pieces[0].text.split(" ", 1)[0] != first_word:
            break
        bad = [
            p.text
            for i, p in enumerate(pieces)
            if (i > 0 or check_first) and _LABEL_ONLY_RE.match(p.text)
        ]
        if not bad:
            return pieces
    raise RenderError(
        f"splitting this text would leave {(bad or [para])[0]!r} alone on a line, an empty "
        "item in the minutes: reword or shorten it"
    )


def _emit(
    profile: Profile,
    kind: Kind,
    verb: str | None,
    paragraphs: Sequence[str],
    max_bytes: int,
) -> list[Line]:
    """Lines for cleaned ``paragraphs``: the first carries ``verb``, the rest continue."""
    cont_kind = _continues_as(kind)
    cont_verb: str | None
    if kind is Kind.NOTE:
        cont_verb = None
    elif cont_kind is kind:
        cont_verb = verb
    else:
        cont_verb = profile.verb(Kind.INFO)
    out: list[Line] = []

    def head(v: str | None) -> str:
        return f"{profile.prefix}{v} " if v else ""

    first = True
    for para in paragraphs:
        if kind is Kind.NOTE:
            # reserve room for the escape so a piece can always be escaped
            first_budget = rest_budget = max_bytes - utf8_len(NOTE_ESCAPE)
        else:
            first_budget = max_bytes - utf8_len(head(verb if first else cont_verb))
            rest_budget = max_bytes - utf8_len(head(cont_verb))
        pieces: list[Piece]
        if cont_kind is Kind.INFO:
            pieces = _split_items(
                para,
                first_budget,
                rest_budget,
                check_first=not first or kind in LABELLED_KINDS,
                keep_first_word=first and kind is Kind.LINK,
            )
        else:
            pieces = split_text(para, first_budget, rest_budget)
        for n, piece in enumerate(pieces):
            is_first = first and n == 0
            k = kind if is_first else cont_kind
            v = verb if is_first else cont_verb
            if k is Kind.NOTE:
                text = _escape_note(profile, piece.text)
            else:
                text = head(v) + piece.text
            joiner = piece.joiner if n else "\n"
            line = Line(text, k, piece.text, "" if is_first else joiner, not is_first)
            _check(profile, line)
            out.append(line)
        first = False
    return out


def render_entry(
    entry: Entry,
    profile: Profile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    roster: Iterable[str] = (),
) -> Rendered:
    """Lines for one entry; raises :class:`RenderError` for an entry the bot would lose."""
    if max_bytes < 60:
        raise RenderError("the line limit must be at least 60 bytes")
    notes: list[str] = []
    verb: str | None = None
    if entry.kind is not Kind.NOTE:
        verb, note = verb_for(profile, entry)
        if note:
            notes.append(note)
    if entry.kind in (Kind.UNDO, Kind.END):
        line = Line(f"{profile.prefix}{verb}", entry.kind, "")
        return Rendered((line,), tuple(notes))
    paragraphs = clean_paragraphs(entry.text)
    if entry.kind is Kind.LINK:
        if len(paragraphs) > 1:
            paragraphs = [" ".join(paragraphs)]
        link, note = normalise_link(paragraphs[0] if paragraphs else "")
        if note:
            notes.append(note)
        url = link.split(" ", 1)[0]
        if utf8_len(f"{profile.prefix}{verb} {url}") > max_bytes:
            raise RenderError(f"this URL is longer than one line can carry ({max_bytes} bytes)")
        paragraphs = [link]
    elif entry.kind is Kind.ACTION:
        nicks, text = action_nicks(entry, roster)
        if not text:
            raise RenderError("an action needs something to do, not only who does it")
        paragraphs = [" ".join((*nicks, text)), *paragraphs[1:]]
    elif entry.kind in (Kind.CHAIR, Kind.NICK):
        names = [n for n in re.split(r"[\s,]+", " ".join(paragraphs)) if n]
        paragraphs = [" ".join(dict.fromkeys(names))] if names else []
    if entry.kind in _NEEDS_TEXT and not paragraphs:
        what = "a meeting title" if entry.kind is Kind.START else "some text"
        raise RenderError(f"{entry.kind.value} needs {what}: nothing would reach the minutes")
    if entry.kind in LABELLED_KINDS and _LABEL_ONLY_RE.match(paragraphs[0]):
        raise RenderError(f"{paragraphs[0]!r} has nothing after the label")
    if _continues_as(entry.kind) is Kind.INFO:
        for n, para in enumerate(paragraphs[1:], start=2):
            if _LABEL_ONLY_RE.match(para):
                raise RenderError(
                    f"line {n} ({para!r}) has nothing after the label: it would be an empty "
                    "item in the minutes"
                )
    lines = _emit(profile, entry.kind, verb, paragraphs, max_bytes)
    if entry.kind is Kind.LINK and lines[0].payload.split(" ", 1)[0] != paragraphs[0].split()[0]:
        raise RenderError("internal: link URL was split")
    return Rendered(tuple(lines), tuple(notes))


# ---------------------------------------------------------------------------------------------
# Blocks of a meeting


def start_entries(plan: MeetingPlan, profile: Profile) -> list[Entry]:
    """``#startmeeting``, ``#meetingname`` and ``#chair`` as the plan asks, for ``profile``.

    What the plan asks but the bot cannot do is left out; :func:`start_notes` says what.
    """
    out = [Entry(Kind.START, plan.title)]
    name = plan.name or (plan.title if profile.title_needs_meetingname else "")
    if name and profile.supports(Kind.MEETINGNAME):
        out.append(Entry(Kind.MEETINGNAME, name))
    others = [c for c in plan.chairs if c != plan.chair]
    if others and profile.supports(Kind.CHAIR):
        out.append(Entry(Kind.CHAIR, " ".join(others)))
    return out


def start_notes(plan: MeetingPlan, profile: Profile) -> tuple[str, ...]:
    """What :func:`start_entries` left out for ``profile``, worded for the chair."""
    notes: list[str] = []
    others = [c for c in plan.chairs if c != plan.chair]
    if others and not profile.supports(Kind.CHAIR):
        why = profile.notes.get(Kind.CHAIR) or f"{profile.label} has no chair command"
        notes.append(f"co-chairs {' '.join(others)} are not set by the bot: {why}")
    if plan.name and not profile.supports(Kind.MEETINGNAME):
        notes.append(f"{profile.label} has no meeting-name command: {plan.name!r} is not sent")
    return tuple(notes)


def rollcall_entries(
    members: Sequence[Member],
    states: Mapping[str, str],
    guests: Sequence[str] = (),
    secretary: str = "",
) -> list[Entry]:
    """``#info present: …``, ``#info regrets: …``, ``#info present guests: …``; empty omitted."""

    def label(m: Member) -> str:
        return m.display + (" (secr.)" if secretary and m.nick == secretary else "")

    present = [label(m) for m in members if states.get(m.nick) == "present"]
    regrets = [label(m) for m in members if states.get(m.nick) == "regrets"]
    out = []
    if present:
        out.append(Entry(Kind.INFO, "present: " + ", ".join(present)))
    if regrets:
        out.append(Entry(Kind.INFO, "regrets: " + ", ".join(regrets)))
    clean_guests = [g for g in (clean_line(x) for x in guests) if g]
    if clean_guests:
        out.append(Entry(Kind.INFO, "present guests: " + ", ".join(clean_guests)))
    return out


def nick_entries(profile: Profile, nicks: Iterable[str], seen: Iterable[str]) -> list[Entry]:
    """``#nick`` lines for assignees the bot has not seen speak, where the profile needs it."""
    if not profile.supports(Kind.NICK) or not profile.assigns_actions:
        return []
    known = set(seen)
    missing = [n for n in nicks if n not in known]
    return [Entry(Kind.NICK, " ".join(missing))] if missing else []


def script_entries(plan: MeetingPlan, profile: Profile) -> list[Entry]:
    """The whole prepared script of a meeting, from start to ``#endmeeting``."""
    out = start_entries(plan, profile)
    out.append(Entry(Kind.TOPIC, plan.rollcall_title))
    if plan.minutes_approval is not None:
        out.append(Entry(Kind.TOPIC, plan.minutes_approval.title))
        if plan.minutes_approval.link:
            out.append(Entry(Kind.LINK, plan.minutes_approval.link))
    for item in plan.agenda:
        out.extend(agenda_entries(item))
    out.append(Entry(Kind.TOPIC, plan.open_floor_title))
    out.append(Entry(Kind.END))
    return out


def agenda_entries(item: AgendaItem) -> list[Entry]:
    out = [Entry(Kind.TOPIC, item.title)]
    out.extend(Entry(Kind.LINK, url) for url in item.links)
    out.extend(Entry(Kind.INFO, text) for text in item.info)
    return out


def render_entries(
    entries: Iterable[Entry],
    profile: Profile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    roster: Iterable[str] = (),
) -> list[Line]:
    roster = list(roster)
    out: list[Line] = []
    for entry in entries:
        out.extend(render_entry(entry, profile, max_bytes=max_bytes, roster=roster).lines)
    return out


def chunks(lines: Sequence[str], profile: Profile) -> list[list[str]]:
    """Paste-safe groups of lines: at most the profile's chunk size, start alone if needed."""
    out: list[list[str]] = []
    current: list[str] = []
    start_cmd = f"{profile.prefix}{profile.verbs.get(Kind.START, 'startmeeting')}"
    for line in lines:
        alone = profile.start_alone and (line == start_cmd or line.startswith(start_cmd + " "))
        if alone:
            if current:
                out.append(current)
            out.append([line])
            current = []
            continue
        current.append(line)
        if len(current) >= profile.chunk_size:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
