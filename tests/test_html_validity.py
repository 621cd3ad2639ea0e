"""Every HTML page of the example network passes the W3C Nu Html Checker with zero errors.

vnu.jar comes from npm (package.json pins vnu-jar) and runs on the machine's Java; `make test`
installs it. One JVM checks every file, so the cost is paid once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # Java and the W3C Nu checker over every page
ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_files(site: Path) -> list[Path]:
    """Our pages: everything but Pagefind's bundle (third-party UI, not a page)."""
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def test_vnu_is_installed():
    assert shutil.which("java"), "Java is needed to run the Nu Html Checker"
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (make test does)"


def test_every_page_is_valid_html(example_site):
    files = html_files(example_site)
    assert len(files) > 300, "the example network should have hundreds of pages"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].split(str(example_site))[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:40])
