"""`argmap check`'s report formats, each read back by a real parser or schema.

github: a parser of workflow commands written here from GitHub's escaping rules;
sarif: the official SARIF 2.1.0 JSON Schema; junit: Jenkins xUnit's junit-10.xsd (tests/data/junit-10.xsd,
MIT, from jenkinsci/xunit-plugin) through lxml; json: exact keys.
Also --output, --format auto, --show-source, standard input and --jobs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from argmap.checker import CheckResult
from argmap.cli import app
from argmap.problems import Problem
from argmap.render import REPORT_FORMATS, ReportOptions, reporter
from argmap.rules import RULES
from conftest import REPO, assert_no_traceback, write_map

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
WARNING_ONLY = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis}\n"            # AM101 5:3
TWO_ERRORS = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, thesys, nope]}\n"  # AM004 6:53, 6:61
ERROR_AND_WARNING = CLEAN + "  a: {text: A reason, supports: [t, thesys]}\n"                 # AM004 6:37, AM101 6:3

JSON_KEYS = ["path", "line", "column", "code", "name", "severity", "message"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A working folder with four maps: clean, warning only, two errors, an error and a warning."""
    folder = tmp_path / "repo"
    write_map(folder, CLEAN, "maps/clean.yaml")
    write_map(folder, WARNING_ONLY, "maps/warning-only.yaml")
    write_map(folder, TWO_ERRORS, "maps/two-errors.yaml")
    write_map(folder, ERROR_AND_WARNING, "maps/sub/error-and-warning.yml")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return folder


def run(runner, *args, input=None):
    result = runner.invoke(app, [str(a) for a in args], input=input)
    assert_no_traceback(result)
    return result


def problems_of(path: str) -> list[Problem]:
    return [Problem(path, 1, 1, "AM101", "unsupported-claim", "warning", "m")]


def test_every_reporter_is_a_format_choice(runner):
    result = run(runner, "check", "--help")
    for name in ("auto", *REPORT_FORMATS):
        assert name in result.output
    assert {"text", "json", "github", "sarif", "junit"} <= set(REPORT_FORMATS)


# -- github ------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(?P<command>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def _unescape_property(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _unescape_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse_workflow_commands(output: str) -> list[dict]:
    """Workflow commands as the Actions runner reads them: command, properties, message.

    Properties are split on `,` and then on the first `=`; a raw `:` or `,` in a value,
    or a raw newline in a message, breaks the parse (which is the point of the test).
    """
    commands = []
    for line in output.split("\n"):
        if not line.startswith("::"):
            continue
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = {}
        for item in filter(None, (match["properties"] or "").split(",")):
            key, sep, value = item.partition("=")
            assert sep, f"property without `=` in {line!r}"
            properties[key] = _unescape_property(value)
        commands.append({"command": match["command"], **properties, "message": _unescape_data(match["message"])})
    return commands


def test_github_one_command_per_problem(runner, repo):
    result = run(runner, "check", "--format", "github", "maps")
    assert result.exit_code == 1, result.output
    commands = parse_workflow_commands(result.stdout)
    assert [(c["command"], c["file"], c["line"], c["col"], c["title"]) for c in commands] == [
        ("warning", "maps/sub/error-and-warning.yml", "6", "3", "argmap AM101"),
        ("error", "maps/sub/error-and-warning.yml", "6", "37", "argmap AM004"),
        ("error", "maps/two-errors.yaml", "6", "53", "argmap AM004"),
        ("error", "maps/two-errors.yaml", "6", "61", "argmap AM004"),
        ("warning", "maps/warning-only.yaml", "5", "3", "argmap AM101"),
    ]
    assert commands[1]["message"].startswith("`supports` of `a` names `thesys`")
    assert result.stdout.rstrip("\n").split("\n")[-1].startswith("Checked 4 files")


def test_github_escapes_message_and_properties():
    nasty = Problem("dir,x/we:ird%25.yaml", 3, 4, "AM004", "unknown-reference", "error",
                    "100% sure:\r\nline two, with a comma::")
    output = reporter("github")([CheckResult(nasty.path, [nasty])], ReportOptions(root="/nowhere"))
    command_lines = [line for line in output.split("\n") if line.startswith("::")]
    assert len(command_lines) == 1, output  # CR and LF did not split the command
    assert "\r" not in output
    (command,) = parse_workflow_commands(output)
    assert command == {"command": "error", "file": "dir,x/we:ird%25.yaml", "line": "3", "col": "4",
                       "title": "argmap AM004", "message": "100% sure:\r\nline two, with a comma::"}
    assert "file=dir%2Cx/we%3Aird%2525.yaml" in command_lines[0]


