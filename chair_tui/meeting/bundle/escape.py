"""Text a chair or a participant wrote, made safe to post: Markdown that shows it as written.

Everything in a summary comes from chat, and chat is hostile: ``<script>``, a
``[x](javascript:…)`` link, backticks, a leading ``#`` or ``1.`` that would start a heading
or a list.  :func:`md_text` backslash-escapes every character Markdown gives a meaning to
(CommonMark lets any ASCII punctuation be escaped), so the text renders as plain text on
GitHub, GitLab, Forgejo, Pagure and Discourse; :func:`md_url` makes an autolink only of a
plain ``http(s)`` URL.  Control characters and the bidi overrides that reorder what a reader
sees are dropped first (:func:`plain`).
"""

from __future__ import annotations

import re

from chair_tui.meeting.text import clean_line

__all__ = ["md_text", "md_url", "plain", "safe_url", "without_bidi"]

# the ASCII punctuation Markdown reads as syntax (CommonMark, GFM, GitLab's $math$,
# Discourse's @mentions)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&@^$])")
# embeddings, overrides and isolates: they reorder the text a reader sees
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def without_bidi(text: str) -> str:
    """``text`` without the bidi embeddings, overrides and isolates."""
    return _BIDI.sub("", text)


def plain(text: str) -> str:
    """One line: no control characters, no bidi overrides, single spaces."""
    return clean_line(_BIDI.sub("", text))


def md_text(text: str) -> str:
    """``text`` (made :func:`plain`) as Markdown that renders exactly as that text."""
    return _MD_SPECIAL.sub(r"\\\1", plain(text))


def safe_url(url: str) -> bool:
    """Whether ``url`` is a plain ``http``/``https`` URL that can be linked as it is."""
    return _SAFE_URL.fullmatch(url) is not None


def md_url(url: str) -> str:
    """An autolink ``<url>`` of a safe URL; any other text escaped as text."""
    return f"<{url}>" if safe_url(url) else md_text(url)
