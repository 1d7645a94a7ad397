"""Gradual semantics (quadratic energy, DF-QuAD): worked examples, the fixed point, the literature's properties.

Small cases are maps read through the loader, or graphs built by hand with networkx.
The property tests read the weighted graph straight off the networkx edges and apply
the papers' formulas, written again here, as the oracle: every reported strength is
the update rule applied to the reported strengths around it; on acyclic maps the
strengths are those of a naive simultaneous integration (or iteration) of the whole
graph, and grow with supporters and fall with attackers; a statement's strength
depends only on what leads to it.
"""

from __future__ import annotations

import math
import textwrap

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.graph import (
    ATTACK,
    ATTACKED,
    ATTACKER,
    CONCLUSION,
    CONTRADICT,
    PREMISE,
    UNDERCUT,
    ArgumentGraph,
    attack_id,
    support_id,
)
from argmap.loader import load_bytes
from argmap.semantics.gradual import (
    DF_QUAD,
    NAMES,
    QUADRATIC_ENERGY,
    Contribution,
    StrengthError,
    contributions,
    contributors,
    strengths,
)
from conftest import examples

QE, DFQ = QUADRATIC_ENERGY, DF_QUAD
PROPERTY = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- building graphs ---------------------------------------------------------------


def map_graph(body: str, thesis: str = "t") -> ArgumentGraph:
    """The argument graph of a map whose sections are ``body`` (the header is added)."""
    text = f"argmap: 1\ntitle: A test map\nthesis: {thesis}\n" + textwrap.dedent(body)
    loaded = load_bytes(text.encode(), "test.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return ArgumentGraph.of(loaded.model)


class Graph:
    """A graph built by hand with networkx, in the shape :func:`argmap.graph.build_graph` gives."""

    def __init__(self, weights: dict[str, float | None]):
        self.G = nx.MultiDiGraph()
        for node, weight in weights.items():
            self.G.add_node(node, kind="claim", order=len(self.G))
            if weight is not None:
                self.G.nodes[node]["weight"] = weight

    def statement(self, node: str, weight: float) -> Graph:
        self.G.add_node(node, kind="claim", order=len(self.G), weight=weight)
        return self

    def supports(self, source: str, target: str) -> Graph:
        inference = support_id(source, target)
        self.G.add_node(inference, kind="inference", form="support")
        self.G.add_edge(source, inference, key=PREMISE)
        self.G.add_edge(inference, target, key=CONCLUSION)
        return self

    def argument(self, name: str, premises: list[str], conclusion: str) -> Graph:
        self.G.add_node(name, kind="inference", form="argument")
        for premise in premises:
            self.G.add_edge(premise, name, key=PREMISE)
        self.G.add_edge(name, conclusion, key=CONCLUSION)
        return self

    def attacks(self, source: str, target: str) -> Graph:
        self.G.add_edge(source, target, key=ATTACK)
        return self

    def contradicts(self, source: str, target: str) -> Graph:
        self.G.add_edge(source, target, key=CONTRADICT)
        return self

    def undercuts(self, source: str, relation: str) -> Graph:
        """Undercut an inference, or the attack ``A~>B`` (an attack or one direction of a contradiction)."""
        if relation not in self.G:
            attacker, attacked = relation.split("~>")
            form = ATTACK if self.G.has_edge(attacker, attacked, key=ATTACK) else CONTRADICT
            self.G.add_node(relation, kind="junction", form=form, source=attacker, target=attacked)
            self.G.add_edge(attacker, relation, key=ATTACKER)
            self.G.add_edge(relation, attacked, key=ATTACKED)
        self.G.add_edge(source, relation, key=UNDERCUT)
        return self

    @property
    def graph(self) -> ArgumentGraph:
        return ArgumentGraph(self.G)


# -- the oracle: the papers' formulas, applied to the weighted graph read off the edges ----


def h(x: float) -> float:
    """Potyka's influence of energy ``x``."""
    x = max(x, 0.0)
    return x * x / (1 + x * x)


def qe_rule(w: float, supporters: list[float], attackers: list[float]) -> float:
    energy = sum(supporters) - sum(attackers)
    return w - w * h(-energy) + (1 - w) * h(energy)


def dfq_rule(w: float, supporters: list[float], attackers: list[float]) -> float:
    va = 1 - math.prod(1 - v for v in attackers)
    vs = 1 - math.prod(1 - v for v in supporters)
    return w - w * abs(vs - va) if va >= vs else w + (1 - w) * abs(vs - va)


RULES = {QE: qe_rule, DFQ: dfq_rule}


def weighted(G: nx.MultiDiGraph) -> dict[str, tuple[list[str], list[str], list[str], list[str]]]:
    """Every node of the weighted graph -> (sources, supporters, attackers, kind) read off ``G``'s edges.

    A statement's sources are empty (its weight is its base score); a relation's supporters
    are empty; ``kind`` is [``statement``] or [``relation``]."""
    edges = list(G.edges(keys=True))
    nodes: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}
    for n, kind in G.nodes(data="kind"):
        if kind not in ("inference", "junction"):
            nodes[n] = ([], [], [], ["statement"])
    for n, kind in G.nodes(data="kind"):
        if kind == "inference":
            premises = [u for u, v, k in edges if v == n and k == PREMISE]
            undercutters = [u for u, v, k in edges if v == n and k == UNDERCUT]
            nodes[n] = (premises, [], undercutters, ["relation"])
            for u, v, k in edges:
                if u == n and k == CONCLUSION:
                    nodes[v][1].append(n)
    for u, v, k in edges:
        for a, b in [(u, v)] if k == ATTACK else [(u, v), (v, u)] if k == CONTRADICT else []:
            relation = attack_id(a, b)
            if relation in nodes:
                continue
            undercutters = [w for w, x, kk in edges if x == relation and kk == UNDERCUT]
            nodes[relation] = ([a], [], undercutters, ["relation"])
            nodes[b][2].append(relation)
    return nodes


