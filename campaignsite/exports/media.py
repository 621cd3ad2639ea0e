"""Media: which campaign files are published, each checked by its content and SVGs made inert.

Only files the data uses are published (the logo, partner logos, project photos and galleries,
kit files), never the rest of media/: no dotfile, draft or private scan leaves the repository by
being there. Each is published only if its bytes are of an allowed type that matches its extension
(magic bytes, not names), so no HTML or script is ever served from the site's origin. An SVG may
carry a script, event handlers, foreign HTML or references to other files and hosts: any of those
makes it refused with the file and the offending part named; editor metadata (Inkscape, Illustrator
namespaces) is stripped. Everything is read and checked before the first byte is written.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, relpath
from campaignsite.model.records import Campaign

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

# What each extension must contain, told by the first bytes of the file.
# (The kinds are words of the messages, so they are catalogue messages too; they compare as text.)
PNG, JPEG, GIF, WEBP = msg("PNG image"), msg("JPEG image"), msg("GIF image"), msg("WebP image")
SVG_IMAGE, PDF, TEXT, OFFICE = msg("SVG image"), msg("PDF document"), msg("text"), msg("office document")
KINDS = {".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".gif": GIF, ".webp": WEBP, ".svg": SVG_IMAGE, ".pdf": PDF,
         ".txt": TEXT, ".md": TEXT, ".docx": OFFICE, ".xlsx": OFFICE, ".pptx": OFFICE, ".odt": OFFICE, ".ods": OFFICE,
         ".odp": OFFICE}
MAGIC = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF), (b"%PDF-", PDF),
         (b"PK\x03\x04", OFFICE))
# Elements that run code, embed other documents or make the SVG a web page.
ACTIVE = {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener"}
ANIMATION = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
SAFE_DATA_URL = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
# After CSS escapes and comments are undone: anything that can load another file or run code.
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)|@import|javascript:|expression\(|image-set\(|image\(|src\(|"
                         r"cross-fade\(|element\(", re.I)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
CSS_COMMENT = re.compile(r"/\*.*?(\*/|\Z)", re.S)


class UnsafeSvg(Exception):
    pass


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
            except UnsafeSvg as exc:
                problems.append(Problem(where, None, "", msg("an SVG that could act or load other files: %(reason)s; "
                                                             "export it again without scripts, links or embedded HTML",
                                                             reason=exc.args[0]), Code.UNSAFE_MEDIA))
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


def clean_svg(data: bytes) -> bytes:
    """The SVG without editor metadata; UnsafeSvg if it holds anything active or external."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UnsafeSvg(msg("it declares a DOCTYPE or entities")) from None
    except ET.ParseError as exc:
        raise ValueError(msg("the SVG is not well-formed XML: %(reason)s", reason=str(exc))) from None
    # The parser drops processing instructions, so they are looked for in the text itself:
    # <?xml-stylesheet href="..."?> loads another file when the SVG is opened on its own.
    if re.search(rb"<\?(?!xml[\s?])", data):
        raise UnsafeSvg(msg("a processing instruction such as <?xml-stylesheet?>"))
    if root.tag != f"{{{SVG}}}svg":
        raise ValueError(msg("the file's content is not an SVG image (its root element is not <svg>)"))
    changed = _clean(root)
    if not changed:
        return data
    # ElementTree's prefixes are global and the Atom feed registers its own default namespace in
    # the same process: register ours again right before writing.
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _clean(element: ET.Element) -> bool:
    """Check and strip `element` and its descendants; True if anything was removed."""
    changed = False
    for child in list(element):
        if not isinstance(child.tag, str):  # a comment or processing instruction
            element.remove(child)
            changed = True
            continue
        namespace, _, name = child.tag.rpartition("}")
        if namespace.lstrip("{") != SVG:
            if name.lower() in {n.lower() for n in ACTIVE | ANIMATION} | {"a", "image", "use", "style"}:
                raise UnsafeSvg(msg("a <%(name)s> element from another vocabulary", name=name))
            element.remove(child)  # editor metadata (sodipodi, inkscape, RDF...)
            changed = True
            continue
        _check_element(name, child)
        changed |= _clean(child)
    for attribute in list(element.attrib):
        namespace = attribute.rpartition("}")[0].lstrip("{")
        if namespace not in ("", XLINK):
            del element.attrib[attribute]
            changed = True
    return changed


def css_plain(text: str) -> str:
    """CSS text with its escapes decoded and comments removed: "u\\72l(" is "url(" to a browser."""
    def decode(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)
    return CSS_ESCAPE.sub(decode, CSS_COMMENT.sub("", text))


def _check_element(name: str, element: ET.Element) -> None:
    if name in ACTIVE:
        raise UnsafeSvg(msg("a <%(name)s> element", name=name))
    for attribute, value in element.attrib.items():
        local = attribute.rpartition("}")[2]
        if local.lower().startswith("on"):
            raise UnsafeSvg(msg("an event handler (%(attribute)s) on <%(name)s>", attribute=local, name=name))
        if local == "href" and not (value.startswith("#") or SAFE_DATA_URL.match(value)):
            raise UnsafeSvg(msg("a link to %(target)s on <%(name)s>", target=repr(value[:60]), name=name))
        if OUTSIDE_URL.search(css_plain(value)):
            raise UnsafeSvg(msg("a reference outside the file in the %(attribute)s of <%(name)s>", attribute=local,
                                name=name))
    animated = element.get("attributeName", "").rpartition(":")[2].lower()
    if name in ANIMATION and (animated == "href" or animated.startswith("on")):
        raise UnsafeSvg(msg("an animation of %(attribute)s on <%(name)s>", attribute=animated, name=name))
    if name == "style" and OUTSIDE_URL.search(css_plain(element.text or "")):
        raise UnsafeSvg(msg("a style sheet that loads other files"))
