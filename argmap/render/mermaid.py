"""The map as a Mermaid flowchart, which GitHub draws inside Markdown (in a ```mermaid block).

Nodes get generated names (``s1``, ``s2``, ... for statements, ``j1``, ... for
junctions), so no id can clash with Mermaid's keywords or its edge syntax. Every
label is a double-quoted string escaped by :func:`mermaid_text`: the characters
that end the string or that Mermaid or its HTML rendering would interpret (``"``,
``#``, ``&``, ``<``, ``>`` and the backtick) become Mermaid entity codes such as
``#34;``, and a newline becomes ``<br>``, so every label is drawn as written.

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
from .diagram import ATTACKER, PREMISE, SUPPORT, drawn_edges, junction_nodes

SYMBOL = {"accepted": "✓", "rejected": "✗", "undecided": "?"}

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
    'Say #34;hi#34; #35;1 #60;b#62;#38;#60;/b#62;<br>next'
    """
    escaped = _SPECIAL.sub(lambda m: f"#{ord(m.group())};", visible(text))
    return escaped.replace("\n", "<br>")


def export(ctx: MapContext, labels: dict[str, str] | None = None, direction: str = "BT") -> str:
    """The map as Mermaid flowchart source.

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
    ['flowchart BT', '  s1("The #34;thesis#34;")', '  s2("A reason")', '  s2 --> s1']
    """
    name = {item: f"s{index}" for index, item in enumerate(ctx.model.statements, start=1)}
    classes: dict[str, list[str]] = {key: [] for key in CLASS_DEFS}
    lines = [f"flowchart {direction}"]
    lines += _statement_lines(ctx, labels, name, classes)
    junction = _junction_names(ctx)
    lines += [f'  {node}((" "))' for node in junction.values()]
    attack_junctions = {name for node, name in junction.items() if ctx.graph.is_statement(node)}
    classes["junction"] += [name for name in junction.values() if name not in attack_junctions]
    classes["attackjunction"] += [name for name in junction.values() if name in attack_junctions]
    # linkStyle names links by their number in the order they are drawn.
    links: dict[str, list[int]] = {key: [] for key in LINK_STYLES}
    for number, (source, target, kind) in enumerate(drawn_edges(ctx, name, junction)):
        arrow, style = _LINKS[kind]
        links[style].append(number)
        lines.append(f"  {source} {arrow} {target}")
    lines += [f"  classDef {key} {style}" for key, style in CLASS_DEFS.items()]
    lines += [f"  class {','.join(members)} {key}" for key, members in classes.items() if members]
    lines += [f"  linkStyle {','.join(map(str, indices))} {LINK_STYLES[kind]}"
              for kind, indices in links.items() if indices]
    return "\n".join(lines) + "\n"


def _statement_lines(ctx: MapContext, labels: dict[str, str] | None, name: dict[str, str],
                     classes: dict[str, list[str]]) -> list[str]:
    """A node line for each statement, in file order; each node's name is added to its classes."""
    lines = []
    for stmt in ctx.model.statements.values():
        text = mermaid_text(stmt.text)
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


def _junction_names(ctx: MapContext) -> dict[str, str]:
    """Node -> its junction's name (``j1``, ...): :func:`~argmap.render.diagram.junction_nodes`, in order."""
    return {node: f"j{number}" for number, node in enumerate(junction_nodes(ctx), 1)}