"""The folders: a campaign's files, every campaign of the network, the network's shared content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, relpath
from campaignsite.load.files import NETWORK_FILE, entry_kind, folder_names, read_text, scan_inputs
from campaignsite.load.limits import Limits, default_limits, limits_of, too_large
from campaignsite.load.parse import (
    CsvText,
    MarkdownDoc,
    YamlDoc,
    parse_csv,
    parse_markdown,
    parse_yaml,
)

CAMPAIGN_FILE = "campaign.yml"

TABLE_FILES = ("laureates", "candidates", "events", "updates", "payments", "actions", "action_updates")


def network_limits(root: Path) -> Limits:
    """The limits of the network under `root`. content/network.yml is read for them with the default
    limits; its own problems are reported when load_content reads it."""
    path = root / "content" / NETWORK_FILE
    scratch: list[Problem] = []
    text = read_text(path, root, scratch, default_limits(), "yaml") if entry_kind(path) == "file" else None
    return limits_of(parse_yaml(text, relpath(path, root), scratch) if text is not None else None)


@dataclass
class CampaignFiles:
    """Everything read from one campaign folder. `refused` holds the campaign-relative names of entries
    that are not read because they are symbolic links or special files (each already a problem)."""

    slug: str
    root: Path
    campaign: YamlDoc | None = None
    tables: dict[str, CsvText] = field(default_factory=dict)
    projects: list[MarkdownDoc] = field(default_factory=list)
    news: list[MarkdownDoc] = field(default_factory=list)
    media: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    limits: Limits = field(default_factory=default_limits)


def load_campaign(folder: Path, root: Path, problems: list[Problem], limits: Limits | None = None) -> CampaignFiles:
    """Read one campaign folder: campaign.yml, the CSV tables, Markdown and the media list. Only regular
    files are read; links and special files are left out (scan_inputs reports them)."""
    limits = limits or default_limits()
    files = CampaignFiles(slug=folder.name, root=folder, limits=limits)
    for name in folder_names(folder, limits):
        if entry_kind(folder / name) not in ("file", "dir"):
            files.refused.add(name)
    yml = folder / CAMPAIGN_FILE
    kind = entry_kind(yml)
    if kind is None:
        problems.append(Problem(relpath(yml, root), None, "", msg("is missing: every campaign folder needs one"),
                                Code.MISSING_FILE))
    elif kind == "dir":
        problems.append(Problem(relpath(yml, root), None, "", msg("is a folder, expected a file"),
                                Code.UNREADABLE_FILE))
    elif kind == "file":
        text = read_text(yml, root, problems, limits, "yaml")
        if text is not None:
            files.campaign = parse_yaml(text, relpath(yml, root), problems, limits)
    for name in TABLE_FILES:
        path = folder / f"{name}.csv"
        if entry_kind(path) == "file":
            text = read_text(path, root, problems, limits, "csv")
            table = parse_csv(text, relpath(path, root), problems, limits) if text is not None else None
            if table is not None:
                files.tables[name] = table
    for kind in ("projects", "news"):
        if entry_kind(folder / kind) != "dir":
            continue
        for name in folder_names(folder / kind, limits):
            path = folder / kind / name
            if not name.endswith(".md") or entry_kind(path) != "file":
                if entry_kind(path) in ("link", "other"):
                    files.refused.add(f"{kind}/{name}")
                continue
            doc = parse_markdown(path, root, problems, limits=limits)
            if doc is not None:
                getattr(files, kind).append(doc)
    media = folder / "media"
    if entry_kind(media) == "dir":
        for name in folder_names(media, limits):
            kind = entry_kind(media / name)
            if kind == "file":
                size = os.lstat(media / name).st_size
                if size > limits.media_bytes:
                    problems.append(too_large(relpath(media / name, root), size, limits.media_bytes,
                                               "a media file", "media_bytes"))
                files.media.add(f"media/{name}")
            elif kind in ("link", "other"):
                files.refused.add(f"media/{name}")
    return files


def load_network(root: Path, problems: list[Problem], skip: frozenset[str] = frozenset()) -> list[CampaignFiles | str]:
    """Read every campaign folder under `root/campaigns`, in name order, within the network's limits
    (read first from content/network.yml); every link and special file of the inputs is reported.
    A folder named in `skip` (one the caller has already read and checked) is left unread: its name
    stands for it in the list."""
    limits = network_limits(root)
    scan_inputs(root, limits, problems)
    campaigns_dir = root / "campaigns"
    kind = entry_kind(campaigns_dir)
    if kind != "dir":
        if kind is None:
            problems.append(Problem("campaigns", None, "", msg("folder is missing"), Code.MISSING_FILE))
        return []
    folders = [campaigns_dir / name for name in folder_names(campaigns_dir, limits)
               if entry_kind(campaigns_dir / name) == "dir"]
    return [folder.name if folder.name in skip else load_campaign(folder, root, problems, limits) for folder in folders]


@dataclass
class ContentFiles:
    """The network's own files under content/: network.yml and editorial pages per language."""

    root: Path
    network: YamlDoc | None = None
    pages: list[MarkdownDoc] = field(default_factory=list)
    limits: Limits = field(default_factory=default_limits)


def load_content(root: Path, problems: list[Problem]) -> ContentFiles:
    """Read content/network.yml (with the default limits) and content/<lang>/<page>.md (with the limits
    network.yml sets)."""
    content = ContentFiles(root / "content")
    path = root / "content" / NETWORK_FILE
    kind = entry_kind(path)
    if kind is None:
        problems.append(Problem("content/network.yml", None, "", msg("is missing: the portal needs its title, "
                                                                     "languages and address"), Code.MISSING_FILE))
    elif kind in ("file", "dir"):
        text = read_text(path, root, problems, default_limits(), "yaml")
        if text is not None:
            content.network = parse_yaml(text, relpath(path, root), problems, default_limits())
    content.limits = limits = limits_of(content.network)
    if entry_kind(content.root) != "dir":
        return content
    for folder_name in folder_names(content.root, limits):
        folder = content.root / folder_name
        if entry_kind(folder) != "dir":
            continue
        for name in folder_names(folder, limits):
            page = folder / name
            if not name.endswith(".md") or entry_kind(page) != "file":
                continue
            renamed = page.with_name(f"{page.stem}.{folder.name}.md")
            doc = parse_markdown(page, root, problems, name=renamed.name, limits=limits)
            if doc is not None:
                content.pages.append(doc)
    return content
