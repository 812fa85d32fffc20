"""The rules about votes (L25-L28): lines a bot's vote reads otherwise than meant.

Each bot that counts votes has its own traps (docs/lint.md; the MeetBot specification §4.5-4.7
and its vectors V61-V63):

- **L25** OpenStack ``#startvote``: without ``?`` the bot answers "Unable to parse vote topic
  and options" and starts nothing; the options are split on every run of characters that are
  not ``\\w``, ``+`` or ``-`` (``option one`` is two options, ``(+1, 0, -1)`` has empty ones),
  and the question ends at the *last* ``?`` (``yes, no, maybe?`` leaves no options: Yes, No);
  a ``#vote`` for an option the open vote does not have is refused.
- **L26** meetingology, while a vote is open (``#vote <motion>`` … ``#endvote``): a line
  meant as a vote that does not count (``+1a``, ``+10``, ``bcotton: +1``, ``/me +1``), or a
  line of chat that counts (``0 problems here`` is an abstention, ``-1 day left`` a vote
  against): the bot counts every line that matches ``([+-]1|[+-]?0)\\b`` once stripped.
- **L27** hcoop ``#vote``: anything but ``+1``/``-1`` (``#vote yes`` counts *opposed*,
  ``#vote +0`` *in favour*), a second vote by the same nick on one motion (both count), a
  ``#vote`` with no motion open ("No vote is in progress").
- **L28** ``#agreed`` to hcoop as a vote's result (a tally in it, or a motion open): hcoop
  has no ``#agreed`` (L1 says so for any ``#agreed``); it counts the ``#vote`` lines itself
  and ``#close`` records the result, and an open motion stays open.

The lines are read as the target bot reads them (:func:`~chair_tui.meeting.botsim.read_line`),
one pass over the meeting, each line looked at a bounded number of times: linear in the log.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from chair_tui.meeting.botsim import Reading, read_line, starts_meeting
from chair_tui.meeting.lint.findings import ERROR, INFO, WARNING, Finding, Severity
from chair_tui.meeting.lint.target import q
from chair_tui.meeting.profiles import Kind, Profile
from chair_tui.meeting.votes import parse_tally


class Said(Protocol):
    """One message of the meeting (:class:`~chair_tui.meeting.lint.recorded.Said`)."""

    @property
    def lineno(self) -> int: ...
    @property
    def nick(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def action(self) -> bool: ...


# meetingology's own test of a vote line (meeting.py addline), on the stripped line
MGY_VOTE_RE = re.compile(r"([+-]1|[+-]?0)\b")
# a line that looks meant as a vote: a sign (ASCII, or a Unicode minus or dash) and digits,
# perhaps addressed to someone first ("bcotton: +1")
_MEANT_VOTE = re.compile(r"[+\-\u2212\u2013\u2014]\s?\d")
_ADDRESSED = re.compile(r"[^\s:,]+[:,]\s*(?=[+-]?[01])")
# a vote token that is a number in a sentence: "0.5", "-1,5", "0:30", "-1/2", "0%"
_NUMBER_GOES_ON = re.compile(r"[+-]?[01](?:[.,:/]\d|%)")
# nouns that make the token a count ("0 problems here", "-1 day left")
_COUNTED_WORDS = (
    "day days week weeks month months year years hour hours h hr hrs minute minutes min mins"
    " second seconds sec secs ms time times problem problems issue issues bug bugs blocker"
    " blockers item items thing things people person persons ticket tickets vote votes point"
    " points percent degree degrees byte bytes kb mb gb line lines commit commits patch patches"
    " package packages release releases change changes test tests failure failures error errors"
    " warning warnings comment comments objection objections reply replies more less left"
)
_COUNTED = frozenset(_COUNTED_WORDS.split())
# OpenStack's parse of #startvote and of its options (openstack meetbot meeting.py Config)
OSK_STARTVOTE_RE = re.compile(r"(?P<question>.*)\?\s*(?P<choices>.*)")
OSK_CHOICES_SPLIT = re.compile(r"[^\w+-]+")
OSK_DEFAULT_OPTIONS = ("Yes", "No")
# the separators a chair means between options: a list with one of these is split on it
_MEANT_SEPARATORS = re.compile(r"\s*[,;|/]\s*")


def openstack_options(choices: str) -> list[str]:
    """The options OpenStack's meetbot makes of the text after the ``?`` of ``#startvote``."""
    if choices == "":
        return list(OSK_DEFAULT_OPTIONS)
    return OSK_CHOICES_SPLIT.split(choices)


