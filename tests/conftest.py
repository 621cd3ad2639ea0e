"""Session fixtures: built networks, a local HTTP server, Debian's Chromium, and the page-type sweeps.

Each network is built once per test run, on first use by a test (never while tests are collected),
also under pytest-xdist: the workers share one build folder and take turns through a file lock, so
the first builds and the others reuse its output. The networks are "example" (campaigns/ of this
repository), "fixture" (tests/project.py's tiny one) and, with CAMPAIGNSITE_ROOT=/path/to/network,
"custom": the one the sweeps then check instead of the example (see README).

Tests taking `site_samples` (the sweeps: accessibility, privacy, ...) are parametrized with the page
types of campaignsite/pages/registry.py, plus the engine's 404 page, so a new row of the registry is swept
without editing a test. Each test then gets that type's samples in the built network: its largest
page in every site (campaign or portal x language) that has one.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_support import NOT_FOUND, get_samples, keep_local, sample_id, sweep_types
from campaignsite.core.errors import editor_language
from campaignsite.pages.registry import PAGE_TYPES
from project import write_project

ROOT = Path(__file__).resolve().parent.parent
# The network the sweeps check: the example in this repository, or your own with
# CAMPAIGNSITE_ROOT=/path/to/network (a folder with campaigns/ and content/), see README.
CUSTOM_ROOT = Path(os.environ["CAMPAIGNSITE_ROOT"]).resolve() if os.environ.get("CAMPAIGNSITE_ROOT") else None
SWEPT = "custom" if CUSTOM_ROOT else "example"
TODAY = "2026-11-22"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The tests read build.py's messages in English, which follow the locale (campaignsite/core/errors.py:
# editor_language): on a machine in Dutch or French they would be Dutch or French.
if editor_language() != "en":
    os.environ["LC_ALL"] = "C.UTF-8"


# --- Building the networks -----------------------------------------------------------------------

class NetworkBuildFailed(Exception):
    pass


def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder all xdist workers of this run share (each worker's basetemp is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def file_lock(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def network_root(name: str, folder: Path) -> Path:
    """The source folder of network `name`."""
    if name == "fixture":
        return write_project(folder / "project")
    return CUSTOM_ROOT if name == "custom" else ROOT


def build_once(folder: Path, name: str) -> tuple[Path, Path | NetworkBuildFailed]:
    """(source root, output folder) of network `name`, built by the first worker to get here; the
    output is a NetworkBuildFailed with build.py's messages if it did not build."""
    folder.mkdir(parents=True, exist_ok=True)
    output, failed, source = folder / "site", folder / "build-failed.txt", folder / "root.txt"
    with file_lock(folder.parent / f"network-{name}.lock"):
        if not source.is_file():
            root = network_root(name, folder)
            done = subprocess.run(
                [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY,
                 "--output", str(output)], capture_output=True, text=True, cwd=ROOT)
            if done.returncode:
                failed.write_text(f"build.py --root {root} failed ({done.returncode}):\n{done.stderr}{done.stdout}")
            source.write_text(str(root))
    root = Path(source.read_text())
    return root, (NetworkBuildFailed(failed.read_text()) if failed.is_file() else output)


@pytest.fixture(scope="session")
def networks(tmp_path_factory):
    """networks(name) -> (source root, output folder): network `name` built as of TODAY, on first
    use; a test failure with build.py's messages if it does not build."""
    cache: dict[str, tuple[Path, Path | NetworkBuildFailed]] = {}

    def get(name: str) -> tuple[Path, Path]:
        if name not in cache:
            cache[name] = build_once(shared_dir(tmp_path_factory) / f"network-{name}", name)
        root, output = cache[name]
        if isinstance(output, NetworkBuildFailed):
            pytest.fail(f"the {name} network does not build: {output}", pytrace=False)
        return root, output

    return get


@pytest.fixture(scope="session")
def example_site(networks) -> Path:
    """The example network in campaigns/, built as of TODAY."""
    return networks("example")[1]


@pytest.fixture(scope="session")
def fixture_site(networks) -> Path:
    """tests/project.py's tiny bilingual network, built as of TODAY."""
    return networks("fixture")[1]


