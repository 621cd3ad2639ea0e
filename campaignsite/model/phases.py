"""Where a campaign stands on a given day, as its visitors see it: one answer, from the phase dates of
campaign.yml and the build's day (`--today`), for the home page's call to action, the call page and
its widget, and the agenda (issue 9, "a site that knows what phase it is in").

The phases of campaign.yml overlap (coaching runs through the mobilisation) and leave gaps (between
the deadline and the jury); `phase_on` turns them into one of the moments below, each with its own
call to action.
"""

from __future__ import annotations

import datetime as dt

from campaignsite.model.records import Campaign, Event, Phase, SelectionStage

ANNOUNCED = "announced"        # the call for projects opens later
CALL = "call"                  # the call is open: submit a project
SELECTION = "selection"        # the call has closed; the laureates are not announced yet
PUBLIC_VOTE = "public-vote"    # the public votes
LAUREATES = "laureates"        # the laureates are known and coached
MOBILISATION = "mobilisation"  # the projects ask visitors for money, materials, skills and time
CLOSING = "closing"            # the closing event is what comes next
FOLLOW_UP = "follow-up"        # the closing event is over; the projects are still followed up
FINISHED = "finished"          # the closing event and the follow-up are over: results
CLIMATE_PLAN = "climate-plan"  # a climate-plan trajectory, which has no call
MOMENTS = (ANNOUNCED, CALL, SELECTION, PUBLIC_VOTE, LAUREATES, MOBILISATION, CLOSING, FOLLOW_UP, FINISHED,
           CLIMATE_PLAN)


def get_phase(campaign: Campaign, phase_id: str) -> Phase | None:
    """The campaign's phase `phase_id` (a key of campaign.yml `phases`), or None."""
    return next((phase for phase in campaign.phases if phase.id == phase_id), None)


def covers(phase: Phase | None, day: dt.date) -> bool:
    return phase is not None and phase.start <= day <= phase.last_day


def phase_on(campaign: Campaign, day: dt.date) -> str:
    """The moment (one of MOMENTS) the campaign is in on `day`."""
    if campaign.kind == "climate-plan":
        return CLIMATE_PLAN
    call = get_phase(campaign, "call")
    if call and day < call.start:
        return ANNOUNCED
    if call and day <= call.last_day:
        return CALL
    if covers(get_phase(campaign, "public_vote"), day) or vote_stage(campaign, day):
        return PUBLIC_VOTE
    mobilisation = get_phase(campaign, "mobilisation")
    if covers(mobilisation, day):
        return MOBILISATION
    closing = get_phase(campaign, "closing_event")
    if (closing and day > closing.last_day or
            not closing and all(p.last_day < day for p in campaign.phases if p.id != "follow_up")):
        return FOLLOW_UP if covers(get_phase(campaign, "follow_up"), day) else FINISHED
    if day < results_day(campaign):
        return SELECTION
    if closing and (mobilisation is None or day > mobilisation.last_day):
        return CLOSING
    return LAUREATES


def results_day(campaign: Campaign) -> dt.date:
    """The day the results (laureates, scores, ranks, prizes, grants) are made public: campaign.yml
    results_day, else the press phase's start, else the day after the selection's last stage, else after
    the call; before it they are under embargo (model/public.py)."""
    if campaign.results_day:
        return campaign.results_day
    press = get_phase(campaign, "press")
    if press:
        return press.start
    ends = [stage.last_day for stage in campaign.selection if stage.last_day]
    ends += [phase.last_day for phase in campaign.phases if phase.id in ("jury", "public_vote")]
    call = get_phase(campaign, "call")
    if ends or call:
        return max(ends or [call.last_day]) + dt.timedelta(days=1)
    return dt.date.min


def vote_stage(campaign: Campaign, day: dt.date) -> SelectionStage | None:
    """The public vote of the selection going on on `day`, or None."""
    return next((stage for stage in campaign.selection if stage.is_vote and stage.start
                 and stage.start <= day <= stage.last_day), None)


