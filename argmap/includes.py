"""Libraries: the files a map names under ``include``, read and merged into its model.

A map (or a library) may write ``include: [PATH, …]``: each path is relative to the
folder of the file that names it, and must stay, once its symbolic links are
resolved, inside the git work tree that holds the top map (else the top map's
folder); a URL or an absolute path is refused. An included file is a **library**
(``library: true``, no thesis). Its statements and arguments join the map's under
their own ids and keep the file they are written in (``Statement.file``), so that a
problem points at that file. Libraries are read depth first; a file reached twice
is read once; a file that includes itself, directly or not, is a cycle.

Every refusal is an AM002 issue at the include's entry, in the file that names it.
The budgets hold for the map and its libraries together: their bytes share the
map's ``max_bytes`` (so the YAML nodes, statements and relations are bounded as for
one file), at most :data:`MAX_INCLUDED_FILES` files are read, nested at most
:data:`MAX_INCLUDE_DEPTH` deep.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .loader import MAX_STATEMENTS, Include, Issue, Loaded, _TooBig, build_file, read_regular, whole_map_issues
from .model import ArgumentMap, Position
from .repo import work_tree
from .textsafe import shown

MAX_INCLUDED_FILES = 200
"""Libraries a map may include, directly or not: each is a file to open and parse."""
MAX_INCLUDE_DEPTH = 32
"""Longest chain of libraries that include one another."""


class _Reader:
    """Reads the libraries of one map, depth first, collecting their models in the order they are merged."""

    def __init__(self, top: ArgumentMap, top_dir: Path, budget: int) -> None:
        top_real = (top_dir / Path(top.path).name).resolve()
        self.allowed = work_tree(top_dir) or top_dir.resolve()
        self.inside_what = "the repository" if work_tree(top_dir) else "the map's folder"
        self.stack: list[tuple[Path, str]] = [(top_real, top.path)]
        self.seen: set[Path] = {top_real}
        self.budget = budget
        self.issues: list[Issue] = []
        self.libraries: list[ArgumentMap] = []
        """The libraries, each after the ones it includes."""

    def refuse(self, pos: Position, file: str | None, message: str) -> None:
        self.issues.append(Issue("AM002", pos, message, file=file))

    def read(self, includes: list[Include], folder: Path, display: str, file: str | None) -> None:
        """Read the libraries ``includes`` names; the including file is shown as ``display`` (``file``: None for
        the top map) and lies in ``folder``."""
        for written, pos in includes:
            what = f"The included file `{shown(written)}`"
            if "://" in written:
                self.refuse(pos, file, f"{what} is a URL: an include is a path relative to the file's folder")
                continue
            relative = Path(written)
            if relative.is_absolute() or relative.drive:
                self.refuse(pos, file, f"{what} must be a path relative to the folder of the file that includes it")
                continue
            try:
                real = (folder / relative).resolve()
            except (OSError, RuntimeError):  # a loop of symbolic links
                self.refuse(pos, file, f"{what} cannot be resolved (a loop of symbolic links)")
                continue
            if not real.is_relative_to(self.allowed):
                self.refuse(pos, file, f"{what} leads outside {self.inside_what}")
                continue
            shown_as = os.path.normpath(os.path.join(os.path.dirname(display), written))
            if any(real == open_real for open_real, _ in self.stack):
                ring = [name for _, name in self.stack[[r for r, _ in self.stack].index(real):]]
                self.refuse(pos, file, "Included files form a cycle: " + " → ".join(
                    f"`{shown(name)}`" for name in [*ring, shown_as]))
                continue
            if real in self.seen:
                continue  # read once, however many paths lead to it
            self.seen.add(real)
            self.load(real, folder / relative, shown_as, pos, file, what)

    def load(self, real: Path, path: Path, shown_as: str, pos: Position, file: str | None, what: str) -> None:
        """Read and build one library, then the libraries it includes."""
        if len(self.seen) - 1 > MAX_INCLUDED_FILES:
            self.refuse(pos, file, f"{what} is one too many: a map includes at most {MAX_INCLUDED_FILES} files")
            return
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            self.refuse(pos, file, f"{what} nests too deep: libraries include one another at most "
                        f"{MAX_INCLUDE_DEPTH} levels deep")
            return
        try:
            info = os.stat(real)
            if stat.S_ISDIR(info.st_mode):
                self.refuse(pos, file, f"{what} is a folder, not a library file")
                return
            if not stat.S_ISREG(info.st_mode):
                self.refuse(pos, file, f"{what} is not a regular file")
                return
            if info.st_size > self.budget:
                self.refuse(pos, file, f"{what} is too large: a map and its libraries hold at most the map's "
                            "limit of bytes together (see --max-bytes)")
                return
            data = read_regular(real, info, self.budget + 1)
        except FileNotFoundError:
            self.refuse(pos, file, f"{what} does not exist")
            return
        except OSError as exc:
            self.refuse(pos, file, f"{what} cannot be read: {exc.strerror or exc}")
            return
        self.budget -= len(data)
        loaded, includes = build_file(data, shown_as, base_dir=path.parent)
        self.issues += [Issue(issue.code, issue.pos, issue.message, issue.subject, file=shown_as)
                        for issue in loaded.issues]
        library = loaded.model
        if library is None:
            return
        if not library.library:
            self.refuse(pos, file, f"{what} is a map, not a library: a file to include says `library: true` "
                        "and names no thesis")
            return
        for stmt in library.statements.values():
            stmt.file = shown_as
        for argument in library.arguments.values():
            argument.file = shown_as
        self.stack.append((real, shown_as))
        self.read(includes, path.parent, shown_as, shown_as)
        self.stack.pop()
        self.libraries.append(library)


def merge_includes(loaded: Loaded, includes: list[Include], folder: Path | None, budget: int) -> None:
    """Read the libraries the map of ``loaded`` includes and merge them into its model, their issues into its
    issues. ``folder`` is the map's (None: a map read from standard input or from git, which cannot include);
    ``budget`` the bytes its libraries may hold together."""
    model = loaded.model
    assert model is not None
    if folder is None:
        for _, pos in includes:
            loaded.issues.append(Issue("AM002", pos, "`include` cannot be resolved for a map read from standard "
                                       "input or from git"))
        return
    reader = _Reader(model, folder, budget)
    reader.read(includes, folder, model.path, None)
    loaded.issues += reader.issues
    _merge(model, reader.libraries, loaded.issues)
    for code, pos, message, subject in whole_map_issues(model, any(s.answers for s in model.statements.values())):
        loaded.issues.append(Issue(code, pos, message, subject))


def _merge(model: ArgumentMap, libraries: list[ArgumentMap], issues: list[Issue]) -> None:
    """Put the libraries' statements and arguments before the map's own, in the order read; a second
    definition of an id is AM003 where it is written, and the first is kept."""
    statements: dict = {}
    arguments: dict = {}
    offset = 0
    for part in (*libraries, model):
        last = 0
        for table, items in ((statements, part.statements), (arguments, part.arguments)):
            for item_id, item in items.items():
                first = statements.get(item_id) or arguments.get(item_id)
                if first is not None:
                    where = f"{first.file or model.path}:{first.pos.line}"
                    issues.append(Issue("AM003", item.pos, f"`{shown(item_id)}` is already defined at "
                                        f"{shown(where, 400)}", file=item.file))
                    continue
                last = max(last, item.order)
                item.order += offset
                table[item_id] = item
        offset += last
    if len(statements) > MAX_STATEMENTS:
        raise _TooBig(Issue("AM001", Position(1, 1), f"The map and its libraries hold more than "
                            f"{MAX_STATEMENTS:,} statements"))
    model.statements, model.arguments = statements, arguments
    model.includes = [library.path for library in libraries]
