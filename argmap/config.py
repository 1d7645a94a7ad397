"""Configuration: ``[tool.argmap]`` in ``pyproject.toml``, or the same keys in ``.argmap.toml``.

Each map is checked with the configuration nearest to it, as ruff resolves its own:
the first folder, from the map's folder upward, that holds a ``.argmap.toml`` or a
``pyproject.toml`` with a ``[tool.argmap]`` table (a ``pyproject.toml`` without one
does not stop the search; in one folder, ``.argmap.toml`` wins). A configuration
stands alone unless it says ``extend = "PATH"``: then the file it names (which must
lie inside the repository) is read first and this one is laid over it. ``--config``
names one file for every map; ``--no-config`` reads none. Which files are checked
(``paths``, ``exclude``) comes from the configuration found from the working folder.

Rules are chosen in layers, as ruff chooses them: the default rules, then each
file's (the extended file's first), then the command line's. In each layer
``select`` replaces the rules so far, ``extend-select`` adds to them, and
``ignore`` and ``extend-ignore`` take away. Globs (``paths``, ``exclude``,
``per-file-ignores``) are relative to the folder of the file that holds them.

Nothing here prints: a bad file raises :class:`ConfigError`, whose text is one line.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .checker import CheckConfig
from .loader import MAX_FILE_BYTES
from .problems import ERROR, OFF, SEVERITIES
from .repo import inside, repository
from .textsafe import shown

LOCAL_FILE = ".argmap.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("extend", "paths", "exclude", "select", "extend-select", "ignore", "extend-ignore", "strict",
        "per-file-ignores", "severity")
MAX_EXTENDS = 20
"""Longest chain of ``extend``: enough for any real layout, short enough to stop a loop early."""


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Selection:
    """One layer of rule choice: a configuration file's or the command line's."""

    select: frozenset[str] | None = None
    extend_select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    """``ignore`` and ``extend-ignore`` together: both take rules away."""

    def apply(self, enabled: set[str]) -> set[str]:
        chosen = set(self.select) if self.select is not None else set(enabled)
        return (chosen | self.extend_select) - self.ignore


@dataclass
class Settings:
    """What a configuration file says (with what it extends), codes resolved and globs kept with their folder."""

    file: Path | None = None
    """The file the settings come from; None when there is none."""
    root: Path = field(default_factory=Path.cwd)
    """The folder of that file: ``paths`` are relative to it."""
    extends: list[Path] = field(default_factory=list)
    """The files ``extend`` read, nearest first."""
    paths: list[Path] | None = None
    exclude: list[tuple[str, Path]] = field(default_factory=list)
    """(glob, the folder it is relative to)."""
    layers: list[Selection] = field(default_factory=list)
    strict: bool | None = None
    per_file_ignores: list[tuple[str, Path, set[str]]] = field(default_factory=list)
    """(glob, the folder it is relative to, codes)."""
    severity: dict[str, str] = field(default_factory=dict)
    max_bytes: int = MAX_FILE_BYTES
    """Largest map file read (``--max-bytes``; not a configuration-file key)."""
    thesis: str | None = None
    """The statement the thesis rules argue from (``--thesis``; not a configuration-file key)."""

    def merged(self, select: set[str] | None = None, ignore: set[str] | None = None,
               strict: bool | None = None, max_bytes: int | None = None,
               extend_select: set[str] | None = None, thesis: str | None = None) -> Settings:
        """These settings with the command line's flags as the last layer.

        ``--select`` replaces the rules chosen so far, ``--extend-select`` adds to
        them, and ``--ignore``/``--extend-ignore`` take away; a rule the command line
        selects by name comes back even where ``severity`` turns it off.
        ``--strict``/``--no-strict`` replace ``strict``.
        """
        merged = replace(self)
        if select or ignore or extend_select:
            named = set(select or ()) | set(extend_select or ())
            merged.layers = [*self.layers, Selection(frozenset(select) if select else None,
                                                     frozenset(extend_select or ()), frozenset(ignore or ()))]
            merged.severity = {code: level for code, level in self.severity.items()
                               if not (code in named and level == OFF)}
        if strict is not None:
            merged.strict = strict
        if max_bytes is not None:
            merged.max_bytes = max_bytes
        if thesis is not None:
            merged.thesis = thesis
        return merged

    def enabled(self) -> set[str]:
        """The codes of the rules that run: the default rules with every layer applied in turn."""
        from .rules import RULES

        enabled = {code for code, rule in RULES.items() if rule.severity != OFF and not rule.default_off}
        for layer in self.layers:
            enabled = layer.apply(enabled)
        return enabled

    @cached_property
    def excluded(self) -> PathMatcher:
        """A predicate for the paths ``exclude`` leaves out (built once)."""
        return PathMatcher.of(self.exclude)

    @cached_property
    def check_configs(self) -> ConfigForFile:
        """A function from a map's path to the :class:`CheckConfig` to check it with (built once)."""
        return ConfigForFile(self)


