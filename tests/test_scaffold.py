"""`build.py new`: a campaign folder that builds at once, whose TODOs `--check` lists and `--strict`
refuses; and the schema line that lets an editor's YAML language server check campaign.yml.

Run as an editor runs them: `python build.py ...` in a subprocess, on tests/project.py's network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from campaignsite.core.schemas import json_schema
from campaignsite.scaffold import SCHEMA_LINE, NewCampaign, ScaffoldRefused, create
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
    assert f"build.py --check --root {network} --campaign {SLUG}" in done.stdout
    assert f"build.py serve --root {network}" in done.stdout
    site = tmp_path / "site"
    built = run("--root", str(network), "--today", TODAY, "-o", str(site))
    assert built.returncode == 0, built.stderr
    for lang in ("fr", "nl"):
        home = (site / SLUG / lang / "index.html").read_text(encoding="utf-8")
        assert "TODO: the name of the campaign" in home  # the placeholder shows where the title goes
    assert (site / SLUG / "index.html").is_file()


@pytest.mark.parametrize("kind, languages, nis, municipality", [
    ("climate-plan", "nl", "44021", {"name": "Gent", "nis_code": "44021", "region": "flanders",
                                     "province": "oost-vlaanderen"}),
    ("call-for-projects", "de,fr,nl,en", "63040", {"name": {"de": "Kelmis", "fr": "La Calamine", "nl": "Kelmis",
                                                             "en": "Kelmis"},
                                                    "nis_code": "63040", "region": "wallonia", "province": "liege"}),
])
@pytest.mark.slow
def test_every_kind_and_language_set_validates(network, kind, languages, nis, municipality):
    if "de" in languages.split(","):  # the portal speaks every language of its campaigns
        write_project(network, files=portal_in_german())
    assert new(network, kind=kind, languages=languages, nis=nis).returncode == 0
    data = yaml.safe_load((network / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8"))
    assert data["languages"] == languages.split(",")
    assert data["municipalities"] == [municipality]
    checked = run("--check", "--root", str(network), "--today", TODAY)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
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
    assert {"title.fr", "title.nl", "tagline.fr", "introduction.nl", "contact.email",
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
    (("Elsene 2027",), "is not a safe folder name"),
    ((SLUG, "--municipality", "2100"), "'2100' is neither the name nor the NIS code of a Belgian municipality"),
    ((SLUG, "--municipality", "71022"), "'71022' is neither the name nor the NIS code"),  # Hasselt before 2025
    ((SLUG, "--languages", "fr,xx"), "--languages"),
])
@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_new_refuses_what_it_cannot_make(network, args, message):
    slug, *rest = args
    options = {"--kind": "call-for-projects", "--languages": "fr,nl", "--municipality": "21009"}
    options.update(dict(zip(rest[::2], rest[1::2])))
    before = sorted(p.name for p in (network / "campaigns").iterdir())
    done = run("new", slug, *[x for item in options.items() for x in item], "--root", str(network))
    assert done.returncode == 2
    assert message in done.stderr
    assert sorted(p.name for p in (network / "campaigns").iterdir()) == before


# --- As the build validates it, and nothing outside the project (issue 20) ------------------------

def listing(folder: Path) -> list[str]:
    """Every path under `folder`, links not followed."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def refused(network: Path, slug: str, line: str) -> subprocess.CompletedProcess:
    """`build.py new slug` on `network`: refused with `line` as its message, exit 2, no traceback."""
    done = new(network, slug)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines()[-1] == f"build.py new: error: {line}", done.stderr
    assert "Traceback" not in done.stderr
    return done


def refusal(network: Path, slug: str) -> str:
    """What `build.py new <slug>` says when it refuses `slug` (scaffold.create, as build.py calls it)."""
    with pytest.raises(ScaffoldRefused) as refused_:
        create(network, NewCampaign(slug, "call-for-projects", ("fr", "nl"), ("21009",), 2027))
    return refused_.value.render()


