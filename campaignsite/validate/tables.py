"""One campaign's tables against campaign.yml and each other: slugs, SDGs, caps, selection, localised
names, the budget's total, updates and payments within the campaign's days.
"""

from __future__ import annotations

import datetime as dt

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg
from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.load.files import entry_kind
from campaignsite.validate.campaign_file import SDG_RANGE, euros, iso_day, stage_ids
from campaignsite.validate.checked import CheckedCampaign, media_names
from campaignsite.validate.schema import TableRows, cents, quoted
from campaignsite.validate.selection import check_results


def laureate_slugs(checked: CheckedCampaign) -> set[str] | None:
    """The laureates' slugs; None when laureates.csv exists but has problems of its own, so references
    to it are not reported a second time as unknown."""
    laureates = checked.tables.get("laureates")
    if laureates:
        return {row["slug"] for row in laureates.rows}
    return None if entry_kind(checked.files.root / "laureates.csv") is not None else set()


def news_slugs(checked: CheckedCampaign) -> set[str]:
    """The slugs of the campaign's news posts, in whatever languages they exist."""
    return {doc.slug for doc in checked.files.news}


def check_rows(checked: CheckedCampaign, problems: list[Problem]) -> None:
    laureates = checked.tables.get("laureates")
    slugs = laureate_slugs(checked)
    caps = {c["id"]: c["cap"] for c in checked.data.get("budget", {}).get("categories", [])}
    towns = {m["nis_code"]: m["name"] for m in checked.data.get("municipalities", [])}
    if laureates:
        for row, line in zip(laureates.rows, laureates.lines):
            _check_laureate(laureates.rel, line, row, caps, media_names(checked.files), problems)
            _check_municipality(laureates.rel, line, row, towns, problems)
    candidates = checked.tables.get("candidates")
    for row, line in zip(candidates.rows, candidates.lines) if candidates else ():
        _check_sdgs(candidates.rel, line, row["sdgs"], problems)
        _check_image(candidates.rel, line, row, media_names(checked.files), problems)
        _check_municipality(candidates.rel, line, row, towns, problems)
    _check_actions(checked, problems)
    for name in ("events", "updates", "payments"):
        table = checked.tables.get(name)
        for row, line in zip(table.rows, table.lines) if table else ():
            if row.get("project") and slugs is not None and row["project"] not in slugs:
                problems.append(Problem(table.rel, line, "project", msg(
                    "%(value)s is not a laureate slug in laureates.csv", value=quoted(row["project"])),
                    Code.UNKNOWN_PROJECT))
            if name == "events" and row.get("actions"):
                _check_action_slugs(checked, table.rel, line, "actions", row["actions"].split(";"), problems)
            if name == "events" and row.get("news") and row["news"] not in news_slugs(checked):
                problems.append(Problem(table.rel, line, "news", msg(
                    "%(value)s is not a news post of the campaign: expected the slug of a file "
                    "news/<slug>.<language>.md", value=quoted(row["news"])), Code.UNKNOWN_NEWS))
            if name == "events" and row["end"] <= row["start"]:
                problems.append(Problem(table.rel, line, "end", msg(
                    "%(end)s is not after the start %(start)s", end=f"{row['end']:%Y-%m-%d %H:%M}",
                    start=f"{row['start']:%Y-%m-%d %H:%M}"), Code.DATE_ORDER))


