"""The meeting screen's keys for people and votes: late arrivals, chairs, guests and votes.

Each turns what the chair answers in a small dialog into entries of the session, in the bot's
own lines (:mod:`chair_tui.meeting.people`, :mod:`chair_tui.meeting.votes`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on

from chair_tui.meeting.compose import parse_composed
from chair_tui.meeting.people import chair_lines, late_arrival_entries, parse_guest
from chair_tui.meeting.profiles import Kind
from chair_tui.meeting.render import RenderError
from chair_tui.meeting.session import PENDING, Recorded
from chair_tui.meeting.votes import Vote, vote_lines
from chair_tui.tui.messages import RemoveGuest
from chair_tui.tui.screens.modals import TextPrompt
from chair_tui.tui.screens.record_actions import RecordScreen
from chair_tui.tui.screens.vote import BotView, VoteScreen, new_vote

# the steps where a motion can be put to the vote
VOTE_STEPS = frozenset({"topic", "approval", "open"})


class PeopleScreen(RecordScreen):
    """Late arrivals, chairs, guests and votes (a layer of the meeting screen)."""

    # ------------------------------------------------------------------ late arrivals

    def action_late_arrival(self) -> None:
        def given(text: str | None) -> None:
            if not text or not text.strip():
                return
            s = self.session
            guest = parse_guest(text)
            try:
                entries = late_arrival_entries(
                    s.profile, guest.name, guest.nick, seen=s.seen_nicks()
                )
            except ValueError as exc:
                self.status(str(exc), error=True)
                return
            if self._guard(s.record_many, entries) is None:
                return
            if s.step.kind == "rollcall" or guest.name not in s.guests:
                self._guard(s.add_guest, guest.display)
            self.status(f"Queued the late arrival of {guest.display}")
            self.outbox.focus()

        self.app.push_screen(
            TextPrompt("Who arrived late? Name (nick) — the nick is optional"), given
        )

    # ------------------------------------------------------------------ chairs

    def action_chairs(self, add: bool) -> None:
        s = self.session
        verb = "chair" if add else "unchair"

        def given(text: str | None) -> None:
            if not text or not text.strip():
                return
            lines, why = chair_lines(s.profile, text, add, max_bytes=s.max_bytes)
            if lines is None:
                self.status(why, error=True)
                self.app.bell()
                return
            if self._record_raw(lines) is not None:
                self.status(f"Queued {lines[0]}")
                self.outbox.focus()

        self.app.push_screen(TextPrompt(f"Nick(s) to {verb} (#{verb})"), given)

    def _record_raw(self, lines: Sequence[str]) -> list[Recorded] | None:
        """Record lines the core wrote in the bot's own syntax, each as the command it is."""
        s = self.session
        entries = [parse_composed(line, Kind.NOTE, s.profile.prefix + "#") for line in lines]
        result: list[Recorded] | None = self._guard(s.record_many, entries)
        return result

    # ------------------------------------------------------------------ guests

    @on(RemoveGuest)
    def _remove_guest(self, event: RemoveGuest) -> None:
        self._guard(self.session.remove_guest, event.name)
        self.status(f"Removed the guest {event.name}")

    # ------------------------------------------------------------------ votes

    def action_vote(self) -> None:
        s = self.session
        if s.step.kind not in VOTE_STEPS:
            self.status("A vote belongs to a topic, the minutes approval or the open floor")
            self.app.bell()
            return
        if not s.plan.voters:
            self.status("The meeting file lists no voting members to vote", error=True)
            self.app.bell()
            return

        def moved(motion: str | None) -> None:
            if motion and motion.strip():
                self._open_vote(motion.strip())

        self.app.push_screen(TextPrompt("Motion to put to the vote"), moved)

    def _open_vote(self, motion: str) -> None:
        s = self.session
        vote = new_vote(motion, s.plan)
        try:
            lines = vote_lines(s.profile, vote, max_bytes=s.max_bytes)
        except (ValueError, RenderError) as exc:
            self.status(str(exc), error=True)
            return
        rec = self._guard(lambda: s.record_verbatim(lines.open, note=f"vote: {motion}"))
        if rec is None:
            return
        opened: list[Recorded] = [rec]
        # the motion must reach the room before the members vote: copied at once when nothing
        # else waits; else c copies it from the voting table
        self._copy_on_record(rec.line_ids)
        self.status(
            f"Vote opened: {len(lines.open)} line(s) queued; members vote with {lines.ballot_hint}"
            if lines.ballot_hint
            else "Vote opened"
        )

        def preview(v: Vote) -> BotView:
            out = vote_lines(s.profile, v, max_bytes=s.max_bytes)
            # what votes from outside the roster do: the table counts only the members
            return BotView(out.reply, (*out.warnings, out.outsiders))

        def closed(result: Vote | None) -> None:
            if result is None:
                self._cancel_vote(opened, vote)
                return
            out = vote_lines(s.profile, result, max_bytes=s.max_bytes)
            # ticket votes marked at the table: said before the result, as the bot records it
            ticket = tuple(t for t in out.open if t not in lines.open and "ticket" in t.lower())
            close = (*ticket, *out.close)
            if self._guard(lambda: s.record_verbatim(close, note=f"vote result: {motion}")):
                # the outcome as closed, by the group's rule (the live sentence says "so far")
                outcome = result.status().outcome
                self.status(
                    f"Vote closed: {outcome} {result.tally_text()}; {len(close)} line(s) queued"
                )
            self.outbox.focus()

        table = VoteScreen(motion, s.plan, s.profile, preview=preview, copy=self.action_copy_chunk)
        self.app.push_screen(table, closed)

    def _cancel_vote(self, opened: list[Recorded], vote: Vote) -> None:
        """Escape on the voting table: the motion lines go if none was copied yet; else the
        bot is told the motion is withdrawn, as its protocol has it."""
        s = self.session
        sent = any(s.line(i).state != PENDING for rec in opened for i in rec.line_ids)
        if not sent:
            for _ in opened:
                self._guard(s.undo)
            self.status("Vote cancelled: its pending lines were withdrawn")
            return
        cancel = vote_lines(s.profile, vote, max_bytes=s.max_bytes).cancel
        if cancel and self._guard(lambda: s.record_verbatim(cancel, note="vote cancelled")):
            self.status(f"Vote cancelled: queued {cancel[0]}")
        else:
            self.status("Vote cancelled; the bot needs no line to close it")
