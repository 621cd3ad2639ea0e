"""The final ranking (model/ranking.py), in the open data too, and titles collated for the page's language
(Formatter.sort_key), on tests/project.py's campaign with a weighted selection (issue 19, "Selection you
can check")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import frictionless
import pytest

from campaignsite import pipeline
from campaignsite.core.i18n import Formatter
from campaignsite.exports import opendata
from campaignsite.model.ranking import is_weighted, ranking, ranks
from html_support import label, read_csv, rendered_pages
from project import weighted_selection_files, write_project

DAY = dt.date(2025, 6, 15)  # after the results day (the day after the jury, 2025-05-07)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    return pipeline.build_model(write_project(tmp_path_factory.mktemp("ranking"), weighted_selection_files()))


def campaign_on(checked, day: dt.date):
    return pipeline.public_on(checked, day).network.campaigns[0]


def test_ranks_follow_the_scores_with_ties_sharing_a_place(checked):
    entries = ranking(campaign_on(checked, DAY))
    assert [(e.rank, e.slug, e.score, e.selected) for e in entries] == [
        (1, "moestuin", 86, True), (2, "ecoles", 76, True), (2, "fietsen", 76, False), (2, "repair", 76, True),
        (5, "bijen", 56, False)]
    assert entries[2].votes == 1400 and entries[2].prizes == ("coup-de-coeur",)
    assert dict(entries[0].marks) == {"vote": 80, "experts": 90}


def test_a_given_rank_is_kept(checked):
    campaign = campaign_on(checked, DAY)
    # The jury broke the tie itself: the data's ranks are kept, the others follow the scores.
    given = {"repair": 2, "ecoles": 3, "fietsen": 4}
    candidates = tuple(dataclasses.replace(c, results=dataclasses.replace(c.results, rank=given.get(c.slug)))
                       for c in campaign.candidates)
    laureates = tuple(dataclasses.replace(item, rank=given.get(item.slug)) for item in campaign.laureates)
    assert ranks(dataclasses.replace(campaign, candidates=candidates, laureates=laureates)) == {
        "moestuin": 1, "repair": 2, "ecoles": 3, "fietsen": 4, "bijen": 5}


def test_without_candidates_the_laureates_are_ranked(checked):
    campaign = dataclasses.replace(campaign_on(checked, DAY), candidates=())
    assert ranks(campaign) == {"moestuin": 1, "repair": 2, "ecoles": 2}  # their scores from candidates.csv
    laureates = tuple(dataclasses.replace(item, score=score) for item, score in zip(campaign.laureates, (70, 90, 70)))
    assert ranks(dataclasses.replace(campaign, laureates=laureates)) == {"repair": 1, "moestuin": 2, "ecoles": 2}


def test_no_ranking_before_the_results_day(checked):
    campaign = campaign_on(checked, dt.date(2025, 4, 25))  # during the vote: the candidates without results
    assert len(campaign.candidates) == 5 and ranking(campaign) == ()
    assert is_weighted(campaign)


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_titles_are_collated_not_sorted_by_code_point(lang):
    titles = ["Zonnepanelen", "Repair Café", "école du dehors", "Œuvre commune", "Eglise ouverte", "École verte",
              "Ecole 2"]
    assert sorted(titles, key=Formatter(lang).sort_key) == [
        "Ecole 2", "école du dehors", "École verte", "Eglise ouverte", "Œuvre commune", "Repair Café",
        "Zonnepanelen"]


def published(campaign, folder):
    """The campaign's open data folder, written as the pipeline writes it."""
    for name, content in opendata.files(campaign):
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_the_ranking_is_in_the_open_data(checked, tmp_path):
    folder = published(campaign_on(checked, DAY), tmp_path)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    assert read_csv(folder / "ranking.csv") == [
        {"rank": rank, "slug": slug, "votes": votes, "mark_vote": vote, "mark_experts": experts, "score": score,
         "selected": selected} for rank, slug, votes, vote, experts, score, selected in (
            ("1", "moestuin", "300", "80", "90", "86", "true"), ("2", "ecoles", "210", "76", "76", "76", "true"),
            ("2", "fietsen", "1400", "100", "60", "76", "false"), ("2", "repair", "312", "85", "70", "76", "true"),
            ("5", "bijen", "50", "50", "60", "56", "false"))]
    laureates = json.loads((folder / "laureates.json").read_text(encoding="utf-8"))["laureates"]
    assert {item["slug"]: item["rank"] for item in laureates} == {"moestuin": 1, "repair": 2, "ecoles": 2}
    assert "`ranking.csv`" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_ranking_keeps_its_columns_and_no_row_before_the_results_day(checked, tmp_path):
    folder = published(campaign_on(checked, dt.date(2025, 4, 25)), tmp_path)
    assert frictionless.validate(str(folder / "datapackage.json")).valid
    resource = next(r for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
                    if r["name"] == "ranking")
    assert [f["name"] for f in resource["schema"]["fields"]] == [
        "rank", "slug", "votes", "mark_vote", "mark_experts", "score", "selected"]
    assert (folder / "ranking.csv").read_text(encoding="utf-8") == \
        "rank,slug,votes,mark_vote,mark_experts,score,selected\n"


