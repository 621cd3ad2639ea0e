"""Validation: a corpus of broken inputs, each reported at the right file, line, field and code.

Every case starts from the valid demo network of tests/project.py and changes one thing. The build
must fail with exactly the expected problems - asserted on (path, line, field, code), never on the
wording - and leave an existing site/ as it was. Expected lines are found by searching the file as
written, so they stay right when the demo changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from campaignsite.core import languages
from campaignsite import pipeline
from campaignsite.core.errors import Problem, ValidationFailed
from campaignsite.model.records import PORTAL_COLOUR
from campaignsite.pipeline import build, BuildConfig
from campaignsite.core.schemas import SCHEMA_DIR, default, json_schema
from campaignsite.load.parse import parse_yaml
from project import edit, laureates_with, CAMPAIGN_YML, LAUREATES_CSV, NETWORK_YML, UPDATES_CSV, default_files, validate, write_project

C = "campaigns/demo-2025"
YML, LAUREATES, EVENTS, UPDATES = f"{C}/campaign.yml", f"{C}/laureates.csv", f"{C}/events.csv", f"{C}/updates.csv"
NEWS_NL, NEWS_FR = f"{C}/news/laureates.nl.md", f"{C}/news/laureates.fr.md"
NETWORK = "content/network.yml"
TODAY = dt.date(2025, 6, 1)


def line_of(text: str, needle: str) -> int:
    """The physical line of the one occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, f"{needle!r} must occur once"
    return text[:text.index(needle)].count("\n") + 1


def moved(slug: str) -> dict[str, str | None]:
    """The demo campaign moved to the folder campaigns/<slug>."""
    files: dict[str, str | None] = {}
    for path, content in default_files().items():
        if path.startswith(f"{C}/"):
            files[path] = None
            files[f"campaigns/{slug}/{path[len(C) + 1:]}"] = content
    return files


def row_line(slug: str) -> int:
    """Physical line of a laureate's row in the demo laureates.csv."""
    return line_of(LAUREATES_CSV, f"\n{slug},") + 1


TITLE_FR = "  fr: Proximity Démo 2025\n"
MULTILINE_CELL = LAUREATES_CSV.replace("Een moestuin voor de wijk.", '"Een moestuin\nvoor de wijk,\nmet bakken."')
SECOND_CAMPAIGN = {f"campaigns/demo-2026/{path[len(C) + 1:]}": content
                   for path, content in default_files().items() if path.startswith(f"{C}/")}


def case(name: str, files: dict, *expected: tuple):
    """One broken input: the files changed, and every problem expected as (path, line, field, code)."""
    return pytest.param(files, set(expected), id=name)


