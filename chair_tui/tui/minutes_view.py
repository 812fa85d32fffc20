"""How the minutes look on screen: the live minutes view and the end summary.

Both are made of rows from :func:`chair_tui.meeting.minutes.live.live_minutes`. Every row has a
lead (its mark and indent) and a body; a body that wraps continues under its own first
character, not under the mark (a hanging indent), so a long item never looks like two.

Where an item's line stands is shown by a mark *and* a style, so that it reads without colour
(``NO_COLOR``): ``✓`` copied, ``↗`` sent by OSC 52 only (underlined: nothing confirmed it
arrived), ``+`` still pending (italic: what pasting will add), ``✗`` lost. Everything from the
meeting is plain text, never markup.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from chair_tui.meeting.botmodel import ItemKind
from chair_tui.meeting.minutes.live import LiveItem, LiveMinutes, LiveTopic, Source
from chair_tui.tui.plain import shown

Row = tuple[Content, Content]  # (lead, body)

MARK: dict[Source, str] = {Source.COPIED: "✓", Source.SENT: "↗", Source.PENDING: "+"}
STYLE: dict[Source, str] = {
    Source.COPIED: "",
    Source.SENT: "underline $text-warning",
    Source.PENDING: "italic $text-success",
}
LOST_STYLE = "$text-error"
HEAD_STYLE = "bold"


def legend(live: LiveMinutes) -> Content:
    """What the marks mean, each in its own style, with how many lines each has."""
    c = live.counts
    return Content.assemble(
        (f"{MARK[Source.COPIED]} {c[Source.COPIED]} copied", STYLE[Source.COPIED]),
        "  ",
        (f"{MARK[Source.SENT]} {c[Source.SENT]} by OSC 52 only, unconfirmed", STYLE[Source.SENT]),
        "  ",
        (f"{MARK[Source.PENDING]} {c[Source.PENDING]} pending", STYLE[Source.PENDING]),
        "  ",
        (f"✗ {len(live.lost)} lost", LOST_STYLE),
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _lead(source: Source, indent: int) -> Content:
    return Content.styled(" " * indent + MARK[source] + " ", STYLE[source])


def _item_body(item: LiveItem, *, with_nicks: bool) -> Content:
    style = STYLE[item.source]
    text = "(empty)" if item.empty else item.text
    body = Content.styled(shown(f"{item.kind.value} {text}"), style)
    if item.empty:
        body += Content.styled("  ✗ empty item", LOST_STYLE)
    if with_nicks and item.kind is ItemKind.ACTION:
        if item.nicks:
            body += Content.styled(shown(f"  → {', '.join(item.nicks)}"), style)
        else:
            body += Content.styled("  → UNASSIGNED", f"bold {LOST_STYLE}")
    if item.after_midnight:
        body += Content.styled("  ⚠ after midnight UTC", LOST_STYLE)
    return body


def _heading(text: str) -> Row:
    return Content(""), Content.styled(text, HEAD_STYLE)


def _blank() -> Row:
    return Content(""), Content("")


def _topic_title(topic: LiveTopic, number: int) -> Row:
    if topic.title is None:
        return Content("  "), Content.styled("Before the first topic", HEAD_STYLE)
    source = topic.source or Source.COPIED
    title = "(empty topic)" if not topic.title.strip() else topic.title
    return _lead(source, 0), Content.styled(shown(f"{number}. {title}"), f"bold {STYLE[source]}")


def _actions(live: LiveMinutes, assigns: bool) -> list[Row]:
    rows: list[Row] = [_blank()]
    if not live.actions:
        rows += [_heading("Actions by person"), (Content("  "), Content("(none)"))]
        return rows
    if not assigns:
        rows += [
            _heading("Actions"),
            (Content("  "), Content(f"The {live.profile} bot assigns actions to nobody:")),
        ]
        rows += [(_lead(a.source, 2), _item_body(a, with_nicks=False)) for a in live.actions]
        return rows
    rows.append(_heading("Actions by person, as the bot will assign them"))
    for nick, items in live.by_person:
        rows.append((Content("  "), Content.styled(shown(nick), HEAD_STYLE)))
        rows += [(_lead(a.source, 4), _text_body(a)) for a in items]
    if live.unassigned:
        rows.append((Content("  "), Content.styled("UNASSIGNED", f"bold {LOST_STYLE}")))
        rows += [(_lead(a.source, 4), _text_body(a)) for a in live.unassigned]
    return rows


def _text_body(item: LiveItem) -> Content:
    return Content.styled(shown(item.text or "(empty)"), STYLE[item.source])


def minutes_rows(live: LiveMinutes) -> list[Row]:
    """The whole live minutes: warnings, every topic with its items, actions by person, what
    is lost and what ``#undo`` removed."""
    rows: list[Row] = [(Content("⚠ "), Content.styled(w, LOST_STYLE)) for w in live.warnings]
    if rows:
        rows.append(_blank())
    if not live.topics:
        rows.append((Content("  "), Content("No items yet.")))
    for number, topic in enumerate(live.topics):
        rows.append(_topic_title(topic, number if live.topics[0].title is None else number + 1))
        if not topic.items:
            rows.append((Content("    "), Content.styled("(no items)", "italic")))
        rows += [(_lead(i.source, 2), _item_body(i, with_nicks=True)) for i in topic.items]
    rows += _actions(live, live.assigns)
    rows += [_blank(), _heading(f"Lost: in no minutes ({len(live.lost)})")]
    if not live.lost:
        rows.append((Content("  "), Content("(nothing)")))
    for lost in live.lost:
        lead = Content.styled(f"  ✗ {MARK[lost.source]} ", LOST_STYLE)
        body = Content.styled(shown(lost.text), STYLE[lost.source]) + Content.styled(
            shown(f"  — {lost.why}"), LOST_STYLE
        )
        rows.append((lead, body))
    if live.undone:
        rows += [_blank(), _heading(f"Removed by #undo ({len(live.undone)})")]
        rows += [(_lead(i.source, 2), _item_body(i, with_nicks=False)) for i in live.undone]
    return rows


