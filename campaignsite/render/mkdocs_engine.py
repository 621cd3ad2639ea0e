"""Everything specific to MkDocs + mkdocs-material, in one place.

mkdocs-material reaches end of life on 2027-05-05 (Zensical succeeds it): the rest of the pipeline
produces engine-neutral `SiteSpec`s (campaignsite.site) whose pages carry our rendered HTML, and only
this module knows how MkDocs turns them into sites: pages handed over in memory (our HTML as it is, only
the title through Markdown), its URL rules, its configuration, its theme's class names. Swapping the engine means writing another module
with `build()` and `SELECTORS` and naming it in campaignsite/render/engine.py; see README, "Swapping the engine".
"""

from __future__ import annotations

import functools
import gzip
import html
import logging
import os
import re
import shutil
import types
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import quote, urljoin

import jinja2
import markdown
import mkdocs.commands.build
import yaml
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.theme import Theme
from mkdocs.utils import templates

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, msg, render
from campaignsite.core.places import CODE_ROOT
from campaignsite.core.processes import die_with_parent
from campaignsite.core.sitespec import BuiltSite, Page, SiteJob, SiteSpec

ROOT = CODE_ROOT
BASE_CONFIG = ROOT / "mkdocs.yml"
THEME_DIR = ROOT / "theme"
FAVICON = "assets/favicon.svg"
# What the engine itself writes at the top of every site (the portal's root and language folders
# included), with what an editor is told when a campaign or page name takes one of them.
PUBLISHED = {
    "index": msg("the home page (index.html)"),
    "404": msg("the page for unknown addresses (404.html)"),
    "sitemap": msg("the sitemaps (sitemap.xml, sitemap.xml.gz)"),
    "robots": "robots.txt",
    "assets": msg("the theme's styles, scripts and icons"),
}
# Python-Markdown's backslash-escapable characters; escaped so a title stays plain text.
MARKDOWN_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
# Theme files no page references (issue 12): source maps, lunr with its language files, segmenters and
# search worker (the search is Pagefind's, on the portal), Material's favicon (each site has its own),
# its palette.css (theme/main.html leaves it out; issue 10) and its script (theme/main.html: issue 22).
UNUSED_THEME_FILES = re.compile(r"\.map$|^assets/javascripts/(lunr|workers)/|^assets/images/favicon\.png$"
                                r"|^assets/stylesheets/palette\.|^assets/javascripts/bundle\.")
# The widgets' loader: the code to copy names its address in each campaign site, so each site with
# widgets publishes it (and only those). Every other theme file is the same in every site: it is
# published once, at the network's root, and every site under it links there (issue 24).
LOADER_FILE = "assets/javascripts/loader.js"
# RFC 3986 reserved and unreserved characters, and "%": everything else in a URL is percent-encoded.
URL_SAFE = ":/?#[]@!$&'()*+,;=-._~%"

# Where mkdocs-material puts things in its pages, for whoever needs to find them (the search
# indexer, the browser tests). A new engine provides the same keys.
SELECTORS = {
    "content": "article.md-content__inner",         # the page's own title and body (indexed by search)
    "content_area": ".md-content",                 # the column holding the content
    "title": ".md-content h1",                     # the page's visible title
    "header": ".md-header",                        # the top bar
    "skip_link": ".md-skip",                       # "skip to content", the first tab stop
    "languages": ".md-header .cs-languages",       # the language switcher's text links ("FR · NL")
    "language_link": ".md-header .cs-languages__link",  # one language in it (carries hreflang)
    "drawer_language_link": ".md-nav--primary .cs-languages__link",  # the same in the drawer
    "menu_button": "label.md-header__button[for='__drawer']",  # opens the navigation on a phone
    "primary_nav": ".md-nav--primary",             # the navigation opened by it
    "search_form": "form.cs-site-search",          # the header's search box (theme/partials/header.html)
    "search_input": "form.cs-site-search input[name=q]",  # its field
    "not_indexed": ".md-source-file",              # engine furniture inside `content` not to index
}


def source_path(url: str, sections: frozenset[str]) -> str:
    """The Markdown source MkDocs turns into the page at `url` (directory URLs): a section's own page
    is its index.md ("laureates/" -> "laureates/index.md"), any other page "<name>.md"."""
    if url == "" or url in sections:
        return f"{url}index.md"
    return url.rstrip("/") + ".md"


