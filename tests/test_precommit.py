"""`.pre-commit-hooks.yaml`: a valid manifest whose hook runs argmap on argument maps only."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, write_map

MANIFEST = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
ERROR = CLEAN + "  a: {text: A reason, implicit: true, supports: [t, thesys]}\n"


def hook() -> dict:
    (only,) = [h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) if h["id"] == "argmap-check"]
    return only


def selected(path: str, spec: dict) -> bool:
    """Whether pre-commit would pass ``path`` to the hook: `files` and `exclude` with re.search."""
    return bool(re.search(spec.get("files", ""), path)) and not re.search(spec.get("exclude", "^$"), path)


def env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}


def test_manifest_is_valid_for_pre_commit():
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    spec = hook()
    assert spec["language"] == "python" and shlex.split(spec["entry"])[:2] == ["argmap", "check"]


@pytest.mark.parametrize("path", [
    "arguments/beijing-parade.yaml",
    "arguments/school-uniforms.yml",
    "arguments/debates/2025/motion.yaml",
    "club/arguments/case.yaml",
    "essays/op-ed.argmap.yaml",
    "op-ed.argmap.yml",
])
def test_files_pattern_matches_argument_maps(path):
    assert selected(path, hook()), path


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
    assert not selected(path, hook()), path


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


def test_pre_commit_runs_the_hook_on_maps_only(tmp_path):
    """pre-commit itself, offline: the manifest's hook as a local hook, in a fresh git repository."""
    spec = {key: hook()[key] for key in ("id", "name", "entry", "files")}
    config = {"repos": [{"repo": "local", "hooks": [{**spec, "language": "system"}]}]}
    repo = tmp_path / "repo"
    write_map(repo, CLEAN, "arguments/good.yaml")
    write_map(repo, "not: [a map", "config/settings.yml")  # would fail argmap if it were passed
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run_env = {**env(), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull,
               "GIT_CONFIG_NOSYSTEM": "1"}
    for git in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *git], cwd=repo, check=True, env=run_env, timeout=60)
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"]
    done = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, timeout=300, env=run_env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Checked 1 file: no problems" in done.stdout, done.stdout
    write_map(repo, ERROR, "arguments/bad.yaml")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=run_env, timeout=60)
    done = subprocess.run(pre_commit, cwd=repo, capture_output=True, text=True, timeout=300, env=run_env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "arguments/bad.yaml:6:53: AM004" in done.stdout
