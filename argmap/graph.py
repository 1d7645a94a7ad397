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
from dataclasses import dataclass, field

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
    return graph_and_index(model)[0]


@dataclass(eq=False)
class Parts:
    """What :func:`graph_from_parts` turns into the networkx graph."""

    model: ArgumentMap
    supports: list[tuple[str, int]]
    """The inferences of `supports` relations, (id, order), in the graph's order."""
    edges: list[tuple[str, str, str]]
    """(from, to, key), in the graph's order."""


def graph_and_index(model: ArgumentMap) -> tuple[nx.MultiDiGraph, Index]:
    """The argument graph of ``model`` and its :class:`Index`."""
    index, parts = index_and_parts(model)
    return graph_from_parts(parts), index


def graph_from_parts(parts: Parts) -> nx.MultiDiGraph:
    """The networkx graph of :func:`index_and_parts`' lists.

    Nodes come in the graph's order: statements as in the file, arguments, then the
    inferences of `supports` relations.
    """
    model = parts.model
    nodes: list[tuple[str, dict]] = [
        (stmt.id, {"kind": stmt.kind, "order": stmt.order, "implicit": stmt.implicit})
        for stmt in model.statements.values()]
    nodes += [(argument.id, {"kind": "inference", "form": "argument", "order": argument.order})
              for argument in model.arguments.values()]
    nodes += [(inference, {"kind": "inference", "form": "support", "order": order})
              for inference, order in parts.supports]
    G = nx.MultiDiGraph(thesis=model.thesis.id if model.thesis else None)
    _fill(G, nodes, parts.edges)
    return G


def index_and_parts(model: ArgumentMap) -> tuple[Index, Parts]:
    """The :class:`Index` of ``model``'s argument graph, and the graph's nodes and edges as lists.

    The index is the same graph as adjacency sets, filled in the same loop that lists
    the graph's nodes and edges: walking the finished graph again, or dispatching on
    each edge's key, costs about a second on a map of 100,000 statements. The tests
    compare the index with :meth:`Index.of` the graph. Filling the networkx graph from
    the lists is left to :func:`graph_from_parts`, so that a large map's check can
    do it while a second process starts on the rules that read the index.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b"argmap: 1\\ntitle: T\\nthesis: t\\nclaims:\\n  t: {text: T}\\n  a: {text: A, supports: t}\\n"
    >>> index, parts = index_and_parts(load_bytes(text, "m.yaml").model)
    >>> index.into["t"], index.premises["a->t"], index.attackers["t"]
    (['a->t'], {'a'}, frozenset())
    >>> sorted(graph_from_parts(parts).edges(keys=True))
    [('a', 'a->t', 'premise'), ('a->t', 't', 'conclusion')]
    """
    statements, arguments = model.statements, model.arguments
    supports: list[tuple[str, int]] = []
    edges: list[tuple[str, str, str]] = []
    add_edge = edges.append
    index = Index()
    index.kind = {stmt.id: stmt.kind for stmt in statements.values()}
    index.order = {stmt.id: stmt.order for stmt in statements.values()}
    index.implicit = {stmt.id for stmt in statements.values() if stmt.implicit}
    # Most statements attack and undercut nothing and are attacked by nothing: they
    # share one empty frozenset or tuple, replaced by a set or list of their own on
    # their first such relation (100,000 empty sets are 20 MiB and a tenth of a second).
    attackers = index.attackers = dict.fromkeys(statements, _NONE)
    targets = index.targets = dict.fromkeys(statements, _NONE)
    into = index.into = {node: [] for node in statements}
    premise_of = index.premise_of = {node: [] for node in statements}
    undercuts = index.undercuts = dict.fromkeys(statements, ())
    premises = index.premises = {node: set() for node in arguments}
    undercutters = index.undercutters = {node: set() for node in arguments}
    conclusion = index.conclusion = dict.fromkeys(arguments)
    for argument in arguments.values():
        index.kind[argument.id] = "inference"
        index.order[argument.id] = argument.order
        attackers.pop(argument.id, None)  # an argument that reuses a statement's id (AM003) is an inference
        targets.pop(argument.id, None)
    # The loops below see every relation of a large map: look-ups are spelt out.
    kind, order = index.kind, index.order
    for source, stmt in statements.items():
        for ref in stmt.supports:
            target = ref.id
            if target in statements:
                inference = f"{source}->{target}"
                if inference not in premises:  # `supports: [b, b]` is one inference
                    supports.append((inference, stmt.order))
                    kind[inference] = "inference"
                    order[inference] = stmt.order
                    premises[inference] = {source}
                    undercutters[inference] = _NONE
                    conclusion[inference] = target
                    premise_of[source].append(inference)
                    into[target].append(inference)
                    add_edge((source, inference, PREMISE))
                    add_edge((inference, target, CONCLUSION))
        for ref in stmt.attacks:
            target = ref.id
            if target in statements:
                add_edge((source, target, ATTACK))
                _add_to(attackers, target, source)
                _add_to(targets, source, target)
        for ref in stmt.contradicts:
            target = ref.id
            if target in statements:
                add_edge((source, target, CONTRADICT))
                _add_to(attackers, target, source)
                _add_to(targets, source, target)
                _add_to(attackers, source, target)
                _add_to(targets, target, source)
    for argument in arguments.values():
        step = argument.id
        for ref in argument.premises:
            if ref.id in statements:
                add_edge((ref.id, step, PREMISE))
                if ref.id not in premises[step]:
                    premises[step].add(ref.id)
                    premise_of[ref.id].append(step)
        if argument.conclusion and argument.conclusion.id in statements:
            add_edge((step, argument.conclusion.id, CONCLUSION))
            conclusion[step] = argument.conclusion.id
            into[argument.conclusion.id].append(step)
    for source, stmt in statements.items():
        for undercut in stmt.undercuts:
            target = undercut_target(undercut)
            if target in premises:
                add_edge((source, target, UNDERCUT))
                if source not in undercutters[target]:
                    _add_to(undercutters, target, source)
                    if undercuts[source]:
                        undercuts[source].append(target)
                    else:
                        undercuts[source] = [target]
    return index, Parts(model, supports, edges)


