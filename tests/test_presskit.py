"""The press page and kit as a newspaper uses them (issue 10): the contact first, print-ready PNG
files of every SVG picture, and the whole kit as one ZIP with its credits."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import pytest

from html_support import label, parse

ROOT = Path(__file__).resolve().parent.parent
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
    items = page.select("section[aria-labelledby=media-kit] .cs-gallery li")
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


@pytest.mark.parametrize("rel", PRESS_PAGES)
def test_the_gallery_shows_every_picture_of_the_kit_with_its_sizes_and_credit(example_site, rel):
    """Issue 22, item 8: a thumbnail per picture of the ZIP, linking its original, with its pixel size
    and file size (and its PNG's), and its credit where the picture has one."""
    page = parse(example_site / rel / "index.html")
    href = next(a.get("href") for a in page.select(".cs-press__quick a") if a.get("href").endswith(".zip"))
    with zipfile.ZipFile(resolve(example_site, rel, href)) as bundle:
        originals = {PurePosixPath(n).name for n in bundle.namelist() if n.startswith("original/")}
        credits = bundle.read("CREDITS.txt").decode("utf-8")
    items = page.select("section[aria-labelledby=media-kit] .cs-gallery li")
    shown = {}
    for li in items:
        original = li.select_one("a")
        path = resolve(example_site, rel, original.get("href"))
        thumbnail = li.select_one("img")
        assert resolve(example_site, rel, thumbnail.get("src")) == path and path.is_file()
        assert original.text, "the picture is named"
        size = li.select_one(".cs-gallery__size").text
        width, height = thumbnail.get("width"), thumbnail.get("height")
        assert re.search(rf"\b{int(width):,} × {int(height):,} ".replace(",", "[.,\u00a0\u202f ]?"), size), size
        assert re.search(r"\d+\s(kB|Ko|KB)", size), size
        png = li.select_one(".cs-gallery__print a")
        if png is not None:
            data = resolve(example_site, rel, png.get("href")).read_bytes()
            assert f"{png_size(data)[0]:,}".replace(",", "") in li.select_one(".cs-gallery__print").text \
                .replace(".", "").replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        line = next(line for line in credits.splitlines() if line.startswith(path.name + ":"))
        credit = li.select_one(".cs-credit")
        assert (credit is not None) == (" - " in line), (path.name, line)
        if credit is not None:
            assert line.split(": ", 2)[-1] in credit.text
        shown[path.name] = li
    assert set(shown) == originals


def test_a_very_tall_svg_is_bounded(tmp_path, monkeypatch):
    """A hostile or mistaken SVG (1 x 100000) gets a picture of bounded height, not gigapixels."""
    from campaignsite.exports import presskit
    monkeypatch.setattr(presskit, "CACHE", tmp_path)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="100000"/></svg>'
    width, height = png_size(presskit.raster(svg))
    assert height == presskit.HEIGHT and width <= 1
    wide = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120"><rect width="320" height="120"/></svg>'
    assert png_size(presskit.raster(wide)) == (presskit.WIDTH, 750)


# --- The renderer's limits (issue 20) ---------------------------------------------------------------

# Within the budget checked at validation (a dilation smaller than the picture), yet resvg would work
# on it for many minutes at 2000 pixels wide: only the renderer's own limit stops it.
SLOW_BOMB = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><filter id="f"><feMorphology radius="3"/>'
             b'</filter><rect filter="url(#f)" width="9" height="9"/></svg>')
HANG_GUARD = 900  # seconds: only stops a test that would hang if the limit did not hold; never a measure


def render_failure(svg: bytes, **limits) -> str:
    """The message of the renderer's refusal of `svg` (the call runs beside a hang guard)."""
    from campaignsite.exports import presskit
    with ThreadPoolExecutor(1) as pool:
        attempt = pool.submit(presskit.raster, svg, **limits)
        with pytest.raises(presskit.RenderFailed) as failed:
            attempt.result(timeout=HANG_GUARD)
    return str(failed.value.args[0])


@pytest.fixture
def no_cache(tmp_path, monkeypatch):
    from campaignsite.exports import presskit
    monkeypatch.setattr(presskit, "CACHE", tmp_path / "cache")


def test_a_filter_bomb_ends_within_the_renderers_processor_time(no_cache):
    from campaignsite.exports.svg import clean_svg
    assert len(SLOW_BOMB) <= 200 and clean_svg(SLOW_BOMB)  # the budget lets it through: the limit must hold
    assert render_failure(SLOW_BOMB, seconds=1) == ("the press kit's renderer needed more than 1 s of processor "
                                                    "time for it: simplify its filters and effects, or export it as PNG")


def test_the_renderer_has_a_memory_limit(no_cache):
    tall = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300"><rect width="200" height="300"/></svg>'
    assert "needed more than 48 MiB of memory" in render_failure(tall, memory=48 << 20)


@pytest.mark.parametrize("svg, reason", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="0"/>', "invalid size"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/>', "never closed"),
])
def test_a_picture_the_renderer_cannot_make_is_a_message(no_cache, svg, reason):
    """What validation refuses first (a zero size), and what it never lets through: said in words."""
    message = render_failure(svg)
    assert message.startswith("the press kit's renderer could not make a PNG of it (") and reason in message, message


@pytest.mark.slow
def test_a_bomb_stops_the_build_with_a_problem_not_a_traceback(tmp_path):
    """Through the command line, with the default limit: one line naming the picture, exit 1."""
    from project import write_project
    root = write_project(tmp_path / "project", {"campaigns/demo-2025/media/garden.svg": SLOW_BOMB})
    env = {**os.environ, "CAMPAIGNSITE_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", "2025-07-01",
                           "-o", str(tmp_path / "site")], capture_output=True, text=True, env=env,
                          timeout=HANG_GUARD)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == (
        "campaigns/demo-2025/media/garden.svg: svg: the press kit's renderer needed more than 10 s of processor time "
        "for it: simplify its filters and effects, or export it as PNG [too-complex]"), done.stderr
    assert not (tmp_path / "site").exists()
