"""Configuration: `[tool.argmap]` in pyproject.toml or `.argmap.toml`, looked up from the working folder."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from argmap.cli import app
from argmap.config import ConfigError, PathMatcher, Selection, Settings, discover_settings, find_config, load_settings
from argmap.rules import RULES
from conftest import assert_no_traceback, write_map

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
WARNING_ONLY = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis}\n"                 # AM101 5:3
ERROR = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, thesys]}\n"                  # AM004 6:53
UNSOURCED = CLEAN + "evidence:\n  e: {text: E, supports: t}\n"                                     # AM102 7:3


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository folder (the working folder) with maps under arguments/; no configuration yet."""
    folder = tmp_path / "repo"
    write_map(folder, WARNING_ONLY, "arguments/warning.yaml")
    write_map(folder, ERROR, "arguments/error.yaml")
    write_map(folder, UNSOURCED, "arguments/sub/unsourced.yaml")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert find_config(tmp_path) is None, "a configuration file above the test folder would disturb these tests"
    return folder


def check(runner, *args, expect: int | None = None):
    result = runner.invoke(app, ["check", "--format", "json", *map(str, args)])
    assert_no_traceback(result)
    if expect is not None:
        assert result.exit_code == expect, result.output
    problems = json.loads(result.stdout) if result.exit_code in (0, 1) else None
    return result, problems


def found(problems) -> list[tuple[str, str]]:
    return sorted((Path(p["path"]).name, p["code"]) for p in problems)


# -- finding the file ----------------------------------------------------------------------


def test_search_goes_upward_and_skips_pyproject_without_argmap(repo):
    write(repo / ".argmap.toml", "ignore = ['AM101']\n")
    sub = repo / "arguments" / "sub"
    write(sub / "pyproject.toml", "[project]\nname = 'x'\ndependencies = ['argmap']\n")  # mentions argmap, no table
    assert find_config(sub) == repo / ".argmap.toml"
    write(sub / "pyproject.toml", "[tool.argmap]\n")
    assert find_config(sub) == sub / "pyproject.toml"


def test_argmap_toml_wins_over_pyproject_in_the_same_folder(repo):
    write(repo / "pyproject.toml", "[tool.argmap]\nselect = ['AM004']\n")
    assert find_config(repo) == repo / "pyproject.toml"
    write(repo / ".argmap.toml", "select = ['AM101']\n")
    assert find_config(repo) == repo / ".argmap.toml"
    assert discover_settings(repo).layers == [Selection(frozenset({"AM101"}))]


def test_no_file_gives_empty_settings(repo):
    settings = discover_settings(repo)
    assert settings.file is None and settings.layers == []
    assert settings.enabled() == {code for code, rule in RULES.items() if not rule.default_off}


# -- each key, through the CLI ---------------------------------------------------------------


def test_select_and_ignore_accept_codes_and_names(runner, repo):
    _, every = check(runner, expect=1)
    assert found(every) == [("error.yaml", "AM004"), ("unsourced.yaml", "AM102"), ("warning.yaml", "AM101")]
    write(repo / "pyproject.toml", "[tool.argmap]\nselect = ['unknown-reference', 'AM101']\n")
    assert found(check(runner, expect=1)[1]) == [("error.yaml", "AM004"), ("warning.yaml", "AM101")]
    write(repo / "pyproject.toml", "[tool.argmap]\nignore = ['AM102', 'unsupported-claim']\n")
    assert found(check(runner, expect=1)[1]) == [("error.yaml", "AM004")]


@pytest.mark.parametrize("text", [
    "ignore = ['AM004']", "ignore = ['unknown-reference']", "ignore = ['AM001']", "ignore = ['AM101', 'AM002']",
    "[severity]\nAM004 = 'off'", "[severity]\nschema = 'warning'",
    "[per-file-ignores]\n'*.yaml' = ['AM006']",
])
def test_a_structural_rule_cannot_be_switched_off(runner, repo, text):
    write(repo / ".argmap.toml", text + "\n")
    result, _ = check(runner, expect=2)
    assert "structural rule" in result.output and "cannot be ignored" in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_a_structural_rule_runs_whatever_select_says(runner, repo):
    write(repo / ".argmap.toml", "select = ['AM102']\n")
    assert found(check(runner, expect=1)[1]) == [("error.yaml", "AM004"), ("unsourced.yaml", "AM102")]
    broken = write(repo / "arguments" / "version.yaml", "argmap: 2\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n")
    _, problems = check(runner, "--select", "AM101", broken, expect=1)
    assert [p["code"] for p in problems] == ["AM002"]


def test_strict_and_the_flags_that_override_it(runner, repo):
    (repo / "arguments" / "error.yaml").unlink()
    write(repo / ".argmap.toml", "strict = true\n")
    check(runner, expect=1)  # warnings only, but strict
    check(runner, "--no-strict", expect=0)
    write(repo / ".argmap.toml", "strict = false\n")
    check(runner, "--strict", expect=1)


