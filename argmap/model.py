"""The typed model of an argument map: what the loader returns and the graph is built from.

Every item keeps the position (1-based line and column) of the YAML node it came
from, so that any later stage can report a problem where the user wrote the thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

SECTION_KIND = {"claims": "claim", "counterclaims": "counterclaim", "evidence": "evidence"}
"""Section key of a map -> kind of the statements it holds."""


class Position(NamedTuple):
    """A 1-based line and column in a map file.

    A named tuple rather than a frozen dataclass: a large map makes hundreds of
    thousands of them, and a tuple is several times cheaper to create.
    """

    line: int
    column: int


NOWHERE = Position(1, 1)


class Ref(NamedTuple):
    """A reference to an item by id, with the position of the referring value."""

    id: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Undercut:
    """An undercut: of an argument (``argument``) or of a `supports` relation (``source`` -> ``target``)."""

    pos: Position
    argument: Ref | None = None
    source: Ref | None = None
    target: Ref | None = None

    @property
    def link(self) -> tuple[Ref, Ref]:
        """The ``(source, target)`` of the `supports` relation undercut; an error for an undercut of an argument."""
        if self.source is None or self.target is None:
            raise ValueError("an undercut of an argument names no `supports` relation")
        return self.source, self.target


@dataclass(frozen=True, slots=True)
class Answer:
    """A statement's answer to a critical question of an argument's scheme (``answers: {argument, question}``)."""

    pos: Position
    argument: Ref
    question: Ref
    """The question's id in the argument's scheme, with the position where the map names it."""


@dataclass(frozen=True, slots=True)
class Ignore:
    """A rule a statement silences for problems about itself (``ignore: [AM101]``)."""

    code: str
    """The rule's code, whether the map named it by code or by name."""
    pos: Position


@dataclass(slots=True)
class Statement:
    """A claim, counterclaim or piece of evidence.

    The relations and lists default to an empty tuple, and the loader sets a list
    where the map has the key: most statements have few of them, and a large map
    makes hundreds of thousands of statements.
    """

    id: str
    kind: str
    text: str
    pos: Position
    supports: Sequence[Ref] = ()
    attacks: Sequence[Ref] = ()
    contradicts: Sequence[Ref] = ()
    undercuts: Sequence[Undercut] = ()
    by: str | None = None
    implicit: bool = False
    tags: Sequence[str] = ()
    note: str | None = None
    source: str | None = None
    quote: str | None = None
    quote_pos: Position | None = None
    quote_line: str | None = None
    """The map's line that holds the quote, when its value is written on one line: AM107 places a column
    within the quote from it."""
    order: int = 0
    ignore: Sequence[Ignore] = ()
    weight: float | None = None
    """The statement's strength taken by itself, from 0 to 1; None where the map gives none (0.5)."""
    answers: Sequence[Answer] = ()
    """The critical questions this statement answers (:mod:`argmap.schemes`)."""
    file: str | None = None
    """The file the statement is written in when it comes from an included library (its path as problems show
    it); None in the map's own file. Its positions are in that file."""


@dataclass(slots=True)
class Argument:
    """A linked argument: premises that support the conclusion only together."""

    id: str
    pos: Position
    premises: list[Ref]
    conclusion: Ref | None
    scheme: str | None = None
    note: str | None = None
    order: int = 0
    scheme_pos: Position | None = None
    file: str | None = None
    """As :attr:`Statement.file`: the library the argument comes from, or None."""


@dataclass(slots=True)
class Source:
    """The text a map is made from."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    text_file: str | None = None
    text_file_pos: Position | None = None
    text: str | None = None
    """The content of ``text_file``, when the loader could read it."""


@dataclass(slots=True)
class ArgumentMap:
    """One map file, as the loader understood it.

    ``statements`` and ``arguments`` keep file order; an id defined twice keeps its
    first definition (the second is reported as AM003).
    """

    path: str
    title: str = ""
    thesis: Ref | None = None
    description: str | None = None
    source: Source | None = None
    statements: dict[str, Statement] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    library: bool = False
    """True for a library (``library: true``): statements for maps to include, with no thesis."""
    includes: list[str] = field(default_factory=list)
    """The files the map includes, directly or through its libraries, as problems show their paths."""

    def file_of(self, item_id: str | None) -> str | None:
        """The library that defines the statement or argument ``item_id``; None for the map's own (or no) item."""
        if item_id is None:
            return None
        item = self.statements.get(item_id) or self.arguments.get(item_id)
        return item.file if item is not None else None

    def relation_counts(self) -> list[tuple[Position, int]]:
        """Each statement's and argument's position and how many relations it writes (its supports, attacks,
        contradictions and undercuts; an argument's premises and conclusion), in file order."""
        counts = [(stmt.pos, len(stmt.supports) + len(stmt.attacks) + len(stmt.contradicts) + len(stmt.undercuts))
                  for stmt in self.statements.values()]
        counts += [(argument.pos, len(argument.premises) + 1) for argument in self.arguments.values()]
        return counts
