"""The map as a Mermaid flowchart, which GitHub draws inside Markdown (in a ```mermaid block).

Nodes are named by the map's own ids where Mermaid reads them as names
(:func:`mermaid_names`: letters, digits, ``_`` and single inner hyphens, and no
Mermaid keyword such as ``end``); any other id, and every junction that is not a
linked argument, gets a generated name that starts with ``x-``, which no map id
may. Every label is a double-quoted string escaped by :func:`mermaid_text`: the
characters that end the string or that Mermaid or its HTML rendering would
interpret (``"``, ``#``, ``%``, ``&``, ``<``, ``>`` and the backtick) become
Mermaid entity codes such as ``#34;``, and lines are broken with ``<br/>`` at
spaces every :data:`LABEL_WIDTH` characters or so (and where the text has its own
newlines), so every label is drawn as written and reads like the tree.

Shapes follow the diagram: claims rounded, evidence a cylinder, counterclaims a
thick purple border, implicit statements dashed, the thesis a heavy border, linked
arguments (and undercut `supports` relations) a junction. Supports are ``-->``,
attacks ``--x``, contradictions ``x-.-x`` and undercuts ``-.-x`` into the junction.
"""

from __future__ import annotations

import re

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, UNDERCUT
from ..textsafe import visible
from ..views.tree import library_name
from ..views.wrap import wrap
from .diagram import ATTACKER, PREMISE, SUPPORT, Focus, drawn_edges, junction_nodes

SYMBOL = {"accepted": "✓", "rejected": "✗", "undecided": "?"}
LABEL_WIDTH = 30
"""Characters per line of a label; longer texts are wrapped at spaces."""
_NAME = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9_])*")
"""A map id Mermaid reads as a node name: no ``--`` (an edge), no hyphen first or last."""
KEYWORDS = frozenset({"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle",
                      "call", "href", "default", "direction", "interpolate", "callback", "acctitle", "accdescr",
                      "tb", "td", "bt", "lr", "rl"})
"""Words of Mermaid's flowchart syntax (compared without case), which a map id must not be to name a node."""

_SPECIAL = re.compile('["#%&<>`]')  # % too: Mermaid applies a %%{init}%% directive found anywhere

CLASS_DEFS = {
    "claim": "fill:#ffffff,stroke:#37474f,color:#000000",
    "counterclaim": "fill:#f3e5f5,stroke:#6a1b9a,stroke-width:3px,color:#000000",
    "evidence": "fill:#eceff1,stroke:#455a64,color:#000000",
    "accepted": "fill:#c8e6c9",
    "rejected": "fill:#ffcdd2",
    "undecided": "fill:#fff3c4",
    "implicit": "stroke-dasharray:5 4",
    "thesis": "stroke-width:4px",
    "junction": "fill:#2e7d32,stroke:#2e7d32",
    "attackjunction": "fill:#c62828,stroke:#c62828",
}
LINK_STYLES = {
    "support": "stroke:#2e7d32,stroke-width:1.5px",
    "attack": "stroke:#c62828,stroke-width:1.5px",
    "contradict": "stroke:#c62828,stroke-width:1.5px",
    "undercut": "stroke:#ef6c00,stroke-width:2px",
    "dead": "stroke:#9e9e9e,stroke-dasharray:3 3",
}
_LINKS = {
    PREMISE: ("---", "support"),  # a premise into a junction: no arrowhead, coloured as a support
    SUPPORT: ("-->", "support"),
    ATTACK: ("--x", "attack"),
    CONTRADICT: ("x-.-x", "contradict"),
    UNDERCUT: ("-.-x", "undercut"),
    ATTACKER: ("---", "attack"),  # an attacker into the junction of an undercut attack: no arrowhead
}
"""Edge kind (:data:`argmap.render.diagram.EDGE_KINDS`) -> its arrow and its key in :data:`LINK_STYLES`."""


def mermaid_text(text: str) -> str:
    """``text`` escaped for a double-quoted Mermaid label.

    Examples
    --------
    >>> mermaid_text('Say "hi" #1 <b>&</b>\\nnext')
    'Say #34;hi#34; #35;1 #60;b#62;#38;#60;/b#62;<br/>next'
    """
    return "<br/>".join(_SPECIAL.sub(lambda m: f"#{ord(m.group())};", line) for line in visible(text).split("\n"))


def mermaid_label(text: str) -> str:
    """``text`` wrapped at :data:`LABEL_WIDTH` and escaped (:func:`mermaid_text`).

    Examples
    --------
    >>> mermaid_label("The class picnic on Saturday should be moved indoors.")
    'The class picnic on Saturday<br/>should be moved indoors.'
    """
    return mermaid_text("\n".join(wrap(visible(text), LABEL_WIDTH)))