def test_github_escaping_of_a_real_file_and_reference(runner, repo):
    write_map(repo, CLEAN + "  a: {text: R, implicit: true, supports: '50%: a, b'}\n", "odd,na:me%.yaml")
    result = run(runner, "check", "--format", "github", "odd,na:me%.yaml")
    (command,) = [c for c in parse_workflow_commands(result.stdout) if c["title"] == "argmap AM004"]
    assert command["file"] == "odd,na:me%.yaml"
    assert "`50%: a, b`" in command["message"]


# -- sarif -------------------------------------------------------------------------------


def sarif_of(runner, *args) -> dict:
    result = run(runner, "check", "--format", "sarif", *args)
    assert result.exit_code in (0, 1), result.output
    log = json.loads(result.stdout)
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)
    return log


def test_sarif_validates_and_lists_every_rule(runner, repo):
    log = sarif_of(runner, "maps")
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for rule, registered in zip(rules, RULES.values()):
        assert rule["name"] == registered.name
        assert rule["shortDescription"]["text"] == registered.summary
        assert "What it finds" in rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] == registered.severity


def test_sarif_results_have_rule_level_region_and_relative_uri(runner, repo):
    (sarif_run,) = sarif_of(runner, "maps")["runs"]
    got = []
    for result in sarif_run["results"]:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not urlparse(uri).scheme and not uri.startswith("/"), uri
        assert (repo / unquote(uri)).is_file(), uri
        assert sarif_run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        region = physical["region"]
        got.append((unquote(uri), region["startLine"], region["startColumn"], result["ruleId"], result["level"]))
    assert got == [
        ("maps/sub/error-and-warning.yml", 6, 3, "AM101", "warning"),
        ("maps/sub/error-and-warning.yml", 6, 37, "AM004", "error"),
        ("maps/two-errors.yaml", 6, 53, "AM004", "error"),
        ("maps/two-errors.yaml", 6, 61, "AM004", "error"),
        ("maps/warning-only.yaml", 5, 3, "AM101", "warning"),
    ]


def test_sarif_clean_run_and_awkward_paths(runner, repo):
    log = sarif_of(runner, "maps/clean.yaml")
    assert log["runs"][0]["results"] == []
    write_map(repo, WARNING_ONLY, "my maps/a #1.yaml")
    (result,) = sarif_of(runner, str(repo / "my maps"))["runs"][0]["results"]  # absolute, inside the folder
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20maps/a%20%231.yaml"


def test_sarif_path_outside_the_working_folder_is_a_file_uri(runner, repo, tmp_path):
    outside = write_map(tmp_path / "elsewhere", WARNING_ONLY)
    (result,) = sarif_of(runner, outside)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert urlparse(uri).scheme == "file" and Path(unquote(urlparse(uri).path)) == outside


def test_sarif_schema_rejects_a_broken_log():
    """The schema test can fail: a result without a message is not SARIF."""
    log = json.loads(reporter("sarif")([CheckResult("a.yaml", problems_of("a.yaml"))], ReportOptions(root="/r")))
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)


# -- junit -------------------------------------------------------------------------------


JUNIT_XSD = REPO / "tests" / "data" / "junit-10.xsd"


