"""What validation hands on: each campaign's checked data, the network's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.load.parse import MarkdownDoc
from campaignsite.load.tree import CampaignFiles
from campaignsite.validate.schema import TableRows


@dataclass
class CheckedCampaign:
    """A campaign whose every file passed its schema and the cross-file checks."""

    files: CampaignFiles
    data: dict
    languages: tuple[str, ...]
    tables: dict[str, TableRows] = field(default_factory=dict)


class _AnyName:
    """Every name: when media/ itself is a link (reported as such), its files are not looked for."""

    def __contains__(self, name) -> bool:
        return True


def media_names(files: CampaignFiles) -> set[str] | _AnyName:
    """media/ names that may be referenced without a missing-media problem: the regular files, and the
    links and special files already reported as such."""
    if "media" in files.refused:
        return _AnyName()
    return files.media | {name for name in files.refused if name.startswith("media/")}


def get_languages(data: dict) -> tuple[str, ...] | None:
    """The languages a YAML file declares, or None if they are not a usable list of known languages."""
    languages = data.get("languages")
    if not isinstance(languages, list) or not languages:
        return None
    if not all(isinstance(lang, str) and lang in LANGUAGES for lang in languages):
        return None
    return tuple(languages) if len(set(languages)) == len(languages) else None


@dataclass
class CheckedNetwork:
    """content/network.yml and the editorial pages, checked."""

    data: dict
    languages: tuple[str, ...]
    pages: list[MarkdownDoc]