def meant_options(choices: str) -> list[str]:
    """The options a chair means by ``choices``: split on commas (or ``;``, ``|``, ``/``) when
    there are any, else on blanks."""
    text = choices.strip()
    if not text:
        return []
    parts = _MEANT_SEPARATORS.split(text) if _MEANT_SEPARATORS.search(text) else text.split()
    return [p for p in parts if p]


def safe_option(option: str) -> str:
    """``option`` as one option OpenStack reads as one: its words joined with ``-``
    (``option one`` -> ``option-one``, ``(+1`` -> ``+1``)."""
    return "-".join(w for w in OSK_CHOICES_SPLIT.split(option) if w)


def _options_text(options: Sequence[str]) -> str:
    return ", ".join(options)


def vote_findings(
    profile: Profile,
    said: Sequence[Said],
    *,
    bot_nick: str | None = None,
    channel: str | None = None,
    running: bool = False,
) -> list[Finding]:
    """L25-L28 for the meeting ``said``, as ``profile``'s bot reads it; ``running``: the lines
    are said in a meeting already running (a fragment)."""
    rules: _Rules
    if profile.name == "openstack":
        rules = _OpenStack(profile, channel)
    elif profile.name == "meetingology":
        rules = _Meetingology(profile, channel)
    elif profile.family == "hcoop":
        rules = _Hcoop(profile, channel)
    else:
        return []
    rules.running = running
    end = profile.command(Kind.END)[len(profile.prefix) :]
    for s in said:
        if bot_nick is not None and s.nick == bot_nick:
            continue
        reading: Reading | None = None
        if not s.action and _may_be_command(s.text):
            if starts_meeting(profile, s.text)[0]:
                rules.running = True
                continue
            r = read_line(profile, s.text, channel=channel)
            if r.command is not None:
                reading = r
                if r.command == end and not r.unknown:
                    rules.line(s, reading)
                    rules.running = False
                    rules.close()
                    continue
        if rules.running:
            rules.line(s, reading)
    return rules.out


