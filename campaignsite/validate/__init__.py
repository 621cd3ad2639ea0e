"""Stage 2, validate: each file against its declared schema, then one campaign's files together, its
tables against each other, and the campaigns against each other.

Problems are collected, never raised one by one: the build goes on only when there are none. The
names the output reserves (pages, engine, search, shared files) come from the pipeline, which knows
the later stages; nothing here imports them.

Takes: what load hands on, and the reserved names.
Hands on: `CheckedCampaign` per campaign, `CheckedNetwork`, and every problem found.
Entry point: `campaign.validate_campaign(files, problems, reserved)` and
`network.validate_network(content, checked, problems, reserved)`; `scope` picks which problems
`--check --campaign` shows.
"""
