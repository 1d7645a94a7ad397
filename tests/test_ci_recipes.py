"""The recipes of docs/ci.md, run for real as far as is possible offline.

Each recipe is found by the comment naming its file in its first line. Its argmap
commands run in bash, as the CI would run them, in a copy of this repository's maps
(and again with a broken map added); what they write is read back with a real
parser: the workflow commands, the SARIF schema, ElementTree, pre-commit itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from argmap.config import settings_from_table
from conftest import REPO, write_map
from test_formats import SARIF_SCHEMA, parse_workflow_commands

DOC = REPO / "docs" / "ci.md"
BIN = Path(sys.executable).parent
BROKEN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, implicit: true, supports: nowhere}\n"


def blocks() -> dict[str, tuple[str, str]]:
    """Fenced blocks of docs/ci.md by the comment in their first line (or their language): (language, text)."""
    found = {}
    for language, body in re.findall(r"```(\w*)\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S):
        first = body.split("\n", 1)[0]
        key = first[2:].strip() if first.startswith("# ") else language
        found.setdefault(key, (language, body))
    return found


def recipe(name: str) -> str:
    recipes = blocks()
    assert name in recipes, f"docs/ci.md has no block starting with `# {name}`: {sorted(recipes)}"
    return recipes[name][1]


@pytest.fixture
def project(tmp_path):
    """A repository of argument maps: a copy of this one's arguments/ folder."""
    folder = tmp_path / "project"
    shutil.copytree(REPO / "arguments", folder / "arguments")
    return folder


def run_shell(command: str, cwd: Path, **extra_env) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", **extra_env)
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def argmap_steps(commands: list[str]) -> list[str]:
    """The commands that run argmap; installing it (pip, apt) needs the network and is left out."""
    return [command for command in commands if command.strip().startswith("argmap ")]


def validate_sarif(path: Path) -> dict:
    log = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)
    return log


