"""Stage 4, sites: which sites exist (every campaign x language, the portal per language) and where."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from .i18n import LANGUAGE_NAMES
from .mkdocs_engine import Alternate, SiteSpec
from .model import Campaign, Network, contrast
from .pages import SitePages
from .portal import PortalPages

PORTAL_COLOUR = "#1B5E20"


def text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with `background`."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#FFFFFF") else "#FFFFFF"


def campaign_sites(campaign: Campaign, today: dt.date) -> list[SiteSpec]:
    """One site per language of the campaign, under <slug>/<lang>/."""
    sites = []
    for lang in campaign.languages:
        alternates = tuple(Alternate(other, LANGUAGE_NAMES[other], "./" if other == lang else f"../{other}/")
                           for other in campaign.languages)
        files = ()
        logo = None
        if campaign.logo:
            logo = f"assets/logo{PurePosixPath(campaign.logo).suffix}"
            files = ((logo, campaign.folder / campaign.logo),)
        sites.append(SiteSpec(
            id=f"{campaign.slug}/{lang}", out=f"{campaign.slug}/{lang}", lang=lang, title=campaign.title[lang],
            description=campaign.tagline[lang], url=f"{campaign.base_url}{lang}/", colour=campaign.colour,
            text_colour=text_colour(campaign.colour), logo=logo, alternates=alternates,
            pages=tuple(SitePages(campaign, lang, today).get_pages()), files=files))
    return sites


def portal_sites(network: Network) -> list[SiteSpec]:
    """The portal in each of its languages: the first at the site's root, the others under <lang>/."""
    first = network.languages[0]

    def root_of(lang: str) -> str:
        return "" if lang == first else f"{lang}/"

    sites = []
    for lang in network.languages:
        back = "" if lang == first else "../"
        alternates = tuple(Alternate(other, LANGUAGE_NAMES[other], (back + root_of(other)) or "./")
                           for other in network.languages)
        sites.append(SiteSpec(
            id=f"_portal/{lang}", out=root_of(lang).rstrip("/"), lang=lang, title=network.title[lang],
            description=network.tagline[lang], url=network.base_url + root_of(lang), colour=PORTAL_COLOUR,
            text_colour=text_colour(PORTAL_COLOUR), logo=None, alternates=alternates,
            pages=tuple(PortalPages(network, lang, back).get_pages())))
    return sites


def redirect_html(target: str, title: str) -> str:
    """A page that sends visitors on to `target` (relative), without script."""
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
            f"<link rel=\"canonical\" href=\"{target}\">\n</head>\n<body>\n"
            f"<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n")
