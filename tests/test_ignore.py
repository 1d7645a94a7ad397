"""The statement key `ignore:` and the rule AM901 unused-ignore."""

from __future__ import annotations

import textwrap

import pytest

from argmap.checker import CheckConfig, check_file
from argmap.loader import STATEMENT_KEYS, load_bytes
from argmap.model import Ignore, Position
from conftest import write_map


def problems(tmp_path, source: str, config: CheckConfig | None = None) -> list[tuple[str, int, int]]:
    path = write_map(tmp_path, textwrap.dedent(source).lstrip("\n"))
    return [(p.code, p.line, p.column) for p in check_file(path, config).problems]


def test_ignore_is_a_statement_key_stored_with_positions():
    assert "ignore" in STATEMENT_KEYS
    loaded = load_bytes(b"argmap: 1\ntitle: T\nthesis: t\nclaims:\n"
                        b"  t: {text: T, ignore: [AM101, unsourced-evidence]}\n"
                        b"  a: {text: A, supports: t, ignore: disconnected}\n", "m.yaml")
    assert loaded.issues == []
    line5 = "  t: {text: T, ignore: [AM101, unsourced-evidence]}"
    line6 = "  a: {text: A, supports: t, ignore: disconnected}"
    assert loaded.model.statements["t"].ignore == [Ignore("AM101", Position(5, line5.index("AM101") + 1)),
                                                   Ignore("AM102", Position(5, line5.index("unsourced") + 1))]
    assert loaded.model.statements["a"].ignore == [Ignore("AM104", Position(6, line6.index("disconnected") + 1))]


def test_ignore_silences_problems_about_the_statement_only(tmp_path):
    source = """
        argmap: 1
        title: T
        thesis: t
        claims:
          t:
            text: The thesis
            ignore: [AM101]
          a: {text: Lone claim, ignore: [unsupported-claim]}
          b: {text: Another lone claim}
        """
    assert problems(tmp_path, source) == [("AM104", 8, 3), ("AM101", 9, 3), ("AM104", 9, 3)]


def test_a_structural_rule_cannot_be_ignored_by_a_statement(tmp_path):
    # A broken reference is not a judgement to silence: the `ignore` entry is AM002, and AM004 stays.
    source = """
        argmap: 1
        title: T
        thesis: t
        claims:
          t: {text: T, implicit: true}
          a: {text: A, implicit: true, supports: [t, nowhere], ignore: [AM004]}
        """
    assert problems(tmp_path, source) == [("AM004", 6, 46), ("AM002", 6, 65)]


def test_unused_ignore_is_am901_at_the_entry(tmp_path):
    source = """
        argmap: 1
        title: T
        thesis: t
        claims:
          t:
            text: The thesis
            ignore: [AM101, AM102]
          a: {text: A reason, supports: t, ignore: [AM106, AM106]}
        """
    found = problems(tmp_path, source)
    assert found == [("AM901", 7, 14), ("AM901", 7, 21), ("AM101", 8, 3), ("AM901", 8, 45), ("AM901", 8, 52)]


def test_am901_messages(tmp_path):
    path = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n"
                               "  t: {text: T, implicit: true, ignore: [AM101, unsupported-claim]}\n")
    messages = [p.message for p in check_file(path).problems]
    assert messages == ["`ignore` of `t` names `AM101` (unsupported-claim), which reports no problem about `t`",
                        "`ignore` of `t` names `AM101` more than once"]


@pytest.mark.parametrize("config", [
    CheckConfig(ignore={"AM101"}),
    CheckConfig(severity={"AM101": "off"}),
    CheckConfig(select={"AM004", "AM901"}),
])
def test_no_am901_for_a_rule_that_did_not_run(tmp_path, config):
    source = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, implicit: true, ignore: [AM101]}\n"
    assert problems(tmp_path, source, config) == []


def test_no_am901_when_a_rule_needing_a_sound_map_was_skipped(tmp_path):
    # AM105 runs only on maps without errors; this map has one (AM004).
    source = """
        argmap: 1
        title: T
        thesis: t
        claims:
          t: {text: T, implicit: true, ignore: [AM105]}
          a: {text: A, implicit: true, supports: [t, nowhere]}
        """
    assert problems(tmp_path, source) == [("AM004", 6, 46)]


def test_am901_can_be_turned_off_or_silenced(tmp_path):
    source = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, implicit: true, ignore: [AM101, AM901]}\n"
    assert problems(tmp_path, source) == []
    source = "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, implicit: true, ignore: [AM101]}\n"
    assert problems(tmp_path, source, CheckConfig(ignore={"AM901"})) == []


@pytest.mark.parametrize("value, inside, message", [
    ("[AM999]", 1, "`ignore` of `t` names `AM999`, which is no rule's code or name"),
    ("[am101]", 1, "(did you mean `AM101`?)"),
    ("[unsuported-claim]", 1, "(did you mean `unsupported-claim`?)"),
    ("{AM101: x}", 0, "`ignore` of `t` must be text, not a mapping"),
    ("[[AM101]]", 1, "An item of `ignore` of `t` must be text, not a list"),
    ("[~]", 1, "must be text, not null"),
])
def test_bad_ignore_is_am002_at_the_value(tmp_path, value, inside, message):
    line = f"  t: {{text: T, implicit: true, ignore: {value}}}"
    column = line.index("ignore: ") + len("ignore: ") + inside + 1  # the value, or its first item
    path = write_map(tmp_path, f"argmap: 1\ntitle: T\nthesis: t\nclaims:\n{line}\n")
    found = check_file(path).problems
    assert [(p.code, p.line, p.column) for p in found] == [("AM002", 5, column)], found
    assert message in found[0].message


def test_ignore_on_evidence_and_counterclaims(tmp_path):
    source = """
        argmap: 1
        title: T
        thesis: t
        claims:
          t: {text: T, implicit: true, ignore: thesis-not-accepted}
        counterclaims:
          c: {text: C, contradicts: t, ignore: [unsupported-claim, unanswered-objection]}
        evidence:
          e: {text: E, supports: t, ignore: AM102}
        """
    assert problems(tmp_path, source) == []
