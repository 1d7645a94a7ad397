"""Renderers: pure functions from results to text, registered by name.

Each ``argmap check --format`` choice (:data:`REPORT_FORMATS`) names a module whose
``report`` is a :class:`Reporter`: it takes the list of
:class:`~argmap.checker.CheckResult` and one :class:`ReportOptions`, and returns
the text to print. Modules are imported only when their format is used, to keep
start-up fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..checker import CheckResult

_REPORTER_MODULES = {
    "text": "argmap.render.text",
    "grouped": "argmap.render.grouped",
    "json": "argmap.render.json",
    "github": "argmap.render.github",
    "sarif": "argmap.render.sarif",
    "junit": "argmap.render.junit",
}

REPORT_FORMATS = tuple(_REPORTER_MODULES)


@dataclass(frozen=True)
class ReportOptions:
    """What a reporter may take into account besides the results; each format reads what it needs."""

    color: bool = False
    """Colour the text (``text``)."""
    strict: bool = False
    """Warnings fail a file as errors do (``junit``)."""
    sources: Mapping[str, Sequence[str]] | None = None
    """Path -> the file's lines, to show the line each problem points at (``text``)."""
    root: str | None = None
    """The folder paths are made relative to (``github``, ``sarif``, ``junit``); default: the working folder."""
    quiet: bool = False
    """Only the findings, no summary line (``text``)."""
    statistics: bool = False
    """A count per rule instead of the findings (``text``)."""
    repository: str | None = None
    """The repository's top, which SARIF names files from (``sarif``); default: ``root``."""
    exit_code: int | None = None
    """The exit code the run ends with (``sarif``'s invocation)."""


class Reporter(Protocol):
    """A format's ``report``: the results and the options in, the text to print out."""

    def __call__(self, results: Sequence[CheckResult], options: ReportOptions) -> str: ...


def reporter(name: str) -> Reporter:
    """The ``report`` function of the format ``name``."""
    return importlib.import_module(_REPORTER_MODULES[name]).report


if TYPE_CHECKING:  # the type checker's proof that every reporter module's `report` is a Reporter
    from . import github, grouped, json, junit, sarif, text

    _REPORTERS: tuple[Reporter, ...] = (text.report, grouped.report, json.report, github.report, sarif.report,
                                        junit.report)