CASES = [
    # --- campaign.yml: syntax and types (JSON Schema), reported at the YAML line -------------------
    case("yaml-syntax", edit(YML, "edition: 2025", "edition: 2025: x"),
         (YML, line_of(CAMPAIGN_YML, "edition:"), "", "yaml-syntax")),
    case("yaml-tab-indent", edit(YML, "  nis_code:", "\tnis_code:"),
         (YML, line_of(CAMPAIGN_YML, "nis_code:"), "", "yaml-syntax")),
    case("yaml-list-not-mapping", {YML: "- title: Demo\n- kind: call-for-projects\n"}, (YML, 1, "", "wrong-type")),
    case("yaml-empty", {YML: "# nothing yet\n"}, (YML, 1, "", "empty-file")),
    case("yaml-duplicate-key", edit(YML, "edition: 2025\n", "edition: 2025\nedition: 2025\n"),
         (YML, line_of(CAMPAIGN_YML, "edition:") + 1, "edition", "duplicate-key")),
    case("wrong-type-integer", edit(YML, "edition: 2025", "edition: twenty"),
         (YML, line_of(CAMPAIGN_YML, "edition:"), "edition", "wrong-type")),
    case("float-is-not-integer", edit(YML, "edition: 2025", "edition: 2025.0"),
         (YML, line_of(CAMPAIGN_YML, "edition:"), "edition", "wrong-type")),
    case("number-where-text-nested", edit(YML, "  - name: Luc Dubois", "  - name: 42"),
         (YML, line_of(CAMPAIGN_YML, "- name: Luc Dubois"), "jury.1.name", "wrong-type")),
    case("number-in-per-language-text", edit(YML, "  nl: Burgers maken de buurt duurzaam.", "  nl: 7"),
         (YML, line_of(CAMPAIGN_YML, "nl: Burgers"), "tagline.nl", "wrong-type")),
    case("text-where-mapping", edit(YML, "  launch: {start: 2025-02-01}", "  launch: 2025-02-01"),
         (YML, line_of(CAMPAIGN_YML, "launch:"), "phases.launch", "wrong-type")),
    case("empty-value", edit(YML, "kind: call-for-projects", "kind:"),
         (YML, line_of(CAMPAIGN_YML, "\nkind:") + 1, "kind", "missing-value")),
    case("missing-field", edit(YML, "kind: call-for-projects\n", ""), (YML, 1, "kind", "missing-field")),
    case("unknown-field", edit(YML, "edition: 2025\n", "edition: 2025\ncolor: green\n"),
         (YML, line_of(CAMPAIGN_YML, "edition:") + 1, "color", "unknown-field")),
    case("not-in-list", edit(YML, "    region: brussels", "    region: bruxelles"),
         (YML, line_of(CAMPAIGN_YML, "region:"), "municipalities.0.region", "not-in-list")),
    case("bad-format-url", edit(YML, "base_url: https://demo", "base_url: http://demo"),
         (YML, line_of(CAMPAIGN_YML, "base_url:"), "base_url", "bad-format")),
    case("negative-amount-yaml", edit(YML, "      amount: 2500", "      amount: -2500"),
         (YML, line_of(CAMPAIGN_YML, "amount: 2500"), "budget.sources.1.amount", "out-of-range")),
    # --- campaign.yml: languages and translations ------------------------------------------------
    case("unknown-language-in-list", edit(YML, "languages: [nl, fr]", "languages: [nl, vl]"),
         (YML, line_of(CAMPAIGN_YML, "languages:"), "languages.1", "unknown-language")),
    case("unknown-language-key", edit(YML, TITLE_FR, TITLE_FR + "  xx: Demo\n"),
         (YML, line_of(CAMPAIGN_YML, "fr: Proximity Démo") + 1, "title.xx", "unknown-language")),
    case("number-as-language-key", edit(YML, TITLE_FR, TITLE_FR + "  5: Demo\n"),
         (YML, line_of(CAMPAIGN_YML, "fr: Proximity Démo") + 1, "title.5", "unknown-language")),
    case("language-not-of-campaign", edit(YML, TITLE_FR, TITLE_FR + "  de: Demo\n"),
         (YML, line_of(CAMPAIGN_YML, "fr: Proximity Démo") + 1, "title.de", "unknown-language")),
    case("missing-translation", edit(YML, TITLE_FR, ""), (YML, 1, "title", "missing-translation")),
    case("missing-translation-nested", edit(YML, ", fr: Grands projets}", "}"),
         (YML, line_of(CAMPAIGN_YML, "Grote projecten"), "budget.categories.0.name", "missing-translation")),
    # --- campaign.yml: cross-field checks ----------------------------------------------------------
    case("unknown-sdg-yaml", edit(YML, "sdgs: [11, 17]", "sdgs: [11, 18]"),
         (YML, line_of(CAMPAIGN_YML, "sdgs:"), "sdgs", "unknown-sdg")),
    case("impossible-date", edit(YML, "end: 2025-04-15", "end: 2025-02-30"),
         (YML, line_of(CAMPAIGN_YML, "  call: {"), "phases.call.end", "bad-date")),
    case("end-before-start", edit(YML, "end: 2025-04-15", "end: 2025-02-10"),
         (YML, line_of(CAMPAIGN_YML, "  call: {"), "phases.call.end", "date-order")),
    case("phases-out-of-order", edit(YML, "jury: {start: 2025-05-06}", "jury: {start: 2025-04-01}"),
         (YML, line_of(CAMPAIGN_YML, "jury: {"), "phases.jury.start", "date-order")),
    case("missing-logo", edit(YML, "  logo: media/logo.svg\nphases", "  logo: media/logo.png\nphases"),
         (YML, line_of(CAMPAIGN_YML, "  logo: media/logo.svg\nphases"), "branding.logo", "missing-media")),
    case("budget-mismatch", edit(YML, "total: 12500", "total: 13000"),
         (YML, line_of(CAMPAIGN_YML, "total:"), "budget.total", "budget-mismatch")),
    case("eligible-above-submitted", edit(YML, "eligible: 7", "eligible: 11"),
         (YML, line_of(CAMPAIGN_YML, "eligible:"), "call.eligible", "inconsistent")),
    # --- laureates.csv: cells (Table Schema) and cross-file checks, reported at the row's line -----
    case("unknown-sdg-csv", {LAUREATES: laureates_with("moestuin", {"sdgs": "2;18"})},
         (LAUREATES, row_line("moestuin"), "sdgs", "unknown-sdg")),
    case("sdg-zero", {LAUREATES: laureates_with("repair", {"sdgs": "0"})},
         (LAUREATES, row_line("repair"), "sdgs", "unknown-sdg")),
    case("sdgs-not-numbers", {LAUREATES: laureates_with("repair", {"sdgs": "11 and 12"})},
         (LAUREATES, row_line("repair"), "sdgs", "bad-format")),
    case("duplicate-slug", {LAUREATES: laureates_with("repair", {"slug": "moestuin"})},
         (LAUREATES, row_line("repair"), "slug", "duplicate-slug")),
    case("unsafe-slug-csv", {LAUREATES: laureates_with("repair", {"slug": "../repair"})},
         (LAUREATES, row_line("repair"), "slug", "unsafe-slug")),
    case("negative-amount", {LAUREATES: laureates_with("repair", {"amount": "-5"})},
         (LAUREATES, row_line("repair"), "amount", "out-of-range")),
    case("thousands-separator", {LAUREATES: laureates_with("moestuin", {"amount": "8.000"})},
         (LAUREATES, row_line("moestuin"), "amount", "wrong-type")),
    case("not-in-list-csv", {LAUREATES: laureates_with("repair", {"selected_by": "audience"})},
         (LAUREATES, row_line("repair"), "selected_by", "not-in-list")),
    case("required-cell-empty", {LAUREATES: laureates_with("repair", {"holder": ""})},
         (LAUREATES, row_line("repair"), "holder", "missing-value")),
    case("missing-image", {LAUREATES: laureates_with("moestuin", {"image": "media/garden.jpg"})},
         (LAUREATES, row_line("moestuin"), "image", "missing-media")),
    case("over-cap", {LAUREATES: laureates_with("repair", {"amount": "2600"})},
         (LAUREATES, row_line("repair"), "amount", "over-cap")),
    case("unknown-category", {LAUREATES: laureates_with("repair", {"category": "medium"})},
         (LAUREATES, row_line("repair"), "category", "unknown-category")),
    case("public-vote-without-votes", {LAUREATES: laureates_with("repair", {"votes": ""})},
         (LAUREATES, row_line("repair"), "votes", "missing-value")),
    case("latitude-out-of-belgium", {LAUREATES: laureates_with("moestuin", {"latitude": "48.85"})},
         (LAUREATES, row_line("moestuin"), "latitude", "out-of-range")),
    case("multiline-cell-before-bad-row", {LAUREATES: MULTILINE_CELL.replace(",2000,", ",-5,")},
         (LAUREATES, line_of(MULTILINE_CELL, "\nrepair,") + 1, "amount", "out-of-range")),
    # --- laureates.csv: the file as a whole ------------------------------------------------------
    case("not-utf8", {LAUREATES: LAUREATES_CSV.replace("Repair Café", "Repair Cafe").encode()
                      .replace(b"Potager", b"Pot\xe0ger")}, (LAUREATES, row_line("moestuin"), "", "not-utf8")),
    case("empty-csv", {LAUREATES: ""}, (LAUREATES, 1, "", "empty-file")),
    case("missing-column", {LAUREATES: LAUREATES_CSV.replace(",image_credit,", ",", 1)
                            .replace(",Foto: An,", ",").replace(",,,,,,,,,,,,,,,,,", ",,,,,,,,,,,,,,,,")},
         (LAUREATES, 1, "image_credit", "missing-column")),
    case("unknown-column", {LAUREATES: LAUREATES_CSV.replace(",contact_phone\n", ",contact_phone,contact_fax\n", 1)},
         (LAUREATES, 1, "contact_fax", "unknown-column")),
    case("extra-cell", {LAUREATES: laureates_with("repair", {"holder": "Repair Elsene, Ixelles"})},
         (LAUREATES, row_line("repair"), "", "extra-cell")),
    case("unclosed-quote", {LAUREATES: laureates_with("repair", {"holder": '"Repair Elsene'})},
         (LAUREATES, row_line("repair"), "", "csv-syntax")),
    # --- the other tables ------------------------------------------------------------------------
    case("semicolon-separated", {UPDATES: UPDATES_CSV.replace(",", ";")}, (UPDATES, 1, "", "wrong-delimiter")),
    case("column-of-other-language", {UPDATES: UPDATES_CSV.replace("text_fr\n", "text_fr,text_de\n")
                                      .replace("installés.\n", "installés.,Die ersten\n")},
         (UPDATES, 1, "text_de", "unknown-column")),
    case("impossible-date-csv", edit(UPDATES, "2025-06-10", "2025-06-31"), (UPDATES, 2, "date", "wrong-type")),
    case("unknown-project", edit(UPDATES, "moestuin,", "moestuinen,"), (UPDATES, 2, "project", "unknown-project")),
    case("event-ends-before-start", edit(EVENTS, "2025-02-01 21:30", "2025-02-01 18:30"),
         (EVENTS, 2, "end", "date-order")),
    case("event-time-format", edit(EVENTS, "2025-02-01 21:30", "2025-02-01T21:30"), (EVENTS, 2, "end", "wrong-type")),
    case("header-only", {LAUREATES: LAUREATES_CSV.splitlines()[0] + "\n"},
         (f"{C}/projects/moestuin.fr.md", None, "", "unknown-project"),
         (f"{C}/projects/moestuin.nl.md", None, "", "unknown-project"),
         (UPDATES, 2, "project", "unknown-project")),
    # --- Markdown ----------------------------------------------------------------------------------
    case("project-missing-translation", {f"{C}/projects/moestuin.fr.md": None},
         (f"{C}/projects/moestuin.fr.md", None, "", "missing-translation")),
    case("news-bad-date", {NEWS_NL: "---\ntitle: De laureaten\ndate: 2025-05-32\n---\nDe jury koos.\n"},
         (NEWS_NL, 3, "date", "bad-date")),
    case("front-matter-syntax", {NEWS_NL: "---\ntitle: De laureaten\ndate: [2025-05-10\n---\nx\n"},
         (NEWS_NL, 4, "", "yaml-syntax")),
    case("front-matter-list", {NEWS_NL: "---\n- De laureaten\n---\nx\n"}, (NEWS_NL, 2, "", "wrong-type")),
    case("front-matter-unclosed", {NEWS_NL: "---\ntitle: De laureaten\ndate: 2025-05-10\n\nDe jury koos.\n"},
         (NEWS_NL, 1, "", "yaml-syntax")),
    case("news-missing-image", {NEWS_NL: "---\ntitle: De laureaten\ndate: 2025-05-10\nimage: media/jury.jpg\n---\n"},
         (NEWS_NL, 4, "image", "missing-media")),
    case("news-unknown-language", {f"{C}/news/laureates.de.md": "---\ntitle: Preisträger\ndate: 2025-05-10\n---\n"},
         (f"{C}/news/laureates.de.md", None, "", "unknown-language")),
    case("markdown-not-utf8", {f"{C}/projects/moestuin.fr.md": b"Un potager \xe0 Ixelles.\n"},
         (f"{C}/projects/moestuin.fr.md", 1, "", "not-utf8")),
    case("project-of-no-laureate", {f"{C}/projects/moestuin-2.nl.md": "x", f"{C}/projects/moestuin-2.fr.md": "x"},
         (f"{C}/projects/moestuin-2.fr.md", None, "", "unknown-project"),
         (f"{C}/projects/moestuin-2.nl.md", None, "", "unknown-project")),
    case("markdown-name", {f"{C}/projects/moestuin.md": "x"},
         (f"{C}/projects/moestuin.md", None, "", "bad-file-name")),
    # --- folders, the portal and several campaigns -----------------------------------------------
    case("unsafe-campaign-slug", moved("Demo_2025"), ("campaigns/Demo_2025", None, "slug", "unsafe-slug")),
    case("reserved-campaign-slug", moved("press"), ("campaigns/press", None, "slug", "reserved-slug")),
    case("misspelt-file", {f"{C}/laureaten.csv": LAUREATES_CSV}, (f"{C}/laureaten.csv", None, "", "unknown-file")),
    case("missing-campaign-yml", {YML: None}, (YML, None, "", "missing-file")),
    case("duplicate-base-url", SECOND_CAMPAIGN,
         ("campaigns/demo-2026/campaign.yml", line_of(CAMPAIGN_YML, "base_url:"), "base_url", "duplicate-value")),
    case("network-text-not-per-language", {NETWORK: NETWORK_YML.replace("title: {nl: Proximity-netwerk, fr: Réseau "
                                                                         "Proximity, en: Proximity network}",
                                                                         "title: Proximity")},
         (NETWORK, 1, "title", "wrong-type")),
    case("network-missing", {NETWORK: None}, (NETWORK, None, "", "missing-file")),
    case("page-missing-translation", {"content/en/about.md": None},
         ("content/en/about.md", None, "", "missing-translation")),
    case("page-named-index", {f"content/{lang}/index.md": "---\ntitle: Home\n---\n" for lang in ("nl", "fr", "en")},
         *((f"content/{lang}/index.md", None, "", "reserved-slug") for lang in ("en", "fr", "nl"))),
    case("page-without-title", {"content/fr/about.md": "Proximity.\n"},
         ("content/fr/about.md", 1, "title", "missing-field")),
]


