"""Incremental builds (issue 12): a build keeps what did not change since the previous one, and its
output is always the same, byte for byte, as a full build of the same input.

What was rebuilt is read from the build's own report (BuildResult.rebuilt / .kept, which build.py
prints), never from timings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from campaignsite.pages import sites
from campaignsite.write import incremental, search
from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, ValidationFailed
from campaignsite.write.incremental import STATE_FILE
from campaignsite.pipeline import build, BuildConfig
from project import LAUREATES_CSV, default_files, write_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 6, 15)
DEMO = "campaigns/demo-2025/"


def campaign_files(slug: str) -> dict[str, str | bytes]:
    """The demo campaign under another slug and address."""
    return {f"campaigns/{slug}/{rel[len(DEMO):]}": (content.replace("/demo-2025/", f"/{slug}/")
                                                     if isinstance(content, str) else content)
            for rel, content in default_files().items() if rel.startswith(DEMO)}


def network(tmp_path: Path, slugs=("alpha-2025", "beta-2025", "gamma-2025")) -> Path:
    """A project of three campaigns (copies of the demo, each with its own address)."""
    files: dict[str, str | bytes | None] = {rel: None for rel in default_files() if rel.startswith(DEMO)}
    for slug in slugs:
        files.update(campaign_files(slug))
    root = write_project(tmp_path / "project", files)
    shutil.rmtree(root / DEMO, ignore_errors=True)
    return root


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rename_laureate(root: Path, slug: str, title: str) -> None:
    path = root / "campaigns" / slug / "laureates.csv"
    path.write_text(LAUREATES_CSV.replace(",Buurtmoestuin,", f",{title},"), encoding="utf-8")


def sites_of(slug: str) -> set[str]:
    return {f"{slug}/nl", f"{slug}/fr"}


PORTAL = {"_portal/nl", "_portal/fr", "_portal/en"}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The three campaigns built once per module (and xdist worker): (their folder, the build's report)."""
    folder = tmp_path_factory.mktemp("first-build")
    return folder, build(BuildConfig(network(folder), folder / "site", TODAY, jobs=2))


@pytest.fixture
def built(tmp_path, first_build):
    """A copy of that first build, project and output, for one test to change. The state travels with
    the site (it names no machine), so the next build there is incremental as after a build of its own."""
    folder, first = first_build
    for name in ("project", "site"):
        shutil.copytree(folder / name, tmp_path / name, symlinks=True)
    return tmp_path / "project", BuildConfig(tmp_path / "project", tmp_path / "site", TODAY, jobs=2), first


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_first_build_builds_every_site(built):
    _root, _config, first = built
    assert set(first.rebuilt) == PORTAL | sites_of("alpha-2025") | sites_of("beta-2025") | sites_of("gamma-2025")
    assert first.kept == ()
    assert first.sites == 9 and first.campaigns == 3


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_an_edit_to_one_campaign_rebuilds_its_sites_and_the_portal_only(built, tmp_path):
    root, config, _first = built
    rename_laureate(root, "beta-2025", "Buurtmoestuin Noord")
    again = build(config)
    assert set(again.rebuilt) == PORTAL | sites_of("beta-2025")
    assert again.kept == ("alpha-2025", "gamma-2025")
    page = (config.output / "beta-2025" / "nl" / "laureates" / "moestuin" / "index.html").read_text(encoding="utf-8")
    assert "Buurtmoestuin Noord" in page
    full = build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2))
    assert snapshot(config.output) == snapshot(tmp_path / "full")
    assert (again.campaigns, again.sites, again.pages) == (full.campaigns, full.sites, full.pages)


