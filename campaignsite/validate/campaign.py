"""One campaign, checked in order: its folder, campaign.yml against its schema and beyond, its tables, its
Markdown; the stage's entry point for a campaign.

`validate_campaign` returns the campaign's checked data (`CheckedCampaign`) or nothing, and appends
every problem it finds; the build goes on only when no campaign has a problem.
"""

from __future__ import annotations

from typing import Mapping

from campaignsite.core.codes import Code
from campaignsite.core.errors import Message, Problem, msg
from campaignsite.load.files import entry_kind, folder_names, printable
from campaignsite.load.tree import CAMPAIGN_FILE, TABLE_FILES, CampaignFiles
from campaignsite.validate.campaign_file import SLUG, check_campaign_yaml, not_a_mapping
from campaignsite.validate.checked import CheckedCampaign, get_languages, media_names
from campaignsite.validate.language_law import check_language_law
from campaignsite.validate.markdown import check_markdown, check_markdown_rendering
from campaignsite.validate.schema import check_table, check_yaml, quoted
from campaignsite.validate.tables import check_rows, check_tables

CAMPAIGN_ENTRIES = frozenset({CAMPAIGN_FILE, *(f"{name}.csv" for name in TABLE_FILES), "projects", "news", "media"})


def validate_campaign(files: CampaignFiles, problems: list[Problem], reserved: Mapping[str, str],
                      warnings: list[Problem] | None = None) -> CheckedCampaign | None:
    """Check one campaign; append its problems (and to `warnings` what does not stop a build but
    --strict); the checked campaign if it has none."""
    before = len(problems)
    _check_folder(files, problems, reserved)
    doc = files.campaign
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(not_a_mapping(doc, "title:, kind:, languages:, ..."))
        return None
    schema_valid = check_yaml(doc, "campaign", problems, files.limits)
    languages = get_languages(doc.data)
    if languages is None:
        return None
    checked = CheckedCampaign(files, doc.data, languages)
    # The tables only need the languages, so their problems are reported even when campaign.yml has some.
    for name, table in files.tables.items():
        rows = check_table(table, name, languages, problems, files.limits)
        if rows is not None:
            checked.tables[name] = rows
    if not schema_valid:
        return None
    check_campaign_yaml(doc, languages, media_names(files), problems)
    check_language_law(doc, languages, problems, [] if warnings is None else warnings)
    check_rows(checked, problems)
    if len(problems) == before:  # the cross-checks trust every value they compare
        check_tables(doc.data, checked.tables, problems)
    check_markdown(checked, problems)
    if len(problems) == before:
        # Last, as it renders: each Markdown text once, bounded in time (the pages reuse the result).
        check_markdown_rendering(checked, problems)
    return checked if len(problems) == before else None


def _check_folder(files: CampaignFiles, problems: list[Problem], reserved: Mapping[str, str]) -> None:
    folder_rel = f"campaigns/{files.slug}"
    for name in folder_names(files.root, files.limits):
        # A misspelt `laureaten.csv` would otherwise be skipped without a word. Droppings (dotfiles,
        # backups) are never read; links and special files are reported already.
        if name not in CAMPAIGN_ENTRIES and name not in files.refused:
            problems.append(Problem(f"{folder_rel}/{printable(name)}", None, "", msg(
                "is not a file the site reads: expected %(names)s", names=", ".join(sorted(CAMPAIGN_ENTRIES))),
                Code.UNKNOWN_FILE))
    for kind in ("projects", "news"):
        folder = files.root / kind
        for name in folder_names(folder, files.limits) if entry_kind(folder) == "dir" else ():
            if not name.endswith(".md") and f"{kind}/{name}" not in files.refused:
                problems.append(Problem(f"{folder_rel}/{kind}/{name}", None, "", msg(
                    "is not a file the site reads: expected <slug>.<language>.md files"), Code.UNKNOWN_FILE))
    found = slug_problem(files.slug, reserved)
    if found:
        problems.append(Problem(printable(folder_rel), None, "slug", *found))


def slug_problem(slug: str, reserved: Mapping[str, str]) -> tuple[Message, Code] | None:
    """What is wrong with `slug` as a campaign's folder name, and its code; None if nothing. The build's
    rule, which `build.py new` applies before it makes the folder."""
    if not SLUG.match(slug) or len(slug) > 60:
        return msg("%(value)s is not a safe folder name: use lower-case letters, digits and single hyphens",
                   value=quoted(slug)), Code.UNSAFE_SLUG
    if slug in reserved:
        return msg("%(value)s is reserved: the site publishes %(what)s there; choose another folder name",
                   value=quoted(slug), what=reserved[slug]), Code.RESERVED_SLUG
    return None
