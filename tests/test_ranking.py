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
from html_support import read_csv
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
    assert ranks(dataclasses.replace(campaign, candidates=candidates)) == {
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
        "Ecole 2", "école du dehors", "École verte", "Eglise ouverte", "Œuvre commune", "Repair Café", "Zonnepanelen"]


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
