"""Money that adds up (issue 19): a stopped project's grant, paid and repaid apart, on its page and in the
key figures of its campaign and of the portal; tests/project.py's campaign with a weighted selection, whose
moestuin stopped on 2025-06-12 after a 6 400 advance of which it repaid 3 000 on 2025-06-14."""

from __future__ import annotations

import datetime as dt

import pytest

from campaignsite import pipeline
from campaignsite.core.i18n import Formatter
from html_support import label, rendered_pages
from project import weighted_selection_files, write_project

DAY = dt.date(2025, 6, 15)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    return pipeline.build_model(write_project(tmp_path_factory.mktemp("money"), weighted_selection_files()))


@pytest.fixture(scope="module")
def pages(checked):
    return rendered_pages(checked, DAY)


def euros(lang: str, *amounts: int) -> list[str]:
    return [Formatter(lang).money(100 * amount) for amount in amounts]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_stopped_project_says_when_and_what_it_was_paid_and_repaid(pages, lang):
    doc = pages[f"demo-2025/{lang}", "laureates/moestuin/"]
    grant, paid, repaid = euros(lang, 8000, 6400, 3000)
    assert [doc.one(".cs-stopped").text, doc.one(".cs-payment").text] == {
        "fr": ["Ce projet s'est arrêté le 12 juin 2025.",
               f"Sur son subside de {grant}, {paid} ont été versés et {repaid} remboursés."],
        "nl": ["Dit project is gestopt op 12 juni 2025.",
               f"Van zijn subsidie van {grant} werd {paid} betaald en {repaid} terugbetaald."]}[lang]
    assert doc.texts(".cs-payments dd") == [paid, repaid]
    # It asks for nothing any more (laureates.csv still lists the spades it needed), and does not say it
    # has everything it needs either.
    assert doc.select("section.cs-help, #help, .cs-needs") == []
    assert label(lang, "This project has everything it needs for now.") not in doc.text


def test_a_project_that_goes_on_says_nothing_of_stopping(pages):
    doc = pages["demo-2025/nl", "laureates/repair/"]
    assert doc.select(".cs-stopped") == [] and doc.select("section.cs-help h2#help")
    grant, paid = euros("nl", 2000, 1600)
    assert doc.one(".cs-payment").text == f"Van de subsidie van {grant} is {paid} uitbetaald."


def test_before_it_stopped_the_project_asks_for_help(checked):
    doc = rendered_pages(checked, dt.date(2025, 6, 11))["demo-2025/nl", "laureates/moestuin/"]
    assert doc.select(".cs-stopped") == [] and doc.texts(".cs-needs .cs-need__text") == ["schoppen"]
    grant, paid = euros("nl", 8000, 6400)
    assert doc.one(".cs-payment").text == f"Van de subsidie van {grant} is {paid} uitbetaald."


def figures(doc, css: str) -> dict[str, str]:
    return {f.one("dt").text: f.one("dd").text for f in doc.select(f"{css} > .cs-figure")}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_key_figures_show_granted_paid_and_repaid_apart(pages, lang):
    # Granted: the repair café's 2 000 and the green playground's 500, and what the stopped moestuin kept
    # of its 8 000 grant: its 6 400 advance minus the 3 000 it paid back. Paid: 6 400 + 1 600 - 3 000.
    granted, paid, repaid = euros(lang, 2000 + 500 + 6400 - 3000, 6400 + 1600 - 3000, 3000)
    expected = {label(lang, "granted to citizen projects"): granted, label(lang, "paid out, net of repayments"): paid,
                label(lang, "paid back by projects"): repaid}
    home = figures(pages[f"demo-2025/{lang}", ""], ".cs-home > .cs-figures")
    assert {name: home.get(name) for name in expected} == expected
    portal = figures(pages[f"_portal/{lang}", ""], ".cs-portal > .cs-figures")
    assert {name: portal.get(name) for name in expected} == expected


def test_before_any_repayment_no_repaid_figure(checked):
    doc = rendered_pages(checked, dt.date(2025, 6, 13))["demo-2025/nl", ""]  # stopped, not yet paid back
    shown = figures(doc, ".cs-home > .cs-figures")
    # A stopped project counts for what it kept of its grant: all of its advance, so far.
    assert shown[label("nl", "granted to citizen projects")] == euros("nl", 2000 + 500 + 6400)[0]
    assert shown[label("nl", "paid out, net of repayments")] == euros("nl", 6400 + 1600)[0]
    assert label("nl", "paid back by projects") not in shown


def test_without_payments_no_paid_figure(tmp_path):
    doc = rendered_pages(pipeline.build_model(write_project(tmp_path)), DAY)["demo-2025/nl", ""]
    shown = figures(doc, ".cs-home > .cs-figures")
    assert shown[label("nl", "granted to citizen projects")] == euros("nl", 8000 + 2000)[0]
    assert label("nl", "paid out, net of repayments") not in shown
