"""`argmap tree`: the outline's structure, its text for the teaching maps, width, depth and safety.

The expected outputs in tests/data/tree/ are the plain (`--ascii`, no colour)
text at 80 columns. After a deliberate change of the layout, regenerate them with
``ARGMAP_UPDATE_EXPECTED=1 pytest tests/test_tree.py`` and read the diff.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from argmap.cli import app, use_color
from argmap.context import MapContext
from argmap.loader import load_bytes
from argmap.views.tree import COUNT_LIMIT, SEE, STATEMENT, TOGETHER, build_tree, max_depth_for_width
from conftest import REPO, assert_no_traceback, write_map

DATA = REPO / "tests" / "data" / "tree"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def context(source: str) -> MapContext:
    loaded = load_bytes(source.encode("utf-8"), "m.yaml")
    assert loaded.model is not None and not loaded.issues, loaded.issues
    return MapContext(loaded.model)


def run_tree(runner, *args, columns: int = 80):
    env = {"COLUMNS": str(columns), "NO_COLOR": None}
    result = runner.invoke(app, ["tree", *map(str, args)], env=env)
    assert_no_traceback(result)
    return result


def compare_expected(name: str, text: str) -> None:
    path = DATA / name
    if os.environ.get("ARGMAP_UPDATE_EXPECTED"):
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"tree output differs from {path}:\n{text}"


# ---- the structure, independent of layout -----------------------------------------

SHAPES = """\
argmap: 1
title: Shapes
thesis: t
claims:
  t: {text: The thesis}
  shared: {text: A premise used twice, supports: [a, b]}
  a: {text: Reason A, supports: t}
  b: {text: Reason B, supports: t}
  p: {text: Linked premise P}
  q: {text: Linked premise Q, implicit: true}
  x: {text: X attacks y, attacks: y}
  y: {text: Y attacks x and t, attacks: [x, t]}
  implication: {text: Something the thesis leads to}
counterclaims:
  u: {text: Undercuts a to t, by: critics, undercuts: {from: a, to: t}}
evidence:
  e: {text: A fact, source: a report, supports: a}
arguments:
  pq: {premises: [p, q], conclusion: t}
  onwards: {premises: [t], conclusion: implication}
