"""A finding's identity across edits: what SARIF's ``partialFingerprints`` and the baseline match by.

A finding is known by its rule, its file (relative to the top of the git work tree
that holds it, else to the run's root, with ``/``: the same from any working folder), the statement it is about (or none), its message with line and column
numbers taken out, and its occurrence: its rank among the findings of the file that
share all of those, in the order of the report. Moving lines, adding statements
elsewhere or reordering the file keeps it; a second finding of the same kind on the
same statement is a new one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .problems import Problem
from .render.uri import relative_path
from .repo import work_tree

VERSION = "argmapFindingHash/v1"
"""The key of argmap's fingerprint in SARIF's ``partialFingerprints``; the version changes with the recipe."""

_POSITION = re.compile(r"\b(lines?|columns?|col)\s+\d+(?:\s*[:,\-–]\s*\d+)*", re.IGNORECASE)


@dataclass(frozen=True)
class FindingKey:
    """What identifies one finding (see the module's text)."""

    rule: str
    file: str
    statement: str
    message: str
    occurrence: int

    def digest(self) -> str:
        """A stable hex digest of the key (SHA-256, 32 hex digits)."""
        text = "\0".join((self.rule, self.file, self.statement, self.message, str(self.occurrence)))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def without_positions(message: str) -> str:
    """``message`` with line and column numbers replaced by the word alone.

    Examples
    --------
    >>> without_positions("The text of `b` repeats `a` (line 12)")
    'The text of `b` repeats `a` (line)'
    >>> without_positions("`x` is already defined at line 4, column 3")
    '`x` is already defined at line, column'
    """
    return _POSITION.sub(lambda m: m.group(1), message)


def finding_keys(problems: Sequence[Problem], root: str | None) -> list[FindingKey]:
    """The key of each problem, in the order given (which sets the occurrence index)."""
    seen: dict[tuple[str, str, str, str], int] = {}
    tops: dict[str, str | None] = {}
    keys = []
    for problem in problems:
        path = os.path.abspath(problem.path)
        folder = os.path.dirname(path)
        if folder not in tops:
            top = work_tree(folder)
            tops[folder] = str(top) if top is not None else root
        base = (problem.code, relative_path(path, tops[folder]), problem.subject or "",
                without_positions(problem.message))
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        keys.append(FindingKey(*base, occurrence))
    return keys


def in_report_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order every report lists them: by file, line, column and rule."""
    return sorted(problems, key=Problem.sort_key)
