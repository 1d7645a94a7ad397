"""`argmap evaluate` and AM105 through the command line (typer's CliRunner).

The maps live in ``tests/data/evaluate/``: ``accepted.yaml`` (the thesis stands, with
three cruxes), ``rejected.yaml`` (an unanswered objection defeats the thesis),
``cycle.yaml`` (the thesis hangs on an attack cycle) and ``errors.yaml`` (a
reference to nothing, and a thesis that would be rejected).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import load_bytes

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "evaluate"
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
RUNNER = CliRunner()

LABEL = {"enum": ["accepted", "rejected", "undecided"]}
EVALUATION_SCHEMA = {
    "type": "object",
    "required": ["thesis", "semantics", "thesis_label", "labels", "inferences"],
    "properties": {
        "thesis": {"type": "string"},
        "semantics": {"enum": ["grounded", "preferred", "stable", "quadratic-energy", "df-quad"]},
        "thesis_label": {"anyOf": [LABEL, {"type": "null"}]},
        "positions": {"type": "array", "items": {"type": "object", "additionalProperties": LABEL}},
        "positions_total": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
        "sceptical_complete": {"type": "boolean"},
        "strengths": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}},
        "converged": {"type": "boolean"},
        "contributions": {"type": "array", "items": {
            "type": "object", "required": ["id", "without", "delta"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "without": {"type": "number"}, "delta": {"type": "number"}}}},
        "labels": {"type": "object", "additionalProperties": LABEL},
        "inferences": {"type": "object", "additionalProperties": {"enum": ["applicable", "dead", "undecided"]}},
        "cruxes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["ids", "thesis_label"],
                "properties": {"ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
                               "thesis_label": LABEL},
            },
        },
        "cruxes_complete": {"type": "boolean"},
        "crux_size": {"type": "integer", "minimum": 1, "maximum": 3},
        "cruxes_tried": {"type": "integer", "minimum": 0},
        "cruxes_candidates": {"type": "integer", "minimum": 0},
    },
    "dependentRequired": {"cruxes": ["cruxes_complete", "crux_size"], "cruxes_tried": ["cruxes_candidates"],
                          "positions": ["positions_total", "sceptical_complete"], "strengths": ["converged"]},
}


def run(*args: str):
    return RUNNER.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def model_of(path: Path):
    loaded = load_bytes(path.read_bytes(), str(path), path.parent)
    assert loaded.model is not None, loaded.issues
    return loaded.model


def evaluate_json(*args) -> dict:
    result = run("evaluate", *args, "--format", "json")
    assert result.exit_code == 0, shown(result)
    data = json.loads(result.stdout)
    jsonschema.validate(data, EVALUATION_SCHEMA)
    return data


# -- argmap evaluate -----------------------------------------------------------------


def test_the_flagship_evaluates_with_exit_0_and_a_label_for_every_statement():
    data = evaluate_json(FLAGSHIP, "--cruxes")
    model = model_of(FLAGSHIP)
    assert data["thesis"] == model.thesis.id
    assert data["thesis_label"] == data["labels"][data["thesis"]]
    assert set(data["labels"]) == set(model.statements)
    supports = {f"{s.id}->{ref.id}" for s in model.statements.values() for ref in s.supports}
    assert set(data["inferences"]) == supports | set(model.arguments)
    assert isinstance(data["cruxes"], list)
    assert {i for c in data["cruxes"] for i in c["ids"]} <= set(model.statements) - {data["thesis"]}


def test_json_lists_cruxes_with_what_the_thesis_becomes():
    data = evaluate_json(DATA / "accepted.yaml", "--cruxes")
    assert data["thesis"] == "open-sundays" and data["thesis_label"] == "accepted"
    assert data["labels"] == {"open-sundays": "accepted", "reason": "accepted", "rebuttal": "accepted",
                              "objection": "rejected", "survey": "accepted"}
    assert data["inferences"] == {"reason->open-sundays": "applicable", "survey->reason": "applicable"}
    assert data["cruxes"] == [{"ids": ["reason"], "thesis_label": "rejected"},
                              {"ids": ["rebuttal"], "thesis_label": "rejected"},
                              {"ids": ["survey"], "thesis_label": "rejected"}]


def test_a_crux_search_stopped_by_its_budget_says_so(monkeypatch):
    import argmap.evaluate

    data = evaluate_json(DATA / "accepted.yaml", "--cruxes")
    assert data["cruxes_complete"] is True and "cruxes_tried" not in data
    # Every unit of work counts (issue 12): with none to spend, the first trial stops part-way and
    # counts as not tried.
    monkeypatch.setattr(argmap.evaluate, "MAX_CRUX_WORK", 0)
    data = evaluate_json(DATA / "accepted.yaml", "--cruxes")
    assert data["cruxes_complete"] is False
    assert (data["cruxes_tried"], data["cruxes_candidates"]) == (0, 3)
    assert data["cruxes"] == []
    result = run("evaluate", DATA / "accepted.yaml", "--cruxes")
    assert "stopped after trying 0 of 3 sets" in result.stdout, shown(result)


def test_a_thesis_that_is_not_accepted_lists_what_would_flip_it():
    data = evaluate_json(DATA / "rejected.yaml", "--cruxes")
    assert data["thesis_label"] == "rejected"
    assert data["cruxes"] == [{"ids": ["emergencies"], "thesis_label": "accepted"}]
    result = run("evaluate", DATA / "rejected.yaml", "--cruxes")
    assert result.exit_code == 0, shown(result)
    assert "it becomes accepted if all of one of these are rejected" in result.stdout, shown(result)


def test_crux_size_finds_the_pairs_and_triples_the_flagship_hinges_on():
    data = evaluate_json(FLAGSHIP, "--cruxes", "--crux-size", "3")
    assert data["crux_size"] == 3 and data["cruxes_complete"] is True
    assert len(data["cruxes"]) == 10 and all(len(crux["ids"]) == 3 for crux in data["cruxes"])
    assert data["cruxes"] == sorted(data["cruxes"], key=lambda crux: crux["ids"])
    result = run("evaluate", FLAGSHIP, "--cruxes", "--crux-size", "4")
    assert result.exit_code == 2, shown(result)


def test_assume_and_require_support_change_the_labels():
    data = evaluate_json(DATA / "rejected.yaml", "--assume", "emergencies=rejected")
    assert data["thesis_label"] == "accepted" and data["labels"]["emergencies"] == "rejected"
    data = evaluate_json(DATA / "accepted.yaml", "--require-support")
    assert data["labels"]["objection"] == "rejected" and data["labels"]["rebuttal"] == "accepted"
    assert data["thesis_label"] == "accepted"
    data = evaluate_json(DATA / "accepted.yaml", "--assume", "survey=rejected", "--assume", "rebuttal=rejected")
    assert data["labels"] == {"open-sundays": "rejected", "reason": "rejected", "rebuttal": "rejected",
                              "objection": "accepted", "survey": "rejected"}


def test_text_output_gives_the_thesis_label_first():
    result = run("evaluate", DATA / "rejected.yaml")
    assert result.exit_code == 0, shown(result)
    assert result.stdout.splitlines()[0] == "Thesis `ban-phones` is rejected", shown(result)
    for label, ids in (("Accepted", ["distraction", "emergencies", "teacher-survey"]), ("Rejected", ["ban-phones"])):
        assert f"{label} ({len(ids)})" in result.stdout, shown(result)
    assert "\x1b[" not in result.stdout


def test_explain_names_the_accepted_attacker():
    result = run("evaluate", DATA / "rejected.yaml", "--explain", "ban-phones")
    assert result.exit_code == 0, shown(result)
    explanation = result.stdout.split("Why `ban-phones` is rejected", 1)
    assert len(explanation) == 2, shown(result)
    assert "`emergencies`" in explanation[1].splitlines()[1], shown(result)


def test_explain_names_the_cycle_an_undecided_thesis_hangs_on():
    result = run("evaluate", DATA / "cycle.yaml", "--explain", "switch")
    assert result.exit_code == 0, shown(result)
    why = result.stdout.split("Why `switch` is undecided", 1)[-1]
    for member in ("cheaper", "hidden-costs", "subsidy"):
        assert f"`{member}`" in why, shown(result)


def test_explain_in_json():
    data = evaluate_json(DATA / "rejected.yaml", "--explain", "ban-phones")
    steps = data["explanation"]["steps"]
    assert data["explanation"]["id"] == "ban-phones"
    assert [(s["id"], s["label"]) for s in steps] == [("ban-phones", "rejected"), ("emergencies", "accepted")]


def test_a_map_with_errors_exits_1_without_labels():
    result = run("evaluate", DATA / "errors.yaml", "--format", "json")
    assert result.exit_code == 1, shown(result)
    assert "AM004" in result.stderr, shown(result)
    assert "labels" not in result.stdout and "thesis" not in result.stdout.lower(), shown(result)
    result = run("evaluate", DATA / "errors.yaml")
    assert result.exit_code == 1, shown(result)
    assert "Thesis" not in result.stdout and "rejected" not in result.stdout, shown(result)


@pytest.mark.parametrize("args", [
    ["--assume", "emergencies=maybe"],
    ["--assume", "emergencies"],
    ["--assume", "nobody=accepted"],
    ["--assume", "distraction->ban-phones=rejected"],
    ["--explain", "nobody"],
])
def test_usage_mistakes_exit_2(args):
    result = run("evaluate", DATA / "rejected.yaml", *args)
    assert result.exit_code == 2, shown(result)
    assert result.stdout == "", shown(result)
    assert result.stderr.startswith("argmap: "), shown(result)


@pytest.mark.parametrize("command", ["evaluate", "tree"])
def test_an_assumed_id_gets_a_did_you_mean(command):
    result = run(command, DATA / "rejected.yaml", "--assume", "emergencie=rejected")
    assert result.exit_code == 2, shown(result)
    assert "(did you mean `emergencies`?)" in result.stderr, shown(result)


def test_a_missing_file_exits_2(tmp_path):
    result = run("evaluate", tmp_path / "no-such-map.yaml")
    assert result.exit_code == 2, shown(result)
    assert "no such file" in result.stderr, shown(result)


# -- AM105 in argmap check -----------------------------------------------------------


def check_json(path: Path) -> list[dict]:
    result = run("check", path, "--format", "json")
    assert result.exit_code in (0, 1), shown(result)
    return json.loads(result.stdout)


def test_am105_warns_at_the_thesis_of_a_map_whose_thesis_is_rejected():
    problems = [p for p in check_json(DATA / "rejected.yaml") if p["code"] == "AM105"]
    thesis = model_of(DATA / "rejected.yaml").statements["ban-phones"]
    assert [(p["severity"], p["line"], p["column"]) for p in problems] == [
        ("warning", thesis.pos.line, thesis.pos.column)]
    assert (thesis.pos.line, thesis.pos.column) == (7, 3)
    assert "`ban-phones`" in problems[0]["message"] and "`emergencies`" in problems[0]["message"]


def test_am105_warns_on_an_undecided_thesis():
    problems = [p for p in check_json(DATA / "cycle.yaml") if p["code"] == "AM105"]
    assert [(p["line"], p["column"]) for p in problems] == [(8, 3)]
    assert "undecided" in problems[0]["message"]


def test_am105_is_quiet_when_the_thesis_is_accepted():
    problems = check_json(DATA / "accepted.yaml")
    assert "AM105" not in {p["code"] for p in problems}
    assert problems, "the map should still draw other warnings, so the check did run"


def test_am105_does_not_run_on_a_map_with_errors():
    result = run("check", DATA / "errors.yaml", "--format", "json")
    assert result.exit_code == 1, shown(result)
    codes = {p["code"] for p in json.loads(result.stdout)}
    assert "AM004" in codes and "AM105" not in codes, shown(result)


def test_am105_is_quiet_on_the_flagship_when_its_thesis_stands():
    data = evaluate_json(FLAGSHIP)
    codes = {p["code"] for p in check_json(FLAGSHIP)}
    assert ("AM105" in codes) == (data["thesis_label"] != "accepted")


@pytest.mark.parametrize("command, args", [("evaluate", ["-f", "json"]), ("evaluate", []), ("tree", [])])
def test_output_writes_what_stdout_shows_and_never_the_map(tmp_path, command, args):
    import shutil

    map_path = tmp_path / "map.yaml"
    shutil.copy(DATA / "rejected.yaml", map_path)
    shown_now = run(command, map_path, *args)
    assert shown_now.exit_code == 0, shown(shown_now)
    target = tmp_path / "out.txt"
    written = run(command, map_path, *args, "-o", target)
    assert written.exit_code == 0 and written.stdout == "", shown(written)
    assert target.read_text(encoding="utf-8") == shown_now.stdout
    before = map_path.read_bytes()
    refused = run(command, map_path, *args, "-o", map_path)
    assert refused.exit_code == 2 and map_path.read_bytes() == before, shown(refused)


# -- assumptions (issue 13, item 8) ----------------------------------------------------

ASSUMING = """argmap: 1
title: T
thesis: t
claims:
  t: {text: The thesis}
  a: {text: A reason, supports: t, implicit: true}
  b: {text: Another reason, implicit: true, contradicts: a}