def valid_junit(text: str) -> ET.Element:
    """The report parsed, after lxml has validated it against junit-10.xsd."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    return ET.fromstring(text.encode("utf-8"))


def junit_of(runner, *args) -> tuple[ET.Element, object]:
    result = run(runner, "check", "--format", "junit", *args)
    return valid_junit(result.stdout), result


def test_junit_one_suite_per_map_and_one_case_per_finding(runner, repo):
    root, result = junit_of(runner, "maps")
    assert result.exit_code == 1
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [
        "maps/clean.yaml", "maps/sub/error-and-warning.yml", "maps/two-errors.yaml", "maps/warning-only.yaml"]
    for name, suite in suites.items():
        assert suite.find("properties/property[@name='file']").get("value") == name
        assert re.fullmatch(r"\d+\.\d{3}", suite.get("time")), suite.get("time")
        assert all(case.get("time") == "0.000" and case.get("classname") == name for case in suite.findall("testcase"))
    clean = suites["maps/clean.yaml"].findall("testcase")
    assert [(c.get("name"), c.find("failure")) for c in clean] == [("no problems", None)]
    two = suites["maps/two-errors.yaml"]
    assert (two.get("tests"), two.get("failures")) == ("2", "2")
    failures = [case.find("failure") for case in two.findall("testcase")]
    assert [f.get("type") for f in failures] == ["AM004", "AM004"]
    assert failures[0].text.strip() == ("maps/two-errors.yaml:6:53: AM004 `supports` of `a` names `thesys`, "
                                        "which is not defined")
    assert two.findall("testcase")[0].get("name") == "AM004 unknown-reference (6:53)"
    mixed = suites["maps/sub/error-and-warning.yml"]
    assert (mixed.get("tests"), mixed.get("failures")) == ("2", "1")  # the warning passes, with its line
    warning = suites["maps/warning-only.yaml"].find("testcase")
    assert warning.find("failure") is None and "AM101" in warning.find("system-out").text
    total = sum(int(suite.get("tests")) for suite in suites.values())
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(total), "3", "0")


def test_junit_strict_fails_warnings(runner, repo):
    root, result = junit_of(runner, "--strict", "maps")
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert suites["maps/sub/error-and-warning.yml"].get("failures") == "2"
    (case,) = suites["maps/warning-only.yaml"].findall("testcase")
    assert case.find("failure").get("type") == "AM101"
    assert root.get("failures") == "5"


def test_junit_counts_problems_past_the_limit():
    problems = [Problem("big.yaml", i, 1, "AM004", "unknown-reference", "error", f"number {i}") for i in range(1, 3)]
    result = CheckResult("big.yaml", problems, omitted={"error": 7, "warning": 2})
    root = valid_junit(reporter("junit")([result], ReportOptions(root="/r")))
    last = root.findall("testsuite/testcase")[-1]
    assert last.get("name") == "9 more problems not listed" and last.find("failure") is not None


def test_junit_escapes_markup_and_control_characters():
    problem = Problem('a<&>"b.yaml', 1, 1, "AM004", "unknown-reference", "error", 'names `<x>` & "y" \x00\x1b')
    text = reporter("junit")([CheckResult(problem.path, [problem])], ReportOptions(root="/r"))
    root = valid_junit(text)
    suite = root.find("testsuite")
    assert suite.get("name") == 'a<&>"b.yaml'
    assert 'names `<x>` & "y" \\x00\\x1b' in suite.find("testcase/failure").text


def test_the_junit_schema_catches_what_it_must():
    """The validation above can fail: the report argmap wrote before this test existed did not pass."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    old = ('<testsuites><testsuite name="argmap check" tests="1" failures="0" errors="0">'
           '<testcase name="a.yaml" file="a.yaml"/></testsuite></testsuites>')
    assert not schema.validate(etree.fromstring(old.encode()))  # `file` is not allowed on a testcase
    assert not schema.validate(etree.fromstring(b'<testsuites><testsuite name="x" tests="1" failures="0" errors="0" '
                                                b'time="1,5"/></testsuites>'))


# -- grouped -----------------------------------------------------------------------------


def test_grouped_lists_each_file_s_problems_under_it(runner, repo):
    result = run(runner, "check", "--format", "grouped", "maps")
    assert result.exit_code == 1
    blocks = result.stdout.strip().split("\n\n")
    heads = [block.splitlines()[0] for block in blocks[:-1]]
    assert heads == ["maps/sub/error-and-warning.yml:", "maps/two-errors.yaml:", "maps/warning-only.yaml:"]
    assert blocks[1].splitlines()[1:] == [
        "  6:53 AM004 error `supports` of `a` names `thesys`, which is not defined",
        "  6:61 AM004 error `supports` of `a` names `nope`, which is not defined"]
    assert blocks[-1].startswith("Checked 4 files: ")
    assert run(runner, "check", "--format", "grouped", "--quiet", "maps/clean.yaml").stdout == ""


# -- json --------------------------------------------------------------------------------