def _may_be_command(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("#", "[")


class _Rules:
    """The state of a bot's vote while the lines go by, and the findings so far."""

    def __init__(self, profile: Profile, channel: str | None) -> None:
        self.profile = profile
        self.channel = channel
        self.running = False
        self.out: list[Finding] = []

    def add(self, code: str, s: Said, message: str, fix: str | None, severity: Severity) -> None:
        self.out.append(Finding(code, s.lineno, message, fix, severity))

    def line(self, s: Said, reading: Reading | None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """The meeting ended: no vote stays open."""


class _OpenStack(_Rules):
    def __init__(self, profile: Profile, channel: str | None) -> None:
        super().__init__(profile, channel)
        self.options: list[str] | None = None  # the open vote's options (None: no vote)

    def close(self) -> None:
        self.options = None

    def line(self, s: Said, reading: Reading | None) -> None:
        if reading is None or reading.unknown:
            return
        if reading.command == "startvote":
            self._startvote(s, reading.text)
        elif reading.command == "endvote":
            self.options = None
        elif reading.command == "vote" and self.options is not None:
            choice = reading.text.strip()
            valid = {o.lower() for o in self.options}
            if choice.lower() not in valid:
                shown = _options_text(self.options)
                self.add(
                    "L25",
                    s,
                    f"{q(choice or '(nothing)', 30)} is not an option of the open vote: the bot"
                    f" answers 'not a valid option' and does not count it (options: {shown})",
                    f"#vote with one of: {shown}" if any(self.options) else None,
                    WARNING,
                )

    def _startvote(self, s: Said, text: str) -> None:
        if self.options is not None:
            return  # "Already voting on …": nothing changes
        m = OSK_STARTVOTE_RE.match(text)
        if m is None:
            meant = meant_options(text)
            fix_question = text.strip() or "<question>"
            self.add(
                "L25",
                s,
                "#startvote without '?': the bot answers 'Unable to parse vote topic and"
                " options' and starts no vote",
                f"write {q('#startvote ' + fix_question + '? yes, no, abstain')}"
                if not meant or len(meant) < 2
                else "end the question with '?', the options after it",
                ERROR,
            )
            return
        question, choices = m["question"], m["choices"]
        options = openstack_options(choices)
        self.options = options
        before = question.rpartition("?")
        if choices == "" and "?" in question and before[2].strip():
            # "Release now? yes, no, maybe?": the question ends at the last '?'
            meant = meant_options(before[2])
            self.add(
                "L25",
                s,
                f"the question ends at the last '?': the bot asks {q(question + '?', 50)}"
                f" with the options Yes, No instead of {_options_text(meant)}",
                f"write {q('#startvote ' + before[0] + '? ' + _fixed(meant), 80)}",
                ERROR,
            )
            return
        if choices == "":
            return
        meant = meant_options(choices)
        if options == meant:
            return
        empty = "" in options
        problems: list[str] = []
        if empty:
            problems.append("empty options from the punctuation around them")
        for option in meant:
            words = [w for w in OSK_CHOICES_SPLIT.split(option) if w]
            if len(words) > 1:
                problems.append(f"{q(option, 30)} becomes {len(words)} options")
                break
        reply = _options_text(options)
        self.add(
            "L25",
            s,
            "the bot splits the options on everything but letters, digits, '_', '+' and '-':"
            f" 'Valid vote options are {reply}.'"
            + (f" ({'; '.join(problems)})" if problems else ""),
            f"write {q('#startvote ' + question + '? ' + _fixed(meant), 80)}",
            ERROR if empty else WARNING,
        )


def _fixed(meant: Sequence[str]) -> str:
    options = [o for o in (safe_option(m) for m in meant) if o]
    return _options_text(options) if options else "yes, no, abstain"


class _Meetingology(_Rules):
    def __init__(self, profile: Profile, channel: str | None) -> None:
        super().__init__(profile, channel)
        self.voting = False
        self.voters: set[str] = set()  # empty: everyone may vote

    def close(self) -> None:
        self.voting = False

    def line(self, s: Said, reading: Reading | None) -> None:
        if reading is not None and not reading.unknown:
            word = reading.command
            if word == "vote" and reading.text.strip():
                self.voting = True  # a second #vote leaves the first open ("still open")
            elif word == "endvote":
                self.voting = False
            elif word == "voters":
                self._set_voters(reading.text)
            return
        if not self.voting or (self.voters and s.nick not in self.voters):
            return
        text = s.text.strip()
        m = MGY_VOTE_RE.match(text)
        if s.action:
            if m is not None:
                self.add(
                    "L26",
                    s,
                    f"a /me line is not a vote: meetingology does not count {q(text, 30)}",
                    f"say {q(m[0])} as a line of its own",
                    WARNING,
                )
            return
        if m is None:
            self._not_counted(s, text)
            return
        token = m[0]
        rest = text[m.end() :]
        if _NUMBER_GOES_ON.match(text):
            why = f"{q(text, 30)} is a number"
        else:
            nxt = rest.split(None, 1)[0].lower().strip(".,;:!?)") if rest.strip() else ""
            if nxt not in _COUNTED or not rest[:1].isspace():
                return
            why = f"{q(token + ' ' + nxt)} is a count"
        what = {"+1": "a vote for the motion", "-1": "a vote against the motion"}.get(
            token, "an abstention"
        )
        self.add(
            "L26",
            s,
            f"counts as {what}: meetingology counts every line that starts with"
            f" +1, -1 or 0 while a vote is open, and {why}",
            'reword it so it does not start with a number ("no problems here"); the one who'
            " said it can vote again: the last vote counts",
            WARNING,
        )

    def _not_counted(self, s: Said, text: str) -> None:
        a = _ADDRESSED.match(text)
        vote = None if a is None else MGY_VOTE_RE.match(text, a.end())
        if vote is not None:
            message = (
                f"{q(text, 30)} does not count: meetingology counts a vote only at the start"
                " of the line"
            )
            fix = f"say {q(vote[0])} on a line of its own"
        elif _MEANT_VOTE.match(text):
            message = (
                f"{q(text, 30)} does not count: meetingology counts only +1, -1, +0, 0 or -0"
                " followed by a space, punctuation or the end of the line"
            )
            fix = "say +1, -1 or 0, then a space before any words"
        else:
            return
        self.add("L26", s, message, fix, WARNING)

    def _set_voters(self, text: str) -> None:
        for voter in re.split(r"[, ]+", text):
            if not voter:
                continue
            if voter in ("everyone", "everybody", "all"):
                self.voters.clear()
                return
            self.voters.add(voter)


class _Hcoop(_Rules):
    def __init__(self, profile: Profile, channel: str | None) -> None:
        super().__init__(profile, channel)
        self.motion = False
        self.voted: set[str] = set()  # who voted on the open motion

    def close(self) -> None:
        self.motion = False
        self.voted.clear()

    def line(self, s: Said, reading: Reading | None) -> None:
        if reading is None:
            return
        word = reading.command
        if word == "agreed" and reading.unknown:
            self._agreed(s, reading.text)
            return
        if reading.unknown:
            return
        if word == "motion":
            self.motion = True
            self.voted.clear()
        elif word == "close":
            if self.voted:
                self.close()
        elif word in ("accepted", "failed", "inconclusive"):
            self.close()
        elif word == "vote":
            self._vote(s, reading.text.strip())

    def _vote(self, s: Said, operand: str) -> None:
        if not self.motion:
            self.add(
                "L27",
                s,
                "no motion is open: hcoop-meetbot answers 'No vote is in progress' and"
                " counts nothing",
                "the chair opens the vote with #motion <text> first",
                WARNING,
            )
            return
        token = operand.split(None, 1)[0] if operand else ""
        if token not in ("+1", "-1"):
            counted = "in favour" if operand.startswith("+") else "opposed"
            meant = _meant_hcoop(token)
            # wrong way round: error; as meant all the same: a note; cannot tell: warning
            severity = WARNING if meant is None else ERROR if meant != counted else INFO
            self.add(
                "L27",
                s,
                f"hcoop-meetbot counts {q('#vote ' + operand, 30)} as {counted}: a vote that"
                " starts with '+' is in favour, anything else opposed",
                "write #vote +1 (in favour) or #vote -1 (opposed)",
                severity,
            )
        if s.nick in self.voted:
            self.add(
                "L27",
                s,
                f"{s.nick} has already voted on this motion: hcoop-meetbot counts every #vote,"
                " so this one counts as well",
                f"{self.profile.command(Kind.UNDO)} right after a vote said twice by mistake"
                " (chair), or leave it and count it out",
                WARNING,
            )
        self.voted.add(s.nick)

    def _agreed(self, s: Said, text: str) -> None:
        if self.motion:
            self.add(
                "L28",
                s,
                "#agreed during a motion: hcoop-meetbot has no #agreed ('Unknown command') and"
                " the motion stays open; #close counts the #votes and records the result",
                "#close",
                WARNING,
            )
        elif (tally := parse_tally(text)) is not None:
            motion = (text[: tally.start] + text[tally.end :]).strip() or "<text>"
            self.add(
                "L28",
                s,
                "a vote's result by hand: hcoop-meetbot has no #agreed, and counts votes"
                " itself: #motion <text>, each member #vote +1 or #vote -1, then #close",
                f"{q('#motion ' + motion, 60)} before the votes, then #close",
                INFO,
            )


def _meant_hcoop(token: str) -> str | None:
    """What a voter most likely meant by ``token`` (None: cannot tell)."""
    low = token.lower().strip(".!,")
    if low in ("yes", "y", "aye", "yea", "for", "approve", "agree", "ack", "+"):
        return "in favour"
    if low in ("no", "n", "nay", "against", "nack", "-"):
        return "opposed"
    if low in ("0", "+0", "-0", "abstain", "abstained", "abstention"):
        return "abstain"
    return None
