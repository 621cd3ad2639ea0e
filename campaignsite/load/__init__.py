"""Stage 1, load: read every input file into text and parsed data with source positions.

Nothing here judges the content; it only turns bytes into YAML data (with the line of every key),
CSV text (with the physical line of every row) and Markdown (front matter plus body). Files that
cannot even be read become problems. Only files we chose to read are read: no symbolic link under
campaigns/, content/ or data/ is followed, only regular files are opened, editors' droppings are never
read, and every file is bounded before it is read (`Limits`).

Takes: the project's root folder.
Hands on: `CampaignFiles` per campaign folder and `ContentFiles` (the portal's), plus problems.
Entry point: `tree.load_network(root, problems)` and `tree.load_content(root, problems)`.
"""
