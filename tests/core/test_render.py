"""Rendering entries into MeetBot lines, per profile and entry kind."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.botsim import link_url, read_line, starts_meeting
from chair_tui.meeting.model import AgendaItem, Entry, MeetingPlan, Member
from chair_tui.meeting.profiles import PROFILES, VERB_ALIASES, Kind, LinkRule, Profile
from chair_tui.meeting.render import (
    NOTE_ESCAPE,
    Line,
    RenderError,
    action_parts,
    chunks,
    nick_entries,
    normalise_link,
    render_entries,
    render_entry,
    rollcall_entries,
    script_entries,
    start_entries,
    start_notes,
)
from chair_tui.meeting.text import clean_paragraphs, utf8_len

EXAMPLES = int(os.environ.get("CHAIR_TUI_HYPOTHESIS_EXAMPLES", "300"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ALL = list(PROFILES.values())
DARST_FAMILY = ["meetbot", "zodbot", "meetingology", "openstack"]
MATRIX = PROFILES["fedora-matrix"]


def one(entry: Entry, profile: str, *, roster: Sequence[str] = ()) -> str:
    """The single line ``entry`` renders to."""
    r = render_entry(entry, PROFILES[profile], roster=roster)
    assert len(r.lines) == 1, r.lines
    return r.lines[0].text


# ---------------------------------------------------------------------------------------------
# Verbs per profile


@pytest.mark.parametrize("name", DARST_FAMILY)
def test_decision_is_agreed_in_the_darst_family(name: str) -> None:
    r = render_entry(Entry(Kind.DECISION, "ship it"), PROFILES[name])
    assert [ln.text for ln in r.lines] == ["#agreed ship it"]
    assert r.notes == ()


def test_decision_is_accepted_for_hcoop_with_a_visible_note() -> None:
    r = render_entry(Entry(Kind.DECISION, "ship it"), PROFILES["hcoop"])
    assert [ln.text for ln in r.lines] == ["#accepted ship it"]
    assert any("#accepted" in n and "#agreed" in n for n in r.notes)


def test_agreed_typed_by_the_chair_is_rewritten_for_hcoop_with_a_note() -> None:
    r = render_entry(Entry(Kind.DECISION, "ok", verb="agreed"), PROFILES["hcoop"])
    assert r.lines[0].text == "#accepted ok"
    assert r.notes and "#agreed is written #accepted" in r.notes[0]


def test_rejected_is_failed_for_hcoop_with_a_note() -> None:
    r = render_entry(Entry(Kind.REJECTED, "not now"), PROFILES["hcoop"])
    assert r.lines[0].text == "#failed not now"
    assert r.notes


def test_decision_is_bang_agreed_for_fedora_matrix() -> None:
    assert one(Entry(Kind.DECISION, "ship it"), "fedora-matrix") == "!agreed ship it"


@pytest.mark.parametrize(
    ("profile", "line"),
    [
        ("meetbot", "#help need reviewers"),
        ("zodbot", "#halp need reviewers"),
        ("meetingology", "#help need reviewers"),
        ("openstack", "#help need reviewers"),
        ("hcoop", "#help need reviewers"),
        ("fedora-matrix", "!halp need reviewers"),
    ],
)
def test_help_verb(profile: str, line: str) -> None:
    assert one(Entry(Kind.HELP, "need reviewers"), profile) == line


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize(
    ("kind", "verb"),
    [
        (Kind.TOPIC, "topic"),
        (Kind.INFO, "info"),
        (Kind.IDEA, "idea"),
        (Kind.ACTION, "action"),
        (Kind.START, "startmeeting"),
        (Kind.MEETINGNAME, "meetingname"),
    ],
)
def test_common_verbs(name: str, kind: Kind, verb: str) -> None:
    prefix = PROFILES[name].prefix
    assert one(Entry(kind, "some text"), name) == f"{prefix}{verb} some text"


@pytest.mark.parametrize("name", list(PROFILES))
def test_undo_and_end_have_no_text(name: str) -> None:
    p = PROFILES[name]
    assert one(Entry(Kind.END, "ignored"), name) == f"{p.prefix}endmeeting"
    if name != "fedora-matrix":
        assert one(Entry(Kind.UNDO), name) == "#undo"


def test_a_verb_the_bot_knows_is_kept() -> None:
    assert one(Entry(Kind.DECISION, "ok", verb="accepted"), "meetbot") == "#accepted ok"
    assert one(Entry(Kind.HELP, "x", verb="help"), "zodbot") == "#help x"


def test_reject_alias_is_not_kept_for_zodbot() -> None:
    # zodbot's #reject is a no-op (an old alias bug)
    r = render_entry(Entry(Kind.REJECTED, "no", verb="reject"), PROFILES["zodbot"])
    assert r.lines[0].text == "#rejected no"
    assert r.notes


@pytest.mark.parametrize(
    ("kind", "what"),
    [(Kind.CHAIR, "chairs"), (Kind.NICK, "#nick"), (Kind.UNDO, "undo")],
)
def test_fedora_matrix_refuses_what_it_cannot_do(kind: Kind, what: str) -> None:
    with pytest.raises(RenderError, match=what):
        render_entry(Entry(kind, "neal"), MATRIX)


# ---------------------------------------------------------------------------------------------
# Refusals


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\x02\x0f"])
def test_empty_link_is_refused(name: str, text: str) -> None:
    with pytest.raises(RenderError, match="link needs a URL"):
        render_entry(Entry(Kind.LINK, text), PROFILES[name])


@pytest.mark.parametrize("text", ["the agenda", "see the doc", "https://", "https://."])
def test_link_without_a_url_is_refused(text: str) -> None:
    with pytest.raises(RenderError):
        render_entry(Entry(Kind.LINK, text), PROFILES["meetbot"])


@pytest.mark.parametrize("text", ["regrets:", "present guests:", "regrets:   ", "\x02regrets:\x02"])
@pytest.mark.parametrize("kind", [Kind.INFO, Kind.DECISION, Kind.ACTION, Kind.IDEA])
def test_label_with_nothing_after_it_is_refused(text: str, kind: Kind) -> None:
    with pytest.raises(RenderError, match="nothing after the label"):
        render_entry(Entry(kind, text), PROFILES["zodbot"])


@pytest.mark.parametrize("name", list(PROFILES))
def test_a_later_line_that_is_only_a_label_is_refused(name: str) -> None:
    with pytest.raises(RenderError, match=r"line 2 \('regrets:'\) has nothing after the label"):
        render_entry(Entry(Kind.INFO, "present: neal\nregrets:"), PROFILES[name])
    with pytest.raises(RenderError, match="line 3"):
        render_entry(Entry(Kind.TOPIC, "Roll call\npresent: neal\nregrets:"), PROFILES[name])


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize("text", ["word " * 68 + "regrets:", "word " * 69 + "as follows:"])
def test_a_long_text_never_ends_in_a_bare_label_line(name: str, text: str) -> None:
    lines = render_entry(Entry(Kind.INFO, text), PROFILES[name]).lines
    assert len(lines) == 2
    for line in lines:
        assert not LABEL_ONLY.fullmatch(line.payload)
    assert " ".join(ln.payload for ln in lines) == text.strip()


def test_a_label_that_cannot_get_company_is_refused() -> None:
    with pytest.raises(RenderError, match="alone on a line"):
        render_entry(Entry(Kind.INFO, "regrets: " + "x" * 400), PROFILES["meetbot"])


def test_info_with_text_after_the_label_is_fine() -> None:
    assert one(Entry(Kind.INFO, "regrets: Allan"), "zodbot") == "#info regrets: Allan"


@pytest.mark.parametrize(
    "kind", [Kind.START, Kind.TOPIC, Kind.INFO, Kind.ACTION, Kind.CHAIR, Kind.NOTE]
)
def test_empty_text_is_refused(kind: Kind) -> None:
    with pytest.raises(RenderError):
        render_entry(Entry(kind, " \n "), PROFILES["meetbot"])


def test_action_with_only_a_nick_is_refused() -> None:
    with pytest.raises(RenderError, match="something to do"):
        render_entry(Entry(Kind.ACTION, "neal:"), PROFILES["meetbot"], roster=["neal"])
    with pytest.raises(RenderError, match="something to do"):
        render_entry(Entry(Kind.ACTION, "", nicks=("neal",)), PROFILES["meetbot"])


def test_tiny_line_limit_is_refused() -> None:
    with pytest.raises(RenderError, match="at least 60"):
        render_entry(Entry(Kind.INFO, "x"), PROFILES["meetbot"], max_bytes=59)


def test_url_longer_than_a_line_is_refused() -> None:
    url = "https://example.org/" + "a" * 400
    with pytest.raises(RenderError, match="longer than one line"):
        render_entry(Entry(Kind.LINK, url), PROFILES["meetbot"])


# ---------------------------------------------------------------------------------------------
# Links


def test_link_url_is_moved_first() -> None:
    r = render_entry(Entry(Kind.LINK, "the agenda is at https://example.org/agenda"), MATRIX)
    assert r.lines[0].text == "!link https://example.org/agenda the agenda is at"
    assert any("moved the URL" in n for n in r.notes)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("https://example.org/agenda.", "#link https://example.org/agenda"),
        ("see https://example.org/a).", "#link https://example.org/a see"),
        ("https://en.wikipedia.org/wiki/X_(y)", "#link https://en.wikipedia.org/wiki/X_(y%29"),
        ("https://example.org/a.) x", "#link https://example.org/a x"),
        ("example.org/agenda notes", "#link https://example.org/agenda notes"),
        ("example.org/agenda.", "#link https://example.org/agenda"),
    ],
)
def test_link_normalisation_is_noted(text: str, line: str) -> None:
    r = render_entry(Entry(Kind.LINK, text), PROFILES["zodbot"])
    assert r.lines[0].text == line
    assert r.notes


def test_link_on_several_lines_is_one_link() -> None:
    r = render_entry(Entry(Kind.LINK, "https://x.org/a\nsecond line"), PROFILES["zodbot"])
    assert [ln.text for ln in r.lines] == ["#link https://x.org/a second line"]
    assert r.notes == ()


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize(
    "text",
    [
        "the agenda is at https://example.org/agenda.",
        "https://en.wikipedia.org/wiki/X_(y)",
        "(see https://example.org/a)",
        "example.org/a.",
    ],
)
def test_every_bot_records_the_url_we_mean(name: str, text: str) -> None:
    p = PROFILES[name]
    line = render_entry(Entry(Kind.LINK, text), p).lines[0]
    url = line.payload.split(" ")[0]
    reading = read_line(p, line.text)
    assert reading.command == "link"
    if p.link_rule is not LinkRule.VERBATIM:
        assert link_url(p, reading.text) == url
    assert not url.endswith((".", ")"))


# ---------------------------------------------------------------------------------------------
# Actions and nicks


def test_action_nick_case_is_fixed_from_the_roster() -> None:
    r = render_entry(
        Entry(Kind.ACTION, "Neal, chris: review the proposals"),
        PROFILES["zodbot"],
        roster=["neal", "Chris"],
    )
    assert r.lines[0].text == "#action neal Chris review the proposals"


def test_action_and_between_nicks() -> None:
    line = one(Entry(Kind.ACTION, "@neal and Chris to test"), "meetbot", roster=["neal", "Chris"])
    assert line == "#action neal Chris to test"


def test_action_nicks_given_apart_come_first() -> None:
    line = one(
        Entry(Kind.ACTION, "review it", nicks=("NEAL", "omar")),
        "meetbot",
        roster=["neal"],
    )
    assert line == "#action neal omar review it"


def test_action_on_several_lines_keeps_each_line_once() -> None:
    r = render_entry(
        Entry(Kind.ACTION, "neal review\nthe docs"), PROFILES["meetbot"], roster=["neal"]
    )
    assert [ln.text for ln in r.lines] == ["#action neal review", "#info the docs"]


def test_action_only_takes_leading_roster_nicks() -> None:
    assert action_parts("someone should ask neal", ["neal"]) == ((), "someone should ask neal")
    assert action_parts("Neal: do x", ["neal"]) == (("neal",), "do x")


@pytest.mark.parametrize("name", ["meetbot", "zodbot", "meetingology", "openstack", "hcoop"])
def test_canonical_action_is_assigned_by_every_hash_bot(name: str) -> None:
    p = PROFILES[name]
    line = one(Entry(Kind.ACTION, "Neal, chris: review it"), name, roster=["neal", "Chris"])
    model = BotModel(p)
    for k, (nick, text) in enumerate(
        [("cmurf", "#startmeeting WG"), ("neal", "hi"), ("Chris", "hello"), ("cmurf", line)]
    ):
        model.feed(f"10:00:{k:02d}", nick, text)
    assert {i.text: who for i, who in model.assignments()} == {
        "neal Chris review it": ["Chris", "neal"]
    }


def test_chair_list_is_cleaned_and_deduplicated() -> None:
    assert (
        one(Entry(Kind.CHAIR, "neal, Chris neal,, tomas"), "meetbot") == "#chair neal Chris tomas"
    )


def test_long_chair_list_continues_with_chair_not_info() -> None:
    nicks = [f"nick{i:03d}" for i in range(60)]
    r = render_entry(Entry(Kind.CHAIR, " ".join(nicks)), PROFILES["meetbot"], max_bytes=100)
    assert len(r.lines) > 1
    assert all(ln.text.startswith("#chair ") for ln in r.lines)
    said = [n for ln in r.lines for n in ln.text.split()[1:]]
    assert said == nicks


def test_nick_entries_only_for_unseen_nicks_and_assigning_bots() -> None:
    assert nick_entries(PROFILES["meetbot"], ["neal", "omar"], {"neal"}) == [
        Entry(Kind.NICK, "omar")
    ]
    assert nick_entries(PROFILES["meetbot"], ["neal"], {"neal"}) == []
    assert nick_entries(MATRIX, ["omar"], set()) == []


# ---------------------------------------------------------------------------------------------
# Notes (plain narrative text)


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize(
    "text",
    [
        "#topic x",
        "#info y",
        "!topic x",
        "!info y",
        "/me waves",
        "[topic] z",
        "https://x.org",
        "#startmeetingWG",
        "#STARTMEETING now",
        "!Topic budget",
    ],
)
def test_note_that_a_bot_would_read_as_a_command_is_escaped(name: str, text: str) -> None:
    p = PROFILES[name]
    line = render_entry(Entry(Kind.NOTE, text), p).lines[0]
    reading = read_line(p, line.text)
    assert not reading.is_command and not reading.unknown
    assert not starts_meeting(p, line.text)[0]
    assert not line.text.startswith("/")
    assert line.text in (text, NOTE_ESCAPE + text)
    assert line.payload == text


@pytest.mark.parametrize(
    ("profile", "text"),
    [
        ("meetbot", "!topic budget"),
        ("hcoop", "[topic] x"),
        ("fedora-matrix", "#topic next"),
        ("fedora-matrix", "!Topic next"),
        ("zodbot", "!info x"),
    ],
)
def test_note_that_looks_like_another_dialects_command_is_escaped(profile: str, text: str) -> None:
    assert one(Entry(Kind.NOTE, text), profile) == NOTE_ESCAPE + text


@pytest.mark.parametrize("text", ["https://example.org/x", "#1 priority is btrfs", "!! wow"])
def test_a_bare_url_or_hash_word_note_stays_plain_on_matrix(text: str) -> None:
    assert one(Entry(Kind.NOTE, text), "fedora-matrix") == text


def test_plain_note_is_left_alone() -> None:
    assert one(Entry(Kind.NOTE, "Omar expects this to land"), "meetbot") == (
        "Omar expects this to land"
    )


# ---------------------------------------------------------------------------------------------
# Long text


def test_long_info_is_split_into_info_lines_at_spaces() -> None:
    text = " ".join(["word"] * 200)
    r = render_entry(Entry(Kind.INFO, text), PROFILES["meetbot"])
    assert len(r.lines) > 1
    assert all(ln.text.startswith("#info ") and utf8_len(ln.text) <= 350 for ln in r.lines)
    assert [ln.continuation for ln in r.lines] == [False] + [True] * (len(r.lines) - 1)
    assert "".join(ln.joiner + ln.payload for ln in r.lines) == text


def test_long_topic_continues_as_info() -> None:
    text = " ".join(["word"] * 100)
    r = render_entry(Entry(Kind.TOPIC, text), PROFILES["zodbot"])
    assert r.lines[0].text.startswith("#topic ")
    assert all(ln.text.startswith("#info ") for ln in r.lines[1:])


def test_byte_limit_counts_bytes_not_characters() -> None:
    r = render_entry(Entry(Kind.INFO, "é" * 300), PROFILES["meetbot"])
    assert len(r.lines) == 2
    assert all(utf8_len(ln.text) <= 350 for ln in r.lines)


# ---------------------------------------------------------------------------------------------
# Blocks and chunks

PLAN = MeetingPlan(
    title="Workstation WG",
    name="workstation",
    chair="cmurf",
    chairs=("cmurf", "mclasen"),
    members=(Member("cmurf", "Chris"), Member("neal", "Neal"), Member("aday", "Allan")),
    agenda=(AgendaItem("Fesco deadline", ("https://pagure.io/fesco/issue/1",), ("note",)),),
)


def test_start_block_for_zodbot() -> None:
    lines = render_entries(start_entries(PLAN, PROFILES["zodbot"]), PROFILES["zodbot"])
    assert [ln.text for ln in lines] == [
        "#startmeeting Workstation WG",
        "#meetingname workstation",
        "#chair mclasen",
    ]
    assert start_notes(PLAN, PROFILES["zodbot"]) == ()


def test_fedora_matrix_start_block_says_the_chair_is_left_out() -> None:
    entries = start_entries(PLAN, MATRIX)
    assert [e.kind for e in entries] == [Kind.START, Kind.MEETINGNAME]
    notes = start_notes(PLAN, MATRIX)
    assert len(notes) == 1
    assert "mclasen" in notes[0] and "power level" in notes[0]


def test_no_note_when_there_is_no_co_chair() -> None:
    plan = MeetingPlan(title="T", chair="cmurf", chairs=("cmurf",))
    assert start_notes(plan, MATRIX) == ()


def test_script_runs_from_start_to_end() -> None:
    p = PROFILES["meetbot"]
    texts = [ln.text for ln in render_entries(script_entries(PLAN, p), p)]
    assert texts[0] == "#startmeeting Workstation WG"
    assert "#topic Fesco deadline" in texts
    assert "#link https://pagure.io/fesco/issue/1" in texts
    assert texts[-2:] == ["#topic Open Floor", "#endmeeting"]


def test_rollcall_omits_empty_categories() -> None:
    entries = rollcall_entries(
        PLAN.members, {"cmurf": "present", "neal": "present"}, secretary="neal"
    )
    assert entries == [Entry(Kind.INFO, "present: Chris, Neal (secr.)")]
    entries = rollcall_entries(PLAN.members, {"aday": "regrets"}, guests=["  ", "Omar"])
    assert entries == [
        Entry(Kind.INFO, "regrets: Allan"),
        Entry(Kind.INFO, "present guests: Omar"),
    ]
    assert rollcall_entries(PLAN.members, {}) == []


def test_fedora_matrix_start_is_chunked_alone() -> None:
    lines = ["!startmeeting WG", "!meetingname wg", "!topic A", "!info a", "!info b", "!info c"]
    assert chunks(lines, MATRIX) == [
        ["!startmeeting WG"],
        ["!meetingname wg", "!topic A", "!info a", "!info b"],
        ["!info c"],
    ]


def test_start_alone_even_after_other_lines() -> None:
    assert chunks(["hello", "!startmeeting X", "!topic A"], MATRIX) == [
        ["hello"],
        ["!startmeeting X"],
        ["!topic A"],
    ]


def test_irc_chunks_keep_start_with_the_rest() -> None:
    p = PROFILES["meetbot"]
    lines = [f"#info {i}" for i in range(9)]
    assert chunks(["#startmeeting X", *lines[:3]], p) == [["#startmeeting X", *lines[:3]]]
    assert [len(c) for c in chunks(lines, p)] == [4, 4, 1]


@PROPERTY
@given(
    st.sampled_from(ALL),
    st.lists(st.sampled_from(["!startmeeting X", "#startmeeting X", "#info a", "b"]), max_size=30),
)
def test_chunks_keep_every_line_in_order(profile: Profile, lines: list[str]) -> None:
    groups = chunks(lines, profile)
    assert [x for g in groups for x in g] == lines
    for g in groups:
        assert 1 <= len(g) <= profile.chunk_size
        if profile.start_alone and any(x.startswith("!startmeeting") for x in g):
            assert len(g) == 1


# ---------------------------------------------------------------------------------------------
# Properties over arbitrary text, every kind and every profile

SPECIAL = [
    "\x02",
    "\x03",
    "\x0304,12",
    "\x0f",
    "\x16",
    "\x1d",
    "\x1f",
    "\x01",
    "\x01ACTION ",
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x85",
    "\u2028",
    "\u202e",
    "\u200f",
    "\xa0",
    "👩‍👩‍👧",
    "e\u0301",
    "\u0301\u0301",
    "#info ",
    "#topic ",
    "!topic ",
    "[topic] ",
    "#agenda ",
    "#startmeeting",
    "#STARTMEETING ",
    "!sm ",
    "/me ",
    "/",
    " ",
    "regrets:",
    "neal",
    "Neal,",
    "https://example.org/a.",
    "https://x.org/p_(q)",
    "example.org/x",
    "http://",
    ")",
    ".",
    "x" * 400,
    "é" * 200,
    "😀" * 100,
]


def _truncate(text: str, limit: int = 5000) -> str:
    out = []
    size = 0
    for ch in text:
        size += utf8_len(ch)
        if size > limit:
            break
        out.append(ch)
    return "".join(out)


TEXT = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(SPECIAL)), max_size=120).map(
    lambda parts: _truncate("".join(parts))
)
LABEL_ONLY = re.compile(r"[^\s:][^:]{0,40}:")
LABELLED = {Kind.INFO, Kind.DECISION, Kind.REJECTED, Kind.ACTION, Kind.IDEA, Kind.HELP}
ROSTER = ["neal", "Chris", "bittin[m]"]


def _expected_join(kind: Kind, entry: Entry, roster: list[str]) -> str:
    """What joining the lines' payloads must give back, defined from the cleaned text."""
    paragraphs = clean_paragraphs(entry.text)
    if kind is Kind.LINK:
        return normalise_link(" ".join(paragraphs))[0]
    if kind in (Kind.CHAIR, Kind.NICK):
        names = [n for n in re.split(r"[\s,]+", " ".join(paragraphs)) if n]
        return " ".join(dict.fromkeys(names))
    if kind is Kind.ACTION and roster:
        nicks, text = action_parts(paragraphs[0], roster)
        return "\n".join([" ".join((*nicks, text)), *paragraphs[1:]])
    return "\n".join(paragraphs)


