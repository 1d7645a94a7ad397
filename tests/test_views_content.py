"""Every output carries the reader's work: quotes, notes, schemes and tags (issue 14, item 1, first part)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loader import load_map
from argmap.schemes import catalogue

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
        if argument.scheme:  # a catalogue id by its scheme's name, anything else as written
            known = catalogue().get(argument.scheme)
            shown = known.name if known is not None else argument.scheme
            assert normal(shown[:200]) in tooltips, argument.id
            if known is not None:
                assert normal(html.escape(shown)) in normal(re.sub(r"<[^>]*>", " ", xlabel.group(1))), argument.id


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


SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_edge_of_the_svg_has_a_tooltip_naming_what_it_relates(path, tmp_path):
    out = tmp_path / "map.svg"
    assert RUNNER.invoke(app, ["render", str(path), "-o", str(out)]).exit_code == 0
    edges = [g for g in ET.parse(out).iter(f"{SVG}g") if g.get("class") == "edge"]
    assert edges
    for edge in edges:
        titles = [a.get(XLINK_TITLE) for a in edge.iter(f"{SVG}a") if a.get(XLINK_TITLE)]
        assert titles and re.search(r" (supports|attacks|contradicts|undercuts|is a premise for) ", titles[0]), \
            ET.tostring(edge)[:300]


def test_a_dead_inference_is_drawn_and_listed_as_dead_in_every_view():
    """School uniforms: Long Beach stands, but `confounded-figures` undercuts its support of safer schools, so
    the evaluation finds that support dead; so does safer schools' own support of the thesis."""
    path = REPO / "arguments" / "school-uniforms.yaml"
    dead = {node for node, status in load_map_context(path).evaluation.inferences.items() if status == "dead"}
    assert "long-beach->safer-schools" in dead
    tree = normal(run("tree", path))
    assert "✓ long-beach (✗ dead link):" in tree and "✓ lower-costs:" in tree  # a live link says nothing
    markdown = run("export", path, "--to", "markdown")
    assert "**Pro** (✗ dead link) ✓ `long-beach`" in markdown
    source = run("render", path, "--format", "dot", "-o", "-")
    dotted = re.findall(r'\n\t"?([\w-]+)"? -> "?([\w-]+)"? \[([^\]]*style=dotted[^\]]*)\]', source)
    ends = {(tail, re.sub(r"x-link-\d+", "x-link", head)) for tail, head, _ in dotted}
    ends = {(re.sub(r"x-link-\d+", "x-link", tail), head) for tail, head in ends}
    assert ends == {("long-beach", "x-link"), ("x-link", "safer-schools"), ("safer-schools", "require-uniforms")}
    assert all("dead" in attrs for _, _, attrs in dotted)
    assert "style=dotted" not in run("render", path, "--format", "dot", "-o", "-", "--no-labels")


def test_a_dead_linked_argument_says_so():
    path = REPO / "tests" / "data" / "tree" / "dead-argument.yaml"  # `u` undercuts the linked argument `ab`
    assert "together (argument ab, conjunction) ✗ dead:" in normal(run("tree", path))
    assert "**Together** (argument `ab`, *conjunction*) ✗ dead:" in run("export", path, "--to", "markdown")


def test_an_argument_of_one_premise_is_not_said_to_stand_together(tmp_path):
    """A case names one card as an argument to give it a scheme; "together" would tell the reader of a premise
    that has no other to stand with. Every view that words the entry says "one premise" instead."""
    path = tmp_path / "map.yaml"
    path.write_text("argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: The thesis}\n  a: {text: A}\n"
                    "  b: {text: B}\nevidence:\n  card: {text: C, source: S}\narguments:\n"
                    "  both: {premises: [a, b], conclusion: t}\n"
                    "  cited: {premises: [card], conclusion: t, scheme: expert-opinion}\n", encoding="utf-8")
    tree = normal(run("tree", path))
    assert "together (argument both):" in tree and "one premise (argument cited, Argument from expert opinion):" in tree
    assert "together (argument cited" not in tree
    markdown = run("export", path, "--to", "markdown")
    assert "**Together** (argument `both`)" in markdown and "**One premise** (argument `cited`" in markdown
    page = html.unescape(re.sub(r"<[^>]+>", "", run("render", path, "--format", "html", "-o", "-")))
    assert "one premise (argument cited, Argument from expert opinion):" in page and "together (argument both):" in page


def load_map_context(path: Path):
    from argmap.context import MapContext

    model = load_map(path).model
    assert model is not None
    return MapContext(model)


@pytest.mark.parametrize("args", [["tree"], ["export", "--to", "markdown"], ["render", "-f", "dot", "-o", "-"]])
def test_the_other_side_is_the_other_side_from_the_thesis_asked_for(args):
    """From a counterclaim (`--thesis`, arguing the other bench) the claims are the other side, not the
    counterclaims."""
    path = REPO / "arguments" / "votes-at-16.yaml"
    model = load_map(path).model
    own = run(args[0], path, *args[1:])
    other = run(args[0], path, *args[1:], "--thesis", "keep-18")
    assert "other side" in own and "other side" in other
    for stmt_id, stmt in model.statements.items():
        if stmt.kind == "evidence":
            continue
        sid, text = re.escape(stmt_id), re.escape(html.escape(stmt.text) if args[0] == "render" else stmt.text)
        marked = re.compile(  # the statement's own line (tree, Markdown) or node label (DOT) says "other side"
            rf"{sid}`?( \([^)]*\))?: {text} \*?\([^)]*other side|\"{sid}\" \[label=<<font[^>]*>{sid} · (thesis · )?other side")
        assert bool(marked.search(own)) == (stmt.kind == "counterclaim"), (stmt_id, args)
        assert bool(marked.search(other)) == (stmt.kind == "claim"), (stmt_id, args)


@pytest.mark.parametrize("args, line", [
    (["tree"], "Assuming `too-immature` accepted, `habit-forming` rejected (--assume)"),
    (["export", "--to", "markdown"],
     "Labels: ✓ accepted, ✗ rejected, ? undecided. Assuming `too-immature` accepted, `habit-forming` rejected "
     "(--assume)."),
    (["render", "-f", "dot", "-o", "-"], "Assuming `too-immature` accepted, `habit-forming` rejected (--assume)"),
    (["render", "-f", "html", "-o", "-"], "Assuming too-immature accepted, habit-forming rejected (--assume)"),
])
def test_a_view_says_what_it_assumed(args, line):
    path = REPO / "arguments" / "votes-at-16.yaml"
    assumed = run(args[0], path, *args[1:], "--assume", "too-immature=accepted", "--assume", "habit-forming=rejected")
    if args[1:3] == ["-f", "html"]:  # in the verdict under the page's title
        (verdict,) = re.findall(r'<p class="am-verdict">(.*?)</p>', assumed)
        assert line in html.unescape(re.sub(r"<[^>]*>", "", verdict)), verdict
    elif args[0] == "render":  # in the caption, under the title
        caption = re.search(r"label=<(.*)>", assumed.split("\n\t")[1]).group(1)
        assert line in html.unescape(re.sub(r"<[^>]*>", " ", caption).replace("  ", " ")), caption
    else:
        assert line in assumed.splitlines()[:4], assumed[:500]  # under the title
    assert "Assuming" not in run(args[0], path, *args[1:])
