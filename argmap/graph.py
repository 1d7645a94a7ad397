"""Model -> one networkx graph: the argument graph every check, evaluation and view reads.

Nodes are statements (``kind`` is ``claim``, ``counterclaim`` or ``evidence``; a
statement's ``weight`` is its strength taken by itself, 0.5 unless the map gives one),
inferences (``kind`` is ``inference``; ``form`` is ``support`` for a `supports`
relation, whose id is ``A->B``, or ``argument`` for a linked argument, which keeps
its own id) and the junctions of undercut attacks (``kind`` is ``junction``, id
``A~>B``: the attack of ``A`` on ``B``, or that direction of a contradiction, which a
statement undercuts; ``form`` is ``attack`` or ``contradict``). Every node has an
``order``: its rank in the file.

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
undercut   statement -> junction        answers an attack "even if": denies its force
attacker   statement -> junction        the attacker of an undercut attack
attacked   junction -> statement        the statement an undercut attack attacks
========== ============================ =========================================

An undercut attack keeps its ``attack`` (or ``contradict``) edge too: every query
about who attacks whom reads those edges alone.

References that name nothing are left out: the checks report them from the model.
The graph is built and read only through networkx's public API. :class:`ArgumentGraph`
names the queries that the rules, the evaluation and the views share; each costs
time linear in the part of the graph it visits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from functools import cached_property

import networkx as nx

from .model import ArgumentMap, Undercut

PREMISE = "premise"
CONCLUSION = "conclusion"
ATTACK = "attack"
CONTRADICT = "contradict"
UNDERCUT = "undercut"
ATTACKER = "attacker"
ATTACKED = "attacked"
KEYS = (PREMISE, CONCLUSION, ATTACK, CONTRADICT, UNDERCUT, ATTACKER, ATTACKED)
INFERENCE = "inference"
JUNCTION = "junction"
DEFAULT_WEIGHT = 0.5
"""A statement's weight where the map gives none."""


def support_id(source: str, target: str) -> str:
    """The id of the inference made by ``source`` ``supports`` ``target``.

    Examples
    --------
    >>> support_id("evidence-1", "claim-2")
    'evidence-1->claim-2'
    """
    return f"{source}->{target}"


def attack_id(source: str, target: str) -> str:
    """The id of the junction of ``source``'s attack on ``target`` (or that direction of a contradiction).

    Examples
    --------
    >>> attack_id("parents", "votes-at-16")
    'parents~>votes-at-16'
    """
    return f"{source}~>{target}"


def undercut_target(undercut: Undercut, model: ArgumentMap | None = None) -> str | None:
    """The node an :class:`~argmap.model.Undercut` names: an argument, the inference of a `supports`
    relation or, given the ``model``, the junction of an attack or of one direction of a contradiction
    (:func:`attack_id`); None when it names no relation (AM008). Without ``model``, a ``{from, to}``
    undercut always means the `supports` relation."""
    if undercut.argument is not None:
        return undercut.argument.id
    source, target = (ref.id for ref in undercut.link)
    if model is None:
        return support_id(source, target)
    statements = model.statements
    first, second = statements.get(source), statements.get(target)
    if first is None or second is None:
        return None
    if any(ref.id == target for ref in first.supports):
        return support_id(source, target)
    if any(ref.id == target for ref in first.attacks) or any(ref.id == target for ref in first.contradicts) \
            or any(ref.id == source for ref in second.contradicts):
        return attack_id(source, target)
    return None


