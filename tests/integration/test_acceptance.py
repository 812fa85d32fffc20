"""Acceptance tests: what chair-tui itself produces, pasted into a real hcoop-meetbot.

``test_real_bot_raw.py`` pins down how the bot reads hand-written lines.  The tests here take
the lines from chair-tui (the TUI driven with Pilot, the ``render`` command, the renderer and
its paste chunks), send them over IRC the way a chair would, and compare the bot's minutes
entry by entry with what chair-tui says it recorded.

:func:`compare_minutes` does that comparison and returns a list of mismatches; a negative
control shows it does find a decision the bot lost.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from chair_tui.meeting.botmodel import BotModel
from chair_tui.meeting.meetingfile import load_meeting
from chair_tui.meeting.model import Entry, MeetingPlan
from chair_tui.meeting.profiles import Kind, get_profile
from chair_tui.meeting.render import Line, chunks, render_entries, render_entry, script_entries
from chair_tui.meeting.session import DELETED, Session, model_of_session
from chair_tui.meeting.text import DEFAULT_MAX_BYTES, utf8_len
from chair_tui.tui.app import ChairApp
from tests.helpers.app import make_app
from tests.helpers.clipboard import FakeClipboard
from tests.helpers.clock import frozen_clock

from .harness import (
    IRC_MAX_LINE_BYTES,
    BotUnderTest,
    IrcTestNetwork,
    MeetingSession,
    Minutes,
    time_bounded,
)

pytestmark = pytest.mark.integration

HCOOP = get_profile("hcoop")
MEETBOT = get_profile("meetbot")

CHAIR = "cmurf"
SPOKEN = "Chris"  # answers the roll call, is marked present: the bot knows the nick
SILENT = "tomas"  # never says a word: chair-tui must send "#nick tomas" before his action
ATTENDEES = ("neal", SPOKEN, SILENT)

#: Pause between two pasted chunks, as a person takes to copy, switch window and paste.
CHUNK_PAUSE = 0.3

TITLE = "Workstation WG"
APPROVAL_LINK = "https://discussion.example.org/t/workstation-wg-minutes-2021-06-23"
TOPICS = (
    "Fesco deadline is today",
    "btrfs and fscrypt",
    "Default wallpaper for F35",
)
MEETING_TOML = f"""\
title = "{TITLE}"
name = "workstation"
profile = "hcoop"
chair = "{CHAIR}"
rollcall_title = "Roll call"
open_floor_title = "Open Floor"

[[members]]
nick = "{CHAIR}"

[[members]]
nick = "neal"

[[members]]
nick = "{SPOKEN}"

[[members]]
nick = "{SILENT}"

[minutes_approval]
date = "June 23"
link = "{APPROVAL_LINK}"

[[agenda]]
title = "{TOPICS[0]}"
links = ["https://pagure.example.org/fesco/issue/2610"]
info = [
    "Owen wants agreement from the WG on installing repos by default",
    "the deadline is 23:59 UTC",
]

[[agenda]]
title = "{TOPICS[1]}"
links = ["https://lwn.example.org/Articles/btrfs-fscrypt"]
info = ["Omar explains the state of fscrypt support in btrfs", "naïve encryption is not enough"]

