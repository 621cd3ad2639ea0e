"""Open data: per campaign a Frictionless Data Package beside the public CSV files and a JSON listing.

Columns come from the Table Schemas in data/schemas/ (descriptions included) minus every `x-private`
column; the package validates with `frictionless validate`.

Text cells that a spreadsheet would run as a formula are neutralised the OWASP way, with a leading
single quote (https://owasp.org/www-community/attacks/CSV_Injection): a journalist opening the CSV
runs nothing, the descriptor says so, and the JSON listing keeps every value as written (issue 8).
"""

from __future__ import annotations

import csv
import io
import json
import re

from campaignsite.core.schemas import table_schema_descriptor
from campaignsite.model.assembly import euros
from campaignsite.model.ranking import ranking, ranks
from campaignsite.model.records import Campaign, PublicTable

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
TITLES = {"laureates": "Laureate projects", "candidates": "Candidate projects and their results", "events": "Events",
          "updates": "Follow-up of the projects", "payments": "Grant payments and repayments",
          "ranking": "Final ranking of the selection", "actions": "Climate plan actions and their indicators",
          "action_updates": "History of the climate plan actions: status, progress and indicator value by date",
          "covenant": "Climate plan actions in the columns of the Covenant of Mayors' SECAP template"}

# The Covenant of Mayors' words for actions.csv sector and status (SECAP reporting template).
COVENANT_SECTORS = {
    "municipal-buildings": "Municipal buildings, equipment/facilities",
    "tertiary-buildings": "Tertiary (non municipal) buildings, equipment/facilities",
    "residential-buildings": "Residential buildings", "public-lighting": "Public lighting", "industry": "Industry",
    "transport": "Transport", "local-electricity": "Local electricity production",
    "local-heat": "Local heat/cold production", "agriculture": "Agriculture, forestry, fisheries", "waste": "Waste",
    "adaptation": "Adaptation", "other": "Other"}
COVENANT_STATUS = {"planned": "Not started", "in-progress": "Ongoing", "done": "Completed", "delayed": "Postponed"}

