"""Warnings that point at the fix (issue 15, item 4): AM104 findings grouped by the cut-off branch they belong
to, with its top statement as the one link to add; YAML syntax slips explained in plain words."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import load_bytes

RUNNER = CliRunner()
HEAD = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n"


@pytest.mark.parametrize("body, line, column, advice", [
    ("  t:\n    text: Liberty is essential: as air\n", 6, 31, "put the text in double quotes"),
    ("  t: {text: Liberty: as air}\n", 5, 20, "put the text in double quotes"),
    ("  t: {text: We are #1 here, supports: x}\n", 5, 20, "` #` starts a comment"),
    ("\tt: {text: x}\n", 5, 1, "not tabs"),
    ("  t:\n\ttext: x\n", 6, 1, "not tabs"),
    ('  t: {text: "unclosed}\n  u: {text: y}\n', 5, 13, "never closed"),
    ("  t:\n    text: 'it is\n  u: {text: y}\n", 6, 11, "never closed"),
], ids=["colon", "colon-in-braces", "hash", "tab", "tab-nested", "double-quote", "single-quote"])
def test_a_yaml_slip_says_what_to_do_where(body, line, column, advice):
    issues = load_bytes((HEAD + body).encode(), "m.yaml").issues
    assert len(issues) == 1 and issues[0].code == "AM001"
    assert (issues[0].pos.line, issues[0].pos.column) == (line, column)
    assert advice in issues[0].message and issues[0].message.startswith("Invalid YAML: ")


def test_other_yaml_errors_keep_yaml_own_words():
    issues = load_bytes((HEAD + "  t: [a, b\n").encode(), "m.yaml").issues
    assert issues[0].message.startswith("Invalid YAML: ") and "double quotes" not in issues[0].message


CUT = HEAD + """  t: {text: The thesis}
  a: {text: A reason, supports: t}
  top: {text: A point whose link was forgotten}
  r1: {text: One reason for it, supports: top}
  r2: {text: Another, supports: top}
  r3: {text: An objection, attacks: top}
  lone: {text: Alone}
"""


def test_statements_cut_off_together_are_one_group_named_by_their_top(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(CUT, encoding="utf-8")
    found = json.loads(RUNNER.invoke(app, ["check", str(path), "--format", "json"]).stdout)
    cut = {p["message"].split("`")[1]: p.get("group") for p in found if p["code"] == "AM104"}
    assert cut == {"top": "top", "r1": "top", "r2": "top", "r3": "top", "lone": "lone"}
    assert all("group" not in p for p in found if p["code"] != "AM104")
    text = RUNNER.invoke(app, ["check", str(path)]).stdout
    assert text.count("AM104 warning") == 5  # every finding is still reported
    grouped = [line for line in text.splitlines() if "cut off together" in line]
    assert grouped == [f"{path}: 4 statements (AM104) are cut off together under `top` (line 7): one relation "
                       "from `top` to the argument links them all"]


def test_the_top_of_a_branch_is_what_the_rest_rests_on(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + """  t: {text: The thesis}
  leaf: {text: A leaf, supports: mid}
  mid: {text: Middle, supports: high}
  other-end: {text: A second end, nothing rests on it}
  high: {text: What the branch argues}
  side: {text: Side, attacks: other-end}
""", encoding="utf-8")
    found = json.loads(RUNNER.invoke(app, ["check", str(path), "--format", "json"]).stdout)
    groups = {p["message"].split("`")[1]: p["group"] for p in found if p["code"] == "AM104"}
    assert groups == {"leaf": "high", "mid": "high", "high": "high", "other-end": "other-end",
                      "side": "other-end"}
