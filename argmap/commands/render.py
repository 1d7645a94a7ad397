"""`argmap render`: the map as a Graphviz diagram (DOT, SVG, PNG or PDF), or as one self-contained HTML page."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, fail, load_or_exit, write_output
from .viewing import (
    DEFAULT_SEMANTICS,
    AssumeOption,
    DepthOption,
    MapArgument,
    MaxBytesOption,
    NoLabelsOption,
    RootOption,
    SemanticsOption,
    ThesisOption,
    WatchOption,
    diagram_or_exit,
    focus_or_exit,
    labels_or_exit,
    outline_root_or_exit,
    thesis_or_exit,
    watching,
)


class RenderFormat(str, Enum):
    dot = "dot"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    html = "html"


class Direction(str, Enum):
    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


class Paper(str, Enum):
    """The choices of ``--paper`` (:data:`argmap.render.paper.PAPERS`)."""

    a4 = "a4"
    letter = "letter"


PAPER_FORMATS = ("dot", "svg", "png", "pdf")
"""The formats ``--paper`` fits to a sheet (a PDF's page, an SVG's or PNG's size; in DOT, the attributes)."""


SUFFIX_FORMAT = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf", ".html": "html",
                 ".htm": "html"}
STDOUT_FORMATS = ("dot", "svg", "html")
INSTALL_GRAPHVIZ = ("Graphviz's `dot` program is needed for {fmt}: install Graphviz "
                    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
                    "or write DOT with --format dot")


def output_format(output: str, chosen: RenderFormat | None) -> str:
    """The format to write: ``--format``, else from OUT's suffix; ``-`` means DOT on stdout."""
    fmt: str | None
    if chosen is not None:
        fmt = chosen.value
    elif output == "-":
        fmt = "dot"
    else:
        fmt = SUFFIX_FORMAT.get(Path(output).suffix.lower())
        if fmt is None:
            known = ", ".join(SUFFIX_FORMAT)
            raise fail(f"cannot tell the format of {output} from its suffix (known: {known}): use --format")
    if output == "-" and fmt not in STDOUT_FORMATS:
        raise fail(f"{fmt.upper()} needs a file: use -o FILE.{fmt}")
    return fmt


@app.command()
def render(
    file: MapArgument,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="OUT", help="Where to write: a file, or - for stdout (DOT, SVG or HTML).",
        show_default=False)],
    output_fmt: Annotated[RenderFormat | None, typer.Option(
        "--format", "-f", help="dot, svg, png, pdf or html. Default: from OUT's suffix.")] = None,
    chosen_direction: Annotated[Direction | None, typer.Option(
        "--direction", help="Which way arrows run: BT (the default) puts the thesis at the top, RL at the left. "
                            "With --paper: BT or RL, whichever prints the text larger.", show_default=False)] = None,
    legend: Annotated[bool, typer.Option("--legend", help="Draw a key to shapes, arrows and colours.")] = False,
    paper: Annotated[Paper | None, typer.Option(
        "--paper", help="Fit the diagram to a sheet of this paper (a4 or letter), with margins of 1 cm; warns when "
                        "its smallest text prints under 8 pt.", show_default=False)] = None,
    landscape: Annotated[bool, typer.Option("--landscape", help="With --paper: the sheet on its side.")] = False,
    split: Annotated[bool, typer.Option(
        "--split", help="PDF only: one page per line under the thesis (a supporter, a linked argument, an attacker, "
                        "with all under it), the thesis on each, and one for what it does not reach; "
                        "--paper defaults to a4.")] = False,
    split_again: Annotated[bool, typer.Option(
        "--split-again", help="--split, and a page whose text would print under 8 pt is split again by its own "
                              "lines, up to three times, each page keeping what is above it.")] = False,
    root: RootOption = None,
    depth: DepthOption = None,
    no_labels: NoLabelsOption = False,
    assume: AssumeOption = None,
    semantics: SemanticsOption = DEFAULT_SEMANTICS,
    thesis: ThesisOption = None,
    watch: WatchOption = False,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Draw the map as a diagram with Graphviz: claims, evidence, counterclaims and their relations."""
    fmt = output_format(output, output_fmt)
    direction = chosen_direction or Direction.BT
    split = split or split_again
    sheet = sheet_or_exit(fmt, paper, landscape, split)

    def run() -> None:
        ctx = load_or_exit(file, max_bytes)
        thesis_or_exit(ctx, thesis)
        diagram_or_exit(ctx)
        part = focus_or_exit(ctx, root, depth, file)
        if fmt == "html":
            outline_root_or_exit(ctx, root, file)
        labels = labels_or_exit(ctx, assume, no_labels, semantics.value)
        if sheet is not None:
            data = printed(ctx, labels, fmt, chosen_direction, legend, part, sheet, split, root, depth,
                           again=split_again)
        elif fmt == "html":
            data = html_page(ctx, labels, direction.value, legend, part, assume, semantics.value)
        else:
            data = diagram(ctx, labels, fmt, direction.value, legend, part)
        write_output(data, output, protect=[file], announce=True)

    if watch:
        watching(file, run)
    run()


def diagram(ctx, labels, fmt: str, direction: str, legend: bool, part=None) -> bytes:
    """The diagram's bytes in ``fmt``: DOT directly, anything else through Graphviz's `dot`; only ``part`` of the
    map (:class:`argmap.render.diagram.Focus`) when given."""
    import graphviz

    from ..render.dot import dot_source

    source = dot_source(ctx, labels, direction, legend, part)
    if fmt == "dot":
        return source.encode("utf-8")
    try:
        return inert(fmt, graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True))
    except graphviz.ExecutableNotFound:
        raise fail(INSTALL_GRAPHVIZ.format(fmt=fmt.upper()))
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise fail(f"Graphviz could not draw the map: {detail[0] if detail else exc}")


def inert(fmt: str, data: bytes) -> bytes:
    """Graphviz's output made safe to print in a CI log: an SVG's ``##[`` (a legacy workflow command, which
    Graphviz writes back as the map has it although the DOT escapes it) as a character reference, which an
    SVG viewer shows the same.

    Examples
    --------
    >>> inert("svg", b"<text>##[error]x</text>")
    b'<text>&#35;#[error]x</text>'
    """
    return data.replace(b"##[", b"&#35;#[") if fmt == "svg" else data


def html_page(ctx, labels, direction: str, legend: bool, part, assume: list[str] | None, semantics: str) -> bytes:
    """The self-contained HTML page (:func:`argmap.render.html.page`): the diagram drawn by Graphviz as SVG,
    the outline, and each statement's details and explanation under the same options."""
    from ..evaluate import parse_assume
    from ..render.html import explanations, page

    svg = diagram(ctx, labels, "svg", direction, legend, part).decode("utf-8")
    explained = None
    if labels is not None:  # labels_or_exit has checked --assume already, and warned about it
        explained = explanations(ctx, semantics, parse_assume(list(assume or []), ctx.graph))
    return page(ctx, labels, svg, explained, focus=part).encode("utf-8")


