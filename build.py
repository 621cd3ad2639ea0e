#!/usr/bin/env python3
"""Validate the campaign data and build the sites: `python build.py --today 2026-11-22`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

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


def report(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found; nothing was written.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--today", help="the day the site shows itself as of (YYYY-MM-DD); default "
                        "SOURCE_DATE_EPOCH")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder with campaigns/ and content/")
    parser.add_argument("--output", "-o", type=Path, help="output folder (default: <root>/site)")
    parser.add_argument("--check", action="store_true", help="validate and render only; write nothing")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--verbose", "-v", action="store_true", help="show a traceback on failure")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    today = get_today(args.today)
    if today is None:
        # Mistakes in the data come first: an editor who forgot --today still learns what to fix.
        try:
            validate(root)
        except ValidationFailed as exc:
            return report(exc.problems)
        print("build.py: say which day the site is built for: --today YYYY-MM-DD or SOURCE_DATE_EPOCH",
              file=sys.stderr)
        return 2
    # Normalised but not resolved: a symbolic link given as the output is refused, not followed.
    config = BuildConfig(root=root, output=Path(os.path.abspath(args.output or root / "site")), today=today,
                         jobs=args.jobs, check_only=args.check)
    try:
        result = build(config)
    except ValidationFailed as exc:
        return report(exc.problems)
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


if __name__ == "__main__":
    sys.exit(main())
