"""Libraries and `include`: a case spread over files (tests/data/includes/ is the four-file debate case)."""

from __future__ import annotations

import json
import os
import shutil
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


def test_tree_says_where_a_statement_comes_from(runner, case):
    result = invoke(runner, "tree", "case.yaml")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())  # the lines are wrapped
    assert "Sixteen-year-olds are engaged enough to vote. (from prop.yaml)" in text
    assert "adults are not tested for it." in text and "tested for it. (from" not in text


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
