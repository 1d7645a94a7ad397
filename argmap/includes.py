"""Libraries: the files a map names under ``include``, read and merged into its model.

A map (or a library) may write ``include: [PATH, …]``: each path is relative to the
folder of the file that names it, and must stay, once its symbolic links are
resolved, inside the git work tree that holds the top map (else the top map's
folder); a URL or an absolute path is refused. An included file is a **library**
(``library: true``, no thesis). Its statements and arguments join the map's under
their own ids and keep the file they are written in (``Statement.file``), so that a
problem points at that file. Libraries are read depth first; a file reached twice
is read once; a file that includes itself, directly or not, is a cycle.

An entry written ``{path: PATH, as: ALIAS}`` puts the library in a namespace: each
file has one prefix, the prefix of the file that includes it followed by ``ALIAS.``
when that include has an alias (the top map's prefix is empty), and every id the
file defines or names takes it. A library included as ``a`` that includes ``m.yaml``
plainly thus defines ``a.x`` and names ``m.yaml``'s ``y`` as ``a.y``, which is what
``m.yaml``'s ``y`` becomes. A file reached under two prefixes is an error.

The files are found and read by a :class:`LibraryFiles`: :class:`DiskFiles` for a
map on disk, :class:`argmap.gitread.GitFiles` for a map read at a git revision.

Every refusal is an AM002 issue at the include's entry, in the file that names it.
The budgets hold for the map and its libraries together: their bytes share the
map's ``max_bytes`` (so the YAML nodes, statements and relations are bounded as for
one file), at most :data:`MAX_INCLUDED_FILES` files are read, nested at most
:data:`MAX_INCLUDE_DEPTH` deep.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .loader import MAX_STATEMENTS, Include, Issue, Loaded, _TooBig, build_file, read_regular, whole_map_issues
from .model import Answer, ArgumentMap, Position, Ref, Undercut
from .repo import work_tree
from .textsafe import shown

MAX_INCLUDED_FILES = 200
"""Libraries a map may include, directly or not: each is a file to open and parse."""
MAX_INCLUDE_DEPTH = 32
"""Longest chain of libraries that include one another."""
TOO_LARGE = "is too large: a map and its libraries hold at most the map's limit of bytes together (see --max-bytes)"
"""Why a library too large for what is left of the budget is refused."""


class Refused(Exception):
    """A file that cannot be included; the message says why, to follow "The included file `PATH`"."""


@dataclass(frozen=True)
class Place:
    """A file of a map or of its libraries, as a :class:`LibraryFiles` found it."""

    key: str
    """What makes two places one file: its real path on disk, or its path from the repository's top at REV."""
    path: str
    """The file's path as reached (links not resolved): the includes it writes are relative to its folder."""
    shown: str
    """The file's path as problems show it."""


class LibraryFiles(Protocol):
    """Where the libraries of one map are found and read."""

    def top(self, path: str) -> Place:
        """The map itself, which problems show as ``path``."""

    def find(self, written: str, including: Place) -> Place:
        """The file an include entry names (``written``, relative and no URL) in the file ``including``;
        :class:`Refused` when it may not be included."""

    def read(self, place: Place, limit: int) -> bytes:
        """The bytes of the library at ``place``; :class:`Refused` when it is missing, no regular file, larger
        than ``limit`` bytes or unreadable."""

    def build(self, data: bytes, place: Place) -> tuple[Loaded, list[Include]]:
        """The library's model and issues and its own includes, with :func:`~argmap.loader.build_file`."""