@pytest.mark.slow  # two builds
def test_an_edit_updates_the_output_in_place_folder_by_folder(built, tmp_path, monkeypatch):
    """Issue 24: the campaigns not edited stay where they are, not one of their files copied, linked or
    touched; the edited campaign's folder is exchanged whole in one step (never renamed away first)."""
    root, config, _first = built

    def files(folder: Path) -> dict[str, tuple[int, int, int]]:
        return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_nlink)
                for p in [folder, *folder.rglob("*")]}
    before = {slug: files(config.output / slug) for slug in ("alpha-2025", "beta-2025", "gamma-2025")}
    renamed = []
    real_rename = os.rename

    def rename(src, dst):
        renamed.append(os.fspath(src))
        return real_rename(src, dst)
    monkeypatch.setattr(os, "rename", rename)
    rename_laureate(root, "beta-2025", "Buurtmoestuin Noord")
    again = build(config)
    monkeypatch.undo()
    assert again.rendered == ("beta-2025",) and again.kept == ("alpha-2025", "gamma-2025")
    assert files(config.output / "alpha-2025") == before["alpha-2025"]
    assert files(config.output / "gamma-2025") == before["gamma-2025"]
    after = files(config.output / "beta-2025")
    assert after["."][0] != before["beta-2025"]["."][0], "beta's folder is a new one"
    assert all(p.stat().st_nlink == 1 for p in config.output.rglob("*") if p.is_file()), "no file is hard-linked"
    assert os.fspath(config.output / "beta-2025") not in renamed, "the live folder is exchanged, never renamed away first"
    build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2))
    assert snapshot(config.output) == snapshot(tmp_path / "full")


def test_nothing_changed_means_nothing_is_done(built):
    _root, config, first = built
    before = {p: p.stat().st_mtime_ns for p in config.output.rglob("*")}
    again = build(config)
    assert again.rebuilt == () and (again.campaigns, again.sites, again.pages) == (first.campaigns, first.sites,
                                                                                   first.pages)
    assert {p: p.stat().st_mtime_ns for p in config.output.rglob("*")} == before, "not one file was touched"


def test_a_build_with_nothing_to_do_lists_no_folder_of_the_output(built, monkeypatch):
    """An unchanged output is recognised by the stat of its folders (kept in the build's cache), not by
    listing its files again: a look that costs the same at 3 campaigns or 300. The first look at this
    copy of the output lists it (its folders are new to the cache); the next ones do not."""
    _root, config, first = built
    assert build(config).rebuilt == ()
    listed = []
    real = incremental.listing_digest
    monkeypatch.setattr(incremental, "listing_digest", lambda *args, **kwargs: listed.append(args) or real(*args, **kwargs))
    assert build(config).rebuilt == ()
    assert listed == []
    # Removed by hand in a language folder: its stamp changed, the listing decides, the site is built again.
    (config.output / "gamma-2025" / "fr" / "index.html").unlink()
    assert set(build(config).rebuilt) == PORTAL | sites_of("gamma-2025")
    assert listed and (config.output / "gamma-2025" / "fr" / "index.html").is_file()


