"""Writing an output file safely: whole or not at all, and never over the map it came from.

The data goes to a temporary file in the destination's folder, which is then renamed
over the destination (:func:`os.replace` is atomic within one file system), so a
reader never sees half a diagram and a failed run leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written where asked; the message says why."""


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links, and paths that resolve differently
    except OSError:
        return False


def write_atomic(path: str | os.PathLike[str], data: bytes, protect: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Parameters
    ----------
    path : path-like
        The destination. A symbolic link is written through: its target is replaced.
    data : bytes
        The whole content.
    protect : iterable of path-like
        Files that must never be overwritten (the input map).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OutputError
        ``path`` is a protected file or a folder, or its folder does not exist or
        cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> out = write_atomic(folder / "map.dot", b"digraph {}")
    >>> out.read_bytes()
    b'digraph {}'
    >>> write_atomic(folder / "map.dot", b"x", protect=[folder / "map.dot"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    argmap.atomic.OutputError: refusing to overwrite the input map ...map.dot
    """
    target = Path(path)
    for guarded in protect:
        if _same_file(target, Path(guarded)):
            raise OutputError(f"refusing to overwrite the input map {guarded}")
    target = target.resolve()
    if target.is_dir():
        raise OutputError(f"{path} is a folder")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return target