@pytest.fixture(scope="module")
def pages(checked):
    return rendered_pages(checked, DAY)


def test_jury_page_shows_the_funnel_and_the_criteria(pages):
    doc = pages["demo-2025/fr", "jury/"]
    steps = [(li.one(".cs-funnel__value").text, li.one(".cs-funnel__label").text)
             for li in doc.select(".cs-funnel > li")]
    assert steps == [("9", "projets déposés"), ("7", "recevables"), ("5", "candidats"), ("3", "lauréats")]
    assert doc.texts("#criteria ~ .cs-criteria > li") == ["Le projet est collectif.",
                                                          "Le projet sert la transition écologique."]
    weights = doc.texts(".cs-stage .cs-stage__weight")
    assert weights == ["Compte pour 40\u00a0% de la décision.", "Compte pour 60\u00a0% de la décision."]


TITLES = {"moestuin": {"nl": "Buurtmoestuin", "fr": "Potager de quartier"},
          "fietsen": {"nl": "Fietsatelier", "fr": "Atelier vélo"}}
PRIZES = {"jury-prize": {"nl": "Prijs van de jury", "fr": "Prix du jury"},
          "coup-de-coeur": {"nl": "Publieksprijs", "fr": "Coup de cœur du public"}}


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_jury_page_ranking_table(pages, lang):
    table = pages[f"demo-2025/{lang}", "jury/"].one(".cs-ranking table")
    headings, percent = [th.text for th in table.select("thead th")], Formatter(lang).percent
    assert headings == [label(lang, msgid) for msgid in ("Rank", "Project", "Votes")] + [
        f"{label(lang, 'stage:public-vote')} ({percent(40)})", f"{label(lang, 'stage:expert-jury')} ({percent(60)})",
        label(lang, "Final score"), label(lang, "Selected"), label(lang, "Prize")]
    rows = table.select("tbody > tr")
    # Three tied at 76 share the second place, in the order of their titles in the page's language:
    # fr Atelier vélo, École verte, Repair Café; nl Fietsatelier, Groene speelplaats, Repair Café.
    assert [row.get("data-slug") for row in rows] == ["moestuin", "fietsen", "ecoles", "repair", "bijen"]
    cells = {row.get("data-slug"): [cell.text for cell in row.select("td, th")] for row in rows}
    yes, no, number = label(lang, "yes"), label(lang, "no"), Formatter(lang).number
    assert cells["moestuin"] == ["1", TITLES["moestuin"][lang], "300", "80", "90", "86", yes,
                                 PRIZES["jury-prize"][lang]]
    assert cells["fietsen"] == ["2", TITLES["fietsen"][lang], number(1400), "100", "60", "76", no,
                                PRIZES["coup-de-coeur"][lang]]
    assert [cells[slug][0] for slug in ("ecoles", "repair", "bijen")] == ["2", "2", "5"]
    assert cells["bijen"][2:] == ["50", "50", "60", "56", no, ""]
    # A laureate is linked to its page; a candidate the jury did not keep has none.
    links = {row.get("data-slug"): [a.get("href") for a in row.select("th a")] for row in rows}
    assert links == {"moestuin": ["../laureates/moestuin/"], "fietsen": [], "ecoles": ["../laureates/ecoles/"],
                     "repair": ["../laureates/repair/"], "bijen": []}


