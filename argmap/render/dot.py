r"""The map as a Graphviz diagram: DOT source built with the ``graphviz`` package.

Claims are rounded boxes, counterclaims have a thick purple border of their own,
evidence is a note shape with its source in smaller type, the thesis has the
heaviest border, implicit statements are dashed. A linked argument is a small
junction its premises flow into; so is every `supports` relation that something
undercuts, so that an undercut is an arrow into a junction. Supports are green
arrows, attacks red with a bar for a head, contradictions red, dashed and
double-headed, undercuts orange with a bar. With evaluation labels, fills are
green (accepted), red (rejected) or yellow (undecided).

Escaping: every text from the map goes into an HTML-like label (``<...>``) through
:func:`html_text`, which escapes ``& < > " '`` as XML entities and doubles every
backslash: even inside an HTML-like label Graphviz expands ``\N`` (the node's name),
``\G`` (the graph's) and the like after reading the entities, and reads ``\\`` as
one backslash. Newlines become ``<br/>`` and tabs spaces (Graphviz would drop
them); braces, brackets and quotes mean nothing there. The ``graphviz`` package
passes a string that starts with ``<`` and ends with ``>`` through unquoted. Node
names are the map's ids (letters, digits, ``-`` and ``_``, checked by the loader;
an id over :data:`MAX_ID` characters gets a generated name), which the package
quotes. Text is wrapped at spaces to :data:`TEXT_WIDTH` columns, never inside a
word shorter than a line. Graphviz refuses a string over 16,384 characters, so a
text past :data:`MAX_TEXT` characters is shortened with an ellipsis, and the node
and the diagram's caption say the full text is in the map.
"""

from __future__ import annotations

import html
import re

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, UNDERCUT
from ..model import Statement
from ..schemes import scheme_words
from ..textsafe import LEGACY_COMMAND, visible
from ..views.tree import below, library_name, other_side, statement_details
from ..views.wrap import wrap
from .diagram import ATTACKER, PREMISE, SUPPORT, Drawn, Focus, drawn_edges, junction_nodes

DIRECTIONS = ("TB", "LR", "BT", "RL")
"""Graphviz ``rankdir`` values; BT (the default) puts the thesis at the top, with arrows pointing up to it."""

TEXT_WIDTH = 28
SOURCE_WIDTH = 36
TITLE_WIDTH = 70
MAX_TEXT = 1000
"""Characters of a statement's text shown before it is shortened (escaped, at most ~11,000 of Graphviz's 16,384)."""
MAX_SOURCE = 300
MAX_ID = 100
MAX_TITLE = 300

FONT = "Helvetica"
LABEL_FILL = {"accepted": "#c8e6c9", "rejected": "#ffcdd2", "undecided": "#fff3c4"}
KIND_FILL = {"claim": "#ffffff", "counterclaim": "#f3e5f5", "evidence": "#eceff1"}
KIND_BORDER = {"claim": "#37474f", "counterclaim": "#6a1b9a", "evidence": "#455a64"}
LABEL_SYMBOL = {"accepted": "✓ accepted", "rejected": "✗ rejected", "undecided": "? undecided"}
GREY = "#555555"

SUPPORT_EDGE = {"color": "#2e7d32", "arrowhead": "normal", "penwidth": "1.4"}
PREMISE_EDGE = {"color": "#2e7d32", "arrowhead": "none", "penwidth": "1.4"}
ATTACK_EDGE = {"color": "#c62828", "arrowhead": "tee", "penwidth": "1.6"}
CONTRADICT_EDGE = {"color": "#c62828", "style": "dashed", "dir": "both", "arrowhead": "tee",
                   "arrowtail": "tee", "penwidth": "1.6", "constraint": "false"}
UNDERCUT_EDGE = {"color": "#ef6c00", "arrowhead": "tee", "style": "bold"}
ATTACKER_EDGE = {"color": "#c62828", "arrowhead": "none", "penwidth": "1.6"}
DEAD_COLOR = "#9e9e9e"
"""The colour of a dead inference's edges (drawn dotted)."""
MORE_EDGE = {"style": "dotted", "color": GREY, "arrowhead": "none"}
"""From the note that counts what ``--depth`` left out to the entry it hangs from."""
EDGE_VERB = {PREMISE: "is a premise for", SUPPORT: "supports", ATTACK: "attacks", CONTRADICT: "contradicts",
             UNDERCUT: "undercuts", ATTACKER: "attacks"}
