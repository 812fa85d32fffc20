"""Minutes writers: what each bot writes from a :class:`~chair_tui.meeting.botmodel.BotModel`.

- :mod:`.wrap` — the 72-column wrapping of the Darst family
- :mod:`.darst` — zodbot's ``.txt``; MeetBot's and OpenStack's ``.txt``
- :mod:`.others` — meetingology's MoinMoin, Fedora Matrix's ``.txt``, hcoop's sections
- :mod:`.documents` — Markdown and the versioned JSON (``chair-tui-minutes``, version 1)
- :func:`write_minutes` — the writer of a profile and a format
"""

from chair_tui.meeting.minutes.common import Where
from chair_tui.meeting.minutes.write import FORMATS, write_minutes

__all__ = ["FORMATS", "Where", "write_minutes"]
