"""A new campaign folder that builds at once (`build.py new`), and the TODOs it leaves to write.

The scaffold fills in what the command line knows (slug, kind, languages, municipality code and so
its region, the address under the network's) and marks every text a person must write with `TODO`:
in the value where the value is free text, in a comment beside it where the field needs a form of
its own (a date, an e-mail address). `find_todos` lists them as warnings; `build.py --strict`
refuses to publish while one remains.
"""

from __future__ import annotations

import bisect
import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from campaignsite.core.codes import Code
from campaignsite.core.errors import CampaignSiteError, Message, Problem, msg, relpath
from campaignsite.core.languages import CODES
from campaignsite.core.schemas import SCHEMA_DIR
from campaignsite.load.tree import CAMPAIGN_FILE
from campaignsite.validate.campaign_file import region_of

KINDS = ("call-for-projects", "climate-plan")
SCHEMA_LINE = "# yaml-language-server: $schema=../../data/schemas/campaign.schema.json"
# The schema the build checks campaign.yml against (the code's, whatever the network's folder).
SCHEMA = SCHEMA_DIR / "campaign.schema.json"
# The marker: the word TODO in capitals, in a value, a comment, a cell or a Markdown line.
TODO = re.compile(r"\bTODO\b:?\s*(?P<what>.*)")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NIS = re.compile(r"^[0-9]{5}$")
# The files a campaign reads as text (see load.tree.load_campaign); media/ is never searched.
TEXT_FILES = ("*.yml", "*.csv", "projects/*.md", "news/*.md")
MAX_BYTES = 16 << 20


class ScaffoldRefused(CampaignSiteError):
    """The campaign cannot be created as asked (an unsafe slug, a folder that exists...)."""


@dataclass(frozen=True)
class NewCampaign:
    """What `build.py new` was told."""

    slug: str
    kind: str
    languages: tuple[str, ...]
    nis_code: str
    edition: int


def create(root: Path, new: NewCampaign) -> Path:
    """Write campaigns/<slug>/ under `root`; raise ScaffoldRefused without writing if it cannot."""
    folder = root / "campaigns" / new.slug
    refusal = _refusal(folder, new)
    if refusal:
        raise ScaffoldRefused(refusal)
    folder.mkdir(parents=True)
    text = campaign_yml(new, network_base_url(root)).replace(SCHEMA_LINE, schema_line(folder), 1)
    (folder / CAMPAIGN_FILE).write_text(text, encoding="utf-8")
    return folder


def _refusal(folder: Path, new: NewCampaign) -> Message | None:
    if not SLUG.match(new.slug) or len(new.slug) > 60:
        return msg("%(value)s is not a slug: lower-case letters, digits and single hyphens, e.g. gent-2027",
                   value=f"'{new.slug}'")
    if new.kind not in KINDS:
        return msg("--kind: %(value)s is not one of %(values)s", value=f"'{new.kind}'", values=", ".join(KINDS))
    unknown = [lang for lang in new.languages if lang not in CODES]
    if unknown or not new.languages or len(set(new.languages)) != len(new.languages):
        return msg("--languages: expected distinct codes among %(codes)s, e.g. fr,nl", codes=", ".join(CODES))
    if not NIS.match(new.nis_code) or region_of(new.nis_code) is None:
        return msg("--municipality: %(value)s is not a five-digit NIS code, e.g. 21009 for Ixelles",
                   value=f"'{new.nis_code}'")
    if folder.exists() or folder.is_symlink():
        return msg("%(folder)s already exists: choose another slug, or edit that campaign", folder=folder)
    return None


def schema_line(folder: Path) -> str:
    """The language server's modeline: the usual relative path inside this repository, else the path
    from the campaign to the code's schema (a network kept in a folder of its own)."""
    if (folder.parent.parent / "data" / "schemas" / SCHEMA.name).is_file():
        return SCHEMA_LINE
    return f"# yaml-language-server: $schema={os.path.relpath(SCHEMA, folder)}"


