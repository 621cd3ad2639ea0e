"""Share images: the picture a social network or a chat app shows beside a link to a project page or a
campaign's home (Open Graph's og:image), a PNG of 1200 x 630 pixels, the size Facebook, LinkedIn,
Mastodon and X crop least (issue 22, item 8: "a share image per project and campaign").

Each is drawn as an SVG (the title, the campaign, its places, the campaign's colour and the colours of
the goals it serves) and rendered with the press kit's renderer (exports/presskit.py: resvg with the
fonts in data/fonts/ only, in this process since the SVG is ours, cached by the SVG's bytes), so the
same text always gives the same bytes: resvg writes no time or software name into the PNG. Editors' text is escaped where
it lands in the SVG and cut to a few lines, so a title can neither add markup nor grow the picture.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from campaignsite.exports import presskit

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
LONGEST = 300  # characters of any text looked at: more would never fit the lines anyway
# Advance widths of DejaVu Sans Bold in ems, by kind of character: a cautious estimate (a little wider
# than the font), so that a line measured to fit does fit. Regular text is narrower still.
NARROW, SPACE, SLIM, WIDE, CAPITAL, OTHER = 0.38, 0.35, 0.5, 1.02, 0.8, 0.7


@dataclass(frozen=True)
class Goal:
    """A goal's band along the picture's foot: its number, colour and the text colour on it."""

    number: int
    colour: str
    text_colour: str


def width(text: str, size: float) -> float:
    """About how many pixels `text` takes at `size` pixels in DejaVu Sans Bold (at most: see NARROW...)."""
    ems = 0.0
    for char in text:
        if char in "ijlI.,:;'!|()[]-":
            ems += NARROW
        elif char.isspace():
            ems += SPACE
        elif char in "frt":
            ems += SLIM
        elif char in "mwMWŒœÆæ@%":
            ems += WIDE
        elif char.isupper():
            ems += CAPITAL
        else:
            ems += OTHER
    return ems * size


def wrap(text: str, size: float, room: float, most: int) -> list[str]:
    """`text` in at most `most` lines of at most `room` pixels at `size`, broken between words (inside a
    word only when it does not fit a line alone), the last one ending in '…' when text is left over."""
    words = " ".join(text[:LONGEST].split()).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if width(candidate, size) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        while width(word, size) > room:  # a word longer than a line: broken where the line is full
            cut = max(1, next(i for i in range(len(word), 0, -1) if width(word[:i], size) <= room))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        while last and width(last + "…", size) > room:
            last = last[:-1].rstrip()
        lines = lines[:most - 1] + [last + "…"]
    return lines


def text_block(lines: Sequence[str], x: int, y: int, size: int, step: int, fill: str, weight: str) -> str:
    """<text> elements, one per line, the first one's baseline at `y`."""
    return "".join(f'<text x="{x}" y="{y + i * step}" font-size="{size}" font-weight="{weight}" '
                   f'fill="{html.escape(fill)}">{html.escape(line)}</text>' for i, line in enumerate(lines))


def svg(band: str, title: str, below: str, colour: str, on_colour: str, goals: Sequence[Goal]) -> bytes:
    """The share image as SVG: `band` (the campaign) on its colour at the top, `title` large, `below`
    (places, a tagline) under it, and the goals' colours with their numbers along the foot."""
    room = WIDTH - 2 * MARGIN
    title_lines = wrap(title, 64, room, 3)
    below_lines = wrap(below, 32, room, 2)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>',
             f'<rect width="{WIDTH}" height="120" fill="{html.escape(colour)}"/>',
             text_block(wrap(band, 36, room, 1), MARGIN, 74, 36, 0, on_colour, "bold"),
             text_block(title_lines, MARGIN, 226, 64, 76, "#1A1A1A", "bold"),
             text_block(below_lines, MARGIN, 226 + 76 * (len(title_lines) - 1) + 70, 32, 42, "#404040", "normal")]
    foot = HEIGHT - 80
    if goals:
        share = WIDTH / len(goals)
        for i, goal in enumerate(goals):
            left = round(i * share)
            parts.append(f'<rect x="{left}" y="{foot}" width="{round((i + 1) * share) - left}" height="80" '
                         f'fill="{html.escape(goal.colour)}"/>')
            parts.append(f'<text x="{left + 24}" y="{foot + 54}" font-size="36" font-weight="bold" '
                         f'fill="{html.escape(goal.text_colour)}">{goal.number}</text>')
    else:
        parts.append(f'<rect y="{foot}" width="{WIDTH}" height="80" fill="{html.escape(colour)}"/>')
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")


def png(band: str, title: str, below: str, colour: str, on_colour: str, goals: Sequence[Goal]) -> bytes:
    """The share image as a PNG of WIDTH x HEIGHT pixels (see svg)."""
    return presskit.raster(svg(band, title, below, colour, on_colour, goals), width=WIDTH, ours=True)
