"""The whole build in one function: load -> validate -> model -> pages -> render -> write.

Everything is read, checked and rendered in memory before the first byte is written; the output is
built in a staging folder beside it and swapped in only when complete (see output.py), so a failed
build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from . import checks, engine, load, model, opendata, presskit, search, sites
from .codes import Code
from .errors import BuildFailed, ValidationFailed, msg
from .i18n import Translator
from .imagesize import size_of
from .media import MediaFile, get_media
from .output import OutputPlace
from .render import render_site
from .writer import Writer


HOST_HEADERS = Path(__file__).resolve().parent.parent / "deploy" / "_headers"


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


@dataclass(frozen=True)
class Checked:
    """Everything read from the project and checked: the model and the media files to publish."""

    campaigns: tuple[model.Campaign, ...]
    network: model.Network
    media: tuple[tuple[str, MediaFile], ...]  # (campaign slug, file)


def validate(root: Path) -> Checked:
    """Load and check every file under `root`; raise ValidationFailed with every problem found."""
    problems = []
    network_files = load.load_network(root, problems)
    content_files = load.load_content(root, problems)
    checked = [checks.validate_campaign(files, problems) for files in network_files]
    checked_network = checks.validate_network(content_files, checked, problems)
    if problems:
        raise ValidationFailed(problems)
    campaigns = tuple(model.build_campaign(item) for item in checked)
    media, problems = get_media(campaigns, root)
    if problems:
        raise ValidationFailed(problems)
    # Each picture's size, read from its checked bytes, so that pages reserve its space.
    campaigns = tuple(dataclasses.replace(campaign, image_sizes=MappingProxyType({
        f"media/{file.name}": size for slug, file in media
        if slug == campaign.slug and (size := size_of(file.content))})) for campaign in campaigns)
    network = model.build_network(checked_network, campaigns)
    return Checked(campaigns, network, tuple(media))


def build(config: BuildConfig) -> BuildResult:
    """Build the network under `config.root` into `config.output`, or raise without touching it."""
    checked = validate(config.root)
    place = OutputPlace(config.output, config.root)
    if not config.check_only:
        place.check()

    specs = sites.all_sites(checked.network, checked.media, config.today)
    rendered = [render_site(spec) for spec in specs]
    shared = shared_files(checked, specs)
    result = BuildResult(len(checked.campaigns), len(specs), sum(len(s.pages) for s in specs))
    if config.check_only:
        return result

    with place.locked():
        place.clean()
        try:
            engine.build(rendered, place.stage, config.jobs, config.source_date_epoch)
            writer = Writer(place.stage / "html")
            for rel, content in shared:
                writer.write(rel, content)
            search.index_site(writer)
            place.swap_in(place.stage / "html")
        except OSError as exc:
            reason = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
            raise BuildFailed(msg("cannot write the site into %(output)s: %(reason)s", output=config.output,
                                  reason=reason), Code.WRITE_FAILED) from exc
        finally:
            shutil.rmtree(place.stage, ignore_errors=True)
    return result


def shared_files(checked: Checked, specs) -> list[tuple[str, str | bytes]]:
    """Files outside the engine's sites, made before anything is written: per campaign a page
    sending visitors on to its default language, its open data, its press kit and its media (shared
    by its language sites); robots.txt for the whole site."""
    files: list[tuple[str, str | bytes]] = []
    for campaign in checked.network.campaigns:
        lang = campaign.default_language
        files.append((f"{campaign.slug}/index.html",
                      sites.redirect_html(f"{lang}/", html.escape(f"{campaign.base_url}{lang}/"),
                                          html.escape(campaign.title[lang]), lang)))
        files += [(f"{campaign.slug}/data/{name}", content) for name, content in opendata.files(campaign)]
        media = {f"media/{file.name}": file.content for slug, file in checked.media if slug == campaign.slug}
        files += [(f"{campaign.slug}/{name}", content)
                  for name, content in presskit.files(campaign, media, Translator(lang))]
    files += [(f"{slug}/media/{file.name}", file.content) for slug, file in checked.media]
    files.append(("robots.txt", sites.robots_txt(specs)))
    # Response headers for hosts that read _headers (Netlify, Cloudflare Pages): framing allowed for
    # the widgets only, nosniff, types; nginx users include deploy/nginx/campaignsite.conf instead.
    files.append(("_headers", HOST_HEADERS.read_text(encoding="utf-8")))
    return files
