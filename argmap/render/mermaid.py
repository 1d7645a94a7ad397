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
}
LINK_STYLES = {
    "support": "stroke:#2e7d32,stroke-width:1.5px",
    "attack": "stroke:#c62828,stroke-width:1.5px",
    "contradict": "stroke:#c62828,stroke-width:1.5px",
    "undercut": "stroke:#ef6c00,stroke-width:2px",
}


def mermaid_text(text: str) -> str:
    """``text`` escaped for a double-quoted Mermaid label.

    Examples
    --------
    >>> mermaid_text('Say "hi" #1 <b>&</b>\\nnext')
    'Say #34;hi#34; #35;1 #60;b#62;#38;#60;/b#62;<br>next'
    """
    escaped = _SPECIAL.sub(lambda m: f"#{ord(m.group())};", text)
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
    graph = ctx.graph
    model = ctx.model
    lines = [f"flowchart {direction}"]
    name = {item: f"s{index}" for index, item in enumerate(model.statements, start=1)}
    classes: dict[str, list[str]] = {key: [] for key in CLASS_DEFS}
    for stmt in model.statements.values():
        text = mermaid_text(stmt.text)
        label = labels.get(stmt.id) if labels else None
        if label:
            text = f"{SYMBOL[label]} {text}"
            classes[label].append(name[stmt.id])
        shape = '[("{}")]' if stmt.kind == "evidence" else '("{}")'
        lines.append(f"  {name[stmt.id]}{shape.format(text)}")
        classes[stmt.kind].append(name[stmt.id])
        if stmt.implicit:
            classes["implicit"].append(name[stmt.id])
        if stmt.id == ctx.thesis:
            classes["thesis"].append(name[stmt.id])

    junction: dict[str, str] = {}
    for inference in sorted(graph.inferences(), key=lambda n: graph.order(n)):
        if graph.form(inference) == "argument" or graph.undercutters(inference):
            junction[inference] = f"j{len(junction) + 1}"
            lines.append(f'  {junction[inference]}((" "))')
            classes["junction"].append(junction[inference])

    links: dict[str, list[int]] = {key: [] for key in LINK_STYLES}

    def link(source: str, arrow: str, target: str, kind: str) -> None:
        links[kind].append(sum(len(v) for v in links.values()))
        lines.append(f"  {source} {arrow} {target}")

    for stmt in model.statements.values():
        for ref in stmt.supports:
            inference = f"{stmt.id}->{ref.id}"
            if inference not in graph:
                continue
            if inference in junction:
                link(name[stmt.id], "---", junction[inference], "support")
                link(junction[inference], "-->", name[ref.id], "support")
            else:
                link(name[stmt.id], "-->", name[ref.id], "support")
        for _, target, key in graph.G.out_edges(stmt.id, keys=True):
            if key == ATTACK:
                link(name[stmt.id], "--x", name[target], "attack")
            elif key == CONTRADICT and not (graph.has_relation(target, stmt.id, CONTRADICT)
                                            and model.statements[target].order < stmt.order):
                link(name[stmt.id], "x-.-x", name[target], "contradict")
            elif key == UNDERCUT and target in junction:
                link(name[stmt.id], "-.-x", junction[target], "undercut")
    for argument in model.arguments.values():
        if argument.id not in graph:
            continue
        for premise in graph.premises(argument.id):
            link(name[premise], "---", junction[argument.id], "support")
        target = graph.conclusion(argument.id)
        if target is not None:
            link(junction[argument.id], "-->", name[target], "support")

    for key, style in CLASS_DEFS.items():
        lines.append(f"  classDef {key} {style}")
    for key, members in classes.items():
        if members:
            lines.append(f"  class {','.join(members)} {key}")
    for kind, indices in links.items():
        if indices:
            lines.append(f"  linkStyle {','.join(map(str, indices))} {LINK_STYLES[kind]}")
    return "\n".join(lines) + "\n"
