"""What a diagram of the map draws, whatever its notation: the edges, in a stable order.

The DOT (:mod:`argmap.render.dot`) and Mermaid (:mod:`argmap.render.mermaid`)
renderers draw the same edges in the same order and differ only in how each looks,
so the edges are listed once, here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, JUNCTION, UNDERCUT, attack_id
from ..model import Statement

if TYPE_CHECKING:
    from ..views.tree import TreeNode

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


class Drawn(NamedTuple):
    """One edge of a diagram: the node names it joins, its kind (one of :data:`EDGE_KINDS`), the map's
    statements it relates (``tail`` does what the edge shows to ``head``) and the inference it is part of, if any
    (a `supports` relation's ``p->c`` or a linked argument's id), whose evaluation can make it dead."""

    source: str
    target: str
    kind: str
    tail: str
    head: str
    inference: str | None = None


def drawn_edges(ctx: MapContext, names: Mapping[str, str], junction: Mapping[str, str]) -> Iterator[Drawn]:
    """Each edge to draw (:class:`Drawn`).

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
        target = graph.conclusion(argument.id)
        for premise in graph.premises(argument.id):
            yield Drawn(names[premise], junction[argument.id], PREMISE, premise, target or argument.id, argument.id)
        if target is not None:
            yield Drawn(junction[argument.id], names[target], SUPPORT, argument.id, target, argument.id)


def _support_edges(ctx: MapContext, stmt: Statement, names: Mapping[str, str],
                   junction: Mapping[str, str]) -> Iterator[Drawn]:
    """The `supports` of ``stmt``: one arrow, or a premise and a support through the relation's junction."""
    for ref in stmt.supports:
        inference = f"{stmt.id}->{ref.id}"
        if inference not in ctx.graph:
            continue
        if inference in junction:
            yield Drawn(names[stmt.id], junction[inference], PREMISE, stmt.id, ref.id, inference)
            yield Drawn(junction[inference], names[ref.id], SUPPORT, stmt.id, ref.id, inference)
        else:
            yield Drawn(names[stmt.id], names[ref.id], SUPPORT, stmt.id, ref.id, inference)


def _attack_edges(ctx: MapContext, stmt: Statement, names: Mapping[str, str],
                  junction: Mapping[str, str]) -> Iterator[Drawn]:
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
            yield Drawn(names[stmt.id], names[target], CONTRADICT, stmt.id, target)
        elif key == UNDERCUT and target in junction:
            yield Drawn(names[stmt.id], junction[target], UNDERCUT, stmt.id, target)


def _attack(source: str, target: str, names: Mapping[str, str], junction: Mapping[str, str]) -> Iterator[Drawn]:
    """One attack: an arrow, or into its junction and on from there when something undercuts it."""
    through = junction.get(attack_id(source, target))
    if through is None:
        yield Drawn(names[source], names[target], ATTACK, source, target)
    else:
        yield Drawn(names[source], through, ATTACKER, source, target)
        yield Drawn(through, names[target], ATTACK, source, target)


@dataclass(frozen=True)
class Focus:
    """The part of a map a diagram draws with ``--root`` and ``--depth``: what ``argmap tree`` shows from the same
    root to the same depth (a linked argument's conclusion added, so that its junction leads somewhere).

    ``more`` lists, for each entry the depth cut off, the statement or argument it hangs from and how many
    statements below it are left out; ``left_out`` counts the map's statements not drawn.
    """

    root: str
    depth: int | None
    statements: frozenset[str]
    arguments: frozenset[str]
    more: tuple[tuple[str, int], ...]
    left_out: int

    def draws(self, ctx: MapContext, node: str) -> bool:
        """True when the diagram draws ``node``: a statement or linked argument of the part, or the junction of
        a relation (an undercut `supports`, an undercut attack) both of whose ends it draws."""
        if node in self.statements or node in self.arguments:
            return True
        graph = ctx.graph
        if graph.kind(node) == JUNCTION:
            data = graph.G.nodes[node]
            ends = [data["source"], data["target"]]
        elif not graph.is_statement(node) and graph.form(node) == "support":
            ends = [*graph.premises(node), graph.conclusion(node)]
        else:
            return False
        return all(end in self.statements for end in ends)


def focus(ctx: MapContext, root: str | None, depth: int | None) -> Focus | None:
    """The part of the map from ``root`` (default: the thesis) to ``depth`` levels; None when neither is given,
    so that the whole map is drawn. ``root`` must be a statement or a linked argument (the command checks)."""
    if root is None and depth is None:
        return None
    from ..views.tree import build_tree

    view = build_tree(ctx, root, depth)
    return outline_focus(ctx, view.root, depth, view.nodes, *root_ids(ctx, view.root))


def outline_focus(ctx: MapContext, root: str, depth: int | None, entries: Sequence[TreeNode],
                  statements: Collection[str] = (), arguments: Collection[str] = ()) -> Focus:
    """The part of the map that draws ``statements``, ``arguments`` and what the outline entries ``entries`` show
    (a ``see`` entry's statement included), with a note for each entry the depth cut off: the whole outline for
    :func:`focus`, one line of it for a printed page (:mod:`argmap.render.paper`)."""
    from ..views.tree import MORE, shown_ids

    shown_statements, shown_arguments = shown_ids(entries)
    drawn = frozenset(shown_statements.union(statements))
    more = tuple((node.id, node.count) for node in entries if node.kind == MORE)
    return Focus(root, depth, drawn, frozenset(shown_arguments.union(arguments)), more,
                 len(ctx.model.statements) - len(drawn))


def root_ids(ctx: MapContext, root: str) -> tuple[set[str], set[str]]:
    """What a drawing from ``root`` always holds: the root statement, or a linked argument and its conclusion
    (so that its junction leads somewhere)."""
    if root in ctx.model.statements:
        return {root}, set()
    conclusion = ctx.graph.conclusion(root)
    return ({conclusion} if conclusion is not None else set()), {root}
