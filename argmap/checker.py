"""The check engine: load a map, run the rules, give each finding its severity.

Severity comes from the configuration, not from the rule: a rule only finds things.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .context import MapContext
from .loader import Loaded, load_map
from .problems import ERROR, OFF, WARNING, Problem
from .rules import RULES


@dataclass
class CheckConfig:
    """Which rules run and how severe their problems are."""

    select: set[str] | None = None
    """Codes to report; None reports every rule."""
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    """Code -> ``error``, ``warning`` or ``off``, overriding the rule's default."""

    def severity_of(self, code: str) -> str:
        if code in self.ignore or (self.select is not None and code not in self.select):
            return OFF
        return self.severity.get(code, RULES[code].severity)


@dataclass
class CheckResult:
    """A checked map: its problems, and its context when the map could be loaded."""

    path: str
    problems: list[Problem]
    context: MapContext | None = None

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def check_file(path: str | Path, config: CheckConfig | None = None, display: str | None = None) -> CheckResult:
    """Load and check one map file; ``display`` is the path shown in problems."""
    gc_was_on = gc.isenabled()
    gc.disable()  # the loader builds many small objects and no cycles worth collecting
    try:
        loaded = load_map(path)
    finally:
        if gc_was_on:
            gc.enable()
    return check_loaded(loaded, config, display or str(path))


def check_loaded(loaded: Loaded, config: CheckConfig | None, path: str) -> CheckResult:
    """Run every rule on a loaded map and apply the configuration."""
    config = config or CheckConfig()
    problems = []

    def add(code, pos, message, subject):
        severity = config.severity_of(code)
        if severity != OFF:
            rule = RULES[code]
            problems.append(Problem(path, pos.line, pos.column, code, rule.name, severity, message, subject))

    for issue in loaded.issues:
        add(issue.code, issue.pos, issue.message, issue.subject)
    context = None
    if loaded.model is not None:
        context = MapContext(loaded.model)
        later = []
        for rule in RULES.values():
            if rule.check is None or config.severity_of(rule.code) == OFF:
                continue
            if rule.needs_sound_map:
                later.append(rule)
                continue
            for finding in rule.check(context):
                add(rule.code, finding.pos, finding.message, finding.subject)
        if not any(p.severity == ERROR for p in problems):
            for rule in later:
                for finding in rule.check(context):
                    add(rule.code, finding.pos, finding.message, finding.subject)
    problems.sort(key=Problem.sort_key)
    return CheckResult(path, problems, context)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings) among ``problems``."""
    errors = warnings = 0
    for problem in problems:
        if problem.severity == ERROR:
            errors += 1
        elif problem.severity == WARNING:
            warnings += 1
    return errors, warnings
