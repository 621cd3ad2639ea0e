"""Stage 7, write: the only writer (no double write, nothing outside the output), the output place
(refusals, lock, staging folder swapped in whole or folder by folder), what the next build may keep
(incremental state, the campaigns validated before) and the search index over the finished pages
(Pagefind).

Takes: rendered sites and generated files.
Hands on: the published output folder.
Entry point: `output.OutputPlace(...)` with `writer.Writer`, `incremental.fingerprints(...)`,
`validated.Cache(...)`, `search.index_site(...)`.
"""
