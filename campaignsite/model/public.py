"""What was public on a given day: the campaign as its site may show it when built for that day.

A site is true on its build day. The data in git runs ahead of it: an editor commits the jury's
result before the press day, an update or a payment the week it happens. `campaign_on(campaign, day)`
is the one place that holds them back, so that no later stage (pages, feeds, calendars, open data,
press kit, search index, media) can publish them by mistake:

- before the results day (phases.results_day: campaign.yml results_day, else the press day): no
  laureate, no result of any candidate (votes, marks, score, rank, reason, prize), no project an event
  links to, no update or payment; the candidates are shown from the first selection stage on;
- on any day: no news post, update or payment dated after it, and each project's status is the one in
  force on that day (its latest update up to then);
- a holder who is a private person is named only from the day of their consent (model/holders.py):
  before, "a resident of <municipality>", in the pages and the open data alike.
- climate-plan actions: no step of their history dated after the day; status, progress and indicator
  value are those of the latest step up to it (planned, 0 % and no value before the first); an event's
  participants and outcome only once it took place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType

from campaignsite.model.holders import is_named, public_holder
from campaignsite.model.phases import candidates_day, results_day, took_place
from campaignsite.model.records import Action, Campaign, Event, Laureate, Network, PublicTable, Results, Text

# Open-data columns that are results: held back with the laureates until the results day.
RESULT_COLUMNS = ("votes", "marks", "score", "rank", "prizes")


def network_on(network: Network, day: dt.date) -> Network:
    """The network as its portal may show it on `day`: each campaign as public on that day."""
    return dataclasses.replace(network, campaigns=tuple(campaign_on(c, day) for c in network.campaigns))


def campaign_on(campaign: Campaign, day: dt.date) -> Campaign:
    """The campaign with only what was public on `day`."""
    public = day >= results_day(campaign)
    laureates = tuple(dataclasses.replace(laureate_on(item, day), holder=public_holder(campaign, item, day))
                      for item in campaign.laureates) if public else ()
    candidates = ()
    if day >= candidates_day(campaign):
        candidates = tuple(dataclasses.replace(c, holder=public_holder(campaign, c, day)) for c in campaign.candidates)
        if not public:
            candidates = tuple(dataclasses.replace(c, results=Results(), selected=False) for c in candidates)
    # The holders not to be named that day, by table, with what the open data says instead.
    unnamed = {name: {item.slug: public_holder(campaign, item, day) for item in items if not is_named(item, day)}
               for name, items in (("laureates", laureates), ("candidates", candidates))}
    news = tuple(post for post in campaign.news if post.date <= day)
    posts = {post.slug for post in news}
    events = tuple(event_on(dataclasses.replace(event, project=event.project if public else None,
                                                news=event.news if event.news in posts else None), day)
                   for event in campaign.events)
    actions = tuple(action_on(action, day) for action in campaign.actions)
    return dataclasses.replace(campaign, laureates=laureates, candidates=candidates, news=news, events=events,
                               actions=actions,
                               public_tables=MappingProxyType(_tables_on(campaign, day, public, laureates, posts,
                                                                         bool(candidates), unnamed, actions)))


def action_on(action: Action, day: dt.date) -> Action:
    """The action with its history up to `day`: the status, progress and indicator value in force then."""
    if not action.history:
        return action
    history = tuple(step for step in action.history if step.date <= day)
    values = [step.value for step in history if step.value is not None]
    indicator = action.indicator and dataclasses.replace(action.indicator, current=values[-1] if values else None)
    return dataclasses.replace(action, history=history, status=history[-1].status if history else "planned",
                               progress=history[-1].progress if history else 0, indicator=indicator)


def event_on(event: Event, day: dt.date) -> Event:
    """The event without its participants and outcome before it took place."""
    if took_place(event, day):
        return event
    return dataclasses.replace(event, participants=None, outcome=MappingProxyType({}))


def laureate_on(laureate: Laureate, day: dt.date) -> Laureate:
    """The laureate with its updates and payments up to `day`, and the status in force then."""
    updates = tuple(update for update in laureate.updates if update.date <= day)
    status = updates[-1].status if updates else ("selected" if laureate.updates else laureate.status)
    stopped_on = updates[-1].date if updates and status == "stopped" else None
    return dataclasses.replace(laureate, updates=updates, status=status, stopped_on=stopped_on,
                               payments=tuple(payment for payment in laureate.payments if payment.date <= day))


def _tables_on(campaign: Campaign, day: dt.date, public: bool, laureates: tuple[Laureate, ...], posts: set[str],
               candidates: bool, unnamed: dict[str, dict[str, Text]], actions: tuple[Action, ...]) -> dict[str, PublicTable]:
    """The open-data tables as public on `day`: the same rows the pages show, the same holders' names."""
    tables = {}
    for name, table in campaign.public_tables.items():
        if unnamed.get(name):
            table = _holders_hidden(table, unnamed[name], campaign.default_language)
        # A table held back keeps its columns, so that the open data has the same shape every day.
        if name in ("laureates", "updates", "payments") and not public or name == "candidates" and not candidates:
            table = PublicTable(table.fields, ())
        elif name == "candidates" and not public:
            for column in [f["name"] for f in table.fields if f["name"] in RESULT_COLUMNS or f["name"].startswith("reason_")]:
                table = _with_cells(table, column, lambda row: "")
        elif name == "laureates":
            status = {item.slug: item.status for item in laureates}
            table = _with_cells(table, "status", lambda row: status[row["slug"]])
        elif name in ("updates", "payments", "action_updates"):
            table = _rows_where(table, lambda row: dt.date.fromisoformat(row["date"]) <= day)
        elif name == "actions":
            by_slug = {action.slug: action for action in actions}
            table = _with_cells(table, "status", lambda row: by_slug[row["slug"]].status)
            table = _with_cells(table, "progress", lambda row: str(by_slug[row["slug"]].progress))
        elif name == "events":
            table = _with_cells(table, "news", lambda row: row.get("news") if row.get("news") in posts else "")
            over = {event.slug for event in campaign.events if took_place(event, day)}
            for column in [f["name"] for f in table.fields if f["name"] == "participants"
                           or f["name"].startswith("outcome_")]:
                table = _with_cells(table, column, lambda row: row[column] if row["slug"] in over else "")
            if not public:
                table = _with_cells(table, "project", lambda row: "")
        tables[name] = table
    return tables


