"""Language done right, as a reader checks it: plural forms ("1 laureate", never "1 laureates"),
French typography ("Date limite : ..." with a narrow no-break space, "80 %", "1er février"),
amounts that never break across lines, one money style per language, and image credits labelled
in the page's language.

The built pages are read as text, element by element with the language each element is in (its
own or its nearest ancestor's `lang`): a French card on the English portal is French text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po

from campaignsite.core.i18n import Formatter, Translator
from html_support import LOCALE_DIR, build_network, html_files, site_rel
from project import LAUREATES_CSV, default_files, write_project

NBSP, NNBSP = "\u00a0", "\u202f"
LANGS = ("nl", "fr", "en", "de")
TODAY = dt.date(2026, 11, 22)

# One money style per language (Babel's nl_BE, fr_BE, en_IE and de_BE), cents only when not zero.
MONEY_STYLE = {
    "nl": re.compile(r"€\u00a0-?\d{1,3}(?:\.\d{3})*(?:,\d\d)?"),          # € 10.000  € 2.499,50
    "fr": re.compile(r"-?\d{1,3}(?:\u202f\d{3})*(?:,\d\d)?\u00a0€"),       # 10 000 €  2 499,50 €
    "en": re.compile(r"-?€\d{1,3}(?:,\d{3})*(?:\.\d\d)?"),                 # €10,000   €2,499.50
    "de": re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d\d)?\u00a0€"),           # 10.000 €  2.499,50 €
}
SPACE = "[ \u00a0\u202f]"
# Anything that looks like an amount: digits (with separators and any kind of space between
# groups) next to a euro sign or "EUR", on either side, with or without a space.
NUMBER = rf"-?\d(?:[.,]?\d|{SPACE}\d)*"
AMOUNT = re.compile(rf"(?:€|\bEUR\b){SPACE}?{NUMBER}|(?<![\d.,]){NUMBER}{SPACE}?(?:€|EUR\b)")
SKIPPED = {"script", "style", "template", "code", "pre", "textarea"}  # code to copy is no prose


# --- Reading the built pages ---------------------------------------------------------------------

def texts_by_lang(path: Path) -> list[tuple[str, str]]:
    """(language, text) of every text node of a page, each with the language it is shown in."""
    root = lxml.html.document_fromstring(path.read_bytes())
    found: list[tuple[str, str]] = []

    def walk(element, lang: str) -> None:
        lang = (element.get("lang") or lang).split("-")[0]
        if element.tag in SKIPPED:
            return
        if element.text:
            found.append((lang, element.text))
        for child in element:
            if isinstance(child.tag, str):
                walk(child, lang)
            if child.tail:
                found.append((lang, child.tail))

    walk(root, root.get("lang", "?"))
    return found


def pages_of(site: Path) -> list[Path]:
    return [p for p in html_files(site) if "pagefind" not in p.parts and "assets" not in p.parts]


def plural_messages(lang: str) -> list[tuple[tuple[str, str], tuple[str, ...]]]:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return [(m.id, tuple(m.string)) for m in read_po(handle) if m.id and m.pluralizable]


def plural_only_words(lang: str) -> set[str]:
    """Words of the plural forms that the singular form does not have ("laureates", "projets")."""
    words = set()
    for _ids, forms in plural_messages(lang):
        singular = set(re.findall(r"[^\W\d_]+", forms[0]))
        words |= {w for w in re.findall(r"[^\W\d_]+", forms[-1]) if w not in singular}
    return words - {"s"}


def one_with_plural(text: str, words: set[str]) -> list[str]:
    """'1 laureates', '1 citizen projects': the count 1 followed (within one word) by a plural."""
    flat = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return [m.group(0) for m in re.finditer(r"(?<![\d.,])\b1 (?:[^\W\d_]+ )?([^\W\d_]+)", flat)
            if m.group(1) in words]


# --- A network where every count is 1 ------------------------------------------------------------

@pytest.fixture(scope="module")
def single_site(tmp_path_factory) -> Path:
    """tests/project.py's network with one laureate, one submitted and one eligible project (its
    portal already has one campaign, one municipality and goals served by one project)."""
    folder = tmp_path_factory.mktemp("single")
    lines = LAUREATES_CSV.splitlines(keepends=True)
    campaign_yml = default_files()["campaigns/demo-2025/campaign.yml"]
    campaign_yml = re.sub(r"(?m)^(\s+submitted:) \d+$", r"\1 1", campaign_yml)
    campaign_yml = re.sub(r"(?m)^(\s+eligible:) \d+$", r"\1 1", campaign_yml)
    files = {"campaigns/demo-2025/laureates.csv": lines[0] + next(line for line in lines if line.startswith("moestuin,")),
             "campaigns/demo-2025/campaign.yml": campaign_yml}
    return build_network(write_project(folder / "project", files), folder / "site", TODAY)


def figures(path: Path) -> list[tuple[str, str, str]]:
    """(language, label, value) of every key figure of a page."""
    root = lxml.html.document_fromstring(path.read_bytes())
    found = []
    for figure in root.xpath("//*[contains(concat(' ', @class, ' '), ' cs-figure ')]"):
        lang = (figure.xpath("ancestor-or-self::*[@lang][1]/@lang") or ["?"])[0].split("-")[0]
        label, value = figure.findtext("dt"), figure.findtext("dd")
        found.append((lang, (label or "").strip(), (value or "").strip()))
    return found


def test_the_single_network_has_counts_of_one(single_site):
    """The check below sees counts of 1 in figures (else it could not fail)."""
    ones = [(site_rel(single_site, p), label) for p in pages_of(single_site) for _l, label, value in figures(p)
            if value == "1"]
    labels = {label for _page, label in ones}
    assert {Translator("nl").ngettext("laureate", "laureates", 1), Translator("fr").ngettext("campaign", "campaigns", 1),
            Translator("en").ngettext("municipality", "municipalities", 1),
            Translator("fr").ngettext("project submitted", "projects submitted", 1)} <= labels, labels


@pytest.mark.parametrize("network", ["single", "example"])
def test_no_count_of_one_with_a_plural_noun(network, single_site, example_site):
    """No "1 laureates", "1 projets déposés", "laureates: 1" on any page in any language: a key
    figure of 1 is labelled with the singular form, and no text says 1 followed by a plural."""
    site = single_site if network == "single" else example_site
    plurals = {lang: {forms[-1] for _ids, forms in plural_messages(lang) if forms[0] != forms[-1]} for lang in LANGS}
    words = {lang: plural_only_words(lang) for lang in LANGS}
    problems = []
    for path in pages_of(site):
        rel = site_rel(site, path)
        problems += [f"{rel} ({lang}): figure 1 {label!r}" for lang, label, value in figures(path)
                     if value == "1" and label in plurals.get(lang, ())]
        for lang, text in texts_by_lang(path):
            problems += [f"{rel} ({lang}): {hit!r}" for hit in one_with_plural(text, words.get(lang, set()))]
    assert not problems, "a count of 1 with a plural:\n  " + "\n  ".join(sorted(set(problems))[:30])


def test_one_day_left_in_every_language():
    """Sentences with a count take the catalogue's plural rule (French: 0 and 1 are singular)."""
    for lang in LANGS:
        one = Translator(lang).ngettext("%(count)s citizen project chosen in %(year)s.",
                                        "%(count)s citizen projects chosen in %(year)s.", 1, count="1", year=2025)
        many = Translator(lang).ngettext("%(count)s citizen project chosen in %(year)s.",
                                         "%(count)s citizen projects chosen in %(year)s.", 5, count="5", year=2025)
        assert one != many.replace("5", "1"), (lang, one, many)
    assert Translator("fr").ngettext("laureate", "laureates", 0) == "lauréat"
    assert Translator("en").ngettext("laureate", "laureates", 0) == "laureates"


