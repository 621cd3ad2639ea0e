"""A new campaign folder that builds at once (`build.py new`), and the TODOs it leaves to write.

The scaffold fills in what the command line knows (slug, kind, languages, the municipalities by name
or NIS code and so their official names, region and province from the reference list, the address
under the network's) and marks every text a person must write with `TODO`:
in the value where the value is free text, in a comment beside it where the field needs a form of
its own (a date, an e-mail address). load/todos.py lists them as warnings; `build.py --strict`
refuses to publish while one remains.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from campaignsite.core.codes import Code
from campaignsite.core.errors import CampaignSiteError, Message, Problem, msg, relpath
from campaignsite.core.languages import CODES
from campaignsite.core.schemas import SCHEMA_DIR, json_schema
from campaignsite.load.files import SYMLINK_MESSAGE, entry_kind, printable, read_text
from campaignsite.load.municipalities import KnownMunicipality, find_municipalities, fold, get_municipalities
from campaignsite.load.tree import CAMPAIGN_FILE
from campaignsite.pipeline import reserved_names
from campaignsite.validate.campaign import slug_problem

KINDS = ("call-for-projects", "climate-plan")
SCHEMA_LINE = "# yaml-language-server: $schema=../../data/schemas/campaign.schema.json"
# The schema the build checks campaign.yml against (the code's, whatever the network's folder).
SCHEMA = SCHEMA_DIR / "campaign.schema.json"


class ScaffoldRefused(CampaignSiteError):
    """The campaign cannot be created as asked (an unsafe slug, a folder that exists...): args[0] is
    a Message, or a Problem (`path: field: message [code]`, as the build says it)."""


@dataclass(frozen=True)
class NewCampaign:
    """What `build.py new` was told."""

    slug: str
    kind: str
    languages: tuple[str, ...]
    municipalities: tuple[str, ...]  # as given: NIS codes or names, in any of their languages
    edition: int


def create(root: Path, new: NewCampaign) -> Path:
    """Write campaigns/<slug>/campaign.yml under `root`; raise ScaffoldRefused, leaving nothing
    behind, if it cannot (the build's slug rules and reserved names, a folder that exists,
    campaigns/ a link or a file, a folder that cannot be written)."""
    refusal = _refusal(new)
    if refusal:
        raise ScaffoldRefused(refusal)
    campaigns = root / "campaigns"
    folder = campaigns / new.slug
    text = campaign_yml(new, network_base_url(root))
    made, where = False, "campaigns"
    try:
        if entry_kind(campaigns) is None:
            os.mkdir(campaigns)
            made = True
        # No link is followed on the way: each folder is opened only if it is one, and the new
        # folder and file are made in it by name (mkdirat, openat).
        parent = _open_folder(campaigns, "campaigns", None)
        try:
            where = f"campaigns/{new.slug}"
            _write_new(parent, new.slug, text, folder)
        finally:
            os.close(parent)
    except (OSError, ScaffoldRefused) as exc:
        if made:
            _remove(campaigns, None)
        if isinstance(exc, ScaffoldRefused):
            raise
        raise ScaffoldRefused(Problem(where, None, "", msg("cannot be created: %(reason)s; nothing was written",
                                                           reason=exc.strerror), Code.WRITE_FAILED)) from None
    return folder


def _write_new(parent: int, slug: str, text: str, folder: Path) -> None:
    """campaign.yml with `text` in a new folder `slug` of the folder `parent`; the folder goes again
    if the file cannot be written whole."""
    try:
        os.mkdir(slug, dir_fd=parent)
    except FileExistsError:
        raise ScaffoldRefused(msg("%(folder)s already exists: choose another slug, or edit that campaign",
                                  folder=folder)) from None
    try:
        inside = _open_folder(slug, f"campaigns/{slug}", parent)
        try:
            fd = os.open(CAMPAIGN_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=inside)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        finally:
            os.close(inside)
    except BaseException:
        _remove(slug, parent)
        raise


def _open_folder(name, rel: str, at: int | None) -> int:
    """A descriptor of the folder `name` (in the folder `at`), never through a symbolic link."""
    try:
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=at)
    except OSError as exc:
        kind = entry_kind(Path(name)) if at is None else None
        if exc.errno == errno.ELOOP or kind == "link":
            raise ScaffoldRefused(Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK)) from None
        if exc.errno == errno.ENOTDIR:
            raise ScaffoldRefused(Problem(rel, None, "", msg("is not a folder: the campaigns of the network go in "
                                                             "a folder campaigns/"), Code.UNREADABLE_FILE)) from None
        raise


def _remove(name, at: int | None) -> None:
    """Remove a folder create() made (with the campaign.yml it may hold), never following a link."""
    for remove, path in ((os.unlink, f"{name}/{CAMPAIGN_FILE}"), (os.rmdir, name)):
        try:
            remove(path, dir_fd=at)
        except OSError:
            pass  # not there (the step that failed did not make it), or not ours to remove


def _refusal(new: NewCampaign) -> Message | Problem | None:
    found = slug_problem(new.slug, reserved_names())
    if found:
        return Problem(f"campaigns/{printable(new.slug)}", None, "slug", *found)
    if new.kind not in KINDS:
        return msg("--kind: %(value)s is not one of %(values)s", value=f"'{new.kind}'", values=", ".join(KINDS))
    unknown = [lang for lang in new.languages if lang not in CODES]
    if unknown or not new.languages or len(set(new.languages)) != len(new.languages):
        return msg("--languages: expected distinct codes among %(codes)s, e.g. fr,nl", codes=", ".join(CODES))
    if not new.municipalities:
        return msg("--municipality: give the municipality's name or NIS code, e.g. Ixelles or 21009")
    for given in new.municipalities:
        found = municipality_problem(given)
        if found:
            return found
    return None


def municipality_problem(given: str) -> Message | None:
    """What is wrong with `given` as --municipality: no municipality's name or NIS code, or a name
    several municipalities share; None when it names exactly one."""
    found = find_municipalities(given)
    if len(found) == 1:
        return None
    if found:
        return msg("--municipality: %(value)s names several municipalities: give its NIS code, one of %(codes)s",
                   value=f"'{given}'", codes=", ".join(f"{m.nis_code} ({m.names['fr']})" for m in found))
    names = {fold(name): name for m in get_municipalities().values() for name in m.names.values()}
    close = difflib.get_close_matches(fold(given), names, n=3)
    if close:
        return msg("--municipality: %(value)s is neither the name nor the NIS code of a Belgian municipality; "
                   "did you mean %(names)s?", value=f"'{given}'", names=", ".join(names[c] for c in close))
    return msg("--municipality: %(value)s is neither the name nor the NIS code of a Belgian municipality (as "
               "Statbel lists them since 2025), e.g. Ixelles or 21009", value=f"'{given}'")


def municipalities_of(new: NewCampaign) -> tuple[KnownMunicipality, ...]:
    """The municipalities the command line names (each checked by _refusal), once each, in its order."""
    found = [find_municipalities(given)[0] for given in new.municipalities]
    return tuple(m for index, m in enumerate(found) if m not in found[:index])


# The schema's copy in a network kept in a folder of its own: the campaigns' first line names it by a
# path inside the network, which holds wherever its repository is cloned.
NETWORK_SCHEMA = Path("data") / "schemas" / SCHEMA.name


def write_schema(root: Path) -> Path | None:
    """Put the campaign schema (as the build reads it: every language listed) at data/schemas/ of a
    network kept in a folder of its own, so that SCHEMA_LINE works there, in any clone; the path
    written, or None when it was already the same (or `root` is this repository)."""
    path = root / NETWORK_SCHEMA
    if path.resolve() == SCHEMA.resolve():
        return None
    text = json.dumps(json_schema("campaign"), ensure_ascii=False, indent=2) + "\n"
    if entry_kind(path) == "file" and path.read_text(encoding="utf-8") == text:
        return None
    for folder in (path.parent.parent, path.parent):
        if entry_kind(folder) is None:
            os.mkdir(folder)
        elif entry_kind(folder) != "dir":
            raise ScaffoldRefused(_not_ours(relpath(folder, root), entry_kind(folder)))
    if entry_kind(path) not in (None, "file"):
        raise ScaffoldRefused(_not_ours(relpath(path, root), entry_kind(path)))
    path.write_text(text, encoding="utf-8")
    return path


def network_base_url(root: Path) -> str:
    """The portal's address from content/network.yml (read as the build reads it: never through a
    link, within its size limit), under which campaigns live by default."""
    text = read_text(root / "content" / "network.yml", root, [])  # validation reports what is wrong with it
    try:
        url = yaml.safe_load(text)["base_url"] if text else None
    except (yaml.YAMLError, TypeError, KeyError):
        url = None
    return url if isinstance(url, str) and url.endswith("/") else "https://campaigns.example.be/"


def _not_ours(rel: str, kind: str | None) -> Problem:
    if kind == "link":
        return Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK)
    return Problem(rel, None, "", msg("is not where the campaign schema can be written: expected a folder "
                                      "data/schemas/ holding campaign.schema.json"), Code.UNREADABLE_FILE)


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
        f"municipalities:\n{''.join(_municipality(m, langs) for m in municipalities_of(new))}"
        f"languages: [{', '.join(langs)}]\n"
        f"base_url: {base}{new.slug}/\n"
        f"contact:\n"
        f"  name: {q('TODO: the name of the campaign team')}\n"
        f"  email: todo@example.org  # TODO: the team's public e-mail address\n"
        f"phases:\n{_phases(new.kind, year)}"
        + (_call(langs) if new.kind == "call-for-projects" else "")
    )


def _municipality(municipality: KnownMunicipality, langs) -> str:
    """A municipality of campaign.yml: its official names in the campaign's languages (one plain name
    when they are all the same), NIS code, region and province."""
    names = {lang: municipality.name(lang) for lang in langs}
    if len(set(names.values())) == 1:
        name = f" {q(names[langs[0]])}\n"
    else:
        name = "\n" + "".join(f"      {lang}: {q(value)}\n" for lang, value in names.items())
    province = f"    province: {municipality.province}\n" if municipality.province else ""
    return (f"  - name:{name}    nis_code: {q(municipality.nis_code)}\n    region: {municipality.region}\n"
            f"{province}")


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