def page_file(url: str) -> str:
    """Where MkDocs writes the page at `url` in its site (directory URLs): "laureates/x/index.html"."""
    return f"{url}index.html"


def section_urls(site: SiteSpec) -> frozenset[str]:
    """URLs of the pages that have pages below them ("laureates/" above "laureates/x/")."""
    urls = {page.url for page in site.pages if page.url}
    return frozenset(url for url in urls if any(other != url and other.startswith(url) for other in urls))


def walk_order(src_uri: str) -> tuple:
    """Where MkDocs would meet the file walking a docs folder (index first, then by name; a folder's
    files before its subfolders'): the order of the sitemap and the search index."""
    folder, _, name = src_uri.rpartition("/")
    return (tuple(folder.split("/")) if folder else (), os.path.splitext(name)[0] not in ("index", "README"), name)


def markdown_text(text: str) -> str:
    """Plain text that Python-Markdown shows literally: HTML-escaped, then syntax backslash-escaped."""
    escaped = html.escape(text, quote=False)
    return "".join("\\" + ch if ch in MARKDOWN_ESCAPABLE else ch for ch in escaped)


def front_matter(page: Page) -> dict:
    """The page's metadata as MkDocs would read it from its front matter (handed over as a dictionary,
    never dumped to YAML and parsed back)."""
    # No sidebars on wide screens: the tabs are the navigation, and a page's own headings are few; an
    # empty sidebar is 250 px of nothing (the drawer on phones still holds the menu).
    front = {"title": html.escape(page.title), "description": html.escape(page.description),
             "hide": ["navigation", "toc"]}
    if page.meta:
        front["cs"] = {k: v for k, v in page.meta.items() if v is not None and k != "now"}
    if page.layout == "embed":
        # A widget: theme/embed.html, a page without Material's header, menu and footer; its
        # heading is in our HTML.
        front["template"] = "embed.html"
    return front


def title_markdown(page: Page) -> str:
    """The only Markdown of a page: its title as a heading ("" for a widget, whose heading is in our HTML)."""
    if page.layout == "embed":
        return ""
    # The title is a Markdown heading so the theme puts it in the table of contents, which gives
    # the page its skip link (mkdocs-material only renders one for a non-empty toc).
    # A title in another language than the site's carries its `lang` (attr_list; the title's own braces
    # are escaped by markdown_text, so no title can add attributes).
    lang = f' {{: lang="{page.lang}" }}' if page.lang else ""
    return f"# {markdown_text(page.title)}{lang}"


def markdown_source(page: Page) -> str:
    """The page as a Markdown file (front matter, title heading, our HTML): what plain MkDocs and Hugo
    build in tools/bench.py. Our engine never parses it: see _EnginePlugin."""
    meta = yaml.safe_dump(front_matter(page), allow_unicode=True, sort_keys=True)
    heading = title_markdown(page)
    body = search_marks(page) + now_strip(page.meta.get("now")) + indexed_body(page)
    return f"---\n{meta}---\n\n{heading}\n\n{body}" if heading else f"---\n{meta}---\n\n{body}"


def page_content(heading_html: str, page: Page) -> str:
    """The page's content as Python-Markdown made it from markdown_source(page): the title's HTML,
    then our HTML as it is. Our pages are HTML blocks, which Markdown passes through unchanged (the
    same bytes for every page of the example network), so no parser reads them again (issue 24)."""
    if page.search is None and page.layout == "page":
        # Not in the search index (the search pages themselves): not even its title.
        heading_html = f'<div data-pagefind-ignore="all">{heading_html}</div>' if heading_html else ""
    parts = (heading_html, search_marks(page).strip(), now_strip(page.meta.get("now")).strip(), indexed_body(page).strip())
    return "\n".join(part for part in parts if part)


def search_marks(page: Page) -> str:
    """What the search index (Pagefind, write/search.py) records of the page besides its words: its
    campaign and page type, which each result shows (issue 22, item 4); empty elements, so nothing of
    it is indexed as text or shown."""
    if page.search is None:
        return ""
    label = page.search
    marks = [f'<span hidden data-pagefind-meta="{key}:{html.escape(value)}"></span>'
             for key, value in (("campaign", label.campaign), ("kind", label.kind)) if value]
    return "".join(marks) + "\n\n"