# --- Money ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_money_never_breaks_and_has_one_style(lang):
    """Every amount, in cents, is written in the language's one style, without a breakable space,
    with its cents only when there are some."""
    fmt = Formatter(lang)
    for cents in (0, 5, 100, 99900, 100000, 123456, 1000000, 249950, 259000000, -60000):
        text = fmt.money(cents)
        assert " " not in text, f"{lang}: {text!r} can break"
        assert MONEY_STYLE[lang].fullmatch(text), f"{lang}: {text!r} is not the {lang} style"
        has_cents = bool(re.search(r"[.,]\d\d(?!\d)", text))
        assert has_cents == (cents % 100 != 0), f"{lang}: {text!r} for {cents} cents"


@pytest.mark.parametrize("network", ["single", "example"])
def test_amounts_on_every_page_follow_their_languages_style(network, single_site, example_site):
    """Scanning the text of every page: each amount next to a euro sign (or "EUR") matches the one
    style of the language it is shown in, so no breakable space, no "900 EUR" beside "EUR 1,000"."""
    site = single_site if network == "single" else example_site
    seen, problems = {}, []
    for path in pages_of(site):
        for lang, text in texts_by_lang(path):
            for amount in AMOUNT.findall(text):
                seen.setdefault(lang, set()).add(amount)
                if lang not in MONEY_STYLE or not MONEY_STYLE[lang].fullmatch(amount):
                    problems.append(f"{site_rel(site, path)} ({lang}): {amount!r}")
    assert not problems, "amounts not in their language's style:\n  " + "\n  ".join(sorted(set(problems))[:30])
    langs = {"single": {"nl", "fr"}, "example": set(LANGS)}[network]
    assert langs <= set(seen), f"no amount found in {langs - set(seen)}: the scan finds nothing"


