"""A network of municipalities (issue 21): a project names its municipality where its campaign has
several, programmes have one edition a year. Each broken input is one problem, reported as
`file:line: field: message [code]`."""

from __future__ import annotations

import pytest

from project import CAMPAIGN_YML, LAUREATES_CSV, LOGO_SVG, NETWORK_YML
from test_real_campaigns import LAUREATES, YML, line_of, problems_of

TWO_TOWNS = CAMPAIGN_YML.replace('''    nis_code: "21009"
    region: brussels
''', '''    nis_code: "21009"
    region: brussels
  - name: {nl: Sint-Gillis, fr: Saint-Gilles}
    nis_code: "21013"
    region: brussels
''')
PROGRAMMES = NETWORK_YML + """\
programmes:
  - id: demo
    name: {nl: Proximity Demo, fr: Proximity Démo, en: Proximity Demo}
"""
NETWORK = "content/network.yml"
OTHER = "campaigns/demo-2026"
IN_PROGRAMME = CAMPAIGN_YML.replace("edition: 2025\n", "edition: 2025\nprogramme: demo\n")


def next_edition() -> dict[str, str]:
    """A second campaign of the programme `demo`, its dates a year later."""
    return {f"{OTHER}/campaign.yml": IN_PROGRAMME.replace("2025", "2026"), f"{OTHER}/media/logo.svg": LOGO_SVG}


def with_towns(moestuin: str, repair: str) -> str:
    """laureates.csv with a municipality column: `moestuin` and `repair` are their cells."""
    lines = LAUREATES_CSV.splitlines()
    rows = [lines[0] + ",municipality"]
    rows += [line + "," + (moestuin if line.startswith("moestuin,") else repair) for line in lines[1:]]
    return "\n".join(rows) + "\n"


def test_projects_of_a_shared_campaign_that_name_their_municipality_are_valid(tmp_path):
    assert problems_of(tmp_path, {YML: TWO_TOWNS, LAUREATES: with_towns("21009", "21013")}) == set()


def test_a_one_municipality_campaign_needs_no_column(tmp_path):
    assert problems_of(tmp_path, {}) == set()


def test_a_programme_with_editions_is_valid(tmp_path):
    assert problems_of(tmp_path, {NETWORK: PROGRAMMES, YML: IN_PROGRAMME, **next_edition()}) == set()


BROKEN = [
    pytest.param({YML: TWO_TOWNS, LAUREATES: with_towns("21009", "44021")},
                 {(LAUREATES, 3, "municipality", "unknown-municipality")}, id="municipality-not-of-the-campaign"),
    pytest.param({YML: TWO_TOWNS, LAUREATES: with_towns("21009", "")},
                 {(LAUREATES, 3, "municipality", "missing-value")}, id="shared-campaign-without-municipality"),
    pytest.param({LAUREATES: with_towns("21009", "2100")},
                 {(LAUREATES, 3, "municipality", "bad-format")}, id="not-a-nis-code"),
    pytest.param({YML: CAMPAIGN_YML.replace("edition: 2025\n", "edition: 2025\nprogramme: other\n"), NETWORK: PROGRAMMES},
                 {(YML, line_of(CAMPAIGN_YML, "edition:") + 1, "programme", "unknown-programme")},
                 id="unknown-programme"),
    pytest.param({NETWORK: PROGRAMMES.replace("en: Proximity Demo}", "de: Proximity Demo}")},
                 {(NETWORK, line_of(PROGRAMMES, "name: {nl: Proximity Demo"), "programmes.0.name", "missing-translation"),
                  (NETWORK, line_of(PROGRAMMES, "name: {nl: Proximity Demo"), "programmes.0.name.de",
                   "unknown-language")}, id="programme-name-not-in-the-portal-languages"),
]


@pytest.mark.parametrize("files, expected", BROKEN)
def test_each_broken_input_is_one_problem(tmp_path, files, expected):
    assert problems_of(tmp_path, files) == expected


def test_a_programme_has_one_edition_a_year(tmp_path):
    twin = IN_PROGRAMME.replace("demo-2025/", "demo-2026/")  # another campaign of 2025, at its own address
    files = {NETWORK: PROGRAMMES, YML: IN_PROGRAMME, f"{OTHER}/campaign.yml": twin, f"{OTHER}/media/logo.svg": LOGO_SVG}
    assert problems_of(tmp_path, files) == {
        (f"{OTHER}/campaign.yml", line_of(twin, "programme:"), "programme", "duplicate-value")}


def test_the_message_names_the_campaign_s_municipalities(tmp_path):
    from campaignsite import pipeline
    from campaignsite.core.errors import ValidationFailed
    from project import write_project
    root = write_project(tmp_path, {YML: TWO_TOWNS, LAUREATES: with_towns("21009", "44021")})
    with pytest.raises(ValidationFailed) as failure:
        pipeline.build_model(root)
    assert [str(p) for p in failure.value.problems] == [
        f"{LAUREATES}:3: municipality: '44021' is not the NIS code of one of the campaign's municipalities: "
        "expected one of 21009 (Elsene), 21013 (Sint-Gillis) [unknown-municipality]"]
