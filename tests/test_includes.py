"""Libraries and `include`: a case spread over files (tests/data/includes/ is the four-file debate case)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.checker import check_file
from argmap.cli import app
from argmap.includes import MAX_INCLUDE_DEPTH, MAX_INCLUDED_FILES
from argmap.loader import load_map
from conftest import assert_no_traceback

CASE = Path(__file__).parent / "data" / "includes"
FILES = ("case.yaml", "evidence.yaml", "opp.yaml", "prop.yaml")


@pytest.fixture
def case(tmp_path, monkeypatch):
    """The four-file case copied into a folder of its own (a repository), which is the working folder."""
    for name in FILES:
        shutil.copy(CASE / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert_no_traceback(result)
    return result


def problems(runner, *args) -> list[dict]:
    result = invoke(runner, "check", "--format", "json", *args)
    return json.loads(result.stdout)


def library(name: str, body: str = "", includes: str = "") -> str:
    head = f"argmap: 1\ntitle: {name}\nlibrary: true\n"
    return head + (f"include: {includes}\n" if includes else "") + body


def test_the_case_checks_across_files(runner, case):
    found = problems(runner, *FILES)
    assert not [p for p in found if p["code"] in ("AM002", "AM003", "AM004")], found
    assert {p["path"] for p in found} <= set(FILES)
    assert invoke(runner, "check", *FILES).exit_code == 0


def test_each_library_alone_has_no_thesis_rules(runner, case):
    for name in ("evidence.yaml", "prop.yaml", "opp.yaml"):
        codes = {p["code"] for p in problems(runner, name)}
        assert not codes & {"AM002", "AM004", "AM103", "AM104", "AM105"}, (name, codes)


def test_a_problem_in_a_shared_library_is_reported_once_where_it_is(runner, case):
    found = [p for p in problems(runner, *FILES) if p["code"] == "AM102"]
    assert [(p["path"], p["line"], p["column"]) for p in found] == [("evidence.yaml", 8, 3)]


def test_a_problem_in_a_library_is_judged_by_the_library_s_configuration(runner, case):
    (case / "lib").mkdir()
    (case / "lib" / ".argmap.toml").write_text('ignore = ["AM102"]\n')
    shutil.move(case / "evidence.yaml", case / "lib" / "evidence.yaml")
    prop = (case / "prop.yaml").read_text().replace("[evidence.yaml]", "[lib/evidence.yaml]")
    (case / "prop.yaml").write_text(prop)
    assert not [p for p in problems(runner, "case.yaml") if p["code"] == "AM102"]
    (case / ".argmap.toml").write_text('severity = {AM102 = "error"}\n')
    (case / "lib" / ".argmap.toml").unlink()  # now the top folder's configuration applies to the library
    found = [p for p in problems(runner, "case.yaml") if p["code"] == "AM102"]
    assert [(p["path"], p["severity"]) for p in found] == [("lib/evidence.yaml", "error")]


def test_evaluate_labels_statements_of_every_file(runner, case):
    result = invoke(runner, "evaluate", "case.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    labels = json.loads(result.stdout)["labels"]
    assert labels["votes-at-16"] == "accepted"  # prop.yaml
    assert labels["too-young"] == "rejected"  # opp.yaml
    assert labels["maturity-varies"] == "accepted"  # case.yaml
    assert "turnout-scotland" in labels  # evidence.yaml


def test_evaluate_json_says_which_library_each_statement_comes_from(runner, case):
    result = invoke(runner, "evaluate", "case.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    model = load_map("case.yaml").model
    assert files == {sid: stmt.file for sid, stmt in model.statements.items() if stmt.file is not None}
    assert set(files.values()) == {"evidence.yaml", "prop.yaml", "opp.yaml"} and "maturity-varies" not in files
    alone = invoke(runner, "evaluate", "evidence.yaml", "--format", "json", "--thesis", "turnout-scotland")
    assert "files" not in json.loads(alone.stdout)  # a library's own statements are its own


def test_tree_says_where_a_statement_comes_from(runner, case):
    result = invoke(runner, "tree", "case.yaml")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())  # the lines are wrapped
    assert "Sixteen-year-olds are engaged enough to vote. (from prop.yaml)" in text
    assert "adults are not tested for it." in text and "tested for it. (from" not in text


@pytest.mark.parametrize("args, written", [
    (["tree"], "one premise (argument judgement-not-formed, from opp.yaml):"),
    (["export", "--to", "markdown"], "**One premise** (argument `judgement-not-formed`, *from opp.yaml*):"),
    (["render", "-f", "dot", "-o", "-"], 'tooltip="argument judgement-not-formed\\nfrom opp.yaml"'),
    (["render", "-f", "html", "-o", "-"], '<span class="am-rolenote">from opp.yaml</span>'),
])
def test_views_say_where_a_linked_argument_comes_from(runner, case, args, written):
    result = invoke(runner, args[0], "case.yaml", *args[1:])
    assert result.exit_code == 0, result.output
    assert written in result.stdout


def test_mermaid_says_where_a_statement_comes_from(runner, case):
    result = invoke(runner, "export", "case.yaml", "--to", "mermaid")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    engaged = next(line for line in lines if line.startswith("  engaged-young("))
    assert engaged.endswith('<br/>(from prop.yaml)")'), engaged
    own = next(line for line in lines if line.startswith("  maturity-varies("))
    assert "(from" not in own, own  # the map's own statements say nothing


def test_statements_keep_their_file(case):
    model = load_map("case.yaml").model
    assert model.statements["turnout-scotland"].file == "evidence.yaml"
    assert model.statements["too-young"].file == "opp.yaml"
    assert model.statements["maturity-varies"].file is None
    assert model.includes == ["evidence.yaml", "prop.yaml", "opp.yaml"]


def test_the_same_library_by_two_paths_is_read_once(case):
    (case / "sub").mkdir()
    (case / "case.yaml").write_text((case / "case.yaml").read_text().replace(
        "[prop.yaml, opp.yaml]", "[prop.yaml, opp.yaml, ./evidence.yaml, sub/../evidence.yaml]"))
    loaded = load_map("case.yaml")
    assert loaded.issues == []
    assert loaded.model.includes == ["evidence.yaml", "prop.yaml", "opp.yaml"]


def test_an_id_defined_in_two_files_is_am003_naming_both(case):
    text = (case / "opp.yaml").read_text().replace("counterclaims:\n", "counterclaims:\n  engaged-young:\n    text: Again.\n")
    (case / "opp.yaml").write_text(text)
    result = check_file("case.yaml")
    found = [p for p in result.problems if p.code == "AM003"]
    assert [(p.path, p.line) for p in found] == [("opp.yaml", 6)]
    assert "`engaged-young` is already defined at prop.yaml:8" in found[0].message


@pytest.mark.parametrize("entry, words", [
    ("missing.yaml", "does not exist"),
    ("sub", "is a folder"),
    ("https://example.com/lib.yaml", "is a URL"),
    ("/etc/passwd", "must be a path relative"),
    ("../outside.yaml", "leads outside the repository"),
    ("link.yaml", "leads outside the repository"),
])
def test_an_include_that_cannot_be_read_is_am002_at_its_entry(runner, case, entry, words):
    (case / "sub").mkdir()
    (case.parent / "outside.yaml").write_text(library("Outside"))
    os.symlink(case.parent / "outside.yaml", case / "link.yaml")
    (case / "bad.yaml").write_text(library("Bad", includes=f"['{entry}']"))
    result = invoke(runner, "check", "bad.yaml")
    assert result.exit_code == 1, result.output
    assert f"bad.yaml:4:11: AM002 error The included file `{entry}` {words}" in result.stdout


def test_outside_a_repository_the_map_s_folder_is_the_limit(runner, case):
    (case / ".git").rmdir()
    (case / "sub").mkdir()
    (case / "sub" / "bad.yaml").write_text(library("Bad", includes="[../evidence.yaml]"))
    result = invoke(runner, "check", "sub/bad.yaml")
    assert result.exit_code == 1
    assert "AM002 error The included file `../evidence.yaml` leads outside the map's folder" in result.stdout


def test_a_map_included_as_a_library_is_am002(runner, case):
    (case / "bad.yaml").write_text(library("Bad", includes="[case.yaml]"))
    result = invoke(runner, "check", "bad.yaml")
    assert result.exit_code == 1
    assert "bad.yaml:4:11: AM002 error The included file `case.yaml` is a map, not a library" in result.stdout


def test_a_cycle_of_includes_is_am002_naming_it(runner, case):
    (case / "a.yaml").write_text(library("A", includes="[b.yaml]"))
    (case / "b.yaml").write_text(library("B", includes="[a.yaml]"))
    result = invoke(runner, "check", "a.yaml")
    assert result.exit_code == 1
    assert "b.yaml:4:11: AM002 error Included files form a cycle: `a.yaml` → `b.yaml` → `a.yaml`" in result.stdout


def test_a_library_with_a_thesis_is_am002(case):
    (case / "bad.yaml").write_text(library("Bad", "thesis: t\nclaims:\n  t: {text: T}\n"))
    found = [p for p in check_file("bad.yaml").problems if p.code == "AM002"]
    assert [(p.line, p.message) for p in found] == [(4, "A library has no `thesis`: a map that includes it names one")]


def test_a_map_of_includes_needs_no_claims(case):
    (case / "case.yaml").write_text("argmap: 1\ntitle: T\nthesis: votes-at-16\ninclude: [prop.yaml, opp.yaml]\n")
    assert not [p for p in check_file("case.yaml").problems if p.code.startswith("AM00")]


def test_a_chain_of_includes_stays_within_its_budget(runner, case):
    for index in range(1000):
        (case / f"l{index}.yaml").write_text(library(f"L{index}", f"claims:\n  c{index}: {{text: C}}\n",
                                                     includes=f"[l{index + 1}.yaml]"))
    start = time.perf_counter()
    result = invoke(runner, "check", "l0.yaml")
    assert time.perf_counter() - start < 20
    assert result.exit_code == 1
    assert f"nests too deep: libraries include one another at most {MAX_INCLUDE_DEPTH} levels" in result.stdout


def test_a_wide_fan_out_stays_within_its_budget(runner, case):
    names = [f"w{index}.yaml" for index in range(MAX_INCLUDED_FILES + 50)]
    for name in names:
        (case / name).write_text(library(name))
    (case / "fan.yaml").write_text(library("Fan", includes="[" + ", ".join(names) + "]"))
    result = invoke(runner, "check", "fan.yaml")
    assert result.exit_code == 1
    assert f"a map includes at most {MAX_INCLUDED_FILES} files" in result.stdout


def test_changed_mode_checks_the_maps_that_include_a_changed_library(runner, case):
    (case / "arguments").mkdir()
    for name in FILES:
        shutil.move(case / name, case / "arguments" / name)
    found = problems(runner, "--changed", "arguments/evidence.yaml")
    paths = {p["path"] for p in found}
    assert os.path.join("arguments", "case.yaml") in paths, found
    assert os.path.join("arguments", "evidence.yaml") in paths, found


def test_worker_processes_judge_a_library_by_its_configuration_too(runner, case):
    (case / "lib").mkdir()
    (case / "lib" / ".argmap.toml").write_text('severity = {AM102 = "error"}\n')
    shutil.move(case / "evidence.yaml", case / "lib" / "evidence.yaml")
    (case / "prop.yaml").write_text((case / "prop.yaml").read_text().replace("[evidence.yaml]", "[lib/evidence.yaml]"))
    extra = [f"m{index}.yaml" for index in range(90)]
    for name in extra:
        (case / name).write_text("argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n")
    for jobs in ("1", "2"):
        found = [p for p in problems(runner, "--jobs", jobs, "case.yaml", "opp.yaml", *extra) if p["code"] == "AM102"]
        assert [(p["path"], p["severity"]) for p in found] == [("lib/evidence.yaml", "error")], jobs


@pytest.mark.parametrize("args", [
    ("tree", "evidence.yaml"),
    ("evaluate", "evidence.yaml"),
    ("export", "evidence.yaml", "--to", "markdown"),
    ("render", "evidence.yaml", "-f", "html", "-o", "page.html"),
])
def test_a_view_that_needs_a_thesis_says_a_library_has_none(runner, case, args):
    result = invoke(runner, *args)
    assert result.exit_code == 2, result.output
    assert "evidence.yaml: a library has no thesis" in result.output


def test_a_library_is_viewed_from_a_root(runner, case):
    result = invoke(runner, "tree", "prop.yaml", "--root", "votes-at-16")
    assert result.exit_code == 0, result.output
    assert "(from evidence.yaml)" in " ".join(result.stdout.replace("│", " ").split())


# ---- `as:` aliases (tests/data/includes/aliases/) ------------------------------------------------------------

ALIASES = CASE / "aliases"
ALIAS_FILES = ("cards.yaml", "prop.yaml", "opp.yaml", "case.yaml", "nested.yaml")


@pytest.fixture
def aliased(tmp_path, monkeypatch):
    """The aliased case (cards ← prop ← opp; case.yaml includes prop.yaml `as: motion`, nested.yaml includes
    opp.yaml `as: debate`, which includes prop.yaml `as: prop`) in a repository of its own, the working folder."""
    for name in ALIAS_FILES:
        shutil.copy(ALIASES / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def labels(runner, *args) -> dict[str, str]:
    result = invoke(runner, "evaluate", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["labels"]


def test_an_aliased_library_is_seen_under_its_alias(runner, aliased):
    found = labels(runner, "case.yaml")
    assert found == {"motion.turnout": "accepted", "motion.habit": "accepted", "motion.votes": "accepted",
                     "motion.engaged": "accepted", "motion.lifelong": "accepted", "youth-voice": "accepted"}
    result = invoke(runner, "check", "case.yaml")
    assert result.exit_code == 0, result.output
    assert not [p for p in problems(runner, "case.yaml") if p["code"].startswith("AM00")]


def test_the_thesis_names_a_statement_by_its_alias(runner, aliased):
    result = invoke(runner, "evaluate", "case.yaml", "--format", "json")
    assert json.loads(result.stdout)["thesis"] == "motion.votes"
    (aliased / "case.yaml").write_text((aliased / "case.yaml").read_text().replace("thesis: motion.votes",
                                                                                   "thesis: votes"))
    found = [(p["code"], p["line"], p["column"]) for p in problems(runner, "case.yaml") if p["code"] == "AM004"]
    assert found == [("AM004", 3, 9)]  # without its alias, the library's id is not the map's


def test_aliases_nest_and_a_library_names_its_includes_within_its_own_namespace(runner, aliased):
    found = labels(runner, "nested.yaml")
    assert found["debate.prop.votes"] == "accepted"
    assert found["debate.too-young"] == "rejected"  # opp.yaml's `attacks: prop.engaged`
    assert found["debate.prop.turnout"] == "accepted"  # cards.yaml, included plainly by prop.yaml
    assert found["maturity-varies"] == "accepted"
    model = load_map("nested.yaml").model
    assert model.statements["debate.prop.turnout"].file == "cards.yaml"
    assert model.arguments["debate.prop.turnout-shows"].premises[0].id == "debate.prop.turnout"
    assert model.statements["debate.too-young"].attacks[0].id == "debate.prop.engaged"
    assert invoke(runner, "check", "nested.yaml").exit_code == 0


def test_every_kind_of_reference_in_an_aliased_library_takes_the_alias(aliased):
    (aliased / "lib.yaml").write_text(library("Lib", """claims:
  c: {text: C}
  p: {text: P}
  q: {text: Q, supports: c, attacks: r, contradicts: s}
  r: {text: R}
  s: {text: S}
  u:
    text: U
    undercuts: [arg, {from: q, to: c}]
    answers: {argument: arg, question: expertise}
