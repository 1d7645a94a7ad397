"""The map as one self-contained HTML page: the diagram, a pro/con outline, details and explanations.

:func:`page` returns the text of one file that needs nothing else: the stylesheet and
the script (``argmap/render/page/``) and the diagram's SVG are inlined, and the page
loads nothing from anywhere. It shows the Graphviz diagram (zoom and pan by mouse,
touch and keyboard), beside it the outline of :func:`argmap.views.tree.build_tree`
(the structure `argmap tree` and the Markdown export show) as an ARIA tree, and, for
the statement clicked in either, a panel with its full text, kind, source, quote,
note and the explanation `argmap evaluate --explain` prints. Nothing here runs
Graphviz: the command passes the SVG in.

A map is untrusted, so the page is built to hold any text as text:

- every text from the map goes into markup through :func:`esc` (bidi controls made
  visible by :func:`argmap.textsafe.visible`, then ``html.escape`` with quotes);
- the data the script reads is one JSON block (:func:`script_json`) in which ``<``,
  ``>``, ``&``, U+2028 and U+2029 are written as ``\\u003c`` and so on, so no text
  can close the script element or open a comment; the script reads it with
  ``JSON.parse`` and builds the details with ``textContent`` only;
- the SVG is rebuilt element by element from an allow-list of Graphviz's own
  elements and attributes (:func:`inline_svg`): no script, no link, no event
  handler, no ``url(...)``, no XML declaration or DOCTYPE survives;
- a Content-Security-Policy meta tag (:func:`content_security_policy`) forbids every
  load (``default-src 'none'``) and allows only the page's own script and style, by
  their SHA-256 hashes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from ..context import MapContext
from ..schemes import answers_by_question, argument_questions, open_questions
from ..textsafe import LEGACY_COMMAND, visible
from ..views.tree import (
    CONTRA,
    MAX_LINES,
    MORE,
    PREMISE,
    PRO,
    SEE,
    STATEMENT,
    TOGETHER,
    UNDERCUTS,
    Relation,
    TreeNode,
    argument_origin,
    below,
    build_tree,
    is_dead,
    library_name,
    linked_word,
    other_side,
    relation_parts,
    role_note,
    statement_details,
    statement_notes,
)
from .dot import scheme_words
from .markdown import MAX_DEPTH, ROLE_WORD, SYMBOL

if TYPE_CHECKING:
    from .diagram import Focus

LABEL_WORDS = "✓ accepted, ✗ rejected, ? undecided"
MAX_WEIGHED = 100
"""Under a weighted semantics, a map of at most this many statements has every statement's contributions in
the page; a larger one only the thesis's (each statement's costs a computation of the strengths near it: a
1,000-statement map took 22 s under DF-QuAD)."""


# ---- escaping ----------------------------------------------------------------------


def esc(text: str) -> str:
    """``text`` from a map, for HTML markup: bidi controls made visible, then every special character escaped.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)"> \\u202e')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; \\\\u202e'
    """
    # `##[` (a legacy workflow command) and a line break before `::` (a new one) are written as character
    # references: the page shows the same text, and a CI log that prints the page obeys nothing in it.
    escaped = html.escape(visible(text), quote=True).replace("\n", "&#10;")
    return escaped.replace(LEGACY_COMMAND, "&#35;#[")


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """``data`` as JSON that can sit inside ``<script type="application/json">`` whatever its strings hold.

    Examples
    --------
    >>> script_json({"t": "</script><!-- & \\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    >>> json.loads(script_json({"t": "</script>"}))["t"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)  # only inside strings
    return text.replace(LEGACY_COMMAND, "#\\u0023[")  # outside strings JSON has no `#`


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script or style whose content is exactly ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """The page's policy: nothing may load, and only this ``script`` and this ``style`` may run.

    Examples
    --------
    >>> content_security_policy("", "").startswith("default-src 'none'; script-src 'sha256-")
    True
    """
    return (f"default-src 'none'; script-src {sha256_source(script)}; style-src {sha256_source(style)}; "
            "base-uri 'none'; form-action 'none'")


# ---- the SVG -----------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = frozenset({"svg", "g", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle", "rect",
                          "line", "text", "tspan"})
