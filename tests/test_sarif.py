"""SARIF as GitHub code scanning reads it: paths from the repository's top, stable fingerprints, invocations.

Every log is validated against the official SARIF 2.1.0 JSON Schema
(tests/data/sarif-schema-2.1.0.json, OASIS, from
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
with a ``uri`` format check added, since jsonschema checks that format only with an
optional package: where the schema says ``uri`` (``helpUri``), a relative reference
is invalid. argmap runs from a subfolder of a temporary git repository (a folder
holding ``.git``), as it does in a CI checkout.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from conftest import assert_no_traceback, write_map
from test_formats import CLEAN, SARIF_SCHEMA

from argmap.cli import app
from argmap.fingerprint import VERSION
from argmap.render import ReportOptions, reporter
from argmap.repo import work_tree

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(urlparse(value).scheme)


def validate(log: dict) -> None:
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA, format_checker=FORMATS).validate(log)


# `a` names `nope` twice: two findings alike in rule, file, statement and message.
# `b` repeats `t`'s text, and AM106's message names `t`'s line.
FINDINGS = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, nope, nope]}\n" \
                   "  b: {text: The thesis, implicit: true, supports: [t]}\n"
# The same map with lines above every finding: comments, and a statement before `a`.
MOVED = FINDINGS.replace("claims:\n", "# A note\n# Another note\nclaims:\n  c: {text: C, implicit: true, supports: [t]}\n")
MOVED = "# Moved down\n" + MOVED.replace("  t: {text: The thesis, implicit: true}\n",
                                         "\n  t: {text: The thesis, implicit: true}\n")


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git work tree with maps in two folders; the working folder is its subfolder `club`."""
    top = tmp_path / "repository"
    (top / ".git").mkdir(parents=True)
    write_map(top, FINDINGS, "club/maps/findings.yaml")
    write_map(top, CLEAN, "club/maps/clean.yaml")
    write_map(top, CLEAN.replace("implicit: true", "implicit: false"), "other/warning.yaml")
    monkeypatch.chdir(top / "club")
    return top.resolve()


def sarif(runner, *args, code: int | None = None) -> dict:
    result = runner.invoke(app, ["check", "--format", "sarif", *[str(a) for a in args]])
    assert_no_traceback(result)
    assert result.exit_code in (0, 1), result.output
    if code is not None:
        assert result.exit_code == code, result.output
    log = json.loads(result.stdout)
    validate(log)
    assert log["runs"][0]["invocations"][0]["exitCode"] == result.exit_code, result.stdout
    return log


def locations(log: dict) -> list[dict]:
    return [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in log["runs"][0]["results"]]


def fingerprints(log: dict) -> list[str]:
    return [result["partialFingerprints"][VERSION] for result in log["runs"][0]["results"]]


def lines(log: dict) -> list[int]:
    return [result["locations"][0]["physicalLocation"]["region"]["startLine"] for result in log["runs"][0]["results"]]


# -- URIs --------------------------------------------------------------------------------


def test_uris_are_relative_to_the_top_of_the_work_tree(runner, repository):
    log = sarif(runner, "maps", "../other")
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == repository.as_uri() + "/"
    got = locations(log)
    assert {(loc["uri"], loc["uriBaseId"]) for loc in got} == {
        ("club/maps/findings.yaml", "%SRCROOT%"), ("other/warning.yaml", "%SRCROOT%")}
    for loc in got:  # each resolves against the base to the file itself
        assert Path(unquote(urlparse(base + loc["uri"]).path)) == repository / unquote(loc["uri"])
        assert (repository / unquote(loc["uri"])).is_file()


def test_the_same_uris_from_any_folder_of_the_repository(runner, repository, monkeypatch):
    from_club = sarif(runner, "maps", "../other")
    monkeypatch.chdir(repository)
    from_top = sarif(runner, "club/maps", "other")
    monkeypatch.chdir(repository / "club" / "maps")
    from_maps = sarif(runner, ".", "../../other")
    def named(log: dict) -> list[tuple[str, str]]:  # the order follows the paths as given, which differ
        return sorted((loc["uri"], loc["uriBaseId"]) for loc in locations(log))

    assert named(from_club) == named(from_top) == named(from_maps)
    assert from_club["runs"][0]["originalUriBaseIds"] == from_top["runs"][0]["originalUriBaseIds"]


def test_without_git_the_folder_of_the_configuration_is_the_root(runner, tmp_path, monkeypatch):
    top = tmp_path / "archive"
    write_map(top, FINDINGS, "club/maps/findings.yaml")
    (top / "pyproject.toml").write_text("[tool.argmap]\n", encoding="utf-8")
    if work_tree(top) is not None:
        pytest.skip("the temporary folder lies inside a git work tree")
    monkeypatch.chdir(top / "club" / "maps")
    log = sarif(runner, "findings.yaml")
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == top.resolve().as_uri() + "/"
    assert {loc["uri"] for loc in locations(log)} == {"club/maps/findings.yaml"}


