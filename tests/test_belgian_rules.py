"""Checks that follow Belgian rules (issue 21): the languages a municipality's campaign is published in
(Brussels in French and Dutch; the language area's language first, a facility municipality's other
language offered), and a holder who is a person named only with their consent, in every output."""

from __future__ import annotations

import datetime as dt

import pytest

from campaignsite import pipeline
from campaignsite.load.parse import parse_yaml
from campaignsite.validate.language_law import check_language_law
from campaignsite.model.public import network_on
from project import CAMPAIGN_YML, LAUREATES_CSV, edit, validate, write_project

YML = "campaigns/demo-2025/campaign.yml"
LAUREATES = "campaigns/demo-2025/laureates.csv"
GENT = '  - name: {nl: Gent, fr: Gand}\n    nis_code: "44021"\n    region: flanders\n'
ELSENE = '  - name: {nl: Elsene, fr: Ixelles}\n    nis_code: "21009"\n    region: brussels\n'


def languages_line(text: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith("languages:"))


def campaign(*edits: tuple[str, str]) -> dict[str, str]:
    text = CAMPAIGN_YML
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return {YML: text}


def rendered(root) -> list[str]:
    return [problem.render() for problem in validate(root)]


def warnings_of(root) -> list[str]:
    return [problem.render() for problem in pipeline.build_model(root).warnings]


def test_the_demo_in_brussels_in_both_languages_is_valid_without_a_warning(tmp_path):
    root = write_project(tmp_path)
    assert rendered(root) == [] and warnings_of(root) == []


def test_a_brussels_campaign_without_dutch_is_refused(tmp_path):
    files = campaign(("languages: [nl, fr]", "languages: [fr, en]"))
    root = write_project(tmp_path, files=files)
    line = languages_line(files[YML])
    assert (f"{YML}:{line}: languages: Ixelles is in Brussels-Capital, which addresses the public in French and "
            "Dutch: add nl [brussels-languages]") in rendered(root)


def test_a_brussels_campaign_is_refused_whatever_its_reason(tmp_path):
    files = campaign(("languages: [nl, fr]", "languages_reason: Only French speakers take part.\nlanguages: [fr, en]"))
    root = write_project(tmp_path, files=files)
    assert any(line.endswith("[brussels-languages]") for line in rendered(root))


def test_french_first_in_flanders_is_a_warning_with_its_reason(tmp_path):
    files = campaign((ELSENE, GENT), ("languages: [nl, fr]", "languages: [fr, nl]"))
    root = write_project(tmp_path, files=files)
    assert rendered(root) == []  # it builds: a warning, not a problem
    assert warnings_of(root) == [
        f"{YML}:{languages_line(files[YML])}: languages: warning: Gand is in the nl language area (the 1966 language "
        "laws), whose language comes first: put nl first, or say why in languages_reason [language-order]"]


def test_the_editor_says_why_and_the_warning_goes(tmp_path):
    files = campaign((ELSENE, GENT), ("languages: [nl, fr]", "languages_reason: A campaign of the French-speaking "
                                                             "schools of Gent.\nlanguages: [fr, nl]"))
    root = write_project(tmp_path, files=files)
    assert rendered(root) == [] and warnings_of(root) == []


def test_a_facility_municipality_offers_its_other_language():
    """Linkebeek (Flemish, facilities for French speakers) published in Dutch alone: the check on its
    own, on a campaign.yml reduced to what it reads."""
    text = 'municipalities:\n  - name: Linkebeek\n    nis_code: "23100"\n    region: flanders\nlanguages: [nl]\n'
    problems, warnings = [], []
    check_language_law(parse_yaml(text, YML, problems), ("nl",), problems, warnings)
    assert problems == []
    assert [w.render() for w in warnings] == [
        f"{YML}:5: languages: warning: Linkebeek is a municipality with language facilities for fr speakers, who "
        "may ask for fr: add fr after nl, or say why in languages_reason [language-order]"]


def test_a_german_speaking_municipality_comes_in_german_first():
    text = 'municipalities:\n  - name: Eupen\n    nis_code: "63023"\n    region: wallonia\nlanguages: [fr, de]\n'
    problems, warnings = [], []
    check_language_law(parse_yaml(text, YML, problems), ("fr", "de"), problems, warnings)
    assert [w.render() for w in warnings] == [
        f"{YML}:5: languages: warning: Eupen is in the de language area (the 1966 language laws), whose language "
        "comes first: put de first, or say why in languages_reason [language-order]"]


def with_holders(moestuin: str, repair: str) -> dict[str, str]:
    """laureates.csv of the demo with holder_type,holder_consent cells for its two rows."""
    lines = LAUREATES_CSV.splitlines()
    cells = {"moestuin": moestuin, "repair": repair}
    out = [lines[0] + ",holder_type,holder_consent"]
    out += [line + "," + cells[line.split(",", 1)[0]] for line in lines[1:] if line]
    return {LAUREATES: "\n".join(out) + "\n"}


def test_consent_given_for_a_group_is_refused(tmp_path):
    root = write_project(tmp_path, files=with_holders("group,2025-05-01", ","))
    assert rendered(root) == [f"{LAUREATES}:2: holder_consent: is given, but holder_type is 'group': only a holder "
                              "who is a person (holder_type person) is named by consent [holder-consent]"]


def test_consent_without_a_holder_type_is_refused(tmp_path):
    root = write_project(tmp_path, files=with_holders(",", ",2025-05-01"))
    assert rendered(root) == [f"{LAUREATES}:3: holder_consent: is given, but holder_type is '': only a holder "
                              "who is a person (holder_type person) is named by consent [holder-consent]"]


@pytest.mark.parametrize("day, named", [(dt.date(2025, 9, 30), False), (dt.date(2025, 10, 1), True)])
def test_a_person_is_named_from_the_day_of_their_consent_on(tmp_path, day, named):
    """Everything later stages read (the model and the open-data tables) says the same on every day."""
    root = write_project(tmp_path, files=with_holders("person,2025-10-01", "person,"))
    network = network_on(pipeline.build_model(root).network, day)
    demo = network.campaigns[0]
    moestuin, repair = demo.laureate("moestuin"), demo.laureate("repair")
    assert dict(repair.holder) == {"nl": "Een inwoner van Elsene", "fr": "Une personne résidant à Ixelles"}
    assert dict(moestuin.holder) == ({"nl": "Vrienden van Flagey", "fr": "Vrienden van Flagey"} if named else
                                     {"nl": "Een inwoner van Elsene", "fr": "Une personne résidant à Ixelles"})
    table = demo.public_tables["laureates"]
    names = [f["name"] for f in table.fields]
    holders = {row[names.index("slug")]: row[names.index("holder")] for row in table.rows}
    assert holders["repair"] == "Een inwoner van Elsene"
    assert holders["moestuin"] == ("Vrienden van Flagey" if named else "Een inwoner van Elsene")
    assert "holder_consent" not in names  # the record of consent is never published
