"""Model -> one networkx graph: the argument graph every check and view reads.

Nodes are statements (``kind`` is ``claim``, ``counterclaim`` or ``evidence``) and
inferences (``kind`` is ``inference``; ``form`` is ``support`` for a `supports`
relation, whose id is ``A->B``, or ``argument`` for a linked argument, which keeps
its own id). Every node has an ``order``: its rank in the file.

Edges are keyed by their kind, so that two relations between the same pair of nodes
stay two edges (a :class:`networkx.MultiDiGraph`):

========== ============================ =========================================
key        from -> to                   meaning
========== ============================ =========================================
premise    statement -> inference       the statement is a premise of the inference
conclusion inference -> statement       the inference concludes in the statement
attack     statement -> statement       the first attacks the second
contradict statement -> statement       as written; it holds in both directions
undercut   statement -> inference       attacks the inference, not its conclusion
========== ============================ =========================================

References that name nothing are left out: the checks report them from the model.
Every function here costs time linear in the part of the graph it visits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import networkx as nx

from .model import ArgumentMap

PREMISE = "premise"
CONCLUSION = "conclusion"
ATTACK = "attack"
CONTRADICT = "contradict"
UNDERCUT = "undercut"


def support_id(source: str, target: str) -> str:
    """The id of the inference made by ``source`` ``supports`` ``target``.

    Examples
    --------
    >>> support_id("evidence-1", "claim-2")
    'evidence-1->claim-2'
    """
    return f"{source}->{target}"


def build_graph(model: ArgumentMap) -> nx.MultiDiGraph:
    """Build the argument graph of ``model``.

    Parameters
    ----------
    model : ArgumentMap
        A loaded map; references to missing items are skipped.

    Returns
    -------
    networkx.MultiDiGraph
        Graph attribute ``thesis`` holds the thesis id (or None).

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis}
    ...   a: {text: A reason, supports: t}
    ... counterclaims:
    ...   c: {text: An objection, attacks: t}
    ... '''
    >>> G = build_graph(load_bytes(text, "m.yaml").model)
    >>> sorted(G.edges(keys=True))
    [('a', 'a->t', 'premise'), ('a->t', 't', 'conclusion'), ('c', 't', 'attack')]
    >>> G.nodes["a->t"]["form"]
    'support'
    """
    G = nx.MultiDiGraph(thesis=model.thesis.id if model.thesis else None)
    statements = model.statements
    for stmt in statements.values():
        G.add_node(stmt.id, kind=stmt.kind, order=stmt.order, implicit=stmt.implicit)
    for argument in model.arguments.values():
        G.add_node(argument.id, kind="inference", form="argument", order=argument.order)
    for stmt in statements.values():
        for ref in stmt.supports:
            if ref.id in statements:
                inference = support_id(stmt.id, ref.id)
                G.add_node(inference, kind="inference", form="support", order=stmt.order)
                G.add_edge(stmt.id, inference, key=PREMISE)
                G.add_edge(inference, ref.id, key=CONCLUSION)
        for key, refs in ((ATTACK, stmt.attacks), (CONTRADICT, stmt.contradicts)):
            for ref in refs:
                if ref.id in statements:
                    G.add_edge(stmt.id, ref.id, key=key)
    for argument in model.arguments.values():
        for ref in argument.premises:
            if ref.id in statements:
                G.add_edge(ref.id, argument.id, key=PREMISE)
        if argument.conclusion and argument.conclusion.id in statements:
            G.add_edge(argument.id, argument.conclusion.id, key=CONCLUSION)
    for stmt in statements.values():
        for undercut in stmt.undercuts:
            target = undercut_target(undercut)
            if target in G and G.nodes[target]["kind"] == "inference":
                G.add_edge(stmt.id, target, key=UNDERCUT)
    return G


def undercut_target(undercut) -> str | None:
    """The inference id an :class:`~argmap.model.Undercut` names."""
    if undercut.argument is not None:
        return undercut.argument.id
    return support_id(undercut.source.id, undercut.target.id)


def is_statement(G: nx.MultiDiGraph, node: str) -> bool:
    """True when ``node`` is a statement, not an inference."""
    return G.nodes[node]["kind"] != "inference"


def statements(G: nx.MultiDiGraph) -> Iterator[str]:
    """The statement nodes of ``G``."""
    return (node for node, kind in G.nodes(data="kind") if kind != "inference")


def inferences(G: nx.MultiDiGraph) -> Iterator[str]:
    """The inference nodes of ``G``."""
    return (node for node, kind in G.nodes(data="kind") if kind == "inference")


def _in(G, node, key) -> list[str]:
    return [u for u, _, k in G.in_edges(node, keys=True) if k == key]


def _out(G, node, key) -> list[str]:
    return [v for _, v, k in G.out_edges(node, keys=True) if k == key]


def premises(G: nx.MultiDiGraph, inference: str) -> list[str]:
    """The premises of ``inference``."""
    return _in(G, inference, PREMISE)


def conclusion(G: nx.MultiDiGraph, inference: str) -> str | None:
    """The statement ``inference`` concludes in, or None."""
    found = _out(G, inference, CONCLUSION)
    return found[0] if found else None


def inferences_into(G: nx.MultiDiGraph, statement: str) -> list[str]:
    """The inferences that conclude in ``statement``."""
    return _in(G, statement, CONCLUSION)


def inferences_from(G: nx.MultiDiGraph, statement: str) -> list[str]:
    """The inferences of which ``statement`` is a premise."""
    return _out(G, statement, PREMISE)


def undercutters(G: nx.MultiDiGraph, inference: str) -> list[str]:
    """The statements that undercut ``inference``."""
    return _in(G, inference, UNDERCUT)


def attackers(G: nx.MultiDiGraph, statement: str) -> list[str]:
    """The statements that attack ``statement`` or contradict it (in either direction).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key=ATTACK)
    'attack'
    >>> G.add_edge("b", "c", key=CONTRADICT)
    'contradict'
    >>> attackers(G, "b"), attackers(G, "c")
    (['a', 'c'], ['b'])
    """
    found = [u for u, _, k in G.in_edges(statement, keys=True) if k in (ATTACK, CONTRADICT)]
    found += [v for _, v, k in G.out_edges(statement, keys=True) if k == CONTRADICT and v not in found]
    return found


def attacked(G: nx.MultiDiGraph, statement: str) -> list[str]:
    """The statements that ``statement`` attacks or contradicts (in either direction)."""
    found = [v for _, v, k in G.out_edges(statement, keys=True) if k in (ATTACK, CONTRADICT)]
    found += [u for u, _, k in G.in_edges(statement, keys=True) if k == CONTRADICT and u not in found]
    return found


def support_predecessors(G: nx.MultiDiGraph, node: str) -> list[str]:
    """One step back along support: premises of an inference, inferences into a statement."""
    return _in(G, node, PREMISE if G.nodes[node]["kind"] == "inference" else CONCLUSION)


def support_successors(G: nx.MultiDiGraph, node: str) -> list[str]:
    """One step forward along support: an inference's conclusion, a statement's inferences."""
    return _out(G, node, CONCLUSION if G.nodes[node]["kind"] == "inference" else PREMISE)


def support_ancestors(G: nx.MultiDiGraph, sources: Iterable[str]) -> set[str]:
    """Every node from which a chain of support leads to one of ``sources`` (included).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for u, v, k in [("e", "e->a", PREMISE), ("e->a", "a", CONCLUSION),
    ...                 ("a", "a->t", PREMISE), ("a->t", "t", CONCLUSION)]:
    ...     _ = G.add_edge(u, v, key=k)
    >>> for n in G:
    ...     G.nodes[n]["kind"] = "inference" if "->" in n else "claim"
    >>> sorted(support_ancestors(G, ["t"]))
    ['a', 'a->t', 'e', 'e->a', 't']
    """
    return _reach(G, sources, support_predecessors)


def support_descendants(G: nx.MultiDiGraph, sources: Iterable[str]) -> set[str]:
    """Every node reached from one of ``sources`` (included) along chains of support."""
    return _reach(G, sources, support_successors)


def _reach(G, sources: Iterable[str], step) -> set[str]:
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in step(G, queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def support_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The support structure alone: premise and conclusion edges, as a plain digraph."""
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k in (PREMISE, CONCLUSION))
    return H


def support_cycles(G: nx.MultiDiGraph) -> list[list[str]]:
    """One cycle of circular support per strongly connected part of the support graph.

    Each cycle lists statements only, starts at the member that comes first in the
    file and ends where it started. A part with one statement (it supports itself) is
    left out. Linear in the size of the graph: one cycle is traced per part, the
    cycles are never enumerated.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T, supports: a}
    ...   a: {text: A, supports: b}
    ...   b: {text: B, supports: t}
    ... '''
    >>> support_cycles(build_graph(load_bytes(text, "m.yaml").model))
    [['t', 'a', 'b', 't']]
    """
    H = support_graph(G)
    cycles = []
    for part in nx.strongly_connected_components(H):
        members = [n for n in part if H.nodes[n]["kind"] != "inference"]
        if len(members) < 2:
            continue
        start = min(members, key=lambda n: H.nodes[n]["order"])
        path = _cycle_through(H, part, start)
        cycles.append([n for n in path if H.nodes[n]["kind"] != "inference"])
    cycles.sort(key=lambda cycle: H.nodes[cycle[0]]["order"])
    return cycles


def _cycle_through(H: nx.DiGraph, part: set[str], start: str) -> list[str]:
    """A shortest cycle from ``start`` back to itself inside the strongly connected ``part``."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in H.successors(node):
            if nxt not in part:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start] + path[::-1][1:] + [start] if len(path) > 1 else [start, start]
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    raise nx.NetworkXNoCycle(f"no cycle through {start}")  # pragma: no cover - part is strongly connected


def connected_to(G: nx.MultiDiGraph, node: str) -> set[str]:
    """Every node linked to ``node`` by any relation, in any direction."""
    return nx.node_connected_component(G.to_undirected(as_view=True), node)
