"""The interface strings of each language: one gettext catalogue per language, read with Babel.

Below the errors (whose messages it translates) and the formatters (core.i18n).
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass
from typing import Callable, Mapping

from campaignsite.core.languages import BABEL_LOCALES
from campaignsite.core.places import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"


@dataclass(frozen=True)
class Catalogue:
    """One language's translations: msgid -> msgstr, singular msgid -> its plural forms, and the
    catalogue's Plural-Forms rule (n -> index of the form)."""

    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, str, tuple[str, ...]]]  # singular -> (singular, plural, forms)
    plural: Callable[[int], int]


@functools.lru_cache(maxsize=None)
def get_catalogue(lang: str) -> Catalogue:
    """The translations of one language; fuzzy or empty entries (and plural entries with an empty
    form) are left out."""
    from babel.messages.pofile import read_po  # here: Babel's catalogue module loads its dates and zones

    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[lang])
    messages, plurals = {}, {}
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        if m.pluralizable:
            forms = tuple(m.string)
            if len(forms) == catalog.num_plurals and all(forms):
                plurals[m.id[0]] = (m.id[0], m.id[1], forms)
        elif m.string:
            messages[m.id] = m.string
    return Catalogue(messages, plurals, gettext.c2py(catalog.plural_expr))
