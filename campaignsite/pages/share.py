"""The share images of a campaign site (exports/shareimage.py): one for its home and one per project
page, in the site's language, beside its pages under share/; and what the pages' heads say of them
(og:image with its size and text, twitter:image)."""

from __future__ import annotations

from campaignsite.exports import shareimage
from campaignsite.model.records import Laureate
from campaignsite.model.sdgs import get_sdgs, text_colour
from campaignsite.pages import urls
from campaignsite.pages.builder import CampaignBuilder


def goals(numbers) -> tuple[shareimage.Goal, ...]:
    sdgs = get_sdgs()
    return tuple(shareimage.Goal(n, sdgs[n].colour, text_colour(sdgs[n].colour)) for n in sorted(numbers))


def places(b: CampaignBuilder, laureate: Laureate | None = None) -> str:
    """The municipality a project is in, or all the campaign's, named in the site's language."""
    campaign = b.campaign
    found = [m for m in campaign.municipalities if laureate and m.nis_code == laureate.municipality]
    return " · ".join(m.name[b.lang] for m in found or campaign.municipalities)


def texts(b: CampaignBuilder, laureate: Laureate | None = None) -> tuple[str, str, str]:
    """(band, title, line below) of the home's share image, or of a project's."""
    if laureate is None:
        return places(b), b.text(b.campaign.title), b.text(b.campaign.tagline)
    return b.text(b.campaign.title), b.text(laureate.title), places(b, laureate)


def path(laureate: Laureate | None = None) -> str:
    return urls.share_laureate(laureate.slug) if laureate else urls.SHARE_HOME


def meta(b: CampaignBuilder, laureate: Laureate | None = None) -> dict:
    """og:image's address (absolute, as Open Graph asks), size and text alternative."""
    band, title, below = texts(b, laureate)
    return {"url": b.absolute(path(laureate)), "width": shareimage.WIDTH, "height": shareimage.HEIGHT,
            "alt": f"{title} – {band}. {below}".strip(" ."), "type": "image/png"}


def files(b: CampaignBuilder) -> tuple[tuple[str, bytes], ...]:
    """(site path, PNG) of the site's share images: its home's, then each project page's."""
    campaign = b.campaign
    colours = (campaign.colour, text_colour(campaign.colour))
    made = [(path(), shareimage.png(*texts(b), *colours, goals(campaign.sdgs)))]
    made += [(path(item), shareimage.png(*texts(b, item), *colours, goals(item.sdgs))) for item in campaign.laureates]
    return tuple(made)