[[agenda]]
title = "{TOPICS[2]}"
info = ["two candidates are on the wiki", "the design team prefers the blue one"]
"""

DECISION = "interested parties comment after the meeting"
ACTION_SPOKEN = f"{SPOKEN} draft the change proposal"
ACTION_SILENT = f"{SILENT} collect feedback from the ARM testers"
LINK_TEXT = "design doc https://example.org/btrfs"
LINK_LINE = "#link https://example.org/btrfs design doc"  # chair-tui puts the URL first
IDEA = "use fscrypt for homed"


def write_meeting(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.toml"
    path.write_text(MEETING_TOML, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChairItem:
    """One command line chair-tui produced: its kind, the text after the verb, the whole line."""

    kind: Kind
    payload: str
    line: str


def items_from_session(session: Session) -> list[ChairItem]:
    """Every line the chair recorded, entry by entry, as the session holds them."""
    items: list[ChairItem] = []
    for entry in session.live_entries():
        for line_id in entry.line_ids:
            line = session.line(line_id)
            if line.state != DELETED and line.kind is not Kind.NOTE:
                items.append(ChairItem(line.kind, line.text.partition(" ")[2], line.text))
    return items


def items_from_lines(lines: Iterable[Line]) -> list[ChairItem]:
    """The command lines among rendered lines."""
    return [
        ChairItem(ln.kind, ln.text.partition(" ")[2], ln.text)
        for ln in lines
        if ln.kind is not Kind.NOTE
    ]


def _describe(event: tuple[str, ...]) -> str:
    return " ".join(repr(part) if i else part for i, part in enumerate(event))


def _diff(
    what: str,
    expected: Sequence[tuple[str, ...]],
    actual: Sequence[tuple[str, ...]],
    sources: Mapping[tuple[str, ...], str] | None = None,
) -> list[str]:
    """Mismatches between two ordered lists of items (missing, unexpected, out of order).

    ``sources`` names the chair-tui line an expected item comes from, for the message.
    """
    if list(expected) == list(actual):
        return []
    want, got = Counter(expected), Counter(actual)
    sources = sources or {}

    def source(item: tuple[str, ...]) -> str:
        return f" (from {sources[item]!r})" if item in sources else ""

    problems = [f"missing from {what}: {_describe(e)}{source(e)}" for e in (want - got).elements()]
    problems += [f"unexpected in {what}: {_describe(e)}" for e in (got - want).elements()]
    if not problems:
        problems.append(f"{what} has the right items in another order: {list(actual)}")
    return problems


def compare_with_model(model: BotModel, minutes: Minutes) -> list[str]:
    """Where the bot model's prediction and hcoop-meetbot's record differ: its raw log's events
    (without the start and end), its minutes' items under their topics (without the
    "Prologue" heading hcoop gives what comes before the first topic), and its actions by
    person."""
    problems: list[str] = []
    events = [(e.event_type, e.payload) for e in minutes.events]
    recorded = [e for e in events if e[0] not in ("START_MEETING", "END_MEETING")]
    predicted = [(e.kind, e.text) for e in model.events]
    if predicted != recorded:
        problems.append(f"events: predicted {predicted}, recorded {recorded}")
    items = [(e.event_type, e.payload, e.topic) for e in minutes.summary if e.topic != "Prologue"]
    predicted_items = [(i.kind.value, i.text, i.topic or "") for i in model.items]
    if predicted_items != items:
        problems.append(f"items: predicted {predicted_items}, recorded {items}")
    by_person: dict[str, list[str]] = {}
    for item, owners in model.assignments():
        for nick in owners:
            by_person.setdefault(nick, []).append(item.text)
    if by_person != minutes.actions_by_attendee:
        problems.append(f"actions: predicted {by_person}, recorded {minutes.actions_by_attendee}")
    return problems


def compare_minutes(
    items: Sequence[ChairItem],
    minutes: Minutes,
    bot: BotUnderTest,
    *,
    chair: str,
    actions_by_person: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """What differs between the lines chair-tui produced and the minutes the bot wrote.

    Checked, each in order: the bot's raw log has one event per command line (type, sender,
    text); the human-readable minutes list every item under the right topic with the same
    text; the action items (and, given ``actions_by_person``, who each is listed under) are
    the same; and the bot answered "Unknown command" to nothing.  An empty list means the
    minutes say exactly what the chair recorded.
    """
    acted = [item for item in items if item.kind.value in bot.event_types]
    ignored = [item.line for item in items if item.kind.value not in bot.event_types]
    problems = [f"{bot.profile} has no event for the line {line!r}" for line in ignored]

    def payload(event_type: str, text: str) -> str:
        # hcoop keeps no operand for the start and end commands (the title is not recorded)
        return "" if event_type in ("START_MEETING", "END_MEETING") else text

    sources: dict[tuple[str, ...], str] = {}
    wanted_events: list[tuple[str, ...]] = []
    for item in acted:
        event_type = bot.event_types[item.kind.value]
        event = (event_type, chair, payload(event_type, item.payload))
        wanted_events.append(event)
        sources[event] = item.line
    logged = [(e.event_type, e.nick, payload(e.event_type, e.payload)) for e in minutes.events]
    problems += _diff("the raw log", wanted_events, logged, sources)

    wanted_summary: list[tuple[str, ...]] = []
    topic = ""
    for item in acted:
        event_type = bot.event_types[item.kind.value]
        if event_type not in bot.summary_types:
            continue
        if event_type == "TOPIC":
            topic = item.payload
        elif not topic and bot.prologue:
            topic = bot.prologue
            wanted_summary.append(("TOPIC", chair, topic, topic))
        wanted_summary.append((event_type, chair, item.payload, topic))
        sources[wanted_summary[-1]] = item.line
    shown = [(e.event_type, e.nick, e.payload, e.topic) for e in minutes.summary]
    problems += _diff("the minutes", wanted_summary, shown, sources)

    wanted_actions = [(item.payload,) for item in acted if item.kind is Kind.ACTION]
    sources.update({(item.payload,): item.line for item in acted if item.kind is Kind.ACTION})
    problems += _diff("the action items", wanted_actions, [(a,) for a in minutes.actions], sources)
    if actions_by_person is not None:
        want_by = sorted((n, a) for n, texts in actions_by_person.items() for a in texts)
        got_by = sorted((n, a) for n, texts in minutes.actions_by_attendee.items() for a in texts)
        problems += _diff("the action items by attendee", want_by, got_by)

    problems += [f"the bot replied {reply!r}" for reply in minutes.unknown_command_replies()]
    return problems


# --------------------------------------------------------------------------------------------
# Driving the TUI
# --------------------------------------------------------------------------------------------


class PilotChair:
    """The chair at the keyboard: keys into chair-tui, copied chunks pasted into IRC."""

    def __init__(self, pilot: Pilot[int], app: ChairApp, meeting: MeetingSession) -> None:
        self.pilot = pilot
        self.app = app
        self.meeting = meeting
        self.copies: list[str] = []

    @property
    def session(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        """Type into the focused input: the first letter as a key, the rest inserted."""
        await self.pilot.press(text[0])
        focused = self.app.focused
        assert isinstance(focused, Input), focused
        focused.insert_text_at_cursor(text[1:])
        await self.pilot.pause()

    async def record(self, key: str, text: str) -> None:
        """Open the composer with ``key``, type ``text``, Enter records it, Escape leaves."""
        await self.keys(key)
        await self.type(text)
        await self.keys("enter", "escape")

    async def copy_and_paste(self) -> None:
        """Press ``c`` until nothing is pending; paste each chunk, then pause as a person does."""
        while self.session.pending():
            await self.keys("c")
            chunk = self.app.clipboard
            self.copies.append(chunk)
            await self.meeting.paste(CHAIR, chunk.split("\n"))
            await asyncio.sleep(CHUNK_PAUSE)


# --------------------------------------------------------------------------------------------
# 1. A whole meeting through the TUI
# --------------------------------------------------------------------------------------------


@time_bounded(60)
async def test_tui_meeting_reaches_hcoop_minutes_entry_by_entry(
    irc_network: IrcTestNetwork, channel: str, tmp_path: Path
) -> None:
    plan = load_meeting(write_meeting(tmp_path))
    system_clipboard = FakeClipboard()
    app = make_app(tmp_path / "data", system_clipboard, plan=plan)
    async with (
        irc_network.meeting(channel, CHAIR, ATTENDEES) as meeting,
        app.run_test(size=(100, 32)) as pilot,
    ):
        chair = PilotChair(pilot, app, meeting)
        await pilot.pause()
        # Start: the start block and the roll-call topic
        start_mark = meeting.mark()
        await chair.keys("n")
        await chair.copy_and_paste()
        await meeting.wait_for_bot(irc_network.bot.is_meeting_started, since=start_mark)
        # Roll call: the people answer, the chair marks them (Chris present, tomas regrets)
        await meeting.say("neal", "hi, present")
        await meeting.say(SPOKEN, "present")
        await chair.keys("p", "p", "p", "r", "w")
        await chair.copy_and_paste()
        # Minutes approval
        await chair.keys("n", "v")
        await chair.copy_and_paste()
        # Topic 1: an info, a decision, an action for someone the bot has seen
        await chair.keys("n")
        await chair.record("i", "Owen will wait a few hours for feedback")
        await chair.record("d", DECISION)
        await chair.record("a", ACTION_SPOKEN)
        await chair.copy_and_paste()
        # Topic 2: a link, an idea, an action for someone who has not said a word
        await chair.keys("n")
        await chair.record("l", LINK_TEXT)
        await chair.record("e", IDEA)
        await chair.record("a", ACTION_SILENT)
        await chair.copy_and_paste()
        # Topic 3, open floor with the next meeting, end
        await chair.keys("n")
        await chair.record("i", "the vote is next week")
        await chair.keys("n", "m")
        field = chair.app.focused
        assert isinstance(field, Input) and field.value.startswith("Next meeting: ")
        field.value = "Next meeting: July 13"  # the chair replaces the suggested date
        await chair.keys("enter", "escape", "E", "y")
        end_mark = meeting.mark()
        await chair.copy_and_paste()
        minutes = await meeting.minutes(since=end_mark)
        session = chair.session
        copies = chair.copies

    # chair-tui: every line was copied once, in order, in paste-safe chunks
    visible = [ln.text for ln in session.visible_lines()]
    assert "\n".join(copies).split("\n") == visible
    assert system_clipboard.copies == copies
    assert all(len(chunk.split("\n")) <= HCOOP.chunk_size for chunk in copies)
    assert session.ended and not session.pending()
    # members marked present are introduced with #nick at roll call; the silent attendee, who
    # was not, gets his #nick just before his action
    nick_line = f"#nick {SILENT}"
    assert visible.index(nick_line) + 1 == visible.index(f"#action {ACTION_SILENT}")
    assert sum(1 for t in visible if t.startswith("#nick ") and SPOKEN in t.split()) == 1
    assert f"#accepted {DECISION}" in visible
    assert LINK_LINE in visible

    # the bot: entry by entry, the same as the chair recorded
    assert (
        compare_minutes(
            items_from_session(session),
            minutes,
            irc_network.bot,
            chair=CHAIR,
            actions_by_person=session.summary().actions,
        )
        == []
    )

    # chair-tui's bot model predicts the bot's record, item by item, before anything is pasted
    assert compare_with_model(model_of_session(session), minutes) == []

    # ... and spelled out for the reader
    assert minutes.summary_payloads("TOPIC") == [
        "Prologue",  # hcoop's heading for #meetingname, which comes before the first topic
        "Roll call",
        "Approval of June 23 minutes",
        *TOPICS,
        "Open Floor",
    ]
    assert minutes.summary_payloads("MEETING_NAME") == ["workstation"]
    infos = minutes.summary_payloads("INFO")
    for item in plan.agenda:
        for info in item.info:
            assert info in infos
    assert "present: cmurf, neal, Chris" in infos
    assert "Next meeting: July 13" in infos
    assert minutes.summary_payloads("ACCEPTED") == ["no objections", DECISION]
    assert minutes.summary_payloads("LINK") == [
        APPROVAL_LINK,
        "https://pagure.example.org/fesco/issue/2610",
        "https://lwn.example.org/Articles/btrfs-fscrypt",
        "https://example.org/btrfs design doc",
    ]
    assert minutes.summary_payloads("IDEA") == [IDEA]
    assert minutes.actions == [ACTION_SPOKEN, ACTION_SILENT]
    assert minutes.actions_by_attendee[SPOKEN] == [ACTION_SPOKEN]
    assert minutes.actions_by_attendee[SILENT] == [ACTION_SILENT]
    assert not minutes.actions_by_attendee.get("neal")
    assert {CHAIR, "neal", SPOKEN, SILENT} <= set(minutes.attendees)
    assert minutes.unknown_command_replies() == []


# --------------------------------------------------------------------------------------------
# 2. Negative control: the comparison does fail
# --------------------------------------------------------------------------------------------


@time_bounded(60)
async def test_negative_control_meetbot_decision_is_flagged_missing(
    irc_network: IrcTestNetwork, channel: str
) -> None:
    entries = [
        Entry(Kind.START, TITLE),
        Entry(Kind.TOPIC, TOPICS[0]),
        Entry(Kind.DECISION, DECISION),
        Entry(Kind.END),
    ]
    wrong = render_entries(entries, MEETBOT)  # the right lines for another bot
    assert [ln.text for ln in wrong][2] == f"#agreed {DECISION}"
    assert [ln.text for ln in render_entries(entries, HCOOP)][2] == f"#accepted {DECISION}"

    async with irc_network.meeting(channel, CHAIR, ("neal",)) as meeting:
        mark = meeting.mark()
        await meeting.paste(CHAIR, [ln.text for ln in wrong])
        reply = await meeting.wait_for_bot(lambda text: "Unknown command" in text, since=mark)
        minutes = await meeting.minutes(since=mark)

    assert reply.endswith("Unknown command: #agreed")
    problems = compare_minutes(items_from_lines(wrong), minutes, irc_network.bot, chair=CHAIR)
    culprit = f"(from '#agreed {DECISION}')"
    assert f"missing from the raw log: ACCEPTED 'cmurf' '{DECISION}' {culprit}" in problems
    assert (
        f"missing from the minutes: ACCEPTED 'cmurf' '{DECISION}' '{TOPICS[0]}' {culprit}"
        in problems
    )
    assert f"the bot replied '{reply}'" in problems
    assert len(problems) == 3, problems
    assert DECISION not in minutes.text()


# --------------------------------------------------------------------------------------------
# 3. `chair-tui render` pasted as is
# --------------------------------------------------------------------------------------------


async def run_render(meeting_file: Path, profile: str) -> tuple[list[str], str]:
    """``python -m chair_tui render MEETING --profile PROFILE``: its lines and its stderr."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "chair_tui",
        "render",
        str(meeting_file),
        "--profile",
        profile,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=meeting_file.parent,
    )
    try:
        async with asyncio.timeout(30):
            out, err = await proc.communicate()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, err.decode()
    return out.decode("utf-8").splitlines(), err.decode("utf-8")


