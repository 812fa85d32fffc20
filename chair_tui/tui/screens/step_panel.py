"""The words of the meeting screen's step panel: what to do on each step, and after the end.

Keys are named as the live keymap has them (``key`` gives a binding id's key); everything
from the meeting (titles, notes, nicks, actions, paths) is plain text, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.content import Content

from chair_tui.meeting.session import Session
from chair_tui.tui.plain import plain, shown, styled

KeyOf = Callable[[str], str]

# Fixed templates; each $name is the key of the binding id `name`, filled in as plain text.
_RECORD = (
    "[b]$compose_info[/b] info · [b]$compose_decision[/b] decision · [b]$compose_action[/b] "
    "action · [b]$compose_link[/b] link · [b]$compose_idea[/b] idea · [b]$compose_help[/b] help "
    "· [b]$compose_rejected[/b] rejected · [b]$compose_note[/b] note · [b]$vote[/b] vote · "
    "[b]$late_arrival[/b] late · [b]$chair_add[/b]/[b]$chair_remove[/b] chair · [b]$undo[/b] "
    "undo · "
)
_MOVE = (
    "[b]$copy_chunk[/b] copy · [b]$copy_line[/b] one · [b]$next_step[/b] next · "
    "[b]$prev_step[/b] back · [b]$goto_step[/b] go to · [b]$add_topic[/b] add topic · "
    "[b]$show_minutes[/b] minutes"
)
HINTS: dict[str, str] = {
    "start": "Edit the start lines below if needed (escape leaves them), then "
    "[b]$next_step[/b] queues them and moves to roll call.",
    "rollcall": "[b]$rollcall_present[/b] present · [b]$rollcall_regrets[/b] regrets · "
    "[b]$rollcall_absent[/b] absent · [b]$rollcall_secretary[/b] secretary · "
    "[b]$rollcall_guest[/b] guest · [b]$rollcall_remove_guest[/b] remove guest · "
    "[b]$rollcall_emit[/b] write the roll call · later: [b]$late_arrival[/b] late · " + _MOVE,
    "approval": "[b]$no_objections[/b] no objections · [b]$compose_decision[/b] decision · "
    "[b]$vote[/b] vote · " + _MOVE,
    "previous": "[b]$prev_done[/b] done · [b]$prev_carry[/b] carry over · [b]$prev_drop[/b] "
    "drop · [b]$prev_reassign[/b] reassign · " + _MOVE,
    "topic": _RECORD + "[b]$topic_earlier[/b]/[b]$topic_later[/b] move topic · " + _MOVE,
    "open": _RECORD + "[b]$next_meeting[/b] next meeting · [b]$end_meeting[/b] end · " + _MOVE,
    "end": "[b]$end_meeting[/b] queues the end-meeting line and shows the summary.",
}
STARTED = "The start lines are in the outbox. [b]$next_step[/b] moves on to roll call."

_VARIABLE = re.compile(r"\$(\w+)")


def with_keys(template: str, key: KeyOf) -> Content:
    """A fixed markup template with each ``$binding_id`` replaced by its key, as plain text."""
    return Content.from_markup(
        template, **{name: key(name) for name in _VARIABLE.findall(template)}
    )


def step_body(session: Session, key: KeyOf) -> Content:
    """What the panel says under the step's heading."""
    s = session
    step = s.step
    if s.ended:
        return summary(s, key)
    if s.started and step.kind == "start":
        return with_keys(STARTED, key)
    body = with_keys(HINTS[step.kind], key)
    if step.kind == "start":
        body = Content("\n").join([body, *(plain(f"⚠ {note}") for note in s.start_notes())])
    elif step.kind == "rollcall":
        present = sum(1 for v in s.attendance.values() if v == "present")
        guests = len(s.guests)
        body += Content(f"  ({present} present, {guests} guest{'' if guests == 1 else 's'})")
    return body


def step_heading(session: Session) -> Content:
    step = session.step
    head = styled(step.label(session.steps), "bold")
    if step.kind not in ("start", "end"):
        head += plain(f" — {step.title}")
    return head


def summary(session: Session, key: KeyOf) -> Content:
    """What the panel says after the end: what is left to paste, and where the meeting is saved
    (the summary of the minutes is in its own scrollable pane below)."""
    s = session
    pending = len(s.pending())
    parts: list[Content | str] = [
        styled("Meeting ended.", "bold"),
        shown(f" {pending} line(s) still to paste."),
    ]
    if s.can_reopen():
        parts.append(shown(f" {key('reopen_meeting')} takes the end back."))
    parts.append(shown(f" {key('copy_summary')} copies the summary to post. Saved: {s.path}"))
    return Content("").join(parts)
