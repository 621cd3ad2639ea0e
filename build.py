#!/usr/bin/env python3
"""Validate the campaign data and build the sites: `python build.py --today 2026-11-22`.

Also `build.py serve` (a live preview, see campaignsite/preview.py) and `build.py new <slug>` (a new
campaign folder, see campaignsite/scaffold.py). What it tells an editor is in the editor's language
(`--lang`, else the locale; see errors.editor_language), from the sites' catalogues."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import sys
import traceback
from pathlib import Path

from campaignsite.core.codes import Code
from campaignsite.core.errors import (
    BuildFailed,
    CampaignSiteError,
    Message,
    ValidationFailed,
    editor_language,
    msg,
    nmsg,
    render,
)
from campaignsite.core.languages import CODES
from campaignsite.load.todos import find_todos
from campaignsite.pipeline import BuildConfig, build, build_model, check_today
from campaignsite.validate import scope

ROOT = Path(__file__).resolve().parent
LANG_HELP = ("the language of the messages: nl, fr, en or de (default: the locale's, from LC_ALL, LC_MESSAGES or "
             "LANG; else English)")


def say(lang: str | None, *lines, file=None) -> None:
    """Print messages, problems or errors in the editor's language, one a line (to stderr unless told)."""
    for line in lines:
        print(render(line, lang), file=file or sys.stderr)


def get_today(option: str | None, lang: str | None = None) -> dt.date | None:
    """The build's "today": --today, else SOURCE_DATE_EPOCH; never the clock, so builds reproduce. A day
    that is no date, or one outside the days a site can be built for, ends build.py (exit status 2)."""
    if option:
        try:
            return checked_day(dt.date.fromisoformat(option), "--today", lang)
        except ValueError:
            refuse_day(msg("build.py: --today: %(value)s is not a date as YYYY-MM-DD", value=f"'{option}'"), lang)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):  # not a number, or a moment no calendar has
            refuse_day(msg("build.py: SOURCE_DATE_EPOCH: %(value)s is not a number of seconds", value=f"'{epoch}'"),
                       lang)
        return checked_day(day, f"SOURCE_DATE_EPOCH={int(epoch)}", lang)
    return None


def checked_day(day: dt.date, source: str, lang: str | None) -> dt.date:
    """`day`, if a site can be built for it (pipeline.check_today); `source` says where it came from."""
    try:
        check_today(day)
    except BuildFailed as exc:
        say(lang, msg("build.py: %(source)s: %(error)s", source=source, error=exc))
        raise SystemExit(2) from None
    return day


def refuse_day(message: Message, lang: str | None):
    say(lang, f"{render(message, lang)} [{Code.BAD_TODAY}]")
    raise SystemExit(2)


def report(problems, slugs: tuple[str, ...] | None = None, lang: str | None = None) -> int:
    shown = problems if slugs is None else [p for p in problems if scope.concerns(p, slugs)]
    say(lang, *shown)
    others = len(problems) - len(shown)
    if others:
        say(lang, nmsg("(%(count)s problem(s) in other campaigns, not shown: see build.py --check)",
                       "(%(count)s problem(s) in other campaigns, not shown: see build.py --check)", others,
                       count=others))
    if not shown:  # only other campaigns are broken: theirs to fix, not a failure of this check
        say(lang, msg("%(campaigns)s: no problem found.", campaigns=", ".join(slugs)))
        return 0
    # English keeps its "problem(s)" (scripts and tests read it); the catalogues give each form.
    say(lang, nmsg("%(count)s problem(s) found; nothing was written.",
                   "%(count)s problem(s) found; nothing was written.", len(shown), count=len(shown)))
    return 1


