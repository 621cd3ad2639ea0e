"""SVG images made inert and bounded before they are published (issue 20).

An SVG is a document: opened on its own it can run script on the site's origin, and a renderer can
be made to work for hours by a file of 200 bytes. So each one is parsed (defusedxml: no DOCTYPE, no
entities), and then every element, the root `<svg>` included, and every attribute is checked:

- only SVG's own drawing, painting and describing elements (`ELEMENTS`); elements of editors'
  vocabularies (Inkscape, Illustrator, RDF) are dropped, HTML or script under any name is refused;
- no event handler (`on...`), no reference outside the file (`href` other than `#id` or an embedded
  raster image, `url()` to anything but `#id` in any attribute, `style` or presentation attribute
  alike), no `javascript:`, and all the text of each `<style>` (text after a child element too);
- a budget that keeps rendering small (`Budget`): elements once `<use>` is expanded, nesting through
  groups and `<use>`, filter effects and their sizes; and a width, height and viewBox above zero.

What is published is the tree that was checked, written again (`ElementTree.tostring`): comments,
processing instructions and anything the parser kept but this module did not look at cannot pass.
The press kit's PNGs are rendered in a process of its own, with limits (exports/presskit.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from campaignsite.core.codes import Code
from campaignsite.core.errors import Message, msg

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# SVG 1.1 and 2 elements that draw, group, paint, animate or describe. Left out on purpose: script,
# foreignObject, handler and listener (code, HTML), and SVG fonts, color-profile, cursor and tref (they
# load or reference other files; no browser renders SVG fonts). Any other name, in SVG's namespace, is
# refused rather than guessed about.
ELEMENTS = frozenset({
    "a", "circle", "clipPath", "defs", "desc", "ellipse", "g", "image", "line", "linearGradient", "marker", "mask",
    "metadata", "mpath", "path", "pattern", "polygon", "polyline", "radialGradient", "rect", "stop", "style", "svg",
    "switch", "symbol", "text", "textPath", "title", "tspan", "use", "view",
    "animate", "animateColor", "animateMotion", "animateTransform", "set",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
ANIMATION = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
# Names that act in any vocabulary (XHTML's script and iframe, an SVG element under another prefix):
# such an element is refused, where other foreign elements (editor metadata) are only dropped.
ACTING = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "a", "image", "use",
          "style", "set", "animate", "animatemotion", "animatetransform", "animatecolor"}
# Elements that draw another element again: their reference is followed when the budget is counted.
REFERRING = {"use", "feImage"}
SAFE_DATA_URL = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
# After CSS escapes and comments are undone: anything that can load another file or run code.
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)|@import|javascript:|expression\(|image-set\(|image\(|src\(|"
                         r"cross-fade\(|element\(", re.I)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
CSS_COMMENT = re.compile(r"/\*.*?(\*/|\Z)", re.S)
NUMBER = re.compile(r"\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")


@dataclass(frozen=True)
class Budget:
    """How much drawing an SVG may ask of a renderer, checked before anything renders it. Far above a
    logo or an illustration (the example's pictures have at most 101 elements and no filter), far
    below what makes resvg or a browser work for minutes or crash (measured: `<use>` nested 300 deep
    overflows resvg's stack; a blur or dilation wider than the picture costs minutes per file)."""

    elements: int = 20_000  # elements drawn, each <use> counted as the elements it draws again
    depth: int = 50  # nesting of elements, through <use> references too
    filters: int = 50  # filter effects (fe... elements) in the file
    octaves: int = 10  # feTurbulence numOctaves: each one is a pass over the picture; more look the same


BUDGET = Budget()


class SvgRefused(Exception):
    """An SVG that is not published: args are (message, code, element's name, line)."""

    def __init__(self, message: Message, code: Code, element: str = "", line: int | None = None):
        super().__init__(message, code, element, line)
        self.message, self.code, self.element, self.line = message, Code(code), element, line


class UnsafeSvg(SvgRefused):
    """An SVG that could run script or load other files or hosts."""

    def __init__(self, reason: Message, element: str = "", line: int | None = None):
        super().__init__(reason, Code.UNSAFE_MEDIA, element, line)


class _Lines(ET.TreeBuilder):
    """A tree builder that notes the line of each element's start tag, for the messages."""

    def __init__(self):
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.expat = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber
        return element


def clean_svg(data: bytes, budget: Budget = BUDGET) -> bytes:
    """The SVG written again from its checked tree, without editor metadata; SvgRefused (UnsafeSvg for
    what could act) if anything in it is unsafe or over the budget; ValueError if it is no SVG."""
    builder = _Lines()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise UnsafeSvg(msg("it declares a DOCTYPE or entities")) from None
    except ET.ParseError as exc:
        raise ValueError(msg("the SVG is not well-formed XML: %(reason)s", reason=str(exc))) from None
    # The tree builder drops processing instructions, so they are looked for in the text itself:
    # <?xml-stylesheet href="..."?> loads another file when the SVG is opened on its own.
    if re.search(rb"<\?(?!xml[\s?])", data):
        raise UnsafeSvg(msg("a processing instruction such as <?xml-stylesheet?>"))
    if root.tag != f"{{{SVG}}}svg":
        raise ValueError(msg("the file's content is not an SVG image (its root element is not <svg>)"))
    line = builder.lines.get
    check_budget(root, line, budget)  # first, and without recursion: the walks below then stay shallow
    _clean(root, line)
    check_filters(root, line, budget)
    check_size(root, line(root))
    # ElementTree's prefixes are global and the Atom feed registers its own default namespace in
    # the same process: register ours again right before writing.
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def local_name(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    namespace, _, name = tag.rpartition("}")
    return namespace.lstrip("{"), name


def _clean(element: ET.Element, line) -> None:
    """Check `element` and its descendants; drop editor metadata (foreign elements and attributes)."""
    check_element(element, line(element))
    for child in list(element):
        namespace, name = local_name(child.tag)
        if namespace != SVG:
            if name.lower() in ACTING:
                raise UnsafeSvg(msg("a <%(name)s> element from another vocabulary", name=name), name, line(child))
            element.remove(child)  # editor metadata (sodipodi, inkscape, RDF...)
            continue
        _clean(child, line)


def css_plain(text: str) -> str:
    """CSS text with its escapes decoded and comments removed: "u\\72l(" is "url(" to a browser."""
    def decode(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)
    return CSS_ESCAPE.sub(decode, CSS_COMMENT.sub("", text))


def check_element(element: ET.Element, line: int | None) -> None:
    """UnsafeSvg if this SVG element (the root too) can act or load anything; foreign attributes go."""
    name = local_name(element.tag)[1]
    if name not in ELEMENTS:
        raise UnsafeSvg(msg("a <%(name)s> element", name=name), name, line)
    for attribute, value in list(element.attrib.items()):
        namespace, local = local_name(attribute)
        if local.lower().startswith("on"):
            raise UnsafeSvg(msg("an event handler (%(attribute)s) on <%(name)s>", attribute=local, name=name), name,
                            line)
        if namespace not in ("", XLINK) and (namespace, local) not in ((XML, "space"), (XML, "lang")):
            del element.attrib[attribute]  # editors' own (inkscape:label), and xml:base, which moves #ids
            continue
        if local == "href" and not (value.startswith("#") or SAFE_DATA_URL.match(value)):
            raise UnsafeSvg(msg("a link to %(target)s on <%(name)s>", target=repr(value[:60]), name=name), name, line)
        if OUTSIDE_URL.search(css_plain(value)):
            raise UnsafeSvg(msg("a reference outside the file in the %(attribute)s of <%(name)s>", attribute=local,
                                name=name), name, line)
    animated = element.get("attributeName", "").rpartition(":")[2].lower()
    if name in ANIMATION and (animated == "href" or animated.startswith("on")):
        raise UnsafeSvg(msg("an animation of %(attribute)s on <%(name)s>", attribute=animated, name=name), name, line)
    # All of the style sheet: its text, and text after (or inside) any child element, CDATA included.
    if name == "style" and OUTSIDE_URL.search(css_plain("".join(element.itertext()))):
        raise UnsafeSvg(msg("a style sheet that loads other files"), name, line)


# --- The budget ------------------------------------------------------------------------------------

def check_budget(root: ET.Element, line, budget: Budget) -> None:
    """SvgRefused if the drawing, with every <use> expanded, has more elements or deeper nesting than
    `budget`, or a <use> that draws itself. Counted without recursion, each element once."""
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    done: dict[ET.Element, tuple[int, int]] = {}  # element -> (elements drawn, depth)
    open_: set[ET.Element] = set()  # the elements whose count is being made: a reference to one is a loop
    stack: list[tuple[ET.Element, bool, ET.Element | None]] = [(root, False, None)]  # (element, counted, <use>)
    while stack:
        element, finished, referrer = stack.pop()
        target = _target(element, ids)
        drawn = [*element] + ([target] if target is not None else [])  # (an element without children is false)
        if finished:
            open_.discard(element)
            count = 1 + sum(done[part][0] for part in drawn)
            depth = 1 + max((done[part][1] for part in drawn), default=0)
            name = local_name(element.tag)[1]
            if depth > budget.depth:
                raise SvgRefused(msg("elements nested %(count)s deep (groups and <use> references), more than the "
                                     "%(limit)s allowed: flatten the drawing", count=depth, limit=budget.depth),
                                 Code.TOO_DEEP, name, line(element))
            if count > budget.elements:
                raise SvgRefused(msg("%(count)s elements to draw once each <use> is expanded, more than the "
                                     "%(limit)s allowed: simplify the drawing", count=f"{count:,}",
                                     limit=f"{budget.elements:,}"), Code.TOO_COMPLEX, name, line(element))
            done[element] = (count, depth)
            continue
        if element in done:
            continue
        if element in open_:
            where = referrer if referrer is not None else element
            raise SvgRefused(msg("a <use> that draws itself, or an element that contains it"), Code.TOO_DEEP,
                             local_name(where.tag)[1], line(where))
        open_.add(element)
        stack.append((element, True, None))
        stack += [(part, False, element if part is target else None) for part in drawn if part not in done]


def _target(element: ET.Element, ids: dict) -> ET.Element | None:
    """The element a <use> or <feImage> draws again, if it is one of this file."""
    if local_name(element.tag)[1] not in REFERRING:
        return None
    reference = element.get("href") or element.get(f"{{{XLINK}}}href") or ""
    return ids.get(reference[1:]) if reference.startswith("#") else None


def check_filters(root: ET.Element, line, budget: Budget) -> None:
    """SvgRefused for more filter effects than `budget`, more turbulence octaves, or a blur or
    dilation wider than the picture itself (which is no drawing, only work for the renderer)."""
    effects = [element for element in root.iter() if local_name(element.tag)[1].startswith("fe")]
    if len(effects) > budget.filters:
        raise SvgRefused(msg("%(count)s filter effects, more than the %(limit)s allowed: simplify the drawing",
                             count=len(effects), limit=budget.filters), Code.TOO_COMPLEX, "filter",
                         line(effects[budget.filters]))
    extent = max(viewport(root), default=None)
    for element in effects:
        name = local_name(element.tag)[1]
        bounds = {"feTurbulence": {"numOctaves": budget.octaves}, "feGaussianBlur": {"stdDeviation": extent},
                  "feMorphology": {"radius": extent}, "feDropShadow": {"stdDeviation": extent}}.get(name, {})
        for attribute, limit in bounds.items():
            values = [float(number) for number in NUMBER.findall(element.get(attribute, "").replace(",", " "))]
            if limit is not None and any(value > limit for value in values):
                raise SvgRefused(msg("a <%(name)s> whose %(attribute)s is %(value)s, more than the %(limit)s "
                                     "allowed: simplify the effect", name=name, attribute=attribute,
                                     value=element.get(attribute).strip(), limit=f"{limit:g}"),
                                 Code.TOO_COMPLEX, name, line(element))


def viewport(root: ET.Element) -> list[float]:
    """The picture's width and height in its own units (the viewBox's, else width and height)."""
    box = [float(n) for n in NUMBER.findall(root.get("viewBox", "").replace(",", " "))]
    if len(box) == 4:
        return box[2:]
    return [float(found[1]) for name in ("width", "height") if (found := NUMBER.match(root.get(name, "")))]


def check_size(root: ET.Element, line: int | None) -> None:
    """SvgRefused for a width, height or viewBox of zero or less: the picture shows nothing and no
    renderer can make a PNG of it."""
    for attribute in ("width", "height"):
        found = NUMBER.match(root.get(attribute, ""))
        if found and float(found[1]) <= 0:
            raise SvgRefused(msg("its %(attribute)s is %(value)s: a picture needs a width and height above zero",
                                 attribute=attribute, value=root.get(attribute).strip()), Code.EMPTY_IMAGE, "svg",
                             line)
    box = NUMBER.findall(root.get("viewBox", "").replace(",", " "))
    if root.get("viewBox") is not None and (len(box) != 4 or float(box[2]) <= 0 or float(box[3]) <= 0):
        raise SvgRefused(msg("its viewBox is %(value)s: expected four numbers, the last two (width and height) "
                             "above zero", value=repr(root.get("viewBox"))), Code.EMPTY_IMAGE, "svg", line)