# The ranking is computed (model/ranking.py), not a file of the campaign: its columns are declared here.
RANKING_FIELDS = (
    {"name": "rank", "type": "integer", "constraints": {"minimum": 1},
     "description": "Place in the final ranking, 1 is first: as the campaign gives it, else from the scores "
                    "(projects with the same score share a place and the next place is skipped: 1, 2, 2, 4). "
                    "Empty for a project without a score or a rank."},
    {"name": "slug", "type": "string", "constraints": {"required": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"},
     "description": "Short id of the project: its row in candidates.csv, or in laureates.csv for a campaign "
                    "without candidates.csv."},
    {"name": "votes", "type": "integer", "constraints": {"minimum": 0},
     "description": "Votes the project received in the public vote, where the campaign publishes them."},
    {"name": "score", "type": "number", "constraints": {"minimum": 0, "maximum": 100},
     "description": "Final score out of 100, weighted over the selection stages, where the campaign publishes it."},
    {"name": "selected", "type": "boolean",
     "description": "true for a project that was selected (a laureate), false otherwise."},
)


# A cell a spreadsheet may take for a formula starts with one of these, possibly after single quotes
# (so that a value already starting with "'=" gets its own quote too, and one quote less undoes it).
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
NEUTRALISED = ("Text cells of the CSV files that began with =, +, -, @, a tab or a carriage return (after any "
               "single quotes) are published with one more single quote (') in front, so that spreadsheets do "
               "not run them as formulas; remove one leading ' from such cells to get the original text.")
FIELD_NOTE = ("A cell that began with =, +, -, @, a tab or a carriage return (after any single quotes) is "
              "published with one more single quote (') in front; remove it to get the original text.")


def neutralise(cell: str) -> str:
    """A text cell as published in CSV: prefixed with `'` when a spreadsheet could run it (OWASP)."""
    return "'" + cell if FORMULA_START.match(cell) else cell


def table_csv(table) -> str:
    """A public table as CSV text (LF line ends, UTF-8); text cells neutralised, numbers and dates as is."""
    text = [f.get("type", "string") == "string" for f in table.fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # Python before 3.12 leaves a cell holding a CR unquoted when lines end in LF: quote such rows whole.
    quoting = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([f["name"] for f in table.fields])
    for row in table.rows:
        cells = [neutralise(cell) if is_text else cell for cell, is_text in zip(row, text)]
        (quoting if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def free_text(field: dict) -> bool:
    """A text column whose cells may start with anything (no list of values, no pattern)."""
    constraints = field.get("constraints", {})
    return field.get("type", "string") == "string" and "enum" not in constraints and "pattern" not in constraints


def _field(field: dict) -> dict:
    """A column as the descriptor publishes it: private keys dropped; a free-text column says how its
    cells are neutralised, and its length limit allows for the quote."""
    field = {k: v for k, v in field.items() if not k.startswith("x-")}
    if not free_text(field):
        return field
    field["description"] = f"{field['description'].rstrip()} {FIELD_NOTE}"
    if "maxLength" in field.get("constraints", {}):
        field["constraints"] = {**field["constraints"], "maxLength": field["constraints"]["maxLength"] + 1}
    return field


def ranking_table(campaign: Campaign) -> PublicTable | None:
    """The final ranking as a table, for a campaign whose results have scores or ranks; on every day, with
    no rows before the results day, so that the open data has the same shape every day."""
    sources = [campaign.public_tables[name].fields for name in ("candidates", "laureates")
               if name in campaign.public_tables]
    names = {f["name"] for f in sources[0]} if sources else set()
    if not names & {"score", "rank"}:
        return None
    # A mark column per stage where the campaign publishes marks: the stages are known every day.
    stages = campaign.selection if "marks" in names else ()
    fields = RANKING_FIELDS[:3] + tuple(
        {"name": f"mark_{stage.id}", "type": "number", "constraints": {"minimum": 0, "maximum": 100},
         "description": f"Mark out of 100 the project received at the selection stage '{stage.id}' "
                        "(campaign.yml selection)."} for stage in stages) + RANKING_FIELDS[3:]
    rows = tuple(tuple(_cell(value) for value in (entry.rank, entry.slug, entry.votes,
                                                  *(entry.marks.get(stage.id) for stage in stages),
                                                  entry.score, entry.selected))
                 for entry in ranking(campaign))
    return PublicTable(fields, rows)


def covenant_table(campaign: Campaign) -> PublicTable | None:
    """The actions as the Covenant of Mayors reports them (data/schemas/covenant.schema.json), as on the
    build day (campaign.actions is already the day's: model/public.py)."""
    if not campaign.actions:
        return None
    lang = campaign.default_language
    rows = []
    for a in campaign.actions:
        indicator = a.indicator
        measured = [step for step in a.history if step.value is not None]
        label = indicator and " ".join(filter(None, (indicator.label.get(lang), f"({indicator.unit})"
                                                     if indicator.unit else None)))
        rows.append(tuple(_cell(value) for value in (
            a.slug, a.title[lang], COVENANT_SECTORS.get(a.sector or ""), a.responsible, a.start, a.target_date,
            COVENANT_STATUS[a.status], a.progress, euros(a.budget) if a.budget is not None else None,
            ";".join(a.funders), a.energy_saving, a.co2_saving, label, indicator and indicator.baseline,
            indicator and indicator.target, indicator and indicator.current,
            measured[-1].date if indicator and measured else None)))
    return PublicTable(tuple(table_schema_descriptor("covenant")["fields"]), tuple(rows))


def _cell(value) -> str:
    """A value as a CSV cell that Frictionless reads back: numbers without a useless '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def tables(campaign: Campaign) -> dict[str, PublicTable]:
    """The published tables by name: the campaign's public tables and the ranking, in name order."""
    computed = {"ranking": ranking_table(campaign), "covenant": covenant_table(campaign)}
    return dict(sorted({**campaign.public_tables, **{k: v for k, v in computed.items() if v}}.items()))


def _resource(name: str, table) -> dict:
    fields = [_field(f) for f in table.fields]
    return {"name": name, "path": f"{name}.csv", "title": TITLES[name], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields}}


def datapackage(campaign: Campaign) -> dict:
    """The Data Package descriptor of a campaign's public tables."""
    lang = campaign.default_language
    return {
        "profile": "tabular-data-package",
        "name": campaign.slug,
        "title": campaign.title[lang],
        "description": f"{campaign.tagline[lang]}\n\n{NEUTRALISED} laureates.json keeps every value as written.",
        "homepage": campaign.base_url,
        "licenses": [LICENCE],
        "contributors": [{"title": campaign.contact.name, "email": campaign.contact.email, "role": "publisher"}],
        "keywords": ["citizen projects", "ecological transition", "SDG", "Belgium"],
        "resources": [_resource(name, table) for name, table in tables(campaign).items()],
    }


def laureates_json(campaign: Campaign) -> dict:
    """The laureate listing for the press and for reuse: typed values, a page address per language."""
    ranked = ranks(campaign)
    return {"campaign": campaign.slug, "edition": campaign.edition, "currency": "EUR", "licence": LICENCE["name"],
            "laureates": [{
                "slug": item.slug, "title": dict(item.title), "summary": dict(item.summary), "holder": dict(item.holder),
                "sdgs": list(item.sdgs), "category": item.category, "amount": euros(item.amount),
                "prizes": list(item.prizes), "score": item.score, "rank": ranked.get(item.slug),
                "selected_by": list(item.selected_by), "votes": item.votes, "status": item.status,
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
    lines += [f"- `{name}.csv`: {TITLES[name]}" for name in tables(campaign)]
    if campaign.laureates:
        lines.append("- `laureates.json`: the laureates with typed values and the address of each project page")
    if campaign.laureates and campaign.grant_id_prefix:
        lines.append("- `360giving.json` and `360giving.csv`: the grants in the 360Giving Data Standard 1.4 (a package "
                     "of grants and its flat CSV), one per laureate, for funders and grant-makers "
                     "(https://standard.threesixtygiving.org/)")
    lines += ["", f"{NEUTRALISED} `laureates.json` keeps every value as written.", "",
              "Contact data of project holders is personal data and is never published.", ""]
    return "\n".join(lines)


def files(campaign: Campaign) -> list[tuple[str, str]]:
    """(file name, content) of the campaign's open data folder."""
    out = [(f"{name}.csv", table_csv(table)) for name, table in tables(campaign).items()]
    out.append(("datapackage.json", json.dumps(datapackage(campaign), ensure_ascii=False, indent=2) + "\n"))
    out.append(("laureates.json", json.dumps(laureates_json(campaign), ensure_ascii=False, indent=2) + "\n"))
    out.append(("README.md", readme(campaign)))
    return out
