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
from ..schemes import open_questions, scheme_of
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
    argument_origin,
    below,
    build_tree,
    is_dead,
    linked_word,
    other_side,
    relation_parts,
    statement_details,
    statement_notes,
)
from .diagram import Focus

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


def export(ctx: MapContext, labels: dict[str, str] | None = None, focus: Focus | None = None) -> str:
    """The outline as Markdown text: from ``focus``'s root to its depth when given (the statements a chosen root
    does not reach are then counted, not listed), else from the thesis.

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
    if focus is None:
        view = build_tree(ctx, max_depth=MAX_DEPTH)
    else:
        view = build_tree(ctx, focus.root, MAX_DEPTH if focus.depth is None else min(focus.depth, MAX_DEPTH))
    out = [f"# {md_text(ctx.model.title.replace(chr(10), ' '))}", ""]  # a heading is one line
    if labels is not None:
        assumed = ", ".join(f"{code(item)} {label}" for item, label in ctx.assumed.items())
        out += ["Labels: ✓ accepted, ✗ rejected, ? undecided." + (f" Assuming {assumed} (--assume)." if assumed else ""),
                ""]
    writer = _Outline(ctx, labels)
    for index, node in enumerate(view.nodes):
        if index >= MAX_LINES:
            left = len(view.nodes) - index
            out.append(f"- … {left:,} more entr{'ies' if left != 1 else 'y'} not shown (the outline stops after "
                       f"{MAX_LINES:,}): see part of the map with `argmap tree --root ID`")
            break
        out.append("  " * node.depth + "- " + _indent(writer.head(node) + writer.body(node), node.depth))
    if view.unreached and len(view.nodes) <= MAX_LINES and view.root != ctx.thesis:
        count = len(view.unreached)
        out += ["", f"{count:,} statement{'s' * (count != 1)} not reached from {code(view.root)}."]
    elif view.unreached and len(view.nodes) <= MAX_LINES:
        out += ["", f"## Not reached from {code(view.root)}", ""]
        for item, relations in view.unreached:
            out.append("- " + _indent(writer.statement(item), 0))
            for relation in relations:
                parts = relation_parts(relation, ctx.graph)
                phrase = "".join(code(piece) if is_id else md_text(piece) for piece, is_id in parts)
                out.append("  - " + phrase)
    return defuse_lines("\n".join(out) + "\n")


def _indent(text: str, depth: int) -> str:
    """The continuation lines of an entry ``depth`` levels down, indented under it."""
    return text.replace("\n", "\n" + "  " * depth + "  ")


class _Outline:
    """How each entry of the outline reads in Markdown."""

    def __init__(self, ctx: MapContext, labels: dict[str, str] | None) -> None:
        self.ctx, self.labels = ctx, labels

    def label(self, item: str) -> str:
        labels, strengths = self.labels, self.ctx.strengths
        if labels is None or item not in labels:
            return ""
        strength = f" {strengths[item]:.2f}" if strengths is not None and item in strengths else ""
        return f"{SYMBOL[labels[item]]}{strength} "

    def statement(self, item: str) -> str:
        stmt = self.ctx.model.statements[item]
        text = f"{self.label(item)}{code(item)}: {md_text(stmt.text)}"
        notes = statement_notes(stmt, self.ctx.model.path, other_side(self.ctx))
        if notes:
            text += f" *({md_text('; '.join(notes))})*"
        if stmt.kind == "evidence" and stmt.source is not None:
            text += f" — *source: {md_text(stmt.source)}*"
        for what, detail in statement_details(self.ctx, stmt):  # the reader's work: quotes and notes, always
            text += f"\n> {md_text(detail)}" if what == "quote" else f"\n*Note: {md_text(detail)}*"
        return text

    def head(self, node) -> str:
        """What comes before an entry: its role (the thesis's, pro, con...), and what a contradiction or an
        undercut does, or that a support is dead."""
        if node.kind == STATEMENT and node.depth == 0:
            head = "**Thesis** " if node.id == self.ctx.thesis else ""
        else:
            head = f"**{ROLE_WORD[node.role]}** " if node.role in ROLE_WORD else ""
        if node.role in (CONTRA, UNDERCUTS):
            head += f"({role_markdown(self.ctx.graph, node)}) "
        elif node.role == PRO and node.kind == STATEMENT and is_dead(self.ctx, node.link):
            head += "(✗ dead link) "
        return head

    def body(self, node) -> str:
        if node.kind == STATEMENT:
            return self.statement(node.id)
        if node.kind == SEE:
            return f"{self.label(node.id)}↑ see {code(node.id)}"
        if node.kind == TOGETHER:
            argument = self.ctx.model.arguments.get(node.id)
            known = scheme_of(argument) if argument is not None else None  # a catalogue scheme goes by its name
            written = known.name if known is not None else argument.scheme if argument is not None else None
            scheme = f", *{md_text(written)}*" if written else ""
            origin = argument_origin(self.ctx, node.id)
            scheme += f", *{md_text(origin)}*" if origin is not None else ""
            word = linked_word(self.ctx, node.id).capitalize()
            body = f"**{word}** (argument {code(node.id)}{scheme}){' ✗ dead' if is_dead(self.ctx, node.id) else ''}:"
            if argument is not None and argument.note:
                body += f"\n*Note: {md_text(argument.note)}*"
            questions = open_questions(self.ctx, node.id)
            if questions:
                body += f"\n*Open questions: {md_text(' '.join(question.ask for question in questions))}*"
            return body
        assert node.kind == MORE
        return f"… {below(node.count)}; see `argmap tree --root {node.id}`"