def test_a_map_outside_the_repository_keeps_an_absolute_uri_without_base(runner, repository, tmp_path):
    outside = write_map(tmp_path / "elsewhere", FINDINGS)
    log = sarif(runner, outside, "maps/findings.yaml")
    by_uri = {loc["uri"]: loc for loc in locations(log)}
    assert by_uri["club/maps/findings.yaml"]["uriBaseId"] == "%SRCROOT%"
    absolute = [loc for loc in by_uri.values() if urlparse(loc["uri"]).scheme]
    assert absolute == [{"uri": outside.resolve().as_uri()}]


def test_awkward_names_are_percent_encoded(runner, repository):
    write_map(repository, FINDINGS, "club/my maps/a #1%.yaml")
    assert {loc["uri"] for loc in locations(sarif(runner, "my maps"))} == {"club/my%20maps/a%20%231%25.yaml"}


# -- fingerprints --------------------------------------------------------------------------


def test_fingerprints_stay_when_lines_move_above_the_findings(runner, repository):
    before = sarif(runner, "maps/findings.yaml")
    write_map(repository, MOVED, "club/maps/findings.yaml")
    after = sarif(runner, "maps/findings.yaml")
    assert [r["ruleId"] for r in before["runs"][0]["results"]] == ["AM004", "AM004", "AM106"]
    assert all(b < a for b, a in zip(lines(before), lines(after))), (lines(before), lines(after))
    messages = [r["message"]["text"] for r in (before["runs"][0]["results"][2], after["runs"][0]["results"][2])]
    assert re.search(r"line 5\b", messages[0]) and not re.search(r"line 5\b", messages[1]), messages
    assert fingerprints(before) == fingerprints(after)


def test_a_second_finding_alike_on_the_same_statement_has_its_own_fingerprint(runner, repository):
    first, second, other = sarif(runner, "maps/findings.yaml")["runs"][0]["results"]
    assert first["message"] == second["message"] and first["ruleId"] == second["ruleId"]
    assert len({fingerprint for fingerprint in fingerprints({"runs": [{"results": [first, second, other]}]})}) == 3
    assert all(re.fullmatch(r"[0-9a-f]{32}", f) for f in first["partialFingerprints"].values())


def test_fingerprints_are_the_same_from_any_folder_and_match_the_baseline(runner, repository, monkeypatch):
    from_club = fingerprints(sarif(runner, "maps/findings.yaml"))
    monkeypatch.chdir(repository)
    assert fingerprints(sarif(runner, "club/maps/findings.yaml")) == from_club
    written = runner.invoke(app, ["check", "--write-baseline", "baseline.json", "club/maps/findings.yaml"])
    assert written.exit_code == 0, written.output
    baseline = json.loads((repository / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(entry["fingerprint"] for entry in baseline["findings"]) == sorted(from_club)


def test_a_changed_message_changes_the_fingerprint(runner, repository):
    before = fingerprints(sarif(runner, "maps/findings.yaml"))
    write_map(repository, FINDINGS.replace("nope, nope", "nope, nada"), "club/maps/findings.yaml")
    after = fingerprints(sarif(runner, "maps/findings.yaml"))
    assert before[0] == after[0] and before[1] != after[1]


# -- invocations and rules -------------------------------------------------------------------


@pytest.mark.parametrize(("args", "code"), [
    (["maps/clean.yaml"], 0),
    (["maps/findings.yaml"], 1),
    (["--exit-zero", "maps/findings.yaml"], 0),
])
def test_invocations_carry_the_exit_code(runner, repository, args, code):
    (invocation,) = sarif(runner, *args, code=code)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "exitCode": code}


def test_no_invocation_when_the_exit_code_is_unknown():
    log = json.loads(reporter("sarif")([], ReportOptions(root="/r")))
    validate(log)
    assert "invocations" not in log["runs"][0]


def test_rules_carry_their_documentation_and_no_relative_help_uri(runner, repository):
    rules = sarif(runner, "maps/clean.yaml")["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        assert "helpUri" not in rule, rule["id"]  # argmap's metadata names no documentation URL
        assert "What it finds" in rule["help"]["text"]
        assert rule["id"] in rule["help"]["markdown"]


def test_the_schema_check_refuses_what_code_scanning_would():
    """The validation can fail: a relative helpUri, a result without a message, a base without a URI."""
    log = json.loads(reporter("sarif")([], ReportOptions(root="/r", exit_code=0)))
    validate(log)
    for spoil in (lambda run: run["tool"]["driver"]["rules"][0].__setitem__("helpUri", "docs/rules.md#am004"),
                  lambda run: run["invocations"][0].pop("executionSuccessful"),
                  lambda run: run["originalUriBaseIds"].__setitem__("%SRCROOT%", {"uri": 3})):
        spoilt = json.loads(json.dumps(log))
        spoil(spoilt["runs"][0])
        with pytest.raises(jsonschema.ValidationError):
            validate(spoilt)
