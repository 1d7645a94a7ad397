"""`argmap evaluate --semantics`: positions, weighted strengths, and what each semantics refuses (issue 13)."""

from __future__ import annotations

import pytest

from test_cli_evaluate import evaluate_json, run, shown

ZOMBIE = """\
argmap: 1
title: Zombie
thesis: t
claims:
  t: {text: The thesis}
counterclaims:
  c: {text: C attacks the thesis, attacks: t}
  a: {text: A, contradicts: b, attacks: c}
  b: {text: B, attacks: c}
"""
ODD = """\
argmap: 1
title: An odd cycle
thesis: t
claims:
  t: {text: T, attacks: u}
  u: {text: U, attacks: v}
  v: {text: V, attacks: t}
"""
WEIGHED = """\
argmap: 1
title: Weighing a clash
thesis: t
claims:
  t: {text: Lower the voting age}
  a: {text: They pay taxes, supports: t, weight: 0.9}
counterclaims:
  c: {text: They are too immature, attacks: t, weight: 0.6}
"""


@pytest.fixture
def write(tmp_path):
    def write(text: str, name: str = "m.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_preferred_reasons_by_cases_where_grounded_stays_undecided(write):
    path = write(ZOMBIE)
    assert evaluate_json(path)["thesis_label"] == "undecided"
    data = evaluate_json(path, "--semantics", "preferred")
    assert data["semantics"] == "preferred" and data["thesis_label"] == "accepted"
    assert data["positions_total"] == 2 and data["sceptical_complete"] is True
    assert data["positions"] == [{"t": "accepted", "c": "rejected", "a": "accepted", "b": "rejected"},
                                 {"t": "accepted", "c": "rejected", "a": "rejected", "b": "accepted"}]
    assert data["labels"] == {"t": "accepted", "c": "rejected", "a": "undecided", "b": "undecided"}
    text = run("evaluate", path, "--semantics", "preferred")
    assert "Positions under preferred: 2" in text.stdout and "1. ✓ `a`, ✗ `b`" in text.stdout, shown(text)


def test_max_positions_lists_fewer_and_keeps_the_verdict(write):
    data = evaluate_json(write(ZOMBIE), "--semantics", "stable", "--max-positions", "1")
    assert len(data["positions"]) == 1 and data["positions_total"] == 2
    assert data["thesis_label"] == "accepted"


def test_a_map_with_no_stable_position_says_so_and_has_no_verdict(write):
    path = write(ODD)
    data = evaluate_json(path, "--semantics", "stable")
    assert data["positions"] == [] and data["positions_total"] == 0 and data["thesis_label"] is None
    text = run("evaluate", path, "--semantics", "stable")
    assert text.exit_code == 0 and "no verdict under stable" in text.stdout, shown(text)
    assert evaluate_json(path, "--semantics", "preferred")["thesis_label"] == "undecided"


@pytest.mark.parametrize("semantics", ["quadratic-energy", "df-quad"])
def test_a_weighted_semantics_gives_strengths_and_contributions(write, semantics):
    path = write(WEIGHED)
    assert evaluate_json(path)["thesis_label"] == "rejected"  # grounded: c's weight is no lower than t's
    data = evaluate_json(path, "--semantics", semantics)
    strengths = data["strengths"]
    assert set(strengths) == {"t", "a", "c"} and data["converged"] is True
    assert data["labels"] == {node: "accepted" if value >= 0.5 else "rejected" for node, value in strengths.items()}
    assert data["thesis_label"] == "accepted"  # weighed: the strong reason outweighs the objection
    contributions = {item["id"]: item for item in data["contributions"]}
    assert contributions["a"]["delta"] > 0 > contributions["c"]["delta"]
    for item in data["contributions"]:
        assert item["delta"] == pytest.approx(strengths["t"] - item["without"])
    sizes = [abs(item["delta"]) for item in data["contributions"]]
    assert sizes == sorted(sizes, reverse=True)  # the larger first
    text = run("evaluate", path, "--semantics", semantics, "--explain", "t")
    assert f"without it `t` would be {contributions['a']['without']:.2f}" in text.stdout, shown(text)


def test_weighted_cruxes_follow_the_strengths(write):
    data = evaluate_json(write(WEIGHED), "--semantics", "df-quad", "--cruxes")
    assert data["cruxes"] == [{"ids": ["a"], "thesis_label": "rejected"}] and data["cruxes_complete"] is True


def test_a_student_adding_evidence_never_weakens_the_case_under_a_weighted_semantics(write):
    base = WEIGHED + "evidence:\n"
    before = evaluate_json(write(base), "--semantics", "df-quad")["strengths"]["t"]
    more = base + "  e: {text: A survey, supports: a, source: A survey, weight: 0.4}\n"
    after = evaluate_json(write(more, "more.yaml"), "--semantics", "df-quad")["strengths"]["t"]
    assert after >= before


@pytest.mark.parametrize(("args", "message"), [
    (["--semantics", "preferred", "--explain", "t"], "--explain works with the grounded and the weighted"),
    (["--semantics", "stable", "--cruxes"], "--cruxes works with the grounded and the weighted"),
    (["--semantics", "df-quad", "--require-support"], "--require-support does not apply under df-quad"),
    (["--semantics", "sceptical"], "sceptical"),
])
def test_what_a_semantics_cannot_do_is_exit_2_saying_why(write, args, message):
    result = run("evaluate", write(WEIGHED), *args)
    assert result.exit_code == 2 and message in result.stderr + result.stdout, shown(result)


def test_the_surprises_docs_evaluation_md_lists(write):
    proxy = write("argmap: 1\ntitle: Proxy\nthesis: a\nclaims:\n  a: {text: A, supports: b}\n  b: {text: B, attacks: a}\n",
                  "proxy.yaml")
    assert evaluate_json(proxy)["labels"] == {"a": "undecided", "b": "undecided"}
    assert evaluate_json(proxy, "--semantics", "stable")["positions"] == []
    nixon = write("argmap: 1\ntitle: Nixon\nthesis: pacifist\nclaims:\n  pacifist: {text: P, contradicts: hawk}\n"
                  "counterclaims:\n  hawk: {text: H}\n", "nixon.yaml")
    data = evaluate_json(nixon, "--semantics", "preferred")
    assert data["positions_total"] == 2 and data["labels"] == {"pacifist": "undecided", "hawk": "undecided"}
    refuted = write("argmap: 1\ntitle: Refuted\nthesis: t\nclaims:\n  t: {text: T}\n  r: {text: R, supports: t}\n"
                    "counterclaims:\n  k: {text: K, attacks: r}\n", "refuted.yaml")
    assert evaluate_json(refuted)["labels"]["t"] == "rejected"  # grounded: the failed reason sinks it
    assert evaluate_json(refuted, "--semantics", "df-quad")["strengths"]["t"] >= 0.5  # weighted: it keeps its weight


def test_the_views_show_the_strength_beside_the_label(write):
    path = write(WEIGHED)
    strengths = evaluate_json(path, "--semantics", "df-quad")["strengths"]
    tree = run("tree", path, "--semantics", "df-quad")
    assert tree.exit_code == 0 and f"✓ {strengths['t']:.2f} t: Lower the voting age" in tree.stdout, shown(tree)
    markdown = run("export", path, "--to", "markdown", "--semantics", "df-quad")
    assert f"✓ {strengths['a']:.2f} `a`" in markdown.stdout, shown(markdown)
    dot = run("render", path, "--format", "dot", "-o", "-", "--semantics", "df-quad")
    assert f"✓ accepted {strengths['t']:.2f}" in dot.stdout, shown(dot)
    sceptical = run("tree", write(ZOMBIE, "zombie.yaml"), "--semantics", "preferred")
    assert "✓ t: The thesis" in sceptical.stdout and "? a: A" in sceptical.stdout, shown(sceptical)
    assert run("tree", path, "--semantics", "df-quad", "--no-labels").exit_code == 2