def script_lines(plan: MeetingPlan) -> list[Line]:
    """What ``chair-tui render`` prints for ``plan``, from the library."""
    roster = [m.nick for m in plan.members]
    return render_entries(
        script_entries(plan, HCOOP), HCOOP, max_bytes=plan.max_bytes, roster=roster
    )


@time_bounded(60)
async def test_render_command_output_pasted_as_is(
    irc_network: IrcTestNetwork, channel: str, tmp_path: Path
) -> None:
    meeting_file = write_meeting(tmp_path)
    plan = load_meeting(meeting_file)
    printed, _notes = await run_render(meeting_file, "hcoop")
    expected = script_lines(plan)
    assert printed == [ln.text for ln in expected]

    async with irc_network.meeting(channel, CHAIR, ("neal",)) as meeting:
        mark = meeting.mark()
        for line in printed:  # line by line, as typed or pasted one at a time
            await meeting.say(CHAIR, line)
        minutes = await meeting.minutes(since=mark)

    assert compare_minutes(items_from_lines(expected), minutes, irc_network.bot, chair=CHAIR) == []
    assert plan.minutes_approval is not None
    assert minutes.summary_payloads("TOPIC") == [
        irc_network.bot.prologue,  # where hcoop files the #meetingname before the first topic
        plan.rollcall_title,
        plan.minutes_approval.title,
        *(item.title for item in plan.agenda),
        plan.open_floor_title,
    ]
    assert minutes.summary_payloads("LINK") == [
        plan.minutes_approval.link,
        *(link for item in plan.agenda for link in item.links),
    ]
    assert minutes.summary_payloads("INFO") == [i for item in plan.agenda for i in item.info]


