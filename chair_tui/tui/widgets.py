"""Widgets of the meeting screen: step outline, outbox and start lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.visual import RenderOptions
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from chair_tui.meeting.session import COPIED, DELETED, PENDING, OutLine, Session
from chair_tui.tui import commands
from chair_tui.tui.messages import CopyLine, LeaveComposer
from chair_tui.tui.plain import PlainInput, plain, shown


def fmt_duration(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


_TOKEN = re.compile(r"\S+|\s+")


def break_offsets(text: str, width: int, *, least: int = 8, long: int = 20) -> list[int]:
    """Where rows of ``text`` begin when it is wrapped at ``width`` cells: between words, and
    inside a word of more than ``long`` cells (a URL), which goes on from the row it follows
    when ``least`` cells are left there — so ``#link https://…`` never leaves ``#link`` alone
    on a row, as if the URL were missing."""
    offsets: list[int] = []
    column = 0
    for match in _TOKEN.finditer(text):
        token, start = match.group(), match.start()
        size = cell_len(token)
        if token.isspace() or column + size <= width:
            column += size
            continue
        fits_a_row = size <= width
        if (fits_a_row and size <= long) or width - column < least:
            if column:
                offsets.append(start)
            column = 0
            if fits_a_row:
                column = size
                continue
        for index, char in enumerate(token):
            char_size = cell_len(char)
            if column + char_size > width and column:
                offsets.append(start + index)
                column = 0
            column += char_size
    return offsets


def fold_words(text: Content, width: int) -> list[Content]:
    """``text`` in rows of at most ``width`` cells (see :func:`break_offsets`)."""
    offsets = break_offsets(text.plain, width)
    return [row.rstrip() for row in text.divide(offsets)] if offsets else [text]


class Hanging(Content):
    """Rows of a label and a text: a text that wraps goes on under itself, not under its label.

    An outbox line ``• pending #link https://…`` that wrapped at the left edge would leave a
    row that reads as an empty ``#link`` and a stray URL below it. Plain text and ``str()`` are
    the rows as one line each.
    """

    MIN_TEXT = 12  # cells: narrower than this beside its label, a text wraps under the label

    def __init__(self, rows: Sequence[tuple[Content, Content]]) -> None:
        whole = Content("\n").join(label + text for label, text in rows)
        super().__init__(whole.plain, list(whole.spans), strip_control_codes=False)
        self._pairs = tuple(rows)
        self._laid_out: tuple[int, Content] | None = None

    def laid_out(self, width: int) -> Content:
        """The rows wrapped to ``width`` cells, each text's further rows under its first."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        rows: list[Content] = []
        for label, text in self._pairs:
            indent = label.cell_length
            if width - indent < self.MIN_TEXT:
                rows.append(label + text)
                continue
            first, *rest = fold_words(text, width - indent)
            pad = Content(" " * indent)
            rows.append(Content("\n").join([label + first, *(pad + row for row in rest)]))
        laid = Content("\n").join(rows)
        self._laid_out = (width, laid)
        return laid

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = rules.get("line_pad", 0) * 2
        return self.laid_out(width - pad).get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        pad = options.rules.get("line_pad", 0) * 2
        return self.laid_out(width - pad).render_strips(width, height, style, options)


