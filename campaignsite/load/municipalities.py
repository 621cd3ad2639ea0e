"""The reference list of Belgium's municipalities (data/municipalities.csv): NIS code, official names,
region, province and language regime, for every stage that needs them.

The list is Statbel's (2025-01-01, after the Flemish mergers), with the language areas and facilities
of the 1966 laws on the use of languages in administrative matters; `tools/municipalities.py` writes it.
A campaign of an earlier year may name a municipality that has merged since: its code is simply not in
the list, and the checks that need the list fall back on what the code itself says (its region).
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from campaignsite.core.schemas import DATA_DIR

MUNICIPALITIES_FILE = DATA_DIR / "municipalities.csv"

# The language areas of the 1966 laws; Brussels-Capital is bilingual (French and Dutch).
LANGUAGE_AREAS = ("nl", "fr", "de", "brussels")


@dataclass(frozen=True)
class KnownMunicipality:
    """A municipality of the reference list."""

    nis_code: str
    names: Mapping[str, str]  # language -> official name, in nl and fr (and de in the German language area)
    region: str  # flanders, wallonia, brussels
    province: str | None  # None in Brussels-Capital
    language_area: str  # nl, fr, de or brussels
    facilities: str | None  # the language of a facility municipality's minority: fr, nl or de

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it addresses the public in, the first the area's: ('nl', 'fr') for a Flemish
        facility municipality, ('fr', 'nl') in Brussels (either may come first there), ('de', 'fr') in Eupen."""
        first = ("fr", "nl") if self.language_area == "brussels" else (self.language_area,)
        return first + ((self.facilities,) if self.facilities else ())

    @property
    def regime(self) -> str:
        """brussels, facilities, or the language area (nl, fr, de) of a municipality without facilities.
        The German language area has facilities for French speakers but is a regime of its own."""
        if self.language_area in ("brussels", "de"):
            return self.language_area
        return "facilities" if self.facilities else self.language_area

    def name(self, lang: str) -> str:
        """Its name in `lang`: the official one where it has one in that language, else its area's."""
        return self.names.get(lang) or self.names[self.languages[0]]


@functools.lru_cache(maxsize=1)
def get_municipalities() -> Mapping[str, KnownMunicipality]:
    """Every municipality of the reference list, by NIS code."""
    with open(MUNICIPALITIES_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return MappingProxyType({row["nis_code"]: KnownMunicipality(
        row["nis_code"], MappingProxyType({lang: row[f"name_{lang}"] for lang in ("nl", "fr", "de")
                                           if row[f"name_{lang}"]}),
        row["region"], row["province"] or None, row["language_area"], row["facilities"] or None) for row in rows})


def fold(name: str) -> str:
    """A name as compared: without accents, case, hyphens, apostrophes or extra spaces
    ('Sint-Genesius-Rode' = 'sint genesius rode', 'Hastière' = 'hastiere')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").replace("'", " ").replace("\u2019", " ").split())


def find_municipalities(name_or_code: str) -> tuple[KnownMunicipality, ...]:
    """The municipalities a NIS code or a name in any language means: one, none, or (for a name two
    municipalities share in different languages) several."""
    known = get_municipalities()
    if name_or_code in known:
        return (known[name_or_code],)
    wanted = fold(name_or_code)
    return tuple(m for m in known.values() if wanted and any(fold(n) == wanted for n in m.names.values()))