def indexed_body(page: Page) -> str:
    """Our HTML, its words weighted down in the search for a page that lists others (a goal's
    projects, an agenda): the pages it lists come first."""
    if page.search is None:
        return f'<div data-pagefind-ignore="all">{page.body.strip()}</div>\n' if page.layout == "page" else page.body
    if page.search.weight == 1.0:
        return page.body
    return f'<div data-pagefind-weight="{page.search.weight}">\n{page.body.strip()}\n</div>\n'


def now_strip(now: dict | None) -> str:
    """The campaign's moment under a page's title: what is going on, until when, the one thing to do
    (issue 22, item 2); every value escaped here."""
    if not now:
        return ""
    text = f' <span class="cs-now__text">{html.escape(now["text"])}</span>' if now["text"] else ""
    action = (f' <a class="cs-button cs-button--primary cs-now__action" href="{html.escape(now["href"])}">'
              f'{html.escape(now["action"])}</a>') if now["action"] else ""
    # Not indexed: the same on every page, it would be the excerpt of every search result.
    return (f'<p class="cs-now" data-cs-noindex><strong class="cs-now__heading">{html.escape(now["heading"])}</strong>'
            f'{text}{action}</p>\n\n')



def as_html(text: str) -> Markup:
    """Plain text as HTML for the theme: escaped once, and marked so Jinja's `e` keeps it as is."""
    return Markup(html.escape(text))


def engine_url(url: str) -> str:
    """The site's address as MkDocs may print it unescaped (its `url` filter, the 404 page's absolute
    links): characters a URL cannot hold raw are percent-encoded, as a browser would send them."""
    return quote(url, safe=URL_SAFE)


def site_options(site: SiteSpec, docs_dir: Path, site_dir: Path) -> dict:
    """What this site sets on top of the base mkdocs.yml (top-level keys replace the base's)."""
    base = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    theme = dict(base.get("theme", {}))
    theme.update({"custom_dir": str(THEME_DIR), "language": site.lang, "favicon": FAVICON})
    if site.logo:
        theme["logo"] = site.logo
    titles = {page.url: page.title for page in site.pages}
    sections = section_urls(site)
    # MkDocs' theme environment does not autoescape: every text we hand it is escaped here, once, and
    # marked as HTML (Markup) so that where mkdocs-material escapes it again (`config.site_name | e` in
    # its header and drawer) the filter leaves it as is instead of showing "&amp;amp;" (issue 8).
    root = network_root(site)
    return {
        "site_name": as_html(site.title),
        "site_description": as_html(site.description),
        "site_url": engine_url(site.url),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": theme,
        "nav": [{as_html(titles[url]): source_path(url, sections)} for url in site.nav],
        # Our stylesheet and script, theme files like Material's: at the network's root (publishes_theme_file).
        "extra_css": [from_root(root, path) for path in base.get("extra_css", [])],
        "extra_javascript": [from_root(root, script) for script in base.get("extra_javascript", [])],
        "extra": {**base.get("extra", {}), "cs_network_root": root,
                  "alternate": [{"name": a.name, "lang": a.lang, "link": a.prefix,
                                 "absolute": engine_url(urljoin(site.url, a.prefix))} for a in site.alternates],
                  "cs_colour": site.colour, "cs_text_colour": site.text_colour,
                  "cs_footer": [{"text": as_html(text), "link": link} for text, link in site.footer],
                  "cs_short_title": as_html(site.short_title or site.title),
                  "cs_languages": [{"code": a.lang.upper(), "name": a.name, "lang": a.lang, "link": a.prefix}
                                   for a in site.alternates] if len(site.alternates) > 1 else [],
                  "cs_footer_groups": [{"heading": as_html(group.heading), "items": [
                      {"text": as_html(text), "link": link and engine_url(link), "external": bool(link) and ":" in link}
                      for text, link in group.items]} for group in site.footer_groups],
                  "cs_not_found": not_found_options(site), "cs_search": search_options(site)},
    }


def from_root(root: str, entry: str | dict) -> str | dict:
    """An extra_css or extra_javascript entry of mkdocs.yml (a path in theme/, or a script's options)
    with its path from the network's root."""
    if isinstance(entry, dict):
        return {**entry, "path": root + entry["path"]}
    return root + entry


def not_found_options(site: SiteSpec) -> dict | None:
    """The 404 page's texts and links for theme/404.html, escaped once like every text we hand over."""
    if site.not_found is None:
        return None
    found = site.not_found
    return {"title": as_html(found.title), "text": as_html(found.text),
            "links": [{"text": as_html(text), "link": engine_url(link)} for text, link in found.links]}