def test_json_keys_are_stable(runner, repo):
    result = run(runner, "check", "--format", "json", "maps")
    problems = json.loads(result.stdout)
    assert len(problems) == 5
    for problem in problems:
        assert list(problem) == JSON_KEYS, "the --format json keys changed: that breaks every consumer"
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
        assert problem["severity"] in ("error", "warning")
    assert problems[1] == {
        "path": os.path.join("maps", "sub", "error-and-warning.yml"), "line": 6, "column": 37, "code": "AM004",
        "name": "unknown-reference", "severity": "error",
        "message": "`supports` of `a` names `thesys`, which is not defined",
    }


def test_json_empty_list_when_clean(runner, repo):
    assert json.loads(run(runner, "check", "--format", "json", "maps/clean.yaml").stdout) == []


# -- --output, --format auto ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "grouped", "json", "github", "sarif", "junit"])
def test_output_file_holds_what_stdout_would(runner, repo, fmt):
    shown = run(runner, "check", "--format", fmt, "maps")
    (repo / "out").mkdir()
    target = repo / "out" / "report"
    target.write_text("old content", encoding="utf-8")
    written = run(runner, "check", "--format", fmt, "--output", target, "maps")
    assert written.exit_code == shown.exit_code == 1
    assert written.stdout == ""
    if fmt == "junit":  # each run is timed afresh
        untimed = lambda text: re.sub(r' time="[0-9.]+"', "", text)  # noqa: E731
        assert untimed(target.read_text(encoding="utf-8")) == untimed(shown.stdout)
    else:
        assert target.read_text(encoding="utf-8") == shown.stdout
    assert sorted(p.name for p in (repo / "out").iterdir()) == ["report"]  # no temporary file left behind


def test_output_errors_exit_2_and_never_overwrite_a_map(runner, repo):
    result = run(runner, "check", "--output", repo / "missing" / "report.txt", "maps")
    assert result.exit_code == 2, result.output
    before = (repo / "maps" / "clean.yaml").read_bytes()
    result = run(runner, "check", "--output", "maps/clean.yaml", "maps")
    assert result.exit_code == 2, result.output
    assert (repo / "maps" / "clean.yaml").read_bytes() == before


def test_format_auto(runner, repo, monkeypatch):
    plain = run(runner, "check", "maps")
    assert plain.stdout == run(runner, "check", "--format", "text", "maps").stdout
    assert "\x1b[" not in plain.stdout
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    annotated = run(runner, "check", "maps")
    assert len(parse_workflow_commands(annotated.stdout)) == 5
    assert run(runner, "check", "--format", "text", "maps").stdout == plain.stdout


def test_format_auto_colours_only_a_terminal_and_never_a_file(runner, repo, monkeypatch):
    monkeypatch.setattr("argmap.checkrun.use_color", lambda stream=None: True)
    assert "\x1b[" in run(runner, "check", "maps").stdout
    run(runner, "check", "--output", "report.txt", "maps")
    assert "\x1b[" not in (repo / "report.txt").read_text(encoding="utf-8")


# -- --show-source -------------------------------------------------------------------------


def test_show_source_puts_a_caret_under_the_column(runner, repo):
    result = run(runner, "check", "--show-source", "maps/two-errors.yaml")
    lines = result.stdout.split("\n")
    source_line = TWO_ERRORS.split("\n")[5]
    for column in (53, 61):
        head = next(i for i, line in enumerate(lines) if line.startswith(f"maps/two-errors.yaml:6:{column}:"))
        shown, caret = lines[head + 1], lines[head + 2]
        gutter = shown.index("| ") + 2
        assert shown[gutter:] == source_line
        assert caret.index("^") - gutter == column - 1, caret
        assert source_line[column - 1:].startswith(("thesys", "nope"))


def test_show_source_escapes_control_characters_and_keeps_the_caret(runner, repo):
    # A tab before the error counts as one column, and is shown as one space.
    write_map(repo, CLEAN + "  a: {text: \"R\\x1b\",\timplicit: true, supports: zz}\n", "ctl.yaml")
    result = run(runner, "check", "--show-source", "ctl.yaml")
    lines = result.stdout.split("\n")
    head = next(i for i, line in enumerate(lines) if " AM004 " in line)
    column = int(lines[head].split(":")[2])
    gutter = lines[head + 1].index("| ") + 2
    assert lines[head + 1][gutter + column - 1:].startswith("zz")
    assert lines[head + 2].index("^") - gutter == column - 1


# -- standard input ------------------------------------------------------------------------


