"""The voting table: the motion put to the eligible voters, one row each, one key per ballot.

The chair marks each voter's ballot as it is said in the channel: ``+``/``=`` in favour, ``0``
abstains, ``-`` against, backspace clears; the cursor moves on to the next voter after a mark.
The counters and the verdict follow the vote's live status as the group's rule reads it
(:meth:`chair_tui.meeting.votes.vote.Vote.status`), and, when the screen is given a
``preview``, what the bot will reply and where its verdict differs from the group's rule.
Enter closes the vote (the screen is dismissed with the :class:`Vote` as it stands), Escape
cancels it (dismissed with ``None``).

The chair never casts votes for others: the table records what the voters said, and the lines
the bot needs (hcoop counts every ``#vote``) are the voters' own.

Every text shown is plain text (``Text``/``Content``), never markup: a motion or a name is
the person's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from chair_tui.meeting.model import MeetingPlan
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.votes.vote import Ballot, Outcome, Vote
from chair_tui.tui import commands
from chair_tui.tui.base import ChairBase
from chair_tui.tui.plain import plain, shown, styled

VOTE_COMMANDS = commands.VOTE_COMMANDS
_BY_ID = {c.id: c for c in VOTE_COMMANDS}


@dataclass(frozen=True, slots=True)
class BotView:
    """What the bot will do with the vote as it stands: its reply lines, and the warnings where
    its verdict (or its count) differs from the group's rule."""

    replies: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


# The vote core's prediction for the meeting's profile (protocol lines per bot).
Preview = Callable[[Vote], BotView]

BALLOT_LABEL = {
    Ballot.YES: "+1",
    Ballot.ABSTAIN: "0",
    Ballot.NO: "-1",
    Ballot.ABSENT: "·",
}
OUTCOME_STYLE = {
    Outcome.PASSES: "bold green",
    Outcome.FAILS: "bold red",
    Outcome.NOT_QUORATE: "bold yellow",
}


def new_vote(motion: str, plan: MeetingPlan) -> Vote:
    """The vote of ``motion`` for ``plan``: its voting members, its ``[vote]`` settings."""
    settings = plan.vote
    return Vote.for_plan(
        motion,
        tuple(m.nick for m in plan.voters),
        rule=settings.rule,
        quorum=settings.quorum,
        tally_template=settings.tally,
    )


