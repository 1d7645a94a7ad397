"""Preferred and stable positions (argmap.semantics.positions), checked against oracles.

On graphs of attacks alone the positions must be Dung's preferred and stable
extensions, as python-argumentation computes them. On graphs with supports, linked
arguments, undercuts and contradictions they must be what a brute-force oracle written
here finds: every labelling of the statements tried, kept when it satisfies the
labelling rules at every node and its support is well-founded, then the maximal (or
the total) ones selected. The grounded labelling of argmap.evaluate must be one of the
complete labellings and lie inside every preferred one. Hand examples pin the cases the
semantics is for: the Nixon diamond, the zombie, an odd cycle, circular support.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.evaluate import ACCEPTED, APPLICABLE, DEAD, REJECTED, UNDECIDED, EvaluationError, evaluate
from argmap.graph import ATTACK, CONCLUSION, CONTRADICT, PREMISE, UNDERCUT, ArgumentGraph
from argmap.semantics.positions import PREFERRED, STABLE, positions
from conftest import REPO, examples

A, R, U = ACCEPTED, REJECTED, UNDECIDED
PROPERTY = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALL = 10**6
"""A ``max_positions`` no small graph reaches."""


# -- building graphs ---------------------------------------------------------------


def graph(statements: str, *edges: tuple[str, str, str], inferences: str = "") -> nx.MultiDiGraph:
    """Statements (claims) and inferences by name, then ``(u, v, key)`` edges."""
    G = nx.MultiDiGraph()
    for node in statements.split():
        G.add_node(node, kind="claim")
    for node in inferences.split():
        G.add_node(node, kind="inference")
    for u, v, key in edges:
        G.add_edge(u, v, key=key)
    return G


def support(G: nx.MultiDiGraph, premises: list[str], conclusion: str | None, name: str) -> None:
    G.add_node(name, kind="inference")
    for premise in premises:
        G.add_edge(premise, name, key=PREMISE)
    if conclusion is not None:
        G.add_edge(name, conclusion, key=CONCLUSION)


@st.composite
def graphs(draw, max_statements: int = 6, inferences: bool = True) -> nx.MultiDiGraph:
    """A random small graph: self-attack, circular support and duplicate relations allowed."""
    n = draw(st.integers(1, max_statements))
    ids = [f"s{k}" for k in range(n)]
    G = nx.MultiDiGraph()
    for s, kind in zip(ids, draw(st.lists(st.sampled_from(["claim", "counterclaim", "evidence"]),
                                          min_size=n, max_size=n))):
        G.add_node(s, kind=kind)
    node = st.sampled_from(ids)
    for u, v in draw(st.lists(st.tuples(node, node), max_size=2 * n)):
        G.add_edge(u, v, key=ATTACK)
    for u, v in draw(st.lists(st.tuples(node, node), max_size=n)):
        G.add_edge(u, v, key=CONTRADICT)
    if inferences:
        for k, (premises, conclusion) in enumerate(draw(st.lists(
                st.tuples(st.lists(node, max_size=3, unique=True), st.one_of(st.none(), node)), max_size=4))):
            support(G, premises, conclusion, f"i{k}")
        made = [i for i, kind in G.nodes(data="kind") if kind == "inference"]
        if made:
            for u, i in draw(st.lists(st.tuples(node, st.sampled_from(made)), max_size=3)):
                G.add_edge(u, i, key=UNDERCUT)
    return G


@st.composite
def cases(draw):
    """A random graph, sometimes with assumptions and discounted statements."""
    G = draw(graphs())
    statements = [n for n, kind in G.nodes(data="kind") if kind != "inference"]
    assumed = draw(st.one_of(st.just({}), st.dictionaries(st.sampled_from(statements), st.sampled_from([A, R]),
                                                         max_size=2)))
    discounted = draw(st.one_of(st.just(set()), st.sets(st.sampled_from(statements), max_size=2)))
    return G, assumed, discounted


# -- the brute-force oracle --------------------------------------------------------


class Oracle:
    """Every complete labelling of a small graph, found by trying every labelling of its statements."""

    def __init__(self, G: nx.MultiDiGraph, assumed=None, discounted=frozenset()):
        self.G, self.assumed, self.discounted = G, dict(assumed or {}), set(discounted)
        self.statements = [n for n, kind in G.nodes(data="kind") if kind != "inference"]
        self.inferences = [n for n, kind in G.nodes(data="kind") if kind == "inference"]
        edges = list(G.edges(keys=True))
        self.attackers = {s: {u for u, v, k in edges if v == s and k in (ATTACK, CONTRADICT)}
                          | {v for u, v, k in edges if u == s and k == CONTRADICT} for s in self.statements}
        self.into = {s: {u for u, v, k in edges if v == s and k == CONCLUSION} for s in self.statements}
        self.premises = {i: {u for u, v, k in edges if v == i and k == PREMISE} for i in self.inferences}
        self.undercutters = {i: {u for u, v, k in edges if v == i and k == UNDERCUT} for i in self.inferences}

    def inference(self, i: str, labels: dict[str, str]) -> str:
        if any(labels[p] == R for p in self.premises[i]) or any(labels[u] == A for u in self.undercutters[i]):
            return DEAD
        if all(labels[p] == A for p in self.premises[i]) and all(labels[u] == R for u in self.undercutters[i]):
            return APPLICABLE
        return U

    def statement(self, s: str, labels: dict[str, str]) -> str:
        if s in self.assumed:
            return self.assumed[s]
        if s in self.discounted or any(labels[a] == A for a in self.attackers[s]):
            return R
        if self.into[s] and all(labels[i] == DEAD for i in self.into[s]):
            return R
        if all(labels[a] == R for a in self.attackers[s]) and (
                not self.into[s] or any(labels[i] == APPLICABLE for i in self.into[s])):
            return A
        return U

    def founded(self, labels: dict[str, str]) -> bool:
        """Every acceptance and every rejection has a derivation that climbs support from below.

        Accepted: assumed, or no inference into it, or an applicable inference whose premises
        are all founded. Rejected: assumed, discounted, an accepted attacker, or inferences into
        it that each have a founded rejected premise or an accepted undercutter."""
        up: set[str] = set()
        down: set[str] = set()
        while True:
            grown = False
            for s in self.statements:
                if labels[s] == A and s not in up and (
                        s in self.assumed or not self.into[s]
                        or any(labels[i] == APPLICABLE and self.premises[i] <= up for i in self.into[s])):
                    up.add(s)
                    grown = True
                if labels[s] == R and s not in down and (
                        s in self.assumed or s in self.discounted or any(labels[a] == A for a in self.attackers[s])
                        or self.into[s] and all(self.premises[i] & down
                                                or any(labels[u] == A for u in self.undercutters[i])
                                                for i in self.into[s])):
                    down.add(s)
                    grown = True
            if not grown:
                break
        return all(labels[s] != A or s in up for s in self.statements) and \
            all(labels[s] != R or s in down for s in self.statements)

    def complete(self) -> list[dict[str, str]]:
        found = []
        free = [s for s in self.statements if s not in self.assumed]
        for choice in itertools.product((A, R, U), repeat=len(free)):
            labels = {**self.assumed, **dict(zip(free, choice))}
            labels.update((i, self.inference(i, labels)) for i in self.inferences)
            if all(self.statement(s, labels) == labels[s] for s in self.statements) and self.founded(labels):
                found.append({n: labels[n] for n in self.G})  # in the graph's order
        return found

    def positions(self, semantics: str) -> list[dict[str, str]]:
        complete = self.complete()
        if semantics == STABLE:
            chosen = [labels for labels in complete if U not in labels.values()]
        else:
            chosen = [labels for labels in complete if not any(accepted(labels) < accepted(other) for other in complete)]
        return sorted(chosen, key=lambda labels: sorted(accepted(labels)))


def accepted(labels: dict[str, str]) -> set[str]:
    return {node for node, label in labels.items() if label == A}


def sceptical(found: list[dict[str, str]]) -> dict[str, str]:
    if not found:
        return {}
    return {node: label if all(other[node] == label for other in found) else U for node, label in found[0].items()}


def contains(small: dict[str, str], large: dict[str, str]) -> bool:
    """Every node ``small`` decides has the same label in ``large``."""
    return all(label == U or large[node] == label for node, label in small.items())


def test_the_oracle_keeps_circular_support_undecided_and_lets_attacks_go_round():
    cycle = graph("a b", ("a", "i", PREMISE), ("i", "b", CONCLUSION), ("b", "j", PREMISE), ("j", "a", CONCLUSION),
                  inferences="i j")
    assert Oracle(cycle).complete() == [dict.fromkeys("abij", U)]
    nixon = graph("a b", ("a", "b", CONTRADICT))
    assert len(Oracle(nixon).complete()) == 3


# -- python-argumentation on attack-only graphs ---------------------------------------


def py_arg_extensions(G: nx.MultiDiGraph, semantics: str) -> set[frozenset[str]]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    arguments = {s: Argument(s) for s in G}
    defeats = {(u, v) for u, v, k in G.edges(keys=True) if k == ATTACK}
    defeats |= {pair for u, v, k in G.edges(keys=True) if k == CONTRADICT for pair in ((u, v), (v, u))}
    framework = AbstractArgumentationFramework(
        "random", list(arguments.values()), [Defeat(arguments[u], arguments[v]) for u, v in sorted(defeats)])
    extensions = {"complete": get_complete_extensions, PREFERRED: get_preferred_extensions,
                  STABLE: get_stable_extensions}[semantics](framework)
    return {frozenset(argument.name for argument in extension) for extension in extensions}


@PROPERTY
@given(graphs(max_statements=8, inferences=False), st.sampled_from([PREFERRED, STABLE]))
def test_without_supports_positions_are_dungs_extensions_as_python_argumentation_finds_them(G, semantics):
    found = positions(ArgumentGraph(G), semantics, max_positions=ALL)
    extensions = py_arg_extensions(G, semantics)
    assert {frozenset(accepted(labels)) for labels in found.positions} == extensions
    assert found.total == len(found.positions) == len(extensions)
    if semantics == STABLE:  # a stable extension attacks everything outside it
        assert all(set(labels.values()) <= {A, R} for labels in found.positions)


@PROPERTY
@given(graphs(max_statements=6, inferences=False))
def test_without_supports_the_oracles_complete_labellings_are_caminadas(G):
    """Checks the oracle: Caminada's complete labellings are Dung's complete extensions, one each."""
    complete = Oracle(G).complete()
    assert {frozenset(accepted(labels)) for labels in complete} == py_arg_extensions(G, "complete")
    assert len({frozenset(accepted(labels)) for labels in complete}) == len(complete)


def test_python_argumentation_tells_preferred_from_stable():
    odd = graph("a b c", ("a", "b", ATTACK), ("b", "c", ATTACK), ("c", "a", ATTACK))
    assert py_arg_extensions(odd, PREFERRED) == {frozenset()}
    assert py_arg_extensions(odd, STABLE) == set()


# -- the brute-force oracle on graphs with supports ------------------------------------


@PROPERTY
@given(cases(), st.sampled_from([PREFERRED, STABLE]))
def test_positions_are_the_oracles(case, semantics):
    G, assumed, discounted = case
    found = positions(ArgumentGraph(G), semantics, assumed, discounted, max_positions=ALL)
    expected = Oracle(G, assumed, discounted).positions(semantics)
    assert found.positions == expected
    assert found.total == len(expected)
    assert found.sceptical == sceptical(expected)
    assert found.sceptical_complete


@PROPERTY
@given(cases())
def test_the_grounded_labelling_is_complete_and_inside_every_preferred_position(case):
    G, assumed, _ = case
    # --require-support discounts the claims and counterclaims no inference concludes in, implicit or not here.
    discounted = {s for s, kind in G.nodes(data="kind") if kind in ("claim", "counterclaim")
                  and not any(k == CONCLUSION for _, _, k in G.in_edges(s, keys=True)) and s not in assumed}
    for require_support in (False, True):
        evaluation = evaluate(ArgumentGraph(G), assumed, require_support)
        grounded = {n: evaluation.label(n) for n in G}
        oracle = Oracle(G, assumed, discounted if require_support else ())
        complete = oracle.complete()
        assert grounded in complete
        assert all(contains(grounded, labels) for labels in complete)  # the least complete labelling
        found = positions(ArgumentGraph(G), PREFERRED, assumed, discounted if require_support else frozenset(),
                          max_positions=ALL)
        assert found.positions and all(contains(grounded, labels) for labels in found.positions)


@PROPERTY
@given(cases(), st.sampled_from([PREFERRED, STABLE]), st.integers(0, 3))
def test_max_positions_keeps_the_first_in_canonical_order_and_counts_them_all(case, semantics, keep):
    G, assumed, discounted = case
    everything = positions(ArgumentGraph(G), semantics, assumed, discounted, max_positions=ALL)
    first = positions(ArgumentGraph(G), semantics, assumed, discounted, max_positions=keep)
    assert first.positions == everything.positions[:keep]
    assert first.total == everything.total
    assert first.sceptical == everything.sceptical


# -- hand examples -----------------------------------------------------------------


def test_the_nixon_diamond_has_two_positions_and_no_sceptical_verdict():
    G = graph("quaker republican", ("quaker", "republican", CONTRADICT))
    for semantics in (PREFERRED, STABLE):
        found = positions(ArgumentGraph(G), semantics)
        assert found.positions == [{"quaker": A, "republican": R}, {"quaker": R, "republican": A}]
        assert found.total == 2
        assert found.sceptical == {"quaker": U, "republican": U} and found.sceptical_complete


def test_the_zombie_thesis_is_accepted_in_every_preferred_position_though_grounded_leaves_it_open():
    # b and c contradict each other; each attacks d; d attacks the thesis t.
    G = graph("t b c d", ("b", "c", CONTRADICT), ("b", "d", ATTACK), ("c", "d", ATTACK), ("d", "t", ATTACK))
    assert set(evaluate(ArgumentGraph(G)).labels.values()) == {U}
    found = positions(ArgumentGraph(G))
    assert found.total == 2 and all(labels["t"] == A and labels["d"] == R for labels in found.positions)
    assert found.sceptical == {"t": A, "b": U, "c": U, "d": R} and found.sceptical_complete


def test_an_odd_cycle_has_no_stable_position_and_leaves_everything_undecided():
    G = graph("a b c", ("a", "b", ATTACK), ("b", "c", ATTACK), ("c", "a", ATTACK))
    stable = positions(ArgumentGraph(G), STABLE)
    assert (stable.positions, stable.total, stable.sceptical, stable.sceptical_complete) == ([], 0, {}, True)
    preferred = positions(ArgumentGraph(G))
    assert preferred.positions == [{"a": U, "b": U, "c": U}] and preferred.total == 1


def test_circular_support_never_accepts_or_rejects_itself():
    G = graph("a b", ("a", "i", PREMISE), ("i", "b", CONCLUSION), ("b", "j", PREMISE), ("j", "a", CONCLUSION),
              inferences="i j")
    assert positions(ArgumentGraph(G)).positions == [{"a": U, "b": U, "i": U, "j": U}]
    assert positions(ArgumentGraph(G), STABLE).total == 0
    # Undercut from outside, the cycle falls, as in the grounded labelling.
    G.add_node("u", kind="evidence")
    G.add_edge("u", "i", key=UNDERCUT)
    assert positions(ArgumentGraph(G), STABLE).positions == [{"a": R, "b": R, "u": A, "i": DEAD, "j": DEAD}]


def test_a_support_cycle_whose_outside_support_falls_stays_undecided_as_in_the_grounded_labelling():
    # c supports a; a and b support each other; d attacks c.
    G = graph("a b c d", ("d", "c", ATTACK), inferences="")
    support(G, ["c"], "a", "c->a")
    support(G, ["a"], "b", "a->b")
    support(G, ["b"], "a", "b->a")
    grounded = {n: evaluate(ArgumentGraph(G)).label(n) for n in G}
    assert (grounded["a"], grounded["b"], grounded["c"]) == (U, U, R)
    assert positions(ArgumentGraph(G)).positions == [grounded]
    assert positions(ArgumentGraph(G), STABLE).total == 0
    # Let c and d contradict each other instead: where c stands, the cycle stands with it.
    G.add_edge("c", "d", key=CONTRADICT)
    assert [(p["a"], p["b"], p["c"]) for p in positions(ArgumentGraph(G)).positions] == [(A, A, A), (U, U, R)]


def test_a_position_takes_a_side_and_follows_support_from_it():
    # e supports t; e and c contradict each other: t stands exactly where e does.
    G = graph("t e c", ("e", "e->t", PREMISE), ("e->t", "t", CONCLUSION), ("e", "c", CONTRADICT), inferences="e->t")
    found = positions(ArgumentGraph(G))
    assert found.positions == [{"t": R, "e": R, "c": A, "e->t": DEAD}, {"t": A, "e": A, "c": R, "e->t": APPLICABLE}]
    assert found.sceptical == {"t": U, "e": U, "c": U, "e->t": U}


def nixon_pairs(n: int) -> nx.MultiDiGraph:
    """``n`` independent pairs that contradict each other: 2 ** n positions."""
    G = nx.MultiDiGraph()
    for k in range(n):
        G.add_node(f"x{k}", kind="claim")
        G.add_node(f"y{k}", kind="claim")
        G.add_edge(f"x{k}", f"y{k}", key=CONTRADICT)
    return G


def test_max_positions_truncates_and_counts_the_rest():
    found = positions(ArgumentGraph(nixon_pairs(5)), max_positions=3)
    assert found.total == 32
    # Canonical order: by the sorted ids of what each accepts, compared as lists.
    assert [sorted(accepted(labels)) for labels in found.positions] == [
        ["x0", "x1", "x2", "x3", "x4"], ["x0", "x1", "x2", "x3", "y4"], ["x0", "x1", "x2", "x4", "y3"]]


def test_a_search_out_of_budget_says_so_and_stops_in_the_same_place_every_time():
    G = ArgumentGraph(nixon_pairs(10))  # 1,024 positions of 20 labels each
    found = positions(G, budget=2_000, max_positions=4)
    assert found.total is None and not found.complete and not found.sceptical_complete
    assert len(found.positions) == 4 and found.work <= 2_000 + 20 * 2_000
    again = positions(G, budget=2_000, max_positions=4)
    assert (again.positions, again.sceptical, again.work) == (found.positions, found.sceptical, found.work)
    everything = positions(G)
    assert everything.total == 1024 and everything.sceptical_complete and everything.work > found.work


def test_stable_sceptical_labels_are_proved_when_the_positions_are_too_many_to_count():
    G = nixon_pairs(10)
    G.add_node("e", kind="evidence")
    G.add_node("t", kind="claim")
    G.add_edge("e", "x0", key=ATTACK)  # x0 rejected, y0 accepted in every position
    G.add_edge("y1", "t", key=ATTACK)
    found = positions(ArgumentGraph(G), STABLE, budget=4_000)
    assert found.total is None and found.sceptical_complete
    assert found.sceptical == positions(ArgumentGraph(G), STABLE).sceptical
    assert (found.sceptical["y0"], found.sceptical["x0"], found.sceptical["t"]) == (A, R, U)


def test_assumptions_and_discounted_statements_are_respected():
    G = graph("quaker republican", ("quaker", "republican", CONTRADICT))
    assert positions(ArgumentGraph(G), assumed={"republican": R}).positions == [{"quaker": A, "republican": R}]
    # Both assumed accepted: the assumption holds by fiat, as in the grounded labelling.
    both = positions(ArgumentGraph(G), STABLE, assumed={"quaker": A, "republican": A})
    assert both.positions == [{"quaker": A, "republican": A}]
    assert positions(ArgumentGraph(G), discounted={"quaker"}).positions == [{"quaker": R, "republican": A}]
    # An assumed inference: dead, its conclusion falls with it.
    H = graph("e t", ("e", "i", PREMISE), ("i", "t", CONCLUSION), inferences="i")
    assert positions(ArgumentGraph(H), assumed={"i": DEAD}).positions == [{"e": A, "t": R, "i": DEAD}]


def test_bad_arguments_are_refused():
    G = ArgumentGraph(graph("a"))
    with pytest.raises(ValueError, match="unknown semantics"):
        positions(G, "grounded")
    with pytest.raises(EvaluationError, match="not a node"):
        positions(G, assumed={"b": A})
    with pytest.raises(EvaluationError, match="must be"):
        positions(G, assumed={"a": APPLICABLE})
    with pytest.raises(EvaluationError, match="not a statement"):
        positions(G, discounted={"b"})


def test_an_empty_graph_has_one_empty_position():
    found = positions(ArgumentGraph(nx.MultiDiGraph()), STABLE)
    assert (found.positions, found.total, found.sceptical) == ([{}], 1, {})


def test_importing_the_module_does_not_load_the_solver():
    code = "import sys, argmap.semantics.positions; assert 'clingo' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