class ConfigForFile:
    """The check configuration for each file: the settings plus its ``per-file-ignores``."""

    def __init__(self, settings: Settings) -> None:
        self.base = CheckConfig(select=settings.enabled(), severity=dict(settings.severity),
                                max_bytes=settings.max_bytes, strict=bool(settings.strict), thesis=settings.thesis)
        self.matchers = [(PathMatcher.of([(glob, root)]), codes) for glob, root, codes in settings.per_file_ignores]
        self._cache: dict[frozenset[str], CheckConfig] = {frozenset(): self.base}

    def extra_ignores(self, path: str | Path) -> frozenset[str]:
        """The codes ``per-file-ignores`` adds for ``path``."""
        return frozenset(code for matcher, codes in self.matchers if matcher(Path(path)) for code in codes)

    def __call__(self, path: str | Path) -> CheckConfig:
        extra = self.extra_ignores(path)
        config = self._cache.get(extra)
        if config is None:
            config = self._cache[extra] = replace(self.base, ignore=self.base.ignore | extra)
        return config


class Configurations:
    """The settings that apply to each map: the file ``--config`` names, none, or the nearest one.

    Files are read once each and looked up once per folder. ``cli`` holds the
    command line's flags (the keyword arguments of :meth:`Settings.merged`).
    """

    def __init__(self, config_file: Path | None = None, no_config: bool = False, **cli) -> None:
        self.cli = cli
        self.fixed: Settings | None = None
        if no_config:
            self.fixed = Settings().merged(**cli)
        elif config_file is not None:
            self.fixed = load_settings(config_file).merged(**cli)
        self._files: dict[Path | None, Settings] = {}
        self._folders: dict[str, Settings] = {}

    def in_folder(self, folder: str | Path) -> Settings:
        """The settings that apply to the files of ``folder``."""
        if self.fixed is not None:
            return self.fixed
        key = os.path.abspath(folder)
        found = self._folders.get(key)
        if found is None:
            path = find_config(Path(key))
            found = self._files.get(path)
            if found is None:
                found = self._files[path] = (load_settings(path) if path else Settings()).merged(**self.cli)
            self._folders[key] = found
        return found

    def for_file(self, path: str | Path) -> Settings:
        """The settings that apply to the map ``path`` (which need not exist: a stdin name counts)."""
        return self.in_folder(os.path.dirname(os.path.abspath(path)))

    def check_config(self, path: str | Path) -> CheckConfig:
        """The :class:`CheckConfig` to check the map ``path`` with."""
        return self.for_file(path).check_configs(path)

    def per_file_ignores(self, path: str | Path) -> frozenset[str]:
        """The codes that ``per-file-ignores`` turns off for ``path``."""
        return self.for_file(path).check_configs.extra_ignores(path)

    def excluded(self, path: Path) -> bool:
        """True when the configuration of the working folder, or the one nearest ``path``, excludes it."""
        return self.in_folder(os.getcwd()).excluded(path) or self.for_file(path).excluded(path)


def describe(configs: Configurations, path: Path) -> str:
    """What ``argmap check --show-settings PATH`` prints: the settings that apply to ``path`` and their source."""
    from .rules import RULES

    settings = configs.for_file(path)
    config = configs.check_config(path)
    lines = [f"Settings for {_name(path)}"]
    if configs.fixed is not None and settings.file is None:
        lines.append("  configuration: none (--no-config)")
    elif settings.file is None:
        lines.append("  configuration: none found (the defaults)")
    else:
        how = " (--config)" if configs.fixed is not None else ""
        lines.append(f"  configuration: {_name(settings.file)}{how}")
        lines.extend(f"  extends: {_name(extended)}" for extended in settings.extends)
    lines.append(f"  strict: {'true' if config.strict else 'false'}")
    lines.append(f"  max-bytes: {config.max_bytes}")
    extra = configs.per_file_ignores(path)
    if extra:
        lines.append(f"  per-file-ignores: {', '.join(sorted(extra))}")
    lines.append("  rules:")
    for code, rule in RULES.items():
        lines.append(f"    {code} {rule.name}: {config.severity_of(code)}")
    return "\n".join(lines) + "\n"


