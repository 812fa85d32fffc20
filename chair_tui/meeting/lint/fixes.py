"""Fix what lint can fix: each source line (or hard-wrapped run of lines) and what replaces it.

A fix never reduces or alters what the bot records.  Each fix is checked with the bot model
(:func:`keeps_items`): the items its source lines make must all come out of its lines as they
were, and no item may gain another line's text; a fix that fails is not made (a hard-wrapped
run is then fixed line by line, each line checked the same way).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chair_tui.meeting.botmodel import BotModel, Item, ItemKind
from chair_tui.meeting.lint.findings import Fix
from chair_tui.meeting.lint.recorded import CHAIR, content, has_content, start_line
from chair_tui.meeting.lint.report import Linter, analyse_meeting, columns
from chair_tui.meeting.lint.target import Info, Line, Role
from chair_tui.meeting.profiles import Profile
from chair_tui.meeting.text import DEFAULT_MAX_BYTES


def plan_fixes(
    lines: Sequence[tuple[int, str]],
    profile: Profile,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
    seconds: Sequence[int | None] | None = None,
) -> list[Fix]:
    """How each source line (or hard-wrapped run of lines) is replaced by :func:`fix_lines`.

    Lines without a fixable problem are kept byte for byte (``changed`` is False).  Lines
    that cannot be fixed automatically (an unknown command, a bare start, a line starting
    with ``/``) are kept too; lint still reports them.  So are the lines whose fix would
    reduce or alter what the bot records (:func:`keeps_items`).
    """
    linenos, texts = columns(lines)
    linter, infos = analyse_meeting(linenos, texts, profile, max_bytes, channel, attendees, seconds)
    out = planned(linter, linenos, texts, infos)
    return _safe(out, dict(zip(linenos, texts, strict=True)), profile, infos, linenos)


def planned(
    linter: Linter, linenos: Sequence[int], texts: Sequence[str], infos: Sequence[Info]
) -> list[Fix]:
    """The fix of each line and hard-wrapped run, before :func:`keeps_items` checks them."""
    groups = linter.wrap_groups(linenos, texts, infos)
    grouped = {g[0]: g for g in groups}
    skip = {i for g in groups for i in g[1:]}
    out: list[Fix] = []
    for i, info in enumerate(infos):
        if i in skip:
            continue
        lineno, text = linenos[i], texts[i]
        if i in grouped and len(grouped[i]) > 1:
            group = grouped[i]
            joined = " ".join([text.rstrip(), *(texts[j].strip() for j in group[1:])])
            again = linter.analyse(lineno, joined)
            if again.replacement is not None:
                new = again.replacement
            elif again.role == Role.NARRATIVE:
                new = [again.body.rstrip()]
            else:
                new = linter.render(again.kind, again.word, again.arg) or [joined]
            out.append(Fix(tuple(linenos[j] for j in group), tuple(new), True))
            continue
        out.append(_line_fix(lineno, text, info))
    return out


def _line_fix(lineno: int, text: str, info: Info) -> Fix:
    if not isinstance(info, Line) or info.replacement is None:
        return Fix((lineno,), (text,), False)
    return Fix((lineno,), tuple(info.replacement), info.replacement != [text])


def _safe(
    fixes: list[Fix],
    source: dict[int, str],
    profile: Profile,
    infos: Sequence[Info],
    linenos: Sequence[int],
) -> list[Fix]:
    """``fixes`` but those that would reduce or alter what the bot records (see
    :func:`keeps_items`): a run of lines is then fixed line by line, and a line kept as it is.

    A fix can spoil the items of lines after it (an ``#endmeeting`` made readable ends the
    meeting earlier): then the nearest changed fix before them is taken back.  Each round takes
    back at least one fix, so there are at most as many rounds as fixes.
    """
    index = {n: i for i, n in enumerate(linenos)}
    for _round in range(len(fixes) + 1):
        if not any(f.changed for f in fixes):
            return fixes
        before, after = made_items(profile, fixes, source)
        culprits: set[int] = set()
        for k, (fix, b, a) in enumerate(zip(fixes, before, after, strict=True)):
            if keeps_items(b, a, len(fix.linenos)):
                continue
            if fix.changed:
                culprits.add(k)
            else:
                earlier = next((j for j in range(k - 1, -1, -1) if fixes[j].changed), None)
                if earlier is not None:
                    culprits.add(earlier)
        if not culprits:
            return fixes
        out: list[Fix] = []
        for k, fix in enumerate(fixes):
            if k not in culprits:
                out.append(fix)
            elif len(fix.linenos) > 1:
                out += [_line_fix(n, source[n], infos[index[n]]) for n in fix.linenos]
            else:
                out.append(Fix(fix.linenos, (source[fix.linenos[0]],), False))
        fixes = out
    return fixes


def made_items(
    profile: Profile, fixes: Sequence[Fix], source: dict[int, str]
) -> tuple[list[list[Item]], list[list[Item]]]:
    """The items the source lines of each fix make, and those its lines make, each fed to the
    bot model in order (after a start, unless the source lines hold one)."""

    # started first, or not, as the source lines need: the same for both, so that a start a
    # fix makes readable is read while the meeting runs, as a later start would be
    started = not _starts(profile, (source[n] for f in fixes for n in f.linenos))

    def feed(groups: list[tuple[str, ...]]) -> list[list[Item]]:
        model = BotModel(profile)
        if started:
            model.feed("00:00:00", CHAIR, start_line(profile))
        made: list[list[Item]] = []
        for lines in groups:
            items: list[Item] = []
            for line in lines:
                count = len(model.items)
                model.feed("00:00:00", CHAIR, line)
                if len(model.items) > count:
                    items.append(model.items[-1])
            made.append(items)
        return made

    return (
        feed([tuple(source[n] for n in f.linenos) for f in fixes]),
        feed([f.lines for f in fixes]),
    )


def _starts(profile: Profile, lines: Iterable[str]) -> bool:
    """Whether one of ``lines`` starts a meeting for the bot."""
    model = BotModel(profile)
    for line in lines:
        model.feed("00:00:00", CHAIR, line)
        if model.running:
            return True
    return False


def _same(before: Item, after: Item) -> bool:
    if before.kind is not after.kind:
        return False
    if content(before.text) == content(after.text):
        return True
    if before.kind is ItemKind.LINK:  # the URL may come first, with its scheme, without a '.'
        return _link_words(before.text) == _link_words(after.text)
    if before.kind is ItemKind.ACTION:  # nicks as separate words in roster case (L7)
        return _action_words(before.text) == _action_words(after.text)
    return False


def _action_words(text: str) -> list[str]:
    return content(text).lower().translate(_NICK_GLUE).split()


_NICK_GLUE = str.maketrans(",/@;", "    ")


def _link_words(text: str) -> list[str]:
    words = (w.removeprefix("https://").removeprefix("http://") for w in content(text).split())
    return sorted(w.rstrip(".)") for w in words)


def keeps_items(before: Sequence[Item], after: Sequence[Item], sources: int) -> bool:
    """Whether a fix keeps what the bot records: every item ``before`` (made by its ``sources``
    source lines) that says anything comes out unchanged in ``after`` (made by its lines), in
    order, as a reader sees it (:func:`~.recorded.content`): a link may have its URL first,
    with a scheme and without a trailing '.' or ')', an action its nicks as separate words in
    roster case (the same words once ``, / @ ;`` are blanks), and an over-long item may be
    split over consecutive items of its kind.  An empty or label-only item may go (L5).  No
    item may gain another line's text: a fix of several lines makes no item but those it
    keeps."""
    j = 0
    for item in before:
        if not has_content(item):
            if j < len(after) and _same(item, after[j]):
                j += 1
            continue
        if j < len(after) and _same(item, after[j]):
            j += 1
            continue
        whole = content(item.text)
        k, pieces = j, list[str]()
        while k < len(after) and len(" ".join(pieces)) < len(whole):
            pieces.append(content(after[k].text))
            k += 1
        joined = "".join(" ".join(pieces).split())
        if k - j < 2 or after[j].kind is not item.kind or joined != "".join(whole.split()):
            return False
        j = k
    return j == len(after) or sources == 1


def fix_lines(
    lines: Sequence[tuple[int, str]] | Sequence[str],
    profile: Profile,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    channel: str | None = None,
    attendees: Iterable[str] | None = None,
) -> list[str]:
    """The corrected lines: verbs mapped for ``profile``, leading whitespace and ``#topic:``
    colons removed, blank and empty-argument lines dropped, hard-wrapped sentences joined,
    URLs moved first in links, over-long lines split (all rendering by ``render_entry``).

    ``lines`` are ``(lineno, text)`` pairs or plain strings (numbered from 1).
    """
    numbered: list[tuple[int, str]] = [
        item if isinstance(item, tuple) else (n, item) for n, item in enumerate(lines, start=1)
    ]
    fixes = plan_fixes(numbered, profile, max_bytes, channel=channel, attendees=attendees)
    fixed = [line for fix in fixes for line in fix.lines]
    # A fix can make another one possible (a '#topic …' line given the Matrix prefix is then
    # seen to be hard-wrapped onto the next): fixed again until nothing changes, so fixing
    # fixed lines changes nothing. Each round only joins, drops or rewrites, so two or three
    # rounds settle it.
    for _ in range(3):
        again = [
            line
            for fix in plan_fixes(
                list(enumerate(fixed, start=1)),
                profile,
                max_bytes,
                channel=channel,
                attendees=attendees,
            )
            for line in fix.lines
        ]
        if again == fixed:
            break
        fixed = again
    return fixed
