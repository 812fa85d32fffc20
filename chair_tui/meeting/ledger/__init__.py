"""The action ledger of a group: every action its meetings minuted, and what became of each.

- :mod:`.records` — :class:`Ledger`, :class:`Action`, :class:`HistoryEvent`, :class:`Outcome`
- :mod:`.codec` — the file format (JSON, versioned; docs/ledger.md)
- :mod:`.store` — the files, their lock, and the changes: :func:`record_meeting`,
  :func:`mark`, :func:`withdraw_meeting`, :func:`open_items`, :func:`load`
- :mod:`.owners` — minuted and intended owners
- :mod:`.minutes_text`, :mod:`.imports` — reading previous minutes and logs
- :mod:`.lines` — the lines of the "Previous action items" step
"""

from chair_tui.meeting.ledger.codec import FORMAT, VERSION, NewerLedgerError
from chair_tui.meeting.ledger.records import (
    Action,
    HistoryEvent,
    Ledger,
    Meeting,
    MinutedAction,
    Outcome,
)
from chair_tui.meeting.ledger.store import (
    ledger_path,
    list_ledgers,
    load,
    mark,
    open_items,
    record_meeting,
    withdraw_meeting,
)
from chair_tui.meeting.model import check_ledger_name

__all__ = [
    "FORMAT",
    "VERSION",
    "Action",
    "HistoryEvent",
    "Ledger",
    "Meeting",
    "MinutedAction",
    "NewerLedgerError",
    "Outcome",
    "check_ledger_name",
    "ledger_path",
    "list_ledgers",
    "load",
    "mark",
    "open_items",
    "record_meeting",
    "withdraw_meeting",
]