def updated(G: nx.MultiDiGraph, semantics: str, strength: dict[str, float],
            pins: dict[str, float] | None = None, nodes=None) -> dict[str, float]:
    """The update rule applied once to every node (of ``weighted(G)``, or ``nodes``), from ``strength``."""
    pins = pins or {}
    found = {}
    for node, (sources, supporters, attackers, kind) in (nodes or weighted(G)).items():
        if node in pins:
            found[node] = pins[node]
            continue
        if kind == ["statement"]:
            base = G.nodes[node].get("weight", 0.5)
        else:
            base = min((strength[s] for s in sources), default=0.0)
        found[node] = RULES[semantics](base, [strength[s] for s in supporters], [strength[a] for a in attackers])
    return found


def naive(G: nx.MultiDiGraph, semantics: str, pins: dict[str, float] | None = None) -> dict[str, float]:
    """The whole weighted graph from its base scores, all nodes together: Jacobi rounds for DF-QuAD,
    Runge-Kutta steps of 0.1 for quadratic energy, until nothing moves."""
    pins = pins or {}
    nodes = weighted(G)
    state = {n: pins.get(n, G.nodes[n].get("weight", 0.5)) for n, (_, _, _, kind) in nodes.items()
             if kind == ["statement"]}
    for n, (sources, _, _, kind) in nodes.items():
        if kind == ["relation"]:
            state[n] = pins.get(n, min((state[s] for s in sources), default=0.0))
    for _ in range(20_000):
        if semantics == DFQ:
            new = updated(G, semantics, state, pins, nodes)
        else:
            def slope(y):
                return {n: t - y[n] for n, t in updated(G, semantics, y, pins, nodes).items()}
            k1 = slope(state)
            k2 = slope({n: state[n] + 0.05 * k1[n] for n in state})
            k3 = slope({n: state[n] + 0.05 * k2[n] for n in state})
            k4 = slope({n: state[n] + 0.1 * k3[n] for n in state})
            new = {n: state[n] + 0.1 * (k1[n] + 2 * k2[n] + 2 * k3[n] + k4[n]) / 6 for n in state}
        moved = max((abs(new[n] - state[n]) for n in state), default=0.0)
        state = new
        if moved < 1e-13:
            return state
    raise AssertionError("the naive computation did not settle")