"""What Graphviz's SVG is drawn with; any other element (a script, an image, a foreign object…) is dropped
with everything in it, except ``<a>``, Graphviz's wrapper for a tooltip, which gives way to what it holds."""
SVG_ATTRIBUTES = frozenset({
    "class", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "points", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2",
    "y2", "width", "height", "viewBox", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
    "text-decoration", "baseline-shift", "opacity",
})
"""Graphviz's presentation attributes: no ``href``, no ``on…``, no ``style``, and no ``id`` (the page's own ids
must not meet Graphviz's ``node1``)."""
_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>\s*)?", re.IGNORECASE)


class SvgError(ValueError):
    """An SVG that is not well-formed XML with an ``<svg>`` root."""


def inline_svg(svg: str) -> str:
    """Graphviz's SVG as markup to place in an HTML page: allowed elements and attributes only.

    The XML declaration, the DOCTYPE and comments are left out; the root keeps its
    ``viewBox`` (the script zooms by changing it) and loses its fixed size, which the
    page's stylesheet gives. Graphviz's tooltips go too: the page's details panel
    shows each statement whole.

    Examples
    --------
    >>> inline_svg('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9pt" viewBox="0 0 9 9">'
    ...            '<script>x()</script><g class="node" onclick="x()"><text>a &lt;b&gt;</text></g></svg>')
    '<svg viewBox="0 0 9 9" class="am-svg" focusable="false"><g class="node"><text>a &lt;b&gt;</text></g></svg>'
    """
    try:
        root = ET.fromstring(_PROLOGUE.sub("", svg, count=1))
    except ET.ParseError as exc:
        raise SvgError(f"the diagram is not well-formed SVG: {exc}") from None
    if root.tag != f"{SVG_NS}svg":
        raise SvgError("the diagram's root element is not <svg>")
    out: list[str] = []
    _write_element(root, out)
    return "".join(out).replace(LEGACY_COMMAND, "&#35;#[")  # Graphviz writes the map's `##[` back as it is


def _write_element(root: ET.Element, out: list[str]) -> None:
    """``root`` and what it holds, as markup, where the allow-lists allow it (an explicit stack: no recursion).

    A ``<title>`` is kept only where it names a node (a ``g`` of class ``node``): the
    page finds statements by it; the others (edges, the graph) only add to the page's
    weight. A ``<g>`` left with no attribute is replaced by what it holds.
    """
    stack: list[tuple[ET.Element, bool] | str] = [(root, False)]  # an element, and whether its parent is a node
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # a closing tag and the text after it
            out.append(item)
            continue
        element, in_node = item
        name = element.tag[len(SVG_NS):] if isinstance(element.tag, str) and element.tag.startswith(SVG_NS) else None
        tail = html.escape(element.tail or "", quote=False) if element is not root else ""
        attributes = _svg_attributes(element, element is root)
        children = list(element)
        if name == "a" or (name == "g" and not attributes):  # the wrapper gives way to what it holds
            out.append(html.escape(element.text or "", quote=False))
            stack.append(tail)
            stack.extend((child, in_node) for child in reversed(children))
            continue
        if name not in SVG_ELEMENTS or (name == "title" and not in_node):  # dropped with its content
            out.append(tail)
            continue
        text = html.escape(element.text or "", quote=False)
        if not children and not text:
            out.append(f"<{name}{attributes}/>{tail}")
            continue
        out.append(f"<{name}{attributes}>{text}")
        stack.append(f"</{name}>{tail}")
        is_node = name == "g" and "node" in element.get("class", "").split()
        stack.extend((child, is_node) for child in reversed(children))


def _svg_attributes(element: ET.Element, is_root: bool) -> str:
    parts = []
    for key, value in element.attrib.items():
        if key not in SVG_ATTRIBUTES or "url(" in value.lower():
            continue
        if is_root and key in ("width", "height", "class"):
            continue
        parts.append(f' {key}="{html.escape(value, quote=True)}"')
    if is_root:
        parts.append(' class="am-svg" focusable="false"')
    return "".join(parts)


# ---- explanations ------------------------------------------------------------------


@dataclass
class Explanations:
    """Why each statement has its label, as `argmap evaluate --explain` says it.

    ``by_id`` maps a statement id to ``{"heading": ..., "steps": [{"depth", "id",
    "label", "text"}]}``: the heading and the lines `evaluate --explain` prints, each
    line without its indentation (``depth`` gives it). ``note`` says why a statement
    has none.
    """

    semantics: str = "grounded"
    by_id: dict[str, dict] = field(default_factory=dict)
    note: str = ""