counterclaims:
  c: {text: An objection, attacks: t}
  r: {text: A rebuttal, attacks: c}
"""


@pytest.fixture
def assuming(tmp_path):
    path = tmp_path / "assuming.yaml"
    path.write_text(ASSUMING, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["evaluate"], ["tree"], ["export", "--to", "markdown"]])
def test_one_id_assumed_both_ways_is_a_usage_error(assuming, command):
    result = run(command[0], assuming, *command[1:], "--assume", "r=accepted", "--assume", "r=rejected")
    assert result.exit_code == 2, shown(result)
    assert result.stderr.strip() == "argmap: --assume `r=rejected`: `r` is assumed accepted already"
    again = run(command[0], assuming, *command[1:], "--assume", "r=accepted", "--assume", "r=accepted")
    assert again.exit_code == 0, shown(again)


def test_assumptions_that_conflict_are_a_warning_naming_both(assuming):
    result = run("evaluate", assuming, "--assume", "a=accepted", "--assume", "b=accepted")
    assert result.exit_code == 0, shown(result)
    assert "argmap: warning: --assume holds `b` and `a` accepted, though `b` attacks or contradicts `a`" \
        in result.stderr, shown(result)
    quiet = run("evaluate", assuming, "--assume", "a=accepted", "--assume", "c=rejected")
    assert "warning" not in quiet.stderr, shown(quiet)


def test_an_assumed_statement_is_never_a_crux(tmp_path):
    path = tmp_path / "cruxes.yaml"
    path.write_text(ASSUMING.replace("  b: {text: Another reason, implicit: true, contradicts: a}\n", ""),
                    encoding="utf-8")
    plain = evaluate_json(path, "--cruxes")
    assert plain["thesis_label"] == "accepted" and {c["ids"][0] for c in plain["cruxes"]} == {"a", "r"}
    for held, other in (("r", "a"), ("a", "r")):
        assumed = evaluate_json(path, "--cruxes", "--assume", f"{held}=accepted")
        assert [c["ids"][0] for c in assumed["cruxes"]] == [other] and assumed["cruxes_complete"], assumed


# -- --thesis: both sides from one file (issue 13, item 6) ------------------------------


def test_thesis_option_evaluates_from_a_counterclaim_without_changing_the_labels(assuming):
    own = evaluate_json(assuming)
    other = evaluate_json(assuming, "--thesis", "c", "--cruxes")
    assert other["thesis"] == "c" and other["thesis_label"] == own["labels"]["c"] == "rejected"
    assert other["labels"] == own["labels"]
    text = run("evaluate", assuming, "--thesis", "c")
    assert text.stdout.startswith("Thesis `c` is rejected\n"), shown(text)


@pytest.mark.parametrize("command", [["tree", "--ascii"], ["export", "--to", "markdown"], ["render", "-f", "dot", "-o", "-"],
                                     ["export", "--to", "mermaid"]])
def test_thesis_option_roots_every_view(assuming, command):
    result = run(command[0], assuming, *command[1:], "--thesis", "c")
    assert result.exit_code == 0, shown(result)
    out = result.stdout
    if command[0] == "tree":
        assert out.splitlines()[1].startswith("[x] c: An objection"), out
    elif command[1:3] == ["--to", "markdown"]:
        assert "- **Thesis** ✗ `c`: An objection" in out, out
    elif command[0] == "render":
        assert 'thesis' in next(line for line in out.splitlines() if "An objection" in line), out
    else:  # Mermaid: the thesis class holds the node of c (named by its id)
        assert any(line.strip() == "class c thesis" for line in out.splitlines()), out


def test_an_unknown_thesis_is_a_usage_error_with_a_did_you_mean(assuming):
    result = run("evaluate", assuming, "--thesis", "rr")
    assert result.exit_code == 2, shown(result)
    assert result.stderr.strip() == "argmap: --thesis `rr`: not a statement of this map (did you mean `r`?)"


def test_commands_that_refuse_broken_maps_run_only_the_rules_that_report_errors(tmp_path, monkeypatch):
    """`evaluate` (and every view) prints a map's errors and leaves its warnings to `check`: the warnings' rules
    do not run at all, so that a large map is not searched for problems nobody is shown."""
    import dataclasses

    from argmap.checker import check_file
    from argmap.cliutil import check_or_exit
    from argmap.rules import RULES

    path = tmp_path / "map.yaml"
    path.write_text("argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n  a: {text: A, supports: [t, nowhere]}\n"
                    "  stray: {text: S}\n", encoding="utf-8")
    assert {"AM004", "AM101", "AM104"} <= {p.code for p in check_file(path).problems}  # what `check` finds
    ran: list[str] = []
    for code, rule in list(RULES.items()):
        if rule.check is not None:
            monkeypatch.setitem(RULES, code, dataclasses.replace(rule, check=_recording(rule.check, code, ran)))
    assert [p.code for p in check_or_exit(path).problems] == ["AM004"]
    assert ran and all(RULES[code].structural for code in ran), ran
    out = RUNNER.invoke(app, ["evaluate", str(path)])
    assert out.exit_code == 1 and "AM004" in out.output and "AM101" not in out.output


def _recording(check, code, ran):
    def run(ctx):
        ran.append(code)
        return check(ctx)
    return run
