"""Files we choose to read: no symbolic link followed, only regular files with one name (no hard link),
no editors' droppings, no two names in a folder that a case-insensitive system takes for one, every
file bounded before it is read, control characters refused with their line.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, relpath
from campaignsite.load.limits import Limits, default_limits, raise_hint, too_large

NETWORK_FILE = "network.yml"

SYMLINK_MESSAGE = msg("is a symbolic link, which the build does not follow: put the file or folder itself here")

# A hard link is a second name of a file that may live anywhere on the disk (a deploy key, say): no
# path tells where its content comes from, so a file with other names is never read (issue 20).
HARD_LINK_MESSAGE = msg("has other names on this disk (a hard link), which could be a file outside the project: "
                        "put a copy of the file here instead")

TOP_FOLDERS = ("campaigns", "content", "data")

# Editors' and systems' droppings: never read, never listed, never published.
DROPPINGS = frozenset({"Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini", "Icon\r"})

DROPPING_FORM = re.compile(r"\A(\..*|.*~|~\$.*|#.*#|.*\.(swp|swo|swx))\Z", re.S)


def is_dropping(name: str) -> bool:
    """A dotfile, editor backup or lock (`x~`, `#x#`, `~$x.docx`, `.x.swp`) or system file (Thumbs.db)."""
    return name in DROPPINGS or bool(DROPPING_FORM.match(name))


def entry_kind(path: Path) -> str | None:
    """'file', 'dir', 'link' or 'other' (pipe, socket, device), without following a link; None if absent."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    return "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"


def folder_names(folder: Path, limits: Limits) -> list[str]:
    """The names in `folder` that are not droppings, sorted, leaving out names with invisible or
    undecodable characters; at most `limits.folder_entries` are read (scan_inputs reports those)."""
    names = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= limits.folder_entries:
                    break
                if not is_dropping(entry.name) and entry.name.isprintable():
                    names.append(entry.name)
    except OSError:
        return []
    return sorted(names)


def has_other_names(path: Path) -> bool:
    """Whether the file `path` has other names (hard links), without following a link."""
    try:
        return os.lstat(path).st_nlink > 1
    except OSError:
        return False


def scan_inputs(root: Path, limits: Limits, problems: list[Problem]) -> None:
    """Report every symbolic link, file with other names (a hard link) and special file (pipe, socket,
    device) under campaigns/, content/ and data/, and every folder with more entries than the limit.
    Links are not followed: the loaders skip whatever is not a regular file or folder.
    Names a case-insensitive system would take for one are reported too (name_clashes)."""
    stack = [root / top for top in TOP_FOLDERS]
    while stack:
        path = stack.pop()
        kind = entry_kind(path)
        rel = printable(relpath(path, root))
        if kind == "file" and has_other_names(path):
            problems.append(Problem(rel, None, "", HARD_LINK_MESSAGE, Code.HARD_LINK))
        if not path.name.isprintable():
            # A line break or an escape sequence in a name would forge or garble the build's log.
            problems.append(Problem(rel, None, "", msg("has invisible or undecodable characters in its name; rename "
                                                       "it"), Code.BAD_FILE_NAME))
        if kind == "link":
            problems.append(Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK))
        elif kind == "other":
            problems.append(Problem(rel, None, "", msg("is not a regular file or folder (a pipe, socket or device); "
                                                       "remove it"), Code.UNREADABLE_FILE))
        elif kind == "dir":
            names = []
            try:
                with os.scandir(path) as entries:
                    for count, entry in enumerate(entries):
                        if count >= limits.folder_entries:
                            problems.append(Problem(rel, None, "", msg(
                                "holds more than %(count)s files and folders; %(hint)s",
                                count=f"{limits.folder_entries:,}", hint=raise_hint("folder_entries")),
                                Code.TOO_MANY))
                            break
                        names.append(entry.name)
            except OSError as exc:
                problems.append(Problem(rel, None, "", msg("cannot be read: %(reason)s", reason=exc.strerror),
                                        Code.UNREADABLE_FILE))
            stack += [path / name for name in names]
            problems += name_clashes(path, sorted(names), root)


