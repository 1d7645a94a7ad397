"""The graph core: one networkx graph in which statements and inferences are nodes."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import graph as g
from argmap.graph import build_graph
from argmap.loader import load_bytes
from conftest import REPO

MAP = b"""\
argmap: 1
title: T
thesis: t
claims:
  t: {text: T, implicit: true}
  a: {text: A, supports: t}
  b: {text: B, implicit: true}
counterclaims:
  c: {text: C, contradicts: t, undercuts: {from: a, to: t}}
  d: {text: D, attacks: a, undercuts: x}
evidence:
  e: {text: E, source: S, supports: [a, nowhere]}
arguments:
  x: {premises: [a, b], conclusion: t}
"""


def graph_of(text: bytes) -> nx.MultiDiGraph:
    loaded = load_bytes(text, "map.yaml")
    assert loaded.model is not None, loaded.issues
    return build_graph(loaded.model)


def test_node_kinds_and_inference_ids():
    G = graph_of(MAP)
    kinds = dict(G.nodes(data="kind"))
    assert kinds == {
        "t": "claim", "a": "claim", "b": "claim", "c": "counterclaim", "d": "counterclaim",
        "e": "evidence", "a->t": "inference", "e->a": "inference", "x": "inference",
    }
    assert G.nodes["a->t"]["form"] == "support"
    assert G.nodes["x"]["form"] == "argument"
    assert G.graph["thesis"] == "t"
    assert sorted(g.statements(G)) == ["a", "b", "c", "d", "e", "t"]
    assert sorted(g.inferences(G)) == ["a->t", "e->a", "x"]


def test_nodes_keep_file_order():
    G = graph_of(MAP)
    order = [n for n in sorted(g.statements(G), key=lambda n: G.nodes[n]["order"])]
    assert order == ["t", "a", "b", "c", "d", "e"]
    assert G.nodes["x"]["order"] > G.nodes["e"]["order"]


def test_edge_keys():
    G = graph_of(MAP)
    assert sorted(G.edges(keys=True)) == sorted([
        ("a", "a->t", "premise"), ("a->t", "t", "conclusion"),
        ("e", "e->a", "premise"), ("e->a", "a", "conclusion"),
        ("a", "x", "premise"), ("b", "x", "premise"), ("x", "t", "conclusion"),
        ("c", "t", "contradict"), ("c", "a->t", "undercut"),
        ("d", "a", "attack"), ("d", "x", "undercut"),
    ])


def test_two_relations_between_the_same_pair_stay_two_edges():
    G = graph_of(b"argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n"
                 b"  a: {text: A, attacks: t, contradicts: t}\n")
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["attack", "contradict"]


def test_accessors():
    G = graph_of(MAP)
    assert sorted(g.premises(G, "x")) == ["a", "b"]
    assert g.conclusion(G, "x") == "t"
    assert g.conclusion(G, "a->t") == "t"
    assert sorted(g.inferences_into(G, "t")) == ["a->t", "x"]
    assert sorted(g.inferences_from(G, "a")) == ["a->t", "x"]
    assert g.undercutters(G, "a->t") == ["c"]
    assert g.undercutters(G, "x") == ["d"]
    assert g.is_statement(G, "e") and not g.is_statement(G, "x")
    assert g.support_id("a", "t") == "a->t"


def test_attackers_symmetric_for_contradictions_only():
    G = graph_of(MAP)
    assert g.attackers(G, "t") == ["c"]
    assert g.attackers(G, "c") == ["t"]  # c contradicts t, so t contradicts c
    assert g.attacked(G, "t") == ["c"]
    assert g.attacked(G, "c") == ["t"]
    assert g.attackers(G, "a") == ["d"]
    assert g.attackers(G, "d") == []  # an attack is one way
    assert g.attacked(G, "d") == ["a"]


def test_support_ancestors_and_descendants():
    G = graph_of(MAP)
    assert g.support_ancestors(G, ["t"]) == {"t", "a->t", "a", "x", "b", "e->a", "e"}
    assert g.support_ancestors(G, ["a"]) == {"a", "e->a", "e"}
    assert g.support_ancestors(G, ["c"]) == {"c"}  # attacks and undercuts are not support
    assert g.support_descendants(G, ["e"]) == {"e", "e->a", "a", "a->t", "x", "t"}


def test_support_cycles_two_separate_cycles():
    G = graph_of(b"""\
argmap: 1
title: T
thesis: t
claims:
  t: {text: T, implicit: true}
  p: {text: P, supports: t}
  x: {text: X, supports: z}
  y: {text: Y, supports: x}
  z: {text: Z, supports: [y, t]}
  q: {text: Q, implicit: true}
  s: {text: S, supports: t}
