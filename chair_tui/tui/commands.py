"""Every command of the app, defined once: its id, default key, footer label and help.

The bindings (with ids that ``config.toml``'s ``[keymap]`` can remap), the key bar, the help
screen, the command palette and every hint that names a key are built from these tables. This
module imports no widget (and Textual only to make a binding), so ``chair-tui keys`` and the
config loader can list every binding id without loading the interface.
"""

# size: the one table of every key of the app is kept in one place on purpose (it is data).
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    key: str
    label: str
    help: str
    action: str
    show: bool = True
    priority: bool = False
    group: str = "Meeting"
    # How much a newcomer needs the key: the key bar drops the highest ranks first on a narrow
    # terminal, so copying and each step's main key stay visible at 80 columns.
    rank: int = 50

    def binding(self) -> Binding:
        # Imported here, not at the top, so that `chair-tui keys` does not load Textual.
        from textual.binding import Binding

        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            id=self.id,
            tooltip=self.help,
        )


COMMANDS: tuple[Command, ...] = (
    # moving through the meeting
    Command(
        "next_step",
        "n",
        "Next",
        "Go to the next step and queue its opening lines",
        "next_step",
        group="Walk",
        rank=3,
    ),
    Command(
        "prev_step", "b", "Back", "Go back to the previous step", "prev_step", group="Walk", rank=30
    ),
    Command(
        "goto_step",
        "g",
        "Go to",
        "Jump to any step of the meeting",
        "goto_step",
        show=False,
        group="Walk",
    ),
    Command(
        "add_topic",
        "o",
        "Add topic",
        "Add an ad-hoc topic after the current one",
        "add_topic",
        show=False,
        group="Walk",
    ),
    Command(
        "topic_earlier",
        "left_square_bracket",
        "Topic earlier",
        "Move the current topic one place earlier in the agenda",
        "move_topic(-1)",
        show=False,
        group="Walk",
    ),
    Command(
        "topic_later",
        "right_square_bracket",
        "Topic later",
        "Move the current topic one place later in the agenda",
        "move_topic(1)",
        show=False,
        group="Walk",
    ),
    Command(
        "end_meeting",
        "E",
        "End meeting",
        "Queue the end-meeting line and show the summary",
        "end_meeting",
        show=False,
        group="Walk",
    ),
    Command(
        "reopen_meeting",
        "R",
        "Take back End",
        "Take back the end of the meeting while its end line is not yet copied",
        "reopen_meeting",
        group="Walk",
        rank=2,
    ),
    # recording
    Command(
        "compose_info",
        "i",
        "Info",
        "Record an info line",
        "compose('info')",
        group="Record",
        rank=4,
    ),
    Command(
        "compose_decision",
        "d",
        "Decision",
        "Record a decision (#agreed or the bot's verb)",
        "compose('decision')",
        group="Record",
        rank=6,
    ),
    Command(
        "compose_action",
        "a",
        "Action",
        "Record an action item; nicks complete from the roster",
        "compose('action')",
        group="Record",
        rank=5,
    ),
    Command(
        "compose_link",
        "l",
        "Link",
        "Record a link (URL first)",
        "compose('link')",
        show=False,
        group="Record",
    ),
    Command(
        "compose_idea", "e", "Idea", "Record an idea", "compose('idea')", show=False, group="Record"
    ),
    Command(
        "compose_help",
        "h",
        "Help wanted",
        "Record a call for help",
        "compose('help')",
        show=False,
        group="Record",
    ),
    Command(
        "compose_rejected",
        "x",
        "Rejected",
        "Record a rejected proposal",
        "compose('rejected')",
        show=False,
        group="Record",
    ),
    Command(
        "compose_note",
        "t",
        "Note",
        "Say a plain narrative line (not in the minutes)",
        "compose('note')",
        show=False,
        group="Record",
    ),
    Command(
        "no_objections",
        "v",
        "No objections",
        "Record the decision 'no objections' (minutes approval)",
        "no_objections",
        show=False,
        group="Record",
    ),
    Command(
        "next_meeting",
        "m",
        "Next meeting",
        "Prepare the '#info Next meeting: …' line",
        "next_meeting",
        show=False,
        group="Record",
    ),
    Command(
        "vote",
        "V",
        "Vote",
        "Put a motion to the vote: the roster becomes a voting table, the result is queued "
        "in the bot's own protocol",
        "vote",
        show=False,
        group="Record",
    ),
    Command(
        "late_arrival",
        "L",
        "Late arrival",
        "Record someone who arrives late: one line (and #nick when they have a nick)",
        "late_arrival",
        show=False,
        group="Record",
    ),
    Command(
        "chair_add",
        "K",
        "Add chair",
        "Make someone a chair of the meeting (#chair, where the bot has it)",
        "chairs(True)",
        show=False,
        group="Record",
    ),
    Command(
        "chair_remove",
        "J",
        "Remove chair",
        "Take someone's chair away (#unchair, where the bot has it)",
        "chairs(False)",
        show=False,
        group="Record",
    ),
    Command(
        "undo",
        "u",
        "Undo",
        "Undo the last entry (remove its pending lines or queue #undo)",
        "undo",
        group="Record",
        rank=8,
    ),
    # outbox and clipboard
    Command(
        "copy_chunk",
        "c",
        "Copy",
        "Copy the next paste-safe chunk of pending lines",
        "copy_chunk",
        group="Outbox",
        rank=0,
    ),
    Command(
        "copy_line",
        "y",
        "Copy one",
        "Copy exactly one line: the selected or next pending",
        "copy_line",
        group="Outbox",
        rank=1,
    ),
    Command(
        "paced_copy",
        "P",
        "Paced copy",
        "Turn the timed mode on or off: after each chunk, wait before the next can be copied "
        "so no client or bridge floods",
        "paced_copy",
        show=False,
        group="Outbox",
    ),
    Command(
        "copy_summary",
        "S",
        "Summary",
        "After the end: copy the summary to post (Markdown, e-mail or ticket comments)",
        "copy_summary",
        show=False,
        group="Outbox",
    ),
    Command(
        "edit_line",
        "ctrl+e",
        "Edit line",
        "Edit the selected pending line",
        "edit_line",
        show=False,
        group="Outbox",
    ),
    Command(
        "delete_line",
        "delete",
        "Delete line",
        "Delete the selected pending line",
        "delete_line",
        show=False,
        group="Outbox",
    ),
    Command(
        "focus_outbox",
        "f4",
        "Outbox",
        "Move the focus to the outbox",
        "focus_outbox",
        show=False,
        group="Outbox",
    ),
    Command(
        "show_minutes",
        "M",
        "Minutes",
        "Show the minutes as they stand: copied, pending, who gets each action, what is lost",
        "show_minutes",
        show=False,
        group="Outbox",
    ),
    # app
    Command(
        "reload",
        "ctrl+r",
        "Reload",
        "Read-only window: show the meeting as it is saved now (and take it over if its "
        "other window has closed)",
        "reload",
        show=False,  # named on the status line of a read-only window instead
        group="App",
    ),
    Command("help", "f1", "Help", "Show every key binding", "show_help", group="App"),
    Command(
        "quit",
        "ctrl+q",
        "Quit",
        "Quit (the meeting is saved; resume with --resume). Asks first if lines are not copied",
        "quit",
        priority=True,
        group="App",
    ),
)