def explanations(ctx: MapContext, semantics: str = "grounded",
                 assumed: Mapping[str, str] | None = None) -> Explanations:
    """The explanation of every statement under ``semantics`` with ``assumed`` labels (``--assume``, parsed).

    Under ``grounded``, the chain of reasons of :func:`argmap.explain.explain`; under a
    weighted semantics, what bears on a statement's strength (every statement's when
    the map has at most :data:`MAX_WEIGHED`, else the thesis's); under preferred and
    stable none, as `evaluate --explain` gives none there.
    """
    from ..semantics import LABELLING, SEMANTICS, WEIGHTED

    family = SEMANTICS[semantics].family
    if family == LABELLING:
        return _grounded_explanations(ctx, dict(assumed or {}))
    if family == WEIGHTED:
        return _weighted_explanations(ctx, semantics, dict(assumed or {}))
    return Explanations(semantics, {}, f"Under {semantics}, argmap explains no single statement: "
                                       f"`argmap evaluate --semantics {semantics}` shows the positions")


def _grounded_explanations(ctx: MapContext, assumed: dict[str, str]) -> Explanations:
    from ..explain import explain
    from .evaluation import EvaluationReport, named

    evaluation = ctx.evaluate(assumed)
    texts = {sid: stmt.text for sid, stmt in ctx.model.statements.items()}
    report = EvaluationReport(ctx.thesis or "", evaluation, texts)
    found = {}
    for item in ctx.model.statements:
        steps = [{"depth": step.depth, "id": step.id, "label": step.label,
                  "text": f"{named(report, step.id)} is {step.label}: {step.reason}"}  # as `evaluate` prints it
                 for step in explain(evaluation, item)]
        found[item] = {"heading": f"Why `{item}` is {evaluation.label(item)}", "steps": steps}
    return Explanations("grounded", found)


def _weighted_explanations(ctx: MapContext, semantics: str, assumed: dict[str, str]) -> Explanations:
    from ..semantics import evaluate_with
    from ..semantics.gradual import contributions
    from .evaluation import EvaluationReport, contribution_lines

    outcome = evaluate_with(semantics, ctx.graph, assumed)
    strengths = outcome.strengths
    assert strengths is not None  # a weighted semantics gives strengths
    texts = {sid: stmt.text for sid, stmt in ctx.model.statements.items()}
    report = EvaluationReport(ctx.thesis or "", outcome.evaluation, texts, outcome=outcome)
    wanted = list(ctx.model.statements) if len(ctx.model.statements) <= MAX_WEIGHED else [ctx.thesis or ""]
    found = {}
    for item in wanted:
        given = contributions(ctx.graph, semantics, item, assumed, result=strengths)
        report.contributions = {item: given}
        lines = contribution_lines(report, strengths.strengths, lambda style, value: value)
        ids: list[str | None] = [c.id for c in given] or [None]
        found[item] = {"heading": lines[1], "steps": [{"depth": 0, "id": sid, "label": None, "text": line.strip()}
                                                      for sid, line in zip(ids, lines[2:], strict=True)]}
    note = "" if len(wanted) == len(ctx.model.statements) else \
        (f"This page gives the contributions to the thesis only (the map has more than {MAX_WEIGHED} statements): "
         f"`argmap evaluate --semantics {semantics} --explain ID` gives any statement's")
    return Explanations(semantics, found, note)


# ---- the data the script reads -------------------------------------------------------


def svg_names(ctx: MapContext) -> dict[str, str]:
    """Each diagram node's name (the ``<title>`` of its group in Graphviz's SVG) -> the statement or argument id.

    The names are :func:`argmap.render.dot.node_name`'s: the id itself unless it is too long.
    """
    from .dot import node_name

    ids = [*ctx.model.statements, *ctx.model.arguments]
    return {node_name(item, index): item for index, item in enumerate(ids)}


def statement_data(ctx: MapContext, labels: Mapping[str, str] | None) -> dict[str, dict]:
    """Each statement's fields for the details panel, texts made visible (:func:`visible`)."""
    strengths = ctx.strengths or {}
    found = {}
    for sid, stmt in ctx.model.statements.items():
        entry: dict = {"text": visible(stmt.text), "kind": stmt.kind}
        if stmt.implicit:
            entry["implicit"] = True
        if stmt.source is not None:
            entry["source"] = visible(stmt.source)
        if stmt.by:
            entry["by"] = visible(stmt.by)
        if stmt.file is not None:
            entry["file"] = visible(library_name(stmt.file, ctx.model.path))
        if stmt.tags:
            entry["tags"] = [visible(tag) for tag in stmt.tags]
        for what, text in statement_details(ctx, stmt):
            entry[what] = visible(text)  # "quote" (with its paragraph) and "note"
        if labels is not None and sid in labels:
            entry["label"] = labels[sid]
        if sid in strengths:
            entry["strength"] = round(strengths[sid], 4)
        found[sid] = entry
    return found


