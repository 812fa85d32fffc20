"""The summary as Markdown, to post on Discourse or GitHub (or any CommonMark renderer).

One page: the title and date, who chaired, who was there, sent regrets or was a guest, the
previous meeting's action items with their outcome, each topic with its notes (decisions in
bold with their tally as the chair minuted it, links), ``## Action items`` as task-list
checkboxes ``- [ ] @nick …`` (an action naming nobody marked unassigned), the next meeting
and chair, and the minutes and log URLs (marked when predicted).  All text from the meeting is
escaped (:mod:`.escape`).
"""

from __future__ import annotations

from chair_tui.meeting.botmodel import ItemKind
from chair_tui.meeting.bundle.escape import md_text, md_url
from chair_tui.meeting.bundle.facts import Action, MeetingFacts, Note

__all__ = ["PREDICTED_NOTE", "markdown_summary", "owners_md"]

PREDICTED_NOTE = (
    "predicted from the channel, the meeting name and the start time; "
    "check them against the URLs the bot gave at the end"
)


def owners_md(action: Action) -> str:
    """``@neal @otaylor`` (escaped), or ``**unassigned**``."""
    if not action.owners:
        return "**unassigned**"
    return " ".join(f"@{md_text(n)}" for n in action.owners)


def _note(note: Note) -> str:
    if note.decision:
        return f"- **{note.kind.value}:** {md_text(note.text)}"
    if note.kind is ItemKind.LINK:
        rest = note.text
        if note.url and rest.startswith(note.url):
            rest = rest[len(note.url) :]
        url = md_url(note.url) if note.url else ""
        return "- Link: " + " ".join(p for p in (url, md_text(rest)) if p)
    if note.kind is ItemKind.INFO:
        return f"- {md_text(note.text)}"
    return f"- {note.kind.value.capitalize()}: {md_text(note.text)}"


def _meta(facts: MeetingFacts) -> list[str]:
    rows = [f"- **Date:** {facts.start:%Y-%m-%d %H:%M} UTC"]
    if facts.chair:
        rows.append(f"- **Chair:** {md_text(facts.chair)}")
    others = [c for c in facts.chairs if c != facts.chair]
    if others:
        rows.append(f"- **Co-chairs:** {', '.join(md_text(c) for c in others)}")
    for label, people in (
        ("Present", facts.present),
        ("Regrets", facts.regrets),
        ("Guests", facts.guests),
    ):
        if people:
            rows.append(f"- **{label}:** {', '.join(md_text(p) for p in people)}")
    return rows


def markdown_summary(facts: MeetingFacts) -> str:
    """The summary page; ends with a newline."""
    out = [f"# {md_text(facts.group)} meeting, {facts.date}", ""]
    if facts.title != facts.group:
        out += [f"*{md_text(facts.title)}*", ""]
    out += [*_meta(facts), ""]
    if facts.previous:
        out += ["## Previous action items", ""]
        out += [f"- **{md_text(outcome)}:** {md_text(text)}" for text, outcome in facts.previous]
        out.append("")
    out += ["## Topics", ""]
    shown = False
    for topic in facts.topics:
        if topic.title is None and not topic.notes:
            continue
        shown = True
        title = md_text(topic.title) if topic.title is not None else "Before the first topic"
        out += [f"### {title}", ""]
        out += [_note(n) for n in topic.notes] or ["- (no notes)"]
        out.append("")
    if not shown:
        out += ["(no topics)", ""]
    out += ["## Action items", ""]
    out += [f"- [ ] {owners_md(a)} {md_text(a.task or a.text)}" for a in facts.actions] or [
        "(none)"
    ]
    out.append("")
    nxt = facts.next_meeting
    if nxt is not None:
        out += ["## Next meeting", ""]
        out += [f"- {md_text(t)}" for t in nxt.texts()]
        out.append("")
    urls = facts.urls
    if urls is not None and urls.known:
        out += ["## Minutes and log", ""]
        out += [f"- {label}: {md_url(url)}" for label, url in urls.rows()]
        if urls.predicted:
            out += ["", f"*These URLs are {PREDICTED_NOTE}.*"]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
