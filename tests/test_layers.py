"""The house's walls: one package per pipeline stage, imports only running down the stages, page families
side by side, and no import circle anywhere.

Every import of every module is read with `ast`, those inside functions included; only an import
under `if TYPE_CHECKING:` (a type a signature names, never run) may look upwards, as in MkDocs.
A broken rule fails with the offending `file:line` and the rule it breaks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "campaignsite"
# The pipeline's stages, lowest first: a module may import its own stage and the ones before it.
STAGES = ("core", "load", "validate", "model", "exports", "pages", "render", "write", "")
# The page families of `pages/`: each imports the builder, the shared parts, the contexts and lower
# stages, never another family.
FAMILIES = frozenset({"campaign", "agenda", "press", "plan", "portal", "places", "embed", "feeds", "search"})


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def under_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of the package in `path`, functions included, except
    those under `if TYPE_CHECKING:`; `from campaignsite.x import y` counts as x.y when y is a module."""
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    found = []

    def visit(node):
        if isinstance(node, ast.If) and under_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, sub if (package.parent / (sub.replace(".", "/") + ".py")).exists()
                              or (package.parent / sub.replace(".", "/")).is_dir() else target))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return [(line, target) for line, target in found if target.split(".")[0] == package.name]


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else ""


def family_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "pages" and parts[2] in FAMILIES else None


def broken_rules(package: Path) -> list[str]:
    """Every import that runs up the stages or from one page family to another, as `file:line: rule`."""
    broken = []
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package)
        where = path.relative_to(package.parent)
        for line, target in imports_of(path, package):
            mine, theirs = stage_of(module), stage_of(target)
            if STAGES.index(theirs) > STAGES.index(mine):
                broken.append(f"{where}:{line}: {module} ({mine or 'top'}) imports {target} ({theirs or 'top'}), "
                              f"a later stage: imports run down the stages {' < '.join(s or 'top' for s in STAGES)}")
            if family_of(module) and family_of(target) and family_of(target) != family_of(module):
                broken.append(f"{where}:{line}: page family {module} imports page family {target}: families are "
                              f"siblings; move what they share into pages/parts.py")
    return broken


def circles(package: Path, level: int) -> list[list[str]]:
    """The import circles between modules (level 0) or between stage packages (level 1)."""
    def key(module: str) -> str:
        return module if level == 0 else (stage_of(module) or "top")

    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        module = module_name(path, package)
        for _, target in imports_of(path, package):
            if key(target) != key(module):
                graph.setdefault(key(module), set()).add(key(target))
    found, state = [], {}

    def walk(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, trail + [nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            walk(start, [start])
    return found


def test_every_module_sits_in_a_stage_package():
    loose = [str(path.relative_to(PACKAGE)) for path in PACKAGE.glob("*.py")
             if path.stem not in {"__init__", "pipeline", "preview", "scaffold"}]
    assert not loose, f"modules outside the stage packages {STAGES[:-1]}: {loose}"
    stray = [path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()
             and path.name not in STAGES]
    assert not stray, f"packages that are not a stage: {stray}"


def test_each_stage_package_says_what_it_takes_and_hands_on():
    for stage in STAGES[:-1]:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Takes" in doc and "Hands on" in doc and "Entry point" in doc, f"{stage}/__init__.py"


def test_imports_run_down_the_stages_and_families_are_siblings():
    assert broken_rules(PACKAGE) == []


@pytest.mark.parametrize("level", [0, 1], ids=["modules", "packages"])
def test_no_import_circle(level):
    assert circles(PACKAGE, level) == []


def test_no_module_above_700_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert long == {}


# --- The rules themselves catch what they are for, on a scratch package --------------------------

def scratch(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "campaignsite"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    for folder in [package, *[p for p in package.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return package


def test_an_import_up_the_stages_is_caught_with_its_line(tmp_path):
    package = scratch(tmp_path, {"validate/check.py": "import os\n\ndef f():\n    from ..pages.registry import X\n",
                                 "pages/registry.py": "X = 1\n"})
    [problem] = broken_rules(package)
    assert problem.startswith("campaignsite/validate/check.py:4: ")
    assert "campaignsite.pages.registry (pages), a later stage" in problem


def test_a_type_checking_import_may_look_upwards(tmp_path):
    package = scratch(tmp_path, {
        "model/records.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from campaignsite.pages import x\n",
        "pages/x.py": "from campaignsite.model import records\n"})
    assert broken_rules(package) == [] and circles(package, 0) == []


def test_one_family_importing_another_is_caught(tmp_path):
    package = scratch(tmp_path, {"pages/portal.py": "from campaignsite.pages.agenda import agenda_context\n",
                                 "pages/agenda.py": "from campaignsite.pages.parts import when\n",
                                 "pages/parts.py": "when = 1\n"})
    [problem] = broken_rules(package)
    assert problem.startswith("campaignsite/pages/portal.py:1: page family campaignsite.pages.portal imports "
                              "page family campaignsite.pages.agenda")


def test_a_circle_inside_a_stage_is_caught(tmp_path):
    package = scratch(tmp_path, {"core/errors.py": "from campaignsite.core import i18n\n",
                                 "core/i18n.py": "def f():\n    from .errors import BuildFailed\n"})
    assert circles(package, 0) == [["campaignsite.core.errors", "campaignsite.core.i18n", "campaignsite.core.errors"]]
