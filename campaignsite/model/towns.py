"""The network seen by municipality and by programme (issue 21): the campaigns each municipality of the
network takes part in and the projects that belong to it, and the editions of each programme.

Computed from the public network (model/public.py has already held back what is not public on the
build day), so a municipality's totals are those of the projects its page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaignsite.model.records import Campaign, Laureate, Municipality, Network, Programme, Text


@dataclass(frozen=True)
class Town:
    """A municipality of the network, with every campaign it takes part in (by edition, then slug)."""

    municipality: Municipality  # as the first campaign (by slug) that names it gives it
    slug: str                   # its page's address on the portal: its NIS code
    campaigns: tuple[Campaign, ...]
    names: Text                 # its name per language, from every campaign that names it

    @property
    def nis_code(self) -> str:
        return self.municipality.nis_code

    def name(self, lang: str) -> str:
        """Its name in `lang` where a campaign gives one (Elsene, Ixelles), else its first campaign's."""
        return self.names.get(lang) or next(iter(self.names.values()))

    @property
    def projects(self) -> tuple[tuple[Campaign, Laureate], ...]:
        """Each laureate of its campaigns that belongs to it, with its campaign."""
        return tuple((campaign, item) for campaign in self.campaigns for item in campaign.laureates
                     if item.municipality == self.nis_code)

    @property
    def totals(self) -> "Totals":
        return Totals(tuple(item for _campaign, item in self.projects))


@dataclass(frozen=True)
class Totals:
    """The money of some laureates, read as a campaign's or the network's is (granted, paid, repaid)."""

    items: tuple[Laureate, ...]

    @property
    def granted(self) -> int:
        return sum(item.granted for item in self.items)

    @property
    def paid(self) -> int:
        return sum(item.paid for item in self.items)

    @property
    def repaid(self) -> int:
        return sum(item.repaid for item in self.items)

    @property
    def has_payments(self) -> bool:
        return any(item.payments for item in self.items)


def towns(network: Network) -> tuple[Town, ...]:
    """Every municipality of the network's campaigns, by NIS code. Its page's address is its NIS code:
    a campaign's site links it from its own data, whatever other campaigns name it."""
    found: dict[str, tuple[Municipality, list[Campaign], dict[str, str]]] = {}
    for campaign in sorted(network.campaigns, key=lambda c: c.slug):
        for municipality in campaign.municipalities:
            entry = found.setdefault(municipality.nis_code, (municipality, [], {}))
            entry[1].append(campaign)
            for lang in campaign.languages:
                entry[2].setdefault(lang, municipality.name[lang])
    return tuple(Town(municipality, code, tuple(sorted(campaigns, key=lambda c: (c.edition, c.slug))), names)
                 for code, (municipality, campaigns, names) in sorted(found.items()))


def editions(network: Network, programme: Programme) -> tuple[Campaign, ...]:
    """The programme's editions, oldest first (the checks allow one a year)."""
    return tuple(sorted((c for c in network.campaigns if c.programme == programme.id), key=lambda c: c.edition))


def neighbours(network: Network, campaign: Campaign) -> tuple[Campaign | None, Campaign | None]:
    """The edition before and the edition after `campaign` in its programme (None where there is none)."""
    if campaign.programme is None:
        return None, None
    programme = next(p for p in network.programmes if p.id == campaign.programme)
    ordered = editions(network, programme)
    at = [edition.slug for edition in ordered].index(campaign.slug)
    return (ordered[at - 1] if at else None), (ordered[at + 1] if at + 1 < len(ordered) else None)
