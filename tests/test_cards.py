"""`argmap export --to cards` and `--to cards-html`: the map's evidence as debate cards.

The Markdown is read back with markdown-it-py (CommonMark) and the page with
lxml.html; what each card should hold is worked out from the map's own fields and
the text file's lines, not from the cards module.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import lxml.html
import pytest
from markdown_it import MarkdownIt

from argmap.checker import check_file
from argmap.cli import app
from argmap.render import cards as cards_render
from argmap.render import cards_html
from argmap.textsafe import visible
from conftest import REPO, assert_no_traceback, write_map

FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
TEACHING = REPO / "arguments" / "votes-at-16.yaml"
INLINE = {"text", "strong_open", "strong_close", "hardbreak", "softbreak", "code_inline", "em_open", "em_close"}
"""What a card's Markdown may be read as: anything else (a link, an image, HTML) came out of a text."""


def context(path):
    result = check_file(path)
    assert not result.has_errors, result.problems
    return result.context


def export(runner, *args):
    result = runner.invoke(app, ["export", *map(str, args)])
    assert_no_traceback(result)
    return result


def expected_claims(ctx) -> dict[str, list[str]]:
    """Evidence id -> the claims it supports, from the map's fields: ``supports`` and the linked arguments it is
    a premise of."""
    model = ctx.model
    found: dict[str, set[str]] = {}
    for stmt in model.statements.values():
        if stmt.kind == "evidence":
            found[stmt.id] = {ref.id for ref in stmt.supports if ref.id in model.statements}
    for argument in model.arguments.values():
        for premise in argument.premises:
            if premise.id in found and argument.conclusion is not None:
                found[premise.id].add(argument.conclusion.id)
    return {item: sorted(claims) for item, claims in found.items()}


def paragraph_holding(text: str, quote: str) -> str:
    """The line of a text with one paragraph a line (the flagship's) that holds ``quote``."""
    return next(line for line in text.splitlines() if quote in line).strip()


# ---- reading the Markdown back ----------------------------------------------------------------


def inline_text(children, marked: list[str] | None = None) -> str:
    """Inline tokens' text as markdown-it reads it; the runs in bold appended to ``marked``."""
    out: list[str] = []
    bold: list[str] | None = None
    for child in children:
        assert child.type in INLINE, (child.type, child)
        if child.type in ("text", "code_inline"):
            out.append(child.content)
            if bold is not None:
                bold.append(child.content)
        elif child.type in ("hardbreak", "softbreak"):
            out.append("\n")
            if bold is not None:
                bold.append("\n")
        elif child.type == "strong_open":
            bold = []
        elif child.type == "strong_close":
            if marked is not None and bold is not None:
                marked.append("".join(bold))
            bold = None
    return "".join(out)


def solid(token) -> list:
    """An inline token's children without the empty text tokens markdown-it leaves around emphasis."""
    return [child for child in token.children or [] if child.type != "text" or child.content]


