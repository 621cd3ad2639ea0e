"""What a visitor does with the showcase filter and the video facade, in Chromium."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


def laureate_rows(campaign: str) -> list[dict]:
    with open(ROOT / "campaigns" / campaign / "laureates.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_filter_the_showcase_by_an_sdg(example_url, page):
    rows = laureate_rows("gent-2024")
    goal = "13"
    expected = sorted(r["title_nl"] for r in rows if goal in r["sdgs"].split(";"))
    assert 0 < len(expected) < len(rows), "pick a goal that some but not all projects serve"
    page.goto(f"{example_url}/gent-2024/nl/laureates/")
    cards = page.locator("[data-cs-cards] .cs-card")
    assert cards.count() == len(rows)
    page.get_by_role("combobox", name="Doel").select_option(goal)
    visible = sorted(page.locator("[data-cs-cards] .cs-card:visible .cs-card__title").all_inner_texts())
    assert visible == expected
    assert page.locator("[data-cs-count]").inner_text() == f"{len(expected)} van {len(rows)} projecten getoond"
    page.get_by_role("combobox", name="Doel").select_option("")
    assert page.locator("[data-cs-cards] .cs-card:visible").count() == len(rows)


def test_filter_the_showcase_by_a_prize(example_url, page):
    rows = laureate_rows("namur-2023")
    expected = sorted(r["title_fr"] for r in rows if "coup-de-coeur" in r["prizes"].split(";"))
    assert 0 < len(expected) < len(rows), "the example gives the prize to some but not all projects"
    page.goto(f"{example_url}/namur-2023/fr/laureates/")
    page.get_by_role("combobox", name="Prix").select_option("coup-de-coeur")
    visible = page.locator("[data-cs-cards] .cs-card:visible")
    assert sorted(visible.locator(".cs-card__title").all_inner_texts()) == expected
    expect(visible.locator(".cs-prize")).to_have_text(["Coup de cœur du public"] * len(expected))
    page.get_by_role("combobox", name="Prix").select_option("")
    assert page.locator("[data-cs-cards] .cs-card:visible").count() == len(rows)


def visible_titles(page) -> list[str]:
    return sorted(page.locator("[data-cs-cards] .cs-card:visible .cs-card__title").all_inner_texts())


def test_filter_state_round_trips_through_the_address_and_the_back_button(example_url, page):
    rows = laureate_rows("gent-2024")
    goal, status = "11", "completed"
    by_goal = sorted(r["title_nl"] for r in rows if goal in r["sdgs"].split(";"))
    both = sorted(r["title_nl"] for r in rows if goal in r["sdgs"].split(";") and r["status"] == status)
    assert 0 < len(both) < len(by_goal) < len(rows), "pick choices that narrow the list step by step"
    showcase = f"{example_url}/gent-2024/nl/laureates/"
    page.goto(showcase)
    expect(page.locator(".cs-filter__reset")).to_be_hidden()  # nothing to reset yet
    page.get_by_role("combobox", name="Doel").select_option(goal)
    page.get_by_role("combobox", name="Status").select_option(status)
    assert page.url == f"{showcase}?sdg={goal}&status={status}" and visible_titles(page) == both
    expect(page.locator(".cs-filter__reset")).to_be_visible()
    page.go_back()  # one choice undone: back to the goal alone
    expect(page).to_have_url(f"{showcase}?sdg={goal}")
    assert page.get_by_role("combobox", name="Status").input_value() == "" and visible_titles(page) == by_goal
    page.go_back()
    expect(page).to_have_url(showcase)
    assert len(visible_titles(page)) == len(rows)
    page.go_forward()
    expect(page).to_have_url(f"{showcase}?sdg={goal}")
    shared = page.context.new_page()  # the address, shared: the same view
    shared.goto(f"{showcase}?sdg={goal}&status={status}")
    assert shared.get_by_role("combobox", name="Doel").input_value() == goal and visible_titles(shared) == both


def test_filter_counts_follow_the_other_choices_and_no_choice_leads_nowhere(example_url, page):
    rows = laureate_rows("gent-2024")
    page.goto(f"{example_url}/gent-2024/nl/laureates/")
    page.get_by_role("combobox", name="Status").select_option("completed")
    completed = [r for r in rows if r["status"] == "completed"]
    for option in page.locator("select[name=sdg] option:not([value=''])").all():
        goal = option.get_attribute("value")
        expected = sum(1 for r in completed if goal in r["sdgs"].split(";"))
        assert option.inner_text().endswith(f"({expected})"), (goal, option.inner_text())
        assert option.is_disabled() == (expected == 0)
    # An address whose choices match nothing (a stale shared link): say so, and offer the way back.
    page.goto(f"{example_url}/gent-2024/nl/laureates/?sdg=1&status=stopped")
    empty = page.locator("[data-cs-empty]")
    expect(empty).to_be_visible()
    assert not visible_titles(page)
    empty.get_by_role("button").click()
    assert len(visible_titles(page)) == len(rows) and page.url.endswith("/laureates/")
    expect(empty).to_be_hidden()


@pytest.mark.parametrize("width", [390, 1280])
def test_filter_targets_are_at_least_44_px(example_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{example_url}/namur-2023/fr/laureates/?prize=coup-de-coeur")
    targets = page.locator(".cs-filter select, .cs-filter button:visible")
    assert targets.count() >= 4
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (index, box)
    context.close()


def test_without_javascript_the_showcase_links_to_the_sdg_pages(browser, example_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{example_url}/gent-2024/nl/laureates/")
    assert page.locator("form[data-cs-filter]").is_hidden()
    link = page.locator(".cs-sdg-nav a.cs-sdg", has_text="Klimaatactie")
    link.click()
    assert page.url.endswith("/gent-2024/nl/sdg/13/")
    expected = sorted(r["title_nl"] for r in laureate_rows("gent-2024") if "13" in r["sdgs"].split(";"))
    assert sorted(page.locator(".cs-card__title").all_inner_texts()) == expected
    context.close()


def test_video_host_is_contacted_only_after_a_click(example_url, page):
    rows = [r for r in laureate_rows("gent-2024") if r["video_url"]]
    assert rows, "the example network should have a project with a video"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{example_url}/gent-2024/nl/laureates/{rows[0]['slug']}/")
    page.wait_for_load_state("networkidle")
    own = urlsplit(example_url).netloc
    assert [u for u in requests if urlsplit(u).netloc != own] == [], "nothing may leave the site before the click"
    # Before the click: the project's picture as the poster, the video's title and the play button.
    poster = page.locator(".cs-video__poster")
    expect(poster.locator(".cs-video__title")).to_have_text(rows[0]["title_nl"])
    if rows[0]["image"]:
        assert poster.locator("img").get_attribute("src").endswith(rows[0]["image"].split("/")[-1])
        assert poster.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    box = page.locator(".cs-video__play").bounding_box()
    assert box["height"] >= 44
    with page.expect_request(lambda request: urlsplit(request.url).netloc != own):
        page.locator(".cs-video button").click()
    frame = page.locator("iframe.cs-video__frame")
    expect(frame).to_be_attached()
    expect(page.locator(".cs-video__notice")).to_be_visible()  # the link to the host stays
    outside = {urlsplit(u).netloc for u in requests if urlsplit(u).netloc != own}
    assert outside and outside <= {"www.youtube-nocookie.com", "player.vimeo.com"}, outside
    assert frame.get_attribute("title")
