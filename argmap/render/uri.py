"""Paths in machine reports: relative to the working folder where they can be."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote


def relative_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (the working folder) with ``/`` separators, when it lies inside it.

    Examples
    --------
    >>> relative_path("/repo/arguments/a.yaml", "/repo")
    'arguments/a.yaml'
    >>> relative_path("/elsewhere/a.yaml", "/repo")
    '/elsewhere/a.yaml'
    >>> relative_path("./arguments/a.yaml", "/repo")
    'arguments/a.yaml'
    """
    root = os.path.abspath(root or os.getcwd())
    absolute = os.path.abspath(os.path.join(root, path))
    relative = os.path.relpath(absolute, root)
    if relative == ".." or relative.startswith(".." + os.sep):
        return absolute.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def file_uri(path: str, root: str | None = None) -> str:
    """A URI for ``path``: relative (percent-encoded) inside ``root``, else ``file://``.

    Examples
    --------
    >>> file_uri("/repo/my maps/a#1.yaml", "/repo")
    'my%20maps/a%231.yaml'
    >>> file_uri("/elsewhere/a.yaml", "/repo")
    'file:///elsewhere/a.yaml'
    """
    shown = relative_path(path, root)
    if os.path.isabs(shown) or Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(str(PurePosixPath(shown)), safe="/")
