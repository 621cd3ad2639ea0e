"""One campaign's campaign.yml beyond its schema: the phases in order, the budget, the call's counts,
the selection stages and prizes, the edition, the municipalities' NIS codes, every text in each language.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg
from campaignsite.core.schemas import date_range
from campaignsite.load.parse import YamlDoc, dotted
from campaignsite.validate.schema import either, kind_of, quoted

SLUG = re.compile(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")

SDG_RANGE = range(1, 18)

# Phase order the calendar must respect: (earlier, later), compared start to start unless noted.
PHASE_ORDER = (("launch", "start", "call", "start"), ("call", "end", "jury", "start"),
               ("call", "end", "public_vote", "start"))


def not_a_mapping(doc: YamlDoc, example: str) -> Problem:
    """The problem for a YAML file that is empty, or a list or a text instead of `key: value` lines."""
    if doc.data is None:
        return Problem(doc.rel, 1, "", msg("is empty: expected `key: value` lines (%(example)s)", example=example),
                       Code.EMPTY_FILE)
    return Problem(doc.rel, 1, "", msg("is %(kind)s, expected `key: value` lines (%(example)s)",
                                       kind=kind_of(doc.data), example=example), Code.WRONG_TYPE)


def check_campaign_yaml(doc: YamlDoc, languages: tuple, media: set, problems: list[Problem]) -> None:
    data = doc.data
    for path, value in _walk(data, ()):
        if _is_text_path(path) and isinstance(value, dict):
            check_translations(doc, path, value, languages, problems)
    for index, goal in enumerate(data.get("sdgs", [])):
        if goal not in SDG_RANGE:
            problems.append(Problem(doc.rel, doc.line_of(("sdgs", index)), "sdgs",
                                    msg("%(value)s is not an SDG (1-17)", value=quoted(goal)), Code.UNKNOWN_SDG))
    for path, value in _walk(data, ()):
        if isinstance(value, str) and value.startswith("media/") and value not in media:
            problems.append(Problem(doc.rel, doc.line_of(path), dotted(path),
                                    msg("%(value)s does not exist in the campaign's media/ folder",
                                        value=quoted(value)), Code.MISSING_MEDIA))
    if data["kind"] == "call-for-projects" and "call" not in data:
        problems.append(Problem(doc.rel, 1, "call", msg("is required for a call-for-projects campaign: the "
                                                        "criteria and how to apply"), Code.MISSING_FIELD))
    _check_phases(doc, problems)
    _check_budget(doc, problems)
    _check_call_counts(doc, problems)
    check_campaign(doc, problems)


def _walk(value, path):
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def _is_text_path(path: tuple) -> bool:
    """Paths whose value is a per-language mapping (translated text, or names given per language)."""
    names = {"title", "short_title", "tagline", "introduction", "how_to_apply", "criteria", "name", "affiliation", "role",
             "description"}
    return bool(path) and path[-1] in names


def check_translations(doc: YamlDoc, path: tuple, value: dict, languages: tuple, problems: list) -> None:
    for lang in languages:
        if lang not in value:
            problems.append(Problem(doc.rel, doc.line_of(path), dotted(path),
                                    msg("has no %(lang)s text; every language of the campaign (%(languages)s) is "
                                        "required", lang=quoted(lang), languages=", ".join(languages)),
                                    Code.MISSING_TRANSLATION))
    for lang in value:
        if lang not in languages:
            problems.append(Problem(doc.rel, doc.line_of(path + (lang,)), dotted(path + (lang,)),
                                    msg("%(value)s is not a language of this campaign (%(languages)s)",
                                        value=quoted(lang), languages=", ".join(languages)), Code.UNKNOWN_LANGUAGE))


def parse_date(text: str) -> dt.date | None:
    """A date written YYYY-MM-DD, or None if it is not one or the calendar has no such day."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def date_out_of_range(day: dt.date) -> str | None:
    """The message for a day outside the range every date must be in (core.schemas.date_range), or None."""
    first, last = date_range()
    return None if first <= day <= last else msg("%(date)s is out of range: expected a date from %(first)s to "
                                                 "%(last)s", date=day, first=first, last=last)


def _check_phases(doc: YamlDoc, problems: list[Problem]) -> None:
    phases = doc.data["phases"]
    dates: dict[tuple[str, str], dt.date] = {}
    for name, phase in phases.items():
        for edge in ("start", "end"):
            if edge in phase:
                day = parse_date(phase[edge])
                where = (doc.rel, doc.line_of(("phases", name, edge)), f"phases.{name}.{edge}")
                if day is None:
                    problems.append(Problem(*where, msg("%(value)s is not a date in the calendar",
                                                        value=quoted(phase[edge])), Code.BAD_DATE))
                elif date_out_of_range(day):
                    problems.append(Problem(*where, date_out_of_range(day), Code.OUT_OF_RANGE))
                else:
                    dates[name, edge] = day
        if (name, "end") in dates and (name, "start") in dates and dates[name, "end"] < dates[name, "start"]:
            problems.append(Problem(doc.rel, doc.line_of(("phases", name, "end")), f"phases.{name}.end",
                                    msg("%(date)s is before the start %(start)s", date=dates[name, "end"],
                                        start=dates[name, "start"]), Code.DATE_ORDER))
    for early, early_edge, late, late_edge in PHASE_ORDER:
        a, b = dates.get((early, early_edge)), dates.get((late, late_edge))
        if a and b and b < a:
            problems.append(Problem(doc.rel, doc.line_of(("phases", late, late_edge)), f"phases.{late}.{late_edge}",
                                    msg("%(date)s is before %(field)s (%(other)s); expected the %(later)s after the "
                                        "%(earlier)s", date=b, field=f"phases.{early}.{early_edge}", other=a,
                                        later=late.replace("_", " "), earlier=early.replace("_", " ")),
                                    Code.DATE_ORDER))


