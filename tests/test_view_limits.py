"""What the views do with a map too large to show whole: the tree and the outline stop with a line that says
how to see the rest, and a diagram of more relations than Graphviz can lay out is refused in one line.

The limits are lowered here so that a small map reaches them; docs/security.md gives their values."""

from __future__ import annotations

import pytest

from argmap.cli import app  # first: it registers the commands, viewing among them
import argmap.commands.viewing as viewing  # noqa: I001
import argmap.views.tree as tree_view
from conftest import MAP_HEAD, assert_no_traceback, write_map

LAYERED = MAP_HEAD.replace("thesis: t", "thesis: s0-0") + "claims:\n" + "".join(
    f"  s{layer}-{w}: {{text: S {layer} {w}, implicit: true"
    + ("" if layer == 0 else ", supports: [" + ", ".join(f"s{layer - 1}-{x}" for x in range(6 if layer > 1 else 1))
       + "]") + "}\n"
    for layer in range(4) for w in range(6 if layer else 1))
"""A thesis, then three layers of six statements, each supporting every statement of the layer above
(6 + 36 + 36 = 78 relations)."""


@pytest.fixture
def layered(tmp_path):
    return write_map(tmp_path, LAYERED, "layered.yaml")


def test_tree_stops_after_its_line_limit_and_says_how_to_see_the_rest(runner, layered, monkeypatch):
    full = runner.invoke(app, ["tree", "--ascii", str(layered)])
    assert full.exit_code == 0 and "not shown" not in full.stdout
    monkeypatch.setattr(tree_view, "MAX_LINES", 12)
    cut = runner.invoke(app, ["tree", "--ascii", str(layered)])
    assert_no_traceback(cut)
    lines = cut.stdout.splitlines()
    stop = [line for line in lines if "not shown" in line]
    assert len(stop) == 1 and "the tree stops after 12 lines" in stop[0] and "--root ID" in stop[0], cut.stdout
    assert lines.index(stop[0]) == 12  # the title and eleven entries, then the line that says so
    assert cut.stdout.splitlines()[:12] == full.stdout.splitlines()[:12]


def test_markdown_outline_stops_after_the_same_limit(runner, layered, monkeypatch):
    monkeypatch.setattr(tree_view, "MAX_LINES", 5)
    import argmap.render.markdown as markdown

    monkeypatch.setattr(markdown, "MAX_LINES", 5)
    done = runner.invoke(app, ["export", str(layered), "--to", "markdown"])
    assert done.exit_code == 0, done.output
    entries = [line for line in done.stdout.splitlines() if line.lstrip().startswith("- ")]
    assert len(entries) == 6 and "more entries not shown" in entries[-1], done.stdout


@pytest.mark.parametrize("args", [["render", "-f", "dot", "-o", "-"], ["export", "--to", "mermaid"]])
def test_a_diagram_of_too_many_relations_is_refused_in_one_line(runner, layered, monkeypatch, args):
    assert runner.invoke(app, [args[0], str(layered), *args[1:]]).exit_code == 0
    monkeypatch.setattr(viewing, "MAX_DRAWN_RELATIONS", 20)
    done = runner.invoke(app, [args[0], str(layered), *args[1:]])
    assert_no_traceback(done)
    assert done.exit_code == 2 and "78 relations" in done.output and "at most 20" in done.output, done.output
    assert len(done.output.strip().splitlines()) == 1
