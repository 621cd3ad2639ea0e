"""Live preview (`build.py serve`): build into a preview folder, serve it, rebuild on save, reload the page.

The preview is the real build (pipeline.build), into a folder of its own, so what an editor sees is
what `make site` publishes. Three pieces:

- a watcher (watchfiles) on campaigns/, content/, data/ and theme/ that rebuilds after each save;
- a static HTTP server that adds one small script to every HTML page it sends (never to the files:
  the built pages stay byte-identical to `make site`'s);
- an event stream, /__preview/events (Server-Sent Events), through which that script learns of each
  build: it reloads the page after a good one, and after a failed one shows the problems over the
  page, which stays the previous good build until the data are fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from .errors import CampaignSiteError, ValidationFailed, relpath
from .pipeline import BuildConfig, build

WATCHED = ("campaigns", "content", "data", "theme")
PREFIX = "/__preview/"
KEEP_ALIVE = 15  # seconds between comments on an idle event stream, so proxies keep it open
CLIENT_JS = Path(__file__).resolve().parent / "preview.js"
# Answers every page address while no build has succeeded yet, so the errors still show over it.
NO_PREVIEW_YET = (b'<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>No preview yet</title>\n'
                  b"<body><h1>No preview yet</h1><p>The first build failed; fix the problems listed here and "
                  b"in the terminal, and this page reloads by itself.</p></body></html>\n")


@dataclass(frozen=True)
class PreviewConfig:
    """What to preview, as of which day, on which address."""

    root: Path
    today: dt.date
    host: str = "127.0.0.1"
    port: int = 8000
    output: Path | None = None  # None: a temporary folder, removed when the preview stops
    jobs: int = os.cpu_count() or 1


class PreviewState:
    """What the open pages are told: the number of the last good build, and the problems of the last
    build if it failed (empty after a good one)."""

    def __init__(self):
        self.build = 0
        self.problems: tuple[str, ...] = ()
        self._changed = threading.Condition()

    def succeeded(self) -> None:
        with self._changed:
            self.build += 1
            self.problems = ()
            self._changed.notify_all()

    def failed(self, problems: list[str]) -> None:
        with self._changed:
            self.problems = tuple(problems)
            self._changed.notify_all()

    def snapshot(self) -> dict:
        with self._changed:
            return self._snapshot()

    def next_snapshot(self, seen: dict | None, timeout: float) -> dict:
        """The state once it differs from `seen` (at once if it already does), or after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot() != seen, timeout)
            return self._snapshot()

    def _snapshot(self) -> dict:
        return {"build": self.build, "problems": list(self.problems)}


# --- Building --------------------------------------------------------------------------------------

def rebuild(config: PreviewConfig, output: Path, state: PreviewState, out=sys.stderr) -> bool:
    """Build the preview; tell `state` and the terminal how it went. The previous good build stays
    in `output` when this one fails (pipeline.build writes nothing then)."""
    started = time.monotonic()
    try:
        result = build(BuildConfig(root=config.root, output=output, today=config.today, jobs=config.jobs))
    except ValidationFailed as exc:
        lines = [str(problem) for problem in exc.problems]
        say(out, *lines, f"{len(lines)} problem(s) found; {kept(state)}")
        state.failed(lines)
        return False
    except CampaignSiteError as exc:
        say(out, f"build failed: {exc}", kept(state))
        state.failed([str(exc)])
        return False
    except Exception as exc:  # a bug must not end the preview: the next save may well build
        say(out, f"build failed: {type(exc).__name__}: {exc}", kept(state))
        state.failed([f"{type(exc).__name__}: {exc}"])
        return False
    say(out, f"Built {result.sites} sites, {result.pages} pages in {time.monotonic() - started:.1f} s "
        f"(as of {config.today}).")
    state.succeeded()
    return True


def kept(state: PreviewState) -> str:
    return "the preview still shows the last good build." if state.build else "no preview until it builds."


def say(out, *lines: str) -> None:
    for line in lines:
        print(line, file=out, flush=True)


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).is_dir()]


def changed_files(changes, root: Path) -> str:
    names = sorted({relpath(Path(path), root) for _change, path in changes})
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


# --- Serving ---------------------------------------------------------------------------------------

class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """The built files as they are, but each HTML page with the preview's script before </body>."""

    state: PreviewState  # set by make_server

    def end_headers(self):
        # Every answer is fresh: a reload after a rebuild must never show a cached page or asset.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass  # the terminal is for the build's messages

    def do_GET(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX + "events":
            return self.send_events()
        if path == PREFIX + "client.js":
            return self.send_bytes(CLIENT_JS.read_bytes(), "text/javascript; charset=utf-8")
        build_number = self.state.snapshot()["build"]
        page = self.html_file(path)
        if page is not None:
            return self.send_bytes(inject(page.read_bytes(), build_number), "text/html; charset=utf-8")
        if build_number == 0 and "." not in path.rsplit("/", 1)[-1]:
            return self.send_bytes(inject(NO_PREVIEW_YET, build_number), "text/html; charset=utf-8", 503)
        return super().do_GET()

    def html_file(self, path: str) -> Path | None:
        """The HTML file an address is answered with, if it is one (a folder/ gives its index.html)."""
        file = Path(self.translate_path(path))
        if path.endswith("/"):
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def send_bytes(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_events(self) -> None:
        """Server-Sent Events: the state now, then each change, until the page goes away."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while True:
                now = self.state.next_snapshot(seen, KEEP_ALIVE)
                message = b": still here\n\n" if now == seen else f"data: {json.dumps(now)}\n\n".encode()
                self.wfile.write(message)
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return


def inject(page: bytes, build_number: int) -> bytes:
    """The page with the preview's script, which knows which build the page comes from."""
    tag = f'<script src="{PREFIX}client.js" data-build="{build_number}"></script>'.encode()
    at = page.rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


class PreviewServer(http.server.ThreadingHTTPServer):
    """One thread per request (each open page holds an event stream); a browser that moves on drops
    connections mid-answer, which is no error of the preview."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def make_server(config: PreviewConfig, output: Path, state: PreviewState) -> PreviewServer:
    handler = type("Handler", (PreviewHandler,), {"state": state})
    try:
        return PreviewServer((config.host, config.port), functools.partial(handler, directory=str(output)))
    except OSError as exc:
        raise PreviewFailed(f"cannot listen on {config.host}:{config.port}: {exc.strerror} "
                            "(another preview running? try --port 8001)") from exc


class PreviewFailed(CampaignSiteError):
    """The preview cannot start."""


# --- The loop --------------------------------------------------------------------------------------

def serve(config: PreviewConfig, stop: threading.Event | None = None, out=sys.stderr) -> None:
    """Serve the preview until Ctrl-C (or `stop` is set): build, then rebuild after every change."""
    stop = stop or threading.Event()
    scratch = None if config.output else Path(tempfile.mkdtemp(prefix="campaignsite-preview-"))
    output = config.output or scratch / "site"
    state = PreviewState()
    server = make_server(config, output, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    say(out, f"Preview of {config.root} on http://{host}:{port}/ (Ctrl-C stops it). Rebuilds when "
        f"{', '.join(name + '/' for name in WATCHED)} change.")
    try:
        rebuild(config, output, state, out)
        for changes in watchfiles.watch(*watched_paths(config.root), stop_event=stop, raise_interrupt=False):
            say(out, f"Changed: {changed_files(changes, config.root)}")
            rebuild(config, output, state, out)
    except KeyboardInterrupt:  # Ctrl-C during a build: stop as quietly as while waiting
        pass
    finally:
        server.shutdown()
        server.server_close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
