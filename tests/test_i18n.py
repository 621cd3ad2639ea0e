"""The gettext catalogues are complete and current, and money is written as a Belgian reader of each
language expects (nl-BE "€ 10.000", fr-BE "10 000 €").

campaignsite/locale/<lang>/LC_MESSAGES/messages.po are the source of the translations; `make messages`
extracts the msgids into campaignsite/locale/messages.pot with the mapping of babel.cfg and adds the
new ones to each .po. These tests run the same extraction, so a string added without
`make messages`, or left untranslated, fails here rather than in the build. msgids built at run
time with an f-string ("status:{...}") are declared in campaignsite/core/message_keys.py and checked
against the values the data schemas in data/schemas allow.
"""

from __future__ import annotations

import ast
import json
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from campaignsite.core.i18n import Formatter
from campaignsite.core.languages import BABEL_LOCALES
from campaignsite.core.message_keys import KEYS
from html_support import LOCALE_DIR, ROOT

PACKAGE = ROOT / "campaignsite"
SCHEMAS = ROOT / "data" / "schemas"
TEMPLATE = LOCALE_DIR / "messages.pot"
CATALOGUES = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
NBSP, NNBSP = "\u00a0", "\u202f"


# --- Extraction ----------------------------------------------------------------------------------

def extracted_messages() -> dict[str, tuple[str | None, str]]:
    """{msgid: (msgid_plural or None, where)} found by Babel with babel.cfg, as `make messages`
    finds them: `_()` and, with their plural, `ngettext()` of the code and templates."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map):
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        found.setdefault(singular, (plural, f"{filename}:{line}"))
    return found


def extracted_msgids() -> dict[str, str]:
    """{msgid: where}; a plural message is known by its singular msgid, as in the catalogues."""
    return {msgid: where for msgid, (_plural, where) in extracted_messages().items()}


def singular(msgid) -> str:
    """A catalogue's msgid: a plural message's is the pair (singular, plural)."""
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _is_gettext(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "_") or \
        (isinstance(func, ast.Attribute) and func.attr in ("_", "ngettext"))


def _skeleton(joined: ast.JoinedStr) -> str:
    """An f-string msgid with each replacement field as {}: f"status:{s}" -> "status:{}"."""
    return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in joined.values)


def python_msgids() -> tuple[dict[str, str], dict[str, str]]:
    """({msgid: where}, {f-string skeleton: where}) of the `_()` calls in campaignsite/*.py, read with
    Python's own parser: a second opinion on Babel's tokenizer, and the f-strings Babel skips."""
    static, dynamic = {}, {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and _is_gettext(node) and node.args:
                where, arg = f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    static.setdefault(arg.value, where)
                elif isinstance(arg, ast.JoinedStr):
                    dynamic.setdefault(_skeleton(arg), where)
    return static, dynamic


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
    from campaignsite.pages.parts import STATUS_NOTICE  # the only statuses that get a notice
    from campaignsite.pages.plan import FORMATS  # the kit's file formats, by their names' endings

    props = campaign_schema("properties")
    statements = ("accessibility", "privacy")  # the two statements every site publishes (registry.py)
    values = {
        "status:{}": sorted(set(table_enum("laureates", "status")) | set(table_enum("updates", "status"))),
        "stage:{}": props["selection"]["items"]["properties"]["kind"]["enum"],
        "payment:{}": table_enum("payments", "kind"),
        "event:{}": table_enum("events", "kind"),
        "event-about:{}": table_enum("events", "kind"),
        "event-status:{}": [s for s in table_enum("events", "status") if s in STATUS_NOTICE],
        "theme:{}": table_enum("actions", "theme"),
        "action-status:{}": table_enum("actions", "status"),
        "actions-{}": table_enum("actions", "status"),
        "sector:{}": table_enum("actions", "sector"),
        "file-format:{}": sorted(set(FORMATS.values())),
        "phase:{}": sorted(props["phases"]["properties"]),
        "kind:{}": props["kind"]["enum"],
        "region:{}": props["municipalities"]["items"]["properties"]["region"]["enum"],
        "role:{}": props["partners"]["items"]["properties"]["role"]["enum"],
        "juror:{}": props["jury"]["items"]["properties"]["kind"]["enum"],
        "kit:{}": props["kit"]["items"]["properties"]["kind"]["enum"],
        "{}:{}": [f"{s}:{n}" for s in statements for n in range(1, 5)],
        "{}:title": [f"{s}:title" for s in statements],
    }
    # Skeletons with a fixed prefix get their value filled in; the others list whole msgids.
    return {skeleton: [skeleton.replace("{}", v) if not skeleton.startswith("{}") else v for v in found]
            for skeleton, found in values.items()}


def read_catalogue(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def read_po_of(lang: str):
    return read_catalogue(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po")


# --- Tests ---------------------------------------------------------------------------------------

def test_extraction_finds_the_strings():
    """babel.cfg reaches Python (joined strings as one), templates and the declared keys, and
    finds every constant `_()` msgid that Python's own parser sees."""
    found = extracted_msgids()
    assert "Project holder" in found and "Laureates" in found and "status:selected" in found
    assert any(m.startswith("%(upfront)s of the grant is paid") and m.endswith("final report.") for m in found)
    plurals = {msgid: plural for msgid, (plural, _where) in extracted_messages().items() if plural}
    assert plurals.get("laureate") == "laureates", "ngettext() in Python is extracted with its plural"
    assert plurals.get("%(shown)s of %(total)s project shown") == "%(shown)s of %(total)s projects shown", \
        "ngettext() in templates is extracted with its plural"
    assert any(where.startswith("campaignsite/templates/") for where in found.values())
    static, dynamic = python_msgids()
    assert "status:{}" in dynamic
    missed = {msgid: where for msgid, where in static.items() if msgid not in found}
    assert not missed, f"`_()` msgids that pybabel does not extract: {missed}"


def test_the_template_is_up_to_date():
    """campaignsite/locale/messages.pot holds exactly the msgids of the code and templates."""
    committed = {singular(m.id): m.id[1] if m.pluralizable else None for m in read_catalogue(TEMPLATE) if m.id}
    found = extracted_messages()
    changes = sorted(f"new: {msgid!r} ({where})" for msgid, (_p, where) in found.items() if msgid not in committed)
    changes += sorted(f"gone: {msgid!r}" for msgid in set(committed) - set(found))
    changes += sorted(f"plural changed: {msgid!r} -> {plural!r} ({where})" for msgid, (plural, where) in found.items()
                      if msgid in committed and committed[msgid] != plural)
    assert not changes, ("campaignsite/locale/messages.pot is out of date: run `make messages`, then translate "
                         "the new msgids in each .po:\n  " + "\n  ".join(changes))


def test_every_dynamic_msgid_is_declared():
    """Each `_(f"...")` of the code has its values known here, and campaignsite/core/message_keys.py
    declares exactly the msgids those values give (a new schema value needs its key there)."""
    _, dynamic = python_msgids()
    known = dynamic_values()
    unknown = {skeleton: where for skeleton, where in dynamic.items() if skeleton not in known}
    assert not unknown, f"msgids built at run time whose values this test does not know: {unknown}"
    unused = sorted(set(known) - set(dynamic))
    assert not unused, f"no `_(f\"...\")` in campaignsite/*.py builds these any more: {unused}"
    expected = {msgid for msgids in known.values() for msgid in msgids}
    declared = {msgid for msgids in KEYS.values() for msgid in msgids}
    assert not expected - declared, f"add to campaignsite/core/message_keys.py: {sorted(expected - declared)}"
    assert not declared - expected, f"no data value gives these keys: {sorted(declared - expected)}"


def test_a_catalogue_per_language():
    """Every language a site can be published in has its catalogue, and no other catalogue exists."""
    assert CATALOGUES == sorted(BABEL_LOCALES)


@pytest.mark.parametrize("lang", CATALOGUES)
def test_catalogue_header(lang):
    """Language and Plural-Forms as Babel gives them for the language; no fuzzy header, no
    obsolete entries left behind."""
    catalogue = read_po_of(lang)
    assert str(catalogue.locale) == lang
    assert catalogue.plural_forms == Catalog(locale=lang).plural_forms
    assert not catalogue.fuzzy and not catalogue.obsolete


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_msgid_is_translated(lang):
    """Every msgid of messages.pot has a translation that the build reads (non-empty, not fuzzy),
    a plural one every form the language's Plural-Forms asks for (msgstr[0], msgstr[1]...), and the
    .po has no msgid that messages.pot lacks."""
    catalogue = read_po_of(lang)
    translated = {m.id: m for m in catalogue if m.id}
    wanted = [m.id for m in read_catalogue(TEMPLATE) if m.id]

    def complete(message) -> bool:
        if message.fuzzy:
            return False
        if isinstance(message.id, tuple):
            forms = message.string if isinstance(message.string, tuple) else ()
            return len(forms) == catalogue.num_plurals and all(form.strip() for form in forms)
        return bool(str(message.string).strip())

    missing = [repr(msgid) for msgid in wanted if msgid not in translated or not complete(translated[msgid])]
    assert not missing, (f"campaignsite/locale/{lang}/LC_MESSAGES/messages.po: {len(missing)} msgid(s) without a "
                         f"translation (run `make messages`, then translate them):\n  " + "\n  ".join(missing))
    extra = sorted(set(translated) - set(wanted))
    assert not extra, f"{lang}: msgids missing from messages.pot (run `make messages`): {extra}"


KEY = re.compile(r"[a-z-]+:[\w-]+")  # msgids that are keys ("accessibility:1"), not English text


def catalogue_strings(catalogue):
    """(message, msgid, msgstr) of every translated string; each form of a plural message is
    compared with the plural msgid, as every form must take the same placeholders."""
    for message in catalogue:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            for form in message.string:
                if form:
                    yield message, message.id[1], form
        else:
            yield message, str(message.id), str(message.string)


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


@pytest.mark.parametrize("lang", CATALOGUES)
def test_placeholders_match(lang):
    """`%(name)s` placeholders are those of the msgid; a key msgid has no text to compare with, so
    its placeholders must be the same in every catalogue (the English one being the reference)."""
    reference = {str(m.id): str(m.string) for m in read_po_of("en") if m.id} if "en" in CATALOGUES else {}
    problems = []
    for message, msgid, msgstr in catalogue_strings(read_po_of(lang)):
        source = reference.get(msgid, msgid) if KEY.fullmatch(msgid) else msgid
        if placeholders(source) != placeholders(msgstr):
            problems.append(f"{msgid!r}: {placeholders(msgstr)} in {msgstr!r}, expected {placeholders(source)}")
        elif placeholders(source):
            try:
                msgstr % {name: "x" for name in placeholders(source)}
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"{msgid!r}: {msgstr!r} cannot be formatted ({exc})")
    assert not problems, f"{lang}: placeholders differ between msgid and msgstr:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lang, cents, expected", [
    ("nl", 1000000, "€ 10.000"), ("nl", 6350000, "€ 63.500"), ("nl", 80000, "€ 800"), ("nl", 249950, "€ 2.499,50"),
    ("fr", 1000000, "10 000 €"), ("fr", 6350000, "63 500 €"), ("fr", 80000, "800 €"), ("fr", 249950, "2 499,50 €"),
    ("en", 1000000, "€10,000"), ("en", 249950, "€2,499.50"), ("en", 90000, "€900"),
    ("de", 1000000, "10.000 €"), ("de", 249950, "2.499,50 €"), ("de", 5, "0,05 €"),
])
def test_money_is_formatted_the_belgian_way(lang, cents, expected):
    """Amounts are given in cents and shown with their cents only when there are some: nl-BE
    "€ 10.000", fr-BE "10 000 €" (a narrow no-break space between thousands), English "€10,000",
    de-BE "10.000 €"; the amount never wraps away from its euro sign, so the spaces are no-break spaces."""
    text = Formatter(lang).money(cents)
    assert text.replace(NBSP, " ").replace(NNBSP, " ") == expected
    assert " " not in text, f"{text!r} has a breaking space"
    if lang == "fr" and cents >= 100000:
        assert NNBSP in text, f"{text!r}: fr-BE separates thousands with a narrow no-break space (U+202F)"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_plural_messages_have_their_forms(lang):
    """`ngettext()` messages reach the catalogues as msgid/msgid_plural pairs, with as many msgstr[n]
    as the language's Plural-Forms; each form is what Translator.ngettext gives for its count."""
    from campaignsite.core.i18n import Translator
    plurals = [m for m in read_po_of(lang) if m.id and m.pluralizable]
    assert any(m.id == ("laureate", "laureates") for m in plurals), "ngettext msgids are not extracted"
    translate = Translator(lang)
    for message in plurals:
        one, many = message.id
        assert translate.ngettext(one, many, 1, **dict.fromkeys(placeholders(many), "x")) == \
            message.string[0] % dict.fromkeys(placeholders(many), "x")
        assert translate.ngettext(one, many, 7, **dict.fromkeys(placeholders(many), "x")) == \
            message.string[1] % dict.fromkeys(placeholders(many), "x")


FRENCH_SIGNS = re.compile(r"(.)([:;!?»])|«(.)")
# What an editor types as it is, in the editors' messages: `code` (`title: ...`), and a sign named
# on its own in quotes (';', '?').
VERBATIM = re.compile(r"`[^`]*`|'[:;!?]'")


def test_french_interface_strings_have_a_narrow_no_break_space_before_high_signs():
    """Every French msgstr writes a narrow no-break space (U+202F) before : ; ! ? and », and after «
    ("Contact :", "Comment aider ?"), never an ordinary space that lets the sign start a line, nor
    none at all; only a colon in an address (https://) or a time (10:30), `code` an editor types
    and a sign quoted on its own (':') are left alone."""
    problems = []
    for message, msgid, msgstr in catalogue_strings(read_po_of("fr")):
        text = VERBATIM.sub("`", msgstr)
        for match in FRENCH_SIGNS.finditer(text):
            before, sign, after = match.groups()
            if sign == ":" and re.match(r"//|\d", text[match.end():]):
                continue
            if (before if sign else after) != NNBSP:
                problems.append(f"{msgid!r}: {msgstr!r} at {match.group(0)!r}")
    assert not problems, "fr: use U+202F before : ; ! ? (and inside « »):\n  " + "\n  ".join(problems)
