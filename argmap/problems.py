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

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The ``--format json`` object: path, line, column, code, name, severity, message."""
        data = asdict(self)
        del data["subject"]
        return data

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