def argument_data(ctx: MapContext) -> dict[str, dict]:
    """Each linked argument's fields for the details panel: its scheme as written, and with a catalogue scheme
    the scheme's name and its critical questions, each with the statements that answer it (none: it is open)."""
    graph = ctx.graph
    answers = answers_by_question(ctx.model)  # gathered once for the map
    found = {}
    for aid, argument in ctx.model.arguments.items():
        if aid not in graph:
            continue
        entry: dict = {"scheme": visible(argument.scheme or ""), "note": visible(argument.note or ""),
                        "premises": graph.premises(aid), "conclusion": graph.conclusion(aid)}
        if argument.file is not None:
            entry["file"] = visible(library_name(argument.file, ctx.model.path))
        asked = argument_questions(argument, answers)
        if asked is not None:
            entry["schemeName"] = visible(asked.scheme.name)
            entry["questions"] = [{"id": status.question.id, "ask": visible(status.question.ask),
                                   "answeredBy": list(status.answered_by)} for status in asked.questions]
        found[aid] = entry
    return found


def page_data(ctx: MapContext, labels: Mapping[str, str] | None, explained: Explanations | None = None) -> dict:
    """Everything the page's script reads: the statements, the linked arguments (with their schemes' questions),
    the diagram's node names and the explanations."""
    return {
        "title": visible(ctx.model.title),
        "thesis": ctx.thesis,
        "labelled": labels is not None,
        "semantics": explained.semantics if explained is not None else None,
        "statements": statement_data(ctx, labels),
        "arguments": argument_data(ctx),
        "nodes": svg_names(ctx),
        "explanations": explained.by_id if explained is not None else {},
        "explanationNote": (explained.note if explained is not None else
                            "Labels are left out (--no-labels), so nothing is explained"),
    }


# ---- the outline -------------------------------------------------------------------


def _label_html(item: str, labels: Mapping[str, str] | None, strengths: Mapping[str, float] | None) -> str:
    if labels is None or item not in labels:
        return ""
    label = labels[item]
    strength = f" {strengths[item]:.2f}" if strengths is not None and item in strengths else ""
    return (f'<span class="am-label am-{label}"><span aria-hidden="true">{SYMBOL[label]}{strength}</span>'
            f'<span class="am-sr">{label}{strength}</span></span> ')


def _statement_html(ctx: MapContext, item: str, labels: Mapping[str, str] | None, key: str,
                    node: TreeNode | None = None) -> tuple[str, str]:
    """A statement's head (label, id, text) and what follows it (notes, source, quote, note), as markup."""
    stmt = ctx.model.statements[item]
    head = _label_html(item, labels, ctx.strengths)
    head += f'<code class="am-id">{esc(item)}</code>'
    if node is not None and node.role in (CONTRA, UNDERCUTS):
        head += f' <span class="am-rolenote">({esc(role_note(ctx.graph, node))})</span>'
    elif node is not None and node.role == PRO and is_dead(ctx, node.link):
        head += ' <span class="am-rolenote am-dead">(✗ dead link)</span>'
    implicit = " am-implicit" if stmt.implicit else ""
    head += f': <span class="am-text{implicit}">{esc(stmt.text)}</span>'
    more = []
    notes = statement_notes(stmt, ctx.model.path, other_side(ctx))
    if notes:
        more.append(f'<span class="am-notes">({esc("; ".join(notes))})</span>')
    if stmt.kind == "evidence" and stmt.source is not None:
        more.append(f'<span class="am-source">source: {esc(stmt.source)}</span>')
    for what, text in statement_details(ctx, stmt):
        more.append(f'<span class="am-quote">{esc(text)}</span>' if what == "quote"
                    else f'<span class="am-note">Note: {esc(text)}</span>')
    tail = f'<div class="am-more" id="{key}-d">{"".join(more)}</div>' if more else ""
    return head, tail


