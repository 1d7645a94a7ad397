"""`argmap tree`: the map as an outline in the terminal, rooted at the thesis."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..cli import app, load_or_exit, use_color, write_output
from ..textsafe import defuse_line
from .viewing import (
    DEFAULT_SEMANTICS,
    AssumeOption,
    MapArgument,
    MaxBytesOption,
    NoLabelsOption,
    OutputOption,
    SemanticsOption,
    ThesisOption,
    WatchOption,
    environ_int,
    labels_or_exit,
    outline_root_or_exit,
    output_width,
    root_or_exit,
    thesis_or_exit,
    watching,
)


@app.command()
def tree(
    file: MapArgument,
    root: Annotated[str | None, typer.Option(
        metavar="ID", help="Start from this statement (a counterclaim included) or linked argument instead of the "
                           "thesis; the statements it does not reach are then counted, not listed (see --all).",
        show_default=False)] = None,
    depth: Annotated[int | None, typer.Option(
        min=0, help="Show this many levels below the root; deeper ones are counted. Default: as many as the "
                    "terminal's width leaves room for (12 at 80 columns).", show_default=False)] = None,
    show_all: Annotated[bool, typer.Option(
        "--all", help="With --root: list the statements it does not reach, with their relations.")] = False,
    ascii_only: Annotated[bool, typer.Option(
        "--ascii", help="Only ASCII: [ok] [x] [?] for labels, |, +-- and `-- for the tree.")] = False,
    details: Annotated[bool, typer.Option(
        "--details", help="Show each statement's quote (with its paragraph in the source text) and note, and each "
                          "argument's note, under it.")] = False,
    no_labels: NoLabelsOption = False,
    assume: AssumeOption = None,
    semantics: SemanticsOption = DEFAULT_SEMANTICS,
    thesis: ThesisOption = None,
    watch: WatchOption = False,
    max_bytes: MaxBytesOption = None,
    output: OutputOption = None,
) -> None:
    """Show the map as a tree: supporters (+), attackers (-) and undercutters (~) under each statement."""

    def run() -> None:
        ctx = load_or_exit(file, max_bytes)
        thesis_or_exit(ctx, thesis)
        root_or_exit(ctx, root, file)
        outline_root_or_exit(ctx, root, file)
        labels = labels_or_exit(ctx, assume, no_labels, semantics.value)
        to_stdout = output is None or output == "-"
        write_output(tree_text(ctx, labels, root, depth, ascii_only, color=to_stdout and use_color(),
                               details=details, list_unreached=root is None or show_all), output,
                     protect=[file], announce=True)

    if watch:
        watching(file, run, clear_screen=sys.stdout.isatty())
    run()


def tree_text(ctx, labels, root, depth, ascii_only, color: bool = False, details: bool = False,
              list_unreached: bool = True) -> str:
    """The tree as text: coloured when ``color`` (stdout on a terminal), plain otherwise."""
    from ..views.tree import build_tree, max_depth_for_width, tree_lines

    width = output_width()
    levels = max_depth_for_width(width)
    view = build_tree(ctx, root, levels if depth is None else min(depth, levels))
    lines = tree_lines(ctx, view, labels, width, ascii=ascii_only, plain=not color, details=details,
                       list_unreached=list_unreached)
    if not color:
        return "".join(defuse_line(line.plain.rstrip()) + "\n" for line in lines)
    from rich.console import Console

    # width and height given, so that rich does not parse COLUMNS and LINES itself (int('³') fails there).
    console = Console(highlight=False, markup=False, emoji=False, force_terminal=True, width=width,
                      height=environ_int("LINES", 25))
    with console.capture() as captured:
        for line in lines:
            console.print(line, soft_wrap=True)
    return captured.get()
