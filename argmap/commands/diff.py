"""`argmap diff OLD NEW`: what changed between two versions of a map, and what it did to the labels."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, fail, write_output
from ..cliutil import check_or_exit, errors_config, keep_until_exit, print_errors, reads_stdin
from .viewing import DEFAULT_SEMANTICS, MaxBytesOption, OutputOption, SemanticsOption

if TYPE_CHECKING:
    from ..checker import CheckResult
    from ..context import MapContext

DIFF_FORMAT_NAMES = ("text", "json")
"""The choices of ``--format``: the keys of :data:`argmap.render.diff.DIFF_FORMATS`, which is imported only when the
command runs (it brings networkx)."""
DiffFormat = Enum("DiffFormat", {name: name for name in DIFF_FORMAT_NAMES}, type=str)  # type: ignore[misc]
"""The choices of --format: the renderers' names."""
DEFAULT_FORMAT = DiffFormat("text")
_SIDE_HELP = ("a map file, - for standard input, or git:REV:PATH for the version committed at REV (PATH from the "
              "repository's top, ./PATH from the current folder; its source.text_file and its includes are read at REV too)")


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help=f"The old map: {_SIDE_HELP}.", show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new map, given as OLD is.", show_default=False)],
    output_format: Annotated[DiffFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="Output format.")] = DEFAULT_FORMAT,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when the maps differ, 0 when they do not.")] = False,
    semantics_name: SemanticsOption = DEFAULT_SEMANTICS,
    max_bytes: MaxBytesOption = None,
    output: OutputOption = None,
) -> None:
    """Compare two versions of a map: statements added, removed and reworded (by id, with a word diff), kinds
    and weights changed, relations added and removed, and every statement whose label (or strength, under a
    weighted semantics) changed, the thesis first, each with the one change that explains it where one does.

    A map with errors prints them on stderr, the diff covers what loaded (without labels: the evaluation of a
    broken map would mislead), and the exit code is 2, as for a usage mistake.
    """
    from ..gitread import is_git_spec
    from ..loader import STDIN_NAME
    from ..mapdiff import Standing, map_diff, standing
    from ..render.diff import DIFF_FORMATS, DiffReport
    from ..semantics import SemanticsError

    if reads_stdin(old) and reads_stdin(new):
        raise fail("OLD and NEW cannot both be - (standard input)")
    before, after, broken = sides_or_exit(old, new, max_bytes)
    semantics = semantics_name.value
    try:  # a map with errors is compared as far as it loaded, its labels not at all
        found = map_diff(before, after, *((Standing({}), Standing({})) if broken else
                                          (standing(before, semantics), standing(after, semantics))))
    except SemanticsError as exc:
        raise fail(str(exc))
    texts = {item: stmt.text for item, stmt in before.model.statements.items()}
    texts.update((item, stmt.text) for item, stmt in after.model.statements.items())
    old_name, new_name = (STDIN_NAME if reads_stdin(spec) else spec for spec in (old, new))
    report = DiffReport(found, old_name, new_name, semantics, texts, after.thesis or before.thesis,
                        labels_compared=not broken)
    on_disk = [spec for spec in (old, new) if not is_git_spec(spec)]
    write_output(DIFF_FORMATS[output_format.value](report), output, protect=on_disk, announce=True)
    if broken:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if exit_code and found.differs else EXIT_OK)


def sides_or_exit(old: str, new: str, max_bytes: int | None) -> tuple[MapContext, MapContext, bool]:
    """Both maps as far as they load, and whether either has errors (printed on stderr, as `check` prints them);
    a map that does not load at all (its YAML, its size) exits 2 after its errors, as a bad path or git: spec
    does."""
    loaded: list[MapContext | None] = []
    broken = False
    for spec in (old, new):
        result = keep_until_exit(side_result(spec, max_bytes))
        if result.has_errors:
            print_errors(result)
            broken = True
        loaded.append(result.context)
    if loaded[0] is None or loaded[1] is None:
        raise SystemExit(EXIT_USAGE)
    return loaded[0], loaded[1], broken


def side_result(spec: str, max_bytes: int | None) -> CheckResult:
    """One map checked, whatever its problems, from a file, standard input or ``git:REV:PATH``."""
    from ..checker import check_loaded
    from ..gitread import GitError, is_git_spec, load_at_revision

    if not is_git_spec(spec):
        return check_or_exit(Path(spec), max_bytes)
    config = errors_config(max_bytes)
    try:
        return check_loaded(load_at_revision(spec, max_bytes=config.max_bytes), config, spec)
    except GitError as exc:
        raise fail(str(exc))