def _entry_html(ctx: MapContext, node: TreeNode, labels: Mapping[str, str] | None, key: str) -> tuple[str, str]:
    """The head and the rest of one outline entry (:class:`TreeNode`), as markup."""
    if node.kind == STATEMENT:
        return _statement_html(ctx, node.id, labels, key, node)
    if node.kind == SEE:
        head = _label_html(node.id, labels, ctx.strengths) + f'↑ see <code class="am-id">{esc(node.id)}</code>'
        if node.role in (CONTRA, UNDERCUTS):
            head += f' <span class="am-rolenote">({esc(role_note(ctx.graph, node))})</span>'
        return head, ""
    if node.kind == TOGETHER:
        argument = ctx.model.arguments.get(node.id)
        written = scheme_words(argument) if argument is not None else ""  # a catalogue scheme by its name
        scheme = f', <span class="am-scheme">{esc(written)}</span>' if written else ""
        origin = argument_origin(ctx, node.id)
        scheme += f', <span class="am-rolenote">{esc(origin)}</span>' if origin is not None else ""
        dead = ' <span class="am-dead">✗ dead</span>' if is_dead(ctx, node.id) else ""
        head = f'{linked_word(ctx, node.id)} (argument <code class="am-id">{esc(node.id)}</code>{scheme}){dead}:'
        more = [f'<span class="am-note">Note: {esc(argument.note)}</span>'] if argument is not None and \
            argument.note else []
        more.append(_open_questions_html(ctx, node.id))
        tail = f'<div class="am-more" id="{key}-d">{"".join(more)}</div>' if any(more) else ""
        return head, tail
    assert node.kind == MORE
    return (f"… {esc(below(node.count))} (the outline stops here: "
            f"<code>argmap render --root {esc(node.id)}</code> makes a page of them)"), ""


def _open_questions_html(ctx: MapContext, argument_id: str, named: bool = False) -> str:
    """The critical questions of a linked argument that nothing answers, as one line of markup ("" for none);
    ``named`` names the argument (where the line is not under its entry)."""
    questions = open_questions(ctx, argument_id)
    if not questions:
        return ""
    of = f' of <code class="am-id">{esc(argument_id)}</code>' if named else ""
    return (f'<span class="am-open-questions">Open questions{of}: '
            f'{esc(" ".join(question.ask for question in questions))}</span>')


def _relation_html(ctx: MapContext, relation: Relation) -> str:
    """A relation of a statement the outline does not reach, as markup: a catalogue scheme named as in the outline,
    and, under the conclusion of a linked argument (which then has no entry of its own), its open questions."""
    argument = ctx.model.arguments.get(relation.via or "")
    # relation_parts closes the phrase with the scheme as written: the piece to put the scheme's name in
    renamed = {f": {argument.scheme})": f": {scheme_words(argument)})"} if argument and argument.scheme else {}
    phrase = "".join(f'<code class="am-id">{esc(piece)}</code>' if is_id else esc(renamed.get(piece, piece))
                     for piece, is_id in relation_parts(relation, ctx.graph))
    questions = _open_questions_html(ctx, argument.id, named=True) \
        if argument is not None and relation.verb == "concluded-from" else ""
    return f'<span class="am-relation">{phrase}</span>{questions}'


def _treeitem(ctx: MapContext, node: TreeNode, labels: Mapping[str, str] | None, index: int,
              thesis: str | None, has_children: bool) -> str:
    """The opening of one outline entry's ``<li role="treeitem">`` and its row (the group is opened after it)."""
    key = f"am-o{index}"
    head, tail = _entry_html(ctx, node, labels, key)
    if node.depth == 0 and node.kind == STATEMENT:
        role = '<span class="am-role am-thesis">Thesis</span> ' if node.id == thesis else ""
    else:
        word = ROLE_WORD.get(node.role) or ("Premise" if node.role == PREMISE else "")
        role = f'<span class="am-role am-{node.role}">{word}</span> ' if word else ""
    classes = f"am-entry am-{node.kind} am-role-{node.role or 'none'}"
    if labels is not None and node.id in labels and node.kind != TOGETHER:
        classes += f" am-is-{labels[node.id]}"
    attrs = (f'role="treeitem" id="{key}" class="{classes}" data-id="{esc(node.id)}" data-kind="{node.kind}" '
             f'aria-labelledby="{key}-h" tabindex="{0 if index == 0 else -1}"')
    if tail:
        attrs += f' aria-describedby="{key}-d"'
    if has_children:
        attrs += ' aria-expanded="true"'
    twisty = '<span class="am-twisty" aria-hidden="true"></span>'
    return f'<li {attrs}><div class="am-row">{twisty}<span class="am-head" id="{key}-h">{role}{head}</span>{tail}</div>'