def _check_call_counts(doc: YamlDoc, problems: list[Problem]) -> None:
    call = doc.data.get("call", {})
    if "submitted" in call and "eligible" in call and call["eligible"] > call["submitted"]:
        problems.append(Problem(doc.rel, doc.line_of(("call", "eligible")), "call.eligible",
                                msg("%(eligible)s is more than the %(submitted)s projects submitted",
                                    eligible=call["eligible"], submitted=call["submitted"]), Code.INCONSISTENT))


def _check_budget(doc: YamlDoc, problems: list[Problem]) -> None:
    budget = doc.data.get("budget")
    if not budget:
        return
    total = sum(source["amount"] for source in budget["sources"])
    if total != budget["total"]:
        problems.append(Problem(doc.rel, doc.line_of(("budget", "total")), "budget.total",
                                msg("%(total)s is not the sum of the sources (%(sum)s)", total=budget["total"],
                                    sum=total), Code.BUDGET_MISMATCH))
    seen = set()
    for index, category in enumerate(budget.get("categories", [])):
        if category["id"] in seen:
            problems.append(Problem(doc.rel, doc.line_of(("budget", "categories", index, "id")),
                                    "budget.categories.id", msg("%(value)s is used twice", value=quoted(category["id"])),
                                    Code.DUPLICATE_ID))
        seen.add(category["id"])


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


def iso_day(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None  # reported by _check_phases


def check_campaign(doc: YamlDoc, problems: list[Problem]) -> None:
    """Selection stages and prizes, the edition year, the municipalities' NIS codes."""
    _check_selection(doc, problems)
    _check_results_day(doc, problems)
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
        start, end = iso_day(stage.get("start")), iso_day(stage.get("end"))
        if start and end and end < start:
            problems.append(Problem(doc.rel, doc.line_of(("selection", index, "end")), f"selection.{index}.end",
                                    msg("%(date)s is before the start %(start)s", date=end, start=start),
                                    Code.DATE_ORDER))
        _check_stage_days(doc, index, start, end, problems)
        if stage["kind"] == "public-vote" and stage.get("members"):
            problems.append(Problem(doc.rel, doc.line_of(("selection", index, "members")),
                                    f"selection.{index}.members", msg("a public vote has no jurors: give members "
                                                                      "to a jury stage only"), Code.INCONSISTENT))


def declared_results_day(data: dict) -> dt.date | None:
    """The day the results become public as campaign.yml gives it: results_day, else the press phase's start."""
    return iso_day(data.get("results_day")) or iso_day(data["phases"].get("press", {}).get("start"))


def _check_results_day(doc: YamlDoc, problems: list[Problem]) -> None:
    day, call_end = iso_day(doc.data.get("results_day")), iso_day(doc.data["phases"].get("call", {}).get("end"))
    if day and call_end and day <= call_end:
        problems.append(Problem(doc.rel, doc.line_of(("results_day",)), "results_day", msg(
            "%(date)s is not after the call for projects closes (phases.call.end: %(end)s)", date=day, end=call_end),
            Code.DATE_ORDER))


def _check_stage_days(doc: YamlDoc, index: int, start: dt.date | None, end: dt.date | None,
                      problems: list[Problem]) -> None:
    """A stage selects among projects sent in: it starts once the call has closed, and ends before the
    results are made public."""
    call_end = iso_day(doc.data["phases"].get("call", {}).get("end"))
    if start and call_end and start < call_end:
        problems.append(Problem(doc.rel, doc.line_of(("selection", index, "start")), f"selection.{index}.start",
                                msg("%(date)s is before the call for projects closes (phases.call.end: %(end)s); "
                                    "expected a selection stage after the call", date=start, end=call_end),
                                Code.DATE_ORDER))
    results, last = declared_results_day(doc.data), end or start
    if results and last and last >= results:
        field = "results_day" if "results_day" in doc.data else "phases.press.start"
        problems.append(Problem(doc.rel, doc.line_of(("selection", index, "end" if end else "start")),
                                f"selection.{index}.{'end' if end else 'start'}",
                                msg("%(date)s is not before the results are made public (%(field)s: %(results)s); "
                                    "expected every selection stage to end before", date=last, field=field,
                                    results=results), Code.DATE_ORDER))


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
    starts = [(day, name) for name, phase in phases.items() if (day := iso_day(phase.get("start")))]
    if not starts:
        return
    first_day, first = min(starts)
    edge = phases.get("call") or phases[first]
    last_day = iso_day(edge.get("end")) or iso_day(edge.get("start")) or first_day
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
