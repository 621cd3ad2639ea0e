"""Pictures keep their space (issue 10: no layout shift): every image of a page carries its width and
height, as the file itself says them; and the project video waits behind a poster."""

from __future__ import annotations

import re
import struct
from urllib.parse import urljoin

import pytest

from campaignsite.exports.imagesize import size_of
from html_support import html_files, parse, site_rel

SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([0-9.]+)(?:px)?"[^>]*?\sheight="([0-9.]+)(?:px)?"', re.S)
SVG_BOX = re.compile(rb'<svg[^>]*?\sviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)"', re.S)


def own_size(data: bytes) -> tuple[int, int]:
    """The size a file states, read here without the code under test."""
    if data.startswith(b"\x89PNG"):
        return struct.unpack(">II", data[16:24])
    match = SVG_SIZE.search(data) or SVG_BOX.search(data)
    assert match, "an image without a stated size"
    return round(float(match[1])), round(float(match[2]))


def test_every_media_image_states_its_size(example_site):
    checked = 0
    for path in html_files(example_site):
        page = parse(path)
        for img in page.select("img"):
            src = img.get("src")
            if "/media/" not in urljoin("/" + site_rel(example_site, path), src):
                continue
            target = example_site / urljoin("/" + site_rel(example_site, path), src).lstrip("/")
            width, height = img.get("width"), img.get("height")
            assert width and height, f"{site_rel(example_site, path)}: <img src={src}> has no width and height"
            assert (int(width), int(height)) == own_size(target.read_bytes()), (site_rel(example_site, path), src)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("data, size", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 640, 360) + b"\x08\x02\x00\x00\x00", (640, 360)),
    (b"GIF89a" + struct.pack("<HH", 32, 16) + b"\x00\x00\x00", (32, 16)),
    (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
     + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 800) + b"\x03", (800, 480)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8X" + b"\x00" * 8 + (299).to_bytes(3, "little") + (199).to_bytes(3, "little"),
     (300, 200)),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120"><rect width="1" height="1"/></svg>', (320, 120)),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="48" viewBox="0 0 8 6"/>', (64, 48)),
    (b"%PDF-1.7 not an image", None),
    (b"\xff\xd8\xff", None),  # a JPEG cut short
])
def test_sizes_are_read_from_the_headers(data, size):
    assert size_of(data) == size
