"""Configuration: ``[tool.argmap]`` in ``pyproject.toml``, or the same keys in ``.argmap.toml``.

The file is looked up from the working folder upward. The search stops at the first
folder that holds a ``.argmap.toml`` or a ``pyproject.toml`` with a ``[tool.argmap]``
table (a ``pyproject.toml`` without one does not stop it); in one folder,
``.argmap.toml`` wins. Globs (``paths``, ``exclude``, ``per-file-ignores``) are
relative to the folder of the file that holds them. Command-line flags win over the
file: the CLI merges them with :meth:`Settings.merged`.

Nothing here prints: a bad file raises :class:`ConfigError`, whose text is one line.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checker import CheckConfig
from .loader import MAX_FILE_BYTES
from .problems import ERROR, OFF, SEVERITIES
from .textsafe import shown

LOCAL_FILE = ".argmap.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("paths", "exclude", "select", "ignore", "strict", "per-file-ignores", "severity")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming the file."""


@dataclass
class Settings:
    """What a configuration file says, with codes resolved and globs compiled."""

    file: Path | None = None
    """The file the settings come from; None when there is none."""
    root: Path = field(default_factory=Path.cwd)
    """The folder globs and ``paths`` are relative to."""
    paths: list[Path] | None = None
    exclude: list[str] = field(default_factory=list)
    select: set[str] | None = None
    ignore: set[str] = field(default_factory=set)
    strict: bool | None = None
    per_file_ignores: list[tuple[str, set[str]]] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    max_bytes: int = MAX_FILE_BYTES
    """Largest map file read (``--max-bytes``; not a configuration-file key)."""

    def merged(self, select: set[str] | None = None, ignore: set[str] | None = None,
               strict: bool | None = None, max_bytes: int | None = None) -> Settings:
        """These settings with command-line flags on top, as ruff layers them.

        ``--select`` replaces the file's ``select`` and ``ignore`` (and brings back
        a selected rule that ``severity`` turns off); ``--ignore`` adds to what is
        ignored; ``--strict``/``--no-strict`` replace ``strict``.
        """
        merged = replace(self)
        if select:
            merged.select = set(select)
            merged.ignore = set(ignore or ())
            merged.severity = {code: level for code, level in self.severity.items()
                               if not (code in select and level == OFF)}
        elif ignore:
            merged.ignore = self.ignore | ignore
        if strict is not None:
            merged.strict = strict
        if max_bytes is not None:
            merged.max_bytes = max_bytes
        return merged

    def excluded(self) -> PathMatcher | None:
        """A predicate for the paths ``exclude`` leaves out, or None."""
        return PathMatcher(self.exclude, self.root) if self.exclude else None

    def check_configs(self) -> ConfigForFile:
        """A function from a map's path to the :class:`CheckConfig` to check it with."""
        return ConfigForFile(self)


class ConfigForFile:
    """The check configuration for each file: the settings plus its ``per-file-ignores``."""

    def __init__(self, settings: Settings) -> None:
        self.base = CheckConfig(select=settings.select, ignore=set(settings.ignore),
                                severity=dict(settings.severity), max_bytes=settings.max_bytes)
        self.matchers = [(PathMatcher([glob], settings.root), codes) for glob, codes in settings.per_file_ignores]
        self._cache: dict[frozenset[str], CheckConfig] = {frozenset(): self.base}

    def __call__(self, path: str | Path) -> CheckConfig:
        extra = frozenset(code for matcher, codes in self.matchers if matcher(Path(path)) for code in codes)
        config = self._cache.get(extra)
        if config is None:
            config = self._cache[extra] = replace(self.base, ignore=self.base.ignore | extra)
        return config


class PathMatcher:
    """Whether a path matches one of some globs, taken relative to ``root``.

    A glob with a ``/`` is anchored at ``root``; one without matches a file or folder
    name at any depth. ``*`` and ``?`` stay within one name, ``**`` spans folders, and
    a glob that matches a folder matches everything in it.

    Examples
    --------
    >>> match = PathMatcher(["drafts", "arguments/old/**", "*.wip.yaml"], Path("/repo"))
    >>> [match(Path(p)) for p in ["/repo/drafts/a.yaml", "/repo/x/drafts/b.yaml", "/repo/arguments/old/c.yaml",
    ...                           "/repo/old/c.yaml", "/repo/arguments/d.wip.yaml", "/repo/arguments/d.yaml"]]
    [True, True, True, False, True, False]
    >>> match(Path("/elsewhere/drafts/a.yaml"))
    False
    """

    def __init__(self, globs: list[str], root: Path) -> None:
        self.root = os.path.abspath(root)
        self.regex = re.compile("|".join(f"(?:{glob_regex(glob)})" for glob in globs)) if globs else None

    def __call__(self, path: Path) -> bool:
        if self.regex is None:
            return False
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        if relative == ".." or relative.startswith("../"):
            return False
        return self.regex.fullmatch(relative) is not None