# --- French (and Dutch) typography ---------------------------------------------------------------

def test_percent_number_and_dates_follow_the_locale():
    assert Formatter("fr").percent(80) == "80\u00a0%"
    assert Formatter("de").percent(50) == "50\u00a0%"
    assert Formatter("nl").percent(80) == "80%" and Formatter("en").percent(80) == "80%"
    assert Formatter("fr").number(12345) == "12\u202f345" and Formatter("nl").number(12345) == "12.345"
    assert Formatter("en").number(12345) == "12,345"
    first, second = dt.date(2024, 2, 1), dt.date(2024, 2, 2)
    assert Formatter("fr").date(first) == "1er février 2024"
    assert Formatter("fr").weekday_date(first) == "jeudi 1er février 2024"
    assert Formatter("fr").date(second) == "2 février 2024"
    assert Formatter("nl").date(first) == "1 februari 2024"


@pytest.mark.parametrize("text, expected", [
    ("Jury : présentation !", "Jury\u202f: présentation\u202f!"),
    ("« Oui » ; non ?", "«\u202fOui\u202f»\u202f; non\u202f?"),
    ("Un potager de 600 m² et 10 000 € (80 %)", "Un potager de 600\u00a0m² et 10\u202f000\u00a0€ (80\u00a0%)"),
    ("https://example.be/a?b=c à 10:30", "https://example.be/a?b=c à 10:30"),
    ("[lien](https://example.be) **gras** :", "[lien](https://example.be) **gras**\u202f:"),
    ("Terme\n: définition", "Terme\n: définition"),
])
def test_french_editor_text_gets_its_no_break_spaces(text, expected):
    """Only a space the editor typed becomes a no-break space: addresses, times and Markdown stay."""
    assert Formatter("fr").typography(text) == expected


def test_dutch_amounts_in_editor_text_stay_on_one_line():
    assert Formatter("nl").typography("tot € 10.000 of 600 m² Jury: x") == "tot €\u00a010.000 of 600\u00a0m² Jury: x"


