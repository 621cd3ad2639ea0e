"""Errors as data: every problem found in the input is a `Problem` with a stable code (core/codes.py).

Validation collects problems instead of raising at the first one, so an editor sees every mistake
in one run (MkDocs stops at the first bad option; we do better).

One convention everywhere: a function that checks something takes the `problems` list of its caller
and appends to it (returning what it made, or whether it found nothing); only a small helper that
makes problems for one place returns them to the checker that calls it.

A problem's message is a `Message`: a catalogue msgid with named values, made with `msg()` (or
`nmsg()` for a count), which `make messages` extracts like the site's own strings (babel.cfg). It
reads as English wherever a `str` is expected, and `render(lang)` gives it in the editor's language
from the same catalogues as the sites (campaignsite/locale/). Only the sentence is translated: the
values put into it (file and field names, quoted values, dates, lists of allowed values, the
descriptions from data/schemas/) stay as they are, and so does the code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Mapping

from campaignsite.core.catalogue import get_catalogue
from campaignsite.core.codes import Code
from campaignsite.core.languages import CODES as LANGUAGES

DEFAULT_LANGUAGE = "en"


class Message(str):
    """A msgid with its values; as a `str`, the English text (msgid % values).

    A value may itself be a Message (a word such as "a text", a reason): it is rendered in the
    same language. `count` chooses between the singular and plural msgids (`nmsg`)."""

    msgid: str
    plural: str | None
    count: int | None
    values: Mapping[str, object]

    def __new__(cls, msgid: str, values: Mapping[str, object] | None = None, plural: str | None = None,
                count: int | None = None):
        values = dict(values or {})
        english = plural if plural is not None and count != 1 else msgid
        self = super().__new__(cls, _fill(english, values, None))
        self.msgid, self.plural, self.count, self.values = msgid, plural, count, values
        return self

    def __reduce__(self):
        # A str subclass with attributes: rebuilt from its parts in a worker process or a pickle.
        return (Message, (self.msgid, self.values, self.plural, self.count))

    def render(self, lang: str | None = None) -> str:
        """The message in `lang` (English when None). A msgid a catalogue lacks stays English, so
        an editor always gets the report; tests/test_i18n.py keeps every catalogue complete."""
        if lang is None:
            return str.__str__(self)

        catalogue = get_catalogue(lang)
        if self.plural is None:
            text = catalogue.messages.get(self.msgid)
        else:
            entry = catalogue.plurals.get(self.msgid)
            text = entry[2][catalogue.plural(self.count)] if entry and entry[1] == self.plural else None
        if text is None:
            return _fill(self._english(), self.values, lang)
        try:
            return _fill(text, self.values, lang)
        except (KeyError, ValueError, TypeError):  # a broken translation: the English is still right
            return _fill(self._english(), self.values, lang)

    def _english(self) -> str:
        return self.plural if self.plural is not None and self.count != 1 else self.msgid


def _fill(text: str, values: Mapping[str, object], lang: str | None) -> str:
    if not values:
        return text
    return text % {name: render(value, lang) for name, value in values.items()}


def msg(msgid: str, **values) -> Message:
    """A problem's message (a msgid of the catalogues; `make messages` extracts it) with its values:
    msg("%(value)s is not an SDG (1-17)", value=quoted(goal))."""
    return Message(msgid, values)


def nmsg(singular: str, plural: str, n: int, **values) -> Message:
    """A message whose form depends on the count `n` (gettext's ngettext); pass the count among
    `values` when the text shows it: nmsg("%(count)s problem found", "%(count)s problems found", n, count=n)."""
    return Message(singular, values, plural, n)


def render(text, lang: str | None = None) -> str:
    """A message, problem, error or plain text in `lang` (plain text stays as it is)."""
    if isinstance(text, (Message, Problem, CampaignSiteError)):
        return text.render(lang)
    return str(text)


def editor_language(option: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language of the messages: `--lang`, else the locale as POSIX reads it (the first of
    LC_ALL, LC_MESSAGES and LANG that is set: nl_BE.UTF-8 -> nl), else English; a locale in another
    language (C, POSIX, es_ES) gives English too."""
    if option:
        return option
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pointing at file, line (or CSV row), field."""

    path: str
    line: int | None
    field: str
    message: str  # a Message, or a plain text that is the same in every language
    code: Code

    def __post_init__(self):
        # A plain string is accepted and must be a registered code: no problem carries an unknown one.
        object.__setattr__(self, "code", Code(self.code))

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """`path:line: field: message [code]`, the message in `lang` (English when None); the rest
        never changes with the language."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {render(self.message, lang)} [{self.code}]"


class CampaignSiteError(Exception):
    """Base of the project's own exceptions; the command line turns them into exit codes."""

    def render(self, lang: str | None = None) -> str:
        """The error's text in `lang` (its first argument, a Message or a plain text)."""
        return render(self.args[0], lang) if self.args else str(self)


class ValidationFailed(CampaignSiteError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


class BuildFailed(CampaignSiteError):
    """Rendering, the site engine or writing failed after validation; the previous output is kept.

    `str(exc)` is the message followed by ` [code]`.
    """

    def __init__(self, message: str, code: Code):
        super().__init__(message, code)  # both in `args`, so the error pickles back from a worker process
        self.message = message
        self.code = Code(code)

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        return f"{render(self.message, lang)} [{self.code}]"


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.field, problem.code, problem.message)


def relpath(path, root) -> str:
    """The path as an editor sees it: relative to the project root, with forward slashes."""
    try:
        return PurePosixPath(path.relative_to(root)).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()