class StepOutline(Widget, can_focus=False):
    """The steps of the meeting; the current one is marked with ▶ and '(now)'.

    One widget painting one row per line (no option list: it is read, not navigated; ``g``
    jumps). When the steps do not fit, it shows the window around the current step with a
    count of the steps above and below.
    """

    DEFAULT_CSS = """
    StepOutline {
        padding: 0 1;
    }
    """
    TITLE_WIDTH = 19

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[Content] = []
        self._current: tuple[int, int] = (0, 0)  # rows of the current step, end exclusive

    @property
    def rows(self) -> list[str]:
        """The outline as plain text, one string per row."""
        return [row.plain for row in self._rows]

    def show(self, session: Session) -> None:
        steps = session.steps
        current = session.step_index
        rows: list[Content] = []
        for i, step in enumerate(steps):
            first = len(rows)
            now = i == current
            done = step.id in session.opened_steps and not now
            mark = "▶" if now else ("✓" if done else " ")
            head = [(shown(f"{mark} {step.label(steps)}"), "bold" if now else "")]
            if now:
                head.append((" (now)", "bold $text-accent"))
            rows.append(Content.assemble(*head))
            if step.kind == "topic" and step.title:
                # cut to the width in cells (an emoji takes two): a row that wrapped would
                # push the outline's rows out of place
                title = plain(step.title).truncate(self.TITLE_WIDTH, ellipsis=True)
                row = Content("   ") + title
                rows.append(row if now else row.stylize("$text-muted"))
            if now:
                self._current = (first, len(rows))
        self._rows = rows
        self.refresh()

    def window(self, height: int) -> tuple[int, int]:
        """The rows shown in ``height`` lines: all of them, or a window holding the current step."""
        total = len(self._rows)
        if total <= height:
            return 0, total
        first, end = self._current
        top = max(0, min(first - (height - (end - first)) // 2, total - height))
        return top, top + height

    def render(self) -> Content:
        width = self.content_size.width
        top, bottom = self.window(self.content_size.height)
        lines: list[Content] = []
        first, end = self._current
        for index in range(top, bottom):
            row = self._rows[index]
            if first <= index < end:
                row = row.pad_right(max(0, width - row.cell_length)).stylize_before(
                    "$block-cursor-foreground on $block-cursor-background"
                )
            lines.append(row)
        if top:
            lines[0] = Content.styled(f"  ↑ {top} more", "$text-muted")
        if bottom < len(self._rows):
            lines[-1] = Content.styled(f"  ↓ {len(self._rows) - bottom} more", "$text-muted")
        return Content("\n").join(lines)


class Outbox(OptionList):
    """Every emitted line, pending or copied.  Updated line by line, never rebuilt whole."""

    # The keys are listed below this text by the key panel, as the keymap has them.
    HELP = (
        "Lines to paste into the meeting: copy the next chunk or one line, copy the highlighted "
        "line again, edit or delete a pending line."
    )

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: set[int] = set()
        self._pending: set[int] = set()  # the shown lines that are pending
        self._first_id = 0
        self._window = self.WINDOW
        self._session: Session | None = None
        # Paste bursts (see on_key): when the last paste-like key came, whether a burst is on,
        # and the key waiting for its gap.
        self._last_key = float("-inf")
        self._burst = False
        self._deferred: Timer | None = None

    # ------------------------------------------------------------------ paste bursts

    async def on_key(self, event: events.Key) -> None:
        """Keys that arrive in one burst (an unbracketed paste) are ignored, with a notice.

        A paste-like key (printable, Enter or Tab) less than ``app.paste_gap`` seconds after the
        previous one is part of a burst. A bound key that comes after a gap acts only once the
        gap has passed with no key after it, so the first key of a paste ("yes⏎") never runs
        its command either. Navigation keys are never held back.
        """
        gap = float(getattr(self.app, "paste_gap", 0.0))
        if gap <= 0 or not (event.is_printable or event.key in ("enter", "tab")):
            return
        now = event.time
        last, self._last_key = self._last_key, now
        if now - last < gap:
            event.prevent_default()
            event.stop()
            if self._deferred is not None:
                self._deferred.stop()
                self._deferred = None
            if not self._burst:
                self._burst = True
                self.notify(
                    "Keys arrived all at once (a paste?) and were ignored: paste into the "
                    "composer, not the outbox",
                    severity="warning",
                    markup=False,
                )
            return
        self._burst = False
        active = self.app.active_bindings.get(event.key)
        if active is None:
            return
        event.prevent_default()
        event.stop()

        async def after_gap() -> None:
            self._deferred = None
            if self._last_key == now:  # nothing came after it: typed, not pasted
                await self.app.run_action(active.binding.action, active.node)

        self._deferred = self.set_timer(gap, after_gap)

    def prompt(self, line: OutLine) -> Content:
        """A line as the outbox shows it: its state, then its text (wrapped under itself)."""
        if line.state == COPIED:
            if line.id in getattr(self.app, "sent_only", ()):
                # sent by OSC 52 only: the terminal cannot confirm it reached a clipboard
                label = Content.styled("↗ sent    ", "$text-accent")
            else:
                label = Content.styled("✓ copied  ", "$text-success")
            return Hanging([(label, Content.styled(shown(line.text), "$text-muted"))])
        label = Content.styled("• pending ", "bold $text-warning")
        return Hanging([(label, Content(shown(line.text)))])

    def _note_state(self, line: OutLine) -> None:
        if line.state == PENDING:
            self._pending.add(line.id)
        else:
            self._pending.discard(line.id)

    WINDOW = 100  # copied lines kept on screen before the first pending one, at first
    MORE = 200  # copied lines added each time the chair asks for earlier ones

    def load(self, session: Session, *, window: int | None = None) -> None:
        """Show the pending lines and the last copied ones; older lines stay in the session.

        The first line then says how many earlier lines there are; Enter on it shows
        :data:`MORE` more (the outbox is cheap to draw with a short window, which keeps the
        resume of a long meeting as fast as a short one's).
        """
        self._session = session
        if window is not None:
            self._window = window
        lines = session.visible_lines()
        first_pending = next((i for i, ln in enumerate(lines) if ln.state != COPIED), len(lines))
        start = max(0, min(first_pending, len(lines) - self._window))
        self.clear_options()
        self._shown.clear()
        self._pending.clear()
        options: list[Option] = []
        if start:
            options.append(
                Option(
                    Content.styled(
                        f"… {start} earlier line(s), all copied: Enter shows "
                        f"{min(start, self.MORE)} more (chair-tui export shows them all)",
                        "$text-muted",
                    ),
                    id="earlier",
                )
            )
        shown = lines[start:]
        options.extend(Option(self.prompt(ln), id=f"line-{ln.id}") for ln in shown)
        self.add_options(options)
        self._shown.update(ln.id for ln in shown)
        self._pending.update(ln.id for ln in shown if ln.state == PENDING)
        self._first_id = shown[0].id if shown else 0
        self.follow(session)

    def show_earlier(self) -> None:
        """Show :data:`MORE` more of the earlier lines, keeping the highlight where it was."""
        if self._session is None:
            return
        keep = self.highlighted_option
        self.load(self._session, window=self._window + self.MORE)
        if keep is not None and keep.id and keep.id.startswith("line-"):
            self.highlighted = self.get_option_index(keep.id)

    def add_line(self, line: OutLine) -> None:
        if line.id in self._shown or line.state == DELETED:
            return
        self.add_option(Option(self.prompt(line), id=f"line-{line.id}"))
        self._shown.add(line.id)
        self._note_state(line)
        self.show_more_pending()

    def update_line(self, line: OutLine) -> None:
        oid = f"line-{line.id}"
        if line.id not in self._shown:
            if line.id >= self._first_id:
                self.add_line(line)
            return
        if line.state == DELETED:
            self.remove_option(oid)
            self._shown.discard(line.id)
            self._pending.discard(line.id)
        else:
            self.replace_option_prompt(oid, self.prompt(line))
            self._note_state(line)
        self.show_more_pending()

    def follow(self, session: Session) -> None:
        """Highlight the first pending line (or the last line) and keep the whole chunk that
        ``c`` copies next in view."""
        target = session.first_pending()
        try:
            if target is not None and target.id in self._shown:
                self.highlighted = self.get_option_index(f"line-{target.id}")
            elif self.option_count:
                self.highlighted = self.option_count - 1
        except Exception:
            return
        self.show_chunk(session)

    def _rows_of(self, line_id: int) -> tuple[int, int] | None:
        """The rows (first, end exclusive) the line takes in the list, once it is laid out."""
        try:
            index = self.get_option_index(f"line-{line_id}")
            top = self._index_to_line[index]
            return top, top + self._heights[index]
        except KeyError:
            return None

    def show_chunk(self, session: Session) -> None:
        """Scroll the whole next chunk (what ``c`` copies) into view, not only its first line;
        a chunk taller than the outbox shows from its first line."""
        chunk = [ln for ln in session.next_chunk() if ln.id in self._shown]
        if not chunk or not self.is_mounted:
            self.show_more_pending()
            return
        first = self._rows_of(chunk[0].id)
        last = self._rows_of(chunk[-1].id)
        if first is None or last is None:
            self.show_more_pending()
            return
        top, end = first[0], last[1]
        height = self.scrollable_content_region.height
        if end - top > height > 0:
            end = top + height
        self.scroll_to_region(
            Region(0, top, self.scrollable_content_region.width, end - top),
            force=True,
            animate=False,
            immediate=True,
        )
        self.show_more_pending()

    def _view(self) -> tuple[int, int]:
        """The rows (first, end exclusive) of the list that are on screen."""
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def whole_in_view(self) -> list[int]:
        """The ids of the shown lines that are on screen whole (every row of a wrapped one)."""
        top, bottom = self._view()
        out: list[int] = []
        for option in self.options:
            if option.id is None or not option.id.startswith("line-"):
                continue
            line_id = int(option.id.removeprefix("line-"))
            rows = self._rows_of(line_id)
            if rows is not None and top <= rows[0] and rows[1] <= bottom:
                out.append(line_id)
        return out

    def more_pending(self) -> int:
        """How many pending lines end below the visible part of the outbox."""
        if not self._pending or not self.scrollable_content_region:
            return 0
        bottom = self._view()[1]
        count = 0
        for line_id in self._pending:
            rows = self._rows_of(line_id)
            if rows is not None and rows[1] > bottom:
                count += 1
        return count

    def show_more_pending(self) -> None:
        """Say on the border how many pending lines wait below the visible part."""
        more = self.more_pending()
        self.border_subtitle = f"+{more} more pending ↓" if more else ""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_more_pending()

    def on_resize(self) -> None:
        # The outbox shrinks when the step panel above it grows (the end-of-meeting summary),
        # and gets its first size as the screen starts: keep the line it follows in view, in
        # the same frame — and with it the rest of the chunk it starts.
        # (OptionList's own handler, which forgets the rows laid out at the old width, runs
        # after this one: forget them first.)
        self._clear_caches()
        session = self._session
        target = session.first_pending() if session is not None else None
        option = self.highlighted_option
        if session is not None and target is not None and option is not None:
            if option.id == f"line-{target.id}":
                self.show_chunk(session)
                return
        self.scroll_to_highlight()
        self.show_more_pending()

    def selected_line_id(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith("line-"):
            return None
        return int(option.id.removeprefix("line-"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == "earlier":
            self.show_earlier()
        elif event.option.id and event.option.id.startswith("line-"):
            self.post_message(CopyLine(int(event.option.id.removeprefix("line-"))))


# The start lines' own key (the integrator moves it into the key table, commands.py).
START_LINES_COMMANDS = commands.START_LINES_COMMANDS


def key_display(widget: Widget, command: commands.Command) -> str:
    """The first key of ``command`` as the key bar shows it, with the ``[keymap]`` remap."""
    overrides: dict[str, str] = getattr(widget.app, "keymap_overrides", {})
    keys = overrides.get(command.id) or command.key
    return widget.app.get_key_display(Binding(keys.split(",")[0], ""))


class StartBlock(Vertical):
    """The start lines, one editable field each, shown until they are queued.

    The focused field keeps its one row (its text stays visible) and is marked by a bar on its
    left; the line above names the key that leaves the fields. Keys typed in a field are text.
    """

    DEFAULT_CSS = """
    StartBlock { height: auto; }
    StartBlock > #start-hint { width: 100%; padding: 0 1; color: $text-muted; }
    StartBlock:focus-within > #start-hint { color: $text; text-style: bold; }
    StartBlock > Input {
        border: none;
        border-left: blank;
        height: 1;
        padding: 0 1 0 0;
        margin-bottom: 0;
    }
    StartBlock > Input:focus {
        border: none;
        border-left: outer $accent;
        background: $boost;
    }
    """
    BINDINGS = commands.bindings(START_LINES_COMMANDS)

    def __init__(self, lines: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lines = lines

    def compose(self) -> ComposeResult:
        yield Label(self.hint(), id="start-hint")
        for i, line in enumerate(self._lines):
            yield PlainInput(line, id=f"start-line-{i}", select_on_focus=False)

    def hint(self) -> Content:
        leave = key_display(self, START_LINES_COMMANDS[0])
        return Content.assemble("Start lines (edit here; ", (leave, "bold"), " leaves):")

    @property
    def lines(self) -> list[str]:
        return [field.value for field in self.query(Input)]

    def action_leave(self) -> None:
        self.post_message(LeaveComposer())
