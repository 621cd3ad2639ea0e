"""What the build knows of a file by its stat: its content digest (the fingerprints of write/incremental.py)
or another value computed from its bytes (load/todos.py: whether it holds a TODO), read again only when
the file's stat changed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from campaignsite.core.places import CACHE_ROOT


class StatCache:
    """Each file's content digest by its stat (size, modification and change times, inode): a file
    whose stat is the one recorded is not read again; any other is. Kept in the build's cache folder
    (never in the output), one file per project; losing it only costs reading every file once.

    As git's index does against "racy" files, a file changed within a second of the look that
    recorded it is not recorded (a change within the file system's clock tick would keep its stat):
    the look's start is a scratch file's own modification time, never the build's clock."""

    def __init__(self, root: Path, folder: Path = CACHE_ROOT / "fingerprints", compute=None):
        # What is kept of a file: its content digest, or what `compute(path)` says of it (a JSON value).
        self.compute = compute or file_digest
        self.path = folder / f"{hashlib.blake2b(os.fsencode(root.resolve()), digest_size=20).hexdigest()}.json"
        try:
            self.known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, list] = {}
        self.scratch = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.scratch.write_text("", encoding="utf-8")
            self.start = os.stat(self.scratch).st_mtime_ns - 10 ** 9
        except OSError:
            self.start = None  # no cache folder: every file is read, nothing recorded

    def digest(self, path: str, info: os.stat_result) -> str:
        """The digest of the regular file `path` whose lstat is `info`."""
        stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]
        known = self.known.get(path) if isinstance(self.known, dict) else None
        if isinstance(known, list) and known[:-1] == stamp:
            digest = known[-1]
        else:
            digest = self.compute(path)
        if self.start is not None and max(info.st_mtime_ns, info.st_ctime_ns) < self.start:
            self.seen[path] = [*stamp, digest]
        return digest

    def save(self) -> None:
        """Record the files looked at (only those: a file gone is forgotten)."""
        if self.start is None:
            return
        try:
            self.scratch.write_text(json.dumps(self.seen, separators=(",", ":")), encoding="utf-8")
            os.replace(self.scratch, self.path)
        except OSError:
            self.scratch.unlink(missing_ok=True)


def file_digest(path: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as handle:
            while piece := handle.read(1 << 20):  # in pieces: memory stays flat
                digest.update(piece)
    except OSError as exc:
        return f"unreadable {exc.errno}"
    return digest.hexdigest()
