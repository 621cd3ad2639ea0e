"""The pages of a campaign site for the press and the public record: press page, printable laureate
listing, accessibility and privacy statements."""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

import segno

from campaignsite.core.sitespec import Page
from campaignsite.exports import giving360, presskit
from campaignsite.model.records import Laureate
from campaignsite.model.sdgs import get_sdgs
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import MEDIA_PREFIX, CampaignBuilder, href
from campaignsite.pages.parts import (file_size, key_figures, mailto, news_summary, phone_link, selected_by,
                                      statement_page)

DATA_PREFIX = "../data/"  # open data are shared by a campaign's language sites, one level up


def data_downloads(b: CampaignBuilder, url: str) -> tuple[views.Download, ...]:
    _ = b._
    files = []
    if "laureates" in b.campaign.public_tables:
        files.append(views.Download(_("Laureates (CSV)"), href(url, DATA_PREFIX + "laureates.csv"), "CSV"))
    files += [views.Download(_("Laureates (JSON)"), href(url, DATA_PREFIX + "laureates.json"), "JSON"),
              views.Download(_("Open data package (Frictionless)"),
                                href(url, DATA_PREFIX + "datapackage.json"), "JSON")]
    if giving360.has_package(b.campaign):
        files += [views.Download(_("Grants in the 360Giving Data Standard (JSON)"),
                                 href(url, DATA_PREFIX + giving360.JSON_NAME), "JSON"),
                  views.Download(_("Grants in the 360Giving Data Standard (CSV)"),
                                 href(url, DATA_PREFIX + giving360.CSV_NAME), "CSV")]
    return tuple(files)


def media_download(url: str, src: str, title: str, credit: str | None) -> views.Download:
    return views.Download(title, href(url, MEDIA_PREFIX + src[len("media/"):]),
                             PurePosixPath(src).suffix.lstrip(".").upper(), credit)


def press(b: CampaignBuilder) -> Page:
    _ = b._
    campaign = b.campaign

    def context(url: str) -> contexts.PressContext:
        kit = tuple(kit_download(b, url, item) for item in presskit.items(campaign, _))
        zip_file = views.Download(_("The whole press kit: originals, print-ready PNG files and credits"),
                                     href(url, "../" + presskit.zip_name(campaign)), "ZIP") if kit else None
        contact = campaign.press_contact
        lines = ((views.Link(contact.email, mailto(contact.email)),)
                 + ((views.Link(contact.phone, phone_link(contact.phone)),) if contact.phone else ()))
        return contexts.PressContext(
            site=b.site,
            intro=_("Releases, figures, the list of laureates and pictures, free to use with credit."),
            releases=tuple(news_summary(b, url, post) for post in campaign.news), figures=key_figures(b),
            listing=views.Link(_("List of laureates (printable)"), href(url, urls.LISTING)),
            data=data_downloads(b, url), media_kit=kit,
            contact=views.Fact(_("Press contact"), contact.name), contact_lines=lines, kit_zip=zip_file,
            gallery=tuple(press_picture(b, url, item) for item in presskit.items(campaign, _)))
    return b.page(urls.PRESS, _("Press"),
                  _("Press releases, figures and media kit of %(campaign)s", campaign=b.text(campaign.title)),
                  context)


def kit_download(b: CampaignBuilder, url: str, item: presskit.KitItem) -> views.Download:
    """A picture of the press kit, with its print-ready PNG when the original is an SVG."""
    download = media_download(url, item.src, item.title, item.credit)
    if item.raster:
        text = b._("PNG for print, %(width)s pixels wide", width=b.fmt.number(presskit.WIDTH))
        download = dataclasses.replace(download, alternatives=(views.Link(text, href(url, "../" + item.raster)),))
    return download


def press_picture(b: CampaignBuilder, url: str, item: presskit.KitItem) -> views.PressPicture:
    """A picture of the kit in the press page's gallery, shown by itself at thumbnail size."""
    download = kit_download(b, url, item)
    thumbnail = b.image(url, item.src, "")
    printed = download.alternatives[0] if download.alternatives else None
    return views.PressPicture(item.title, download.href, thumbnail, picture_size(b, item.src, download.format),
                              item.credit, printed, picture_size(b, item.raster) if item.raster else "")


