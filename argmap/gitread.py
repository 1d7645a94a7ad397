"""A map as a git revision holds it: `argmap diff git:REV:PATH`.

PATH is read as ``git show REV:PATH`` reads it: from the top of the repository, or,
when it starts with ``./`` or ``../``, from the current folder. The map's
``source.text_file`` and the libraries it includes are read at REV too (:class:`GitFiles`),
each from the map's folder at REV and never outside the repository. git runs as a subprocess,
never through a shell, each call within :data:`GIT_TIMEOUT` seconds, and reads
objects only (``ls-tree``, ``cat-file``): no hook, filter or pager runs. A blob is
read only when ``ls-tree`` says it is a regular file no larger than the limit.
"""

from __future__ import annotations

import errno
import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .includes import TOO_LARGE, Place, Refused
from .loader import MAX_FILE_BYTES, MAX_TEXT_FILE_BYTES, Include, Loaded, TextReader, build_file, load_bytes, too_large

GIT_PREFIX = "git:"
GIT_TIMEOUT = 30
"""Seconds any one git call may take."""
_ENVIRONMENT = {"GIT_LITERAL_PATHSPECS": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


class GitError(Exception):
    """git could not give the map: not a repository, an unknown revision or path, git missing or too slow."""


@dataclass(frozen=True)
class GitPlace:
    """A file at a revision: the repository's top, the revision as given and the path from the top."""

    top: Path
    rev: str
    path: str


def is_git_spec(spec: str) -> bool:
    """True when a command-line map names a committed version (``git:REV:PATH``)."""
    return spec.startswith(GIT_PREFIX)


def _git(args: list[str], cwd: Path | str) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``cwd``; GitError when git is missing or does not answer in time."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=GIT_TIMEOUT, env={**os.environ, **_ENVIRONMENT}, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed, and git:REV:PATH needs it") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git did not answer within {GIT_TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"git cannot run: {exc.strerror or exc}") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's first line of complaint, for a message."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else f"git exited with {result.returncode}"


def locate(spec: str, cwd: Path | str = ".") -> GitPlace:
    """Where ``git:REV:PATH`` points, with the revision checked; GitError when it points nowhere.

    Examples
    --------
    >>> locate("git:HEAD")
    Traceback (most recent call last):
    ...
    argmap.gitread.GitError: `git:HEAD` is not git:REV:PATH (for example git:HEAD:arguments/map.yaml)
    """
    rev, colon, path = spec[len(GIT_PREFIX):].partition(":")
    if not rev or not colon or not path:
        raise GitError(f"`{spec}` is not git:REV:PATH (for example git:HEAD:arguments/map.yaml)")
    where = _git(["rev-parse", "--show-toplevel", "--show-prefix"], cwd)
    if where.returncode != 0:
        raise GitError(f"{spec}: not inside a git repository ({_said(where)})")
    top, prefix = (where.stdout.decode("utf-8", "surrogateescape").splitlines() + ["", ""])[:2]
    if rev.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{tree}}"], top).returncode != 0:
        raise GitError(f"{spec}: unknown revision `{rev}`")
    if path.startswith(("./", "../")):
        path = posixpath.join(prefix, path)
    path = posixpath.normpath(path)
    if path == ".." or path.startswith("../") or posixpath.isabs(path):
        raise GitError(f"{spec}: the path leads outside the repository")
    return GitPlace(Path(top), rev, path)