def name_clashes(folder: Path, names: list[str], root: Path) -> list[Problem]:
    """A problem for each name in `folder` that is another's once case and Unicode normalisation are set
    aside: macOS and Windows keep one file for `Logo.svg` and `logo.svg`, or for `é` written as one
    character (NFC) and as `e` with an accent (NFD), so a checkout there would publish either."""
    first: dict[str, str] = {}
    found = []
    for name in names:
        if is_dropping(name):
            continue
        key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
        if key in first:
            found.append(Problem(printable(relpath(folder / name, root)), None, "", msg(
                "has the same name as %(other)s but for upper and lower case or the way an accent is written: "
                "macOS and Windows take them for one file; rename one of them",
                other=f"'{printable(first[key])}'"), Code.NAME_CLASH))
        first.setdefault(key, name)
    return found


def printable(value) -> str:
    """`value` as text that keeps a problem on one line: line breaks and other invisibles escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


# Control characters no text file needs: C0 but tab, LF and CR; DEL; C1. They are invisible in most
# editors, and NUL or ESC in a log or a page can do harm.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: msg("backspace"), 0x0B: msg("vertical tab"), 0x0C: msg("form feed"),
                 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}

CONTROL_LINES_SHOWN = 10

FILE_KINDS = {"yaml": msg("a YAML file"), "csv": msg("a CSV file"), "markdown": msg("a Markdown file")}


def read_text(path: Path, root: Path, problems: list[Problem], limits: Limits | None = None,
              kind: str = "yaml") -> str | None:
    """UTF-8 text of a regular file (a link is not followed), at most `limits.<kind>_bytes` long, a
    leading BOM dropped and CRLF turned into LF; None if it cannot be used."""
    rel = relpath(path, root)
    limits = limits or default_limits()
    limit = getattr(limits, f"{kind}_bytes")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if entry_kind(path) == "link":
            problems.append(Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK))
        else:
            problems.append(Problem(rel, None, "", msg("cannot be read: %(reason)s", reason=exc.strerror),
                                    Code.UNREADABLE_FILE))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(rel, None, "", msg("is not a regular file (a folder, pipe or device)"),
                                    Code.UNREADABLE_FILE))
            return None
        if info.st_nlink > 1:
            problems.append(Problem(rel, None, "", HARD_LINK_MESSAGE, Code.HARD_LINK))
            return None
        # The size is checked before the file is read, and the read is bounded in case it grows meanwhile.
        if info.st_size > limit:
            problems.append(too_large(rel, info.st_size, limit, FILE_KINDS[kind], f"{kind}_bytes"))
            return None
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        problems.append(too_large(rel, len(raw), limit, FILE_KINDS[kind], f"{kind}_bytes"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "", msg("is not UTF-8 text (byte %(byte)s); save the file as UTF-8",
                                                   byte=f"0x{raw[exc.start]:02x}"), Code.NOT_UTF8))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = control_problems(text, rel)
    if found:
        problems.extend(found)
        return None
    return text


def control_problems(text: str, rel: str) -> list[Problem]:
    """A problem for each line (the first ten) that holds a control character, naming it and its column."""
    found: list[Problem] = []
    search_from = counted_to = 0
    line = 1
    while match := CONTROL.search(text, search_from):
        start = match.start()
        line += text.count("\n", counted_to, start)
        counted_to = start
        if len(found) == CONTROL_LINES_SHOWN:
            found.append(Problem(rel, line, "", msg("has more lines with control characters; remove those first"),
                                 Code.CONTROL_CHARACTER))
            break
        char = ord(match.group())
        name = CONTROL_NAMES.get(char) or msg("a control character")
        column = start - text.rfind("\n", 0, start)
        found.append(Problem(rel, line, "", msg("holds %(name)s (%(char)s) at column %(column)s, an invisible "
                                                "character that text files must not contain: remove it", name=name,
                                                char=f"U+{char:04X}", column=column), Code.CONTROL_CHARACTER))
        end_of_line = text.find("\n", start)
        if end_of_line < 0:
            break
        search_from = end_of_line + 1
    return found
