"""Configuration per file, as ruff resolves it, and the baseline: run as a CI job runs argmap.

Every test builds a git repository (a `.git` folder) with nested folders and
configurations and runs `argmap` as a separate process from different folders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CLEAN = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis, implicit: true}\n"
BARE = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis}\n"                    # AM101 at 5:3
UNSOURCED = CLEAN + "evidence:\n  e: {text: E, supports: t}\n"                               # AM102 at 7:3


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def argmap(*args, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    done = subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, input=stdin, env=env, timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def findings(done: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    """(file name, code) of each finding of a `--format json` run."""
    return sorted((Path(p["path"]).name, p["code"]) for p in json.loads(done.stdout))


@pytest.fixture
def repo(tmp_path):
    """A repository: the root configuration ignores AM101; `club/` has maps and, in some tests, its own."""
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    write(top / "pyproject.toml", "[tool.argmap]\nignore = ['AM101']\n")
    write(top / "arguments" / "bare.yaml", BARE)
    write(top / "club" / "bare.yaml", BARE)
    write(top / "club" / "unsourced.yaml", UNSOURCED)
    (tmp_path / "outside").mkdir()
    return top


def test_the_same_verdict_from_any_folder(repo):
    target = repo / "arguments" / "bare.yaml"
    for cwd in (repo, repo / "arguments", repo / "club", repo.parent / "outside"):
        done = argmap("check", "--format", "json", os.path.relpath(target, cwd), cwd=cwd)
        assert (done.returncode, findings(done)) == (0, []), (cwd, done.stdout, done.stderr)


def test_a_nested_configuration_stands_alone_from_every_folder(repo):
    write(repo / "club" / ".argmap.toml", "ignore = ['AM102']\n")
    for cwd, paths in ((repo, ["arguments", "club"]), (repo / "club", [".", "../arguments"])):
        done = argmap("check", "--format", "json", *paths, cwd=cwd)
        # club/ reads only its own file: AM101 is back there, AM102 is gone; arguments/ keeps the root's.
        assert findings(done) == [("bare.yaml", "AM101")], (cwd, done.stdout, done.stderr)
        assert (cwd / json.loads(done.stdout)[0]["path"]).resolve().parent.name == "club"


def test_extend_inherits_and_extend_ignore_adds(repo):
    write(repo / "club" / ".argmap.toml", "extend = '../pyproject.toml'\nextend-ignore = ['AM102']\n")
    done = argmap("check", "--format", "json", "club", cwd=repo)
    assert (done.returncode, findings(done)) == (0, []), done.stdout + done.stderr
    write(repo / "club" / ".argmap.toml", "extend = '../pyproject.toml'\nselect = ['AM102']\n")
    done = argmap("check", "--format", "json", "club", cwd=repo)
    assert findings(done) == [("unsourced.yaml", "AM102")], done.stdout + done.stderr


@pytest.mark.parametrize("extend, message", [
    ("../../elsewhere.toml", "outside the repository"),
    ("/etc/passwd", "must be relative"),
    ("missing.toml", "is not a file"),
    ("loop.toml", "a loop"),
])
def test_extend_is_refused_outside_the_repository_and_in_a_loop(repo, extend, message):
    write(repo.parent / "elsewhere.toml", "ignore = ['AM102']\n")
    write(repo / "club" / "loop.toml", "extend = '.argmap.toml'\n")
    write(repo / "club" / ".argmap.toml", f"extend = '{extend}'\n")
    done = argmap("check", "club", cwd=repo)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_extend_through_a_link_that_leaves_the_repository_is_refused(repo):
    write(repo.parent / "elsewhere.toml", "ignore = ['AM102']\n")
    (repo / "club" / "shared.toml").symlink_to(repo.parent / "elsewhere.toml")
    write(repo / "club" / ".argmap.toml", "extend = 'shared.toml'\n")
    done = argmap("check", "club", cwd=repo)
    assert done.returncode == 2 and "outside the repository" in done.stderr, done.stderr


def test_config_option_applies_one_file_to_every_map(repo):
    write(repo / "club" / ".argmap.toml", "ignore = ['AM102']\n")
    strict = write(repo / "ci.toml", "select = ['AM101']\n")
    done = argmap("check", "--format", "json", "--config", strict, "arguments", "club", cwd=repo)
    assert findings(done) == [("bare.yaml", "AM101"), ("bare.yaml", "AM101")], done.stdout


def test_stdin_filename_takes_the_configuration_of_that_path(repo):
    write(repo / "club" / ".argmap.toml", "ignore = ['AM102']\n")
    done = argmap("check", "--format", "json", "-", "--stdin-filename", "club/new.yaml", cwd=repo, stdin=BARE)
    assert findings(done) == [("new.yaml", "AM101")], done.stdout + done.stderr
    done = argmap("check", "--format", "json", "-", "--stdin-filename", "arguments/new.yaml", cwd=repo, stdin=BARE)
    assert findings(done) == [], done.stdout + done.stderr


def test_show_settings_names_the_file_what_it_extends_and_each_rule(repo):
    write(repo / "club" / ".argmap.toml", "extend = '../pyproject.toml'\nextend-ignore = ['AM102']\nstrict = true\n")
    done = argmap("check", "--show-settings", repo / "club" / "unsourced.yaml", cwd=repo.parent / "outside")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"  configuration: {repo / 'club' / '.argmap.toml'}" in lines
    assert f"  extends: {repo / 'pyproject.toml'}" in lines
    assert "  strict: true" in lines
    assert "    AM101 unsupported-claim: off" in lines and "    AM102 unsourced-evidence: off" in lines
    assert "    AM103 unanswered-objection: warning" in lines and "    AM004 unknown-reference: error" in lines


def test_extend_select_adds_to_select_in_the_file_and_on_the_command_line(repo):
    write(repo / ".argmap.toml", "select = ['AM102']\nextend-select = ['AM101']\n")
    done = argmap("check", "--format", "json", "club", cwd=repo)
    assert findings(done) == [("bare.yaml", "AM101"), ("unsourced.yaml", "AM102")], done.stdout
    write(repo / ".argmap.toml", "select = ['AM102']\n")
    done = argmap("check", "--format", "json", "--extend-select", "unsupported-claim", "club", cwd=repo)
    assert findings(done) == [("bare.yaml", "AM101"), ("unsourced.yaml", "AM102")], done.stdout
    done = argmap("check", "--format", "json", "--extend-ignore", "AM102", "club", cwd=repo)
    assert findings(done) == [], done.stdout


@pytest.mark.parametrize("key", ["extend-select", "extend-ignore"])
def test_extend_keys_take_codes_as_everywhere(repo, key):
    write(repo / ".argmap.toml", f"{key} = 'AM101'\n")
    done = argmap("check", "club", cwd=repo)
    assert done.returncode == 2 and 'write ["AM101"]' in done.stderr, done.stderr
    write(repo / ".argmap.toml", f"{key} = ['am101']\n")
    done = argmap("check", "club", cwd=repo)
    assert done.returncode == 2 and "did you mean `AM101`" in done.stderr, done.stderr


# -- the baseline -------------------------------------------------------------------------------


def test_a_baseline_reports_only_new_findings(repo):
    write(repo / ".argmap.toml", "strict = true\n")
    baseline = repo / "argmap-baseline.json"
    done = argmap("check", "--write-baseline", baseline, "club", cwd=repo)
    assert done.returncode == 0 and "recorded 2 findings" in done.stderr, done.stderr
    recorded = json.loads(baseline.read_text())
    assert [(f["file"], f["rule"], f["statement"]) for f in recorded["findings"]] == [
        ("club/bare.yaml", "AM101", "t"), ("club/unsourced.yaml", "AM102", "e")]
    assert argmap("check", "--baseline", baseline, "club", cwd=repo).returncode == 0

    # Lines move and the file is run from elsewhere: still the same findings.
    write(repo / "club" / "bare.yaml", "# a comment\n\n" + BARE)
    done = argmap("check", "--format", "json", "--baseline", baseline, "repo/club", cwd=repo.parent)
    assert (done.returncode, findings(done)) == (0, []), done.stdout + done.stderr

    # A new statement with the same problem is new; so is an error.
    write(repo / "club" / "bare.yaml", BARE + "  u: {text: Another bare claim, supports: t}\n"
          "  v: {text: V, implicit: true, supports: [t, nope]}\n")
    done = argmap("check", "--format", "json", "--baseline", baseline, "club", cwd=repo)
    assert done.returncode == 1
    assert sorted((p["code"], p["line"]) for p in json.loads(done.stdout)) == [("AM004", 7), ("AM101", 6)]


def test_a_baselined_error_does_not_fail_the_run(repo):
    write(repo / "club" / "broken.yaml", CLEAN + "  a: {text: A, implicit: true, supports: nope}\n")
    baseline = repo / "baseline.json"
    assert argmap("check", "club", cwd=repo).returncode == 1
    argmap("check", "--write-baseline", baseline, "club", cwd=repo)
    done = argmap("check", "--baseline", baseline, "club", cwd=repo)
    assert done.returncode == 0 and "AM004" not in done.stdout, done.stdout


def test_a_second_finding_of_the_same_kind_in_the_same_statement_is_new(repo):
    two = CLEAN + "  a: {text: A, implicit: true, supports: [nope]}\n"
    write(repo / "club" / "refs.yaml", two)
    baseline = repo / "baseline.json"
    argmap("check", "--write-baseline", baseline, "club/refs.yaml", cwd=repo)
    write(repo / "club" / "refs.yaml", CLEAN + "  a: {text: A, implicit: true, supports: [nope, nope]}\n")
    done = argmap("check", "--format", "json", "--baseline", baseline, "club/refs.yaml", cwd=repo)
    assert [(p["code"], p["column"]) for p in json.loads(done.stdout)] == [("AM004", 49)], done.stdout


def test_the_baseline_is_sorted_and_stable(repo):
    first, second = repo / "one.json", repo / "two.json"
    argmap("check", "--write-baseline", first, "club", "arguments", cwd=repo)
    argmap("check", "--write-baseline", second, "arguments", "club", "--jobs", "1", cwd=repo / "club" / "..")
    assert first.read_bytes() == second.read_bytes()
    entries = json.loads(first.read_text())["findings"]
    assert entries == sorted(entries, key=lambda e: (e["file"], e["rule"], e["statement"], e["message"],
                                                     e["occurrence"]))


@pytest.mark.parametrize("content", ["", "{", "[]", '{"argmap-baseline": 1, "findings": [{"rule": 3}]}'])
def test_a_bad_baseline_is_exit_2_with_one_line(repo, content):
    bad = repo / "bad.json"
    bad.write_text(content)
    done = argmap("check", "--baseline", bad, "club", cwd=repo)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "bad.json" in done.stderr


def test_configured_paths_may_not_leave_the_repository_through_a_link(repo):
    outside = repo.parent / "outside"
    write(outside / "secret.yaml", "argmap: 1\ntitle: SECRET\n")
    (repo / "linked").symlink_to(outside)
    write(repo / "pyproject.toml", "[tool.argmap]\npaths = ['linked']\n")
    done = argmap("check", cwd=repo)
    assert done.returncode == 2 and "outside the repository" in done.stderr, done.stdout + done.stderr
    assert "SECRET" not in done.stdout + done.stderr
    write(repo / "pyproject.toml", "[tool.argmap]\npaths = ['club']\n")  # a real folder inside is fine
    assert argmap("check", cwd=repo).returncode == 0