def _check_actions(checked: CheckedCampaign, problems: list[Problem]) -> None:
    """actions.csv (goals, dates, indicator) and action_updates.csv against it: known actions, values only
    for an indicator, and each action's status and progress those of its latest step."""
    table = checked.tables.get("actions")
    for row, line in zip(table.rows, table.lines) if table else ():
        _check_sdgs(table.rel, line, row["sdgs"], problems)
        if row.get("start") and row.get("target_date") and row["target_date"] < row["start"]:
            problems.append(Problem(table.rel, line, "target_date", msg(
                "%(end)s is before the start %(start)s", end=row["target_date"], start=row["start"]), Code.DATE_ORDER))
        labels = [lang for lang in checked.languages if row.get(f"indicator_{lang}")]
        if row.get("indicator_target") is not None and len(labels) < len(checked.languages):
            missing = next(lang for lang in checked.languages if lang not in labels)
            problems.append(Problem(table.rel, line, f"indicator_{missing}", msg(
                "is empty but indicator_target is given: say what the indicator counts in every language"),
                Code.MISSING_VALUE))
        elif labels and row.get("indicator_target") is None:
            problems.append(Problem(table.rel, line, "indicator_target", msg(
                "is empty but %(given)s is given: give the indicator's target too",
                given=", ".join(f"indicator_{lang}" for lang in labels)), Code.INCONSISTENT))
    steps = checked.tables.get("action_updates")
    if not steps or table is None and entry_kind(checked.files.root / "actions.csv") is not None:
        return  # actions.csv has problems of its own
    actions = {row["slug"]: (row, line) for row, line in zip(table.rows, table.lines)} if table else {}
    latest: dict[str, tuple[dict, int]] = {}
    for row, line in zip(steps.rows, steps.lines):
        if row["action"] not in actions:
            _check_action_slugs(checked, steps.rel, line, "action", [row["action"]], problems)
            continue
        if row.get("value") is not None and actions[row["action"]][0].get("indicator_target") is None:
            problems.append(Problem(steps.rel, line, "value", msg(
                "is given but the action %(action)s has no indicator (actions.csv indicator_target)",
                action=quoted(row["action"])), Code.INCONSISTENT))
        if row["action"] not in latest or row["date"] >= latest[row["action"]][0]["date"]:
            latest[row["action"]] = (row, line)
    for slug, (step, step_line) in latest.items():
        action, line = actions[slug]
        for name in ("status", "progress"):
            if action[name] != step[name]:
                problems.append(Problem(table.rel, line, name, msg(
                    "%(value)s contradicts the action's latest step (%(where)s, %(date)s: %(step)s)",
                    value=quoted(action[name]), where=f"{steps.rel}:{step_line}", date=step["date"],
                    step=quoted(step[name])), Code.STATUS_MISMATCH))


def _check_action_slugs(checked: CheckedCampaign, rel: str, line: int, field: str, slugs: list[str],
                        problems: list[Problem]) -> None:
    known = {row["slug"] for row in checked.tables["actions"].rows} if "actions" in checked.tables else set()
    for slug in slugs:
        if slug not in known:
            problems.append(Problem(rel, line, field, msg(
                "%(value)s is not an action of actions.csv (%(known)s)", value=quoted(slug),
                known=", ".join(sorted(known)) or msg("the campaign has no actions.csv")), Code.UNKNOWN_ACTION))


def sdg_numbers(text: str) -> list[int]:
    """'11;13' -> [11, 13]."""
    return [int(part) for part in text.split(";")]


def _check_sdgs(rel: str, line: int, text: str, problems: list[Problem]) -> None:
    numbers = sdg_numbers(text)
    for goal in numbers:
        if goal not in SDG_RANGE:
            problems.append(Problem(rel, line, "sdgs", msg("%(value)s is not an SDG (1-17)", value=quoted(goal)),
                                    Code.UNKNOWN_SDG))
    if len(set(numbers)) != len(numbers):
        problems.append(Problem(rel, line, "sdgs", msg("%(value)s lists a goal twice", value=quoted(text)),
                                Code.DUPLICATE_VALUE))


