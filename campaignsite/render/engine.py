"""The site engine in use: the one place that names it.

Everything engine-specific lives in the module imported here (MkDocs + mkdocs-material today;
Zensical or another engine tomorrow). The rest of the package and the tests only use what is
re-exported below: `build()` turns engine-neutral sites (campaignsite.site) into HTML, `page_file()`
says where in its site a page's file is, and
`SELECTORS` says where the engine puts things in its pages (for search indexing and the tests), and
`PUBLISHED` which names it takes at the top of every site (no campaign or page may take them).
"""

from campaignsite.render.mkdocs_engine import PUBLISHED, SELECTORS, build, page_file  # noqa: F401
