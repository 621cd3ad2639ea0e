"""Every page's typed context -> our HTML fragment, all in memory.

Our templates run in a Jinja environment with StrictUndefined and autoescape: a typo in a variable
fails the build, and every value from the data is escaped. Editor Markdown arrives already
sanitised (core.markup.render_markdown). Each context class names its template (as Datasette's views
do); the site engine only wraps this HTML in its theme.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path

import jinja2

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.core.places import PACKAGE_DIR
from campaignsite.core.sitespec import Deferred, Page, SiteSpec
from campaignsite.render.engine import page_file

TEMPLATES = PACKAGE_DIR / "templates"


@functools.lru_cache(maxsize=1)
def get_env() -> jinja2.Environment:
    """The one Jinja environment for everything made from data (made in each worker process, which
    builds once: its templates never change under it, so Jinja need not look at their files again
    for each page, auto_reload)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              auto_reload=False)


def render_body(page: Page, site_id: str = "") -> str:
    """The page's HTML fragment from its context's template."""
    context = page.context() if isinstance(page.context, Deferred) else page.context
    name = type(context).template
    try:
        return get_env().get_template(name).render(page=context, _=context.site._, ngettext=context.site._.ngettext)
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}" if getattr(exc, "lineno", None) else name
        raise BuildFailed(f"campaignsite/templates/{Path(where).name}: {exc} (rendering {site_id}/{page.url})",
                          Code.TEMPLATE_ERROR) from exc


def render_site(site: SiteSpec, previous: Mapping[str, str] | None = None, output: Path | None = None) -> SiteSpec:
    """The site with every page's `body` filled in, but those the previous build of the site made from
    the same inputs: `previous` maps the URLs of its keyed pages to their keys (page_key), and `output`
    is that build's output, whose site folder must still hold a page's file for the page to be taken
    from there (None: a check, which writes nothing, takes the previous build's word)."""
    shell = shell_key(site)
    keys = {page.url: page_key(shell, page) for page in site.pages if page.key}
    folder = os.path.realpath(output / site.out) if output is not None else None
    kept = frozenset(url for url, key in keys.items() if previous and previous.get(url) == key
                     and (folder is None or _regular_file(folder, page_file(url))))
    pages = tuple(page if page.url in kept else dataclasses.replace(page, body=render_body(page, site.id))
                  for page in site.pages)
    return dataclasses.replace(site, pages=pages, kept=kept, previous=folder or "",
                               page_keys=tuple(sorted(keys.items())))


def _regular_file(folder: str, rel: str) -> bool:
    """Whether `folder`/`rel` is a file of its own inside `folder`, reached through no link (nothing a
    link in the output leads to is published on)."""
    path = os.path.join(folder, rel)
    try:
        return os.path.realpath(path) == path and stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def shell_key(site: SiteSpec) -> str:
    """Everything of the site that the engine puts around each page (its header, menu, languages,
    footer, colours): what a kept page's file was made with as well, besides the page itself."""
    around = dataclasses.replace(site, pages=(), downloads=(), page_keys=())
    menu = [(page.url, page.title) for page in site.pages if page.url in site.nav]
    return _digest(repr(around), repr(menu))


def page_key(shell: str, page: Page) -> str:
    """The key of a keyed page's file: its own inputs (Page.key), what the engine puts in its head
    (title, description, metadata) and the site around it."""
    return _digest(shell, page.key, repr((page.url, page.title, page.description, page.meta, page.layout,
                                           page.lang, page.search)))


def _digest(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
