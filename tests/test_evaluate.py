"""The evaluation core: the labelling rules, checked case by case and against oracles.

Small cases are written as maps (YAML through the loader and the graph builder);
graphs the checker would reject (self-attack, circular support) are built directly
with networkx, since the core must label any graph. The property tests compare
``evaluate`` with a deliberately naive implementation of the rules written here,
with Dung's grounded extension computed from its definition, and with
python-argumentation's grounded extension; ``cruxes`` is compared with relabelling
the whole graph once per candidate.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.evaluate import (
    ACCEPTED,
    APPLICABLE,
    DEAD,
    REJECTED,
    UNDECIDED,
    Crux,
    EvaluationError,
    cruxes,
    evaluate,
    parse_assume,
)
from argmap.graph import ATTACK, CONCLUSION, CONTRADICT, PREMISE, UNDERCUT, ArgumentGraph, build_graph
from argmap.loader import load_bytes
from conftest import examples

A, R, U = ACCEPTED, REJECTED, UNDECIDED
PROPERTY = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- building graphs ---------------------------------------------------------------


def graph_of(body: str, thesis: str = "t") -> nx.MultiDiGraph:
    """The argument graph of a map whose sections are ``body`` (the header is added)."""
    text = f"argmap: 1\ntitle: A test map\nthesis: {thesis}\n" + textwrap.dedent(body)
    loaded = load_bytes(text.encode(), "test.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return build_graph(loaded.model)


class Graph:
    """A graph built by hand, for shapes the checker rejects but the core must label."""

    def __init__(self, statements: str | dict[str, str], implicit: tuple[str, ...] = ()):
        if isinstance(statements, str):
            statements = dict.fromkeys(statements.split(), "claim")
        self.G = nx.MultiDiGraph()
        self.order = 0
        for node, kind in statements.items():
            self._node(node, kind=kind, implicit=node in implicit)

    def _node(self, node: str, **data) -> None:
        if node not in self.G:
            self.G.add_node(node, order=self.order, **data)
            self.order += 1

    def supports(self, source: str, target: str) -> Graph:
        inference = f"{source}->{target}"
        self._node(inference, kind="inference", form="support")
        self.G.add_edge(source, inference, key=PREMISE)
        self.G.add_edge(inference, target, key=CONCLUSION)
        return self

    def argument(self, name: str, premises: list[str], conclusion: str | None) -> Graph:
        self._node(name, kind="inference", form="argument")
        for premise in premises:
            self.G.add_edge(premise, name, key=PREMISE)
        if conclusion is not None:
            self.G.add_edge(name, conclusion, key=CONCLUSION)
        return self

    def attacks(self, source: str, target: str) -> Graph:
        self.G.add_edge(source, target, key=ATTACK)
        return self

    def contradicts(self, source: str, target: str) -> Graph:
        self.G.add_edge(source, target, key=CONTRADICT)
        return self

    def undercuts(self, source: str, inference: str) -> Graph:
        self.G.add_edge(source, inference, key=UNDERCUT)
        return self


# -- the naive oracle ----------------------------------------------------------------


class Rules:
    """The two rules of the semantics, read straight off the graph's edges."""

    def __init__(self, G: nx.MultiDiGraph, assume=None, require_support: bool = False):
        self.G, self.assume, self.require_support = G, dict(assume or {}), require_support
        self.statements = [n for n, kind in G.nodes(data="kind") if kind != "inference"]
        self.inferences = [n for n, kind in G.nodes(data="kind") if kind == "inference"]
        edges = list(G.edges(keys=True))
        self.attackers = {s: {u for u, v, k in edges if v == s and k in (ATTACK, CONTRADICT)}
                          | {v for u, v, k in edges if u == s and k == CONTRADICT} for s in self.statements}
        self.into = {s: {u for u, v, k in edges if v == s and k == CONCLUSION} for s in self.statements}
        self.premises = {i: {u for u, v, k in edges if v == i and k == PREMISE} for i in self.inferences}
        self.undercutters = {i: {u for u, v, k in edges if v == i and k == UNDERCUT} for i in self.inferences}

    def discounted(self, s: str) -> bool:
        data = self.G.nodes[s]
        return (self.require_support and data["kind"] in ("claim", "counterclaim")
                and not data.get("implicit") and not self.into[s])

    def inference(self, i: str, labels: dict[str, str]) -> str:
        if any(labels[p] == R for p in self.premises[i]) or any(labels[u] == A for u in self.undercutters[i]):
            return DEAD
        if all(labels[p] == A for p in self.premises[i]) and all(labels[u] == R for u in self.undercutters[i]):
            return APPLICABLE
        return U

    def statement(self, s: str, labels: dict[str, str]) -> str:
        if s in self.assume:
            return self.assume[s]
        if self.discounted(s) or any(labels[a] == A for a in self.attackers[s]):
            return R
        if self.into[s] and all(labels[i] == DEAD for i in self.into[s]):
            return R
        if all(labels[a] == R for a in self.attackers[s]) and (
                not self.into[s] or any(labels[i] == APPLICABLE for i in self.into[s])):
            return A
        return U

    def step(self, labels: dict[str, str]) -> dict[str, str]:
        """One whole pass: every node relabelled from the previous pass's labels."""
        new = {i: self.inference(i, labels) for i in self.inferences}
        new.update({s: self.statement(s, labels) for s in self.statements})
        return new


