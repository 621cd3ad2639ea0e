"""Stage 2, validate (continued): checks that the files tell a possible story.

Each value may be valid on its own while the campaign as a whole cannot have happened: grants above
the budget, a project "completed" before the jury met, payments larger than the grant, an edition
year the phases do not reach, a NIS code from another region. These checks run once every file has
passed its schema, and report `file:line: field: message [code]` like the others.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .codes import Code
from .errors import Problem, msg
from .load import YamlDoc
from .schemas import TableRows, cents, either, quoted

# NIS codes start with the code of their province (two digits in the former Brabant): Statbel's
# "REFNIS" numbering. Brussels (21) has no province since 1995.
PROVINCE_OF_PREFIX = {"1": "antwerpen", "23": "vlaams-brabant", "24": "vlaams-brabant", "25": "brabant-wallon",
                      "3": "west-vlaanderen", "4": "oost-vlaanderen", "5": "hainaut", "6": "liege", "7": "limburg",
                      "8": "luxembourg", "9": "namur"}
REGION_OF_PROVINCE = {"antwerpen": "flanders", "vlaams-brabant": "flanders", "west-vlaanderen": "flanders",
                      "oost-vlaanderen": "flanders", "limburg": "flanders", "brabant-wallon": "wallonia",
                      "hainaut": "wallonia", "liege": "wallonia", "luxembourg": "wallonia", "namur": "wallonia"}
# laureates.csv selected_by of a campaign that lists one `jury:` (no `selection:`), as stage ids.
LEGACY_SELECTED_BY = {"jury": ("jury",), "public-vote": ("public-vote",), "both": ("jury", "public-vote")}


def euros(amount: int) -> str:
    """Cents as an editor writes euros in the data: 7500, 2499.50."""
    return str(amount // 100) if amount % 100 == 0 else f"{Decimal(amount) / 100:.2f}"


def _day(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None  # reported by checks._check_phases


# --- campaign.yml --------------------------------------------------------------------------------

def check_campaign(doc: YamlDoc, problems: list[Problem]) -> None:
    """Selection stages and prizes, the edition year, the municipalities' NIS codes."""
    _check_selection(doc, problems)
    _check_prizes(doc, problems)
    _check_edition(doc, problems)
    for index, municipality in enumerate(doc.data["municipalities"]):
        _check_nis(doc, index, municipality, problems)


def _check_selection(doc: YamlDoc, problems: list[Problem]) -> None:
    data = doc.data
    stages = data.get("selection", [])
    if stages and "jury" in data:
        problems.append(Problem(doc.rel, doc.line_of(("jury",)), "jury", msg(
            "is given beside selection: list the jurors under the members of a selection stage, and remove jury"),
            Code.INCONSISTENT))
    _check_unique_ids(doc, "selection", stages, problems)
    weighted = [(index, stage["weight"]) for index, stage in enumerate(stages) if "weight" in stage]
    if weighted and sum(weight for _, weight in weighted) != 100:
        shown = " + ".join(f"{weight} ({stages[index]['id']})" for index, weight in weighted)
        problems.append(Problem(doc.rel, doc.line_of(("selection", weighted[0][0], "weight")), "selection.weight",
                                msg("the weights add up to %(sum)s (%(weights)s); expected 100",
                                    sum=sum(w for _, w in weighted), weights=shown), Code.BAD_WEIGHTS))
    for index, stage in enumerate(stages):
        start, end = _day(stage.get("start")), _day(stage.get("end"))
        if start and end and end < start:
            problems.append(Problem(doc.rel, doc.line_of(("selection", index, "end")), f"selection.{index}.end",
                                    msg("%(date)s is before the start %(start)s", date=end, start=start),
                                    Code.DATE_ORDER))
        if stage["kind"] == "public-vote" and stage.get("members"):
            problems.append(Problem(doc.rel, doc.line_of(("selection", index, "members")),
                                    f"selection.{index}.members", msg("a public vote has no jurors: give members "
                                                                      "to a jury stage only"), Code.INCONSISTENT))


def _check_unique_ids(doc: YamlDoc, key: str, items: list, problems: list[Problem]) -> None:
    seen = set()
    for index, item in enumerate(items):
        if item["id"] in seen:
            problems.append(Problem(doc.rel, doc.line_of((key, index, "id")), f"{key}.id",
                                    msg("%(value)s is used twice", value=quoted(item["id"])), Code.DUPLICATE_ID))
        seen.add(item["id"])


def stage_ids(data: dict) -> list[str]:
    """The ids selected_by may name: the selection stages, or for a one-jury campaign its fixed values."""
    return [stage["id"] for stage in data["selection"]] if "selection" in data else list(LEGACY_SELECTED_BY)


