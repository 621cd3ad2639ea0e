"""The live preview (`build.py serve`) as an editor uses it: on a copy of the example network, the open
page follows each save without a reload by hand; a broken cell shows its problem over the page and in
the terminal, and the last good build stays browsable; the files built stay those of `make site`; and
only the editor's own browser reads it: another Host (DNS rebinding) gets 421, another site's Origin 403.
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
LAUREATES = "campaigns/gent-2024/laureates.csv"
OVERLAY = "#campaignsite-preview-problems"
WAIT = 120  # seconds: a rebuild of the example network on a busy 2-core machine


class Preview:
    """`build.py serve` in a subprocess; its terminal output (stdout and stderr) collected line by line."""

    def __init__(self, root: Path, *options: str):
        self.root = root
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root), "--port", "0", "--today", TODAY,
             "--jobs", "2", *options],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"on (http://\S+/) ", self.wait_for("Preview of ")).group(1)

    def _read(self):
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()

    def wait_for(self, text: str, after: int = 0) -> str:
        """The first line from index `after` on that contains `text`, once it is printed."""
        deadline = time.monotonic() + WAIT
        with self.changed:
            while True:
                found = next((line for line in self.lines[after:] if text in line), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                assert left > 0 and self.proc.poll() is None, f"no {text!r} in:\n" + "\n".join(self.lines)
                self.changed.wait(min(left, 1))

    def mark(self) -> int:
        with self.changed:
            return len(self.lines)

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            # As long as a rebuild may take: on a 2-core machine busy with other builds, 30 s was once
            # too short for a clean stop (the test then sees the kill's -9, not Ctrl-C's 0).
            self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def copy_network(target: Path) -> Path:
    for name in ("campaigns", "content", "data", "theme"):
        shutil.copytree(ROOT / name, target / name)
    return target


def edit_cell(root: Path, row: int, column: str, value: str) -> None:
    """Change one cell of laureates.csv as a spreadsheet would save it."""
    path = root / LAUREATES
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def first_laureate(root: Path) -> dict[str, str]:
    with (root / LAUREATES).open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))


@pytest.fixture
def preview(tmp_path):
    running = Preview(copy_network(tmp_path / "network"))
    running.wait_for("Built ")
    yield running
    running.stop()


@pytest.mark.browser
def test_the_open_page_follows_each_save_and_shows_problems(preview, page):
    laureate = first_laureate(preview.root)
    page.goto(f"{preview.url}gent-2024/nl/laureates/{laureate['slug']}/")
    heading = page.locator("h1")
    assert heading.inner_text().strip() == laureate["title_nl"]
    page.evaluate("window.notReloaded = true")

    # An edited title: the page reloads by itself and shows it.
    mark = preview.mark()
    edit_cell(preview.root, 1, "title_nl", "Samentuin Bloemekenswijk en Rabot")
    preview.wait_for("Built ", after=mark)
    page.wait_for_function("() => !window.notReloaded", timeout=WAIT * 1000)
    assert heading.inner_text().strip() == "Samentuin Bloemekenswijk en Rabot"

    # A broken cell: the problem over the page (as text: the cell's markup is not HTML), the same in
    # the terminal, and the page is still the last good build.
    mark = preview.mark()
    edit_cell(preview.root, 1, "sdgs", "<b>18</b>")
    problem = preview.wait_for("[bad-format]", after=mark)
    assert problem.startswith(f"{LAUREATES}:2: sdgs: ")
    assert "<b>18</b>" in problem
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=WAIT * 1000)
    assert problem in overlay.inner_text()
    assert overlay.locator("b").count() == 0
    assert overlay.get_attribute("role") == "alert"
    assert heading.inner_text().strip() == "Samentuin Bloemekenswijk en Rabot"
    assert "1 problem(s) found; the preview still shows the last good build." in preview.lines

    # Another page of the last good build opens, and it too says what is wrong.
    page.goto(f"{preview.url}gent-2024/nl/laureates/")
    assert page.locator("h1").count() == 1
    page.locator(OVERLAY).wait_for(state="visible")
    assert problem in page.locator(OVERLAY).inner_text()

    # Fixed: the problems go and the page reloads.
    page.evaluate("window.notReloaded = true")
    edit_cell(preview.root, 1, "sdgs", laureate["sdgs"])
    page.wait_for_function("() => !window.notReloaded", timeout=WAIT * 1000)
    assert page.locator(OVERLAY).count() == 0


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_built_files_are_make_sites_and_only_served_pages_get_the_script(tmp_path):
    root = copy_network(tmp_path / "network")
    running = Preview(root, "--output", str(tmp_path / "preview"))
    try:
        running.wait_for("Built ")
        built = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY,
                                "-o", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT)
        assert built.returncode == 0, built.stderr
        assert digest(tmp_path / "preview") == digest(tmp_path / "site")
        on_disk = (tmp_path / "preview" / "gent-2024" / "nl" / "index.html").read_bytes()
        assert b"__preview" not in on_disk
        with urllib.request.urlopen(running.url + "gent-2024/nl/") as response:
            served = response.read()
            assert response.headers["Cache-Control"] == "no-store"
        assert served.replace(b'<script src="/__preview/client.js" data-build="1"></script>', b"") == on_disk
        css = "assets/stylesheets/campaign.css"
        with urllib.request.urlopen(running.url + css) as response:
            assert response.read() == (tmp_path / "preview" / css).read_bytes()
    finally:
        running.stop()


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_network_that_never_built_shows_its_problems(tmp_path):
    """No good build yet: every page address answers with a page that carries the script, so the
    problems still show in the browser; the terminal lists them."""
    root = copy_network(tmp_path / "network")
    edit_cell(root, 1, "sdgs", "18")
    running = Preview(root)
    try:
        problem = running.wait_for("[unknown-sdg]")
        assert problem.startswith(f"{LAUREATES}:2: sdgs: ")
        running.wait_for("no preview until it builds")
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(running.url + "gent-2024/nl/")
        assert answer.value.code == 503
        assert b"/__preview/client.js" in answer.value.read()
        with urllib.request.urlopen(running.url + "__preview/events") as events:
            assert events.headers["Content-Type"] == "text/event-stream"
            first = events.readline()
        assert json.loads(first.decode().removeprefix("data: ")) == {"build": 0, "problems": [problem]}
        # Only to the editor's own browser (issue 20): another host name for 127.0.0.1 gets nothing.
        port = int(running.url.rsplit(":", 1)[1].strip("/"))
        assert ask(port, "/gent-2024/nl/", {"Host": f"rebound.evil.example:{port}"})[0] == 421
        assert ask(port, "/__preview/events", {"Host": f"localhost:{port}", "Origin": "https://evil.example"})[0] == 403
    finally:
        running.stop()
    assert running.proc.returncode == 0  # Ctrl-C stops it cleanly


# --- Only the editor's own browser (issue 20) ---------------------------------------------------------

@pytest.fixture(scope="module")
def local_preview(tmp_path_factory):
    """local_preview(host) -> port: the preview's server (preview.make_server, as `build.py serve`
    starts it) on a folder holding one page, listening on a free port of `host`, one per host for the
    module; the page's build counts as done."""
    from campaignsite import preview

    site = tmp_path_factory.mktemp("preview") / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Unpublished</title><body>Draft</body>\n", encoding="utf-8")
    servers = {}

    def start(host: str = "127.0.0.1") -> int:
        if host not in servers:
            state = preview.PreviewState()
            state.succeeded()
            config = preview.PreviewConfig(root=site.parent, today=None, host=host, port=0)
            servers[host] = preview.make_server(config, site, state)
            threading.Thread(target=servers[host].serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return servers[host].server_address[1]

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


def ask(port: int, path: str, headers: dict[str, str], address: str = "127.0.0.1") -> tuple[int, dict, bytes]:
    """(status, headers, first bytes of the body) of a GET with exactly `headers` (no Host unless given)."""
    connection = http.client.HTTPConnection(address, port, timeout=WAIT)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.readline()
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "127.0.0.1:{port}@evil.example", "0.0.0.0:{port}",
                                  "", "[::1].evil.example"])