def next_stage(campaign: Campaign, day: dt.date) -> SelectionStage | None:
    """The first selection stage that starts after `day`, or None."""
    later = sorted((stage for stage in campaign.selection if stage.start and stage.start > day),
                   key=lambda stage: stage.start)
    return later[0] if later else None


def candidates_day(campaign: Campaign) -> dt.date:
    """The day the candidates (without results) are shown: the first selection stage's start (a public
    vote shows the projects to vote for), else the day after the call closes."""
    starts = [stage.start for stage in campaign.selection if stage.start]
    starts += [phase.start for phase in campaign.phases if phase.id in ("jury", "public_vote")]
    if starts:
        return min(starts)
    call = get_phase(campaign, "call")
    return call.last_day + dt.timedelta(days=1) if call else dt.date.min


def call_state(campaign: Campaign, day: dt.date) -> str:
    """The call for projects on `day`: "unknown" (no dates yet), "announced", "open" or "closed"."""
    call = get_phase(campaign, "call")
    if call is None or call.end is None:
        return "unknown"
    if day < call.start:
        return "announced"
    return "open" if day <= call.end else "closed"


def took_place(event: Event, day: dt.date) -> bool:
    """Whether `event` is over on `day` (an event is still to come on its last day)."""
    return event.upcoming_on < day


def ahead(event: Event, day: dt.date) -> bool:
    """Whether an agenda lists `event` as still to come on `day`: not over yet, or postponed (it waits
    for a new date: under "past" with its old date it would read as held, issue 22 item 6)."""
    return event.status == "postponed" or not took_place(event, day)


def in_calendars(event: Event, day: dt.date) -> bool:
    """Whether `event` is offered for a calendar on `day`: still to come, and neither cancelled nor
    postponed (its old date would sit in the visitor's calendar as if it stood)."""
    return not took_place(event, day) and event.status in ("scheduled", "moved-online")


def happened(event: Event, day: dt.date) -> bool:
    """Over on `day` and neither cancelled nor postponed: it took place."""
    return took_place(event, day) and event.status in ("scheduled", "moved-online")


def vote_event(campaign: Campaign, day: dt.date) -> Event | None:
    """The public-vote event going on on `day` (events.csv kind public-vote), or the next one."""
    votes = [e for e in campaign.events if e.kind == "public-vote" and not took_place(e, day)]
    return votes[0] if votes else None


def closing_event(campaign: Campaign, day: dt.date) -> Event | None:
    """The next closing event (events.csv kind closing, or the closing_event phase's day), or None."""
    closing = [e for e in campaign.events if e.kind == "closing" and not took_place(e, day)
               and e.status != "cancelled"]
    return closing[0] if closing else None


def current_phase(campaign: Campaign, day: dt.date) -> Phase | None:
    """The phase going on on `day`; when phases overlap, the one that started last."""
    going_on = [p for p in campaign.phases if p.start <= day <= p.last_day]
    return going_on[-1] if going_on else None  # phases are sorted by start


CALL_PERIOD, VOTE_PERIOD = "call", "public-vote"


def periods(campaign: Campaign) -> tuple[tuple[str, dt.date, dt.date], ...]:
    """The campaign's calls and public votes as (kind, first day, last day): what a citizen takes part
    in over a period rather than at an event (the portal's agenda lists them)."""
    found = []
    call = get_phase(campaign, "call")
    if call and call.end:
        found.append((CALL_PERIOD, call.start, call.end))
    votes = [(VOTE_PERIOD, stage.start, stage.last_day) for stage in campaign.selection if stage.is_vote and stage.start]
    vote = get_phase(campaign, "public_vote")
    if not votes and vote:
        votes = [(VOTE_PERIOD, vote.start, vote.last_day)]
    return tuple(found + votes)


def last_day(campaign: Campaign) -> dt.date:
    """The campaign's last day: the end of its last phase."""
    return max(phase.last_day for phase in campaign.phases)
