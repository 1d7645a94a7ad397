"""`argmap export`: a Markdown outline and a Mermaid flowchart that keep every text as written.

The Markdown is read back with markdown-it-py (CommonMark, plus GitHub's tables and
strikethrough); the Mermaid labels are decoded from Mermaid's entity codes. With
``ARGMAP_MERMAID_NODE_MODULES`` pointing at a node_modules folder holding ``mermaid``
and ``jsdom``, the flowchart is also parsed by Mermaid itself (optional: CI has no
Mermaid).
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from argmap.textsafe import visible
from argmap.checker import check_file
from argmap.cli import app
from argmap.render import markdown as md_render
from argmap.render import mermaid as mermaid_render
from conftest import REPO, assert_no_traceback, write_map

DATA = REPO / "tests" / "data" / "tree"
MAPS = sorted((REPO / "arguments").glob("*.yaml"))


def export(runner, *args):
    result = runner.invoke(app, ["export", *map(str, args)])
    assert_no_traceback(result)
    return result


def context(path):
    result = check_file(path)
    assert not result.has_errors, result.problems
    return result.context


# ---- Markdown ------------------------------------------------------------------------------


def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def statement_texts(markdown: str) -> dict[str, list[str]]:
    """Statement id -> the text shown after ``id:`` in each bullet, as markdown-it reads it back.

    Fails if anything in a statement's text was read as markup (emphasis, a link,
    HTML, code): only plain text and line breaks may follow the id.
    """
    found: dict[str, list[str]] = {}
    for token in markdown_parser().parse(markdown):
        if token.type != "inline":
            continue
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "code_inline":
                continue
            following = children[index + 1:]
            if not following or following[0].type != "text" or not following[0].content.startswith(": "):
                continue
            pieces = []
            for piece in following:
                if piece.type == "text":
                    pieces.append(piece.content)
                elif piece.type in ("hardbreak", "softbreak"):
                    pieces.append("\n")
                elif piece.type == "em_open":  # the notes after the text: *(implicit)*, — *source: ...*
                    if pieces and pieces[-1].endswith(" — "):
                        pieces[-1] = pieces[-1][: -len(" — ")]
                    if pieces and pieces[-1] == "\n":  # a note on the next line: *Note: ...*
                        pieces.pop()
                    break
                else:
                    raise AssertionError(f"{child.content}: text read as {piece.type}: {piece}")
            text = "".join(pieces)[2:]
            found.setdefault(child.content, []).append(text.rstrip(" "))
    return found


def as_markdown_shows(text: str) -> str:
    """What Markdown can show of a text: each line without its leading and trailing spaces."""
    return "\n".join(line.strip(" \t") for line in text.split("\n"))


@pytest.mark.parametrize("path", [*MAPS, DATA / "nasty.yaml"], ids=[p.stem for p in [*MAPS, DATA / "nasty.yaml"]])
def test_markdown_keeps_every_text(path):
    ctx = context(path)
    markdown = md_render.export(ctx)
    shown = statement_texts(markdown)
    for stmt in ctx.model.statements.values():
        assert stmt.id in shown, (stmt.id, markdown)
        for text in shown[stmt.id]:
            assert text == as_markdown_shows(visible(stmt.text)), (stmt.id, text, stmt.text)  # bidi shown as \u202e


def test_markdown_makes_no_html_links_or_headings_from_text():
    markdown = md_render.export(context(DATA / "nasty.yaml"))
    types = {token.type for token in markdown_parser().parse(markdown)}
    assert "html_block" not in types and "table_open" not in types and "hr" not in types
    headings = [t for t in markdown_parser().parse(markdown) if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1"]  # the title; none made from a text
    for token in markdown_parser().parse(markdown):
        for child in token.children or []:
            assert child.type not in ("html_inline", "link_open", "image", "s_open"), child


def test_markdown_outline_of_the_teaching_map():
    markdown = md_render.export(context(REPO / "arguments" / "relations-tour.yaml"),
                                labels={"picnic-indoors": "accepted", "keep-outdoors": "rejected"})
    lines = markdown.splitlines()
    assert lines[0] == "# Should the class picnic move indoors?"
    assert "- **Thesis** ✓ `picnic-indoors`: The class picnic on Saturday should be moved indoors. " \
           "*(tags: decision)*" in lines
    assert "  *Note: The thesis. Its one argument (wet-picnic) needs both of its premises.*" in lines
    assert "  - **Pro** **Together** (argument `wet-picnic`, *practical reasoning: an outdoor plan fails in bad " \
           "weather without shelter*):" in lines
    assert "    - `lawn-unsheltered`: The lawn booked for the picnic has no cover. " \
           "*(implicit; tags: venue, assumption)*" in lines
    assert ("  - **Con** (contradicts) ✗ `keep-outdoors`: The picnic should stay on the park lawn. "
            "*(other side; by some parents; tags: decision)*") in lines
    assert "  - **Undercut** (undercuts argument `wet-picnic`) ↑ see `rain-is-fun`" in lines
    tree = markdown_parser().parse(markdown)
    depth = max(t.level for t in tree if t.type == "list_item_open")
    assert depth >= 6  # nested, not flat


def test_markdown_of_a_deep_chain_is_bounded(tmp_path):
    lines = ["argmap: 1", "title: Chain", "thesis: c0", "claims:", "  c0: {text: End}"]
    lines += [f"  c{i}: {{text: Link {i}, supports: c{i - 1}}}" for i in range(1, 2000)]
    markdown = md_render.export(context(write_map(tmp_path, "\n".join(lines) + "\n")))
    assert f"`c{md_render.MAX_DEPTH}`" in markdown and f"`c{md_render.MAX_DEPTH + 1}`" not in markdown
    assert "… more than 500 statements below" in markdown  # 1999 - MAX_DEPTH, past the count limit


# ---- Mermaid -------------------------------------------------------------------------------

NODE = re.compile(r'^  ([A-Za-z0-9][\w-]*)(?:\("(.*)"\)|\[\("(.*)"\)\])$')


def mermaid_labels(source: str) -> dict[str, str]:
    """Mermaid node name -> its label with Mermaid's entity codes undone and its lines (<br/>) kept apart by
    newlines."""
    labels = {}
    for line in source.splitlines():
        match = NODE.match(line)
        if match:
            raw = match.group(2) if match.group(2) is not None else match.group(3)
            assert '"' not in raw, line  # a quote would end the label early
            decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), raw.replace("<br/>", "\n"))
            labels[match.group(1)] = decoded
    return labels


def squeezed(text: str) -> str:
    """``text`` without its spaces and newlines: what wrapping a label at spaces may not change."""
    return re.sub(r"[ \n]", "", text)


@pytest.mark.parametrize("path", [*MAPS, DATA / "nasty.yaml"], ids=[p.stem for p in [*MAPS, DATA / "nasty.yaml"]])
def test_mermaid_keeps_every_label_intact(path):
    ctx = context(path)
    source = mermaid_render.export(ctx)
    labels = mermaid_labels(source)
    names = mermaid_render.mermaid_names([*ctx.model.statements, *ctx.model.arguments])
    for stmt in ctx.model.statements.values():
        label = labels[names[stmt.id]]
        assert squeezed(label) == squeezed(visible(stmt.text)), stmt.id  # bidi controls shown as \u202e
        # wrapped at spaces, about 30 characters a line (a longer word stays whole)
        assert all(len(line) <= mermaid_render.LABEL_WIDTH or " " not in line for line in label.split("\n")), label


def test_mermaid_names_nodes_by_the_maps_ids():
    ctx = context(REPO / "arguments" / "beijing-parade.yaml")
    lines = mermaid_render.export(ctx).splitlines()
    assert any(line.startswith('  bloc-confrontation("') for line in lines)
    assert "  two-blocs((\" \"))" in lines  # a linked argument's junction is named for it
    # ids Mermaid would misread (a keyword, an edge inside, a trailing hyphen) get generated names
    assert mermaid_render.mermaid_names(["end", "a--b", "b-", "ok-1"]) == {"end": "x-1", "a--b": "x-2", "b-": "x-3",
                                                                         "ok-1": "ok-1"}


def test_mermaid_escapes_what_mermaid_reads():
    source = mermaid_render.export(context(DATA / "nasty.yaml"))
    labels_part = "\n".join(line for line in source.splitlines() if NODE.match(line))
    for raw in ("<b>", "&amp;", "#quot;", "`"):
        assert raw not in labels_part
    assert not re.search(r"<(?!br/>)", labels_part)
    assert "#60;b#62;" in labels_part and "#35;quot;" in labels_part


def test_mermaid_shape_of_the_teaching_map():
    ctx = context(REPO / "arguments" / "relations-tour.yaml")
    labels = {item: "accepted" for item in ctx.model.statements}
    source = mermaid_render.export(ctx, labels)
    lines = source.splitlines()
    assert lines[0] == "flowchart BT"
    assert '  picnic-indoors("✓ The class picnic on Saturday<br/>should be moved indoors.")' in lines
    assert "  forecast-record --x forecasts-unreliable" in lines  # attack
    # The contradiction has an "even if" answer to one direction: its two attacks, one through a junction.
    junction = next(line.split()[2] for line in lines if line.startswith("  keep-outdoors --- x-attack-"))
    assert f"  {junction} --x picnic-indoors" in lines
    assert "  picnic-indoors --x keep-outdoors" in lines
    assert f"  hall-is-free -.-x {junction}" in lines
    assert "  rain-is-fun -.-x wet-picnic" in lines  # undercut into a linked argument's junction
    assert "  class picnic-indoors thesis" in lines
    links = [line for line in lines if re.match(r"  \S+ (-->|---|--x|x-\.-x|-\.-x) \S+$", line)]
    styled = sorted(int(i) for line in lines if line.startswith("  linkStyle ")
                    for i in line.split()[1].split(","))
    assert styled == list(range(len(links)))  # every link styled once


def test_mermaid_draws_a_dead_inference_grey_and_dashed(runner):
    path = REPO / "arguments" / "school-uniforms.yaml"
    lines = export(runner, path, "--to", "mermaid").stdout.splitlines()
    links = [line for line in lines if re.match(r"  \S+ (-->|---|--x|x-\.-x|-\.-x) \S+$", line)]
    dead = next(line for line in lines if line.startswith("  linkStyle ") and "stroke-dasharray" in line)
    numbers = [int(i) for i in dead.split()[1].split(",")]
    dead_inferences = {node for node, status in context(path).evaluation.inferences.items() if status == "dead"}
    assert dead_inferences == {"long-beach->safer-schools", "safer-schools->require-uniforms"}
    # the undercut one runs through its junction: premise --- junction --> conclusion
    assert sorted(f"{links[n].split()[0]} {links[n].split()[2]}" for n in numbers) == [
        "long-beach x-link-1", "safer-schools require-uniforms", "x-link-1 safer-schools"]


# ---- the command ----------------------------------------------------------------------------


def test_export_to_stdout_and_file(runner, tmp_path):
    path = REPO / "arguments" / "school-uniforms.yaml"
    result = export(runner, path, "--to", "markdown", "--no-labels")
    assert result.exit_code == 0, result.output
    assert result.stdout == md_render.export(context(path))
    out = tmp_path / "outline.md"
    assert export(runner, path, "--to", "markdown", "-o", out, "--no-labels").exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    mermaid_md = tmp_path / "chart.md"
    assert export(runner, path, "--to", "mermaid", "-o", mermaid_md).exit_code == 0
    text = mermaid_md.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\nflowchart BT\n") and text.endswith("```\n")
    raw = tmp_path / "chart.mmd"
    assert export(runner, path, "--to", "mermaid", "-o", raw).exit_code == 0
    assert raw.read_text(encoding="utf-8").startswith("flowchart BT\n")


def test_export_labels_and_assume(runner):
    path = REPO / "arguments" / "school-uniforms.yaml"
    result = export(runner, path, "--to", "markdown", "--assume", "long-beach=rejected")
    assert result.exit_code == 0, result.output
    assert "✗ `long-beach`" in result.stdout
    bad = export(runner, path, "--to", "mermaid", "--assume", "long-beach")
    assert bad.exit_code == 2, bad.output


def test_export_errors(runner, tmp_path):
    path = REPO / "arguments" / "school-uniforms.yaml"
    assert export(runner, path, "--to", "html").exit_code == 2
    assert export(runner, path).exit_code == 2  # --to is required
    assert export(runner, tmp_path / "nope.yaml", "--to", "markdown").exit_code == 2
    broken = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, supports: x}\n")
    result = export(runner, broken, "--to", "mermaid")
    assert result.exit_code == 1, result.output
    assert "AM004" in result.output and "flowchart" not in result.output
    refused = export(runner, broken, "--to", "markdown", "-o", broken)
    assert refused.exit_code == 1  # errors are reported before anything is written
    good = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T}\n", name="good.yaml")
    before = good.read_bytes()
    refused = export(runner, good, "--to", "markdown", "-o", good)
    assert refused.exit_code == 2, refused.output
    assert good.read_bytes() == before
