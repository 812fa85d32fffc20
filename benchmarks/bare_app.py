"""The baseline of the start-up benchmarks: a bare Textual app (Header, a Static, Footer).

    python benchmarks/bare_app.py

Started the same way as ``chair-tui`` (a new Python process on a pseudo-terminal) and timed from
outside to the drawing of its last row, the footer's (see ``harness.first_frame``).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit"), ("c", "noop", "Copy"), ("n", "noop", "Next")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("A bare Textual app: the start-up benchmarks' baseline.")
        yield Footer()

    def action_noop(self) -> None:
        """A binding for the footer to show; does nothing."""


if __name__ == "__main__":
    BareApp().run()
