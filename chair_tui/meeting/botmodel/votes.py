"""The votes a bot counts itself: meetingology, OpenStack and hcoop-meetbot.

:class:`VoteState` is the vote part of a :class:`~chair_tui.meeting.botmodel.BotModel`; the
model hands it the vote commands (a chair's, where the bot wants a chair) and, for meetingology,
every line said while a vote is open. It answers with an :class:`Effect`: the replies, and the
item the bot records (kind and text), spelt as the bots spell them (the MeetBot specification
§4.5–4.7, vectors V61–V63):

* meetingology (Gmeetbot@7b3ea66): ``#voters`` (``everyone`` clears), ``#votesrequired N``,
  ``#vote <motion>``; a line whose text (a command's argument) matches
  ``([+-]1|[+-]?0)\\b`` from an allowed voter counts, the last per nick; ``#endvote`` replies
  the counts and "Motion carried" when for − against ≥ votesrequired, and records
  ``VOTE <motion> (Carried)``.
* OpenStack: ``#startvote <question>? <choices>`` (the question ends at the last ``?``; the
  choices split on ``[^\\w+-]+``; none: ``Yes, No``), ``#vote <choice>`` (case-insensitive, the
  last per nick), ``#showvote``, ``#endvote`` recording ``VOTE Voted on "<q>?" Results are, …``
  with the options in the order first voted.
* hcoop: ``#motion`` opens ("Voting is open"), ``#vote`` records ``VOTE +1`` when its operand
  starts with ``+`` and ``VOTE -1`` otherwise, every one; ``#close`` counts the votes after the
  motion and records ``ACCEPTED``/``FAILED``/``INCONCLUSIVE`` "Motion …: N in favor to M
  opposed"; ``#accepted``/``#failed``/``#inconclusive`` close the motion too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MGY_VOTE_RE = re.compile(r"([+-]1|[+-]?0)\b")
_OSK_QUESTION = re.compile(r"(?P<question>.*)\?\s*(?P<choices>.*)")
_OSK_SPLIT = re.compile(r"[^\w+-]+")
_OSK_DEFAULT = ["Yes", "No"]
_VOTERS_SPLIT = re.compile(r"[, ]+")
MGY_PUBLIC = (
    "Public votes can be registered by saying +1, -1 or +0 in channel (for private voting, "
    "private message me with 'vote +1|-1|+0 #channelname')"
)

# the commands VoteState handles, per protocol (the model's profile decides which apply)
MGY_COMMANDS = frozenset({"voters", "votesrequired", "vote", "endvote"})
OSK_COMMANDS = frozenset({"startvote", "vote", "showvote", "endvote"})
HCOOP_COMMANDS = frozenset({"motion", "vote", "close", "accepted", "failed", "inconclusive"})


@dataclass(frozen=True, slots=True)
class Effect:
    """What one vote command does: ``replies`` said in the channel, ``item`` recorded (kind,
    text), ``result`` the vote as ``(question, result)`` when one closed, and ``consumed``
    False when the model should still record the line as its ordinary item."""

    replies: tuple[str, ...] = ()
    item: tuple[str, str] | None = None
    result: tuple[str, str] | None = None
    consumed: bool = True


@dataclass(slots=True)
class VoteState:
    """A bot's open vote, if any, and what it keeps between votes."""

    question: str | None = None
    ballots: dict[str, str] = field(default_factory=dict)  # nick -> vote (line or option)
    options: list[str] = field(default_factory=list)  # OpenStack's choices
    chosen: dict[str, list[str]] = field(default_factory=dict)  # OpenStack: option -> nicks
    voters: dict[str, bool] = field(default_factory=dict)  # meetingology's #voters
    required: int = 0  # meetingology's #votesrequired
    motion_index: int | None = None  # hcoop: the MOTION's place among the events

    # ------------------------------------------------------------------ meetingology

    def meetingology(self, cmd: str, arg: str, owner: str) -> Effect:
        if cmd == "voters":
            for voter in _VOTERS_SPLIT.split(arg):
                if not voter:
                    continue
                if voter in ("everyone", "everybody", "all"):
                    self.voters.clear()
                    return Effect(("Everyone can now vote",))
                self.voters[voter] = True
            shown = ", ".join(sorted({*self.voters, owner}))
            return Effect((f"Current voters: {shown}",))
        if cmd == "votesrequired":
            try:
                self.required = int(arg)
            except ValueError:
                self.required = 0
            return Effect((f"Votes now need {self.required} to be passed",))
        if cmd == "vote":
            if self.question:
                return Effect((f"Voting still open on: {self.question}",))
            self.question = arg
            self.ballots = {}
            return Effect((f"Please vote on: {arg}", MGY_PUBLIC))
        # endvote
        if not self.question:
            return Effect(("No vote in progress",))
        yes = no = abstain = 0
        for said in self.ballots.values():
            if re.match(r"\+1\b", said):
                yes += 1
            elif re.match(r"-1\b", said):
                no += 1
            elif re.match(r"[+-]?0\b", said):
                abstain += 1
        carried = yes - no >= self.required
        verdict = "Carried" if carried else "Denied"
        question, self.question, self.ballots = self.question, None, {}
        replies = (
            f"Voting ended on: {question}",
            f"Votes for: {yes}, Votes against: {no}, Abstentions: {abstain}",
            f"Motion {verdict.lower()}",
        )
        text = f"{question} ({verdict})"
        return Effect(replies, ("VOTE", text), (question, text))

    def meetingology_line(self, nick: str, said: str) -> tuple[str, ...]:
        """A line said while a vote is open (``said``: a command's argument, or the line)."""
        if not self.question or not MGY_VOTE_RE.match(said):
            return ()
        if self.voters and nick not in self.voters:
            return ()
        self.ballots[nick] = said
        return (f"{said} received from {nick}",)

    # ------------------------------------------------------------------ OpenStack

    def openstack(self, cmd: str, arg: str, nick: str) -> Effect:
        if cmd == "startvote":
            if self.question is not None:
                return Effect((f"Already voting on '{self.question}'",))
            m = _OSK_QUESTION.match(arg)
            if m is None:
                return Effect(("Unable to parse vote topic and options.",))
            self.question = m.group("question")
            choices = m.group("choices")
            self.options = _OSK_SPLIT.split(choices) if choices else list(_OSK_DEFAULT)
            self.ballots, self.chosen = {}, {}
            valid = ", ".join(self.options)
            return Effect(
                (
                    f"Begin voting on: {self.question}? Valid vote options are {valid}.",
                    "Vote using '#vote OPTION'. Only your last vote counts.",
                )
            )
        if self.question is None:
            return Effect()
        lowered = [o.lower() for o in self.options]
        if cmd == "vote":
            choice = arg.lower()
            if choice not in lowered:
                valid = ", ".join(self.options)
                return Effect((f"{nick}: {arg} is not a valid option. Valid options are {valid}.",))
            old = self.ballots.get(nick)
            if old is not None:  # the old option keeps its place, even with no votes left
                self.chosen[old].remove(nick)
            self.ballots[nick] = choice
            self.chosen.setdefault(choice, []).append(nick)
            return Effect()
        tallies = self._osk_tallies(lowered)
        shows = tuple(f"{name} ({len(nicks)}): {', '.join(nicks)}" for name, nicks in tallies)
        if cmd == "showvote":
            return Effect(shows)
        head = f'Voted on "{self.question}?" Results are'
        text = head + "".join(f", {name}: {len(nicks)}" for name, nicks in tallies)
        question = f"{self.question}?"
        self.question, self.options, self.ballots, self.chosen = None, [], {}, {}
        return Effect((head, *shows), ("VOTE", text), (question, text))

    def _osk_tallies(self, lowered: list[str]) -> list[tuple[str, list[str]]]:
        """Each option voted for (its declared spelling) with its voters, in the order first
        voted (an option whose voters all changed their vote stays, with 0)."""
        return [(self.options[lowered.index(c)], nicks) for c, nicks in self.chosen.items()]

    # ------------------------------------------------------------------ hcoop

    def hcoop(self, cmd: str, arg: str, events: int, votes: list[tuple[str, str]]) -> Effect:
        """``events``: how many events the meeting holds; ``votes``: the (nick, "+1"/"-1") of
        the VOTE events after the motion, for ``#close``."""
        if cmd == "motion":
            self.motion_index = events  # the MOTION is the next event
            self.question = arg
            return Effect(("Voting is open",), ("MOTION", arg))
        if cmd == "vote":
            if self.question is None:
                return Effect(("No vote is in progress",))
            return Effect(item=("VOTE", "+1" if arg.startswith("+") else "-1"))
        if cmd == "close":
            if self.question is None:
                return Effect()
            in_favor = [n for n, v in votes if v == "+1"]
            opposed = [n for n, v in votes if v == "-1"]
            if not in_favor and not opposed:
                return Effect(
                    ("Motion cannot be closed: no votes found (maybe use #inconclusive?)",)
                )
            counts = f"{len(in_favor)} in favor to {len(opposed)} opposed"
            if len(in_favor) > len(opposed):
                kind, text = "ACCEPTED", f"Motion accepted: {counts}"
            elif len(in_favor) < len(opposed):
                kind, text = "FAILED", f"Motion failed: {counts}"
            else:
                kind, text = "INCONCLUSIVE", f"Motion inconclusive: {counts}"
            question = self.question
            self.question, self.motion_index = None, None
            replies = (
                text,
                ("In favor: " + ", ".join(in_favor)).rstrip(),
                ("Opposed: " + ", ".join(opposed)).rstrip(),
            )
            return Effect(replies, (kind, text), (question, text))
        # accepted, failed, inconclusive: recorded as ordinary items, and the motion is closed
        motion = self.question
        self.question, self.motion_index = None, None
        result = None if motion is None else (motion, arg)
        return Effect(result=result, consumed=False)