def test_a_build_with_nothing_to_do_loads_none_of_the_stages(built):
    """A no-op answers from the state and the stats alone: build.py imports no stage that reads, checks
    or renders (nor their libraries: frictionless, jsonschema, Jinja, MkDocs), measured in its own process."""
    _root, config, _first = built
    probe = ("import sys, build\n"
             f"code = build.main(['--root', {str(config.root)!r}, '--output', {str(config.output)!r}, "
             f"'--today', {TODAY.isoformat()!r}])\n"
             "heavy = ('frictionless', 'jsonschema', 'jinja2', 'mkdocs', 'campaignsite.validate.schema', "
             "'campaignsite.pages', 'campaignsite.render', 'campaignsite.model', 'campaignsite.exports')\n"
             "print(code, sorted(name for name in sys.modules if name.startswith(heavy)))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_a_portal_page_edit_rebuilds_the_portal_only(built):
    root, config, _first = built
    (root / "content" / "nl" / "about.md").write_text("---\ntitle: Over ons\n---\nHet netwerk.\n", encoding="utf-8")
    again = build(config)
    assert set(again.rebuilt) == PORTAL
    assert "Het netwerk." in (config.output / "about" / "index.html").read_text(encoding="utf-8")


def goal_pages(output: Path) -> dict[str, os.stat_result]:
    """Every page of the portal's goals (each language's sdg/<n>/ and sdg/<n>/page-k/), by path."""
    found = [path for lang in ("", "fr/", "en/") for path in output.glob(f"{lang}sdg/*/**/index.html")]
    return {path.relative_to(output).as_posix(): path.stat() for path in found}


@pytest.mark.slow  # three builds
def test_a_laureate_edit_makes_again_only_the_portal_pages_that_show_its_campaign(tmp_path, monkeypatch):
    """Issue 24: the portal's goal pages (thousands at 300 campaigns) that show none of the edited
    campaign's projects are taken from the previous output as they are (the same file); those that show
    one are made again; the output is a full build's."""
    from campaignsite.pages import portal
    monkeypatch.setattr(portal, "GOAL_CARDS_PER_PAGE", 2)  # several pages per goal (inherited by the forked workers)
    root = network(tmp_path)
    config = BuildConfig(root, tmp_path / "site", TODAY, jobs=2)
    build(config)
    before = goal_pages(config.output)
    assert any("/page-" in path for path in before), "the goals have pages after their first"
    rename_laureate(root, "beta-2025", "Buurtmoestuin Noord")
    again = build(config)
    after = goal_pages(config.output)
    assert after.keys() == before.keys()
    kept = {path for path, info in after.items() if info.st_ino == before[path].st_ino}
    assert 0 < len(kept) < len(after) and again.pages_kept == len(kept)
    edited_card = re.compile(r"beta-2025/(nl|fr|en)/laureates/")
    for path in after:
        text = (config.output / path).read_text(encoding="utf-8")
        if path in kept:
            assert not edited_card.search(text), f"{path} shows a card of beta-2025 yet was kept"
        else:
            assert "Buurtmoestuin Noord" in text or edited_card.search(text), f"{path} was made again for nothing"
    full = build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2))
    assert snapshot(config.output) == snapshot(tmp_path / "full")
    assert (again.campaigns, again.sites, again.pages) == (full.campaigns, full.sites, full.pages)


@pytest.mark.slow  # two builds
def test_a_kept_portal_page_changed_in_the_output_is_made_again(built):
    """A page is taken from the previous output only while the output is as that build left it: one
    replaced by a link (to anything) or removed is made again, never published through the link."""
    root, config, _first = built
    page = config.output / "sdg" / "11" / "index.html"
    assert page.is_file()
    page.unlink()
    page.symlink_to("/etc/hostname")
    rename_laureate(root, "beta-2025", "Buurtmoestuin Zuid")
    again = build(config)
    assert again.pages_kept == 0
    assert not page.is_symlink() and "sdg" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_change_to_network_yml_or_the_day_rebuilds_everything(built):
    root, config, first = built
    path = root / "content" / "network.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Be Planet", "Be Planet vzw"), encoding="utf-8")
    assert set(build(config).rebuilt) == set(first.rebuilt)
    later = BuildConfig(config.root, config.output, TODAY + dt.timedelta(days=1), jobs=2)
    assert set(build(later).rebuilt) == set(first.rebuilt)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_file_removed_from_the_output_by_hand_is_built_again(built):
    _root, config, _first = built
    page = config.output / "gamma-2025" / "fr" / "index.html"
    page.unlink()
    again = build(config)
    assert set(again.rebuilt) == PORTAL | sites_of("gamma-2025")
    assert page.is_file()


@pytest.mark.slow
def test_full_rebuilds_everything_and_says_so(built):
    root, config, first = built
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY.isoformat(),
                           "-o", str(config.output), "--full", "--lang", "en", "--verbose"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "9 sites built." in done.stdout
    assert "Campaigns validated: alpha-2025, beta-2025, gamma-2025." in done.stdout.splitlines()
    assert "Campaigns rendered: alpha-2025, beta-2025, gamma-2025." in done.stdout.splitlines()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY.isoformat(),
                           "-o", str(config.output), "--lang", "nl", "--verbose"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "Niets gewijzigd sinds de vorige build" in done.stdout, done.stdout
    assert "Opnieuw gerenderde campagnes: geen." in done.stdout.splitlines()


