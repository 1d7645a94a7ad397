"""Problems grouped under each file, as ruff's ``--output-format grouped``: ``line:col CODE severity message``.

A file with nothing to report is left out; the summary line of the text format ends
the report (``--quiet`` leaves it out).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..checker import CheckResult
from ..textsafe import defuse_lines, shown
from . import ReportOptions
from .text import RESET, STYLE, summary


def report(results: Sequence[CheckResult], options: ReportOptions) -> str:
    """Each file with problems, then its problems indented in line and column order.

    Examples
    --------
    >>> from argmap.problems import Problem
    >>> found = [Problem("m.yaml", 7, 3, "AM101", "unsupported-claim", "warning", "Claim `b` has no support")]
    >>> print(report([CheckResult("m.yaml", found), CheckResult("clean.yaml", [])], ReportOptions()), end="")
    m.yaml:
      7:3 AM101 warning Claim `b` has no support
    <BLANKLINE>
    Checked 2 files: 0 errors and 1 warning
    """

    def paint(style: str, text: str) -> str:
        return f"{STYLE[style]}{text}{RESET}" if options.color else text

    lines: list[str] = []
    for result in sorted(results, key=lambda result: result.path):
        if not result.problems:
            continue
        lines.append(paint("path", f"{shown(result.path, 400)}:"))
        for p in sorted(result.problems, key=lambda p: p.sort_key()):
            lines.append(f"  {p.line}:{p.column} {paint(p.severity, p.code)} {p.severity} {shown(p.message, 2000)}")
        lines.append("")
    if not options.quiet:
        lines.append(paint("dim", summary(list(results))))
    while lines and not lines[-1]:
        lines.pop()
    return defuse_lines("\n".join(lines) + "\n") if lines else ""