def build_graph(model: ArgumentMap) -> nx.MultiDiGraph[str]:
    """Build the argument graph of ``model``.

    Nodes come in the graph's order: statements as in the file, linked arguments,
    the inferences of `supports` relations in the order of their premises, then the
    junctions of undercut attacks in the order of their undercuts.

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
    ...   a: {text: A reason, supports: t, weight: 0.8}
    ... counterclaims:
    ...   c: {text: An objection, attacks: t}
    ... '''
    >>> G = build_graph(load_bytes(text, "m.yaml").model)
    >>> sorted(G.edges(keys=True))
    [('a', 'a->t', 'premise'), ('a->t', 't', 'conclusion'), ('c', 't', 'attack')]
    >>> G.nodes["a->t"]["form"], G.nodes["a"]["weight"], G.nodes["t"]["weight"]
    ('support', 0.8, 0.5)
    """
    statements, arguments = model.statements, model.arguments
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(thesis=model.thesis.id if model.thesis else None)
    # Nodes go in bare and their attribute dicts (G.nodes(data=True)) are filled in the
    # same order: a third faster than (node, dict) pairs, which networkx takes apart in
    # an exception handler, one per node.
    G.add_nodes_from(statements)
    # The loader's AM003 keeps argument ids apart from statement ids; a model built by hand may not.
    linked = [argument for argument in arguments.values() if argument.id not in statements]
    G.add_nodes_from(argument.id for argument in linked)
    supports = {}
    for stmt in statements.values():
        for ref in stmt.supports:
            if ref.id in statements:
                inference = support_id(stmt.id, ref.id)
                if inference not in G and inference not in supports:
                    supports[inference] = stmt.order
    G.add_nodes_from(supports)
    junctions = _junctions(model)
    G.add_nodes_from(junctions)
    items = iter(G.nodes(data=True))  # the shorter sequence goes first in each zip: none is read too far
    for stmt, (_, data) in zip(statements.values(), items):
        data["kind"], data["order"], data["implicit"] = stmt.kind, stmt.order, stmt.implicit
        data["weight"] = DEFAULT_WEIGHT if stmt.weight is None else stmt.weight
    for argument, (_, data) in zip(linked, items):
        data["kind"], data["form"], data["order"] = INFERENCE, "argument", argument.order
        if argument.scheme:
            data["scheme"] = argument.scheme
    for order, (_, data) in zip(supports.values(), items):
        data["kind"], data["form"], data["order"] = INFERENCE, "support", order
    for (source, target, form, order), (_, data) in zip(junctions.values(), items):
        data["kind"], data["form"], data["order"], data["source"], data["target"] = \
            JUNCTION, form, order, source, target
    # One add_edge per edge: add_edges_from would build and merge an attribute dict
    # for each, a third of the cost on a large map, for edges that carry none.
    add_edge = G.add_edge
    for u, v, key in _edges(model, junctions, G):
        add_edge(u, v, key)
    return G


def _junctions(model: ArgumentMap) -> dict[str, tuple[str, str, str, int]]:
    """Junction id -> (attacker, attacked, ``attack`` or ``contradict``, order) of every undercut attack."""
    found: dict[str, tuple[str, str, str, int]] = {}
    for stmt in model.statements.values():
        for undercut in stmt.undercuts:
            if undercut.argument is not None:
                continue
            target = undercut_target(undercut, model)
            if target is None or target in found or "~>" not in target:
                continue
            source, attacked = (ref.id for ref in undercut.link)
            form = ATTACK if any(ref.id == attacked for ref in model.statements[source].attacks) else CONTRADICT
            found[target] = (source, attacked, form, stmt.order)
    return found


def _edges(model: ArgumentMap, junctions: dict[str, tuple[str, str, str, int]],
           nodes: nx.MultiDiGraph) -> Iterable[tuple[str, str, str]]:
    """The graph's edges (u, v, key) in the order they are added, between ``nodes`` (the graph's nodes, all
    added before its edges): an undercut's target is an inference when it is a node and not a statement."""
    statements, arguments = model.statements, model.arguments
    for source, stmt in statements.items():
        for ref in stmt.supports:
            if ref.id in statements:
                inference = support_id(source, ref.id)
                yield source, inference, PREMISE
                yield inference, ref.id, CONCLUSION
        for ref in stmt.attacks:
            if ref.id in statements:
                yield source, ref.id, ATTACK
        for ref in stmt.contradicts:
            if ref.id in statements:
                yield source, ref.id, CONTRADICT
    for argument in arguments.values():
        for ref in argument.premises:
            if ref.id in statements:
                yield ref.id, argument.id, PREMISE
        if argument.conclusion and argument.conclusion.id in statements:
            yield argument.id, argument.conclusion.id, CONCLUSION
    for junction, (source, target, _, _) in junctions.items():
        yield source, junction, ATTACKER
        yield junction, target, ATTACKED
    for source, stmt in statements.items():
        for undercut in stmt.undercuts:
            undercut_node = undercut_target(undercut, model) if junctions else undercut_target(undercut)
            if undercut_node is not None and undercut_node in nodes and undercut_node not in statements:
                yield source, undercut_node, UNDERCUT


def grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Each first item -> the second items paired with it, in order.

    Examples
    --------
    >>> grouped([("a", "x"), ("b", "y"), ("a", "z")])
    {'a': ['x', 'z'], 'b': ['y']}
    """
    found: dict[str, list[str]] = {}
    for first, second in pairs:
        seconds = found.get(first)
        if seconds is None:
            found[first] = [second]
        else:
            seconds.append(second)
    return found


def reach_by(sources: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
    """Every node reached from ``sources`` (included) by repeating ``step`` (a node -> its next nodes).

    Examples
    --------
    >>> sorted(reach_by(["a"], {"a": ["b"], "b": ["c", "a"], "c": []}.__getitem__))
    ['a', 'b', 'c']
    """
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


class ArgumentGraph:
    """The argument graph of one map and the queries that rules, evaluation and views share.

    A thin, read-only wrapper of one :class:`networkx.MultiDiGraph` (:attr:`G`): every
    query reads it through networkx's public API (``G.nodes``, ``G.pred``,
    ``G.succ``, ``G.edges``). Attack and contradiction are merged in
    :meth:`attackers` and :meth:`attacked`, a contradiction counting in both
    directions. Lists of nodes come in the order of the graph's edges (the file's).

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
    ...   c: {text: An objection, contradicts: a, undercuts: {from: a, to: t}}
    ... '''
    >>> graph = ArgumentGraph.of(load_bytes(text, "m.yaml").model)
    >>> graph.inferences_into("t"), graph.premises("a->t"), graph.conclusion("a->t")
    (['a->t'], ['a'], 't')
    >>> graph.attackers("a"), graph.attackers("c"), graph.undercutters("a->t")
    (['c'], ['a'], ['c'])
    >>> sorted(graph.support_ancestors(["t"]))
    ['a', 'a->t', 't']
    """

    # G's node type is left open: types-networkx types `G.nodes(data="kind")` as yielding
    # each node's whole attribute dict, which `nx.MultiDiGraph[str]` would pass on to every
    # reader of one attribute (`dict(G.nodes(data="kind"))` in evaluate.py).
    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self._edges_from: dict[str, dict[str, list[str]]] = {}

    @classmethod
    def of(cls, model: ArgumentMap) -> ArgumentGraph:
        """The argument graph of ``model`` (:func:`build_graph`)."""
        return cls(build_graph(model))

    # -- nodes ---------------------------------------------------------------------

    @property
    def thesis(self) -> str | None:
        """The thesis id when it names a statement of the graph, else None."""
        thesis: str | None = self.G.graph.get("thesis")
        return thesis if thesis is not None and thesis in self.G and self.is_statement(thesis) else None

    def __contains__(self, node: object) -> bool:
        return node in self.G

    def kind(self, node: str) -> str:
        """``claim``, ``counterclaim``, ``evidence`` or ``inference``."""
        return self.G.nodes[node]["kind"]

    def is_statement(self, node: str) -> bool:
        """True when ``node`` is labelled like a statement (accepted, rejected), not like an inference.

        The junction of an undercut attack counts as one here (whether the attack holds);
        :meth:`statements` lists the map's statements alone."""
        return self.G.nodes[node]["kind"] != INFERENCE

    def weight(self, node: str) -> float:
        """A statement's weight: its strength taken by itself (0.5 unless the map gives one)."""
        weight: float = self.G.nodes[node].get("weight", DEFAULT_WEIGHT)
        return weight

    def form(self, inference: str) -> str:
        """``support`` for the inference of a `supports` relation, ``argument`` for a linked argument."""
        return self.G.nodes[inference]["form"]

    def order(self, node: str) -> int:
        """The node's rank in the file (an inference of `supports` shares its premise's)."""
        return self.G.nodes[node].get("order", 0)

    def implicit(self, node: str) -> bool:
        """True for a statement marked `implicit`."""
        return bool(self.G.nodes[node].get("implicit"))

    @cached_property
    def position(self) -> dict[str, int]:
        """Node -> its place in the graph's order (statements as in the file, then inferences)."""
        return {node: place for place, node in enumerate(self.G)}

    def by_order(self, nodes: Iterable[str]) -> list[str]:
        """``nodes`` sorted by their rank in the file."""
        return sorted(nodes, key=self.order)

    def statements(self) -> list[str]:
        """The statements, in the file's order."""
        return [node for node, kind in self.G.nodes(data="kind") if kind != INFERENCE and kind != JUNCTION]

    def inferences(self) -> list[str]:
        """The inferences, in the graph's order."""
        return [node for node, kind in self.G.nodes(data="kind") if kind == INFERENCE]

    # -- one node's relations ------------------------------------------------------

    def _in(self, node: str, key: str) -> list[str]:
        return [u for u, keys in self.G.pred[node].items() if key in keys]

    def _out(self, node: str, key: str) -> list[str]:
        return [v for v, keys in self.G.succ[node].items() if key in keys]

    def premises(self, inference: str) -> list[str]:
        """The premises of ``inference``."""
        return self._in(inference, PREMISE)

    def conclusion(self, inference: str) -> str | None:
        """The statement ``inference`` concludes in, or None."""
        found = self._out(inference, CONCLUSION)
        return found[0] if found else None

    def undercutters(self, inference: str) -> list[str]:
        """The statements that undercut ``inference``."""
        return self._in(inference, UNDERCUT)

    def inferences_into(self, statement: str) -> list[str]:
        """The inferences that conclude in ``statement``."""
        return self._in(statement, CONCLUSION)

    def inferences_from(self, statement: str) -> list[str]:
        """The inferences of which ``statement`` is a premise."""
        return self._out(statement, PREMISE)

    def undercut_by(self, statement: str) -> list[str]:
        """The inferences that ``statement`` undercuts."""
        return self._out(statement, UNDERCUT)

    def attackers(self, statement: str) -> list[str]:
        """The statements that attack ``statement`` or contradict it (in either direction)."""
        found = [u for u, keys in self.G.pred[statement].items() if ATTACK in keys or CONTRADICT in keys]
        found += [v for v, keys in self.G.succ[statement].items() if CONTRADICT in keys and v not in found]
        return found

    def attacked(self, statement: str) -> list[str]:
        """The statements that ``statement`` attacks or contradicts (in either direction)."""
        found = [v for v, keys in self.G.succ[statement].items() if ATTACK in keys or CONTRADICT in keys]
        found += [u for u, keys in self.G.pred[statement].items() if CONTRADICT in keys and u not in found]
        return found

    def has_relation(self, source: str, target: str, key: str) -> bool:
        """True when the edge ``source`` -> ``target`` of kind ``key`` exists."""
        return self.G.has_edge(source, target, key=key)

    def dependencies(self, node: str) -> list[str]:
        """The nodes whose labels ``node``'s label is computed from.

        An inference reads its premises and undercutters; a statement its attackers
        and the inferences into it.
        """
        if not self.is_statement(node):
            return self.premises(node) + self.undercutters(node)
        return self.attackers(node) + self.inferences_into(node)

    def dependents(self, node: str) -> list[str]:
        """The nodes whose labels read ``node``'s label directly."""
        if not self.is_statement(node):
            found = self.conclusion(node)
            return [found] if found is not None else []
        return self.attacked(node) + self.inferences_from(node) + self.undercut_by(node)

    def support_predecessors(self, node: str) -> list[str]:
        """One step back along support: premises of an inference, inferences into a statement."""
        return self.inferences_into(node) if self.is_statement(node) else self.premises(node)

    def support_successors(self, node: str) -> list[str]:
        """One step forward along support: a statement's inferences, an inference's conclusion."""
        if self.is_statement(node):
            return self.inferences_from(node)
        found = self.conclusion(node)
        return [found] if found is not None else []

    def support_ancestors(self, sources: Iterable[str]) -> set[str]:
        """Every node from which a chain of support leads to one of ``sources`` (included).

        A breadth-first search backwards over the premise and conclusion edges
        (:meth:`edges`), linear in their number.
        """
        back = grouped((v, u) for key in (PREMISE, CONCLUSION) for u, v in self.edges(key))
        seen = set(sources)
        stack = list(seen)
        while stack:
            for nxt in back.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    # -- the whole graph -----------------------------------------------------------

    @cached_property
    def _edges_by_key(self) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {key: [] for key in KEYS}
        for u, v, key in self.G.edges(keys=True):
            found[key].append((u, v))
        return found

    def cut_off(self, node: str) -> list[list[str]]:
        """The weakly connected parts of the graph (nodes joined by edges of any kind, taken in either
        direction) that do not hold ``node``; each in the graph's order, the parts in the order of their
        first node.

        The two ends of each edge of :meth:`edges` are joined in a disjoint-set forest (union by size, so a
        root is at most log n steps away). On the 100,000-statement benchmark map that takes half the time of
        networkx's ``weakly_connected_components``, a walk node by node (docs/performance.md); a
        property test compares the two. When ``node``'s part holds the whole graph, as in most maps, that
        is all it costs.

        Examples
        --------
        >>> G = nx.MultiDiGraph(); G.add_nodes_from("abcde", kind="claim")
        >>> _ = G.add_edge("a", "b", key="attack"); _ = G.add_edge("d", "c", key="contradict")
        >>> ArgumentGraph(G).cut_off("b")
        [['c', 'd'], ['e']]
        """
        parent: dict[str, str] = {}
        size: dict[str, int] = {}
        up = parent.get

        def root(member: str) -> str:
            while (above := up(member)) is not None:
                member = above
            return member

        for edges in self._edges_by_key.values():
            for u, v in edges:
                u, v = root(u), root(v)
                if u != v:
                    size_u, size_v = size.get(u, 1), size.get(v, 1)
                    if size_u < size_v:
                        u, v = v, u
                    parent[v] = u
                    size[u] = size_u + size_v
        top = root(node)
        if size.get(top, 1) == len(self.G):
            return []
        parts: dict[str, list[str]] = {}
        for member in self.G:
            found = root(member)
            if found != top:
                parts.setdefault(found, []).append(member)
        return list(parts.values())

    def edges(self, key: str) -> list[tuple[str, str]]:
        """Every edge of kind ``key`` as (from, to), in the graph's order.

        One pass over ``G.edges(keys=True)`` serves every key: the rules and the
        evaluation that look at each relation of a large map start from these lists
        instead of asking node by node.
        """
        return self._edges_by_key[key]

    def attack_pairs(self) -> list[tuple[str, str]]:
        """Every attack as (attacker, attacked), once each, in the graph's order: each ``attack`` edge and
        each direction of each ``contradict`` edge (:meth:`attackers` reads them the same way).

        Examples
        --------
        >>> G = nx.MultiDiGraph(); G.add_nodes_from("abc", kind="claim")
        >>> _ = G.add_edge("a", "b", key="attack"); _ = G.add_edge("b", "c", key="contradict")
        >>> _ = G.add_edge("a", "b", key="contradict")
        >>> ArgumentGraph(G).attack_pairs()
        [('a', 'b'), ('b', 'a'), ('b', 'c'), ('c', 'b')]
        """
        found = dict.fromkeys(self.edges(ATTACK))
        for u, v in self.edges(CONTRADICT):
            found.update(dict.fromkeys(((u, v), (v, u))))
        return list(found)

    def edges_from(self, key: str) -> dict[str, list[str]]:
        """Every edge of kind ``key`` grouped by its source: source -> targets, in the graph's order.

        Computed once per key and shared (AM006 and the evaluation both read the premises'
        inferences); callers must not change it.
        """
        found = self._edges_from.get(key)
        if found is None:
            found = self._edges_from[key] = grouped(self.edges(key))
        return found


def support_cycles(graph: ArgumentGraph) -> list[list[str]]:
    """One cycle of circular support per strongly connected part of the support graph.

    Each cycle lists statements only, starts at the member that comes first in the
    file and ends where it started. A part with one statement (it supports itself) is
    left out. Linear in the size of the graph: the statements on no cycle and not
    downstream of one are peeled off first, in topological order (Kahn's algorithm on
    the steps from each premise to the conclusion of its inference, which visits each
    statement once rather than each statement and each inference), networkx's strongly
    connected components are computed on what remains, and one shortest cycle is traced
    per component; cycles are never enumerated.

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
    >>> support_cycles(ArgumentGraph.of(load_bytes(text, "m.yaml").model))
    [['t', 'a', 'b', 't']]
    """
    conclusion = dict(graph.edges(CONCLUSION))
    supported: dict[str, list[str]] = {}  # statement -> the conclusion of each inference it is a premise of
    waiting: dict[str, int] = {}  # statement -> the steps into it not yet peeled off
    for premise, _, target in _support_steps(graph, conclusion):
        found = supported.get(premise)
        if found is None:
            supported[premise] = [target]
        else:
            found.append(target)
        waiting[target] = waiting.get(target, 0) + 1
    queue = [node for node in supported if node not in waiting]
    while queue:
        for target in supported.get(queue.pop(), ()):
            left = waiting[target] - 1
            waiting[target] = left
            if not left:
                queue.append(target)
    residual = {node for node, count in waiting.items() if count}
    if not residual:
        return []
    H = _support_subgraph(graph, residual, conclusion)
    cycles = []
    for part in nx.strongly_connected_components(H):
        members = [n for n in part if graph.is_statement(n)]
        if len(members) < 2:
            continue
        start = min(members, key=graph.order)
        path = _cycle_through(H, part, start)
        cycles.append([n for n in path if graph.is_statement(n)])
    cycles.sort(key=lambda cycle: graph.order(cycle[0]))
    return cycles


def _support_steps(graph: ArgumentGraph, conclusion: dict[str, str]) -> Iterable[tuple[str, str, str]]:
    """(premise, inference, conclusion) of every premise edge whose inference concludes in another statement.

    Self-support (a premise of an inference that concludes in the premise itself) is AM005, not a ring of
    statements, and is left out.
    """
    for premise, inference in graph.edges(PREMISE):
        target = conclusion.get(inference)
        if target is not None and target != premise:
            yield premise, inference, target


def _support_subgraph(graph: ArgumentGraph, statements: set[str], conclusion: dict[str, str]) -> nx.DiGraph[str]:
    """The support steps (:func:`_support_steps`) between ``statements`` as a :class:`networkx.DiGraph`: each
    premise edge and the conclusion edge of its inference."""
    H: nx.DiGraph[str] = nx.DiGraph()
    H.add_nodes_from(statements)
    for premise, inference, target in _support_steps(graph, conclusion):
        if premise in statements and target in statements:
            H.add_edge(premise, inference)
            H.add_edge(inference, target)
    return H


def _cycle_through(H: nx.DiGraph[str], part: set[str], start: str) -> list[str]:
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
