"""The CI recipes: .github/workflows/site.yml passes actionlint, .gitlab-ci.yml GitLab's CI schema (as
vendored by check-jsonschema), and both check pull requests, keep a preview and publish only main.

The linters come from requirements-test.txt; without them these tests fail, they do not skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is missing: pip install -r requirements-test.txt"
    return found


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    # -shellcheck= and -pyflakes=: the same verdict whether or not those happen to be installed.
    return subprocess.run([tool("actionlint"), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def check_jsonschema(schema: str, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_workflow_passes_actionlint():
    done = actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    """The linter really reads the file: an unknown key and an undefined step output fail."""
    broken = tmp_path / ".github" / "workflows" / "site.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8").replace("timeout-minutes: 20", "timeout-minute: 20")
    broken.write_text(text.replace("steps.deployment.outputs", "steps.deploy.outputs"), encoding="utf-8")
    done = actionlint(broken)
    assert done.returncode == 1
    assert "timeout-minute" in done.stdout and "deploy" in done.stdout


def test_the_workflow_matches_the_github_workflow_schema():
    done = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_gitlab_recipe_matches_gitlabs_ci_schema():
    done = check_jsonschema("vendor.gitlab-ci", GITLAB)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_gitlab_schema_does_catch_a_broken_recipe(tmp_path):
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(GITLAB.read_text(encoding="utf-8").replace("expire_in:", "expires_in:"), encoding="utf-8")
    assert check_jsonschema("vendor.gitlab-ci", broken).returncode == 1


def test_github_checks_pull_requests_keeps_a_preview_and_publishes_main():
    workflow = load(WORKFLOW)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "make site" in runs
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert uses["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"
    assert "refs/heads/main" in uses["actions/upload-pages-artifact"]["if"]
    assert "refs/heads/main" in publish["if"] and publish["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


def test_gitlab_checks_merge_requests_keeps_a_preview_and_publishes_main():
    recipe = load(GITLAB)
    check, pages = recipe["check"], recipe["pages"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["script"] == ["make site"] and check["artifacts"]["paths"] == ["site/"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert any("STRICT=1" in line for line in pages["script"])


def test_strict_reaches_build_py():
    """CI publishes main with `make site STRICT=1`: the build then refuses texts marked TODO."""
    done = subprocess.run(["make", "-n", "site", "STRICT=1", "TODAY=2026-11-22"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert "build.py --today 2026-11-22 --strict" in done.stdout, done.stdout + done.stderr