def outline_html(ctx: MapContext, labels: Mapping[str, str] | None, focus: Focus | None = None) -> str:
    """The pro/con outline as nested ``<ul role="tree">`` markup, from the thesis (then what it does not reach,
    listed), or from ``focus``'s root to its depth (then what it does not reach, counted)."""
    if focus is None:
        view = build_tree(ctx, max_depth=MAX_DEPTH)
    else:
        view = build_tree(ctx, focus.root, MAX_DEPTH if focus.depth is None else min(focus.depth, MAX_DEPTH))
    nodes = view.nodes[:MAX_LINES]
    out = [f'<ul role="tree" class="am-tree" id="am-tree" aria-label="Pro and con outline from {esc(view.root)}">']
    closing: list[tuple[int, str]] = []  # each open entry's depth and what closes it, innermost last
    for index, node in enumerate(nodes):
        while closing and closing[-1][0] >= node.depth:
            out.append(closing.pop()[1])
        has_children = index + 1 < len(nodes) and nodes[index + 1].depth > node.depth
        out.append(_treeitem(ctx, node, labels, index, ctx.thesis, has_children))
        if has_children:
            out.append('<ul role="group">')
        closing.append((node.depth, "</ul></li>" if has_children else "</li>"))
    out.extend(end for _, end in reversed(closing))
    out.append("</ul>")
    if len(view.nodes) > MAX_LINES:
        left = len(view.nodes) - MAX_LINES
        out.append(f'<p class="am-stop">… {left:,} more entries not shown (the outline stops after {MAX_LINES:,}): '
                   "see part of the map with <code>argmap tree --root ID</code></p>")
    elif view.unreached and focus is not None:
        count = len(view.unreached)
        out.append(f'<p class="am-stop">{count:,} statement{"s" * (count != 1)} not reached from '
                   f'<code>{esc(view.root)}</code> (this page shows part of the map: <code>--root</code>, '
                   "<code>--depth</code>)</p>")
    elif view.unreached:
        out.append(unreached_html(ctx, view.root, view.unreached, labels, len(nodes)))
    return "".join(out)


def unreached_html(ctx: MapContext, root: str, unreached: list, labels: Mapping[str, str] | None,
                   start: int) -> str:
    """The statements the outline does not reach, each with its relations, as a second tree."""
    out = [f'<h2 class="am-unreached-heading" id="am-unreached-h">Not reached from <code>{esc(root)}</code></h2>',
           '<ul role="tree" class="am-tree" aria-labelledby="am-unreached-h">']
    for offset, (item, relations) in enumerate(unreached):
        key = f"am-o{start + offset}"
        head, tail = _statement_html(ctx, item, labels, key)
        listed = "".join(_relation_html(ctx, relation) for relation in relations) or \
            '<span class="am-relation">no relation to any other statement</span>'
        more = (tail[:-len("</div>")] if tail else f'<div class="am-more" id="{key}-d">') + listed + "</div>"
        classes = "am-entry am-statement am-role-none" + (f" am-is-{labels[item]}" if labels and item in labels
                                                           else "")
        out.append(f'<li role="treeitem" id="{key}" class="{classes}" data-id="{esc(item)}" data-kind="statement" '
                   f'aria-labelledby="{key}-h" aria-describedby="{key}-d" tabindex="-1"><div class="am-row">'
                   f'<span class="am-twisty" aria-hidden="true"></span><span class="am-head" id="{key}-h">{head}'
                   f"</span>{more}</div></li>")
    out.append("</ul>")
    return "".join(out)


# ---- the page ----------------------------------------------------------------------


def asset(name: str) -> str:
    """The text of one of the page's static files (``argmap/render/page/NAME``)."""
    return resources.files("argmap.render").joinpath("page", name).read_text(encoding="utf-8")


