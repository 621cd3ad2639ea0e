"""Stage 3, model: typed, read-only campaigns and network built from checked data, and what moment a
campaign is in on a given day.

Private columns (contact of project holders) are dropped here, so no later stage can publish them:
pages, feeds and downloads only ever see this model.

Takes: what validate hands on.
Hands on: `Campaign` and `Network` (records), the goals (sdgs), the moments of a campaign (phases), the
final ranking of its selection (ranking), what was public on a day (public).
Entry point: `assembly.build_campaign(checked)` and `assembly.build_network(checked, campaigns)`;
`public.network_on(network, day)` for what a build for `day` may publish.
"""