def test_stdin_with_and_without_a_name(runner, repo):
    result = run(runner, "check", "--format", "json", "-", input=ERROR_AND_WARNING)
    assert result.exit_code == 1, result.output
    assert {p["path"] for p in json.loads(result.stdout)} == {"<stdin>"}
    result = run(runner, "check", "--format", "json", "-", "--stdin-filename", "maps/draft.yaml",
                 input=ERROR_AND_WARNING)
    assert [(p["path"], p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)] == [
        ("maps/draft.yaml", 6, 3, "AM101"), ("maps/draft.yaml", 6, 37, "AM004")]
    result = run(runner, "check", "--stdin-filename", "x.yaml", input=CLEAN)  # `-` is implied
    assert result.exit_code == 0, result.output


def test_stdin_resolves_text_file_beside_the_named_file(runner, repo):
    (repo / "maps" / "essay.txt").write_text("The sky is blue today.", encoding="utf-8")
    source = ("argmap: 1\ntitle: T\nthesis: t\nsource: {text_file: essay.txt}\nclaims:\n"
              "  t: {text: T, implicit: true}\nevidence:\n"
              "  e: {text: E, supports: t, source: S, quote: 'The sky is green'}\n")
    result = run(runner, "check", "--format", "json", "-", "--stdin-filename", "maps/new.yaml", input=source)
    assert [p["code"] for p in json.loads(result.stdout)] == ["AM107"]
    result = run(runner, "check", "--format", "json", "-", input=source)
    assert [p["code"] for p in json.loads(result.stdout)] == ["AM002"]


def test_stdin_with_other_paths_is_a_usage_error(runner, repo):
    result = run(runner, "check", "-", "maps", input=CLEAN)
    assert result.exit_code == 2, result.output


def test_stdin_show_source(runner, repo):
    result = run(runner, "check", "--show-source", "-", input=WARNING_ONLY)
    assert "  t: {text: The thesis}" in result.stdout


# -- paths, --jobs --------------------------------------------------------------------------


def test_a_folder_without_maps_is_exit_2_even_beside_others(runner, repo):
    (repo / "empty").mkdir()
    result = run(runner, "check", "maps", "empty")
    assert result.exit_code == 2, result.output
    assert "empty" in result.output and "no map files" in result.output


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    folder = tmp_path / "many"
    for i in range(130):
        write_map(folder, [CLEAN, WARNING_ONLY, TWO_ERRORS, ERROR_AND_WARNING][i % 4], f"d{i % 7}/m{i:03d}.yaml")
    outputs = {}
    for jobs in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", "from argmap.cli import main; main()", "check", "--no-config",
                               "--format", "json", "--jobs", jobs, str(folder)],
                              capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
        assert done.returncode == 1, done.stderr
        outputs[jobs] = done.stdout
    assert outputs["1"] == outputs["2"] == outputs["3"]
    problems = json.loads(outputs["1"])
    keys = [(p["path"], p["line"], p["column"], p["code"]) for p in problems]
    assert keys == sorted(keys) and len({p["path"] for p in problems}) == sum(1 for i in range(130) if i % 4)


def test_jobs_must_be_positive(runner, repo):
    assert run(runner, "check", "--jobs", "0", "maps").exit_code == 2


def test_the_real_maps_in_every_format(runner, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for fmt in REPORT_FORMATS:
        result = run(runner, "check", "--format", fmt, "arguments")
        assert result.exit_code == 0, result.output
    assert sarif_of(runner, "arguments")["runs"][0]["results"]


def test_check_files_keeps_the_order_of_the_files(tmp_path, monkeypatch):
    import argmap.runner
    from argmap.checker import CheckConfig

    monkeypatch.setattr(argmap.runner, "MIN_FILES_PER_JOB", 2)
    files = [write_map(tmp_path, [WARNING_ONLY, CLEAN, TWO_ERRORS][i % 3], f"{'zyx'[i % 3]}{i:02d}.yaml")
             for i in range(24)]
    serial = argmap.runner.check_files(files, lambda path: CheckConfig(), jobs=1)
    parallel = argmap.runner.check_files(files, lambda path: CheckConfig(), jobs=3)
    assert [r.path for r in parallel] == [r.path for r in serial] == [str(f) for f in files]
    assert [r.problems for r in parallel] == [r.problems for r in serial]
    assert all(r.context is None for r in parallel + serial)
