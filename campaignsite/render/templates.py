"""Every page's typed context -> our HTML fragment, all in memory.

Our templates run in a Jinja environment with StrictUndefined and autoescape: a typo in a variable
fails the build, and every value from the data is escaped. Editor Markdown arrives already
sanitised (core.markup.render_markdown). Each context class names its template (as Datasette's views
do); the site engine only wraps this HTML in its theme.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import jinja2

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.core.places import PACKAGE_DIR
from campaignsite.core.sitespec import Page, SiteSpec

TEMPLATES = PACKAGE_DIR / "templates"


@functools.lru_cache(maxsize=1)
def get_env() -> jinja2.Environment:
    """The one Jinja environment for everything made from data."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_body(page: Page, site_id: str = "") -> str:
    """The page's HTML fragment from its context's template."""
    name = type(page.context).template
    try:
        return get_env().get_template(name).render(page=page.context, _=page.context.site._,
                                                   ngettext=page.context.site._.ngettext)
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}" if getattr(exc, "lineno", None) else name
        raise BuildFailed(f"campaignsite/templates/{Path(where).name}: {exc} (rendering {site_id}/{page.url})",
                          Code.TEMPLATE_ERROR) from exc


def render_site(site: SiteSpec) -> SiteSpec:
    """The site with every page's `body` filled in."""
    pages = tuple(dataclasses.replace(page, body=render_body(page, site.id)) for page in site.pages)
    return dataclasses.replace(site, pages=pages)
