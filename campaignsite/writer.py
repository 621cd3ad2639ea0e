"""The one writer: every file the build writes goes through `Writer`.

It refuses to write a path twice and any path outside its root, so two pages can never silently
overwrite each other and no slug can escape the output folder. See pelican/writers.py: _open_w.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from .codes import Code
from .errors import BuildFailed


class Writer:
    """Writes files under `root`, each path at most once."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: set[Path] = set()

    def target(self, rel: str) -> Path:
        """The absolute path for `rel`, refused if it leaves the root or was written already."""
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise BuildFailed(f"refusing to write '{rel}': outside the output folder", Code.UNSAFE_PATH)
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root):
            raise BuildFailed(f"refusing to write '{rel}': outside the output folder", Code.UNSAFE_PATH)
        if path in self.written:
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
