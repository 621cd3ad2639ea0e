"""The one writer: every file the build writes goes through `Writer`.

It refuses to write a path twice and any path outside its root, so two pages can never silently
overwrite each other and no slug can escape the output folder. See pelican/writers.py: _open_w.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed


class Writer:
    """Writes files under `root`, each path at most once."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: set[Path] = set()
        self.kept: set[tuple[str, ...]] = set()  # folders kept whole from the previous output (see keep)

    def target(self, rel: str) -> Path:
        """The absolute path for `rel`, refused if it leaves the root or was written already."""
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise BuildFailed(f"refusing to write '{rel}': outside the output folder", Code.UNSAFE_PATH)
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root):
            raise BuildFailed(f"refusing to write '{rel}': outside the output folder", Code.UNSAFE_PATH)
        inside = path.relative_to(self.root).parts
        if path in self.written or any(inside[:depth] in self.kept for depth in range(1, len(inside) + 1)):
            raise BuildFailed(f"refusing to write '{rel}' twice", Code.DOUBLE_WRITE)
        self.written.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, rel: str, content: str | bytes) -> Path:
        """Write text (UTF-8, LF) or bytes to `rel`."""
        path = self.target(rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    def copy(self, rel: str, source: Path) -> Path:
        """Copy a file's bytes (not its timestamps) to `rel`."""
        path = self.target(rel)
        shutil.copyfile(source, path)
        return path

    def keep(self, rel: str, source: Path) -> None:
        """Keep the folder `source` of the previous output as `rel`: it stays where it is, untouched (the
        output is then updated folder by folder, see output.OutputPlace.swap_folders), and nothing may be
        written into `rel` by this build."""
        path = self.target(rel)
        self.written.discard(path)
        if path.exists():
            raise BuildFailed(f"refusing to write '{rel}' twice", Code.DOUBLE_WRITE)
        refuse_links(source)
        self.kept.add(path.relative_to(self.root).parts)

    def kept_paths(self) -> frozenset[str]:
        """The folders kept from the previous output, by their path from the root ("gent-2024")."""
        return frozenset("/".join(parts) for parts in self.kept)


def refuse_links(source: Path) -> None:
    """A kept folder holds only folders and regular files, as every build writes them: a link planted in
    a previous output (a committed site/ with a forged state file) would publish what it points to."""
    found = [source] if source.is_symlink() or not source.is_dir() else []
    if not found:
        found = _irregular(os.fspath(source))
    if found:
        raise BuildFailed(f"refusing to keep '{found[0]}' from the previous output: it is a link or not a regular "
                          f"file or folder, which no build writes; remove the output and build again", Code.UNSAFE_OUTPUT)


def _irregular(folder: str) -> list[Path]:
    """What under `folder` is neither a folder nor a regular file, by each entry's type as the folder
    lists it (no stat per file: a kept campaign is thousands of them)."""
    found = []
    with os.scandir(folder) as scan:
        for entry in scan:
            if entry.is_dir(follow_symlinks=False):
                found += _irregular(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return found