def french_label_fragments() -> dict[str, str]:
    """{wrong spelling: right spelling} of the interface's French labels before a high sign:
    "Date limite :" and "Date limite:" for "Date limite\u202f:" (from the catalogue's msgstrs)."""
    fragments = {}
    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        strings = [s for m in read_po(handle) if m.id for s in (m.string if m.pluralizable else (m.string,))]
    for msgstr in strings:
        for literal in re.split(r"%\(\w+\)[sd]", msgstr):
            for match in re.finditer(rf"([^\W\d_][\w' -]*?){NNBSP}([:;!?])", literal):
                word, sign = match.groups()
                right = f"{word}{NNBSP}{sign}"
                fragments[f"{word} {sign}"] = fragments[f"{word}{sign}"] = right
    return fragments


def test_french_pages_put_a_no_break_space_before_high_signs(example_site):
    """On French pages, interface labels ("Date limite : 31 mars") have a narrow no-break space
    before : ; ! ?, never an ordinary space nor none; editors' prose gets it too ("Rapport final
    remis : ..." in an update)."""
    fragments = french_label_fragments()
    assert fragments.get("Contact :") == f"Contact{NNBSP}:", "the catalogue has no French label with a colon"
    finder = re.compile("|".join(re.escape(wrong) for wrong in sorted(fragments, key=len, reverse=True)))
    problems, right = [], 0
    for path in pages_of(example_site):
        for lang, text in texts_by_lang(path):
            if lang != "fr":
                continue
            right += sum(text.count(label) for label in set(fragments.values()))
            problems += [f"{site_rel(example_site, path)}: {hit!r} in {text.strip()[:60]!r}"
                         for hit in finder.findall(text) if re.search(r"(?<![\w'])" + re.escape(hit), text)]
    assert right, "no French interface label with a colon found on any page"
    assert not problems, "French labels without a narrow no-break space:\n  " + "\n  ".join(sorted(set(problems))[:30])
    update = example_site / "namur-2023" / "fr" / "laureates" / "potager-partage-salzinnes" / "index.html"
    assert f"Rapport final remis{NNBSP}: le potager" in update.read_text(encoding="utf-8")


def test_the_first_of_the_month_is_1er_in_french(single_site):
    """The demo's launch is on 1 February 2025: French pages say "1er février", never "1 février"."""
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    texts = [text for path in pages_of(single_site) for lang, text in texts_by_lang(path) if lang == "fr"]
    flat = re.sub(r"[\s\u00a0\u202f]+", " ", " ".join(texts))
    assert "1er février 2025" in flat
    assert not re.search(rf"(?<![\d.,])\b1 (?:{months})\b", flat)


# --- Image credits -------------------------------------------------------------------------------

LABEL_WORDS = re.compile(r"^(?:Illustrati\w*|Image|Beeld|Bild|Foto|Photo|Afbeelding)\b", re.I)


def test_credits_are_labelled_in_the_pages_language(example_site):
    """A credit reads "Beeld: ..." on Dutch pages, "Image : ..." on French ones, "Image: ..." on
    English ones, "Bild: ..." on German ones (a kit file's "Bron: ...", "Credit: ..."): the label comes
    from the catalogue, never from the data ("Illustratie:" on an English page)."""
    problems, seen = [], set()
    for path in pages_of(example_site):
        root = lxml.html.document_fromstring(path.read_bytes())
        # Every picture's caption (not the printed listing's QR code's, which says what to do with it).
        for element in root.xpath("//figure[not(contains(@class, 'cs-listing__qr'))]/figcaption"
                                  " | //*[contains(concat(' ', @class, ' '), ' cs-credit ')]"):
            lang = element.xpath("ancestor-or-self::*[@lang][1]/@lang")[0].split("-")[0]
            text = element.text_content()
            # An image's credit, or a communication-kit file's (a text, a poster): "Credit: ..."
            prefixes = [Translator(lang)(label).split("%(credit)s")[0]
                        for label in ("Image: %(credit)s", "Credit: %(credit)s")]
            prefix = next((p for p in prefixes if text.startswith(p)), prefixes[0])
            seen.add(lang)
            if not text.startswith(prefix) or LABEL_WORDS.match(text[len(prefix):]):
                problems.append(f"{site_rel(example_site, path)} ({lang}): {text!r}")
    assert {"nl", "fr", "en", "de"} <= seen, seen
    assert not problems, "credits not labelled in the page's language:\n  " + "\n  ".join(sorted(problems)[:20])