def picture_size(b: CampaignBuilder, path: str, kind: str = "") -> str:
    """'SVG · 640 × 400 pixels · 12 kB': a file of the kit's format, pixel size and file size."""
    parts = [kind] if kind else []
    if path in b.campaign.image_sizes:
        width, height = b.campaign.image_sizes[path]
        parts.append(b._("%(width)s × %(height)s pixels", width=b.fmt.number(width), height=b.fmt.number(height)))
    if path in b.campaign.press_sizes:
        parts.append(file_size(b, b.campaign.press_sizes[path]))
    return " · ".join(parts)


def listing(b: CampaignBuilder) -> Page:
    _ = b._
    campaign = b.campaign

    def context(url: str) -> contexts.ListingContext:
        rows = []
        for item in b.by_title(campaign.laureates):
            card = b.card(url, item)
            rows.append(views.ListingRow(
                card.href, card.title, b.text(item.holder), card.category_label, b.fmt.money(item.granted),
                tuple(f"{number} {get_sdgs()[number].title[b.lang]}" for number in sorted(item.sdgs)),
                selected_by(b, item),
                card.status_label, b.fmt.list([prize.name for prize in card.prizes]), place(b, item)))
        headings = (_("Project"), _("Place"), _("Project holder"), _("Category"), _("Grant"), _("Goals"),
                    _("Selected by"), _("Status")) + ((_("Prize"),) if campaign.prizes else ())
        source = b.absolute(url)
        return contexts.ListingContext(
            b.site, _("List of laureates"),
            _.ngettext("%(count)s laureate of %(campaign)s, as of %(date)s.",
                       "%(count)s laureates of %(campaign)s, as of %(date)s.", len(campaign.laureates),
                       count=b.fmt.number(len(campaign.laureates)), campaign=b.text(campaign.title),
                       date=b.fmt.date(b.today)),
            headings, tuple(rows), b.fmt.money(campaign.granted), data_downloads(b, url), bool(campaign.prizes),
            logos=listing_logos(b, url), campaign=b.text(campaign.title),
            as_of=_("As of %(date)s", date=b.fmt.date(b.today)), source=views.Link(source, source),
            qr_svg=qr_svg(source))
    return b.page(urls.LISTING, _("List of laureates"),
                  _("The laureates of %(campaign)s", campaign=b.text(campaign.title)), context)


def place(b: CampaignBuilder, item: Laureate) -> str:
    """Where a project is: its address, or else its municipality."""
    if item.address:
        return b.text(item.address)
    found = [m for m in b.campaign.municipalities if m.nis_code == item.municipality] or b.campaign.municipalities
    return b.fmt.list([m.name[b.lang] for m in found])


def listing_logos(b: CampaignBuilder, url: str) -> tuple[views.Image, ...]:
    """The logos heading the printed listing: its municipalities', or else the campaign's own."""
    found = [(p.logo, p.name) for p in b.campaign.partners if p.role == "municipality" and p.logo]
    if not found and b.campaign.logo:
        found = [(b.campaign.logo, b.text(b.campaign.title))]
    return tuple(b.image(url, src, b._("Logo of %(name)s", name=name)) for src, name in found)


def qr_svg(address: str) -> str:
    """A QR code of `address` as an inline SVG, hidden from screen readers (the address is written beside
    it); medium error correction, so a crease or a stain on paper does not stop a phone reading it."""
    code = segno.make(address, error="m", boost_error=False)
    return code.svg_inline(scale=1, omitsize=True, svgclass="cs-qr", lineclass=None).replace(
        "<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def statement(b: CampaignBuilder, kind: str) -> Page:
    """The accessibility statement (EU directive 2016/2102) or the privacy statement (GDPR)."""
    campaign = b.campaign
    places = ", ".join(m.name[b.lang] for m in campaign.municipalities)
    return statement_page(b, kind, b.text(campaign.title), places, campaign.contact.email, campaign.contact.address)
