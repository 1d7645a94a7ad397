"""`argmap render`: the map as a Graphviz diagram (DOT, SVG, PNG or PDF)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import app, fail, load_or_exit, write_output
from .viewing import (
    DEFAULT_SEMANTICS,
    AssumeOption,
    MapArgument,
    MaxBytesOption,
    NoLabelsOption,
    SemanticsOption,
    ThesisOption,
    WatchOption,
    diagram_or_exit,
    labels_or_exit,
    thesis_or_exit,
    watching,
)


class RenderFormat(str, Enum):
    dot = "dot"
    svg = "svg"
    png = "png"
    pdf = "pdf"


class Direction(str, Enum):
    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


SUFFIX_FORMAT = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf"}
STDOUT_FORMATS = ("dot", "svg")
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
        "--output", "-o", metavar="OUT", help="Where to write: a file, or - for stdout (DOT or SVG).",
        show_default=False)],
    output_fmt: Annotated[RenderFormat | None, typer.Option(
        "--format", "-f", help="dot, svg, png or pdf. Default: from OUT's suffix.")] = None,
    direction: Annotated[Direction, typer.Option(
        help="Which way arrows run: BT puts the thesis at the top.")] = Direction.BT,
    legend: Annotated[bool, typer.Option("--legend", help="Draw a key to shapes, arrows and colours.")] = False,
    no_labels: NoLabelsOption = False,
    assume: AssumeOption = None,
    semantics: SemanticsOption = DEFAULT_SEMANTICS,
    thesis: ThesisOption = None,
    watch: WatchOption = False,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Draw the map as a diagram with Graphviz: claims, evidence, counterclaims and their relations."""
    fmt = output_format(output, output_fmt)

    def run() -> None:
        ctx = load_or_exit(file, max_bytes)
        thesis_or_exit(ctx, thesis)
        diagram_or_exit(ctx)
        labels = labels_or_exit(ctx, assume, no_labels, semantics.value)
        data = diagram(ctx, labels, fmt, direction.value, legend)
        write_output(data, output, protect=[file], announce=True)

    if watch:
        watching(file, run)
    run()


def diagram(ctx, labels, fmt: str, direction: str, legend: bool) -> bytes:
    """The diagram's bytes in ``fmt``: DOT directly, anything else through Graphviz's `dot`."""
    import graphviz

    from ..render.dot import dot_source

    source = dot_source(ctx, labels, direction, legend)
    if fmt == "dot":
        return source.encode("utf-8")
    try:
        return graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise fail(INSTALL_GRAPHVIZ.format(fmt=fmt.upper()))
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise fail(f"Graphviz could not draw the map: {detail[0] if detail else exc}")
