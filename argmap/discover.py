"""Finding the map files a command was given: files as named, folders searched."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")
MAP_NAMES = re.compile(r"(^|/)arguments/.+\.ya?ml$|\.argmap\.ya?ml$")
"""What a map's path looks like where no configuration says where maps are: a YAML file under a
folder named ``arguments``, or a file named ``*.argmap.yaml`` or ``*.argmap.yml``."""


def named_like_a_map(path: Path) -> bool:
    """True for a path that :data:`MAP_NAMES` matches (``/`` separators, as written).

    Examples
    --------
    >>> [named_like_a_map(Path(p)) for p in ("arguments/a.yaml", "x/op-ed.argmap.yml", ".github/ci.yml")]
    [True, True, False]
    """
    return MAP_NAMES.search(path.as_posix()) is not None


class PathNotFound(Exception):
    """A path given on the command line does not exist."""


@dataclass
class Discovery:
    """The map files found, in a stable order, and folder entries that could not be read."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    empty: list[Path] = field(default_factory=list)
    """Folders given that hold no map file at all, excluded or not."""
    excluded: int = 0
    """How many files and folders ``exclude`` left out."""


def discover(paths: list[Path], exclude: Callable[[Path], bool] | None = None) -> Discovery:
    """Expand ``paths`` into map files: a file is taken as named, a folder is searched.

    Folders are searched for ``*.yaml`` and ``*.yml`` without following symbolic
    links to folders, so a link loop cannot trap the walk. A file or folder for which
    ``exclude`` is true is left out, named or found. Raises :class:`PathNotFound` for
    a path that does not exist.
    """
    found = Discovery()
    seen: set[Path] = set()
    skip = exclude or (lambda path: False)

    def add(path: Path) -> bool:
        if skip(path):
            found.excluded += 1
            return False
        if path not in seen:
            seen.add(path)
            found.files.append(path)
        return True

    for path in paths:
        if not os.path.lexists(path):
            raise PathNotFound(f"{path}: no such file or folder")
        if not path.is_dir():
            add(path)
            continue
        if skip(path):
            found.excluded += 1
            continue
        errors: list[OSError] = []
        holds_maps = False
        for folder, subfolders, names in os.walk(path, onerror=errors.append):
            kept = sorted(name for name in subfolders if not skip(Path(folder) / name))
            found.excluded += len(subfolders) - len(kept)
            holds_maps = holds_maps or len(kept) < len(subfolders)  # an excluded folder may hold maps
            subfolders[:] = kept
            for name in sorted(names):
                if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                    holds_maps = True
                    add(Path(folder) / name)
        for error in errors:
            found.unreadable.append((Path(error.filename), error.strerror or str(error)))
        if not holds_maps and not errors:
            found.empty.append(path)
    return found
