"""Incremental builds: which parts of the previous output a build may keep as they are.

A campaign's folder in the output (`<slug>/`: its language sites, open data, press kit and media) is
a function of exactly these inputs, its fingerprint:
- its own folder under campaigns/ (every file's name and bytes; links are not followed: the loader
  refuses them, and a changed link changes the fingerprint);
- content/network.yml (the limits its files were read with, the portal's languages its search box
  leads to);
- the build's code, templates, catalogues, theme, data/ and installed packages (ENGINE_PARTS);
- the build day.
A campaign's search bundle is in its folder (core/searchindex.py) and comes and goes with it. The
portal shows every campaign: it, its search bundle and robots.txt are rebuilt whenever anything
changed, but for its keyed pages (a goal's pages, core.sitespec.Page.key): one whose key is the same
as the last build's is taken from the output as it is (render/templates.py, State.pages). A build records the fingerprints in its output (STATE_FILE, published with it, so the record
and the files it describes are swapped in together); the next build keeps the folder of every campaign
whose fingerprint is the same and whose files are all still there, and builds the rest. When no
fingerprint changed and the output is as the last build left it, there is nothing to do.

The kept folders stay where they are: the build stages only what it makes (the changed campaigns'
folders with their search bundles, the portal) and swaps each staged folder into the output on its
own (write/output.py: OutputPlace.swap_folders), so nothing unchanged is copied, linked or deleted.
Everything recorded is derived from the input alone (no time, no inode), so an incremental build's
output is byte-identical to a full build's. Reading the input for its fingerprints reads only the files
whose stat changed since the last build (StatCache, kept in the build's cache folder, not the output).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from campaignsite.core.places import CACHE_ROOT, CODE_ROOT
from campaignsite.core.statcache import StatCache, file_digest
from campaignsite.load.limits import largest_limit

FORMAT = 4  # 4: the portal's page keys; 3: each campaign's search bundle in its folder; files leaves out campaign folders
STATE_FILE = ".campaignsite-state.json"
ENGINE_ROOT = CODE_ROOT
# What the build's output depends on besides the project's data: its code (templates and catalogues
# inside it), the theme, the engine's configuration, the shared data (SDG titles, fonts, schemas) and
# the host headers file.
ENGINE_PARTS = ("campaignsite", "theme", "data", "mkdocs.yml", "deploy/_headers")
SKIPPED = frozenset({"__pycache__"})


def _hash(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def tree_digest(path: Path, known: StatCache | None = None) -> str:
    """Every entry under `path`, by name and content, without following a link (a link counts by its
    target's text, a special file by its kind); a file's content through `known` where given."""
    digest = hashlib.blake2b(digest_size=20)
    largest = largest_limit()

    def visit(entry: str, rel: str) -> None:  # paths as strings: thousands of files on every build
        try:
            info = os.lstat(entry)
        except OSError:
            digest.update(f"missing {rel}\n".encode())
            return
        if stat.S_ISDIR(info.st_mode):
            digest.update(f"dir {rel}\n".encode())
            try:
                names = sorted(os.listdir(entry))
            except OSError as exc:
                digest.update(f"unreadable {exc.errno}\n".encode())
                return
            for name in names:
                if name not in SKIPPED and not name.endswith(".pyc"):
                    visit(f"{entry}/{name}", f"{rel}/{name}")
        elif stat.S_ISREG(info.st_mode):
            digest.update(f"file {rel} {info.st_size}\n".encode())
            # A file larger than any limit allows fails every build whatever its bytes, so its size
            # stands for them (a 50 GiB file is not read to be refused).
            if info.st_size <= largest:
                digest.update((known.digest(entry, info) if known else file_digest(entry)).encode())
        elif stat.S_ISLNK(info.st_mode):
            digest.update(f"link {rel} {os.readlink(entry)}\n".encode("utf-8", "surrogateescape"))
        else:
            digest.update(f"special {rel} {stat.S_IFMT(info.st_mode)}\n".encode())

    visit(os.fspath(path), ".")
    return digest.hexdigest()


def engine_digest(known: StatCache | None = None) -> str:
    """The code, theme, data and installed packages that turn the data into the site."""
    # The installed packages by their metadata folders' names ("Jinja2-3.1.6.dist-info": name and version),
    # as importlib.metadata finds them, without parsing each one's metadata (a tenth of a no-op build).
    packages = sorted(name for folder in sys.path if os.path.isdir(folder) for name in os.listdir(folder)
                      if name.endswith((".dist-info", ".egg-info")))
    return _hash(sys.version.encode(), "\n".join(packages).encode(),
                 *(tree_digest(ENGINE_ROOT / part, known).encode() for part in ENGINE_PARTS))


@dataclass(frozen=True)
class Fingerprints:
    """What each campaign's output, and the whole output, are made from."""

    campaigns: dict[str, str]  # campaign folder name -> its fingerprint
    network: str               # the whole input: a build with the same one makes the same output
    shared: str = ""           # what every site is made from besides the campaigns: code, day, content/, data/


def fingerprints(root: Path, today) -> Fingerprints:
    """The fingerprints of the project under `root` built as of `today` (files read only where their
    stat changed since the last look, see StatCache)."""
    known = StatCache(root)
    common = _hash(f"format {FORMAT}".encode(), engine_digest(known).encode(), today.isoformat().encode(),
                   tree_digest(root / "content" / "network.yml", known).encode())
    campaigns_dir = root / "campaigns"
    try:
        names = sorted(os.listdir(campaigns_dir)) if campaigns_dir.is_dir() and not campaigns_dir.is_symlink() else []
    except OSError:
        names = []
    campaigns = {name: _hash(common.encode(), name.encode(), tree_digest(campaigns_dir / name, known).encode())
                 for name in names}
    # The whole input: every entry of campaigns/ through its fingerprint (each file read once), or
    # campaigns/ itself where it is no folder to list (missing, a link, a file).
    folder = ("".join(f"{name} {key}\n" for name, key in campaigns.items()) if names
              else tree_digest(campaigns_dir, known))
    shared = _hash(common.encode(), tree_digest(root / "content", known).encode(), tree_digest(root / "data", known).encode())
    network = _hash(shared.encode(), folder.encode())
    known.save()
    return Fingerprints(campaigns, network, shared)


def with_links(prints: Fingerprints, links: dict[str, str]) -> Fingerprints:
    """The fingerprints once each campaign's `links` to other campaigns are known (its programme's
    editions before and after it, which its sites link): a new edition elsewhere changes them."""
    return Fingerprints({slug: _hash(key.encode(), links.get(slug, "").encode()) for slug, key in prints.campaigns.items()},
                        prints.network)


def listing_digest(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """The files under `folder` by path and size (not content: a quick look that a folder is still as
    a build left it); `skip` names entries left out, by their path under `folder` ("gent-2024",
    ".campaignsite-state.json"). Links are listed, never followed."""
    digest = hashlib.blake2b(digest_size=20)

    def visit(path: str, prefix: str) -> None:
        with os.scandir(path) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            if f"{prefix}{entry.name}" in skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, f"{prefix}{entry.name}/")
            else:
                size = entry.stat(follow_symlinks=False).st_size if entry.is_file(follow_symlinks=False) else -1
                digest.update(f"{prefix}{entry.name} {size}\n".encode("utf-8", "surrogateescape"))

    try:
        visit(os.fspath(folder), "")
    except OSError:
        return ""
    return digest.hexdigest()


def stamp(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """A quick look at `folder` (its entries and theirs one level down, by stat: inode, size,
    modification time), the stat of every folder changing when an entry is added, removed or renamed in it."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        info = os.lstat(folder)
        digest.update(f"{info.st_ino} {info.st_mtime_ns} {info.st_mode}\n".encode())
        with os.scandir(folder) as scan:
            entries = sorted((entry for entry in scan if entry.name not in skip), key=lambda entry: entry.name)
        for entry in entries:
            info = entry.stat(follow_symlinks=False)
            digest.update(f"{entry.name} {info.st_ino} {info.st_mtime_ns} {info.st_size} {info.st_mode}\n"
                          .encode("utf-8", "surrogateescape"))
    except OSError:
        return ""
    return digest.hexdigest()


class Stamps:
    """The stamps (see stamp) of the output's folders as the last build left them, each beside the
    listing_digest the state records for it: a folder whose stamp is unchanged is taken to be as that
    build left it without listing its thousands of files (a no-op build at 300 campaigns listed 62,000
    of them, 1.4 s). Kept in the build's cache, never in the output (inodes and times differ from one
    build to the next; the published state must not); without it, the listing decides, as before.
    A file changed by hand two levels down a folder goes unseen by this look: `--full` builds anew."""

    def __init__(self, output: Path, folder: Path = CACHE_ROOT / "outputs"):
        self.output = output
        self.path = folder / f"{_hash(os.fsencode(os.path.abspath(output)))}.json"
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known = known if isinstance(known, dict) else {}
        self.listed = False  # whether a folder had to be listed (its stamp unknown or changed)

    def intact(self, name: str, listing: str, skip: frozenset[str] = frozenset()) -> bool:
        """Whether the output's entry `name` ("." for the output but its campaigns) is still what the
        state says (`listing`, the listing_digest it recorded)."""
        folder = self.output / name
        if self.known.get(name) == [listing, stamp(folder, skip)]:
            return True
        self.listed = True
        return listing_digest(folder, skip) == listing

    def record(self, state: State, skip: frozenset[str]) -> None:
        """The stamps of the output as `state`, just swapped in, describes it (`skip` as for unchanged)."""
        stamps = {".": [state.files, stamp(self.output, others(state, skip))]}
        stamps |= {slug: [record.files, stamp(self.output / slug)] for slug, record in state.campaigns.items()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            scratch = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            scratch.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
            os.replace(scratch, self.path)
        except OSError:
            pass  # no cache: the next build lists the output, as without one


@dataclass(frozen=True)
class CampaignRecord:
    key: str    # the campaign's fingerprint
    files: str  # listing_digest of its output folder
    sites: int
    pages: int


@dataclass(frozen=True)
class State:
    """What a build left in its output: the fingerprints it was made from and how its files looked."""

    network: str
    files: str  # listing_digest of the output but the campaigns' folders (see others)
    campaigns: dict[str, CampaignRecord] = field(default_factory=dict)
    counts: tuple[int, int, int] = (0, 0, 0)  # campaigns, sites, pages
    # The keys of the portal's keyed pages, by site and URL (render/templates.py: page_key): a page
    # whose key is the same again is taken from this output as it is.
    pages: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "network": self.network, "files": self.files, "counts": self.counts,
                           "campaigns": {slug: vars(record) for slug, record in sorted(self.campaigns.items())},
                           "pages": self.pages}, indent=1, sort_keys=True) + "\n"


def read_state(output: Path) -> State | None:
    """The state the last build left in `output`; None where there is none or it cannot be trusted."""
    try:
        data = json.loads((output / STATE_FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        pages = data["pages"]
        if not all(isinstance(keys, dict) and all(isinstance(key, str) for key in keys.values())
                   for keys in pages.values()):
            return None
        return State(data["network"], data["files"],
                     {slug: CampaignRecord(**record) for slug, record in data["campaigns"].items()},
                     tuple(data["counts"]), {site: dict(keys) for site, keys in pages.items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def others(state: State, skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """What State.files leaves out of the output: this file, `skip` and every campaign's folder (each
    has its own record), so that a build that keeps them lists only what it built."""
    return skip | {STATE_FILE} | set(state.campaigns)


def unchanged(previous: State | None, prints: Fingerprints, output: Path, skip: frozenset[str]) -> bool:
    """Whether `output` is already what a build of `prints` makes: same input, files as they were left."""
    if previous is None or previous.network != prints.network:
        return False
    stamps = Stamps(output)
    if not (stamps.intact(".", previous.files, others(previous, skip))
            and all(_intact(stamps, slug, record.files) for slug, record in previous.campaigns.items())):
        return False
    if stamps.listed:  # as the listing found it: the next look needs no listing
        stamps.record(previous, skip)
    return True


def reusable(previous: State | None, prints: Fingerprints, output: Path) -> dict[str, CampaignRecord]:
    """The campaigns whose folder in `output` a build may keep: same fingerprint, files all there."""
    records, stamps = previous.campaigns if previous else {}, Stamps(output)
    return {slug: record for slug, record in records.items()
            if prints.campaigns.get(slug) == record.key and _intact(stamps, slug, record.files)}


def page_keys(previous: State | None, output: Path, skip: frozenset[str]) -> dict[str, dict[str, str]]:
    """The previous build's page keys (State.pages) where its files outside the campaigns' folders are
    all still as it left them (`skip` as for unchanged): its kept pages are taken from there."""
    if previous is None or not previous.pages or not Stamps(output).intact(".", previous.files, others(previous, skip)):
        return {}
    return previous.pages


def _intact(stamps: Stamps, slug: str, files: str) -> bool:
    """Whether the campaign's folder is a real folder whose files are as the build that recorded `files`
    left them."""
    folder = stamps.output / slug
    return folder.is_dir() and not folder.is_symlink() and stamps.intact(slug, files)