def _holders_hidden(table: PublicTable, unnamed: dict[str, Text], default: str) -> PublicTable:
    """The table with the holder columns (holder, holder_<lang>) of the rows of `unnamed` saying what
    the pages say instead of the name."""
    for column in [f["name"] for f in table.fields if f["name"] == "holder" or f["name"].startswith("holder_")]:
        lang = default if column == "holder" else column.removeprefix("holder_")
        if lang in unnamed[next(iter(unnamed))]:
            table = _with_cells(table, column, lambda row, lang=lang: unnamed[row["slug"]][lang] if row["slug"] in
                                unnamed else row[column])
    return table


def _records(table: PublicTable):
    names = [f["name"] for f in table.fields]
    return [dict(zip(names, row)) for row in table.rows]


def _rows_where(table: PublicTable, keep) -> PublicTable:
    return PublicTable(table.fields, tuple(row for row, record in zip(table.rows, _records(table)) if keep(record)))


def _with_cells(table: PublicTable, column: str, value) -> PublicTable:
    """The table with `column` (where it has one) set to value(record) in every row."""
    names = [f["name"] for f in table.fields]
    if column not in names:
        return table
    index = names.index(column)
    return PublicTable(table.fields, tuple(row[:index] + (value(record) or "",) + row[index + 1:]
                                           for row, record in zip(table.rows, _records(table))))