def search_options(site: SiteSpec) -> dict | None:
    """The header's search box for theme/partials/header.html, escaped once like every text we hand over."""
    if site.search is None:
        return None
    box = site.search
    return {"url": engine_url(box.url), "label": as_html(box.label), "button": as_html(box.button)}


# --- Running MkDocs ------------------------------------------------------------------------------

# mkdocs-material's base.html puts autocomplete="off" on its drawer and search checkboxes, which
# HTML does not allow on checkboxes (the W3C Nu checker reports it); the block is not overridable.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


class _EnginePlugin(BasePlugin):
    """Our hooks into MkDocs: the site's pages and files handed over in memory, Markdown for the
    titles only, the theme's templates and file list shared by the sites a worker builds, and HTML
    fixes of the theme."""

    def __init__(self, site: SiteSpec, cache_dir: str):
        super().__init__()
        self.site = site
        self.pages: dict[str, Page] = {}  # by Markdown source path
        # Shares compiled theme templates between the worker processes (each compiles a template once).
        self.cache = jinja2.FileSystemBytecodeCache(cache_dir)

    def on_config(self, config):
        config.theme.get_env = functools.partial(theme_env, config.theme)
        return config

    def on_files(self, files, config):
        """Every page and file of the site, generated in memory: MkDocs reads no docs folder. The
        theme's files that no page references are left out of the site."""
        site, sections = self.site, section_urls(self.site)
        has_widgets = any(page.layout == "embed" for page in site.pages)
        # Only the theme's files are listed yet (the docs folder is empty).
        for file in [file for file in files if not publishes_theme_file(site, file.src_uri, has_widgets)]:
            files.remove(file)
        self.pages = {source_path(page.url, sections): page for page in site.pages}
        # A page's source is never read (on_page_read_source): its content is our HTML, its metadata a dict.
        generated = [File.generated(config, path, content="") for path in self.pages]
        for file in generated:
            if self.pages[file.src_uri].url in site.kept:
                # Its file is the previous build's (_keep_pages): MkDocs' dirty build leaves it alone.
                file.is_modified = _never_modified
        generated += [File.generated(config, path, content=content) for path, content in site.downloads]
        generated.append(File.generated(config, FAVICON, content=site.favicon))
        for file in sorted(generated, key=lambda file: walk_order(file.src_uri)):
            files.append(file)
        return files

    def on_pre_page(self, page, config, files):
        page.render = functools.partial(render_title, page)
        return page

    def on_page_read_source(self, page, config):
        return ""

    def on_page_markdown(self, markdown, page, config, files):
        """The title alone goes through Markdown (its heading id and the table of contents)."""
        ours = self.pages[page.file.src_uri]
        page.meta = front_matter(ours)
        return title_markdown(ours)

    def on_page_content(self, html, page, config, files):
        return page_content(html, self.pages[page.file.src_uri])

    def on_env(self, env, config, files):
        env.bytecode_cache = self.cache
        return env

    def on_post_page(self, output, page, config):
        return CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)

    def on_post_template(self, output_content, template_name, config):
        return CHECKBOX_AUTOCOMPLETE.sub(r"\1", output_content)


def _never_modified() -> bool:
    return False


