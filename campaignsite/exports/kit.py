"""The communication kit of a climate-plan campaign in the formats municipal communication officers
work in, under <campaign>/communication-kit/: a text the editor wrote in Markdown also as a Word
(.docx) and an OpenDocument (.odt) file, a picture drawn in SVG also as a PNG, and a thumbnail of every
picture and poster for the kit page.

The documents are made with python-docx and odfpy (libraries made for these formats, so Word and
LibreOffice open them as their own), from the Markdown's blocks: headings, paragraphs, list items,
bold and italic. Both formats are ZIP files that carry the clock in their entries and properties; they
are written again with fixed times so the same text always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it import MarkdownIt

from campaignsite.exports.presskit import ZIP_TIME, bounded_raster
from campaignsite.model.records import Campaign, KitItem

FOLDER = "communication-kit"  # beside the campaign's media/, data/ and press-kit/, shared by its language sites
THUMBNAIL = 480  # pixels wide: sharp at the kit page's 240 CSS pixels on a phone's screen
PICTURES = ("image", "poster", "template")


@dataclass(frozen=True)
class Block:
    """A block of a Markdown text: a heading (level 1-3), a paragraph (level 0) or a list item (level -1),
    as runs of (text, bold, italic)."""

    level: int
    runs: tuple[tuple[str, bool, bool], ...]


def blocks(markdown: str) -> list[Block]:
    """The blocks of an editor's Markdown text; links keep their text, images and HTML are left out."""
    found, level, in_item = [], 0, False
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "heading_open":
            level = min(int(token.tag[1]), 3)
        elif token.type == "list_item_open":
            in_item = True
        elif token.type == "list_item_close":
            in_item = False
        elif token.type == "inline":
            found.append(Block(-1 if in_item else level, tuple(_runs(token.children or []))))
        elif token.type in ("heading_close", "paragraph_close"):
            level = 0
    return [block for block in found if block.runs]


def _runs(children) -> list[tuple[str, bool, bool]]:
    runs, bold, italic = [], False, False
    for child in children:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "code_inline") and child.content:
            runs.append((child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", bold, italic))
    return runs


def docx_bytes(markdown: str, title: str) -> bytes:
    """The text as a Word document (Office Open XML), with `title` in its properties."""
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = ""
    for block in blocks(markdown):
        if block.level > 0:
            paragraph = document.add_heading(level=block.level)
        else:
            paragraph = document.add_paragraph(style="List Bullet" if block.level < 0 else None)
        for text, bold, italic in block.runs:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
    out = io.BytesIO()
    document.save(out)
    return _without_clock(out.getvalue())


def odt_bytes(markdown: str, title: str) -> bytes:
    """The text as an OpenDocument text (LibreOffice, and Word too), with `title` in its metadata."""
    from odf import dc, style, teletype, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    for name, properties in (("B", {"fontweight": "bold"}), ("I", {"fontstyle": "italic"}),
                             ("BI", {"fontweight": "bold", "fontstyle": "italic"})):
        emphasis = style.Style(name=name, family="text")
        emphasis.addElement(style.TextProperties(**properties))
        document.automaticstyles.addElement(emphasis)
    for level in (1, 2, 3):
        heading = style.Style(name=f"Heading {level}", family="paragraph")
        heading.addElement(style.TextProperties(fontweight="bold", fontsize=f"{20 - 3 * level}pt"))
        document.styles.addElement(heading)
    bullets = text.List()
    for block in blocks(markdown):
        if block.level > 0:
            element = text.H(outlinelevel=block.level, stylename=f"Heading {block.level}")
        else:
            element = text.P()
        for content, bold, italic in block.runs:
            name = "BI" if bold and italic else "B" if bold else "I" if italic else None
            span = text.Span(stylename=name) if name else element
            teletype.addTextToElement(span, content)
            if name:
                element.addElement(span)
        if block.level < 0:
            item = text.ListItem()
            item.addElement(element)
            bullets.addElement(item)
            continue
        if bullets.childNodes:
            document.text.addElement(bullets)
            bullets = text.List()
        document.text.addElement(element)
    if bullets.childNodes:
        document.text.addElement(bullets)
    out = io.BytesIO()
    document.write(out)
    return _without_clock(out.getvalue())


def _without_clock(package: bytes) -> bytes:
    """The ZIP package again with every entry dated ZIP_TIME, in the same order (an ODF's `mimetype`
    first and stored, as the standard asks), and no dates in its metadata."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        odf = "mimetype" in source.namelist()
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename in ("meta.xml", "docProps/core.xml"):
                content = _undated(content)
            if odf and entry.filename.endswith(".xml"):
                content = _declared_once(content)
            info = zipfile.ZipInfo(entry.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if entry.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def _undated(xml: bytes) -> bytes:
    """Metadata without the elements that hold the moment of writing (creation, modification dates) or
    the library's version (generator)."""
    from lxml import etree

    root = etree.fromstring(xml)
    for element in list(root.iter()):
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name in ("creation-date", "date", "created", "modified", "generator", "lastModifiedBy", "revision"):
            element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _declared_once(xml: bytes) -> bytes:
    """An ODF part with only the namespaces it uses declared: odfpy declares every namespace any document
    of the process used so far, so the same text would otherwise give other bytes after another one."""
    from lxml import etree

    root = etree.fromstring(xml)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def stem(item: KitItem) -> str:
    return PurePosixPath(item.file).stem


def documents(item: KitItem) -> dict[str, str]:
    """{".docx": path, ".odt": path} of the documents made from a Markdown text; {} for other files."""
    if PurePosixPath(item.file).suffix.lower() != ".md":
        return {}
    return {suffix: f"{FOLDER}/{stem(item)}{suffix}" for suffix in (".docx", ".odt")}


def png(item: KitItem) -> str | None:
    """The PNG made from an SVG picture of the kit, relative to the campaign's folder."""
    return f"{FOLDER}/{stem(item)}.png" if PurePosixPath(item.file).suffix.lower() == ".svg" else None


def thumbnail(item: KitItem) -> str | None:
    """The thumbnail of a picture or poster: made from an SVG, or the picture itself if a raster image."""
    suffix = PurePosixPath(item.file).suffix.lower()
    if item.kind not in PICTURES:
        return None
    if suffix == ".svg":
        return f"{FOLDER}/{stem(item)}-thumbnail.png"
    return item.file if suffix in (".png", ".jpg", ".jpeg", ".webp", ".gif") else None


def files(campaign: Campaign, media: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """(path under the campaign's folder, content) of the kit's documents, PNGs and thumbnails."""
    out: list[tuple[str, bytes]] = []
    for item in campaign.kit:
        if item.file not in media:
            continue
        title = item.title[campaign.default_language]
        made = documents(item)
        if made:
            source = media[item.file].decode("utf-8")
            out += [(made[".docx"], docx_bytes(source, title)), (made[".odt"], odt_bytes(source, title))]
        if png(item):
            out.append((png(item), bounded_raster(campaign, item.file, media[item.file])))
            small = thumbnail(item)
            if small and small != item.file:
                out.append((small, bounded_raster(campaign, item.file, media[item.file], THUMBNAIL)))
    return out


def sizes(campaign: Campaign, media: dict[str, bytes]) -> dict[str, int]:
    """{path under the campaign's folder: bytes} of the kit's originals and of the files made from them."""
    originals = {item.file: len(media[item.file]) for item in campaign.kit if item.file in media}
    return originals | {path: len(content) for path, content in files(campaign, media)}
