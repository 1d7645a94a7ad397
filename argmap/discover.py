"""Finding the map files a command was given: files as named, folders searched."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


class PathNotFound(Exception):
    """A path given on the command line does not exist."""


@dataclass
class Discovery:
    """The map files found, in a stable order, and folder entries that could not be read."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def discover(paths: list[Path]) -> Discovery:
    """Expand ``paths`` into map files: a file is taken as named, a folder is searched.

    Folders are searched for ``*.yaml`` and ``*.yml`` without following symbolic
    links to folders, so a link loop cannot trap the walk. Raises
    :class:`PathNotFound` for a path that does not exist.
    """
    found = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for path in paths:
        if not os.path.lexists(path):
            raise PathNotFound(f"{path}: no such file or folder")
        if not path.is_dir():
            add(path)
            continue
        errors: list[OSError] = []
        for folder, subfolders, names in os.walk(path, onerror=errors.append):
            subfolders.sort()
            for name in sorted(names):
                if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                    add(Path(folder) / name)
        for error in errors:
            found.unreadable.append((Path(error.filename), error.strerror or str(error)))
    return found