@pytest.mark.slow
def test_a_failed_incremental_build_leaves_the_previous_site(built, monkeypatch):
    root, config, _first = built
    before = snapshot(config.output)
    rename_laureate(root, "alpha-2025", "Buurtmoestuin Oost")

    def broken(*args):
        raise BuildFailed("Pagefind could not index the site: test", Code.SEARCH_FAILED)
    monkeypatch.setattr(search, "index_site", broken)
    with pytest.raises(BuildFailed):
        build(config)
    assert snapshot(config.output) == before
    monkeypatch.undo()
    assert set(build(config).rebuilt) == PORTAL | sites_of("alpha-2025"), "the failed build recorded nothing"


def test_the_state_is_published_with_the_site_and_names_no_machine(first_build):
    folder, _first = first_build
    text = (folder / "site" / STATE_FILE).read_text(encoding="utf-8")
    assert str(folder / "project") not in text and str(folder / "site") not in text


# --- Incremental output equals full output, over random sequences of changes ---------------------

POOL = ("alpha-2025", "beta-2025", "gamma-2025", "delta-2025")
TITLES = ("Buurtmoestuin", "Moestuin Zuid", "Groene Hoek", "Tuin & Co")
step = st.one_of(
    st.tuples(st.just("rename"), st.sampled_from(POOL), st.sampled_from(TITLES)),
    st.tuples(st.just("add"), st.sampled_from(POOL)),
    st.tuples(st.just("delete"), st.sampled_from(POOL)),
    st.tuples(st.just("portal"), st.sampled_from(TITLES)),
    st.tuples(st.just("day"), st.integers(0, 400)),
    st.tuples(st.just("nothing")),
)


def apply(root: Path, change: tuple, today: dt.date) -> dt.date:
    """Make `change` to the project; the build day after it."""
    kind, *args = change
    present = sorted(p.name for p in (root / "campaigns").iterdir())
    if kind == "rename" and args[0] in present:
        rename_laureate(root, args[0], args[1])
    elif kind == "add" and args[0] not in present:
        write_project(root, {rel: None for rel in default_files()} | campaign_files(args[0]))
    elif kind == "delete" and args[0] in present and len(present) > 1:
        shutil.rmtree(root / "campaigns" / args[0])
    elif kind == "portal":
        (root / "content" / "fr" / "about.md").write_text(f"---\ntitle: À propos\n---\n{args[0]}\n", encoding="utf-8")
    elif kind == "day":
        return dt.date(2025, 1, 1) + dt.timedelta(days=args[0])
    return today


@pytest.mark.slow
# No shrinking: each example is several builds, and a failing sequence is short enough to read as found.
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.lists(step, min_size=2, max_size=4))
@example(changes=[("day", 200), ("rename", "alpha-2025", "Groene Hoek"), ("add", "delta-2025"),
                  ("delete", "beta-2025")])
def test_incremental_output_is_the_full_output(tmp_path_factory, changes):
    """Each build after the first updates the output folder by folder (OutputPlace.swap_folders), with the
    campaigns not changed taken from the validation cache; each is compared with a full build."""
    folder = tmp_path_factory.mktemp("sequence")
    root = network(folder, slugs=("alpha-2025", "beta-2025"))
    titles = {"alpha-2025": "Buurtmoestuin", "beta-2025": "Buurtmoestuin"}  # each laureates.csv's edited title
    today = TODAY
    incremental = BuildConfig(root, folder / "site", today, jobs=2)
    build(incremental)
    for number, change in enumerate(changes):
        edited = change[0] == "rename" and change[1] in titles and titles[change[1]] != change[2]
        today = apply(root, change, today)
        titles = {slug: titles.get(slug, "Buurtmoestuin") for slug in sorted(p.name for p in (root / "campaigns").iterdir())}
        if edited:
            titles[change[1]] = change[2]
        incremental = BuildConfig(root, folder / "site", today, jobs=2)
        result = build(incremental)
        full = BuildConfig(root, folder / f"full-{number}", today, jobs=2, full=True)
        expected = build(full)
        assert snapshot(incremental.output) == snapshot(full.output), (changes, number)
        assert (result.campaigns, result.sites, result.pages) == (expected.campaigns, expected.sites, expected.pages)
        assert set(result.validated) <= set(result.rendered), "a campaign validated anew is rendered anew"
        assert set(result.rendered).isdisjoint(result.kept)
        if edited:  # one laureate's title: that campaign alone is validated and rendered again
            assert result.validated == result.rendered == (change[1],), (changes, number)
        assert not (folder / ".site.building").exists()
        shutil.rmtree(full.output)


