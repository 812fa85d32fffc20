"""Raw IRC lines against a real ngIRCd and a real hcoop-meetbot (no TUI involved).

These tests pin down what the bot really records, so that the command lines chair-tui
produces can be checked against the real thing rather than against our own assumptions.
"""

from __future__ import annotations

import pytest

from chair_tui.meeting.model import Entry
from chair_tui.meeting.profiles import Kind, get_profile
from chair_tui.meeting.render import Line, render_entry
from chair_tui.meeting.text import DEFAULT_MAX_BYTES

from .harness import (
    IRC_MAX_LINE_BYTES,
    IrcTestNetwork,
    Minutes,
    MinutesEvent,
    time_bounded,
)

pytestmark = pytest.mark.integration

CHAIR = "cmurf"
ATTENDEES = ("neal", "Chris", "tomas")

#: Longest line the tests let a client send, in UTF-8 bytes of the message text.  Leaves room
#: for "PRIVMSG #channel :" and for the "nick!user@host" prefix the server adds when relaying.
#: It is chair-tui's default line limit (``DEFAULT_MAX_BYTES``).
SAFE_LINE_BYTES = DEFAULT_MAX_BYTES


def assert_item(minutes: Minutes, event_type: str, payload: str, nick: str = CHAIR) -> None:
    """Assert that the raw log and the HTML minutes both hold the item with exactly this text."""
    wanted = MinutesEvent(event_type, nick, payload)
    logged = [(e.event_type, e.nick, e.payload) for e in minutes.events]
    assert (wanted.event_type, wanted.nick, wanted.payload) in logged, (
        f"{event_type} {payload!r} by {nick} not in raw log: {logged}"
    )
    shown = [(e.event_type, e.nick, e.payload) for e in minutes.summary]
    assert (wanted.event_type, wanted.nick, wanted.payload) in shown, (
        f"{event_type} {payload!r} by {nick} not in HTML minutes: {shown}"
    )


@time_bounded(60)
async def test_meeting_items_reach_the_minutes_verbatim(
    irc_network: IrcTestNetwork, channel: str
) -> None:
    async with irc_network.meeting(channel, CHAIR, ATTENDEES) as meeting:
        await meeting.start("Workstation WG")
        await meeting.say("neal", "hello")
        await meeting.say("Chris", "hi everyone")
        await meeting.say("tomas", "hello all")
        for line in (
            "#topic Rollcall",
            "#info present: neal Chris",
            "#accepted no objections",
            "#action neal Chris review the proposals",
            "#link https://example.org/agenda the agenda",
            "#idea use btrfs",
        ):
            await meeting.say(CHAIR, line)
        minutes = await meeting.end()

    assert_item(minutes, "TOPIC", "Rollcall")
    assert_item(minutes, "INFO", "present: neal Chris")
    assert_item(minutes, "ACCEPTED", "no objections")
    assert_item(minutes, "ACTION", "neal Chris review the proposals")
    assert_item(minutes, "LINK", "https://example.org/agenda the agenda")
    assert_item(minutes, "IDEA", "use btrfs")
    assert [e.event_type for e in minutes.summary] == [
        "TOPIC",
        "INFO",
        "ACCEPTED",
        "ACTION",
        "LINK",
        "IDEA",
    ]
    assert all(e.topic == "Rollcall" for e in minutes.summary)

    assert minutes.actions == ["neal Chris review the proposals"]
    assert minutes.actions_by_attendee["neal"] == ["neal Chris review the proposals"]
    assert minutes.actions_by_attendee["Chris"] == ["neal Chris review the proposals"]
    assert "tomas" not in minutes.actions_by_attendee
    assert {"cmurf", "neal", "Chris", "tomas"} <= set(minutes.attendees)

    assert minutes.unknown_command_replies() == []
    assert any("Meeting started" in reply for reply in minutes.bot_replies)


@time_bounded(60)
async def test_agreed_is_unknown_to_hcoop_and_absent_from_minutes(
    irc_network: IrcTestNetwork, channel: str
) -> None:
    """Negative control: the same checks do fail when the bot does not know a command."""
    async with irc_network.meeting(channel, CHAIR, ("neal",)) as meeting:
        await meeting.start("Workstation WG")
        await meeting.say("neal", "hello")
        await meeting.say(CHAIR, "#topic Proposals")
        mark = meeting.mark()
        await meeting.say(CHAIR, "#agreed no objections")
        reply = await meeting.wait_for_bot(lambda text: "Unknown command" in text, since=mark)
        minutes = await meeting.end()

    assert reply.endswith("Unknown command: #agreed")  # Limnoria prefixes "cmurf: "
    assert minutes.unknown_command_replies() == [reply]
    assert "no objections" not in minutes.text()
    assert not minutes.payloads("ACCEPTED")
    assert [e.event_type for e in minutes.summary] == ["TOPIC"]
    with pytest.raises(AssertionError):
        assert_item(minutes, "ACCEPTED", "no objections")
    # the line itself is only plain chat in the raw log
    assert any(m.nick == CHAIR and m.text == "#agreed no objections" for m in minutes.log)