"""


def test_structure_shared_premise_cycle_linked_argument_undercut():
    view = build_tree(context(SHAPES))
    got = [(n.depth, n.kind, n.id, n.role) for n in view.nodes]
    assert got == [
        (0, STATEMENT, "t", "root"),
        (1, STATEMENT, "a", "pro"),
        (2, STATEMENT, "shared", "pro"),
        (2, STATEMENT, "e", "pro"),
        (1, STATEMENT, "b", "pro"),
        (2, SEE, "shared", "pro"),  # a shared premise: printed once, then referred to
        (1, TOGETHER, "pq", "pro"),  # a linked argument: one child holding its premises
        (2, STATEMENT, "p", "premise"),
        (2, STATEMENT, "q", "premise"),
        (1, STATEMENT, "y", "con"),
        (2, STATEMENT, "x", "con"),
        (3, SEE, "y", "con"),  # an attack cycle ends in a reference, not a loop
        (1, STATEMENT, "u", "undercut"),  # the undercut of a -> t, after the attackers
    ]
    undercut = view.nodes[-1]
    assert undercut.link == "a->t"
    assert [(item, [r.verb for r in relations]) for item, relations in view.unreached] == [
        ("implication", ["concluded-from"])]


def test_structure_from_another_root():
    view = build_tree(context(SHAPES), root="a")
    assert [n.id for n in view.nodes] == ["a", "shared", "e"]
    assert "t" in [item for item, _ in view.unreached]


def test_plain_text_of_the_shapes_map(runner, tmp_path):
    path = write_map(tmp_path, SHAPES)
    result = run_tree(runner, path, "--ascii", "--no-labels")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Shapes"
    assert lines[1] == "t: The thesis"
    assert "+-- + a: Reason A" in lines
    assert "|   `-- + ^ see shared" in lines
    assert "+-- + together (argument pq):" in lines
    assert "|   `-- & q: Linked premise Q (implicit)" in lines
    assert "`-- ~ u (undercuts a -> t): Undercuts a to t (other side; by critics)" in lines
    assert "|         source: a report" in lines
    assert "Not reached from t (1 statement):" in lines
    assert "    concluded from t (argument onwards)" in lines


# ---- expected output for the teaching maps ---------------------------------------


@pytest.mark.parametrize("name", ["relations-tour", "school-uniforms"])
def test_teaching_map_without_labels(runner, name):
    result = run_tree(runner, REPO / "arguments" / f"{name}.yaml", "--ascii", "--no-labels")
    assert result.exit_code == 0, result.output
    compare_expected(f"{name}.ascii.txt", result.output)


@pytest.mark.parametrize("name", ["relations-tour", "school-uniforms"])
def test_teaching_map_with_labels(runner, name):
    result = run_tree(runner, REPO / "arguments" / f"{name}.yaml", "--ascii")
    assert result.exit_code == 0, result.output
    compare_expected(f"{name}.labels.ascii.txt", result.output)


def test_unicode_tree_of_the_teaching_map(runner):
    result = run_tree(runner, REPO / "arguments" / "relations-tour.yaml", "--no-labels")
    assert result.exit_code == 0, result.output
    compare_expected("relations-tour.txt", result.output)


def test_ascii_output_is_ascii(runner):
    result = run_tree(runner, REPO / "arguments" / "relations-tour.yaml", "--ascii")
    assert result.output.isascii(), result.output
    for symbol in ("├", "└", "│", "✓", "✗", "↑"):
        assert symbol not in result.output


def test_labels_and_assume(runner):
    path = REPO / "arguments" / "school-uniforms.yaml"
    plain = run_tree(runner, path, "--ascii").output
    # Long Beach stands, but its support is undercut: the link is dead, as the evaluation says.
    assert "[ok] long-beach ([x] dead link):" in plain
    assumed = run_tree(runner, path, "--ascii", "--assume", "long-beach=rejected")
    assert assumed.exit_code == 0, assumed.output
    assert "[x] long-beach ([x] dead link):" in assumed.output
    bad = run_tree(runner, path, "--assume", "long-beach=perhaps")
    assert bad.exit_code == 2, bad.output
    assert "accepted" in bad.output
    unknown = run_tree(runner, path, "--assume", "nothing-here=accepted")
    assert unknown.exit_code == 2, unknown.output


# ---- width, depth and depth without recursion ------------------------------------


def chain_map(length: int, relation: str = "supports") -> str:
    lines = ["argmap: 1", "title: Chain", "thesis: c0", "claims:", "  c0: {text: The end of the chain}"]
    lines += [f"  c{i}: {{text: Link {i}, {relation}: c{i - 1}}}" for i in range(1, length)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("relation", ["supports", "attacks"])
def test_ten_thousand_deep_chain(runner, tmp_path, relation):
    path = write_map(tmp_path, chain_map(10_000, relation))
    result = run_tree(runner, path, "--ascii", "--no-labels")
    assert result.exit_code == 0, result.output
    shown = max_depth_for_width(80)
    assert f"c{shown}: Link {shown}" in result.output
    assert f"c{shown + 1}:" not in result.output
    words = " ".join(result.output.split())  # the last entries have only blank guides
    # 10,000 - 1 - shown lie below: more than the count limit, which keeps the cost linear
    assert f"... more than {COUNT_LIMIT} statements below; show them with --root c{shown}" in words
    for line in result.output.splitlines():
        assert cell_len(line) <= 80, line


def test_ten_thousand_deep_chain_without_a_depth_limit():
    view = build_tree(context(chain_map(10_000)))
    assert len(view.nodes) == 10_000
    assert view.nodes[-1].depth == 9_999


def test_root_continues_where_the_tree_was_elided(runner, tmp_path):
    path = write_map(tmp_path, chain_map(40))
    result = run_tree(runner, path, "--ascii", "--no-labels", "--root", "c12")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "c12: Link 12"
    assert "c24: Link 24" in result.output
    assert "... 15 more statements below; show them with --root c24" in " ".join(result.output.split())


@pytest.mark.parametrize("columns, elided", [(40, True), (50, True), (64, False)])
def test_narrow_width_elides_instead_of_squeezing(runner, columns, elided):
    result = run_tree(runner, REPO / "arguments" / "beijing-parade.yaml", "--no-labels", columns=columns)
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        assert cell_len(line) <= columns, line
    unguided = " ".join(re.sub(r"^[│├└─ ]+", "", line) for line in result.output.splitlines())
    found = re.search(r"… \d+ more statements? below; show them with --root [\w-]+", unguided)
    assert bool(found) == elided, result.output


def test_depth_option(runner):
    result = run_tree(runner, REPO / "arguments" / "relations-tour.yaml", "--ascii", "--no-labels", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert "rain-likely" not in result.output.split("Not reached")[0]
    unguided = " ".join(re.sub(r"^[|`+\- ]+", "", line) for line in result.output.splitlines())
    assert "... 5 more statements below; show them with --root wet-picnic or a greater --depth" in unguided
    assert "... 9 more statements below; show them with --root keep-outdoors" in unguided
    zero = run_tree(runner, REPO / "arguments" / "relations-tour.yaml", "--ascii", "--depth", "0", "--no-labels")
    assert zero.output.splitlines()[3] == "`-- ... 9 more statements below; a greater --depth shows them"


def test_unknown_root(runner):
    result = run_tree(runner, REPO / "arguments" / "relations-tour.yaml", "--root", "rain-likly")
    assert result.exit_code == 2, result.output
    assert "did you mean `rain-likely`" in result.output


# ---- what the tree leaves out -----------------------------------------------------


def test_flagship_lists_what_the_thesis_does_not_reach(runner):
    result = run_tree(runner, REPO / "arguments" / "beijing-parade.yaml", "--no-labels", "--ascii")
    assert result.exit_code == 0, result.output
    tree, _, rest = result.output.partition("Not reached from bloc-confrontation")
    assert rest, result.output
    ctx_ids = re.findall(r"^\* ([\w-]+):", rest, flags=re.M)
    assert "nuclear-non-negotiable" in ctx_ids and "dont-underestimate" in ctx_ids
    for item in ctx_ids:
        assert f" {item}:" not in tree  # listed once, below, not in the tree
    # every statement of the file is in the tree or in the list
    from argmap.loader import load_map

    model = load_map(REPO / "arguments" / "beijing-parade.yaml").model
    for item in model.statements:
        assert re.search(rf"(?<![\w-]){re.escape(item)}(?![\w-])", result.output), item


# ---- safety of the text -------------------------------------------------------------


MARKUP = """\
argmap: 1
title: "[bold]Not bold[/bold]"
thesis: t
claims:
  t: {text: "Closing [/] and [link=https://example.com]a link[/link] and [red]red"}
  a: {text: "Emoji :smile: and bidi \\u202e and tab\\there", supports: t}
