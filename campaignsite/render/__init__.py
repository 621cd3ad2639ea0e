"""Stage 6, render: our HTML fragment of each page from its typed context (Jinja, `StrictUndefined`,
autoescape), then the site engine that turns sites into finished HTML (MkDocs + mkdocs-material today).

Everything that names MkDocs or Material is in `mkdocs_engine`, with `theme/` and `mkdocs.yml`;
`engine` is the one line that chooses it.

Takes: `SiteSpec`s from pages.
Hands on: the built sites in a staging folder.
Entry point: `templates.render_site(site, previous_keys, output)`, then `engine.build(sites, stage, jobs,
epoch)`: a keyed page whose key is the previous build's is not rendered, its file taken from `output`.
"""
