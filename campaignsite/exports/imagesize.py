"""The width and height of a published image, read from its header, so pages can reserve its space.

An <img> without width and height makes the page jump when the picture arrives (Lighthouse's layout
shift); with them the browser keeps the right box from the start (CSS keeps it responsive). Only the
first bytes are read, from the checked media files: PNG, GIF, JPEG, WebP and SVG.
"""

from __future__ import annotations

import re
import struct
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

Size = tuple[int, int]
LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*\Z")
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def size_of(content: bytes) -> Size | None:
    """(width, height) in pixels, or None for a file whose size cannot be told (not an image)."""
    try:
        if content.startswith(b"\x89PNG\r\n\x1a\n"):
            return struct.unpack(">II", content[16:24])
        if content[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", content[6:10])
        if content.startswith(b"\xff\xd8"):
            return _jpeg(content)
        if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
            return _webp(content)
        if b"<svg" in content[:4096]:
            return _svg(content)
    except (struct.error, ValueError, IndexError, ParseError, DefusedXmlException):
        return None
    return None


def _jpeg(content: bytes) -> Size | None:
    index = 2
    while index + 9 < len(content):
        if content[index] != 0xFF:
            return None
        marker = content[index + 1]
        length = struct.unpack(">H", content[index + 2:index + 4])[0]
        if marker in JPEG_FRAMES:
            height, width = struct.unpack(">HH", content[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


def _webp(content: bytes) -> Size | None:
    chunk = content[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", content[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(content[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(content[24:27], "little") + 1, int.from_bytes(content[27:30], "little") + 1
    return None


def _svg(content: bytes) -> Size | None:
    root = fromstring(content)
    width, height = (LENGTH.fullmatch(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        box_width, box_height = float(box[2]), float(box[3])
        if box_width > 0 and box_height > 0:
            return round(box_width), round(box_height)
    return None
