"""Errors as data: every problem found in the input is a `Problem` with a stable code (codes.py).

Validation collects problems instead of raising at the first one, so an editor sees every mistake
in one run (MkDocs stops at the first bad option; we do better).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .codes import Code


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pointing at file, line (or CSV row), field."""

    path: str
    line: int | None
    field: str
    message: str
    code: Code

    def __post_init__(self):
        # A plain string is accepted and must be a registered code: no problem carries an unknown one.
        object.__setattr__(self, "code", Code(self.code))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message} [{self.code}]"


class CampaignSiteError(Exception):
    """Base of the project's own exceptions; the command line turns them into exit codes."""


class ValidationFailed(CampaignSiteError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


class BuildFailed(CampaignSiteError):
    """Rendering, the site engine or writing failed after validation; the previous output is kept.

    `str(exc)` is the message followed by ` [code]`.
    """

    def __init__(self, message: str, code: Code):
        super().__init__(message, code)  # both in `args`, so the error pickles back from a worker process
        self.message = message
        self.code = Code(code)

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.field, problem.code, problem.message)


def relpath(path, root) -> str:
    """The path as an editor sees it: relative to the project root, with forward slashes."""
    try:
        return PurePosixPath(path.relative_to(root)).as_posix()
    except ValueError:
        return PurePosixPath(path).as_posix()
