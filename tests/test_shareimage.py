"""Share images (issue 22, item 8): every project page and campaign home names a PNG of 1200 x 630 as
its og:image, drawn at build time, the same bytes on every build, with editors' text kept as text."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from campaignsite.exports import presskit, shareimage
from conftest import ROOT, TODAY
from html_support import parse

def share_pages(example_site):
    """(page file, its site folder) of every campaign home and project page of the example."""
    for home in sorted(example_site.glob("*/*/index.html")):
        site = home.parent
        if (site.parent / "media").is_dir() and site.name in ("nl", "fr", "en", "de"):
            yield home, site
            for project in sorted((site / "laureates").glob("*/index.html")):
                yield project, site


def meta(doc, key: str) -> str:
    found = doc.select(f'meta[property="{key}"]') + doc.select(f'meta[name="{key}"]')
    assert len(found) == 1, (doc, key)
    return found[0].get("content")


def test_every_project_page_and_home_has_its_own_png_of_1200_by_630(example_site):
    seen = 0
    for page, site in share_pages(example_site):
        doc = parse(page)
        image = meta(doc, "og:image")
        assert image == meta(doc, "twitter:image") and meta(doc, "twitter:card") == "summary_large_image"
        root = meta(parse(site / "index.html"), "og:url")  # the site's public address
        assert image.startswith(root) and image.endswith(".png"), image
        local = site / image[len(root):]
        assert local.is_file(), (page, image)
        with Image.open(local) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630)), local
        assert (meta(doc, "og:image:width"), meta(doc, "og:image:height")) == ("1200", "630")
        assert meta(doc, "og:image:type") == "image/png"
        title = " ".join(doc.h1.split())
        assert meta(doc, "og:image:alt").split(" – ")[0] in (title, meta(doc, "og:site_name")), page
        seen += 1
    assert seen > 50


def test_project_and_home_images_differ(example_site):
    home = (example_site / "gent-2024/nl/share/campaign.png").read_bytes()
    projects = [path.read_bytes() for path in (example_site / "gent-2024/nl/share/laureates").glob("*.png")]
    assert len(projects) >= 3 and len({home, *projects}) == len(projects) + 1


def test_the_same_text_gives_the_same_bytes_without_a_clock(tmp_path, monkeypatch):
    """Two renderings (the second without the cache) give the same PNG, with no time or text chunk."""
    monkeypatch.setattr(presskit, "CACHE", tmp_path / "cache")
    args = ("Proximity Gent 2024", "Fietsatelier Rabot", "Gent", "#1B5E20", "#FFFFFF",
            (shareimage.Goal(11, "#FD9D24", "#000000"),))
    first = shareimage.png(*args)
    for cached in (tmp_path / "cache").iterdir():
        cached.unlink()
    assert shareimage.png(*args) == first
    chunks, at = [], 8
    while at < len(first):
        length = int.from_bytes(first[at:at + 4], "big")
        chunks.append(first[at + 4:at + 8])
        at += 12 + length
    assert not {b"tIME", b"tEXt", b"iTXt", b"zTXt"} & set(chunks), chunks
    with Image.open(io.BytesIO(first)) as picture:
        assert picture.size == (1200, 630)


def test_editor_text_is_text_and_bounded():
    """Markup in a title stays text in the SVG; a very long title ends in '…' within three lines."""
    title = '</text><script>alert(1)</script><text>' + " lang" * 500
    drawing = ET.fromstring(shareimage.svg('A & B "C"', title, "<b>x</b>", "#1B5E20", "#FFFFFF", ()))
    names = {element.tag.split("}")[1] for element in drawing.iter()}
    assert names == {"svg", "rect", "text"}
    texts = [element.text for element in drawing.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[0] == 'A & B "C"' and texts[1].startswith("</text><script>")
    assert len(texts) == 1 + 3 + 1 and texts[3].endswith("…")
    assert all(shareimage.width(text, 64) <= 1200 - 2 * shareimage.MARGIN for text in texts[1:4])


@pytest.mark.slow  # a second build of the example network, to compare
def test_two_builds_give_the_same_share_images(networks, tmp_path):
    """The fixture network built again, into another folder and with an empty cache (so every image is
    drawn again), has byte-identical share images."""
    root, first = networks("fixture")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY,
                           "--output", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "CAMPAIGNSITE_CACHE": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    images = sorted(path.relative_to(first) for path in first.glob("*/*/share/**/*.png"))
    assert len(images) >= 3 and any("laureates" in str(path) for path in images)
    assert images == sorted(path.relative_to(tmp_path / "site") for path in (tmp_path / "site").glob("*/*/share/**/*.png"))
    assert [path for path in images if (first / path).read_bytes() != (tmp_path / "site" / path).read_bytes()] == []
