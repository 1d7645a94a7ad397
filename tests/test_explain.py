"""Explanations: why a statement has its label, as a chain down to given or assumed statements."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import networkx as nx
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import examples
from argmap.evaluate import ACCEPTED, ASSUMED, DISCOUNTED, GIVEN, REJECTED, UNDECIDED, evaluate
from argmap.explain import MAX_STEPS, explain, first_reason, undecided_cycle
from argmap.graph import ATTACK, CONCLUSION, PREMISE, ArgumentGraph, build_graph
from argmap.loader import load_bytes
from test_evaluate import cases

REPO = Path(__file__).resolve().parents[1]
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"


def graph_of(body: str, thesis: str = "t") -> ArgumentGraph:
    text = f"argmap: 1\ntitle: A test map\nthesis: {thesis}\n" + textwrap.dedent(body)
    loaded = load_bytes(text.encode(), "test.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return ArgumentGraph.of(loaded.model)


def named(reason: str) -> list[str]:
    """The ids a reason names, in backticks."""
    return re.findall(r"`([^`]+)`", reason)


def assert_ends_at_given_or_assumed(evaluation, steps) -> None:
    """Every reason a step rests on is explained by a later step, no reason rests on itself,
    and the chain bottoms out in statements that are given, assumed, or discounted by
    --require-support (the steps that rest on nothing)."""
    explained = {step.id for step in steps}
    listing = "\n".join(f"{s.id} {s.label}: {s.reason} -> {s.next}" for s in steps)
    assert len(explained) == len(steps), listing
    for step in steps:
        assert set(step.next) <= explained, f"`{step.id}` rests on unexplained {step.next}\n{listing}"
        assert step.label == evaluation.labels[step.id], listing
        if not step.next:
            assert evaluation.basis(step.id) in (GIVEN, ASSUMED, DISCOUNTED), f"`{step.id}` ends the chain\n{listing}"
    assert any(not step.next for step in steps), listing
    rests_on = nx.DiGraph([(step.id, nxt) for step in steps for nxt in step.next])
    assert nx.is_directed_acyclic_graph(rests_on), f"the reasons go round in a circle\n{listing}"


REPLY = """
    claims:
      t: {text: The thesis}
      reply: {text: A reply, attacks: weak}
    counterclaims:
      weak: {text: A weak objection, attacks: t}
      strong: {text: A strong objection, attacks: t}
