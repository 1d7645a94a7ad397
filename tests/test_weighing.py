"""Weights and "even if" answers in the grounded labelling (issue 13, items 1 to 3 and 8).

The oracle is written from the rules as ``docs/evaluation.md`` states them, without
the defeat graph: a whole-pass fixed point over *defeats*, each attack of A on B
turned round when A is lighter, and killed while an undercutter of it is accepted.
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
    EvaluationError,
    evaluate,
    parse_assume,
)
from argmap.explain import explain
from argmap.graph import ATTACK, CONCLUSION, CONTRADICT, PREMISE, UNDERCUT, ArgumentGraph, attack_id, build_graph
from argmap.loader import load_bytes
from conftest import examples
from test_evaluate import Graph, graphs

A, R, U = ACCEPTED, REJECTED, UNDECIDED
PROPERTY = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def graph_of(body: str, thesis: str = "t") -> ArgumentGraph:
    text = f"argmap: 1\ntitle: A test map\nthesis: {thesis}\n" + textwrap.dedent(body)
    loaded = load_bytes(text.encode(), "test.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return ArgumentGraph(build_graph(loaded.model))


def labels_of(body: str, **options) -> dict[str, str]:
    return evaluate(graph_of(body), **options).statement_labels


# -- the oracle ----------------------------------------------------------------------


def reference(G: nx.MultiDiGraph, assume=None) -> dict[str, str]:
    """Labels of statements and inferences by whole passes over defeats, from all-undecided."""
    assume = dict(assume or {})
    kind = dict(G.nodes(data="kind"))
    weight = {n: G.nodes[n].get("weight", 0.5) for n in G}
    statements = [n for n, k in kind.items() if k not in ("inference", "junction")]
    inferences = [n for n, k in kind.items() if k == "inference"]
    edges = list(G.edges(keys=True))
    attacks = {(u, v) for u, v, k in edges if k == ATTACK}
    attacks |= {(u, v) for u, v, k in edges if k == CONTRADICT} | {(v, u) for u, v, k in edges if k == CONTRADICT}
    defeats = []  # (defeater, defeated, the attack's undercutters)
    for u, v in attacks:
        undercutters = {x for x, y, k in edges if k == UNDERCUT and y == attack_id(u, v)}
        defeats.append((u, v, undercutters) if weight[u] >= weight[v] else (v, u, undercutters))
    into = {s: [u for u, v, k in edges if v == s and k == CONCLUSION] for s in statements}
    premises = {i: [u for u, v, k in edges if v == i and k == PREMISE] for i in inferences}
    undercutters = {i: [u for u, v, k in edges if v == i and k == UNDERCUT] for i in inferences}
    labels = dict.fromkeys(statements + inferences, U)

    def defeat_holds(d, us, labels):  # A, R (dead) or U
        if labels[d] == R or any(labels[x] == A for x in us):
            return R
        if labels[d] == A and all(labels[x] == R for x in us):
            return A
        return U

    while True:
        new = {}
        for i in inferences:
            if i in assume:
                new[i] = assume[i]
            elif any(labels[p] == R for p in premises[i]) or any(labels[x] == A for x in undercutters[i]):
                new[i] = DEAD
            elif all(labels[p] == A for p in premises[i]) and all(labels[x] == R for x in undercutters[i]):
                new[i] = APPLICABLE
            else:
                new[i] = U
        for s in statements:
            against = [defeat_holds(d, us, labels) for d, t, us in defeats if t == s]
            if s in assume:
                new[s] = assume[s]
            elif A in against or (into[s] and all(labels[i] == DEAD for i in into[s])):
                new[s] = R
            elif all(h == R for h in against) and (not into[s] or any(labels[i] == APPLICABLE for i in into[s])):
                new[s] = A
            else:
                new[s] = U
        if new == labels:
            return labels
        labels = new


@st.composite
def weighed_graphs(draw, max_statements: int = 10) -> nx.MultiDiGraph:
    """A random graph of every relation kind, with random weights and undercuts of attacks."""
    G = draw(graphs(max_statements))
    statements = [n for n, k in G.nodes(data="kind") if k != "inference"]
    for node in statements:
        G.nodes[node]["weight"] = draw(st.sampled_from([0.0, 0.2, 0.5, 0.5, 0.8, 1.0]))
    attacks = sorted({(u, v) for u, v, k in G.edges(keys=True) if k == ATTACK}
                     | {(u, v) for u, v, k in G.edges(keys=True) if k == CONTRADICT}
                     | {(v, u) for u, v, k in G.edges(keys=True) if k == CONTRADICT})
    if attacks:
        for source, (u, v) in draw(st.lists(st.tuples(st.sampled_from(statements), st.sampled_from(attacks)),
                                            max_size=4)):
            junction = attack_id(u, v)
            if junction not in G:
                G.add_node(junction, kind="junction", form=ATTACK, source=u, target=v, order=len(G))
                G.add_edge(u, junction, key="attacker")
                G.add_edge(junction, v, key="attacked")
            G.add_edge(source, junction, key=UNDERCUT)
    return G


@PROPERTY
@given(weighed_graphs())
def test_weights_and_undercut_attacks_agree_with_the_reference(G):
    evaluation = evaluate(ArgumentGraph(G))
    expected = reference(G)
    got = {**evaluation.statement_labels, **{i: s for i, s in evaluation.inferences.items() if "~>" not in i}}
    assert got == expected


@PROPERTY
@given(weighed_graphs(), st.data())
def test_assumed_statements_and_relations_agree_with_the_reference(G, data):
    statements = [n for n, k in G.nodes(data="kind") if k not in ("inference", "junction")]
    inferences = [n for n, k in G.nodes(data="kind") if k == "inference"]
    assume = data.draw(st.dictionaries(st.sampled_from(statements), st.sampled_from([A, R]), max_size=2))
    if inferences:
        assume.update(data.draw(st.dictionaries(st.sampled_from(inferences), st.sampled_from([APPLICABLE, DEAD]),
                                                max_size=2)))
    evaluation = evaluate(ArgumentGraph(G), assume=assume)
    expected = reference(G, assume)
    got = {**evaluation.statement_labels, **{i: s for i, s in evaluation.inferences.items() if "~>" not in i}}
    assert got == expected


@PROPERTY
@given(graphs(8))
def test_equal_weights_change_nothing(G):
    before = evaluate(ArgumentGraph(G))
    for node, kind in G.nodes(data="kind"):
        if kind != "inference":
            G.nodes[node]["weight"] = 0.7
    after = evaluate(ArgumentGraph(G))
    assert after.labels == before.labels and after.inferences == before.inferences
    assert not after.derived  # nothing to weigh: the argument graph itself is labelled


# -- the rules, case by case ---------------------------------------------------------


def test_a_light_bare_assertion_does_not_flip_a_supported_thesis():
    body = """\
    claims:
      t: {text: Lower the voting age}
      a: {text: They pay taxes, supports: t}
    counterclaims:
      q: {text: A bare assertion, attacks: t, weight: 0.2}
    """
    assert labels_of(body.replace(", weight: 0.2", "")) == {"t": R, "a": A, "q": A}  # unweighed: one objection wins
    assert labels_of(body) == {"t": A, "a": A, "q": R}  # lighter: the attack turns back on it


def test_an_attacker_of_equal_weight_defeats():
    assert labels_of("""\
    claims:
      t: {text: T, weight: 0.6}
    counterclaims:
      c: {text: C, attacks: t, weight: 0.6}
    """) == {"t": R, "c": A}


def test_weights_settle_a_contradiction():
    body = """\
    claims:
      t: {text: Tweety flies, weight: W1}
    counterclaims:
      p: {text: Tweety is a penguin and does not fly, contradicts: t, weight: W2}
    """
    assert labels_of(body.replace("W1", "0.5").replace("W2", "0.5")) == {"t": U, "p": U}  # Tweety without weights
    assert labels_of(body.replace("W1", "0.4").replace("W2", "0.9")) == {"t": R, "p": A}
    assert labels_of(body.replace("W1", "0.9").replace("W2", "0.4")) == {"t": A, "p": R}


def test_an_even_if_answer_stops_the_attack_and_keeps_the_attacker():
    body = """\
    claims:
      t: {text: Lower the voting age}
    counterclaims:
      p: {text: Parents influence how teenagers vote, attacks: t}
      e: {text: "Even if true, parents influence adults too", undercuts: {from: p, to: t}}
    """
    evaluation = evaluate(graph_of(body))
    assert evaluation.statement_labels == {"t": A, "p": A, "e": A}
    assert evaluation.inferences == {"p~>t": DEAD}
    steps = explain(evaluation, "t")
    assert "`p~>t`" in steps[0].reason and "hidden" not in steps[0].reason
    assert all(not step.id.endswith("!") for step in steps)


def test_an_undecided_undercutter_leaves_the_target_at_most_undecided():
    assert labels_of("""\
    claims:
      t: {text: T}
    counterclaims:
      p: {text: P, attacks: t}
      e: {text: E, undercuts: {from: p, to: t}, contradicts: f}
      f: {text: F}
    """) == {"t": U, "p": A, "e": U, "f": U}


def test_undercutting_a_contradiction_undercuts_the_direction_it_names():
    labels = labels_of("""\
    claims:
      t: {text: T, contradicts: c}
    counterclaims:
      c: {text: C}
      e: {text: E, undercuts: {from: c, to: t}}
    """)
    assert labels == {"t": A, "c": R, "e": A}  # c's attack on t is stopped; t's on c stands


def test_an_undercut_always_succeeds_whatever_the_weights():
    assert labels_of("""\
    claims:
      t: {text: T, weight: 0.1}
    counterclaims:
      p: {text: P, attacks: t, weight: 1}
      e: {text: E, undercuts: {from: p, to: t}, weight: 0}
    """) == {"t": A, "p": A, "e": A}


def test_a_reversed_attack_is_explained_in_words():
    evaluation = evaluate(graph_of("""\
    claims:
      t: {text: T, weight: 0.8}
    counterclaims:
      q: {text: Q, attacks: t, weight: 0.3}
    """))
    assert evaluation.statement_labels == {"t": A, "q": R}
    (step,) = explain(evaluation, "q")[:1]
    assert "turns back on it" in step.reason and "0.8 against 0.3" in step.reason
    assert "weighs less (0.3 against 0.8)" in explain(evaluation, "t")[0].reason


# -- assumptions of relations ---------------------------------------------------------


def test_an_attack_assumed_dead_defeats_nothing():
    graph = graph_of("""\
    claims:
      t: {text: T}
    counterclaims:
      c: {text: C, attacks: t}
    """)
    assumed = parse_assume(["c:t=dead"], graph)
    assert assumed == {"c~>t": DEAD}
    evaluation = evaluate(graph, assume=assumed)
    assert evaluation.statement_labels == {"t": A, "c": A}
    assert explain(evaluation, "t")[1].reason == "you assumed it dead (--assume)"


@pytest.mark.parametrize(("value", "message"), [
    ("t=dead", "a statement is assumed `accepted` or `rejected`"),
    ("c:t=accepted", "a relation or an argument is assumed `applicable` or `dead`"),
    ("t:c=dead", "is not a statement, argument or relation of this map"),
    ("c:t=dead", None),
])
def test_parse_assume_checks_what_each_kind_may_be(value, message):
    graph = graph_of("""\
    claims:
      t: {text: T}
    counterclaims:
      c: {text: C, attacks: t}
    """)
    if message is None:
        assert parse_assume([value], graph) == {"c~>t": DEAD}
        return
    with pytest.raises(EvaluationError, match=message):
        parse_assume([value], graph)


# -- the format and the views ----------------------------------------------------------

EVEN_IF = """\
claims:
  t: {text: Lower the voting age}
