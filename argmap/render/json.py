"""Problems as a JSON list of objects with keys path, line, column, code, name, severity, message."""

from __future__ import annotations

from collections.abc import Sequence

from ..checker import CheckResult
from ..textsafe import json_text
from . import ReportOptions


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    return json_text([p.to_dict() for p in problems]) + "\n"
