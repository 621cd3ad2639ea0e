"""Open data: per campaign a Frictionless Data Package beside the public CSV files and a JSON listing.

Columns come from the Table Schemas in data/schemas/ (descriptions included) minus every `x-private`
column; the package validates with `frictionless validate`.
"""

from __future__ import annotations

import csv
import io
import json

from .model import Campaign

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
TITLES = {"laureates": "Laureate projects", "events": "Events", "updates": "Follow-up of the projects",
          "actions": "Climate plan actions"}


def table_csv(table) -> str:
    """A public table as CSV text (LF line ends, UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f["name"] for f in table.fields])
    writer.writerows(table.rows)
    return buffer.getvalue()


def _resource(name: str, table) -> dict:
    fields = [{k: v for k, v in f.items() if not k.startswith("x-")} for f in table.fields]
    return {"name": name, "path": f"{name}.csv", "title": TITLES[name], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields}}


def datapackage(campaign: Campaign) -> dict:
    """The Data Package descriptor of a campaign's public tables."""
    lang = campaign.default_language
    return {
        "profile": "tabular-data-package",
        "name": campaign.slug,
        "title": campaign.title[lang],
        "description": campaign.tagline[lang],
        "homepage": campaign.base_url,
        "licenses": [LICENCE],
        "contributors": [{"title": campaign.contact.name, "email": campaign.contact.email, "role": "publisher"}],
        "keywords": ["citizen projects", "ecological transition", "SDG", "Belgium"],
        "resources": [_resource(name, table) for name, table in sorted(campaign.public_tables.items())],
    }


def laureates_json(campaign: Campaign) -> dict:
    """The laureate listing for the press and for reuse: typed values, a page address per language."""
    return {"campaign": campaign.slug, "edition": campaign.edition, "currency": "EUR", "licence": LICENCE["name"],
            "laureates": [{
                "slug": item.slug, "title": dict(item.title), "summary": dict(item.summary), "holder": item.holder,
                "sdgs": list(item.sdgs), "category": item.category, "amount": item.amount,
                "selected_by": item.selected_by, "votes": item.votes, "status": item.status,
                "image": campaign.base_url + item.image if item.image else None,
                "image_credit": item.image_credit, "website": item.website,
                "pages": {lang: f"{campaign.base_url}{lang}/laureates/{item.slug}/" for lang in campaign.languages},
            } for item in campaign.laureates]}


def readme(campaign: Campaign) -> str:
    """A short README for people who download the data."""
    lines = [f"# Open data: {campaign.title[campaign.default_language]}", "",
             "Public data of this campaign, described by `datapackage.json` (Frictionless Data Package):",
             "every column has a description. Check it with `frictionless validate datapackage.json`.", "",
             f"Licence: {LICENCE['title']} ({LICENCE['name']}). Contact: {campaign.contact.email}.", "", "Files:", ""]
    lines += [f"- `{name}.csv`: {TITLES[name]}" for name in sorted(campaign.public_tables)]
    if campaign.laureates:
        lines.append("- `laureates.json`: the laureates with typed values and the address of each project page")
    lines += ["", "Contact data of project holders is personal data and is never published.", ""]
    return "\n".join(lines)


def files(campaign: Campaign) -> list[tuple[str, str]]:
    """(file name, content) of the campaign's open data folder."""
    out = [(f"{name}.csv", table_csv(table)) for name, table in sorted(campaign.public_tables.items())]
    out.append(("datapackage.json", json.dumps(datapackage(campaign), ensure_ascii=False, indent=2) + "\n"))
    out.append(("laureates.json", json.dumps(laureates_json(campaign), ensure_ascii=False, indent=2) + "\n"))
    out.append(("README.md", readme(campaign)))
    return out