# --------------------------------------------------------------------------------------------
# 4. A line over the length limit
# --------------------------------------------------------------------------------------------

LONG_INFO = (
    "Release criteria review: the Workstation WG agreed that the installer must keep working"
    " on machines with Secure Boot enabled, that btrfs stays the default file system with"
    " transparent zstd compression, and that the upgrade path from the previous release is"
    " tested on real hardware by at least two members before the go/no-go meeting; Tomáš"
    " volunteered to coordinate the test days, Chris will draft the change proposal for the"
    " new default partition layout (one subvolume for /, one for /home), and neal will"
    " collect feedback from the Asahi, ARM and aarch64 testers so that the naïve defaults do"
    " not break less common set-ups; open questions for the next meeting: whether to ship"
    " the old kernel as a fallback boot entry, how long the blocker review should run each"
    " week, who takes over the documentation of the release notes for end users, and"
    " whether the ÄÖÜ keyboard layouts need a separate test day."
)


def joined(lines: Sequence[Line], payloads: Sequence[str]) -> str:
    """``payloads`` put back together with the joiners chair-tui split ``lines`` at."""
    return "".join(ln.joiner + text for ln, text in zip(lines, payloads, strict=True))


@time_bounded(60)
async def test_long_info_is_split_by_chair_tui_and_reaches_minutes_whole(
    irc_network: IrcTestNetwork, channel: str
) -> None:
    assert 850 <= utf8_len(LONG_INFO) <= 1000
    unsplit = f"#info {LONG_INFO}"
    assert len(f"PRIVMSG {channel} :{unsplit}\r\n".encode()) > IRC_MAX_LINE_BYTES

    parts = list(render_entry(Entry(Kind.INFO, LONG_INFO), HCOOP).lines)
    assert len(parts) >= 3
    assert all(ln.text.startswith("#info ") and ln.kind is Kind.INFO for ln in parts)
    assert all(utf8_len(ln.text) <= DEFAULT_MAX_BYTES for ln in parts)
    # room left for the relay prefix the server adds, even with a 63-character host name
    relay = f":{CHAIR}!~{CHAIR}@{'h' * 63} PRIVMSG {channel} :"
    assert all(len(f"{relay}{ln.text}\r\n".encode()) <= IRC_MAX_LINE_BYTES for ln in parts)
    assert joined(parts, [ln.payload for ln in parts]) == LONG_INFO

    lines = [
        *render_entries([Entry(Kind.START, TITLE), Entry(Kind.TOPIC, "Release criteria")], HCOOP),
        *parts,
    ]
    end = render_entries([Entry(Kind.END)], HCOOP)
    async with irc_network.meeting(channel, CHAIR, ATTENDEES) as meeting:
        mark = meeting.mark()
        for line in lines:
            await meeting.say(CHAIR, line.text)
        # the same text sent unsplit: the server drops the sender, nothing is recorded
        tomas = meeting[SILENT]
        await tomas.say(channel, unsplit, allow_overlong=True)
        assert await tomas.wait_disconnected() == "Request too long"
        await meeting.say(CHAIR, end[0].text)
        minutes = await meeting.minutes(since=mark)

    assert (
        compare_minutes(items_from_lines([*lines, *end]), minutes, irc_network.bot, chair=CHAIR)
        == []
    )
    infos = minutes.payloads("INFO")
    assert infos == [ln.payload for ln in parts]
    assert minutes.summary_payloads("INFO") == infos
    assert joined(parts, infos) == LONG_INFO
    assert LONG_INFO not in minutes.text()
    assert not [m for m in minutes.log if m.nick == SILENT]