def naive(G: nx.MultiDiGraph, assume=None, require_support: bool = False) -> dict[str, str]:
    """The least fixed point by brute force: whole passes from all-undecided until stable."""
    rules = Rules(G, assume, require_support)
    labels = dict.fromkeys(G, U)
    while (new := rules.step(labels)) != labels:
        labels = new
    return labels


def combined(evaluation) -> dict[str, str]:
    return {**evaluation.labels, **evaluation.inferences}


# -- random graphs -------------------------------------------------------------------

KINDS = ("claim", "counterclaim", "evidence")


@st.composite
def graphs(draw, max_statements: int = 12, inferences: bool = True) -> nx.MultiDiGraph:
    """A random argument graph: self-loops, cycles and duplicate relations allowed."""
    n = draw(st.integers(1, max_statements))
    ids = [f"s{i}" for i in range(n)]
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=n, max_size=n))
    implicit = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    graph = Graph({s: kind for s, kind in zip(ids, kinds)}, implicit=tuple(s for s, i in zip(ids, implicit) if i))
    node = st.sampled_from(ids)
    pairs = st.lists(st.tuples(node, node), max_size=2 * n)
    for source, target in draw(pairs):
        graph.attacks(source, target)
    for source, target in draw(st.lists(st.tuples(node, node), max_size=n)):
        graph.contradicts(source, target)
    if inferences:
        for source, target in draw(pairs):
            graph.supports(source, target)
        linked = st.tuples(st.lists(node, max_size=3, unique=True), st.one_of(st.none(), node))
        for k, (premises, conclusion) in enumerate(draw(st.lists(linked, max_size=n // 2 + 1))):
            graph.argument(f"arg{k}", premises, conclusion)
        made = [i for i, kind in graph.G.nodes(data="kind") if kind == "inference"]
        if made:
            for source, target in draw(st.lists(st.tuples(node, st.sampled_from(made)), max_size=n)):
                graph.undercuts(source, target)
    return graph.G


@st.composite
def cases(draw, max_statements: int = 12):
    """A random graph with, sometimes, assumptions and --require-support."""
    G = draw(graphs(max_statements))
    statements = sorted((n for n, kind in G.nodes(data="kind") if kind != "inference"), key=lambda n: int(n[1:]))
    assume = draw(st.one_of(st.just({}), st.dictionaries(st.sampled_from(statements), st.sampled_from([A, R]),
                                                         max_size=3)))
    return G, assume, draw(st.booleans())


# -- the rules, case by case ---------------------------------------------------------


def test_a_bare_claim_and_evidence_are_given():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": A, "e": A}


def test_support_from_an_accepted_statement_makes_the_conclusion_accepted():
    G = graph_of("""
        claims:
          t: {text: T}
          m: {text: M, supports: t}
        evidence:
          e: {text: E, supports: m}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": A, "m": A, "e": A}
    assert evaluation.inferences == {"m->t": APPLICABLE, "e->m": APPLICABLE}


def test_a_statement_whose_only_support_is_rejected_is_rejected_not_given():
    G = graph_of("""
        claims:
          t: {text: T}
          m: {text: M, supports: t}
        counterclaims:
          c: {text: C, attacks: m}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": R, "m": R, "c": A}
    assert evaluation.inferences == {"m->t": DEAD}


def test_one_applicable_inference_among_dead_ones_is_enough():
    G = graph_of("""
        claims:
          t: {text: T}
          weak: {text: W, supports: t}
          strong: {text: S, supports: t}
        counterclaims:
          c: {text: C, attacks: weak}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels["t"] == A
    assert evaluation.inferences == {"weak->t": DEAD, "strong->t": APPLICABLE}


def test_a_dead_and_an_undecided_inference_leave_the_conclusion_undecided():
    G = Graph("t weak loop1 loop2 c").supports("weak", "t").supports("loop1", "t").attacks("c", "weak")
    G.attacks("loop1", "loop2").attacks("loop2", "loop1")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.inferences == {"weak->t": DEAD, "loop1->t": UNDECIDED}
    assert evaluation.labels["t"] == U


def test_undercut_of_a_supports_relation_kills_the_step_not_the_premise():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E, supports: t}
        counterclaims:
          u: {text: U, undercuts: {from: e, to: t}}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": R, "e": A, "u": A}
    assert evaluation.inferences == {"e->t": DEAD}


def test_a_rejected_undercutter_leaves_the_supports_relation_applicable():
    G = graph_of("""
        claims:
          t: {text: T}
          r: {text: R, attacks: u}
        evidence:
          e: {text: E, supports: t}
        counterclaims:
          u: {text: U, undercuts: {from: e, to: t}}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": A, "r": A, "e": A, "u": R}
    assert evaluation.inferences == {"e->t": APPLICABLE}


def test_an_undecided_undercutter_leaves_the_step_and_its_conclusion_undecided():
    G = Graph("t e u v").supports("e", "t").undercuts("u", "e->t").attacks("u", "v").attacks("v", "u")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.inferences == {"e->t": UNDECIDED}
    assert evaluation.labels == {"t": U, "e": A, "u": U, "v": U}


def test_undercut_of_an_argument_kills_the_argument():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P}
          q: {text: Q}
        counterclaims:
          u: {text: U, undercuts: both}
        arguments:
          both: {premises: [p, q], conclusion: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": R, "p": A, "q": A, "u": A}
    assert evaluation.inferences == {"both": DEAD}


def test_linked_premises_all_accepted_make_the_argument_applicable():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P}
          q: {text: Q}
        arguments:
          both: {premises: [p, q], conclusion: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels["t"] == A
    assert evaluation.inferences == {"both": APPLICABLE}


def test_linked_premises_with_one_rejected_kill_the_argument():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P}
          q: {text: Q}
        counterclaims:
          c: {text: C, attacks: q}
        arguments:
          both: {premises: [p, q], conclusion: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": R, "p": A, "q": R, "c": A}
    assert evaluation.inferences == {"both": DEAD}


def test_convergent_supports_survive_the_loss_of_one_premise():
    """The same premises as separate `supports` relations: one is enough (contrast with the linked case)."""
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P, supports: t}
          q: {text: Q, supports: t}
        counterclaims:
          c: {text: C, attacks: q}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels == {"t": A, "p": A, "q": R, "c": A}
    assert evaluation.inferences == {"p->t": APPLICABLE, "q->t": DEAD}


def test_linked_premises_with_one_undecided_leave_the_argument_undecided():
    G = Graph("t p q x").argument("both", ["p", "q"], "t").attacks("x", "q").attacks("q", "x")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.inferences == {"both": UNDECIDED}
    assert evaluation.labels == {"t": U, "p": A, "q": U, "x": U}


def test_a_contradiction_pair_is_undecided_both_ways():
    G = graph_of("""
        claims:
          t: {text: T, contradicts: s}
          s: {text: S}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": U, "s": U}


@pytest.mark.parametrize("loser", ["t", "s"])
def test_a_contradiction_counts_in_both_directions(loser):
    """Whichever side is defeated from outside, the other side stands: `contradicts` is symmetric."""
    G = graph_of(f"""
        claims:
          t: {{text: T, contradicts: s}}
          s: {{text: S}}
        counterclaims:
          c: {{text: C, attacks: {loser}}}
    """)
    winner = "s" if loser == "t" else "t"
    assert evaluate(ArgumentGraph(G)).labels == {loser: R, winner: A, "c": A}


def test_evidence_contradicting_a_claim_is_not_preferred_to_it():
    """Evidence is given, not privileged: against a contradicting bare claim both stay undecided."""
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E, contradicts: t}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": U, "e": U}


def test_reinstatement():
    """A attacks B attacks C: C is accepted again because its attacker falls."""
    G = graph_of("""
        claims:
          t: {text: C}
          b: {text: B, attacks: t}
          a: {text: A, attacks: b}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": A, "b": R, "a": A}


def test_an_odd_attack_cycle_is_undecided_and_so_is_what_it_attacks():
    G = graph_of("""
        claims:
          t: {text: T}
          a: {text: A, attacks: b}
          b: {text: B, attacks: c}
          c: {text: C, attacks: [a, t]}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": U, "a": U, "b": U, "c": U}


def test_an_even_attack_cycle_of_two_is_undecided():
    G = graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: t}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": U, "b": U}


def test_an_even_attack_cycle_of_four_is_undecided():
    G = graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: c}
          c: {text: C, attacks: d}
          d: {text: D, attacks: t}
    """)
    assert evaluate(ArgumentGraph(G)).labels == dict.fromkeys("tbcd", U)


def test_an_even_attack_cycle_attacked_from_outside_is_decided_all_round():
    G = graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: c}
          c: {text: C, attacks: d}
          d: {text: D, attacks: t}
        evidence:
          x: {text: X, attacks: t}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": R, "b": A, "c": R, "d": A, "x": A}


def test_an_odd_attack_cycle_attacked_from_outside_is_decided_all_round():
    G = Graph("a b c x").attacks("a", "b").attacks("b", "c").attacks("c", "a").attacks("x", "a")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": R, "b": A, "c": R, "x": A}


def test_a_self_attacking_statement_is_undecided_and_so_is_its_target():
    G = Graph("a b").attacks("a", "a").attacks("a", "b")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": U, "b": U}


def test_a_self_attacking_statement_defeated_from_outside_frees_its_target():
    G = Graph("a b x").attacks("a", "a").attacks("a", "b").attacks("x", "a")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": R, "b": A, "x": A}


def test_a_self_contradicting_statement_is_undecided():
    G = Graph("a").contradicts("a", "a")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": U}


def test_circular_support_stays_undecided():
    G = Graph("a b").supports("a", "b").supports("b", "a")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels == {"a": U, "b": U}
    assert evaluation.inferences == {"a->b": U, "b->a": U}


def test_a_statement_supporting_itself_stays_undecided():
    G = Graph("a").supports("a", "a")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels == {"a": U}
    assert evaluation.inferences == {"a->a": U}


def test_circular_support_with_an_independent_way_in_is_accepted():
    G = Graph({"a": "claim", "b": "claim", "e": "evidence"}).supports("a", "b").supports("b", "a").supports("e", "a")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": A, "b": A, "e": A}


def test_circular_support_can_be_broken_by_an_attack():
    G = Graph("a b x").supports("a", "b").supports("b", "a").attacks("x", "a")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels == {"a": R, "b": R, "x": A}
    assert evaluation.inferences == {"a->b": DEAD, "b->a": DEAD}


def test_an_argument_with_no_premises_is_applicable():
    G = Graph("t").argument("from-nothing", [], "t")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.inferences == {"from-nothing": APPLICABLE}
    assert evaluation.labels == {"t": A}


def test_an_argument_with_no_conclusion_still_gets_a_status():
    G = Graph("p x").argument("nowhere", ["p"], None).undercuts("x", "nowhere")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.inferences == {"nowhere": DEAD}
    assert evaluation.labels == {"p": A, "x": A}


# -- --assume ------------------------------------------------------------------------

CHAIN = """
    claims:
      t: {text: T}
      m: {text: M, supports: t}
    evidence:
      e: {text: E, supports: m}
    counterclaims:
      c: {text: C, attacks: m}
      d: {text: D, attacks: c}
"""


def test_the_assume_chain_unassumed():
    """The baseline the assume tests change: d defeats c, so the chain from e stands."""
    assert evaluate(ArgumentGraph(graph_of(CHAIN))).labels == {"t": A, "m": A, "e": A, "c": R, "d": A}


def test_assume_a_claim_rejected():
    evaluation = evaluate(ArgumentGraph(graph_of(CHAIN)), assume={"m": R})
    assert evaluation.labels == {"t": R, "m": R, "e": A, "c": R, "d": A}
    assert evaluation.inferences == {"m->t": DEAD, "e->m": APPLICABLE}


def test_assume_an_attacked_claim_accepted():
    evaluation = evaluate(ArgumentGraph(graph_of(CHAIN)), assume={"d": R, "m": A})
    assert evaluation.labels == {"t": A, "m": A, "e": A, "c": A, "d": R}


def test_assume_rejected_reinstates_what_the_statement_attacked():
    evaluation = evaluate(ArgumentGraph(graph_of(CHAIN)), assume={"d": R})
    assert evaluation.labels == {"t": R, "m": R, "e": A, "c": A, "d": R}


def test_assume_evidence_rejected():
    evaluation = evaluate(ArgumentGraph(graph_of(CHAIN)), assume={"e": R})
    assert evaluation.labels == {"t": R, "m": R, "e": R, "c": R, "d": A}
    assert evaluation.inferences == {"m->t": DEAD, "e->m": DEAD}


def test_assume_attacked_evidence_accepted():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E, supports: t}
        counterclaims:
          c: {text: C, attacks: e}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": R, "e": R, "c": A}
    assert evaluate(ArgumentGraph(G), assume={"e": A}).labels == {"t": A, "e": A, "c": A}


def test_assume_settles_an_attack_cycle():
    G = Graph("a b c").attacks("a", "b").attacks("b", "a").attacks("b", "c")
    assert evaluate(ArgumentGraph(G.G)).labels == {"a": U, "b": U, "c": U}
    assert evaluate(ArgumentGraph(G.G), assume={"a": A}).labels == {"a": A, "b": R, "c": A}


def test_assume_accepted_wins_over_an_accepted_attacker():
    G = Graph("t c").attacks("c", "t")
    evaluation = evaluate(ArgumentGraph(G.G), assume={"t": A})
    assert evaluation.labels == {"t": A, "c": A}
    assert evaluation.assumed == {"t": A}


def test_parse_assume_reads_labels_and_rejects_the_rest():
    G = ArgumentGraph(graph_of(CHAIN))
    assert parse_assume(["m=rejected", "e = Accepted"], G) == {"m": R, "e": A}
    for bad in ["m=maybe", "m", "=accepted", "nobody=accepted", "e->m=accepted", "m=undecided"]:
        with pytest.raises(EvaluationError):
            parse_assume([bad], G)


# -- --require-support ---------------------------------------------------------------


def test_require_support_discounts_bare_claims_and_counterclaims_only():
    G = graph_of("""
        claims:
          t: {text: T}
          bare: {text: B}
          hidden: {text: H, implicit: true}
          backed: {text: K}
        counterclaims:
          c: {text: C, attacks: backed}
        evidence:
          e: {text: E, supports: backed}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": A, "bare": A, "hidden": A, "backed": R, "c": A, "e": A}
    assert evaluate(ArgumentGraph(G), require_support=True).labels == {
        "t": R, "bare": R, "hidden": A, "backed": A, "c": R, "e": A}


def test_require_support_rejects_what_rests_only_on_bare_claims():
    G = graph_of("""
        claims:
          t: {text: T}
          bare: {text: B, supports: t}
    """)
    evaluation = evaluate(ArgumentGraph(G), require_support=True)
    assert evaluation.labels == {"t": R, "bare": R}
    assert evaluation.inferences == {"bare->t": DEAD}


def test_require_support_keeps_a_supported_counterclaim():
    G = graph_of("""
        claims:
          t: {text: T}
        counterclaims:
          c: {text: C, attacks: t}
        evidence:
          e: {text: E, supports: c}
    """)
    assert evaluate(ArgumentGraph(G), require_support=True).labels == {"t": R, "c": A, "e": A}


def test_require_support_gives_way_to_an_assumption():
    G = graph_of("""
        claims:
          t: {text: T}
    """)
    assert evaluate(ArgumentGraph(G), require_support=True).labels == {"t": R}
    assert evaluate(ArgumentGraph(G), assume={"t": A}, require_support=True).labels == {"t": A}


# -- inference statuses and the shape of the result ------------------------------------


def test_inference_ids_are_source_arrow_target_and_argument_ids():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P, supports: [t, q]}
          q: {text: Q}
        counterclaims:
          c: {text: C, attacks: q, undercuts: {from: p, to: q}}
        arguments:
          linked: {premises: [p, q], conclusion: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.inferences == {"p->t": APPLICABLE, "p->q": DEAD, "linked": DEAD}
    assert evaluation.labels == {"t": A, "p": A, "q": R, "c": A}
    assert evaluation.label("linked") == DEAD and evaluation.label("q") == R


def test_labels_cover_every_statement_and_inferences_every_inference():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P, supports: t}
        counterclaims:
          c: {text: C, contradicts: p}
        evidence:
          e: {text: E, supports: [p, c]}
        arguments:
          a1: {premises: [e, p], conclusion: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert set(evaluation.labels) == {"t", "p", "c", "e"}
    assert set(evaluation.inferences) == {"p->t", "e->p", "e->c", "a1"}
    assert set(evaluation.labels.values()) <= {A, R, U}
    assert set(evaluation.inferences.values()) <= {APPLICABLE, DEAD, U}


# -- Carneades 4's example argument graphs (examples/AGs/YAML in carneades/carneades-4) ----


def test_carneades_support_loop():
    """support-loop.yml: P from Q, Q from P; Carneades: both undecided. argmap agrees."""
    G = Graph("P Q").argument("a1", ["Q"], "P").argument("a2", ["P"], "Q")
    assert evaluate(ArgumentGraph(G.G)).labels == {"P": U, "Q": U}


def test_carneades_odd_loop():
    """odd-loop.yml: Q from P, P from R, R from Q; Carneades: all undecided. argmap agrees."""
    G = Graph("P Q R").argument("a1", ["P"], "Q").argument("a2", ["R"], "P").argument("a3", ["Q"], "R")
    assert evaluate(ArgumentGraph(G.G)).labels == {"P": U, "Q": U, "R": U}


def test_carneades_self_defeat():
    """self-defeat.yml: P and not-P are positions of one issue (they contradict), P from not-P,
    not-P from P; Carneades: both undecided. argmap agrees."""
    G = graph_of("""
        claims:
          P: {text: P, contradicts: notP, supports: notP}
          notP: {text: not P, supports: P}
    """, thesis="P")
    assert evaluate(ArgumentGraph(G)).labels == {"P": U, "notP": U}


def test_carneades_independent_support_loop():
    """independent-support-loop.yml: the loop P <-> Q plus P from the assumption R;
    Carneades: P, Q, R in. argmap agrees with R as evidence (given)."""
    G = Graph({"P": "claim", "Q": "claim", "R": "evidence"})
    G.argument("a1", ["Q"], "P").argument("a2", ["P"], "Q").argument("a3", ["R"], "P")
    assert evaluate(ArgumentGraph(G.G)).labels == {"P": A, "Q": A, "R": A}


def test_carneades_unsupported():
    """unsupported.yml: one statement, not an assumption, no argument; Carneades: out.
    argmap differs on purpose: a bare claim is given until attacked. Under
    --require-support (Carneades' burden of proof) argmap agrees: rejected."""
    G = graph_of("""
        claims:
          t: {text: P}
    """)
    assert evaluate(ArgumentGraph(G)).labels == {"t": A}
    assert evaluate(ArgumentGraph(G), require_support=True).labels == {"t": R}


def test_carneades_unsupported2():
    """unsupported2.yml: an undercut argument concludes nothing even when its premise is
    undecided; Carneades: p, np undecided, the undercutter in, q out. argmap agrees."""
    G = Graph({"p": "claim", "np": "claim", "q": "claim", "napp": "evidence"})
    G.contradicts("p", "np").argument("a1", ["p"], "q").undercuts("napp", "a1")
    G.argument("a2", ["p"], "np").argument("a3", ["np"], "p")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels == {"p": U, "np": U, "q": R, "napp": A}
    assert evaluation.inferences["a1"] == DEAD


# -- properties: the naive oracle ----------------------------------------------------


@PROPERTY
@given(cases())
def test_evaluate_agrees_with_the_naive_fixed_point(case):
    G, assume, require_support = case
    evaluation = evaluate(ArgumentGraph(G), assume=assume, require_support=require_support)
    assert combined(evaluation) == naive(G, assume, require_support)


@PROPERTY
@given(cases())
def test_evaluate_returns_a_fixed_point_of_the_rules(case):
    G, assume, require_support = case
    labels = combined(evaluate(ArgumentGraph(G), assume=assume, require_support=require_support))
    assert Rules(G, assume, require_support).step(labels) == labels


@PROPERTY
@given(graphs(), st.booleans())
def test_the_accepted_set_is_conflict_free(G, require_support):
    evaluation = evaluate(ArgumentGraph(G), require_support=require_support)
    accepted = {s for s, label in evaluation.labels.items() if label == A}
    attackers = Rules(G).attackers
    assert not [(a, s) for s in accepted for a in attackers[s] if a in accepted]


def test_the_naive_oracle_can_tell_labellings_apart():
    """The oracle is not trivially equal to anything: it separates the cases above."""
    G = Graph("a b c").attacks("a", "b").attacks("b", "c")
    assert naive(G.G) == {"a": A, "b": R, "c": A}
    assert naive(Graph("a b").supports("a", "b").supports("b", "a").G) == {"a": U, "b": U, "a->b": U, "b->a": U}


# -- properties: Dung's grounded extension ----------------------------------------------


def grounded_extension(G: nx.MultiDiGraph) -> set[str]:
    """The least fixed point of F(S) = {a : every attacker of a is attacked by S}, from the empty set."""
    attackers = Rules(G).attackers
    S: set[str] = set()
    while True:
        defended = {a for a in attackers if all(attackers[b] & S for b in attackers[a])}
        if defended == S:
            return S
        S = defended


def py_arg_grounded_extension(G: nx.MultiDiGraph) -> set[str]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    arguments = {s: Argument(s) for s in G}
    defeats = {(u, v) for u, v, k in G.edges(keys=True) if k == ATTACK}
    defeats |= {pair for u, v, k in G.edges(keys=True) if k == CONTRADICT for pair in ((u, v), (v, u))}
    framework = AbstractArgumentationFramework(
        "random", list(arguments.values()), [Defeat(arguments[u], arguments[v]) for u, v in sorted(defeats)])
    return {argument.name for argument in get_grounded_extension(framework)}


def grounded_labels(G: nx.MultiDiGraph, extension: set[str]) -> dict[str, str]:
    attackers = Rules(G).attackers
    return {s: A if s in extension else R if attackers[s] & extension else U for s in attackers}


@PROPERTY
@given(graphs(inferences=False))
def test_without_supports_evaluate_is_dungs_grounded_labelling(G):
    assert evaluate(ArgumentGraph(G)).labels == grounded_labels(G, grounded_extension(G))


@PROPERTY
@given(graphs(inferences=False))
def test_without_supports_evaluate_agrees_with_python_argumentation(G):
    accepted = {s for s, label in evaluate(ArgumentGraph(G)).labels.items() if label == A}
    assert accepted == py_arg_grounded_extension(G)


def test_grounded_oracles_agree_on_reinstatement_and_cycles():
    G = Graph("a b c d e").attacks("a", "b").attacks("b", "c").attacks("d", "e").attacks("e", "d")
    assert grounded_extension(G.G) == py_arg_grounded_extension(G.G) == {"a", "c"}


# -- cruxes --------------------------------------------------------------------------


def test_every_link_of_a_1000_link_support_chain_is_a_crux():
    n = 1000
    chain = ["e"] + [f"c{i}" for i in range(1, n)] + ["t"]
    G = Graph({s: "evidence" if s == "e" else "claim" for s in chain})
    for source, target in zip(chain, chain[1:]):
        G.supports(source, target)
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels["t"] == A
    found = cruxes("t", evaluation)
    assert found == sorted((Crux((s,), R) for s in chain[:-1]), key=lambda crux: crux.ids)


def test_two_independent_supports_leave_no_crux():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e1: {text: E1, supports: t}
          e2: {text: E2, supports: t}
    """)
    assert cruxes("t", evaluate(ArgumentGraph(G))) == []


def test_both_premises_of_a_linked_argument_are_cruxes():
    G = graph_of("""
        claims:
          t: {text: T}
          p: {text: P}
          q: {text: Q}
          other: {text: O}
        arguments:
          both: {premises: [p, q], conclusion: t}
    """)
    assert cruxes("t", evaluate(ArgumentGraph(G))) == [Crux(("p",), R), Crux(("q",), R)]


def test_a_rejected_defender_can_leave_the_thesis_undecided():
    """Losing the statement that breaks a cycle reopens it: the thesis becomes undecided."""
    G = Graph("t a b x").attacks("a", "t").attacks("a", "b").attacks("b", "a").attacks("x", "a")
    evaluation = evaluate(ArgumentGraph(G.G))
    assert evaluation.labels == {"t": A, "a": R, "b": A, "x": A}
    assert cruxes("t", evaluation) == [Crux(("x",), U)]


def test_a_thesis_that_is_not_accepted_lists_what_would_flip_it():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E, supports: t}
        counterclaims:
          c: {text: C, attacks: t}
    """)
    evaluation = evaluate(ArgumentGraph(G))
    assert evaluation.labels["t"] == R
    assert cruxes("t", evaluation) == [Crux(("c",), A)]


def test_cruxes_on_top_of_an_assumption():
    G = graph_of("""
        claims:
          t: {text: T}
        evidence:
          e1: {text: E1, supports: t}
          e2: {text: E2, supports: t}
    """)
    assert cruxes("t", evaluate(ArgumentGraph(G))) == []
    assert cruxes("t", evaluate(ArgumentGraph(G), assume={"e2": R})) == [Crux(("e1",), R)]


def test_cruxes_under_require_support():
    G = graph_of("""
        claims:
          t: {text: T}
          bare: {text: B, attacks: c}
        counterclaims:
          c: {text: C, attacks: t}
        evidence:
          e: {text: E, supports: t}
    """)
    assert cruxes("t", evaluate(ArgumentGraph(G))) == [Crux(("bare",), R), Crux(("e",), R)]
    assert cruxes("t", evaluate(ArgumentGraph(G), require_support=True)) == [Crux(("e",), R)]


def naive_cruxes(G, thesis, assume, require_support, size: int = 1) -> list[Crux]:
    """Relabel the whole graph once per set of at most ``size`` statements, all assumed rejected; keep the
    inclusion-minimal sets that change an accepted thesis, or make a thesis that is not accepted accepted. A
    statement the user assumes, or one already rejected, is never a candidate."""
    from itertools import combinations

    start = naive(G, assume, require_support)
    candidates = sorted(n for n, kind in G.nodes(data="kind")
                        if kind != "inference" and n != thesis and n not in assume and start[n] != R)
    found: list[Crux] = []
    for k in range(1, size + 1):
        for combo in combinations(candidates, k):
            if any(set(crux.ids) <= set(combo) for crux in found):
                continue
            label = naive(G, {**assume, **dict.fromkeys(combo, R)}, require_support)[thesis]
            if (label != A) if start[thesis] == A else (label == A):
                found.append(Crux(combo, label))
    return found


@PROPERTY
@given(cases(max_statements=10), st.data())
def test_cruxes_agree_with_relabelling_the_whole_graph(case, data):
    G, assume, require_support = case
    thesis = data.draw(st.sampled_from(sorted(n for n, kind in G.nodes(data="kind") if kind != "inference")))
    evaluation = evaluate(ArgumentGraph(G), assume=assume, require_support=require_support)
    assert cruxes(thesis, evaluation) == naive_cruxes(G, thesis, assume, require_support)


@PROPERTY
@given(cases(max_statements=7), st.integers(2, 3), st.data())
def test_cruxes_of_every_size_agree_with_relabelling_the_whole_graph(case, size, data):
    G, assume, require_support = case
    thesis = data.draw(st.sampled_from(sorted(n for n, kind in G.nodes(data="kind") if kind != "inference")))
    evaluation = evaluate(ArgumentGraph(G), assume=assume, require_support=require_support)
    assert cruxes(thesis, evaluation, size=size) == naive_cruxes(G, thesis, assume, require_support, size)


def generated_map_with_an_accepted_thesis(statements: int):
    """A bench/generate.py map (attack cycles, linked arguments, undercuts) whose thesis stands."""
    import sys

    from argmap.context import MapContext
    from conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate_map

    for seed in range(1, 40):
        context = MapContext(load_bytes(generate_map(statements, seed=seed).encode(), "m.yaml").model)
        if context.evaluation.labels[context.thesis] == A:
            return context
    raise AssertionError("no generated map with an accepted thesis")


def test_cruxes_of_a_generated_map_agree_with_evaluating_once_per_candidate():
    context = generated_map_with_an_accepted_thesis(300)
    graph, thesis, evaluation = context.graph, context.thesis, context.evaluation
    expected = []
    for statement in sorted(context.model.statements, key=lambda s: context.model.statements[s].order):
        if statement != thesis:
            label = evaluate(graph, assume={statement: R}).labels[thesis]
            if label != A:
                expected.append(Crux((statement,), label))
    assert expected, "the generated map should have cruxes to find"
    assert cruxes(thesis, evaluation) == sorted(expected, key=lambda crux: crux.ids)


def test_a_crux_search_that_runs_out_of_budget_says_how_far_it_got():
    from argmap.evaluate import _distances, crux_search

    context = generated_map_with_an_accepted_thesis(300)
    full = crux_search(context.thesis, context.evaluation)
    assert full.complete and full.tried == full.candidates > 50
    part = crux_search(context.thesis, context.evaluation, budget=200)
    assert not part.complete and 0 < part.tried < part.candidates == full.candidates
    graph, labels, thesis = context.graph, context.evaluation.labels, context.thesis
    distance = _distances(thesis, graph.dependencies)
    label_of = context.evaluation.label
    decided = _distances(thesis, lambda node: graph.dependencies(node) if label_of(node) != U else ())
    nearest_first = [node for node in sorted(distance, key=lambda node: (distance[node], graph.order(node)))
                     if node != thesis and graph.is_statement(node) and labels[node] == A and node in decided]
    tried = set(nearest_first[:part.tried])
    assert part.cruxes == [crux for crux in full.cruxes if crux.ids[0] in tried]  # what it tried, it got right
