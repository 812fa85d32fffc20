"""Every line chair-tui emits obeys the line rules, whatever the chair typed.

Arbitrary Unicode of 0 to 5,000 UTF-8 bytes (control characters, CR/LF, NUL, IRC formatting
codes, RTL marks, emoji, combining marks …), every profile and every entry kind.  The checks
of one line and the definition of "the cleaned original text" are those of
``tests/core/test_render.py`` (reused, not copied); this file adds texts spread over the whole
size range, the path a composed entry takes through the session into the outbox and the
journal, and prepared meetings.  ``CHAIR_TUI_HYPOTHESIS_EXAMPLES`` sets the examples per
property (10,000 for the long run).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botsim import read_line, starts_meeting
from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.errors import InputError
from chair_tui.meeting.lint import ERROR, lint_lines
from chair_tui.meeting.meetingfile import load_demo, plan_from_dict, plan_to_dict
from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import PROFILES, VERB_ALIASES, Kind, Profile
from chair_tui.meeting.render import NOTE_ESCAPE, RenderError, render_entry, script_entries
from chair_tui.meeting.session import Event, Session, SessionError, codec
from chair_tui.meeting.store import encode_record
from chair_tui.meeting.text import clean_line, utf8_len
from tests.core.test_render import (
    ROSTER,
    SPECIAL,
    TEXT,
    _check_line,
    _expected_join,
    _must_render,
    _truncate,
)
from tests.reliability import knobs
from tests.reliability.journal import decode

PROPERTY = settings(
    max_examples=knobs.EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ALL = list(PROFILES.values())
MAX_INPUT = 5000

# Beyond test_render's SPECIAL: more scripts, invisible format characters, odd spaces, C1.
EXTRA = [
    "שלום עולם",
    "مرحبا بكم",
    "\u202b",
    "\u2066",
    "\u2069",
    "\u061c",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u3000",
    "\u2003",
    "\u1680",
    "\x1e",
    "\x11",
    "\x7f",
    "\x9b",
    "\x1b[31m",
    "\x0399,99",
    "\x04ff00ff",
    "\U0010fffd",
    "ǅ",
    "İ",
    "ß",
    "🏳️‍🌈",
    "🇺🇳",
    "👍🏽",
    "a\u0308\u0301\u0323",
    "!info ",
    "#startmeeting ",
    "#endmeeting",
    "#undo",
    "note: ",
]
PIECE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL + EXTRA),
    st.characters(codec="utf-8"),
)
# Sizes spread evenly over 0-5,000 bytes (Hypothesis favours small integers, so the size is
# taken from a drawn seed), and the edges of the byte limits.
SIZES = st.one_of(
    st.integers(0, 2**32 - 1).map(lambda seed: random.Random(seed).randint(0, MAX_INPUT)),
    st.sampled_from([0, 1, 2, 59, 60, 61, 349, 350, 351, 449, 450, 451, 4999, MAX_INPUT]),
)


@st.composite
def chair_text(draw: st.DrawFn) -> str:
    """Text of any size up to 5,000 UTF-8 bytes: a drawn head, then a drawn motif repeated."""
    head = draw(TEXT)
    size = draw(SIZES)
    motif = "".join(draw(st.lists(PIECE, min_size=1, max_size=8)))
    text = head
    if utf8_len(motif):
        text += motif * (max(0, size - utf8_len(head)) // utf8_len(motif) + 1)
    return _truncate(text, size)


TEXTS = chair_text()


def split_refusal(exc: RenderError, text: str) -> bool:
    """A refusal ``_must_render`` does not foresee: no way to cut a long text into lines
    without leaving a bare label ("word:") alone on one (render._split_items). The label is
    looked for in the text as render sees it, control characters removed (a label may be
    followed by a control character, which makes it end the text)."""
    seen = clean_line(text)
    # a label: up to 41 characters, spaces included, ending in a colon ("Jun 23 :", "regrets:")
    label = r"[^\s:][^:]{0,40}:(\s|$)"
    return "alone on a line" in str(exc) and re.search(label, seen) is not None


def check_outbox_line(profile: Profile, kind: Kind, text: str, max_bytes: int) -> None:
    """The line rules, for a line as the outbox holds it (text and kind only)."""
    assert not any(unicodedata.category(ch) == "Cc" for ch in text), text
    assert utf8_len(text) <= max_bytes, text
    assert text == text.strip(), text
    assert not text.startswith("/"), text
    reading = read_line(profile, text)
    if kind is Kind.NOTE:
        assert not reading.is_command and not reading.unknown, text
        return
    m = re.match(re.escape(profile.prefix) + r"([a-z]+)( |$)", text)
    assert m is not None, text
    assert not reading.unknown and not reading.auto_link and reading.command, text
    assert VERB_ALIASES[reading.command] is kind, (kind, text)
    if kind is Kind.START:
        assert starts_meeting(profile, text)[0]


@PROPERTY
@given(
    profile=st.sampled_from(ALL),
    kind=st.sampled_from(list(Kind)),
    text=TEXTS,
    max_bytes=st.sampled_from([60, 100, 350, 450]),
    use_roster=st.booleans(),
)
# found by the property: a label followed only by control characters ends the cleaned text
@example(PROFILES["meetbot"], Kind.START, "x" * 400 + "0000000:" + "\x08" * 20, 60, False)
def test_every_line_obeys_the_rules_and_gives_back_the_text(
    profile: Profile, kind: Kind, text: str, max_bytes: int, use_roster: bool
) -> None:
    assert utf8_len(text) <= MAX_INPUT
    entry = Entry(kind, text)
    roster = ROSTER if use_roster else []
    try:
        lines = render_entry(entry, profile, max_bytes=max_bytes, roster=roster).lines
    except RenderError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert not _must_render(profile, entry, roster) or split_refusal(exc, text), (exc, entry)
        return
    for i, line in enumerate(lines):
        _check_line(profile, line, max_bytes)
        assert line.continuation == (i > 0)
    if kind not in (Kind.UNDO, Kind.END):
        joined = "".join(line.joiner + line.payload for line in lines)
        assert joined == _expected_join(kind, entry, roster)


def _open_floor(profile: str) -> Session:
    """A meeting on its open floor, started and the topic opened, all of it pasted: what the
    chair records now makes only its own lines."""
    session = Session(replace(load_demo(), profile=profile))
    session.start()
    session.goto(len(session.steps) - 2)
    session.open_step()
    session.mark_copied([ln.id for ln in session.pending()])
    return session


COMPOSER_KINDS = ["info", "decision", "rejected", "action", "idea", "help", "link", "note"]


@PROPERTY
@given(
    profile=st.sampled_from(sorted(PROFILES)),
    composer=st.sampled_from(COMPOSER_KINDS),
    typed=TEXTS,
    raw_verb=st.one_of(st.none(), st.sampled_from(sorted(VERB_ALIASES))),
)
# an item verb behind a control character: read as the line is sent, in the bot's own verb
@example(profile="fedora-matrix", composer="info", typed="\x1b#INFO 0", raw_verb=None)
@example(profile="fedora-matrix", composer="action", typed="\x1b#INFO 0", raw_verb=None)
def test_what_the_chair_types_reaches_the_outbox_and_the_journal_intact(
    profile: str, composer: str, typed: str, raw_verb: str | None
) -> None:
    session = _open_floor(profile)
    if raw_verb is not None:  # the chair typed MeetBot syntax into the composer
        typed = f"{session.profile.prefix}{raw_verb} {typed}"
    entry = parse_composed(typed, Kind(composer), session.profile.prefix + "#")
    records: list[Event] = []
    session.add_listener(records.append)
    preview = session.preview(entry)
    before = len(session.lines)
    try:
        session.record(entry)
    except RenderError as exc:
        assert preview.error == str(exc)
        assert len(session.lines) == before and not records
        return
    except SessionError:  # a start, an end or an undo: their own actions (the composer routes)
        assert entry.kind in (Kind.START, Kind.END, Kind.UNDO), entry
        assert len(session.lines) == before and not records
        return
    new = session.lines[before:]
    assert preview.error is None and preview.lines == tuple(ln.text for ln in new)
    for ln in new:
        check_outbox_line(session.profile, ln.kind, ln.text, session.max_bytes)
    # what the journal stores for it reads back exactly, whatever the text held
    (event,) = records
    record = codec.encode(event)
    raw = encode_record(record)
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    read_back = decode(raw[:-1])
    assert read_back is not None and read_back == record
    assert codec.decode(read_back, "journal") == event
    assert record["text"] == entry.text
    # lint, which reads lines the same way, finds nothing wrong with them
    findings = lint_lines(
        [(i, ln.text) for i, ln in enumerate(new, start=1)],
        session.profile,
        max_bytes=session.max_bytes,
        whole_meeting=False,
        attendees=sorted(session.seen_nicks()),
    )
    assert not [f for f in findings if f.severity == ERROR], findings


@PROPERTY
@given(
    profile=st.sampled_from(sorted(PROFILES)),
    title=TEXTS,
    topic=TEXTS,
    info=TEXTS,
    rollcall=TEXTS,
    max_bytes=st.sampled_from([60, 350, 450]),
)
def test_a_prepared_meeting_renders_to_good_lines_or_is_refused_clearly(
    profile: str, title: str, topic: str, info: str, rollcall: str, max_bytes: int
) -> None:
    data = plan_to_dict(load_demo())
    data.update(profile=profile, title=title, rollcall_title=rollcall, max_bytes=max_bytes)
    data["agenda"] = [{"title": topic, "info": [info], "links": ["https://example.org/a"]}]
    data.pop("minutes_approval")
    try:
        plan = plan_from_dict(data, Path("meeting.toml"))
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("meeting.toml")
        return
    p = PROFILES[plan.profile]
    roster = [m.nick for m in plan.members]
    for entry in script_entries(plan, p):
        try:
            rendered = render_entry(entry, p, max_bytes=plan.max_bytes, roster=roster)
        except RenderError as exc:
            assert "\n" not in str(exc)
            continue
        for line in rendered.lines:
            _check_line(p, line, plan.max_bytes)


NASTY = (
    "\x00\x02\x03" + "04,12 #info \r\n/me שלום 👩‍👩‍👧 e\u0301 \u202e\x1d neal: https://x.org/a). "
)


@pytest.mark.parametrize("size", [0, 1, 60, 350, 451, MAX_INPUT])
@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_every_profile_and_kind_at_every_size(profile: Profile, kind: Kind, size: int) -> None:
    """A deterministic corner of the property: each profile x kind pair, each size."""
    text = _truncate(NASTY * (size // utf8_len(NASTY) + 1), size)
    entry = Entry(kind, text)
    try:
        lines = render_entry(entry, profile, roster=ROSTER).lines
    except RenderError as exc:
        assert not _must_render(profile, entry, ROSTER) or split_refusal(exc, text), exc
        return
    for line in lines:
        _check_line(profile, line, 350)
    if kind not in (Kind.UNDO, Kind.END):
        joined = "".join(line.joiner + line.payload for line in lines)
        assert joined == _expected_join(kind, entry, ROSTER)
    if kind is Kind.NOTE:
        assert all(ln.text.startswith(NOTE_ESCAPE) or ln.text == ln.payload for ln in lines)


@pytest.mark.parametrize("text", ["present: neal\nregrets:", "word " * 68 + "regrets:"])
@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_a_bare_label_on_a_later_line_is_not_emitted(profile: Profile, text: str) -> None:
    """Regression (found by the composer property): a bare label on a later line, or as the
    last piece of a long text, was emitted as its own '#info regrets:' line."""
    try:
        lines = render_entry(Entry(Kind.INFO, text), profile).lines
    except RenderError:
        return  # refusing the entry, as for a bare label on its first line, is fine
    findings = lint_lines(
        [(i, line.text) for i, line in enumerate(lines, start=1)], profile, whole_meeting=False
    )
    assert not [f for f in findings if f.severity == ERROR], findings


@pytest.mark.parametrize(
    ("profile", "text"),
    [("meetbot", "!topic budget"), ("hcoop", "[topic] x"), ("fedora-matrix", "#topic next")],
)
def test_lint_accepts_the_notes_the_composer_makes(profile: str, text: str) -> None:
    """Regression (found by the composer property): a note that looks like another dialect's
    command was emitted as typed, and lint called that line an L1 error."""
    p = PROFILES[profile]
    lines = render_entry(Entry(Kind.NOTE, text), p).lines
    findings = lint_lines([(1, lines[0].text)], p, whole_meeting=False)
    assert not [f for f in findings if f.severity == ERROR], (lines[0].text, findings)
