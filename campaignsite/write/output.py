"""The output place: where a build may write, one build at a time, the new site swapped in whole.

A build writes only into a folder it made (marked by MARKER) or a new one: never the project, a
folder above it, a file or someone's non-empty folder. A lock file beside the output, there while
a build runs, keeps a second build out and names the one at work. The new site is made in a staging folder beside the output
and exchanged with it in one atomic step (Linux renameat2 RENAME_EXCHANGE), so at every instant
the output is the whole old site or the whole new one; what a killed build left is cleaned up by
the next one, under the lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import os
import shutil
import socket
from pathlib import Path

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, msg
from campaignsite.core.places import CODE_ROOT

MARKER = ".campaignsite-output"
MARKER_TEXT = "This folder is the output of campaignsite's build.py; each build replaces it whole.\n"
# Folders of a project that hold its sources: an output inside one would be read back as input.
SOURCE_FOLDERS = ("campaigns", "content", "data", "theme", "campaignsite", "tests", "tools", "deploy", ".git",
                  ".venv", "node_modules")
ENGINE_ROOT = CODE_ROOT
RENAME_EXCHANGE = 2  # linux/fs.h


class OutputPlace:
    """The output folder of a build and the files beside it: `.<name>.building`, `.<name>.old`,
    `.<name>.lock`."""

    def __init__(self, output: Path, root: Path):
        self.output, self.root = output, root
        self.stage = output.parent / f".{output.name}.building"
        self.old = output.parent / f".{output.name}.old"
        self.lock_file = output.parent / f".{output.name}.lock"

    def check(self) -> None:
        """Refuse an output that is not ours to replace, before anything is written."""
        output, root = self.output.resolve(), self.root.resolve()
        if self.output.is_symlink():
            self.refuse(msg("it is a symbolic link"))
        for project in (root, ENGINE_ROOT):  # the data's folder, and the build's own code
            if output == project or project.is_relative_to(output):
                self.refuse(msg("it is the project folder or a folder above it"))
            if any(output.is_relative_to(project / folder) for folder in SOURCE_FOLDERS):
                self.refuse(msg("it is inside a source folder of the project"))
        if output.exists() and not output.is_dir():
            self.refuse(msg("it is a file, not a folder"))
        if output.is_dir() and not (output / MARKER).is_file() and any(output.iterdir()):
            self.refuse(msg("it holds files that build.py did not make (no %(marker)s in it); empty it or choose "
                            "another folder", marker=MARKER))

    def refuse(self, why: str):
        raise BuildFailed(msg("refusing to build into %(output)s: %(why)s", output=self.output, why=why),
                          Code.UNSAFE_OUTPUT)

    @contextlib.contextmanager
    def locked(self):
        """Hold the output's lock for the whole build; a second build fails at once, naming this one.

        The lock file exists only while a build holds it: the holder deletes it before letting go,
        and a build that locked a file already deleted that way tries again with a new one.
        """
        handle = self._lock()
        with handle:
            handle.seek(0)
            handle.truncate()
            # The wall clock only names this build to a waiting one; nothing built depends on it.
            handle.write(f"build.py, process {os.getpid()} on {socket.gethostname()}, "
                         f"started {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}\n")
            handle.flush()
            try:
                yield self
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.lock_file)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _lock(self):
        while True:
            try:
                self.output.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.lock_file, "a+", encoding="utf-8")
            except OSError as exc:
                raise BuildFailed(msg("cannot build into %(output)s: %(reason)s: %(file)s", output=self.output,
                                      reason=exc.strerror, file=exc.filename), Code.WRITE_FAILED) from exc
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                other = handle.read().strip() or msg("another build")
                handle.close()
                raise BuildFailed(msg("another build is writing %(output)s (%(other)s); try again when it has "
                                      "finished", output=self.output, other=other), Code.OUTPUT_LOCKED) from None
            try:
                if os.stat(self.lock_file).st_ino == os.fstat(handle.fileno()).st_ino:
                    return handle
            except FileNotFoundError:
                pass
            handle.close()  # the previous holder deleted this file as we locked it

    def leftovers(self) -> bool:
        """Whether a killed build left its staging or old folder beside the output (clean removes them)."""
        return self.stage.exists() or self.old.exists()

    def clean(self) -> None:
        """Remove what a killed build left beside the output (under the lock, so no build uses it)."""
        for leftover in (self.stage, self.old):
            shutil.rmtree(leftover, ignore_errors=True)

    def swap_in(self, built: Path) -> None:
        """Make `built` the output in one atomic step; the previous site is then deleted."""
        (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        if not self.output.exists():
            os.rename(built, self.output)
            return
        if exchange(built, self.output):
            shutil.rmtree(built, ignore_errors=True)  # `built` now holds the previous site
            return
        # No atomic exchange on this file system: two renames, a moment without the output.
        os.rename(self.output, self.old)
        os.rename(built, self.output)
        shutil.rmtree(self.old, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(error, os.strerror(error), str(b))
