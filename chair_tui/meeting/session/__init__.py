"""Sessions: a meeting in progress or done, saved as a journal of typed records.

- :mod:`.records` — one typed record per journal operation; also the events listeners hear
- :mod:`.codec` — records to and from the journal's JSON, the format version and migrations
- :mod:`.steps` — the steps a meeting walks through
- :mod:`.state` — :class:`MeetingState`: what a journal replays to, and queries of it
- :mod:`.session` — :class:`Session`: the journal and the changes a chair makes
- :mod:`.replay` — reading a session file into checked records (the first half of a load)
- :mod:`.summary` — the end screen's summary
- :mod:`.minutes` — the session's lines fed to the bot model (``model_of_session``)
- :mod:`.resume` — which sessions to offer for resuming, and opening one for a window
- :mod:`.lock` — one meeting, one window: the lock beside a session file
- :mod:`.validate` — the checks a journal's records must pass together
- :mod:`.preview` — what recording an entry would emit (the composer's live check)
"""

from chair_tui.meeting.session.codec import FORMAT, VERSION, NewerFormatError
from chair_tui.meeting.session.lock import Holder, SessionLocked
from chair_tui.meeting.session.minutes import model_of_session
from chair_tui.meeting.session.records import Event, LineState, StepKind
from chair_tui.meeting.session.resume import RECENT_ENDED_S, find_unfinished, open_for_window
from chair_tui.meeting.session.session import Preview, Session
from chair_tui.meeting.session.state import (
    COPIED,
    DELETED,
    PENDING,
    MeetingState,
    OutLine,
    Recorded,
    SessionError,
)
from chair_tui.meeting.session.steps import Step
from chair_tui.meeting.session.summary import Summary, TopicSummary

__all__ = [
    "COPIED",
    "DELETED",
    "FORMAT",
    "PENDING",
    "RECENT_ENDED_S",
    "VERSION",
    "Event",
    "Holder",
    "LineState",
    "MeetingState",
    "NewerFormatError",
    "OutLine",
    "Preview",
    "Recorded",
    "Session",
    "SessionError",
    "SessionLocked",
    "Step",
    "StepKind",
    "Summary",
    "TopicSummary",
    "find_unfinished",
    "model_of_session",
    "open_for_window",
]