def everything(result) -> dict[str, float]:
    return {**result.strengths, **result.relations}


def close(found: dict[str, float], expected: dict[str, float], tolerance: float = 1e-6) -> None:
    assert found.keys() == expected.keys()
    wrong = {n: (found[n], expected[n]) for n in found if abs(found[n] - expected[n]) > tolerance}
    assert not wrong, wrong


# -- the papers' examples and tiny cases -----------------------------------------------


E_DEMOCRACY = """\
claims:
  t: {text: Unused thesis}
  A1: {text: An alternative, weight: 0.5}
  A2: {text: Another, weight: 0.5}
  P1: {text: A pro of A1, supports: A1, weight: 0.7}
  P2: {text: A pro of A1, supports: A1, weight: 0.5}
  P3: {text: A pro of A2, supports: A2, weight: 0.9}
counterclaims:
  C1: {text: A con of A2, attacks: A2, weight: 0.2}
  C2: {text: A con of P2, attacks: P2, weight: 0.2}
  C3: {text: A con of P2, attacks: P2, weight: 0.6}
  C4: {text: A con of P2, attacks: P2, weight: 0.5}
"""
"""The e-democracy example Uncertainpy names after Rago et al. (RagoEtAlEDemocracy.bag), with its base scores."""


def test_e_democracy_under_df_quad():
    result = strengths(map_graph(E_DEMOCRACY), DFQ)
    got = result.strengths
    # P2: va = F(0.2, 0.6, 0.5) = 1 - 0.8*0.4*0.5 = 0.84 >= vs = 0, so 0.5 - 0.5*0.84 = 0.08
    assert got["P2"] == pytest.approx(0.08)
    # A1: vs = F(0.7, 0.08) = 1 - 0.3*0.92 = 0.724 > va = 0, so 0.5 + 0.5*0.724 = 0.862
    assert got["A1"] == pytest.approx(0.862)
    # A2: va = 0.2 < vs = 0.9, so 0.5 + 0.5*|0.9 - 0.2| = 0.85
    assert got["A2"] == pytest.approx(0.85)
    # Nothing bears on the rest: they keep their weights.
    assert [got[n] for n in ("P1", "P3", "C1", "C2", "C3", "C4", "t")] == [0.7, 0.9, 0.2, 0.2, 0.6, 0.5, 0.5]
    # A relation carries its source's strength, undercut by none.
    assert result.relations["P2->A1"] == pytest.approx(0.08) and result.relations["C3~>P2"] == 0.6
    assert (result.converged, result.rounds, result.unconverged) == (True, 0, [])


def test_e_democracy_under_quadratic_energy():
    got = strengths(map_graph(E_DEMOCRACY), QE).strengths
    # P2: E = -(0.2 + 0.6 + 0.5) = -1.3, h(1.3) = 1.69/2.69 = 0.628253; 0.5 - 0.5*0.628253 = 0.185874
    assert got["P2"] == pytest.approx(0.185874, abs=1e-6)
    # A1: E = 0.7 + 0.185874 = 0.885874, h = 0.784772/1.784772 = 0.439704; 0.5 + 0.5*0.439704 = 0.719852
    assert got["A1"] == pytest.approx(0.719852, abs=1e-6)
    # A2: E = 0.9 - 0.2 = 0.7, h = 0.49/1.49 = 0.328859; 0.5 + 0.5*0.328859 = 0.664430
    assert got["A2"] == pytest.approx(0.664430, abs=1e-6)


