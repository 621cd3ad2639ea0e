"""Campaigns as they really happen (issue 9): juries with weights, prizes, money in cents, payments
with repayments, posts in some languages only, and the cross-checks that catch a story that cannot
have happened. Broken input is reported as `file:line: field: message [code]`; the example network
shows every new field on its pages and in its open data."""

from __future__ import annotations

import json

import pytest

from campaignsite import pipeline
from campaignsite.core.errors import ValidationFailed
from html_support import parse
from project import CAMPAIGN_YML, LAUREATES_CSV, UPDATES_CSV, default_files, edit, laureates_with, write_project

C = "campaigns/demo-2025"
YML, LAUREATES, UPDATES, PAYMENTS = f"{C}/campaign.yml", f"{C}/laureates.csv", f"{C}/updates.csv", f"{C}/payments.csv"

# The demo's `jury:` as a `selection:` of two weighted juries and a public vote, with a prize.
SELECTION = """\
selection:
  - id: vote
    kind: public-vote
    start: 2025-04-20
    end: 2025-04-30
  - id: experts
    kind: expert-jury
    start: 2025-05-06
    weight: 50
    members:
      - name: An Peeters
        role: {nl: voorzitter, fr: présidente}
        affiliation: Brussels Environment
  - id: burgers
    kind: citizen-jury
    name: {nl: Burgerjury van Elsene, fr: Jury citoyen d'Ixelles}
    start: 2025-05-06
    weight: 50
    members:
      - name: Luc Dubois
        affiliation: {nl: Wijk Flagey, fr: Quartier Flagey}
prizes:
  - id: favourite
    name: {nl: Publieksprijs, fr: Coup de cœur du public}
    stage: vote
    amount: 500
"""


def staged_yml(old: str = "", new: str = "") -> str:
    """campaign.yml with `selection:` and `prizes:` instead of `jury:` (and `old` replaced by `new`)."""
    text = CAMPAIGN_YML[:CAMPAIGN_YML.index("jury:\n")] + SELECTION
    assert not old or text.count(old) == 1, old
    return text.replace(old, new) if old else text


def staged_laureates(**cells_by_slug: dict[str, str]) -> str:
    """laureates.csv for the staged campaign: a score and prizes column, selected_by naming stages."""
    rows = LAUREATES_CSV.replace(",8000,jury,,", ",8000,experts;burgers,,").replace(",2000,both,312,", ",2000,vote,312,")
    lines = rows.splitlines()
    out = [lines[0] + ",score,prizes"]
    extra = {"moestuin": ["81.5", ""], "repair": ["", "favourite"]}
    header = out[0].split(",")
    for line in lines[1:]:
        row = line.split(",") + extra[line.split(",")[0]]
        cells = cells_by_slug.get(row[0], {})
        out.append(",".join(cells.get(name, cell) for name, cell in zip(header, row)))
    return "\n".join(out) + "\n"


def with_column(csv_text: str, name: str, cells: dict[str, str]) -> str:
    """A CSV with one more column, filled per slug (first cell of each row)."""
    lines = csv_text.splitlines()
    return "\n".join([f"{lines[0]},{name}"] + [f"{line},{cells.get(line.split(',')[0], '')}" for line in lines[1:]]) + "\n"


def problems_of(tmp_path, files: dict) -> set[tuple]:
    root = write_project(tmp_path, files)
    try:
        pipeline.build_model(root)
    except ValidationFailed as failure:
        for problem in failure.problems:  # every message reads `path:line: field: message [code]`
            assert str(problem).startswith(f"{problem.path}:") and str(problem).endswith(f" [{problem.code}]")
        return {(p.path, p.line, p.field, str(p.code)) for p in failure.problems}
    return set()


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


STAGED = {YML: staged_yml(), LAUREATES: staged_laureates()}


def test_the_staged_demo_is_valid(tmp_path):
    assert problems_of(tmp_path, STAGED) == set()


