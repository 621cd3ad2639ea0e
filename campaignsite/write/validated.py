"""Validated campaigns kept between builds: a campaign whose fingerprint did not change is not read and
validated again (issue 24).

A campaign that passed validation is stored with what the later stages take from it: the summary the
network's checks read (its slug, languages, address and campaign.yml with its lines), its model and
its checked media. The entry is keyed by the campaign's fingerprint (write/incremental.py: its folder's
names and bytes, content/network.yml, the build's code, data and packages, the day) and by the
project's folder; any other key is a miss, and the campaign is validated as it would be without a
cache. What crosses campaigns (unique addresses, the portal's languages) is checked on every build,
over the summaries; so is every input file's kind (scan_inputs: links, hard links, special files).

The entries are pickles, so they live in the build's own cache folder (`.cache/validated/` beside the
code, or $CAMPAIGNSITE_CACHE), never in the output: a site/ folder can come from elsewhere (a commit),
and unpickling a file runs what it says. One file per project and campaign, replaced when the campaign
changes, so the cache holds no more entries than there are campaigns.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from campaignsite.core.places import CACHE_ROOT
from campaignsite.exports.media import MediaFile
from campaignsite.load.tree import CampaignFiles
from campaignsite.model.records import Campaign
from campaignsite.validate.checked import CheckedCampaign

CACHE = CACHE_ROOT / "validated"
FORMAT = 2


@dataclass(frozen=True)
class Validated:
    """One campaign as validation and the model left it."""

    summary: CheckedCampaign           # what the network's checks read: no tables, texts or media list
    campaign: Campaign                 # its model, picture sizes included
    media: tuple[MediaFile, ...]       # its checked media files, to publish
    warnings: tuple = ()               # what its validation warned of (validate: language order), said again


def summary(checked: CheckedCampaign) -> CheckedCampaign:
    """The part of a checked campaign that validate.network reads: its slug, campaign.yml (data and
    lines), languages."""
    files = CampaignFiles(slug=checked.files.slug, root=checked.files.root, campaign=checked.files.campaign,
                          limits=checked.files.limits)
    return CheckedCampaign(files, checked.data, checked.languages)


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _reduce_proxy(proxy: MappingProxyType):
    return _proxy, (dict(proxy),)


class Cache:
    """The validated campaigns of the project under `root`, by campaign fingerprint (`keys`)."""

    def __init__(self, root: Path, keys: dict[str, str], folder: Path = CACHE):
        self.keys = keys
        self.folder = folder
        self.project = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=10).hexdigest()

    def path(self, slug: str) -> Path:
        return self.folder / f"{self.project}-{slug}.pickle"

    def get(self, slug: str) -> Validated | None:
        """The campaign as validated with its current fingerprint, or None."""
        key = self.keys.get(slug)
        if key is None:
            return None
        try:
            with open(self.path(slug), "rb") as file:
                stored = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(stored, tuple) or stored[:2] != (FORMAT, key) or not isinstance(stored[2], Validated):
            return None
        return stored[2]

    def put(self, slug: str, entry: Validated) -> None:
        """Keep the campaign for the next build; a cache that cannot be written only costs time."""
        key = self.keys.get(slug)
        if key is None:
            return
        target = self.path(slug)
        scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(scratch, "wb") as file:
                pickler = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
                pickler.dump((FORMAT, key, entry))
            os.replace(scratch, target)  # whole or not at all: a reader never sees half an entry
        except OSError:
            scratch.unlink(missing_ok=True)
