"""The registry of rules: one module per rule, collected here in code order.

A rule module holds ``CODE``, ``NAME`` (kebab-case), ``SEVERITY`` (the default), a
docstring (its documentation: the first line is the summary) and, unless the loader
reports it, ``check(ctx)``, a generator of :class:`~argmap.problems.Finding` values. A rule
with ``NEEDS_SOUND_MAP = True`` runs only on maps that have no structural error. A rule
with ``DEFAULT_OFF = True`` (AM109) runs only where ``select`` or ``extend-select`` names
it, and then with its ``SEVERITY``. A rule with ``STRUCTURAL = True`` (AM001-AM008) finds a map that is broken, not an argument
that is weak: it always runs, always as an error, and nothing can ignore it.
Codes are never renumbered or reused.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..context import MapContext
    from ..problems import Finding

_MODULES: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__name__}.{found.name}")
    for found in sorted(pkgutil.iter_modules(__path__), key=lambda found: found.name)
    if re.fullmatch(r"am\d{3}_\w+", found.name))
"""Every module of this package named ``amNNN_…``, in code order: a new rule is a new module here."""


class RuleCheck(Protocol):
    """A rule module's ``check``: the map's context in, the rule's findings out."""

    def __call__(self, ctx: MapContext) -> Iterator[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """One rule: its identity, default severity, documentation and check."""

    code: str
    name: str
    severity: str
    doc: str
    check: RuleCheck | None
    """None for a rule the loader reports (its module has no ``check``)."""
    needs_sound_map: bool = False
    """Run only on maps without a structural error (the rule evaluates the map)."""
    structural: bool = False
    """Always run, always an error, never ignored: the map is broken (AM001-AM008)."""
    default_off: bool = False
    """Run only when selected by name (``select``, ``extend-select``); then at :attr:`severity`."""

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.split("\n", 1)[0].strip()


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.NAME, module.SEVERITY, inspect.cleandoc(module.__doc__ or ""),
                getattr(module, "check", None), getattr(module, "NEEDS_SOUND_MAP", False),
                getattr(module, "STRUCTURAL", False), getattr(module, "DEFAULT_OFF", False))


RULES: dict[str, Rule] = {module.CODE: _rule(module) for module in _MODULES}
"""Code -> rule, in code order."""

_BY_NAME = {rule.name: rule for rule in RULES.values()}

STRUCTURAL: frozenset[str] = frozenset(code for code, rule in RULES.items() if rule.structural)
"""The codes of the structural rules: a map with one of these errors never passes."""


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or kebab-case name, or None.

    Examples
    --------
    >>> find_rule("am004").name
    'unknown-reference'
    >>> find_rule("circular-support").code
    'AM006'
    """
    return RULES.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def spelling(rule: Rule, written: str) -> str:
    """How `argmap rules` writes the rule that ``written`` names loosely: its code or its name.

    Examples
    --------
    >>> spelling(RULES["AM101"], "am101"), spelling(RULES["AM101"], "Unsupported-Claim")
    ('AM101', 'unsupported-claim')
    """
    return rule.code if written.strip().upper() == rule.code else rule.name


def structural_refusal(rule: Rule) -> str:
    """Why ``rule`` cannot be ignored or lowered, for an error message: ```AM002` (schema) is ...``.

    Examples
    --------
    >>> structural_refusal(RULES["AM004"])
    '`AM004` (unknown-reference) is a structural rule: a map with this error is broken, so it cannot be ignored, turned off or lowered to a warning'
    """
    return (f"`{rule.code}` ({rule.name}) is a structural rule: a map with this error is broken, "
            "so it cannot be ignored, turned off or lowered to a warning")