class PathMatcher:
    """Whether a path matches one of some globs, taken relative to ``root``.

    A glob with a ``/`` is anchored at ``root``; one without matches a file or folder
    name at any depth. ``*`` and ``?`` stay within one name, ``**`` spans folders, and
    a glob that matches a folder matches everything in it. Matching never backtracks
    without bound: names are compared one by one with :func:`fnmatch.fnmatchcase`
    (linear since Python 3.9), and ``**`` is a walk over the names, so a glob costs
    time in proportion to its segments times the path's names.

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
        self.globs = [(glob_segments(glob), os.path.abspath(root)) for glob in globs]

    @classmethod
    def of(cls, globs: list[tuple[str, Path]]) -> PathMatcher:
        """One matcher for globs that may be relative to different folders: ``(glob, folder)`` pairs."""
        matcher = cls([], Path())
        matcher.globs = [(glob_segments(glob), os.path.abspath(root)) for glob, root in globs]
        return matcher

    def __call__(self, path: Path) -> bool:
        absolute = os.path.abspath(path)
        names_under: dict[str, list[str] | None] = {}  # folder -> the path's names below it (None: not below)
        for segments, root in self.globs:
            if root not in names_under:
                relative = os.path.relpath(absolute, root).replace(os.sep, "/")
                outside = relative == ".." or relative.startswith("../")
                names_under[root] = None if outside else relative.split("/")
            names = names_under[root]
            if names is not None and segments_match(segments, names):
                return True
        return False


def glob_segments(glob: str) -> list[str]:
    """A glob as its names, ``**`` for any run of folders; an unanchored glob (no ``/``) starts with ``**``.

    Examples
    --------
    >>> glob_segments("./arguments/old/"), glob_segments("*.wip.yaml"), glob_segments("a/**/b")
    (['arguments', 'old'], ['**', '*.wip.yaml'], ['a', '**', 'b'])
    """
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    anchored = "/" in glob.rstrip("/")
    segments = [segment for segment in glob.strip("/").split("/") if segment]
    return segments if anchored else ["**", *segments]


def segments_match(segments: list[str], names: list[str]) -> bool:
    """True when the glob ``segments`` match ``names`` or a leading part of them (a folder and what is in it).

    The states are the places in the glob reached after each name: a set, so the walk
    is linear in the names for a glob of a few segments.
    """
    places = _closure({0}, segments)
    for name in names:
        if len(segments) in places:
            return True  # the glob matched a folder above the rest of the path
        reached = set()
        for place in places:
            if place == len(segments):
                continue
            segment = segments[place]
            if segment == "**":
                reached.add(place)  # ** takes this name and may take more
            elif fnmatch.fnmatchcase(name, segment.replace("**", "*")):
                reached.add(place + 1)
        places = _closure(reached, segments)
        if not places:
            return False
    return len(segments) in places


def _closure(places: set[int], segments: list[str]) -> set[int]:
    """``places`` with every place after a ``**`` that may take no name."""
    found = set(places)
    for place in sorted(places):
        while place < len(segments) and segments[place] == "**":
            place += 1
            found.add(place)
    return found


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
        raise ConfigError(f"{_name(pyproject)}: cannot read it: {exc.strerror or exc}") from None
    if b"argmap" not in data:  # most pyproject.toml files: no need to parse them
        return False
    return _parse(pyproject, data).get("tool", {}).get("argmap") is not None


def _parse(path: Path, data: bytes) -> dict:
    import tomllib  # only when a file needs reading

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_name(path)}: not UTF-8 (byte at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_name(path)}: invalid TOML: {shown(str(exc), 200)}") from None


def load_settings(path: Path, chain: tuple[Path, ...] = ()) -> Settings:
    """Read the settings in ``path``: ``[tool.argmap]`` of a ``pyproject.toml``, else the whole file.

    ``chain`` holds the files that extend this one (to stop a loop of ``extend``).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{_name(path)}: cannot read it: {exc.strerror or exc}") from None
    document = _parse(path, data)
    where = _name(path)
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("argmap")
        if table is None:
            raise ConfigError(f"{where}: has no [tool.argmap] table")
        where = f"{where}: [tool.argmap]"
    else:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    base = None
    if "extend" in table:
        base = _extended(table["extend"], path, where, chain)
    return settings_from_table(table, path, where, base)