arguments:
  pq: {premises: [p, q], conclusion: s}
  sp: {premises: [s], conclusion: p}
""")
    assert g.support_cycles(G) == [["p", "s", "p"], ["x", "z", "y", "x"]]


def test_support_cycles_none_without_a_cycle():
    assert g.support_cycles(graph_of(MAP)) == []


def test_connected_to_any_direction():
    G = graph_of(MAP + b"  y: {premises: [b], conclusion: b}\n")
    assert g.connected_to(G, "t") >= {"a", "b", "c", "d", "e", "x"}
    G = graph_of(MAP.replace(b"  b: {text: B, implicit: true}\n", b"  b: {text: B, implicit: true}\n  z: {text: Z}\n"))
    assert "z" not in g.connected_to(G, "t")


# -- support_cycles against a brute-force oracle --------------------------------------------


@st.composite
def support_maps(draw):
    """A map of n statements with random `supports` relations and linked arguments."""
    n = draw(st.integers(min_value=1, max_value=6))
    ids = [f"s{i}" for i in range(n)]
    supports = {i: draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) for i in ids}
    arguments = draw(st.lists(st.tuples(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True),
                                        st.sampled_from(ids)), max_size=3))
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:"]
    lines += [f"  {i}: {{text: {i}, supports: [{', '.join(supports[i])}]}}" for i in ids]
    if arguments:
        lines.append("arguments:")
        lines += [f"  arg{k}: {{premises: [{', '.join(p)}], conclusion: {c}}}" for k, (p, c) in enumerate(arguments)]
    steps = {(a, b) for a in ids for b in supports[a]} | {(p, c) for ps, c in arguments for p in ps}
    return "\n".join(lines) + "\n", ids, steps


def reach(ids, steps):
    """Pairs (a, b) such that a chain of one or more support steps leads from a to b."""
    out = {(a, b) for a, b in steps}
    for k in ids:  # Warshall
        out |= {(a, b) for a in ids for b in ids if (a, k) in out and (k, b) in out}
    return out


@settings(max_examples=300, deadline=None)
@given(support_maps())
def test_support_cycles_match_brute_force(case):
    text, ids, steps = case
    cycles = g.support_cycles(graph_of(text.encode()))
    reachable = reach(ids, steps)
    # the statements on a cycle of two or more: mutually reachable with a different statement
    classes = {frozenset(b for b in ids if b == a or ((a, b) in reachable and (b, a) in reachable))
               for a in ids}
    rings = sorted((c for c in classes if len(c) > 1), key=lambda c: min(ids.index(x) for x in c))
    assert len(cycles) == len(rings), (text, cycles)
    for cycle, ring in zip(cycles, rings):
        assert cycle[0] == cycle[-1] == min(ring, key=ids.index), (text, cycle)
        assert set(cycle) <= ring
        for a, b in zip(cycle, cycle[1:]):
            assert a != b, f"self-support listed as a step of the cycle {cycle}\n{text}"
            assert (a, b) in steps, (text, cycle)


def test_the_index_built_with_the_graph_equals_the_index_of_the_graph():
    from argmap.context import MapContext
    from argmap.graph import Index
    from argmap.loader import load_map

    for path in sorted((REPO / "arguments").glob("*.yaml")):
        context = MapContext(load_map(path).model)
        fresh = Index.of(context.graph)
        built = context.index
        for table in ("kind", "implicit", "order", "attackers", "targets", "premises", "undercutters", "conclusion"):
            assert getattr(built, table) == getattr(fresh, table), (path.name, table)
        for table in ("into", "premise_of", "undercuts"):
            assert {k: sorted(v) for k, v in getattr(built, table).items()} == \
                   {k: sorted(v) for k, v in getattr(fresh, table).items()}, (path.name, table)


def test_the_graph_is_what_networkx_s_public_api_builds():
    from argmap.loader import load_map

    for path in sorted((REPO / "arguments").glob("*.yaml")) + [REPO / "tests" / "data" / "tree" / "nasty.yaml"]:
        G = build_graph(load_map(path).model)
        public = nx.MultiDiGraph(**G.graph)
        public.add_nodes_from(G.nodes(data=True))
        public.add_edges_from(G.edges(keys=True, data=True))
        assert nx.utils.graphs_equal(G, public), path.name
        assert sorted(G.pred["t" if "t" in G else next(iter(G))]) == sorted(public.pred["t" if "t" in G else next(iter(G))])
        for u, v, key in G.edges(keys=True):
            assert G.has_edge(u, v, key) and key in G.pred[v][u], (u, v, key)
