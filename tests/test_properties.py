"""Property-based tests: generated campaign data gives a clean result or a clean error, never a crash.

Each example mutates the valid demo network of tests/project.py: a value anywhere in a YAML file
replaced by random data or removed, random text in a CSV cell (written properly quoted, or pasted raw),
random bytes for a whole file. Validation must then pass or raise `ValidationFailed` with
well-formed problems; a few examples go through the whole build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignsite.load.parse import parse_yaml
from campaignsite.core.errors import Problem, ValidationFailed
from campaignsite.pipeline import build, BuildConfig
from project import default_files, validate, write_project

pytestmark = pytest.mark.slow  # hundreds of Hypothesis examples, some of them full builds

C = "campaigns/demo-2025"
YAML_FILES = (f"{C}/campaign.yml", "content/network.yml")
CSV_FILES = (f"{C}/laureates.csv", f"{C}/events.csv", f"{C}/updates.csv")
CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
           | st.text(max_size=30) | st.sampled_from(["", "nl", "18", "2025-02-30", "media/x.svg", "-1",
                                                    "2025-01-01", "https://example.be/"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8) | st.sampled_from(["nl", "fr", "start"]), inner,
                                        max_size=3), max_leaves=8)


def yaml_paths(data, path=()):
    """Every path to a value in parsed YAML, the root excluded."""
    if path:
        yield path
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, item in items:
        yield from yaml_paths(item, path + (key,))


def replaced(data, path: tuple, value, delete: bool):
    """A copy of `data` with the value at `path` replaced, or removed."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if delete and not rest:
            del copy[head]
        else:
            copy[head] = replaced(data[head], rest, value, delete)
        return copy
    copy = list(data)
    if delete and not rest:
        del copy[head]
    else:
        copy[head] = replaced(data[head], rest, value, delete)
    return copy


def parsed_yaml(rel: str):
    problems: list[Problem] = []
    doc = parse_yaml(default_files()[rel], rel, problems)
    return doc.data


@st.composite
def yaml_mutations(draw):
    """One YAML file with one value replaced by random data, or removed."""
    rel = draw(st.sampled_from(YAML_FILES))
    data = parsed_yaml(rel)
    path = draw(st.sampled_from(list(yaml_paths(data))))
    new = replaced(data, path, draw(values), delete=draw(st.booleans()))
    return {rel: yaml.safe_dump(new, allow_unicode=True, sort_keys=False)}


def csv_rows(rel: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(default_files()[rel])))


@st.composite
def csv_mutations(draw):
    """One CSV file with one cell (header included) replaced by random text, quoted or pasted raw."""
    rel = draw(st.sampled_from(CSV_FILES))
    rows = csv_rows(rel)
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(rows[row]) - 1))
    text = draw(st.text(max_size=40) | st.sampled_from(["", "18", "-1", "0;18", "2025-02-30", "2025-02-30 10:00",
                                                        "media/none.svg", "moestuin", "sNaN", "1e999", "٣",
                                                        '"', "a,b", "a\nb", "\ufeff"]))
    if draw(st.booleans()):
        rows[row][column] = text
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return {rel: out.getvalue()}
    lines = [",".join(cells) for cells in rows]
    cells = lines[row].split(",")
    cells[min(column, len(cells) - 1)] = text
    lines[row] = ",".join(cells)
    return {rel: "\n".join(lines) + "\n"}


@st.composite
def byte_mutations(draw):
    """Any input file replaced by random bytes, or by the demo's bytes with a random slice changed."""
    rel = draw(st.sampled_from(sorted(p for p in default_files() if not p.endswith(".svg"))))
    original = default_files()[rel].encode("utf-8")
    if draw(st.booleans()):
        return {rel: draw(st.binary(max_size=200))}
    start = draw(st.integers(0, len(original)))
    end = draw(st.integers(start, min(len(original), start + 20)))
    return {rel: original[:start] + draw(st.binary(max_size=10)) + original[end:]}


mutations = yaml_mutations() | csv_mutations() | byte_mutations()


def assert_well_formed(problem: Problem, root: Path) -> None:
    assert isinstance(problem.path, str) and problem.path and not problem.path.startswith("/")
    assert "\\" not in problem.path and ".." not in problem.path.split("/")
    assert (root / problem.path).resolve().is_relative_to(root.resolve())
    assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
    file = root / problem.path
    if problem.line is not None and file.is_file():
        assert problem.line <= file.read_bytes().count(b"\n") + 2, problem
    assert isinstance(problem.field, str) and "\n" not in problem.field
    assert isinstance(problem.message, str) and problem.message
    assert isinstance(problem.code, str) and CODE.fullmatch(problem.code), problem.code
    assert len(str(problem).splitlines()) == 1, problem  # one problem, one line


@SETTINGS
@given(files=mutations)
def test_validation_gives_clean_result_or_clean_error(files):
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), files)
        for problem in validate(root):
            assert_well_formed(problem, root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=mutations, second=mutations)
def test_two_mutations_are_both_handled(first, second):
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {**first, **second})
        for problem in validate(root):
            assert_well_formed(problem, root)


# Texts that stay valid but must survive rendering: markup, quotes, right-to-left and astral characters.
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@st.composite
def text_mutations(draw):
    """Random text in a field that takes any text, so the example reaches the renderer."""
    rows = csv_rows(f"{C}/laureates.csv")
    column = draw(st.sampled_from(["title_nl", "summary_fr", "holder", "address", "needs_skills_nl"]))
    rows[1][rows[0].index(column)] = draw(texts).strip()
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    data = parsed_yaml(f"{C}/campaign.yml")
    data = replaced(data, ("tagline", "fr"), draw(texts).strip(), delete=False)
    return {f"{C}/laureates.csv": out.getvalue(),
            f"{C}/campaign.yml": yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=text_mutations() | mutations)
def test_build_gives_a_site_or_a_clean_error(files):
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), files)
        output = Path(folder) / "out"
        try:
            build(BuildConfig(root, output, dt.date(2025, 6, 1), jobs=1))
        except ValidationFailed as failure:
            assert failure.problems
            for problem in failure.problems:
                assert_well_formed(problem, root)
            assert not output.exists()
        else:
            assert (output / "index.html").is_file()
