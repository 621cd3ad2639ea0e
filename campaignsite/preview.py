"""Live preview (`build.py serve`): build into a preview folder, serve it, rebuild on save, reload the page.

The preview is the real build (pipeline.build), into a folder of its own, so what an editor sees is
what `make site` publishes. Three pieces:

- a watcher (watchfiles) on campaigns/, content/, data/ and theme/ that rebuilds after each save;
- a static HTTP server that adds one small script to every HTML page it sends (never to the files:
  the built pages stay byte-identical to `make site`'s);
- an event stream, /__preview/events (Server-Sent Events), through which that script learns of each
  build: it reloads the page after a good one, and after a failed one shows the problems over the
  page, which stays the previous good build until the data are fixed.

The terminal, the problems over the page and the script's own words are in the editor's language
(`PreviewConfig.lang`), as `build.py --check` prints them.

The preview shows what is not published yet, so only the editor's own browser may read it (issue 20).
It answers only requests whose `Host` is localhost, 127.0.0.1 or [::1] (any port), or the address it
was told to listen on: a web page the editor visits cannot read it by pointing its own host name at
127.0.0.1 (DNS rebinding), it gets 421. A request that another site's page makes (its `Origin` is not
the preview's own) gets 403, and no answer says `Access-Control-Allow-Origin`, so no other origin
reads the pages or the event stream.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import watchfiles

from campaignsite.core.errors import CampaignSiteError, Message, ValidationFailed, msg, nmsg, relpath, render
from campaignsite.pipeline import BuildConfig, build

WATCHED = ("campaigns", "content", "data", "theme")
PREFIX = "/__preview/"
KEEP_ALIVE = 15  # seconds between comments on an idle event stream, so proxies keep it open
CLIENT_JS = Path(__file__).resolve().parent / "preview.js"
# The names under which the editor's own browser reaches the preview (plus the address it listens on).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
HOST = re.compile(r"(\[[0-9a-f:.]+\]|[^\[\]:]+)(?::[0-9]{1,5})?\Z")
# The script's words: the title over the problems (a form per count) and its button.
OVERLAY_TITLE = nmsg("The preview could not be rebuilt: %(count)s problem(s). This page is the last good build.",
                     "The preview could not be rebuilt: %(count)s problem(s). This page is the last good build.", 2)


def no_preview_yet(lang: str) -> bytes:
    """The page every address answers while no build has succeeded yet, so the errors still show over it."""
    title = html.escape(render(msg("No preview yet"), lang))
    text = html.escape(render(msg("The first build failed; fix the problems listed here and in the terminal, and "
                                  "this page reloads by itself."), lang))
    return (f'<!doctype html>\n<html lang="{lang}"><meta charset="utf-8"><title>{title}</title>\n'
            f"<body><h1>{title}</h1><p>{text}</p></body></html>\n").encode()


def client_js(lang: str) -> bytes:
    """preview.js with its words in `lang`: the title's singular and plural forms (the script picks one
    with the browser's plural rules for the language, as the catalogues' Plural-Forms do) and the button."""
    forms = [render(Message(OVERLAY_TITLE.msgid, {}, OVERLAY_TITLE.plural, count), lang) for count in (1, 2)]
    text = {"lang": lang, "title": forms, "hide": render(msg("Hide"), lang)}
    return CLIENT_JS.read_text(encoding="utf-8").replace("PREVIEW_TEXT", json.dumps(text), 1).encode()


@dataclass(frozen=True)
class PreviewConfig:
    """What to preview, as of which day, on which address."""

    root: Path
    today: dt.date
    host: str = "127.0.0.1"
    port: int = 8000
    output: Path | None = None  # None: a temporary folder, removed when the preview stops
    jobs: int = os.cpu_count() or 1
    lang: str = "en"  # the language of the messages (build.py serve --lang, else the locale)


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
    started, lang = time.monotonic(), config.lang
    # The state changes before the terminal is told: whoever waits for the terminal's line (an editor,
    # a test) then finds the page's event stream telling the same.
    try:
        result = build(BuildConfig(root=config.root, output=output, today=config.today, jobs=config.jobs))
    except ValidationFailed as exc:
        lines = [problem.render(lang) for problem in exc.problems]
        count, note = len(lines), kept(state)
        state.failed(lines)
        say(out, *lines, render(nmsg("%(count)s problem(s) found; %(state)s", "%(count)s problem(s) found; %(state)s",
                                     count, count=count, state=note), lang))
        return False
    except CampaignSiteError as exc:
        note = kept(state)
        state.failed([exc.render(lang)])
        say(out, render(msg("build failed: %(error)s", error=exc), lang), render(note, lang))
        return False
    except Exception as exc:  # a bug must not end the preview: the next save may well build
        note = kept(state)
        state.failed([f"{type(exc).__name__}: {exc}"])
        say(out, render(msg("build failed: %(error)s", error=f"{type(exc).__name__}: {exc}"), lang),
            render(note, lang))
        return False
    state.succeeded()
    say(out, render(msg("Built %(sites)s sites, %(pages)s pages in %(seconds)s s (as of %(today)s).",
                        sites=result.sites, pages=result.pages, seconds=f"{time.monotonic() - started:.1f}",
                        today=config.today), lang))
    return True


def kept(state: PreviewState) -> Message:
    return msg("the preview still shows the last good build.") if state.build else msg("no preview until it builds.")


def say(out, *lines: str) -> None:
    for line in lines:
        print(line, file=out, flush=True)


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).is_dir()]


def changed_files(changes, root: Path) -> str:
    names = sorted({relpath(Path(path), root) for _change, path in changes})
    shown = ", ".join(names[:5])
    return msg("%(files)s and %(count)s more", files=shown, count=len(names) - 5) if len(names) > 5 else shown


# --- Serving ---------------------------------------------------------------------------------------

class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """The built files as they are, but each HTML page with the preview's script before </body>;
    only to the editor's own browser (see the module's docstring)."""

    state: PreviewState  # set by make_server
    lang: str = "en"  # set by make_server
    hosts: frozenset[str] = LOCAL_HOSTS  # set by make_server: the local names and the configured address

    def end_headers(self):
        # Every answer is fresh: a reload after a rebuild must never show a cached page or asset.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass  # the terminal is for the build's messages

    def do_HEAD(self):
        if self.allowed():
            super().do_HEAD()

    def do_GET(self):
        if not self.allowed():
            return None
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX + "events":
            return self.send_events()
        if path == PREFIX + "client.js":
            return self.send_bytes(client_js(self.lang), "text/javascript; charset=utf-8")
        build_number = self.state.snapshot()["build"]
        page = self.html_file(path)
        if page is not None:
            return self.send_bytes(inject(page.read_bytes(), build_number), "text/html; charset=utf-8")
        if build_number == 0 and "." not in path.rsplit("/", 1)[-1]:
            return self.send_bytes(inject(no_preview_yet(self.lang), build_number), "text/html; charset=utf-8", 503)
        return super().do_GET()

    def allowed(self) -> bool:
        """Whether the request comes from the editor's own browser: a local Host (or the configured
        one), and no Origin but the preview's own. Otherwise it is answered 421 or 403 here."""
        found = HOST.match(self.headers.get("Host", "").strip().lower())
        if not found or found[1] not in self.hosts:
            self.refuse(421, msg("This preview answers only at `localhost`, `127.0.0.1` or `[::1]` (or the address "
                                 "given with --host), not at %(host)s.", host=repr(self.headers.get("Host", ""))))
            return False
        origin = self.headers.get("Origin")
        if origin is not None and not self.own_origin(origin):
            self.refuse(403, msg("This preview does not share its pages or its events with another site (%(origin)s).",
                                 origin=repr(origin)))
            return False
        return True

    def own_origin(self, origin: str) -> bool:
        """Whether `origin` is the preview's own: http, a local host name (or the configured one), its port."""
        try:
            parts = urlsplit(origin.strip().lower())
            host = f"[{parts.hostname}]" if parts.hostname and ":" in parts.hostname else parts.hostname
            return (parts.scheme == "http" and host in self.hosts and parts.port == self.server.server_address[1]
                    and parts.path in ("", "/"))
        except ValueError:  # a port that is not a number
            return False

    def refuse(self, status: int, reason: Message) -> None:
        self.send_bytes(render(reason, self.lang).encode() + b"\n", "text/plain; charset=utf-8", status)

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
    configured = f"[{config.host}]" if ":" in config.host else config.host
    handler = type("Handler", (PreviewHandler,), {"state": state, "lang": config.lang,
                                                  "hosts": LOCAL_HOSTS | {configured.lower()}})
    try:
        return PreviewServer((config.host, config.port), functools.partial(handler, directory=str(output)))
    except OSError as exc:
        raise PreviewFailed(msg("cannot listen on %(address)s: %(reason)s (another preview running? try --port 8001)",
                                address=f"{config.host}:{config.port}", reason=exc.strerror)) from exc