def test_cents_and_payments_are_valid(tmp_path):
    files = {**STAGED, LAUREATES: staged_laureates(repair={"amount": "1999.50"}),
             PAYMENTS: "project,date,kind,amount\nrepair,2025-06-01,advance,1599.60\nrepair,2025-09-01,repayment,99.60\n"}
    assert problems_of(tmp_path, files) == set()


CROSS_CHECKS = [
    pytest.param({**STAGED, YML: staged_yml("    weight: 50\n    members:\n      - name: Luc", "    weight: 60\n    members:\n      - name: Luc")},
                 {(YML, line_of(staged_yml(), "weight: 50"), "selection.weight", "bad-weights")}, id="weights-not-100"),
    pytest.param({**STAGED, YML: staged_yml() + "jury:\n  - name: Els\n    kind: expert\n"},
                 {(YML, len(staged_yml().splitlines()) + 1, "jury", "inconsistent")}, id="jury-and-selection"),
    pytest.param({**STAGED, LAUREATES: staged_laureates(moestuin={"selected_by": "experts;jurors"})},
                 {(LAUREATES, 2, "selected_by", "unknown-stage")}, id="unknown-stage"),
    pytest.param({LAUREATES: laureates_with("repair", {"selected_by": "jurors"})},
                 {(LAUREATES, 3, "selected_by", "not-in-list")}, id="one-jury-unknown-selected-by"),
    pytest.param({**STAGED, LAUREATES: staged_laureates(repair={"prizes": "favourite;golden"})},
                 {(LAUREATES, 3, "prizes", "unknown-prize")}, id="unknown-prize"),
    pytest.param({**STAGED, YML: staged_yml("    stage: vote\n", "    stage: ballot\n")},
                 {(YML, line_of(staged_yml(), "stage: vote"), "prizes.0.stage", "unknown-stage")}, id="prize-stage"),
    pytest.param({**STAGED, YML: staged_yml("    kind: public-vote\n", "    kind: public-vote\n    members: [{name: Els}]\n")},
                 {(YML, line_of(staged_yml(), "kind: public-vote") + 1, "selection.0.members", "inconsistent")},
                 id="vote-with-jurors"),
    pytest.param({YML: CAMPAIGN_YML.replace("  total: 12500", "  total: 9500").replace("amount: 10000", "amount: 7000")},
                 {(LAUREATES, 3, "amount", "over-budget")}, id="grants-over-budget"),
    pytest.param({LAUREATES: laureates_with("moestuin", {"status": "completed"})},
                 {(LAUREATES, 2, "status", "status-mismatch")}, id="status-vs-latest-update"),
    pytest.param({UPDATES: UPDATES_CSV.replace("2025-06-10", "2025-04-01")},
                 {(UPDATES, 2, "date", "status-mismatch")}, id="update-before-selection"),
    pytest.param(edit(YML, "edition: 2025", "edition: 2027"),
                 {(YML, line_of(CAMPAIGN_YML, "edition:"), "edition", "edition-mismatch")}, id="edition-vs-phases"),
    pytest.param(edit(YML, "    region: brussels", "    region: flanders"),
                 {(YML, line_of(CAMPAIGN_YML, "nis_code:"), "municipalities.0.nis_code", "nis-mismatch")},
                 id="nis-vs-region"),
    pytest.param(edit(YML, '    nis_code: "21009"\n    region: brussels',
                      '    nis_code: "92094"\n    region: wallonia\n    province: liege'),
                 {(YML, line_of(CAMPAIGN_YML, "nis_code:"), "municipalities.0.nis_code", "nis-mismatch")},
                 id="nis-vs-province"),
    pytest.param({PAYMENTS: "project,date,kind,amount\nrepair,2025-06-01,advance,1600\nrepair,2025-09-01,balance,400.01\n"},
                 {(PAYMENTS, 3, "amount", "over-grant")}, id="payments-over-grant"),
    pytest.param({PAYMENTS: "project,date,kind,amount\nrepair,2025-06-01,advance,1600\nrepair,2025-07-01,repayment,1600.50\n"},
                 {(PAYMENTS, 3, "amount", "over-grant")}, id="repays-more-than-paid"),
    pytest.param({PAYMENTS: "project,date,kind,amount\nrepair,2025-01-10,advance,1600\n"},
                 {(PAYMENTS, 2, "date", "date-order")}, id="paid-before-selection"),
    pytest.param({PAYMENTS: "project,date,kind,amount\ngarden,2025-06-01,advance,1600\n"},
                 {(PAYMENTS, 2, "project", "unknown-project")}, id="payment-unknown-project"),
    pytest.param({LAUREATES: with_column(laureates_with("repair", {"address": ""}), "address_nl",
                                         {"moestuin": "Flageyplein 1 1050 Elsene", "repair": "Elsensesteenweg 1"})},
                 {(LAUREATES, 3, "address", "inconsistent")}, id="name-per-language-without-the-plain-one"),
    pytest.param({LAUREATES: laureates_with("repair", {"amount": "1999.505"})},
                 {(LAUREATES, 3, "amount", "wrong-type")}, id="half-a-cent-in-csv"),
    pytest.param(edit(YML, "      cap: 2500\n", "      cap: 2500.125\n"),
                 {(YML, line_of(CAMPAIGN_YML, "cap: 2500"), "budget.categories.1.cap", "invalid")},
                 id="half-a-cent-in-yaml"),
]


