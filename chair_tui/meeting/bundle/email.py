"""The minutes as an e-mail: a subject, the links, then the bot's text minutes.

The subject is ``<Group> meeting minutes YYYY-MM-DD``; the body gives the HTML minutes, the
text minutes and the HTML log (said to be predicted when they are), the next meeting when it
is known, then the text minutes as the bot writes them (:mod:`chair_tui.meeting.minutes`).
Plain text: control characters and bidi overrides are dropped, nothing escaped for Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from chair_tui.meeting.bundle.escape import plain, without_bidi
from chair_tui.meeting.bundle.facts import MeetingFacts
from chair_tui.meeting.bundle.markdown import PREDICTED_NOTE
from chair_tui.meeting.text import without_controls

__all__ = ["Email", "email_of"]


@dataclass(frozen=True, slots=True)
class Email:
    subject: str
    body: str

    def text(self) -> str:
        """``Subject: …``, a blank line, the body (what a mail client takes pasted)."""
        return f"Subject: {self.subject}\n\n{self.body}"


def email_of(facts: MeetingFacts) -> Email:
    subject = plain(f"{facts.group} meeting minutes {facts.date}")
    body: list[str] = []
    urls = facts.urls
    if urls is not None and urls.known:
        width = max(len(label) for label, _ in urls.rows()) + 1
        body += [f"{label + ':':<{width}} {plain(url)}" for label, url in urls.rows()]
        if urls.predicted:
            body.append(f"(These URLs are {PREDICTED_NOTE}.)")
    else:
        body.append("(No minutes URLs: the bot's host is not known; see minutes_base_url.)")
    body.append("")
    if facts.next_meeting is not None:
        body += [plain(t) for t in facts.next_meeting.texts()]
        body.append("")
    minutes = [
        without_bidi(without_controls(line)).rstrip() for line in facts.minutes_text.splitlines()
    ]
    body += minutes or ["(The bot wrote no minutes: the meeting never started.)"]
    return Email(subject, "\n".join(body).rstrip("\n") + "\n")