"""Edge kind -> the words of its tooltip."""
EDGE_STYLE = {PREMISE: PREMISE_EDGE, SUPPORT: SUPPORT_EDGE, ATTACK: ATTACK_EDGE, CONTRADICT: CONTRADICT_EDGE,
              UNDERCUT: UNDERCUT_EDGE, ATTACKER: ATTACKER_EDGE}
"""Edge kind (:data:`argmap.render.diagram.EDGE_KINDS`) -> its attributes."""
JUNCTION = {"shape": "circle", "width": "0.14", "height": "0.14", "fixedsize": "true", "label": "",
            "style": "filled", "fillcolor": "#2e7d32", "color": "#2e7d32"}
ATTACK_JUNCTION = {**JUNCTION, "fillcolor": "#c62828", "color": "#c62828"}
"""The junction of an attack that something undercuts: red, as attacks are."""

_NOT_XML = re.compile("[\ufffe\uffff]")
"""The two characters XML cannot hold at all (control characters and lone surrogates never reach here)."""


def html_text(text: str) -> str:
    r"""``text`` escaped for a Graphviz HTML-like label, as one line.

    Examples
    --------
    >>> print(html_text('<b>"x" & y</b> \\N \\'))
    &lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt; \\N \\
    """
    # Graphviz drops tab characters from what it draws, joining the words around them.
    escaped = html.escape(visible(text).replace("\\", "\\\\").replace("\t", " "), quote=True)
    escaped = escaped.replace(LEGACY_COMMAND, "&#35;#[")  # drawn the same; no workflow command in a log
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


MAX_TOOLTIP = 2000
"""Characters of each part of a tooltip (the text, the note, the quote) before it is shortened."""