def test_every_recipe_is_there_and_parses():
    names = blocks()
    for name in (".github/workflows/argmap.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                 ".pre-commit-config.yaml (local)", "pyproject.toml"):
        assert name in names, sorted(names)
    for language, body in names.values():
        if language == "yaml":
            yaml.safe_load(body)
        elif language == "json":
            json.loads(body)
        elif language == "toml":
            tomllib.loads(body)


# -- GitHub Actions ---------------------------------------------------------------------------


def github_steps() -> list[dict]:
    workflow = yaml.safe_load(recipe(".github/workflows/argmap.yml"))
    (job,) = workflow["jobs"].values()
    assert workflow["permissions"]["security-events"] == "write"
    return job["steps"]


@pytest.mark.parametrize("broken", [False, True])
def test_github_actions_recipe(project, broken):
    if broken:
        write_map(project, BROKEN, "arguments/broken.yaml")
    steps = github_steps()
    runs = [step for step in steps if "run" in step]
    check, sarif = [step for step in runs if argmap_steps([step["run"]])]
    # The annotations: plain `argmap check`, which picks `github` under GitHub Actions.
    done = run_shell(check["run"], project, GITHUB_ACTIONS="true")
    assert done.returncode == (1 if broken else 0), done.stdout + done.stderr
    commands = parse_workflow_commands(done.stdout)
    assert commands and all(c["file"].startswith("arguments/") for c in commands)
    errors = [c for c in commands if c["command"] == "error"]
    assert [(c["file"], c["line"], c["title"]) for c in errors] == (
        [("arguments/broken.yaml", "5", "argmap AM004")] if broken else [])
    # The SARIF step succeeds whether or not the maps have problems, so the upload runs.
    assert sarif.get("if") == "always()"
    done = run_shell(sarif["run"], project, GITHUB_ACTIONS="true")
    assert done.returncode == 0, done.stdout + done.stderr
    (upload,) = [step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    log = validate_sarif(project / upload["with"]["sarif_file"])
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert ("AM004" in ids) is broken


def test_github_sarif_step_still_fails_on_a_usage_error(project):
    (_, sarif) = [step for step in github_steps() if "run" in step and argmap_steps([step["run"]])]
    (project / ".argmap.toml").write_text("selct = ['AM004']\n", encoding="utf-8")
    done = run_shell(sarif["run"], project)
    assert done.returncode != 0, "a misconfigured argmap must not pass silently"


# -- GitLab CI ----------------------------------------------------------------------------------


@pytest.mark.parametrize("broken", [False, True])
def test_gitlab_recipe(project, broken):
    if broken:
        write_map(project, BROKEN, "arguments/broken.yaml")
    (job,) = yaml.safe_load(recipe(".gitlab-ci.yml")).values()
    (command,) = argmap_steps(job["script"])
    done = run_shell(command, project)
    assert done.returncode == (1 if broken else 0), done.stdout + done.stderr
    assert job["artifacts"]["when"] == "always"
    report = project / job["artifacts"]["reports"]["junit"]
    root = ET.parse(report).getroot()
    suites = root.findall("testsuite")
    maps = sorted(p.relative_to(project).as_posix() for p in (project / "arguments").rglob("*.yaml"))
    assert sorted(suite.get("name") for suite in suites) == maps
    failed = [suite.get("name") for suite in suites if suite.find("testcase/failure") is not None]
    assert failed == (["arguments/broken.yaml"] if broken else [])


# -- pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_recipe_names_the_manifest_hook():
    config = yaml.safe_load(recipe(".pre-commit-config.yaml"))
    manifest = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    (repo,) = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= manifest


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", ".pre-commit-config.yaml (local)"])
def test_pre_commit_recipes_validate(tmp_path, name):
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(recipe(name), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_local_pre_commit_recipe_runs(project, tmp_path):
    local = yaml.safe_load(recipe(".pre-commit-config.yaml (local)"))
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    hook = local["repos"][0]["hooks"][0]
    assert [hook[key] for key in ("entry", "types", "require_serial")] == \
        [manifest[key] for key in ("entry", "types", "require_serial")]
    (project / ".pre-commit-config.yaml").write_text(recipe(".pre-commit-config.yaml (local)"), encoding="utf-8")
    write_map(project, "workflow: [not, a, map]\n", ".github/workflows/ci.yml")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = run_shell("git init -q && git add -A && python -m pre_commit run --all-files --verbose", project, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    maps = len([p for p in (project / "arguments").rglob("*") if p.suffix in (".yaml", ".yml")])
    assert f"Checked {maps} files" in done.stdout, done.stdout
    write_map(project, BROKEN, "arguments/broken.yaml")
    done = run_shell("git add -A && python -m pre_commit run --all-files", project, **env)
    assert done.returncode == 1 and "arguments/broken.yaml:5:" in done.stdout, done.stdout + done.stderr


# -- configuration and editors --------------------------------------------------------------------


def test_configuration_example_is_accepted(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(recipe("pyproject.toml"), encoding="utf-8")
    settings = settings_from_table(tomllib.loads(path.read_text())["tool"]["argmap"], path, "pyproject.toml")
    assert settings.paths and settings.exclude and settings.layers and settings.per_file_ignores
    assert settings.severity and settings.strict is True


def test_ignore_example_loads(tmp_path):
    (language, body) = next(v for v in blocks().values() if "ignore: [AM101]" in v[1])
    text = "argmap: 1\ntitle: T\nthesis: pressure-washington\n" + body
    path = write_map(tmp_path, text)
    done = run_shell(f"argmap check --no-config --format json {path}", tmp_path)
    assert json.loads(done.stdout) == [], done.stdout  # AM101 silenced, and the entry is used (no AM901)


def test_editor_schema_comment_points_at_the_schema():
    (language, body) = next(v for v in blocks().values() if "yaml-language-server" in v[1])
    match = re.search(r"# yaml-language-server: \$schema=(\S+)", body)
    assert match and (REPO / "arguments" / match[1]).resolve() == (REPO / "docs" / "argmap.schema.json")
    (_, settings) = next(v for v in blocks().values() if v[0] == "json")
    (schema_path,) = json.loads(settings)["yaml.schemas"]
    assert (REPO / schema_path).resolve() == (REPO / "docs" / "argmap.schema.json")


def test_editor_stdin_command(project):
    line = next(line for line in DOC.read_text(encoding="utf-8").split("\n") if "--stdin-filename" in line
                and "`argmap check -" in line)
    command = re.search(r"`(argmap check - --stdin-filename \S+)`", line)[1].replace("path/to/map.yaml",
                                                                                      "arguments/new.yaml")
    done = run_shell(f"{command} --format json < arguments/relations-tour.yaml", project)
    assert done.returncode == 0, done.stderr
    assert {p["path"] for p in json.loads(done.stdout)} == {"arguments/new.yaml"}


def test_recipes_pin_a_commit_not_a_tag_that_does_not_exist():
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    pins = re.findall(r"ARGMAP_REPOSITORY@(\S+?)\"", text)
    assert pins and set(pins) == {"ARGMAP_COMMIT"}, pins
    (repo,) = yaml.safe_load(recipe(".pre-commit-config.yaml"))["repos"]
    assert repo["rev"] == "ARGMAP_COMMIT"
    assert not re.search(r"argmap[^\n]*@v\d|rev: v\d", text), "argmap has no release tag to pin"