def test_quadratic_energy_on_a_two_level_example():
    """Čyras, Kampik and Weng's example (COMMA 2022, Example 4.1) under quadratic energy, a chain of two levels."""
    G = (Graph({"a": 0.5, "b": 0.2, "c": 0.85, "d": 0.65, "e": 0.4, "f": 1.0})
         .supports("b", "a").attacks("c", "a").supports("d", "a")
         .attacks("e", "b").supports("e", "c").attacks("f", "c"))
    got = strengths(G.graph, QE).strengths
    # c: E = 0.4 - 1 = -0.6, h(0.6) = 0.36/1.36 = 0.264706; 0.85 - 0.85*0.264706 = 0.625
    assert got["c"] == pytest.approx(0.625)
    # b: E = -0.4, h(0.4) = 0.16/1.16 = 0.137931; 0.2 - 0.2*0.137931 = 0.172414
    assert got["b"] == pytest.approx(0.172414, abs=1e-6)
    # a: E = 0.172414 + 0.65 - 0.625 = 0.197414, h = 0.038972/1.038972 = 0.037510; 0.5 + 0.5*0.037510 = 0.518755
    assert got["a"] == pytest.approx(0.518755, abs=1e-6)
    assert (got["d"], got["e"], got["f"]) == (0.65, 0.4, 1.0)


@pytest.mark.parametrize("semantics", NAMES)
@pytest.mark.parametrize("weight", [None, 0.0, 0.3, 1.0])
def test_a_lone_statement_keeps_its_weight(semantics, weight):
    result = strengths(Graph({"t": weight}).graph, semantics)
    assert result.strengths == {"t": 0.5 if weight is None else weight} and result.relations == {}
    # The default weight, 0.5, stands: acceptance is "at least 0.5".
    assert result.label("t") == ("accepted" if weight in (None, 1.0) else "rejected")


def test_df_quad_one_full_attacker_defeats_a_middling_statement():
    # va = 1 >= vs = 0: 0.5 - 0.5*1 = 0
    result = strengths(Graph({"t": 0.5, "c": 1.0}).attacks("c", "t").graph, DFQ)
    assert result.strengths == {"t": 0.0, "c": 1.0} and result.label("t") == "rejected"


def test_quadratic_energy_one_full_supporter():
    # E = 1, h(1) = 1/2: 0.5 + 0.5*0.5 = 0.75; an attacker at 1 instead: 0.5 - 0.5*0.5 = 0.25
    assert strengths(Graph({"t": 0.5, "a": 1.0}).supports("a", "t").graph, QE).strengths["t"] == 0.75
    assert strengths(Graph({"t": 0.5, "c": 1.0}).attacks("c", "t").graph, QE).strengths["t"] == 0.25


def test_an_undercut_weakens_what_a_support_carries():
    graph = map_graph("""\
        claims:
          t: {text: T}
          a: {text: A, supports: t, weight: 0.8}
        counterclaims:
          u: {text: U, undercuts: {from: a, to: t}}
        """)
    dfq = strengths(graph, DFQ)
    # The relation: base 0.8, attacked by u (0.5): 0.8 - 0.8*0.5 = 0.4; t: 0.5 + 0.5*0.4 = 0.7
    assert dfq.relations == {"a->t": pytest.approx(0.4)} and dfq.strengths["t"] == pytest.approx(0.7)
    qe = strengths(graph, QE)
    # The relation: E = -0.5, h = 0.25/1.25 = 0.2: 0.8 - 0.8*0.2 = 0.64;
    # t: E = 0.64, h = 0.4096/1.4096 = 0.290579: 0.5 + 0.5*0.290579 = 0.645289
    assert qe.relations["a->t"] == pytest.approx(0.64) and qe.strengths["t"] == pytest.approx(0.645289, abs=1e-6)


def test_an_undercut_of_an_attack_answers_it_even_if():
    graph = map_graph("""\
        claims:
          t: {text: T}
          u: {text: U, weight: 0.6, undercuts: {from: c, to: t}}
        counterclaims:
          c: {text: C, attacks: t, weight: 1}
        """)
    result = strengths(graph, DFQ)
    # c~>t: base 1, attacked by u (0.6): 1 - 1*0.6 = 0.4; t: 0.5 - 0.5*0.4 = 0.3
    assert result.relations == {"c~>t": pytest.approx(0.4)} and result.strengths["t"] == pytest.approx(0.3)
    # Without the undercut, c would defeat t outright.
    assert strengths(graph, DFQ, {"u": "rejected"}).strengths["t"] == 0.0