@pytest.mark.parametrize("files, expected", CROSS_CHECKS)
def test_a_story_that_cannot_have_happened_is_refused(tmp_path, files, expected):
    assert problems_of(tmp_path, files) == expected


def test_new_columns_are_optional_in_existing_files(tmp_path):
    """Files written before score, prizes, holder_<lang> and address_<lang> existed still validate."""
    assert "prizes" not in default_files()[LAUREATES] and problems_of(tmp_path, {}) == set()


# --- What the example network shows ------------------------------------------------------------------

def page_text(site, rel: str) -> str:
    # No-break spaces (typography, tested in test_language.py) read as spaces here.
    return parse(site / rel).one("article").text.replace("\u202f", " ").replace("\u00a0", " ")


def test_jury_page_explains_two_weighted_juries_and_the_vote(example_site):
    text = page_text(example_site, "namur-2023/fr/jury/index.html")
    assert "Jury d'experts (50 %) et Jury citoyen namurois (50 %)" in text
    assert "Compte pour 50 % de la décision." in text
    assert "Catherine Dethier" in text and "présidente du jury" in text
    assert "Coup de cœur du public" in text and "La mare pédagogique de Vedrin" in text


def test_project_page_says_how_it_was_selected_its_prize_and_payments(example_site):
    mare = page_text(example_site, "namur-2023/fr/laureates/mare-pedagogique-vedrin/index.html")
    assert "Vote du public « coup de cœur » (684 votes)" in mare and "Coup de cœur du public" in mare
    couture = page_text(example_site, "namur-2023/fr/laureates/atelier-couture-zero-dechet/index.html")
    assert "Jury d'experts (50 %) et Jury citoyen namurois (50 %)" in couture
    assert "71 sur 100" in couture
    assert "Remboursement" in couture and "1 180,40 €" in couture
    # Stopped: paid and repaid apart (issue 19).
    assert "Ce projet s'est arrêté le 5 février 2024." in couture
    assert "Sur son subside de 2 400 €, 1 920 € ont été versés et 1 180,40 € remboursés." in couture


def test_cents_are_shown_and_published(example_site):
    text = page_text(example_site, "namur-2023/fr/laureates/grainotheque-bouge/index.html")
    assert "1 249,50 €" in text
    listing = json.loads((example_site / "namur-2023/data/laureates.json").read_text(encoding="utf-8"))
    amounts = {item["slug"]: item["amount"] for item in listing["laureates"]}
    assert amounts["grainotheque-bouge"] == 1249.5 and amounts["potager-partage-salzinnes"] == 7500
    prizes = {item["slug"]: item["prizes"] for item in listing["laureates"]}
    assert prizes["mare-pedagogique-vedrin"] == ["coup-de-coeur"] and prizes["repair-cafe-jambes"] == []