def test_severity_overrides(runner, repo):
    write(repo / ".argmap.toml", "[severity]\nAM101 = 'error'\nunknown-reference = 'error'\nAM102 = 'off'\n")
    result, problems = check(runner, expect=1)
    assert sorted((p["code"], p["severity"]) for p in problems) == [("AM004", "error"), ("AM101", "error")]


def test_per_file_ignores_globs_relative_to_the_file(runner, repo):
    write(repo / "pyproject.toml", """
        [tool.argmap.per-file-ignores]
        "arguments/sub/*.yaml" = ["AM102"]
        "warning.yaml" = ["unsupported-claim"]
        """)
    result, problems = check(runner, expect=1)
    assert found(problems) == [("error.yaml", "AM004")]
    # The globs stay relative to the configuration file when checking from a subfolder.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo / "arguments")
        _, problems = check(runner, "sub", expect=0)
        assert problems == []


def test_paths_and_exclude(runner, repo):
    write_map(repo, ERROR, "debates/d.yaml")
    write_map(repo, ERROR, "debates/drafts/wip.yaml")
    write_map(repo, ERROR, "debates/x.wip.yaml")
    write(repo / ".argmap.toml", """
        paths = ["debates"]
        exclude = ["drafts", "*.wip.yaml"]
        """)
    _, problems = check(runner, expect=1)
    assert {p["path"] for p in problems} == {str(Path("debates") / "d.yaml")}
    with pytest.MonkeyPatch.context() as patch:  # configured paths are relative to the file, not the working folder
        patch.chdir(repo / "arguments" / "sub")
        _, problems = check(runner, expect=1)
        assert {Path(p["path"]).resolve() for p in problems} == {(repo / "debates" / "d.yaml").resolve()}
    _, problems = check(runner, "debates/drafts/wip.yaml", expect=0)  # a named file is excluded too
    assert problems == []
    _, problems = check(runner, "arguments", expect=1)  # a PATH replaces the configured paths
    assert {Path(p["path"]).parts[0] for p in problems} == {"arguments"}


@pytest.mark.parametrize("entry", ["/usr", "../elsewhere", "arguments/../../elsewhere"])
def test_configured_paths_stay_inside_the_configuration_folder(runner, repo, entry):
    (repo.parent / "elsewhere").mkdir(exist_ok=True)
    write_map(repo.parent / "elsewhere", ERROR, "secret.yaml")
    write(repo / ".argmap.toml", f"paths = ['arguments', '{entry}']\n")
    result, _ = check(runner, expect=2)
    assert "paths" in result.output and entry in result.output
    assert "secret" not in result.output
    write(repo / ".argmap.toml", "paths = ['arguments']\n")
    _, problems = check(runner, repo.parent / "elsewhere", expect=1)  # on the command line, anything goes
    assert found(problems) == [("secret.yaml", "AM004")]


def test_configured_path_holding_no_maps_is_exit_2(runner, repo):
    (repo / "empty").mkdir()
    write(repo / ".argmap.toml", "paths = ['arguments', 'empty']\n")
    result, _ = check(runner, expect=2)
    assert "empty" in result.output and "no map files" in result.output


def test_command_line_select_wins_over_the_file(runner, repo):
    write(repo / ".argmap.toml", "ignore = ['AM101']\n[severity]\nAM102 = 'off'\n")
    assert found(check(runner, expect=1)[1]) == [("error.yaml", "AM004")]
    _, problems = check(runner, "--select", "AM101,AM102", expect=1)  # --select brings back what severity turned off
    assert found(problems) == [("error.yaml", "AM004"), ("unsourced.yaml", "AM102"), ("warning.yaml", "AM101")]
    write(repo / ".argmap.toml", "ignore = ['AM101']\n")
    _, problems = check(runner, "--ignore", "AM102", expect=1)  # --ignore adds to the file's
    assert found(problems) == [("error.yaml", "AM004")]


def test_config_and_no_config_flags(runner, repo, tmp_path):
    write(repo / ".argmap.toml", "select = ['AM004']\n")
    other = write(tmp_path / "other.toml", "select = ['AM102']\n")
    assert found(check(runner, "--config", other, expect=1)[1]) == [("error.yaml", "AM004"), ("unsourced.yaml", "AM102")]
    assert len(check(runner, "--no-config", expect=1)[1]) == 3
    pyproject = write(tmp_path / "pyproject.toml", "[tool.argmap]\nselect = ['AM101']\n")
    assert found(check(runner, "--config", pyproject, expect=1)[1]) == [("error.yaml", "AM004"), ("warning.yaml", "AM101")]