def test_a_linked_argument_carries_its_weakest_premise():
    graph = map_graph("""\
        claims:
          t: {text: T}
          p: {text: P, weight: 0.9}
          q: {text: Q, weight: 0.3}
        arguments:
          both: {premises: [p, q], conclusion: t}
        """)
    # base min(0.9, 0.3) = 0.3; DF-QuAD t = 0.5 + 0.5*0.3 = 0.65; QE: h(0.3) = 0.09/1.09, t = 0.541284
    assert strengths(graph, DFQ).relations == {"both": 0.3}
    assert strengths(graph, DFQ).strengths["t"] == pytest.approx(0.65)
    assert strengths(graph, QE).strengths["t"] == pytest.approx(0.541284, abs=1e-6)


def test_a_contradiction_is_two_attacks_and_a_cycle():
    graph = map_graph("""\
        claims:
          t: {text: T}
          a: {text: A, contradicts: b, weight: 0.8}
          b: {text: B}
        """)
    result = strengths(graph, DFQ)
    # a = 0.8*(1 - b) and b = 0.5*(1 - a): a = 0.8 - 0.4*(1 - a), so 0.6a = 0.4, a = 2/3, b = 1/6.
    assert result.strengths["a"] == pytest.approx(2 / 3, abs=1e-8)
    assert result.strengths["b"] == pytest.approx(1 / 6, abs=1e-8)
    assert set(result.relations) == {"a~>b", "b~>a"}
    assert result.converged and result.rounds > 1


def test_each_direction_of_a_contradiction_is_undercut_on_its_own():
    graph = map_graph("""\
        claims:
          t: {text: T}
          a: {text: A, contradicts: b, weight: 0.9}
          b: {text: B, weight: 0.9}
          u: {text: U, weight: 1, undercuts: {from: a, to: b}}
        """)
    assert graph.undercutters(attack_id("a", "b")) == ["u"] and attack_id("b", "a") not in graph
    result = strengths(graph, DFQ)
    # a~>b: 0.9*(1 - 1) = 0, so b keeps 0.9; b~>a carries 0.9: a = 0.9 - 0.9*0.9 = 0.09.
    assert result.strength("a~>b") == 0.0 and result.strength("b~>a") == pytest.approx(0.9)
    assert result.strengths["b"] == pytest.approx(0.9) and result.strengths["a"] == pytest.approx(0.09)
    assert result.converged


def test_an_attack_and_a_contradiction_in_one_direction_are_one_relation():
    graph = Graph({"a": 1.0, "b": 0.5}).attacks("a", "b").contradicts("a", "b").graph
    result = strengths(graph, DFQ)
    assert list(result.relations) == ["a~>b", "b~>a"]
    assert contributors(graph, "b") == ["a"]


def test_df_quad_says_when_it_does_not_converge():
    # Both at 1 attack each other: the Jacobi rounds go 1, 0, 1, ... for ever.
    graph = Graph({"a": 1.0, "b": 1.0, "t": 0.5}).contradicts("a", "b").supports("t", "t").graph
    result = strengths(graph, DFQ, max_rounds=64)
    assert (result.converged, result.rounds) == (False, 64)
    assert result.unconverged == ["a", "b", "a~>b", "b~>a"]
    assert all(0 <= v <= 1 for v in everything(result).values())
    # Quadratic energy settles at s = 1/(1 + s**2) for both: s = 0.682328.
    settled = strengths(graph, QE)
    assert settled.converged and settled.unconverged == []
    assert settled.strengths["a"] == pytest.approx(0.682328, abs=1e-6) == settled.strengths["b"]


@pytest.mark.parametrize("semantics", NAMES)
def test_cycles_computed_side_by_side_keep_their_own_results(semantics):
    # Two unrelated cycles: a mild one that settles fast and a strong one that takes long (or never does).
    mild = Graph({"a1": 0.3, "a2": 0.2}).contradicts("a1", "a2")
    alone = strengths(mild.graph, semantics, max_rounds=300)
    both = strengths(mild.statement("b1", 1.0).statement("b2", 0.95).contradicts("b1", "b2").graph, semantics,
                     max_rounds=300)
    assert alone.converged and both.rounds > alone.rounds
    assert {n: both.strengths[n] for n in ("a1", "a2")} == alone.strengths
    assert {n: both.relations[n] for n in alone.relations} == alone.relations


