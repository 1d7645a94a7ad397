"""What a diagram of the map draws, whatever its notation: the edges, in a stable order.

The DOT (:mod:`argmap.render.dot`) and Mermaid (:mod:`argmap.render.mermaid`)
renderers draw the same edges in the same order and differ only in how each looks,
so the edges are listed once, here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, UNDERCUT
from ..model import Statement

PREMISE = "premise"
"""A premise into a junction (a linked argument, or a `supports` relation that something undercuts)."""
SUPPORT = "support"
"""A support into the statement it supports, from a statement or from a junction."""

EDGE_KINDS = (PREMISE, SUPPORT, ATTACK, CONTRADICT, UNDERCUT)


def drawn_edges(ctx: MapContext, names: Mapping[str, str],
                junction: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """Each edge to draw as (source, target, kind), kind one of :data:`EDGE_KINDS`.

    ``names`` gives each statement's node name and ``junction`` each inference drawn
    as a junction's. Edges follow the file's order (each statement's supports, then
    its attacks, contradictions and undercuts; then the linked arguments), so the
    output is stable.
    """
    for stmt in ctx.model.statements.values():
        yield from _support_edges(ctx, stmt, names, junction)
        yield from _attack_edges(ctx, stmt, names, junction)
    graph = ctx.graph
    for argument in ctx.model.arguments.values():
        if argument.id not in graph:
            continue
        for premise in graph.premises(argument.id):
            yield names[premise], junction[argument.id], PREMISE
        target = graph.conclusion(argument.id)
        if target is not None:
            yield junction[argument.id], names[target], SUPPORT


def _support_edges(ctx: MapContext, stmt: Statement, names: Mapping[str, str],
                   junction: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """The `supports` of ``stmt``: one arrow, or a premise and a support through the relation's junction."""
    for ref in stmt.supports:
        inference = f"{stmt.id}->{ref.id}"
        if inference not in ctx.graph:
            continue
        if inference in junction:
            yield names[stmt.id], junction[inference], PREMISE
            yield junction[inference], names[ref.id], SUPPORT
        else:
            yield names[stmt.id], names[ref.id], SUPPORT


def _attack_edges(ctx: MapContext, stmt: Statement, names: Mapping[str, str],
                  junction: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """The attacks, contradictions and undercuts of ``stmt``.

    A contradiction written in both directions is drawn once, from the statement
    that comes first in the file (its edge is double-headed).
    """
    graph = ctx.graph
    for _, target, key in graph.G.out_edges(stmt.id, keys=True):
        if key == ATTACK:
            yield names[stmt.id], names[target], ATTACK
        elif key == CONTRADICT and not (graph.has_relation(target, stmt.id, CONTRADICT)
                                        and ctx.model.statements[target].order < stmt.order):
            yield names[stmt.id], names[target], CONTRADICT
        elif key == UNDERCUT and target in junction:
            yield names[stmt.id], junction[target], UNDERCUT
