"""A system clipboard for tests: it only remembers what it was given."""

from __future__ import annotations


class FakeClipboard:
    """Pass as ``system_clipboard``; ``copies`` holds every text, in order."""

    def __init__(self) -> None:
        self.copies: list[str] = []

    def __call__(self, text: str) -> None:
        self.copies.append(text)
