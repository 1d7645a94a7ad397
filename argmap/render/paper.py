"""Diagrams that print: a diagram fitted to a sheet of paper (``render --paper``), or split into pages.

A diagram is laid out by Graphviz at its own size, then scaled down, never up, to fit
the sheet inside a margin of 1 cm (:data:`MARGIN`): Graphviz's ``size`` is the
printable area, and ``pad`` widens the drawing to that area's proportions, so the
page Graphviz writes (a PDF's media box, an SVG's or PNG's size) is the whole sheet,
with the diagram in its middle. Unless the direction is given, the diagram is laid
out both ways :data:`FIT_DIRECTIONS` holds (thesis at the top, or at the left, where
a line is read from) and the one whose text prints larger is kept. The smallest
text once scaled is the scale times the smallest font size the layout draws (its
drawing operations name each text's font); under :data:`READABLE` points the command
warns (:func:`small_text_warning`).

Split, a diagram becomes one page per top-level line of the outline from the thesis
(:func:`split_pages`): a supporter, a linked argument with its premises, an attacker
or an undercutter, with everything under it and the thesis above it, and a last page
for the statements the outline does not reach, with what they relate to. A page too
full to read is split again by the outline's lines under its own (:func:`split_line`),
or, where its line is a chain (one line under each), under the first entry with two or
more, so its pages hold parts of it, never the map again through a contradiction with a
statement above; a split that would print smaller than the page keeps the page whole
(:func:`fit_pages`). Graphviz writes one PDF a graph; pypdf joins them (:func:`joined_pdf`).

Graphviz runs as ``dot`` processes through the ``graphviz`` package (imported here
only inside functions); its errors (``graphviz.ExecutableNotFound``,
``graphviz.CalledProcessError``) reach the caller.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from ..context import MapContext
from .diagram import Focus, outline_focus, root_ids

if TYPE_CHECKING:
    from ..views.tree import TreeNode

POINTS_PER_INCH = 72.0
MARGIN = POINTS_PER_INCH / 2.54
"""The margin on each side of the sheet, in points: 1 cm."""
READABLE = 8.0
"""The smallest text, in points once scaled, that prints readably; below it the command warns."""
FIT_DIRECTIONS = ("BT", "RL")
"""The directions ``--paper`` chooses between, in order of preference: the thesis at the top (arrows pointing
up to it), or the thesis at the left (arrows pointing left to it), the side a line is read from."""


@dataclass(frozen=True)
class Sheet:
    """A sheet of paper: its name as the warning shows it and its size in points, as it is printed on."""

    name: str
    width: float
    height: float
    landscape: bool = False

    def turned(self) -> Sheet:
        """The same sheet on its side (landscape).

        Examples
        --------
        >>> PAPERS["a4"].turned()
        Sheet(name='A4', width=841.89, height=595.28, landscape=True)
        """
        return replace(self, width=self.height, height=self.width, landscape=not self.landscape)

    def area(self) -> tuple[float, float]:
        """The width and height inside the margins, in points."""
        return self.width - 2 * MARGIN, self.height - 2 * MARGIN


PAPERS = {"a4": Sheet("A4", 595.28, 841.89), "letter": Sheet("letter", 612.0, 792.0)}
"""The choices of ``--paper``: ISO A4 (210 × 297 mm) and US letter (8.5 × 11 in), upright."""


def sheet(paper: str, landscape: bool = False) -> Sheet:
    """The sheet ``--paper`` and ``--landscape`` name."""
    upright = PAPERS[paper]
    return upright.turned() if landscape else upright


def fit_scale(sheet: Sheet, width: float, height: float) -> float:
    """The scale that fits a drawing of ``width`` × ``height`` points inside ``sheet``'s margins; never above 1, so
    that a small diagram prints at its own size.

    Examples
    --------
    >>> round(fit_scale(PAPERS["a4"], 3000, 1000), 3), fit_scale(PAPERS["a4"], 100, 100)
    (0.18, 1.0)
    """
    across, down = sheet.area()
    return min(1.0, across / max(width, 1.0), down / max(height, 1.0))


def sheet_attributes(sheet: Sheet, width: float, height: float) -> dict[str, str]:
    """The graph attributes that print a drawing of ``width`` × ``height`` points on ``sheet``: ``size`` (the area
    inside the margins), ``pad`` (the room that widens the drawing to the area's proportions at the scale of
    :func:`fit_scale`, so that the page is the sheet) and ``margin``.

    Examples
    --------
    >>> sheet_attributes(PAPERS["a4"], 3000, 1000)  # scaled to 0.18: the width fills the area, pad fills the height
    {'size': '7.4804,10.9055', 'pad': '0.0000,23.4281', 'margin': '0.3937'}
    """
    across, down = sheet.area()
    scale = fit_scale(sheet, width, height)
    pad_x = max(0.0, (across / scale - width) / 2)
    pad_y = max(0.0, (down / scale - height) / 2)
    inches = POINTS_PER_INCH
    return {"size": f"{across / inches:.4f},{down / inches:.4f}", "pad": f"{pad_x / inches:.4f},{pad_y / inches:.4f}",
            "margin": f"{MARGIN / inches:.4f}"}


class Layout(NamedTuple):
    """What fitting needs of a laid-out diagram: its width and height, and the smallest text it draws, in points."""

    width: float
    height: float
    smallest: float


def layout(source: str) -> Layout:
    """The DOT ``source`` laid out by Graphviz at its own size (``dot -Tjson``)."""
    import graphviz

    laid_out = json.loads(graphviz.pipe("dot", "json", source.encode("utf-8"), quiet=True))
    left, bottom, right, top = (float(value) for value in laid_out["bb"].split(","))
    return Layout(right - left, top - bottom, smallest_font(laid_out))


def smallest_font(laid_out: dict[str, Any]) -> float:
    """The smallest font size, in points, of the text a diagram laid out by ``dot -Tjson`` draws: its drawing
    operations set the font (``F``) before each text, in the graph's, the nodes' and the edges' ``_*draw_`` lists.

    Examples
    --------
    >>> smallest_font({"_ldraw_": [{"op": "F", "size": 18.0}], "objects": [{"_ldraw_": [{"op": "F", "size": 9.0}]}]})
    9.0
    """
    sizes = [op["size"] for item in [laid_out, *laid_out.get("objects", ()), *laid_out.get("edges", ())]
             for key, ops in item.items() if key.startswith("_") and key.endswith("draw_")
             for op in ops if op.get("op") == "F"]
    return min(sizes, default=14.0)  # Graphviz's default size


@dataclass(frozen=True)
class Fitted:
    """A diagram fitted to a sheet: its DOT (the sheet's attributes set), direction, scale, the size of its
    smallest text once scaled, in points, and, for a page of a split diagram, the page's heading."""

    source: str
    direction: str
    scale: float
    smallest: float
    heading: str = ""


def fit(draw: Callable[[str], Any], sheet: Sheet, direction: str | None = None, turn: bool = False) -> Fitted:
    """The diagram ``draw(direction)`` (a ``graphviz.Digraph``) fitted to ``sheet``: in ``direction``, or in the one
    of :data:`FIT_DIRECTIONS` whose text prints larger (the first when they tie), each laid out once; with
    ``turn``, on the sheet upright or on its side, whichever prints larger (upright when they tie)."""
    best: tuple[float, str, Any, Layout, Sheet] | None = None
    for candidate in (direction,) if direction else FIT_DIRECTIONS:
        graph = draw(candidate)
        size = layout(graph.source)
        for paper in (sheet, sheet.turned()) if turn else (sheet,):
            scale = fit_scale(paper, size.width, size.height)
            if best is None or scale > best[0]:
                best = (scale, candidate, graph, size, paper)
    assert best is not None
    scale, chosen, graph, size, paper = best
    graph.graph_attr.update(sheet_attributes(paper, size.width, size.height))
    return Fitted(graph.source, chosen, scale, scale * size.smallest)


def fit_diagram(ctx: MapContext, labels: dict[str, str] | None, legend: bool, focus: Focus | None, sheet: Sheet,
                direction: str | None = None) -> Fitted:
    """The diagram of :func:`argmap.render.dot.dot_graph` fitted to ``sheet`` (:func:`fit`)."""
    from .dot import dot_graph

    return fit(lambda way: dot_graph(ctx, labels, way, legend, focus), sheet, direction)


def small_text_warning(sheet: Sheet, smallest: float, split: bool = False, where: str = "",
                       again: bool = True) -> str | None:
    """What to say when the smallest text prints under :data:`READABLE` points (``where``: on which page), with the
    options that would help and are not in use; None when it reads.

    Examples
    --------
    >>> small_text_warning(PAPERS["a4"], 5.12)
    'on A4 the smallest text is 5.1 pt; try --landscape, --split or --root ID'
    >>> small_text_warning(PAPERS["a4"].turned(), 7.2, split=True, where="part 3 of 6: c")
    'on A4 the smallest text is 7.2 pt (part 3 of 6: c); try --root ID'
    >>> small_text_warning(PAPERS["a4"], 5.12, split=True, where="part 3 of 6: c", again=False)
    'on A4 the smallest text is 5.1 pt (part 3 of 6: c); try --split-again, --landscape or --root ID'
    >>> small_text_warning(PAPERS["letter"], 8.0) is None
    True
    """
    if round(smallest, 1) >= READABLE:
        return None
    hints = [hint for hint, used in (("--split-again", again), ("--landscape", sheet.landscape or (split and again)),
                                     ("--split", split)) if not used]
    hints.append("--root ID")
    tried = f"{', '.join(hints[:-1])} or {hints[-1]}" if len(hints) > 1 else hints[0]
    page = f" ({where})" if where else ""
    return f"on {sheet.name} the smallest text is {smallest:.1f} pt{page}; try {tried}"


MAX_SPLIT_LEVELS = 3
"""How many times a page still too full to read (under :data:`READABLE`) is split again by its own lines."""

Ids = tuple[frozenset[str], frozenset[str]]
"""Statements and linked arguments a page draws."""


@dataclass(frozen=True)
class Page:
    """One page of a split diagram: its heading (``part 2 of 5: ID``) and the part of the map it draws."""

    heading: str
    focus: Focus
    line: tuple[TreeNode, ...] = ()
    """The outline's entries of the page's line, its head first, by which the page is split again
    (:func:`split_line`); none for the not-reached page, a lone root, or a line with nothing under it."""
    top: Ids = (frozenset(), frozenset())
    """What the page draws above its line: the root, and the heads of the lines it was split from."""
    pieces: tuple[Focus, ...] = ()
    """Smaller parts to draw instead when the page is too full to read: for the not-reached page, one for each
    group of the statements it holds that relate to one another."""


def split_pages(ctx: MapContext, root: str | None = None, depth: int | None = None) -> list[Page]:
    """The pages of the diagram split at ``root`` (default: the thesis): one per top-level line of the outline
    (:func:`argmap.views.tree.build_tree`), each drawing the root and that line with everything under it (to
    ``depth`` levels below the root), then, split at the thesis, one for the statements the outline does not
    reach, if any, with what they relate to. A root with nothing under it is one page.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A, supports: t}
    ...   b: {text: B, supports: a}
    ...   c: {text: C, attacks: t}
    ...   d: {text: D}
    ... '''
    >>> pages = split_pages(MapContext(load_bytes(text, "m.yaml").model))
    >>> [(page.heading, sorted(page.focus.statements)) for page in pages]
    [('part 1 of 3: a', ['a', 'b', 't']), ('part 2 of 3: c', ['c', 't']), ('part 3 of 3: not reached from t', ['d', 't'])]
    >>> [page.heading for page in split_pages(MapContext(load_bytes(text, "m.yaml").model), root="a")]
    ['part 1 of 1: b']
    """
    from ..views.tree import build_tree

    view = build_tree(ctx, root, depth)
    statements, arguments = root_ids(ctx, view.root)
    top = frozenset(statements), frozenset(arguments)
    pages = _lines(ctx, view.root, depth, top, view.nodes[1:])
    if view.unreached and view.root == ctx.thesis:  # from another root, the rest of the map is left out
        pieces = tuple(_unreached(ctx, view.root, top, group) for group in _groups(ctx, view.unreached))
        pages.append(Page(f"not reached from {view.root}", _unreached(ctx, view.root, top, view.unreached),
                          pieces=pieces))
    if not pages:
        pages.append(Page(view.root, outline_focus(ctx, view.root, depth, (), statements, arguments)))
    return [replace(page, heading=f"part {number} of {len(pages)}: {page.heading}")
            for number, page in enumerate(pages, 1)]


def split_line(ctx: MapContext, page: Page) -> list[Page]:
    """The pages of ``page`` split by the lines one level under the head of its line (:attr:`Page.line`), each
    drawing what ``page`` draws above its line, the head, and one of those lines with everything under it, headed
    ``HEADING, 2 of 4: ID``; none when that gives fewer than two pages.

    When the head has one line under it, that line is the page again: the split goes down the chain to the first
    entry with two or more lines under it, each page drawing the entries on the way as it draws the head (a
    statement supported by one linked argument is split by the argument's premises).

    The lines are the outline's own, which expands a statement once: a line back to a statement above (the thesis,
    under a statement that contradicts it) is a reference that draws nothing the other pages do not, and gets no
    page, so a page is split into parts of itself and never into the map again.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A, supports: t}
    ...   n: {text: Not T, contradicts: t}
    ...   b: {text: B, supports: n}
    ...   c: {text: C, supports: n}
    ... '''
    >>> ctx = MapContext(load_bytes(text, "m.yaml").model)
    >>> [page.heading for page in split_pages(ctx)]
    ['part 1 of 2: a', 'part 2 of 2: n']
    >>> [(page.heading, sorted(page.focus.statements)) for page in split_line(ctx, split_pages(ctx)[1])]
    [('part 2 of 2: n, 1 of 2: b', ['b', 'n', 't']), ('part 2 of 2: n, 2 of 2: c', ['c', 'n', 't'])]
    >>> chain = MapContext(load_bytes(b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: T}
    ...   a: {text: A, supports: t}
    ...   b: {text: B}
    ...   c: {text: C}
    ... arguments:
    ...   bc: {premises: [b, c], conclusion: a}
    ... ''', "m.yaml").model)
    >>> [(page.heading, sorted(page.focus.statements)) for page in split_line(chain, split_pages(chain)[0])]
    [('part 1 of 1: a, 1 of 2: b', ['a', 'b', 't']), ('part 1 of 1: a, 2 of 2: c', ['a', 'c', 't'])]
    """
    parts = _under(ctx, page)
    while len(parts) == 1:  # one line under the head: it is the page again, so split where the chain branches
        parts = _under(ctx, parts[0])
    if len(parts) < 2:
        return []
    return [replace(part, heading=f"{page.heading}, {number} of {len(parts)}: {part.heading}")
            for number, part in enumerate(parts, 1)]


def _under(ctx: MapContext, page: Page) -> list[Page]:
    """A page for each line one level under the head of ``page``'s line (:func:`_lines`), drawing what ``page``
    draws above its line and the head; none when ``page`` has no line."""
    if not page.line:
        return []
    head, *under = page.line
    above = _part(ctx, page.focus.root, page.focus.depth, page.top, [head])
    return _lines(ctx, page.focus.root, page.focus.depth, (above.statements, above.arguments), under)


def _lines(ctx: MapContext, root: str, depth: int | None, top: Ids, entries: list[TreeNode]) -> list[Page]:
    """A page, headed by its head's id, for each line of the outline's ``entries`` (the first of them one level
    below what ``top`` ends with, the others at that level or under it), drawing ``top`` and the line; a line that
    draws nothing more than ``top`` gets none."""
    from ..views.tree import STATEMENT, TOGETHER

    groups: list[list[TreeNode]] = []
    for node in entries:
        if node.depth == entries[0].depth:
            groups.append([node])
        else:
            groups[-1].append(node)
    pages = []
    for group in groups:
        part = _part(ctx, root, depth, top, group)
        if part.statements == top[0] and part.arguments == top[1] and not part.more:
            continue
        line = tuple(group) if group[0].kind in (STATEMENT, TOGETHER) and len(group) > 1 else ()
        pages.append(Page(group[0].id, part, line, top))
    return pages


def _groups(ctx: MapContext, unreached: list[Any]) -> list[list[Any]]:
    """The statements an outline does not reach, in groups that relate to one another (the weakly connected
    parts of the graph between them), each group in the file's order, the groups in the order of their first."""
    import networkx as nx

    graph = ctx.graph
    entries = {statement: entry for statement, entry in ((item[0], item) for item in unreached)}
    nodes = set(entries)
    for statement in entries:  # the inferences and junctions between them join them too
        nodes.update(n for n in (*graph.G.pred[statement], *graph.G.succ[statement]) if not graph.is_statement(n)
                     or graph.kind(n) == "junction")
    parts = nx.weakly_connected_components(graph.G.subgraph(nodes))
    groups = [[entries[s] for s in sorted(part & entries.keys(), key=graph.order)] for part in parts]
    return sorted((group for group in groups if group), key=lambda group: graph.order(group[0][0]))


def _part(ctx: MapContext, root: str, depth: int | None, top: Ids, group: list[TreeNode]) -> Focus:
    """The page of one line: ``top``, and the statements and linked arguments of ``group`` (the line's outline
    entries); an undercutter's page draws what it undercuts too."""
    from ..views.tree import UNDERCUTS

    statements, arguments = set(top[0]), set(top[1])
    for node in group:
        if node.role == UNDERCUTS and node.link:
            ends, linked = _link_ends(ctx, node.link)
            statements |= ends
            arguments |= linked
    return outline_focus(ctx, root, depth, group, statements, arguments)


def _link_ends(ctx: MapContext, link: str) -> tuple[set[str], set[str]]:
    """The statements an undercut relation joins (and the linked argument, when it is one)."""
    from ..graph import JUNCTION

    graph = ctx.graph
    if graph.kind(link) == JUNCTION:  # an undercut attack: its attacker and what it attacks
        data = graph.G.nodes[link]
        return {data["source"], data["target"]}, set()
    conclusion = graph.conclusion(link)
    ends = set(graph.premises(link)) | ({conclusion} if conclusion is not None else set())
    return ends, ({link} if graph.form(link) == "argument" else set())


def _unreached(ctx: MapContext, root: str, top: Ids, unreached: list[Any]) -> Focus:
    """The last page: the root, the statements the outline does not reach, and whatever each of them relates to
    (a statement; a linked argument, with its premises and conclusion), so that every relation of theirs is drawn."""
    statements, arguments = set(top[0]), set(top[1])
    for statement, relations in unreached:
        statements.add(statement)
        for relation in relations:
            for item in (*relation.ids, *relation.others, relation.via or ""):
                if item in ctx.model.statements:
                    statements.add(item)
                elif item in ctx.model.arguments and item in ctx.graph:
                    ends, linked = _link_ends(ctx, item)
                    statements |= ends
                    arguments |= linked
    return outline_focus(ctx, root, None, (), statements, arguments)


def headed(graph: Any, title: str, heading: str) -> None:
    """Put ``heading`` under the map's ``title`` in the caption of ``graph`` (a :func:`~argmap.render.dot.dot_graph`)."""
    from .dot import MAX_TITLE, TITLE_WIDTH, html_lines, html_text, shorten

    label = graph.graph_attr.get("label", "<>")
    first = "<" + html_lines(shorten(title, MAX_TITLE)[0], TITLE_WIDTH)
    line = f'<br/><font point-size="14">{html_text(heading)}</font>'
    if label.startswith(first):
        graph.graph_attr["label"] = first + line + label[len(first):]
    else:
        graph.graph_attr["label"] = label[:-1] + line + ">"


def fit_pages(ctx: MapContext, labels: dict[str, str] | None, legend: bool, sheet: Sheet,
              direction: str | None = None, root: str | None = None, depth: int | None = None,
              levels: int = 0) -> list[Fitted]:
    """The pages of :func:`split_pages`, each headed and fitted to ``sheet`` (:func:`fit`). A page whose smallest
    text still prints under :data:`READABLE` points is split again by its own lines (:func:`split_line`; the
    not-reached page by its :attr:`Page.pieces`), up to ``levels`` times, its pages headed
    ``part 3 of 6: a, 2 of 4: b``; when one of them would print smaller than the page itself, the page stays whole.
    With ``levels``, each page is laid upright or on its side, whichever prints larger."""
    return [fitted for page in split_pages(ctx, root, depth)
            for fitted in _fit_split(ctx, labels, legend, sheet, direction, page, levels, turn=levels > 0)]


def _fit_split(ctx: MapContext, labels: dict[str, str] | None, legend: bool, sheet: Sheet, direction: str | None,
               page: Page, levels: int, turn: bool) -> list[Fitted]:
    """``page`` fitted, or, when its text prints under :data:`READABLE` points and ``levels`` is above 0, its
    parts fitted (split again up to ``levels - 1`` times more) if none of them prints smaller than it."""
    whole = _fit_page(ctx, labels, legend, sheet, direction, page.focus, page.heading, turn)
    if whole.smallest >= READABLE or levels <= 0:
        return [whole]
    parts = [fitted for part in split_line(ctx, page)
             for fitted in _fit_split(ctx, labels, legend, sheet, direction, part, levels - 1, True)]
    if not parts and len(page.pieces) > 1:
        parts = _fit_pieces(ctx, labels, legend, sheet, direction, page.heading, page.pieces)
    # Parts are smaller pieces of the page, but Graphviz lays each out afresh: never print smaller for splitting.
    return parts if parts and min(part.smallest for part in parts) >= whole.smallest else [whole]


def _fit_pieces(ctx: MapContext, labels: dict[str, str] | None, legend: bool, sheet: Sheet, direction: str | None,
                heading: str, pieces: tuple[Focus, ...]) -> list[Fitted]:
    """A page too full to read drawn as its :attr:`Page.pieces`, one page each, headed ``HEADING, 2 of 3``."""
    return [_fit_page(ctx, labels, legend, sheet, direction, piece, f"{heading}, {number} of {len(pieces)}", True)
            for number, piece in enumerate(pieces, 1)]


def _fit_page(ctx: MapContext, labels: dict[str, str] | None, legend: bool, sheet: Sheet, direction: str | None,
              part: Focus, heading: str, turn: bool) -> Fitted:
    """One page of a split diagram: ``part`` drawn under ``heading`` and fitted to ``sheet`` (:func:`fit`)."""
    from .dot import dot_graph

    def draw(way: str) -> Any:
        graph = dot_graph(ctx, labels, way, legend, part)
        headed(graph, ctx.model.title, heading)
        return graph

    return replace(fit(draw, sheet, direction, turn=turn), heading=heading)


def split_pdf(pages: list[Fitted], title: str) -> bytes:
    """The fitted pages drawn by Graphviz as PDFs, joined into one document titled ``title``."""
    import graphviz

    return joined_pdf([graphviz.pipe("dot", "pdf", page.source.encode("utf-8"), quiet=True) for page in pages], title)


def joined_pdf(documents: list[bytes], title: str) -> bytes:
    """The PDF ``documents`` as one, their pages in order, with ``title`` as its title."""
    import io

    from pypdf import PdfReader, PdfWriter

    from ..textsafe import visible

    writer = PdfWriter()
    for document in documents:
        writer.append(PdfReader(io.BytesIO(document)))
    writer.add_metadata({"/Title": visible(title)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
