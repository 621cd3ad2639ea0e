"""The grants as the 360Giving Data Standard (1.4) publishes them: a package `{"grants": [...]}` in JSON
and the flat CSV the standard describes (one row per grant, columns titled as the schema's fields).

One grant per laureate public on the build day (it reads the model after model/public.py): its grant as
the amount awarded on the results day, what was paid net of repayments (payments.csv) as the amount
disbursed, the budget's sources as funders, the project's municipality as beneficiary location (NIS
code), its SDGs as classifications, the campaign as programme, and whether it came from an open call.
Ids are `360G-<prefix>-<campaign>-<project>`, the prefix from content/network.yml `grant_id_prefix`;
without a prefix, or without a grant yet, nothing is published (the standard's package needs a grant).
A holder who is a person is an individual recipient: named only with consent (model/holders.py), else
"Individual Recipient", the standard's convention. https://standard.threesixtygiving.org/
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata

from campaignsite.exports.opendata import LICENCE, neutralise
from campaignsite.model.assembly import euros
from campaignsite.model.holders import is_named, municipality_of
from campaignsite.model.phases import results_day
from campaignsite.model.records import Campaign, Laureate, Network
from campaignsite.model.sdgs import get_sdgs

VERSION = "1.4"
JSON_NAME, CSV_NAME = "360giving.json", "360giving.csv"
INDIVIDUAL = "Individual Recipient"

# The flat CSV's column titles: the schema's `title` of each field (360-giving-schema.json), joined with
# ':' and an item's index in a list, as the standard's flat format writes them.
TITLES = {
    "id": "Identifier", "title": "Title", "description": "Description", "currency": "Currency",
    "amountAwarded": "Amount Awarded", "amountDisbursed": "Amount Disbursed", "awardDate": "Award Date", "url": "URL",
    "recipientOrganization": "Recipient Org", "recipientIndividual": "Recipient Ind",
    "beneficiaryLocation": "Beneficiary Location", "fundingOrganization": "Funding Org",
    "grantProgramme": "Grant Programme", "fromOpenCall": "From An Open Call?", "classifications": "Classifications",
    "dataSource": "Data Source", "name": "Name", "addressLocality": "City", "addressCountry": "Country",
    "countryCode": "Country Code", "geoCode": "Geographic Code", "latitude": "Latitude", "longitude": "Longitude",
    "vocabulary": "Vocabulary", "code": "Code",
}


def _key(text: str) -> str:
    """A name as part of an id: ASCII letters, digits and single hyphens ('Ville de Dinant' -> 'ville-de-dinant')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def grant_id(prefix: str, campaign: Campaign, item: Laureate) -> str:
    return f"360G-{prefix}-{campaign.slug}-{item.slug}"


def _funders(prefix: str, campaign: Campaign) -> list[dict]:
    """The budget's sources (the municipalities where the campaign gives no budget)."""
    lang = campaign.default_language
    names = ([source.name[lang] for source in campaign.budget.sources] if campaign.budget else
             [municipality.name[lang] for municipality in campaign.municipalities])
    return [{"id": f"360G-{prefix}-{_key(name)}", "name": name} for name in dict.fromkeys(names)]


def _recipient(prefix: str, campaign: Campaign, item: Laureate, day: dt.date) -> dict:
    municipality = municipality_of(campaign, item).name[campaign.default_language]
    own = f"360G-{prefix}-{campaign.slug}-{item.slug}"
    if item.holder_type == "person":
        name = item.holder[campaign.default_language] if is_named(item, day) else INDIVIDUAL
        return {"recipientIndividual": {"id": f"{own}-IND", "name": name}}
    return {"recipientOrganization": [{"id": f"{own}-ORG", "name": item.holder[campaign.default_language],
                                       "addressLocality": municipality, "addressCountry": "BE"}]}


def _location(campaign: Campaign, item: Laureate) -> dict:
    municipality = municipality_of(campaign, item)
    place = {"name": municipality.name[campaign.default_language], "countryCode": "BE",
             "geoCode": municipality.nis_code}
    if item.location:
        place |= {"latitude": float(item.location[0]), "longitude": float(item.location[1])}
    return place