def test_unknown_semantics_and_bad_assumptions_are_errors():
    graph = Graph({"a": 1.0, "b": 0.5}).attacks("a", "b").graph
    with pytest.raises(StrengthError, match="unknown gradual semantics `grounded`"):
        strengths(graph, "grounded")
    with pytest.raises(StrengthError, match="`z` is not a statement or relation"):
        strengths(graph, DFQ, {"z": "accepted"})
    with pytest.raises(StrengthError, match="a statement is `accepted` or `rejected`"):
        strengths(graph, DFQ, {"a": "dead"})
    with pytest.raises(StrengthError, match="a relation is `applicable` or `dead`"):
        strengths(graph, DFQ, {"a~>b": "accepted"})
    with pytest.raises(StrengthError, match="not a statement"):
        contributions(graph, DFQ, "a~>b")


# -- assumptions and contributions ------------------------------------------------------


@pytest.mark.parametrize("semantics", NAMES)
def test_assumptions_pin_strengths(semantics):
    graph = Graph({"t": 0.5, "a": 0.9, "c": 0.8}).supports("a", "t").attacks("c", "t").graph
    pinned = strengths(graph, semantics, {"t": "accepted", "c": "rejected"})
    assert pinned.strengths == {"t": 1.0, "a": 0.9, "c": 0.0}
    assert pinned.relations["c~>t"] == 0.0
    # A relation can be assumed too: a dead support carries nothing.
    dead = strengths(graph, semantics, {"a->t": "dead"})
    assert dead.relations["a->t"] == 0.0
    assert dead.strengths["t"] == strengths(graph, semantics, {"a": "rejected"}).strengths["t"]
    # Pinning a statement on a cycle breaks it.
    loop = Graph({"a": 1.0, "b": 1.0}).contradicts("a", "b").graph
    assert strengths(loop, DFQ, {"a": "accepted"}, max_rounds=64).strengths == {"a": 1.0, "b": 0.0}


def test_contributions_sign_and_order():
    graph = (Graph({"t": 0.5, "s": 0.8, "a": 0.6, "b": 0.3})
             .supports("s", "t").attacks("a", "t").attacks("b", "t").graph)
    result = strengths(graph, DFQ)
    # t: va = 1 - 0.4*0.7 = 0.72 < vs = 0.8, so 0.5 + 0.5*0.08 = 0.54
    assert result.strengths["t"] == pytest.approx(0.54)
    found = contributions(graph, DFQ, "t", result=result)
    # Without s: vs = 0, t = 0.5 - 0.5*0.72 = 0.14, so s adds 0.40.
    # Without a: va = 0.3 < 0.8, t = 0.5 + 0.5*0.5 = 0.75, so a takes away 0.21.
    # Without b: va = 0.6 < 0.8, t = 0.5 + 0.5*0.2 = 0.60, so b takes away 0.06.
    assert [(c.id, round(c.without, 9), round(c.delta, 9)) for c in found] == \
        [("s", 0.14, 0.4), ("a", 0.75, -0.21), ("b", 0.6, -0.06)]
    assert found == contributions(graph, DFQ, "t")


def test_a_premise_of_a_linked_argument_contributes_the_whole_argument():
    graph = Graph({"t": 0.2, "p": 0.9, "q": 0.6}).argument("both", ["p", "q"], "t").graph
    # t = 0.2 + 0.8*min(0.9, 0.6) = 0.68; without either premise the argument carries 0: t = 0.2.
    found = contributions(graph, DFQ, "t")
    assert [(c.id, round(c.without, 9), round(c.delta, 9)) for c in found] == [("p", 0.2, 0.48), ("q", 0.2, 0.48)]


def test_contributors_of_a_statement():
    graph = (Graph({"t": 0.5, "a": 0.5, "p": 0.5, "q": 0.5, "c": 0.5, "d": 0.5})
             .supports("a", "t").argument("both", ["p", "a", "q"], "t").attacks("c", "t")
             .contradicts("t", "d").contradicts("d", "t").supports("t", "t").graph)
    assert contributors(graph, "t") == ["a", "p", "q", "c", "d"]


