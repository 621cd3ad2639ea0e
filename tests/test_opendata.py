"""The open data beside each campaign site: a Frictionless Data Package that validates, documents
every column, carries a licence and publishes nothing private (DOMAIN.md, "Open data").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import frictionless
import pytest

from html_support import TODAY, cents, label, load_network, private_columns, read_csv, results_day, split_list

NETWORK = load_network()
CAMPAIGNS = [pytest.param(c, id=c.slug) for c in NETWORK.campaigns]
TABLES = ("laureates", "candidates", "events", "updates", "payments", "actions", "action_updates")


@pytest.fixture(scope="module")
def site(example_site) -> Path:
    return example_site


def data_dir(site: Path, c) -> Path:
    return site / c.slug / "data"


def package(site: Path, c) -> dict:
    return json.loads((data_dir(site, c) / "datapackage.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("c", CAMPAIGNS)
def test_datapackage_passes_frictionless_validate(site, c):
    path = data_dir(site, c) / "datapackage.json"
    assert path.is_file(), f"{c.slug}/data/datapackage.json is missing"
    report = frictionless.validate(str(path))
    errors = [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors]
    errors += [f"{error.type}: {error.message}" for error in report.errors]
    assert report.valid, f"frictionless validate {c.slug}/data/datapackage.json:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("c", CAMPAIGNS)
def test_every_table_is_described_and_licensed(site, c):
    descriptor = package(site, c)
    licences = descriptor.get("licenses") or []
    assert licences and all(item.get("name") and (item.get("path") or item.get("title")) for item in licences), \
        f"no licence with a name and a path or title: {licences}"
    resources = {r["name"]: r for r in descriptor["resources"]}
    expected = {name for name in TABLES if (c.folder / f"{name}.csv").is_file()}
    assert expected <= set(resources), f"resources {sorted(resources)}, the campaign has {sorted(expected)}"
    undocumented = [f"{r['name']}.{f['name']}" for r in resources.values()
                    for f in r.get("schema", {}).get("fields", []) if not str(f.get("description", "")).strip()]
    assert not undocumented, f"fields without a description: {undocumented}"
    missing = [r["path"] for r in resources.values() if not (data_dir(site, c) / r["path"]).is_file()]
    assert not missing, f"resources whose file is not published: {missing}"
    readme = (data_dir(site, c) / "README.md").read_text(encoding="utf-8")
    assert all(r["path"] in readme for r in resources.values()), "data/README.md does not name every file"


@pytest.mark.parametrize("c", CAMPAIGNS)
def test_no_private_column_in_open_data(site, c):
    private = set().union(*private_columns().values())
    problems = []
    for resource in package(site, c)["resources"]:
        fields = {f["name"] for f in resource.get("schema", {}).get("fields", [])}
        problems += [f"datapackage.json: {resource['name']}.{name}" for name in sorted(fields & private)]
        path = data_dir(site, c) / resource["path"]
        if path.suffix == ".csv":
            header = set(read_csv(path)[0]) if read_csv(path) else set()
            problems += [f"{resource['path']}: column {name}" for name in sorted(header & private)]
    laureates = json.loads((data_dir(site, c) / "laureates.json").read_text(encoding="utf-8"))["laureates"]
    problems += [f"laureates.json: {item['slug']}.{name}" for item in laureates for name in sorted(set(item) & private)]
    assert not problems, f"private columns published for {c.slug}: {problems}"


def undo_formula_quote(cell: str) -> str:
    """A published CSV cell as written: one quote less where opendata.py neutralised a formula (OWASP)."""
    return cell[1:] if re.match(r"'+[=+\-@\t\r]", cell) else cell


def unnamed(c, row: dict) -> dict:
    """A row whose holder is a person who had not consented by TODAY: "a resident of" the campaign's
    municipality in each holder column, as DATA.md says (holder_type, holder_consent)."""
    if row.get("holder_type") != "person" or row.get("holder_consent") and row["holder_consent"] <= TODAY.isoformat():
        return row
    name = c.config["municipalities"][0]["name"]

    def resident(lang: str) -> str:
        return label(lang, "A resident of %(municipality)s") % {
            "municipality": name if isinstance(name, str) else name[lang]}
    return {k: resident(c.languages[0] if k == "holder" else k.removeprefix("holder_"))
            if k == "holder" or k.removeprefix("holder_") in c.languages else v for k, v in row.items()}


def public_rows_of(c, name: str, source: list[dict]) -> list[dict]:
    """The rows of a table as public on the build day: the laureates, their updates and payments as
    html_support reads them for TODAY; the candidates without their results before the results day;
    holders who are persons named only with their consent."""
    shown = {"laureates": [unnamed(c, row) for row in c.laureates], "updates": c.updates, "payments": c.payments}
    if name in shown:
        return shown[name]
    if name == "candidates" and TODAY < results_day(c.config):
        results = ("votes", "marks", "score", "rank", "prizes")
        return [{k: "" if k in results or k.startswith("reason_") else v for k, v in row.items()} for row in source]
    # A climate plan's history up to TODAY, each action's status and progress of its latest step then,
    # and an event's participants and outcome once it took place.
    day = TODAY.isoformat()
    if name == "action_updates":
        return [row for row in source if row["date"] <= day]
    if name == "actions" and (c.folder / "action_updates.csv").exists():
        steps = sorted(read_csv(c.folder / "action_updates.csv"), key=lambda row: row["date"])
        latest = {step["action"]: step for step in steps if step["date"] <= day}
        known = {step["action"] for step in steps}
        return [{**row, **({k: latest[row["slug"]][k] for k in ("status", "progress")} if row["slug"] in latest
                           else {"status": "planned", "progress": "0"} if row["slug"] in known else {})}
                for row in source]
    if name == "events":
        return [{k: "" if row["end"][:10] >= day and (k == "participants" or k.startswith("outcome_")) else v
                 for k, v in row.items()} for row in source]
    return source


@pytest.mark.parametrize("c", CAMPAIGNS)
def test_published_csv_rows_are_the_source_rows_without_private_columns(site, c):
    private = set().union(*private_columns().values())
    for name in TABLES:
        source = read_csv(c.folder / f"{name}.csv")
        if not source:
            continue
        published = [{k: undo_formula_quote(v) for k, v in row.items()}
                     for row in read_csv(data_dir(site, c) / f"{name}.csv")]
        expected = [{k: v for k, v in row.items() if k not in private} for row in public_rows_of(c, name, source)]
        assert published == expected, f"{c.slug}/data/{name}.csv differs from campaigns/{c.slug}/{name}.csv"


@pytest.mark.parametrize("c", CAMPAIGNS)
def test_laureates_json_has_every_row_with_its_amount(site, c):
    data = json.loads((data_dir(site, c) / "laureates.json").read_text(encoding="utf-8"))
    items = {item["slug"]: item for item in data["laureates"]}
    assert len(data["laureates"]) == len(c.laureates), \
        f"{len(data['laureates'])} entries, laureates.csv has {len(c.laureates)} rows"
    problems = []
    for row in c.laureates:
        item = items.get(row["slug"])
        if item is None:
            problems.append(f"{row['slug']}: missing")
            continue
        if item.get("amount") is None or cents(str(item["amount"])) != cents(row["amount"]):
            problems.append(f"{row['slug']}: amount {item.get('amount')!r}, laureates.csv has {row['amount']}")
        if sorted(item.get("sdgs", [])) != sorted(int(n) for n in split_list(row["sdgs"])):
            problems.append(f"{row['slug']}: sdgs {item.get('sdgs')}, laureates.csv has {row['sdgs']}")
        for lang in c.languages:
            if (item.get("title") or {}).get(lang) != row[f"title_{lang}"]:
                problems.append(f"{row['slug']}: title.{lang} {(item.get('title') or {}).get(lang)!r}")
    assert not problems, f"{c.slug}/data/laureates.json: {problems}"
    assert sum(cents(str(item["amount"])) for item in data["laureates"]) == sum(cents(r["amount"]) for r in c.laureates)
