"""The whole build in one function: load -> validate -> model -> pages -> render -> write.

Everything is read and checked before the first byte is written. The pages are then rendered and
built in the engine's worker processes (each site made where it is built, so the build's memory does
not grow with the network), into a staging folder beside the output that is swapped in only when
complete (see write/output.py): a failed build, a template error included, leaves the previous site exactly
as it was. What did not change since the previous build stays where it is in the output, and the rest
is swapped in folder by folder (see write/incremental.py and OutputPlace.swap_folders).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from typing import TYPE_CHECKING

from campaignsite.core import processes, searchindex
from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, Problem, ValidationFailed, msg
from campaignsite.core.i18n import Translator
from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.core.places import CODE_ROOT
from campaignsite.core.schemas import date_range
from campaignsite.core.sitespec import BuiltSite, SiteJob, SiteSpec
from campaignsite.write import incremental
from campaignsite.write.output import MARKER, OutputPlace
from campaignsite.write.writer import Writer

# The stages' modules are imported by the functions that run them: a build with nothing to do (the
# output already this input's site) imports none of them and their libraries (issue 24: a no-op at 300
# campaigns spent 0.7 s of its 1 s importing them).
if TYPE_CHECKING:
    from campaignsite.exports.media import MediaFile
    from campaignsite.model.records import Campaign, Network

HOST_HEADERS = CODE_ROOT / "deploy" / "_headers"


@dataclass(frozen=True)
class BuildConfig:
    """What to build, from where, into where, as of which day."""

    root: Path
    output: Path
    today: dt.date
    jobs: int = os.cpu_count() or 1
    check_only: bool = False
    full: bool = False  # build every site, keeping nothing of the previous output
    strict: bool = False  # warnings (validate: language order) stop the build like problems

    @property
    def source_date_epoch(self) -> int:
        return int(dt.datetime.combine(self.today, dt.time(), dt.timezone.utc).timestamp())


@dataclass(frozen=True)
class BuildResult:
    campaigns: int
    sites: int
    pages: int
    rebuilt: tuple[str, ...] = ()  # ids of the sites built by this build ("gent-2024/nl", "_portal/fr")
    kept: tuple[str, ...] = ()     # campaigns whose output was kept from the previous build
    warnings: tuple[Problem, ...] = ()  # what validation found that does not stop a build (but --strict)
    validated: tuple[str, ...] = ()  # campaigns read and validated anew (the others' check was cached)
    rendered: tuple[str, ...] = ()   # campaigns whose sites were rendered and built anew (the others kept)
    pages_kept: int = 0  # pages of the sites built anew taken as they were from the previous output (the portal's)


@dataclass(frozen=True)
class Checked:
    """Everything read from the project and checked: the model and the media files to publish."""

    campaigns: tuple[Campaign, ...]
    network: Network
    media: tuple[tuple[str, MediaFile], ...]  # (campaign slug, file)
    warnings: tuple[Problem, ...] = ()
    validated: tuple[str, ...] = ()  # the campaigns read and validated anew (not taken from the cache)


def reserved_names() -> dict[str, str]:
    """Every name a campaign folder or a portal page may not take, with what the output publishes there:
    the portal's pages and kept names, its language folders, what the engine, the search index and the
    shared files put at the top of a site."""
    from campaignsite.pages import registry, sites
    from campaignsite.render import engine

    names = registry.portal_names() | {code: msg("a language folder of the portal") for code in LANGUAGES}
    for published in (engine.PUBLISHED, searchindex.PUBLISHED, sites.PUBLISHED):
        names |= {name: what for name, what in published.items() if name not in names}
    return dict(sorted(names.items()))


def build_model(root: Path, keys: dict[str, str] | None = None, reuse: bool = True) -> Checked:
    """Load, validate and model every file under `root`: the stages up to the model, nothing written;
    raise ValidationFailed with every problem found.

    With `keys` (each campaign folder's fingerprint, write/incremental.py), a campaign validated
    before with the same fingerprint is taken from the cache (write/validated.py) instead of being read
    and checked again (unless not `reuse`: every campaign is validated, and the cache refreshed); the
    checks between campaigns run on every build."""
    from campaignsite.exports import kit, presskit
    from campaignsite.exports.imagesize import size_of
    from campaignsite.exports.media import get_media
    from campaignsite.load.tree import load_content, load_network
    from campaignsite.model.assembly import build_campaign, build_network
    from campaignsite.validate.campaign import validate_campaign
    from campaignsite.validate.network import validate_network
    from campaignsite.write import validated

    problems, own_warnings = [], {}
    reserved = reserved_names()
    cache = validated.Cache(root, keys or {})
    cached = {slug: entry for slug in (keys or {}) if reuse and (entry := cache.get(slug))}
    network_files = load_network(root, problems, skip=frozenset(cached))
    content_files = load_content(root, problems)
    checked = []
    for files in network_files:
        if isinstance(files, str):  # unchanged since it was validated: what the cache kept of it
            checked.append(cached[files].summary)
        else:
            checked.append(validate_campaign(files, problems, reserved, own_warnings.setdefault(files.slug, [])))
    checked_network = validate_network(content_files, checked, problems, reserved)
    if problems:
        raise ValidationFailed(problems)
    fresh = [item for item in checked if item.files.slug not in cached]
    models = {item.files.slug: build_campaign(item) for item in fresh}
    media = get_media(models.values(), root, problems)
    if problems:
        raise ValidationFailed(problems)
    # The press kit's PNGs, made now within the renderer's limits: a picture over them is a problem.
    presskit.check_pictures(models.values(), {slug: campaign_media(media, slug) for slug in models}, root, problems)
    if problems:
        raise ValidationFailed(problems)
    for item in fresh:
        slug = item.files.slug
        own = tuple(file for owner, file in media if owner == slug)
        # Each picture's size, read from its checked bytes, so that pages reserve its space; and the
        # size of each file of the communication kit and of the press kit, for their pages.
        press_bytes, press_pixels = presskit.sizes(models[slug], campaign_media(media, slug))
        campaign = dataclasses.replace(models[slug], image_sizes=MappingProxyType({
            f"media/{file.name}": size for file in own if (size := size_of(file.content))} | press_pixels),
            kit_sizes=MappingProxyType(kit.sizes(models[slug], campaign_media(media, slug))),
            press_sizes=MappingProxyType(press_bytes))
        cached[slug] = validated.Validated(validated.summary(item), campaign, own, tuple(own_warnings.get(slug, ())))
        cache.put(slug, cached[slug])
    campaigns = tuple(cached[item.files.slug].campaign for item in checked)
    warnings = sorted(warning for item in checked for warning in cached[item.files.slug].warnings)
    network = build_network(checked_network, campaigns)
    media = tuple((item.files.slug, file) for item in checked for file in cached[item.files.slug].media)
    return Checked(campaigns, network, media, tuple(warnings), validated=tuple(models))


def public_on(checked: Checked, day: dt.date) -> Checked:
    """What the sites built for `day` may publish (model/public.py): results under embargo and anything
    dated later held back, and only the media files that what remains uses."""
    from campaignsite.exports.media import referenced
    from campaignsite.model.public import network_on

    network = network_on(checked.network, day)
    used = {campaign.slug: {path.removeprefix("media/") for path in referenced(campaign)}
            for campaign in network.campaigns}
    media = tuple((slug, file) for slug, file in checked.media if file.name in used[slug])
    return Checked(network.campaigns, network, media, checked.warnings, checked.validated)


def check_today(today: dt.date) -> None:
    """Refuse a day no site can be built for: one outside core.schemas.date_range(), the days every date
    of the data must be in (calendars, countdowns, the sitemaps' dates are bounded by them)."""
    first, last = date_range()
    if not first <= today <= last:
        raise BuildFailed(msg("%(day)s is outside the days a site can be built for, %(first)s to %(last)s",
                              day=today.isoformat(), first=first.isoformat(), last=last.isoformat()), Code.BAD_TODAY)


def build(config: BuildConfig) -> BuildResult:
    """Build the network under `config.root` into `config.output`, or raise without touching it.

    What did not change since the previous build into the same output is kept (write/incremental.py):
    the output is the same as a full build's, sooner."""
    check_today(config.today)
    if config.check_only:
        return check(config)
    place = OutputPlace(config.output, config.root)
    prints = incremental.fingerprints(config.root, config.today)
    previous = None if config.full else incremental.read_state(config.output)
    # The output is this input's site already: nothing to do, unless a killed build left files to clean.
    if not place.leftovers() and incremental.unchanged(previous, prints, config.output, frozenset({MARKER})):
        place.check()
        return BuildResult(*previous.counts)
    from campaignsite.pages import sites
    from campaignsite.render import engine
    from campaignsite.write import search

    checked = public_on(build_model(config.root, prints.campaigns, reuse=not config.full), config.today)
    prints = incremental.with_links(prints, sites.links_key(checked.network))
    if config.strict and checked.warnings:
        raise ValidationFailed(list(checked.warnings))
    place.check()
    place.check_writable()
    with place.locked():
        place.clean()  # what a killed build left: its swap finished (see OutputPlace.clean), its stage removed
        # As the last build left it, should one have finished since the look above.
        previous = None if config.full else incremental.read_state(config.output)
        in_place = previous is not None and config.output.is_dir()
        kept = incremental.reusable(previous, prints, config.output)
        before = incremental.page_keys(previous, config.output, frozenset({MARKER}))
        jobs = sites.site_jobs(checked.network, checked.media, config.today, skip=frozenset(kept),
                               keys=page_inputs(prints), output=config.output)
        jobs = [SiteJob(job.id, functools.partial(rendered, job.make, before.get(job.id), config.output))
                for job in jobs]
        shared = shared_files(checked, config.today, skip=frozenset(kept))
        place.make_stage()
        try:
            pages = engine.build(jobs, place.stage, config.jobs, config.source_date_epoch)
            writer = Writer(place.stage / "html")
            for slug in sorted(kept):
                writer.keep(slug, config.output / slug)
            for rel, content in shared:
                writer.write(rel, content)
            # Each campaign's search bundle is in its folder: a kept folder keeps it.
            search.index_site(writer, [campaign.slug for campaign in checked.campaigns], frozenset(kept), config.jobs)
            state = new_state(checked, prints, pages, kept, writer.root)
            writer.write(incremental.STATE_FILE, state.to_json())
            if in_place:  # folder by folder: what was kept stays where it is
                place.swap_folders(writer.root, writer.kept_paths(), incremental.STATE_FILE)
            else:  # a first or --full build: the whole output in one exchange
                place.swap_in(writer.root)
            incremental.Stamps(config.output).record(state, frozenset({MARKER}))
        except OSError as exc:
            reason = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
            raise BuildFailed(msg("cannot write the site into %(output)s: %(reason)s", output=config.output,
                                  reason=reason), Code.WRITE_FAILED) from exc
        finally:
            place.discard_stage()
    built = {site.split("/")[0] for site in pages}
    return BuildResult(*state.counts, rebuilt=tuple(pages), kept=tuple(sorted(kept)), warnings=checked.warnings,
                       validated=checked.validated, rendered=tuple(sorted(built - {"_portal"})),
                       pages_kept=sum(site.kept for site in pages.values()))


def check(config: BuildConfig) -> BuildResult:
    """Validate and render every page, as a build would, writing nothing.

    An input that the last build into `config.output` was made from passed this check then: its
    answer stands. A campaign that did not change since that build rendered without fault then, and so
    did a portal page whose key is unchanged: only the others are rendered again (in worker processes);
    the whole network is always checked, since one campaign's change can be another's problem (a
    clashing address), the unchanged campaigns from the validation cache."""
    check_today(config.today)
    prints = incremental.fingerprints(config.root, config.today)
    previous = None if config.full else incremental.read_state(config.output)
    if previous is not None and previous.network == prints.network:
        return BuildResult(*previous.counts)
    from campaignsite.pages import sites

    checked = public_on(build_model(config.root, prints.campaigns, reuse=not config.full), config.today)
    prints = incremental.with_links(prints, sites.links_key(checked.network))
    kept = {slug: record for slug, record in (previous.campaigns.items() if previous else ())
            if prints.campaigns.get(slug) == record.key}
    before = previous.pages if previous else {}
    jobs = sites.site_jobs(checked.network, checked.media, config.today, skip=frozenset(kept), keys=page_inputs(prints),
                           output=config.output)
    pages = processes.fork_map([functools.partial(page_count, job.make, before.get(job.id)) for job in jobs], config.jobs)
    shared_files(checked, config.today, skip=frozenset(kept))
    slugs = {campaign.slug for campaign in checked.campaigns}
    records = [record for slug, record in kept.items() if slug in slugs]
    return BuildResult(len(checked.campaigns), len(jobs) + sum(r.sites for r in records),
                       sum(pages) + sum(r.pages for r in records), warnings=checked.warnings,
                       rebuilt=tuple(job.id for job in jobs), validated=checked.validated)


def page_count(make, previous: dict[str, str] | None = None) -> int:
    """How many pages the site `make` describes has, every one of them rendered but those the
    previous build rendered from the same inputs (`previous`, their keys)."""
    return len(rendered(make, previous).pages)


def rendered(make, previous: dict[str, str] | None = None, output: Path | None = None) -> SiteSpec:
    """The site `make` describes, with every page's HTML (stage 5, in the engine's worker) but the
    pages that the previous build into `output` made from the same inputs (`previous`, their keys)."""
    from campaignsite.render.templates import render_site

    return render_site(make(), previous, output)


def page_inputs(prints: incremental.Fingerprints) -> dict[str, str]:
    """What the pages stage keys pages with (core.sitespec.Page.key): each campaign's fingerprint, and
    under "" what every site is made from besides the campaigns."""
    return {"": prints.shared, **prints.campaigns}


def new_state(checked: Checked, prints: incremental.Fingerprints, pages: dict[str, BuiltSite],
              kept: dict[str, incremental.CampaignRecord], built: Path) -> incremental.State:
    """What this build leaves in its output for the next one: each campaign's fingerprint, and the
    files (its search bundle among them) and counts of its output (`built` holds what this build made,
    not what it `kept` from the previous output)."""
    records = {}
    for campaign in checked.campaigns:
        slug = campaign.slug
        records[slug] = kept.get(slug) or incremental.CampaignRecord(
            prints.campaigns[slug], incremental.listing_digest(built / slug), len(campaign.languages),
            sum(pages[f"{slug}/{lang}"].pages for lang in campaign.languages))
    portal = {site: built for site, built in pages.items() if site.startswith("_portal/")}
    counts = (len(checked.campaigns), len(portal) + sum(r.sites for r in records.values()),
              sum(built.pages for built in portal.values()) + sum(r.pages for r in records.values()))
    keys = {site: dict(built.page_keys) for site, built in portal.items() if built.page_keys}
    state = incremental.State(prints.network, "", records, counts, keys)
    return dataclasses.replace(state, files=incremental.listing_digest(built, incremental.others(state)))


def shared_files(checked: Checked, today: dt.date, skip: frozenset[str] = frozenset()) -> list[tuple[str, str | bytes]]:
    """Files outside the engine's sites, made before anything is written: per campaign (but those in
    `skip`, kept from the previous build) a page sending visitors on to its default language, its open
    data (360Giving included), its press kit, its communication kit's documents and PNGs, and its media
    (shared by its language sites); robots.txt and the network's 360Giving package for the whole site."""
    from campaignsite.exports import giving360, kit, opendata, presskit
    from campaignsite.pages import sites

    files: list[tuple[str, str | bytes]] = []
    for campaign in checked.network.campaigns:
        if campaign.slug in skip:
            continue
        lang = campaign.default_language
        files.append((f"{campaign.slug}/index.html",
                      sites.redirect_html(f"{lang}/", html.escape(f"{campaign.base_url}{lang}/"),
                                          html.escape(campaign.title[lang]), lang)))
        files += [(f"{campaign.slug}/data/{name}", content) for name, content in opendata.files(campaign)]
        files += [(f"{campaign.slug}/data/{name}", content) for name, content in giving360.campaign_files(campaign, today)]
        files += [(f"{campaign.slug}/{name}", content)
                  for name, content in kit.files(campaign, campaign_media(checked.media, campaign.slug))]
        files += [(f"{campaign.slug}/{name}", content)
                  for name, content in presskit.files(campaign, campaign_media(checked.media, campaign.slug),
                                                      Translator(lang))]
    files += [(f"{slug}/media/{file.name}", file.content) for slug, file in checked.media if slug not in skip]
    files.append(("robots.txt", sites.robots_txt(checked.network)))
    files += giving360.network_files(checked.network, today)
    # Response headers for hosts that read _headers (Netlify, Cloudflare Pages): framing allowed for
    # the widgets only, nosniff, types; nginx users include deploy/nginx/campaignsite.conf instead.
    files.append(("_headers", HOST_HEADERS.read_text(encoding="utf-8")))
    return files


def campaign_media(media, slug: str) -> dict[str, bytes]:
    """{"media/<name>": checked bytes} of one campaign's published media."""
    return {f"media/{file.name}": file.content for owner, file in media if owner == slug}
