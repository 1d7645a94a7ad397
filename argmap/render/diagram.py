"""What a diagram of the map draws, whatever its notation: the edges, in a stable order.

The DOT (:mod:`argmap.render.dot`) and Mermaid (:mod:`argmap.render.mermaid`)
renderers draw the same edges in the same order and differ only in how each looks,
so the edges are listed once, here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, JUNCTION, UNDERCUT, attack_id
from ..model import Statement

PREMISE = "premise"
"""A premise into a junction (a linked argument, or a `supports` relation that something undercuts)."""
SUPPORT = "support"
"""A support into the statement it supports, from a statement or from a junction."""

ATTACKER = "attacker"
"""An attacker into the junction of an attack that something undercuts (the attack goes on from there)."""

EDGE_KINDS = (PREMISE, SUPPORT, ATTACK, CONTRADICT, UNDERCUT, ATTACKER)


def junction_nodes(ctx: MapContext) -> list[str]:
    """The nodes a diagram draws as junctions, in the graph's order: every linked argument, every `supports`
    relation that something undercuts, and every attack (or direction of a contradiction) that something
    undercuts."""
    graph = ctx.graph
    found = [i for i in sorted(graph.inferences(), key=graph.order)
             if graph.form(i) == "argument" or graph.undercutters(i)]
    if graph.edges("attacker"):
        found += [node for node, kind in graph.G.nodes(data="kind") if kind == JUNCTION]
    return found


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
            yield from _attack(stmt.id, target, names, junction)
        elif key == CONTRADICT and (attack_id(stmt.id, target) in junction or attack_id(target, stmt.id) in junction):
            # A contradiction with an undercut direction is drawn as its two attacks, each through its junction.
            yield from _attack(stmt.id, target, names, junction)
            if not graph.has_relation(target, stmt.id, CONTRADICT):
                yield from _attack(target, stmt.id, names, junction)
        elif key == CONTRADICT and not (graph.has_relation(target, stmt.id, CONTRADICT)
                                        and ctx.model.statements[target].order < stmt.order):
            yield names[stmt.id], names[target], CONTRADICT
        elif key == UNDERCUT and target in junction:
            yield names[stmt.id], junction[target], UNDERCUT


def _attack(source: str, target: str, names: Mapping[str, str],
            junction: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """One attack: an arrow, or into its junction and on from there when something undercuts it."""
    through = junction.get(attack_id(source, target))
    if through is None:
        yield names[source], names[target], ATTACK
    else:
        yield names[source], through, ATTACKER
        yield through, names[target], ATTACK
