"""Messages in the editor's language: `build.py --lang nl|fr|en|de`, else the locale.

The same problems, at the same `path:line: field:` and with the same `[code]`, read in Dutch, French,
English or German from the sites' own catalogues (campaignsite/locale/); only the sentence around
the values changes. Every msgid a problem or a message of build.py can carry is in every catalogue,
checked by extraction (as `make messages` does) and on the problems the validation corpus produces.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from campaignsite import preview
from campaignsite.core.errors import editor_language, Message, msg, Problem
from campaignsite.core.catalogue import get_catalogue
from campaignsite.core.languages import CODES
from project import default_files, edit, laureates_with, validate, write_project
from test_validation import CASES

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-06-01"
C = "campaigns/demo-2025"
MARKERS = ("msg", "nmsg")  # campaignsite/core/errors.py; babel.cfg gives them to Babel as keywords
# Where the editors' messages are made: the validation, the build's own stages and the command line.
MESSAGE_SOURCES = ("build.py", *(path.relative_to(ROOT).as_posix() for folder in ("load", "validate")
                                  for path in sorted((ROOT / "campaignsite" / folder).glob("*.py"))),
                   *(f"campaignsite/{name}.py" for name in ("exports/media", "exports/svg", "exports/presskit",
                                                             "write/output", "pipeline", "scaffold", "preview")))

# One broken demo campaign, three problems of three kinds: a CSV cell, a missing translation in
# campaign.yml and a date in a front matter.
BROKEN = {
    f"{C}/laureates.csv": laureates_with("moestuin", {"sdgs": "18"}),
    **edit(f"{C}/campaign.yml", "  fr: Les citoyens rendent le quartier durable.\n", ""),
    f"{C}/news/laureates.fr.md": "---\ntitle: Les lauréats\ndate: 2025-02-30\n---\nLe jury a choisi.\n",
}
SDG = {"en": "'18' is not an SDG (1-17)", "nl": "'18' is geen SDG (1-17)", "fr": "'18' n'est pas un ODD (1-17)",
       "de": "'18' ist kein SDG (1-17)"}
COUNT = {"en": "3 problem(s) found; nothing was written.", "nl": "3 problemen gevonden; er is niets geschreven.",
         "fr": "3 problèmes trouvés\u202f; rien n'a été écrit.", "de": "3 Probleme gefunden; es wurde nichts geschrieben."}
PREFIX = re.compile(r"\A(\S+?:(?:\d+:)?(?: [\w.]+:)?) (.*) \[([a-z0-9-]+)\]\Z")


def run(root: Path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """build.py --check on `root`, in an environment whose locale is only what `env` says."""
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--check", "--today", TODAY,
                           *options], capture_output=True, text=True, cwd=ROOT, env={**clean, **env}, timeout=300)


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("broken"), BROKEN)


@pytest.fixture(scope="module")
def english(broken) -> list[str]:
    done = run(broken, "--lang", "en")
    assert done.returncode == 1, done.stderr
    return done.stderr.splitlines()


def split(line: str) -> tuple[str, str, str]:
    """`path:line: field:`, the message and the code of a problem line."""
    match = PREFIX.match(line)
    assert match, f"not a problem line: {line!r}"
    return match[1], match[2], match[3]


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("lang", CODES)
def test_problems_in_each_language_keep_their_place_and_code(broken, english, lang):
    """--lang <lang>: each problem at the same `path:line: field:` with the same [code] as in English,
    its sentence in <lang> (for a value the SDG check names), then the count in <lang>."""
    done = run(broken, "--lang", lang)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == len(english) == 4
    assert lines[-1] == COUNT[lang]
    for line, reference in zip(lines[:-1], english[:-1]):
        where, message, code = split(line)
        assert (where, code) == split(reference)[::2]
        if lang != "en":
            assert message != split(reference)[1], f"{lang}: not translated: {line}"
    assert {split(line)[2] for line in lines[:-1]} == {"unknown-sdg", "missing-translation", "bad-date"}
    assert f"{C}/laureates.csv:2: sdgs: {SDG[lang]} [unknown-sdg]" in lines


@pytest.mark.slow
def test_the_lines_are_the_problems_rendered(broken):
    """What build.py prints in a language is each problem's `render(lang)`; `str()` is the English."""
    problems = validate(broken)
    for lang in ("fr", "nl"):
        assert run(broken, "--lang", lang).stderr.splitlines()[:-1] == [p.render(lang) for p in problems]
    assert run(broken).stderr.splitlines()[:-1] == [str(p) for p in problems] == [p.render() for p in problems]


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "fr_BE.UTF-8"}, "fr"),
    ({"LANG": "fr_BE.UTF-8", "LC_MESSAGES": "de_BE.UTF-8"}, "de"),
    ({"LANG": "fr_BE.UTF-8", "LC_ALL": "nl_BE.UTF-8"}, "nl"),
    ({"LANG": "es_ES.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
@pytest.mark.slow
def test_the_locale_chooses_the_language(broken, env, lang):
    """Without --lang the locale does, as POSIX reads it: LC_ALL, then LC_MESSAGES, then LANG;
    a language the sites do not have (Spanish, the C locale) gives English."""
    done = run(broken, **env)
    assert done.stderr.splitlines()[-1] == COUNT[lang], done.stderr


@pytest.mark.slow
def test_the_option_wins_over_the_locale(broken):
    assert run(broken, "--lang", "de", LANG="fr_BE.UTF-8").stderr.splitlines()[-1] == COUNT["de"]
    refused = run(broken, "--lang", "es")
    assert refused.returncode == 2 and "--lang" in refused.stderr


@pytest.mark.parametrize("value, lang", [("nl_BE.UTF-8", "nl"), ("fr_BE", "fr"), ("de_DE@euro", "de"), ("en_IE", "en"),
                                         ("fr", "fr"), ("NL_be.utf8", "nl"), ("POSIX", "en"), ("pt_BR.UTF-8", "en")])
def test_editor_language_reads_the_locale_name(value, lang):
    assert editor_language(None, {"LANG": value}) == lang
    assert editor_language("de", {"LANG": value}) == "de"


def test_the_other_messages_of_a_check_follow_the_language(tmp_path):
    """Not only the problems: the TODO warnings, and what a --campaign check says of the others."""
    other = {f"campaigns/other-2025/{path[len(C) + 1:]}": text.replace("/demo-2025/", "/other-2025/")
             for path, text in default_files().items() if path.startswith(f"{C}/")}
    other["campaigns/other-2025/news/laureates.nl.md"] = "---\ntitle: TODO\ndate: 2025-05-10\n---\nx\n"
    root = write_project(tmp_path, {**BROKEN, **other})
    done = run(root, "--lang", "fr", "--campaign", "other-2025")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "campaigns/other-2025/news/laureates.nl.md:2: avertissement\u202f: encore marqué TODO\u202f: "
        "un texte à rédiger [todo]",
        "Il reste 1 TODO à rédiger avant la publication (avertissement).",
        "(3 problèmes dans d'autres campagnes, non affichés\u202f: voir build.py --check)",
        "other-2025\u202f: aucun problème trouvé.",
    ]


# --- Every msgid is in every catalogue -----------------------------------------------------------

def extracted_editor_msgids() -> dict[str, tuple[str | None, str]]:
    """{msgid: (msgid_plural, where)} of the `msg()` and `nmsg()` calls, found by Babel with babel.cfg
    (as `make messages` finds them)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map):
        if filename in MESSAGE_SOURCES:
            singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
            found.setdefault(singular, (plural, f"{filename}:{line}"))
    return found


def marker_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for rel in MESSAGE_SOURCES:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        calls += [(f"{rel}:{node.lineno}", node) for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Name) and node.func.id in MARKERS]
    return calls


def test_every_message_is_a_literal_babel_extracts():
    """Each msg()/nmsg() has literal msgids (no f-string, no variable), so extraction sees them all,
    and Babel finds each of them with babel.cfg."""
    found = extracted_editor_msgids()
    calls = marker_calls()
    assert len(calls) > 200
    for where, call in calls:
        count = 2 if call.func.id == "nmsg" else 1
        literals = call.args[:count]
        assert len(literals) == count and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                              for a in literals), f"{where}: the msgid must be a literal"
        assert literals[0].value in found, f"{where}: {literals[0].value!r} is not extracted"
        if count == 2:
            assert found[literals[0].value][0] == literals[1].value, where
    assert "%(value)s is not an SDG (1-17)" in found
    assert found["%(count)s problem(s) found; nothing was written."][0] is not None, "nmsg() keeps its plural"


@pytest.mark.parametrize("lang", CODES)
def test_every_editor_message_is_in_the_catalogue(lang):
    """Every extracted msgid has its translation in <lang> (each plural form), with the same placeholders;
    the English catalogue says what the code says, so `--lang en` prints what `str()` does."""
    catalogue = get_catalogue(lang)
    missing, differ = [], []
    for msgid, (plural, where) in extracted_editor_msgids().items():
        entry = catalogue.plurals.get(msgid) if plural else catalogue.messages.get(msgid)
        forms = (entry[2] if entry and entry[1] == plural else ()) if plural else ((entry,) if entry else ())
        if not forms:
            missing.append(f"{where}: {msgid!r}")
            continue
        wanted = sorted(set(re.findall(r"%\((\w+)\)s", plural or msgid)))
        for form in forms:
            if sorted(set(re.findall(r"%\((\w+)\)s", form))) != wanted:
                differ.append(f"{where}: {msgid!r} -> {form!r}")
        if lang == "en" and forms != ((msgid, plural) if plural else (msgid,)):
            differ.append(f"{where}: English {forms!r} is not the code's {msgid!r}")
    assert not missing, f"{lang}: run `make messages` and translate:\n  " + "\n  ".join(missing)
    assert not differ, f"{lang}:\n  " + "\n  ".join(differ)


def msgids_in(message) -> list[Message]:
    """A message and the messages among its values, however deep."""
    if not isinstance(message, Message):
        return []
    return [message, *(m for value in message.values.values() for m in msgids_in(value))]


def test_every_problem_of_the_corpus_is_a_catalogue_message(tmp_path):
    """The broken inputs of tests/test_validation.py: every problem carries a Message (none a bare
    English text), each msgid in it, nested ones included, is in every catalogue, and the problem
    renders in each language with its place and code unchanged."""
    catalogues = {lang: get_catalogue(lang) for lang in CODES}
    seen: set[str] = set()
    for index, case in enumerate(CASES):
        files, _expected = case.values
        problems = validate(write_project(tmp_path / str(index), files))
        assert problems, case.id
        for problem in problems:
            assert isinstance(problem.message, Message), f"{case.id}: {problem} is not a catalogue message"
            for message in msgids_in(problem.message):
                seen.add(message.msgid)
                for lang, catalogue in catalogues.items():
                    known = catalogue.plurals if message.plural else catalogue.messages
                    assert message.msgid in known, f"{case.id}: {lang} lacks {message.msgid!r}"
            for lang in CODES:
                line = problem.render(lang)
                assert line.startswith(str(problem).split(f" {problem.message}")[0])
                assert line.endswith(f" [{problem.code}]") and "\n" not in line
    assert len(seen) > 50, "the corpus reaches most messages"


def test_a_message_renders_nested_values_in_its_language():
    """Only the sentence is translated: values stay as they are, words given as messages follow."""
    message = msg("%(value)s is %(kind)s, expected a text", value="'42'", kind=msg("a whole number"))
    assert str(message) == "'42' is a whole number, expected a text"
    assert message.render("nl") == "'42' is een geheel getal, verwacht een tekst"
    assert message.render("fr") == "'42' est un nombre entier, attendu\u202f: un texte"
    problem = Problem("campaigns/x/campaign.yml", 3, "title.fr", message, "wrong-type")
    assert problem.render("de") == "campaigns/x/campaign.yml:3: title.fr: '42' ist eine ganze Zahl, erwartet: ein Text [wrong-type]"
    assert str(problem) == "campaigns/x/campaign.yml:3: title.fr: '42' is a whole number, expected a text [wrong-type]"


def test_a_msgid_no_catalogue_has_stays_english():
    """A message added without `make messages` still reaches the editor, in English (the tests above
    keep that from being published)."""
    assert msg("%(value)s is new", value="'x'").render("fr") == "'x' is new"


# --- The live preview ---------------------------------------------------------------------------

def test_the_preview_shows_the_problems_in_the_language(broken, tmp_path):
    """A failed rebuild tells the terminal and the open pages in the editor's language; the script
    over the pages and the page shown before any good build speak it too."""
    config = preview.PreviewConfig(root=broken, today=dt.date(2025, 6, 1), jobs=1, lang="fr")
    state, out = preview.PreviewState(), io.StringIO()
    assert not preview.rebuild(config, tmp_path / "preview", state, out)
    problems = state.snapshot()["problems"]
    assert problems == [p.render("fr") for p in validate(broken)]
    assert f"{C}/laureates.csv:2: sdgs: {SDG['fr']} [unknown-sdg]" in problems
    assert out.getvalue().splitlines()[-1] == "3 problèmes trouvés\u202f; pas d'aperçu tant que la construction échoue."
    script = preview.client_js("fr").decode()
    assert "PREVIEW_TEXT" not in script and '"lang": "fr"' in script and "Masquer" in script
    assert "L'aper\\u00e7u n'a pas pu \\u00eatre reconstruit" in script
    page = preview.no_preview_yet("de").decode()
    assert '<html lang="de">' in page and "Noch keine Vorschau" in page
