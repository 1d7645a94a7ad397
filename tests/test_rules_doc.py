"""`argmap rules [CODE]`: every rule documents what it finds, why, an example, and a fix.

The example in each rule's documentation is checked to trigger that rule, so the
documentation `argmap rules CODE` prints and `docs/rules.md` holds cannot go wrong.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from argmap.checker import CheckConfig, check_file
from argmap.cli import app
from argmap.rules import RULES
from conftest import assert_no_traceback

SECTIONS = ("What it finds", "Why it matters", "Example", "How to fix")


@pytest.mark.parametrize("code", list(RULES))
def test_rule_documentation_has_every_section(code):
    doc = RULES[code].doc
    headings = [line for line in doc.split("\n") if line and not line.startswith(" ")][1:]
    assert headings == list(SECTIONS), f"{code}: sections {headings}"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_example_triggers_the_rule(tmp_path, code):
    match = re.search(r"```yaml\n(.*?)```", RULES[code].doc, flags=re.S)
    assert match, f"{code} has no YAML example"
    example = textwrap.dedent(match[1])
    text = example if example.lstrip().startswith("argmap:") else "argmap: 1\ntitle: T\nthesis: t\n" + example
    text_file = re.search(r"text_file: ([\w.-]+)", example)
    if text_file:  # the source text the example names, without the words it quotes
        (tmp_path / text_file[1]).write_text("A text that quotes nothing.", encoding="utf-8")
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    config = CheckConfig(select={code}) if RULES[code].default_off else None  # off by default: selected by name
    assert code in [p.code for p in check_file(path, config).problems]


@pytest.mark.parametrize("which", ["AM901", "unused-ignore"])
def test_rules_shows_the_unused_ignore_rule(runner, which):
    result = runner.invoke(app, ["rules", which])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    for section in SECTIONS:
        assert section in result.output
    assert "AM901 unused-ignore" in result.output
