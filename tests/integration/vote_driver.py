"""A vote run the way a chair runs it in chair-tui, against a real bot.

The chair's side comes from chair-tui: the voting table (:class:`VoteScreen`, keys pressed with
Pilot) gives the closed :class:`Vote`, and :func:`vote_lines` gives the lines the chair sends
(``open`` before the members vote, ``close`` after the table is closed) and the bot's predicted
answer.  The voters' side is what chair-tui tells them to type: :func:`ballot_line`.

:func:`vote_events` and :func:`vote_items` put the bot's record and chair-tui's bot model in the
same shape, so the two can be compared item by item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.pilot import Pilot
from textual.widgets import Static

from chair_tui.meeting.botmodel import BotModel, Event
from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.votes import Ballot, Vote, VoteLines, ballot_line, vote_lines
from chair_tui.tui.app import ChairApp
from chair_tui.tui.screens.vote import BotView, VoteScreen, VoteTable

from .harness import MeetingSession, Minutes

#: The voting table's key for each ballot (the key table's vote_yes, vote_abstain, vote_no).
MARK_KEY = {Ballot.YES: "plus", Ballot.ABSTAIN: "0", Ballot.NO: "minus"}

#: The bot's answers to the vote commands (hcoop-meetbot 0.8.1).
VOTE_REPLY_HEADS = ("Voting is open", "Motion ", "In favor:", "Opposed:", "No vote is")

#: What a voter says to abstain on hcoop, where there is no #vote for it.
ABSTAIN_WORDS = "I abstain"


@dataclass(frozen=True, slots=True)
class Said:
    """One thing a voter says during the vote; the chair marks a voter once, the first time."""

    nick: str
    ballot: Ballot


@dataclass(frozen=True, slots=True)
class VoteRun:
    """One vote as it went: the closed table, chair-tui's lines and prediction, what the
    chair's screen showed before Enter, and what was said in the channel."""

    motion: str
    vote: Vote
    lines: VoteLines
    opened: tuple[str, ...]
    table_ballots: tuple[tuple[str, str], ...]  # (nick, line) per ballot held, as marked
    said: tuple[tuple[str, str], ...]  # (nick, line): every line of the run, in order
    shown_replies: str
    shown_warnings: str
    open_mark: int  # the observer's record position before the open lines
    close_mark: int  # ... and before the close lines

    def expected(self, chair: str) -> list[tuple[str, str]]:
        """(nick, line) as chair-tui expects them said: the open lines, one ballot line per
        voter the table holds a #vote for (in the order the chair marked them), the close
        lines."""
        return [
            *((chair, line) for line in self.opened),
            *self.table_ballots,
            *((chair, line) for line in self.lines.close),
        ]


def without_address(text: str, nick: str) -> str:
    """A bot reply without the ``nick: `` Limnoria puts in front of an answer to ``nick``."""
    head = f"{nick}: "
    return text[len(head) :] if text.startswith(head) else text


def is_vote_reply(text: str) -> bool:
    return text.startswith(VOTE_REPLY_HEADS)


