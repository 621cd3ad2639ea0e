"""The grants as 360Giving data (issue 21): the package validates against the standard's schema (the
copy in ../shared/reference/360giving/, offline), one grant per public laureate, amounts as the
laureates' grants and payments, and the press page links it."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from html_support import ROOT, TODAY, cents, load_network, parse, split_list

REFERENCE = ROOT.parent / "shared" / "reference" / "360giving"
if not REFERENCE.is_dir():  # a clone beside /work/main: the shared folder of the work place
    REFERENCE = Path("/work/shared/reference/360giving")
NETWORK = load_network()
PREFIX = NETWORK.config["grant_id_prefix"]
WITH_GRANTS = [pytest.param(c, id=c.slug) for c in NETWORK.campaigns if c.laureates]


def validator() -> jsonschema.Draft202012Validator:
    """The package schema, its grant schema registered under both addresses it is known by (README
    of the reference copy), never fetched; formats checked, as the dates' oneOf needs."""
    grant = json.loads((REFERENCE / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((REFERENCE / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    resource = Resource(contents=grant, specification=DRAFT202012)
    registry = Registry().with_resources([
        (grant["$id"], resource),
        (grant["$id"].replace("/1.4.3/", "/1.4.2/"), resource)])
    return jsonschema.Draft202012Validator(package, registry=registry, format_checker=jsonschema.FormatChecker())


def errors(document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]


def loaded(path: Path) -> dict:
    assert path.is_file(), f"{path} is missing"
    return json.loads(path.read_text(encoding="utf-8"))


def paid(c, slug: str) -> int:
    """Cents paid to a project up to the build day, net of repayments, from payments.csv."""
    return sum(cents(row["amount"]) * (-1 if row["kind"] == "repayment" else 1)
               for row in c.payments if row["project"] == slug)


def test_the_validator_catches_a_broken_grant():
    """The check itself can fail: a grant without an amount or with an award date in words."""
    grant = {"id": "360G-x-a", "title": "t", "description": "d", "currency": "EUR", "amountAwarded": 1,
             "awardDate": "2026-03-04", "recipientOrganization": [{"id": "x", "name": "n"}],
             "fundingOrganization": [{"id": "f", "name": "F"}]}
    assert errors({"grants": [grant]}) == []
    assert errors({"grants": [{**grant, "awardDate": "4 March 2026"}]})
    assert errors({"grants": [{k: v for k, v in grant.items() if k != "amountAwarded"}]})


def test_the_networks_package_validates_and_holds_every_public_grant(example_site):
    package = loaded(example_site / "360giving.json")
    assert errors(package) == []
    expected = {f"360G-{PREFIX}-{c.slug}-{row['slug']}" for c in NETWORK.campaigns for row in c.laureates}
    ids = [grant["id"] for grant in package["grants"]]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    assert package["issued"] == TODAY.isoformat()


@pytest.mark.parametrize("c", WITH_GRANTS)
def test_a_campaigns_grants_are_its_laureates_grants_and_payments(example_site, c):
    package = loaded(example_site / c.slug / "data" / "360giving.json")
    assert errors(package) == []
    grants = {grant["id"]: grant for grant in package["grants"]}
    assert len(grants) == len(c.laureates)
    tracked = (c.folder / "payments.csv").is_file()
    for row in c.laureates:
        # The project's own municipality in a campaign of several, else the campaign's one.
        municipality = row.get("municipality") or c.config["municipalities"][0]["nis_code"]
        grant = grants[f"360G-{PREFIX}-{c.slug}-{row['slug']}"]
        assert Decimal(str(grant["amountAwarded"])) * 100 == cents(row["amount"])
        assert grant["currency"] == "EUR"
        if tracked:
            assert Decimal(str(grant["amountDisbursed"])) * 100 == paid(c, row["slug"])
        else:
            assert "amountDisbursed" not in grant
        assert [x["code"] for x in grant["classifications"]] == split_list(row["sdgs"])
        assert {x["vocabulary"] for x in grant["classifications"]} == {"SDG"}
        assert grant["beneficiaryLocation"][0]["geoCode"] == municipality
        assert grant["fromOpenCall"] == ("Yes" if "call" in c.config else "No")
        funders = [f["name"] for f in grant["fundingOrganization"]]
        sources = c.config.get("budget", {}).get("sources", [])
        lang = c.languages[0]
        assert funders == [s["name"] if isinstance(s["name"], str) else s["name"][lang] for s in sources] or not sources


@pytest.mark.parametrize("c", WITH_GRANTS)
def test_the_flat_csv_says_what_the_json_says(example_site, c):
    package = loaded(example_site / c.slug / "data" / "360giving.json")
    text = (example_site / c.slug / "data" / "360giving.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Identifier"] for row in rows] == [grant["id"] for grant in package["grants"]]
    for row, grant in zip(rows, package["grants"]):
        assert Decimal(row["Amount Awarded"]) == Decimal(str(grant["amountAwarded"]))
        assert row["Currency"] == "EUR" and row["Award Date"] == grant["awardDate"]
        assert row["Funding Org:0:Name"] == grant["fundingOrganization"][0]["name"]
        assert row["Beneficiary Location:0:Geographic Code"] == grant["beneficiaryLocation"][0]["geoCode"]
        assert row["From An Open Call?"] == grant["fromOpenCall"]


def test_a_person_without_consent_is_an_individual_recipient(example_site):
    """Namur 2023: the repair café's holder is a person who gave no consent, the fridge's one did."""
    grants = {g["id"]: g for g in loaded(example_site / "namur-2023" / "data" / "360giving.json")["grants"]}
    anonymous = grants[f"360G-{PREFIX}-namur-2023-repair-cafe-jambes"]
    assert anonymous["recipientIndividual"]["name"] == "Individual Recipient"
    assert "Michel Dubois" not in json.dumps(grants, ensure_ascii=False)
    named = grants[f"360G-{PREFIX}-namur-2023-frigo-solidaire-saint-servais"]
    assert named["recipientIndividual"]["name"] == "Karim Haddad"
    csv_text = (example_site / "namur-2023" / "data" / "360giving.csv").read_text(encoding="utf-8")
    assert "Michel Dubois" not in csv_text and "Karim Haddad" in csv_text


def test_nothing_before_the_first_grant(example_site):
    for c in NETWORK.campaigns:
        if not c.laureates:
            assert not (example_site / c.slug / "data" / "360giving.json").exists(), c.slug


@pytest.mark.parametrize("c", WITH_GRANTS)
def test_the_press_page_links_the_package(example_site, c):
    lang = c.languages[0]
    doc = parse(example_site / c.slug / lang / "press" / "index.html")
    links = {a.get("href") for a in doc.select("a[href]")}
    assert "../../data/360giving.json" in links and "../../data/360giving.csv" in links
