"""`argmap render --format html`: one self-contained page, parsed as HTML, with every text as text.

Each page is parsed with lxml's HTML parser and read back: the outline holds every
statement with its label, the JSON block every text, quote, note and scheme; the
explanations are the lines `argmap evaluate --explain` prints; the Content-Security-
Policy's hashes are those of the page's own script and style; nothing links or loads
anything. A hostile map (script and comment openers, event handlers, a
``javascript:`` source, quotes, a bidi override, emoji, ``]]>``) must become text
everywhere. The page in a real browser is tested in ``test_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from argmap.checker import check_file
from argmap.cli import app
from argmap.render.html import SvgError, inline_svg, script_json
from argmap.textsafe import visible
from conftest import REPO, assert_no_traceback, write_map

MAPS = sorted((REPO / "arguments").glob("*.yaml"))
SYMBOL = {"accepted": "✓", "rejected": "✗", "undecided": "?"}
LOADING_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "formaction", "data", "poster",
                      "background", "codebase", "manifest", "ping"}

HOSTILE_MAP = """\
argmap: 1
title: "</title><script>window.__pwned=1</script> <!-- ]]> \\u202eevil"
thesis: t
description: "<img src=x onerror=window.__pwned=1> \\"quotes\\" 'single'"
source:
  text_file: op-ed.txt
  url: "javascript:alert(1)"
claims:
  t:
    text: "</script><script>window.__pwned=1</script> <!-- comment --> ]]> \\"double\\" 'single' \\u202eevil 🎉"
    note: "<img src=x onerror=window.__pwned=1> & &amp; &lt;"
    tags: ["<b>tag</b>", "\\u202etag"]
    by: "<svg onload=window.__pwned=1>"
  constructor:
    text: "</style><style>*{display:none}</style> an id that JavaScript objects own"
  toString:
    text: "<a href=\\"https://evil.example/\\">link</a> javascript:alert(1) \\u2028after a line separator"
  LONG_ID:
    text: "An id too long to name a Graphviz node"
    supports: e
evidence:
  e:
    text: "<script>window.__pwned=1</script> evidence"
    source: "javascript:alert(1)"
    quote: "the </script> words <!--"
    supports: t
counterclaims:
  c:
    text: "</SCRIPT > <!-- --!> <img src=x onerror=window.__pwned=1>"
    attacks: t
    note: "]]><![CDATA[ <iframe src=//evil.example>"
arguments:
  linked:
    premises: [constructor, toString]
    conclusion: t
    scheme: "<i onmouseover=window.__pwned=1>scheme</i>"
    note: "<object data=//evil.example>"
"""
HOSTILE_TEXT = "A first paragraph.\n\nThe second holds the </script> words <!-- and more.\n"
"""The hostile map's source text: its quote is in the second paragraph."""


LONG_ID = "x" * 120
"""An id over the 100 characters that `render/dot.py` names a node by (it gets a name of its own)."""