# --- Serving -------------------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on drops connections mid-response; that is no error of the site."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> "http://127.0.0.1:<port>": a static server for `folder`, one per folder,
    stopped at the end of the session."""
    servers: dict[Path, http.server.ThreadingHTTPServer] = {}

    def start(folder: Path) -> str:
        if folder not in servers:
            handler = functools.partial(_QuietHandler, directory=str(folder))
            server = _QuietServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[folder] = server
        return f"http://127.0.0.1:{servers[folder].server_address[1]}"

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def example_url(serve, example_site) -> str:
    return serve(example_site)


@pytest.fixture(scope="session")
def fixture_url(serve, fixture_site) -> str:
    return serve(fixture_site)


# --- The page-type sweeps ------------------------------------------------------------------------

@dataclass(frozen=True)
class Sample:
    """One page to check: a page type's largest page in one site of the swept network."""

    network: str       # "example" or "custom"
    kind: str          # the page type: a registry row's name, or "not-found"
    path: str          # URL path on the network's server, e.g. "/gent-2024/nl/laureates/x/"
    url: str           # the full address on the local server
    root: Path         # the network's output folder
    lang: str
    campaign: str | None  # None for the portal

    @property
    def id(self) -> str:
        """The page's name in a subtest: "gent-2024/nl/laureates/x"."""
        return sample_id(self.path)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking `site_samples` runs once per page type: every type, or those its
    @pytest.mark.samples names. Nothing is built here; see the `site_samples` fixture."""
    if "site_samples" not in metafunc.fixturenames:
        return
    known = sweep_types()
    marker = metafunc.definition.get_closest_marker("samples")
    types = list(marker.args) if marker and marker.args else known
    unknown = [name for name in types if name not in known]
    if unknown:
        raise ValueError(f"@pytest.mark.samples names {unknown}, which campaignsite/pages/registry.py does not "
                         f"declare; page types: {', '.join(known)}")
    metafunc.parametrize("site_samples", types, indirect=True)


@pytest.fixture(scope="session")
def swept_network(networks) -> tuple[Path, Path]:
    """(source root, output folder) of the network the sweeps check."""
    return networks(SWEPT)


@pytest.fixture(scope="session")
def swept_samples(swept_network) -> dict[str, list]:
    """{page type: its browser_support.PageSample in each site of the swept network}."""
    by_type: dict[str, list] = {}
    for sample in get_samples(swept_network[1]):
        by_type.setdefault(sample.kind, []).append(sample)
    return by_type


@pytest.fixture(scope="session")
def sources_with_data(swept_network):
    """sources_with_data(type name) -> the campaigns (or the portal) whose data, by the registry's
    `when`, give pages of that type: tells a type absent for lack of data from one never built."""

    @functools.cache
    def network():
        from campaignsite.pipeline import build_model

        return build_model(swept_network[0]).network

    def sources(name: str) -> list[str]:
        if name == NOT_FOUND:
            return ["every site"]
        page_type = next(t for t in PAGE_TYPES if t.name == name)
        if page_type.site == "portal":
            return ["the portal"] if page_type.when(network()) else []
        return [campaign.slug for campaign in network().campaigns if page_type.when(campaign)]

    return sources


@pytest.fixture
def site_samples(request, swept_network, swept_samples, sources_with_data, serve) -> list[Sample]:
    """The page type a test is parametrized with (see pytest_generate_tests), as pages of the swept
    network: one per site that has the type, filtered by the test's @pytest.mark.samples options
    (`per_type=n`: the first n; `multilingual=True`: only campaigns published in several languages;
    `one_language=True`: one site per campaign, and one of the portal).

    A type no site has is skipped when no campaign (or portal) has the data it needs, by the
    registry's `when`; it is an error naming the type when some have.
    """
    kind = request.param
    found = swept_samples.get(kind, [])
    if not found:
        expected = sources_with_data(kind)
        if expected:
            address = next((t.url for t in PAGE_TYPES if t.name == kind), "404.html") or "(home)"
            pytest.fail(f"page type {kind!r}: no site of the {SWEPT} network has a page at {address!r}, although "
                        f"the registry gives it to {', '.join(expected)} (see campaignsite/pages/registry.py)", pytrace=False)
        pytest.skip(f"page type {kind!r}: no campaign of the {SWEPT} network has the data it needs")
    marker = request.node.get_closest_marker("samples")
    options = marker.kwargs if marker else {}
    if options.get("multilingual"):
        sites = {(s.site.campaign, s.site.lang) for samples in swept_samples.values() for s in samples}
        languages = Counter(campaign for campaign, _lang in sites)
        found = [sample for sample in found if sample.site.campaign and languages[sample.site.campaign] > 1]
    if options.get("one_language"):
        firsts = {}
        for sample in found:
            firsts.setdefault(sample.site.campaign, sample)
        found = list(firsts.values())
    if options.get("per_type") is not None:
        found = found[:options["per_type"]]
    if not found:
        pytest.skip(f"page type {kind!r}: no site of the {SWEPT} network fits {options}")
    base = serve(swept_network[1])
    return [Sample(SWEPT, kind, sample.path, base + sample.path, swept_network[1], sample.site.lang,
                   sample.site.campaign) for sample in found]


# --- The browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright (`playwright install` cannot download here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs it", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser):
    """A fresh browser context (no cookies, no storage) per test; requests to other hosts are aborted."""
    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    context.set_default_timeout(20_000)
    context.route("**/*", keep_local)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()