def where(problems: list[Problem]) -> set[tuple]:
    return {(p.path, p.line, p.field, p.code) for p in problems}


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("files, expected", CASES)
def test_broken_input_is_reported_at_its_place(tmp_path, files, expected):
    root = write_project(tmp_path, files)
    site = root / "site"
    (site / "nl").mkdir(parents=True)
    (site / "nl" / "index.html").write_text("<p>the previous build</p>\n", encoding="utf-8")
    before = tree_digest(site)
    with pytest.raises(ValidationFailed) as failure:
        build(BuildConfig(root, site, TODAY, jobs=1))
    assert where(failure.value.problems) == expected
    for problem in failure.value.problems:
        assert str(problem).startswith(f"{problem.path}:") and str(problem).endswith(f" [{problem.code}]")
        assert problem.message and "\n" not in str(problem)
    assert tree_digest(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["campaigns", "content", "site"]


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


@pytest.mark.parametrize("encode", [lambda t: bom(t.encode("utf-8")), crlf, lambda t: bom(crlf(t))],
                         ids=["bom", "crlf", "bom-and-crlf"])
def test_bom_and_crlf_are_accepted(tmp_path, encode):
    files = {path: encode(text) for path, text in default_files().items() if not path.endswith(".svg")}
    assert validate(write_project(tmp_path, files)) == []


def test_crlf_keeps_line_numbers(tmp_path):
    files = {LAUREATES: crlf(MULTILINE_CELL.replace(",2000,", ",-5,")), YML: bom(crlf(CAMPAIGN_YML.replace(
        "edition: 2025", "edition: twenty")))}
    assert where(validate(write_project(tmp_path, files))) == {
        (LAUREATES, line_of(MULTILINE_CELL, "\nrepair,") + 1, "amount", "out-of-range"),
        (YML, line_of(CAMPAIGN_YML, "edition:"), "edition", "wrong-type")}


def test_blank_lines_in_csv_are_skipped_and_lines_stay_right(tmp_path):
    text = UPDATES_CSV + "\n,,,,\nmoestuin,2025-13-01,completed,Klaar.,Fini.\n"
    assert where(validate(write_project(tmp_path, {UPDATES: text}))) == {(UPDATES, 5, "date", "wrong-type")}


def test_duplicate_names_the_line_of_the_first(tmp_path):
    text = MULTILINE_CELL + "moestuin,T,T,S,S,11,small,10,jury,,selected,H,,,,,,,,,,,,,,,,,a@example.org,\n"
    problems = validate(write_project(tmp_path, {LAUREATES: text}))
    assert where(problems) == {(LAUREATES, line_of(text, "\nmoestuin,T,") + 1, "slug", "duplicate-slug")}
    assert "line 2" in problems[0].message  # not Frictionless' "row at position 2"


def test_unknown_sdg_message_names_value_and_range(tmp_path):
    problems = validate(write_project(tmp_path, {LAUREATES: laureates_with("moestuin", {"sdgs": "18"})}))
    assert [str(p) for p in problems] == [
        f"{LAUREATES}:{row_line('moestuin')}: sdgs: '18' is not an SDG (1-17) [unknown-sdg]"]


def test_every_error_is_collected(tmp_path):
    files = {**edit(YML, "edition: 2025", "edition: twenty"),
             LAUREATES: laureates_with("repair", {"amount": "-5"}),
             **edit(EVENTS, "2025-02-01 21:30", "2025-02-01 18:30"),
             NEWS_NL: "---\ntitle: De laureaten\ndate: 2025-05-32\n---\n",
             NETWORK: NETWORK_YML.replace("base_url: https://", "base_url: http://")}
    assert where(validate(write_project(tmp_path, files))) == {
        (YML, line_of(CAMPAIGN_YML, "edition:"), "edition", "wrong-type"),
        # The tables are checked although campaign.yml has a problem; cross-file checks wait for it.
        (LAUREATES, row_line("repair"), "amount", "out-of-range"),
        (NETWORK, line_of(NETWORK_YML, "base_url:"), "base_url", "bad-format")}
    files.pop(YML)
    assert where(validate(write_project(tmp_path, files))) == {
        (LAUREATES, row_line("repair"), "amount", "out-of-range"),
        (EVENTS, 2, "end", "date-order"),
        (NEWS_NL, 3, "date", "bad-date"),
        (NETWORK, line_of(NETWORK_YML, "base_url:"), "base_url", "bad-format")}


def test_two_broken_campaigns_are_both_reported(tmp_path):
    files = {**SECOND_CAMPAIGN, **edit(YML, "sdgs: [11, 17]", "sdgs: [0]"),
             "campaigns/demo-2026/campaign.yml": CAMPAIGN_YML.replace("demo-2025/", "demo-2026/")
             .replace("edition: 2025", "edition: 1999")}
    assert where(validate(write_project(tmp_path, files))) == {
        (YML, line_of(CAMPAIGN_YML, "sdgs:"), "sdgs", "unknown-sdg"),
        ("campaigns/demo-2026/campaign.yml", line_of(CAMPAIGN_YML, "edition:"), "edition", "out-of-range")}


def test_demo_project_validates_clean(tmp_path):
    assert validate(write_project(tmp_path)) == []


def test_example_network_validates_clean():
    assert validate(Path(__file__).resolve().parent.parent) == []


def test_yaml_merge_keys_are_not_duplicates(tmp_path):
    text = CAMPAIGN_YML.replace("contact:\n  name: Team Proximity\n", "contact:\n  <<: &team {name: Team}\n"
                                "  name: Team Proximity\n")
    assert validate(write_project(tmp_path, {YML: text})) == []


def test_yaml_records_the_line_of_every_key():
    problems: list[Problem] = []
    doc = parse_yaml(CAMPAIGN_YML, YML, problems)
    assert problems == []
    assert doc.line_of(("jury", 1, "affiliation", "fr")) == line_of(CAMPAIGN_YML, "affiliation: {nl: Wijk")
    assert doc.line_of(("budget", "sources", 1, "amount")) == line_of(CAMPAIGN_YML, "amount: 2500")
    assert doc.line_of(("phases", "call", "end")) == line_of(CAMPAIGN_YML, "  call: {")


# --- One source per fact: languages and defaults -------------------------------------------------

def test_schemas_take_the_languages_from_the_language_table():
    for name in ("campaign", "network"):
        raw = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert "enum" not in raw["$defs"]["language"], "the language codes belong in campaignsite/core/languages.py"
        assert json_schema(name)["$defs"]["language"]["enum"] == list(languages.CODES)
    assert "{languages}" not in json.dumps(json_schema("campaign"))


def test_campaign_defaults_come_from_the_schema(tmp_path):
    text = CAMPAIGN_YML.replace("sdgs: [11, 17]\n", "").replace('  colour: "#1B5E20"\n', "")
    assert "sdgs:" not in text and "colour:" not in text
    campaign = pipeline.build_model(write_project(tmp_path, {YML: text})).campaigns[0]
    assert campaign.sdgs == tuple(default("campaign", "sdgs")) == (11, 17)
    assert campaign.colour == default("campaign", "branding.colour") == PORTAL_COLOUR