# A long #info (about 870 bytes), split by chair-tui's own renderer.
LONG_INFO = (
    "Release criteria review: the Workstation WG agreed that the installer must keep working"
    " on machines with Secure Boot enabled, that btrfs stays the default file system with"
    " transparent zstd compression, and that the upgrade path from the previous release is"
    " tested on real hardware by at least two members before the go/no-go meeting;"
    " Tomáš volunteered to coordinate the test days, Chris will draft the change proposal for"
    " the new default partition layout (one subvolume for /, one for /home), and neal will"
    " collect feedback from the Asahi, ARM and aarch64 testers so that the naïve defaults"
    " do not break less common set-ups;"
    " open questions for the next meeting: whether to ship the old kernel as a fallback boot"
    " entry, how long the blocker review should run each week, and who takes over the"
    " documentation of the release notes for end users."
)


def split_info(text: str) -> list[Line]:
    """The ``#info`` lines chair-tui renders for ``text`` for hcoop-meetbot.

    Each is at most SAFE_LINE_BYTES UTF-8 bytes, command included (chair-tui's default limit).
    """
    return list(render_entry(Entry(Kind.INFO, text), get_profile("hcoop")).lines)


def truncate_utf8(text: str, max_bytes: int) -> str:
    """Cut ``text`` to at most ``max_bytes`` UTF-8 bytes without breaking a character."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


@time_bounded(60)
async def test_long_info_needs_splitting(irc_network: IrcTestNetwork, channel: str) -> None:
    unsplit = f"#info {LONG_INFO}"
    wire = f"PRIVMSG {channel} :{unsplit}\r\n".encode()
    assert len(wire) > IRC_MAX_LINE_BYTES  # it cannot travel as one IRC message
    split = split_info(LONG_INFO)
    parts = [line.payload for line in split]
    assert len(split) > 1
    assert all(line.text == f"#info {line.payload}" for line in split)
    assert all(len(line.text.encode("utf-8")) <= SAFE_LINE_BYTES for line in split)
    assert "".join(line.joiner + line.payload for line in split) == LONG_INFO

    # A client that cuts the line at the protocol limit (512 bytes with CR LF) ...
    head = f"PRIVMSG {channel} :"
    cut = truncate_utf8(unsplit, IRC_MAX_LINE_BYTES - 2 - len(head.encode()))
    assert len((head + cut).encode()) + 2 <= IRC_MAX_LINE_BYTES

    async with irc_network.meeting(channel, CHAIR, ATTENDEES) as meeting:
        await meeting.start("Workstation WG")
        await meeting.say("neal", "hello")
        await meeting.say(CHAIR, "#topic Release criteria")
        # 1. split into short #info lines: every part arrives
        for line in split:
            await meeting.say(CHAIR, line.text)
        # 2. cut at 512 bytes by the client: the server relays it with its own prefix and
        #    cuts again, so the tail never reaches the bot
        await meeting.say(CHAIR, cut)
        # 3. sent unsplit (over 512 bytes): the server drops the sender's connection
        tomas = meeting["tomas"]
        await tomas.say(channel, unsplit, allow_overlong=True)
        assert await tomas.wait_disconnected() == "Request too long"
        await meeting.say("neal", "tomas dropped off")
        minutes = await meeting.end()

    infos = minutes.payloads("INFO")
    assert infos[: len(split)] == parts
    assert minutes.summary_payloads("INFO")[: len(split)] == parts

    assert len(infos) == len(split) + 1, infos
    truncated = infos[-1]
    assert truncated.endswith("[CUT]")  # ngIRCd marks a relayed line it had to shorten
    kept = truncated.removesuffix("[CUT]")
    assert LONG_INFO.startswith(kept)
    assert len(kept) < len(cut.removeprefix("#info ")) < len(LONG_INFO)
    ending = "release notes for end users."
    assert ending not in truncated
    assert ending in parts[-1]
    assert [info for info in infos if ending in info] == [parts[-1]]

    assert not [m for m in minutes.log if m.nick == "tomas"]
    assert minutes.unknown_command_replies() == []


@time_bounded(60)
async def test_burst_without_pacing_loses_nothing(
    irc_network: IrcTestNetwork, channel: str
) -> None:
    """With ngIRCd's penalties off and Limnoria's throttle at 0, back-to-back lines all arrive."""
    lines = [f"#info burst line {i:02d} " + "x" * 200 for i in range(30)]
    async with irc_network.meeting(channel, CHAIR, ("neal",), pace=0.0) as meeting:
        await meeting.start("Burst")
        for line in lines:
            await meeting.say(CHAIR, line, confirm=False)
        minutes = await meeting.end()
    assert minutes.payloads("INFO") == [line.removeprefix("#info ") for line in lines]
    assert minutes.summary_payloads("INFO") == [line.removeprefix("#info ") for line in lines]