def test_check_stands_by_the_last_build_and_renders_only_what_changed(built, monkeypatch):
    root, config, first = built
    checking = BuildConfig(root, config.output, TODAY, jobs=1, check_only=True)
    made = []
    real = sites.campaign_site

    def counting(campaign, lang, *args):
        made.append(f"{campaign.slug}/{lang}")
        return real(campaign, lang, *args)
    monkeypatch.setattr(sites, "campaign_site", counting)
    same = build(checking)
    assert made == [] and (same.campaigns, same.sites, same.pages) == (first.campaigns, first.sites, first.pages)
    rename_laureate(root, "beta-2025", "Buurtmoestuin West")
    again = build(checking)
    assert sorted(made) == sorted(sites_of("beta-2025"))
    assert (again.campaigns, again.sites, again.pages) == (first.campaigns, first.sites, first.pages)
    # What changed is validated, never taken from the last build.
    rename_laureate(root, "alpha-2025", "")
    with pytest.raises(ValidationFailed) as failure:
        build(checking)
    assert {problem.path for problem in failure.value.problems} == {"campaigns/alpha-2025/laureates.csv"}


@pytest.mark.slow  # three builds
def test_the_search_index_of_unchanged_campaigns_is_kept(tmp_path):
    """Each campaign has its own search bundle, in its folder; an edit indexes again only the portal
    and the campaign edited; the portal's search page merges every campaign's bundle."""
    root = network(tmp_path)
    config = BuildConfig(root, tmp_path / "site", TODAY, jobs=2)
    build(config)
    bundles = sorted(p.parent.relative_to(config.output).as_posix()
                     for p in config.output.glob("*/pagefind/pagefind-entry.json"))
    slugs = sorted(p.name for p in (root / "campaigns").iterdir())
    assert bundles == [f"{slug}/pagefind" for slug in slugs]
    merged = re.search(r"data-cs-merge='([^']*)'", (config.output / "search" / "index.html").read_text()).group(1)
    assert sorted(json.loads(merged)) == [f"../{slug}/pagefind/" for slug in slugs]

    def inodes(folder: Path) -> dict[str, int]:
        return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}
    before = {bundle: inodes(config.output / bundle) for bundle in bundles}
    rename_laureate(root, "gamma-2025", "Buurtmoestuin Zuid")
    build(config)
    for bundle in bundles:
        if bundle.startswith("gamma-2025/"):
            assert inodes(config.output / bundle) != before[bundle], f"{bundle} was indexed again"
        else:
            assert inodes(config.output / bundle) == before[bundle], f"{bundle} was kept"
    full = build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2, full=True))
    assert full.rebuilt and snapshot(config.output) == snapshot(tmp_path / "full")


@pytest.mark.slow  # three builds
def test_only_a_changed_campaign_is_validated_again(tmp_path):
    """Issue 24: a campaign whose fingerprint did not change is taken from the validation cache; the
    build's report names the campaigns it read and validated, and its output is a full build's."""
    root = network(tmp_path)
    config = BuildConfig(root, tmp_path / "site", TODAY, jobs=2)
    first = build(config)
    assert first.validated == first.rendered == ("alpha-2025", "beta-2025", "gamma-2025")
    rename_laureate(root, "beta-2025", "Buurtmoestuin Oost")
    again = build(config)
    assert again.validated == ("beta-2025",) and again.rendered == ("beta-2025",)
    assert set(again.rebuilt) == PORTAL | sites_of("beta-2025")
    full = build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2, full=True))
    assert full.validated == ("alpha-2025", "beta-2025", "gamma-2025"), "--full validates everything again"
    assert snapshot(config.output) == snapshot(tmp_path / "full")