def test_contributions_recompute_only_what_lies_between():
    # A long chain upstream of the contributor stays as computed; the answer is the full recomputation's.
    builder = Graph({"t": 0.5, "a": 0.7})
    for i in range(30):
        builder.statement(f"x{i}", 0.3 + i / 100)
        builder.supports(f"x{i}", "a" if i == 0 else f"x{i - 1}")
    graph = builder.attacks("a", "t").graph
    for semantics in NAMES:
        [found] = contributions(graph, semantics, "t")
        assert found.without == strengths(graph, semantics, {"a": "rejected"}).strengths["t"]
        assert found == Contribution("a", found.without, strengths(graph, semantics).strengths["t"] - found.without)


# -- random maps -------------------------------------------------------------------------

WEIGHTS = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]) | st.floats(0, 1)


@st.composite
def maps(draw, acyclic: bool = False, max_statements: int = 7) -> Graph:
    """A random map with supports, linked arguments, attacks, contradictions (unless ``acyclic``),
    undercuts of inferences and of attacks, and weights. Acyclic maps only relate a statement to
    one listed before it, so their weighted graph has no cycle."""
    n = draw(st.integers(1, max_statements))
    names = [f"s{i}" for i in range(n)]
    builder = Graph({name: draw(st.none() | WEIGHTS) for name in names})
    kinds = ["supports", "attacks", "argument"] + ([] if acyclic else ["contradicts"])
    relations: list[tuple[str, int]] = []  # (relation id, index of its target)
    index = st.integers(0, n - 1)
    for kind, i, j, k in draw(st.lists(st.tuples(st.sampled_from(kinds), index, index, index), max_size=12)):
        if acyclic and not (i > j and k > j):
            continue
        if kind == "supports" and support_id(names[i], names[j]) not in builder.G:
            builder.supports(names[i], names[j])
            relations.append((support_id(names[i], names[j]), j))
        elif kind == "argument":
            name = f"arg{len(builder.G)}"
            builder.argument(name, sorted({names[i], names[k]}), names[j])
            relations.append((name, j))
        elif kind == "attacks":
            builder.attacks(names[i], names[j])
            relations.append((attack_id(names[i], names[j]), j))
        elif kind == "contradicts":
            builder.contradicts(names[i], names[j])
            relations += [(attack_id(names[i], names[j]), j), (attack_id(names[j], names[i]), i)]
    if relations:
        for u, r in draw(st.lists(st.tuples(index, st.integers(0, len(relations) - 1)), max_size=4)):
            relation, target = relations[r]
            if not acyclic or u > target:
                builder.undercuts(names[u], relation)
    return builder


def statements_of(builder: Graph) -> list[str]:
    return [n for n, kind in builder.G.nodes(data="kind") if kind == "claim"]


@PROPERTY
@given(maps(), st.sampled_from(NAMES))
def test_strengths_are_a_fixed_point(builder, semantics):
    result = strengths(builder.graph, semantics, max_rounds=2000)
    found = everything(result)
    assert list(result.strengths) == statements_of(builder)
    assert all(0 <= value <= 1 for value in found.values())
    assert result.converged == (not result.unconverged)
    if result.converged:
        close(found, updated(builder.G, semantics, found))
    else:
        assert result.rounds == 2000
    for statement in result.strengths:
        assert result.label(statement) == ("accepted" if result.strengths[statement] >= 0.5 else "rejected")


@PROPERTY
@given(maps(), st.sampled_from(NAMES), st.data())
def test_assumptions_pin_and_the_rest_is_a_fixed_point(builder, semantics, data):
    assumed = data.draw(st.dictionaries(st.sampled_from(statements_of(builder)),
                                        st.sampled_from(["accepted", "rejected"]), max_size=2))
    result = strengths(builder.graph, semantics, assumed, max_rounds=2000)
    pins = {node: 1.0 if label == "accepted" else 0.0 for node, label in assumed.items()}
    assert {node: result.strengths[node] for node in pins} == pins
    if result.converged:
        found = everything(result)
        close(found, updated(builder.G, semantics, found, pins))


