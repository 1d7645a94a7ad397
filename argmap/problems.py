"""Problems: what a check reports, and the severities the engine gives them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Position

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where, what, and the statement or argument it is about."""

    pos: Position
    message: str
    subject: str | None = None
    group: str | None = None
    """Findings that one fix answers together share a group: AM104's name the top statement of the cut-off part."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding with its file, rule and severity: one line of ``argmap check``'s output."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    subject: str | None = None
    group: str | None = None
    """See :attr:`Finding.group`."""

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The ``--format json`` object: path, line, column, code, name, severity, message, and ``group`` when
        the finding has one."""
        data = asdict(self)
        del data["subject"]
        if data["group"] is None:
            del data["group"]
        return data

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
