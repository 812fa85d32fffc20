"""One comment per ticket a topic links to: what was decided, the actions, the log.

A topic's tracker links are its ``#link`` URLs and the URLs in its title.  Recognised
trackers (:func:`ticket_of_url`): Pagure (``…/issue/N``, ``…/pull-request/N``), GitHub
(``/issues/N``, ``/pull/N``), GitLab (``/-/issues/N``, ``/-/merge_requests/N``),
Forgejo and Gitea (``/issues/N``, ``/pulls/N`` on any other host), Bugzilla
(``show_bug.cgi?id=N``) and Launchpad (``bugs.launchpad.net/<project>/+bug/N``).  A ticket
linked from several topics gets one comment naming them all.  Comments for Bugzilla and
Launchpad, which show text as it is, are plain text; the others are escaped Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from chair_tui.meeting.bundle.escape import md_text, md_url, plain
from chair_tui.meeting.bundle.facts import Action, MeetingFacts, TopicFacts
from chair_tui.meeting.bundle.markdown import owners_md

__all__ = ["Ticket", "TicketComment", "Tracker", "ticket_comments", "ticket_of_url"]


class Tracker(StrEnum):
    PAGURE = "pagure"
    GITHUB = "github"
    GITLAB = "gitlab"
    FORGEJO = "forgejo"
    BUGZILLA = "bugzilla"
    LAUNCHPAD = "launchpad"


@dataclass(frozen=True, slots=True)
class Ticket:
    tracker: Tracker
    url: str
    key: str  # "fesco#2610", "coreos/fedora-coreos-tracker#1616", "bugzilla.redhat.com#1"

    @property
    def markdown(self) -> bool:
        """Whether the tracker renders a comment as Markdown."""
        return self.tracker not in (Tracker.BUGZILLA, Tracker.LAUNCHPAD)


@dataclass(frozen=True, slots=True)
class TicketComment:
    ticket: Ticket
    topics: tuple[str, ...]
    text: str


_N = r"(\d{1,12})(?:[/?#].*)?"
_GITLAB = re.compile(rf"/(.+?)/-/(issues|merge_requests)/{_N}")
_GITHUB = re.compile(rf"/([^/]+/[^/]+)/(issues|pull)/{_N}")
_PAGURE = re.compile(rf"/(.+?)/(issue|pull-request)/{_N}")
_FORGEJO = re.compile(rf"/([^/]+/[^/]+)/(issues|pulls)/{_N}")
_LAUNCHPAD = re.compile(rf"/(?:([^/]+)/\+bug|bugs)/{_N}")


def ticket_of_url(url: str) -> Ticket | None:
    """The ticket ``url`` points to, or None for any other URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    path = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
    if path.endswith("show_bug.cgi") or parts.path.endswith("show_bug.cgi"):
        ids = parse_qs(parts.query).get("id", [])
        if ids and ids[0].isdigit():
            return Ticket(Tracker.BUGZILLA, url, f"{host}#{int(ids[0])}")
        return None
    if host.endswith("launchpad.net"):
        m = _LAUNCHPAD.fullmatch(path)
        if m:
            return Ticket(Tracker.LAUNCHPAD, url, f"{m.group(1) or 'launchpad'}#{m.group(2)}")
        return None
    m = _GITLAB.fullmatch(path)
    if m:
        sign = "!" if m.group(2) == "merge_requests" else "#"
        return Ticket(Tracker.GITLAB, url, f"{m.group(1)}{sign}{m.group(3)}")
    if host in ("github.com", "www.github.com"):
        m = _GITHUB.fullmatch(path)
        return Ticket(Tracker.GITHUB, url, f"{m.group(1)}#{m.group(3)}") if m else None
    m = _PAGURE.fullmatch(path)
    if m:
        return Ticket(Tracker.PAGURE, url, f"{m.group(1)}#{m.group(3)}")
    m = _FORGEJO.fullmatch(path)
    if m:
        return Ticket(Tracker.FORGEJO, url, f"{host}/{m.group(1)}#{m.group(3)}")
    return None


def _action_line(action: Action, markdown: bool) -> str:
    if markdown:
        return f"- [ ] {owners_md(action)} {md_text(action.task or action.text)}"
    who = ", ".join(action.owners) if action.owners else "UNASSIGNED"
    return f"- {plain(who)}: {plain(action.task or action.text)}"


def _comment(facts: MeetingFacts, ticket: Ticket, topics: list[TopicFacts]) -> str:
    md = ticket.markdown
    text = md_text if md else plain
    names = [t.title or "" for t in topics]
    out = [
        f"Discussed at the {text(facts.group)} meeting on {facts.date} "
        f"(topic: {'; '.join(text(n) for n in names)})."
    ]
    decisions = [n for t in topics for n in t.notes if n.decision]
    out.append("")
    if decisions:
        out.append("Decided:")
        out += [f"- {n.kind.value}: {text(n.text)}" for n in decisions]
    else:
        out.append("Nothing was decided.")
    actions = [a for t in topics for a in t.actions]
    out.append("")
    if actions:
        out.append("Actions:")
        out += [_action_line(a, md) for a in actions]
    else:
        out.append("No action items.")
    out.append("")
    urls = facts.urls
    if urls is not None and urls.log_html:
        log = md_url(urls.log_html) if md else urls.log_html
        out.append(f"Log: {log}" + (" (predicted)" if urls.predicted else ""))
    else:
        out.append("Log: not known.")
    return "\n".join(out) + "\n"


def ticket_comments(facts: MeetingFacts) -> list[TicketComment]:
    """A comment for each ticket some topic links to, in the order first linked."""
    tickets: dict[str, Ticket] = {}
    topics: dict[str, list[TopicFacts]] = {}
    for topic in facts.topics:
        if topic.title is None:
            continue
        for url in topic.links:
            ticket = ticket_of_url(url)
            if ticket is None:
                continue
            tickets.setdefault(ticket.key, ticket)
            mine = topics.setdefault(ticket.key, [])
            if topic not in mine:
                mine.append(topic)
    return [
        TicketComment(
            tickets[key], tuple(t.title or "" for t in ts), _comment(facts, tickets[key], ts)
        )
        for key, ts in topics.items()
    ]