@PROPERTY
@given(maps(acyclic=True), st.sampled_from(NAMES))
def test_acyclic_maps_agree_with_the_whole_graph_integrated_at_once(builder, semantics):
    result = strengths(builder.graph, semantics)
    assert result.converged and result.rounds == 0
    close(everything(result), naive(builder.G, semantics))


@PROPERTY
@given(maps(acyclic=True), st.sampled_from(NAMES), WEIGHTS, st.data())
def test_a_supporter_never_lowers_and_an_attacker_never_raises(builder, semantics, weight, data):
    statements = statements_of(builder)
    x = data.draw(st.sampled_from(statements), "x")
    before = strengths(builder.graph, semantics).strengths[x]
    how = data.draw(st.sampled_from(["supports", "argument", "attacks"]), "how")
    # A new statement, or one listed after x (so the map stays acyclic), bears on x.
    later = statements[statements.index(x) + 1:]
    source = data.draw(st.sampled_from(later + ["new"]), "source")
    if source == "new":
        builder.statement("new", weight)
    if how == "supports":
        if support_id(source, x) not in builder.G:
            builder.supports(source, x)
    elif how == "argument":
        builder.argument("added", [source], x)
    else:
        builder.attacks(source, x)
    after = strengths(builder.graph, semantics).strengths[x]
    if how == "attacks":
        assert after <= before + 1e-12
    else:
        assert after >= before - 1e-12


def leads_to(G: nx.MultiDiGraph, x: str) -> set[str]:
    """Every node on a path to ``x`` in the argument graph, a contradiction counting both ways; ``x`` too."""
    D = nx.DiGraph(G)
    D.add_edges_from((v, u) for u, v, k in G.edges(keys=True) if k == CONTRADICT)
    return nx.ancestors(D, x) | {x}


@PROPERTY
@given(maps(), st.sampled_from(NAMES), WEIGHTS, st.data())
def test_a_strength_depends_only_on_what_leads_to_it(builder, semantics, weight, data):
    statements = statements_of(builder)
    x = data.draw(st.sampled_from(statements), "x")
    before = strengths(builder.graph, semantics, max_rounds=500)
    upstream = leads_to(builder.G, x)
    elsewhere = [s for s in statements if s not in upstream]
    builder.statement("new", weight)
    # Into the new statement anything may lead (a contradiction would make it an attacker as well).
    for source in data.draw(st.lists(st.sampled_from(statements), max_size=3), "into new"):
        getattr(builder, data.draw(st.sampled_from(["supports", "attacks"])))(source, "new")
    if elsewhere:
        for target in data.draw(st.lists(st.sampled_from(elsewhere), max_size=3), "from new"):
            getattr(builder, data.draw(st.sampled_from(["supports", "attacks", "contradicts"])))("new", target)
    relations = [r for r in before.relations if r not in upstream and ("~>" not in r or r.split("~>")[1] not in upstream)]
    for relation in data.draw(st.lists(st.sampled_from(relations), max_size=2) if relations else st.just([])):
        builder.undercuts("new", relation)
    assert leads_to(builder.G, x) == upstream
    after = strengths(builder.graph, semantics, max_rounds=500)
    assert {n: after.strengths[n] for n in upstream if n in before.strengths} == \
        {n: before.strengths[n] for n in upstream if n in before.strengths}


@PROPERTY
@given(maps(acyclic=True, max_statements=6), st.sampled_from(NAMES), st.data())
def test_contributions_are_strengths_with_the_contributor_rejected(builder, semantics, data):
    graph = builder.graph
    x = data.draw(st.sampled_from(statements_of(builder)))
    result = strengths(graph, semantics)
    found = contributions(graph, semantics, x, result=result)
    assert sorted(c.id for c in found) == sorted(contributors(graph, x))
    for c in found:
        without = strengths(graph, semantics, {c.id: "rejected"}).strengths[x]
        assert c.without == pytest.approx(without, abs=1e-12)
        assert c.delta == pytest.approx(result.strengths[x] - without, abs=1e-12)
    assert [(-abs(c.delta), c.id) for c in found] == sorted((-abs(c.delta), c.id) for c in found)