def read_blob(place: GitPlace, limit: int) -> bytes:
    """The bytes of the file at ``place``: FileNotFoundError when the revision has no file there,
    IsADirectoryError when it is a folder there, another OSError when it is not a regular file or is larger than
    ``limit`` bytes, GitError when git fails."""
    listed = _git(["ls-tree", "-l", "-z", "--full-tree", place.rev, "--", place.path], place.top)
    if listed.returncode != 0:
        raise GitError(f"git ls-tree: {_said(listed)}")
    entry = next((item for item in listed.stdout.split(b"\0") if item.endswith(b"\t" + os.fsencode(place.path))), None)
    if entry is None:
        raise FileNotFoundError(errno.ENOENT, "no such file at the revision")
    mode, kind, name, size = entry.split(b"\t", 1)[0].split()
    if kind == b"tree":
        raise IsADirectoryError(errno.EISDIR, "it is a folder at the revision, not a regular file")
    if kind != b"blob" or mode == b"120000":
        what = "a submodule" if kind == b"commit" else "a symbolic link"
        raise OSError(errno.EINVAL, f"it is {what} at the revision, not a regular file")
    if int(size) > limit:
        raise OSError(errno.EFBIG, f"it is larger than the limit of {limit:,} bytes")
    blob = _git(["cat-file", "blob", name.decode("ascii")], place.top)
    if blob.returncode != 0:
        raise GitError(f"git cat-file: {_said(blob)}")
    return blob.stdout


def load_at_revision(spec: str, cwd: Path | str = ".", max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Load the map ``git:REV:PATH`` names, its ``source.text_file`` and its libraries read at REV.

    A map that is not at REV or not a regular file there is a GitError; one larger than
    ``max_bytes`` is AM001, as on disk. Problems name the map ``spec``.
    """
    place = locate(spec, cwd)
    try:
        data = read_blob(place, max_bytes)
    except FileNotFoundError:
        raise GitError(f"{spec}: no file `{place.path}` at `{place.rev}` (the path is from the repository's top; "
                       "./PATH is from the current folder)") from None
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            return Loaded(None, [too_large(None, max_bytes)])
        raise GitError(f"{spec}: {exc.strerror}") from None
    files = GitFiles(place)
    return load_bytes(data, spec, base_dir=None, read_text=files.text_reader(place.path), max_bytes=max_bytes,
                      libraries=files)


class GitFiles:
    """The libraries of a map read at a revision (a :class:`~argmap.includes.LibraryFiles`): each include is
    relative to its file's folder at REV, is read as ``git show REV:PATH`` reads it, and must stay inside the
    repository (by its path alone: git holds a symbolic link as a link, which is never read). A library shows
    in problems as ``git:REV:PATH``, PATH from the repository's top."""

    def __init__(self, place: GitPlace) -> None:
        self.place = place

    def top(self, path: str) -> Place:
        return Place(self.place.path, self.place.path, path)

    def find(self, written: str, including: Place) -> Place:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(including.path), written))
        if path == ".." or path.startswith("../"):
            raise Refused("leads outside the repository")
        return Place(path, path, f"{GIT_PREFIX}{self.place.rev}:{path}")

    def read(self, place: Place, limit: int) -> bytes:
        rev = self.place.rev
        try:
            return read_blob(GitPlace(self.place.top, rev, place.key), limit)
        except FileNotFoundError:
            raise Refused(f"does not exist at `{rev}`") from None
        except IsADirectoryError:
            raise Refused(f"is a folder at `{rev}`, not a library file") from None
        except OSError as exc:
            raise Refused(TOO_LARGE if exc.errno == errno.EFBIG else f"cannot be read at `{rev}`: {exc.strerror}") \
                from None
        except GitError as exc:
            raise Refused(f"cannot be read at `{rev}`: {exc}") from None

    def build(self, data: bytes, place: Place) -> tuple[Loaded, list[Include]]:
        return build_file(data, place.shown, read_text=self.text_reader(place.path), included=True)

    def text_reader(self, path: str) -> TextReader:
        """What reads a ``source.text_file`` of the file at ``path`` (from the top) at REV, beside that file."""
        folder = posixpath.dirname(path)

        def read_text(name: str) -> bytes:
            try:
                return read_blob(GitPlace(self.place.top, self.place.rev,
                                          posixpath.normpath(posixpath.join(folder, name))), MAX_TEXT_FILE_BYTES)
            except GitError as exc:
                raise OSError(errno.EIO, str(exc)) from None

        return read_text
