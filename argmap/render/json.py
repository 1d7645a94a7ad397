"""Problems as a JSON list of objects with keys path, line, column, code, name, severity, message."""

from __future__ import annotations

from ..checker import CheckResult
from ..textsafe import json_text


def report(results: list[CheckResult], **_) -> str:
    problems = sorted((p for result in results for p in result.problems), key=lambda p: p.sort_key())
    return json_text([p.to_dict() for p in problems]) + "\n"
