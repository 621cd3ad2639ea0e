"""Media: which campaign files are published, each checked by its content and SVGs made inert.

Only files the data uses are published (the logo, partner logos, project photos and galleries,
kit files), never the rest of media/: no dotfile, draft or private scan leaves the repository by
being there. Each is published only if its bytes are of an allowed type that matches its extension
(magic bytes, not names), so no HTML or script is ever served from the site's origin. An SVG is
checked whole and published as written again from its checked tree (exports/svg.py): a script, an
event handler, foreign HTML, a reference to another file or host, or more drawing than its budget
makes it refused with the file, line and element named. Everything is read and checked before the
first byte is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, relpath
from campaignsite.exports.svg import SvgRefused, clean_svg
from campaignsite.model.records import Campaign

# What each extension must contain, told by the first bytes of the file.
# (The kinds are words of the messages, so they are catalogue messages too; they compare as text.)
PNG, JPEG, GIF, WEBP = msg("PNG image"), msg("JPEG image"), msg("GIF image"), msg("WebP image")
SVG_IMAGE, PDF, TEXT, OFFICE = msg("SVG image"), msg("PDF document"), msg("text"), msg("office document")
KINDS = {".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".gif": GIF, ".webp": WEBP, ".svg": SVG_IMAGE, ".pdf": PDF,
         ".txt": TEXT, ".md": TEXT, ".docx": OFFICE, ".xlsx": OFFICE, ".pptx": OFFICE, ".odt": OFFICE, ".ods": OFFICE,
         ".odp": OFFICE}
MAGIC = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF), (b"%PDF-", PDF),
         (b"PK\x03\x04", OFFICE))


@dataclass(frozen=True)
class MediaFile:
    """A file to publish under <campaign>/media/: its name and its (checked, maybe cleaned) bytes."""

    name: str
    content: bytes


def referenced(campaign: Campaign) -> list[str]:
    """Every media/ path the campaign's data uses, sorted."""
    paths = {campaign.logo, *(p.logo for p in campaign.partners), *(k.file for k in campaign.kit)}
    for item in campaign.laureates:
        paths |= {item.image, *item.gallery}
    paths |= {item.image for item in campaign.candidates}
    paths |= {post.image for post in campaign.news}
    return sorted(path for path in paths if path)


def get_media(campaigns, root: Path, problems: list[Problem]) -> list[tuple[str, MediaFile]]:
    """(campaign slug, file) for every file to publish; the problems found in them are appended."""
    published = []
    for campaign in campaigns:
        for path in referenced(campaign):
            source = campaign.folder / path
            where = relpath(source, root)
            try:
                published.append((campaign.slug, MediaFile(PurePosixPath(path).name, checked_bytes(source))))
            except SvgRefused as exc:
                message = msg("an SVG that could act or load other files: %(reason)s; export it again without "
                              "scripts, links or embedded HTML", reason=exc.message) \
                    if exc.code == Code.UNSAFE_MEDIA else exc.message
                problems.append(Problem(where, exc.line, exc.element, message, exc.code))
            except ValueError as exc:
                problems.append(Problem(where, None, "", exc.args[0], Code.MEDIA_TYPE))
    return published


def checked_bytes(source: Path) -> bytes:
    """The bytes to publish for `source`; ValueError if its content is not what its name says."""
    suffix = source.suffix.lower()
    expected = KINDS.get(suffix)
    if expected is None:
        raise ValueError(msg("files ending in %(suffix)s are not published: expected one of %(suffixes)s",
                             suffix=f"'{suffix}'", suffixes=", ".join(sorted(KINDS))))
    data = read_no_follow(source)
    found = sniff(data)
    if found != expected:
        raise ValueError(msg("the file's content is %(found)s, not the %(expected)s its name says",
                             found=found or msg("of an unknown kind"), expected=expected))
    return clean_svg(data) if expected == SVG_IMAGE else data


def read_no_follow(source: Path) -> bytes:
    """The file's bytes, refusing a symbolic link even if one appeared after validation."""
    descriptor = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


def sniff(data: bytes) -> str | None:
    """What the first bytes say the file is."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", head, re.S):
        return SVG_IMAGE
    if re.search(r"<(html|script|body|iframe|svg)[\s>]", head, re.I):
        return "HTML"
    return TEXT