def tooltip_text(parts: list[str]) -> str:
    r"""A Graphviz ``tooltip`` (an escString, not HTML): the parts one to a line, each shortened, a
    backslash shown as ``⧵`` so that none reads as an escape (``\N`` is the node's name), no workflow command.

    Examples
    --------
    >>> print(tooltip_text(["A \\N claim", "note: ##[warning]"]))
    A ⧵N claim\nnote: # #[warning]
    """
    lines = [" ".join(shorten(visible(part), MAX_TOOLTIP)[0].split()) for part in parts if part]
    # Graphviz reads an escString's backslashes twice over (``\\N`` still names the node), so a backslash is
    # shown as the reverse solidus operator, which looks the same and escapes nothing; lines are joined by
    # Graphviz's own ``\n``, so that no raw line break (a line a CI log could obey) reaches the DOT source.
    text = "\\n".join(line.replace("\\", "\u29f5").replace(LEGACY_COMMAND, "# #[") for line in lines)
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def html_lines(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` columns and escaped, lines joined by ``<br/>``.

    Examples
    --------
    >>> html_lines("a <b> c\\nd", 5)
    'a &lt;b&gt;<br/>c<br/>d'
    """
    return "<br/>".join(html_text(line) for line in wrap(text, width))


def shorten(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters with an ellipsis, and whether it was cut.

    Examples
    --------
    >>> shorten("abcdef", 4)
    ('abc…', True)
    """
    if len(text) <= limit:
        return text, False
    return text[: limit - 1] + "…", True


def small(text_html: str, color: str = GREY, size: int = 9) -> str:
    return f'<font point-size="{size}" color="{color}">{text_html}</font>'


def node_name(item_id: str, index: int) -> str:
    """A DOT node name for ``item_id``: the id itself unless it is too long to be a good name."""
    return item_id if len(item_id) <= MAX_ID else f"x-node-{index}"


def statement_label(stmt: Statement, is_thesis: bool, label: str | None,
                    strength: float | None = None, other: str = "counterclaim") -> tuple[str, bool]:
    """The HTML-like label of a statement's node, and whether any of its text was shortened; ``other`` is the kind
    on the other side from the thesis (:func:`argmap.views.tree.other_side`)."""
    shown_id, cut_id = shorten(stmt.id, MAX_ID)
    header = [shown_id]
    if is_thesis:
        header.append("thesis")
    if stmt.kind == other:
        header.append("other side")
    if stmt.by:
        header.append(f"by {shorten(stmt.by, MAX_SOURCE)[0]}")
    if stmt.implicit:
        header.append("implicit")
    if label:
        header.append(LABEL_SYMBOL[label] + (f" {strength:.2f}" if strength is not None else ""))
    text, cut_text = shorten(stmt.text, MAX_TEXT)
    parts = [small(html_lines(" · ".join(header), TEXT_WIDTH + 8)), html_lines(text, TEXT_WIDTH)]
    cut_source = False
    if stmt.kind == "evidence" and stmt.source is not None:
        source, cut_source = shorten(stmt.source, MAX_SOURCE)
        parts.append(small(html_lines(f"source: {source}", SOURCE_WIDTH), size=10))
    shortened = cut_id or cut_text or cut_source
    if shortened:
        parts.append(small("(shortened; the full text is in the map)", color="#b71c1c"))
    return "<" + "<br/>".join(parts) + ">", shortened


def statement_attrs(stmt: Statement, is_thesis: bool, label: str | None) -> dict[str, str]:
    style = ["filled"]
    if stmt.kind != "evidence":
        style.insert(0, "rounded")
    if stmt.implicit:
        style.append("dashed")
    attrs = {
        "shape": "note" if stmt.kind == "evidence" else "box",
        "style": ",".join(style),
        "color": KIND_BORDER[stmt.kind],
        "fillcolor": LABEL_FILL[label] if label else KIND_FILL[stmt.kind],
        "penwidth": "2.5" if stmt.kind == "counterclaim" else "1.2",
    }
    if is_thesis:
        attrs.update(penwidth="3.5", fontsize="15")
    return attrs


def dot_graph(ctx: MapContext, labels: dict[str, str] | None = None, direction: str = "BT",
              legend: bool = False, focus: Focus | None = None):
    """The diagram as a :class:`graphviz.Digraph`.

    Parameters
    ----------
    ctx : MapContext
        A map without errors.
    labels : dict, optional
        Statement id -> ``accepted``/``rejected``/``undecided``: fills by label.
    direction : str
        One of :data:`DIRECTIONS`.
    legend : bool
        Draw a key to the shapes, edges and colours.
    focus : Focus, optional
        Draw only this part of the map (:func:`argmap.render.diagram.focus`), with a note under each entry the
        depth cut off and a caption that says how much is left out.
    """
    import graphviz

    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    model = ctx.model
    ids = [*model.statements, *model.arguments]
    names = {item_id: node_name(item_id, index) for index, item_id in enumerate(ids)}
    title, shortened = shorten(model.title, MAX_TITLE)
    nodes, cut = statement_nodes(ctx, labels, names, focus)
    caption = html_lines(title, TITLE_WIDTH)
    assumed = ctx.assumed_line() if labels is not None else None
    if assumed is not None:
        caption += "<br/>" + small(html_lines(assumed, TITLE_WIDTH + 20), size=11)
    if focus is not None:
        caption += "<br/>" + small(html_text(focus_caption(focus)), size=11)
    if shortened or cut:
        caption += "<br/>" + small("Some texts are shortened (…); the full text is in the map.", size=11)
    dot = graphviz.Digraph(
        "argmap",
        graph_attr={"rankdir": direction, "label": f"<{caption}>", "labelloc": "t", "fontname": FONT,
                    "fontsize": "18", "nodesep": "0.3", "ranksep": "0.45"},
        node_attr={"fontname": FONT, "fontsize": "12", "margin": "0.15,0.08"},
        edge_attr={"fontname": FONT, "fontsize": "10"},
    )
    for name, text_label, attrs in nodes:
        # graphviz would pass a tooltip that looks like <...> to dot unquoted, as HTML: nohtml quotes it.
        dot.node(name, label=text_label, **{**attrs, "tooltip": graphviz.nohtml(attrs["tooltip"])})
    junction = junction_names(ctx, names)
    graph, arguments = ctx.graph, ctx.model.arguments
    drawn = {name for name, _, _ in nodes}
    for node, name in junction.items():
        if focus is not None and not focus.draws(ctx, node):
            continue
        drawn.add(name)
        attrs = dict(ATTACK_JUNCTION if graph.is_statement(node) else JUNCTION)
        argument = arguments.get(node)
        if argument is not None:  # a linked argument's junction carries its id, and its scheme when given
            caption = html_text(shorten(argument.id, MAX_ID)[0])
            if argument.scheme:
                caption += "<br/>" + html_lines(shorten(scheme_words(argument), MAX_SOURCE)[0], TEXT_WIDTH)
            attrs["xlabel"] = f"<{small(caption)}>"
            attrs["tooltip"] = graphviz.nohtml(tooltip_text([
                f"argument {argument.id}", scheme_words(argument), f"note: {argument.note}" if argument.note else "",
                f"from {library_name(argument.file, ctx.model.path)}" if argument.file is not None else ""]))
        dot.node(name, **attrs)
    for edge in drawn_edges(ctx, names, junction):
        if edge.source in drawn and edge.target in drawn:
            dot.edge(edge.source, edge.target, **edge_attrs(ctx, edge))
    if focus is not None:
        for number, (item, count) in enumerate(focus.more):
            note = f"x-more-{number}"
            dot.node(note, label=f"<{small(html_text(f'… {below(count)}: --root {item}'))}>", shape="plaintext")
            dot.edge(note, names[item] if item in ctx.model.statements else junction[item], **MORE_EDGE)

    if legend:
        dot.subgraph(legend_graph(labels is not None))
    return dot


def focus_caption(focus: Focus) -> str:
    """The caption line of a diagram of part of the map.

    Examples
    --------
    >>> print(focus_caption(Focus("a", 2, frozenset("ab"), frozenset(), (), 5)))
    Part of the map: from a, 2 levels down; 5 statements not drawn
    """
    levels = "" if focus.depth is None else f", {focus.depth} level{'s' * (focus.depth != 1)} down"
    left = f"; {focus.left_out:,} statement{'s' * (focus.left_out != 1)} not drawn" if focus.left_out else ""
    return f"Part of the map: from {shorten(focus.root, MAX_ID)[0]}{levels}{left}"


def edge_attrs(ctx: MapContext, edge: Drawn) -> dict[str, str]:
    """An edge's attributes: its kind's style, a tooltip saying what it relates, and, when the evaluation finds
    its inference dead (an undercut or an attacked premise leaves it no force), a dotted grey line."""
    import graphviz

    attrs = dict(EDGE_STYLE[edge.kind])
    verb = EDGE_VERB[edge.kind]
    parts = [f"{edge.tail} {verb} {edge.head}"]
    dead = edge.inference is not None and (ctx.inference_labels or {}).get(edge.inference) == "dead"
    if dead:
        attrs.update(style="dotted", color=DEAD_COLOR)
        parts.append("✗ dead: this support gives no reason (see argmap evaluate --explain)")
    argument = ctx.model.arguments.get(edge.inference or "")
    if argument is not None and argument.scheme:
        parts.append(scheme_words(argument))
    attrs["tooltip"] = graphviz.nohtml(tooltip_text(parts))
    return attrs


def statement_nodes(ctx: MapContext, labels: dict[str, str] | None, names: dict[str, str],
                    focus: Focus | None = None) -> tuple[list[tuple[str, str, dict[str, str]]], bool]:
    """(name, label, attributes) of each statement's node in file order (those of ``focus`` alone, when given),
    and whether any text was shortened."""
    nodes = []
    shortened = False
    other = other_side(ctx)
    for stmt in ctx.model.statements.values():
        if focus is not None and stmt.id not in focus.statements:
            continue
        is_thesis = stmt.id == ctx.thesis
        label = labels.get(stmt.id) if labels else None
        strength = ctx.strengths.get(stmt.id) if ctx.strengths is not None else None
        text_label, cut = statement_label(stmt, is_thesis, label, strength, other)
        shortened |= cut
        attrs = statement_attrs(stmt, is_thesis, label)
        quote = [text for what, text in statement_details(ctx, stmt) if what == "quote"]
        origin = [f"from {library_name(stmt.file, ctx.model.path)}"] if stmt.file is not None else []
        attrs["tooltip"] = tooltip_text([stmt.text, f"note: {stmt.note}" if stmt.note else "", *quote, *origin])
        nodes.append((names[stmt.id], text_label, attrs))
    return nodes, shortened


def junction_names(ctx: MapContext, names: dict[str, str]) -> dict[str, str]:
    """Node -> the name of its junction (:func:`~argmap.render.diagram.junction_nodes`).

    A linked argument's junction is named for the argument; an undercut `supports`
    relation has no id of its own, so its junction is named for its place among the
    inferences (``x-link-N``), and an undercut attack's for its place among those
    (``x-attack-N``).
    """
    graph = ctx.graph
    place = {node: index for index, node in enumerate(sorted(graph.inferences(), key=graph.order))}
    junction: dict[str, str] = {}
    attacks = 0
    for node in junction_nodes(ctx):
        if graph.is_statement(node):
            junction[node] = f"x-attack-{attacks}"
            attacks += 1
        elif graph.form(node) == "argument":
            junction[node] = names[node]
        else:
            junction[node] = f"x-link-{place[node]}"
    return junction


def legend_graph(with_labels: bool):
    """The key to the shapes, the edges and, with labels, the fills: one node holding a table (:func:`key_table`),
    on the last rank (beside the thesis: the top row with the default direction), so that it takes the room of
    one box instead of stretching over the diagram's height."""
    import graphviz

    key = graphviz.Digraph("x_key")
    key.attr("graph", rank="max")
    key.node("x-key", label=key_table(with_labels), shape="plaintext", fontsize="10", margin="0",
             tooltip="Key")
    return key


KEY_ARROWS = (
    ("supports", ((SUPPORT_EDGE, "━━━▶"),)),
    ("attacks", ((ATTACK_EDGE, "━━━┫"),)),
    ("contradicts", ((CONTRADICT_EDGE, "┣╍╍┫"),)),
    ("premises together", ((PREMISE_EDGE, "━━●"), (SUPPORT_EDGE, "━━▶"))),
    ("undercuts the link", ((UNDERCUT_EDGE, "━━┫"), (JUNCTION, " ●"), (SUPPORT_EDGE, "━━▶"))),
)
"""The key's edges: the words, and the glyphs that draw the edge, each part in its attributes' colour (a table
cannot hold a Graphviz edge, and real edges would join the diagram's ranks)."""


def key_sample(text: str, fill: str, border: str, style: str = "", width: int = 1) -> str:
    """A small table that stands for a node in the key: its fill, its border's colour, width and style."""
    styled = f' STYLE="{style}"' if style else ""
    return (f'<TABLE BORDER="{width}" CELLBORDER="0" CELLPADDING="2" COLOR="{border}" BGCOLOR="{fill}"{styled}>'
            f"<TR><TD>{html_text(text)}</TD></TR></TABLE>")


def key_table(with_labels: bool) -> str:
    """The key as an HTML-like label: a column of node kinds, one of label fills (with labels), one of edges.

    Examples
    --------
    >>> table = key_table(True)
    >>> [word in table for word in ("counterclaim", "✗ rejected", "undercuts the link")]
    [True, True, True]
    """
    claim = KIND_BORDER["claim"]
    kinds = [key_sample("claim", KIND_FILL["claim"], claim, "rounded"),
             key_sample("counterclaim (other side)", KIND_FILL["counterclaim"], KIND_BORDER["counterclaim"],
                        "rounded", 2),
             key_sample("evidence", KIND_FILL["evidence"], KIND_BORDER["evidence"]),
             key_sample("implicit (unstated)", "#ffffff", claim, "rounded,dashed")]
    columns = [[f'<TD ALIGN="LEFT">{sample}</TD>' for sample in kinds]]
    if with_labels:
        columns.append([f'<TD ALIGN="LEFT">{key_sample(LABEL_SYMBOL[name], fill, claim, "rounded")}</TD>'
                        for name, fill in LABEL_FILL.items()])
    arrows = []
    for words, parts in KEY_ARROWS:
        glyphs = "".join(f'<FONT COLOR="{attrs["color"]}">{drawn}</FONT>' for attrs, drawn in parts)
        arrows.append(f'<TD ALIGN="RIGHT">{glyphs}</TD><TD ALIGN="LEFT">{html_text(words)}</TD>')
    columns.append(arrows)
    empty = ["<TD></TD>" * column[0].count("<TD") for column in columns]
    rows = ["".join(column[index] if index < len(column) else blank for column, blank in zip(columns, empty))
            for index in range(max(map(len, columns)))]
    head = f'<TR><TD COLSPAN="{sum(blank.count("<TD") for blank in empty)}"><FONT POINT-SIZE="14">Key</FONT></TD></TR>'
    return ('<<TABLE BORDER="1" STYLE="rounded" COLOR="#9e9e9e" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
            + head + "".join(f"<TR>{row}</TR>" for row in rows) + "</TABLE>>")


def dot_source(ctx: MapContext, labels: dict[str, str] | None = None, direction: str = "BT",
               legend: bool = False, focus: Focus | None = None) -> str:
    """The diagram's DOT source: see :func:`dot_graph`.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: 'A "quoted" <b>claim</b> \\\\'}
    ... '''
    >>> source = dot_source(MapContext(load_bytes(text, "m.yaml").model))
    >>> print([line.strip() for line in source.splitlines() if line.startswith("\\tt ")][0])  # doctest: +ELLIPSIS
    t [label=<...<br/>A &quot;quoted&quot; &lt;b&gt;claim&lt;/b&gt; \\\\> ...
    """
    return dot_graph(ctx, labels, direction, legend, focus).source
