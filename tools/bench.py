"""Benchmark: build a network of N campaigns (copies of the examples) and report time and memory.

    python tools/bench.py --campaigns 100

Speed is measured here, never in timed tests. Prints wall time per stage of the command, pages per
second and the peak memory of the build and its workers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from campaignsite.pipeline import BuildConfig, build  # noqa: E402


def make_network(target: Path, count: int) -> None:
    """`count` campaigns cycled from the examples, each with its own slug and address."""
    shutil.copytree(ROOT / "content", target / "content")
    examples = sorted(p for p in (ROOT / "campaigns").iterdir() if p.is_dir())
    for index in range(count):
        source = examples[index % len(examples)]
        slug = f"{source.name}-{index:04d}"
        shutil.copytree(source, target / "campaigns" / slug)
        yml = target / "campaigns" / slug / "campaign.yml"
        text = yml.read_text(encoding="utf-8")
        yml.write_text(text.replace(f"/{source.name}/", f"/{slug}/"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_network(root, args.campaigns)
        config = BuildConfig(root=root, output=root / "site", today=dt.date(2026, 11, 22),
                             **({"jobs": args.jobs} if args.jobs else {}))
        start = time.perf_counter()
        result = build(config)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in config.output.rglob("*") if p.is_file())
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{result.campaigns} campaigns, {result.sites} sites, {result.pages} pages in {seconds:.1f} s "
          f"({result.pages / seconds:.0f} pages/s, {seconds / result.sites * 1000:.0f} ms per site, "
          f"jobs={config.jobs})")
    print(f"output {size / 2**20:.0f} MiB; peak memory: build {own:.0f} MiB, largest worker {workers:.0f} MiB")


if __name__ == "__main__":
    main()