class PreviewFailed(CampaignSiteError):
    """The preview cannot start."""


# --- The loop --------------------------------------------------------------------------------------

def _interrupt(stop: threading.Event, signum, frame) -> None:
    stop.set()
    raise KeyboardInterrupt


def serve(config: PreviewConfig, stop: threading.Event | None = None, out=sys.stderr) -> None:
    """Serve the preview until Ctrl-C (or `stop` is set): build, then rebuild after every change."""
    stop = stop or threading.Event()
    # Ctrl-C also sets `stop`, which the watch loop polls: Python raises the KeyboardInterrupt in whatever
    # runs next, and one raised in a finaliser (objects freed after a build) is printed and dropped, so
    # the preview went on watching (seen twice in the suite on a busy machine). A build under way stops
    # at the KeyboardInterrupt as before.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, functools.partial(_interrupt, stop))
    scratch = None if config.output else Path(tempfile.mkdtemp(prefix="campaignsite-preview-"))
    output = config.output or scratch / "site"
    state = PreviewState()
    server = make_server(config, output, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    say(out, render(msg("Preview of %(root)s on %(url)s (Ctrl-C stops it). Rebuilds when %(folders)s change.",
                        root=config.root, url=f"http://{host}:{port}/",
                        folders=", ".join(name + "/" for name in WATCHED)), config.lang))
    try:
        rebuild(config, output, state, out)
        for changes in watchfiles.watch(*watched_paths(config.root), stop_event=stop, raise_interrupt=False):
            say(out, render(msg("Changed: %(files)s", files=changed_files(changes, config.root)), config.lang))
            rebuild(config, output, state, out)
    except KeyboardInterrupt:  # Ctrl-C during a build: stop as quietly as while waiting
        pass
    finally:
        server.shutdown()
        server.server_close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