# --- Every French page, every text source --------------------------------------------------------

HIGH_SIGN_SPACE = re.compile(r"(?<=\S) +(?=[:;!?»])|(?<=«) +")


def visible_runs(path: Path) -> list[tuple[str, str]]:
    """(language, text) of each stretch of a page's visible text in one language, text nodes joined
    in reading order (so "<b>Jury</b> : ..." is read as one "Jury : ..."): no script, style or code."""
    runs: list[tuple[str, str]] = []
    for lang, text in texts_by_lang(path):
        if runs and runs[-1][0] == lang:
            runs[-1] = (lang, runs[-1][1] + text)
        else:
            runs.append((lang, text))
    return runs


def test_no_ordinary_space_before_high_signs_on_any_french_page(example_site):
    """Whatever its source (catalogue, campaign.yml, a CSV cell, a Markdown page or post, the portal's
    own texts), French text on every page of the example network has no ordinary space before
    : ; ! ? » nor after «: each is a narrow no-break space, so a sign never starts a line."""
    problems, narrow = [], 0
    for path in pages_of(example_site):
        for lang, text in visible_runs(path):
            if lang != "fr":
                continue
            narrow += len(re.findall(f"{NNBSP}[:;!?»]", text))
            problems += [f"{site_rel(example_site, path)}: {text[max(0, m.start() - 30):m.end() + 10]!r}"
                         for m in HIGH_SIGN_SPACE.finditer(text)]
    assert narrow > 1000, f"only {narrow} narrow no-break spaces before a high sign: the scan reads no French"
    assert not problems, f"{len(problems)} ordinary spaces in French text:\n  " + "\n  ".join(sorted(set(problems))[:30])
    # Editors' text from each kind of source, as it reads on its page.
    ixelles = example_site / "ixelles-2026" / "fr"
    assert f"Soirée de clôture{NNBSP}: film et rencontre" in (ixelles / "agenda" / "index.html").read_text("utf-8")
    assert f"documentaire «{NNBSP}Demain{NNBSP}»" in (
        example_site / "eupen-kelmis-2025" / "fr" / "events" / "abschlussabend" / "index.html").read_text("utf-8")
    assert f"Comment se déroule une campagne{NNBSP}?" in (example_site / "fr" / "404.html").read_text("utf-8")


@pytest.mark.parametrize("text, expected", [
    ("Voir `a : b` : oui !", "Voir `a : b`\u202f: oui\u202f!"),
    ("Avant :\n\n```\nx = a ; b ?\n```\n\nAprès ?", "Avant\u202f:\n\n```\nx = a ; b ?\n```\n\nAprès\u202f?"),
    ("Exemple :\n\n    code : ici\n\n- point : là", "Exemple\u202f:\n\n    code : ici\n\n- point\u202f: là"),
    ("Écrivez à info@example.be : merci !", "Écrivez à info@example.be\u202f: merci\u202f!"),
])
def test_code_in_editor_markdown_keeps_its_spaces(text, expected):
    """Code spans, fenced and indented code stay as the editor wrote them; e-mail addresses and URLs
    hold no space, so nothing inside them changes either."""
    assert Formatter("fr").typography(text) == expected


