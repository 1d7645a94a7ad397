"""What the view commands (`tree`, `render`, `export`) share: labels, output width, watching.

This module registers no command.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..cli import fail
from ..cliutil import reads_stdin, release_kept
from ..semantics import DEFAULT, SEMANTICS
from ..textsafe import shown

AssumeOption = Annotated[list[str] | None, typer.Option(
    "--assume", metavar="ID=LABEL",
    help="Fix a statement's label before evaluating: ID=accepted or ID=rejected (repeatable).")]
NoLabelsOption = Annotated[bool, typer.Option(
    "--no-labels", help="Leave out the evaluation labels.")]
MapArgument = Annotated[Path, typer.Argument(
    metavar="MAP", help="The map file, or - to read it from standard input.", show_default=False)]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-bytes", min=1, help="Largest map file to read, in bytes (default 32 MiB); a larger one is AM001.",
    show_default=False)]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="OUT",
    help="Write to this file (whole or not at all, never over the map) instead of stdout; - is stdout.")]
WatchOption = Annotated[bool, typer.Option(
    "--watch", help="Keep running: redo the output whenever the map is saved (Ctrl-C stops).")]


SemanticsName = Enum("SemanticsName", {name.replace("-", "_"): name for name in SEMANTICS}, type=str)  # type: ignore[misc]
"""The choices of --semantics: the registry's names."""
DEFAULT_SEMANTICS = SemanticsName(DEFAULT)
SemanticsOption = Annotated[SemanticsName, typer.Option(
    "--semantics", show_default=True,
    help="How to judge: " + "; ".join(f"{s.name}: {s.summary}" for s in SEMANTICS.values()) + ".")]


def labels_or_exit(ctx, assume: list[str] | None, no_labels: bool,
                   semantics: str = DEFAULT) -> dict[str, str] | None:
    """The evaluation labels of the map (id -> label) under ``semantics``, or None with ``--no-labels``.

    Under preferred and stable the labels are the sceptical ones; under a weighted
    semantics a statement stands at a strength of 0.5 or more, and the strengths go
    to ``ctx.strengths`` for the views to show. A bad ``--assume`` value exits 2.
    """
    if no_labels:
        if assume:
            raise fail("--assume has no effect with --no-labels")
        if semantics != DEFAULT:
            raise fail("--semantics has no effect with --no-labels")
        return None
    assumed = assumptions_or_exit(ctx, assume)
    if semantics == DEFAULT:
        evaluation = ctx.evaluate(assumed)
    else:
        from ..semantics import SemanticsError, evaluate_with

        try:
            outcome = evaluate_with(semantics, ctx.graph, assumed)
        except SemanticsError as exc:
            raise fail(str(exc))
        if outcome.strengths is not None:
            ctx.strengths = outcome.strengths.strengths
        evaluation = outcome.evaluation
    ctx.inference_labels = evaluation.inferences
    ctx.assumed = dict(assumed or {})
    return dict(evaluation.statement_labels)


ThesisOption = Annotated[str | None, typer.Option(
    "--thesis", metavar="ID",
    help="Start from this statement instead of the map's thesis (a counterclaim included): the verdict, the "
         "cruxes and the views are about it; the labels themselves do not change.", show_default=False)]


def thesis_or_exit(ctx, thesis: str | None) -> None:
    """Put the statement ``--thesis`` names in the thesis's place; an id that is not a statement exits 2."""
    if thesis is None:
        return
    if thesis not in ctx.model.statements:
        raise fail(f"--thesis `{thesis}`: not a statement of this map{ctx.suggester.hint(thesis)}")
    ctx.chosen_thesis = thesis


def root_or_exit(ctx, root: str | None, file) -> None:
    """Exit 2 with one line unless ``--root`` is absent or names a statement or a linked argument of the map."""
    if root is None or root in ctx.model.statements or (root in ctx.model.arguments and root in ctx.graph):
        return
    from ..loader import STDIN_NAME

    where = STDIN_NAME if reads_stdin(file) else file
    raise fail(f"--root: no statement or linked argument `{shown(root)}` in {where}{ctx.suggester.hint(root)}")


def outline_root_or_exit(ctx, root: str | None, file) -> None:
    """Exit 2 with one line when an outline has nothing to start from: a library (no thesis) without ``--root``
    or ``--thesis``."""
    if root is None and ctx.thesis is None:
        from ..loader import STDIN_NAME

        where = STDIN_NAME if reads_stdin(file) else shown(str(file), 400)
        raise fail(f"{where}: a library has no thesis to start the outline from; give --root ID or --thesis ID, "
                   "or view a map that includes it")


