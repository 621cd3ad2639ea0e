"""The press page and kit as a newspaper uses them (issue 10): the contact first, print-ready PNG
files of every SVG picture, and the whole kit as one ZIP with its credits."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urljoin

import pytest

from html_support import label, parse

PRESS_PAGES = ["namur-2023/fr/press/", "gent-2024/nl/press/", "eupen-kelmis-2025/de/press/"]


def resolve(site, page_rel: str, href: str):
    return site / urljoin("/" + page_rel, href).lstrip("/")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("rel", PRESS_PAGES)
def test_press_contact_comes_first_and_the_listing_is_one_click_away(example_site, rel):
    page = parse(example_site / rel / "index.html")
    lang = page.lang
    headings = [h.text for h in page.select("article h2")]
    assert headings[0] == label(lang, "Press contact"), headings
    quick = [resolve(example_site, rel, a.get("href")) for a in page.select(".cs-press__quick a")]
    assert example_site / rel / "listing" in quick
    assert any(path.suffix == ".zip" and path.is_file() for path in quick)


@pytest.mark.parametrize("rel", PRESS_PAGES)
def test_every_svg_picture_has_a_print_ready_png(example_site, rel):
    page = parse(example_site / rel / "index.html")
    items = page.select("#media-kit ~ ul li, section[aria-labelledby=media-kit] .cs-downloads li")
    svgs = [li for li in items if li.select_one("a").get("href").endswith(".svg")]
    assert svgs, "the example's kit has SVG pictures"
    for li in svgs:
        links = [a.get("href") for a in li.select("a")]
        png = next((href for href in links if href.endswith(".png")), None)
        assert png, f"no PNG beside {links[0]}"
        width, height = png_size(resolve(example_site, rel, png).read_bytes())
        assert width == 2000 and height > 100, (png, width, height)
        assert PurePosixPath(png).stem == PurePosixPath(links[0]).stem


def test_the_kit_zip_holds_originals_prints_and_credits(example_site):
    rel = "namur-2023/fr/press/"
    page = parse(example_site / rel / "index.html")
    href = next(a.get("href") for a in page.select(".cs-press__quick a") if a.get("href").endswith(".zip"))
    data = resolve(example_site, rel, href).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        assert bundle.testzip() is None
        names = bundle.namelist()
        assert names == sorted(names) and "CREDITS.txt" in names
        originals = [n for n in names if n.startswith("original/")]
        prints = [n for n in names if n.startswith("print/")]
        assert originals and len(prints) == sum(1 for n in originals if n.endswith(".svg"))
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in bundle.infolist())  # no clock inside
        credits = bundle.read("CREDITS.txt").decode("utf-8")
        for name in originals:
            assert PurePosixPath(name).name in credits
        assert "Camille Delvaux" in credits and "presse.proximity@namur.example.be" in credits
        for name in prints:
            assert png_size(bundle.read(name))[0] == 2000


def test_a_very_tall_svg_is_bounded(tmp_path, monkeypatch):
    """A hostile or mistaken SVG (1 x 100000) gets a picture of bounded height, not gigapixels."""
    from campaignsite.exports import presskit
    monkeypatch.setattr(presskit, "CACHE", tmp_path)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="100000"/></svg>'
    width, height = png_size(presskit.raster(svg))
    assert height == presskit.HEIGHT and width <= 1
    wide = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120"><rect width="320" height="120"/></svg>'
    assert png_size(presskit.raster(wide)) == (presskit.WIDTH, 750)
