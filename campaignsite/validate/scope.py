"""Which campaigns a check is about (`build.py --check --campaign`), and which problems concern them.

The whole network is always validated, since some rules cross campaigns (unique addresses, the
portal's lists); what is reported is narrowed to the named campaigns and to the shared files
(content/, data/), which every campaign's site depends on. Problems in other campaigns are only
counted: an editor committing her own campaign is not stopped by someone else's mistake.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from campaignsite.core.errors import CampaignSiteError, Problem, msg


class UnknownCampaign(CampaignSiteError):
    """--campaign names no campaign folder."""


def get_slugs(root: Path, names: list[str]) -> tuple[str, ...]:
    """The campaign slugs meant by `names`: slugs, or paths of files inside campaigns/<slug>/ (as
    pre-commit passes them), relative to the working folder or to `root`."""
    slugs: list[str] = []
    for name in names:
        slug = slug_of(root, name)
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def slug_of(root: Path, name: str) -> str:
    campaigns = (root / "campaigns").resolve()
    if "/" not in name and not name.startswith(".") and (campaigns / name).is_dir():
        return name
    for base in (Path.cwd(), root):
        path = (base / name).resolve()
        if path.is_relative_to(campaigns) and path != campaigns:
            slug = path.relative_to(campaigns).parts[0]
            if (campaigns / slug).is_dir():
                return slug
    raise UnknownCampaign(msg("--campaign: %(name)s is neither a campaign under %(folder)s nor a file inside one",
                              name=f"'{name}'", folder=campaigns))


def concerns(problem: Problem, slugs: tuple[str, ...]) -> bool:
    """Whether `problem` is about one of `slugs`, or about a file outside campaigns/."""
    parts = PurePosixPath(problem.path).parts
    return not parts or parts[0] != "campaigns" or (len(parts) > 1 and parts[1] in slugs)
