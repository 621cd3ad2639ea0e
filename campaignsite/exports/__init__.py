"""Stage 4, exports: the files a campaign publishes beside its pages: its media (checked by content,
SVGs checked whole and within a budget, with their sizes), its open data (a Frictionless Data Package
with public CSV and JSON) and its press kit (print-ready PNGs, rendered within limits, and a ZIP).

Takes: the model and the project's media files.
Hands on: `MediaFile`s, open-data and press-kit files as bytes, for the pages to link and write to store.
Entry point: `media.get_media(campaigns, root, problems)`, `presskit.check_pictures(campaigns, media, root,
problems)`, `opendata.files(campaign)`, `presskit.files(campaign, media, _)`.
"""