arguments:
  arg: {premises: [p], conclusion: c, scheme: expert-opinion}
"""))
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: l.c\ninclude: [{path: lib.yaml, as: l}]\n")
    loaded = load_map("map.yaml")
    assert loaded.issues == []
    stmts = loaded.model.statements
    assert [ref.id for ref in (*stmts["l.q"].supports, *stmts["l.q"].attacks, *stmts["l.q"].contradicts)] == \
        ["l.c", "l.r", "l.s"]
    cut_arg, cut_link = stmts["l.u"].undercuts
    assert cut_arg.argument.id == "l.arg" and (cut_link.source.id, cut_link.target.id) == ("l.q", "l.c")
    answer = stmts["l.u"].answers[0]
    assert (answer.argument.id, answer.question.id) == ("l.arg", "expertise")  # the scheme's question keeps its id
    argument = loaded.model.arguments["l.arg"]
    assert ([ref.id for ref in argument.premises], argument.conclusion.id) == (["l.p"], "l.c")
    assert not [p for p in check_file("map.yaml").problems if p.code.startswith("AM00")]


def test_problems_in_an_aliased_library_point_at_the_library(runner, aliased):
    (aliased / "lib.yaml").write_text(library("Lib", """claims:
  c: {text: C, supports: nowhere}
