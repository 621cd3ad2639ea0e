"""campaign.yml `languages` against Belgium's language laws (the coordinated laws on the use of languages
in administrative matters, 18 July 1966), for the municipalities that run the campaign:

- a municipality of Brussels-Capital addresses the public in French and Dutch: a campaign of one
  publishes in both (an error, `brussels-languages`);
- the language of a municipality's language area comes first (Dutch in Flanders, French in Wallonia,
  German in the German language area), and a facility municipality also offers the language of its
  facilities: otherwise a warning with its reason (`language-order`), unless the editor gives
  `languages_reason`, which says why the campaign does otherwise.

The regime comes from the reference list (load/municipalities.py); a code that is not in it (a
municipality merged since) goes by the region given.
"""

from __future__ import annotations

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg
from campaignsite.load.municipalities import KnownMunicipality, get_municipalities
from campaignsite.load.parse import YamlDoc

AREA_OF_REGION = {"flanders": "nl", "wallonia": "fr", "brussels": "brussels"}


def _regime(municipality: dict) -> KnownMunicipality | None:
    """The reference list's record of a campaign.yml municipality, or one made from its region."""
    known = get_municipalities().get(municipality["nis_code"])
    if known is not None:
        return known
    area = AREA_OF_REGION.get(municipality["region"])
    return KnownMunicipality(municipality["nis_code"], {}, municipality["region"], None, area, None) if area else None


def _name(municipality: dict, languages: tuple[str, ...]) -> str:
    name = municipality["name"]
    return name if isinstance(name, str) else name.get(languages[0]) or next(iter(name.values()))


def check_language_law(doc: YamlDoc, languages: tuple[str, ...], problems: list[Problem],
                       warnings: list[Problem]) -> None:
    """Append an error for a Brussels campaign without French and Dutch, and warnings for a language
    order or a missing facility language that the law would not have, unless languages_reason says why."""
    where = (doc.rel, doc.line_of(("languages",)), "languages")
    for municipality in doc.data["municipalities"]:
        regime = _regime(municipality)
        if regime is None:
            continue  # a code of no region: the NIS check reports it
        name = _name(municipality, languages)
        if regime.language_area == "brussels":
            missing = [lang for lang in ("fr", "nl") if lang not in languages]
            if missing:
                problems.append(Problem(*where, msg(
                    "%(name)s is in Brussels-Capital, which addresses the public in French and Dutch: add %(missing)s",
                    name=name, missing=", ".join(missing)), Code.BRUSSELS_LANGUAGES))
            continue
        if doc.data.get("languages_reason"):
            continue
        first = regime.languages[0]
        if languages[0] != first:
            warnings.append(Problem(*where, msg(
                "warning: %(name)s is in the %(first)s language area (the 1966 language laws), whose language comes "
                "first: put %(first)s first, or say why in languages_reason", first=first, name=name),
                Code.LANGUAGE_ORDER))
        if regime.facilities and regime.facilities not in languages:
            warnings.append(Problem(*where, msg(
                "warning: %(name)s is a municipality with language facilities for %(other)s speakers, who may ask "
                "for %(other)s: add %(other)s after %(first)s, or say why in languages_reason", name=name,
                other=regime.facilities, first=first), Code.LANGUAGE_ORDER))
