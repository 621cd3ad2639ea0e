"""GDPR: no page asks another host for anything (fonts, scripts, images, frames) until the visitor
chooses it; LG München (2022) ruled that merely embedding Google Fonts leaks the visitor's address.

Every request the browser makes is recorded; those to other hosts are aborted by a route, so
nothing leaves the machine, and a test can still see what would have been asked for, and when.
"""

from __future__ import annotations

import pytest

from playwright.sync_api import expect

from browser_support import RequestRecorder, origin_of

pytestmark = pytest.mark.browser

# Resource hints open connections to a host without a request event: they count as leaks too.
HINTS = """() => [...document.querySelectorAll(
    "link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=prefetch], link[rel~=preload], link[rel~=modulepreload]")]
  .map(l => l.href).filter(h => h && new URL(h).origin !== location.origin)"""

# Make lazy images and frames load now, then wait for every image: what a visitor scrolling down
# the whole page would load.
LOAD_EVERYTHING = """async () => {
  document.querySelectorAll("[loading=lazy]").forEach(e => { e.loading = "eager"; });
  window.scrollTo(0, document.body.scrollHeight);
  await Promise.all([...document.images].map(i => i.complete ? null :
    new Promise(done => { i.addEventListener("load", done); i.addEventListener("error", done); })));
}"""

VIDEO_HOST = "www.youtube-nocookie.com"


@pytest.fixture
def recorded(browser):
    """(page, recorder): a fresh browser context whose every request is recorded."""
    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    context.set_default_timeout(20_000)
    recorder = RequestRecorder(origin="").attach(context)
    yield context.new_page(), recorder
    context.close()


def visit(page, recorder: RequestRecorder, url: str) -> None:
    """Open `url` as the site's own origin and load all of it, including what is below the fold."""
    recorder.origin = origin_of(url)
    page.goto(url, wait_until="load")
    page.evaluate(LOAD_EVERYTHING)
    page.wait_for_load_state("networkidle")  # late requests: search index, sitemaps, beacons


# One language of each campaign: its languages share the templates, media, videos and widgets, which
# are what could ask another host; the accessibility sweep visits every language.
@pytest.mark.samples(one_language=True)
def test_page_asks_no_other_host_for_anything(recorded, site_samples, subtests):
    page, recorder = recorded
    for sample in site_samples:
        with subtests.test(sample.id):
            recorder.clear()
            visit(page, recorder, sample.url)
            assert recorder.requests, "the recorder saw the page load"
            foreign = recorder.foreign()
            assert not foreign, f"{sample.url} requests from other hosts:\n  " + "\n  ".join(foreign)
            hints = page.evaluate(HINTS)
            assert not hints, f"{sample.url} hints the browser to connect to other hosts: {hints}"
            # Nothing of the search (Pagefind's script, WebAssembly, index) before a visitor searches.
            searched = [url for _, url in recorder.requests if "/pagefind/" in url]
            assert not searched or sample.kind in ("search", "portal-search"), f"{sample.url} loads the search: {searched}"


def test_recorder_sees_and_stops_requests_to_other_hosts(recorded, fixture_url):
    """The check above can fail: a stylesheet and an image from another host are caught, and stopped."""
    page, recorder = recorded
    visit(page, recorder, fixture_url + "/demo-2025/nl/")
    page.evaluate("""() => {
      document.head.append(Object.assign(document.createElement("link"),
        {rel: "stylesheet", href: "https://fonts.googleapis.com/css2?family=Roboto"}));
      document.body.append(Object.assign(new Image(), {src: "https://tracker.example.com/pixel.gif"}));
    }""")
    recorder.wait_for_host(page, "fonts.googleapis.com")
    recorder.wait_for_host(page, "tracker.example.com")
    assert recorder.hosts() == {"fonts.googleapis.com", "tracker.example.com"}
    assert sorted(recorder.aborted) == ["https://fonts.googleapis.com/css2?family=Roboto",
                                        "https://tracker.example.com/pixel.gif"]


# --- Video facades: the video host is asked only once the visitor clicks -------------------------

def video_page(site_root) -> str:
    """URL path of a laureate page with a video facade."""
    for html in sorted(site_root.glob("*/*/laureates/*/index.html")):
        if "data-cs-video" in html.read_text(encoding="utf-8"):
            return "/" + html.parent.relative_to(site_root).as_posix() + "/"
    raise AssertionError(f"no laureate page in {site_root} has a video")


@pytest.mark.parametrize("network", ["example", "fixture"])
def test_video_host_is_asked_only_after_a_click(recorded, serve, request, network):
    site_root = request.getfixturevalue(f"{network}_site")
    url = serve(site_root) + video_page(site_root)
    page, recorder = recorded
    visit(page, recorder, url)
    assert not recorder.foreign(), "before the click, nothing goes to the video host"

    facade = page.locator("[data-cs-video]").first
    facade.locator("button").click()
    recorder.wait_for_host(page, VIDEO_HOST)
    assert recorder.hosts() == {VIDEO_HOST}, recorder.foreign()
    assert page.locator("iframe.cs-video__frame").get_attribute("title"), "the player has a title (WCAG 4.1.2)"


def test_network_search_asks_no_other_host(recorded, example_url):
    """Pagefind loads its index and WebAssembly as you type: all of it from the site itself."""
    page, recorder = recorded
    visit(page, recorder, example_url + "/search/")
    page.locator(".pagefind-ui__search-input").fill("repair")
    page.locator(".pagefind-ui__result").first.wait_for()
    # Each result loads its own fragment of the index while it shows as loading.
    expect(page.locator(".pagefind-ui__loading")).to_have_count(0)
    page.evaluate(LOAD_EVERYTHING)
    assert any("pagefind" in url for _, url in recorder.requests), "the search index was loaded"
    assert not recorder.foreign(), "\n".join(recorder.foreign())
