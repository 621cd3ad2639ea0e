"""`make screenshots`: every page type of the example network at 390 and 1280 px, and the press
listing printed on A4, into screenshots/ (not committed), with an index.html to look at them all in a
minute. Uses Debian's Chromium through Playwright, like the browser tests.

    python tools/screenshots.py [--site site/] [--out screenshots/] [--per-type 1]
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import shutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from browser_support import get_samples  # noqa: E402  (the same samples as the browser sweeps)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = (390, 1280)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def pick(site: Path, per_type: int) -> list[tuple[str, str]]:
    """(page type, URL path): `per_type` samples of each type, from as many different sites as possible."""
    chosen: dict[str, list[str]] = {}
    for sample in get_samples(site):
        paths = chosen.setdefault(sample.kind, [])
        if len(paths) < per_type:
            paths.append(sample.path)
    return [(kind, path) for kind, paths in sorted(chosen.items()) for path in paths]


def shoot(site: Path, out: Path, per_type: int) -> list[tuple[str, str, list[str]]]:
    from playwright.sync_api import sync_playwright

    base = serve(site)
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for kind, path in pick(site, per_type):
            name = path.strip("/").replace("/", "_").replace(".html", "") or "portal"
            files = []
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                file = f"{kind}--{name}--{width}.png"
                page.screenshot(path=str(out / file), full_page=True)
                files.append(file)
                page.close()
            if kind == "listing":
                page = browser.new_page(viewport={"width": 703, "height": 1000})  # A4 minus the print margins
                page.goto(base + path)
                page.emulate_media(media="print")
                file = f"{kind}--{name}--print.png"
                page.screenshot(path=str(out / file), full_page=True)
                page.pdf(path=str(out / f"{kind}--{name}.pdf"), format="A4", prefer_css_page_size=True)
                files.append(file)
                page.close()
            shots.append((kind, path, files))
        browser.close()
    return shots


def index_html(shots) -> str:
    rows = "\n".join(
        f"<section><h2>{html.escape(kind)} <small>{html.escape(path)}</small></h2>"
        + "".join(f'<a href="{f}"><img src="{f}" alt="{html.escape(f)}" loading="lazy"></a>' for f in files)
        + "</section>" for kind, path, files in shots)
    return ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Screenshots</title><style>"
            "body{font:14px sans-serif;margin:1rem}section{border-top:1px solid #ccc;padding:.5rem 0}"
            "img{max-height:420px;border:1px solid #999;margin-right:.5rem;vertical-align:top}</style>"
            f"<h1>Every page type at {' and '.join(f'{w} px' for w in WIDTHS)}</h1>\n{rows}\n</html>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built network (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--per-type", type=int, default=1, help="samples of each page type (default 1)")
    options = parser.parse_args()
    if not (options.site / "index.html").is_file():
        print(f"{options.site} holds no built network: run `make site` first", file=sys.stderr)
        return 1
    shutil.rmtree(options.out, ignore_errors=True)
    options.out.mkdir(parents=True)
    shots = shoot(options.site, options.out, options.per_type)
    (options.out / "index.html").write_text(index_html(shots), encoding="utf-8")
    print(f"{sum(len(files) for _, _, files in shots)} screenshots of {len(shots)} page types in {options.out}/; "
          f"open {options.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
