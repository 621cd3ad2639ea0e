"""Session fixtures for the browser tests: built networks, a local HTTP server, Debian's Chromium.

Each network is built once per test run, also under pytest-xdist: the workers share one build
folder and take turns through a file lock, so the first builds and the others reuse its output.
Tests that take `site_sample` are parametrized at collection time over every page type of every
site of the example network (see browser_support.page_types), so it is built while tests are
collected; the two networks are "example" (campaigns/) and "fixture" (tests/project.py).
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

from browser_support import get_samples, keep_local, sample_id
from project import write_project

ROOT = Path(__file__).resolve().parent.parent
# The network the sweeps check: the example in this repository, or your own with
# CAMPAIGNSITE_ROOT=/path/to/network (a folder with campaigns/ and content/), see README.
EXAMPLE_ROOT = Path(os.environ.get("CAMPAIGNSITE_ROOT") or ROOT).resolve()
TODAY = "2026-11-22"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILT = pytest.StashKey[dict]()


class NetworkBuildFailed(Exception):
    pass


@dataclass(frozen=True)
class Sample:
    network: str
    kind: str
    path: str          # URL path on the network's server, e.g. "/gent-2024/nl/laureates/x/"
    build_error: str = ""


# --- Building the networks -----------------------------------------------------------------------

def shared_dir(config: pytest.Config) -> Path:
    """A folder all xdist workers of this run share (each worker's basetemp is inside it)."""
    base = config._tmp_path_factory.getbasetemp()  # the tmp_path_factory fixture, reachable at collection
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def file_lock(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_network(config: pytest.Config, name: str) -> Path:
    """The output folder of network `name`, built on first use; NetworkBuildFailed if it does not build."""
    cache = config.stash.setdefault(BUILT, {})
    if name not in cache:
        cache[name] = _build_once(shared_dir(config) / f"network-{name}", name)
    result = cache[name]
    if isinstance(result, NetworkBuildFailed):
        raise result
    return result


def _build_once(folder: Path, name: str) -> Path | NetworkBuildFailed:
    folder.mkdir(parents=True, exist_ok=True)
    output, failed = folder / "site", folder / "build-failed.txt"
    with file_lock(folder.parent / f"network-{name}.lock"):
        if not (output / "index.html").is_file() and not failed.is_file():
            root = EXAMPLE_ROOT if name == "example" else write_project(folder / "project")
            done = subprocess.run(
                [sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY,
                 "--output", str(output)], capture_output=True, text=True, cwd=ROOT)
            if done.returncode:
                failed.write_text(f"build.py --root {root} failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    if failed.is_file():
        return NetworkBuildFailed(failed.read_text())
    return output


def network_samples(config: pytest.Config, types=None, per_type=None, multilingual=False) -> list:
    """pytest params: a Sample of every page type of every site of the example network.

    `types` keeps only those page types, `per_type` only the first n samples of each type,
    `multilingual` only the sites of campaigns published in more than one language.
    If the example network does not build, one failing param says why, and the tiny fixture
    network is sampled instead, so the browser checks still run while campaigns/ is being edited.
    """
    try:
        name, params = "example", []
        site = built_network(config, name)
    except NetworkBuildFailed as exc:
        params = [pytest.param(Sample("example", "build", "", str(exc)), id="example:build-failed")]
        name, site = "fixture", built_network(config, "fixture")
    samples = get_samples(site)
    languages = Counter(sample.site.campaign for sample in samples if sample.kind == "campaign-home")
    counts = Counter()
    for sample in samples:
        if (types and sample.kind not in types) or (multilingual and languages[sample.site.campaign] < 2):
            continue
        counts[sample.kind] += 1
        if per_type is None or counts[sample.kind] <= per_type:
            params.append(pytest.param(Sample(name, sample.kind, sample.path),
                                       id=f"{name}:{sample.kind}:{sample_id(sample.path)}"))
    return params


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "samples(*types, per_type=None, multilingual=False): which page "
                            "type samples a test taking `site_sample` runs on (default: all)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_sample" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("samples")
        types, kwargs = (marker.args, marker.kwargs) if marker else ((), {})
        metafunc.parametrize("site_sample", network_samples(metafunc.config, types, **kwargs), indirect=True)


@pytest.fixture(scope="session")
def example_site(pytestconfig) -> Path:
    """The example network in campaigns/, built as of TODAY."""
    return built_network(pytestconfig, "example")


@pytest.fixture(scope="session")
def fixture_site(pytestconfig) -> Path:
    """tests/project.py's tiny bilingual network, built as of TODAY."""
    return built_network(pytestconfig, "fixture")


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
            server.daemon_threads = True
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


@pytest.fixture
def site_sample(request) -> Sample:
    """The page type sample a test is parametrized with (see pytest_generate_tests)."""
    sample = request.param
    if sample.build_error:
        pytest.fail(sample.build_error, pytrace=False)
    return sample


@pytest.fixture
def sample_root(site_sample, pytestconfig) -> Path:
    """The output folder of the network the parametrized sample comes from."""
    return built_network(pytestconfig, site_sample.network)


@pytest.fixture
def sample_url(site_sample, sample_root, serve) -> str:
    """The full address of the parametrized sample on its network's local server."""
    return serve(sample_root) + site_sample.path


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
