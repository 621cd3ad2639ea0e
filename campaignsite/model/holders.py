"""Who carries a project, as the public may see it: a holder who is a private person is named only
from the day they agreed to it (laureates.csv or candidates.csv `holder_consent`); until then, and
without consent, every output shows "a resident of <municipality>" in its language (GDPR: the name of a
private person is personal data). model/public.py applies it, so pages, feeds, widgets, open data,
360Giving, press kit and search index only ever see the name that may be shown.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from campaignsite.core.i18n import Translator
from campaignsite.model.records import Campaign, Candidate, Laureate, Municipality, Text


def municipality_of(campaign: Campaign, item: Laureate | Candidate) -> Municipality:
    """The municipality a project belongs to (its `municipality` column; a campaign of one municipality's)."""
    return campaign.municipality(item.municipality) if item.municipality else campaign.municipalities[0]


def is_named(item: Laureate | Candidate, day: dt.date) -> bool:
    """Whether the holder's name may be shown on `day`: always for an organisation or a group; for a
    person, from the day of their consent on."""
    if item.holder_type != "person":
        return True
    return item.holder_consent is not None and item.holder_consent <= day


def resident_of(campaign: Campaign, item: Laureate | Candidate) -> Text:
    """"A resident of <municipality>" in each of the campaign's languages, with the municipality's own
    name in that language."""
    municipality = municipality_of(campaign, item)
    return MappingProxyType({lang: _resident(Translator(lang), municipality.name[lang])
                             for lang in campaign.languages})


def _resident(_: Translator, municipality: str) -> str:
    return _("A resident of %(municipality)s", municipality=municipality)


def public_holder(campaign: Campaign, item: Laureate | Candidate, day: dt.date) -> Text:
    """The holder as shown on `day`: the name, or a resident of the project's municipality."""
    return item.holder if is_named(item, day) else resident_of(campaign, item)
