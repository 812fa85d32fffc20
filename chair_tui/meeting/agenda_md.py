"""Markdown agendas: topics with their links and prepared infos, and a roster, read with a
CommonMark parser (markdown-it-py).

What is read:

- the first level-1 heading before any list item is the meeting's title;
- every list item that is not inside another one is a topic: its plain text (no ``**``,
  backticks or link syntax) is the title, and the URLs in it (bare, ``<…>`` or
  ``[text](url)``) are its links;
- a list item inside a topic is one of its prepared infos, or, when it holds a URL, a link
  whose description is the link's own text (``[the draft](https://…)``) or else the item's
  other text (``See also https://…`` gives the link ``https://… See also``; with several
  bare URLs that text is an info instead);
- a list inside a block quote is quoted text, not the agenda;
- a heading ``Members`` (any level, any case) starts a roster: the list items under it, up to
  the next heading, are ``- nick: Name`` (the name may be left out).

Everything is plain text, cleaned of control characters.  A document nested deeper than
:data:`MAX_NESTING` block levels is refused with the line where it goes too deep: the parser
would otherwise drop everything after that line without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chair_tui.meeting.botsim import URL_RE
from chair_tui.meeting.errors import InputError, read_text
from chair_tui.meeting.model import AgendaItem, Member
from chair_tui.meeting.text import clean_line, is_irc_nick

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# markdown-it-py reads about 100 KB a second of the worst input (a list item every 4 bytes,
# a line of "["): a quarter megabyte is read in a few seconds; an agenda is a few kilobytes.
MAX_AGENDA_BYTES = 256 * 1024
# Block levels the parser may open (a list and its item are two, a block quote one): about
# thirty nested lists.  markdown-it-py parses nested blocks by recursion and, past its limit,
# silently skips the rest of the document, so the limit is checked (see _too_deep).
MAX_NESTING = 20
_CONTAINERS = frozenset({"list_item_open", "blockquote_open"})
_MEMBERS_HEADING = "members"
# A URL in running text: a scheme the bots know, then anything but blanks and angle brackets.
_BARE_URL = r"(?:https?|irc|ftp|mailto|ssh)://[^\s<>]+"
_URL_END = ".,;:!?"  # punctuation a sentence puts after a URL, never part of it
_TASK_BOX = r"^\[[ xX]\]\s+"  # "- [ ] topic": a task list's box
_LINK_MARK = "\x00"  # where a link was taken out of the text (a NUL never survives parsing)

_parser: MarkdownIt | None = None


@dataclass(frozen=True, slots=True)
class MarkdownAgenda:
    """What a Markdown agenda holds: its title ("" when it has none), topics and roster."""

    title: str
    items: tuple[AgendaItem, ...]
    members: tuple[Member, ...] = ()


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    label: str  # the link's own text ("" for a bare URL, or text that is the URL itself)


@dataclass(frozen=True, slots=True)
class _Text:
    """One list item's or heading's inline content, and the URLs in it with their own text.

    ``text`` has every URL taken out (:data:`_LINK_MARK` where it was) but keeps the text of
    ``[text](url)``; ``rest`` has that taken out too; ``shown`` is all of it as read."""

    text: str
    rest: str
    links: tuple[_Link, ...]
    shown: str


def _markdown() -> MarkdownIt:
    # Imported here, not at the top: markdown-it-py takes about 45 ms to import, and only a
    # Markdown agenda needs it (every command that reads a TOML meeting file imports this).
    from markdown_it import MarkdownIt

    global _parser
    if _parser is None:
        # HTML is text here: "<b>" in a title is what the chair will see and paste
        _parser = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    return _parser


def _is_url(target: str) -> bool:
    return URL_RE.fullmatch(target) is not None


def _url_end(url: str) -> int:
    """Where ``url`` ends once the punctuation after it is taken off: a final ``)`` or ``]``
    only while the URL has more of them than ``(`` or ``[`` (a Wikipedia link keeps its own)."""
    extra = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    end = len(url)
    while end:
        last = url[end - 1]
        if extra.get(last, 0) > 0:
            extra[last] -= 1
        elif last not in _URL_END:
            break
        end -= 1
    return end


def _bare_urls(text: str, out: list[str], links: list[_Link]) -> None:
    """``text`` with its bare URLs taken out into ``links``, appended to ``out``."""
    done = 0
    for m in re.finditer(_BARE_URL, text):
        end = m.start() + _url_end(m.group(0))
        if end <= m.start() + len(m.group(0).split("//", 1)[0]) + 2:
            continue  # only a scheme ("https://."), no address
        out += (text[done : m.start()], _LINK_MARK)
        links.append(_Link(text[m.start() : end], ""))
        done = end
    out.append(text[done:])


def _tidy(text: str) -> str:
    """The text around the places links were taken out of, without the brackets, blanks and
    punctuation left empty there: ``Budget (https://…)`` is ``Budget``, not ``Budget ()``.

    Each piece between links is cleaned first, so a link mark has exactly one blank on each
    side of it and every pattern here reads a fixed number of characters around a mark.
    """
    if _LINK_MARK not in text:
        return clean_line(text)
    text = f" {_LINK_MARK} ".join(clean_line(piece) for piece in text.split(_LINK_MARK))
    text = re.sub(r"\x00 ?[.,;:!?]+(?= |$)", _LINK_MARK, text)  # a sentence's end after it
    text = re.sub(r"[(\[<] ?\x00 ?[)\]>]", " ", text)  # "(<url>)" and "[url]"
    text = re.sub(r"([(\[]) ?\x00 ?", r"\1", text)  # "(url and more)"
    text = re.sub(r" ?\x00 ?([)\]])", r"\1", text)  # "(more and url)"
    return clean_line(text.replace(_LINK_MARK, " "))


def _inline(token: Token) -> _Text:
    """The plain text and the links of an inline token (a paragraph's or a heading's)."""
    parts: list[str] = []  # the text, link texts kept
    rest: list[str] = []  # the text without link texts
    shown: list[str] = []
    links: list[_Link] = []
    href: str | None = None  # inside [text](href) when not None
    label: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            if href is not None:
                label.append(child.content)
            else:
                before = len(parts)
                _bare_urls(child.content, parts, links)
                rest += parts[before:]
            shown.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            if href is not None:
                label.append(" ")
            else:
                parts.append(" ")
                rest.append(" ")
            shown.append(" ")
        elif kind == "link_open":
            href, label = str(child.attrs.get("href", "")), []
        elif kind == "link_close" and href is not None:
            text = "".join(label)
            if not _is_url(href):  # a relative target (notes.md): the text stays, no link
                parts.append(text)
                rest.append(text)
            elif clean_line(text) in ("", href):  # <https://…> or [https://…](https://…)
                links.append(_Link(href, ""))
                parts.append(_LINK_MARK)
                rest.append(_LINK_MARK)
            else:
                links.append(_Link(href, text))
                parts.append(text)
                rest.append(_LINK_MARK)
            href = None
        elif kind == "image":  # its text only: the picture is not the chair's to link
            if href is not None:
                label.append(child.content)
            else:
                parts.append(child.content)
                rest.append(child.content)
            shown.append(child.content)
    return _Text("".join(parts), "".join(rest), tuple(links), clean_line("".join(shown)))


def _too_deep(tokens: list[Token]) -> Token | None:
    """The first container whose content the parser skipped for nesting too deep."""
    for tok in tokens:
        if tok.type in _CONTAINERS and tok.level + 1 >= MAX_NESTING:
            return tok
    return None


def _line(tok: Token) -> int | None:
    return tok.map[0] + 1 if tok.map else None


def _topic(found: _Text) -> AgendaItem | None:
    """A topic from a top-level list item: its text as title, every URL as a link."""
    title = re.sub(_TASK_BOX, "", _tidy(found.text)).rstrip(" -–:")
    urls = tuple(link.url for link in found.links)
    if not title:
        if not urls:
            return None
        title = urls[0]
    return AgendaItem(title, urls)


def _under(item: AgendaItem, found: _Text) -> AgendaItem:
    """``item`` with what a list item nested in it adds: a link with its description, or an
    info."""
    rest = re.sub(_TASK_BOX, "", _tidy(found.rest)).rstrip(" -–:")
    if not found.links:
        return AgendaItem(
            item.title, item.links, item.info + ((rest,) if rest else ()), item.minutes
        )
    # the item's text describes its one link; among several, each keeps its own text only
    # (and the item's text is an info), so no text is repeated
    alone = len(found.links) == 1
    links = []
    for link in found.links:
        about = clean_line(link.label).rstrip(" -–:") or (rest if alone else "")
        links.append(f"{link.url} {about}" if about else link.url)
    info = (rest,) if rest and not alone else ()
    return AgendaItem(item.title, item.links + tuple(links), item.info + info, item.minutes)


def _member(found: _Text, path: str | Path, line: int | None, seen: set[str]) -> Member:
    nick, _, name = found.shown.partition(":")
    nick = clean_line(nick)
    if not is_irc_nick(nick):
        raise InputError(
            path, f"members: {nick!r} is not an IRC nick (expected '- nick: Name')", line
        )
    if nick.lower() in seen:
        raise InputError(path, f"members: {nick!r} is listed twice", line)
    seen.add(nick.lower())
    return Member(nick, clean_line(name))


def parse_markdown_agenda(text: str, path: str | Path = "<agenda>") -> MarkdownAgenda:
    """The agenda (and roster) of a Markdown document; see the module's docstring.

    :class:`InputError` when it has no list item to make a topic of, when a roster line is
    not ``- nick: Name``, or when it is nested deeper than :data:`MAX_NESTING` levels.
    """
    tokens = _markdown().parse(text.replace("\x00", ""))
    deep = _too_deep(tokens)
    if deep is not None:
        raise InputError(
            path,
            f"nested too deep (more than {MAX_NESTING} levels of lists and quotes)",
            _line(deep),
        )
    title = ""
    items: list[AgendaItem] = []
    members: list[Member] = []
    seen: set[str] = set()
    in_roster = False
    depth = 0  # list items open around the current token
    quotes = 0  # block quotes open around it: a list quoted from elsewhere is no agenda
    owner: list[Token | None] = []  # per open list item: itself until its text is read
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "list_item_open":
            depth += 1
            owner.append(tok if quotes == 0 else None)
        elif kind == "list_item_close":
            depth -= 1
            owner.pop()
        elif kind in ("blockquote_open", "blockquote_close"):
            quotes += tok.nesting
        elif kind == "heading_open" and depth == 0 and quotes == 0:
            heading = _inline(tokens[i + 1]).shown
            in_roster = heading.rstrip(":").strip().casefold() == _MEMBERS_HEADING
            if not in_roster and tok.tag == "h1" and not title and not items:
                title = heading
        elif kind == "inline" and owner and owner[-1] is not None:
            item_tok = owner[-1]
            owner[-1] = None  # an item's first paragraph (or heading) is its text
            found = _inline(tok)
            if in_roster:
                if depth == 1 and found.shown:
                    members.append(_member(found, path, _line(item_tok), seen))
            elif depth > 1 and items:
                items[-1] = _under(items[-1], found)
            elif (topic := _topic(found)) is not None:
                items.append(topic)
    if not items:
        raise InputError(path, "no agenda items found (expected a Markdown list: '- Topic')")
    return MarkdownAgenda(title, tuple(items), tuple(members))


def load_markdown_agenda(path: str | Path) -> MarkdownAgenda:
    """The Markdown agenda in the file at ``path`` (at most :data:`MAX_AGENDA_BYTES`)."""
    return parse_markdown_agenda(read_text(path, max_bytes=MAX_AGENDA_BYTES), path)
