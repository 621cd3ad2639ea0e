"""The site engine in use: the one place that names it.

Everything engine-specific lives in the module imported here (MkDocs + mkdocs-material today;
Zensical or another engine tomorrow). The rest of the package and the tests only use what is
re-exported below: `build()` turns engine-neutral sites (campaignsite.site) into HTML, and
`SELECTORS` says where the engine puts things in its pages (for search indexing and the tests).
"""

from .mkdocs_engine import SELECTORS, build  # noqa: F401