class DiskFiles:
    """The libraries of a map in the folder ``folder``: files inside the git work tree that holds it (after
    resolving symbolic links), or inside that folder when it is in none."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        tree = work_tree(folder)
        self.allowed = tree or folder.resolve()
        self.inside_what = "the repository" if tree else "the map's folder"

    def top(self, path: str) -> Place:
        full = self.folder / Path(path).name
        return Place(str(full.resolve()), str(full), path)

    def find(self, written: str, including: Place) -> Place:
        path = os.path.join(os.path.dirname(including.path), written)
        try:
            real = Path(path).resolve()
        except (OSError, RuntimeError):  # a loop of symbolic links
            raise Refused("cannot be resolved (a loop of symbolic links)") from None
        if not real.is_relative_to(self.allowed):
            raise Refused(f"leads outside {self.inside_what}")
        return Place(str(real), path, os.path.normpath(os.path.join(os.path.dirname(including.shown), written)))

    def read(self, place: Place, limit: int) -> bytes:
        try:
            info = os.stat(place.key)
            if stat.S_ISDIR(info.st_mode):
                raise Refused("is a folder, not a library file")
            if not stat.S_ISREG(info.st_mode):
                raise Refused("is not a regular file")
            if info.st_size > limit:
                raise Refused(TOO_LARGE)
            return read_regular(Path(place.key), info, limit + 1)
        except FileNotFoundError:
            raise Refused("does not exist") from None
        except OSError as exc:
            raise Refused(f"cannot be read: {exc.strerror or exc}") from None

    def build(self, data: bytes, place: Place) -> tuple[Loaded, list[Include]]:
        return build_file(data, place.shown, base_dir=Path(place.path).parent, included=True)


def _as(prefix: str) -> str:
    """How a message names the namespace ``prefix``."""
    return f"as `{shown(prefix[:-1])}`" if prefix else "without an alias"


class _Reader:
    """Reads the libraries of one map, depth first, collecting their models in the order they are merged."""

    def __init__(self, files: LibraryFiles, top: Place, budget: int) -> None:
        self.files = files
        self.stack: list[Place] = [top]
        self.seen: dict[str, str] = {top.key: ""}
        """Each file read (its key) and its prefix."""
        self.budget = budget
        self.issues: list[Issue] = []
        self.libraries: list[ArgumentMap] = []
        """The libraries, each after the ones it includes."""

    def refuse(self, pos: Position, file: str | None, message: str) -> None:
        self.issues.append(Issue("AM002", pos, message, file=file))

    def read(self, includes: list[Include], including: Place, prefix: str, file: str | None) -> None:
        """Read the libraries ``includes`` names in the file ``including`` (``file``: None for the top map), whose
        ids take ``prefix``."""
        for entry in includes:
            what = f"The included file `{shown(entry.path)}`"
            relative = Path(entry.path)
            if "://" in entry.path:
                self.refuse(entry.pos, file, f"{what} is a URL: an include is a path relative to the file's folder")
                continue
            if relative.is_absolute() or relative.drive:
                self.refuse(entry.pos, file, f"{what} must be a path relative to the folder of the file that "
                            "includes it")
                continue
            try:
                place = self.files.find(entry.path, including)
            except Refused as exc:
                self.refuse(entry.pos, file, f"{what} {exc}")
                continue
            self.visit(place, prefix + (f"{entry.alias}." if entry.alias else ""), entry.pos, file, what)

    def visit(self, place: Place, prefix: str, pos: Position, file: str | None, what: str) -> None:
        """Read the library at ``place`` under ``prefix`` unless it is part of a cycle or already read."""
        keys = [open_place.key for open_place in self.stack]
        if place.key in keys:
            ring = [open_place.shown for open_place in self.stack[keys.index(place.key):]]
            self.refuse(pos, file, "Included files form a cycle: " + " → ".join(
                f"`{shown(name)}`" for name in [*ring, place.shown]))
            return
        first = self.seen.get(place.key)
        if first is not None:  # read once, however many paths lead to it, but under one prefix
            if first != prefix:
                self.refuse(pos, file, f"{what} is already included {_as(first)}, here {_as(prefix)}: a file "
                            "is included under one alias only")
            return
        self.seen[place.key] = prefix
        self.load(place, prefix, pos, file, what)

    def load(self, place: Place, prefix: str, pos: Position, file: str | None, what: str) -> None:
        """Read and build one library, then the libraries it includes."""
        if len(self.seen) - 1 > MAX_INCLUDED_FILES:
            self.refuse(pos, file, f"{what} is one too many: a map includes at most {MAX_INCLUDED_FILES} files")
            return
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            self.refuse(pos, file, f"{what} nests too deep: libraries include one another at most "
                        f"{MAX_INCLUDE_DEPTH} levels deep")
            return
        try:
            data = self.files.read(place, self.budget)
        except Refused as exc:
            self.refuse(pos, file, f"{what} {exc}")
            return
        if len(data) > self.budget:  # it grew while being read
            self.refuse(pos, file, f"{what} {TOO_LARGE}")
            return
        self.budget -= len(data)
        loaded, includes = self.files.build(data, place)
        self.issues += [Issue(issue.code, issue.pos, issue.message, issue.subject and prefix + issue.subject,
                              file=place.shown) for issue in loaded.issues]
        library = loaded.model
        if library is None:
            return
        if not library.library:
            self.refuse(pos, file, f"{what} is a map, not a library: a file to include says `library: true` "
                        "and names no thesis")
            return
        for stmt in library.statements.values():
            stmt.file = place.shown
        for argument in library.arguments.values():
            argument.file = place.shown
        if prefix:
            with_prefix(library, prefix)
        self.stack.append(place)
        self.read(includes, place, prefix, place.shown)
        self.stack.pop()
        self.libraries.append(library)


def with_prefix(library: ArgumentMap, prefix: str) -> None:
    """Give every id that ``library`` defines or names (in its relations, undercuts, answers and arguments) the
    prefix ``prefix``. A question an answer names is its scheme's, not the map's, and keeps its id.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b"argmap: 1\\ntitle: L\\nlibrary: true\\nclaims:\\n  c: {text: C, supports: d}\\n  d: {text: D}\\n"
    >>> library = load_bytes(text, "l.yaml").model
    >>> with_prefix(library, "a.")
    >>> [(stmt.id, [ref.id for ref in stmt.supports]) for stmt in library.statements.values()]
    [('a.c', ['a.d']), ('a.d', [])]
    """
    names: dict[str, str] = {}

    def name(item_id: str) -> str:
        found = names.get(item_id)
        if found is None:  # one string per id, as the loader's own ids are (`_Builder.own`)
            found = names[item_id] = prefix + item_id
        return found

    def ref(old: Ref | None) -> Ref | None:
        return Ref(name(old.id), old.pos) if old is not None else None

    def refs(old: Sequence[Ref]) -> Sequence[Ref]:
        return [Ref(name(item.id), item.pos) for item in old] if old else old

    for stmt in library.statements.values():
        stmt.id = name(stmt.id)
        stmt.supports, stmt.attacks, stmt.contradicts = refs(stmt.supports), refs(stmt.attacks), refs(stmt.contradicts)
        if stmt.undercuts:
            stmt.undercuts = [Undercut(cut.pos, ref(cut.argument), ref(cut.source), ref(cut.target))
                              for cut in stmt.undercuts]
        if stmt.answers:
            stmt.answers = [Answer(answer.pos, Ref(name(answer.argument.id), answer.argument.pos), answer.question)
                            for answer in stmt.answers]
    for argument in library.arguments.values():
        argument.id = name(argument.id)
        argument.premises = list(refs(argument.premises))
        argument.conclusion = ref(argument.conclusion)
    library.statements = {stmt.id: stmt for stmt in library.statements.values()}
    library.arguments = {argument.id: argument for argument in library.arguments.values()}


def merge_includes(loaded: Loaded, includes: list[Include], files: LibraryFiles | None, budget: int) -> None:
    """Read the libraries the map of ``loaded`` includes and merge them into its model, their issues into its
    issues; then the checks that need the whole map. ``files`` finds and reads them (None: a map read from
    standard input without a name, which cannot include); ``budget`` is the bytes they may hold together."""
    model = loaded.model
    assert model is not None
    if files is None:
        for entry in includes:
            loaded.issues.append(Issue("AM002", entry.pos, "`include` cannot be resolved for a map read from "
                                       "standard input"))
    else:
        top = files.top(model.path)
        reader = _Reader(files, top, budget)
        reader.read(includes, top, "", None)
        loaded.issues += reader.issues
        _merge(model, reader.libraries, loaded.issues)
    for code, pos, message, subject in whole_map_issues(model, any(s.answers for s in model.statements.values())):
        loaded.issues.append(Issue(code, pos, message, subject, file=model.file_of(subject)))


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