def _check_prizes(doc: YamlDoc, problems: list[Problem]) -> None:
    prizes = doc.data.get("prizes", [])
    _check_unique_ids(doc, "prizes", prizes, problems)
    ids = [stage["id"] for stage in doc.data.get("selection", [])]
    for index, prize in enumerate(prizes):
        if "stage" in prize and prize["stage"] not in ids:
            known = ", ".join(ids) or msg("campaign.yml has no selection")
            problems.append(Problem(doc.rel, doc.line_of(("prizes", index, "stage")), f"prizes.{index}.stage",
                                    msg("%(value)s is not a selection stage (%(known)s)", value=quoted(prize["stage"]),
                                        known=known), Code.UNKNOWN_STAGE))


def _check_edition(doc: YamlDoc, problems: list[Problem]) -> None:
    """The edition is a year from the first phase's start to the call's end (or the first phase's end):
    the portal files campaigns under it."""
    phases = doc.data["phases"]
    starts = [(day, name) for name, phase in phases.items() if (day := _day(phase.get("start")))]
    if not starts:
        return
    first_day, first = min(starts)
    edge = phases.get("call") or phases[first]
    last_day = _day(edge.get("end")) or _day(edge.get("start")) or first_day
    years = range(first_day.year, max(first_day.year, last_day.year) + 1)
    edition = doc.data["edition"]
    if edition not in years:
        problems.append(Problem(doc.rel, doc.line_of(("edition",)), "edition",
                                msg("%(edition)s does not match the phases: %(field)s is %(date)s; expected %(years)s",
                                    edition=edition, field=f"phases.{first}.start", date=first_day,
                                    years=either(str(year) for year in years)), Code.EDITION_MISMATCH))


def province_of(nis_code: str) -> str | None:
    """The province of a municipality from its NIS code; None for Brussels and for a code of no province."""
    return PROVINCE_OF_PREFIX.get(nis_code[:2]) or PROVINCE_OF_PREFIX.get(nis_code[:1])


def region_of(nis_code: str) -> str | None:
    """flanders, wallonia or brussels from a NIS code; None for a code that is no Belgian municipality's."""
    return "brussels" if nis_code.startswith("21") else REGION_OF_PROVINCE.get(province_of(nis_code))


def _check_nis(doc: YamlDoc, index: int, municipality: dict, problems: list[Problem]) -> None:
    code = municipality["nis_code"]
    province, region = province_of(code), region_of(code)
    where = (doc.rel, doc.line_of(("municipalities", index, "nis_code")), f"municipalities.{index}.nis_code")
    if region is None:
        problems.append(Problem(*where, msg("%(value)s is not the NIS code of a Belgian municipality (it starts "
                                            "with no province's code)", value=quoted(code)), Code.NIS_MISMATCH))
        return
    if municipality["region"] != region:
        problems.append(Problem(*where, msg("%(value)s is a municipality in %(region)s, but region is %(given)s",
                                            value=quoted(code), region=region, given=quoted(municipality["region"])),
                                Code.NIS_MISMATCH))
    given = municipality.get("province")
    if given and given != province:
        if province and region != "brussels":
            shown = msg("%(value)s is a municipality in the province %(province)s, but province is %(given)s",
                        value=quoted(code), province=province, given=quoted(given))
        else:
            shown = msg("%(value)s is a municipality in Brussels (no province), but province is %(given)s",
                        value=quoted(code), given=quoted(given))
        problems.append(Problem(*where, shown, Code.NIS_MISMATCH))


# --- The tables against campaign.yml and each other ------------------------------------------------

def selection_days(data: dict) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the selection: its stages', or the jury and public-vote phases'."""
    if "selection" in data:
        spans = [(stage.get("start"), stage.get("end") or stage.get("start")) for stage in data["selection"]]
    else:
        spans = [(phase.get("start"), phase.get("end") or phase.get("start"))
                 for name, phase in data["phases"].items() if name in ("jury", "public_vote")]
    firsts = [day for start, _ in spans if (day := _day(start))]
    lasts = [day for _, end in spans if (day := _day(end))]
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


# Names given per language in optional `<stem>_<lang>` columns, beside the plain `<stem>` column that
# the languages without a name of their own show.
LOCALISED_NAMES = {"laureates": ("holder", "address"), "events": ("venue", "address")}


def check_tables(data: dict, tables: dict[str, TableRows], problems: list[Problem]) -> None:
    """Laureates against the selection, prizes and budget; updates and payments against the laureates and
    the selection's dates. None depends on the build day: `--check` says the same on any day."""
    for name, stems in LOCALISED_NAMES.items():
        if name in tables:
            _check_localised_names(tables[name], stems, problems)
    laureates = tables.get("laureates")
    if not laureates:
        return
    first, _ = selection_days(data)
    by_slug = {row["slug"]: (row, line) for row, line in zip(laureates.rows, laureates.lines)}
    _check_selected_by(data, laureates, problems)
    _check_budget_total(data, laureates, problems)
    updates = tables.get("updates")
    if updates:
        _check_updates(laureates, updates, by_slug, first, problems)
    if tables.get("payments"):
        _check_payments(tables["payments"], by_slug, laureates.rel, first, problems)