class VoteTable(DataTable[Text]):
    """One row per eligible voter: nick, name, ballot. Cells are ``Text``: a DataTable reads a
    string cell as markup."""

    def __init__(self, plan: MeetingPlan) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id="vote-table")
        self._plan = plan

    def show(self, vote: Vote) -> None:
        row = self.cursor_row
        self.clear(columns=not self.columns)
        if not self.columns:
            self.add_columns("Nick", "Name", "Vote")
        names = {m.nick: m.name for m in self._plan.voters}
        for nick, ballot in zip(vote.voters, vote.ballots, strict=True):
            carried = vote.carried[vote.voters.index(nick)]
            label = BALLOT_LABEL[ballot]
            if ballot is Ballot.ABSENT and carried is not Ballot.ABSENT:
                label = f"{BALLOT_LABEL[carried]} (ticket)"
            self.add_row(Text(shown(nick)), Text(shown(names.get(nick, ""))), Text(label), key=nick)
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))

    def nick(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value


class VoteScreen(ModalScreen[Vote | None]):
    """The voting table of one motion; dismissed with the closed vote, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(c.binding() for c in VOTE_COMMANDS),
        # the motion's lines can be copied from here: members vote once it is in the room
        commands.BY_ID["copy_chunk"].binding(),
    ]
    DEFAULT_CSS = """
    VoteScreen { align: center middle; }
    #vote-box {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 95%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    #vote-table { height: auto; max-height: 12; }
    #vote-status, #vote-bot, #vote-warnings, #vote-hint { height: auto; }
    #vote-warnings { color: $warning; }
    """

    app = getters.app(ChairBase)
    table = getters.query_one("#vote-table", VoteTable)

    def __init__(
        self,
        motion: str,
        plan: MeetingPlan,
        profile: Profile,
        *,
        preview: Preview | None = None,
        vote: Vote | None = None,
        copy: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._copy = copy
        self.plan = plan
        self.profile = profile
        self.preview = preview
        self.vote = vote if vote is not None else new_vote(motion, plan)

    def compose(self) -> ComposeResult:
        v = self.vote
        with Vertical(id="vote-box"):
            yield Label(styled("Vote: ", "bold") + plain(v.motion), id="vote-title")
            yield Label(
                plain(f"rule {v.rule}, quorum {v.quorum} · {self.profile.label}"),
                id="vote-rule",
                classes="hint",
            )
            yield VoteTable(self.plan)
            yield Static(id="vote-status", markup=False)
            yield Static(id="vote-bot", markup=False)
            yield Static(id="vote-warnings", markup=False)
            yield Static(self._hint(), classes="hint", id="vote-hint")

    def on_mount(self) -> None:
        self._refresh()
        self.table.focus()

    def _keys(self, binding_id: str) -> str:
        """Every key of one of this screen's commands, as the terminal shows it."""
        keys = self.app.keymap_overrides.get(binding_id) or _BY_ID[binding_id].key
        return " / ".join(self.app.get_key_display(Binding(k, "")) for k in keys.split(",") if k)

    def _hint(self) -> Content:
        k = self._keys
        return plain(
            f"{k('vote_yes')} in favour, {k('vote_abstain')} abstains, {k('vote_no')} against,"
            f" {k('vote_clear')} clears, {k('vote_ticket')} ticket vote"
            f" · {k('vote_close')} closes the vote,"
            f" {k('vote_cancel')} cancels"
        )

    def _refresh(self) -> None:
        vote = self.vote
        self.table.show(vote)
        status = vote.status()
        t = status.tally
        counters = plain(
            f"+1: {t.yes}   0: {t.abstain}   -1: {t.no}   not voted: {status.undecided}"
            f" of {status.eligible}"
        )
        verdict = styled(status.outcome.value.upper(), OUTCOME_STYLE[status.outcome])
        lines = [counters, verdict + plain(f"  {status.sentence}")]
        lines += [plain(f"note: {n}") for n in status.notes]
        self.query_one("#vote-status", Static).update(Content("\n").join(lines))
        view = self.preview(vote) if self.preview is not None else BotView()
        bot = self.query_one("#vote-bot", Static)
        bot.display = bool(view.replies)
        if view.replies:
            head = plain(f"{self.profile.label} will reply:")
            bot.update(Content("\n").join([head, *(plain(f"  {r}") for r in view.replies)]))
        warnings = self.query_one("#vote-warnings", Static)
        warnings.display = bool(view.warnings)
        warnings.update(Content("\n").join([plain(f"⚠ {w}") for w in view.warnings]))

    def action_mark(self, ballot: str) -> None:
        nick = self.table.nick()
        if nick is None:
            return
        self.vote = self.vote.cast(nick, Ballot(ballot))
        row = self.table.cursor_row
        self._refresh()
        if ballot and row + 1 < self.table.row_count:
            self.table.move_cursor(row=row + 1)

    def action_ticket(self) -> None:
        """The highlighted voter's vote in the ticket, in turn +1, 0, -1 and none."""
        nick = self.table.nick()
        if nick is None:
            return
        order = (Ballot.ABSENT, Ballot.YES, Ballot.ABSTAIN, Ballot.NO)
        now = self.vote.carried[self.vote.voters.index(nick)]
        self.vote = self.vote.carry(nick, order[(order.index(now) + 1) % len(order)])
        self._refresh()

    def action_copy_chunk(self) -> None:
        """Copy the meeting's next pending chunk (the motion's lines) without leaving."""
        if self._copy is not None:
            self._copy()

    def action_close_vote(self) -> None:
        self.dismiss(self.vote)

    def action_cancel_vote(self) -> None:
        self.dismiss(None)