def hostile_map(folder: Path) -> Path:
    """The hostile map and its source text, written into ``folder``."""
    (folder / "op-ed.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return write_map(folder, HOSTILE_MAP.replace("LONG_ID", LONG_ID), name="hostile.yaml")


def render_page(runner, path: Path, *options: str) -> str:
    """The page `argmap render PATH --format html -o -` prints."""
    result = runner.invoke(app, ["render", str(path), "--format", "html", "-o", "-", *options])
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    return result.stdout


def parse(page: str):
    return lxml.html.document_fromstring(page)


def page_data(doc) -> dict:
    (block,) = doc.xpath('//script[@id="argmap-data"]')
    assert block.get("type") == "application/json"
    return json.loads(block.text)


def outline_entry(doc, item: str):
    """The outline's entry where statement ``item`` is written out (the first, if it is there twice)."""
    found = [li for li in doc.xpath('//*[@role="treeitem"][@data-kind="statement"]') if li.get("data-id") == item]
    assert found, f"no outline entry for `{item}`"
    return found[0]


def entry_text(li) -> str:
    (text,) = li.xpath('./div[@class="am-row"]//span[contains(@class, "am-text")]')
    return text.text_content()


def context(path: Path):
    result = check_file(path)
    assert not result.has_errors, result.problems
    return result.context


def paragraph_of(text: str, quote: str) -> int:
    """An independent count of a quote's paragraph: blocks between blank lines, or lines when there are none."""
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.splitlines()
    blocks = [block for block in blocks if block.strip()]
    return next(number for number, block in enumerate(blocks, 1) if quote in block)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# ---- every map of arguments/ -----------------------------------------------------------


@pytest.fixture(scope="module")
def pages():
    """Each map of arguments/ as a page (rendered once for the module), by path."""
    from typer.testing import CliRunner

    runner = CliRunner()
    return {path: render_page(runner, path) for path in MAPS}


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_statement_is_in_the_data_and_the_outline_with_its_label(runner, pages, path):
    doc = parse(pages[path])
    data = page_data(doc)
    ctx = context(path)
    labels = json.loads(runner.invoke(app, ["evaluate", str(path), "--format", "json"]).stdout)["labels"]
    assert set(data["statements"]) == set(ctx.model.statements)
    for item, stmt in ctx.model.statements.items():
        assert data["statements"][item]["text"] == visible(stmt.text)
        assert data["statements"][item]["label"] == labels[item]
        entry = outline_entry(doc, item)
        assert entry_text(entry) == visible(stmt.text), item
        assert f"am-is-{labels[item]}" in entry.get("class").split()
        (label,) = entry.xpath('./div/span[@class="am-head"]/span[contains(@class, "am-label")]')
        assert label.text_content() == SYMBOL[labels[item]] + labels[item]  # the symbol, then the word for readers
        assert entry.get("role") == "treeitem" and entry.getparent().get("role") in ("tree", "group")


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_note_quote_and_scheme_is_in_the_outline(pages, path):
    doc = parse(pages[path])
    (outline,) = doc.xpath('//nav[@id="am-outline"]')
    shown = outline.text_content()
    ctx = context(path)
    source = ctx.model.source
    text = source.text if source is not None else None
    for item, stmt in ctx.model.statements.items():
        if stmt.note:
            assert f"Note: {visible(stmt.note)}" in shown, item
        if stmt.quote:
            quote = f"“{visible(stmt.quote)}”"
            if text is not None:
                quote += f" (¶{paragraph_of(text, stmt.quote)})"
            assert quote in shown, item
            assert page_data(doc)["statements"][item]["quote"] == quote
        if stmt.kind == "evidence" and stmt.source:
            assert f"source: {visible(stmt.source)}" in shown, item
    for argument in ctx.model.arguments.values():
        if argument.scheme:
            assert visible(argument.scheme) in shown, argument.id
        if argument.note:
            assert f"Note: {visible(argument.note)}" in shown, argument.id


def test_the_flagship_quotes_name_the_paragraph_their_tags_give(pages):
    """The flagship's evidence is tagged with its paragraph (p1…p13) by hand: the page's ¶ agrees."""
    flagship = REPO / "arguments" / "beijing-parade.yaml"
    data = page_data(parse(pages[flagship]))
    quoted = [(item, stmt) for item, stmt in context(flagship).model.statements.items() if stmt.quote]
    assert quoted
    for item, stmt in quoted:
        (tag,) = [tag for tag in stmt.tags if re.fullmatch(r"p\d+", tag)]
        assert data["statements"][item]["quote"].endswith(f"(¶{tag[1:]})"), item


def together_entry(doc, argument: str):
    """The outline's entry of a linked argument (the first, if it is there twice)."""
    found = [li for li in doc.xpath('//*[@role="treeitem"][@data-kind="together"]') if li.get("data-id") == argument]
    assert found, f"no outline entry for argument `{argument}`"
    return found[0]


def reached(doc) -> set[str]:
    """The statements written out in the outline from the thesis (not those listed as unreached)."""
    (tree,) = doc.xpath('//ul[@id="am-tree"]')
    return {li.get("data-id") for li in tree.xpath('.//*[@role="treeitem"][@data-kind="statement"]')}


@pytest.mark.parametrize(("argument", "scheme"), [("staged-spectacle", "sign"), ("korean-war-warning", "precedent")])
def test_a_catalogue_scheme_shows_its_name_and_open_questions(pages, argument, scheme):
    """Issue 15, item 5: the outline names the catalogue scheme and lists its open questions; the data has both."""
    from argmap.schemes import catalogue, open_questions

    flagship = REPO / "arguments" / "beijing-parade.yaml"
    doc = parse(pages[flagship])
    ctx = context(flagship)
    assert ctx.model.arguments[argument].scheme == scheme
    known = catalogue()[scheme]
    questions = open_questions(ctx, argument)
    assert [q.id for q in questions] == [q.id for q in known.questions]  # the flagship answers none of them

    entry = page_data(doc)["arguments"][argument]
    assert entry["scheme"] == scheme and entry["schemeName"] == known.name
    assert entry["questions"] == [{"id": q.id, "ask": q.ask, "answeredBy": []} for q in known.questions]

    asks = " ".join(q.ask for q in questions)
    conclusion = ctx.model.arguments[argument].conclusion
    assert conclusion is not None
    if conclusion.id in reached(doc):  # the argument has its entry, under its conclusion
        li = together_entry(doc, argument)
        (head,) = li.xpath('./div[@class="am-row"]/span[@class="am-head"]')
        assert " ".join(head.text_content().split()).endswith(f"together (argument {argument}, {known.name}):")
        (listed,) = li.xpath('./div[@class="am-row"]/div[@class="am-more"]/span[@class="am-open-questions"]')
        assert listed.text_content() == f"Open questions: {asks}"
        assert li.get("aria-describedby") == listed.getparent().get("id")
    else:  # listed with its conclusion among the statements the outline does not reach
        assert not doc.xpath(f'//*[@data-kind="together"][@data-id="{argument}"]')
        more = outline_entry(doc, conclusion.id).xpath('./div[@class="am-row"]/div[@class="am-more"]')[0]
        relations = [span.text_content() for span in more.xpath('./span[@class="am-relation"]')]
        assert any(text.endswith(f"(argument {argument}: {known.name})") for text in relations), relations
        (listed,) = more.xpath('./span[@class="am-open-questions"]')
        assert listed.text_content() == f"Open questions of {argument}: {asks}"


def test_answered_questions_name_what_answers_them_and_other_schemes_stay_as_written(runner, tmp_path):
    from argmap.schemes import catalogue

    path = write_map(tmp_path, """\
argmap: 1
title: Schemes
thesis: t
claims:
  t: {text: The bridge is safe}
  said: {text: The engineer says it is safe}
  expert: {text: She is an expert}
  licensed:
    text: She holds a structural engineering licence
    supports: expert
    answers: {argument: by-expert, question: expertise}
arguments:
  by-expert: {premises: [said, expert], conclusion: t, scheme: expert-opinion}
  own: {premises: [said, expert], conclusion: t, scheme: "x-<b>mine</b>"}
""")
    doc = parse(render_page(runner, path))
    data = page_data(doc)["arguments"]
    known = catalogue()["expert-opinion"]
    asked = {q["id"]: q for q in data["by-expert"]["questions"]}
    assert list(asked) == [q.id for q in known.questions]
    assert asked["expertise"]["answeredBy"] == ["licensed"]
    assert all(q["answeredBy"] == [] for qid, q in asked.items() if qid != "expertise")
    (listed,) = together_entry(doc, "by-expert").xpath('.//span[@class="am-open-questions"]')
    assert listed.text_content() == "Open questions: " + " ".join(q.ask for q in known.questions
                                                                  if q.id != "expertise")
    assert data["own"]["scheme"] == "x-<b>mine</b>" and "schemeName" not in data["own"]
    assert "questions" not in data["own"]
    (head,) = together_entry(doc, "own").xpath('./div[@class="am-row"]/span[@class="am-head"]')
    assert "(argument own, x-<b>mine</b>)" in head.text_content()
    assert not together_entry(doc, "own").xpath('.//span[@class="am-open-questions"]')


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_explanations_are_what_evaluate_explain_prints(runner, pages, path):
    data = page_data(parse(pages[path]))
    for item in context(path).model.statements:
        printed = runner.invoke(app, ["evaluate", str(path), "--explain", item]).stdout.splitlines()
        start = printed.index(next(line for line in printed if line.startswith("Why `")))
        end = printed.index("", start) if "" in printed[start:] else len(printed)
        explanation = data["explanations"][item]
        assert explanation["heading"] == printed[start]
        assert ["  " * (step["depth"] + 1) + step["text"] for step in explanation["steps"]] == printed[start + 1:end]


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_policy_allows_only_the_page_own_script_and_style(pages, path):
    doc = parse(pages[path])
    (meta,) = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    policy = dict(part.strip().split(" ", 1) for part in meta.get("content").split(";"))
    scripts = doc.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    (style,) = doc.xpath("//style")
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == sha256(scripts[1].text)
    assert policy["style-src"] == sha256(style.text)
    assert policy["base-uri"] == "'none'"
    head = doc.xpath("//head/*")  # the policy comes before anything it governs, after the charset
    assert head[0].get("charset") == "utf-8" and head[1].get("http-equiv") == "Content-Security-Policy"


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_nothing_links_or_loads_anything(pages, path):
    page = pages[path]
    doc = parse(page)
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        loading = LOADING_ATTRIBUTES & {name.lower() for name in element.attrib}
        assert not loading, (element.tag, loading)
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag
    assert not doc.xpath("//img|//link|//iframe|//object|//embed|//image|//use|//foreignobject|//base")
    (style,) = doc.xpath("//style")
    script = doc.xpath("//script")[1].text
    for code in (style.text, script):
        assert not re.search(r"https?:|url\(|@import|//[\w.-]", code)
    assert not re.search(r"<\?xml|<!DOCTYPE svg", page)


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_the_diagram_is_the_svg_render_makes(runner, tmp_path, pages, path):
    svg = tmp_path / "map.svg"
    assert runner.invoke(app, ["render", str(path), "-o", str(svg)]).exit_code == 0
    inline = inline_svg(svg.read_text(encoding="utf-8"))
    assert inline in pages[path]
    doc = parse(pages[path])
    titles = {t.text_content() for t in doc.xpath('//svg//g[@class="node"]/title')}
    assert set(context(path).model.statements) <= titles


# ---- a hostile map ------------------------------------------------------------------------


def test_hostile_texts_stay_text(runner, tmp_path):
    path = hostile_map(tmp_path)
    page = render_page(runner, path)
    doc = parse(page)
    ctx = context(path)
    assert not doc.xpath("//img|//iframe|//object|//i|//b|//a[@href]|//svg//svg")
    for element in doc.iter():
        if isinstance(element.tag, str):
            assert not [name for name in element.attrib if name.lower().startswith("on")], element.tag
            assert not LOADING_ATTRIBUTES & set(element.attrib), element.tag
    assert not list(doc.iter(etree.Comment))
    scripts = doc.xpath("//script")
    assert [(s.get("id"), s.get("type")) for s in scripts] == [("argmap-data", "application/json"), (None, None)]
    assert len(doc.xpath("//style")) == 1 and len(doc.xpath("//head/title")) == 1
    assert "window.__pwned" not in scripts[1].text
    assert doc.xpath("//head/title")[0].text == visible(ctx.model.title)
    assert doc.xpath('//h1[@id="am-title"]')[0].text_content() == visible(ctx.model.title)
    assert "\u202e" not in page and "\\u202e" in page  # the override is shown, not obeyed

    data = page_data(doc)
    assert data["title"] == visible(ctx.model.title)
    for item, stmt in ctx.model.statements.items():
        entry = data["statements"][item]
        assert entry["text"] == visible(stmt.text)
        assert entry_text(outline_entry(doc, item)) == visible(stmt.text)
        assert entry.get("note") == (visible(stmt.note) if stmt.note else None)
        assert entry.get("source") == (visible(stmt.source) if stmt.source else None)
        assert entry.get("by") == (visible(stmt.by) if stmt.by else None)
        assert entry.get("tags", []) == [visible(tag) for tag in stmt.tags]
    assert data["statements"]["e"]["quote"] == "“the </script> words <!--” (¶2)"
    assert data["arguments"]["linked"]["scheme"] == "<i onmouseover=window.__pwned=1>scheme</i>"
    assert set(data["statements"]) == {"t", "constructor", "toString", "e", "c", LONG_ID}
    titles = {title.text_content() for title in doc.xpath('//svg//g[@class="node"]/title')}
    named = {name for name, item in data["nodes"].items() if item == LONG_ID}
    assert len(named) == 1 and named <= titles and LONG_ID not in titles  # found by the name it is drawn under
    (block,) = re.findall(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S)
    assert not re.search("[<>&\u2028\u2029]", block)
    assert json.loads(block) == data

    shown = doc.xpath('//nav[@id="am-outline"]')[0].text_content()
    for text in ("</script><script>window.__pwned=1</script>", "<!-- comment -->", "]]>", "\"double\" 'single'",
                 "🎉", "source: javascript:alert(1)", "<img src=x onerror=window.__pwned=1>",
                 "<i onmouseover=window.__pwned=1>scheme</i>", "“the </script> words <!--” (¶2)"):
        assert text in shown, text


def test_a_hostile_svg_loses_everything_but_the_drawing():
    svg = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- a comment -->
<svg width="10pt" height="10pt" viewBox="0 0 10 10" onload="x()" xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink"><script>window.__pwned=1</script>
<g id="node1" class="node" onclick="x()" style="background:url(http://evil.example/)"><title>a</title>
<a xlink:href="javascript:x()" href="https://evil.example/" xlink:title="tip &lt;b&gt;">
<path fill="url(http://evil.example/#x)" d="M0,0"/><text x="1">a &lt;/svg&gt;&lt;img src=x&gt;</text></a>
<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>
<image xlink:href="http://evil.example/x.png"/><use href="#node1"/></g></svg>"""
    inline = inline_svg(svg)
    doc = parse(f"<!DOCTYPE html><html><body>{inline}</body></html>")
    names = {element.tag for element in doc.iter() if isinstance(element.tag, str)}
    assert names == {"html", "body", "svg", "g", "title", "path", "text"}  # the link gives way to its drawing
    attributes = {name for element in doc.iter() if isinstance(element.tag, str) for name in element.attrib}
    assert attributes == {"viewbox", "class", "focusable", "d", "x"}
    assert doc.xpath("//text")[0].text == "a </svg><img src=x>"
    assert [title.text for title in doc.xpath("//title")] == ["a"]  # a node's name, which the page reads
    assert not re.search(r"evil|pwned|<\?xml|DOCTYPE|<!--", inline)
    for broken in ("<svg", "<html/>", "<svg><g></svg>", '<!DOCTYPE x [<!ENTITY e "x">]><svg>&e;</svg>'):
        with pytest.raises(SvgError):
            inline_svg(broken)


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner,
                                                                                         max_size=3), max_leaves=8))
def test_script_json_holds_any_text_and_no_markup(value):
    written = script_json({"x": value})
    assert not re.search("[<>&\u2028\u2029]", written)
    assert json.loads(written) == {"x": value}


# ---- the command -----------------------------------------------------------------------


def test_render_writes_the_page_to_a_file_or_prints_it(runner, tmp_path):
    path = REPO / "arguments" / "relations-tour.yaml"
    for name in ("out.html", "out.HTM"):
        out = tmp_path / name
        result = runner.invoke(app, ["render", str(path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {out}" in result.stderr
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    printed = render_page(runner, path)
    assert printed == (tmp_path / "out.html").read_text(encoding="utf-8")
    assert printed.endswith("</html>\n")


def test_a_map_with_errors_writes_no_page(runner, tmp_path):
    broken = write_map(tmp_path, "argmap: 1\ntitle: T\nthesis: t\nclaims:\n  t: {text: T, attacks: nowhere}\n")
    out = tmp_path / "map.html"
    for args in (["-o", str(out)], ["--format", "html", "-o", "-"]):
        result = runner.invoke(app, ["render", str(broken), *args])
        assert result.exit_code == 1, result.output
        assert "AM004" in result.output and "<html" not in result.stdout
    assert not out.exists()


def test_the_options_reach_the_page(runner, tmp_path):
    path = REPO / "arguments" / "school-uniforms.yaml"
    plain = parse(render_page(runner, path))
    thesis = page_data(plain)["thesis"]

    for options in (["--legend"], ["--direction", "LR"], ["--no-labels"], ["--thesis", "self-expression"],
                    ["--root", "safer-schools", "--depth", "1"]):
        svg = tmp_path / "map.svg"  # the page's diagram is the SVG `render` draws with the same options
        assert runner.invoke(app, ["render", str(path), *options, "-o", str(svg)]).exit_code == 0
        drawn = inline_svg(svg.read_text(encoding="utf-8"))
        assert drawn in render_page(runner, path, *options) and drawn not in lxml.html.tostring(plain).decode()

    bare = parse(render_page(runner, path, "--no-labels"))
    assert not bare.xpath('//*[contains(@class, "am-label")]')
    assert page_data(bare)["explanations"] == {} and "--no-labels" in page_data(bare)["explanationNote"]

    flipped = page_data(parse(render_page(runner, path, "--assume", f"{thesis}=rejected")))
    assert flipped["statements"][thesis]["label"] == "rejected"
    assert "you assumed it rejected" in flipped["explanations"][thesis]["steps"][0]["text"]

    part = parse(render_page(runner, path, "--root", "safer-schools", "--depth", "1"))
    assert doc_root(part) == "safer-schools"
    assert part.xpath('//ul[@id="am-tree"]/li/ul/li[@data-kind="statement"]')  # one level under the root, and
    assert {li.get("data-kind") for li in part.xpath('//ul[@id="am-tree"]/li/ul/li/ul/li')} == {"more"}  # no more
    assert "not reached from" in part.xpath('//nav[@id="am-outline"]')[0].text_content()

    other = next(item for item in page_data(plain)["statements"] if item != thesis)
    rooted = parse(render_page(runner, path, "--thesis", other))
    assert doc_root(rooted) == other and page_data(rooted)["thesis"] == other

    weighted = page_data(parse(render_page(runner, path, "--semantics", "df-quad")))
    assert all(isinstance(entry["strength"], float) for entry in weighted["statements"].values())
    printed = runner.invoke(app, ["evaluate", str(path), "--semantics", "df-quad", "--explain", other]).stdout
    assert weighted["explanations"][other]["heading"] in printed
    assert all(step["text"] in printed for step in weighted["explanations"][other]["steps"])

    preferred = page_data(parse(render_page(runner, path, "--semantics", "preferred")))
    assert preferred["explanations"] == {} and "preferred" in preferred["explanationNote"]


def doc_root(doc) -> str:
    """The statement at the top of the page's outline."""
    return doc.xpath('//ul[@id="am-tree"]/li')[0].get("data-id")


def test_the_page_is_the_same_every_time(runner):
    path = REPO / "arguments" / "votes-at-16.yaml"
    assert render_page(runner, path) == render_page(runner, path)


def test_statements_from_a_library_name_their_file_in_the_data(runner):
    case = REPO / "tests" / "data" / "includes" / "case.yaml"
    statements = page_data(parse(render_page(runner, case)))["statements"]
    model = context(case).model
    from_libraries = {sid: os.path.relpath(stmt.file, case.parent)
                      for sid, stmt in model.statements.items() if stmt.file is not None}
    assert from_libraries and len(from_libraries) < len(model.statements)
    for sid, entry in statements.items():
        assert entry.get("file") == from_libraries.get(sid), sid
