"""Between campaigns: the portal's languages and pages, unique addresses, names the output reserves.
"""

from __future__ import annotations

from typing import Mapping

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg, nmsg
from campaignsite.load.files import entry_kind
from campaignsite.load.parse import MarkdownDoc, YamlDoc
from campaignsite.validate.campaign_file import SLUG, check_translations, not_a_mapping
from campaignsite.validate.checked import CheckedCampaign, CheckedNetwork
from campaignsite.validate.markdown import check_page_rendering
from campaignsite.validate.schema import check_yaml, kind_of, quoted


def validate_network(content, campaigns: list[CheckedCampaign | None], problems: list[Problem],
                     reserved: Mapping[str, str]) -> CheckedNetwork | None:
    """Check the portal's own files and that campaigns' addresses do not clash; no portal page may take a
    `reserved` name (name -> what the output publishes there, from the pipeline)."""
    doc = content.network
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(not_a_mapping(doc, "title:, languages:, base_url:, ..."))
        return None
    if not check_yaml(doc, "network", problems, content.limits):
        return None
    languages = tuple(doc.data["languages"])
    campaign_slugs = {checked.files.slug for checked in campaigns if checked is not None}
    before = len(problems)
    for key in ("title", "tagline", "short_title"):
        if key in doc.data:
            check_translations(doc, (key,), doc.data[key], languages, problems)
    _check_portal_languages(doc, languages, campaigns, problems)
    _check_programmes(doc, languages, campaigns, problems)
    pages: dict[str, set[str]] = {}
    for page in content.pages:
        if page.lang not in languages:
            problems.append(Problem(page.rel, None, "", msg("%(value)s is not a language of the portal (%(languages)s)",
                                                            value=quoted(page.lang), languages=", ".join(languages)),
                                    Code.UNKNOWN_LANGUAGE))
        if not SLUG.match(page.slug):
            problems.append(Problem(page.rel, None, "", msg("%(value)s is not a safe page name: use lower-case "
                                                            "letters, digits and single hyphens",
                                                            value=quoted(page.slug)), Code.UNSAFE_SLUG))
        elif page.slug in reserved:
            problems.append(Problem(page.rel, None, "", msg("%(value)s is reserved: the site publishes %(what)s "
                                                            "there; choose another page name", value=quoted(page.slug),
                                                            what=reserved[page.slug]), Code.RESERVED_SLUG))
        elif page.slug in campaign_slugs:
            problems.append(Problem(page.rel, None, "", msg("%(value)s is the address of a campaign; choose another "
                                                            "page name", value=quoted(page.slug)), Code.RESERVED_SLUG))
        _check_page_meta(page, problems)
        pages.setdefault(page.slug, set()).add(page.lang)
    for slug, langs in pages.items():
        for lang in languages:
            # A page that exists but could not be read already has a problem of its own.
            if lang not in langs and entry_kind(content.root / lang / f"{slug}.md") is None:
                problems.append(Problem(f"content/{lang}/{slug}.md", None, "", msg(
                    "is missing: the page %(value)s needs a version in every language of the portal",
                    value=quoted(slug)), Code.MISSING_TRANSLATION))
    _check_unique_urls(campaigns, problems)
    if len(problems) == before:
        for page in content.pages:
            check_page_rendering(page, content.limits, problems)
    return CheckedNetwork(doc.data, languages, content.pages) if len(problems) == before else None


def _check_portal_languages(doc: YamlDoc, languages: tuple, campaigns, problems: list[Problem]) -> None:
    """The portal speaks every language a campaign is published in (issue 10): a German-first
    campaign is listed on a German portal, not on a portal that has no German."""
    users: dict[str, list[str]] = {}
    for checked in campaigns:
        if checked is not None:
            for lang in checked.languages:
                if lang not in languages:
                    users.setdefault(lang, []).append(checked.files.slug)
    for lang, slugs in sorted(users.items()):
        problems.append(Problem(doc.rel, doc.line_of(("languages",)), "languages", nmsg(
            "has no %(value)s, a language of campaign %(campaigns)s: add it, with the portal's title, tagline "
            "and pages in that language",
            "has no %(value)s, a language of campaigns %(campaigns)s: add it, with the portal's title, tagline "
            "and pages in that language", len(slugs), value=quoted(lang), campaigns=", ".join(sorted(slugs))),
            Code.MISSING_PORTAL_LANGUAGE))


def _check_programmes(doc: YamlDoc, languages: tuple, campaigns, problems: list[Problem]) -> None:
    """Programmes have unique ids and texts in every portal language; a campaign names a programme
    that exists, and a programme has one edition a year."""
    known: dict[str, int] = {}
    for index, programme in enumerate(doc.data.get("programmes", [])):
        path = ("programmes", index)
        if programme["id"] in known:
            problems.append(Problem(doc.rel, doc.line_of(path + ("id",)), "programmes.id", msg(
                "%(value)s is used twice", value=quoted(programme["id"])), Code.DUPLICATE_ID))
        known[programme["id"]] = index
        for key in ("name", "description"):
            if key in programme:
                check_translations(doc, path + (key,), programme[key], languages, problems)
    editions: dict[tuple[str, int], str] = {}
    for checked in sorted((c for c in campaigns if c is not None), key=lambda c: c.files.slug):
        programme, campaign_doc = checked.data.get("programme"), checked.files.campaign
        if programme is None:
            continue
        line = campaign_doc.line_of(("programme",))
        if programme not in known:
            problems.append(Problem(campaign_doc.rel, line, "programme", msg(
                "%(value)s is not a programme of content/network.yml programmes (%(known)s)", value=quoted(programme),
                known=", ".join(known) or msg("none is defined")), Code.UNKNOWN_PROGRAMME))
            continue
        year = (programme, checked.data["edition"])
        if year in editions:
            problems.append(Problem(campaign_doc.rel, line, "programme", msg(
                "%(value)s already has an edition %(year)s: campaign %(campaign)s; a programme has one edition a year",
                value=quoted(programme), year=year[1], campaign=quoted(editions[year])), Code.DUPLICATE_VALUE))
        editions.setdefault(year, checked.files.slug)


def _check_page_meta(page: MarkdownDoc, problems: list[Problem]) -> None:
    meta = page.meta.data
    if not isinstance(meta, dict):
        problems.append(Problem(page.rel, 2, "", msg("front matter is %(kind)s, expected `key: value` lines "
                                                     "(title: text)", kind=kind_of(meta)), Code.WRONG_TYPE))
    elif meta.get("title") in (None, ""):
        problems.append(Problem(page.rel, page.meta.line_of(("title",)), "title",
                                msg("is required in the front matter (title: text)"), Code.MISSING_FIELD))
    elif not isinstance(meta["title"], str):
        problems.append(Problem(page.rel, page.meta.line_of(("title",)), "title", msg(
            "%(value)s is %(kind)s, expected a text", value=quoted(meta["title"]), kind=kind_of(meta["title"])),
            Code.WRONG_TYPE))


def _check_unique_urls(campaigns, problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for checked in campaigns:
        if checked is None:
            continue
        url = checked.data["base_url"]
        doc = checked.files.campaign
        if url in seen:
            problems.append(Problem(doc.rel, doc.line_of(("base_url",)), "base_url", msg(
                "%(value)s is also the address of campaign %(campaign)s", value=quoted(url),
                campaign=quoted(seen[url])), Code.DUPLICATE_VALUE))
        seen[url] = checked.files.slug
