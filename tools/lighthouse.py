"""`make lighthouse`: Lighthouse 12 (mobile preset, Debian's Chromium) on one page of every page type
(the registry's, and the 404 page), printed as one table of scores and the audits that cost points.

    python tools/lighthouse.py [--site site/] [--json lighthouse.json] [--types laureate,home]

The page of a type is its largest in the network (the one showing the most components), as the
browser tests sample them (tests/browser_support.py). About 20 s a page: some ten minutes in all.

A measurement, not a test: scores move with the machine's load (performance above all), so the suite
asserts what they depend on instead (sizes, no request elsewhere, axe, hreflang, no layout shift, the
files that hold back the first paint: tests/test_render_blocking.py).

The server here sends every file uncompressed, one connection each (HTTP/1.0), as nginx does without
`gzip_types`; Lighthouse's simulated slow 4G makes that the larger part of the first paint (about 1.8 s).
A host that compresses (GitHub or GitLab Pages, Netlify, Cloudflare) paints in about 0.9 s (issue 10).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def pages(site: Path, types: set[str] | None) -> dict[str, str]:
    """One address per page type under `site`: its largest page in the network."""
    from browser_support import get_samples

    chosen: dict[str, tuple[int, str]] = {}
    for sample in get_samples(site):
        if types and sample.kind not in types:
            continue
        path = sample.path.lstrip("/")
        file = site / path / "index.html" if not path.endswith(".html") else site / path
        size = file.stat().st_size
        if sample.kind not in chosen or size > chosen[sample.kind][0]:
            chosen[sample.kind] = (size, path)
    return {kind: path for kind, (_size, path) in sorted(chosen.items())}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def run(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
                   check=True, env=env, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def lost_points(report: dict) -> list[str]:
    found = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{name}: {ref['id']} {audit.get('displayValue', '')}".strip())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path, help="write every score and lost audit here too")
    parser.add_argument("--types", help="only these page types (comma-separated registry names)")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("run `make lighthouse` (it installs Lighthouse into tools/lighthouse/)", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(options.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind, path in pages(options.site, set(options.types.split(",")) if options.types else None).items():
            report = run(f"http://127.0.0.1:{server.server_port}/{path}", Path(folder) / "report.json")
            results[f"{kind} {path}"] = {"scores": {name: round(100 * report["categories"][name]["score"])
                                                      for name in CATEGORIES}, "lost": lost_points(report)}
    print(f"{'page type and page':60} " + " ".join(f"{name[:13]:>13}" for name in CATEGORIES))
    for page, result in results.items():
        print(f"{page:60} " + " ".join(f"{result['scores'][name]:>13}" for name in CATEGORIES))
    for page, result in results.items():
        for line in result["lost"]:
            print(f"  {page}: {line}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