def _check_laureate(rel: str, line: int, row: dict, caps: dict, media: set, problems: list[Problem]) -> None:
    _check_sdgs(rel, line, row["sdgs"], problems)
    category = row.get("category")
    if category and category not in caps:
        known = ", ".join(caps) or msg("none are defined in campaign.yml budget.categories")
        problems.append(Problem(rel, line, "category", msg("%(value)s is not a budget category (%(known)s)",
                                                           value=quoted(category), known=known), Code.UNKNOWN_CATEGORY))
    elif category and row["amount"] > caps[category]:
        problems.append(Problem(rel, line, "amount", msg("%(amount)s is above the cap of category %(category)s "
                                                         "(%(cap)s)", amount=row["amount"], category=quoted(category),
                                                         cap=caps[category]), Code.OVER_CAP))
    elif not category and caps:
        problems.append(Problem(rel, line, "category", msg("is empty: expected one of %(values)s",
                                                           values=", ".join(caps)), Code.MISSING_VALUE))
    _check_image(rel, line, row, media, problems)
    goal = row.get("crowdfunding_goal")
    for name in ("crowdfunding_raised", "crowdfunding_url"):
        if row.get(name) is not None and goal is None:
            problems.append(Problem(rel, line, name, msg("is filled but crowdfunding_goal is empty"),
                                    Code.INCONSISTENT))
    if (row.get("latitude") is None) != (row.get("longitude") is None):
        problems.append(Problem(rel, line, "longitude" if row.get("longitude") is None else "latitude",
                                msg("is empty: give both latitude and longitude, or neither"), Code.INCONSISTENT))


def _check_municipality(rel: str, line: int, row: dict, towns: dict, problems: list[Problem]) -> None:
    """A project names one of its campaign's municipalities, and must when there are several: the
    municipality pages, filters and open data count it there."""
    code = row.get("municipality")
    known = ", ".join(f"{nis} ({name if isinstance(name, str) else next(iter(name.values()))})"
                      for nis, name in towns.items())
    if code and towns and code not in towns:
        problems.append(Problem(rel, line, "municipality", msg(
            "%(value)s is not the NIS code of one of the campaign's municipalities: expected one of %(known)s",
            value=quoted(code), known=known), Code.UNKNOWN_MUNICIPALITY))
    elif not code and len(towns) > 1:
        problems.append(Problem(rel, line, "municipality", msg(
            "is empty: the campaign has several municipalities, so each project names its own: one of %(known)s",
            known=known), Code.MISSING_VALUE))


def _check_image(rel: str, line: int, row: dict, media: set, problems: list[Problem]) -> None:
    if row.get("image") and row["image"] not in media:
        problems.append(Problem(rel, line, "image", msg("%(value)s does not exist in the campaign's media/ folder",
                                                        value=quoted(row["image"])), Code.MISSING_MEDIA))


def selection_days(data: dict) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the selection: its stages', or the jury and public-vote phases'."""
    if "selection" in data:
        spans = [(stage.get("start"), stage.get("end") or stage.get("start")) for stage in data["selection"]]
    else:
        spans = [(phase.get("start"), phase.get("end") or phase.get("start"))
                 for name, phase in data["phases"].items() if name in ("jury", "public_vote")]
    firsts = [day for start, _ in spans if (day := iso_day(start))]
    lasts = [day for _, end in spans if (day := iso_day(end))]
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


# Names given per language in optional `<stem>_<lang>` columns, beside the plain `<stem>` column that
# the languages without a name of their own show.
LOCALISED_NAMES = {"laureates": ("holder", "address"), "candidates": ("holder", "address"),
                   "events": ("venue", "address")}


def check_tables(data: dict, tables: dict[str, TableRows], problems: list[Problem]) -> None:
    """Laureates against the selection, prizes and budget; updates and payments against the laureates and
    the selection's dates. None depends on the build day: `--check` says the same on any day."""
    for name, stems in LOCALISED_NAMES.items():
        if name in tables:
            _check_localised_names(tables[name], stems, problems)
    for name in ("laureates", "candidates"):
        if name in tables:
            _check_consent(tables[name], problems)
    if tables.get("candidates"):
        _check_prize_ids(data, tables["candidates"], problems)
    check_results(data, tables, problems)
    laureates = tables.get("laureates")
    if not laureates:
        return
    first, _ = selection_days(data)
    by_slug = {row["slug"]: (row, line) for row, line in zip(laureates.rows, laureates.lines)}
    _check_selected_by(data, laureates, problems)
    _check_budget_total(data, laureates, tables.get("candidates"), problems)
    updates = tables.get("updates")
    if updates:
        _check_updates(laureates, updates, by_slug, first, problems)
    if tables.get("payments"):
        _check_payments(tables["payments"], by_slug, laureates.rel, first, problems)


