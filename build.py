#!/usr/bin/env python3
"""Validate the campaign data and build the sites: `python build.py --today 2026-11-22`.

Also `build.py serve` (a live preview, see campaignsite/preview.py) and `build.py new <slug>` (a new
campaign folder, see campaignsite/scaffold.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import traceback
from pathlib import Path

from campaignsite import scaffold, scope
from campaignsite.errors import BuildFailed, CampaignSiteError, ValidationFailed
from campaignsite.pipeline import BuildConfig, build, validate

ROOT = Path(__file__).resolve().parent


def get_today(option: str | None) -> dt.date | None:
    """The build's "today": --today, else SOURCE_DATE_EPOCH; never the clock, so builds reproduce."""
    if option:
        try:
            return dt.date.fromisoformat(option)
        except ValueError:
            raise SystemExit(f"build.py: --today: '{option}' is not a date as YYYY-MM-DD")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):  # not a number, or a moment no calendar has
            raise SystemExit(f"build.py: SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds")
    return None


def report(problems, slugs: tuple[str, ...] | None = None) -> int:
    shown = problems if slugs is None else [p for p in problems if scope.concerns(p, slugs)]
    for problem in shown:
        print(problem, file=sys.stderr)
    others = len(problems) - len(shown)
    if others:
        print(f"({others} problem(s) in other campaigns, not shown: see build.py --check)", file=sys.stderr)
    if not shown:  # only other campaigns are broken: theirs to fix, not a failure of this check
        print(f"{', '.join(slugs)}: no problem found.", file=sys.stderr)
        return 0
    print(f"{len(shown)} problem(s) found; nothing was written.", file=sys.stderr)
    return 1


def warn_todos(root: Path, slugs: tuple[str, ...] | None, strict: bool) -> int:
    """Print the TODOs the scaffold left; 1 if --strict refuses to go on, else 0."""
    todos = scaffold.find_todos(root, slugs)
    for todo in todos:
        print(todo, file=sys.stderr)
    if todos and strict:
        print(f"{len(todos)} TODO(s) left; --strict publishes nothing until they are written.", file=sys.stderr)
        return 1
    if todos:
        print(f"{len(todos)} TODO(s) left to write before publishing (warnings).", file=sys.stderr)
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
    parser.add_argument("--strict", action="store_true", help="refuse to build while a text is still marked TODO")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--verbose", "-v", action="store_true", help="show a traceback on failure")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.campaign and not args.check:
        parser.error("--campaign goes with --check: a build publishes every campaign")
    try:
        slugs = scope.get_slugs(root, args.campaign) if args.campaign else None
    except scope.UnknownCampaign as exc:
        parser.error(str(exc))
    if warn_todos(root, slugs, args.strict):
        return 1
    today = get_today(args.today)
    if today is None:
        # Mistakes in the data come first: an editor who forgot --today still learns what to fix.
        try:
            validate(root)
        except ValidationFailed as exc:
            return report(exc.problems, slugs)
        print("build.py: say which day the site is built for: --today YYYY-MM-DD or SOURCE_DATE_EPOCH",
              file=sys.stderr)
        return 2
    # Normalised but not resolved: a symbolic link given as the output is refused, not followed.
    config = BuildConfig(root=root, output=Path(os.path.abspath(args.output or root / "site")), today=today,
                         jobs=args.jobs, check_only=args.check)
    try:
        result = build(config)
    except ValidationFailed as exc:
        return report(exc.problems, slugs)
    except CampaignSiteError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"build failed: {exc}", file=sys.stderr)
        print("The previous site was left as it was.", file=sys.stderr)
        return 2 if isinstance(exc, BuildFailed) else 1
    what = "checked" if args.check else f"built into {config.output}"
    print(f"{result.campaigns} campaigns, {result.sites} sites, {result.pages} pages {what} "
          f"(as of {config.today}).")
    return 0


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
    args = parser.parse_args(argv)
    today = get_today(args.today) or dt.date.today()
    config = preview.PreviewConfig(root=args.root.resolve(), today=today, host=args.host, port=args.port,
                                   output=Path(os.path.abspath(args.output)) if args.output else None, jobs=args.jobs)
    try:
        preview.serve(config)
    except CampaignSiteError as exc:
        print(f"build.py serve: {exc}", file=sys.stderr)
        return 2
    return 0


def new_command(argv: list[str]) -> int:
    """`build.py new <slug>`: a campaign folder that builds at once, its texts marked TODO."""
    parser = argparse.ArgumentParser(prog="build.py new", description=new_command.__doc__)
    parser.add_argument("slug", help="the campaign's folder name and address, e.g. ixelles-2027")
    parser.add_argument("--kind", required=True, choices=scaffold.KINDS)
    parser.add_argument("--languages", required=True, help="comma-separated, the default first, e.g. fr,nl")
    parser.add_argument("--municipality", required=True, metavar="NIS", help="five-digit NIS code, e.g. 21009")
    parser.add_argument("--edition", type=int, default=dt.date.today().year, help="the year (default: this one)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder with campaigns/ and content/")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    new = scaffold.NewCampaign(args.slug, args.kind, tuple(filter(None, args.languages.split(","))),
                               args.municipality, args.edition)
    try:
        folder = scaffold.create(root, new)
    except scaffold.ScaffoldRefused as exc:
        parser.error(str(exc))
    # The promise is a folder that builds at once: the real validation says so, or the folder goes.
    try:
        validate(root)
    except ValidationFailed as exc:
        mine = [p for p in exc.problems if p.path.startswith(f"campaigns/{new.slug}/")]
        if mine:
            shutil.rmtree(folder)
            return report(mine)
    print(f"Created {folder.relative_to(root) if folder.is_relative_to(root) else folder}/campaign.yml.")
    print(f"{len(scaffold.find_todos(root, (new.slug,)))} texts are marked TODO: write them, then check with\n"
          f"  build.py --check --campaign {new.slug}\nand preview with `make serve`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