@pytest.mark.parametrize("slug, shown", [
    ("elsene-2027\n", "'elsene-2027\\n'"),  # the shell's $'elsene-2027\n': the network would no longer build
    ("elsene-2027\r", "'elsene-2027\\r'"),
    ("Elsene-2027", "'Elsene-2027'"),
    ("elsene--2027", "'elsene--2027'"),
    ("elsene-", "'elsene-'"),
    ("x" * 61, "'" + "x" * 57 + "...'"),
    ("../outside", "'../outside'"),
])
def test_new_takes_the_builds_slug_rules(network, tmp_path, slug, shown):
    before = listing(tmp_path)
    assert refusal(network, slug) == (f"campaigns/{slug.encode('unicode_escape').decode()}: slug: {shown} is not a "
                                      "safe folder name: use lower-case letters, digits and single hyphens "
                                      "[unsafe-slug]")
    assert listing(tmp_path) == before


@pytest.mark.parametrize("slug, what", [("assets", "the theme's styles"), ("pagefind", "the search index"),
                                        ("nl", "a language folder of the portal"), ("embed", ""), ("search", "")])
def test_new_refuses_the_names_the_site_reserves(network, slug, what):
    before = listing(network)
    message = refusal(network, slug)
    assert message.startswith(f"campaigns/{slug}: slug: '{slug}' is reserved: the site publishes {what}"), message
    assert message.endswith("there; choose another folder name [reserved-slug]")
    assert listing(network) == before


def test_the_command_line_says_it_as_the_build_does(network, tmp_path):
    before = listing(tmp_path)
    refused(network, "elsene-2027\n", "campaigns/elsene-2027\\n: slug: 'elsene-2027\\n' is not a safe folder name: "
                                      "use lower-case letters, digits and single hyphens [unsafe-slug]")
    assert listing(tmp_path) == before


def refused_any(network: Path, slug: str) -> subprocess.CompletedProcess:
    done = new(network, slug)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    return done


def test_new_follows_no_link_out_of_the_project(network, tmp_path):
    """campaigns/ a link to a folder elsewhere: refused, and nothing is written there."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (network / "campaigns").rename(tmp_path / "real-campaigns")
    (network / "campaigns").symlink_to(outside)
    assert refusal(network, SLUG) == ("campaigns: is a symbolic link, which the build does not follow: put the file "
                                      "or folder itself here [symlink]")
    assert list(outside.iterdir()) == []


def test_a_link_in_the_new_campaigns_place_is_not_followed(network, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (network / "campaigns" / SLUG).symlink_to(outside)
    assert "already exists" in refusal(network, SLUG)
    assert list(outside.iterdir()) == []


def test_the_networks_address_is_not_read_through_a_link(network, tmp_path):
    """content/network.yml a link to a file elsewhere: its base_url is not taken (validation reports
    the link); the new campaign gets the placeholder address."""
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_text("base_url: https://attacker.example/\n", encoding="utf-8")
    (network / "content" / "network.yml").unlink()
    (network / "content" / "network.yml").symlink_to(elsewhere)
    create(network, NewCampaign(SLUG, "call-for-projects", ("fr", "nl"), ("21009",), 2027))
    text = (network / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8")
    assert f"base_url: https://campaigns.example.be/{SLUG}/" in text and "attacker" not in text


def test_campaigns_that_is_a_file_is_a_clean_message(network):
    shutil.rmtree(network / "campaigns")
    (network / "campaigns").write_text("not a folder\n", encoding="utf-8")
    assert refusal(network, SLUG) == ("campaigns: is not a folder: the campaigns of the network go in a folder "
                                      "campaigns/ [unreadable-file]")
    assert (network / "campaigns").read_text(encoding="utf-8") == "not a folder\n"


@pytest.fixture
def read_only():
    """read_only(folder): no entry can be made in `folder`, whoever runs the tests: chmod for a user,
    the immutable attribute for root (whom permissions do not stop)."""
    made = []

    def make(folder: Path) -> None:
        if os.geteuid() == 0:
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
            assert done.returncode == 0, f"chattr +i {folder}: {done.stderr}"
        else:
            folder.chmod(0o555)
        made.append(folder)
    yield make
    for folder in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)


@pytest.mark.slow  # a failure made on purpose (chattr as root)
def test_a_read_only_campaigns_folder_is_a_clean_message(network, read_only):
    before = listing(network / "campaigns")
    read_only(network / "campaigns")
    done = refused_any(network, SLUG)
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert done.stderr.splitlines()[-1] == (f"build.py new: error: campaigns/{SLUG}: cannot be created: {reason}; "
                                            "nothing was written [write-failed]"), done.stderr
    assert listing(network / "campaigns") == before


@pytest.fixture
def full_disk(tmp_path):
    """A network on a file system with no space left (a small tmpfs, mounted as root), yet room for a
    new folder: writing campaign.yml into it fails half-way."""
    network = tmp_path / "full"
    network.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(network)], capture_output=True,
                          text=True)
    assert done.returncode == 0, f"cannot mount a small tmpfs for this test (needs root): {done.stderr}"
    try:
        write_project(network)
        with open(network / "filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"x" * 4096)
                    handle.flush()
            except OSError:
                pass
        yield network
    finally:
        subprocess.run(["umount", str(network)], check=True)


@pytest.mark.slow  # a failure made on purpose, as root (mount)
def test_a_full_disk_leaves_no_half_made_campaign(full_disk):
    before = listing(full_disk)
    done = refused_any(full_disk, SLUG)
    assert "No space left on device; nothing was written [write-failed]" in done.stderr
    assert listing(full_disk) == before


# --- The YAML language server's view -------------------------------------------------------------

def schema_of(path: Path) -> Path:
    """The schema a YAML language server uses for `path`: its first line's modeline."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path}: first line is {first!r}"
    return (path.parent / match[1]).resolve()


