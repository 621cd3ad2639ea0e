"""The live preview (`build.py serve`) as an editor uses it: on a copy of the example network, the open
page follows each save without a reload by hand; a broken cell shows its problem over the page and in
the terminal, and the last good build stays browsable; the files built stay those of `make site`.
"""

from __future__ import annotations

import csv
import hashlib
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
            self.proc.wait(timeout=30)
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
        css = "gent-2024/nl/assets/stylesheets/campaign.css"
        with urllib.request.urlopen(running.url + css) as response:
            assert response.read() == (tmp_path / "preview" / css).read_bytes()
    finally:
        running.stop()


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
    finally:
        running.stop()
    assert running.proc.returncode == 0  # Ctrl-C stops it cleanly