# --------------------------------------------------------------------------------------------
# 5. Chunked pasting at a human pace
# --------------------------------------------------------------------------------------------


@time_bounded(60)
async def test_chunks_pasted_with_pauses_arrive_complete_and_in_order(
    irc_network: IrcTestNetwork, channel: str, tmp_path: Path
) -> None:
    plan = load_meeting(write_meeting(tmp_path))
    rendered = script_lines(plan)
    texts = [ln.text for ln in rendered]
    pastes = chunks(texts, HCOOP)
    assert len(pastes) >= 4
    assert all(1 <= len(chunk) <= HCOOP.chunk_size for chunk in pastes)
    assert [t for chunk in pastes for t in chunk] == texts

    async with irc_network.meeting(channel, CHAIR, ("neal",), pace=0.0) as meeting:
        mark = meeting.mark()
        for chunk in pastes:
            await meeting.paste(CHAIR, chunk, confirm=False)  # no waiting for anyone
            await asyncio.sleep(CHUNK_PAUSE)
        minutes = await meeting.minutes(since=mark)

    assert [m.text for m in minutes.log if m.nick == CHAIR] == texts
    assert compare_minutes(items_from_lines(rendered), minutes, irc_network.bot, chair=CHAIR) == []


# --------------------------------------------------------------------------------------------
# "Present" is not "seen by the bot": a member who only spoke before #startmeeting
# --------------------------------------------------------------------------------------------