# -- mistakes are exit 2 with one line ---------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("selct = ['AM004']\n", "unknown key `selct` (did you mean `select`?)"),
    ("select = ['AM999']\n", "unknown rule `AM999`"),
    ("select = 'AM004\n", "invalid TOML"),
    ("strict = 'yes'\n", "`strict` must be true or false"),
    ("exclude = [1]\n", "`exclude` must be a list of strings"),
    ("[severity]\nAM004 = 'fatal'\n", "must be one of error, warning, off"),
    ("[per-file-ignores]\n'*.yaml' = ['nope']\n", "unknown rule `nope`"),
    ("per-file-ignores = 3\n", "must be a table"),
])
def test_bad_configuration_is_exit_2_with_one_line(runner, repo, text, expected):
    write(repo / ".argmap.toml", text)
    result = runner.invoke(app, ["check"])
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().split("\n")
    assert len(lines) == 1 and expected in lines[0] and ".argmap.toml" in lines[0], result.output


def test_bad_pyproject_table_names_it(repo):
    write(repo / "pyproject.toml", "[tool.argmap]\nstrict = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.argmap\]: `strict`"):
        load_settings(repo / "pyproject.toml")


# -- the parts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("glob, path, matches", [
    ("drafts", "drafts/a.yaml", True),
    ("drafts", "x/drafts/a.yaml", True),
    ("drafts", "drafts-old/a.yaml", False),
    ("arguments/old", "arguments/old/a.yaml", True),
    ("arguments/old", "x/arguments/old/a.yaml", False),
    ("/arguments/*.yaml", "arguments/a.yaml", True),
    ("arguments/*.yaml", "arguments/sub/a.yaml", False),
    ("arguments/**/*.yaml", "arguments/a.yaml", True),
    ("arguments/**/*.yaml", "arguments/s/t/a.yaml", True),
    ("*.wip.yaml", "a/b/c.wip.yaml", True),
    ("m?p.yaml", "map.yaml", True),
    ("m[ab]p.yaml", "mbp.yaml", True),
    ("m[!ab]p.yaml", "map.yaml", False),
    ("./arguments/", "arguments/a.yaml", True),
])
def test_glob_matching(tmp_path, glob, path, matches):
    assert PathMatcher([glob], tmp_path)(tmp_path / path) is matches


def test_merged_layers_flags_on_the_file():
    settings = Settings(layers=[Selection(frozenset({"AM004", "AM101"}), ignore=frozenset({"AM101"}))], strict=True,
                        severity={"AM102": "off"})
    assert settings.merged() == settings
    assert settings.enabled() == {"AM004"}
    merged = settings.merged(select={"AM102"})
    assert (merged.enabled(), merged.severity) == ({"AM102"}, {})
    merged = settings.merged(ignore={"AM004"}, strict=False)
    assert (merged.enabled(), merged.strict) == (set(), False)
    merged = settings.merged(extend_select={"AM106"})
    assert merged.enabled() == {"AM004", "AM106"}


def test_raising_a_warning_to_an_error_hides_no_other_finding(runner, repo):
    # The thesis falls to a bare objection: AM105 must run although AM101, raised to an error, fires.
    write_map(repo, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n"
              "counterclaims:\n  c: {text: C, implicit: true, attacks: t}\n", "arguments/falls.yaml")
    _, before = check(runner, "arguments/falls.yaml", expect=0)
    write(repo / ".argmap.toml", "[severity]\nAM101 = 'error'\n")
    _, after = check(runner, "arguments/falls.yaml", expect=1)
    assert sorted(p["code"] for p in before) == sorted(p["code"] for p in after)
    assert "AM105" in {p["code"] for p in after} and ("AM101", "error") in {(p["code"], p["severity"]) for p in after}


@pytest.mark.parametrize("text, hint", [
    ("select = 'AM101'", "must be a list of rules: write [\"AM101\"]"),
    ("ignore = ['am101']", "did you mean `AM101`?"),
    ("[severity]\nUnsupported-Claim = 'error'", "did you mean `unsupported-claim`?"),
])
def test_rules_are_named_as_everywhere_else(runner, repo, text, hint):
    write(repo / ".argmap.toml", text + "\n")
    result, _ = check(runner, expect=2)
    assert hint in result.output, result.output


def test_a_glob_full_of_stars_does_not_backtrack(tmp_path):
    # Translated to a regular expression, this glob took 58 s against a 60-character name
    # (each `*` retried at every place). Matched name by name it is immediate: the bound
    # below is generous, only there to fail on the old exponential behaviour.
    import time

    matcher = PathMatcher(["*a*a*a*a*a*a*a*a*b"], tmp_path)
    start = time.perf_counter()
    assert not matcher(tmp_path / ("a" * 60 + ".yaml"))
    assert matcher(tmp_path / "x" / ("a" * 60 + "b"))
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("glob, path, matches", [
    ("a/**/b", "a/b", True), ("a/**/b", "a/x/y/b", True), ("a/**/b", "a/x/y/c", False),
    ("**", "anything/at/all.yaml", True), ("a/**", "a", True), ("x/*", "x/y/z.yaml", True),
    ("*.yaml", "deep/down/m.yaml", True), ("deep/*.yaml", "deep/down/m.yaml", False),
])
def test_double_star_and_folder_globs(tmp_path, glob, path, matches):
    assert PathMatcher([glob], tmp_path)(tmp_path / path) is matches
