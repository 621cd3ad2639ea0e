"""The build is atomic: whatever fails after validation, the previous site/ is left as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pytest

from campaignsite.render import mkdocs_engine, templates as render
from campaignsite.core.errors import BuildFailed
from campaignsite.pipeline import build, BuildConfig
from campaignsite.write.writer import Writer
from project import write_project

TODAY = dt.date(2025, 3, 1)


def snapshot(folder) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The fixture network built once per module (and xdist worker), into project/site."""
    root = write_project(tmp_path_factory.mktemp("first-build") / "project")
    build(BuildConfig(root=root, output=root / "site", today=TODAY, jobs=2))
    return root


@pytest.fixture
def built(tmp_path, first_build):
    """A copy of that build, project and site, for one test to break."""
    root = tmp_path / "project"
    shutil.copytree(first_build, root, symlinks=True)
    # Rebuilt in full: the same input again would otherwise be a no-op that never meets the failure.
    config = BuildConfig(root=root, output=root / "site", today=TODAY, jobs=2, full=True)
    return config, snapshot(config.output)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_crash_in_a_template_keeps_the_previous_site(built, monkeypatch):
    config, before = built
    monkeypatch.setattr(render, "TEMPLATES", config.root / "no-templates-here")
    render.get_env.cache_clear()
    try:
        with pytest.raises(BuildFailed, match="template"):
            build(config)
    finally:
        monkeypatch.undo()
        render.get_env.cache_clear()
    assert snapshot(config.output) == before
    assert not list(config.root.glob(".site.[bo]*")), "no staging folder is left behind"


def broken_build(index):
    """Stands in for a site build in the worker processes (module level, so it can be pickled)."""
    raise OSError("disk full")


def test_a_crash_in_the_site_engine_keeps_the_previous_site(built, monkeypatch):
    config, before = built
    monkeypatch.setattr(mkdocs_engine, "_build_one", broken_build)
    with pytest.raises(BuildFailed, match="disk full"):
        build(config)
    assert snapshot(config.output) == before
    assert not list(config.root.glob(".site.[bo]*"))


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_warning_from_mkdocs_fails_the_build(built, monkeypatch):
    config, before = built
    real = mkdocs_engine.site_options

    def with_broken_nav(site, docs_dir, site_dir):
        settings = real(site, docs_dir, site_dir)
        settings["nav"].append({"Missing": "does-not-exist.md"})  # strict mode turns this into an error
        return settings
    monkeypatch.setattr(mkdocs_engine, "site_options", with_broken_nav)
    with pytest.raises(BuildFailed, match="does-not-exist.md"):
        build(config)
    assert snapshot(config.output) == before


def test_a_good_build_replaces_the_site_whole(built):
    config, before = built
    (config.output / "stale.html").write_text("left over from an old build")
    build(config)
    after = snapshot(config.output)
    assert "stale.html" not in after
    assert after == before


def test_writer_refuses_a_second_write_of_the_same_path(tmp_path):
    writer = Writer(tmp_path)
    writer.write("a/b.html", "one")
    with pytest.raises(BuildFailed, match="twice"):
        writer.write("a/./b.html", "two")
    assert (tmp_path / "a" / "b.html").read_text() == "one"


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../escape.html", ""])
def test_writer_refuses_paths_outside_its_root(tmp_path, path):
    writer = Writer(tmp_path / "out")
    with pytest.raises(BuildFailed, match="outside"):
        writer.write(path, "x")
    assert not (tmp_path / "escape.html").exists()


def test_writer_refuses_a_symlink_out_of_its_root(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path)
    with pytest.raises(BuildFailed, match="outside"):
        Writer(tmp_path / "out").write("link/escape.html", "x")
