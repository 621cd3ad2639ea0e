"""Rewrite the small golden site in tests/golden/ (see Pelican's tests/output/ and its
`update_functional_tests` task): `python tools/update_golden.py`.

It builds tests/project.py's tiny network as of GOLDEN_TODAY and keeps a handful of its files.
Of a page it keeps only what we produce, so a theme upgrade does not rewrite the goldens: the head
tags we write (title, description, canonical link, alternates for languages and oEmbed, Open Graph,
JSON-LD) and our fragment, the content of the engine's SELECTORS["content"] without the engine's
furniture in it (SELECTORS["not_indexed"]), each written the same way whatever the engine's markup
style (attributes in a set order, JSON-LD indented). tests/test_reproducible.py rebuilds the same
way and compares; run this command when a change to the output is intended, and review the diff of
tests/golden/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
GOLDEN_TODAY = dt.date(2025, 6, 15)  # coaching: the results, the first update and the news are public
# Few files, one per kind of output, so the golden site does not churn on every theme change.
GOLDEN_FILES = (
    "demo-2025/nl/index.html",                  # campaign home: figures, timeline, goals, cards
    "demo-2025/fr/laureates/moestuin/index.html",  # a laureate page, JSON-LD and share tags
    "demo-2025/nl/agenda.ics",                  # the subscribable calendar
    "demo-2025/data/datapackage.json",          # the open data descriptor
    "demo-2025/data/laureates.json",
    "demo-2025/fr/news/feed.xml",               # the Atom feed
)
# The head tags we write, in this order; everything else in <head> is the engine's.
HEAD_TAGS = ("title", 'meta[name="description"]', 'link[rel="canonical"]', 'link[rel="alternate"]',
             'meta[property^="og:"]', 'script[type="application/ld+json"]')
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def build_golden(output: Path) -> dict[str, bytes]:
    """Build the fixture network into `output`; {relative path: golden content} of GOLDEN_FILES."""
    sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests")) if p not in sys.path]
    from campaignsite.pipeline import build, BuildConfig
    from project import write_project

    root = write_project(output / "project")
    build(BuildConfig(root=root, output=output / "site", today=GOLDEN_TODAY))
    return {rel: golden_view(rel, (output / "site" / rel).read_bytes()) for rel in GOLDEN_FILES}


def golden_view(rel: str, content: bytes) -> bytes:
    """What the golden keeps of a built file: all of it, but of a page only our part (see above)."""
    if not rel.endswith(".html"):
        return content
    from campaignsite.render.engine import SELECTORS
    from html_support import parse_html

    page = parse_html(content)
    head = [el.node for css in HEAD_TAGS for el in page.select(f"head {css}")]
    body = page.one(SELECTORS["content"]).node
    for furniture in body.cssselect(SELECTORS["not_indexed"]):
        furniture.drop_tree()  # keeps the text that follows it
    fragment = (html.escape(body.text or "", quote=False) + "".join(serialise(child) for child in body)).strip()
    lines = [f"<!-- {rel} as of {GOLDEN_TODAY}: the head tags we write, then the page's content (see "
             "tools/update_golden.py) -->", *(serialise(el, tail=False) for el in head), "", fragment]
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialise(node, tail: bool = True) -> str:
    """`node` as HTML, attributes in a set order and JSON-LD indented, so the engine's attribute order
    and the way it escapes characters do not show."""
    out = ""
    if isinstance(node.tag, str):  # comments are left out
        attributes = sorted(node.attrib.items(), key=attr_order)
        attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes)
        out = f"<{node.tag}{attrs}>"
        if node.tag == "script" and node.get("type") == "application/ld+json":
            out += json.dumps(json.loads(node.text), indent=1, sort_keys=True, ensure_ascii=False)
            out += "</script>"
        elif node.tag not in VOID:
            raw = node.tag in ("script", "style")
            out += (node.text or "") if raw else html.escape(node.text or "", quote=False)
            out += "".join(serialise(child) for child in node) + f"</{node.tag}>"
    if tail and node.tail:
        out += html.escape(node.tail, quote=False)
    return out


def attr_order(item: tuple[str, str]) -> tuple[int, str]:
    """What names a head tag first (name, property, rel, hreflang), then the other attributes by name."""
    first = ("name", "property", "rel", "hreflang")
    return (first.index(item[0]) if item[0] in first else len(first), item[0])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = build_golden(Path(folder))
    shutil.rmtree(GOLDEN_DIR, ignore_errors=True)
    for rel, content in files.items():
        path = GOLDEN_DIR / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"{len(files)} golden files written to {GOLDEN_DIR.relative_to(ROOT)}/ (as of {GOLDEN_TODAY})")


if __name__ == "__main__":
    main()