def markdown_cards(markdown: str) -> list[dict]:
    """Every card of the Markdown: its side and claim (from the headings), tag, cite, text, bold runs and id."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    for token in tokens:
        assert token.type not in ("html_block", "html_inline", "hr", "fence", "code_block"), token
        assert token.type != "heading_open" or token.map is not None
    found: list[dict] = []
    side = claim = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            content = tokens[index + 1].content
            if token.tag == "h2":
                side, claim = content, None
            elif token.tag == "h3":
                claim = content.strip("`")
            index += 3
            continue
        head = solid(tokens[index + 1]) if token.type == "paragraph_open" else None
        if head and head[0].type == "strong_open" and tokens[index - 1].type != "blockquote_open":
            # A card: **tag**, a hard break, the cite; the card text as a block quote; the evidence's id.
            types = [child.type for child in head]
            tag = inline_text(head[1:types.index("strong_close")])
            cite = inline_text(head[types.index("hardbreak") + 1:])
            assert types.index("strong_close") + 1 == types.index("hardbreak"), types
            assert tokens[index + 3].type == "blockquote_open", tokens[index + 3]
            marked: list[str] = []
            text = inline_text(tokens[index + 5].children, marked)
            meta = solid(tokens[index + 9])
            assert [child.type for child in meta[:2]] == ["text", "code_inline"], meta
            found.append({"side": side, "claim": claim, "tag": tag, "cite": cite, "text": text, "marked": marked,
                          "evidence": meta[1].content, "meta": inline_text(meta)})
            index += 11
            continue
        index += 1
    return found


# ---- reading the page back ------------------------------------------------------------------


def page_cards(page: str) -> list[dict]:
    root = lxml.html.document_fromstring(page)
    found = []
    side = None
    for section in root.xpath("//main/section"):
        assert section.get("class") == "am-claim"
        heading = section.xpath("./h2")
        side = heading[0].text_content() if heading else side
        claim = section.xpath("./h3")
        for article in section.xpath("./article"):
            quote = article.xpath("./blockquote")[0]
            found.append({
                "side": side, "claim": claim[0].text_content() if claim else None,
                "tag": article.xpath("./p[@class='am-tag']/strong")[0].text_content(),
                "cite": article.xpath("./p[@class='am-cite']")[0].text_content(),
                "text": quote.text_content(), "marked": [mark.text_content() for mark in quote.xpath(".//mark")],
                "evidence": article.xpath("./p[@class='am-meta']/code")[0].text_content(),
                "meta": article.xpath("./p[@class='am-meta']")[0].text_content(),
            })
    return found


def style_and_policy(page: str) -> tuple[str, str]:
    root = lxml.html.document_fromstring(page)
    metas = root.xpath("//head/meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    styles = root.xpath("//style")
    assert len(styles) == 1
    return styles[0].text, metas[0].get("content")


# ---- the flagship and the teaching map ------------------------------------------------------


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_every_supporting_evidence_is_a_card_under_each_claim_it_supports(render, read):
    ctx = context(FLAGSHIP)
    text = ctx.model.source.text
    found = read(render(ctx))
    under = {(card["claim"], card["evidence"]): card for card in found}
    assert len(under) == len(found), "a card twice under one claim"
    for evidence, claims in expected_claims(ctx).items():
        stmt = ctx.statement(evidence)
        if not claims:
            continue
        for claim in claims:
            card = under.pop((claim, evidence))
            assert card["tag"] == ctx.statement(claim).text
            assert card["cite"] == stmt.source
            assert card["text"] == paragraph_holding(text, stmt.quote)
            assert card["marked"] == [stmt.quote]
            assert f"¶{ctx.quote_place(stmt.quote)} of the text" in card["meta"]
    assert list(under) == [], "cards under claims the evidence does not support"


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_the_thesis_side_comes_first_and_claims_in_file_order(render, read):
    ctx = context(FLAGSHIP)
    found = read(render(ctx))
    sides = [card["side"] for card in found]
    assert sides == sorted(sides, key=["The thesis's side", "The other side"].index)
    assert "The other side" in sides  # loose-cooperation, a counterclaim, has a card
    rank = {item: place for place, item in enumerate(ctx.model.statements)}
    for side in set(sides):
        claims = [card["claim"] for card in found if card["side"] == side]
        assert claims == sorted(claims, key=rank.__getitem__), side
    for card in found:
        kind = ctx.statement(card["claim"]).kind
        assert (kind == "counterclaim") == (card["side"] == "The other side"), card


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_without_a_quote_the_card_reads_the_evidence_text(render, read):
    ctx = context(TEACHING)
    [card] = read(render(ctx))
    stmt = ctx.statement("scotland-record")
    assert card == {**card, "claim": "turnout-scotland", "tag": ctx.statement("turnout-scotland").text,
                    "cite": stmt.source, "text": stmt.text, "marked": [], "evidence": "scotland-record"}
    assert "¶" not in card["meta"] and "not found" not in card["meta"]


def test_the_page_allows_only_its_style_and_breaks_pages_between_claims():
    page = cards_html.export(context(FLAGSHIP))
    style, policy = style_and_policy(page)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    assert policy == f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    root = lxml.html.document_fromstring(page)
    assert not root.xpath("//script | //link | //img | //iframe | //a | //*[@style]")
    print_css = re.search(r"@media print\s*\{(.*)\}\s*$", style, re.DOTALL).group(1)
    rules = {selector.strip(): body for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", print_css)}
    assert "break-before: page" in rules[".am-claim + .am-claim"]
    assert "break-inside: avoid" in rules[".am-card"]
    sections = root.xpath("//main/*")
    assert len(sections) == len({card["claim"] for card in page_cards(page)}) > 1
    assert {section.tag for section in sections} == {"section"}  # siblings, so `+` breaks before each but the first
    assert all(section.get("class") == "am-claim" for section in sections)


# ---- maps written here ---------------------------------------------------------------------------

HOSTILE = ("</style><script>alert(1)</script> *star* _under_ [x](javascript:alert(1)) <b>b</b> \u202eevil ::error::x "
           "##[error]x https://evil.example")


def plain(text: str) -> str:
    """A text without the zero-width spaces that keep ``::`` and ``##[`` from reading as workflow commands."""
    return text.replace("\u200b", "")


