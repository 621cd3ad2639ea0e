"""Hardening of the input side: every bad input is a problem `file:line: field: message [code]`, exit 1,
with bounded memory, never a traceback.

Classes of input, each with several cases: symbolic links and special files (never followed),
editors' droppings (never read), control characters, reserved names, limits (file sizes, YAML depth,
aliases and values, CSV rows and columns, Markdown nesting and rendering time), dates at and beyond
the accepted range, private values kept out of messages, and web and e-mail addresses. A few cases
go through the command line in a process whose address space is capped, so that a regression fails
instead of eating the machine, and whose run has a generous time-out, so that one that hangs fails
(speed is `make bench`'s, never a test's). Cases are asserted on (path, line, field, code).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.load.files import is_dropping
from campaignsite.load.limits import LIMIT_NAMES, default_limits
from campaignsite.pages import registry
from campaignsite.core import searchindex
from campaignsite.pages import sites
from campaignsite.pipeline import reserved_names
from campaignsite.render import engine
from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.pipeline import build, BuildConfig
from campaignsite.pipeline import build_model
from campaignsite.validate.schema import FORMATS
from campaignsite.core.schemas import date_range, default, json_schema
from project import (edit, laureates_with, CAMPAIGN_YML, EVENTS_CSV, LAUREATES_CSV, LAUREATES_HEADER, NETWORK_YML, UPDATES_CSV,
                     default_files, validate, write_project)

ROOT = Path(__file__).resolve().parent.parent
C = "campaigns/demo-2025"
YML, LAUREATES, EVENTS, UPDATES = f"{C}/campaign.yml", f"{C}/laureates.csv", f"{C}/events.csv", f"{C}/updates.csv"
NEWS_NL, PROJECT_NL = f"{C}/news/laureates.nl.md", f"{C}/projects/moestuin.nl.md"
NETWORK = "content/network.yml"
TODAY = dt.date(2025, 3, 1)
MEMORY = 1536 << 20  # address space of a build run from the command line, in bytes
LIMITS = json_schema("network")["properties"]["limits"]["properties"]


def where(problems) -> set[tuple]:
    return {(p.path, p.line, p.field, p.code) for p in problems}


def check(tmp_path: Path, files: dict) -> set[tuple]:
    """(path, line, field, code) of every problem of the demo project with `files` changed."""
    return checked(write_project(tmp_path, files))


def checked(root: Path) -> set[tuple]:
    """(path, line, field, code) of every problem of the project at `root`, each well-formed."""
    problems = validate(root)
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and text.isprintable(), text
        assert text.startswith(f"{problem.path}:") and text.endswith(f" [{problem.code}]")
    return where(problems)


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"{needle!r} must occur once"
    return text[:text.index(needle)].count("\n") + 1


def row_line(slug: str) -> int:
    return line_of(LAUREATES_CSV, f"\n{slug},") + 1


def with_limits(**limits: int) -> dict[str, str]:
    """content/network.yml with a `limits:` mapping."""
    return {NETWORK: NETWORK_YML + "limits:\n" + "".join(f"  {name}: {value}\n" for name, value in limits.items())}


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """build.py on `root` in a process whose address space is capped; one that hangs fails the test."""
    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    # A hang guard, not a speed limit: generous enough for a busy machine.
    return subprocess.run([sys.executable, "build.py", "--root", str(root), "--today", "2025-03-01",
                           "-o", str(root.parent / "site"), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, preexec_fn=cap_memory)


def assert_fails_cleanly(result: subprocess.CompletedProcess, path: str, code: str) -> None:
    """Exit 1, no traceback, every line a problem, and one of them `path...[code]`."""
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"\d+ problem\(s\) found; nothing was written\.", lines[-1]), lines[-1]
    assert all(re.fullmatch(r"\S+?(:\d+)?:( \S+:)? .* \[[a-z0-9-]+\]", line) for line in lines[:-1]), lines[:5]
    assert any(line.startswith(path) and line.endswith(f"[{code}]") for line in lines[:-1]), lines[:5]


# --- 1. Symbolic links and special files are never followed ------------------------------------------

@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project whose content must never be read."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("title: SECRET-VALUE\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("link, target_in_project", [
    (YML, False), (LAUREATES, False), (f"{C}/media/logo.svg", False), (PROJECT_NL, False),
    (NEWS_NL, False), ("content/nl/about.md", False), (NETWORK, False), (f"{C}/media/photo.svg", False),
    (f"{C}/.#campaign.yml", False), (f"{C}/projects/extra.nl.md", True)])
def test_a_linked_file_is_reported_and_never_read(tmp_path, secret, link, target_in_project):
    root = write_project(tmp_path / "project")
    path = root / link
    path.unlink(missing_ok=True)
    path.symlink_to(root / PROJECT_NL if target_in_project else secret)
    problems = validate(root)
    assert where(problems) == {(link, None, "", "symlink")}
    assert not any("SECRET" in str(problem) for problem in problems)


@pytest.mark.parametrize("folder", [C, f"{C}/media", f"{C}/news", f"{C}/projects", "content/fr", "data",
                                    f"{C}/media/sub"])
def test_a_linked_folder_is_reported_and_never_entered(tmp_path, folder):
    root = write_project(tmp_path / "project")
    real = tmp_path / "elsewhere"
    if (root / folder).exists():
        (root / folder).rename(real)
    else:
        real.mkdir()
    (real / "evil.nl.md").write_text("---\ntitle: SECRET-VALUE\n---\n", encoding="utf-8")
    (root / folder).symlink_to(real, target_is_directory=True)
    problems = validate(root)
    assert where(problems) == {(folder, None, "", "symlink")}
    assert not any("SECRET" in str(problem) for problem in problems)


def test_links_in_several_places_are_each_reported(tmp_path, secret):
    root = write_project(tmp_path / "project")
    for rel in (f"{C}/media/a.svg", f"{C}/media/b.png", "content/en/contact.md", "campaigns/other-2025"):
        (root / rel).symlink_to(secret)
    assert where(validate(root)) == {(rel, None, "", "symlink") for rel in (
        f"{C}/media/a.svg", f"{C}/media/b.png", "content/en/contact.md", "campaigns/other-2025")}


def test_a_pipe_is_refused_without_blocking(tmp_path):
    root = write_project(tmp_path, {LAUREATES: None})
    os.mkfifo(root / LAUREATES)
    os.mkfifo(root / f"{C}/media/kit.pdf")
    assert checked(root) >= {(LAUREATES, None, "", "unreadable-file"),
                                   (f"{C}/media/kit.pdf", None, "", "unreadable-file")}


def test_names_with_invisible_characters_are_refused(tmp_path):
    root = write_project(tmp_path)
    (root / f"{C}/news/evil\x1b[31m.nl.md").write_text("x", encoding="utf-8")
    (root / f"{C}/media/line\nbreak.svg").write_text("x", encoding="utf-8")
    assert where(validate(root)) == {(f"{C}/news/evil\\x1b[31m.nl.md", None, "", "bad-file-name"),
                                     (f"{C}/media/line\\nbreak.svg", None, "", "bad-file-name")}


def test_a_linked_media_file_is_never_published(tmp_path, secret):
    """The build fails at validation, so media.py never reads the link."""
    root = write_project(tmp_path / "project")
    (root / f"{C}/media/garden.svg").unlink()
    (root / f"{C}/media/garden.svg").symlink_to(secret)
    result = run_build(root)
    assert_fails_cleanly(result, f"{C}/media/garden.svg", "symlink")
    assert not (tmp_path / "site").exists()


# --- Editors' droppings are never read and never published --------------------------------------------

DROPPINGS = {f"{C}/.DS_Store": b"\x00\x00\x00\x01Bud1", f"{C}/campaign.yml~": "title: [broken\n",
             f"{C}/#campaign.yml#": "x: [", f"{C}/.campaign.yml.swp": b"b0VIM 8.2\x00", f"{C}/Thumbs.db": b"\xd0\xcf",
             f"{C}/desktop.ini": "[.ShellClassInfo]\n", f"{C}/projects/moestuin.nl.md~": b"\xff\xfe",
             f"{C}/news/.laureates.nl.md.swp": b"\x00", f"{C}/news/~$laureates.nl.md": "x",
             f"{C}/media/moestuin-photo.svg~": "<script>alert(1)</script>", f"{C}/media/.moestuin-secret.svg": "x",
             f"{C}/media/Thumbs.db": b"\x00", "content/nl/about.md~": "---\n", "content/.obsidian/x.md": "x",
             "campaigns/.trash/campaign.yml": "x"}


def test_droppings_are_neither_read_nor_published(tmp_path):
    root = write_project(tmp_path, DROPPINGS)
    checked = build_model(root)
    campaign = checked.campaigns[0]
    assert campaign.laureate("moestuin").gallery == ()
    assert sorted(file.name for _, file in checked.media) == ["garden.svg", "logo.svg"]


@pytest.mark.parametrize("name", ["x~", "#x#", ".x", ".x.swp", "x.swp", "~$x.docx", "Thumbs.db", "desktop.ini"])
def test_dropping_names(name):
    assert is_dropping(name)


@pytest.mark.parametrize("name", ["campaign.yml", "laureates.csv", "moestuin.nl.md", "logo.svg", "x~y.md"])
def test_ordinary_names_are_not_droppings(name):
    assert not is_dropping(name)


def test_other_files_beside_the_markdown_are_reported(tmp_path):
    files = {f"{C}/projects/moestuin.nl.markdown": "x", f"{C}/news/notes.txt": "x", f"{C}/notes.txt": "x"}
    assert check(tmp_path, files) == {(path, None, "", "unknown-file") for path in files}


def test_a_dotfile_cannot_be_referenced_as_media(tmp_path):
    files = {f"{C}/media/.hidden.svg": default_files()[f"{C}/media/logo.svg"],
             **edit(YML, "  logo: media/logo.svg\nphases", "  logo: media/.hidden.svg\nphases")}
    assert check(tmp_path, files) == {(YML, line_of(CAMPAIGN_YML, "  logo: media/logo.svg\nphases"),
                                       "branding.logo", "bad-format")}
    files = {f"{C}/media/.hidden.svg": default_files()[f"{C}/media/logo.svg"],
             LAUREATES: laureates_with("moestuin", {"image": "media/.hidden.svg"})}
    assert check(tmp_path / "csv", files) == {(LAUREATES, row_line("moestuin"), "image", "missing-media")}


# --- 2. Control characters ------------------------------------------------------------------------

@pytest.mark.parametrize("path, old, new", [
    (YML, "edition: 2025", "edition: 2025\x00"),
    (YML, "  name: Team Proximity", "  name: Team\x1b[2J Proximity"),
    (YML, "  nl: Proximity Demo 2025", "  nl: Proximity\x7f Demo 2025"),
    (LAUREATES, "Repair Elsene", "Repair\x08 Elsene"),
    (EVENTS, "Gemeentehuis", "Gemeente\x85huis"),
    (UPDATES, "De eerste bakken", "De eerste\x9b bakken"),
    (NEWS_NL, "De jury koos.", "De jury\x0c koos."),
    (NETWORK, "languages: [nl, fr, en]", "languages: [nl, fr, en]\x0b"),
])
def test_a_control_character_is_reported_at_its_line(tmp_path, path, old, new):
    line = line_of(default_files()[path], old)
    assert check(tmp_path, edit(path, old, new)) == {(path, line, "", "control-character")}


def test_tabs_and_line_breaks_are_not_control_characters(tmp_path):
    files = {PROJECT_NL: "Een **moestuin**\tmet bakken.\r\nTweede lijn.\rDerde.\n",
             **edit(LAUREATES, "Een moestuin voor de wijk.", '"Een moestuin\tvoor de wijk."')}
    assert check(tmp_path, files) == set()


def test_control_characters_on_many_lines_are_counted(tmp_path):
    text = "".join(f"Lijn {n}\x00.\n" for n in range(1, 31))
    assert check(tmp_path, {PROJECT_NL: text}) == {
        *((PROJECT_NL, n, "", "control-character") for n in range(1, 12))}


def test_control_character_message_names_it_without_echoing_the_line(tmp_path):
    problems = validate(write_project(tmp_path, edit(YML, "  name: Team Proximity", "  name: Team\x1b[2J Proximity")))
    assert [p.message for p in problems] == ["holds ESC (U+001B) at column 13, an invisible character that text "
                                             "files must not contain: remove it"]


# --- 3. Reserved names ----------------------------------------------------------------------------

def moved(slug: str) -> dict:
    files: dict = {}
    for path, content in default_files().items():
        if path.startswith(f"{C}/"):
            files[path] = None
            files[f"campaigns/{slug}/{path[len(C) + 1:]}"] = content.replace("demo-2025/", f"{slug}/") \
                if isinstance(content, str) else content
    return files


def test_reserved_names_cover_the_portal_the_languages_and_the_engine():
    names = reserved_names()
    published = {**engine.PUBLISHED, **searchindex.PUBLISHED, **sites.PUBLISHED, **registry.KEPT}
    portal = {t.url.split("/")[0] for t in registry.PAGE_TYPES if t.site == "portal" and t.url}
    assert {name for name in portal if "{" not in name} <= set(names)
    assert set(LANGUAGES) <= set(names)
    assert {"assets", "search", "pagefind", "404", "sitemap", "robots", "index", "embed", "data", "media",
            "agenda", "sdg", "accessibility", "privacy"} <= set(names) >= set(published)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize("slug", ["agenda", "search", "sdg", "accessibility", "privacy", "assets", "pagefind",
                                  "404", "sitemap", "robots", "embed", "data", "media", "en", "de", "index"])
def test_a_campaign_may_not_take_a_reserved_name(tmp_path, slug):
    assert check(tmp_path, moved(slug)) == {(f"campaigns/{slug}", None, "slug", "reserved-slug")}


@pytest.mark.parametrize("page", ["agenda", "search", "sdg", "privacy", "assets", "pagefind", "404", "sitemap",
                                  "fr", "embed"])
def test_a_portal_page_may_not_take_a_reserved_name(tmp_path, page):
    files = {f"content/{lang}/{page}.md": "---\ntitle: Page\n---\nText.\n" for lang in ("nl", "fr", "en")}
    assert check(tmp_path, files) == {(f"content/{lang}/{page}.md", None, "", "reserved-slug")
                                      for lang in ("nl", "fr", "en")}


def test_a_portal_page_may_not_take_a_campaign_name(tmp_path):
    files = {f"content/{lang}/demo-2025.md": "---\ntitle: Demo\n---\nText.\n" for lang in ("nl", "fr", "en")}
    assert check(tmp_path, files) == {(f"content/{lang}/demo-2025.md", None, "", "reserved-slug")
                                      for lang in ("nl", "fr", "en")}


def test_data_md_lists_the_reserved_names_and_the_limits():
    text = (ROOT / "DATA.md").read_text(encoding="utf-8")
    for name, what in reserved_names().items():
        assert f"| `{name}` | {what} |" in text
    for name in LIMIT_NAMES:
        assert f"| `{name}` | {LIMITS[name]['default']:,} |" in text


# --- 4. Limits ------------------------------------------------------------------------------------

def test_the_limits_and_their_defaults_live_in_the_network_schema():
    assert set(LIMITS) == set(LIMIT_NAMES)
    for name, spec in LIMITS.items():
        assert spec["description"] and spec["minimum"] <= spec["default"] <= spec["maximum"], name
        assert getattr(default_limits(), name) == default("network", f"limits.{name}")


@pytest.mark.parametrize("path, size, name", [(YML, 300_000, "yaml_bytes"), (LAUREATES, 3 << 20, "csv_bytes"),
                                              (PROJECT_NL, 70_000, "markdown_bytes"), (NETWORK, 300_000, "yaml_bytes"),
                                              ("content/fr/about.md", 70_000, "markdown_bytes"),
                                              (f"{C}/media/garden.svg", 21 << 20, "media_bytes")])
def test_a_file_over_its_size_is_refused_before_it_is_read(tmp_path, path, size, name):
    assert size > LIMITS[name]["default"]
    root = write_project(tmp_path)
    os.truncate(root / path, size)  # sparse: a file of NULs, which would be control characters if read
    assert checked(root) == {(path, None, "", "too-large")}


@pytest.mark.slow
def test_a_huge_file_fails_cleanly_in_little_memory(tmp_path):
    root = write_project(tmp_path / "project")
    os.truncate(root / YML, 50 << 30)  # 50 GiB, sparse
    os.truncate(root / LAUREATES, 50 << 30)
    result = run_build(root)
    assert_fails_cleanly(result, YML, "too-large")
    assert_fails_cleanly(result, LAUREATES, "too-large")


ALIAS_BOMB = "lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10))


@pytest.mark.parametrize("text, line, code", [
    (ALIAS_BOMB, 5, "too-many"),  # 111,111 values at lol4: more than yaml_nodes
    ("a: &a [x]\n" + "".join(f"b{n}: *a\n" for n in range(101)), 102, "too-many"),  # 101 aliases
    ("a: &a [1, *a]\n", 1, "too-deep"),
    ("a: &a {b: {c: *a}}\n", 1, "too-deep"),
    ("a: " + "[" * 21 + "]" * 21 + "\n", 1, "too-deep"),
    ("a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 25)), 20, "too-deep"),
    ("a: [" + ", ".join(["1"] * 60_000) + "]\n", 1, "too-many"),
    ("edition: " + "9" * 5000 + "\n", 1, "out-of-range"),
    ("edition: !!int 0x" + "f" * 5000 + "\n", 1, "out-of-range"),
    ("edition: !!binary aGVsbG8=\n", 1, "yaml-syntax"),
    ("edition: !!timestamp 2025-13-45\n", 1, "yaml-syntax"),
    ("edition: !!float twelve\n", 1, "yaml-syntax"),
    ("? !!float twelve\n: 1\n", 1, "yaml-syntax"),
])
def test_yaml_beyond_its_limits(tmp_path, text, line, code):
    assert check(tmp_path, {YML: text}) == {(YML, line, "", code)}


def test_yaml_aliases_within_the_limits_are_fine(tmp_path):
    text = CAMPAIGN_YML.replace("contact:\n  name: Team Proximity\n  email: demo@example.be\n",
                                "contact: &team\n  name: Team Proximity\n  email: demo@example.be\n")
    text += "press_contact: *team\n"
    assert check(tmp_path, {YML: text}) == set()


@pytest.mark.slow
def test_an_alias_bomb_fails_cleanly_in_little_memory(tmp_path):
    root = write_project(tmp_path / "project", {YML: ALIAS_BOMB, NETWORK: NETWORK_YML + "x: " + ALIAS_BOMB.replace(
        "\n", "\n  ")})
    result = run_build(root)
    assert_fails_cleanly(result, YML, "too-many")


def test_a_deep_flow_sequence_fails_before_python_recurses(tmp_path):
    assert check(tmp_path, {YML: "a: " + "[" * 200_000 + "\n"}) == {(YML, 1, "", "too-deep")}


def rows(count: int) -> str:
    return UPDATES_CSV + "moestuin,2025-06-11,in-progress,Verder.,Suite.\n" * count


@pytest.mark.parametrize("files, expected", [
    ({UPDATES: rows(4999)}, set()),
    ({UPDATES: rows(5000)}, {(UPDATES, 5002, "", "too-many")}),
    ({UPDATES: rows(4), **with_limits(csv_rows=3)}, {(UPDATES, 5, "", "too-many")}),
    ({UPDATES: "project," * 150 + "x\n"}, {(UPDATES, 1, "", "too-many")}),
    ({UPDATES: UPDATES_CSV + 'moestuin,2025-06-11,in-progress,"' + "x" * 200_000 + '",y\n'},
     {(UPDATES, 3, "text_nl", "out-of-range")}),
    ({UPDATES: UPDATES_CSV + 'moestuin,2025-06-11,in-progress,"' + "x" * (3 << 20) + '",y\n'},
     {(UPDATES, None, "", "too-large")}),
])
def test_csv_beyond_its_limits(tmp_path, files, expected):
    assert check(tmp_path, files) == expected


@pytest.mark.slow
def test_a_hundred_thousand_rows_fail_cleanly_in_little_memory(tmp_path):
    root = write_project(tmp_path / "project", {UPDATES: rows(100_000), **with_limits(csv_bytes=8 << 20)})
    result = run_build(root)
    assert_fails_cleanly(result, UPDATES, "too-many")


def test_problems_in_one_file_are_capped(tmp_path):
    bad = UPDATES_CSV + "moestuin,2025-06-99,unknown,x,y\n" * 300
    problems = validate(write_project(tmp_path, {UPDATES: bad}))
    assert len(problems) == 201 and sum(p.code == "too-many" for p in problems) == 1
    problems = validate(write_project(tmp_path, {UPDATES: bad, **with_limits(problems_per_file=10)}))
    assert len(problems) == 11


def test_a_network_raises_a_limit(tmp_path):
    deep = CAMPAIGN_YML + "extra:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 25))
    # The root is level 1 and a key is one level below its mapping: k19 is 21 levels deep.
    assert check(tmp_path, {YML: deep}) == {(YML, line_of(deep, "  k19:"), "", "too-deep")}
    assert check(tmp_path, {YML: deep, **with_limits(yaml_depth=30)}) == {
        (YML, line_of(deep, "extra:"), "extra", "unknown-field")}


def test_network_yml_is_read_with_the_default_limits(tmp_path):
    deep = NETWORK_YML + "limits:\n  yaml_depth: 100\nextra:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 25))
    assert check(tmp_path, {NETWORK: deep}) == {(NETWORK, line_of(deep, "  k19:"), "", "too-deep")}


@pytest.mark.parametrize("limits, field, code", [("{csv_rows: 0}", "limits.csv_rows", "out-of-range"),
                                                 ("{yaml_depth: 1000}", "limits.yaml_depth", "out-of-range"),
                                                 ("{csv_rows: many}", "limits.csv_rows", "wrong-type"),
                                                 ("{row_count: 5}", "limits.row_count", "unknown-field")])
def test_a_bad_limit_is_reported(tmp_path, limits, field, code):
    text = NETWORK_YML + f"limits: {limits}\n"
    assert check(tmp_path, {NETWORK: text}) == {(NETWORK, line_of(text, "limits:"), field, code)}


def test_too_many_entries_in_one_folder(tmp_path):
    root = write_project(tmp_path, with_limits(folder_entries=20))
    for n in range(25):
        (root / f"{C}/media/unused-{n}.txt").write_text("x", encoding="utf-8")
    assert checked(root) == {(f"{C}/media", None, "", "too-many")}


@pytest.mark.parametrize("text, line", [
    ("> " * 17 + "Diep.\n", 1),
    ("Intro.\n\n" + "".join("    " * n + "- punt\n" for n in range(18)), 19),
    ("Intro.\n\n" + "- " * 17 + "x\n", 3),
    ("Tekst.\n\n" + "[" * 17 + "x\n", 3),
    ("[x](" * 20 + "\n", 1),
    ("\t" * 17 + "x\n", 1),
])
def test_markdown_nested_too_deep(tmp_path, text, line):
    assert check(tmp_path, {PROJECT_NL: text}) == {(PROJECT_NL, line, "", "too-deep")}


def test_markdown_nesting_in_front_matter_files_counts_file_lines(tmp_path):
    text = "---\ntitle: De laureaten\ndate: 2025-05-10\n---\nDe jury koos.\n\n" + "> " * 20 + "x\n"
    assert check(tmp_path, {NEWS_NL: text}) == {(NEWS_NL, 7, "", "too-deep")}


def test_markdown_nesting_in_yaml_texts(tmp_path):
    files = edit(YML, "    Met **Proximity Demo** steunen we burgerprojecten in de buurt.\n",
                 "    Met **Proximity Demo**.\n\n    " + "> " * 20 + "x\n")
    assert check(tmp_path, files) == {(YML, line_of(CAMPAIGN_YML, "  nl: |"), "introduction.nl", "too-deep")}


def test_ordinary_nesting_and_brackets_are_fine(tmp_path):
    text = ("> Een citaat\n> > in een citaat.\n\n- een\n    - twee\n        1. drie\n\n"
            "Zie [de site](https://example.be/(x)) en \\[niet\\] (ook (dit)).\n" * 50)
    assert check(tmp_path, {PROJECT_NL: text}) == set()


def test_markdown_that_makes_the_renderer_recurse(tmp_path):
    text = "term\n: definition\n" * 2000  # Python-Markdown's definition lists recurse once per item
    assert check(tmp_path, {PROJECT_NL: text}) == {(PROJECT_NL, 1, "", "too-deep")}


@pytest.mark.slow
@pytest.mark.parametrize("text", ["<a " * 21_000, "*[x]: y\n" * 8000])
def test_markdown_too_slow_to_render(tmp_path, text):
    """The limit stops the rendering: the build ends, with this one problem (a build process, so that a
    limit that never fires fails on run_build's time-out instead of hanging the suite)."""
    result = run_build(write_project(tmp_path / "project", {PROJECT_NL: text, **with_limits(markdown_seconds=1)}))
    assert_fails_cleanly(result, f"{PROJECT_NL}:1: ", "too-complex")
    assert len(result.stderr.splitlines()) == 2, result.stderr  # the problem, then the count


# --- 5. Dates -------------------------------------------------------------------------------------

def test_the_date_range_is_declared_once():
    assert date_range() == (dt.date(1900, 1, 1), dt.date(2200, 12, 31))
    assert json_schema("campaign")["$defs"]["date"]["x-earliest"] == "1900-01-01"


CALL = "  call: {start: 2025-02-15, end: 2025-04-15}"


@pytest.mark.parametrize("files, field_line, field, code", [
    (edit(YML, "end: 2025-04-15", "end: 9999-12-31"), CALL, "phases.call.end", "out-of-range"),
    (edit(YML, "end: 2025-04-15", "end: 2201-01-01"), CALL, "phases.call.end", "out-of-range"),
    (edit(YML, "launch: {start: 2025-02-01}", "launch: {start: 1899-12-31}"), "launch:", "phases.launch.start",
     "out-of-range"),
    (edit(YML, "launch: {start: 2025-02-01}", "launch: {start: 0000-01-01}"), "launch:", "phases.launch.start",
     "bad-date"),
    (edit(YML, "end: 2025-04-15", "end: " + "2" * 5000 + "-04-15"), CALL, "phases.call.end", "bad-format"),
])
def test_yaml_dates_out_of_range(tmp_path, files, field_line, field, code):
    assert check(tmp_path, files) == {(YML, line_of(CAMPAIGN_YML, field_line), field, code)}


@pytest.mark.parametrize("path, old, new, line, field, code", [
    (NEWS_NL, "date: 2025-05-10", "date: 9999-12-31", 3, "date", "out-of-range"),
    (NEWS_NL, "date: 2025-05-10", "date: 0000-01-01", 3, "date", "bad-date"),
    (NEWS_NL, "date: 2025-05-10", "date: '" + "1" * 5000 + "-05-10'", 3, "date", "bad-date"),
    (NEWS_NL, "date: 2025-05-10", "date: '20250510'", 3, "date", "bad-date"),
    (UPDATES, "2025-06-10", "2201-01-01", 2, "date", "out-of-range"),
    (UPDATES, "2025-06-10", "0000-06-10", 2, "date", "wrong-type"),
    (UPDATES, "2025-06-10", "9" * 5000 + "-06-10", 2, "date", "wrong-type"),
    (EVENTS, "2025-02-01 21:30", "0001-01-01 00:00", 2, "end", "out-of-range"),
    (EVENTS, "2025-02-01 21:30", "9" * 5000 + "-02-01 21:30", 2, "end", "wrong-type"),
])
def test_other_dates_out_of_range(tmp_path, path, old, new, line, field, code):
    problems = check(tmp_path, edit(path, old, new))
    assert (path, line, field, code) in problems
    assert {p[3] for p in problems} <= {code, "date-order"}


def test_events_at_the_end_of_time(tmp_path):
    events = EVENTS_CSV.replace("2025-02-01 19:00,2025-02-01 21:30", "9999-12-31 23:00,9999-12-31 23:59")
    assert check(tmp_path, {EVENTS: events}) == {(EVENTS, 2, "start", "out-of-range"), (EVENTS, 2, "end", "out-of-range")}


EDGE_YML = (CAMPAIGN_YML.replace("launch: {start: 2025-02-01}", "launch: {start: 1900-01-01}")
            .replace("call: {start: 2025-02-15, end: 2025-04-15}", "call: {start: 2200-12-01, end: 2200-12-30}")
            .replace("jury: {start: 2025-05-06}", "jury: {start: 2200-12-31}")
            .replace("coaching: {start: 2025-06-01, end: 2025-09-30}", "coaching: {start: 2200-12-31, end: 2200-12-31}")
            .replace("closing_event: {start: 2025-10-10}", "closing_event: {start: 2200-12-31}"))
EDGE_FILES = {
    YML: EDGE_YML,
    EVENTS: EVENTS_CSV + "late,closing,Slot,Clôture,Laat.,Tard.,2200-12-31 23:00,2200-12-31 23:59,,,,,scheduled,\n"
    "early,other,Vroeg,Tôt,Vroeg.,Tôt.,1900-01-01 00:00,1900-01-01 00:01,,,,,postponed,\n",
    # An update follows the selection (jury on 2200-12-31) and agrees with the laureate's status (issue 9).
    UPDATES: "project,date,status,text_nl,text_fr\nmoestuin,2200-12-31,in-progress,Bezig.,En cours.\n",
    NEWS_NL: "---\ntitle: De laureaten\ndate: 2200-12-31\n---\nDe jury koos.\n",
    f"{C}/news/laureates.fr.md": "---\ntitle: Les lauréats\ndate: 2200-12-31\n---\nLe jury a choisi.\n",
    f"{C}/news/old.nl.md": "---\ntitle: Oud\ndate: 1900-01-01\n---\nOud.\n",
    f"{C}/news/old.fr.md": "---\ntitle: Vieux\ndate: 1900-01-01\n---\nVieux.\n",
}


@pytest.mark.parametrize("today", [dt.date(1900, 1, 1), dt.date(2025, 3, 1), dt.date(2200, 12, 15),
                                   dt.date(2200, 12, 31)])
def test_dates_at_the_edges_of_the_range_build_everywhere(tmp_path, today):
    """Calendars (the day after 2200-12-31), countdowns, agenda sorting and feeds, rendered."""
    root = write_project(tmp_path, EDGE_FILES)
    result = build(BuildConfig(root, tmp_path / "site", today, jobs=1, check_only=True))
    assert result.campaigns == 1


# --- 6. Private values stay out of the logs -------------------------------------------------------

@pytest.mark.parametrize("column, value, code", [
    ("contact_email", "jan.secret@example", "bad-format"),
    ("contact_email", "Jan <jan.secret@example.org>", "bad-format"),
    ("contact_email", "jan secret@example.org", "bad-format"),
    ("contact_phone", "0470-secret-99", "bad-format"),
    ("contact_email", "", "missing-value"),
])
def test_a_private_value_is_named_by_row_and_column_never_shown(tmp_path, column, value, code):
    problems = validate(write_project(tmp_path, {LAUREATES: laureates_with("repair", {column: value})}))
    assert where(problems) == {(LAUREATES, row_line("repair"), column, code)}
    for word in filter(None, re.split(r"[^A-Za-z0-9]+", value)):
        if word not in ("example", "org"):
            assert word not in str(problems[0]), str(problems[0])


def test_the_command_line_keeps_private_values_out_of_its_output(tmp_path):
    root = write_project(tmp_path / "project",
                         {LAUREATES: laureates_with("repair", {"contact_email": "secret-holder@nowhere"})})
    result = run_build(root, "--check")
    assert_fails_cleanly(result, f"{LAUREATES}:{row_line('repair')}: contact_email:", "bad-format")
    assert "secret-holder" not in result.stderr + result.stdout


# --- 7. Web and e-mail addresses ------------------------------------------------------------------

BASE = "base_url: https://demo.example.be/demo-2025/"


@pytest.mark.parametrize("url", ['https://demo.example.be/demo-2025/"/', "https://demo.example.be/<x>/",
                                 "https://demo.example.be/a b/", "https://demo.example.be\\demo/",
                                 "https:///demo-2025/", "https://user:pw@demo.example.be/", "https://demo/",
                                 "http://demo.example.be/demo-2025/", "https://demo.example.be/demo-2025",
                                 "https://demo.example.be/?q=1/", "javascript:alert(1)//",
                                 "https://demo.example.be:99999/"])
def test_a_bad_base_url(tmp_path, url):
    files = edit(YML, BASE, f"base_url: '{url}'")
    assert check(tmp_path, files) == {(YML, line_of(CAMPAIGN_YML, "base_url:"), "base_url", "bad-format")}
    text = NETWORK_YML.replace("base_url: https://demo.example.be/", f"base_url: '{url}'")
    assert check(tmp_path / "network", {NETWORK: text}) == {
        (NETWORK, line_of(NETWORK_YML, "base_url:"), "base_url", "bad-format")}


@pytest.mark.parametrize("old, new, field", [
    ("    url: https://www.beplanet.example", "    url: javascript:alert(1)", "partners.0.url"),
    ("    url: https://www.beplanet.example", "    url: 'https://www.beplanet.example/\"onmouseover=x'",
     "partners.0.url"),
    ("  apply_url: https://demo.example.be/apply", "  apply_url: https://demo.example.be/apply now",
     "call.apply_url"),
    ("  email: demo@example.be", "  email: '<demo@example.be>'", "contact.email"),
    ("  email: demo@example.be", "  email: demo @example.be", "contact.email"),
    ("  email: demo@example.be", "  email: 'demo\"@example.be'", "contact.email"),
    ('    nis_code: "21009"', '    nis_code: "21009\\n"', "municipalities.0.nis_code"),
])
def test_bad_addresses_in_yaml(tmp_path, old, new, field):
    assert check(tmp_path, edit(YML, old, new)) == {(YML, line_of(CAMPAIGN_YML, old), field, "bad-format")}


@pytest.mark.parametrize("column, value, code", [
    ("website", "https://moestuin.example.be/\"><script>", "bad-format"),
    ("website", "javascript://moestuin.example.be/", "bad-format"),
    ("website", "https://moestuin.example.be/a\\b", "bad-format"),
    ("crowdfunding_url", "https://give.example.be/<moestuin>", "bad-format"),
    ("video_url", "https://youtu.be/dQw4w9WgXcQ'", "bad-format"),
    ("slug", '"moestuin\n"', "unsafe-slug"),
    ("amount", "1" + "0" * 20, "out-of-range"),
])
def test_bad_cells(tmp_path, column, value, code):
    assert check(tmp_path, {LAUREATES: laureates_with("moestuin", {column: value})}) == {
        (LAUREATES, row_line("moestuin"), column, code)}


@pytest.mark.parametrize("column, value", [("online_url", "http://meet.example.be/x"),
                                           ("registration_url", "https://demo.example.be/<register>"),
                                           ("registration_url", "ftp://demo.example.be/register")])
def test_bad_addresses_in_events(tmp_path, column, value):
    header = EVENTS_CSV.splitlines()[0].split(",")
    row = EVENTS_CSV.splitlines()[1].split(",")
    row[header.index(column)] = value
    assert check(tmp_path, {EVENTS: "\n".join([",".join(header), ",".join(row)]) + "\n"}) == {
        (EVENTS, 2, column, "bad-format")}


def test_good_addresses_pass(tmp_path):
    files = {**edit(YML, "    url: https://www.beplanet.example", "    url: https://gemeente-ééé.be/a?b=1#c"),
             LAUREATES: laureates_with("moestuin", {"website": "http://moestuin.example.be:8080/x?y=1",
                                                    "contact_email": "first.last+tag@sub.example.be"})}
    assert check(tmp_path, files) == set()


# --- 8. Through the command line ------------------------------------------------------------------

@pytest.mark.parametrize("files, path, code", [
    ({YML: CAMPAIGN_YML.replace("edition: 2025", "edition: 2025\x00")}, YML, "control-character"),
    ({YML: "a: " + "[" * 100_000 + "\n"}, YML, "too-deep"),
    ({LAUREATES: LAUREATES_HEADER + "\n" + "x," * 2000 + "\n"}, LAUREATES, "too-many"),
    ({PROJECT_NL: "term\n: definition\n" * 2000}, PROJECT_NL, "too-deep"),
    ({EVENTS: EVENTS_CSV.replace("2025-02-01 21:30", "9999-12-31 23:59")}, EVENTS, "out-of-range"),
])
@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_the_command_line_fails_cleanly(tmp_path, files, path, code):
    result = run_build(write_project(tmp_path / "project", files))
    assert_fails_cleanly(result, path, code)
    assert not (tmp_path / "site").exists()


def test_every_address_format_in_the_schemas_is_known():
    def formats(node):
        if isinstance(node, dict):
            yield from ([node["x-format"]] if "x-format" in node else [])
            for value in node.values():
                yield from formats(value)
        elif isinstance(node, list):
            for value in node:
                yield from formats(value)
    found = {kind for path in (ROOT / "data" / "schemas").glob("*.schema.json")
             for kind in formats(json.loads(path.read_text(encoding="utf-8")))}
    assert found == set(FORMATS)
