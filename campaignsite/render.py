"""Stage 5, render: page contexts -> Markdown sources with our HTML in them, all in memory.

Our templates run in a Jinja environment with StrictUndefined and autoescape: a typo in a variable
fails the build, and every value from the data is escaped. Editor Markdown arrives already
sanitised (model.render_markdown). The site engine only wraps this HTML in its theme.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
import yaml

from .errors import BuildFailed
from .pages import Page

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Python-Markdown's backslash-escapable characters; escaped so a title stays plain text.
MARKDOWN_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")


@functools.lru_cache(maxsize=1)
def get_env() -> jinja2.Environment:
    """The one Jinja environment for everything made from data."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def markdown_text(text: str) -> str:
    """Plain text that Python-Markdown shows literally: HTML-escaped, then syntax backslash-escaped."""
    escaped = html.escape(text, quote=False)
    return "".join("\\" + ch if ch in MARKDOWN_ESCAPABLE else ch for ch in escaped)


def render_body(page: Page) -> str:
    """The page's HTML fragment from its template."""
    try:
        template = get_env().get_template(page.template)
        return template.render(page=page.context, _=page.context.site._)
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}" if getattr(exc, "lineno", None) else page.template
        raise BuildFailed(f"campaignsite/templates/{Path(where).name}: {exc} (rendering {page.path}) "
                          "[template-error]") from exc


def render_source(page: Page, front_matter: dict) -> str:
    """A complete Markdown source: front matter, the page title as heading, then our HTML."""
    meta = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=True)
    # The title is a Markdown heading so the theme puts it in the table of contents, which gives
    # the page its skip link (mkdocs-material only renders one for a non-empty toc).
    return f"---\n{meta}---\n\n# {markdown_text(page.title)}\n\n{render_body(page)}"