def hostile_map(tmp_path, quote: str, text_file: bool = True):
    """A map whose every text is hostile, with a text file whose second paragraph holds ``HOSTILE``."""
    (tmp_path / "text.txt").write_text(f"Intro.\n\nBefore it {HOSTILE} after it.\n::error::line\n\nLast.\n",
                                       encoding="utf-8")
    lines = [
        "argmap: 1", f"title: {json.dumps(HOSTILE)}", "thesis: t",
        "source: {text_file: text.txt}" if text_file else "",
        "claims:", f"  t: {{text: {json.dumps(HOSTILE + ' thesis')}}}",
        "counterclaims:", f"  c: {{text: {json.dumps('- ' + HOSTILE)}, attacks: t}}",
        "evidence:", "  e:", f"    text: {json.dumps(HOSTILE + ' evidence')}", "    supports: [t, c]",
        f"    source: {json.dumps('# ' + HOSTILE)}", f"    quote: {json.dumps(quote)}",
        f"  f: {{text: {json.dumps('- ' + HOSTILE)}, source: {json.dumps('1. ' + HOSTILE)}}}",
    ]
    return write_map(tmp_path, "\n".join(lines) + "\n")


def test_hostile_texts_stay_text_in_markdown(tmp_path):
    ctx = context(hostile_map(tmp_path, HOSTILE))
    markdown = cards_render.export(ctx)
    assert "https://" not in markdown and "\u202e" not in markdown and "##[" not in markdown
    assert not any(line.lstrip().startswith("::") for line in markdown.splitlines())
    headings = [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1", "h2", "h3", "h2", "h3", "h2"]
    found = markdown_cards(markdown)  # fails on a link, an image or HTML
    paragraph = visible(f"Before it {HOSTILE} after it.\n::error::line")
    assert [(card["claim"], card["evidence"]) for card in found] == [("t", "e"), ("c", "e"), (None, "f")]
    for card in found[:2]:
        assert plain(card["text"]) == paragraph
        assert card["marked"] == [visible(HOSTILE)]
        assert card["cite"] == visible("# " + HOSTILE)
    assert found[0]["tag"] == visible(HOSTILE + " thesis")
    assert found[1]["tag"] == visible("- " + HOSTILE)
    assert found[2]["tag"] == visible("- " + HOSTILE) and found[2]["side"] == "Not used as support"
    assert found[2]["cite"] == visible("1. " + HOSTILE) and found[2]["text"] == visible("- " + HOSTILE)


def test_hostile_texts_stay_text_in_the_page(tmp_path):
    ctx = context(hostile_map(tmp_path, HOSTILE))
    page = cards_html.export(ctx)
    assert "\u202e" not in page and "##[" not in page
    assert not any(line.lstrip().startswith("::") for line in page.splitlines())
    root = lxml.html.document_fromstring(page)
    tags = {element.tag for element in root.iter() if isinstance(element.tag, str)}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "main", "section", "h2", "h3",
                    "article", "p", "strong", "blockquote", "mark", "code"}, tags
    style, _ = style_and_policy(page)
    assert style == cards_html.STYLE  # no text closed the style element
    title = root.xpath("//title")[0].text_content()
    assert plain(title) == "Evidence cards: " + visible(HOSTILE)
    found = page_cards(page)
    assert [(card["claim"], card["evidence"]) for card in found] == [("t", "e"), ("c", "e"), (None, "f")]
    assert [plain(words) for words in found[0]["marked"]] == [visible(HOSTILE)]
    assert plain(found[0]["text"]) == visible(f"Before it {HOSTILE} after it.\n::error::line")
    assert plain(found[1]["tag"]) == visible("- " + HOSTILE) and plain(found[0]["cite"]) == visible("# " + HOSTILE)


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_a_quote_with_gaps_has_each_piece_highlighted(tmp_path, render, read):
    (tmp_path / "text.txt").write_text("Intro.\n\nThe “parade”  was, they say, a\nshow. China’s parade.\n",
                                       encoding="utf-8")
    path = write_map(tmp_path, """\
        argmap: 1
        title: T
        thesis: t
        source: {text_file: text.txt}
        claims:
          t: {text: The thesis}
        evidence:
          e: {text: E, supports: t, source: S, quote: "\\"parade\\" was … a show"}
          f: {text: F, supports: t, source: S, quote: "’s parade"}
        """)
    ctx = context(path)
    first, second = read(render(ctx))
    assert first["text"] == "The “parade”  was, they say, a\nshow. China’s parade."
    assert first["marked"] == ["“parade”  was", "a\nshow"]
    assert "¶2 of the text" in first["meta"]
    # In Markdown `**` cannot open between a letter and punctuation: the highlight takes in the letter.
    assert second["marked"] == (["’s parade"] if read is page_cards else ["a’s parade"])


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_a_quote_not_in_the_text_or_without_a_text_is_shown_alone(tmp_path, render, read):
    [missing, *_] = read(render(context(hostile_map(tmp_path, "words the text never used"))))
    assert missing["text"] == "words the text never used" and missing["marked"] == []
    assert missing["meta"].endswith("(not found in the text)")
    [alone, *_] = read(render(context(hostile_map(tmp_path, HOSTILE, text_file=False))))
    assert plain(alone["text"]) == visible(HOSTILE) and alone["marked"] == []
    assert "not found" not in alone["meta"] and "¶" not in alone["meta"]