def network_base_url(root: Path) -> str:
    """The portal's address from content/network.yml, under which campaigns live by default."""
    try:
        network = yaml.safe_load((root / "content" / "network.yml").read_text(encoding="utf-8"))
        url = network["base_url"]
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        url = None
    return url if isinstance(url, str) and url.endswith("/") else "https://campaigns.example.be/"


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def texts(languages, what: str, indent: str = "  ") -> str:
    """A text per language, each still to write."""
    return "".join(f"{indent}{lang}: {q(f'TODO: {what} ({lang})')}\n" for lang in languages)


def campaign_yml(new: NewCampaign, base: str) -> str:
    """campaign.yml of the new campaign. Written as text, not dumped from a dict: it is a starting
    point for a person, with the comments that tell what to write where."""
    year, langs = new.edition, new.languages
    intro = "".join(f"  {lang}: |\n    TODO: introduce the campaign ({lang}, Markdown): who runs it, what it "
                    f"offers, until when.\n" for lang in langs)
    return (
        f"{SCHEMA_LINE}\n"
        f"# Made by `build.py new`. Write each text marked to do, delete the marker, then check:\n"
        f"#   build.py --check --campaign {new.slug}   (it lists what is left)\n"
        f"# Every field is described in DATA.md; the dates below are placeholders in {year}.\n"
        f"title:\n{texts(langs, 'the name of the campaign, e.g. Proximity Gent ' + str(year))}"
        f"tagline:\n{texts(langs, 'one sentence under the title')}"
        f"introduction:\n{intro}"
        f"kind: {new.kind}\n"
        f"edition: {year}\n"
        f"municipalities:\n"
        f"  - name: {q('TODO: the official name of municipality ' + new.nis_code)}\n"
        f"    nis_code: {q(new.nis_code)}\n"
        f"    region: {region_of(new.nis_code)}\n"
        f"languages: [{', '.join(langs)}]\n"
        f"base_url: {base}{new.slug}/\n"
        f"contact:\n"
        f"  name: {q('TODO: the name of the campaign team')}\n"
        f"  email: todo@example.org  # TODO: the team's public e-mail address\n"
        f"phases:\n{_phases(new.kind, year)}"
        + (_call(langs) if new.kind == "call-for-projects" else "")
    )


def _phases(kind: str, year: int) -> str:
    phases = ([("launch", "03-01", None, "the launch event"), ("call", "03-01", "05-31", "the call for projects"),
               ("jury", "06-15", None, "the jury's deliberation"), ("coaching", "09-01", "12-15", "the coaching")]
              if kind == "call-for-projects" else
              [("launch", "03-01", None, "the launch event"), ("participation", "03-15", "06-30", "the participation"),
               ("implementation", "09-01", "12-31", "the actions")])
    lines = []
    for name, start, end, what in phases:
        lines.append(f"  {name}:\n    start: \"{year}-{start}\"  # TODO: the first day of {what}\n")
        if end:
            lines.append(f"    end: \"{year}-{end}\"  # TODO: the last day of {what}\n")
    return "".join(lines)


def _call(langs) -> str:
    criteria = "".join(f"    {lang}:\n      - {q(f'TODO: a selection criterion ({lang})')}\n" for lang in langs)
    how = "".join(f"    {lang}: |\n      TODO: how to apply, step by step ({lang}, Markdown).\n" for lang in langs)
    return f"call:\n  criteria:\n{criteria}  how_to_apply:\n{how}"


# --- The TODOs left --------------------------------------------------------------------------------

def find_todos(root: Path, slugs: tuple[str, ...] | None = None) -> list[Problem]:
    """Every TODO marker in the campaigns' text files (only in `slugs` if given), as warnings."""
    campaigns = root / "campaigns"
    found: list[Problem] = []
    try:
        folders = [campaigns / slug for slug in slugs] if slugs is not None else sorted(
            p for p in campaigns.iterdir() if p.is_dir() and not p.is_symlink()) if campaigns.is_dir() else []
        for folder in folders:
            for path in sorted(p for pattern in TEXT_FILES for p in folder.glob(pattern)):
                # Regular files of a readable size only: validation reports links, pipes and giants.
                if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_BYTES:
                    found += _todos_in(path, relpath(path, root))
    except OSError:
        pass  # an unreadable folder: validation names it; the TODOs found so far stand
    return found


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