"""


def test_markup_is_printed_as_written(runner, tmp_path):
    path = write_map(tmp_path, MARKUP)
    result = run_tree(runner, path, "--no-labels", columns=200)
    assert result.exit_code == 0, result.output
    assert "[bold]Not bold[/bold]" in result.output
    assert "t: Closing [/] and [link=https://example.com]a link[/link] and [red]red" in result.output
    assert ":smile:" in result.output
    assert "\u202e" not in result.output and "\\u202e" in result.output
    assert "tab here" in result.output


def test_markup_is_printed_as_written_in_colour(runner, tmp_path, monkeypatch):
    import argmap.commands.tree as tree_command

    monkeypatch.setattr(tree_command, "use_color", lambda *args: True)
    path = write_map(tmp_path, MARKUP)
    result = run_tree(runner, path, "--no-labels", columns=200)
    assert result.exit_code == 0, result.output
    assert ANSI.search(result.output), "expected colour codes"
    plain = ANSI.sub("", result.output)
    assert "t: Closing [/] and [link=https://example.com]a link[/link] and [red]red" in plain
    assert "\x1b]8;" not in result.output  # no hyperlink escape was made from the text


def test_no_colour_when_not_a_terminal_or_no_color(runner, monkeypatch):
    result = run_tree(runner, REPO / "arguments" / "relations-tour.yaml")
    assert not ANSI.search(result.output)

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())


def test_nasty_texts_keep_the_tree_shape(runner):
    result = run_tree(runner, DATA / "nasty.yaml", "--ascii", "--no-labels")
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        assert cell_len(line) <= 80, line
    assert 'He said "no", then \'yes\' \\ a backslash' in result.output
    assert "<b>bold</b> & <i>x</i> &amp;" in result.output
    # the text's own newlines stay inside the entry, under its guides
    assert "|   +-- + subgraph: line one\n|   |     line two\n" in result.output


# ---- bad input ------------------------------------------------------------------------


def test_exit_codes(runner, tmp_path):
    missing = run_tree(runner, tmp_path / "nope.yaml")
    assert missing.exit_code == 2, missing.output
    broken = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, supports: nowhere}\n")
    result = run_tree(runner, broken)
    assert result.exit_code == 1, result.output
    assert "AM004" in result.output
    assert "t: T" not in result.output  # nothing drawn


# ---- --watch -----------------------------------------------------------------------------


def test_watch_shows_problems_of_a_half_written_file_and_recovers(runner, tmp_path, monkeypatch):
    import argmap.cliutil
    import argmap.watch

    path = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: First version}\n")
    saves = iter([
        "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: Half writ",  # a save in the middle of typing
        "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: Second version}\n",
    ])

    def editor(seconds):
        try:
            text = next(saves)
        except StopIteration:
            raise KeyboardInterrupt  # the student presses Ctrl-C
        path.write_text(text)
        os.utime(path, ns=(os.stat(path).st_mtime_ns + 1_000_000, os.stat(path).st_mtime_ns + 1_000_000))

    monkeypatch.setattr(argmap.watch, "watch", functools.partial(argmap.watch.watch, sleep=editor))
    monkeypatch.setattr(argmap.cliutil, "_KEPT", [])  # as under run_and_exit, which holds each run's map
    result = run_tree(runner, path, "--no-labels", "--watch")
    assert result.exit_code == 0, result.output
    assert result.stdout.index("t: First version") < result.stdout.index("t: Second version")
    assert "Half writ" not in result.stdout
    assert "AM001" in result.stderr  # the half-written save: its problem, and the loop went on
    assert result.stderr.count("argmap: watching") == 3
    assert argmap.cliutil._KEPT == []  # every run let go of its map: a long watch does not grow


def test_watch_loop_reruns_on_change_only(tmp_path):
    from argmap.watch import watch

    path = Path(tmp_path, "m.yaml")
    path.write_text("a")
    calls = []
    plan = iter(["same", "change", "same", "remove", "restore"])
    missing = []

    def step(seconds):
        action = next(plan)
        if action == "change":
            path.write_text("ab")
        elif action == "remove":
            path.unlink()
        elif action == "restore":
            path.write_text("abc")

    runs = watch(path, lambda: calls.append(path.read_text()), max_iterations=5, sleep=step,
                 on_missing=lambda: missing.append(True))
    assert runs == 3 and calls == ["a", "ab", "abc"]
    assert missing == [True]
