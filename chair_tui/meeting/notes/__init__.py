"""Notes → lines: the secretary's notes compiled into the lines the bot records.

- :mod:`.blocks` — the notes read into points, hard wraps joined
- :mod:`.names` — names and nicks resolved against the roster
- :mod:`.classify` — what one point is (topic, info, decision, action, link…)
- :mod:`.compile` — :func:`compile_notes`: the lines, and the report
- :mod:`.report` — what compile reports
"""

from chair_tui.meeting.notes.compile import Compiled, CompiledLine, compile_notes
from chair_tui.meeting.notes.report import Code, Note

__all__ = ["Code", "Compiled", "CompiledLine", "Note", "compile_notes"]