evidence:
  e: {text: E, supports: c}
  f: {text: F, supports: c, ignore: AM102}
"""))
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: l.c\ninclude:\n  - {path: lib.yaml, as: l}\n")
    found = [(p["path"], p["line"], p["column"], p["code"], p["message"]) for p in problems(runner, "map.yaml")
             if p["code"] in ("AM004", "AM102", "AM901")]
    assert found == [
        ("lib.yaml", 5, 26, "AM004", "`supports` of `l.c` names `l.nowhere`, which is not defined"),
        ("lib.yaml", 7, 3, "AM102", "Evidence `l.e` has no source"),
    ], found  # `ignore` in the library silences a problem about its statement under the alias too


def test_a_problem_in_an_aliased_library_checked_beside_its_map_is_reported_once(runner, aliased):
    (aliased / "lib.yaml").write_text(library("Lib", "claims:\n  c: {text: C}\nevidence:\n  e: {text: E, supports: c}\n"))
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: l.c\ninclude:\n  - {path: lib.yaml, as: l}\n")
    for order in (["map.yaml", "lib.yaml"], ["lib.yaml", "map.yaml"]):
        found = [(p["path"], p["line"], p["column"]) for p in problems(runner, *order) if p["code"] == "AM102"]
        assert found == [("lib.yaml", 7, 3)], (order, found)  # named `l.e` through the map, `e` alone


def test_an_id_collision_between_aliased_files_is_am003_naming_both(aliased):
    (aliased / "other.yaml").write_text(library("Other", "claims:\n  votes: {text: Again}\n"))
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: m.votes\n"
                                      "include: [{path: prop.yaml, as: m}, {path: other.yaml, as: m}]\n")
    found = [p for p in check_file("map.yaml").problems if p.code == "AM003"]
    assert [(p.path, p.line, p.column) for p in found] == [("other.yaml", 5, 3)]
    assert found[0].message == "`m.votes` is already defined at prop.yaml:6"
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: m.votes\n"
                                      "include: [{path: prop.yaml, as: m}, {path: other.yaml, as: o}]\n")
    assert not [p for p in check_file("map.yaml").problems if p.code.startswith("AM00")]


@pytest.mark.parametrize("entries, position, words", [
    ("[prop.yaml, {path: prop.yaml, as: p}]", (4, 29),
     "The included file `prop.yaml` is already included without an alias, here as `p`"),
    ("[{path: prop.yaml, as: p}, {path: cards.yaml, as: c}]", (4, 44),
     "The included file `cards.yaml` is already included as `p`, here as `c`"),
    ("[{path: prop.yaml, as: p}, cards.yaml]", (4, 37),
     "The included file `cards.yaml` is already included as `p`, here without an alias"),
])
def test_one_file_under_two_aliases_is_am002_at_the_second_entry(runner, aliased, entries, position, words):
    (aliased / "map.yaml").write_text(f"argmap: 1\ntitle: M\nthesis: p.votes\ninclude: {entries}\n")
    result = invoke(runner, "check", "map.yaml")
    assert result.exit_code == 1, result.output
    line, column = position
    assert f"map.yaml:{line}:{column}: AM002 error {words}: a file is included under one alias only" \
        in result.stdout, result.stdout


def test_the_same_file_under_the_same_alias_is_read_once(aliased):
    (aliased / "map.yaml").write_text("argmap: 1\ntitle: M\nthesis: p.votes\n"
                                      "include: [{path: prop.yaml, as: p}, {path: ./prop.yaml, as: p}]\n")
    loaded = load_map("map.yaml")
    assert loaded.issues == []
    assert loaded.model.includes == ["cards.yaml", "prop.yaml"]


@pytest.mark.parametrize("entry, position, message", [
    ("{path: prop.yaml, as: a.b}", (4, 33), "Invalid alias `a.b` in `include`"),
    ("{path: prop.yaml, as: x-p}", (4, 33), "Invalid alias `x-p` in `include`"),
    ("{path: prop.yaml, as: 'two words'}", (4, 33), "Invalid alias `two words` in `include`"),
    ("{path: prop.yaml, as: ''}", (4, 33), "`as` of an entry of `include` must not be empty"),
    ("{path: prop.yaml, as: [p]}", (4, 33), "`as` of an entry of `include` must be text, not a list"),
    ("{path: prop.yaml, as: p, with: q}", (4, 36), "Unknown key `with` in an entry of `include`"),
    ("{as: p}", (4, 11), "An entry of `include` lacks the required key `path`"),
    ("{path: ~, as: p}", (4, 18), "`path` of an entry of `include` must be text, not null"),
])
def test_a_bad_entry_of_include_is_am002_where_it_is_written(runner, aliased, entry, position, message):
    (aliased / "map.yaml").write_text(f"argmap: 1\ntitle: M\nthesis: p.votes\ninclude: [{entry}]\n")
    result = invoke(runner, "check", "map.yaml")
    assert result.exit_code == 1, result.output
    line, column = position
    assert f"map.yaml:{line}:{column}: AM002 error {message}" in result.stdout, result.stdout


def test_the_schema_accepts_an_aliased_include_and_rejects_a_bad_alias():
    import jsonschema
    import yaml

    from argmap.schema import map_schema

    validator = jsonschema.Draft7Validator(map_schema())
    for name in ALIAS_FILES:
        assert list(validator.iter_errors(yaml.safe_load((ALIASES / name).read_text()))) == [], name
    head = {"argmap": 1, "title": "T", "thesis": "a.t"}
    for entry in ({"path": "l.yaml", "as": "a.b"}, {"path": "l.yaml", "with": "q"}, {"as": "a"}):
        assert list(validator.iter_errors({**head, "include": [entry]})), entry


# ---- a map on standard input ------------------------------------------------------------------------------


def run_module(folder: Path, *args: str, stdin: bytes) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "argmap", *args], input=stdin.decode(), cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_stdin_with_a_filename_resolves_includes_beside_it(case):
    (case / "sub").mkdir()
    for name in FILES:
        shutil.move(case / name, case / "sub" / name)
    data = (case / "sub" / "case.yaml").read_bytes()
    result = run_module(case, "check", "--format", "json", "--stdin-filename", "sub/case.yaml", "-", stdin=data)
    assert result.returncode == 0, result.stdout + result.stderr
    found = json.loads(result.stdout)
    assert not [p for p in found if p["code"].startswith("AM00")], found
    assert ("sub/evidence.yaml", 8, 3, "AM102") in [(p["path"], p["line"], p["column"], p["code"]) for p in found]


def test_stdin_with_a_filename_keeps_includes_inside_the_repository(case):
    data = b"argmap: 1\ntitle: T\nthesis: t\ninclude: [../outside.yaml]\nclaims:\n  t: {text: T}\n"
    (case.parent / "outside.yaml").write_text(library("Outside"))
    result = run_module(case, "check", "--stdin-filename", "map.yaml", "-", stdin=data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "map.yaml:4:11: AM002 error The included file `../outside.yaml` leads outside the repository" \
        in result.stdout


def test_stdin_without_a_filename_cannot_include(case):
    data = (case / "case.yaml").read_bytes()
    result = run_module(case, "check", "-", stdin=data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("<stdin>:4:11: AM002 error `include` cannot be resolved for a map read from standard input"
            in result.stdout), result.stdout
    evaluated = run_module(case, "evaluate", "-", stdin=data)
    assert evaluated.returncode == 1, evaluated.stdout + evaluated.stderr
    assert "`include` cannot be resolved for a map read from standard input" in evaluated.stderr


# ---- the includes of `argmap diff git:REV:PATH` -----------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose HEAD holds `maps/case.yaml` (including `lib/prop.yaml` as `motion`, which includes
    `lib/cards.yaml`) and a work tree where prop.yaml has changed: `engaged` reworded and attacked."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setenv("HOME", str(tmp_path))
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    top = tmp_path / "repo"
    (top / "maps" / "lib").mkdir(parents=True)
    git(top, "init", "-q")
    for name in ("cards.yaml", "prop.yaml"):
        shutil.copy(ALIASES / name, top / "maps" / "lib" / name)
    (top / "maps" / "case.yaml").write_text((ALIASES / "case.yaml").read_text().replace(
        "path: prop.yaml", "path: lib/prop.yaml"))
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "first")
    prop = top / "maps" / "lib" / "prop.yaml"
    prop.write_text(prop.read_text().replace("engaged enough to vote.", "engaged enough to vote well.")
                    + "counterclaims:\n  apathy:\n    text: \"Most sixteen-year-olds do not care.\"\n"
                      "    attacks: engaged\n")
    monkeypatch.chdir(top)
    return top


@needs_git
def test_diff_reads_the_old_map_s_includes_at_the_revision(runner, repo):
    from argmap.gitread import load_at_revision

    loaded = load_at_revision("git:HEAD:maps/case.yaml")
    assert loaded.issues == []
    assert loaded.model.statements["motion.engaged"].text == "Sixteen-year-olds are engaged enough to vote."
    assert loaded.model.statements["motion.turnout"].file == "git:HEAD:maps/lib/cards.yaml"
    result = invoke(runner, "diff", "git:HEAD:maps/case.yaml", "maps/case.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["added"] == ["motion.apathy"]
    assert found["reworded"] == ["motion.engaged"]
    assert {"id": "motion.engaged", "old": "accepted", "new": "rejected"} in [
        {key: label[key] for key in ("id", "old", "new")} for label in found["labels"]]


@needs_git
def test_an_include_missing_at_the_revision_is_am002(runner, repo):
    (repo / "maps" / "case.yaml").write_text("argmap: 1\ntitle: T\nthesis: t\ninclude: [lib/new.yaml]\n"
                                            "claims:\n  t: {text: T}\n")
    git(repo, "commit", "-q", "-m", "second", "maps/case.yaml")
    (repo / "maps" / "lib" / "new.yaml").write_text(library("New"))  # on disk, never committed
    result = invoke(runner, "diff", "git:HEAD:maps/case.yaml", "maps/case.yaml")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == ("git:HEAD:maps/case.yaml:4:11: AM002 error The included file "
                                             "`lib/new.yaml` does not exist at `HEAD`"), result.stderr
    git(repo, "add", "maps/lib/new.yaml")
    git(repo, "commit", "-q", "-m", "third")
    assert invoke(runner, "diff", "git:HEAD:maps/case.yaml", "maps/case.yaml").exit_code == 0


@needs_git
@pytest.mark.parametrize("entry, words", [
    ("../../outside.yaml", "leads outside the repository"),
    ("lib", "is a folder at `HEAD`, not a library file"),
    ("link.yaml", "cannot be read at `HEAD`: it is a symbolic link at the revision, not a regular file"),
])
def test_an_include_at_the_revision_stays_a_file_in_the_repository(runner, repo, entry, words):
    os.symlink("lib/cards.yaml", repo / "maps" / "link.yaml")
    (repo / "maps" / "bad.yaml").write_text(f"argmap: 1\ntitle: T\nthesis: t\ninclude: ['{entry}']\n"
                                           "claims:\n  t: {text: T}\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second")
    result = invoke(runner, "diff", "git:HEAD:maps/bad.yaml", "maps/bad.yaml")
    assert result.exit_code == 2, result.output
    assert f"git:HEAD:maps/bad.yaml:4:11: AM002 error The included file `{entry}` {words}" in result.stderr, \
        result.stderr