def _must_render(profile: Profile, entry: Entry, roster: list[str]) -> bool:
    """Entries that must not be refused: supported kind, text left after cleaning, not a bare
    label, and for an action something to do besides the nicks."""
    if entry.kind in (Kind.UNDO, Kind.END):
        return profile.supports(entry.kind)
    if entry.kind is not Kind.NOTE and not profile.supports(entry.kind):
        return False
    paragraphs = clean_paragraphs(entry.text)
    if not paragraphs or entry.kind is Kind.LINK:
        return False
    if entry.kind is Kind.ACTION and not action_parts(paragraphs[0], roster)[1]:
        return False
    if entry.kind in (Kind.CHAIR, Kind.NICK) and not re.sub(r"[\s,]", "", "".join(paragraphs)):
        return False
    if entry.kind not in (Kind.NOTE, Kind.CHAIR, Kind.NICK) and any(
        LABEL_ONLY.fullmatch(p) for p in paragraphs[1:]
    ):
        return False  # a later line that is only a label would be an empty #info
    return not (entry.kind in LABELLED and LABEL_ONLY.fullmatch(paragraphs[0]))


def _check_line(profile: Profile, line: Line, max_bytes: int) -> None:
    text = line.text
    assert not any(unicodedata.category(ch) == "Cc" for ch in text), text
    assert text == text.rstrip() and text == text.lstrip(), text
    assert utf8_len(text) <= max_bytes
    assert not text.startswith("/")
    reading = read_line(profile, text)
    if line.kind is Kind.NOTE:
        assert not reading.is_command and not reading.unknown, text
        assert not starts_meeting(profile, text)[0], text
        for other in ALL:  # no bot of another dialect takes it for a command either
            r = read_line(other, text)
            assert r.auto_link or not (r.is_command and not r.unknown), (other.name, text)
        assert text in (line.payload, NOTE_ESCAPE + line.payload)
        return
    m = re.match(re.escape(profile.prefix) + r"([a-z]+)( |$)", text)
    assert m is not None, text
    verb = m.group(1)
    if line.kind in (Kind.UNDO, Kind.END):
        assert text == profile.prefix + verb
    else:
        assert text == f"{profile.prefix}{verb} {line.payload}"
        assert line.payload and line.payload[0] != " "
    if line.kind in LABELLED:  # a minutes item, never an empty "label:" one
        assert not LABEL_ONLY.fullmatch(line.payload), text
    assert not reading.unknown and not reading.auto_link, text
    assert reading.command is not None
    assert VERB_ALIASES[reading.command] is line.kind, (reading, line)
    if line.kind is Kind.START:
        started, name = starts_meeting(profile, text)
        assert started and name == line.payload
    elif line.kind not in (Kind.UNDO, Kind.END):
        assert reading.text == line.payload


