"""Widgets on another website, in Debian's Chromium: a host page on a second origin pastes the code
published on the widgets page; the iframe fits its content (also after a filter changes it), links
open in the top window, nothing is requested outside the two origins, and the widget works without
JavaScript. WordPress's own embed receiver resizes it too, and the oEmbed descriptions embed."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import format_violations, run_axe
from html_support import parse_html

pytestmark = pytest.mark.browser

CAMPAIGN = "ixelles-2026/fr"
PUBLIC = "https://proximity.example.be/"  # the example network's base_url
WIDGETS = ("laureates", "project", "needs", "agenda", "figures", "call")


@pytest.fixture(scope="session")
def site_origin(example_site, serve) -> str:
    return serve(example_site)


@pytest.fixture(scope="session")
def host_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("municipality")


@pytest.fixture(scope="session")
def host_origin(host_folder, serve) -> str:
    """A second origin (another port): the municipality's website."""
    return serve(host_folder)


def published_code(example_site: Path, widget: str) -> str:
    """The code the widgets page gives to copy for `widget`, as a municipality would paste it."""
    page = parse_html((example_site / CAMPAIGN / "widgets" / "index.html").read_text(encoding="utf-8"))
    return page.one(f"textarea#code-{widget}").raw_text


def host_page(host_folder: Path, name: str, body: str) -> str:
    (host_folder / f"{name}.html").write_text(
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Commune</title></head>'
        f'<body style="margin:0"><h1>Site de la commune</h1>{body}<p id="after">Pied de page</p></body></html>',
        encoding="utf-8")
    return f"{name}.html"


@pytest.fixture
def two_origins(browser, site_origin, host_origin):
    """A browser context that lets requests reach only the site and the host; others are recorded."""
    context = browser.new_context(locale="fr-BE", viewport={"width": 390, "height": 800})
    context.set_default_timeout(20_000)
    foreign: list[str] = []

    def route(route):
        url = route.request.url
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        if origin in (site_origin, host_origin) or url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort("blockedbyclient")
    context.route("**/*", route)
    yield context, foreign
    context.close()


def frame_fits(page, timeout_ms: int = 20_000) -> float:
    """Wait until the iframe's height is its content's height, within 3 px; return that height.

    The widget is on another origin: its height is read inside the frame, the iframe's outside."""
    element = page.locator("iframe").element_handle()
    frame = element.content_frame()
    frame.wait_for_load_state("load")
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        content = frame.evaluate("() => Math.ceil(document.body.getBoundingClientRect().height)")
        try:
            page.wait_for_function("([frame, height]) => Math.abs(frame.getBoundingClientRect().height - height) <= 3",
                                   arg=[element, content], timeout=max(1, (deadline - time.monotonic()) * 1000))
        except PlaywrightTimeoutError:
            outer = element.evaluate("frame => frame.getBoundingClientRect().height")
            raise AssertionError(f"the iframe stays {outer} px high for {content} px of content") from None
        # The content may have reflowed while the iframe grew: fitted only if it kept its height.
        if frame.evaluate("() => Math.ceil(document.body.getBoundingClientRect().height)") == content:
            return element.evaluate("frame => frame.getBoundingClientRect().height")


@pytest.mark.parametrize("widget", WIDGETS)
def test_the_published_code_fits_the_widget_on_another_site(example_site, site_origin, host_folder, host_origin,
                                                            two_origins, widget):
    context, foreign = two_origins
    code = published_code(example_site, widget).replace(PUBLIC, site_origin + "/")
    assert 'data-campaignsite-embed' in code and "loader.js" in code
    page = context.new_page()
    page.goto(f"{host_origin}/{host_page(host_folder, widget, code)}")
    height = frame_fits(page)
    assert height != 600, "the iframe kept the fixed height of the code: the loader did not resize it"
    assert foreign == [], f"requests outside the two origins: {foreign}"


def test_the_height_follows_a_filter_and_links_open_in_the_top_window(example_site, site_origin, host_folder,
                                                                      host_origin, two_origins):
    context, foreign = two_origins
    code = published_code(example_site, "laureates").replace(PUBLIC, site_origin + "/")
    page = context.new_page()
    page.goto(f"{host_origin}/{host_page(host_folder, 'filter', code)}")
    before = frame_fits(page)
    widget = page.frame_locator("iframe")
    options = widget.locator("select[name=sdg] option").evaluate_all("options => options.map(o => o.value)")
    widget.locator("select[name=sdg]").select_option(options[-1])  # the least served goal: fewer cards
    page.wait_for_function("(before) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height"
                           " - before) > 50", arg=before)
    frame_fits(page)
    link = widget.locator(".cs-card:not([hidden]) .cs-card__title a").first
    target = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(target)
    assert page.url.startswith(site_origin + f"/{CAMPAIGN}/laureates/"), "the top window shows the project page"
    assert foreign == []