"""


def test_a_rejected_statement_names_its_accepted_attacker():
    evaluation = evaluate(graph_of(REPLY))
    steps = explain(evaluation, "t")
    assert (steps[0].id, steps[0].label) == ("t", REJECTED)
    assert "strong" in named(steps[0].reason) and "weak" not in named(steps[0].reason), steps[0].reason
    assert steps[0].next == ("strong",)
    assert [(s.id, s.label) for s in steps[1:]] == [("strong", ACCEPTED)]
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_first_reason_is_the_first_step_in_one_sentence():
    evaluation = evaluate(graph_of(REPLY))
    reason = first_reason(evaluation, "t")
    assert reason.startswith("rejected: ") and "`strong`" in reason, reason


def test_a_rejected_statement_is_explained_by_the_attacker_that_defeats_it_not_by_one_it_defeats():
    """`b` and `t` attack each other and `c` settles it: `t` is rejected because of `c`.

    Naming `b` instead ("attacked by `b`, which is accepted", and `b` is accepted
    because `t` is rejected) is circular: the chain never reaches a given statement.
    """
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: t}
        counterclaims:
          c: {text: C, attacks: t}
    """))
    assert evaluation.labels == {"t": REJECTED, "b": ACCEPTED, "c": ACCEPTED}
    steps = explain(evaluation, "t")
    assert steps[0].next == ("c",), steps[0].reason
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_a_dead_argument_is_explained_by_the_premise_that_fell_first():
    """`q` falls to `x`, which kills `both` and rejects `t`; only then does `a` (attacked
    only by `t`) stand and reject `p`. Blaming `p` goes round in a circle back to `t`."""
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T, attacks: a}
          p: {text: P}
          q: {text: Q}
        counterclaims:
          a: {text: A, attacks: p}
          x: {text: X, attacks: q}
        arguments:
          both: {premises: [p, q], conclusion: t}
    """))
    assert evaluation.labels == {"t": REJECTED, "p": REJECTED, "q": REJECTED, "a": ACCEPTED, "x": ACCEPTED}
    steps = explain(evaluation, "t")
    assert steps[0].next == ("q",), steps[0].reason
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_a_statement_whose_support_died_first_is_not_blamed_on_the_attacker_it_freed():
    """`x` rejects `m`, so `b`'s only support dies and `b` is rejected; only then is `t`
    (attacked only by `b`) accepted. `b` is also attacked by `t`, but blaming `t` is
    circular: `t` stands only because `b` fell."""
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: t}
          m: {text: M, supports: b}
        counterclaims:
          x: {text: X, attacks: m}
    """))
    assert evaluation.labels == {"t": ACCEPTED, "b": REJECTED, "m": REJECTED, "x": ACCEPTED}
    steps = explain(evaluation, "t")
    assert [s.id for s in steps] == ["t", "b", "m", "x"], [(s.id, s.reason) for s in steps]
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_a_rejected_statement_whose_support_died_names_the_rejected_premise():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
          m: {text: M, supports: t}
        counterclaims:
          c: {text: C, attacks: m}
    """))
    steps = explain(evaluation, "t")
    assert steps[0].label == REJECTED and "m" in named(steps[0].reason), steps[0].reason
    assert [s.id for s in steps] == ["t", "m", "c"]
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_an_undercut_step_names_the_undercutter():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
        evidence:
          e: {text: E, supports: t}
        counterclaims:
          u: {text: U, undercuts: {from: e, to: t}}
    """))
    steps = explain(evaluation, "t")
    assert steps[0].label == REJECTED and "u" in named(steps[0].reason), steps[0].reason
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_an_accepted_statement_rests_on_its_support_and_its_defeated_attackers():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
          m: {text: M, supports: t}
        counterclaims:
          c: {text: C, attacks: t}
        evidence:
          e: {text: E, supports: m, attacks: c}
    """))
    steps = explain(evaluation, "t")
    assert steps[0].label == ACCEPTED
    assert set(steps[0].next) == {"m", "c"}
    assert [s.id for s in steps] == ["t", "m", "c", "e"]
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_the_chain_ends_at_an_assumed_statement():
    G = graph_of("""
        claims:
          t: {text: T}
          m: {text: M, supports: t}
        evidence:
          e: {text: E, supports: m}
    """)
    evaluation = evaluate(G, assume={"m": REJECTED})
    steps = explain(evaluation, "t")
    assert [s.id for s in steps] == ["t", "m"]
    assert steps[-1].next == () and "assume" in steps[-1].reason, steps[-1].reason
    assert_ends_at_given_or_assumed(evaluation, steps)


def test_an_undecided_statement_downstream_of_an_attack_cycle_names_the_cycle():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
          a: {text: A, attacks: b}
          b: {text: B, attacks: c}
          c: {text: C, attacks: [a, d]}
          d: {text: D, supports: t}
    """))
    assert evaluation.labels == dict.fromkeys("tabcd", UNDECIDED)
    steps = explain(evaluation, "t")
    assert steps[0].label == UNDECIDED
    assert {"a", "b", "c"} <= set(named(steps[0].reason)), steps[0].reason
    assert "cycle" in steps[0].reason
    cycle = undecided_cycle(evaluation, "t")
    assert cycle[0] == cycle[-1] and {"a", "b", "c"} <= set(cycle) and "t" not in cycle[1:-1], cycle


def test_an_undecided_statement_on_a_cycle_names_the_other_member():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T, attacks: b}
          b: {text: B, attacks: t}
    """))
    reason = explain(evaluation, "t")[0].reason
    assert "b" in named(reason) and "cycle" in reason, reason


def test_undecided_cycle_follows_circular_support():
    G = nx.MultiDiGraph()
    for node in ("a", "b", "t"):
        G.add_node(node, kind="claim", order=len(G))
    for source, target in (("a", "b"), ("b", "a"), ("b", "t")):
        G.add_node(f"{source}->{target}", kind="inference", form="support", order=len(G))
        G.add_edge(source, f"{source}->{target}", key=PREMISE)
        G.add_edge(f"{source}->{target}", target, key=CONCLUSION)
    evaluation = evaluate(ArgumentGraph(G))
    cycle = undecided_cycle(evaluation, "t")
    assert cycle[0] == cycle[-1] and {"a", "b"} <= set(cycle), cycle
    reason = explain(evaluation, "t")[0].reason
    assert {"a", "b"} <= set(named(reason)), reason


def test_a_self_attack_is_named_as_the_cycle():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="claim", order=0)
    G.add_node("t", kind="claim", order=1)
    G.add_edge("a", "a", key=ATTACK)
    G.add_edge("a", "t", key=ATTACK)
    evaluation = evaluate(ArgumentGraph(G))
    assert undecided_cycle(evaluation, "t") == ["a", "a"]
    assert "a" in named(explain(evaluation, "t")[0].reason)


def test_a_discounted_claim_ends_the_chain_under_require_support():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
          bare: {text: B, supports: t}
    """), require_support=True)
    steps = explain(evaluation, "t")
    assert [(s.id, s.label) for s in steps] == [("t", REJECTED), ("bare", REJECTED)]
    assert steps[1].next == () and "require-support" in steps[1].reason, steps[1].reason


