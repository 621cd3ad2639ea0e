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

from . import checks, engine, load, model, opendata, search, sites
from .errors import ValidationFailed
from .render import render_site
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


def validate(root: Path) -> tuple[list, checks.CheckedNetwork]:
    """Load and check every file under `root`; raise ValidationFailed with every problem found."""
    problems = []
    network_files = load.load_network(root, problems)
    content_files = load.load_content(root, problems)
    checked = [checks.validate_campaign(files, problems) for files in network_files]
    checked_network = checks.validate_network(content_files, checked, problems)
    if problems:
        raise ValidationFailed(problems)
    return checked, checked_network


def build(config: BuildConfig) -> BuildResult:
    """Build the network under `config.root` into `config.output`, or raise without touching it."""
    checked, checked_network = validate(config.root)

    campaigns = tuple(model.build_campaign(item) for item in checked)
    network = model.build_network(checked_network, campaigns)
    specs = sites.all_sites(network, config.today)
    rendered = [render_site(spec) for spec in specs]
    shared, copies = shared_files(network, specs)
    result = BuildResult(len(campaigns), len(specs), sum(len(s.pages) for s in specs))
    if config.check_only:
        return result

    stage = config.output.parent / f".{config.output.name}.building"
    shutil.rmtree(stage, ignore_errors=True)
    try:
        engine.build(rendered, stage, config.jobs, config.source_date_epoch)
        writer = Writer(stage / "html")
        for rel, content in shared:
            writer.write(rel, content)
        for rel, source in copies:
            writer.copy(rel, source)
        search.index_site(writer)
        swap_in(stage / "html", config.output)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return result


def shared_files(network, specs) -> tuple[list[tuple[str, str]], list[tuple[str, Path]]]:
    """Files outside the MkDocs sites, rendered before anything is written: per campaign a page
    sending visitors on to its default language, its open data and its media (shared by its
    language sites); robots.txt for the whole site."""
    files: list[tuple[str, str]] = []
    copies: list[tuple[str, Path]] = []
    for campaign in network.campaigns:
        lang = campaign.default_language
        files.append((f"{campaign.slug}/index.html",
                      sites.redirect_html(f"{lang}/", html.escape(f"{campaign.base_url}{lang}/"),
                                          html.escape(campaign.title[lang]), lang)))
        files += [(f"{campaign.slug}/data/{name}", content) for name, content in opendata.files(campaign)]
        media = campaign.folder / "media"
        copies += [(f"{campaign.slug}/media/{path.name}", path)
                   for path in sorted(media.iterdir()) if path.is_file()] if media.is_dir() else []
    files.append(("robots.txt", sites.robots_txt(network, specs)))
    return files, copies


def swap_in(built: Path, output: Path) -> None:
    """Replace `output` by `built` with two renames, so the site is never half there."""
    old = output.parent / f".{output.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        os.replace(output, old)
    os.replace(built, output)
    shutil.rmtree(old, ignore_errors=True)