def grant(prefix: str, campaign: Campaign, item: Laureate, day: dt.date) -> dict:
    """One laureate as a 360Giving grant."""
    lang = campaign.default_language
    sdgs = get_sdgs()
    record = {
        "id": grant_id(prefix, campaign, item), "title": item.title[lang], "description": item.summary[lang],
        "currency": "EUR", "amountAwarded": euros(item.amount),
        **({"amountDisbursed": euros(item.paid)} if item.tracked else {}),
        "awardDate": results_day(campaign).isoformat(), "url": f"{campaign.base_url}{lang}/laureates/{item.slug}/",
        **_recipient(prefix, campaign, item, day),
        "beneficiaryLocation": [_location(campaign, item)],
        "fundingOrganization": _funders(prefix, campaign),
        "grantProgramme": [{"code": campaign.slug, "title": campaign.title[lang], "url": campaign.base_url}],
        "fromOpenCall": "Yes" if campaign.call else "No",
        "classifications": [{"vocabulary": "SDG", "code": str(goal), "title": sdgs[goal].title["en"]}
                            for goal in item.sdgs],
        "dataSource": f"{campaign.base_url}data/{JSON_NAME}",
    }
    return record


def grants(prefix: str, campaigns, day: dt.date) -> list[dict]:
    return [grant(prefix, campaign, item, day) for campaign in campaigns for item in campaign.laureates]


def package(prefix: str, title: str, publisher: str, url: str, records: list[dict], day: dt.date) -> dict:
    return {"grants": records, "version": VERSION, "title": title, "issued": day.isoformat(),
            "publisher": {"name": publisher, "website": url}, "license": LICENCE["path"],
            "downloadURL": url + JSON_NAME}


def flat(records: list[dict]) -> str:
    """The grants as the standard's flat CSV: a column per field, lists as `Title:<index>:Field`, text
    cells neutralised like every CSV we publish (opendata.neutralise)."""
    rows = [dict(_flatten(record)) for record in records]
    columns = list(dict.fromkeys(column for row in rows for column in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _flatten(node: dict, prefix: str = ""):
    for key, value in node.items():
        title = f"{prefix}{TITLES[key]}"
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _flatten(item, f"{title}:{index}:")
        elif isinstance(value, dict):
            yield from _flatten(value, f"{title}:")
        else:
            yield title, value


def _cell(value) -> str:
    if value is None:
        return ""
    return neutralise(value) if isinstance(value, str) else str(value)


def _files(name_prefix: str, pack: dict) -> list[tuple[str, str]]:
    return [(f"{name_prefix}{JSON_NAME}", json.dumps(pack, ensure_ascii=False, indent=2) + "\n"),
            (f"{name_prefix}{CSV_NAME}", flat(pack["grants"]))]


def campaign_files(campaign: Campaign, day: dt.date) -> list[tuple[str, str]]:
    """(file name, content) of a campaign's 360Giving package, for its data/ folder; none before its
    first public grant or without the network's prefix."""
    if not has_package(campaign):
        return []
    lang, prefix = campaign.default_language, campaign.grant_id_prefix
    pack = package(prefix, campaign.title[lang], campaign.contact.name, f"{campaign.base_url}data/",
                   grants(prefix, (campaign,), day), day)
    return _files("", pack)


def network_files(network: Network, day: dt.date) -> list[tuple[str, str]]:
    """(file name, content) of the whole network's 360Giving package, at the portal's root."""
    records = grants(network.grant_id_prefix, network.campaigns, day) if network.grant_id_prefix else []
    if not records:
        return []
    lang = network.languages[0]
    return _files("", package(network.grant_id_prefix, network.title[lang], network.contact.name, network.base_url,
                              records, day))


def has_package(campaign: Campaign) -> bool:
    """Whether campaign_files publishes anything: the pages link it only then."""
    return bool(campaign.grant_id_prefix and campaign.laureates)