@pytest.mark.parametrize("path", ["/", "/__preview/events", "/__preview/client.js"])
def test_a_foreign_host_gets_nothing(local_preview, host, path):
    """DNS rebinding: a page at evil.example, its name pointed at 127.0.0.1, asks with its own Host."""
    port = local_preview()
    status, headers, body = ask(port, path, {"Host": host.format(port=port)})
    assert status == 421, (host, path)
    assert body.startswith(b"This preview answers only at `localhost`"), body
    assert "access-control-allow-origin" not in headers


def test_a_request_without_host_gets_nothing(local_preview):
    port = local_preview()
    assert ask(port, "/", {})[0] == 421


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "LOCALHOST:{port}", "127.0.0.1:{port}"])
def test_the_local_names_get_the_preview(local_preview, host):
    port = local_preview()
    status, headers, body = ask(port, "/", {"Host": host.format(port=port)})
    assert status == 200 and body.startswith(b"<!doctype html>")
    assert "access-control-allow-origin" not in headers


def test_ipv6_loopback_and_the_configured_address_get_the_preview(local_preview):
    """--host 127.0.0.2 (another address of this machine): that name is accepted beside the local ones."""
    port = local_preview("127.0.0.2")
    assert ask(port, "/", {"Host": f"127.0.0.2:{port}"}, address="127.0.0.2")[0] == 200
    assert ask(port, "/", {"Host": f"[::1]:{port}"}, address="127.0.0.2")[0] == 200
    assert ask(port, "/", {"Host": f"127.0.0.3:{port}"}, address="127.0.0.2")[0] == 421


@pytest.mark.parametrize("origin", ["https://evil.example", "http://evil.example:{port}", "null",
                                    "http://localhost:1", "https://localhost:{port}", "http://localhost:x"])
def test_another_sites_page_cannot_read_the_event_stream(local_preview, origin):
    """A page elsewhere (even another local port) that opens new EventSource(...) sends its Origin."""
    port = local_preview()
    status, headers, body = ask(port, "/__preview/events", {"Host": f"localhost:{port}",
                                                           "Origin": origin.format(port=port)})
    assert status == 403, origin
    assert body.startswith(b"This preview does not share its pages or its events with another site")
    assert "access-control-allow-origin" not in headers


def test_the_previews_own_page_reads_its_event_stream(local_preview):
    port = local_preview()
    for origin in (None, f"http://localhost:{port}", f"http://127.0.0.1:{port}"):
        headers = {"Host": f"localhost:{port}", **({"Origin": origin} if origin else {})}
        status, answer, first = ask(port, "/__preview/events", headers)
        assert status == 200 and answer["content-type"] == "text/event-stream", origin
        assert json.loads(first.decode().removeprefix("data: ")) == {"build": 1, "problems": []}
