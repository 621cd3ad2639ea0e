"""Locale formatting and translation: `Translator` (the catalogues' `_()` and `ngettext()`) and `Formatter`
(Belgian dates, numbers and money).

The catalogues are `campaignsite/locale/<lang>/LC_MESSAGES/messages.po`. A string missing from a
catalogue is a build error, never an English fallback: tests extract every `_()` and `ngettext()`
from the code and templates and check each catalogue has it, with every plural form.

Numbers, money, percentages and dates come from Babel's locale data (CLDR), which already writes
no-break spaces where a language wants them (fr-BE "10 000 €" with U+202F between thousands and
U+00A0 before the euro sign, "80 %"). What CLDR does not say is added here: French "1er" for the
first day of a month, and French spacing before `:` `;` `!` `?` in editors' plain text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

from campaignsite.core.catalogue import get_catalogue
from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.core.languages import BABEL_LOCALES

NBSP, NNBSP = "\u00a0", "\u202f"

# Numbers and money in English follow Irish English (en_IE: "€10,000", "12,345"), the English of the
# euro area: Babel's en_BE writes "10.000,00 €", which no English reader expects. Dates stay en_BE.
NUMBER_LOCALES = {**BABEL_LOCALES, "en": "en_IE"}


def _missing(lang: str, msgid: str) -> BuildFailed:
    return BuildFailed(f"campaignsite/locale/{lang}/LC_MESSAGES/messages.po: no translation for '{msgid}'",
                       Code.MISSING_TRANSLATION)


@dataclass(frozen=True)
class Translator:
    """`_()` and `ngettext()` for templates and Python, bound to one language."""

    lang: str

    def __call__(self, msgid: str, **values) -> str:
        catalogue = get_catalogue(self.lang)
        if msgid not in catalogue.messages:
            raise _missing(self.lang, msgid)
        text = catalogue.messages[msgid]
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        """The form of `singular`/`plural` for the count `n` in this language (gettext's rule of the
        catalogue: French says "0 projet", English "0 projects"). Pass the count, formatted, among
        `values` when the message shows it: ngettext("%(count)s project", "%(count)s projects", n,
        count=fmt.number(n))."""
        catalogue = get_catalogue(self.lang)
        entry = catalogue.plurals.get(singular)
        if entry is None or entry[1] != plural:
            raise _missing(self.lang, f"{singular}' / '{plural}")
        text = entry[2][catalogue.plural(n)]
        return text % values if values else text


def _first_of_month(pattern: str) -> str:
    """A CLDR date pattern with its day field `d` written "1er" (French for the first of a month)."""
    return re.sub(r"(?<![d'])d(?!d)", "d'er'", pattern, count=1)


# French spacing in editors' plain text: an ordinary space already typed before : ; ! ? or » (or
# after «) becomes a narrow no-break space, so the sign never starts a line. Nothing is inserted
# where the editor wrote no space, so URLs ("https://"), times ("10:30") and Markdown syntax stay as
# they are; only a space between two visible characters is touched, never indentation.
_FRENCH_BEFORE = re.compile(r"(?<=[^\s]) (?=[:;!?»])")

_FRENCH_AFTER = re.compile(r"(?<=«) (?=[^\s])")

# In every language: a number and its unit or currency sign stay on one line ("600 m²", "€ 10.000",
# "80 %"), as do the groups of a number written with spaces ("10 000").
_UNIT = re.compile(r"(?<=\d) (?=(?:€|%|m²|m³|m|km|ha|kg|kWh|t|EUR)(?![\w]))")

_CURRENCY_BEFORE = re.compile(r"(€|\bEUR) (?=\d)")

_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")

# Code in editors' Markdown keeps its spaces: fenced blocks, indented lines and `code spans` are set
# aside (each as one private-use character, so the rules still see a visible neighbour) and put back.
_CODE = re.compile(r"(?m)^(`{3,}|~{3,})[^\n]*\n(?s:.*?)^\1[^\n]*$|(`+)(?s:.+?)\2(?!`)|^(?: {4}|\t)(?![ \t]*(?:[-*+]|\d+[.)]) )[^\n]*")
_SET_ASIDE = re.compile("\ue000(\\d+)\ue001")

# Letters that collate as two (UCA expansions): casefold already makes ß "ss".
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


@functools.cache
def babel_locale(code: str) -> Locale:
    """Babel's locale `code`, parsed once per process: Babel parses the identifier again on every call
    (a portal of hundreds of campaigns says tens of thousands of dates: a tenth of its making)."""
    return Locale.parse(code)


@dataclass(frozen=True)
class Formatter:
    """Dates, times, numbers and money as a reader of this language in Belgium expects them."""

    lang: str

    @property
    def locale(self) -> Locale:
        return babel_locale(BABEL_LOCALES[self.lang])

    @property
    def number_locale(self) -> Locale:
        return babel_locale(NUMBER_LOCALES[self.lang])

    # Made once per language and value: a portal of hundreds of campaigns says thousands of amounts,
    # and Babel parses the locale's pattern each time.
    @functools.lru_cache(maxsize=65536, typed=True)
    def money(self, cents: int) -> str:
        """An amount given in cents, with its cents only when there are some: nl '€ 10.000',
        '€ 2.499,50'; fr '10 000 €', '2 499,50 €'; en '€10,000'; de '10.000 €'. Never breaks: the
        spaces inside are no-break spaces (U+00A0, or U+202F between French thousands)."""
        pattern = self.number_locale.currency_formats["standard"].pattern
        if cents % 100 == 0:
            pattern = pattern.replace(".00", "")
        text = format_currency(Decimal(cents) / 100, "EUR", format=pattern, locale=self.number_locale,
                               currency_digits=False)
        return text.replace(" ", NBSP)

    @functools.lru_cache(maxsize=65536, typed=True)
    def number(self, value: int | float) -> str:
        """'12.345' (nl, de), '12 345' (fr, with U+202F), '12,345' (en)."""
        return format_decimal(value, locale=self.number_locale).replace(" ", NBSP)

    def list(self, items) -> str:
        """'a, b en c' (nl), 'a, b et c' (fr), 'a, b and c' (en): the language's own list."""
        return format_list(list(items), locale=self.locale) if items else ""

    def percent(self, value: int | float) -> str:
        """`value` out of 100 with the locale's sign: nl and en '80%', fr and de '80 %' (U+00A0)."""
        return format_percent(Decimal(str(value)) / 100, locale=self.number_locale).replace(" ", NBSP)

    def date(self, day: dt.date) -> str:
        """'5 maart 2024'; in French the first of the month is '1er février 2024'."""
        return self._date(day, "long")

    def weekday_date(self, day: dt.date) -> str:
        """'dinsdag 5 maart 2024'; 'jeudi 1er février 2024'."""
        return self._date(day, "full")

    def _date(self, day: dt.date, style: str) -> str:
        return self._pattern(day, self.locale.date_formats[style].pattern)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """Two days as a reader writes them, each part said once: '17–19 février 2027',
        '30 janvier – 2 février 2027', '30 december 2026 – 2 januari 2027', '17.–19. Februar 2027'."""
        if start == end:
            return self.date(start)
        if start.year != end.year:
            return f"{self.date(start)} – {self.date(end)}"
        month_day = self.locale.datetime_skeletons["MMMMd"].pattern  # 'd MMMM', German 'd. MMMM'
        if start.month == end.month:
            return f"{self._pattern(start, month_day.replace('MMMM', '').strip())}–{self.date(end)}"
        return f"{self._pattern(start, month_day)} – {self.date(end)}"

    def _pattern(self, day: dt.date, pattern: str) -> str:
        if self.lang == "fr" and day.day == 1:
            pattern = _first_of_month(pattern)
        return format_date(day, pattern, locale=self.locale)

    def time(self, moment: dt.datetime) -> str:
        return format_time(moment, "short", locale=self.locale)

    @property
    def colon(self) -> str:
        """The colon after a label, as in "Deadline: ...": French puts a narrow no-break space before it."""
        return NNBSP + ":" if self.lang == "fr" else ":"

    def typography(self, text: str) -> str:
        """Editors' plain text (or Markdown source) with the no-break spaces this language wants:
        between a number and its unit or currency, inside numbers grouped with spaces and, in
        French, before : ; ! ? » and after «. Only spaces the editor typed are changed; code (in
        backticks, fenced or indented) is left as it is."""
        code: list[str] = []

        def aside(match: re.Match) -> str:
            code.append(match.group(0))
            return f"\ue000{len(code) - 1}\ue001"

        text = _CODE.sub(aside, text) if "`" in text or "~~~" in text or "    " in text or "\t" in text else text
        text = _CURRENCY_BEFORE.sub("\\1" + NBSP, _UNIT.sub(NBSP, text))
        if self.lang == "fr":
            text = _GROUPS.sub(NNBSP, text)
            text = _FRENCH_AFTER.sub(NNBSP, _FRENCH_BEFORE.sub(NNBSP, text))
        return _SET_ASIDE.sub(lambda match: code[int(match.group(1))], text) if code else text

    def sort_key(self, text: str) -> tuple[str, str, str]:
        """A key that sorts titles as a dictionary of this language does: by letters first, then accents,
        then case ('école' beside 'ecole' and before 'Eglise', 'Œuvre' as 'oeuvre'), where code points
        would put every capital and accented letter apart. The Unicode Collation Algorithm's levels,
        simplified: CLDR tailors nothing for Latin letters in nl, fr (France and Belgium), de or en."""
        folded = unicodedata.normalize("NFKD", text.casefold()).translate(_LIGATURES)
        letters = "".join(char for char in folded if not unicodedata.combining(char))
        return letters, folded, text