def mermaid_names(ids: list[str]) -> dict[str, str]:
    """Each id -> its Mermaid node name: the id itself where Mermaid allows it, else ``x-N``.

    Examples
    --------
    >>> mermaid_names(["rain-likely", "end", "a--b", "b_2"])
    {'rain-likely': 'rain-likely', 'end': 'x-1', 'a--b': 'x-2', 'b_2': 'b_2'}
    """
    names: dict[str, str] = {}
    generated = 0
    for item in ids:
        if _NAME.fullmatch(item) and item.lower() not in KEYWORDS:
            names[item] = item
        else:
            generated += 1
            names[item] = f"x-{generated}"
    return names


def export(ctx: MapContext, labels: dict[str, str] | None = None, direction: str = "BT",
           focus: Focus | None = None) -> str:
    """The map as Mermaid flowchart source (the part ``focus`` names, when given).

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: 'The "thesis"'}
    ...   a: {text: A reason, supports: t}
    ... '''
    >>> print(export(MapContext(load_bytes(text, "m.yaml").model)).splitlines()[:4])
    ['flowchart BT', '  t("The #34;thesis#34;")', '  a("A reason")', '  a --> t']
    """
    name = mermaid_names([*ctx.model.statements, *ctx.model.arguments])
    classes: dict[str, list[str]] = {key: [] for key in CLASS_DEFS}
    lines = [f"flowchart {direction}"]
    lines += _statement_lines(ctx, labels, name, classes, focus)
    junction = _junction_names(ctx, name)
    shown = {node: junction_name for node, junction_name in junction.items()
             if focus is None or focus.draws(ctx, node)}
    lines += [f'  {node}((" "))' for node in shown.values()]
    attack_junctions = {name for node, name in shown.items() if ctx.graph.is_statement(node)}
    classes["junction"] += [name for name in shown.values() if name not in attack_junctions]
    classes["attackjunction"] += [name for name in shown.values() if name in attack_junctions]
    drawn = {name[item] for item in (focus.statements if focus is not None else ctx.model.statements)}
    drawn.update(shown.values())
    links = _link_lines(ctx, name, junction, drawn, lines)
    lines += [f"  classDef {key} {style}" for key, style in CLASS_DEFS.items()]
    lines += [f"  class {','.join(members)} {key}" for key, members in classes.items() if members]
    lines += [f"  linkStyle {','.join(map(str, indices))} {LINK_STYLES[kind]}"
              for kind, indices in links.items() if indices]
    return "\n".join(lines) + "\n"


def _link_lines(ctx: MapContext, name: dict[str, str], junction: dict[str, str], drawn: set[str],
                lines: list[str]) -> dict[str, list[int]]:
    """Add a line for each edge between two drawn nodes to ``lines``; return the links' numbers by style
    (``linkStyle`` names links by their number in the order they are drawn), a dead inference's as ``dead``."""
    links: dict[str, list[int]] = {key: [] for key in LINK_STYLES}
    dead = {node for node, status in (ctx.inference_labels or {}).items() if status == "dead"}
    number = 0
    for edge in drawn_edges(ctx, name, junction):
        if edge.source not in drawn or edge.target not in drawn:
            continue
        arrow, style = _LINKS[edge.kind]
        links["dead" if edge.inference in dead else style].append(number)  # a dead inference: grey and dashed
        number += 1
        lines.append(f"  {edge.source} {arrow} {edge.target}")
    return links


def _statement_lines(ctx: MapContext, labels: dict[str, str] | None, name: dict[str, str],
                     classes: dict[str, list[str]], focus: Focus | None) -> list[str]:
    """A node line for each statement, in file order; each node's name is added to its classes."""
    lines = []
    for stmt in ctx.model.statements.values():
        if focus is not None and stmt.id not in focus.statements:
            continue
        text = mermaid_label(stmt.text)
        if stmt.file is not None:  # a statement from an included library says which
            text += "<br/>" + mermaid_text(f"(from {library_name(stmt.file, ctx.model.path)})")
        label = labels.get(stmt.id) if labels else None
        if label:
            strength = f" {ctx.strengths[stmt.id]:.2f}" if ctx.strengths is not None and stmt.id in ctx.strengths else ""
            text = f"{SYMBOL[label]}{strength} {text}"
            classes[label].append(name[stmt.id])
        shape = '[("{}")]' if stmt.kind == "evidence" else '("{}")'
        lines.append(f"  {name[stmt.id]}{shape.format(text)}")
        classes[stmt.kind].append(name[stmt.id])
        if stmt.implicit:
            classes["implicit"].append(name[stmt.id])
        if stmt.id == ctx.thesis:
            classes["thesis"].append(name[stmt.id])
    return lines


def _junction_names(ctx: MapContext, name: dict[str, str]) -> dict[str, str]:
    """Node -> its junction's name: a linked argument's own (:func:`mermaid_names`), else ``x-link-N`` or
    ``x-attack-N`` in the order of :func:`~argmap.render.diagram.junction_nodes`."""
    found: dict[str, str] = {}
    for number, node in enumerate(junction_nodes(ctx), 1):
        if node in name:
            found[node] = name[node]
        else:
            found[node] = f"x-{'attack' if ctx.graph.is_statement(node) else 'link'}-{number}"
    return found
