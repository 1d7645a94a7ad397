"""The tree view: a map as an outline rooted at its thesis, for the terminal and for Markdown.

:func:`build_tree` walks the argument graph from a root statement and returns the
outline as data (:class:`TreeView`): under each statement its supporters (a linked
argument as one ``together`` node holding its premises), then its attackers and
contradictors, then the undercutters of each inference into it. A statement reached
a second time becomes a short reference to the first (``see``), so shared premises
and cycles never repeat or loop; below ``max_depth`` a subtree is replaced by one
``more`` node that counts the statements it holds. Statements the walk never reaches
are listed with their relations. The walk is an explicit stack, never recursion, so
a chain of any depth is safe.

:func:`tree_lines` lays the outline out for a terminal of a given width as rich
``Text`` lines (statement text is never parsed as markup); rich is imported only
there. Nothing here prints.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..context import MapContext
from ..graph import ATTACK, CONTRADICT, JUNCTION, UNDERCUT, ArgumentGraph, attack_id, reach_by
from ..schemes import scheme_name, scheme_words
from ..textsafe import visible

STATEMENT, SEE, TOGETHER, MORE = "statement", "see", "together", "more"
"""Kinds of :class:`TreeNode`."""

ROOT, PRO, CON, CONTRA, UNDERCUTS, PREMISE = "root", "pro", "con", "contra", "undercut", "premise"
"""Roles: how a node relates to its parent (``contra``: a contradiction, ``premise``: one of a linked argument's)."""

MIN_TEXT_WIDTH = 30
"""Columns a statement needs beside the tree's guides; deeper levels are elided."""
LEVEL_WIDTH = 4
"""Columns each level of the tree takes."""
MAX_WIDTH = 1000
"""Widths beyond this are treated as this, which bounds the cost of each line."""
MAX_LINES = 20_000
"""Lines of the outline laid out; past them one line says how to see the rest (``--root``, ``--depth``).
The 10,000-statement benchmark map's tree has 8,366; a map of a few thousand statements that each relate to
hundreds of others would otherwise print one line per relation, for minutes."""


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One entry of the outline, in the order it is shown.

    ``id`` is a statement id (``statement``, ``see``), an argument id (``together``)
    or, for ``more``, the statement to pass to ``--root`` to see what was elided.
    ``link`` is the inference an undercutter attacks; ``count`` the statements a
    ``more`` node stands for; ``has_children`` whether entries follow one level down.
    """

    depth: int
    last: bool
    kind: str
    id: str
    role: str
    link: str | None = None
    count: int = 0
    has_children: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation of a statement the tree does not reach, as ``verb`` and the ids involved.

    Verbs: ``supports`` (ids: the conclusion), ``premise-of`` (the conclusion; ``others``
    the other premises; ``via`` the argument), ``attacks``, ``contradicts``,
    ``undercuts-link`` (the premise and conclusion), ``undercuts-argument`` (the
    argument), ``undercuts-attack`` (the attacker and the attacked), ``supported-by`` (the premise), ``concluded-from`` (the premises;
    ``via`` the argument), ``attacked-by``, ``link-undercut-by`` (the undercutter;
    ``via`` the inference).
    """

    verb: str
    ids: tuple[str, ...]
    via: str | None = None
    others: tuple[str, ...] = ()


@dataclass
class TreeView:
    """The outline of a map from ``root``: the entries in order, and what it leaves out."""

    root: str
    nodes: list[TreeNode]
    unreached: list[tuple[str, list[Relation]]] = field(default_factory=list)


def children_of(graph: ArgumentGraph, statement: str) -> list[tuple[str, str, str, str | None]]:
    """The outline's entries under ``statement``: ``(kind, id, role, link)`` in display order.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> from argmap.graph import ArgumentGraph
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A, supports: t}
    ...   c: {text: C, attacks: t, undercuts: {from: a, to: t}}
    ... '''
    >>> children_of(ArgumentGraph.of(load_bytes(text, "m.yaml").model), "t")
    [('statement', 'a', 'pro', 'a->t'), ('statement', 'c', 'con', None), ('statement', 'c', 'undercut', 'a->t')]
    """
    into = sorted(graph.inferences_into(statement), key=lambda n: (graph.form(n) != "support", graph.order(n)))
    found: list[tuple[str, str, str, str | None]] = []
    for inference in into:
        if graph.form(inference) == "support":
            found.extend((STATEMENT, premise, PRO, inference) for premise in graph.premises(inference))
        else:
            found.append((TOGETHER, inference, PRO, inference))
    attackers = graph.attackers(statement)
    for attacker in attackers:
        role = CON if graph.has_relation(attacker, statement, ATTACK) else CONTRA
        found.append((STATEMENT, attacker, role, None))
    for inference in into:
        found.extend((STATEMENT, u, UNDERCUTS, inference) for u in graph.undercutters(inference))
    for attacker in attackers:  # "even if" answers to the attacks on it
        junction = attack_id(attacker, statement)
        if junction in graph:
            found.extend((STATEMENT, u, UNDERCUTS, junction) for u in graph.undercutters(junction))
    return found


Children = Callable[[str], list[tuple[str, str, str, str | None]]]
"""A statement -> its outline entries (:func:`children_of`)."""

COUNT_LIMIT = 500
"""An elided branch counts the statements below it up to this many, then says "more than"."""


def below(count: int) -> str:
    """How an elided branch says what it holds: ``12 more statements below``.

    Examples
    --------
    >>> below(1), below(12), below(COUNT_LIMIT + 1)
    ('1 more statement below', '12 more statements below', 'more than 500 statements below')
    """
    if count > COUNT_LIMIT:
        return f"more than {COUNT_LIMIT} statements below"
    if not count:
        return "more below"
    return f"{count} more statement{'s' * (count != 1)} below"


def _statements_below(graph: ArgumentGraph, starts: list[str], exclude: str | None, children: Children) -> int:
    """How many distinct statements the outline holds below ``starts`` (included), up to
    :data:`COUNT_LIMIT` + 1.

    Branches of a map share statements, so counting each elided branch in full could
    walk the same large part of the map once per branch; the limit keeps the tree's
    cost linear in the map.
    """
    seen = set(starts)
    queue = deque(starts)
    while queue and len(seen) <= COUNT_LIMIT + 1:
        for kind, item, _, _ in children(queue.popleft()):
            targets = graph.premises(item) if kind == TOGETHER else [item]
            for target in targets:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    seen.discard(exclude)
    return len(seen)


def build_tree(ctx: MapContext, root: str | None = None, max_depth: int | None = None) -> TreeView:
    """The outline of ``ctx``'s map from ``root`` (default: the thesis).

    Parameters
    ----------
    ctx : MapContext
        A map without errors.
    root : str, optional
        The statement at the top, or a linked argument (its premises then stand together at the top).
    max_depth : int, optional
        Entries deeper than this are replaced, under each entry at this depth, by
        one ``more`` entry counting the statements below.

    Returns
    -------
    TreeView

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A, supports: t, attacks: b}
    ...   b: {text: B, attacks: a}
    ...   i: {text: An implication}
    ... arguments:
    ...   ti: {premises: [t], conclusion: i}
    ... '''
    >>> view = build_tree(MapContext(load_bytes(text, "m.yaml").model))
    >>> [(n.depth, n.kind, n.id, n.role) for n in view.nodes]
    [(0, 'statement', 't', 'root'), (1, 'statement', 'a', 'pro'), (2, 'statement', 'b', 'con'), (3, 'see', 'a', 'con')]
    >>> [(item, [r.verb for r in relations]) for item, relations in view.unreached]
    [('i', ['concluded-from'])]
    """
    graph = ctx.graph
    root = root or ctx.thesis
    if root is None or not (root in ctx.model.statements or _is_linked_argument(ctx, root)):
        raise KeyError(root)
    known: dict[str, list[tuple[str, str, str, str | None]]] = {}

    def children(statement: str) -> list[tuple[str, str, str, str | None]]:
        """:func:`children_of`, worked out once per statement: the walk, the counts and the reach share it."""
        found = known.get(statement)
        if found is None:
            found = known[statement] = children_of(graph, statement)
        return found

    nodes: list[TreeNode] = []
    shown: set[str] = set()
    # Each stack entry: (kind, id, depth, last, role, link); children are pushed in reverse.
    start = STATEMENT if root in ctx.model.statements else TOGETHER  # a linked argument: its premises together
    stack: list[tuple[str, str, int, bool, str, str | None]] = [(start, root, 0, True, ROOT, root)]
    while stack:
        kind, item, depth, last, role, link = stack.pop()
        if kind == MORE:
            starts, exclude = (graph.premises(link), None) if link else (_expand(graph, item, children), item)
            count = _statements_below(graph, starts, exclude, children)
            nodes.append(TreeNode(depth, True, MORE, item, role, count=count))
            continue
        if kind == STATEMENT and item in shown:
            nodes.append(TreeNode(depth, last, SEE, item, role, link))
            continue
        if kind == STATEMENT:
            shown.add(item)
            entries = children(item)
        else:  # a linked argument: its premises together
            entries = [(STATEMENT, p, PREMISE, None) for p in graph.premises(item)]
        nodes.append(TreeNode(depth, last, kind, item, role, None if kind == STATEMENT and role == ROOT else link,
                              has_children=bool(entries)))
        if not entries:
            continue
        if max_depth is not None and depth >= max_depth:
            # `--root` with this id shows the rest: a statement's or a linked argument's.
            stack.append((MORE, item, depth + 1, True, "", item if kind == TOGETHER else None))
            continue
        for index in range(len(entries) - 1, -1, -1):
            child_kind, child, child_role, child_link = entries[index]
            stack.append((child_kind, child, depth + 1, index == len(entries) - 1, child_role, child_link))
    if len(shown) == len(ctx.model.statements):  # every statement is in the outline: none is unreached
        return TreeView(root, nodes, [])
    reached = reach_by(graph.premises(root) if start == TOGETHER else [root],
                       lambda statement: _expand(graph, statement, children))
    unreached = [(s, relations_of(graph, s)) for s in ctx.model.statements if s not in reached]
    return TreeView(root, nodes, unreached)


def _expand(graph: ArgumentGraph, statement: str, children: Children) -> list[str]:
    """The statements directly under ``statement`` in the outline (a linked argument's premises inlined)."""
    found = []
    for kind, item, _, _ in children(statement):
        found.extend(graph.premises(item) if kind == TOGETHER else [item])
    return found


def _is_linked_argument(ctx: MapContext, item: str) -> bool:
    """True when ``item`` is the id of a linked argument of the map (one the graph holds)."""
    return item in ctx.model.arguments and item in ctx.graph


def shown_ids(entries: Iterable[TreeNode]) -> tuple[set[str], set[str]]:
    """The statements and the linked arguments outline entries show (a ``see`` entry's statement included)."""
    statements = {node.id for node in entries if node.kind in (STATEMENT, SEE)}
    arguments = {node.id for node in entries if node.kind == TOGETHER}
    return statements, arguments


def relations_of(graph: ArgumentGraph, statement: str) -> list[Relation]:
    """Every relation ``statement`` takes part in, outgoing first, for the list of what the tree leaves out."""
    found: list[Relation] = []
    for inference in graph.inferences_from(statement):
        target = graph.conclusion(inference)
        if target is None:
            continue
        if graph.form(inference) == "support":
            found.append(Relation("supports", (target,)))
        else:
            others = tuple(p for p in graph.premises(inference) if p != statement)
            found.append(Relation("premise-of", (target,), inference, others))
    contradicted = []
    for _, target, key in graph.G.out_edges(statement, keys=True):
        if key == ATTACK:
            found.append(Relation("attacks", (target,)))
        elif key == CONTRADICT and target not in contradicted:
            contradicted.append(target)
        elif key == UNDERCUT:
            if graph.kind(target) == JUNCTION:
                data = graph.G.nodes[target]
                found.append(Relation("undercuts-attack", (data["source"], data["target"])))
            elif graph.form(target) == "support":
                conclusion = graph.conclusion(target)
                assert conclusion is not None, target  # the inference of a `supports` always concludes
                found.append(Relation("undercuts-link", (graph.premises(target)[0], conclusion)))
            else:
                found.append(Relation("undercuts-argument", (target,)))
    for source, _, key in graph.G.in_edges(statement, keys=True):
        if key == CONTRADICT and source not in contradicted:
            contradicted.append(source)
    found.extend(Relation("contradicts", (other,)) for other in contradicted)
    for inference in graph.inferences_into(statement):
        if graph.form(inference) == "support":
            found.append(Relation("supported-by", tuple(graph.premises(inference))))
        else:
            found.append(Relation("concluded-from", tuple(graph.premises(inference)), inference))
    found.extend(Relation("attacked-by", (source,)) for source, _, key in graph.G.in_edges(statement, keys=True)
                 if key == ATTACK)
    for inference in graph.inferences_into(statement):
        found.extend(Relation("link-undercut-by", (u,), inference) for u in graph.undercutters(inference))
    return found


def relation_parts(relation: Relation, graph: ArgumentGraph, arrow: str = "→") -> list[tuple[str, bool]]:
    """A relation as a phrase: ``(text, is_id)`` pieces, so each format can mark ids its own way.

    Examples
    --------
    >>> import networkx as nx
    >>> parts = relation_parts(Relation("premise-of", ("c",), "arg", ("p",)), ArgumentGraph(nx.MultiDiGraph()))
    >>> "".join(f"`{text}`" if is_id else text for text, is_id in parts)
    'with `p` supports `c` (argument `arg`)'
    """
    verb, ids = relation.verb, relation.ids

    def listed(items: Iterable[str], sep: str = ", ") -> list[tuple[str, bool]]:
        parts: list[tuple[str, bool]] = []
        for index, item in enumerate(items):
            if index:
                parts.append((sep, False))
            parts.append((item, True))
        return parts

    simple = {"supports": "supports ", "attacks": "attacks ", "contradicts": "contradicts ",
              "attacked-by": "attacked by ", "supported-by": "supported by ",
              "undercuts-argument": "undercuts the argument "}
    if verb in simple:
        return [(simple[verb], False), *listed(ids)]
    if verb == "undercuts-link":
        return [("undercuts the link ", False), (ids[0], True), (f" {arrow} ", False), (ids[1], True)]
    if verb == "undercuts-attack":
        return [("answers the attack ", False), (ids[0], True), (f" {arrow} ", False), (ids[1], True),
                (" (even if)", False)]
    via = relation.via
    if via is None:  # pragma: no cover - each verb left names the argument or inference it goes through
        raise ValueError(f"relation {verb!r} without `via`")
    scheme = graph.G.nodes[via].get("scheme") if via in graph else None
    close = [(f": {scheme_name(scheme)})", False)] if scheme else [(")", False)]
    if verb == "premise-of":
        head = [("with ", False), *listed(relation.others), (" supports ", False)] if relation.others \
            else [("supports ", False)]
        return [*head, (ids[0], True), (" (argument ", False), (via, True), *close]
    if verb == "concluded-from":
        return [("concluded from ", False), *listed(ids, " + "), (" (argument ", False), (via, True), *close]
    if verb == "link-undercut-by":
        if graph.form(via) == "support":
            return [("its link from ", False), *listed(graph.premises(via)), (" is undercut by ", False),
                    (ids[0], True)]
        return [("its argument ", False), (via, True), (" is undercut by ", False), (ids[0], True)]
    raise ValueError(f"unknown relation {verb!r}")  # pragma: no cover


# ---- layout for a terminal -------------------------------------------------------

UNICODE_SYMBOLS = {
    "accepted": "✓", "rejected": "✗", "undecided": "?", "see": "↑ see", "more": "…", "arrow": "→",
    "tee": "├── ", "elbow": "└── ", "pipe": "│   ", "blank": "    ", "hang": "│ ", "bullet": "•",
}
ASCII_SYMBOLS = {
    "accepted": "[ok]", "rejected": "[x]", "undecided": "[?]", "see": "^ see", "more": "...", "arrow": "->",
    "tee": "+-- ", "elbow": "`-- ", "pipe": "|   ", "blank": "    ", "hang": "| ", "bullet": "*",
}
MARKERS = {PRO: "+", CON: "-", CONTRA: "-", UNDERCUTS: "~", PREMISE: "&"}
"""Role -> the marker before an entry: pro, con, an attack on the link, one of linked premises."""

STYLES = {
    PRO: "bold green", CON: "bold red", CONTRA: "bold red", UNDERCUTS: "bold red", PREMISE: "bold cyan",
    "accepted": "bold green", "rejected": "bold red", "undecided": "bold yellow",
    "id": "bold", "counterclaim": "bold magenta", "guide": "dim", "note": "dim", "source": "dim",
    "implicit": "italic", "title": "bold underline", "heading": "bold", "together": "green",
}

_LINE_SEPARATORS = re.compile("[\u2028\u2029]")


def terminal_text(text: str) -> str:
    """``text`` made safe to print: tabs as spaces, Unicode line separators as newlines, and what a terminal
    would act on (bidi controls; a map's texts hold no control characters) escaped by :func:`textsafe.visible`.

    Examples
    --------
    >>> terminal_text("a\\tb\\u202ec")
    'a b\\\\u202ec'
    """
    return visible(_LINE_SEPARATORS.sub("\n", text.replace("\t", " ")))


def max_depth_for_width(width: int) -> int:
    """The deepest level at which a statement still has :data:`MIN_TEXT_WIDTH` columns.

    Examples
    --------
    >>> max_depth_for_width(80)
    12
    >>> max_depth_for_width(20)
    0
    """
    return max(0, (min(width, MAX_WIDTH) - MIN_TEXT_WIDTH - 2) // LEVEL_WIDTH)


class Line(Protocol):
    """What :func:`tree_lines` needs of a line of text: rich's ``Text``, or :class:`PlainText`."""

    @property
    def plain(self) -> str: ...

    def append(self, text: str, style: str = ...) -> object: ...

    def append_text(self, other: Any) -> object: ...

    def __getitem__(self, index: slice) -> Any: ...


class PlainText:
    """The part of rich's ``Text`` that :func:`tree_lines` uses, without styles: for output without colour.

    rich's ``Text`` keeps a list of styled spans and divides it at every wrap, which
    made a tree of a large map spend most of its time on styles nobody sees.

    Examples
    --------
    >>> line = PlainText("a", style="bold"); line.append("bc", style="red"); line.append_text(PlainText("d"))
    >>> line.plain, line[1:3].plain
    ('abcd', 'bc')
    """

    __slots__ = ("parts",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.parts = [text] if text else []

    @property
    def plain(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def append(self, text: str, style: str | None = None) -> None:
        self.parts.append(text)

    def append_text(self, other: PlainText) -> None:
        self.parts.append(other.plain)

    def __getitem__(self, index: slice) -> PlainText:
        return PlainText(self.plain[index])


def tree_lines(ctx: MapContext, view: TreeView, labels: dict[str, str] | None = None,
               width: int = 80, ascii: bool = False, plain: bool = False, details: bool = False,
               list_unreached: bool = True) -> list:
    """The outline laid out ``width`` columns wide: a list of rich ``Text`` lines (:class:`PlainText` with ``plain``).

    ``labels`` maps statement ids to ``accepted``/``rejected``/``undecided``; without
    it no labels are shown. With ``details``, each statement's quote and note follow it
    (:func:`statement_details`). The statements the outline does not reach are listed
    with their relations, or, without ``list_unreached``, counted in one line. Build ``view`` with ``max_depth`` at most
    :func:`max_depth_for_width` of ``width`` so that every statement has room.
    The plain text of the lines (``line.plain``) is the no-colour output, the same
    either way.
    """
    from rich.cells import get_character_cell_size

    new_text: Callable[..., Line]
    if plain:
        new_text = PlainText
    else:
        from rich.text import Text as new_text

    width = max(1, min(width, MAX_WIDTH))
    sym = ASCII_SYMBOLS if ascii else UNICODE_SYMBOLS
    graph = ctx.graph
    statements = ctx.model.statements
    lines: list[Line] = []

    def wrapped(content: Line, prefix_first: str, prefix_rest: str) -> None:
        from .wrap import wrap_spans

        plain = content.plain
        first = max(1, width - len(prefix_first))
        rest = max(1, width - len(prefix_rest))
        for number, (start, end) in enumerate(wrap_spans(plain, rest, first, get_character_cell_size)):
            line = new_text()
            line.append(prefix_first if number == 0 else prefix_rest, style=STYLES["guide"])
            line.append_text(content[start:end])
            lines.append(line)

    strengths = ctx.strengths

    def label_of(item: str, content: Line) -> None:
        if labels is not None and item in labels:
            content.append(sym[labels[item]], style=STYLES[labels[item]])
            if strengths is not None and item in strengths:
                content.append(f" {strengths[item]:.2f}", style=STYLES[labels[item]])
            content.append(" ")

    def statement_content(item: str, node: TreeNode | None) -> Line:
        stmt = statements[item]
        content = new_text()
        label_of(item, content)
        content.append(item, style=STYLES["counterclaim" if stmt.kind == "counterclaim" else "id"])
        if node is not None and node.role in (CONTRA, UNDERCUTS):
            content.append(f" ({role_note(graph, node, sym['arrow'])})", style=STYLES["note"])
        if node is not None and node.role == PRO and is_dead(ctx, node.link):
            content.append(f" ({sym['rejected']} dead link)", style=STYLES["rejected"])
        content.append(": ")
        content.append(terminal_text(stmt.text), style=STYLES["implicit"] if stmt.implicit else "")
        notes = statement_notes(stmt, ctx.model.path, other_side(ctx))
        if notes:
            content.append(f" ({terminal_text('; '.join(notes))})", style=STYLES["note"])
        if stmt.kind == "evidence" and stmt.source is not None:
            content.append("\n")
            content.append(f"source: {terminal_text(stmt.source)}", style=STYLES["source"])
        if details:
            _append_details(content, statement_details(ctx, stmt))
        return content

    for text, style in _head_lines(ctx, labels is not None):
        wrapped(new_text(terminal_text(text), style=STYLES[style]), "", "")
    ancestors_last: list[bool] = []  # for each level above the current entry: was that entry the last?
    for index, node in enumerate(view.nodes):
        if len(lines) >= MAX_LINES:
            lines.append(new_text(stop_line(len(view.nodes) - index, sym["more"]), style=STYLES["note"]))
            break
        del ancestors_last[max(0, node.depth - 1):]
        guides = "".join(sym["blank"] if last else sym["pipe"] for last in ancestors_last)
        if node.depth == 0:
            first, rest = "", ""
        else:
            first = guides + (sym["elbow"] if node.last else sym["tee"])
            rest = guides + (sym["blank"] if node.last else sym["pipe"])
            ancestors_last.append(node.last)
        rest += sym["hang"] if node.has_children else "  "
        content = new_text()
        marker = MARKERS.get(node.role)
        if marker:
            content.append(marker, style=STYLES[node.role])
            content.append(" ")
        if node.kind == STATEMENT:
            content.append_text(statement_content(node.id, node))
        elif node.kind == SEE:
            label_of(node.id, content)
            content.append(f"{sym['see']} ")
            content.append(node.id, style=STYLES["id"])
            if node.role in (CONTRA, UNDERCUTS):
                content.append(f" ({role_note(graph, node, sym['arrow'])})", style=STYLES["note"])
        elif node.kind == TOGETHER:
            _together_content(ctx, node.id, content, details, sym["rejected"])
        else:  # MORE
            content.append(more_line(node, view.root, sym["more"]), style=STYLES["note"])
        wrapped(content, first, rest)

    if view.unreached and len(lines) < MAX_LINES and not list_unreached:
        lines.append(new_text())
        wrapped(new_text(unreached_line(len(view.unreached), view.root), style=STYLES["note"]), "", "")
    elif view.unreached and len(lines) < MAX_LINES:
        count = len(view.unreached)
        lines.append(new_text())
        heading = f"Not reached from {view.root} ({count} statement{'s' * (count != 1)}):"
        wrapped(new_text(heading, style=STYLES["heading"]), "", "")
        for item, relations in view.unreached:
            wrapped(statement_content(item, None), f"{sym['bullet']} ", "  ")
            for phrase in _relation_lines(graph, relations, new_text, sym["arrow"]):
                wrapped(phrase, "    ", "      ")
    key = "Key: + supports, - attacks or contradicts, ~ undercuts the link, & premise of a linked argument"
    if labels is not None:
        key += f"; {sym['accepted']} accepted, {sym['rejected']} rejected, {sym['undecided']} undecided"
    lines.append(new_text())
    wrapped(new_text(key, style=STYLES["note"]), "", "")
    return lines


def more_line(node: TreeNode, root: str, more: str = "…") -> str:
    """The entry that counts what the depth cut off under ``node``, and what shows it.

    Examples
    --------
    >>> more_line(TreeNode(1, True, MORE, "a", "", count=3), "t")
    '… 3 more statements below; show them with --root a or a greater --depth'
    """
    if node.id == root:  # --root would not help: it is the root already
        return f"{more} {below(node.count)}; a greater --depth shows them"
    return f"{more} {below(node.count)}; show them with --root {node.id} or a greater --depth"


def _relation_lines(graph: ArgumentGraph, relations: list[Relation], new_text: Callable[..., Line],
                    arrow: str) -> list[Line]:
    """The lines that say how a statement the outline does not reach relates to the rest of the map."""
    if not relations:
        return [new_text("no relation to any other statement", style=STYLES["note"])]
    found = []
    for relation in relations:
        phrase = new_text(style=STYLES["note"])
        for piece, is_id in relation_parts(relation, graph, arrow):
            phrase.append(piece, style="bold" if is_id else "")
        found.append(phrase)
    return found


def unreached_line(count: int, root: str) -> str:
    """The line that counts the statements an outline from ``root`` does not reach.

    Examples
    --------
    >>> unreached_line(3, "a")
    '3 statements not reached from a (list them with --all)'
    """
    return f"{count:,} statement{'s' * (count != 1)} not reached from {root} (list them with --all)"


def stop_line(left: int, more: str = "…") -> str:
    """The line the tree ends with when it stops at :data:`MAX_LINES`.

    Examples
    --------
    >>> stop_line(1_234)
    '… 1,234 more entries not shown (the tree stops after 20,000 lines): show part of the map with --root ID or --depth N'
    """
    return (f"{more} {left:,} more entr{'ies' if left != 1 else 'y'} not shown (the tree stops after {MAX_LINES:,} "
            "lines): show part of the map with --root ID or --depth N")


def other_side(ctx: MapContext) -> str:
    """The kind of statement on the other side from the thesis: ``counterclaim``, or ``claim`` when the thesis is a
    counterclaim (``--thesis`` naming one, to argue the other bench)."""
    thesis = ctx.thesis
    return "claim" if thesis is not None and ctx.graph.kind(thesis) == "counterclaim" else "counterclaim"


def statement_notes(stmt, map_path: str | None = None, other: str = "counterclaim") -> list[str]:
    """Short notes on a statement: the other side's (a statement of the kind ``other``, see :func:`other_side`),
    who asserts it, implicit, evidence without source, the library it comes from (relative to the folder of the
    map at ``map_path``).

    Examples
    --------
    >>> from argmap.model import Statement, NOWHERE
    >>> statement_notes(Statement("c", "counterclaim", "T", NOWHERE, by="critics"))
    ['other side', 'by critics']
    >>> statement_notes(Statement("c", "counterclaim", "T", NOWHERE), other="claim")
    []
    >>> statement_notes(Statement("e", "claim", "T", NOWHERE, file="cases/lib/prop.yaml"), "cases/case.yaml")
    ['from lib/prop.yaml']
    """
    notes = []
    if stmt.kind == other:
        notes.append("other side")
    if stmt.by:
        notes.append(f"by {stmt.by}")
    if stmt.implicit:
        notes.append("implicit")
    if stmt.kind == "evidence" and stmt.source is None:
        notes.append("evidence, no source")
    if stmt.tags:
        notes.append("tags: " + ", ".join(stmt.tags))
    if stmt.file is not None:
        notes.append(f"from {library_name(stmt.file, map_path)}")
    return notes


def _head_lines(ctx: MapContext, labelled: bool) -> list[tuple[str, str]]:
    """(text, style) of the lines above the tree: the map's title, and what ``--assume`` fixed when the tree shows
    labels that rest on it."""
    assumed = ctx.assumed_line() if labelled else None
    return [(ctx.model.title, "title"), *([(assumed, "note")] if assumed is not None else [])]


def argument_origin(ctx: MapContext, argument_id: str) -> str | None:
    """``from FILE`` for a linked argument written in an included library, as its entry in a view says; else None."""
    argument = ctx.model.arguments.get(argument_id)
    if argument is None or argument.file is None:
        return None
    return f"from {library_name(argument.file, ctx.model.path)}"


def library_name(file: str, map_path: str | None) -> str:
    """The path of the library ``file`` as the views show it: relative to the folder of the map at ``map_path``."""
    if map_path is None:
        return file
    try:
        return os.path.relpath(file, os.path.dirname(map_path) or ".")
    except ValueError:  # pragma: no cover - another drive on Windows
        return file


def _append_details(content: Line, details: list[tuple[str, str]]) -> None:
    """Add a statement's quote and note (:func:`statement_details`) to its tree entry, a line each."""
    for what, text in details:
        content.append("\n")
        content.append(terminal_text(text) if what == "quote" else f"note: {terminal_text(text)}",
                       style=STYLES["source"])


def is_dead(ctx: MapContext, inference: str | None) -> bool:
    """True when the labels the views show (``ctx.inference_labels``) find ``inference`` dead: an undercut or
    an attacked premise leaves it no force."""
    return inference is not None and ctx.inference_labels is not None and \
        ctx.inference_labels.get(inference) == "dead"


def linked_word(ctx: MapContext, argument_id: str) -> str:
    """What the entry of a linked argument opens with: ``together`` for premises that support the conclusion
    only together, ``one premise`` for an argument of one premise, which has no other to stand with (a case
    names one card as an argument to give it a scheme or a note).

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A}
    ...   b: {text: B}
    ... arguments:
    ...   both: {premises: [a, b], conclusion: t}
    ...   one: {premises: [a], conclusion: t}
    ... '''
    >>> ctx = MapContext(load_bytes(text, "m.yaml").model)
    >>> linked_word(ctx, "both"), linked_word(ctx, "one")
    ('together', 'one premise')
    """
    argument = ctx.model.arguments.get(argument_id)
    return "one premise" if argument is not None and len({ref.id for ref in argument.premises}) == 1 else "together"


def _together_content(ctx: MapContext, argument_id: str, content: Line, details: bool, cross: str = "✗") -> None:
    """The entry of a linked argument: ``together (argument ID, scheme):`` (``one premise`` for an argument of
    one premise; ``✗ dead`` before the colon when the evaluation finds it dead), and its note with ``details``."""
    content.append(linked_word(ctx, argument_id), style=STYLES["together"])
    content.append(" (argument ")
    content.append(argument_id, style=STYLES["id"])
    argument = ctx.model.arguments.get(argument_id)
    if argument is not None and argument.scheme:
        content.append(f", {terminal_text(scheme_words(argument))}", style=STYLES["note"])
    origin = argument_origin(ctx, argument_id)
    if origin is not None:
        content.append(f", {terminal_text(origin)}", style=STYLES["note"])
    content.append(")")
    if is_dead(ctx, argument_id):
        content.append(f" {cross} dead", style=STYLES["rejected"])
    content.append(":")
    if details and argument is not None and argument.note:
        _append_details(content, [("note", argument.note)])


def statement_details(ctx: MapContext, stmt) -> list[tuple[str, str]]:
    """The reader's work on a statement, as (what, text): its quote (with its paragraph in the source
    text, ``¶3``, when the map has a ``text_file`` that holds it) and its note.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T, note: Live on the day}
    ... evidence:
    ...   e: {text: E, supports: t, source: S, quote: "the words"}
    ... '''
    >>> ctx = MapContext(load_bytes(text, "m.yaml").model)
    >>> statement_details(ctx, ctx.statement("t")), statement_details(ctx, ctx.statement("e"))
    ([('note', 'Live on the day')], [('quote', '“the words”')])
    """
    found = []
    if stmt.quote:
        place = ctx.quote_place(stmt.quote)
        found.append(("quote", f"“{stmt.quote}”" + (f" (¶{place})" if place is not None else "")))
    if stmt.note:
        found.append(("note", stmt.note))
    return found


def role_note(graph: ArgumentGraph, node: TreeNode, arrow: str = "→") -> str:
    """What a contradiction or undercut entry does: ``contradicts``, ``undercuts a → b``."""
    if node.role == CONTRA:
        return "contradicts"
    inference = node.link
    assert inference is not None, node  # an undercut entry names the inference it attacks
    if graph.kind(inference) == JUNCTION:
        data = graph.G.nodes[inference]
        return f"even if: answers the attack {data['source']} {arrow} {data['target']}"
    if graph.form(inference) == "support":
        source = graph.premises(inference)
        return f"undercuts {source[0] if source else '?'} {arrow} {graph.conclusion(inference)}"
    return f"undercuts argument {inference}"