def warn_todos(root: Path, slugs: tuple[str, ...] | None, strict: bool, lang: str | None = None) -> int:
    """Print the TODOs the scaffold left; 1 if --strict refuses to go on, else 0."""
    todos = find_todos(root, slugs)
    say(lang, *todos)
    if todos and strict:
        say(lang, nmsg("%(count)s TODO(s) left; --strict publishes nothing until they are written.",
                       "%(count)s TODO(s) left; --strict publishes nothing until they are written.", len(todos),
                       count=len(todos)))
        return 1
    if todos:
        say(lang, nmsg("%(count)s TODO(s) left to write before publishing (warnings).",
                       "%(count)s TODO(s) left to write before publishing (warnings).", len(todos), count=len(todos)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        return serve_command(argv[1:])
    if argv[:1] == ["new"]:
        return new_command(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--today", help="the day the site shows itself as of (YYYY-MM-DD); default "
                        "SOURCE_DATE_EPOCH")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder with campaigns/ and content/")
    parser.add_argument("--output", "-o", type=Path, help="output folder (default: <root>/site)")
    parser.add_argument("--check", action="store_true", help="validate and render only; write nothing")
    parser.add_argument("--campaign", action="extend", nargs="+", metavar="SLUG",
                        help="with --check: report only on these campaigns (slugs, or files inside them) and the "
                        "shared files; the whole network is still validated")
    parser.add_argument("--full", action="store_true", help="build every site again, keeping nothing of the previous "
                        "output (by default what did not change is kept)")
    parser.add_argument("--strict", action="store_true", help="refuse to build while a text is still marked TODO or a warning remains (language order)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--verbose", "-v", action="store_true", help="show a traceback on failure")
    parser.add_argument("--lang", choices=CODES, help=LANG_HELP)
    args = parser.parse_args(argv)
    lang = editor_language(args.lang)
    root = args.root.resolve()
    if args.campaign and not args.check:
        parser.error(render(msg("--campaign goes with --check: a build publishes every campaign"), lang))
    try:
        slugs = scope.get_slugs(root, args.campaign) if args.campaign else None
    except scope.UnknownCampaign as exc:
        parser.error(exc.render(lang))
    if warn_todos(root, slugs, args.strict, lang):
        return 1
    today = get_today(args.today, lang)
    if today is None:
        # Mistakes in the data come first: an editor who forgot --today still learns what to fix.
        try:
            build_model(root)
        except ValidationFailed as exc:
            return report(exc.problems, slugs, lang)
        say(lang, msg("build.py: say which day the site is built for: --today YYYY-MM-DD or SOURCE_DATE_EPOCH"))
        return 2
    # Normalised but not resolved: a symbolic link given as the output is refused, not followed.
    config = BuildConfig(root=root, output=Path(os.path.abspath(args.output or root / "site")), today=today,
                         jobs=args.jobs, check_only=args.check, full=args.full, strict=args.strict)
    try:
        result = build(config)
    except ValidationFailed as exc:
        return report(exc.problems, slugs, lang)
    except CampaignSiteError as exc:
        if args.verbose:
            traceback.print_exc()
        say(lang, msg("build failed: %(error)s", error=exc), msg("The previous site was left as it was."))
        return 2 if isinstance(exc, BuildFailed) else 1
    warnings = [p for p in result.warnings if slugs is None or scope.concerns(p, slugs)]
    say(lang, *warnings)
    counts = {"campaigns": result.campaigns, "sites": result.sites, "pages": result.pages, "today": config.today}
    if args.check:
        done = msg("%(campaigns)s campaigns, %(sites)s sites, %(pages)s pages checked (as of %(today)s).", **counts)
    else:
        done = msg("%(campaigns)s campaigns, %(sites)s sites, %(pages)s pages built into %(output)s (as of "
                   "%(today)s).", output=config.output, **counts)
    say(lang, done, file=sys.stdout)
    if not args.check:
        say(lang, *rebuilt_note(result), file=sys.stdout)
    if args.verbose:
        say(lang, *anew_note(result), file=sys.stdout)
    return 0


def anew_note(result) -> tuple[Message, ...]:
    """Which campaigns this build validated and rendered again (the others it took as they were)."""
    none = msg("none")
    return (msg("Campaigns validated: %(campaigns)s.", campaigns=", ".join(result.validated) or none),
            msg("Campaigns rendered: %(campaigns)s.", campaigns=", ".join(result.rendered) or none),
            msg("Portal pages taken unchanged from the previous build: %(count)s.", count=result.pages_kept))


def rebuilt_note(result) -> tuple[Message, ...]:
    """What the build redid: everything, part of it, or nothing (the input did not change)."""
    if not result.rebuilt:
        return (msg("Nothing changed since the previous build: the site was left as it was."),)
    built = nmsg("%(count)s site built.", "%(count)s sites built.", len(result.rebuilt), count=len(result.rebuilt))
    if not result.kept:
        return (built,)
    return (built, nmsg("%(count)s campaign did not change: its sites were kept from the previous build.",
                        "%(count)s campaigns did not change: their sites were kept from the previous build.",
                        len(result.kept), count=len(result.kept)))


def serve_command(argv: list[str]) -> int:
    """`build.py serve`: the live preview."""
    from campaignsite import preview  # imports watchfiles, which only the preview needs

    parser = argparse.ArgumentParser(prog="build.py serve", description=preview.__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder with campaigns/ and content/")
    parser.add_argument("--today", help="the day the preview shows itself as of (default: SOURCE_DATE_EPOCH, "
                        "else the clock: a preview is never published)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free one)")
    parser.add_argument("--output", "-o", type=Path, help="preview folder (default: a temporary one)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--lang", choices=CODES, help=LANG_HELP + "; also over the previewed pages")
    args = parser.parse_args(argv)
    lang = editor_language(args.lang)
    today = get_today(args.today, lang) or dt.date.today()
    config = preview.PreviewConfig(root=args.root.resolve(), today=today, host=args.host, port=args.port,
                                   output=Path(os.path.abspath(args.output)) if args.output else None, jobs=args.jobs,
                                   lang=lang)
    try:
        preview.serve(config)
    except CampaignSiteError as exc:
        say(lang, msg("build.py serve: %(error)s", error=exc))
        return 2
    return 0


def new_command(argv: list[str]) -> int:
    """`build.py new <slug>`: a campaign folder that builds at once, its texts marked TODO."""
    from campaignsite import scaffold  # here: a build never needs it (it reads the municipalities' list)

    parser = argparse.ArgumentParser(prog="build.py new", description=new_command.__doc__)
    parser.add_argument("slug", help="the campaign's folder name and address, e.g. ixelles-2027")
    parser.add_argument("--kind", required=True, choices=scaffold.KINDS)
    parser.add_argument("--languages", required=True, help="comma-separated, the default first, e.g. fr,nl")
    parser.add_argument("--municipality", required=True, action="append", metavar="NAME|NIS",
                        help="the municipality's name (in any of its languages) or its five-digit NIS code, e.g. "
                        "Ixelles or 21009; once per municipality of a shared campaign")
    parser.add_argument("--edition", type=int, default=dt.date.today().year, help="the year (default: this one)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder with campaigns/ and content/")
    parser.add_argument("--lang", choices=CODES, help=LANG_HELP)
    args = parser.parse_args(argv)
    lang = editor_language(args.lang)
    root = args.root.resolve()
    new = scaffold.NewCampaign(args.slug, args.kind, tuple(filter(None, args.languages.split(","))),
                               tuple(args.municipality), args.edition)
    try:
        folder = scaffold.create(root, new)
        schema = scaffold.write_schema(root)
    except scaffold.ScaffoldRefused as exc:
        parser.error(exc.render(lang))
    # The promise is a folder that builds at once: the real validation says so, or the folder goes.
    try:
        build_model(root)
    except ValidationFailed as exc:
        mine = [p for p in exc.problems if p.path.startswith(f"campaigns/{new.slug}/")]
        if mine:
            shutil.rmtree(folder)
            return report(mine, lang=lang)
    todos = len(find_todos(root, (new.slug,)))
    shown = folder.relative_to(root) if folder.is_relative_to(root) else folder
    # A network kept elsewhere: the commands name it, as it was given (relative to where the editor is).
    elsewhere = f" --root {shlex.quote(str(args.root))}" if root != ROOT else ""
    say(lang, msg("Created %(file)s.", file=f"{shown}/campaign.yml"), file=sys.stdout)
    if schema:
        say(lang, msg("Wrote %(file)s, the schema the first line of campaign.yml names (for the editor's "
                      "completion): commit it with the network.", file=scaffold.NETWORK_SCHEMA), file=sys.stdout)
    say(lang, nmsg("%(count)s text is marked TODO: write it, then check with\n  %(command)s\nand preview with\n"
                   "  %(preview)s",
                   "%(count)s texts are marked TODO: write them, then check with\n  %(command)s\nand preview with\n"
                   "  %(preview)s", todos, count=todos,
                   command=f"{build_command()} --check{elsewhere} --campaign {new.slug}",
                   preview=f"{build_command()} serve{elsewhere}" if elsewhere else "make serve"), file=sys.stdout)
    return 0


def build_command() -> str:
    """How the editor runs this file from where they are: `build.py` in the project, else its path."""
    here = Path.cwd()
    path = Path(__file__).resolve()
    shown = path.relative_to(here) if path.is_relative_to(here) else path
    return "build.py" if str(shown) == "build.py" else shlex.quote(str(shown))


if __name__ == "__main__":
    sys.exit(main())