def _extended(value, path: Path, where: str, chain: tuple[Path, ...]) -> Settings:
    """The settings of the file ``extend = value`` names in the configuration ``path``."""
    what = f"{where}: `extend`"
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{what} must be the path of a configuration file")
    target = Path(value)
    if target.is_absolute() or target.drive:
        raise ConfigError(f"{what}: `{shown(value)}` must be relative to the configuration file's folder")
    target = Path(os.path.normpath(path.parent / target))
    top = repository(path.parent)
    if not inside(target, top):
        raise ConfigError(f"{what}: `{shown(value)}` lies outside the repository ({_name(top)})")
    if not target.is_file():
        raise ConfigError(f"{what}: `{shown(value)}` is not a file")
    here = Path(os.path.realpath(path))
    resolved = Path(os.path.realpath(target))
    if resolved == here or resolved in chain:
        raise ConfigError(f"{what}: `{shown(value)}` leads back to a file that extends it (a loop)")
    if len(chain) >= MAX_EXTENDS:
        raise ConfigError(f"{what}: more than {MAX_EXTENDS} files extend one another")
    return load_settings(target, (*chain, here))


def discover_settings(start: Path | None = None) -> Settings:
    """The settings that apply in ``start`` (the working folder); empty when no file applies."""
    path = find_config(start)
    return load_settings(path) if path else Settings()


def settings_from_table(table: dict, path: Path, where: str, base: Settings | None = None) -> Settings:
    """Check and convert a configuration table; ``where`` names it in errors; ``base`` is what it extends."""
    root = Path(os.path.abspath(path.parent))
    settings = replace(base) if base is not None else Settings()
    settings.file, settings.root = path, root
    settings.extends = [base.file, *base.extends] if base is not None and base.file else []
    settings.severity = dict(settings.severity)
    layer: dict[str, frozenset[str]] = {}
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            raise ConfigError(f"{where}: unknown key `{shown(key)}`" + (f" (did you mean `{close[0]}`?)" if close else ""))
        what = f"{where}: `{key}`"
        if key == "paths":
            settings.paths = [_in_repository(root, _inside(item, what), what) for item in _strings(value, what)]
        elif key == "exclude":
            settings.exclude = [(glob, root) for glob in _strings(value, what)]
        elif key in ("select", "extend-select"):
            layer[key] = frozenset(_codes(value, what))
        elif key in ("ignore", "extend-ignore"):
            layer[key] = frozenset(_ignorable(_codes(value, what), what))
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(f"{what} must be true or false")
            settings.strict = value
        elif key == "per-file-ignores":
            settings.per_file_ignores = []
            for glob, codes in _table(value, what).items():
                place = f"{what} `{shown(glob)}`"
                settings.per_file_ignores.append((glob, root, _ignorable(_codes(codes, place), place)))
        elif key == "severity":
            for code, level in _table(value, what).items():
                rule_code = _code(code, what)
                if level not in SEVERITIES:
                    raise ConfigError(f"{what} `{shown(code)}` must be one of {', '.join(SEVERITIES)}, "
                                      f"not {shown(repr(level))}")
                if level != ERROR:
                    _ignorable({rule_code}, what)
                settings.severity[rule_code] = level
    if layer:
        settings.layers = [*settings.layers, Selection(
            layer.get("select"), layer.get("extend-select", frozenset()),
            layer.get("ignore", frozenset()) | layer.get("extend-ignore", frozenset()))]
    return settings


def _name(path: Path) -> str:
    """A file's path for a message: control characters escaped, never shortened."""
    return shown(str(path), 4096)


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


def _in_repository(root: Path, item: str, what: str) -> Path:
    """``path``, refused when resolving its symbolic links leads outside the repository (the git work
    tree of the configuration, else its folder): a link a pull request planted must not make a run read
    files elsewhere on the machine."""
    path = root / item
    if not inside(path, repository(root)):
        raise ConfigError(f"{what}: `{shown(item)}` leads outside the repository through a symbolic link")
    return path


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
