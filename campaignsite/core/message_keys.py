"""The msgids that the code builds at run time, declared once so that `pybabel extract` finds them.

`_(f"status:{laureate.status}")` shows the extractor no string, so every msgid such a call can
produce is written out below with the no-op marker `N_` (one of Babel's default keywords) and lands
in campaignsite/locale/messages.pot with `make messages`. Most come from an enumeration of
data/schemas/; tests/test_i18n.py checks that these lists match the schemas and the code.
"""

from __future__ import annotations


def N_(msgid: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark a msgid for extraction and return it unchanged; `_()` translates it where it is used."""
    return msgid


# prefix -> every msgid `_(f"<prefix>:{value}")` can ask for, in the order of the schema's values.
KEYS: dict[str, tuple[str, ...]] = {
    # laureates.csv and updates.csv `status`
    "status": (N_("status:selected"), N_("status:in-progress"), N_("status:completed"), N_("status:stopped")),
    # campaign.yml `selection[].kind`: the name of a jury or vote that has no name of its own
    "stage": (N_("stage:expert-jury"), N_("stage:citizen-jury"), N_("stage:participatory-jury"),
              N_("stage:selection-jury"), N_("stage:public-vote")),
    # payments.csv `kind`
    "payment": (N_("payment:advance"), N_("payment:balance"), N_("payment:repayment")),
    # events.csv `kind`: the event's title, then its description, when the row has none
    "event": (N_("event:launch"), N_("event:info-session"), N_("event:jury"), N_("event:public-vote"),
              N_("event:training"), N_("event:mentoring"), N_("event:transition-tour"), N_("event:closing"),
              N_("event:participation"), N_("event:press"), N_("event:other")),
    "event-about": (N_("event-about:launch"), N_("event-about:info-session"), N_("event-about:jury"),
                    N_("event-about:public-vote"), N_("event-about:training"), N_("event-about:mentoring"),
                    N_("event-about:transition-tour"), N_("event-about:closing"), N_("event-about:participation"),
                    N_("event-about:press"), N_("event-about:other")),
    # events.csv `status`, only those that get a notice (pages.parts.STATUS_NOTICE)
    "event-status": (N_("event-status:cancelled"), N_("event-status:postponed"), N_("event-status:moved-online")),
    # actions.csv `theme` and `status`
    "theme": (N_("theme:energy"), N_("theme:mobility"), N_("theme:buildings"), N_("theme:nature"), N_("theme:food"),
              N_("theme:consumption"), N_("theme:adaptation")),
    "action-status": (N_("action-status:planned"), N_("action-status:in-progress"), N_("action-status:done"),
                      N_("action-status:delayed")),
    # How many actions have each status, a key figure of the plan (pages.parts.action_figures)
    "actions": (N_("actions-planned"), N_("actions-in-progress"), N_("actions-done"), N_("actions-delayed")),
    # actions.csv `sector`: the Covenant of Mayors' sectors
    "sector": (N_("sector:municipal-buildings"), N_("sector:tertiary-buildings"), N_("sector:residential-buildings"),
               N_("sector:public-lighting"), N_("sector:industry"), N_("sector:transport"),
               N_("sector:local-electricity"), N_("sector:local-heat"), N_("sector:agriculture"), N_("sector:waste"),
               N_("sector:adaptation"), N_("sector:other")),
    # A kit file's format in plain words, by its name's ending (pages.plan.FORMATS)
    "file-format": (N_("file-format:markdown"), N_("file-format:text"), N_("file-format:docx"),
                    N_("file-format:odt"), N_("file-format:pdf"), N_("file-format:svg"), N_("file-format:png"),
                    N_("file-format:jpeg"), N_("file-format:webp"), N_("file-format:gif"), N_("file-format:xlsx"),
                    N_("file-format:ods"), N_("file-format:pptx"), N_("file-format:odp")),
    # campaign.yml: `phases` (its property names), `kind`, `municipalities[].region`, `partners[].role`, `jury[].kind`
    "phase": (N_("phase:launch"), N_("phase:call"), N_("phase:jury"), N_("phase:public_vote"), N_("phase:press"),
              N_("phase:coaching"), N_("phase:mobilisation"), N_("phase:closing_event"), N_("phase:participation"),
              N_("phase:implementation"), N_("phase:follow_up")),
    "kind": (N_("kind:call-for-projects"), N_("kind:climate-plan")),
    "region": (N_("region:flanders"), N_("region:wallonia"), N_("region:brussels")),
    "role": (N_("role:organiser"), N_("role:municipality"), N_("role:sponsor"), N_("role:partner"), N_("role:media")),
    "juror": (N_("juror:expert"), N_("juror:citizen")),
    # campaign.yml `kit[].kind`, shown beside each file of the communication kit
    "kit": (N_("kit:template"), N_("kit:text"), N_("kit:image"), N_("kit:poster")),
    # The two statements every site publishes (pages.parts.statement_page): a title and four paragraphs.
    "accessibility": (N_("accessibility:title"), N_("accessibility:1"), N_("accessibility:2"), N_("accessibility:3"),
                      N_("accessibility:4")),
    "privacy": (N_("privacy:title"), N_("privacy:1"), N_("privacy:2"), N_("privacy:3"), N_("privacy:4")),
}
