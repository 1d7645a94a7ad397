"""One command line: every command that reads one map takes `-` for standard input,
and an inference can be named `FROM:TO` as well as `FROM->TO` (a shell redirect unless quoted).

`argmap check -` has tests of its own in ``test_cli_check.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.context import MapContext
from argmap.evaluate import evaluate
from argmap.explain import explain
from argmap.loader import load_bytes
from argmap.render.evaluation import EvaluationReport, text
from conftest import REPO, assert_no_traceback

DATA = REPO / "tests" / "data" / "evaluate"
MAP = DATA / "rejected.yaml"

ONE_MAP_COMMANDS = {
    "evaluate": ["evaluate", "{map}"],
    "evaluate-json": ["evaluate", "{map}", "--format", "json", "--cruxes", "--explain", "ban-phones"],
    "tree": ["tree", "{map}"],
    "render": ["render", "{map}", "-o", "-"],
    "export-markdown": ["export", "{map}", "--to", "markdown"],
    "export-mermaid": ["export", "{map}", "--to", "mermaid"],
}


def run(args: list[str], map_arg: str | Path, stdin: bytes | None = None):
    args = [str(map_arg) if a == "{map}" else a for a in args]
    result = CliRunner().invoke(app, args, input=stdin, env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert_no_traceback(result)
    return result


def shown(result) -> str:
    return f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.mark.parametrize("name", ONE_MAP_COMMANDS)
def test_a_map_on_stdin_gives_what_the_file_gives(name):
    args = ONE_MAP_COMMANDS[name]
    from_file = run(args, MAP)
    from_stdin = run(args, "-", MAP.read_bytes())
    assert from_file.exit_code == 0, shown(from_file)
    assert from_stdin.exit_code == 0, shown(from_stdin)
    assert from_stdin.stdout.strip(), shown(from_stdin)
    assert from_stdin.stdout == from_file.stdout.replace(str(MAP), "<stdin>")


@pytest.mark.parametrize("name", ONE_MAP_COMMANDS)
def test_a_map_on_stdin_over_max_bytes_is_am001(name):
    data = MAP.read_bytes()
    result = run([*ONE_MAP_COMMANDS[name], "--max-bytes", str(len(data) - 1)], "-", data)
    assert result.exit_code == 1, shown(result)
    assert result.stdout == "", shown(result)
    assert f"<stdin>:1:1: AM001 error The file is larger than the limit of {len(data) - 1:,} bytes" \
        in result.stderr, shown(result)
    exactly = run([*ONE_MAP_COMMANDS[name], "--max-bytes", str(len(data))], "-", data)
    assert exactly.exit_code == 0, shown(exactly)


@pytest.mark.parametrize("name", ONE_MAP_COMMANDS)
def test_a_text_file_named_by_a_map_on_stdin_is_not_read(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "speech.txt").write_text("Phones distract students in class.\n", encoding="utf-8")
    data = (b"argmap: 1\ntitle: T\nthesis: t\nsource:\n  text_file: speech.txt\n"
            b"claims:\n  t: {text: A claim}\n")
    result = run(ONE_MAP_COMMANDS[name], "-", data)
    assert result.exit_code == 1, shown(result)
    assert result.stdout == "", shown(result)
    assert ("<stdin>:5:14: AM002 error `source.text_file` `speech.txt` cannot be resolved for a map "
            "read from standard input") in result.stderr, shown(result)


@pytest.mark.parametrize("name", ONE_MAP_COMMANDS)
def test_problems_of_a_broken_map_on_stdin_name_stdin(name):
    result = run(ONE_MAP_COMMANDS[name], "-", b"argmap: 1\ntitle: [unclosed\n")
    assert result.exit_code == 1, shown(result)
    assert result.stderr.startswith("<stdin>:"), shown(result)
    assert "AM001" in result.stderr, shown(result)


def test_output_next_to_a_map_from_stdin_is_written(tmp_path):
    out = tmp_path / "tree.txt"
    result = run(["tree", "{map}", "-o", str(out)], "-", MAP.read_bytes())
    assert result.exit_code == 0, shown(result)
    assert out.read_text(encoding="utf-8") == run(["tree", "{map}"], MAP).stdout


@pytest.mark.parametrize("args", [["tree", "{map}", "-o"], ["evaluate", "{map}", "-o"],
                                  ["export", "{map}", "--to", "markdown", "-o"], ["render", "{map}", "-o"]])
def test_output_over_the_map_file_is_still_refused(args, tmp_path):
    path = tmp_path / "map.dot"  # render takes its format from the suffix
    path.write_bytes(MAP.read_bytes())
    result = run([*args, str(path)], path)
    assert result.exit_code == 2, shown(result)
    assert "refusing to overwrite the input map" in result.stderr, shown(result)
    assert path.read_bytes() == MAP.read_bytes()


@pytest.mark.parametrize("command", [["tree", "{map}"], ["render", "{map}", "-o", "-"]])
def test_watch_needs_a_file(command):
    result = run([*command, "--watch"], "-", MAP.read_bytes())
    assert result.exit_code == 2, shown(result)
    assert "standard input cannot be watched" in result.stderr, shown(result)


def test_an_unknown_root_in_a_map_from_stdin_names_stdin():
    result = run(["tree", "{map}", "--root", "distractio"], "-", MAP.read_bytes())
    assert result.exit_code == 2, shown(result)
    assert "in <stdin> (did you mean `distraction`?)" in result.stderr, shown(result)


# --- FROM:TO names the inference FROM->TO


def test_explain_names_an_inference_as_from_to():
    quoted = run(["evaluate", "{map}", "--explain", "distraction->ban-phones"], MAP)
    colon = run(["evaluate", "{map}", "--explain", "distraction:ban-phones"], MAP)
    assert colon.exit_code == 0, shown(colon)
    assert colon.stdout == quoted.stdout
    assert "Why `distraction->ban-phones` is applicable" in colon.stdout, shown(colon)
    assert "`distraction->ban-phones` is applicable: its premise `distraction` is accepted, " \
        "and nothing undercuts it" in colon.stdout, shown(colon)


def test_explain_from_to_in_json_keeps_the_arrow():
    result = run(["evaluate", "{map}", "--format", "json", "--explain", "teacher-survey:distraction"], MAP)
    assert result.exit_code == 0, shown(result)
    explanation = json.loads(result.stdout)["explanation"]
    assert explanation["id"] == "teacher-survey->distraction"
    assert explanation["steps"][0] == {"id": "teacher-survey->distraction", "label": "applicable",
                                       "reason": "its premise `teacher-survey` is accepted, and nothing undercuts it",
                                       "depth": 0}
    assert [step["id"] for step in explanation["steps"][1:]] == ["teacher-survey"]


def test_explain_an_undecided_inference_names_its_cycle():
    result = run(["evaluate", "{map}", "--explain", "cheaper:switch"], DATA / "cycle.yaml")
    assert result.exit_code == 0, shown(result)
    assert "`cheaper->switch` is undecided: it depends on an attack cycle" in result.stdout, shown(result)


@pytest.mark.parametrize(("name", "hint"), [
    ("distraction:ban-phone", "(did you mean `distraction:ban-phones`?)"),
    ("Distraction:ban_phones", "(did you mean `distraction:ban-phones`?)"),
    ("distractio", "(did you mean `distraction`?)"),
])
def test_an_unknown_inference_gets_a_did_you_mean(name, hint):
    result = run(["evaluate", "{map}", "--explain", name], MAP)
    assert result.exit_code == 2, shown(result)
    assert result.stdout == "", shown(result)
    assert result.stderr == f"argmap: --explain `{name}`: not a statement, inference or attack of this map {hint}\n", \
        shown(result)


def test_an_attack_that_nothing_undercuts_is_explained_through_its_statements():
    result = run(["evaluate", "{map}", "--explain", "emergencies:ban-phones"], MAP)  # an attack, not a support
    assert result.exit_code == 2, shown(result)
    assert "nothing undercuts this attack" in result.stderr and "explain either statement" in result.stderr, \
        shown(result)


def test_a_dead_inference_names_its_rejected_premise():
    source = (b"argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: A claim}\n"
              b"  p: {text: A premise, supports: t}\ncounterclaims:\n  c: {text: Against, attacks: p}\n")
    loaded = load_bytes(source, "m.yaml")
    assert loaded.model is not None
    evaluation = evaluate(MapContext(loaded.model).graph)
    steps = explain(evaluation, "p->t")
    assert (steps[0].id, steps[0].label, steps[0].reason) == ("p->t", "dead", "`p` is rejected")
    report = EvaluationReport("t", evaluation, {"t": "A claim", "p": "A premise", "c": "Against"},
                              explained="p->t", explanation=steps)
    assert "\x1b[1mWhy `p->t` is dead\x1b[0m" in text(report, color=True)