@pytest.mark.parametrize("lang, start, end, expected", [
    ("fr", dt.date(2027, 2, 17), dt.date(2027, 2, 19), "17–19 février 2027"),
    ("fr", dt.date(2027, 2, 1), dt.date(2027, 2, 3), "1er–3 février 2027"),
    ("fr", dt.date(2027, 1, 30), dt.date(2027, 2, 2), "30 janvier – 2 février 2027"),
    ("nl", dt.date(2026, 12, 30), dt.date(2027, 1, 2), "30 december 2026 – 2 januari 2027"),
    ("nl", dt.date(2027, 2, 17), dt.date(2027, 2, 19), "17–19 februari 2027"),
    ("de", dt.date(2027, 2, 17), dt.date(2027, 2, 19), "17.–19. Februar 2027"),
    ("en", dt.date(2027, 3, 5), dt.date(2027, 3, 5), "5 March 2027"),
])
def test_date_ranges_say_each_part_once(lang, start, end, expected):
    """"17–19 février 2027", never "du 17 février 2027 au 19 février 2027"."""
    assert Formatter(lang).date_range(start, end) == expected


def test_no_date_range_repeats_its_month_and_year(example_site):
    """No page says "17 février 2027 au 19 février 2027" or "17 februari 2027 tot 19 februari 2027"."""
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|" \
             "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    repeated = re.compile(rf"\b\d+(?:er)? ({months}) (\d{{4}}) (?:au|tot|to|bis) (?:\w+ )?\d+ \1 \2")
    problems = [f"{site_rel(example_site, path)}: {m.group(0)!r}" for path in pages_of(example_site)
                for _lang, text in visible_runs(path)
                for m in repeated.finditer(re.sub(r"[\s\u00a0\u202f]+", " ", text))]
    assert not problems, "\n  ".join(sorted(set(problems))[:20])


# --- Collation -----------------------------------------------------------------------------------

COLLATED = {  # slug: (Dutch title, French title)
    "moestuin": ("Buurtmoestuin", "Potager de quartier"),
    "repair": ("Zonnepanelen", "Vélos partagés"),
    "ecologie": ("Ecologische tuin", "École du dehors"),
    "elan": ("Élan-atelier", "Zéro déchet"),
    "appel": ("appelboomgaard", "abeilles urbaines"),
    "oeuvre": ("Œuvre van de buurt", "Œuvre commune"),
}


@pytest.fixture(scope="module")
def collated_site(tmp_path_factory) -> Path:
    """tests/project.py's network with titles whose capitals, accents and ligatures would sort apart
    by code point ("Zéro" before "abeilles", "École" and "Œuvre" after "Vélos")."""
    folder = tmp_path_factory.mktemp("collated")
    lines = LAUREATES_CSV.strip().splitlines()
    repair = next(line for line in lines if line.startswith("repair,")).split(",")
    rows = [line for line in lines[1:] if not line.startswith("repair,")]
    for slug in ("repair", "ecologie", "elan", "appel", "oeuvre"):
        cells = list(repair)
        cells[0], cells[7] = slug, "100"
        rows.append(",".join(cells))
    for slug, (nl, fr) in COLLATED.items():
        rows = [re.sub(rf"^{slug},[^,]*,[^,]*,", f"{slug},{nl},{fr},", row) for row in rows]
    files = {"campaigns/demo-2025/laureates.csv": "\n".join([lines[0], *rows]) + "\n"}
    return build_network(write_project(folder / "project", files), folder / "site", TODAY)


@pytest.mark.parametrize("lang, expected", [
    ("fr", ["abeilles urbaines", "École du dehors", "Œuvre commune", "Potager de quartier", "Vélos partagés",
            "Zéro déchet"]),
    ("nl", ["appelboomgaard", "Buurtmoestuin", "Ecologische tuin", "Élan-atelier", "Œuvre van de buurt",
            "Zonnepanelen"]),
])
def test_lists_by_title_follow_the_languages_dictionary_order(collated_site, lang, expected):
    """The printable listing (like every list by title) is in dictionary order for its language:
    case and accents count only between otherwise equal titles, Œ reads as OE."""
    page = lxml.html.document_fromstring((collated_site / "demo-2025" / lang / "press" / "listing" / "index.html").read_bytes())
    titles = [cell.text_content().strip() for cell in page.xpath("//tbody/tr/th")]
    assert titles == expected
    assert sorted(expected) != expected, "code point order would pass too: the titles prove nothing"