counterclaims:
  p: {text: Parents influence how teenagers vote, attacks: t, weight: 0.6}
  e: {text: "Even if true, parents influence adults too", undercuts: {from: p, to: t}}
"""


@pytest.mark.parametrize(("written", "message"), [
    ("1.5", "`weight` of `t` is 1.5, outside 0 to 1"),
    ('"0.5"', "`weight` of `t` must be a number from 0 to 1, not the text `0.5`; write the number without quotes"),
    ("heavy", "`weight` of `t` must be a number from 0 to 1, not `heavy`"),
    ("[1]", "`weight` of `t` must be a number from 0 to 1, not a list"),
    (".nan", "`weight` of `t` must be a number from 0 to 1, not `.nan`"),
])
def test_a_weight_that_is_no_number_from_0_to_1_is_am002_at_its_value(written, message):
    loaded = load_bytes(f"argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {{text: T, weight: {written}}}\n".encode(),
                        "m.yaml")
    assert [(issue.code, issue.pos.line, issue.pos.column, issue.message) for issue in loaded.issues] == \
        [("AM002", 5, 24, message)]


def test_the_schema_takes_weights_from_0_to_1():
    import jsonschema
    import yaml

    from argmap.schema import map_schema

    validator = jsonschema.Draft7Validator(map_schema())
    document = yaml.safe_load(f"argmap: 1\ntitle: T\nthesis: t\n{EVEN_IF}")
    assert not list(validator.iter_errors(document))
    document["counterclaims"]["p"]["weight"] = 1.5
    errors = list(validator.iter_errors(document))
    assert len(errors) == 1 and any(cause.validator == "maximum" for cause in errors[0].context)


def test_every_view_draws_the_even_if_answer_into_the_attack(tmp_path):
    import subprocess

    from typer.testing import CliRunner

    from argmap.cli import app

    path = tmp_path / "m.yaml"
    path.write_text(f"argmap: 1\ntitle: T\nthesis: t\n{EVEN_IF}", encoding="utf-8")
    runner = CliRunner()
    tree = runner.invoke(app, ["tree", str(path)])
    assert "~ ✓ e (even if: answers the attack p → t)" in tree.output, tree.output
    markdown = runner.invoke(app, ["export", str(path), "--to", "markdown"])
    assert "**Undercut** (even if: answers the attack `p` → `t`) ✓ `e`" in markdown.output, markdown.output
    dot = runner.invoke(app, ["render", str(path), "--format", "dot", "-o", "-"])
    assert dot.exit_code == 0, dot.output
    plain = subprocess.run(["dot", "-Tplain"], input=dot.output, capture_output=True, text=True, check=True).stdout
    edges = {(line.split()[1].strip('"'), line.split()[2].strip('"')) for line in plain.splitlines()
             if line.startswith("edge ")}
    assert edges == {("p", "x-attack-0"), ("x-attack-0", "t"), ("e", "x-attack-0")}
    mermaid = runner.invoke(app, ["export", str(path), "--to", "mermaid"]).output
    assert "  p --- x-attack-1" in mermaid and "  x-attack-1 --x t" in mermaid and "  e -.-x x-attack-1" in mermaid, \
        mermaid
