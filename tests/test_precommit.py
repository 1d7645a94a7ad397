"""`.pre-commit-hooks.yaml`: a valid manifest whose hook checks the maps a commit can break: changed maps
and the maps whose quoted text changed."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from argmap.discover import named_like_a_map
from conftest import REPO, write_map

MANIFEST = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
ERROR = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, thesys]}\n"


def hook() -> dict:
    (only,) = [h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) if h["id"] == "argmap-check"]
    return only


def selected(path: str) -> bool:
    """Whether `argmap check --changed` takes ``path`` for a map by its name."""
    return named_like_a_map(Path(path))


def env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}


def test_manifest_is_valid_for_pre_commit():
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    spec = hook()
    assert spec["language"] == "python" and shlex.split(spec["entry"]) == ["argmap", "check", "--changed"]
    assert spec["types"] == ["text"] and "files" not in spec  # every changed text file reaches argmap


@pytest.mark.parametrize("path", [
    "arguments/beijing-parade.yaml",
    "arguments/school-uniforms.yml",
    "arguments/debates/2025/motion.yaml",
    "club/arguments/case.yaml",
    "essays/op-ed.argmap.yaml",
    "op-ed.argmap.yml",
])
def test_files_pattern_matches_argument_maps(path):
    assert selected(path), path


@pytest.mark.parametrize("path", [
    ".pre-commit-config.yaml",
    ".github/workflows/ci.yml",
    "docker-compose.yaml",
    "config/settings.yml",
    "arguments.yaml",
    "arguments/beijing-parade-op-ed.txt",
    "arguments/notes.md",
    "my-arguments/x.yaml",
    "argmap.yaml",
    "essays/op-ed.argmap.yaml.bak",
])
def test_files_pattern_skips_other_files(path):
    assert not selected(path), path


def test_hook_entry_runs_on_the_files_pre_commit_passes(tmp_path):
    maps = [write_map(tmp_path, CLEAN, "arguments/good.yaml"), write_map(tmp_path, CLEAN, "x.argmap.yaml")]
    command = shlex.split(hook()["entry"]) + [str(p.relative_to(tmp_path)) for p in maps]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checked 2 files" in done.stdout
    write_map(tmp_path, ERROR, "arguments/bad.yaml")
    done = subprocess.run(command + ["arguments/bad.yaml"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env=env())
    assert done.returncode == 1, done.stdout + done.stderr
    assert "arguments/bad.yaml:6:53: AM004" in done.stdout


def git_repo(tmp_path) -> tuple[Path, dict[str, str]]:
    """A fresh git repository whose pre-commit configuration is the manifest's hook as a local hook."""
    spec = {key: hook()[key] for key in ("id", "name", "entry", "types")}
    config = {"repos": [{"repo": "local", "hooks": [{**spec, "language": "system"}]}]}
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run_env = {**env(), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull,
               "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=run_env, timeout=60)
    return repo, run_env


def pre_commit(repo: Path, run_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=run_env, timeout=60)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--verbose", *args], cwd=repo,
                          capture_output=True, text=True, timeout=300, env=run_env)


def test_pre_commit_runs_the_hook_on_maps_only(tmp_path):
    """pre-commit itself, offline: the manifest's hook as a local hook, in a fresh git repository."""
    repo, run_env = git_repo(tmp_path)
    write_map(repo, CLEAN, "arguments/good.yaml")
    write_map(repo, "not: [a map", "config/settings.yml")  # would fail argmap if it were taken for a map
    done = pre_commit(repo, run_env, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checked 1 file: no problems" in done.stdout, done.stdout
    write_map(repo, ERROR, "arguments/bad.yaml")
    done = pre_commit(repo, run_env, "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "arguments/bad.yaml:6:53: AM004" in done.stdout


QUOTING = """argmap: 1
title: T
thesis: t
source: {text_file: op-ed.txt}
claims:
  t: {text: The thesis, implicit: true}
evidence:
  e: {text: E, source: S, supports: t, quote: "loose cooperation"}
"""


def test_a_commit_that_changes_only_the_quoted_text_is_checked(tmp_path):
    repo, run_env = git_repo(tmp_path)
    (repo / ".argmap.toml").write_text("strict = true\n", encoding="utf-8")  # AM107 is a warning
    write_map(repo, QUOTING, "arguments/op-ed.yaml")
    (repo / "arguments" / "op-ed.txt").write_text("It was loose cooperation.\n", encoding="utf-8")
    write_map(repo, CLEAN, "arguments/other.yaml")
    assert pre_commit(repo, run_env, "--all-files").returncode == 0
    subprocess.run(["git", "commit", "-q", "-m", "maps"], cwd=repo, check=True, env=run_env, timeout=60)

    (repo / "arguments" / "op-ed.txt").write_text("It was a loose alliance.\n", encoding="utf-8")
    done = pre_commit(repo, run_env)  # the staged files only: the text alone
    assert done.returncode == 1, done.stdout + done.stderr
    # the quote starts at column 47; AM107 points at the first character where it differs from the text
    assert re.search(r"arguments/op-ed\.yaml:8:(4[7-9]|[5-9]\d): AM107", done.stdout), done.stdout
    assert "Checked 1 file" in done.stdout and "other.yaml" not in done.stdout


def test_changed_mode_picks_maps_by_name_path_and_quoted_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path, QUOTING, "arguments/op-ed.yaml")
    (tmp_path / "arguments" / "op-ed.txt").write_text("It was loose cooperation.\n", encoding="utf-8")
    write_map(tmp_path, CLEAN, "notes/x.argmap.yaml")
    write_map(tmp_path, "just: yaml\n", "config/settings.yml")
    (tmp_path / "README.md").write_text("# readme\n", encoding="utf-8")

    def checked(*paths: str) -> str:
        done = subprocess.run(["argmap", "check", "--changed", *paths], capture_output=True, text=True,
                              timeout=60, env=env(), cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.splitlines()[-1]

    assert checked("README.md", "config/settings.yml") == "Checked 0 files: no problems"
    assert checked("arguments/op-ed.txt") == "Checked 1 file: no problems"
    assert checked("arguments/op-ed.txt", "arguments/op-ed.yaml", "notes/x.argmap.yaml") == \
        "Checked 2 files: no problems"