# The roll-call form's own keys: active while the roster has the focus.  Defined here, not on
# the form, so that checking a ``[keymap]`` does not import the form's DataTable.
# Ranks for the key bar (lower = kept longer on a narrow terminal): writing the roll call
# first, then the marks.
_ROLLCALL_RANKS = {
    "rollcall_emit": 3,
    "rollcall_present": 7,
    "rollcall_regrets": 9,
    "rollcall_absent": 10,
    "rollcall_secretary": 12,
    "rollcall_guest": 20,
    "rollcall_remove_guest": 40,
}
ROLLCALL_COMMANDS: tuple[Command, ...] = tuple(
    Command(id_, key, label, help_, action, group="Roll call", rank=_ROLLCALL_RANKS[id_])
    for id_, key, label, help_, action in (
        (
            "rollcall_present",
            "p",
            "Present",
            "Mark the highlighted member present",
            "mark('present')",
        ),
        (
            "rollcall_regrets",
            "r",
            "Regrets",
            "Mark the highlighted member as sending regrets",
            "mark('regrets')",
        ),
        ("rollcall_absent", "a", "Absent", "Mark the highlighted member absent", "mark('absent')"),
        (
            "rollcall_secretary",
            "s",
            "Secretary",
            "Make the highlighted member the secretary",
            "secretary",
        ),
        ("rollcall_guest", "g", "Guest", "Add a guest to the roll call", "guest"),
        (
            "rollcall_emit",
            "w",
            "Write roll call",
            "Write the roll-call lines to the outbox",
            "emit",
        ),
        (
            "rollcall_remove_guest",
            "delete",
            "Remove guest",
            "Remove the highlighted guest from the roll call",
            "remove_guest",
        ),
    )
)


# The composer's own keys (active while the composer has the focus).
COMPOSER_COMMANDS: tuple[Command, ...] = (
    Command(
        "composer_record",
        "enter",
        "Record",
        "Record what is typed (and copy it at once when nothing else waits)",
        "submit",
        group="Composer",
    ),
    Command(
        "composer_complete",
        "tab",
        "Complete",
        "Complete the nick being typed from the roster; Tab again cycles through the matches",
        "complete",
        group="Composer",
    ),
    Command(
        "composer_leave",
        "escape",
        "Clear/leave",
        "Clear the draft (ctrl+z brings it back); on an empty composer, leave it",
        "leave",
        group="Composer",
    ),
    Command(
        "composer_restore",
        "ctrl+z",
        "Restore draft",
        "Bring back the draft that Escape cleared",
        "restore",
        show=False,
        group="Composer",
    ),
    Command(
        "composer_expand",
        "f2",
        "Expand",
        "Review a long text in a tall view, with the bytes of each line it will be sent as",
        "expand",
        group="Composer",
    ),
)