class TableChair:
    """The chair at the voting table: opened on a motion, the voters' ballots marked as they
    are said in the channel, Enter; the lines from the vote core sent from the chair's client."""

    def __init__(
        self,
        pilot: Pilot[int],
        app: ChairApp,
        meeting: MeetingSession,
        plan: MeetingPlan,
        profile: Profile,
    ) -> None:
        self.pilot = pilot
        self.app = app
        self.meeting = meeting
        self.plan = plan
        self.profile = profile

    @property
    def chair(self) -> str:
        return self.meeting.chair

    def lines_of(self, vote: Vote) -> VoteLines:
        return vote_lines(self.profile, vote, max_bytes=self.plan.max_bytes)

    def preview(self, vote: Vote) -> BotView:
        """What the meeting screen shows beside the table: the core's prediction."""
        lines = self.lines_of(vote)
        return BotView(replies=lines.reply, warnings=lines.warnings)

    async def run(self, motion: str, said: Sequence[Said]) -> VoteRun:
        """Open the table for ``motion``, send the open lines, let the voters say ``said``
        (the chair marking each voter once), close the table and send the close lines."""
        results: list[Vote | None] = []
        screen = VoteScreen(motion, self.plan, self.profile, preview=self.preview)
        self.app.push_screen(screen, results.append)
        await self.pilot.pause()
        table = screen.query_one(VoteTable)
        opened = self.lines_of(screen.vote).open  # the open lines do not depend on ballots
        open_mark = self.meeting.mark()
        await self.meeting.paste(self.chair, opened)
        await self.meeting.wait_for_bot(lambda t: "Voting is open" in t, since=open_mark)

        said_lines: list[tuple[str, str]] = [(self.chair, line) for line in opened]
        marked: list[str] = []
        for say in said:
            line = ballot_line(self.profile, say.ballot)
            await self.meeting.say(say.nick, line or ABSTAIN_WORDS)
            said_lines.append((say.nick, line or ABSTAIN_WORDS))
            if say.nick in marked:
                continue
            marked.append(say.nick)
            row = screen.vote.index(say.nick)
            step = "down" if row > table.cursor_row else "up"
            await self.pilot.press(*[step] * abs(row - table.cursor_row), MARK_KEY[say.ballot])
        await self.pilot.pause()
        shown_replies = str(screen.query_one("#vote-bot", Static).render())
        shown_warnings = str(screen.query_one("#vote-warnings", Static).render())
        await self.pilot.press("enter")
        await self.pilot.pause()
        assert len(results) == 1, results
        closed = results[0]
        assert closed is not None, "the table was cancelled"

        lines = self.lines_of(closed)
        said_lines += [(self.chair, line) for line in lines.close]
        held = ((nick, ballot_line(self.profile, closed.ballot(nick))) for nick in marked)
        table_ballots = tuple((nick, line) for nick, line in held if line)
        close_mark = self.meeting.mark()
        await self.meeting.paste(self.chair, lines.close)
        if lines.reply:  # #close: wait for the bot's last answer to it
            await self.meeting.wait_for_bot(lambda t: "Opposed:" in t, since=close_mark)
        return VoteRun(
            motion=motion,
            vote=closed,
            lines=lines,
            opened=opened,
            table_ballots=table_ballots,
            said=tuple(said_lines),
            shown_replies=shown_replies,
            shown_warnings=shown_warnings,
            open_mark=open_mark,
            close_mark=close_mark,
        )


def bot_answers(meeting: MeetingSession, start: int, end: int) -> list[str]:
    """The bot's vote replies seen by the observer between two marks, without the address."""
    texts = [
        without_address(m.text, meeting.chair)
        for m in meeting.observer.messages[start:end]
        if m.sender.lower() == meeting.bot.nick.lower()
        and m.target.lower() == meeting.channel.lower()
    ]
    return [t for t in texts if is_vote_reply(t)]


def model_of(profile: Profile, channel: str, lines: Sequence[tuple[str, str]]) -> BotModel:
    """chair-tui's bot model after ``lines`` ((nick, text), in order) were said in ``channel``."""
    model = BotModel(profile, channel=channel)
    for nick, text in lines:
        model.feed("00:00:00", nick, text)
    return model


def vote_events(minutes: Minutes) -> list[tuple[str, str, str]]:
    """The bot's raw-log events (type, sender, text), without the start and the end."""
    return [
        (e.event_type, e.nick, e.payload)
        for e in minutes.events
        if e.event_type not in ("START_MEETING", "END_MEETING")
    ]


def model_events(model: BotModel) -> list[tuple[str, str, str]]:
    """The same for chair-tui's bot model."""
    return [
        (e.kind if isinstance(e, Event) else e.kind.value, e.nick, e.text) for e in model.events
    ]


def vote_items(minutes: Minutes) -> list[tuple[str, str, str]]:
    """The items of the bot's HTML minutes (type, text, topic), without hcoop's Prologue."""
    return [(e.event_type, e.payload, e.topic) for e in minutes.summary if e.topic != "Prologue"]


def model_items(model: BotModel) -> list[tuple[str, str, str]]:
    return [(i.kind.value, i.text, i.topic or "") for i in model.items]
