"""`argmap check`, `argmap rules` and `argmap --version` through typer's CliRunner."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

import argmap
from argmap.cli import app, use_color
from conftest import FOUNDATION_CODES, REPO, assert_no_traceback, write_map

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
WARNINGS = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis}\n"           # AM101 at 5:3
ERRORS = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, thesys]}\n"          # AM004 at 6:53
MIXED = ERRORS + "  b: {text: Another reason, supports: t}\n"                             # AM004 6:53, AM101 7:3

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>AM\d{3}) (?P<severity>error|warning) "
                  r"(?P<message>.+)$")
JSON_KEYS = {"path", "line", "column", "code", "name", "severity", "message"}


def invoke(runner, *args):
    result = runner.invoke(app, [str(a) for a in args])
    assert_no_traceback(result)
    return result


def problem_lines(output: str) -> list[tuple[str, int, int, str]]:
    """(path, line, column, code) of each problem line of the text output; asserts the summary line."""
    lines = output.strip("\n").split("\n")
    assert lines[-1].startswith("Checked "), output
    found = []
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, f"not a problem line: {line!r}\n{output}"
        found.append((match["path"], int(match["line"]), int(match["column"]), match["code"]))
    return found


def json_problems(runner, *args) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["check", "--format", "json", *map(str, args)])
    assert_no_traceback(result)
    return result.exit_code, json.loads(result.stdout)


# -- exit codes ----------------------------------------------------------------------------


def test_clean_map_exit_0(runner, tmp_path):
    path = write_map(tmp_path, CLEAN)
    result = invoke(runner, "check", path)
    assert result.exit_code == 0, result.output
    assert problem_lines(result.output) == []
    assert "no problems" in result.output


def test_errors_exit_1(runner, tmp_path):
    path = write_map(tmp_path, ERRORS)
    result = invoke(runner, "check", path)
    assert result.exit_code == 1, result.output
    assert problem_lines(result.output) == [(str(path), 6, 53, "AM004")]
    assert result.output.startswith(f"{path}:6:53: AM004 error `supports` of `a` names `thesys`"), result.output
    assert result.output.endswith("Checked 1 file: 1 error and 0 warnings\n"), result.output


def test_text_shows_the_severity_the_configuration_gives(runner, tmp_path):
    path = write_map(tmp_path, MIXED)
    (tmp_path / ".argmap.toml").write_text("[severity]\nAM101 = 'error'\n", encoding="utf-8")
    plain = invoke(runner, "check", "--no-config", path).output
    raised = invoke(runner, "check", "--config", tmp_path / ".argmap.toml", path).output
    assert ": AM101 warning Claim `b` has no support" in plain, plain
    assert ": AM101 error Claim `b` has no support" in raised, raised


def test_only_warnings_exit_0(runner, tmp_path):
    path = write_map(tmp_path, WARNINGS)
    result = invoke(runner, "check", path)
    assert result.exit_code == 0, result.output
    assert problem_lines(result.output) == [(str(path), 5, 3, "AM101")]


def test_warnings_exit_1_under_strict(runner, tmp_path):
    path = write_map(tmp_path, WARNINGS)
    result = invoke(runner, "check", "--strict", path)
    assert result.exit_code == 1, result.output


def test_strict_clean_map_exit_0(runner, tmp_path):
    result = invoke(runner, "check", "--strict", write_map(tmp_path, CLEAN))
    assert result.exit_code == 0, result.output


def test_path_that_does_not_exist_exit_2(runner, tmp_path):
    missing = tmp_path / "no-such-map.yaml"
    result = invoke(runner, "check", write_map(tmp_path, CLEAN), missing)
    assert result.exit_code == 2, result.output
    assert str(missing) in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_exit_2(runner, tmp_path, option):
    result = invoke(runner, "check", option, "AM999", write_map(tmp_path, CLEAN))
    assert result.exit_code == 2, result.output
    assert "AM999" in result.output


def test_unknown_format_exit_2(runner, tmp_path):
    result = invoke(runner, "check", "--format", "yaml", write_map(tmp_path, CLEAN))
    assert result.exit_code == 2, result.output


# -- --select and --ignore -----------------------------------------------------------------


@pytest.mark.parametrize("args, codes, exit_code", [
    ([], ["AM004", "AM101"], 1),
    (["--select", "AM101"], ["AM004", "AM101"], 1),  # a structural rule runs whatever --select says
    (["--select", "unsupported-claim"], ["AM004", "AM101"], 1),
    (["--select", "AM004"], ["AM004"], 1),
    (["--select", "AM101,unknown-reference"], ["AM004", "AM101"], 1),
    (["--select", "AM101", "--select", "AM004"], ["AM004", "AM101"], 1),
    (["--ignore", "unsupported-claim"], ["AM004"], 1),
    (["--ignore", "AM101,AM103"], ["AM004"], 1),
])
def test_select_and_ignore(runner, tmp_path, args, codes, exit_code):
    path = write_map(tmp_path, MIXED)
    result = invoke(runner, "check", *args, path)
    assert result.exit_code == exit_code, result.output
    assert [p[3] for p in problem_lines(result.output)] == codes


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_rule_is_named_exactly_as_argmap_rules_lists_it(runner, tmp_path, option):
    result = invoke(runner, "check", option, "am101", write_map(tmp_path, MIXED))
    assert result.exit_code == 2 and "did you mean `AM101`" in result.output, result.output


@pytest.mark.parametrize("value", ["AM004", "unknown-reference", "AM101,AM002", "AM001"])
def test_ignoring_a_structural_rule_is_a_usage_mistake(runner, tmp_path, value):
    result = invoke(runner, "check", "--ignore", value, write_map(tmp_path, MIXED))
    assert result.exit_code == 2, result.output
    assert "structural rule" in result.output and "cannot be ignored" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


# -- output --------------------------------------------------------------------------------


def test_json_format(runner, tmp_path):
    path = write_map(tmp_path, MIXED)
    exit_code, problems = json_problems(runner, path)
    assert exit_code == 1
    assert [set(p) for p in problems] == [JSON_KEYS, JSON_KEYS]
    assert {k: problems[0][k] for k in ("path", "line", "column", "code", "name", "severity")} == {
        "path": str(path), "line": 6, "column": 53, "code": "AM004", "name": "unknown-reference", "severity": "error"}
    assert "`thesys`" in problems[0]["message"]
    assert problems[1] == {
        "path": str(path), "line": 7, "column": 3, "code": "AM101", "name": "unsupported-claim",
        "severity": "warning", "message": "Claim `b` has no support",
    }


def test_json_format_clean_is_an_empty_list(runner, tmp_path):
    exit_code, problems = json_problems(runner, write_map(tmp_path, CLEAN))
    assert (exit_code, problems) == (0, [])


def test_no_colour_when_not_a_terminal(runner, tmp_path):
    result = invoke(runner, "check", write_map(tmp_path, MIXED))
    assert "\x1b[" not in result.output


def test_text_from_the_map_is_escaped(runner, tmp_path):
    path = write_map(tmp_path, CLEAN + '"\\e[2Jwipe": x\n')
    result = invoke(runner, "check", path)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output
    assert "\\x1b[2Jwipe" in result.output
    _, problems = json_problems(runner, path)
    assert "[2Jwipe" in problems[0]["message"]


def test_use_color_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())


# -- folders -------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    """A folder of maps: discovery order (root files first) differs from path order."""
    root = tmp_path / "maps"
    write_map(root, b"argmap: 1\ntitle: \"\xff\"\n", "a-bad.yaml")           # AM001 2:9
    write_map(root, MIXED, "z.yaml")                                         # AM004 6:53, AM101 7:3
    write_map(root, ERRORS, "sub/b.yml")                                     # AM004 6:53
    write_map(root, WARNINGS + "  u: {text: U}\n", "sub/deep/c.yaml")        # AM101 5:3, AM101 6:3, AM104 6:3
    write_map(root, "not: [a map", "notes.txt")
    write_map(root, "not: [a map", "sub/readme.md")
    write_map(root, "not: [a map", ".hidden.yaml")
    return root


def test_folder_is_searched_recursively_and_one_bad_file_does_not_stop_the_others(runner, tree):
    result = invoke(runner, "check", tree)
    assert result.exit_code == 1, result.output
    found = problem_lines(result.output)
    paths = {os.path.relpath(p[0], tree) for p in found}
    assert paths == {"a-bad.yaml", "z.yaml", os.path.join("sub", "b.yml"), os.path.join("sub", "deep", "c.yaml")}
    assert "Checked 4 files" in result.output


def test_output_sorted_by_path_line_column_code(runner, tree):
    result = invoke(runner, "check", tree)
    found = problem_lines(result.output)
    relative = [(os.path.relpath(p, tree), line, col, code) for p, line, col, code in found]
    assert relative == [
        ("a-bad.yaml", 2, 9, "AM001"),
        (os.path.join("sub", "b.yml"), 6, 53, "AM004"),
        (os.path.join("sub", "deep", "c.yaml"), 5, 3, "AM101"),
        (os.path.join("sub", "deep", "c.yaml"), 6, 3, "AM101"),
        (os.path.join("sub", "deep", "c.yaml"), 6, 3, "AM104"),
        ("z.yaml", 6, 53, "AM004"),
        ("z.yaml", 7, 3, "AM101"),
    ]
    _, problems = json_problems(runner, tree)
    assert [(p["path"], p["line"], p["column"], p["code"]) for p in problems] == found


def test_files_and_folders_together_each_file_once(runner, tree):
    result = invoke(runner, "check", tree / "z.yaml", tree, tree / "z.yaml")
    assert "Checked 4 files" in result.output, result.output


def test_folder_without_maps_exit_2(runner, tmp_path):
    write_map(tmp_path, "x", "notes.txt")
    result = invoke(runner, "check", tmp_path)
    assert result.exit_code == 2, result.output


# -- bad input never gives a traceback -----------------------------------------------------

BAD_INPUTS = {
    "not-utf8.yaml": b"argmap: 1\ntitle: \"caf\xe9\"\n",
    "syntax.yaml": "argmap: 1\n  title: T\n",
    "two-documents.yaml": "argmap: 1\n---\nargmap: 1\n",
    "empty.yaml": "",
    "list.yaml": "- argmap: 1\n",
    "scalar.yaml": "argmap\n",
    "control.yaml": b"argmap: 1\ntitle: \x1b[31m\n",
    "version.yaml": "argmap: 2\n",
    "python-tag.yaml": "argmap: 1\ntitle: !!python/object/apply:os.system [echo]\nthesis: t\nclaims: {}\n",
    "wrong-types.yaml": "argmap: [1]\ntitle: {a: b}\nthesis: [t]\nclaims: t\nevidence: 3\narguments: [x]\n",
    "deep-keys.yaml": "argmap: 1\n? {a: [b]}\n: c\n",
    "text-file.yaml": "argmap: 1\ntitle: T\nthesis: t\nsource: {text_file: ../../etc/passwd}\nclaims: {t: {text: T}}\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_problem_not_a_traceback(runner, tmp_path, name):
    path = write_map(tmp_path, BAD_INPUTS[name], name)
    for fmt in ("text", "json"):
        result = invoke(runner, "check", "--format", fmt, path)
        assert result.exit_code == 1, result.output
    assert json.loads(result.stdout), result.output


def test_console_script_on_a_folder_of_bad_inputs_with_a_fifo_and_a_folder(tmp_path):
    for name, source in BAD_INPUTS.items():
        write_map(tmp_path, source, name)
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "folder.yaml").mkdir()
    write_map(tmp_path, CLEAN, "folder.yaml/inner.yaml")
    command = [sys.executable, "-c", "from argmap.cli import main; main()", "check", "--format", "json", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)
    reported = {os.path.basename(p["path"]) for p in problems}
    assert reported == set(BAD_INPUTS) | {"pipe.yaml"}, reported
    assert [(p["code"], p["line"], p["column"]) for p in problems if p["path"].endswith("pipe.yaml")] == [
        ("AM001", 1, 1)]


# -- the real maps, --version, rules -------------------------------------------------------


def test_real_arguments_folder_passes_without_am107(runner):
    maps = sorted(p for p in (REPO / "arguments").rglob("*") if p.suffix in (".yaml", ".yml"))
    assert any(p.name == "beijing-parade.yaml" for p in maps)
    result = invoke(runner, "check", REPO / "arguments")
    assert result.exit_code == 0, result.output
    noun = "file" if len(maps) == 1 else "files"
    assert f"Checked {len(maps)} {noun}" in result.output, result.output
    exit_code, problems = json_problems(runner, REPO / "arguments")
    assert exit_code == 0
    assert [p for p in problems if p["code"] == "AM107"] == []
    assert all(p["severity"] == "warning" for p in problems), problems


def test_default_path_is_arguments(runner, monkeypatch):
    monkeypatch.chdir(REPO)
    result = invoke(runner, "check")
    assert result.exit_code == 0, result.output
    assert "Checked " in result.output
    assert result.output == invoke(runner, "check", "arguments").output


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0, result.output
    assert argmap.__version__ in result.output


HEAVY = ("networkx", "yaml", "rich", "graphviz", "pypdf", "rapidfuzz")
"""Libraries a command imports when it runs, never at start-up: `--version` and `--help` need none of them."""


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_start_up_imports_no_heavy_library(args):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", *args], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {name for name in imported if name.split(".")[0] in HEAVY}, sorted(imported)


def test_format_choices_are_the_renderers():
    from argmap.commands import diff, questions, stats
    from argmap.render.diff import DIFF_FORMATS
    from argmap.render.questions import QUESTIONS_FORMATS
    from argmap.render.stats import STATS_FORMATS

    assert diff.DIFF_FORMAT_NAMES == tuple(DIFF_FORMATS)
    assert questions.QUESTIONS_FORMAT_NAMES == tuple(QUESTIONS_FORMATS)
    assert stats.STATS_FORMAT_NAMES == tuple(STATS_FORMATS)


def test_rules_lists_every_code(runner):
    result = invoke(runner, "rules")
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[1:] if line.strip()}
    assert set(FOUNDATION_CODES) <= listed, listed
    for name in ("invalid-yaml", "circular-support", "quote-not-in-source", "idle-counterclaim"):
        assert name in result.output


@pytest.mark.parametrize("which", ["AM006", "am006", "circular-support"])
def test_rules_shows_one_rules_documentation(runner, which):
    result = invoke(runner, "rules", which)
    assert result.exit_code == 0, result.output
    assert "AM006" in result.output and "circular-support" in result.output
    assert "strongly connected" in result.output
    assert "AM005" in result.output  # self-support is AM005 only
    assert "AM004" not in result.output


def test_rules_unknown_exit_2(runner):
    result = invoke(runner, "rules", "AM999")
    assert result.exit_code == 2, result.output


def test_docs_rules_md_is_up_to_date(runner):
    result = invoke(runner, "rules", "--format", "markdown")
    assert result.exit_code == 0, result.output
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == result.stdout, "docs/rules.md is stale: run `make docs` and commit the result"


# -- --quiet, --statistics, --exit-zero ----------------------------------------------------------


def test_quiet_prints_the_findings_only(runner, tmp_path):
    result = invoke(runner, "check", "--quiet", write_map(tmp_path, MIXED))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert [LINE.match(line)["code"] for line in lines] == ["AM004", "AM101"]  # every line a finding
    assert invoke(runner, "check", "-q", write_map(tmp_path, CLEAN, "clean.yaml")).output == ""


def test_statistics_count_findings_per_rule(runner, tmp_path):
    write_map(tmp_path, MIXED, "a.yaml")
    write_map(tmp_path, MIXED, "b.yaml")
    result = invoke(runner, "check", "--statistics", tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "    2  AM004  error  unknown-reference",
        "    2  AM101  warning  unsupported-claim",
        "Checked 2 files: 2 errors and 2 warnings",
    ]
    assert invoke(runner, "check", "--statistics", "--format", "json", tmp_path).exit_code == 2


def test_exit_zero_passes_whatever_is_found_but_not_a_usage_mistake(runner, tmp_path):
    path = write_map(tmp_path, MIXED)
    result = invoke(runner, "check", "--exit-zero", path)
    assert result.exit_code == 0 and "AM004 error" in result.output
    assert invoke(runner, "check", "--exit-zero", "--ignore", "AM004", path).exit_code == 2
    assert invoke(runner, "check", "--exit-zero", tmp_path / "missing.yaml").exit_code == 2


def test_check_thesis_argues_from_another_statement(runner, tmp_path):
    path = write_map(tmp_path, """\
argmap: 1
title: Both sides
thesis: t
claims:
  t: {text: Lower the voting age, implicit: true}
counterclaims:
  c: {text: Teenagers are too immature, implicit: true, attacks: t, weight: 0.3}
""")
    own = runner.invoke(app, ["check", "--select", "AM105", str(path)])
    assert own.exit_code == 0 and "AM105" not in own.output, own.output
    other = runner.invoke(app, ["check", "--select", "AM105", "--thesis", "c", str(path)])
    assert other.exit_code == 0, other.output
    assert "AM105 warning The thesis `c` is rejected: it attacks `t`, which is accepted and weighs more" in other.output
    unknown = runner.invoke(app, ["check", "--thesis", "cc", str(path)])
    assert unknown.exit_code == 1
    assert "1:1: AM004 error --thesis names `cc`, which is not a statement of this map (did you mean `c`?)" \
        in unknown.output, unknown.output
