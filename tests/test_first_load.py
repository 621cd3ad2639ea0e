"""What a phone downloads to show a page the first time (issue 22, item 9): a project page at most
60 kB once compressed, everything included (the page, the theme's CSS and JS, logos, the first
picture), measured in Chromium at 390 px as a visitor loads it, not summed from file sizes.

Sizes are what a host that compresses sends (gzip, level 6, as nginx's `gzip on` does for text; images
and anything already compressed are counted as they are): Lighthouse's budget is of transferred bytes.
"""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.browser

PROJECT_PAGE_BUDGET = 60_000
# Other page types list many projects (their cards, lazy pictures below the fold): their budget is the
# same order, for the first screen a phone loads.
PAGE_BUDGET = 90_000
COMPRESSED = ("image/png", "image/jpeg", "image/webp", "image/avif", "font/woff2", "application/zip")


def sent_size(body: bytes, content_type: str) -> int:
    """The bytes a compressing host sends for `body`."""
    if content_type.split(";")[0].strip() in COMPRESSED:
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_load(page, url: str) -> dict[str, int]:
    """Each file the page fetches before it settles, with its compressed size."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", record)
    return {response.url: sent_size(response.body(), response.headers.get("content-type", ""))
            for response in responses if response.status == 200}


def report(files: dict[str, int]) -> str:
    return ", ".join(f"{url.rsplit('/', 2)[-2:]} {size:,}" for url, size in sorted(files.items(), key=lambda f: -f[1]))


def assert_light(browser_context, samples, budget: int) -> None:
    page = browser_context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    for sample in samples:
        files = first_load(page, sample.url)
        assert any(url.endswith(".css") for url in files), f"{sample.id}: the measurement missed the stylesheets"
        total = sum(files.values())
        assert total <= budget, f"{sample.id}: {total:,} bytes: {report(files)}"


@pytest.mark.samples("laureate", per_type=4, multilingual=True)
def test_a_project_page_loads_at_most_60_kb_on_a_phone(browser_context, site_samples):
    assert_light(browser_context, site_samples, PROJECT_PAGE_BUDGET)


@pytest.mark.samples("home", "showcase", "help", "agenda", "press", "portal-home", per_type=2)
def test_other_pages_load_lightly_on_a_phone(browser_context, site_samples):
    assert_light(browser_context, site_samples, PAGE_BUDGET)
