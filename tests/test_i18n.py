"""Every interface string is translated in every catalogue, with the same placeholders, and money
is written as a Belgian reader of each language expects (nl-BE "€ 10.000", fr-BE "10 000 €").

msgids are extracted from the code itself: `_()` calls in campaignsite/*.py (with Python's ast, so
implicitly joined strings count as one) and in campaignsite/templates/*.html (with Jinja's own
extractor); msgids built at run time with an f-string ("status:{...}") are expanded with the values
the data schemas in data/schemas allow.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment

from campaignsite.i18n import Formatter
from html_support import LOCALE_DIR, ROOT

PACKAGE = ROOT / "campaignsite"
SCHEMAS = ROOT / "data" / "schemas"
CATALOGUES = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
NBSP, NNBSP = "\u00a0", "\u202f"


# --- Extraction ----------------------------------------------------------------------------------

def _is_gettext(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "_") or (isinstance(func, ast.Attribute) and func.attr == "_")


def _skeleton(joined: ast.JoinedStr) -> str:
    """An f-string msgid with each replacement field as {}: f"status:{s}" -> "status:{}"."""
    return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in joined.values)


def python_msgids() -> tuple[dict[str, str], dict[str, str]]:
    """({msgid: where}, {f-string skeleton: where}) of the `_()` calls in campaignsite/*.py."""
    static, dynamic = {}, {}
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and _is_gettext(node) and node.args:
                where, arg = f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    static.setdefault(arg.value, where)
                elif isinstance(arg, ast.JoinedStr):
                    dynamic.setdefault(_skeleton(arg), where)
    return static, dynamic


def template_msgids() -> dict[str, str]:
    """{msgid: where} of the `_()` calls in campaignsite/templates/*.html."""
    env, found = Environment(extensions=["jinja2.ext.i18n"]), {}
    for path in sorted((PACKAGE / "templates").glob("*.html")):
        for line, function, message in env.extract_translations(env.parse(path.read_text(encoding="utf-8"))):
            message = message[0] if isinstance(message, tuple) else message
            if function == "_" and isinstance(message, str):
                found.setdefault(message, f"{path.relative_to(ROOT)}:{line}")
    return found


# --- The values of msgids built at run time ------------------------------------------------------

def table_enum(table: str, column: str) -> list[str]:
    fields = json.loads((SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8"))["fields"]
    return next(f["constraints"]["enum"] for f in fields if f["name"] == column)


def campaign_schema(*path: str):
    node = json.loads((SCHEMAS / "campaign.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node


def dynamic_values() -> dict[str, list[str]]:
    """f-string skeleton -> every msgid it can produce, from the schemas' enumerations."""
    from campaignsite.agenda_pages import STATUS_NOTICE  # the only statuses that get a notice

    props = campaign_schema("properties")
    statements = ("accessibility", "privacy")  # the two statements every site publishes (sites.py)
    values = {
        "status:{}": sorted(set(table_enum("laureates", "status")) | set(table_enum("updates", "status"))),
        "selected:{}": table_enum("laureates", "selected_by"),
        "event:{}": table_enum("events", "kind"),
        "event-about:{}": table_enum("events", "kind"),
        "event-status:{}": [s for s in table_enum("events", "status") if s in STATUS_NOTICE],
        "theme:{}": table_enum("actions", "theme"),
        "action-status:{}": table_enum("actions", "status"),
        "phase:{}": sorted(props["phases"]["properties"]),
        "kind:{}": props["kind"]["enum"],
        "region:{}": props["municipalities"]["items"]["properties"]["region"]["enum"],
        "role:{}": props["partners"]["items"]["properties"]["role"]["enum"],
        "juror:{}": props["jury"]["items"]["properties"]["kind"]["enum"],
        "{}:{}": [f"{s}:{n}" for s in statements for n in range(1, 5)],
        "{}:title": [f"{s}:title" for s in statements],
    }
    # Skeletons with a fixed prefix get their value filled in; the others list whole msgids.
    return {skeleton: [skeleton.replace("{}", v) if not skeleton.startswith("{}") else v for v in found]
            for skeleton, found in values.items()}


def all_msgids() -> dict[str, str]:
    static, dynamic = python_msgids()
    found = {**template_msgids(), **static}
    known = dynamic_values()
    for skeleton, where in dynamic.items():
        for msgid in known.get(skeleton, []):
            found.setdefault(msgid, f"{where} ({skeleton})")
    return found


def read_catalogue(lang: str):
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


# --- Tests ---------------------------------------------------------------------------------------

def test_extraction_finds_the_strings():
    """The extractors themselves: strings from Python, joined strings, templates and f-strings."""
    static, dynamic = python_msgids()
    assert "Project holder" in static and "Laureates" in template_msgids()
    assert any(m.startswith("%(upfront)s%% of the grant is paid") and m.endswith("final report.") for m in static)
    assert "status:{}" in dynamic


def test_every_dynamic_msgid_has_known_values():
    """A new `_(f"...")` needs its values listed in dynamic_values() above, or it goes untested."""
    _, dynamic = python_msgids()
    unknown = {skeleton: where for skeleton, where in dynamic.items() if skeleton not in dynamic_values()}
    assert not unknown, f"msgids built at run time whose values this test does not know: {unknown}"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_msgid_is_translated(lang):
    catalogue = read_catalogue(lang)
    translated = {m.id: m for m in catalogue if m.id}
    missing = [f"{msgid!r} ({where})" for msgid, where in sorted(all_msgids().items())
               if msgid not in translated or not str(translated[msgid].string).strip() or translated[msgid].fuzzy]
    assert not missing, (f"campaignsite/locale/{lang}/LC_MESSAGES/messages.po: {len(missing)} msgid(s) without a "
                         f"translation (add them to tools/messages.py and run it):\n  " + "\n  ".join(missing))


KEY = re.compile(r"[a-z-]+:[\w-]+")  # msgids that are keys ("accessibility:1"), not English text


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


@pytest.mark.parametrize("lang", CATALOGUES)
def test_placeholders_match(lang):
    """`%(name)s` placeholders are those of the msgid; a key msgid has no text to compare with, so
    its placeholders must be the same in every catalogue (the English one being the reference)."""
    reference = {str(m.id): str(m.string) for m in read_catalogue("en") if m.id} if "en" in CATALOGUES else {}
    problems = []
    for message in read_catalogue(lang):
        if not message.id or not message.string:
            continue
        msgid, msgstr = str(message.id), str(message.string)
        source = reference.get(msgid, msgid) if KEY.fullmatch(msgid) else msgid
        if placeholders(source) != placeholders(msgstr):
            problems.append(f"{msgid!r}: {placeholders(msgstr)} in {msgstr!r}, expected {placeholders(source)}")
        elif placeholders(source):
            try:
                msgstr % {name: "x" for name in placeholders(source)}
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"{msgid!r}: {msgstr!r} cannot be formatted ({exc})")
    assert not problems, f"{lang}: placeholders differ between msgid and msgstr:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lang, amount, expected", [
    ("nl", 10000, "€ 10.000"), ("nl", 63500, "€ 63.500"), ("nl", 800, "€ 800"),
    ("fr", 10000, "10 000 €"), ("fr", 63500, "63 500 €"), ("fr", 800, "800 €"),
])
def test_money_is_formatted_the_belgian_way(lang, amount, expected):
    """nl-BE "€ 10.000", fr-BE "10 000 €" (a narrow no-break space between thousands); the amount
    never wraps away from its euro sign, so the spaces are no-break spaces."""
    text = Formatter(lang).money(amount)
    assert text.replace(NBSP, " ").replace(NNBSP, " ") == expected
    assert " " not in text, f"{text!r} has a breaking space"
    if lang == "fr" and amount >= 1000:
        assert NNBSP in text, f"{text!r}: fr-BE separates thousands with a narrow no-break space (U+202F)"