def test_without_javascript_the_widget_keeps_its_height_and_stays_usable(example_site, site_origin, host_folder,
                                                                          host_origin, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    try:
        code = published_code(example_site, "laureates").replace(PUBLIC, site_origin + "/")
        page = context.new_page()
        page.goto(f"{host_origin}/{host_page(host_folder, 'nojs', code)}")
        frame = page.frame_locator("iframe")
        frame.locator(".cs-card").first.wait_for()
        assert page.locator("iframe").evaluate("frame => frame.getBoundingClientRect().height") == 600
        assert frame.locator("form.cs-filter").is_hidden(), "no filter that cannot work"
        assert frame.locator(".cs-card").count() > 1
        more = frame.locator(".cs-widget__more a")
        assert more.get_attribute("href"), "a link to the full page"
        assert frame.locator("html").evaluate("html => html.scrollHeight > innerHeight"), "it scrolls inside"
    finally:
        context.close()


WORDPRESS_RECEIVER = """<script>
/* The receiving side of WordPress's embed protocol (wp-includes/js/wp-embed.js), as WordPress runs it. */
window.addEventListener("message", function (e) {
  var data = e.data;
  if (!data || !(data.secret || data.message || data.value) || /[^a-zA-Z0-9]/.test(data.secret)) return;
  var frames = document.querySelectorAll('iframe[data-secret="' + data.secret + '"]');
  for (var i = 0; i < frames.length; i++) {
    var frame = frames[i];
    if (e.source !== frame.contentWindow) continue;
    if (data.message === "height") {
      var value = parseInt(data.value, 10);
      if (value > 1000) value = 1000; else if (~~value < 200) value = 200;
      frame.height = value;
    }
  }
});
</script>"""


def test_wordpress_resizes_the_widget_with_its_own_receiver(site_origin, host_folder, host_origin, two_origins):
    context, foreign = two_origins
    src = f"{site_origin}/{CAMPAIGN}/embed/figures/#?secret=s3cr3t"
    body = (f'<iframe src="{src}" data-secret="s3cr3t" sandbox="allow-scripts" security="restricted" '
            f'title="Chiffres" width="600" height="400" style="border:0"></iframe>{WORDPRESS_RECEIVER}')
    page = context.new_page()
    page.goto(f"{host_origin}/{host_page(host_folder, 'wordpress', body)}")
    page.wait_for_function("() => document.querySelector('iframe').height !== '400'")
    height = int(page.locator("iframe").get_attribute("height"))
    assert 200 <= height < 400, f"WordPress set the height to {height}"
    assert foreign == []


def oembed_files(example_site: Path) -> list[Path]:
    return sorted((example_site / CAMPAIGN / "oembed").rglob("*.json"))


def test_every_oembed_description_is_valid_and_announced(example_site):
    files = oembed_files(example_site)
    assert files, "no oEmbed description"
    announced = set()
    for page in (example_site / CAMPAIGN).rglob("index.html"):
        doc = parse_html(page.read_text(encoding="utf-8"), page)
        for link in doc.select('link[rel="alternate"][type="application/json+oembed"]'):
            announced.add(link.get("href"))
            assert link.get("title"), f"{page}: the oEmbed link has no title"
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        # oEmbed 1.0, section 2.3.4: type and version always; html, width and height for "rich".
        assert data["version"] == "1.0" and data["type"] == "rich", path
        assert isinstance(data["width"], int) and isinstance(data["height"], int), path
        assert "<iframe" in data["html"] and 'sandbox="' in data["html"], path
        address = PUBLIC + path.relative_to(example_site).as_posix()
        assert address in announced, f"{address} is announced by no page"


def test_oembed_html_renders_in_a_host_page(example_site, site_origin, host_folder, host_origin, two_origins):
    context, foreign = two_origins
    page = context.new_page()
    for path in oembed_files(example_site)[:3]:
        markup = json.loads(path.read_text(encoding="utf-8"))["html"].replace(PUBLIC, site_origin + "/")
        page.goto(f"{host_origin}/{host_page(host_folder, 'oembed', markup)}")
        title = page.frame_locator("iframe").locator("h1")
        title.wait_for()
        assert title.inner_text().strip(), f"{path.name}: the embedded widget shows no title"
    assert foreign == []


@pytest.mark.parametrize("widget", ["laureates/", "needs/", "agenda/", "figures/", "call/"])
def test_a_widget_is_accessible_and_readable_at_280_px(browser, site_origin, widget):
    context = browser.new_context(viewport={"width": 280, "height": 600})
    try:
        page = context.new_page()
        page.goto(f"{site_origin}/{CAMPAIGN}/embed/{widget}")
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 280, f"{widget} needs {wide} px at 280 px"
        base = page.locator("base").get_attribute("target")
        assert base == "_top"
    finally:
        context.close()


def test_the_loader_ignores_messages_from_other_frames(example_site, site_origin, host_folder, host_origin,
                                                       two_origins):
    context, _ = two_origins
    code = published_code(example_site, "figures").replace(PUBLIC, site_origin + "/")
    body = code + "<script>setTimeout(function () { window.postMessage({type: 'campaignsite:height', height: 5}, '*'); }, 0);</script>"
    page = context.new_page()
    page.goto(f"{host_origin}/{host_page(host_folder, 'spoof', body)}")
    height = frame_fits(page)
    assert height > 100, "a message from the host page itself resized the widget"
    assert re.search(r"loader\.js", code)
