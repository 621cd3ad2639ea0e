"""The languages a site can be published in: the one table every other module and schema reads."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Language:
    """A supported language and how each tool names its Belgian variant."""

    code: str  # ISO 639-1, as in campaign.yml `languages:`, file names and URLs
    name: str  # in the language itself, for the language switcher
    babel_locale: str  # dates, numbers and money: nl_BE writes "€ 10.000", fr_BE "10 000 €"
    og_locale: str  # og:locale of the pages


LANGUAGES = (
    Language("nl", "Nederlands", "nl_BE", "nl_BE"),
    Language("fr", "Français", "fr_BE", "fr_BE"),
    Language("en", "English", "en_BE", "en_GB"),
    Language("de", "Deutsch", "de_BE", "de_BE"),
)
CODES = tuple(language.code for language in LANGUAGES)
BABEL_LOCALES = MappingProxyType({language.code: language.babel_locale for language in LANGUAGES})
LANGUAGE_NAMES = MappingProxyType({language.code: language.name for language in LANGUAGES})
OG_LOCALES = MappingProxyType({language.code: language.og_locale for language in LANGUAGES})
