"""SVGs checked whole (issue 20): every element, the root <svg> included, every attribute and all the
text of each <style>; what is published is the checked tree written again; and a budget keeps what a
renderer must draw small: too many elements once <use> is expanded, nesting too deep, a <use> that
draws itself, filter effects too many or too wide, and a picture of zero size are problems naming the
file, line and element, never a traceback.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from campaignsite.exports.svg import BUDGET, SvgRefused, UnsafeSvg, clean_svg
from project import validate, write_project

ROOT = Path(__file__).resolve().parent.parent
MEDIA = "campaigns/demo-2025/media"
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"'


def svg(body: str, root: str = "") -> bytes:
    return f"{HEAD}{root}>{body}</svg>".encode()


def refusal(doc: bytes) -> tuple[str, str, int | None]:
    """(code, element, line) of the refusal of `doc`."""
    with pytest.raises(SvgRefused) as refused:
        clean_svg(doc)
    return refused.value.code, refused.value.element, refused.value.line


# --- Every element, the root's attributes too -------------------------------------------------------

@pytest.mark.parametrize("root", [
    ' onload="alert(1)"',
    ' ONLOAD="alert(1)"',
    ' onmouseover="fetch(\'//evil.example\')"',
    ' style="background:url(https://evil.example/x.png)"',
    ' style="fill:u\\72l(https://evil.example/x)"',
    ' fill="url(http://evil.example/#g)"',
    ' filter="url(https://evil.example/f.svg#f)"',
    ' xlink:href="https://evil.example/"',
])
def test_the_root_element_is_checked_like_any_other(root):
    assert refusal(svg('<rect width="1" height="1"/>', root)) == ("unsafe-media", "svg", 1)


def test_an_inner_svg_is_checked_too():
    assert refusal(svg('<g>\n<svg onload="alert(1)"><rect/></svg></g>')) == ("unsafe-media", "svg", 2)


@pytest.mark.parametrize("attribute", ["fill", "stroke", "filter", "mask", "clip-path", "marker-start", "cursor"])
def test_a_presentation_attribute_that_loads_another_file_is_refused(attribute):
    assert refusal(svg(f'<path d="M0 0h1" {attribute}="url(https://evil.example/x.svg#a)"/>')) == \
        ("unsafe-media", "path", 1)


@pytest.mark.parametrize("element", [
    '<use xlink:href="https://evil.example/sprite.svg#a"/>',
    '<image href="//evil.example/pixel.png" width="1" height="1"/>',
    '<filter id="f"><feImage href="https://evil.example/x.png"/></filter>',
    '<text><textPath href="data:image/svg+xml,%3Csvg/%3E">x</textPath></text>',
    '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>',
])
def test_a_link_out_of_the_file_is_refused_naming_its_element(element):
    code, name, _line = refusal(svg(element))
    assert code == "unsafe-media" and name in element


@pytest.mark.parametrize("element, name", [
    ("<script>alert(1)</script>", "script"),
    ("<SCRIPT>alert(1)</SCRIPT>", "SCRIPT"),  # no SVG element: refused, not guessed about
    ("<handler>alert(1)</handler>", "handler"),
    ("<foreignObject><p>hi</p></foreignObject>", "foreignObject"),
    ('<font-face><font-face-src><font-face-uri href="#x"/></font-face-src></font-face>', "font-face"),
    ("<tref/>", "tref"),
])
def test_only_svgs_drawing_elements_are_kept(element, name):
    assert refusal(svg(element))[:2] == ("unsafe-media", name)


# --- All the text of every style sheet ---------------------------------------------------------------

@pytest.mark.parametrize("style", [
    "<style>rect{fill:red}<g/>@import url(https://evil.example/x.css);</style>",  # after a child element
    "<style><![CDATA[rect{}]]><desc/>rect{fill:url(https://evil.example/x)}</style>",
    "<style>rect{}<g><desc>@import 'https://evil.example/x.css';</desc></g></style>",
    "<g><g><style>@\\69mport 'https://evil.example/x.css';</style></g></g>",
    "<style>rect{background:image-set('https://evil.example/x.png' 1x)}</style>",
])
def test_every_text_of_a_style_sheet_is_checked(style):
    assert refusal(svg(style))[:2] == ("unsafe-media", "style")


# --- Published as checked ------------------------------------------------------------------------------

def test_what_is_published_is_the_checked_tree_written_again():
    doc = (b'<?xml version="1.0"?>\n<!-- exported by an editor -->\n'
           + svg('<title>A &amp; B</title><!-- <script>alert(1)</script> --><rect width="5" height="5" '
                 'xml:base="https://evil.example/" inkscape:label="layer"/><style><![CDATA[rect{fill:#000}]]></style>',
                 ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"') + b"\n<!-- trailing -->\n")
    published = clean_svg(doc)
    assert published.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<svg ")
    assert b"<!--" not in published and b"evil" not in published and b"inkscape" not in published
    tree = ET.fromstring(published)
    assert [element.tag.rpartition("}")[2] for element in tree.iter()] == ["svg", "title", "rect", "style"]
    assert tree[0].text == "A & B" and tree[2].text == "rect{fill:#000}"
    assert clean_svg(published) == published  # checking it again changes nothing


def test_every_example_picture_passes_and_draws_the_same():
    pictures = sorted((ROOT / "campaigns").glob("*/media/*.svg"))
    assert pictures
    for path in pictures:
        data = path.read_bytes()
        assert ET.canonicalize(clean_svg(data).decode()) == ET.canonicalize(data.decode()), path


# --- The budget ----------------------------------------------------------------------------------------

def use_chain(depth: int) -> bytes:
    """A <use> of a <use> of ... of a rectangle, `depth` deep."""
    uses = "".join(f'\n<use id="u{n}" href="#u{n - 1}"/>' for n in range(1, depth))
    return svg(f'<rect id="u0" width="1" height="1"/>{uses}')


def doubling(levels: int) -> bytes:
    """Each group draws the one before twice: 2**levels rectangles from a few hundred bytes."""
    groups = "".join(f'<g id="g{n}"><use href="#g{n - 1}"/><use href="#g{n - 1}"/></g>' for n in range(1, levels))
    return svg(f'<rect id="g0" width="1" height="1"/>{groups}')


@pytest.mark.parametrize("doc, expected", [
    (use_chain(300), ("too-deep", "use", BUDGET.depth + 1)),  # resvg overflows its stack on this one
    (svg("<g>" * 100_000 + "</g>" * 100_000), ("too-deep", "g", 1)),  # no RecursionError either
    (svg('<g id="a">\n<use href="#a"/></g>'), ("too-deep", "use", 2)),
    (svg('<use id="a" href="#b"/><use id="b" href="#a"/>'), ("too-deep", "use", 1)),
    (doubling(40), ("too-complex", "g", 1)),
])
def test_nesting_and_use_expansion_have_a_budget(doc, expected):
    assert refusal(doc) == expected


BOMB = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><filter id="f"><feMorphology radius="9999"/>'
        '</filter><rect filter="url(#f)" width="9" height="9"/></svg>')


@pytest.mark.parametrize("effect, name", [
    ('<feMorphology radius="9999"/>', "feMorphology"),
    ('<feGaussianBlur stdDeviation="10 99999"/>', "feGaussianBlur"),
    ('<feTurbulence baseFrequency=".1" numOctaves="99999"/>', "feTurbulence"),
    ('<feDropShadow stdDeviation="1e9"/>', "feDropShadow"),
    ('<feOffset dx="1"/>' * (BUDGET.filters + 1), "filter"),
])
def test_filter_effects_have_a_budget(effect, name):
    assert len(BOMB) <= 200  # the renderer bomb of the issue: minutes of resvg's time per build
    assert refusal(svg(f'<filter id="f">{effect}</filter><rect filter="url(#f)" width="9" height="9"/>')) == \
        ("too-complex", name, 1)


@pytest.mark.parametrize("root", [' width="0" height="0"', ' width="10" height="0px"', ' width="-1" height="5"',
                                  ' viewBox="0 0 0 10"', ' viewBox="0 0 10 -3"', ' viewBox="0 0 10"'])
def test_a_picture_of_zero_size_is_refused(root):
    doc = f'<svg xmlns="http://www.w3.org/2000/svg"{root}><rect width="1" height="1"/></svg>'.encode()
    assert refusal(doc) == ("empty-image", "svg", 1)


def test_what_the_budget_allows_still_passes():
    clean_svg(use_chain(BUDGET.depth - 1))
    clean_svg(doubling(12))
    clean_svg(svg('<filter id="f"><feGaussianBlur stdDeviation="2"/><feTurbulence numOctaves="4"/></filter>'))
    clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect/></svg>')


# --- As an editor reads it ---------------------------------------------------------------------------

@pytest.mark.parametrize("content, line, element, code, words", [
    ('<svg xmlns="http://www.w3.org/2000/svg"\n     onload="alert(1)" viewBox="0 0 9 9"><rect/></svg>',
     1, "svg", "unsafe-media", "an event handler (onload) on <svg>"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<style>rect{}<g/>@import "//evil.example/x.css";</style></svg>',
     2, "style", "unsafe-media", "a style sheet that loads other files"),
    (BOMB, 1, "feMorphology", "too-complex", "radius is 9999, more than the 9 allowed"),
    (use_chain(300).decode(), BUDGET.depth + 1, "use", "too-deep", "nested 51 deep"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>', 1, "svg", "empty-image", "its width is 0"),
])
def test_a_refused_picture_is_a_problem_naming_file_line_and_element(tmp_path, content, line, element, code, words):
    problems = validate(write_project(tmp_path, {f"{MEDIA}/garden.svg": content}))
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [(f"{MEDIA}/garden.svg", line, element, code)]
    text = str(problems[0])
    assert text.startswith(f"{MEDIA}/garden.svg:{line}: {element}: ") and text.endswith(f" [{code}]"), text
    assert words in text


def test_an_unsafe_svg_is_still_an_unsafe_svg():
    with pytest.raises(UnsafeSvg):
        clean_svg(svg("", ' onload="alert(1)"'))