def test_open_data_describes_payments_and_prizes(example_site):
    package = json.loads((example_site / "namur-2023/data/datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert "payments" in resources
    fields = {f["name"]: f for f in resources["payments"]["schema"]["fields"]}
    assert fields["amount"]["type"] == "number" and fields["kind"]["constraints"]["enum"] == \
        ["advance", "balance", "repayment"]
    laureate_fields = {f["name"] for f in resources["laureates"]["schema"]["fields"]}
    assert {"prizes", "score"} <= laureate_fields
    payments = (example_site / "namur-2023/data/payments.csv").read_text(encoding="utf-8")
    assert "atelier-couture-zero-dechet,2024-03-01,repayment,1180.40" in payments


def test_prize_badge_filter_and_listing_column(example_site):
    showcase = parse(example_site / "namur-2023/fr/laureates/index.html")
    options = [o.get("value") for o in showcase.select("select[name=prize] option")]
    assert options == ["", "coup-de-coeur"]
    prized = [c.get("data-slug") for c in showcase.select(".cs-card") if "coup-de-coeur" in c.get("data-prize").split()]
    assert prized == ["mare-pedagogique-vedrin"]
    badge = showcase.select(".cs-card[data-slug=mare-pedagogique-vedrin] .cs-prize")
    assert [b.text for b in badge] == ["Coup de cœur du public"]
    listing = parse(example_site / "namur-2023/fr/press/listing/index.html")
    headings = [th.text for th in listing.select("thead th")]
    assert headings[-1] == "Prix"
    mare = next(tr for tr in listing.select("tbody tr") if "Vedrin" in tr.text)
    assert mare.select("td")[-1].text == "Coup de cœur du public"


def test_a_post_in_one_language_is_shown_on_the_others_marked_as_such(example_site):
    index = parse(example_site / "ixelles-2026/nl/news/index.html")
    link = next(a for a in index.select(".cs-news a") if "tour-des-projets-flagey" in a.get("href"))
    assert link.get("lang") == "fr" and "(in het Frans)" in link.parent.text
    post = parse(example_site / "ixelles-2026/nl/news/tour-des-projets-flagey/index.html")
    assert post.select("h1")[0].get("lang") == "fr"
    assert "Dit nieuwsbericht is alleen in het Frans beschikbaar." in post.select("article")[0].text
    assert post.select("article div[lang=fr]")
    feed = (example_site / "ixelles-2026/nl/news/feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed and "Compte rendu" in feed


def test_names_and_places_in_each_language(example_site):
    """Ixelles is bilingual: its holders, addresses and venues have French and Dutch names."""
    event_nl = page_text(example_site, "ixelles-2026/nl/events/seance-info/index.html")
    event_fr = page_text(example_site, "ixelles-2026/fr/events/seance-info/index.html")
    assert "Gemeentehuis van Elsene" in event_nl and "Elsensesteenweg 168, 1050 Elsene" in event_nl
    assert "Maison communale d'Ixelles" in event_fr and "Gemeentehuis" not in event_fr
    bike_nl = page_text(example_site, "ixelles-2026/nl/laureates/atelier-velo-matonge/index.html")
    bike_fr = page_text(example_site, "ixelles-2026/fr/laureates/atelier-velo-matonge/index.html")
    assert "Cyclo Matonge vzw" in bike_nl and "Waversesteenweg 120, 1050 Elsene" in bike_nl
    assert "Cyclo Matonge ASBL" in bike_fr and "Chaussée de Wavre 120, 1050 Ixelles" in bike_fr
    calendar = (example_site / "ixelles-2026/nl/agenda.ics").read_text(encoding="utf-8")
    assert "LOCATION:Gemeentehuis van Elsene\\, Elsensesteenweg 168\\, 1050 Elsene" in calendar
