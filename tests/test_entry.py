"""The console entry point's fast path for `argmap check` behaves exactly like the typer command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main

from argmap.cli import app
from argmap.entry import check_options, check_parser
from argmap.render import REPORT_FORMATS
from conftest import REPO


def typer_check_options() -> set[str]:
    command = typer.main.get_command(app).commands["check"]
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)
            if name.startswith("-")}


def test_both_parsers_know_the_same_options():
    fast = {name for action in check_parser()._actions for name in action.option_strings}
    assert fast == typer_check_options()


def test_both_know_the_same_formats():
    from argmap.checkrun import FORMATS

    assert FORMATS == ("auto", *REPORT_FORMATS)


def test_help_and_mistakes_go_to_typer():
    assert check_options(["--help"]) is None
    assert check_options(["arguments", "-h"]) is None
    assert check_options(["--bogus"]) is None
    assert check_options(["--format", "xml"]) is None
    assert check_options(["--jobs", "0"]) is None
    assert check_options(["arguments", "--strict"])["strict"] is True


CASES = [
    ["check", "arguments"],
    ["check", "arguments", "--strict"],
    ["check", "arguments/relations-tour.yaml", "--format", "json"],
    ["check", "--format=github", "arguments/school-uniforms.yaml", "--no-config"],
    ["check", "arguments", "--ignore", "unsupported-claim", "--select", "AM101,AM103"],
    ["check", "tests/data/evaluate/errors.yaml", "--show-source", "-f", "text"],
    ["check", "no/such/path"],
    ["check", "arguments", "--select", "AM999"],
]


@pytest.mark.parametrize("argv", CASES, ids=lambda argv: " ".join(argv[1:]))
def test_the_fast_path_prints_what_the_typer_command_prints(runner, argv):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    fast = subprocess.run([sys.executable, "-m", "argmap", *argv], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert check_options(argv[1:]) is not None  # it did take the fast path
    slow = runner.invoke(app, argv, env={"NO_COLOR": "1"})
    assert fast.returncode == slow.exit_code, (fast.stderr, slow.output)
    assert fast.stdout == slow.stdout
    assert fast.stderr == slow.stderr
    assert "Traceback" not in fast.stderr


def test_a_mistake_still_gets_typers_message():
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "--bogus"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "No such option: --bogus" in done.stderr


def test_version_without_typer():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", "--version"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("argmap ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "typer" not in imported and "networkx" not in imported