def glob_regex(glob: str) -> str:
    """A regular expression for the relative paths ``glob`` matches (see :class:`PathMatcher`).

    Examples
    --------
    >>> import re
    >>> bool(re.fullmatch(glob_regex("**/x-*.yaml"), "a/b/x-1.yaml")), bool(re.fullmatch(glob_regex("a/*"), "a/b/c"))
    (True, True)
    >>> bool(re.fullmatch(glob_regex("a/*.yaml"), "a/b/c.yaml"))
    False
    """
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    anchored = "/" in glob.rstrip("/")
    glob = glob.strip("/")
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            inner = glob[i + 1:end]
            negate = inner[:1] == "!"
            inner = inner[1:] if negate else inner
            out.append(f"[{'^' if negate else ''}{re.escape(inner).replace(chr(92) + '-', '-')}]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    body = "".join(out)
    return f"{'' if anchored else '(?:.*/)?'}{body}(?:/.*)?"


# -- finding and reading the file ---------------------------------------------------

def find_config(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (the working folder), or None."""
    folder = Path(os.path.abspath(start or Path.cwd()))
    for candidate in (folder, *folder.parents):
        local = candidate / LOCAL_FILE
        if local.is_file():
            return local
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_argmap_table(pyproject):
            return pyproject
    return None


def _has_argmap_table(pyproject: Path) -> bool:
    try:
        data = pyproject.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{pyproject}: cannot read it: {exc.strerror or exc}") from None
    if b"argmap" not in data:  # most pyproject.toml files: no need to parse them
        return False
    return _parse(pyproject, data).get("tool", {}).get("argmap") is not None


def _parse(path: Path, data: bytes) -> dict:
    import tomllib  # only when a file needs reading

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_settings(path: Path) -> Settings:
    """Read the settings in ``path``: ``[tool.argmap]`` of a ``pyproject.toml``, else the whole file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    document = _parse(path, data)
    where = f"{path}"
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("argmap")
        if table is None:
            raise ConfigError(f"{path}: has no [tool.argmap] table")
        where = f"{path}: [tool.argmap]"
    else:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    return settings_from_table(table, path, where)


def discover_settings(start: Path | None = None) -> Settings:
    """The settings that apply in ``start`` (the working folder); empty when no file applies."""
    path = find_config(start)
    return load_settings(path) if path else Settings()


def settings_from_table(table: dict, path: Path, where: str) -> Settings:
    """Check and convert a configuration table; ``where`` names it in errors."""
    root = Path(os.path.abspath(path.parent))
    settings = Settings(file=path, root=root)
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            raise ConfigError(f"{where}: unknown key `{key}`" + (f" (did you mean `{close[0]}`?)" if close else ""))
        what = f"{where}: `{key}`"
        if key == "paths":
            settings.paths = [root / _inside(item, what) for item in _strings(value, what)]
        elif key == "exclude":
            settings.exclude = _strings(value, what)
        elif key == "select":
            settings.select = _codes(value, what)
        elif key == "ignore":
            settings.ignore = _ignorable(_codes(value, what), what)
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(f"{what} must be true or false")
            settings.strict = value
        elif key == "per-file-ignores":
            for glob, codes in _table(value, what).items():
                place = f"{what} `{glob}`"
                settings.per_file_ignores.append((glob, _ignorable(_codes(codes, place), place)))
        elif key == "severity":
            for code, level in _table(value, what).items():
                rule_code = _code(code, what)
                if level not in SEVERITIES:
                    raise ConfigError(f"{what} `{code}` must be one of {', '.join(SEVERITIES)}, not {level!r}")
                if level != ERROR:
                    _ignorable({rule_code}, what)
                settings.severity[rule_code] = level
    return settings


def _table(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a table")
    return value


def _inside(item: str, what: str) -> str:
    """A configured path, refused when it leaves the configuration file's folder.

    A configuration file arrives with the pull request it is part of, so its `paths`
    must not make a CI run read files elsewhere on the machine (and quote them in the
    log). A PATH on the command line may name anything.
    """
    path = Path(item)
    if path.is_absolute() or path.drive or path.anchor:
        raise ConfigError(f"{what}: `{shown(item)}` must be relative to the configuration file's folder")
    if ".." in path.parts:
        raise ConfigError(f"{what}: `{shown(item)}` leaves the configuration file's folder with `..`")
    return item


def _strings(value, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{what} must be a list of strings")
    return value


def _codes(value, what: str) -> set[str]:
    if isinstance(value, str):  # `select = "AM101"`: almost certainly meant as a list of one
        raise ConfigError(f"{what} must be a list of rules: write [\"{shown(value)}\"]")
    return {_code(item, what) for item in _strings(value, what)}


def _ignorable(codes: set[str], what: str) -> set[str]:
    """``codes``, refused when one is a structural rule (AM001-AM008): a broken map must never pass."""
    from .rules import RULES, structural_refusal

    for code in sorted(codes):
        if RULES[code].structural:
            raise ConfigError(f"{what}: {structural_refusal(RULES[code])}")
    return codes


def _code(item: str, what: str) -> str:
    from .rules import find_rule, spelling

    rule = find_rule(item.strip())
    if rule is None:
        raise ConfigError(f"{what}: unknown rule `{shown(item)}` (`argmap rules` lists them)")
    if item not in (rule.code, rule.name):  # as everywhere: codes in capitals, names in lower case
        raise ConfigError(f"{what}: unknown rule `{shown(item)}` (did you mean `{spelling(rule, item)}`?)")
    return rule.code
