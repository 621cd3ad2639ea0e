"""The output place: where a build may write, one build at a time, the new site swapped in.

A build writes only into a folder it made (marked by MARKER) or a new one: never the project, a
folder above it, a file or someone's non-empty folder. A lock file beside the output, there while
a build runs, keeps a second build out and names the one at work. What a build makes is staged in a
folder beside the output, then swapped in:
- a first or --full build exchanges the whole output with the stage in one atomic step (Linux
  renameat2 RENAME_EXCHANGE): at every instant the output is the whole old site or the whole new one;
- an incremental build stages only what it made (the changed campaigns' folders with their search
  bundles, the portal's folders and files at the top) and exchanges each with its namesake
  in the output (swap_folders), one atomic step per folder; what the new site no longer has (a deleted
  campaign's folder) is moved aside, and the state file goes in last. At every instant each folder is
  its old or its new self. The steps are written to a journal in the stage first: a build killed
  before it leaves the output untouched, one killed after is carried through by the next build (clean).
Where the file system has no atomic exchange, two renames: a moment without that one folder.

The three names beside the output (`.<name>.lock`, `.building`, `.old`) are the build's own: a
symbolic link or anything the build did not make under one of them (committed to a repository, say)
is refused, never followed, written through or deleted (issue 20). The lock is opened with
O_NOFOLLOW, the staging folder made with mkdir, which never follows a link either.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import socket
import stat
import sys
from pathlib import Path, PurePosixPath

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
FS_IOC_GETFLAGS, FS_IMMUTABLE_FL, FS_APPEND_FL = 0x80086601, 0x10, 0x20  # linux/fs.h, as `lsattr` reads them
JOURNAL = "journal.json"  # in the staging folder: the folders a build swaps in (see swap_folders)
LOCK_TEXT = "build.py, process "  # how every lock file the build writes begins
# O_NONBLOCK: a pipe planted under the lock's name must not hang the build.
LOCK_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


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
        self.check_own_names()

    def check_writable(self) -> None:
        """Refuse, before anything is built, an output the build could not replace: the folder it goes
        in (or the nearest one that exists) and the output itself must take new names and lose old ones.
        Root may write where chmod says no, but not into an immutable folder or a read-only file system."""
        folder = self.output.parent
        while not os.path.lexists(folder):
            folder = folder.parent
        places = (folder, self.output) if os.path.lexists(self.output) else (folder,)
        for place in places:
            error = unwritable(place)
            if error:
                raise self.write_failed(OSError(error, os.strerror(error), str(place)))

    def check_own_names(self) -> None:
        """Refuse a link, or anything the build did not make, under the names it keeps beside the output."""
        for path in (self.lock_file, self.stage, self.old):
            try:
                info = os.lstat(path)
            except (FileNotFoundError, NotADirectoryError):  # no such name, or no such folder to hold it
                continue
            if stat.S_ISLNK(info.st_mode):
                self.refuse_name(path, linked=True)
            if path == self.lock_file:
                if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or not is_lock_text(read_start(path)):
                    self.refuse_name(path)
            elif not stat.S_ISDIR(info.st_mode) or not is_own_folder(path):
                self.refuse_name(path)

    def refuse_name(self, path: Path, linked: bool = False):
        if linked:
            why = msg("%(file)s, a name the build keeps for itself, is a symbolic link, which the build never "
                      "follows; remove it", file=path)
        else:
            why = msg("%(file)s, a name the build keeps for itself, holds something build.py did not make there; "
                      "remove it", file=path)
        self.refuse(why)

    def refuse(self, why: str):
        raise BuildFailed(msg("refusing to build into %(output)s: %(why)s", output=self.output, why=why),
                          Code.UNSAFE_OUTPUT)

    def write_failed(self, exc: OSError) -> BuildFailed:
        return BuildFailed(msg("cannot build into %(output)s: %(reason)s: %(file)s", output=self.output,
                               reason=exc.strerror, file=exc.filename), Code.WRITE_FAILED)

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
                fd = os.open(self.lock_file, LOCK_FLAGS, 0o644)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):  # a link, folder or socket: not ours
                    self.refuse_name(self.lock_file, linked=exc.errno == errno.ELOOP)
                raise self.write_failed(exc) from exc
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:  # a pipe, or another file's second name
                os.close(fd)
                self.refuse_name(self.lock_file)
            os.set_blocking(fd, True)
            handle = open(fd, "a+", encoding="utf-8")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                text = handle.read().strip()
                handle.close()
                if not is_lock_text(text):
                    self.refuse_name(self.lock_file)
                other = text or msg("another build")
                raise BuildFailed(msg("another build is writing %(output)s (%(other)s); try again when it has "
                                      "finished", output=self.output, other=other), Code.OUTPUT_LOCKED) from None
            try:
                if os.stat(self.lock_file).st_ino == os.fstat(handle.fileno()).st_ino:
                    handle.seek(0)
                    if is_lock_text(handle.read(len(LOCK_TEXT))):
                        return handle
                    handle.close()
                    self.refuse_name(self.lock_file)
            except FileNotFoundError:
                pass
            handle.close()  # the previous holder deleted this file as we locked it

    def leftovers(self) -> bool:
        """Whether a killed build left its staging or old folder beside the output (clean removes them)."""
        return os.path.lexists(self.stage) or os.path.lexists(self.old)

    def clean(self) -> None:
        """Finish or undo what a killed build left beside the output (under the lock, so no build uses
        it): a build killed while swapping folders in (its journal written) is carried through, one
        killed before leaves the output as it was; then its folders are removed. Anything else there is
        refused, never deleted."""
        self.check_own_names()
        journal = read_journal(self.stage / JOURNAL)
        if journal is not None:
            if not self.trusted(journal):
                self.refuse_name(self.stage)
            try:
                self.roll_forward(journal)
            except OSError as exc:
                raise self.write_failed(exc) from exc
        for leftover in (self.stage, self.old):
            if os.path.lexists(leftover):
                try:
                    shutil.rmtree(leftover)
                except OSError as exc:  # an immutable file in it, say: said now, not as "not ours" later
                    raise self.write_failed(exc) from exc

    def make_stage(self) -> None:
        """Make the staging folder anew, marked as the build's own; mkdir never follows a link."""
        try:
            os.mkdir(self.stage)
            (self.stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        except FileExistsError:
            self.refuse_name(self.stage)
        except OSError as exc:
            raise self.write_failed(exc) from exc

    def discard_stage(self) -> None:
        """Remove the staging folder once the build is over, unless it holds the journal of a swap that
        failed midway (a full disk, say): the next build carries that through first (see clean)."""
        if read_journal(self.stage / JOURNAL) is None:
            shutil.rmtree(self.stage, ignore_errors=True)

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

    def swap_folders(self, built: Path, kept: frozenset[str], last: str) -> None:
        """Update the output in place from `built` (the stage's html/, which holds what this build made
        and nothing of what it keeps): each of its folders and files exchanged with its namesake in the
        output, one atomic step each; what the output has that `built` has not, and `kept` does not name,
        put aside; `last` (the build's state file) swapped in last. The old versions, in the stage, go
        with it. A journal of the steps, written before the first of them, lets the next build finish
        them should this one be killed midway (see clean): every folder is then old or new, never half."""
        replace, delete = units(built, self.output, kept | {MARKER})
        replace.sort(key=lambda rel: rel == last)
        journal = {"replace": [[rel, os.lstat(built / rel).st_ino] for rel in replace], "delete": delete}
        scratch = self.stage / f"{JOURNAL}.tmp"
        scratch.write_text(json.dumps(journal), encoding="utf-8")
        os.replace(scratch, self.stage / JOURNAL)  # the build's point of no return: next builds go on
        self.roll_forward(journal)
        os.unlink(self.stage / JOURNAL)  # all done: the stage, with the old versions, may go

    def trusted(self, journal: dict) -> bool:
        """Whether a journal found in the stage is one a build wrote (a stage committed to a repository
        could hold a forged one): relative paths inside the output, through no link, to move in a folder
        or file that holds no link (issue 20)."""
        try:
            steps = [(rel, int(inode)) for rel, inode in journal["replace"]] + [(rel, 0) for rel in journal["delete"]]
        except (TypeError, ValueError):
            return False
        for rel, _inode in steps:
            parts = PurePosixPath(rel).parts if isinstance(rel, str) else ()
            if not parts or PurePosixPath(rel).is_absolute() or {"..", "."} & set(parts) or rel.endswith("/"):
                return False
            for top in (self.output, self.stage / "html"):
                if any(os.path.islink(top.joinpath(*parts[:depth])) for depth in range(1, len(parts) + 1)):
                    return False
        for rel, _inode in journal["replace"]:
            new = self.stage / "html" / rel
            if new.is_dir() and any(os.path.islink(os.path.join(folder, name)) or not (
                    os.path.isdir(os.path.join(folder, name)) or os.path.isfile(os.path.join(folder, name)))
                    for folder, dirs, files in os.walk(new) for name in dirs + files):
                return False
        return True

    def roll_forward(self, journal: dict) -> None:
        """Carry out a journal of swap_folders, skipping the steps done already: a folder whose inode is
        the new one's is in; one deleted is aside."""
        built, aside = self.stage / "html", self.stage / "aside"
        for rel, inode in journal["replace"]:
            target = self.output / rel
            try:
                if os.lstat(target).st_ino == inode:
                    continue
            except FileNotFoundError:
                os.rename(built / rel, target)
                continue
            if not exchange(built / rel, target):  # no atomic exchange here: a moment without this folder
                (aside / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(target, aside / rel)
                os.rename(built / rel, target)
        for rel in journal["delete"]:
            if os.path.lexists(self.output / rel):
                (aside / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.output / rel, aside / rel)


def units(built: Path, output: Path, kept: frozenset[str]) -> tuple[list[str], list[str]]:
    """What swap_folders exchanges: the entries of `built` (replaced in the output) and those of the
    output that `built` has not (deleted), by path. An entry holding a kept one is not a unit: its own
    entries are (were a kept "a/b" inside a built "a/", the files of "a/" and "a/c" would be units)."""
    replace, delete = [], []

    def names(folder: Path) -> set[str]:
        try:
            return set(os.listdir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return set()

    def visit(prefix: str) -> None:
        new = names(built / prefix)
        for name in sorted(new | names(output / prefix)):
            rel = prefix + name
            if rel in kept:
                continue
            if any(path.startswith(rel + "/") for path in kept):
                visit(rel + "/")
            else:
                (replace if name in new else delete).append(rel)

    visit("")
    return replace, delete


def read_journal(path: Path) -> dict | None:
    """The journal of a build killed while swapping folders in, or None (none, or never finished)."""
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return journal if isinstance(journal, dict) and {"replace", "delete"} <= set(journal) else None


def unwritable(folder: Path) -> int | None:
    """Why no entry can be added to or removed from `folder`, as an errno; None if they can."""
    if not folder.is_dir():
        return errno.ENOTDIR
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return errno.EROFS
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            flags = int.from_bytes(fcntl.ioctl(fd, FS_IOC_GETFLAGS, bytes(8))[:4], sys.byteorder)
        finally:
            os.close(fd)
    except OSError:
        flags = 0  # a file system without these flags, or a folder we may not open: access() decides
    if flags & (FS_IMMUTABLE_FL | FS_APPEND_FL):
        return errno.EPERM
    return None if os.access(folder, os.W_OK | os.X_OK) else errno.EACCES


def is_lock_text(text: str) -> bool:
    """Whether `text` begins a lock file the build wrote (empty too: a build killed as it began one)."""
    return text == "" or text.startswith(LOCK_TEXT) or LOCK_TEXT.startswith(text)


def read_start(path: Path) -> str:
    """The first bytes of the regular file `path`, read without following a link or blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return "?"
    with os.fdopen(fd, "rb") as handle:
        return handle.read(len(LOCK_TEXT)).decode("utf-8", "replace")


def is_own_folder(folder: Path) -> bool:
    """Whether `folder` is one the build made: marked (MARKER, a regular file), or empty."""
    try:
        if stat.S_ISREG(os.lstat(folder / MARKER).st_mode):
            return True
    except FileNotFoundError:
        pass
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


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