@time_bounded(60)
async def test_action_for_member_marked_present_who_spoke_only_before_the_start(
    irc_network: IrcTestNetwork, channel: str, tmp_path: Path
) -> None:
    plan = load_meeting(write_meeting(tmp_path))
    # The same steps the TUI takes (n, p, w, a …, E), on the session directly: no TUI needed.
    session = Session(plan, clock=frozen_clock)
    session.open_step()  # start block
    session.next_step()
    session.open_step()  # #topic Roll call
    session.set_attendance("neal", "present")
    session.emit_rollcall()
    action = Entry(Kind.ACTION, "neal test the installer on real hardware")
    assert session.preview(action).assignees == ("neal",)  # what the composer tells the chair
    assert "#nick neal" in [ln.text for ln in session.visible_lines()]  # from roll call
    session.record(action)
    session.end()
    lines = [ln.text for ln in session.visible_lines()]

    async with irc_network.meeting(channel, CHAIR, ("neal",)) as meeting:
        await meeting.say("neal", "hi all, I am here")  # before the meeting starts
        mark = meeting.mark()
        for chunk in chunks(lines, HCOOP):
            await meeting.paste(CHAIR, chunk)
        minutes = await meeting.minutes(since=mark)

    assert minutes.actions == [action.text]
    assert (
        compare_minutes(
            items_from_session(session),
            minutes,
            irc_network.bot,
            chair=CHAIR,
            actions_by_person=session.summary().actions,
        )
        == []
    )
