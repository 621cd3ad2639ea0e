"""The error-code registry (campaignsite/core/codes.py) is the one list of codes: every code the package
prints is in it, every code in it is used, and each one is described in DATA.md."""

from __future__ import annotations

import inspect
import pickle
import re
from pathlib import Path

import frictionless
import pytest

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed, Problem
from campaignsite.validate.schema import FRICTIONLESS_CODES, SLUG_CODES
from campaignsite.write.writer import Writer

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "campaignsite"
# A code at the end of a message, as in "... [unknown-sdg]" (and not a regex class such as [a-z0-9]).
BRACKETED = re.compile(r"\[([a-z][a-z0-9]+(?:-[a-z][a-z0-9]*)+)\][\"']")
MEMBER = re.compile(r"\bCode\.([A-Za-z_][A-Za-z0-9_]*)")


def sources() -> dict[str, str]:
    """Every Python file of the package but the registry itself, by path."""
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(PACKAGE.rglob("*.py")) if path.name != "codes.py"}


def test_every_bracketed_code_in_the_package_is_registered():
    found = {(path, code) for path, text in sources().items() for code in BRACKETED.findall(text)}
    assert {(path, code) for path, code in found if code not in set(Code)} == set()


def test_every_code_member_named_in_the_package_exists():
    named = {(path, name) for path, text in sources().items() for name in MEMBER.findall(text)}
    assert {(path, name) for path, name in named if name not in Code.__members__} == set()


def test_every_registered_code_is_used():
    text = "\n".join(sources().values())
    unused = [code for code in Code
              if f"Code.{code.name}" not in text and f"[{code}]" not in text and f'"{code}"' not in text]
    assert unused == []


def test_codes_are_unique_and_described():
    assert len(Code.__members__) == len(set(Code)), "two names for one code"
    for code in Code:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code), code
        assert code.description.strip() and "\n" not in code.description, code
        assert code.description.endswith("."), code


def test_data_md_lists_every_code():
    text = (ROOT / "DATA.md").read_text(encoding="utf-8")
    for code in Code:
        assert f"| {code} | {code.description} |" in text, f"{code} is missing from DATA.md"


def test_frictionless_errors_map_to_registered_codes():
    types = {cls.type for _, cls in inspect.getmembers(frictionless.errors, inspect.isclass)
             if issubclass(cls, frictionless.errors.Error)}
    for key, code in FRICTIONLESS_CODES.items():
        assert key.split("/")[0] in types, f"{key} is not a Frictionless error type"
        assert code is None or isinstance(code, Code), key
    assert all(isinstance(a, Code) and isinstance(b, Code) for a, b in SLUG_CODES.items())


def test_a_problem_prints_as_path_line_field_message_code():
    problem = Problem("campaigns/gent-2024/laureates.csv", 5, "sdgs", "'18' is not an SDG (1-17)", Code.UNKNOWN_SDG)
    assert str(problem) == "campaigns/gent-2024/laureates.csv:5: sdgs: '18' is not an SDG (1-17) [unknown-sdg]"
    assert str(Problem("campaigns", None, "", "folder is missing", Code.MISSING_FILE)) == \
        "campaigns: folder is missing [missing-file]"


def test_a_problem_takes_a_registered_code_only():
    assert Problem("a.yml", 1, "x", "m", "unknown-sdg").code is Code.UNKNOWN_SDG
    with pytest.raises(ValueError):
        Problem("a.yml", 1, "x", "m", "no-such-code")


def test_build_failed_carries_its_code():
    exc = BuildFailed("refusing to write 'x' twice", Code.DOUBLE_WRITE)
    assert (str(exc), exc.code, exc.message) == ("refusing to write 'x' twice [double-write]", Code.DOUBLE_WRITE,
                                                 "refusing to write 'x' twice")
    # Errors raised in the site engine's worker processes come back pickled.
    copy = pickle.loads(pickle.dumps(exc))
    assert (str(copy), copy.code) == (str(exc), exc.code)


def test_build_failed_needs_a_registered_code():
    with pytest.raises(TypeError):
        BuildFailed("Pagefind could not index the site")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        BuildFailed("Pagefind could not index the site", "no-such-code")


@pytest.mark.parametrize("rel, code", [("../outside.html", Code.UNSAFE_PATH), ("/etc/passwd", Code.UNSAFE_PATH),
                                       ("twice.html", Code.DOUBLE_WRITE)])
def test_writer_refusals_have_codes(tmp_path, rel, code):
    writer = Writer(tmp_path)
    writer.write("twice.html", "")
    with pytest.raises(BuildFailed) as failure:
        writer.write(rel, "")
    assert failure.value.code is code and str(failure.value).endswith(f" [{code}]")
