"""The map as a nested Markdown outline: the tree view's structure as pro/con bullets with labels.

Every text from the map is escaped for CommonMark (:func:`md_text`): the characters
that could start emphasis, code, links, HTML or entities are backslash-escaped, a
line of the text that could start a block (a heading, list, quote or rule) has its
first character escaped too, and the text's own newlines become hard line breaks,
so the outline shows each statement as written. Ids are code spans.
"""

from __future__ import annotations

import re
import string

from ..context import MapContext
from ..graph import JUNCTION
from ..textsafe import defuse_lines, visible
from ..views.tree import (
    CON,
    CONTRA,
    MAX_LINES,
    MORE,
    PRO,
    SEE,
    STATEMENT,
    TOGETHER,
    UNDERCUTS,
    below,
    build_tree,
    relation_parts,
    statement_details,
    statement_notes,
)

MAX_DEPTH = 30
"""Levels of nesting shown; deeper ones are counted (Markdown renderers flatten deep lists anyway)."""

SYMBOL = {"accepted": "✓", "rejected": "✗", "undecided": "?"}
ROLE_WORD = {PRO: "Pro", CON: "Con", CONTRA: "Con", UNDERCUTS: "Undercut"}

_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
_AUTOLINK = re.compile(r"(?i)(?:\b(?:https?|ftp)(?=://)|\bwww(?=\.)|(?<=[\w.+-])(?=@[\w-]))")
"""Where GitHub's Markdown would start an automatic link (``https://``, ``www.``, ``user@host``): the colon,
dot or at sign gets a backslash, which CommonMark drops when it renders the text."""


def _break_autolink(match: re.Match[str]) -> str:
    return match.group() + "\\"  # before the `:`, `.` or `@` that follows


def md_text(text: str) -> str:
    """``text`` escaped for CommonMark inline content; newlines become hard breaks.

    Examples
    --------
    >>> md_text("a *b* [c](d) <e> & `f`")
    'a \\\\*b\\\\* \\\\[c\\\\](d) \\\\<e\\\\> \\\\& \\\\`f\\\\`'
    >>> md_text("one\\n- two")
    'one\\\\\\n\\\\- two'
    """
    lines = []
    for number, line in enumerate(visible(text).split("\n")):
        line = _AUTOLINK.sub(_break_autolink, _INLINE.sub(r"\\\1", line))
        if number:
            # A line that could open a block (list, heading, quote, rule) is kept inline.
            line = line.lstrip(" \t")
            if line and line[0] in string.punctuation and line[0] != "\\":
                line = "\\" + line
            elif enumerated := re.match(r"\d+(?=[.)])", line):
                digits = enumerated.end()
                line = line[:digits] + "\\" + line[digits:]
        lines.append(line)
    return "\\\n".join(lines)


def role_markdown(graph, node) -> str:
    """What a contradiction or undercut entry does, with ids as code spans."""
    if node.role == CONTRA:
        return "contradicts"
    if graph.kind(node.link) == JUNCTION:
        data = graph.G.nodes[node.link]
        return f"even if: answers the attack {code(data['source'])} → {code(data['target'])}"
    if graph.form(node.link) == "support":
        return f"undercuts {' + '.join(map(code, graph.premises(node.link)))} → {code(graph.conclusion(node.link))}"
    return f"undercuts argument {code(node.link)}"


def code(item_id: str) -> str:
    """An id as a code span (ids never hold a backtick)."""
    return f"`{item_id}`"


def export(ctx: MapContext, labels: dict[str, str] | None = None) -> str:
    """The outline as Markdown text.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The thesis}
    ...   a: {text: A *reason*, supports: t}
    ... '''
    >>> print(export(MapContext(load_bytes(text, "m.yaml").model)))
    # T
    <BLANKLINE>
    - **Thesis** `t`: The thesis
      - **Pro** `a`: A \\*reason\\*
    <BLANKLINE>
    """
    graph = ctx.graph
    statements = ctx.model.statements
    view = build_tree(ctx, max_depth=MAX_DEPTH)
    out = [f"# {md_text(ctx.model.title.replace(chr(10), ' '))}", ""]  # a heading is one line
    if labels is not None:
        out += ["Labels: ✓ accepted, ✗ rejected, ? undecided.", ""]

    def indent_lines(text: str, depth: int) -> str:
        pad = "  " * depth
        return text.replace("\n", "\n" + pad + "  ")

    def label(item: str) -> str:
        if labels is None or item not in labels:
            return ""
        strength = f" {ctx.strengths[item]:.2f}" if ctx.strengths is not None and item in ctx.strengths else ""
        return f"{SYMBOL[labels[item]]}{strength} "

    def statement(item: str) -> str:
        stmt = statements[item]
        text = f"{label(item)}{code(item)}: {md_text(stmt.text)}"
        notes = statement_notes(stmt)
        if notes:
            text += f" *({md_text('; '.join(notes))})*"
        if stmt.kind == "evidence" and stmt.source is not None:
            text += f" — *source: {md_text(stmt.source)}*"
        for what, detail in statement_details(ctx, stmt):  # the reader's work: quotes and notes, always
            text += f"\n> {md_text(detail)}" if what == "quote" else f"\n*Note: {md_text(detail)}*"
        return text

    for index, node in enumerate(view.nodes):
        if index >= MAX_LINES:
            left = len(view.nodes) - index
            out.append(f"- … {left:,} more entr{'ies' if left != 1 else 'y'} not shown (the outline stops after "
                       f"{MAX_LINES:,}): see part of the map with `argmap tree --root ID`")
            break
        if node.kind == STATEMENT and node.depth == 0:
            head = "**Thesis** " if node.id == ctx.thesis else ""
        else:
            head = f"**{ROLE_WORD[node.role]}** " if node.role in ROLE_WORD else ""
        if node.role in (CONTRA, UNDERCUTS):
            head += f"({role_markdown(graph, node)}) "
        if node.kind == STATEMENT:
            body = statement(node.id)
        elif node.kind == SEE:
            body = f"{label(node.id)}↑ see {code(node.id)}"
        elif node.kind == TOGETHER:
            argument = ctx.model.arguments.get(node.id)
            scheme = f", *{md_text(argument.scheme)}*" if argument is not None and argument.scheme else ""
            body = f"**Together** (argument {code(node.id)}{scheme}):"
            if argument is not None and argument.note:
                body += f"\n*Note: {md_text(argument.note)}*"
        else:
            assert node.kind == MORE
            body = f"… {below(node.count)}; see `argmap tree --root {node.id}`"
        out.append("  " * node.depth + "- " + indent_lines(head + body, node.depth))

    if view.unreached and len(view.nodes) <= MAX_LINES:
        out += ["", f"## Not reached from {code(view.root)}", ""]
        for item, relations in view.unreached:
            out.append("- " + indent_lines(statement(item), 0))
            for relation in relations:
                parts = relation_parts(relation, graph)
                phrase = "".join(code(piece) if is_id else md_text(piece) for piece, is_id in parts)
                out.append("  - " + phrase)
    return defuse_lines("\n".join(out) + "\n")