_NONE: frozenset[str] = frozenset()
"""The shared empty entry of the index's sets (see :func:`index_and_parts`)."""


def _add_to(table: dict[str, set[str] | frozenset[str]], key: str, value: str) -> None:
    found = table[key]
    if found is _NONE:
        table[key] = {value}
    else:
        found.add(value)


def _fill(G: nx.MultiDiGraph, nodes: list[tuple[str, dict]], edges: list[tuple[str, str, str]]) -> None:
    """Add nodes and keyed edges to an empty ``G`` by filling networkx's adjacency dicts.

    This is what ``add_node`` and ``add_edge`` do (``_succ[u][v]`` and ``_pred[v][u]``
    share one dict of edge keys), without their per-call checks and cache clearing,
    which cost over a second on a map of 100,000 statements. The tests compare the
    result with a graph built through the public API.
    """
    node_attrs, succ, pred = G._node, G._succ, G._pred
    for node, data in nodes:
        node_attrs[node] = data
        succ[node] = {}
        pred[node] = {}
    for u, v, key in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        keydict[key] = {}


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


# The helpers below read networkx's adjacency dicts (``G._pred[v][u]`` and
# ``G._succ[u][v]`` map edge keys to attributes) instead of ``in_edges`` views:
# read-only, and four to five times faster, which matters on maps of 100,000 statements.


def _in(G, node, key) -> list[str]:
    return [u for u, keys in G._pred[node].items() if key in keys]


def _out(G, node, key) -> list[str]:
    return [v for v, keys in G._succ[node].items() if key in keys]


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
    found = [u for u, keys in G._pred[statement].items() if ATTACK in keys or CONTRADICT in keys]
    found += [v for v, keys in G._succ[statement].items() if CONTRADICT in keys and v not in found]
    return found