def _check_consent(table: TableRows, problems: list[Problem]) -> None:
    """Consent to be named is a person's: a date given for an organisation or a group is a mistake in
    the row (a person's consent in the wrong row, or a holder_type to correct)."""
    for row, line in zip(table.rows, table.lines):
        if row.get("holder_consent") and row.get("holder_type") != "person":
            problems.append(Problem(table.rel, line, "holder_consent", msg(
                "is given, but holder_type is %(type)s: only a holder who is a person (holder_type person) is named "
                "by consent", type=quoted(row.get("holder_type") or "")), Code.HOLDER_CONSENT))


def _check_localised_names(table: TableRows, stems: tuple[str, ...], problems: list[Problem]) -> None:
    for row, line in zip(table.rows, table.lines):
        for stem in stems:
            given = sorted(name for name, value in row.items()
                           if name.startswith(f"{stem}_") and name[len(stem) + 1:] in LANGUAGES and value)
            if given and not row.get(stem):
                problems.append(Problem(table.rel, line, stem, msg(
                    "is empty but %(given)s is given: fill %(column)s too, for the languages without their own",
                    given=", ".join(given), column=stem), Code.INCONSISTENT))


def _check_selected_by(data: dict, laureates: TableRows, problems: list[Problem]) -> None:
    ids = stage_ids(data)
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
    _check_prize_ids(data, laureates, problems)


def _check_prize_ids(data: dict, table: TableRows, problems: list[Problem]) -> None:
    prizes = [prize["id"] for prize in data.get("prizes", [])]
    for row, line in zip(table.rows, table.lines):
        for prize in row["prizes"].split(";") if row.get("prizes") else ():
            if prize not in prizes:
                known = ", ".join(prizes) or msg("campaign.yml has no prizes")
                problems.append(Problem(table.rel, line, "prizes", msg(
                    "%(value)s is not a prize (%(known)s)", value=quoted(prize), known=known), Code.UNKNOWN_PRIZE))


def prize_money(data: dict, tables: list[TableRows]) -> int:
    """Cents of the prizes paid out of the budget: each prize with from_budget, once per project that won it."""
    amounts = {p["id"]: cents(p["amount"]) for p in data.get("prizes", []) if p.get("from_budget") and "amount" in p}
    winners = {(row["slug"], prize) for table in tables for row in table.rows
               for prize in (row["prizes"].split(";") if row.get("prizes") else ())}
    return sum(amounts.get(prize, 0) for _, prize in winners)


def _check_budget_total(data: dict, laureates: TableRows, candidates: TableRows | None,
                        problems: list[Problem]) -> None:
    if "budget" not in data:
        return
    prizes = prize_money(data, [table for table in (laureates, candidates) if table])
    total, granted = cents(data["budget"]["total"]), prizes
    for row, line in zip(laureates.rows, laureates.lines):
        granted += cents(row["amount"])
        if granted > total:
            more = msg(" (%(prizes)s of them prizes paid from the budget)", prizes=euros(prizes)) if prizes else ""
            problems.append(Problem(laureates.rel, line, "amount", msg(
                "%(amount)s brings the grants to %(granted)s%(prizes)s, more than the budget (campaign.yml "
                "budget.total: %(total)s)", amount=row["amount"], granted=euros(granted), prizes=more,
                total=euros(total)), Code.OVER_BUDGET))
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
