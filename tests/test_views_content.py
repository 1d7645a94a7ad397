"""Every output carries the reader's work: quotes, notes, schemes and tags (issue 14, item 1, first part)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import load_map

REPO = Path(__file__).resolve().parents[1]
MAPS = sorted((REPO / "arguments").glob("*.yaml"))
RUNNER = CliRunner()


def normal(text: str) -> str:
    """``text`` with whitespace collapsed (views wrap lines) and the tree's guide characters dropped."""
    return " ".join(re.sub(r"[│├└─]", " ", text).split())


def run(*args) -> str:
    result = RUNNER.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    return result.stdout


def reader_work(path: Path) -> list[str]:
    model = load_map(path).model
    assert model is not None
    found = [stmt.note for stmt in model.statements.values() if stmt.note]
    found += [stmt.quote for stmt in model.statements.values() if stmt.quote]
    found += [argument.scheme for argument in model.arguments.values() if argument.scheme]
    found += [", ".join(stmt.tags) for stmt in model.statements.values() if stmt.tags]
    return found


def markdown_text(source: str) -> str:
    """What a reader of the rendered Markdown sees, as text."""
    tokens = MarkdownIt("commonmark").parse(source)

    def walk(items):
        for token in items:
            if token.type in ("text", "code_inline"):
                yield token.content
            yield from walk(token.children or [])

    return " ".join(walk(tokens))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_markdown_and_tree_details_carry_every_note_quote_scheme_and_tag(path):
    wanted = reader_work(path)
    markdown = normal(markdown_text(run("export", path, "--to", "markdown", "--no-labels")))
    tree = normal(run("tree", path, "--details", "--no-labels"))
    plain_tree = normal(run("tree", path, "--no-labels"))
    for text in wanted:
        assert normal(text) in markdown, text
        assert normal(text) in tree, text
    notes = [stmt.note for stmt in load_map(path).model.statements.values() if stmt.note]
    assert not any(normal(note) in plain_tree for note in notes if len(note) > 40)  # --details is off by default


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_the_svg_tooltips_carry_text_note_and_quote_and_junctions_name_their_argument(path, tmp_path):
    out = tmp_path / "map.svg"
    RUNNER.invoke(app, ["render", str(path), "-o", str(out)])
    titles = [element.get("{http://www.w3.org/1999/xlink}title") or ""
              for element in ET.parse(out).iter() if element.get("{http://www.w3.org/1999/xlink}title")]
    tooltips = normal(" ".join(titles))
    model = load_map(path).model
    for stmt in model.statements.values():
        for text in (stmt.text, stmt.note, stmt.quote):
            if text:
                assert normal(text[:200]) in tooltips, text
    source = run("render", path, "--format", "dot", "-o", "-")
    for argument in model.arguments.values():
        found = re.search(rf'\n\t"?{re.escape(argument.id)}"? \[(.*?)\]\n', source, re.S)
        assert found is not None, argument.id
        xlabel = re.search(r"xlabel=<(.*)>", found.group(1), re.S)
        assert xlabel is not None and argument.id in xlabel.group(1), found.group(1)


def test_a_quote_says_which_paragraph_of_the_text_it_is_in(tmp_path):
    (tmp_path / "essay.txt").write_text("First paragraph,\nstill the first.\n\nThe second one says it plainly.\n",
                                        encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nthesis: t\nsource: {text_file: essay.txt}\nclaims:\n  t: {text: T}\n"
                    "evidence:\n  e: {text: E, supports: t, source: the essay, quote: says it plainly}\n",
                    encoding="utf-8")
    assert "“says it plainly” (¶2)" in run("tree", path, "--details")
    assert "“says it plainly” (¶2)" in run("export", path, "--to", "markdown")


def test_tooltips_escape_what_graphviz_would_read_as_an_escape(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text('argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: "Node \\\\N and \\\\G", note: "##[error]x"}\n',
                    encoding="utf-8")
    out = tmp_path / "m.svg"
    RUNNER.invoke(app, ["render", str(path), "-o", str(out)])
    titles = [element.get("{http://www.w3.org/1999/xlink}title") or "" for element in ET.parse(out).iter()]
    assert any("Node \u29f5N and \u29f5G" in title for title in titles), titles  # not the node's or graph's name
    assert not any("##[" in title for title in titles)
