"""Every output kind, on a map whose every field holds what a CI log or a terminal would obey.

A pull request controls a map's texts, keys, tags, notes, sources, its file name and
the configuration. None of that may reach a log as a GitHub workflow command (``::``
at a line's start, ``##[`` anywhere), an escape sequence, a C1 control or a
bidirectional control; Markdown may not turn it into a link, nor SARIF into an
embedded link.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

LEGACY = "##[error file=src/app.py;line=1]Forged"
MASK = "##[add-mask]Checked"
FORGED = "::error file=README.md,line=1::Forged"
BIDI = "\u202e"
LINKS = "https://evil.example www.evil.example bob@evil.example"

MAP = f"""argmap: 1
title: "{MASK} {BIDI}title"
thesis: t
source: {{title: "{LEGACY}", author: "{BIDI}auth"}}
claims:
  t:
    text: |-
      The thesis {MASK}
      {FORGED}
      {BIDI}reversed {LINKS} [click](https://evil.example)
    note: "{LEGACY}"
    tags: ["{MASK}", "{BIDI}tag"]
  a:
    text: "A reason {LEGACY} {BIDI}"
    supports: t
    implicit: true
    "x-{LEGACY}": 1
evidence:
  e:
    text: "Evidence {MASK}"
    source: "{LEGACY} {BIDI}"
    quote: "{MASK}"
    supports: a
counterclaims:
  c:
    text: "An objection [x](https://evil.example) {MASK}"
    attacks: t
"""

NAME = "m\x1b[2J##[warning]x\u202e.yaml"
"""A file name with an escape sequence, a legacy command and a bidi control (Linux allows all three)."""

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OUR_COMMAND = re.compile(r"^::(error|warning|notice) file=[^,\n]*,line=\d+,col=\d+,title=argmap AM\d{3}::")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, capture_output=True, env=env,
                          timeout=120)
    assert b"Traceback" not in done.stderr, done.stderr
    return done


def assert_inert(output: bytes, kind: str, github: bool = False) -> str:
    text = output.decode("utf-8")
    assert "##[" not in text, (kind, text)
    assert not CONTROL.search(text), (kind, CONTROL.search(text), text)
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert github and OUR_COMMAND.match(stripped), (kind, line)
    return text


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-output")
    (folder / NAME).write_text(MAP, encoding="utf-8")
    # A second map, for `check` only: a key that is not allowed is quoted in the problem it causes.
    (folder / f"keys-{NAME}").write_text(MAP.replace(f'"x-{LEGACY}": 1', f'"{LEGACY}key": 1'), encoding="utf-8")
    return folder


CHECK_FORMATS = ["text", "grouped", "json", "github", "sarif", "junit"]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_reports_are_inert(folder, fmt):
    done = run(folder, "check", "--format", fmt, NAME, f"keys-{NAME}")
    assert done.returncode in (0, 1), done.stderr
    text = assert_inert(done.stdout + done.stderr, f"check {fmt}", github=fmt == "github")
    if fmt == "sarif":
        for result in json.loads(text)["runs"][0]["results"]:
            assert not re.search(r"(?<!\\)[\[\]]", result["message"]["text"]), result["message"]["text"]


@pytest.mark.parametrize("extra", [["--show-source"], ["--statistics"]])
def test_check_text_extras_are_inert(folder, extra):
    done = run(folder, "check", "--format", "text", *extra, NAME, f"keys-{NAME}")
    assert_inert(done.stdout + done.stderr, " ".join(extra))


@pytest.mark.parametrize("args", [
    ["evaluate"], ["evaluate", "--format", "json"], ["evaluate", "--explain", "t", "--cruxes"],
    ["tree"], ["tree", "--ascii"], ["render", "-f", "dot", "-o", "-"],
    ["export", "--to", "markdown"], ["export", "--to", "mermaid"], ["export", "--to", "cards"],
    ["export", "--to", "cards-html"], ["stats"], ["questions"], ["render", "-f", "html", "-o", "-"],
    ["render", "-f", "svg", "-o", "-"], ["render", "-f", "svg", "--paper", "a4", "-o", "-"],
])
def test_view_outputs_are_inert(folder, args):
    done = run(folder, *args[:1], NAME, *args[1:])
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout + done.stderr, " ".join(args))


def test_markdown_makes_no_autolink(folder):
    done = run(folder, "export", NAME, "--to", "markdown")
    text = done.stdout.decode()
    for raw in ("https://evil", "www.evil", "bob@evil"):
        assert raw not in text, (raw, text)
    assert "https\\://evil" in text and "www\\.evil" in text and "bob\\@evil" in text


def test_a_missing_file_and_a_bad_configuration_name_nothing_raw(folder):
    done = run(folder, "tree", "gone\x1b]8;;https://evil.example\x1b\\##[error]x\u202e.yaml")
    assert done.returncode == 2
    assert_inert(done.stdout + done.stderr, "missing file")
    config = folder / "bad"
    config.mkdir()
    (config / ".argmap.toml").write_text(
        f'"{FORGED}\\n{FORGED}\\u001b[2J\\u202e##[x]" = 1\nselect = ["\\u001b]8;;x\\u001b\\\\"]\n', encoding="utf-8")
    done = run(config, "check", str(folder / NAME))
    assert done.returncode == 2, done.stderr
    assert_inert(done.stdout + done.stderr, "configuration")


def test_a_file_name_with_a_line_feed_forges_no_line(tmp_path):
    name = "a\n::error file=README.md,line=1::Forged\n.yaml"
    (tmp_path / name).write_text("argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n", encoding="utf-8")
    for fmt in ("text", "grouped", "junit", "github"):
        done = run(tmp_path, "check", "--format", fmt, name)
        assert done.returncode == 0, done.stderr
        assert_inert(done.stdout + done.stderr, f"check {fmt}", github=fmt == "github")
        assert b"\\x0a::error" in done.stdout or fmt == "github", done.stdout


@pytest.mark.parametrize("columns, lines", [("\u00b2", "\u00b3"), ("-5", "x"), ("99999999999999999999", "0")])
def test_odd_terminal_sizes_are_ignored_not_fatal(folder, columns, lines):
    """On a terminal, rich would parse COLUMNS and LINES itself (`int('³')` fails there)."""
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env.update(COLUMNS=columns, LINES=lines)
    main, secondary = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "argmap", "tree", NAME], cwd=folder, stdout=secondary,
                              stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal is closed once everything was read
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr
    assert b"Key:" in output