# The minutes view's own keys (besides show_minutes, which closes it too; the arrows, Page
# Up/Down, Home and End scroll it).
MINUTES_COMMANDS: tuple[Command, ...] = (
    Command(
        "minutes_close",
        "escape",
        "Close",
        "Close the minutes view",
        "close",
        group="Minutes view",
    ),
)

# The keys of the small dialogs: a text prompt, a yes/no question, the step picker and help.
DIALOG_COMMANDS: tuple[Command, ...] = tuple(
    Command(id_, key, label, help_, action, group="Dialogs")
    for id_, key, label, help_, action in (
        ("prompt_cancel", "escape", "Cancel", "Close a text prompt without a change", "cancel"),
        ("confirm_yes", "y", "Yes", "Answer yes to a question", "answer(True)"),
        ("confirm_no", "n,escape", "No", "Answer no to a question", "answer(False)"),
        ("picker_cancel", "escape", "Cancel", "Close the step picker", "cancel"),
        ("help_close", "escape,f1,q", "Close", "Close the help screen", "close"),
    )
)

VOTE_COMMANDS: tuple[Command, ...] = (
    Command(
        "vote_yes",
        "plus,equals_sign",
        "+1",
        "Mark the highlighted voter's +1 (in favour) and move to the next",
        "mark('+1')",
        group="Vote",
    ),
    Command(
        "vote_abstain",
        "0",
        "0",
        "Mark the highlighted voter's 0 (abstains) and move to the next",
        "mark('0')",
        group="Vote",
    ),
    Command(
        "vote_no",
        "minus",
        "-1",
        "Mark the highlighted voter's -1 (against) and move to the next",
        "mark('-1')",
        group="Vote",
    ),
    Command(
        "vote_ticket",
        "t",
        "Ticket vote",
        "Set the highlighted voter's vote from the ticket (+1, 0, -1, none in turn): it counts "
        "unless they vote in the meeting",
        "ticket",
        group="Vote",
    ),
    Command(
        "vote_clear",
        "backspace",
        "Clear",
        "Clear the highlighted voter's ballot",
        "mark('')",
        group="Vote",
    ),
    Command(
        "vote_close",
        "enter",
        "Close vote",
        "Close the vote and queue its result line(s)",
        "close_vote",
        group="Vote",
        priority=True,  # the table's own Enter (select) would take it first
    ),
    Command(
        "vote_cancel",
        "escape",
        "Cancel vote",
        "Cancel the vote: nothing is recorded",
        "cancel_vote",
        group="Vote",
    ),
)

PREVIOUS_ACTIONS_COMMANDS: tuple[Command, ...] = (
    Command(
        "prev_done", "D", "Done", "Mark the action done", "prev_done", group="Previous actions"
    ),
    Command(
        "prev_carry",
        "C",
        "Carry",
        "Carry the action over to the next meeting",
        "prev_carry",
        group="Previous actions",
    ),
    Command("prev_drop", "X", "Drop", "Drop the action", "prev_drop", group="Previous actions"),
    Command(
        "prev_reassign",
        "A",
        "Reassign",
        "Carry the action over to other owners",
        "prev_reassign",
        group="Previous actions",
    ),
)

EXPAND_COMMANDS: tuple[Command, ...] = (
    Command(
        "expand_close",
        "escape,f2",
        "Back",
        "Back to the composer with the text as edited here",
        "close",
        group="Composer",
    ),
)

# The start lines' own keys (while one of them has the focus).
START_LINES_COMMANDS: tuple[Command, ...] = (
    Command(
        "start_lines_leave",
        "escape",
        "Leave",
        "Leave the start lines: the focus goes back to the outbox",
        "leave",
        group="Start lines",
    ),
)

# The start screen's own keys.
START_COMMANDS: tuple[Command, ...] = (
    Command(
        "open_notes",
        "N",
        "Notes",
        "Open a secretary's notes: compile them into lines to paste, and copy them",
        "open_notes",
        group="Start screen",
    ),
)

ALL_COMMANDS: tuple[Command, ...] = (
    *COMMANDS,
    *ROLLCALL_COMMANDS,
    *START_LINES_COMMANDS,
    *PREVIOUS_ACTIONS_COMMANDS,
    *COMPOSER_COMMANDS,
    *EXPAND_COMMANDS,
    *VOTE_COMMANDS,
    *START_COMMANDS,
    *MINUTES_COMMANDS,
    *DIALOG_COMMANDS,
)
BY_ID = {c.id: c for c in ALL_COMMANDS}


def bindings(commands: tuple[Command, ...] = COMMANDS) -> list[BindingType]:
    return [c.binding() for c in commands]


def describe_bindings() -> Iterator[str]:
    for c in ALL_COMMANDS:
        yield f"{c.id:18} {c.key:22} {c.label} — {c.help}"


def all_binding_ids() -> set[str]:
    """Every binding id that ``[keymap]`` may name: the commands, the widgets' and dialogs' keys."""
    return set(BY_ID)