@pytest.mark.slow  # two builds
def test_checks_between_campaigns_run_on_the_cached_ones(tmp_path):
    """A campaign taken from the cache still counts in the checks across campaigns: alpha given gamma's
    address is refused on gamma's campaign.yml line, gamma unchanged and not validated again."""
    root = network(tmp_path)
    config = BuildConfig(root, tmp_path / "site", TODAY, jobs=2)
    build(config)
    yml = root / "campaigns" / "alpha-2025" / "campaign.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("/alpha-2025/", "/gamma-2025/"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        build(config)
    gamma = (root / "campaigns" / "gamma-2025" / "campaign.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(gamma, 1) if text.startswith("base_url:"))
    assert [str(problem) for problem in failure.value.problems] == [
        f"campaigns/gamma-2025/campaign.yml:{line}: base_url: 'https://demo.example.be/gamma-2025/' is also the "
        "address of campaign 'alpha-2025' [duplicate-value]"]


# --- A build killed while it updates the output folder by folder -------------------------------------

def units_of(files: dict[str, str]) -> dict[str, dict[str, str]]:
    """A snapshot by the parts swap_folders swaps one at a time: each entry at the output's root, but
    pagefind/, whose files and parts each are one."""
    units: dict[str, dict[str, str]] = {}
    for rel, digest in files.items():
        parts = rel.split("/")
        depth = 3 if parts[:2] == ["pagefind", "parts"] else 2 if parts[0] == "pagefind" else 1
        units.setdefault("/".join(parts[:depth]), {})[rel] = digest
    return units


def killed_build(config: BuildConfig, step: int) -> int | None:
    """Run `build(config)` in a child process that kills itself (SIGKILL) at the `step`-th rename or
    exchange of the output's swap (0: as it writes its journal), or finishes if there are fewer."""
    def child():
        from campaignsite.write import output
        count = [0, False]  # steps seen, swapping yet
        real = {"exchange": output.exchange, "rename": os.rename, "replace": os.replace}

        def counted(name):
            def step_then(*args):
                if count[1]:
                    if count[0] == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    count[0] += 1
                return real[name](*args)
            return step_then
        real_swap = output.OutputPlace.swap_folders

        def swap_folders(self, *args):
            count[1] = True
            return real_swap(self, *args)
        output.exchange = counted("exchange")
        os.rename, os.replace = counted("rename"), counted("replace")
        output.OutputPlace.swap_folders = swap_folders
        build(config)
    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join()
    return process.exitcode


@pytest.mark.slow  # a build killed, then two more, per example
# No shrinking: each example is several builds.
@settings(max_examples=2, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(step=st.integers(0, 40))
@example(step=0).via("killed as it writes its journal: nothing swapped, the old site whole")
@example(step=3).via("killed among the portal's folders")
def test_a_build_killed_while_swapping_leaves_each_folder_old_or_new_and_the_next_build_repairs(
        first_build, tmp_path_factory, step):
    """Kill -9 at any step of the swap: every folder of the output (each campaign's, the portal's, each
    search part) is then the old one or the new one, never a mix; the next build finishes the job
    (or the killed build had not begun it) and its output is a full build's."""
    folder = tmp_path_factory.mktemp("killed")
    for name in ("project", "site"):
        shutil.copytree(first_build[0] / name, folder / name, symlinks=True)
    root, output = folder / "project", folder / "site"
    old = units_of(snapshot(output))
    rename_laureate(root, "beta-2025", "Buurtmoestuin Noord")
    shutil.rmtree(root / "campaigns" / "gamma-2025")
    write_project(root, {rel: None for rel in default_files()} | campaign_files("delta-2025"))
    build(BuildConfig(root, folder / "full", TODAY, jobs=2))
    new = units_of(snapshot(folder / "full"))
    config = BuildConfig(root, output, TODAY, jobs=2)
    status = killed_build(config, step)
    assert status == -signal.SIGKILL or (status == 0 and step >= 20), status  # the swap has more than 20 steps
    now = units_of(snapshot(output))
    for unit in sorted(set(old) | set(new) | set(now)):
        assert now.get(unit) in (old.get(unit), new.get(unit)), f"{unit} is neither the old one nor the new one"
    again = build(config)
    assert snapshot(output) == snapshot(folder / "full")
    assert not (folder / ".site.building").exists()
    assert set(again.rendered) <= {"beta-2025", "delta-2025"}


@pytest.mark.slow  # three builds
def test_a_swap_failing_midway_is_carried_through_by_the_next_build(built, tmp_path, monkeypatch):
    """A disk error in the middle of the swap (the journal written): the build fails with its message,
    leaves its stage and journal, and the next build finishes the swap before its own work."""
    from campaignsite.write import output
    root, config, _first = built
    old = units_of(snapshot(config.output))
    rename_laureate(root, "beta-2025", "Buurtmoestuin Noord")
    build(BuildConfig(root, tmp_path / "full", TODAY, jobs=2))
    new = units_of(snapshot(tmp_path / "full"))
    real, calls = output.exchange, []

    def failing(a, b):
        calls.append(b)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(b))
        return real(a, b)
    monkeypatch.setattr(output, "exchange", failing)
    with pytest.raises(BuildFailed) as failure:
        build(config)
    assert failure.value.code == Code.WRITE_FAILED and "No space left on device" in str(failure.value)
    monkeypatch.undo()
    assert (tmp_path / ".site.building" / output.JOURNAL).is_file()
    now = units_of(snapshot(config.output))
    assert all(now.get(unit) in (old.get(unit), new.get(unit)) for unit in set(old) | set(new) | set(now))
    assert now != new, "the swap stopped midway"
    build(config)
    assert snapshot(config.output) == snapshot(tmp_path / "full")
    assert not (tmp_path / ".site.building").exists()


def test_a_file_is_read_for_its_fingerprint_only_when_its_stat_changed(tmp_path, monkeypatch):
    """StatCache: a file whose size, times and inode are those recorded is not read again; an edit of the
    same size is (its times change); a file changed within a second of the look is never recorded."""
    from campaignsite.core import statcache
    project = tmp_path / "project"
    (project / "campaigns").mkdir(parents=True)
    files = {name: project / "campaigns" / name for name in ("a.csv", "b.csv")}
    for path in files.values():
        path.write_text("slug,title\nx,Tuin\n", encoding="utf-8")
    read = []
    real = statcache.file_digest
    monkeypatch.setattr(statcache, "file_digest", lambda path: read.append(Path(path).name) or real(path))

    def look(aged: bool) -> str:
        cache = statcache.StatCache(project, tmp_path / "cache")
        # Where the look began, from the files' own change times: well after them, or in their second.
        newest = max(max(path.stat().st_mtime_ns, path.stat().st_ctime_ns) for path in files.values())
        cache.start = newest + 1 if aged else newest
        digest = incremental.tree_digest(project / "campaigns", cache)
        cache.save()
        return digest
    first = look(aged=True)
    read.clear()
    assert look(aged=True) == first and read == [], "nothing read again"
    files["a.csv"].write_text("slug,title\nx,Hoek\n", encoding="utf-8")  # same size, new bytes
    second = look(aged=False)
    assert read == ["a.csv"] and second != first
    read.clear()
    look(aged=True)
    b_time = max(files["b.csv"].stat().st_mtime_ns, files["b.csv"].stat().st_ctime_ns)
    in_same_tick = b_time >= max(files["a.csv"].stat().st_mtime_ns, files["a.csv"].stat().st_ctime_ns)
    assert read == ["a.csv"] + ["b.csv"] * in_same_tick, "changed as the last look began: read again now"
    read.clear()
    look(aged=True)
    assert read == []
