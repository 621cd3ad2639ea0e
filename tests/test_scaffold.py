"""`build.py new`: a campaign folder that builds at once, whose TODOs `--check` lists and `--strict`
refuses; and the schema line that lets an editor's YAML language server check campaign.yml.

Run as an editor runs them: `python build.py ...` in a subprocess, on tests/project.py's network.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from campaignsite.scaffold import SCHEMA_LINE
from project import portal_in_german, write_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2027-01-15"
SLUG = "elsene-2027"
WARNING = re.compile(r"^(?P<path>campaigns/[^:]+):(?P<line>\d+): (?P<field>[\w.]+): warning: (?P<what>.+) \[todo\]$")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def new(root: Path, slug: str = SLUG, kind: str = "call-for-projects", languages: str = "fr,nl",
        nis: str = "21009") -> subprocess.CompletedProcess:
    return run("new", slug, "--kind", kind, "--languages", languages, "--municipality", nis,
               "--edition", "2027", "--root", str(root))


def warnings(stderr: str) -> list[re.Match]:
    return [m for m in map(WARNING.match, stderr.splitlines()) if m]


@pytest.fixture
def network(tmp_path) -> Path:
    return write_project(tmp_path / "network")


@pytest.mark.slow
def test_new_campaign_builds_at_once(network, tmp_path):
    done = new(network)
    assert done.returncode == 0, done.stderr
    assert f"build.py --check --campaign {SLUG}" in done.stdout
    site = tmp_path / "site"
    built = run("--root", str(network), "--today", TODAY, "-o", str(site))
    assert built.returncode == 0, built.stderr
    for lang in ("fr", "nl"):
        home = (site / SLUG / lang / "index.html").read_text(encoding="utf-8")
        assert "TODO: the name of the campaign" in home  # the placeholder shows where the title goes
    assert (site / SLUG / "index.html").is_file()


@pytest.mark.parametrize("kind, languages, nis, region", [
    ("climate-plan", "nl", "44021", "flanders"),
    ("call-for-projects", "de,fr,nl,en", "63023", "wallonia"),
])
@pytest.mark.slow
def test_every_kind_and_language_set_validates(network, kind, languages, nis, region):
    if "de" in languages.split(","):  # the portal speaks every language of its campaigns
        write_project(network, files=portal_in_german())
    assert new(network, kind=kind, languages=languages, nis=nis).returncode == 0
    data = yaml.safe_load((network / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8"))
    assert data["languages"] == languages.split(",")
    assert data["municipalities"][0] == {"name": f"TODO: the official name of municipality {nis}",
                                         "nis_code": nis, "region": region}
    checked = run("--check", "--root", str(network), "--today", TODAY)
    assert checked.returncode == 0, checked.stderr


def test_check_lists_every_todo_as_a_warning(network):
    new(network)
    lines = (network / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8").splitlines()
    done = run("--check", "--campaign", SLUG, "--root", str(network), "--today", TODAY)
    assert done.returncode == 0, done.stderr  # warnings do not fail a check
    found = warnings(done.stderr)
    todo_lines = [number for number, line in enumerate(lines, 1) if "TODO" in line]
    assert sorted(int(m["line"]) for m in found) == todo_lines
    assert {m["path"] for m in found} == {f"campaigns/{SLUG}/campaign.yml"}
    fields = {m["field"] for m in found}
    assert {"title.fr", "title.nl", "tagline.fr", "introduction.nl", "municipalities.0.name", "contact.email",
            "phases.call.end", "call.criteria.fr.0", "call.how_to_apply.nl"} <= fields
    assert f"{len(found)} TODO(s) left to write before publishing" in done.stderr
    assert "campaigns, " in done.stdout and "checked" in done.stdout


def test_strict_refuses_to_publish_while_todos_remain(network, tmp_path):
    new(network)
    site = tmp_path / "site"
    done = run("--strict", "--root", str(network), "--today", TODAY, "-o", str(site))
    assert done.returncode == 1
    assert warnings(done.stderr)
    assert "--strict publishes nothing" in done.stderr
    assert not site.exists()


@pytest.mark.slow
def test_once_written_no_warning_and_strict_builds(network, tmp_path):
    new(network)
    path = network / "campaigns" / SLUG / "campaign.yml"
    text = re.sub(r"\s*# TODO:.*", "", path.read_text(encoding="utf-8"))  # dates and e-mail: marker deleted
    text = re.sub(r"TODO: ([^\n\"]*)", lambda m: f"Written: {m[1]}", text)
    path.write_text(text, encoding="utf-8")
    done = run("--strict", "--root", str(network), "--today", TODAY, "-o", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert not warnings(done.stderr) and "TODO" not in done.stderr


@pytest.mark.parametrize("args, message", [
    (("demo-2025",), "already exists"),
    (("Elsene 2027",), "is not a slug"),
    ((SLUG, "--municipality", "2100"), "not a five-digit NIS code"),
    ((SLUG, "--languages", "fr,xx"), "--languages"),
])
def test_new_refuses_what_it_cannot_make(network, args, message):
    slug, *rest = args
    options = {"--kind": "call-for-projects", "--languages": "fr,nl", "--municipality": "21009"}
    options.update(dict(zip(rest[::2], rest[1::2])))
    before = sorted(p.name for p in (network / "campaigns").iterdir())
    done = run("new", slug, *[x for item in options.items() for x in item], "--root", str(network))
    assert done.returncode == 2
    assert message in done.stderr
    assert sorted(p.name for p in (network / "campaigns").iterdir()) == before


# --- The YAML language server's view -------------------------------------------------------------

def schema_of(path: Path) -> Path:
    """The schema a YAML language server uses for `path`: its first line's modeline."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path}: first line is {first!r}"
    return (path.parent / match[1]).resolve()


def test_every_campaign_names_its_schema_on_the_first_line(network):
    new(network)
    files = sorted((ROOT / "campaigns").glob("*/campaign.yml")) + [network / "campaigns" / SLUG / "campaign.yml"]
    for path in files:
        assert schema_of(path) == ROOT / "data" / "schemas" / "campaign.schema.json", path
    for path in files[:-1]:  # in this repository, the one line the examples share
        assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE + "\n"), path


def test_the_language_server_accepts_the_campaigns_and_catches_a_typo(network):
    """VS Code's YAML extension validates with draft-07 semantics (its JSON language service): the
    schema must mean the same there as in the build, so an editor sees the build's verdict while
    typing."""
    new(network)
    schema = json.loads((ROOT / "data" / "schemas" / "campaign.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    for path in [*sorted((ROOT / "campaigns").glob("*/campaign.yml")), network / "campaigns" / SLUG / "campaign.yml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path
        typo = {**data, "tagilne": data["tagline"]}
        assert any("tagilne" in e.message for e in validator.iter_errors(typo))


def test_vscode_maps_the_schemas_to_the_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./data/schemas/campaign.schema.json"] == ["campaigns/*/campaign.yml"]
    assert schemas["./data/schemas/network.schema.json"] == ["content/network.yml"]
    for schema in schemas:
        assert (ROOT / schema).is_file(), schema