def attacked(G: nx.MultiDiGraph, statement: str) -> list[str]:
    """The statements that ``statement`` attacks or contradicts (in either direction)."""
    found = [v for v, keys in G._succ[statement].items() if ATTACK in keys or CONTRADICT in keys]
    found += [u for u, keys in G._pred[statement].items() if CONTRADICT in keys and u not in found]
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
    return reach_by(sources, lambda node: step(G, node))


def reach_by(sources: Iterable[str], step) -> set[str]:
    """Every node reached from ``sources`` (included) by repeating ``step`` (a node -> its next nodes)."""
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


@dataclass(eq=False)
class Index:
    """The argument graph as plain adjacency sets and lists, built in one pass over ``G``.

    The evaluation's worklist and the rules that walk the whole graph read this
    instead of querying networkx node by node (:attr:`MapContext.index` builds it once
    a map).

    Attack and contradiction are merged: ``attackers[s]`` holds every statement that
    attacks or contradicts ``s`` (a contradiction counts in both directions).
    The tables are read-only once built: an empty entry may be a frozenset or a tuple
    shared by many nodes.
    """

    kind: dict[str, str] = field(default_factory=dict)
    implicit: set[str] = field(default_factory=set)
    order: dict[str, int] = field(default_factory=dict)
    attackers: dict[str, set[str]] = field(default_factory=dict)
    targets: dict[str, set[str]] = field(default_factory=dict)
    into: dict[str, list[str]] = field(default_factory=dict)
    premise_of: dict[str, list[str]] = field(default_factory=dict)
    undercuts: dict[str, list[str]] = field(default_factory=dict)
    premises: dict[str, set[str]] = field(default_factory=dict)
    undercutters: dict[str, set[str]] = field(default_factory=dict)
    conclusion: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> Index:
        """The index of any argument graph."""
        return cls.from_parts(G.nodes(data=True), G.edges(keys=True))

    @classmethod
    def from_parts(cls, nodes: Iterable[tuple[str, dict]], edges: Iterable[tuple[str, str, str]]) -> Index:
        """The index of the graph with these nodes (id, attributes) and edges (u, v, key)."""
        index = cls()
        nodes = list(nodes)
        index.kind = {node: data["kind"] for node, data in nodes}
        index.order = {node: data.get("order", 0) for node, data in nodes}
        claims = [node for node, data in nodes if data["kind"] != "inference"]
        steps = [node for node, data in nodes if data["kind"] == "inference"]
        index.implicit = {node for node, data in nodes if data.get("implicit")}
        index.attackers = {node: set() for node in claims}
        index.targets = {node: set() for node in claims}
        index.into = {node: [] for node in claims}
        index.premise_of = {node: [] for node in claims}
        index.undercuts = {node: [] for node in claims}
        index.premises = {node: set() for node in steps}
        index.undercutters = {node: set() for node in steps}
        index.conclusion = dict.fromkeys(steps)
        # One pass over the edges, dispatching on the key inline: this loop sees every
        # relation of a large map.
        premises, premise_of, conclusion, into = index.premises, index.premise_of, index.conclusion, index.into
        attackers, targets = index.attackers, index.targets
        for u, v, key in edges:
            if key == PREMISE:
                if u not in premises[v]:
                    premises[v].add(u)
                    premise_of[u].append(v)
            elif key == CONCLUSION:
                conclusion[u] = v
                into[v].append(u)
            elif key == ATTACK:
                attackers[v].add(u)
                targets[u].add(v)
            else:
                index._add(u, v, key)
        return index

    def _add(self, u: str, v: str, key: str) -> None:
        if key == PREMISE:
            if u not in self.premises[v]:
                self.premises[v].add(u)
                self.premise_of[u].append(v)
        elif key == CONCLUSION:
            self.conclusion[u] = v
            self.into[v].append(u)
        elif key in (ATTACK, CONTRADICT):
            self.attackers[v].add(u)
            self.targets[u].add(v)
            if key == CONTRADICT:
                self.attackers[u].add(v)
                self.targets[v].add(u)
        elif key == UNDERCUT:
            if u not in self.undercutters[v]:
                self.undercutters[v].add(u)
                self.undercuts[u].append(v)

    def is_statement(self, node: str) -> bool:
        return self.kind[node] != "inference"

    def support_successors(self, node: str) -> Iterable[str]:
        """One step forward along support: an inference's conclusion, a statement's inferences."""
        if self.kind[node] == "inference":
            found = self.conclusion[node]
            return (found,) if found is not None else ()
        return self.premise_of[node]

    def support_ancestors(self, sources: Iterable[str]) -> set[str]:
        """Every node from which a chain of support leads to one of ``sources`` (included)."""
        premises, into = self.premises, self.into
        seen = set(sources)
        stack = list(seen)
        while stack:
            node = stack.pop()
            for nxt in premises[node] if node in premises else into[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def reach(self, sources: Iterable[str], step) -> set[str]:
        """Every node reached from ``sources`` (included) by repeating ``step``."""
        return reach_by(sources, step)

    def dependents(self, node: str) -> Iterable[str]:
        """The nodes whose label reads ``node``'s label directly."""
        if self.kind[node] == "inference":
            found = self.conclusion[node]
            return (found,) if found is not None else ()
        return (*self.targets[node], *self.premise_of[node], *self.undercuts[node])

    def dependencies(self, node: str) -> Iterable[str]:
        """The nodes whose labels ``node``'s label is computed from."""
        if self.kind[node] == "inference":
            return (*self.premises[node], *self.undercutters[node])
        return (*self.attackers[node], *self.into[node])


def support_cycles(G: nx.MultiDiGraph, index: Index | None = None) -> list[list[str]]:
    """One cycle of circular support per strongly connected part of the support graph.

    Each cycle lists statements only, starts at the member that comes first in the
    file and ends where it started. A part with one statement (it supports itself) is
    left out. Linear in the size of the graph: nodes that no cycle can reach are
    peeled off first (Kahn's algorithm), strongly connected components are computed
    on what remains, and one cycle is traced per component; cycles are never
    enumerated.

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
    index = index or Index.of(G)
    # Kahn's algorithm on the support structure, spelt out with plain dict look-ups:
    # it touches every node of a large map.
    premises, into, premise_of, conclusion = index.premises, index.into, index.premise_of, index.conclusion
    waiting = {node: len(into[node]) for node in into}
    waiting.update((node, len(found)) for node, found in premises.items())
    queue = [node for node, count in waiting.items() if count == 0]
    while queue:
        node = queue.pop()
        if node in conclusion:
            target = conclusion[node]
            successors = (target,) if target is not None else ()
        else:
            successors = premise_of[node]
        for nxt in successors:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                queue.append(nxt)
    residual = [node for node, count in waiting.items() if count > 0]
    if not residual:
        return []
    H = nx.DiGraph()
    H.add_nodes_from((node, {"kind": index.kind[node], "order": index.order[node]}) for node in residual)
    # A premise edge into an inference that concludes in the premise itself is
    # self-support (AM005), not a ring of statements: leave it out of the cycles.
    H.add_edges_from((node, nxt) for node in residual for nxt in index.support_successors(node)
                     if nxt in H and index.conclusion.get(nxt) != node)
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
    """Every node linked to ``node`` by any relation, in any direction.

    A breadth-first search over networkx's successor and predecessor dicts, which
    is what ``node_connected_component`` of an undirected view does, without building
    the view's merged neighbour dicts node by node.
    """
    succ, pred = G._succ, G._pred
    seen = {node}
    queue = [node]
    add, push = seen.add, queue.append
    while queue:
        current = queue.pop()
        for neighbours in (succ[current], pred[current]):
            for nxt in neighbours:
                if nxt not in seen:
                    add(nxt)
                    push(nxt)
    return seen
