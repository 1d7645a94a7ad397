"""Focus (issue 14, item 2): `render` and `export` take `--root ID` and `--depth N` as `tree` does; a linked
argument or a counterclaim is a valid root; `tree --root ID` counts what it does not reach in one line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checker import check_file
from argmap.cli import app
from argmap.render.diagram import focus
from argmap.views.tree import build_tree, shown_ids

REPO = Path(__file__).resolve().parents[1]
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
RUNNER = CliRunner()


def run(*args, code: int = 0) -> str:
    result = RUNNER.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result.output


def context(path: Path):
    result = check_file(path)
    assert not result.has_errors
    return result.context


def drawn_statements(dot_source: str, ctx) -> set[str]:
    """The statements Graphviz lays out from ``dot_source`` (read back with ``dot -Tplain``)."""
    plain = subprocess.run(["dot", "-Tplain"], input=dot_source, capture_output=True, text=True, check=True).stdout
    nodes = {line.split()[1].strip('"') for line in plain.splitlines() if line.startswith("node ")}
    return nodes & set(ctx.model.statements)


@pytest.mark.parametrize("root, depth", [("loose-cooperation", None), ("two-blocs", 1), ("bloc-confrontation", 1),
                                         (None, 2)])
def test_render_draws_what_the_tree_shows_from_the_same_root(root, depth):
    ctx = context(FLAGSHIP)
    args = ["render", FLAGSHIP, "--format", "dot", "-o", "-"]
    args += ["--root", root] if root else []
    args += ["--depth", depth] if depth is not None else []
    drawn = drawn_statements(run(*args), ctx)
    view = build_tree(ctx, root, depth)
    statements, _ = shown_ids(view.nodes)
    if root in ctx.model.arguments:
        statements.add(ctx.graph.conclusion(root))  # the argument's junction leads to its conclusion
    assert drawn == statements
    assert len(drawn) < len(ctx.model.statements)


def test_a_focused_diagram_says_what_it_leaves_out():
    source = run("render", FLAGSHIP, "--format", "dot", "-o", "-", "--root", "two-blocs", "--depth", "1")
    assert re.search(r"Part of the map: from two-blocs, 1 level down; \d+ statements not drawn", source)
    note = re.search(r'"x-more-0" \[label=<.*?… (\d+) more statements below: --root bloc-structure', source)
    assert note is not None, source
    ctx = context(FLAGSHIP)
    assert int(note.group(1)) == next(n.count for n in build_tree(ctx, "two-blocs", 1).nodes if n.kind == "more")


def test_export_takes_the_same_root_and_depth():
    markdown = run("export", FLAGSHIP, "--to", "markdown", "--root", "loose-cooperation", "--depth", "1")
    assert re.search(r"^- \S+ `loose-cooperation`:", markdown, re.M)  # the outline starts at the root
    assert "## Not reached" not in markdown
    assert re.search(r"\n\d+ statements not reached from `loose-cooperation`\.\n", markdown)
    mermaid = run("export", FLAGSHIP, "--to", "mermaid", "--root", "two-blocs")
    ctx = context(FLAGSHIP)
    part = focus(ctx, "two-blocs", None)
    assert part is not None
    named = {re.match(r"  ([\w-]+)", line).group(1) for line in mermaid.splitlines()
             if re.match(r'  [\w-]+(\(|\[\()"', line)}
    assert named == part.statements


def test_a_bad_root_is_one_line_and_exit_2():
    for command in (["render", FLAGSHIP, "-f", "dot", "-o", "-"], ["export", FLAGSHIP, "--to", "markdown"],
                    ["tree", FLAGSHIP]):
        output = run(*command, "--root", "bloc-confrontaton", code=2)
        assert output.count("\n") == 1 and "no statement or linked argument `bloc-confrontaton`" in output
        assert "did you mean `bloc-confrontation`" in output


def test_tree_from_a_chosen_root_counts_what_it_does_not_reach():
    ctx = context(FLAGSHIP)
    view = build_tree(ctx, "loose-cooperation", 1)
    output = run("tree", FLAGSHIP, "--root", "loose-cooperation", "--depth", "1")
    assert f"{len(view.unreached)} statements not reached from loose-cooperation (list them with --all)" in output
    assert "Not reached from" not in output
    listed = run("tree", FLAGSHIP, "--root", "loose-cooperation", "--depth", "1", "--all")
    assert f"Not reached from loose-cooperation ({len(view.unreached)} statements):" in listed
    from_thesis = run("tree", FLAGSHIP)  # the plain tree keeps listing what the thesis does not reach
    assert "Not reached from bloc-confrontation" in from_thesis


def test_a_linked_argument_is_a_root_for_the_tree():
    output = run("tree", FLAGSHIP, "--root", "two-blocs")
    first = output.splitlines()[1]
    assert first.startswith("together (argument two-blocs")
    assert "& ✓ bloc-structure" in output and "& ✓ counter-bloc" in output


def test_tree_help_names_the_default_depth_and_the_cut_off_line_says_how_to_see_more():
    help_text = " ".join(run("tree", "--help").split())
    assert "12 at 80 columns" in help_text
    output = " ".join(run("tree", FLAGSHIP, "--depth", "1").split())
    assert re.search(r"… \d+ more statements below; show them with --root [\w-]+ or a greater --depth", output)