def _keep_pages(site: SiteSpec, site_dir: Path) -> None:
    """The site's kept pages (SiteSpec.kept), linked from its folder in the previous output: the same
    bytes a new rendering would give (their keys said so), without reading them (copied where the two
    folders cannot share a file)."""
    previous = Path(site.previous)
    for url in sorted(site.kept):
        source, target = previous / page_file(url), site_dir / page_file(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            shutil.copyfile(source, target, follow_symlinks=False)


def publishes_theme_file(site: SiteSpec, path: str, has_widgets: bool) -> bool:
    """Whether the site publishes this theme file: the widgets' loader if it has widgets; any other
    one if it is the site at the network's root, which publishes them for every site."""
    if path == LOADER_FILE:
        return has_widgets
    return site.out == ""


def network_root(site: SiteSpec) -> str:
    """The relative path from the site's root to the network's ("../../" from "gent-2024/nl/")."""
    return "../" * len(site.out.split("/")) if site.out else ""


@jinja2.pass_context
def url_filter(context, value) -> str:
    """MkDocs' `url` filter, with the theme's shared files (theme_env) found at the network's root."""
    if value in context.environment.loader.shared:
        value = context["config"].extra["cs_network_root"] + value
    return templates.url_filter(context, value)


# Parts of Material's page shell (its tabs, its drawer's list of pages) rendered in this worker for the
# site it is building, by what they show: they are alike on most of a site's pages, and they were a
# good part of Material's template (issue 24). Emptied before each site (_build_one).
_SHELL_PARTS: dict[tuple, str] = {}


@jinja2.pass_context
def shell_part(context, name: str, *shown, caller) -> str:
    """The template part `caller` renders, made once per site for the pages it shows alike: those with
    the same values `shown` (what the part shows that differs between pages, as the template says), or
    where none are given, the same menu (nav_key)."""
    key = (name, *(shown or nav_key(context)))
    if key not in _SHELL_PARTS:
        _SHELL_PARTS[key] = caller()
    return _SHELL_PARTS[key]


def nav_key(context) -> tuple:
    """What Material's tabs and navigation list show that differs between a site's pages: each item's
    link from this page (the `url` filter) and whether it is active; and the page itself where it is
    one of the items (the drawer then shows its table of contents) or where there is none (404.html)."""
    page, nav = context.get("page"), context["nav"]
    own = None if page is not None and not any(item is page for item in nav.pages) else (
        page.url if page is not None else ("no page", context.get("base_url")))
    shown, items = [], list(nav.items)
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        shown.append((url_filter(context, url) if url is not None else None, bool(item.active)))
        items.extend(getattr(item, "children", None) or ())
    return own, tuple(shown)


# The Markdown parser of this worker process, by extension configuration: it only ever sees titles.
_MARKDOWN: dict[str, markdown.Markdown] = {}


def render_title(page, config, files) -> None:
    """MkDocs' Page.render for our pages, whose only Markdown is the title line: one parser per worker,
    reset between pages, rather than one built per page. No link to rewrite or check: a title has none."""
    key = repr((config["markdown_extensions"], config["mdx_configs"]))
    if key not in _MARKDOWN:
        _MARKDOWN[key] = markdown.Markdown(extensions=config["markdown_extensions"],
                                           extension_configs=config["mdx_configs"] or {})
    parser = _MARKDOWN[key].reset()
    page.content = parser.convert(page.markdown)
    page.toc = get_toc(getattr(parser, "toc_tokens", []))


class _ListedOnce(jinja2.BaseLoader):
    """The theme's template loader, its file list read once and without the files no site publishes."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader
        # Templates and what sits in dot folders (Material's ~10,000 icons, inlined by its templates) are
        # never copied to a site: MkDocs' own filter would drop them again for every site.
        self.names = [name for name in loader.list_templates() if not UNUSED_THEME_FILES.search(name)
                      and not name.endswith(".html") and not any(part.startswith(".") for part in name.split("/"))]
        # What the site at the network's root publishes for all (publishes_theme_file): the pages' and
        # templates' links to these lead there.
        self.shared = frozenset(name for name in self.names if name.startswith("assets/") and name != LOADER_FILE)

    def get_source(self, environment, template):
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return list(self.names)


# The theme's Jinja environments of this worker process, by theme folders and language.
_THEME_ENVS: dict[tuple, jinja2.Environment] = {}


def theme_env(theme) -> jinja2.Environment:
    """The theme's Jinja environment, made once per worker process and language: its templates are
    compiled once for every site the worker builds, its files listed once (issue 24). Sites differ
    only in the context their pages are rendered with, never in the environment."""
    key = (tuple(theme.dirs), str(theme.locale))
    if key not in _THEME_ENVS:
        env = Theme.get_env(theme)
        env.loader = _ListedOnce(env.loader)
        # A worker lives for one build: the theme's files do not change under it. Without this, Jinja
        # looks at a template's file again each time a page includes it (Material's base.html includes
        # a score of partials, for each of tens of thousands of pages).
        env.auto_reload = False
        env.filters["url"] = url_filter
        env.globals["cs_shell_part"] = shell_part
        _THEME_ENVS[key] = env
    return _THEME_ENVS[key]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


# The sites of the running build, set before the worker processes fork so they inherit them (and the
# data they are made from) instead of receiving them pickled; each task names a site by its index.
_JOB: dict = {}


def _build_one(index: int) -> tuple[BuildFailed | None, BuiltSite | None]:
    """Make one site and build it in this process: (the error, or None on success; what was built)."""
    job, stage = _JOB["jobs"][index], _JOB["stage"]
    try:
        site = job.make()  # our pages and their HTML, made here rather than in the parent
    except BuildFailed as exc:
        return exc, None
    _SHELL_PARTS.clear()
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(BASE_CONFIG), **site_options(site, stage / "docs", (stage / "html" / site.out)))
        config.plugins["campaignsite"] = _EnginePlugin(site, str(stage / "jinja-cache"))
        # Dirty: pages whose file is kept (SiteSpec.kept) are neither read nor built (MkDocs asks their
        # File.is_modified); the site's folder in the stage is new, there is nothing to clean.
        mkdocs_build(config, dirty=bool(site.kept))
        _keep_pages(site, Path(config.site_dir))
    except (Abort, MkDocsException, OSError) as exc:
        detail = "; ".join(handler.messages) or str(exc)
        return BuildFailed(f"{site.id}: MkDocs failed: {detail}", Code.ENGINE_FAILED), None
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        return BuildFailed(f"{site.id}: MkDocs warned: {'; '.join(handler.messages)}", Code.ENGINE_FAILED), None
    return None, BuiltSite(len(site.pages), site.page_keys, len(site.kept))


class _KeptPagesBuild(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave stale navigation and links: ours hands MkDocs
    every page of the site (the navigation is whole) and leaves out only the pages whose previous file
    has the same key, so the same bytes (strict mode would otherwise abort on it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _init_worker(source_date_epoch: str, parent: int) -> None:
    die_with_parent(parent)
    logging.getLogger("mkdocs.commands.build").addFilter(_KeptPagesBuild())
    # MkDocs dates its sitemap from SOURCE_DATE_EPOCH: the build's "today", never the clock.
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch
    mkdocs.commands.build.gzip = types.SimpleNamespace(GzipFile=_gzip_file)


def _gzip_file(*args, mtime: int | None = None, **kwargs) -> gzip.GzipFile:
    """gzip.GzipFile for MkDocs' sitemap.xml.gz, with a header time the format can hold: 32 unsigned bits
    (RFC 1952), where 0 means "no time". A day before 1970 or after 2106-02-07, within the days a site
    can be built for, gets 0 instead of crashing the build (issue 20)."""
    if mtime is not None and not 0 <= mtime < 1 << 32:
        mtime = 0
    return gzip.GzipFile(*args, mtime=mtime, **kwargs)


def _result(future, job: SiteJob) -> tuple[BuildFailed | None, BuiltSite | None]:
    """A worker's result; an unexpected exception (a crash, a full disk) becomes an error too."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - any crash of a worker fails the build, reported as data
        return BuildFailed(f"{job.id}: the site engine crashed: {type(exc).__name__}: {exc}", Code.ENGINE_FAILED), None


def build(jobs: list[SiteJob], stage: Path, workers: int, source_date_epoch: int) -> dict[str, BuiltSite]:
    """Make and build every site into stage/html/<site.out>/ with MkDocs in worker processes; what was
    built of each site (its number of pages, its page keys), by id.

    The first site must be the one at the output's root: MkDocs empties a site's folder before
    building it, so it is built before the others start. stage/docs (empty: pages come from
    memory) and stage/jinja-cache are the engine's own scratch.
    """
    for scratch in ("docs", "jinja-cache"):
        (stage / scratch).mkdir(parents=True, exist_ok=True)
    _JOB.update(jobs=jobs, stage=stage.resolve())
    results = []
    try:
        # More workers than sites or than the system can fork helps nobody: --jobs 100000 is capped.
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs), 32)), mp_context=get_context("fork"),
                                 initializer=_init_worker, initargs=(str(source_date_epoch), os.getpid())) as pool:
            results.append((jobs[0], _result(pool.submit(_build_one, 0), jobs[0])))
            futures = [(pool.submit(_build_one, index), job) for index, job in enumerate(jobs) if index]
            results += [(job, _result(future, job)) for future, job in futures]
    finally:
        _JOB.clear()
    errors = [error for _job, (error, _pages) in results if error]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        # One message for all; a mistake in our templates keeps its own code when it is the only kind.
        codes = {error.code for error in errors}
        raise BuildFailed("\n".join(render(error.message) for error in errors),
                          codes.pop() if len(codes) == 1 else Code.ENGINE_FAILED)
    return {job.id: built for job, (_error, built) in results}