def summary_rows(live: LiveMinutes) -> list[Row]:
    """The end summary: every topic with its decisions, and the actions by person."""
    rows: list[Row] = []
    for number, topic in enumerate(live.topics):
        rows.append(_topic_title(topic, number if live.topics[0].title is None else number + 1))
        decisions = topic.decisions
        rows += [(_lead(d.source, 2), _item_body(d, with_nicks=False)) for d in decisions]
    if not live.topics:
        rows.append((Content("  "), Content("No topics.")))
    return rows + _actions(live, live.assigns)


class Rows(Widget, can_focus=False):
    """Rows with a hanging indent: a body that wraps continues under its first character."""

    DEFAULT_CSS = """
    Rows {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[Row] = []
        self._cache: tuple[int, list[Content]] | None = None

    def show(self, rows: list[Row]) -> None:
        self._rows = rows
        self._cache = None
        self.refresh(layout=True)

    @property
    def plain_rows(self) -> list[str]:
        """The rows as plain text, unwrapped: for tests."""
        return [(lead + body).plain for lead, body in self._rows]

    def lines(self, width: int) -> list[Content]:
        """The rows wrapped to ``width`` cells."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        out: list[Content] = []
        for lead, body in self._rows:
            room = max(1, width - lead.cell_length)
            parts = body.wrap(room) if body.cell_length > room else [body]
            out.append(lead + parts[0])
            pad = Content(" " * lead.cell_length)
            out.extend(pad + part for part in parts[1:])
        self._cache = (width, out)
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))


class SummaryPane(VerticalScroll):
    """The end summary: every topic with its decisions and the actions by person, scrollable
    (the arrows, Page Up/Down, Home and End once it has the focus; the mouse wheel). Its
    border says how many rows are below when it does not all fit."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._live: LiveMinutes | None = None

    def compose(self) -> ComposeResult:
        yield Rows(id="summary-rows")

    def on_mount(self) -> None:
        if self._live is not None:
            self._apply(self._live)

    def show(self, live: LiveMinutes) -> None:
        """Show ``live``'s summary (once mounted, if it is not yet)."""
        self._live = live
        if self.is_mounted:
            self._apply(live)

    def _apply(self, live: LiveMinutes) -> None:
        self.border_title = (
            f"Summary: {_count(len(live.topics), 'topic')} · "
            f"{_count(len(live.decisions), 'decision')} · {_count(len(live.actions), 'action')}"
        )
        self.query_one(Rows).show(summary_rows(live))
        self.call_after_refresh(self._note_more)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._note_more()

    def on_resize(self) -> None:
        self.call_after_refresh(self._note_more)

    def _note_more(self) -> None:
        below = self.max_scroll_y - round(self.scroll_y)
        self.border_subtitle = f"▼ {below} more" if below > 0 else ""
