"""Where a repository begins: the top of the git work tree that holds a path.

Reports that CI tools read (SARIF) name files from the repository's top, and a
configuration's ``extend`` may not reach outside the repository. git is not run:
the top is the nearest folder, from the path upward, that holds a ``.git`` entry
(a folder, or a file as in a worktree or a submodule).
"""

from __future__ import annotations

import os
from pathlib import Path


def work_tree(path: str | os.PathLike[str]) -> Path | None:
    """The top of the git work tree holding ``path`` (a file or a folder), after resolving links; None outside one.

    Examples
    --------
    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp()).resolve()
    >>> (top / ".git").mkdir(); (top / "maps").mkdir()
    >>> work_tree(top / "maps" / "a.yaml") == top
    True
    """
    start = Path(os.path.realpath(path))
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def repository(folder: str | os.PathLike[str]) -> Path:
    """What counts as the repository for a file in ``folder``: the git work tree holding it, else the folder
    itself (links resolved). A configuration's ``extend`` and ``paths`` must stay inside it."""
    return work_tree(folder) or Path(os.path.realpath(folder))


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """True when ``path``, with its links resolved, lies in ``folder`` (resolved too) or is it."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