def sheet_or_exit(fmt: str, paper: Paper | None, landscape: bool, split: bool):
    """The sheet ``--paper`` and ``--landscape`` name (:class:`argmap.render.paper.Sheet`; A4 with ``--split``), or
    None to draw at the diagram's own size; options that do not go together exit 2."""
    if split and fmt != "pdf":
        raise fail(f"--split writes a PDF of several pages, not {fmt.upper()}: use -o FILE.pdf")
    if paper is None and not split:
        if landscape:
            raise fail("--landscape has no effect without --paper")
        return None
    if fmt not in PAPER_FORMATS:
        raise fail(f"--paper applies to {', '.join(PAPER_FORMATS[:-1])} and {PAPER_FORMATS[-1]}, not {fmt.upper()}")
    from ..render.paper import sheet

    return sheet((paper or Paper.a4).value, landscape)


def printed(ctx, labels, fmt: str, direction: Direction | None, legend: bool, part, sheet, split: bool,
            root: str | None, depth: int | None, again: bool = False) -> bytes:
    """The diagram fitted to ``sheet`` (:mod:`argmap.render.paper`) in ``fmt``, or split into a PDF's pages; a
    warning on stderr when its smallest text prints under 8 pt."""
    import graphviz

    from ..render import paper as printing

    if split and root is None and ctx.thesis is None:
        raise fail("--split makes a page of each line under the thesis, and this map has none: give --root ID")
    way = direction.value if direction is not None else None
    try:
        if split:
            pages = printing.fit_pages(ctx, labels, legend, sheet, way, root, depth,
                                       levels=printing.MAX_SPLIT_LEVELS if again else 0)
            data = printing.split_pdf(pages, ctx.model.title)
        else:
            pages = [printing.fit_diagram(ctx, labels, legend, part, sheet, way)]
            source = pages[0].source.encode("utf-8")
            data = source if fmt == "dot" else inert(fmt, graphviz.pipe("dot", fmt, source, quiet=True))
    except graphviz.ExecutableNotFound:
        raise fail("Graphviz's `dot` program is needed to fit a diagram to paper (--paper, --split): install "
                   "Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)")
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise fail(f"Graphviz could not draw the map: {detail[0] if detail else exc}")
    smallest = min(pages, key=lambda page: page.smallest)
    warning = printing.small_text_warning(sheet, smallest.smallest, split, smallest.heading, again or not split)
    if warning:
        print(f"argmap: warning: {warning}", file=sys.stderr)
    return data
