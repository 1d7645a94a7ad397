"""`argmap stats`: what maps hold, counted, checked against counts computed here from the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, assert_no_traceback, examples, write_map
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from argmap.cli import app
from argmap.context import MapContext
from argmap.loader import load_bytes, load_map
from argmap.model import ArgumentMap
from argmap.quotes import first_ends
from argmap.rules.am107_quote_not_in_source import folded
from argmap.stats import map_stats, quoted, support_depth

BEIJING = REPO / "arguments" / "beijing-parade.yaml"
MAPS = sorted((REPO / "arguments").glob("*.yaml"))


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def run_stats(runner, *args):
    result = runner.invoke(app, ["stats", *map(str, args)])
    assert_no_traceback(result)
    return result


def model_of(path: Path) -> ArgumentMap:
    model = load_map(path).model
    assert model is not None
    return model


# ---- oracles: the counts computed straight from the model --------------------

def kinds(model: ArgumentMap) -> dict[str, int]:
    found = {"claims": 0, "counterclaims": 0, "evidence": 0}
    for stmt in model.statements.values():
        found[{"claim": "claims", "counterclaim": "counterclaims", "evidence": "evidence"}[stmt.kind]] += 1
    return found


def relations(model: ArgumentMap) -> dict[str, int]:
    statements = model.statements.values()
    return {
        "supports": len({(s.id, ref.id) for s in statements for ref in s.supports}),
        "attacks": len({(s.id, ref.id) for s in statements for ref in s.attacks}),
        "contradicts": len({(s.id, ref.id) for s in statements for ref in s.contradicts}),
        "undercuts": sum(len(s.undercuts) for s in statements),
        "premises": sum(len(argument.premises) for argument in model.arguments.values()),
    }


def longest_chain(model: ArgumentMap) -> int:
    """The longest chain of support down from the thesis, by trying every path (no statement twice)."""
    down: dict[str, set[str]] = {}
    for stmt in model.statements.values():
        for ref in stmt.supports:
            down.setdefault(ref.id, set()).add(stmt.id)
    for argument in model.arguments.values():
        if argument.conclusion is not None:
            down.setdefault(argument.conclusion.id, set()).update(ref.id for ref in argument.premises)

    def longest(node: str, path: frozenset[str]) -> int:
        return max((1 + longest(nxt, path | {nxt}) for nxt in down.get(node, ()) if nxt not in path), default=0)

    assert model.thesis is not None
    return longest(model.thesis.id, frozenset([model.thesis.id]))


def covered(text: str, quotes: list[str]) -> int:
    """Characters of the folded text inside the first occurrence of some folded quote, one index at a time."""
    haystack = folded(text)
    inside: set[int] = set()
    for quote in quotes:
        needle = folded(quote)
        start = haystack.find(needle) if needle else -1
        if start >= 0:
            inside.update(range(start, start + len(needle)))
    return len(inside)


# ---- the core ------------------------------------------------------------------

def test_beijing_counts_match_the_model():
    model = model_of(BEIJING)
    stats = map_stats(MapContext(model), "b")
    assert stats.statements == kinds(model)
    assert stats.arguments == len(model.arguments)
    assert stats.relations == relations(model)
    assert stats.depth == longest_chain(model)
    assert stats.depth >= 3  # a real chain, not the thesis alone
    assert model.source is not None and model.source.text is not None
    quotes = [stmt.quote for stmt in model.statements.values() if stmt.quote]
    assert stats.quoted is not None
    assert stats.quoted.characters == covered(model.source.text, quotes) > 0
    assert stats.quoted.length == len(folded(model.source.text))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_example_map_counts_match_the_model(path):
    model = model_of(path)
    stats = map_stats(MapContext(model), path.name)
    assert (stats.statements, stats.arguments, stats.relations, stats.depth) == \
        (kinds(model), len(model.arguments), relations(model), longest_chain(model))


SMALL = """\
argmap: 1
title: T
thesis: t
source: {text_file: essay.txt}
claims:
  t: {text: The thesis}
  a: {text: A reason on evidence, supports: t}
  b: {text: A reason on a rejected fact, supports: t}
  bare: {text: Asserted and nothing more, supports: t}
  assumed: {text: An assumption, implicit: true, supports: t}
  reply: {text: The author's reply, attacks: c1}
counterclaims:
  c1: {text: An answered objection, attacks: t}
  c2: {text: An unanswered objection, attacks: a}
evidence:
  e1: {text: A fact, supports: a, source: s, quote: "the parade was"}
  e2: {text: A doubted fact, supports: b, source: s, quote: "a show of unity"}
  debunk: {text: Why e2 fails, attacks: e2, source: s, weight: 0.9}
"""


def test_a_small_map_counts_what_the_definitions_say(tmp_path):
    (tmp_path / "essay.txt").write_text("Some said the parade was a show of unity. Others   disagreed.",
                                        encoding="utf-8")
    path = write_map(tmp_path, SMALL)
    context = MapContext(model_of(path))
    stats = map_stats(context, "m")
    assert stats.bare_assertions == 4  # bare, reply, c1, c2: not t (supported), not `assumed` (implicit)
    # c1 is answered by `reply`; c2 (against a) and `debunk` (against e2, under b) by nothing
    assert (stats.answered, stats.unanswered) == (1, 2)
    assert stats.depth == 2  # t <- a <- e1
    # e1 -> a holds; e2 falls to the heavier `debunk`, so e2 -> b is dead; a falls to c2, so a -> t is dead
    assert stats.on_evidence == 1
    graph = context.graph
    assert stats.on_evidence == len({node for node in _reached(context.evaluation) if graph.kind(node) != "evidence"})
    assert stats.quoted is not None
    # the two quotes are adjacent in the text, with one space between them that neither covers
    folded_text = "Some said the parade was a show of unity. Others disagreed."
    assert (stats.quoted.characters, stats.quoted.length) == (len("the parade was" "a show of unity"), len(folded_text))


def _reached(evaluation) -> set[str]:
    """Statements with an applicable inference from evidence or from such a statement, by fixed point."""
    graph = evaluation.graph
    found = {node for node in graph.statements() if graph.kind(node) == "evidence"}
    while True:
        more = {graph.conclusion(inference) for inference in graph.inferences()
                if evaluation.inferences.get(inference) == "applicable"
                and any(premise in found for premise in graph.premises(inference))} - {None} - found
        if not more:
            return found
        found |= more  # type: ignore[arg-type]


def test_depth_does_not_follow_circular_support():
    text = b"""argmap: 1
title: T
thesis: t
claims:
  t: {text: The thesis}
  a: {text: A, supports: [t, c]}
  b: {text: B, supports: a}
  c: {text: C, supports: b}
  d: {text: D, supports: [c, c]}
"""
    model = load_bytes(text, "m.yaml").model
    assert model is not None
    assert support_depth(MapContext(model).graph, "t") == 4  # t <- a <- c <- d, or t <- a <- c <- b, and no further
    assert longest_chain(model) == 4


@hypothesis_settings(max_examples=examples(300))
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20),
       st.lists(st.tuples(st.lists(st.integers(0, 7), min_size=1, max_size=3), st.integers(0, 7)), max_size=3))
def test_depth_is_the_longest_chain_on_any_acyclic_map(supports, arguments):
    """Supports only from a later statement to an earlier one, so the map is acyclic: the depth is exact."""
    lines = ["argmap: 1", "title: T", "thesis: s0", "claims:"]
    for n in range(8):
        targets = sorted({f"s{v}" for u, v in supports if u == n and v < n})
        lines.append(f"  s{n}: {{text: S{n}, supports: [{', '.join(targets)}]}}")
    lines.append("arguments:")
    for k, (premises, conclusion) in enumerate(arguments):
        below = [p for p in premises if p > conclusion]
        if below:
            lines.append(f"  arg{k}: {{premises: [{', '.join(f's{p}' for p in below)}], conclusion: s{conclusion}}}")
    model = load_bytes("\n".join(lines).encode(), "m.yaml").model
    assert model is not None
    assert support_depth(MapContext(model).graph, "s0") == longest_chain(model)


@hypothesis_settings(max_examples=examples(500))
@given(st.text("ab \n“”-–", max_size=40), st.lists(st.text("ab \n“”-–", max_size=6), max_size=6))
def test_the_quoted_share_matches_a_character_by_character_count(text, quotes):
    result = quoted(text, quotes)
    assert result.characters == covered(text, quotes)
    assert result.length == len(folded(text))


@hypothesis_settings(max_examples=examples(500))
@given(st.text("abc", max_size=30), st.lists(st.text("abc", min_size=1, max_size=5), max_size=8))
def test_first_ends_finds_each_first_occurrence(haystack, needles):
    expected = {n: haystack.find(n) + len(n) for n in needles if n in haystack}
    assert first_ends(needles, haystack) == expected


# ---- the command ---------------------------------------------------------------

def test_json_for_one_map_is_the_maps_object(runner):
    result = run_stats(runner, "--format", "json", BEIJING)
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    model = model_of(BEIJING)
    assert data["path"] == str(BEIJING)
    assert data["statements"] == kinds(model)
    assert data["arguments"] == len(model.arguments)
    assert data["relations"] == relations(model)
    assert data["depth"] == longest_chain(model)
    assert set(data["objections"]) == {"answered", "unanswered"}
    assert isinstance(data["open_questions"], int)
    assert 0 < data["quoted"]["share"] < 1
    assert data["quoted"]["characters"] <= data["quoted"]["of"]


def test_json_for_several_maps_has_rows_and_a_total_of_sums(runner):
    result = run_stats(runner, "-f", "json", *MAPS)
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    assert set(data) == {"maps", "total"}
    rows, whole = data["maps"], data["total"]
    assert [row["path"] for row in rows] == [str(path) for path in MAPS]
    assert "path" not in whole
    for group in ("statements", "relations", "objections"):
        for key in whole[group]:
            assert whole[group][key] == sum(row[group][key] for row in rows), (group, key)
    for key in ("arguments", "on_evidence", "bare_assertions", "open_questions"):
        assert whole[key] == sum(row[key] for row in rows), key
    assert whole["depth"] == max(row["depth"] for row in rows)  # the deepest: depths do not add up
    texts = [row["quoted"] for row in rows if row["quoted"] is not None]
    assert whole["quoted"]["characters"] == sum(q["characters"] for q in texts)
    assert whole["quoted"]["of"] == sum(q["of"] for q in texts)
    for row, path in zip(rows, MAPS):
        model = model_of(path)
        assert row["statements"] == kinds(model) and row["relations"] == relations(model)


def table(output: str) -> dict[str, list[str]]:
    """Row name -> the values of the text table."""
    found = {}
    for line in output.splitlines()[1:]:
        name, _, values = line.partition("  ")
        found[name.strip()] = values.split()
    return found


def test_text_shows_the_same_numbers(runner):
    text = run_stats(runner, BEIJING)
    assert text.exit_code == 0, shown(text)
    data = json.loads(run_stats(runner, "-f", "json", BEIJING).stdout)
    rows = table(text.stdout)
    for key, count in data["statements"].items():
        assert rows[key] == [str(count)]
    for key, count in data["relations"].items():
        assert rows[key] == [str(count)]
    assert rows["arguments"] == [str(data["arguments"])]
    assert rows["support depth"] == [str(data["depth"])]
    assert rows["claims on evidence"] == [str(data["on_evidence"])]
    assert rows["bare assertions"] == [str(data["bare_assertions"])]
    assert rows["objections answered"] == [str(data["objections"]["answered"])]
    assert rows["objections unanswered"] == [str(data["objections"]["unanswered"])]
    assert rows["critical questions open"] == [str(data["open_questions"])]
    assert rows["text quoted"] == [f"{data['quoted']['characters'] / data['quoted']['of']:.1%}"]


def test_text_for_several_maps_has_a_column_each_and_a_total(runner):
    result = run_stats(runner, *MAPS)
    assert result.exit_code == 0, shown(result)
    header = result.stdout.splitlines()[0].split()
    assert header == [str(path) for path in MAPS] + ["total"]
    rows = table(result.stdout)
    data = json.loads(run_stats(runner, "-f", "json", *MAPS).stdout)
    assert rows["claims"] == [str(row["statements"]["claims"]) for row in data["maps"]] + \
        [str(data["total"]["statements"]["claims"])]


def test_a_map_with_errors_prints_them_and_exits_1(runner, tmp_path):
    broken = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, supports: nowhere}\n")
    result = run_stats(runner, BEIJING, broken)
    assert result.exit_code == 1, shown(result)
    assert "AM004" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args", [["missing.yaml"], [], ["--format", "xml", str(BEIJING)]])
def test_usage_mistakes_exit_2(runner, args):
    result = run_stats(runner, *args)
    assert result.exit_code == 2, shown(result)
