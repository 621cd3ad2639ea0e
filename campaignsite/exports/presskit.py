"""The press kit of a campaign: its pictures as print-ready PNG files beside their SVG originals, and
the whole kit (originals, PNGs and a credits file) as one ZIP, under <campaign>/press-kit/.

Newspapers print raster images, not SVG. The PNGs are made at build time with resvg (a kept SVG
renderer, a self-contained wheel: nothing to install from the system) and the fonts in data/fonts/,
never the machine's own, so the same input gives the same bytes everywhere. A PNG already made for
the same SVG bytes is taken from a cache folder: the result is the same, only faster.

The renderer runs in a process of its own (exports/renderer.py) with a limit on its processor time
and memory, so no picture can keep a build busy for minutes, fill the machine's memory or crash it
(issue 20); the pictures are rendered while the input is checked (`check_pictures`), so a picture
over those limits is a problem with its file named, like any other, before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, Problem, msg, relpath
from campaignsite.core.places import CODE_ROOT
from campaignsite.core.schemas import DATA_DIR
from campaignsite.exports import renderer
from campaignsite.exports.imagesize import size_of
from campaignsite.model.records import Campaign

FOLDER = "press-kit"  # beside the campaign's media/ and data/, shared by its language sites
WIDTH = 2000  # pixels: about 17 cm at 300 dpi, a picture across a newspaper column or two
HEIGHT = 3000  # at most: a very tall SVG (1 x 100000) must not ask for a picture of gigapixels
FONTS = (DATA_DIR / "fonts" / "DejaVuSans.ttf", DATA_DIR / "fonts" / "DejaVuSans-Bold.ttf")
FONT = "DejaVu Sans"
CACHE = Path(os.environ.get("CAMPAIGNSITE_CACHE", CODE_ROOT / ".cache")) / "press-kit"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: no clock in the archive
# What one picture may cost the renderer. The example's pictures take a tenth of a second and a few
# MiB; a 2000 x 3000 picture is 24 MiB, and each filter effect may hold a few of those.
RENDER_SECONDS = 10  # of processor time (the clock's time would make a busy machine fail a picture)
RENDER_MEMORY = 1 << 30  # bytes of address space, the interpreter and resvg included
RENDERER = Path(renderer.__file__)


class RenderFailed(Exception):
    """The renderer could not make a PNG of a picture within its limits; args[0] says why (a Message)."""


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


def raster(svg: bytes, seconds: int = RENDER_SECONDS, memory: int = RENDER_MEMORY, width: int = WIDTH,
           ours: bool = False) -> bytes:
    """The SVG as a PNG `width` pixels wide (at most 1.5 times as tall), rendered with our fonts only (cached
    by the SVG's bytes); RenderFailed if the renderer needs more than `seconds` of processor time or `memory`
    bytes. An SVG we drew ourselves (`ours`: the share images, editor text escaped and bounded in it) is
    rendered in this process: the renderer's own process guards against editors' files, and starting it
    doubled the cost of thousands of share images."""
    height = width * HEIGHT // WIDTH
    key = hashlib.sha256(svg + f"{width}x{height}:resvg_py".encode()).hexdigest()
    cached = CACHE / f"{key}.png"
    if cached.is_file():
        return cached.read_bytes()
    size = size_of(svg)
    tall = size is not None and size[1] * width > height * size[0]
    box = {"height": height} if tall else {"width": width}
    options = {**box, "skip_system_fonts": True, "font_files": [str(font) for font in FONTS],
               "font_family": FONT, "sans_serif_family": FONT, "serif_family": FONT}
    png = render_ours(svg, options) if ours else render(svg, options, seconds, memory)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(png)
        temporary.replace(cached)
    except OSError:
        pass  # a read-only project: no cache, the same result
    return png


def render_ours(svg: bytes, options: dict) -> bytes:
    """resvg's PNG of an SVG of ours, in this process (imported here: only a build that draws needs it)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), **options))


def render(svg: bytes, options: dict, seconds: int, memory: int) -> bytes:
    """resvg's PNG of `svg` with `options`, made by exports/renderer.py in a process of its own."""
    # -P: the renderer's folder (this package's) is not put before the standard library on its path.
    try:
        done = subprocess.run([sys.executable, "-P", str(RENDERER), json.dumps({**options, "seconds": seconds,
                                                                              "memory": memory})],
                              input=svg, capture_output=True, check=False)
    except OSError as exc:  # no process could be started (too many, no memory left)
        raise unrenderable(exc.strerror) from exc
    if done.returncode == 0 and done.stdout.startswith(b"\x89PNG"):
        return done.stdout
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise RenderFailed(msg("the press kit's renderer needed more than %(seconds)s s of processor time for it: "
                               "simplify its filters and effects, or export it as PNG", seconds=seconds))
    if done.returncode == renderer.OUT_OF_MEMORY or b"memory allocation" in done.stderr:
        raise RenderFailed(msg("the press kit's renderer needed more than %(size)s MiB of memory for it: simplify "
                               "its filters and effects, or export it as PNG", size=memory >> 20))
    reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if done.stderr else []
    raise unrenderable(reason[0] if reason else exit_reason(done.returncode))


def unrenderable(reason: str) -> RenderFailed:
    return RenderFailed(msg("the press kit's renderer could not make a PNG of it (%(reason)s): open it in a drawing "
                            "program and export it again", reason=reason))


def exit_reason(status: int) -> str:
    """'SIGSEGV', 'exit status 1': how a process ended, as its parent sees it."""
    if status < 0:
        try:
            return signal.Signals(-status).name
        except ValueError:
            return f"signal {-status}"
    return f"exit status {status}"


def check_pictures(campaigns, media: dict[str, dict[str, bytes]], root: Path, problems: list[Problem]) -> None:
    """Render every SVG of every campaign's kit (`media`: slug -> {"media/x.svg": checked bytes}) in as
    many processes as there are cores, so the PNGs are in the cache before the build writes anything;
    a picture the renderer cannot make within its limits is a problem naming its file."""
    pictures = {(campaign.folder / src, content) for campaign in campaigns for src, content
                in media.get(campaign.slug, {}).items()
                if src in kit_sources(campaign) | {item.file for item in campaign.kit}
                and PurePosixPath(src).suffix.lower() == ".svg"}

    def attempt(picture: tuple[Path, bytes]) -> Problem | None:
        try:
            raster(picture[1])
        except RenderFailed as exc:
            return Problem(relpath(picture[0], root), None, "svg", exc.args[0], Code.TOO_COMPLEX)
        return None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        problems += [problem for problem in pool.map(attempt, sorted(pictures)) if problem]


def kit_sources(campaign: Campaign) -> set[str]:
    """The media/ paths of the pictures in the campaign's press kit (in any language)."""
    return {campaign.logo, *(p.logo for p in campaign.partners), *(item.image for item in campaign.laureates)} - {None}


def rasters(campaign: Campaign, media: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """(path under the campaign's folder, PNG) of the print-ready PNG of every SVG of the kit."""
    pictures = [KitItem(src, "") for src in sorted(kit_sources(campaign)) if src in media]
    return [(item.raster, bounded_raster(campaign, item.src, media[item.src])) for item in pictures if item.raster]


def sizes(campaign: Campaign, media: dict[str, bytes]) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
    """({path: bytes}, {path: (width, height)}) of the kit's originals and print-ready PNGs, for the
    press page's gallery."""
    made = rasters(campaign, media)
    size = {src: len(media[src]) for src in kit_sources(campaign) if src in media}
    return size | {path: len(png) for path, png in made}, {path: size_of(png) for path, png in made}


def files(campaign: Campaign, media: dict[str, bytes], _) -> list[tuple[str, bytes]]:
    """(path under the campaign's folder, content): a PNG per SVG of the kit, then the ZIP."""
    kit = [item for item in items(campaign, _) if item.src in media]
    made = dict(rasters(campaign, media))
    prints = [(item.raster, made[item.raster]) for item in kit if item.raster]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        entries = [(f"original/{PurePosixPath(item.src).name}", media[item.src]) for item in kit]
        entries += [(f"print/{PurePosixPath(path).name}", png) for path, png in prints]
        entries.append(("CREDITS.txt", credits(campaign, kit, _).encode("utf-8")))
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, content, compresslevel=9)
    return prints + [(zip_name(campaign), archive.getvalue())]


def bounded_raster(campaign: Campaign, src: str, svg: bytes, width: int = WIDTH) -> bytes:
    """raster(svg, width=width), or BuildFailed naming the picture: check_pictures made it once, but
    without a cache to keep it, a second rendering may just pass the limit the first stayed under."""
    try:
        return raster(svg, width=width)
    except RenderFailed as exc:
        raise BuildFailed(msg("%(file)s: %(reason)s", file=f"campaigns/{campaign.slug}/{src}", reason=exc.args[0]),
                          Code.TOO_COMPLEX) from None


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
