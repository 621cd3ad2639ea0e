"""The texts still marked TODO in the campaigns (build.py new writes the marker where a person must
write; every build lists those left as warnings, and --strict refuses to publish while some remain)."""

from __future__ import annotations

import bisect
import csv
import os
import re
from pathlib import Path

import yaml

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, relpath
from campaignsite.core.places import CACHE_ROOT
from campaignsite.core.statcache import StatCache
from campaignsite.load.files import entry_kind

# The marker: the word TODO in capitals, in a value, a comment, a cell or a Markdown line.
TODO = re.compile(r"\bTODO\b:?\s*(?P<what>.*)")
# The files a campaign reads as text (see load.tree.load_campaign); media/ is never searched.
# By folder under the campaign's ("" for itself), the endings of the files read as text.
TEXT_FILES = {"": (".yml", ".csv"), "projects": (".md",), "news": (".md",)}
MAX_BYTES = 16 << 20


def find_todos(root: Path, slugs: tuple[str, ...] | None = None) -> list[Problem]:
    """Every TODO marker in the campaigns' text files (only in `slugs` if given), as warnings."""
    campaigns = root / "campaigns"
    found: list[Problem] = []
    # Every build looks: a file is read again only when its stat changed (hundreds of campaigns, thousands
    # of files, next to none with a TODO left).
    marked = StatCache(root, CACHE_ROOT / "todos", compute=_has_todo)
    try:
        # Folders and files themselves, never through a link (a link may lead out of the project):
        # validation reports links, pipes and giants.
        folders = ([campaigns / slug for slug in slugs] if slugs is not None else sorted(campaigns.iterdir())) \
            if entry_kind(campaigns) == "dir" else []
        for folder in (folder for folder in folders if entry_kind(folder) == "dir"):
            for entry in text_files(os.fspath(folder)):
                info = entry.stat(follow_symlinks=False)
                if info.st_size <= MAX_BYTES and marked.digest(entry.path, info):
                    found += _todos_in(Path(entry.path), relpath(Path(entry.path), root))
    except OSError:
        pass  # an unreadable folder: validation names it; the TODOs found so far stand
    marked.save()
    return found


def text_files(folder: str) -> list[os.DirEntry]:
    """The campaign folder's text files (TEXT_FILES), by path, each as its folder lists it: no link is
    followed, and one stat per file is all a build with nothing new spends on them."""
    found = []
    with os.scandir(folder) as scan:
        entries = list(scan)
    for entry in entries:
        if entry.name and entry.name in TEXT_FILES and entry.is_dir(follow_symlinks=False):
            with os.scandir(entry.path) as inner:
                found += [e for e in inner if e.name.endswith(TEXT_FILES[entry.name]) and e.is_file(follow_symlinks=False)]
        elif entry.name.endswith(TEXT_FILES[""]) and entry.is_file(follow_symlinks=False):
            found.append(entry)
    return sorted(found, key=lambda entry: entry.path)


def _has_todo(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"TODO" in handle.read(MAX_BYTES + 1)
    except OSError:
        return False


def _todos_in(path: Path, rel: str) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # validation reports unreadable files; a TODO cannot hide in one that builds
    if "TODO" not in text:
        return []
    lines = text.splitlines()
    field_of = _yaml_fields(text) if path.suffix == ".yml" else (
        _csv_fields(lines) if path.suffix == ".csv" else lambda line: "")
    problems = []
    for number, line in enumerate(lines, 1):
        match = TODO.search(line)
        if match:
            what = match["what"].strip().strip("\"'") or msg("a text to write")
            problems.append(Problem(rel, number, field_of(number), msg("warning: still marked TODO: %(what)s",
                                                                       what=what), Code.TODO))
    return problems


def _yaml_fields(text: str):
    """line -> the dotted field that line belongs to (the last key at or above it)."""
    starts: list[tuple[int, str]] = []
    seen: set[int] = set()

    def walk(node, path):
        # An alias is the node it names: each node is visited once, so an alias bomb stays small.
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = path + (str(key.value),)
                starts.append((key.start_mark.line + 1, ".".join(here)))
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                starts.append((item.start_mark.line + 1, ".".join(path + (str(index),))))
                walk(item, path + (str(index),))

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            walk(node, ())
    except (yaml.YAMLError, RecursionError):  # validation reports the file; no field names then
        starts.clear()
    starts.sort()
    lines = [line for line, _ in starts]

    def field(line: int) -> str:
        at = bisect.bisect_right(lines, line)
        return starts[at - 1][1] if at else ""

    return field


def _csv_fields(lines: list[str]):
    """line -> the first column whose cell on that line holds the marker (simple rows, one per line)."""
    header = next(csv.reader(lines[:1]), [])

    def field(number: int) -> str:
        row = next(csv.reader(lines[number - 1:number]), [])
        return next((header[i] for i, cell in enumerate(row) if "TODO" in cell and i < len(header)), "")

    return field
