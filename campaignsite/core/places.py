"""Where the build's own files are: the package (templates, catalogues) and the folder around it (data/,
theme/, mkdocs.yml, deploy/), wherever the project was cloned."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CODE_ROOT = PACKAGE_DIR.parent
# The build's own cache (validated campaigns, file digests, press-kit pictures): never in the output.
CACHE_ROOT = Path(os.environ.get("CAMPAIGNSITE_CACHE", CODE_ROOT / ".cache"))