def test_the_flagship_thesis_is_explained_down_to_given_statements():
    loaded = load_bytes(FLAGSHIP.read_bytes(), str(FLAGSHIP), FLAGSHIP.parent)
    assert loaded.model is not None and not loaded.issues, loaded.issues
    G = build_graph(loaded.model)
    thesis = loaded.model.thesis.id
    evaluation = evaluate(ArgumentGraph(G))
    steps = explain(evaluation, thesis)
    assert steps[0].id == thesis and steps[0].label == evaluation.labels[thesis]
    assert steps[0].depth == 0 and all(s.depth >= 1 for s in steps[1:])
    assert_ends_at_given_or_assumed(evaluation, steps)
    assert any(evaluation.basis(s.id) == GIVEN for s in steps)


# -- a property: every explanation is a closed chain -------------------------------------


@st.composite
def attack_support_maps(draw):
    """Random acyclic-in-support maps (the kind `argmap check` accepts), with attacks anywhere."""
    n = draw(st.integers(1, 9))
    ids = [f"s{i}" for i in range(n)]
    lines = ["claims:"]
    for i, s in enumerate(ids):
        targets = draw(st.lists(st.sampled_from(ids[i + 1:]), unique=True, max_size=2)) if i + 1 < n else []
        attacked = draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
        attacked = [a for a in attacked if a != s]
        lines.append(f"  {s}: {{text: {s}, supports: {targets}, attacks: {attacked}}}")
    return "\n".join(lines) + "\n", ids


@settings(max_examples=examples(100), deadline=None)
@given(attack_support_maps(), st.data())
def test_every_explanation_is_a_closed_chain(case, data):
    body, ids = case
    evaluation = evaluate(graph_of(body, thesis=ids[0]))
    statement = data.draw(st.sampled_from(ids))
    steps = explain(evaluation, statement)
    assert steps[0].id == statement
    for step in steps:
        assert step.label == evaluation.labels[step.id]
        assert set(step.next) <= set(named(step.reason)), step
    if steps[0].label == UNDECIDED:
        assert named(steps[0].reason) and "cycle" in steps[0].reason, steps[0]
    elif len(steps) < MAX_STEPS:
        assert_ends_at_given_or_assumed(evaluation, steps)
    else:
        rests_on = nx.DiGraph([(step.id, nxt) for step in steps for nxt in step.next])
        assert nx.is_directed_acyclic_graph(rests_on), steps


@settings(max_examples=examples(200), deadline=None)
@given(cases(), st.data())
def test_every_explanation_on_any_graph_is_well_founded(case, data):
    """Random graphs with self-attack, circular support, undercuts and assumptions."""
    G, assumed, require_support = case
    assume(all(any(k == PREMISE for _, _, k in G.in_edges(i, keys=True))
               for i, kind in G.nodes(data="kind") if kind == "inference"))
    evaluation = evaluate(ArgumentGraph(G), assume=assumed, require_support=require_support)
    statement = data.draw(st.sampled_from(sorted(evaluation.labels)))
    steps = explain(evaluation, statement)
    assert steps[0].id == statement
    if steps[0].label == UNDECIDED:
        cycle = undecided_cycle(evaluation, statement)
        assert cycle[0] == cycle[-1], cycle
        assert all(evaluation.label(node) == UNDECIDED for node in cycle), cycle
    elif len(steps) < MAX_STEPS:
        assert_ends_at_given_or_assumed(evaluation, steps)
    else:
        rests_on = nx.DiGraph([(step.id, nxt) for step in steps for nxt in step.next])
        assert nx.is_directed_acyclic_graph(rests_on), steps


def test_an_undecided_statement_names_the_shortest_cycle_through_it():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T, attacks: a, contradicts: y}
          a: {text: A, attacks: b}
          b: {text: B, attacks: c}
          c: {text: C, attacks: t}
          y: {text: Y}
    """))
    assert evaluation.labels["t"] == UNDECIDED
    assert undecided_cycle(evaluation, "t") == ["t", "y", "t"]  # not the four-step ring through a, b, c


def test_a_claim_sunk_by_its_failed_reason_says_it_would_stand_bare():
    evaluation = evaluate(graph_of("""
        claims:
          t: {text: T}
          r: {text: R, supports: t}
          k: {text: K, attacks: r}
    """))
    assert evaluation.labels["t"] == REJECTED
    reason = explain(evaluation, "t")[0].reason
    assert "as a bare claim, with no reason given, it would stand" in reason, reason
    attacked = evaluate(graph_of("""
        claims:
          t: {text: T}
          r: {text: R, supports: t}
          k: {text: K, attacks: [r, t]}
    """))
    assert "as a bare claim" not in explain(attacked, "t")[0].reason  # attacked too: it would not stand bare
