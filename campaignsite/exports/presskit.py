"""The press kit of a campaign: its pictures as print-ready PNG files beside their SVG originals, and
the whole kit (originals, PNGs and a credits file) as one ZIP, under <campaign>/press-kit/.

Newspapers print raster images, not SVG. The PNGs are made at build time with resvg (a kept SVG
renderer, a self-contained wheel: nothing to install from the system) and the fonts in data/fonts/,
never the machine's own, so the same input gives the same bytes everywhere. A PNG already made for
the same SVG bytes is taken from a cache folder: the result is the same, only faster.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import resvg_py

from campaignsite.core.places import CODE_ROOT
from campaignsite.core.schemas import DATA_DIR
from campaignsite.exports.imagesize import size_of
from campaignsite.model.records import Campaign

FOLDER = "press-kit"  # beside the campaign's media/ and data/, shared by its language sites
WIDTH = 2000  # pixels: about 17 cm at 300 dpi, a picture across a newspaper column or two
HEIGHT = 3000  # at most: a very tall SVG (1 x 100000) must not ask for a picture of gigapixels
FONTS = (DATA_DIR / "fonts" / "DejaVuSans.ttf", DATA_DIR / "fonts" / "DejaVuSans-Bold.ttf")
FONT = "DejaVu Sans"
CACHE = Path(os.environ.get("CAMPAIGNSITE_CACHE", CODE_ROOT / ".cache")) / "press-kit"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no clock in the archive


@dataclass(frozen=True)
class KitItem:
    """A picture of the press kit: its media/ path, what it shows and who made it."""

    src: str
    title: str
    credit: str | None = None

    @property
    def raster(self) -> str | None:
        """The PNG made from an SVG, relative to the campaign's folder; None for a raster original."""
        path = PurePosixPath(self.src)
        return f"{FOLDER}/{path.stem}.png" if path.suffix.lower() == ".svg" else None


def items(campaign: Campaign, _) -> list[KitItem]:
    """The campaign's logo, its partners' logos and its laureates' pictures, titled with `_`."""
    found = []
    if campaign.logo:
        found.append(KitItem(campaign.logo, _("Logo of %(name)s", name=campaign.title[_.lang])))
    found += [KitItem(p.logo, _("Logo of %(name)s", name=p.name)) for p in campaign.partners if p.logo]
    found += [KitItem(item.image, _("Photo of the project %(title)s", title=item.title[_.lang]), item.image_credit)
              for item in campaign.laureates if item.image]
    seen: set[str] = set()
    return [item for item in found if not (item.src in seen or seen.add(item.src))]


def zip_name(campaign: Campaign) -> str:
    return f"{FOLDER}/{campaign.slug}-press-kit.zip"


def raster(svg: bytes) -> bytes:
    """The SVG as a PNG WIDTH pixels wide, rendered with our fonts only (cached by the SVG's bytes)."""
    key = hashlib.sha256(svg + f"{WIDTH}x{HEIGHT}:{resvg_py.__name__}".encode()).hexdigest()
    cached = CACHE / f"{key}.png"
    if cached.is_file():
        return cached.read_bytes()
    size = size_of(svg)
    tall = size is not None and size[1] * WIDTH > HEIGHT * size[0]
    box = {"height": HEIGHT} if tall else {"width": WIDTH}
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), **box, skip_system_fonts=True,
                                      font_files=[str(font) for font in FONTS], font_family=FONT,
                                      sans_serif_family=FONT, serif_family=FONT))
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(png)
        temporary.replace(cached)
    except OSError:
        pass  # a read-only project: no cache, the same result
    return png


def files(campaign: Campaign, media: dict[str, bytes], _) -> list[tuple[str, bytes]]:
    """(path under the campaign's folder, content): a PNG per SVG of the kit, then the ZIP."""
    kit = [item for item in items(campaign, _) if item.src in media]
    rasters = [(item.raster, raster(media[item.src])) for item in kit if item.raster]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        entries = [(f"original/{PurePosixPath(item.src).name}", media[item.src]) for item in kit]
        entries += [(f"print/{PurePosixPath(path).name}", png) for path, png in rasters]
        entries.append(("CREDITS.txt", credits(campaign, kit, _).encode("utf-8")))
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, content, compresslevel=9)
    return rasters + [(zip_name(campaign), archive.getvalue())]


def credits(campaign: Campaign, kit: list[KitItem], _) -> str:
    """CREDITS.txt of the ZIP: every file, what it shows, its credit, and the terms of use."""
    lines = [campaign.title[_.lang], "", _("Free to use with credit."), ""]
    for item in kit:
        name = PurePosixPath(item.src).name
        credit = _("Credit: %(credit)s", credit=item.credit) if item.credit else ""
        lines.append(f"{name}: {item.title}" + (f" - {credit}" if credit else ""))
    contact = campaign.press_contact
    lines += ["", _("Press contact") + f": {contact.name}, {contact.email}" + (f", {contact.phone}" if contact.phone
                                                                            else ""), ""]
    return "\n".join(lines)
