"""The whole build in one function: load -> validate -> model -> pages -> render -> write.

Everything is read, checked and rendered in memory before the first byte is written; the output is
built in a staging folder beside it and swapped in only when complete, so a failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import checks, load, model, opendata, search, sites
from .errors import ValidationFailed
from .mkdocs_engine import build_sites, render_sources, site_config, write_sources
from .writer import Writer


@dataclass(frozen=True)
class BuildConfig:
    """What to build, from where, into where, as of which day."""

    root: Path
    output: Path
    today: dt.date
    jobs: int = os.cpu_count() or 1
    check_only: bool = False

    @property
    def source_date_epoch(self) -> int:
        return int(dt.datetime.combine(self.today, dt.time(), dt.timezone.utc).timestamp())


@dataclass(frozen=True)
class BuildResult:
    campaigns: int
    sites: int
    pages: int


def build(config: BuildConfig) -> BuildResult:
    """Build the network under `config.root` into `config.output`, or raise without touching it."""
    problems = []
    network_files = load.load_network(config.root, problems)
    content_files = load.load_content(config.root, problems)

    checked = [checks.validate_campaign(files, problems) for files in network_files]
    checked_network = checks.validate_network(content_files, checked, problems)
    if problems:
        raise ValidationFailed(problems)

    campaigns = tuple(model.build_campaign(item) for item in checked)
    network = model.build_network(checked_network, campaigns)
    specs = sites.portal_sites(network, config.today)
    for campaign in campaigns:
        specs += sites.campaign_sites(campaign, config.today)
    rendered = [render_sources(spec) for spec in specs]
    result = BuildResult(len(campaigns), len(specs), sum(len(s.pages) for s in specs))
    if config.check_only:
        return result

    stage = config.output.parent / f".{config.output.name}.building"
    shutil.rmtree(stage, ignore_errors=True)
    try:
        writer = Writer(stage)
        config_files = [write_sources(writer, spec, sources, site_config(spec, stage))
                        for spec, sources in zip(specs, rendered)]
        build_sites(config_files, stage, config.jobs, config.source_date_epoch)
        write_campaign_files(writer, campaigns)
        search.index_site(stage / "html")
        swap_in(stage / "html", config.output)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return result


def write_campaign_files(writer: Writer, campaigns) -> None:
    """What a campaign's language sites share: its media, its open data, and a page sending
    visitors on to the default language."""
    for campaign in campaigns:
        target = f"{campaign.default_language}/"
        writer.write(f"html/{campaign.slug}/index.html",
                     sites.redirect_html(target, html.escape(campaign.title[campaign.default_language])))
        for name, content in opendata.files(campaign):
            writer.write(f"html/{campaign.slug}/data/{name}", content)
        media = campaign.folder / "media"
        for path in sorted(media.iterdir()) if media.is_dir() else ():
            if path.is_file():
                writer.copy(f"html/{campaign.slug}/media/{path.name}", path)


def swap_in(built: Path, output: Path) -> None:
    """Replace `output` by `built` with two renames, so the site is never half there."""
    old = output.parent / f".{output.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        os.replace(output, old)
    os.replace(built, output)
    shutil.rmtree(old, ignore_errors=True)
