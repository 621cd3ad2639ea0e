"""Stage 5, pages: which sites exist (every campaign x language, the portal per language) and each
site's pages, menus, languages and files, as engine-neutral `SiteSpec`s.

Every page type is one row of `registry.PAGE_TYPES` (name, address, context, builder, menu place, when
it exists). Builders live in the page families (`campaign`, `agenda`, `press`, `portal`, `embed`, and
`feeds` for calendar and Atom files), which stand side by side: each imports the `builder`, the shared
`parts`, the `contexts` and `views`, never another family.

Takes: the model, the media files and the build day.
Hands on: `SiteJob`s that make `SiteSpec`s (pages with typed contexts, not yet HTML).
Entry point: `sites.site_jobs(network, media, today)`.
"""
