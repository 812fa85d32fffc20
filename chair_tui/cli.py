"""The command line: a thin layer over the core, and the door to the TUI.

Only ``chair-tui [MEETING] [--demo|--resume]`` imports Textual; every other command uses the
pure core alone, so it starts fast and works with no terminal.
"""

from __future__ import annotations

import sys

from chair_tui import __version__

# Start-up time matters here (docs/performance.md): argparse, json, pathlib and typing are
# imported only where they are used, and ``--version`` is answered before any of them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import SimpleNamespace
    from typing import TextIO

    Namespace = argparse.Namespace | SimpleNamespace

SUBCOMMANDS = ("render", "check", "profiles", "import-log", "export", "keys")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser(
    prog: str, description: str | None = None, epilog: str | None = None
) -> argparse.ArgumentParser:
    """An ``ArgumentParser`` whose usage errors exit with :data:`EXIT_USAGE`."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            print(f"{self.prog}: {message}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE)

    return _Parser(prog=prog, description=description, epilog=epilog)


def _tui_parser() -> argparse.ArgumentParser:
    p = _parser(
        prog="chair-tui",
        description="Chair a MeetBot-recorded meeting: correct bot lines, ready to paste.",
        epilog="Other commands: " + ", ".join(SUBCOMMANDS) + " (chair-tui COMMAND --help).",
    )
    p.add_argument("meeting", nargs="?", help="meeting file (.toml, or a Markdown agenda)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--demo", action="store_true", help="start the built-in demo meeting")
    g.add_argument("--resume", action="store_true", help="resume the latest unfinished meeting")
    p.add_argument("--profile", help="target bot profile (overrides the meeting file)")
    p.add_argument("--data-dir", help="where sessions are kept (or $CHAIR_TUI_DATA_DIR)")
    p.add_argument("--config", help="config file (or $CHAIR_TUI_CONFIG)")
    p.add_argument("--version", action="version", version=f"chair-tui {__version__}")
    return p


def _sub_parser(name: str) -> argparse.ArgumentParser:
    p = _parser(prog=f"chair-tui {name}")
    if name == "render":
        p.description = "Print the whole prepared script of a meeting file."
        p.add_argument("meeting", help="meeting file (.toml or .md)")
        p.add_argument("--profile", help="target bot profile (default: the file's)")
        p.add_argument(
            "--chunks", action="store_true", help="separate paste chunks with a blank line"
        )
    elif name == "check":
        p.description = "Lint lines about to be pasted, or the chair's lines in a raw MeetBot log."
        p.add_argument("file")
        p.add_argument("--profile", help="target bot profile (default meetbot)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument("--fix", action="store_true", help="write a corrected copy beside the file")
    elif name == "profiles":
        p.description = "List the target-bot profiles and their verbs."
        p.add_argument("--format", choices=("text", "json"), default="text")
    elif name == "import-log":
        p.description = "Turn a MeetBot raw log into a chair-tui session file."
        p.add_argument("log")
        p.add_argument("--chair", help="the chair's nick (default: who sent #startmeeting)")
        p.add_argument("--profile", help="target bot profile (default meetbot)")
        p.add_argument("-o", "--output", help="session file to write (never overwritten)")
    elif name == "export":
        p.description = "Print a session's lines."
        p.add_argument("session")
        p.add_argument("--format", choices=("lines", "json"), default="lines")
    elif name == "keys":
        p.description = "List the key bindings with their ids (for config.toml [keymap])."
    return p


# What the parsers give these commands for one argument that is not an option (or none, for
# those without one): the common case, answered without importing argparse, which with gettext
# and locale is a third of the start-up of ``chair-tui check FILE``.  tests/core/test_cli.py
# checks these against the parsers.
_QUICK: dict[str, tuple[str | None, dict[str, object]]] = {
    "render": ("meeting", {"profile": None, "chunks": False}),
    "check": ("file", {"profile": None, "format": "text", "fix": False}),
    "export": ("session", {"format": "lines"}),
    "import-log": ("log", {"chair": None, "profile": None, "output": None}),
    "profiles": (None, {"format": "text"}),
    "keys": (None, {}),
}


def _quick_namespace(name: str, rest: Sequence[str]) -> SimpleNamespace | None:
    """The parsed arguments of ``chair-tui NAME [ARG]`` in the common case, else None."""
    if name not in _QUICK:
        return None
    key, defaults = _QUICK[name]
    if key is None:
        given = {}
        if rest:
            return None
    elif len(rest) == 1 and not rest[0].startswith("-"):
        given = {key: rest[0]}
    else:
        return None
    from types import SimpleNamespace

    return SimpleNamespace(**given, **defaults)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        # what argparse's version action does, without importing argparse
        print(f"chair-tui {__version__}")
        raise SystemExit(EXIT_OK)
    try:
        if args and args[0] in SUBCOMMANDS:
            ns = _quick_namespace(args[0], args[1:]) or _sub_parser(args[0]).parse_args(args[1:])
            return _run_sub(args[0], ns, sys.stdout, sys.stderr)
        ns = _tui_parser().parse_args(args)
        return _run_tui(ns)
    except KeyboardInterrupt:
        return 130


def _fail(err: TextIO, message: str) -> int:
    print(f"chair-tui: {message}", file=err)
    return EXIT_USAGE


def _run_sub(name: str, ns: Namespace, out: TextIO, err: TextIO) -> int:
    from chair_tui.meeting.errors import InputError
    from chair_tui.meeting.profiles import UnknownProfileError

    try:
        if name == "render":
            return _cmd_render(ns, out, err)
        if name == "profiles":
            return _cmd_profiles(ns, out)
        if name == "check":
            from chair_tui.check_cli import run_check

            return run_check(ns.file, ns.profile, ns.format, ns.fix, out, err)
        if name == "import-log":
            from chair_tui.import_cli import run_import

            return run_import(ns.log, ns.chair, ns.profile, ns.output, out, err)
        if name == "export":
            return _cmd_export(ns, out, err)
        if name == "keys":
            from chair_tui.tui.commands import describe_bindings

            for line in describe_bindings():
                print(line, file=out)
            return EXIT_OK
    except (InputError, UnknownProfileError) as exc:
        return _fail(err, str(exc))
    except BrokenPipeError:
        return EXIT_OK
    raise AssertionError(name)  # pragma: no cover


def _cmd_render(ns: Namespace, out: TextIO, err: TextIO) -> int:
    from chair_tui.meeting.errors import InputError
    from chair_tui.meeting.meetingfile import load_meeting
    from chair_tui.meeting.profiles import get_profile
    from chair_tui.meeting.render import (
        RenderError,
        chunks,
        render_entry,
        script_entries,
        start_notes,
    )

    plan = load_meeting(ns.meeting)
    profile = get_profile(ns.profile or plan.profile)
    roster = [m.nick for m in plan.members]
    notes = list(start_notes(plan, profile))
    texts: list[str] = []
    for entry in script_entries(plan, profile):
        try:
            rendered = render_entry(entry, profile, max_bytes=plan.max_bytes, roster=roster)
        except RenderError as exc:
            raise InputError(ns.meeting, f"{entry.kind.value} {entry.text!r}: {exc}") from None
        texts.extend(ln.text for ln in rendered.lines)
        notes.extend(rendered.notes)
    for note in dict.fromkeys(notes):
        print(f"chair-tui: note: {note}", file=err)
    if ns.chunks:
        print("\n\n".join("\n".join(c) for c in chunks(texts, profile)), file=out)
    else:
        for t in texts:
            print(t, file=out)
    return EXIT_OK


def _cmd_profiles(ns: Namespace, out: TextIO) -> int:
    from chair_tui.meeting.profiles import PROFILES, Kind

    if ns.format == "json":
        data = {
            name: {
                "label": p.label,
                "description": p.description,
                "prefix": p.prefix,
                "verbs": {k.value: p.prefix + v for k, v in p.verbs.items()},
                "chair_only": sorted(p.chair_only),
                "start_requires_name": p.start_requires_name,
                "assign_rule": p.assign_rule.value,
                "link_rule": p.link_rule.value,
                "chunk_size": p.chunk_size,
                "start_alone": p.start_alone,
                "notes": {k.value: note for k, note in p.notes.items()},
            }
            for name, p in PROFILES.items()
        }
        import json

        print(json.dumps(data, indent=2), file=out)
        return EXIT_OK
    kinds = [k for k in Kind if k is not Kind.NOTE]
    for name, p in PROFILES.items():
        print(f"{name:14} {p.label} — {p.description}", file=out)
        verbs = "  ".join(
            f"{k.value}={p.prefix}{p.verbs[k]}" if k in p.verbs else f"{k.value}=—" for k in kinds
        )
        print(f"{'':14} {verbs}", file=out)
        extra = []
        if p.start_requires_name:
            extra.append("#startmeeting needs a name")
        extra.append(f"actions assigned by {p.assign_rule.value}")
        extra.append(f"link URL: {p.link_rule.value}")
        extra.append(f"paste ≤{p.chunk_size} lines" + (", start alone" if p.start_alone else ""))
        print(f"{'':14} {'; '.join(extra)}", file=out)
    return EXIT_OK


def _cmd_export(ns: Namespace, out: TextIO, err: TextIO) -> int:
    import json
    from pathlib import Path

    from chair_tui.meeting.errors import printable
    from chair_tui.meeting.session import Session

    session = Session.load(Path(ns.session), sync=False, read_only=True)
    if session.torn_tail:
        warning = printable(f"{ns.session}: {session.torn_tail}")
        print(f"chair-tui: warning: {warning}", file=err)
    try:
        if ns.format == "json":
            print(
                json.dumps({"lines": session.export_lines(), **session.summary()}, indent=2),
                file=out,
            )
        else:
            for line in session.export_lines():
                out.write(line + "\n")
    finally:
        session.close()
    return EXIT_OK


def _run_tui(ns: Namespace) -> int:
    from chair_tui.meeting.errors import InputError
    from chair_tui.meeting.meetingfile import load_demo, load_meeting
    from chair_tui.meeting.profiles import UnknownProfileError, get_profile

    plan = None
    try:
        if ns.profile:
            get_profile(ns.profile)
        if ns.demo:
            plan = load_demo()
        elif ns.meeting:
            plan = load_meeting(ns.meeting)
    except (InputError, UnknownProfileError) as exc:
        return _fail(sys.stderr, str(exc))
    from chair_tui.tui.launch import launch

    return launch(
        plan=plan,
        profile=ns.profile,
        resume=ns.resume,
        data_dir=ns.data_dir,
        config=ns.config,
    )