def focus_or_exit(ctx, root: str | None, depth: int | None, file):
    """The part of the map ``--root`` and ``--depth`` name (:func:`argmap.render.diagram.focus`), None for the
    whole map; a bad root exits 2."""
    root_or_exit(ctx, root, file)
    if root is None and depth is not None and ctx.thesis is None:
        raise fail("--depth counts levels below the thesis, and this map has none: give --root ID")
    from ..render.diagram import focus

    return focus(ctx, root, depth)


RootOption = Annotated[str | None, typer.Option(
    "--root", metavar="ID", help="Only this statement (a counterclaim included) or linked argument and what is "
                                 "under it, as `argmap tree --root` shows it.", show_default=False)]
DepthOption = Annotated[int | None, typer.Option(
    "--depth", min=0, help="With or without --root: only this many levels below the root (the thesis by default).",
    show_default=False)]


def assumptions_or_exit(ctx, assume: list[str] | None) -> dict[str, str]:
    """The ``--assume`` values as id -> label: a bad one exits 2, and each pair of statements assumed accepted
    where one attacks the other is a warning on standard error."""
    from ..evaluate import EvaluationError, conflicting_assumptions, parse_assume

    try:
        assumed = parse_assume(list(assume or []), ctx.graph, ctx.suggester.hint)
    except EvaluationError as exc:
        raise fail(str(exc))
    for attacker, attacked in conflicting_assumptions(ctx.graph, assumed):
        print(f"argmap: warning: --assume holds `{attacker}` and `{attacked}` accepted, "
              f"though `{attacker}` attacks or contradicts `{attacked}`", file=sys.stderr)
    return assumed


MAX_DRAWN_RELATIONS = 20_000
"""Relations a diagram (`render`, `export --to mermaid`) may draw: Graphviz cannot lay out more in any useful
time, and the DOT alone took 11 s for 157,500. The 10,000-statement benchmark map has 11,911."""


def diagram_or_exit(ctx) -> None:
    """Exit 2 with one line when the map has more relations than a diagram may draw."""
    count = sum(relations for _, relations in ctx.model.relation_counts())
    if count > MAX_DRAWN_RELATIONS:
        raise fail(f"the map has {count:,} relations; a diagram draws at most {MAX_DRAWN_RELATIONS:,} "
                   "(use `argmap tree --root ID` or `argmap export --to markdown` for a map this large)")


def output_width(stream=None) -> int:
    """Columns to lay text out in: the terminal's, else ``COLUMNS``, else 80."""
    stream = stream or sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return environ_int("COLUMNS", 80)


def environ_int(name: str, default: int, largest: int = 10_000) -> int:
    """A positive whole number from the environment variable ``name``, else ``default``.

    Only ASCII digits count (``'²'.isdigit()`` is true, yet ``int('²')`` fails), and a
    value over ``largest`` is taken as ``largest``.

    Examples
    --------
    >>> import os; os.environ["ARGMAP_TEST_N"] = "²"; environ_int("ARGMAP_TEST_N", 80)
    80
    """
    value = os.environ.get(name, "").strip()
    if not (value.isascii() and value.isdecimal()) or int(value) <= 0:
        return default
    return min(int(value), largest)


def watching(path: Path, run, clear_screen: bool = False) -> None:
    """Run ``run`` now and at every save of ``path`` until Ctrl-C; the problems of a bad save are shown, not fatal."""
    from ..watch import watch

    if reads_stdin(path):
        raise fail("--watch needs a map file; standard input cannot be watched")
    if not path.exists():
        raise fail(f"{path}: no such file")

    def once() -> None:
        if clear_screen:
            sys.stdout.write("\x1b[2J\x1b[H")
            sys.stdout.flush()
        try:
            run()
        except (typer.Exit, SystemExit):
            pass  # the problems are printed; wait for the next save
        release_kept()  # this run's map, held for a quick exit, is not needed by the next
        gc.collect()  # run_and_exit may switch the cyclic collector off; a long watch collects per run
        sys.stdout.flush()
        stamp = datetime.now().strftime("%H:%M:%S")
        print(f"argmap: watching {shown(str(path), 4096)} ({stamp}); Ctrl-C stops", file=sys.stderr)

    def missing() -> None:
        print(f"argmap: {shown(str(path), 4096)} is gone; waiting for it to come back", file=sys.stderr)

    watch(path, once, on_missing=missing)
    raise typer.Exit(0)