def test_a_quote_found_only_once_folded_is_highlighted_where_the_text_has_it(tmp_path):
    (tmp_path / "text.txt").write_text("One.\n\nIt was a “big”\n   show – truly.\n", encoding="utf-8")
    path = write_map(tmp_path, """\
        argmap: 1
        title: T
        thesis: t
        source: {text_file: text.txt}
        claims:
          t: {text: The thesis}
        evidence:
          e: {text: E, supports: t, source: S, quote: "a \\"big\\" show - truly"}
        """)
    [card] = page_cards(cards_html.export(context(path)))
    assert card["marked"] == ["a “big”\n   show – truly"] and card["text"] == "It was a “big”\n   show – truly."


def test_a_counterclaim_thesis_puts_the_counterclaims_first():
    ctx = context(FLAGSHIP)
    ctx.chosen_thesis = "loose-cooperation"
    groups = cards_render.cards(ctx)
    assert groups[0].claim == "loose-cooperation" and groups[0].side == cards_render.THESIS_SIDE
    assert {group.side for group in groups[1:]} == {cards_render.OTHER_SIDE}


# ---- the command ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,module", [("cards", cards_render), ("cards-html", cards_html)])
def test_export_cards_to_stdout_and_to_a_file(runner, tmp_path, fmt, module):
    result = export(runner, FLAGSHIP, "--to", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout == module.export(context(FLAGSHIP))
    out = tmp_path / "cards.out"
    written = export(runner, FLAGSHIP, "--to", fmt, "-o", out)
    assert written.exit_code == 0, written.output
    assert out.read_text(encoding="utf-8") == result.stdout


def test_export_cards_of_part_of_the_map(runner):
    result = export(runner, FLAGSHIP, "--to", "cards", "--root", "putin-gains")
    assert result.exit_code == 0, result.output
    claims = [card["claim"] for card in markdown_cards(result.stdout)]
    assert claims == ["counter-isolation", "putin-legitimacy", "supply-chain-bolsters"]


@pytest.mark.parametrize("render,read", [(cards_render.export, markdown_cards), (cards_html.export, page_cards)],
                         ids=["markdown", "html"])
def test_a_card_from_a_library_names_the_file_it_is_kept_in(tmp_path, render, read):
    case = REPO / "tests" / "data" / "includes"
    (tmp_path / "lib").mkdir()
    for name in ("case.yaml", "prop.yaml", "opp.yaml"):
        (tmp_path / name).write_text((case / name).read_text().replace("evidence.yaml", "lib/evidence.yaml"))
    (tmp_path / "lib" / "evidence.yaml").write_text((case / "evidence.yaml").read_text())
    with open(tmp_path / "case.yaml", "a") as handle:  # one card of the map's own
        handle.write("evidence:\n  own-card: {text: A card of the map's own, supports: engaged-young, source: S}\n")
    found = {card["evidence"]: card["meta"] for card in read(render(context(tmp_path / "case.yaml")))}
    assert found["turnout-scotland"].lstrip("— ").startswith("turnout-scotland from lib/evidence.yaml"), found
    assert "from" not in found["own-card"], found
