"""Markdown to safe HTML, the one renderer every stage uses: validation renders each text once, bounded
in time, and the pages reuse the result (the cache).
"""

from __future__ import annotations

import functools

import markdown as md
import nh3

ALLOWED_TAGS = {"p", "br", "a", "strong", "em", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "code",
                "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"}


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Editor Markdown to safe HTML: raw HTML and unsafe link schemes are removed (nh3). Validation has
    rendered each text once already, bounded in time (validate.markdown.markdown_problem); the pages reuse it."""
    html = md.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
