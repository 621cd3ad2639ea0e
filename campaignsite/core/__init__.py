"""The words every stage speaks: error codes, problems and exceptions, the languages, the catalogues and
Belgian formats, the declared schemas, Markdown to safe HTML, the engine-neutral site contract.

Takes: nothing from the other stages (it imports none of them).
Hands on: `Code`, `Problem`, `Message`/`msg`, `ValidationFailed`, `BuildFailed` (errors); `LANGUAGES`
(languages); `Translator`, `Formatter` (i18n); `json_schema`, `default` (schemas); `render_markdown`
(markup); `SiteSpec`, `Page`, `SiteJob` (sitespec); where the search index lives (searchindex).
Entry point: none; each module is imported for what it names.
"""