@PROPERTY
@given(
    profile=st.sampled_from(ALL),
    kind=st.sampled_from(list(Kind)),
    text=TEXT,
    max_bytes=st.sampled_from([60, 100, 350, 450]),
    use_roster=st.booleans(),
)
def test_every_line_is_one_the_bot_reads_as_meant(
    profile: Profile, kind: Kind, text: str, max_bytes: int, use_roster: bool
) -> None:
    entry = Entry(kind, text)
    roster = ROSTER if use_roster else []
    try:
        rendered = render_entry(entry, profile, max_bytes=max_bytes, roster=roster)
    except RenderError as exc:
        assert str(exc)
        if "alone on a line" not in str(exc):  # a split that cannot avoid a bare label
            assert not _must_render(profile, entry, roster), (exc, entry)
        return
    lines = rendered.lines
    assert lines
    for i, line in enumerate(lines):
        _check_line(profile, line, max_bytes)
        assert line.continuation == (i > 0)
        if i == 0:
            assert line.kind is kind and line.joiner == ""
    if kind in (Kind.UNDO, Kind.END):
        assert len(lines) == 1
        return
    cont = {Kind.NOTE: Kind.NOTE, Kind.CHAIR: Kind.CHAIR, Kind.NICK: Kind.NICK}
    assert all(ln.kind is cont.get(kind, Kind.INFO) for ln in lines[1:])
    joined = "".join(ln.joiner + ln.payload for ln in lines)
    assert joined == _expected_join(kind, entry, roster)
    if kind is Kind.LINK:
        url = lines[0].payload.split(" ")[0]
        if profile.link_rule is not LinkRule.VERBATIM:
            assert link_url(profile, read_line(profile, lines[0].text).text) == url


@PROPERTY
@given(profile=st.sampled_from(ALL), before=TEXT, after=TEXT)
def test_a_link_with_a_url_is_never_refused(profile: Profile, before: str, after: str) -> None:
    assume("://" not in before)  # the first URL is the one we mean
    url = "https://example.org/path"
    lines = render_entry(Entry(Kind.LINK, f"{before} {url} {after}"), profile).lines
    assert lines[0].payload.split(" ")[0] == url
    for line in lines:
        _check_line(profile, line, 350)


def test_hcoop_gets_the_title_as_meeting_name_when_the_file_has_none() -> None:
    plan = MeetingPlan(title="Infra weekly")
    hcoop = [(e.kind, e.text) for e in start_entries(plan, PROFILES["hcoop"])]
    assert hcoop == [(Kind.START, "Infra weekly"), (Kind.MEETINGNAME, "Infra weekly")]
    plain = [(e.kind, e.text) for e in start_entries(plan, PROFILES["meetbot"])]
    assert plain == [(Kind.START, "Infra weekly")]