def _check_localised_names(table: TableRows, stems: tuple[str, ...], problems: list[Problem]) -> None:
    for row, line in zip(table.rows, table.lines):
        for stem in stems:
            given = sorted(name for name, value in row.items() if name.startswith(f"{stem}_") and value)
            if given and not row.get(stem):
                problems.append(Problem(table.rel, line, stem, msg(
                    "is empty but %(given)s is given: fill %(column)s too, for the languages without their own",
                    given=", ".join(given), column=stem), Code.INCONSISTENT))


def _check_selected_by(data: dict, laureates: TableRows, problems: list[Problem]) -> None:
    ids, prizes = stage_ids(data), [prize["id"] for prize in data.get("prizes", [])]
    for row, line in zip(laureates.rows, laureates.lines):
        if "selection" not in data and row["selected_by"] not in ids:
            problems.append(Problem(laureates.rel, line, "selected_by", msg(
                "%(value)s is not one of: %(values)s (or name stages listed in campaign.yml selection)",
                value=quoted(row["selected_by"]), values=", ".join(ids)), Code.NOT_IN_LIST))
        elif "selection" in data:
            for stage in row["selected_by"].split(";"):
                if stage not in ids:
                    problems.append(Problem(laureates.rel, line, "selected_by", msg(
                        "%(value)s is not a stage of campaign.yml selection (%(values)s)", value=quoted(stage),
                        values=", ".join(ids)), Code.UNKNOWN_STAGE))
        for prize in row["prizes"].split(";") if row.get("prizes") else ():
            if prize not in prizes:
                known = ", ".join(prizes) or msg("campaign.yml has no prizes")
                problems.append(Problem(laureates.rel, line, "prizes", msg(
                    "%(value)s is not a prize (%(known)s)", value=quoted(prize), known=known), Code.UNKNOWN_PRIZE))


def _check_budget_total(data: dict, laureates: TableRows, problems: list[Problem]) -> None:
    if "budget" not in data:
        return
    total, granted = cents(data["budget"]["total"]), 0
    for row, line in zip(laureates.rows, laureates.lines):
        granted += cents(row["amount"])
        if granted > total:
            problems.append(Problem(laureates.rel, line, "amount", msg(
                "%(amount)s brings the grants to %(granted)s, more than the budget (campaign.yml budget.total: "
                "%(total)s)", amount=row["amount"], granted=euros(granted), total=euros(total)), Code.OVER_BUDGET))
            return


def _check_updates(laureates: TableRows, updates: TableRows, by_slug: dict, first: dt.date | None,
                   problems: list[Problem]) -> None:
    latest: dict[str, tuple[dict, int]] = {}
    for row, line in zip(updates.rows, updates.lines):
        if row["project"] not in by_slug:
            continue  # reported as an unknown project
        if first and row["date"] < first:
            problems.append(Problem(updates.rel, line, "date", msg(
                "%(date)s is before the selection began (%(first)s): a project is followed once it is selected",
                date=row["date"], first=first), Code.STATUS_MISMATCH))
        if row["project"] not in latest or row["date"] >= latest[row["project"]][0]["date"]:
            latest[row["project"]] = (row, line)
    for slug, (update, update_line) in latest.items():
        laureate, line = by_slug[slug]
        if laureate["status"] != update["status"]:
            problems.append(Problem(laureates.rel, line, "status", msg(
                "%(value)s contradicts the project's latest update (%(where)s, %(date)s: %(status)s)",
                value=quoted(laureate["status"]), where=f"{updates.rel}:{update_line}", date=update["date"],
                status=quoted(update["status"])), Code.STATUS_MISMATCH))


def _check_payments(payments: TableRows, by_slug: dict, laureates_rel: str, first: dt.date | None,
                    problems: list[Problem]) -> None:
    paid: dict[str, int] = {}
    ordered = sorted(zip(payments.rows, payments.lines), key=lambda pair: (pair[0]["date"], pair[1]))
    for row, line in ordered:
        slug = row["project"]
        if slug not in by_slug:
            continue  # reported as an unknown project
        if first and row["date"] < first:
            problems.append(Problem(payments.rel, line, "date", msg(
                "%(date)s is before the selection began (%(first)s)", date=row["date"], first=first), Code.DATE_ORDER))
        amount, before = cents(row["amount"]), paid.get(slug, 0)
        laureate, laureate_line = by_slug[slug]
        if row["kind"] == "repayment" and amount > before:
            problems.append(Problem(payments.rel, line, "amount", msg(
                "%(amount)s repays more than the %(paid)s paid to %(project)s before %(date)s", amount=row["amount"],
                paid=euros(before), project=quoted(slug), date=row["date"]), Code.OVER_GRANT))
        paid[slug] = before - amount if row["kind"] == "repayment" else before + amount
        if paid[slug] > cents(laureate["amount"]):
            problems.append(Problem(payments.rel, line, "amount", msg(
                "%(amount)s brings the payments to %(project)s to %(paid)s, more than its grant of %(grant)s "
                "(%(where)s)", amount=row["amount"], project=quoted(slug), paid=euros(paid[slug]),
                grant=laureate["amount"], where=f"{laureates_rel}:{laureate_line}"), Code.OVER_GRANT))
