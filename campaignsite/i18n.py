"""Interface strings and locale formatting: one gettext catalogue per language, read with Babel.

The catalogues are `campaignsite/locale/<lang>/LC_MESSAGES/messages.po`. A string missing from a
catalogue is a build error, never an English fallback: tests extract every `_()` from the templates
and check each catalogue has it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from .codes import Code
from .errors import BuildFailed
from .languages import BABEL_LOCALES

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@functools.lru_cache(maxsize=None)
def get_catalogue(lang: str) -> Mapping[str, str]:
    """msgid -> msgstr for one language; fuzzy or empty entries are left out."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[lang])
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


@dataclass(frozen=True)
class Translator:
    """`_()` for templates and Python, bound to one language."""

    lang: str

    def __call__(self, msgid: str, **values) -> str:
        catalogue = get_catalogue(self.lang)
        if msgid not in catalogue:
            raise BuildFailed(f"campaignsite/locale/{self.lang}/LC_MESSAGES/messages.po: no translation for "
                              f"'{msgid}'", Code.MISSING_TRANSLATION)
        text = catalogue[msgid]
        return text % values if values else text


@dataclass(frozen=True)
class Formatter:
    """Dates, times and money as a reader of this language in Belgium expects them."""

    lang: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(BABEL_LOCALES[self.lang])

    def money(self, amount: int) -> str:
        """Whole euros, e.g. nl '€ 10.000', fr '10 000 €'."""
        pattern = self.locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(amount, "EUR", format=pattern, locale=self.locale, currency_digits=False)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, day: dt.date) -> str:
        """'5 maart 2024'."""
        return format_date(day, "long", locale=self.locale)

    def weekday_date(self, day: dt.date) -> str:
        """'dinsdag 5 maart 2024'."""
        return format_date(day, "full", locale=self.locale)

    def time(self, moment: dt.datetime) -> str:
        return format_time(moment, "short", locale=self.locale)
