"""Where the build's own files are: the package (templates, catalogues) and the folder around it (data/,
theme/, mkdocs.yml, deploy/), wherever the project was cloned."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CODE_ROOT = PACKAGE_DIR.parent