def page(ctx: MapContext, labels: Mapping[str, str] | None, svg: str, explained: Explanations | None = None,
         title: str | None = None, focus: Focus | None = None) -> str:
    """The self-contained HTML page of ``ctx``'s map.

    Parameters
    ----------
    ctx : MapContext
        A map without errors.
    labels : dict, optional
        Statement id -> ``accepted``/``rejected``/``undecided``; None leaves labels out.
    svg : str
        The diagram as Graphviz drew it (`argmap render --format svg`).
    explained : Explanations, optional
        What :func:`explanations` gives; None leaves the explanations out.
    title : str, optional
        The page's title; the map's title by default.
    focus : Focus, optional
        The part of the map the diagram draws (``--root``, ``--depth``); the outline then shows the same part.

    Returns
    -------
    str
        The page, one file that loads nothing else.
    """
    style = asset("page.css")
    script = asset("page.js")
    heading = esc(title if title is not None else ctx.model.title)
    key = ("Key: <strong>Pro</strong> supports, <strong>Con</strong> attacks or contradicts, <strong>Undercut"
           "</strong> attacks the link, <strong>Premise</strong> is one of a linked argument's"
           + (f"; {LABEL_WORDS}." if labels is not None else "."))
    data = script_json(page_data(ctx, labels, explained))
    return "".join([
        HEAD.format(policy=content_security_policy(script, style), title=heading, style=style),
        _header_html(ctx, heading, labels, explained),
        OUTLINE_START, outline_html(ctx, labels, focus), f'\n<p class="am-key">{key}</p>\n</nav>\n',
        DIAGRAM_START, inline_svg(svg), DIAGRAM_END,
        f'<script type="application/json" id="argmap-data">{data}</script>\n',
        f"<script>{script}</script>\n</body>\n</html>\n",
    ])


HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="argmap">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
"""
OUTLINE_START = """<main class="am-main">
<nav class="am-outline" id="am-outline" aria-label="Outline">
<h2 class="am-pane-title">Outline</h2>
"""
DIAGRAM_START = """<section class="am-diagram-pane" aria-label="Diagram">
<div class="am-diagram-tools"><button type="button" id="am-zoom-in" aria-label="Zoom in">+</button>\
<button type="button" id="am-zoom-out" aria-label="Zoom out">−</button>\
<button type="button" id="am-reset">Whole map</button>\
<span class="am-hint">Wheel or pinch to zoom, drag to pan; keys + − and arrows, 0 for the whole map</span></div>
<div class="am-diagram" id="am-diagram" tabindex="0" role="group" aria-roledescription="diagram" \
aria-label="The map as a diagram: + and − zoom, arrow keys pan, 0 shows the whole map">"""
DIAGRAM_END = """</div>
</section>
<aside class="am-details" id="am-details" aria-live="polite" aria-label="Details">\
<p class="am-placeholder">Select a statement in the outline or in the diagram: its details and why it has its label \
show here.</p></aside>
</main>
"""


def _header_html(ctx: MapContext, heading: str, labels: Mapping[str, str] | None,
                 explained: Explanations | None) -> str:
    """The page's header: the title, the map's description and source, the search box and the outline's buttons."""
    model = ctx.model
    lines = [f'<header class="am-header">\n<h1 id="am-title">{heading}</h1>\n']
    if model.description:
        lines.append(f'<p class="am-description">{esc(model.description)}</p>\n')
    source = model.source
    if source is not None:
        parts = [value for value in (source.title, source.author, source.publisher, source.date, source.url)
                 if value]
        if source.text_file:
            parts.append(f"text: {source.text_file}")
        if parts:
            lines.append(f'<p class="am-sourceline">Source: {esc(" · ".join(parts))}</p>\n')
    thesis = f'Thesis <code class="am-id">{esc(ctx.thesis or "")}</code>'
    if labels is not None:
        semantics = explained.semantics if explained is not None else "grounded"
        thesis += f" is {esc(labels.get(ctx.thesis or '', ''))} ({esc(semantics)} semantics; {LABEL_WORDS})"
        assumed = ", ".join(f'<code class="am-id">{esc(item)}</code> {esc(label)}' for item, label in ctx.assumed.items())
        thesis += f". Assuming {assumed} (--assume)" if assumed else ""
    lines.append(f'<p class="am-verdict">{thesis}</p>\n')
    lines.append('<div class="am-tools" role="search">'
                 '<label for="am-search">Search</label> '
                 '<input type="search" id="am-search" placeholder="Text, id, source, tag…" autocomplete="off" '
                 'spellcheck="false"> <span id="am-search-count" class="am-count" aria-live="polite"></span> '
                 '<button type="button" id="am-expand">Expand all</button> '
                 '<button type="button" id="am-collapse">Collapse all</button></div>\n</header>\n')
    return "".join(lines)