def test_every_campaign_names_its_schema_on_the_first_line(network):
    new(network)
    files = sorted((ROOT / "campaigns").glob("*/campaign.yml"))
    for path in files:
        assert schema_of(path) == ROOT / "data" / "schemas" / "campaign.schema.json", path
        assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE + "\n"), path


def test_a_network_kept_elsewhere_names_a_schema_that_moves_with_it(network, tmp_path):
    """The first line of a new campaign names the schema by a path inside the network, where `new` put
    the schema as the build reads it: a clone of the network's repository anywhere still finds it."""
    done = new(network)
    assert "Wrote data/schemas/campaign.schema.json" in done.stdout
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(network, clone)
    shutil.rmtree(network)
    schema = schema_of(clone / "campaigns" / SLUG / "campaign.yml")
    assert schema == clone / "data" / "schemas" / "campaign.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema("campaign")
    data = yaml.safe_load((clone / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8"))
    assert [e.message for e in Draft7Validator(json_schema("campaign")).iter_errors(data)] == []


def test_new_finds_a_municipality_by_any_of_its_names(network):
    """Elsene is Ixelles: its official names in the campaign's languages, its region and no province."""
    done = run("new", SLUG, "--kind", "call-for-projects", "--languages", "fr,nl", "--municipality", "elsene",
               "--municipality", "Saint-Gilles", "--edition", "2027", "--root", str(network))
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((network / "campaigns" / SLUG / "campaign.yml").read_text(encoding="utf-8"))
    assert data["municipalities"] == [
        {"name": {"fr": "Ixelles", "nl": "Elsene"}, "nis_code": "21009", "region": "brussels"},
        {"name": {"fr": "Saint-Gilles", "nl": "Sint-Gillis"}, "nis_code": "21013", "region": "brussels"}]


def test_a_misspelt_municipality_gets_suggestions(network):
    before = listing(network)
    done = run("new", SLUG, "--kind", "call-for-projects", "--languages", "fr", "--municipality", "Onhai",
               "--root", str(network))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == ("build.py new: error: --municipality: 'Onhai' is neither the name nor the "
                                            "NIS code of a Belgian municipality; did you mean Onhaye, Tournai?")
    assert listing(network) == before


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