def test_jury_page_prizes_say_their_amount_and_whether_the_budget_pays_them(pages):
    doc = pages["demo-2025/fr", "jury/"]
    prizes = {li.one(".cs-prize").text: li for li in doc.select(".cs-prize-list > li")}
    favourite, jury = prizes["Coup de cœur du public"], prizes["Prix du jury"]
    assert favourite.one(".cs-prize__amount").text == "500\u00a0€"
    assert favourite.one(".cs-prize__funding").text == "(payé par le budget de la campagne, en plus de la subvention)"
    assert favourite.text.endswith("\u202f: Atelier vélo") and not favourite.select("a")  # not a laureate: no page
    assert jury.one(".cs-prize__amount").text == "1\u202f000\u00a0€"
    assert jury.one(".cs-prize__funding").text == "(non payé par le budget de la campagne)"
    assert [a.get("href") for a in jury.select("a")] == ["../laureates/moestuin/"]


def test_no_ranking_on_the_jury_page_before_the_results(checked):
    doc = rendered_pages(checked, dt.date(2025, 4, 25))["demo-2025/nl", "jury/"]
    assert doc.select(".cs-ranking") == [] and doc.select(".cs-prize-list a") == []
    # The candidates are known from the vote on; who was selected is not.
    assert [li.one(".cs-funnel__label").text for li in doc.select(".cs-funnel > li")] == [
        "ingediende projecten", "ontvankelijk", "kandidaten"]


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_showcase_orders_by_final_score_and_shows_the_rank(pages, lang):
    cards = pages[f"demo-2025/{lang}", "laureates/"].select(".cs-cards > .cs-card")
    # Tied at 76, École verte comes before Repair Café in French as in a dictionary (code points put É after R).
    assert [card.get("data-slug") for card in cards] == ["moestuin", "ecoles", "repair"]
    rank = label(lang, "Rank %(rank)s")
    assert [card.one(".cs-card__rank").text for card in cards] == [rank % {"rank": n} for n in (1, 2, 2)]


def test_showcase_without_weights_keeps_the_order_of_titles_and_shows_no_rank(tmp_path):
    checked = pipeline.build_model(write_project(tmp_path))  # one jury, no weights, no scores
    doc = rendered_pages(checked, DAY)["demo-2025/nl", "laureates/"]
    assert [card.get("data-slug") for card in doc.select(".cs-card")] == ["moestuin", "repair"]  # by title
    assert doc.select(".cs-card__rank") == []


@pytest.mark.parametrize("lang, reason, prize", [
    ("fr", "La motivation du jury\u202f: Rassemble les voisins de tout âge.", "Prix du jury\u202f: 1\u202f000\u00a0€"),
    ("nl", "Motivering van de jury: Brengt buren van alle leeftijden samen.", "Prijs van de jury: €\u00a01.000")])
def test_project_page_shows_the_jury_reason_and_its_prize_with_the_amount(pages, lang, reason, prize):
    doc = pages[f"demo-2025/{lang}", "laureates/moestuin/"]
    assert doc.one(".cs-reason").text == reason
    facts = {f.one("dt").text: f.one("dd").text for f in doc.select(".cs-facts > div")}
    assert facts[label(lang, "Prize")] == prize
    assert pages[f"demo-2025/{lang}", "laureates/repair/"].select(".cs-reason") == []  # no reason given
